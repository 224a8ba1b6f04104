//! `update` for the journal screens: writing meetings and reflections, reading them, the
//! timeline's filters and trash, and the action items.

use chrono::{Local, Utc};
use uuid::Uuid;

use super::entry::{EntryDraft, EntryForm};
use super::fields::{Effect, FieldId, Value};
use super::screens::{ActionsView, EntryView, Home, Origin, Writing};
use super::{Action, App, Popup, Screen};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// Where a new screen opened from here should go back to.
pub(super) fn origin_here(app: &App) -> Origin {
    match &app.screen {
        Screen::Home(h) => Origin::Home(h.selected().map(|o| o.relationship.id)),
        Screen::Timeline(t) => Origin::Timeline(Box::new(t.clone())),
        Screen::Actions(a) => Origin::Actions(a.back.clone()),
        Screen::View(v) => Origin::View {
            kind: v.kind,
            id: v.id,
            back: Box::new(v.origin.clone()),
        },
        Screen::Entry(w) => w.origin.clone(),
        Screen::GoalDetail(v) => Origin::Goal(v.goal().id),
        _ => Origin::Home(None),
    }
}

/// The relationship the current screen is about, if any.
fn relationship_here(app: &App) -> Option<Uuid> {
    match &app.screen {
        Screen::Home(h) => h.selected().map(|o| o.relationship.id),
        Screen::Timeline(t) => t.selected().and_then(|e| e.relationship_id),
        Screen::View(v) => v.relationship_id(),
        Screen::Actions(a) => a.selected().map(|i| i.relationship_id),
        Screen::Goals(b) => b.selected().map(|g| g.goal.relationship_id),
        Screen::GoalDetail(v) => Some(v.goal().relationship_id),
        _ => None,
    }
}

pub(super) fn go_to(app: &mut App, store: &mut Store, origin: Origin) -> Result<()> {
    app.screen = match origin {
        Origin::Home(select) => {
            let mut home = Home::load(store, app.now.date_naive())?;
            if let Some(id) = select.or(app.home_at) {
                home.select(id);
            }
            Screen::Home(home)
        }
        Origin::Timeline(mut t) => {
            t.reload(store)?;
            Screen::Timeline(*t)
        }
        Origin::Actions(back) => {
            let mut view = ActionsView::load(store)?;
            view.back = back;
            Screen::Actions(view)
        }
        Origin::View { kind, id, back } => {
            return open_view(app, store, kind, id, *back);
        }
        Origin::Goal(id) => {
            let board = super::goals::GoalBoard::load(store, None)?;
            match super::goals::GoalView::load(store, id, board.clone())? {
                Some(v) => Screen::GoalDetail(Box::new(v)),
                None => Screen::Goals(board),
            }
        }
    };
    Ok(())
}

pub(super) fn open_view(
    app: &mut App,
    store: &mut Store,
    kind: EntryKind,
    id: Uuid,
    origin: Origin,
) -> Result<()> {
    match EntryView::load(store, kind, id, origin.clone())? {
        Some(view) => app.screen = Screen::View(Box::new(view)),
        None => {
            go_to(app, store, origin)?;
            app.error("That entry is no longer in the journal (it may be in the trash: T on the timeline).");
        }
    }
    Ok(())
}

