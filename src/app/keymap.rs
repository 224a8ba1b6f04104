//! Keys to actions. Pure: the same app state and key always give the same action.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::form::{FieldKind, Row};
use super::steps::Step;
use super::{Action, App, Popup, Screen};
use crate::config::KeyAction;

/// The action a key asks for in the current state, if any.
pub fn map(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let keys = &app.settings.keys;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Some(Action::Quit),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        KeyCode::F(1) => return Some(Action::Help),
        _ => {}
    }
    if let Some(popup) = &app.popup {
        if matches!(
            popup,
            Popup::Due { panel: Some(_), .. }
                | Popup::Arc { panel: Some(_), .. }
                | Popup::Plan { .. }
        ) {
            return form_typing(app, key);
        }
        return match (popup, key.code) {
            (Popup::Due { .. }, KeyCode::Char('m')) => Some(Action::NewMeeting),
            (Popup::Due { .. }, KeyCode::Char('c')) => Some(Action::QuickCheckin),
            (Popup::Due { .. }, KeyCode::Char('1')) => Some(Action::Snooze(1)),
            (Popup::Due { .. }, KeyCode::Char('3')) => Some(Action::Snooze(3)),
            (Popup::Due { .. }, KeyCode::Char('s')) => Some(Action::SnoozeUntil),
            (Popup::Due { .. }, KeyCode::Char('r')) => Some(Action::Reschedule),
            (Popup::Due { .. }, KeyCode::Char('n') | KeyCode::Down | KeyCode::Tab) => {
                Some(Action::Next)
            }
            (Popup::Due { .. }, KeyCode::Esc | KeyCode::Char('q')) => Some(Action::Back),
            (Popup::Due { .. }, _) => None,
            (Popup::Arc { .. }, KeyCode::Char('e')) => Some(Action::Extend),
            (Popup::Arc { .. }, KeyCode::Char('c')) => Some(Action::CloseRelationship),
            (Popup::Arc { .. }, KeyCode::Char('s')) => Some(Action::TakeSurvey),
            (Popup::SurveyOffer { .. }, KeyCode::Enter) => Some(Action::Yes),
            (Popup::Arc { .. }, KeyCode::Esc | KeyCode::Char('l')) => Some(Action::Back),
            (Popup::Arc { .. }, _) => None,
            (Popup::Help, _) => Some(Action::Back),
            (Popup::SharePrivate { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
            (Popup::SharePrivate { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
            (Popup::Damaged { .. }, KeyCode::Enter | KeyCode::Esc) => Some(Action::Back),
            (Popup::Damaged { .. }, _) => None,
            (Popup::ResumeDraft { .. }, KeyCode::Char('r' | 'R' | 'y' | 'Y') | KeyCode::Enter) => {
                Some(Action::Yes)
            }
            (Popup::ResumeDraft { .. }, KeyCode::Char('d' | 'D' | 'n' | 'N')) => Some(Action::No),
            (Popup::GoalStatus { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
            (Popup::GoalStatus { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
            (Popup::GoalStatus { .. }, KeyCode::Enter) => Some(Action::Confirm),
            (Popup::FinalRating { .. }, KeyCode::Char(c @ '1'..='5')) => {
                Some(Action::Rate(c as u8 - b'0'))
            }
            (Popup::FinalRating { .. }, KeyCode::Enter | KeyCode::Tab) => Some(Action::Confirm),
            (_, KeyCode::Char('y' | 'Y')) => Some(Action::Yes),
            (_, KeyCode::Char('n' | 'N')) => Some(Action::No),
            (_, KeyCode::Esc) => Some(Action::Back),
            _ => None,
        };
    }
    if keys.is(KeyAction::Save, &key) {
        return Some(Action::Save);
    }
    if app.typing() {
        return typing(app, key);
    }
    if keys.is(KeyAction::Quit, &key) {
        return Some(Action::Quit);
    }
    if keys.is(KeyAction::Help, &key) {
        return Some(Action::Help);
    }
    let common = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    if key.code == KeyCode::Char('/') && !matches!(&app.screen, Screen::Onboarding(_)) {
        return Some(Action::OpenSearch);
    }
    let journal_keys = matches!(
        &app.screen,
        Screen::Home(_)
            | Screen::Timeline(_)
            | Screen::View(_)
            | Screen::Actions(_)
            | Screen::GoalDetail(_)
    );
    let in_trash = matches!(&app.screen, Screen::Timeline(t) if t.filter.trash);
    if journal_keys && !in_trash {
        if keys.is(KeyAction::NewMeeting, &key) {
            return Some(Action::NewMeeting);
        }
        if keys.is(KeyAction::NewReflection, &key) {
            return Some(Action::NewReflection);
        }
        if keys.is(KeyAction::ActionItems, &key)
            && matches!(&app.screen, Screen::Home(_) | Screen::Timeline(_))
        {
            return Some(Action::OpenActions);
        }
    }
    let back = matches!(
        key.code,
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h')
    );
    match &app.screen {
        Screen::Home(_) => {
            if keys.is(KeyAction::NewRelationship, &key) {
                Some(Action::NewRelationship)
            } else if keys.is(KeyAction::Goals, &key) {
                Some(Action::OpenGoals)
            } else if key.code == KeyCode::Char('v') {
                Some(Action::OpenPulse)
            } else if key.code == KeyCode::Char('c') {
                Some(Action::OpenPlan)
            } else if key.code == KeyCode::Char('R') {
                Some(Action::OpenReview)
            } else if key.code == KeyCode::Char('b') {
                Some(Action::OpenPrep)
            } else if keys.is(KeyAction::UpdateProgress, &key) {
                Some(Action::UpdateProgress)
            } else if keys.is(KeyAction::Timeline, &key) {
                Some(Action::OpenTimeline)
            } else if key.code == KeyCode::Enter || keys.is(KeyAction::Edit, &key) {
                Some(Action::Confirm)
            } else {
                None
            }
        }
        Screen::Timeline(t) if t.filter.trash => match key.code {
            _ if back => Some(Action::Back),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            KeyCode::Enter | KeyCode::Char('r') => Some(Action::Restore),
            KeyCode::Char('E') => Some(Action::EmptyTrash),
            _ => None,
        },
        Screen::Timeline(_) => match key.code {
            _ if back => Some(Action::Back),
            _ if keys.is(KeyAction::Edit, &key) => Some(Action::EditEntry),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Some(Action::Confirm),
            KeyCode::Char('d') | KeyCode::Delete => Some(Action::TrashEntry),
            KeyCode::Char('u') => Some(Action::UndoTrash),
            KeyCode::Char('f' | '/') => Some(Action::Filter),
            KeyCode::Char('x') => Some(Action::ClearFilter),
            KeyCode::Char('T') => Some(Action::OpenTrash),
            _ => None,
        },
        Screen::View(_) => match key.code {
            _ if back => Some(Action::Back),
            _ if keys.is(KeyAction::Edit, &key) => Some(Action::EditEntry),
            KeyCode::Enter => Some(Action::EditEntry),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            KeyCode::Char('d') | KeyCode::Delete => Some(Action::TrashEntry),
            _ => None,
        },
        Screen::Actions(_) => match key.code {
            _ if back => Some(Action::Back),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            KeyCode::Char(' ' | 'x') => Some(Action::Toggle),
            KeyCode::Enter => Some(Action::Confirm),
            _ => None,
        },
        Screen::Goals(_) => match key.code {
            _ if back => Some(Action::Back),
            _ if keys.is(KeyAction::UpdateProgress, &key) => Some(Action::UpdateProgress),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Some(Action::Confirm),
            KeyCode::Char('n' | 'a') => Some(Action::NewGoal),
            _ => None,
        },
        Screen::GoalDetail(_) => match key.code {
            _ if back => Some(Action::Back),
            _ if keys.is(KeyAction::UpdateProgress, &key) => Some(Action::UpdateProgress),
            _ if keys.is(KeyAction::Edit, &key) => Some(Action::EditEntry),
            KeyCode::Char(' ' | 'x') => Some(Action::Toggle),
            KeyCode::Char('s') => Some(Action::ChangeStatus),
            _ => None,
        },
        Screen::Review(_) => match key.code {
            KeyCode::Char('L') => Some(Action::LeaveReview),
            KeyCode::Char('p') => Some(Action::NextPeriod),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::First),
            _ if back => Some(Action::Back),
            _ => None,
        },
        Screen::Prep(_) => match key.code {
            _ if back => Some(Action::Back),
            _ if keys.is(KeyAction::NewMeeting, &key) => Some(Action::NewMeeting),
            _ => None,
        },
        Screen::Search(_) => None,
        Screen::Pulse(_) => match key.code {
            _ if back => Some(Action::Back),
            KeyCode::Enter | KeyCode::Char('s' | 'n') => Some(Action::TakeSurvey),
            _ => None,
        },
        // Forms take every key as typing (see `typing`).
        Screen::Entry(_) | Screen::GoalForm(_) | Screen::Survey(_) => None,
        Screen::Agreement(_) => {
            if key.code == KeyCode::Enter || keys.is(KeyAction::Edit, &key) {
                Some(Action::EditAnswer)
            } else {
                match key.code {
                    KeyCode::Esc | KeyCode::Backspace | KeyCode::Left | KeyCode::Char('h') => {
                        Some(Action::Back)
                    }
                    _ => None,
                }
            }
        }
        Screen::Onboarding(_) => match key.code {
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Tab => Some(Action::Next),
            KeyCode::BackTab | KeyCode::Esc => Some(Action::Back),
            KeyCode::Char(' ') => Some(Action::Toggle),
            _ => None,
        },
    }
}

/// Keys while the cursor is in a text field: characters are typed; only keys with Ctrl or
/// Alt (and the navigation keys) are commands.
fn typing(app: &App, key: KeyEvent) -> Option<Action> {
    let keys = &app.settings.keys;
    for (action, out) in [
        (KeyAction::Quit, Action::Quit),
        (KeyAction::Help, Action::Help),
    ] {
        let binding = keys.get(action);
        if !binding.modifiers.is_empty() && binding.matches(&key) {
            return Some(out);
        }
    }
    if matches!(
        &app.screen,
        Screen::Entry(_)
            | Screen::Timeline(_)
            | Screen::GoalForm(_)
            | Screen::GoalDetail(_)
            | Screen::Survey(_)
            | Screen::Search(_)
    ) {
        return form_typing(app, key);
    }
    let multiline = matches!(
        &app.screen,
        Screen::Onboarding(w) if matches!(w.form.current(), Some(Row::Field { kind: FieldKind::Text { multiline: true }, .. }))
    );
    if let Some(edit) = super::edit_keys::map(multiline, key) {
        return Some(edit);
    }
    Some(match key.code {
        KeyCode::Enter => Action::Confirm,
        KeyCode::Tab => Action::Next,
        KeyCode::BackTab | KeyCode::Esc => Action::Back,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        _ => return None,
    })
}

/// Keys in the meeting and reflection forms and the filter panel.
fn form_typing(app: &App, key: KeyEvent) -> Option<Action> {
    let keys = &app.settings.keys;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let long = match &app.screen {
        Screen::Survey(f) => f.fields.on_long(),
        Screen::Entry(w) => w.form.fields.on_long(),
        Screen::GoalForm(f) => f.fields.on_long(),
        _ => false,
    };
    if keys.is(KeyAction::ExternalEditor, &key) {
        return Some(Action::ExternalEdit);
    }
    if key.code == KeyCode::Char('p') && ctrl {
        return Some(Action::NextPrompt);
    }
    if let Some(edit) = super::edit_keys::map(long, key) {
        return Some(edit);
    }
    Some(match key.code {
        KeyCode::Enter => Action::Confirm,
        KeyCode::Tab => Action::Next,
        KeyCode::BackTab => Action::Prev,
        KeyCode::Esc => Action::Back,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        _ => return None,
    })
}

/// The keys of the current screen, for the help popup: (keys, what they do).
pub fn help(app: &App) -> Vec<(String, String)> {
    let k = |a: KeyAction| app.settings.keys.label(a);
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut add = |keys: &str, what: &str| rows.push((keys.to_string(), what.to_string()));
    match &app.screen {
        Screen::Home(_) => {
            add("↑ ↓  j k", "choose a relationship");
            add(
                &format!("Enter  {}", k(KeyAction::Edit)),
                "open its agreement",
            );
            add(
                &k(KeyAction::NewRelationship),
                "add a relationship (or finish the one you started)",
            );
            add(
                &k(KeyAction::Timeline),
                "the timeline: meetings and reflections, newest first",
            );
            add(
                &k(KeyAction::NewMeeting),
                "log a meeting with the highlighted person",
            );
            add(&k(KeyAction::NewReflection), "write a reflection");
            add(&k(KeyAction::ActionItems), "open action items, everyone's");
            add(&k(KeyAction::Goals), "the goals, by status");
            add(
                "v",
                "the pulse surveys of the highlighted person, as trends",
            );
            add(
                "b",
                "prepare the next session: open items, things to bring up, goals",
            );
            add(
                "R",
                "pair review: the two of you on one screen, private entries hidden",
            );
            add("/", "search everything (also from the other screens)");
            add(
                &k(KeyAction::UpdateProgress),
                "note progress on the highlighted person's active goal",
            );
        }
        Screen::Timeline(t) if t.filter.trash => {
            add("↑ ↓  j k", "choose an entry");
            add("Enter  r", "restore it to the timeline");
            add("E", "empty the trash (asks first)");
            add("Esc  h", "back to the timeline");
        }
        Screen::Entry(w) => {
            add("Tab  Shift-Tab", "next / previous field");
            add("↑ ↓", "move (inside a long text: by line)");
            add("← →  Space", "change a choice, tick a box (Enter too)");
            add(&k(KeyAction::Save), "save");
            add("Esc", "leave (asks when something is unsaved)");
            add(
                &k(KeyAction::ExternalEditor),
                "write the long text in $VISUAL / $EDITOR",
            );
            for (keys, what) in super::edit_keys::help_rows(true) {
                add(&keys, &what);
            }
            if w.form.kind == crate::store::EntryKind::Reflection {
                add("Ctrl-P", "another prompt (or none)");
            }
        }
        Screen::Goals(_) => {
            add("↑ ↓  j k", "choose a goal");
            add("Enter", "open it: milestones, progress, history");
            add(&k(KeyAction::UpdateProgress), "note progress on it");
            add("n", "add a goal");
            add("Esc  h", "back to your relationships");
        }
        Screen::GoalDetail(_) => {
            add("↑ ↓", "choose a milestone");
            add("Space  x", "tick it done (again: open again)");
            add(&k(KeyAction::UpdateProgress), "note progress");
            add("s", "change the status (achieved, paused, …)");
            add(&k(KeyAction::Edit), "edit the goal and its milestones");
            add(&k(KeyAction::NewReflection), "write a reflection about it");
            add("Esc  h", "back to the goals");
        }
        Screen::GoalForm(_) => {
            add("Tab  Shift-Tab", "next / previous field");
            add("← →  Space", "change a choice");
            add(&k(KeyAction::Save), "save");
            add("Esc", "leave (asks when something is unsaved)");
            add(
                "New milestone",
                "type into it to add a step; empty a step to drop it",
            );
            for (keys, what) in super::edit_keys::help_rows(true) {
                add(&keys, &what);
            }
        }
        Screen::Survey(_) => {
            add("↑ ↓  Tab", "the next or previous statement");
            add("1 to 5", "rate it (← → also change it)");
            add(&k(KeyAction::Save), "save the survey");
            add("Esc", "leave (asks when something is answered)");
            for (keys, what) in super::edit_keys::help_rows(true) {
                add(&keys, &what);
            }
        }
        Screen::Search(_) => {
            add(
                "type",
                "words to find; #tag kind:goal with:Sam after:2026-01-01 before:… private shared",
            );
            add("↑ ↓", "choose a result");
            add("Enter", "open it");
            add("Esc", "back");
            for (keys, what) in super::edit_keys::help_rows(false) {
                add(&keys, &what);
            }
        }
        Screen::Review(_) => {
            add("↑ ↓  PgUp PgDn", "scroll");
            add(
                "p",
                "the period: since the last review, 3 months, since the start",
            );
            add("/", "search (private entries are left out)");
            add("L", "leave pair review");
        }
        Screen::Prep(_) => {
            add("↑ ↓  PgUp PgDn", "scroll");
            add(
                &k(KeyAction::NewMeeting),
                "log the meeting with this as its agenda",
            );
            add("Esc  h", "back to your relationships");
        }
        Screen::Pulse(_) => {
            add("Enter  s", "take the pulse survey now");
            add("Esc  h", "back to your relationships");
        }
        Screen::View(_) => {
            add("↑ ↓  PgUp PgDn", "scroll");
            add(&format!("{}  Enter", k(KeyAction::Edit)), "edit it");
            add("d", "move it to the trash");
            add(&k(KeyAction::NewReflection), "write a reflection about it");
            add(&k(KeyAction::NewMeeting), "log the next meeting");
            add("Esc  h", "back");
        }
        Screen::Actions(_) => {
            add("↑ ↓  j k", "choose an item");
            add("Space  x", "tick it done (again: open again)");
            add("Enter", "open the meeting it came from");
            add(&k(KeyAction::NewMeeting), "log a meeting");
            add("Esc  h", "back to your relationships");
        }
        Screen::Timeline(_) => {
            add(
                "↑ ↓  j k",
                "move through the entries (older ones load as you go)",
            );
            add("PageUp PageDown", "a screenful at a time");
            add("Home  g", "back to the newest");
            add("Enter", "read the entry");
            add(&k(KeyAction::Edit), "edit it");
            add("d  u", "move it to the trash / bring it back");
            add("f  x", "filter (person, kind, tag, private, dates) / clear");
            add("T", "the trash");
            add(
                &format!(
                    "{}  {}",
                    k(KeyAction::NewMeeting),
                    k(KeyAction::NewReflection)
                ),
                "log a meeting / write a reflection",
            );
            add("Esc  h", "back to your relationships");
        }
        Screen::Agreement(_) => {
            add("↑ ↓  j k", "choose an answer");
            add(
                &format!("Enter  {}", k(KeyAction::Edit)),
                "change the highlighted answer",
            );
            add("Esc  h", "back to your relationships");
        }
        Screen::Onboarding(w) => {
            if *w.step() == Step::Review {
                add("↑ ↓", "choose an answer");
                add(
                    "Enter",
                    "change it (or, on the last row, save the agreement)",
                );
                add(&k(KeyAction::Save), "save the agreement");
            } else {
                let field = match w.form.current() {
                    Some(Row::Field { kind, .. }) => {
                        Some(*kind == FieldKind::Text { multiline: true })
                    }
                    _ => None,
                };
                let long = field == Some(true);
                if !long {
                    add(
                        "Enter",
                        "save and go on; on a list, takes the highlighted one",
                    );
                }
                add(
                    "Tab",
                    if long {
                        "save and go on (or skip the step)"
                    } else {
                        "go on; skips a step you have not answered"
                    },
                );
                add("Shift-Tab  Esc", "go back (nothing you typed is lost)");
                add("↑ ↓", "move between choices and fields");
                add("Space", "tick or untick a choice");
                if let Some(long) = field {
                    for (keys, what) in super::edit_keys::help_rows(long) {
                        add(&keys, &what);
                    }
                }
            }
        }
    }
    if matches!(
        &app.screen,
        Screen::Entry(_) | Screen::GoalForm(_) | Screen::Survey(_)
    ) {
        add("F1", "this help");
        add(
            "Ctrl-C",
            "quit; what you typed is kept and offered next time",
        );
    } else {
        add(
            &format!("{}  F1", k(KeyAction::Help)),
            "this help (F1 also works while typing)",
        );
        add(
            &format!("{}  Ctrl-C", k(KeyAction::Quit)),
            "quit (Ctrl-C also works while typing)",
        );
    }
    add("Ctrl-Z", "suspend; `fg` brings mentorlog back");
    rows
}
