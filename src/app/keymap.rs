//! Keys to actions. Pure: the same app state and key always give the same action. Which
//! key does what is the key table's (`config::keys`); this file says which part of the
//! table applies now and what each command does in the app.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::form::FieldKind;
use super::steps::Step;
use super::{Action, App, Popup, Screen};
use crate::config::{Command, Context};

/// The action a key asks for in the current state, if any.
pub fn map(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let keys = &app.settings.keys;
    if let Some(command) = keys.command(Context::Always, &key) {
        return action(command, &key);
    }
    if let Some(popup) = app.popup() {
        return match popup_context(popup) {
            Context::PanelPopup => form_typing(app, key),
            // ↑ ↓ PgUp PgDn scroll a help taller than the terminal; any other key closes it.
            Context::HelpPopup => match keys.command(Context::HelpPopup, &key) {
                Some(c @ (Command::Up | Command::Down | Command::PageUp | Command::PageDown)) => {
                    action(c, &key)
                }
                _ => Some(Action::Back),
            },
            context => keys.command(context, &key).and_then(|c| action(c, &key)),
        };
    }
    let context = screen_context(app);
    if keys.is(context, Command::Save, &key) {
        return Some(Action::Save);
    }
    if context == Context::ClosingReview {
        return super::closing::keys(app, key);
    }
    if app.typing() {
        return typing(app, key);
    }
    if context == Context::Walkthrough {
        // Letters are answers on a choice step ("quick" must not quit): the quit key only
        // when it is not a letter.
        if let Some(quit) = keys.binding(Context::Global, Command::Quit)
            && !quit.modifiers.is_empty()
            && quit.matches(&key)
        {
            return Some(Action::Quit);
        }
    }
    keys.command(context, &key).and_then(|c| action(c, &key))
}

/// Which part of the key table a popup uses.
pub fn popup_context(popup: &Popup) -> Context {
    match popup {
        Popup::Help => Context::HelpPopup,
        Popup::Damaged { .. } => Context::DamagedPopup,
        Popup::Due { panel: Some(_), .. }
        | Popup::Arc { panel: Some(_), .. }
        | Popup::Plan { .. }
        | Popup::SignOff { .. } => Context::PanelPopup,
        Popup::Life { .. } => Context::PanelPopup,
        Popup::Due { .. } => Context::DuePopup,
        Popup::Arc { .. } => Context::ArcPopup,
        Popup::SurveyOffer { .. } => Context::OfferPopup,
        Popup::SharePrivate { .. } => Context::SharePopup,
        Popup::ResumeDraft { .. } => Context::ResumePopup,
        Popup::GoalStatus { .. } => Context::StatusPopup,
        Popup::FinalRating { .. } => Context::RatingPopup,
        Popup::Confirm { .. } => Context::ConfirmPopup,
        Popup::ClosingOffer { .. } => Context::ClosingOfferPopup,
    }
}

/// Which part of the key table the screen uses (popups aside).
pub fn screen_context(app: &App) -> Context {
    match &app.screen {
        Screen::Onboarding(w) if *w.step() == Step::Review => Context::WalkthroughReview,
        Screen::Onboarding(_) => Context::Walkthrough,
        Screen::Home(_) => Context::Home,
        Screen::Agreement(_) => Context::Agreement,
        Screen::Timeline(t) if t.panel.is_some() => Context::FilterPanel,
        Screen::Timeline(t) if t.filter.trash => Context::Trash,
        Screen::Timeline(_) => Context::Timeline,
        Screen::Entry(_) => Context::Entry,
        Screen::View(_) => Context::View,
        Screen::Actions(_) => Context::Actions,
        Screen::Goals(_) => Context::Goals,
        Screen::GoalDetail(v) if v.panel.is_some() => Context::ProgressPanel,
        Screen::GoalDetail(_) => Context::GoalDetail,
        Screen::GoalForm(_) => Context::GoalForm,
        Screen::Survey(_) => Context::Survey,
        Screen::Pulse(_) => Context::Pulse,
        Screen::Search(_) => Context::Search,
        Screen::Review(v) if v.drill.is_some() => Context::ReviewDrill,
        Screen::Review(_) => Context::Review,
        Screen::Prep(_) => Context::Prep,
        Screen::Resources(v) if v.form.is_some() => Context::ResourceForm,
        Screen::Resources(_) => Context::Resources,
        Screen::Skills(v) if v.panel.is_some() => Context::PanelPopup,
        Screen::Skills(_) => Context::Skills,
        Screen::ClosingReview(_) => Context::ClosingReview,
        Screen::ClosingSummary(_) => Context::ClosingSummary,
    }
}