pub(super) fn new_meeting(app: &mut App, store: &mut Store) -> Result<()> {
    if store.relationships()?.is_empty() {
        app.error(
            "A meeting is always with someone: add a relationship first (n on the home screen).",
        );
        return Ok(());
    }
    let with = relationship_here(app);
    let origin = origin_here(app);
    let form = EntryForm::new_meeting(store, with, app.now, app.content)?;
    if !form.carried.is_empty() {
        let n = form.carried.len();
        app.info(format!(
            "{n} open action item{} from the last meeting {} listed to carry forward: Space unticks one.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ));
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

pub(super) fn new_reflection(app: &mut App, store: &mut Store) -> Result<()> {
    let with = relationship_here(app);
    let meeting = match &app.screen {
        Screen::View(v) if v.kind == EntryKind::Meeting => Some(v.id),
        _ => None,
    };
    let goal = match &app.screen {
        Screen::GoalDetail(v) => Some(v.goal().id),
        _ => None,
    };
    let origin = origin_here(app);
    app.prompt_turn += 1;
    let mut form =
        EntryForm::new_reflection(store, with, meeting, app.now, app.content, app.prompt_turn)?;
    if let Some(goal) = goal
        && let Some(v) = form.fields.get_mut(FieldId::Goal)
    {
        v.set_string(&goal.to_string());
        form.saved = form.fields.values();
        form.drafted = form.saved.clone();
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

pub(super) fn open_actions(app: &mut App, store: &mut Store) -> Result<()> {
    let mut view = ActionsView::load(store)?;
    view.back = Box::new(origin_here(app));
    app.screen = Screen::Actions(view);
    Ok(())
}

pub(super) fn edit_entry(
    app: &mut App,
    store: &mut Store,
    kind: EntryKind,
    id: Uuid,
    origin: Origin,
) -> Result<()> {
    let form = match kind {
        EntryKind::Meeting => match store.meeting(id)? {
            Some(m) => EntryForm::edit_meeting(store, &m, app.now.date_naive(), app.content)?,
            None => return open_view(app, store, kind, id, origin),
        },
        EntryKind::Reflection => match store.reflection(id)? {
            Some(r) => EntryForm::edit_reflection(store, &r)?,
            None => return open_view(app, store, kind, id, origin),
        },
    };
    // An unsaved edit of this entry from before a crash is picked up again.
    let mut form = form;
    if let Some(d) = store.draft(&form.draft_key())?
        && let Ok(draft) = serde_json::from_str::<EntryDraft>(&d.body)
        && let Some(restored) = EntryForm::from_draft(store, &draft, app.now, app.content)?
    {
        form = restored;
        app.info("Your unsaved changes to this entry were restored.");
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

/// Leaves a form without saving: the draft goes, the entry (if any) is shown again.
pub(super) fn leave_entry(app: &mut App, store: &mut Store) -> Result<()> {
    let Screen::Entry(w) = &app.screen else {
        return Ok(());
    };
    store.delete_draft(&w.form.draft_key())?;
    let (kind, id, existing, origin) = (w.form.kind, w.form.id, w.form.existing, w.origin.clone());
    if existing {
        open_view(app, store, kind, id, origin)
    } else {
        go_to(app, store, origin)
    }
}

/// Saves the form. `confirmed`: the person has just seen and agreed to share what it takes
/// from private entries.
fn save_entry(app: &mut App, store: &mut Store, confirmed: bool) -> Result<()> {
    let now = app.now;
    let utc = now.with_timezone(&Utc);
    let content = app.content;
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    let message = match form.kind {
        EntryKind::Meeting => match form.read_meeting(now, content) {
            Err((at, why)) => {
                form.fields.move_to(at);
                form.error = Some(why);
                return Ok(());
            }
            Ok((m, items, carried)) => {
                let (lines, _) = form.unconfirmed_private_lines();
                if !confirmed && !lines.is_empty() {
                    // Words from a private reflection are shared only once the person has
                    // seen them exactly and said yes.
                    app.popups.push(Popup::SharePrivate {
                        name: form.other_name(),
                        lines,
                        scroll: 0,
                    });
                    return Ok(());
                }
                store.save_meeting_from_form(&m, &items, &carried, utc)?;
                let n = items.len() + carried.len();
                let day = m.held_at.with_timezone(&Local).date_naive();
                format!(
                    "Saved: {} on {}{}.",
                    form.describe(),
                    day.format(&app.settings.date_format),
                    match n {
                        0 => String::new(),
                        1 => ", with 1 action item".to_string(),
                        n => format!(", with {n} action items"),
                    }
                )
            }
        },
        EntryKind::Reflection => match form.read_reflection(now) {
            Err((at, why)) => {
                form.fields.move_to(at);
                form.error = Some(why);
                return Ok(());
            }
            Ok(r) => {
                store.save_reflection(&r, utc)?;
                format!(
                    "Saved: reflection ({}{}).",
                    if r.private { "private" } else { "shared" },
                    if r.bring_up {
                        ", to bring up next meeting"
                    } else {
                        ""
                    }
                )
            }
        },
    };
    store.delete_draft(&form.draft_key())?;
    let (kind, id, origin) = (form.kind, form.id, w.origin.clone());
    open_view(app, store, kind, id, origin)?;
    app.info(message);
    Ok(())
}

/// Leaving a field: a date that does not read is refused in place.
fn leave_field(app: &mut App, store: &mut Store, delta: isize, vertical: bool) -> Result<()> {
    let now = app.now;
    let width = super::entry::text_width(app.size.0);
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    if vertical && form.fields.on_long() {
        form.fields.vertical(delta, width);
        return Ok(());
    }
    if let Err(why) = form.check_current(now) {
        form.error = Some(why);
        return Ok(());
    }
    form.error = None;
    form.fields.step(delta);
    form.save_draft(store, now.with_timezone(&Utc))
}

pub(super) fn entry_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let content = app.content;
    match action {
        Action::Save => return save_entry(app, store, false),
        Action::Back => {
            if let Screen::Entry(w) = &app.screen
                && w.form.changed()
            {
                app.push_popup(Popup::discard_entry());
                return Ok(());
            }
            return leave_entry(app, store);
        }
        Action::Next => return leave_field(app, store, 1, false),
        Action::Prev => return leave_field(app, store, -1, false),
        Action::Down => return leave_field(app, store, 1, true),
        Action::Up => return leave_field(app, store, -1, true),
        Action::PageDown => return leave_field(app, store, 5, false),
        Action::PageUp => return leave_field(app, store, -5, false),
        _ => {}
    }
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    let effect = match action {
        Action::Confirm => {
            if form
                .fields
                .current()
                .is_some_and(|f| !matches!(f.value, Value::Long(_) | Value::Flag(_)))
            {
                return leave_field(app, store, 1, false);
            }
            form.fields.enter()
        }
        Action::Edit(edit) => form.fields.edit(&edit),
        Action::Paste(text) => form.fields.paste(&text),
        Action::Undo => form.fields.undo(false),
        Action::Redo => form.fields.undo(true),
        Action::NextPrompt if form.kind == EntryKind::Reflection => {
            form.next_prompt(content);
            Effect::Moved
        }
        Action::ExternalEdit => {
            if let Some(super::fields::Field {
                value: Value::Long(e),
                ..
            }) = form.fields.current()
            {
                app.external = Some(e.text().to_string());
            } else {
                app.info("Your editor opens the long texts (agenda, notes, outcomes, the reflection): move to one first.");
            }
            return Ok(());
        }
        Action::ExternalEdited(Ok(text)) => match form.fields.replace_current_long(&text) {
            Ok(true) => {
                app.info(format!(
                    "Text taken from your editor (undo with {}).",
                    super::edit_keys::label(&super::InputEdit::Undo)
                ));
                Effect::Changed
            }
            Ok(false) => Effect::Nothing,
            Err(r) => Effect::Refused(r.message()),
        },
        Action::ExternalEdited(Err(why)) => Effect::Refused(why),
        _ => Effect::Nothing,
    };
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    match effect {
        Effect::Changed => {
            w.form.error = None;
            w.form.after_change(content);
        }
        Effect::Refused(why) => w.form.error = Some(why),
        Effect::Moved | Effect::Nothing => {}
    }
    Ok(())
}

/// The popups of the journal screens.
pub(super) fn popup_action(
    app: &mut App,
    store: &mut Store,
    popup: Popup,
    action: Action,
) -> Result<bool> {
    match (popup, action) {
        (Popup::SharePrivate { .. }, Action::Yes) => {
            app.close_popup();
            if let Screen::Entry(w) = &mut app.screen {
                w.form.confirm_private_lines();
            }
            save_entry(app, store, true)?;
        }
        (
            Popup::SharePrivate {
                name,
                lines,
                scroll,
            },
            dir @ (Action::Up | Action::Down),
        ) => {
            let scroll = if dir == Action::Up {
                scroll.saturating_sub(1)
            } else {
                scroll + 1
            };
            app.set_popup(Popup::SharePrivate {
                name,
                lines,
                scroll,
            });
        }
        (Popup::SharePrivate { .. }, Action::No | Action::Back | Action::Quit) => {
            app.close_popup();
            if let Screen::Entry(w) = &mut app.screen
                && let (_, Some(at)) = w.form.unconfirmed_private_lines()
            {
                w.form.fields.move_to(at);
            }
            app.info(format!(
                "Not saved. Edit the marked lines, or make the meeting private; {} saves.",
                app.key_label(crate::config::Context::Entry, crate::config::Command::Save)
            ));
        }
        (Popup::ResumeDraft { key, what, .. }, Action::Yes) => {
            app.close_popup();
            let draft = store.draft(&key)?;
            if key.starts_with(super::goals::DRAFT_PREFIX) {
                let parsed = draft
                    .as_ref()
                    .and_then(|d| serde_json::from_str::<super::goals::GoalDraft>(&d.body).ok());
                match parsed {
                    Some(d) => {
                        let form = super::goals::GoalForm::from_draft(
                            store,
                            &d,
                            app.now.with_timezone(&Utc),
                            app.content,
                        )?;
                        app.screen = Screen::GoalForm(Box::new(form));
                        app.info(format!("Your unsaved goal is back: {} saves it.", app.key_label(crate::config::Context::GoalForm, crate::config::Command::Save)));
                    }
                    None => app.error(
                        "That goal draft could not be read (it was kept): discard it, or write the goal again.",
                    ),
                }
                return Ok(true);
            }
            let parsed = draft
                .as_ref()
                .and_then(|d| serde_json::from_str::<EntryDraft>(&d.body).ok());
            let form = match &parsed {
                Some(d) => EntryForm::from_draft(store, d, app.now, app.content)?,
                None => None,
            };
            match form {
                Some(form) => {
                    let origin = origin_here(app);
                    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
                    app.info(format!("Your unsaved {what} is back: {} saves it.", app.key_label(crate::config::Context::Entry, crate::config::Command::Save)));
                }
                None => app.error(format!(
                    "That {what} draft could not be read (it was kept): discard it, or write it again."
                )),
            }
        }
        (Popup::ResumeDraft { key, what, .. }, Action::No) => {
            app.close_popup();
            store.delete_draft(&key)?;
            app.info(format!("The unsaved {what} was discarded."));
            app.offer_entry_draft(store)?;
        }
        (Popup::ResumeDraft { what, .. }, Action::Back) => {
            app.close_popup();
            app.info(format!(
                "The unsaved {what} is kept; mentorlog offers it again next time."
            ));
        }
        _ => return Ok(false),
    }
    Ok(true)
}
