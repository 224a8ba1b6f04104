//! Writing a meeting or a reflection: the screen's state ([`Writing`]), its keys, saving and
//! leaving, and the popups it raises (sharing private lines, resuming a draft).

use chrono::{Local, Utc};
use uuid::Uuid;

use super::entry::{EntryDraft, EntryForm};
use super::fields::{Effect, FieldId, Value};
use super::journal::{go_to, open_view, origin_here};
use super::screens::Origin;
use super::{Action, App, Popup, Reply, Screen, Then};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// A form being written, and where it came from.
#[derive(Debug, Clone)]
pub struct Writing {
    pub form: EntryForm,
    pub origin: Origin,
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

pub(super) fn new_meeting(app: &mut App, store: &mut Store) -> Result<()> {
    if store.relationships()?.is_empty() {
        app.error(
            "A meeting is always with someone: add a relationship first (n on the home screen).",
        );
        return Ok(());
    }
    let with = relationship_here(app);
    let origin = origin_here(app);
    let mut form = EntryForm::new_meeting(store, with, app.now, app.content)?;
    // Logged from a goal's screen: the meeting worked on that goal (Space unticks it).
    if let Screen::GoalDetail(v) = &app.screen
        && let Some(tick) = form.fields.get_mut(FieldId::WorkedOn(v.goal().id))
    {
        tick.set_string("yes");
        form.saved = form.fields.values();
        form.drafted = form.saved.clone();
    }
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
pub(super) fn save_entry(app: &mut App, store: &mut Store, confirmed: bool) -> Result<()> {
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
                store.save_meeting_with_goals(&m, &items, &carried, &form.worked_on(), utc)?;
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

pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
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
                let text = e.text().to_string();
                app.open_editor(text);
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

/// The private lines about to be shared: ↑↓ scroll, y shares them and saves, n (or Esc)
/// returns to the form unsaved.
pub(super) fn share_reply(popup: &mut Popup, action: &Action) -> Reply {
    let Popup::SharePrivate { scroll, .. } = popup else {
        return Reply::Keep;
    };
    match action {
        Action::Yes => Reply::CloseThen(Then::ShareAndSave),
        Action::Up => {
            *scroll = scroll.saturating_sub(1);
            Reply::Keep
        }
        Action::Down => {
            *scroll += 1;
            Reply::Keep
        }
        Action::No | Action::Back | Action::Quit => Reply::CloseThen(Then::KeepPrivate),
        _ => Reply::Keep,
    }
}

/// y on the private lines: they are shared exactly as shown, and the meeting saved.
pub(super) fn share_and_save(app: &mut App, store: &mut Store) -> Result<()> {
    if let Screen::Entry(w) = &mut app.screen {
        w.form.confirm_private_lines();
    }
    save_entry(app, store, true)
}

/// n on the private lines: back at the first of them, nothing saved.
pub(super) fn keep_private(app: &mut App) {
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

/// Opens an entry or goal draft left by a crash or a closed window.
pub(super) fn resume_draft(app: &mut App, store: &mut Store, key: &str, what: &str) -> Result<()> {
    let draft = store.draft(key)?;
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
                app.info(format!(
                    "Your unsaved goal is back: {} saves it.",
                    app.key_label(crate::config::Context::GoalForm, crate::config::Command::Save)
                ));
            }
            None => app.error(
                "That goal draft could not be read (it was kept): discard it, or write the goal again.",
            ),
        }
        return Ok(());
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
            app.info(format!(
                "Your unsaved {what} is back: {} saves it.",
                app.key_label(crate::config::Context::Entry, crate::config::Command::Save)
            ));
        }
        None => app.error(format!(
            "That {what} draft could not be read (it was kept): discard it, or write it again."
        )),
    }
    Ok(())
}

/// n on a draft: it is deleted, and the next one (if any) offered.
pub(super) fn discard_draft(app: &mut App, store: &mut Store, key: &str, what: &str) -> Result<()> {
    store.delete_draft(key)?;
    app.info(format!("The unsaved {what} was discarded."));
    app.offer_entry_draft(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_private_lines_scroll_share_on_yes_and_return_to_the_form_on_no() {
        let mut p = Popup::SharePrivate {
            name: "Sam".into(),
            lines: vec!["a".into(), "b".into()],
            scroll: 0,
        };
        assert_eq!(share_reply(&mut p, &Action::Down), Reply::Keep);
        assert!(matches!(p, Popup::SharePrivate { scroll: 1, .. }));
        assert_eq!(share_reply(&mut p, &Action::Up), Reply::Keep);
        assert_eq!(share_reply(&mut p, &Action::Up), Reply::Keep);
        assert!(matches!(p, Popup::SharePrivate { scroll: 0, .. }));
        assert_eq!(
            share_reply(&mut p, &Action::Yes),
            Reply::CloseThen(Then::ShareAndSave)
        );
        assert_eq!(
            share_reply(&mut p, &Action::Back),
            Reply::CloseThen(Then::KeepPrivate)
        );
    }
}