/// The part of the key table in use now: the popup's, or the screen's.
pub fn context(app: &App) -> Context {
    app.popup()
        .map_or_else(|| screen_context(app), popup_context)
}

/// What a command of the table does in the app.
fn action(command: Command, key: &KeyEvent) -> Option<Action> {
    Some(match command {
        Command::Quit => Action::Quit,
        Command::Help => Action::Help,
        Command::Suspend => Action::Suspend,
        Command::Search => Action::OpenSearch,
        Command::Up => Action::Up,
        Command::Down => Action::Down,
        Command::PageUp => Action::PageUp,
        Command::PageDown => Action::PageDown,
        Command::First => Action::First,
        Command::Last => Action::Last,
        Command::Confirm => Action::Confirm,
        Command::Back => Action::Back,
        Command::Next => Action::Next,
        Command::Prev => Action::Prev,
        Command::Toggle => Action::Toggle,
        Command::Save => Action::Save,
        Command::ExternalEditor => Action::ExternalEdit,
        Command::NewRelationship => Action::NewRelationship,
        Command::Timeline => Action::OpenTimeline,
        Command::Goals => Action::OpenGoals,
        Command::ActionItems => Action::OpenActions,
        Command::Pulse => Action::OpenPulse,
        Command::Plan => Action::OpenPlan,
        Command::Review => Action::OpenReview,
        Command::Prep => Action::OpenPrep,
        Command::NewMeeting => Action::NewMeeting,
        Command::NewReflection => Action::NewReflection,
        Command::UpdateProgress => Action::UpdateProgress,
        Command::EditEntry => Action::EditEntry,
        Command::EditAnswer => Action::EditAnswer,
        Command::Trash => Action::TrashEntry,
        Command::UndoTrash => Action::UndoTrash,
        Command::Filter => Action::Filter,
        Command::ClearFilter => Action::ClearFilter,
        Command::OpenTrash => Action::OpenTrash,
        Command::Restore => Action::Restore,
        Command::EmptyTrash => Action::EmptyTrash,
        Command::NewGoal => Action::NewGoal,
        Command::ChangeStatus => Action::ChangeStatus,
        Command::NextPeriod => Action::NextPeriod,
        Command::LeaveReview => Action::LeaveReview,
        Command::TakeSurvey => Action::TakeSurvey,
        Command::OlderEntry => Action::OlderEntry,
        Command::NewerEntry => Action::NewerEntry,
        Command::Yes => Action::Yes,
        Command::No => Action::No,
        Command::QuickCheckin => Action::QuickCheckin,
        Command::SnoozeOne => Action::Snooze(1),
        Command::SnoozeThree => Action::Snooze(3),
        Command::SnoozeUntil => Action::SnoozeUntil,
        Command::Reschedule => Action::Reschedule,
        Command::Extend => Action::Extend,
        Command::CloseRelationship => Action::CloseRelationship,
        Command::LifeChange => Action::OpenLifeChange,
        Command::Rate => match key.code {
            KeyCode::Char(c @ '1'..='5') => Action::Rate(c as u8 - b'0'),
            _ => return None,
        },
        Command::SignMine => Action::SignAgreement(crate::domain::Side::Me),
        Command::SignTheirs => Action::SignAgreement(crate::domain::Side::Other),
        Command::AnswerHistory => Action::ToggleHistory,
        Command::ReviseAgreement => Action::ReviseAgreement,
        Command::SkipPart => Action::SkipPart,
        Command::ContinueClosing => Action::ContinueClosing,
        Command::Typing => return None,
        Command::Resources => Action::OpenResources,
        Command::NewResource => Action::NewResource,
        Command::Skills => Action::OpenSkills,
        Command::NewSkill => Action::NewSkill,
    })
}

/// Keys while the cursor is in a text field: characters are typed; only keys with Ctrl or
/// Alt (and the navigation keys) are commands.
fn typing(app: &App, key: KeyEvent) -> Option<Action> {
    let keys = &app.settings.keys;
    for (action, out) in [(Command::Quit, Action::Quit), (Command::Help, Action::Help)] {
        let Some(binding) = keys.binding(Context::Global, action) else {
            continue;
        };
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
            | Screen::Resources(_)
            | Screen::Skills(_)
    ) {
        return form_typing(app, key);
    }
    let multiline = matches!(
        &app.screen,
        Screen::Onboarding(w) if w.form.current_kind() == Some(FieldKind::Text { multiline: true })
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
    if keys.is(Context::Entry, Command::ExternalEditor, &key) {
        return Some(Action::ExternalEdit);
    }
    if key.code == KeyCode::Char('p') && ctrl {
        return Some(Action::NextPrompt);
    }
    form_keys(long, key)
}

/// Typing and moving in a form's fields: the edit keys (`long`: in a long text), then Enter,
/// Tab, Esc and the arrows.
pub(super) fn form_keys(long: bool, key: KeyEvent) -> Option<Action> {
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
    let mut rows = app.settings.keys.help(screen_context(app));
    // The editing keys are the same in every text field: one table, `edit_keys`.
    let long = match &app.screen {
        Screen::Entry(_) | Screen::GoalForm(_) | Screen::Survey(_) => Some(true),
        Screen::ClosingReview(_) => Some(true),
        Screen::Search(_) => Some(false),
        Screen::Timeline(t) if t.panel.is_some() => Some(false),
        Screen::GoalDetail(v) if v.panel.is_some() => Some(false),
        Screen::Resources(v) if v.form.is_some() => Some(false),
        Screen::Skills(v) if v.panel.is_some() => Some(false),
        Screen::Onboarding(w) => w
            .form
            .current_kind()
            .map(|k| k == FieldKind::Text { multiline: true }),
        _ => None,
    };
    if let Some(long) = long {
        if matches!(&app.screen, Screen::Onboarding(_)) {
            // In a text field Space is a space, not a tick.
            let toggle = app.key_label(Context::Walkthrough, Command::Toggle);
            rows.retain(|(keys, _)| *keys != toggle);
            if long {
                // In a long answer Enter makes a new line (said by the editing keys below).
                let enter = app.key_label(Context::Walkthrough, Command::Confirm);
                rows.retain(|(keys, _)| *keys != enter);
            }
        }
        // A key the screen's own rows already explain is not listed twice.
        for row in super::edit_keys::help_rows(long) {
            if !rows.iter().any(|(keys, _)| *keys == row.0) {
                rows.push(row);
            }
        }
    }
    rows
}

/// The help as drawn on a terminal `area_w` wide: each key's words wrapped under themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpPage {
    /// The width of the key column.
    pub key_w: usize,
    /// The popup's width, borders included.
    pub width: usize,
    /// (key, or "" under a key's first line; words).
    pub lines: Vec<(String, String)>,
}

/// Lays out the help of the current screen for a terminal `area_w` wide.
pub fn help_page(app: &App, area_w: u16) -> HelpPage {
    use crate::text::{line_text, width, wrap};
    let rows = help(app);
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let what_w = rows.iter().map(|(_, w)| width(w)).max().unwrap_or(0);
    // Borders and margins take 2 + 2 columns; keys take key_w + 3.
    let widest = (key_w + what_w + 7).max(40);
    let w = widest.min(usize::from(area_w).saturating_sub(2)).max(20);
    let room = w.saturating_sub(key_w + 7).max(8);
    let mut lines = Vec::new();
    for (k, what) in rows {
        let wrapped = what.split('\n').flat_map(|para| {
            wrap(para, room)
                .iter()
                .map(|l| line_text(para, l).trim_end().to_string())
                .collect::<Vec<_>>()
        });
        for (i, line) in wrapped.enumerate() {
            let lead = if i == 0 { k.clone() } else { String::new() };
            lines.push((lead, line));
        }
    }
    HelpPage {
        key_w,
        width: w,
        lines,
    }
}

/// The help lines shown at once on a terminal `area_h` tall when they do not all fit (one
/// line is kept for the "more below" mark); `None` when they fit.
pub fn help_window(total: usize, area_h: u16) -> Option<usize> {
    let inner = usize::from(area_h).saturating_sub(2);
    (total > inner).then(|| inner.saturating_sub(1).max(1))
}

/// Scrolls a help taller than the terminal; false for keys that are not scrolling (they
/// close the help).
pub fn scroll_help(app: &mut App, action: &Action) -> bool {
    let (w, h) = app.size;
    let total = help_page(app, w).lines.len();
    let window = help_window(total, h);
    let step = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -(window.unwrap_or(1).max(1) as isize),
        Action::PageDown => window.unwrap_or(1).max(1) as isize,
        _ => return false,
    };
    let last = window.map_or(0, |rows| total.saturating_sub(rows));
    app.help_scroll = app.help_scroll.saturating_add_signed(step).min(last);
    true
}

/// The footer hints of the current screen or popup, from the key table.
pub fn footer(app: &App) -> Vec<(String, String)> {
    app.settings.keys.footer(context(app))
}

impl App {
    /// The name of the key that runs a command, for messages: "press {} to leave".
    pub fn key_label(&self, context: Context, command: Command) -> String {
        self.settings.keys.label(context, command)
    }

    /// The name of the key of a row named in the table (`"leave"` of a form), for messages.
    pub fn key_named(&self, context: Context, name: &str) -> String {
        self.settings.keys.hint_named(context, name).0
    }
}
