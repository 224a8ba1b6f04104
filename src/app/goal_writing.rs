//! The goal form's keys: typing, moving, saving (with its checks) and leaving (asking first
//! when something is unsaved). The form's state is in `goal_form`.
//!
//! Saving first checks, gently, whether the goal is specific, measurable, achievable,
//! relevant and time-bound: what it does not show yet is named once, under the form, with
//! the cursor on the first field that would say it. Saving again saves the goal as it is.

use chrono::Utc;

use super::fields::{Effect, FieldId, Value};
use super::goal_form::GoalForm;
use super::goals::open_view;
use super::{Action, App, Popup, Screen};
use crate::domain::smart::{SmartGap, smart_gaps};
use crate::error::Result;
use crate::store::Store;

/// What the goal as written does not show yet; `None` while the form does not read (a date
/// that is no date: saving says so).
pub(super) fn gaps(form: &GoalForm) -> Option<Vec<SmartGap>> {
    let (goal, milestones) = form.read(form.goal.updated_at, form.today).ok()?;
    let focus = form
        .people
        .iter()
        .find(|p| p.id == goal.relationship_id)
        .map(|p| p.topics.clone())
        .unwrap_or_default();
    Some(smart_gaps(&goal, milestones.len(), &focus))
}

/// The field that would fill a gap.
fn field_of(form: &GoalForm, gap: SmartGap) -> FieldId {
    match gap {
        SmartGap::Specific => FieldId::Title,
        SmartGap::Measurable => FieldId::Success,
        SmartGap::Achievable => FieldId::MilestoneText(form.milestone_ids.len()),
        SmartGap::Relevant => FieldId::Why,
        SmartGap::TimeBound => FieldId::Target,
    }
}

/// Shows the check when the goal lacks something the person was not told of yet: it lists
/// every gap, and the cursor goes to the first field (in the form's order) that would fill
/// one of the new ones. True when shown.
fn check_before_saving(form: &mut GoalForm) -> bool {
    let Some(gaps) = gaps(form) else {
        return false;
    };
    let new: Vec<SmartGap> = gaps
        .iter()
        .copied()
        .filter(|g| !form.checked.contains(g))
        .collect();
    if new.is_empty() {
        return false;
    }
    form.checked.extend(&new);
    if let Some(at) = new
        .iter()
        .filter_map(|g| form.fields.position(field_of(form, *g)))
        .min()
    {
        form.fields.move_to(at);
    }
    form.error = None;
    form.check = Some(gaps);
    true
}

pub(super) fn form_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let content = app.content;
    let Screen::GoalForm(form) = &mut app.screen else {
        return Ok(());
    };
    let mut leave = |form: &mut GoalForm, delta: isize| -> Result<()> {
        if let Err(why) = form.check_current(today) {
            form.error = Some(why);
            return Ok(());
        }
        form.error = None;
        form.fields.step(delta);
        form.save_draft(store, now)
    };
    let effect = match action {
        Action::Save => {
            match form.read(now, today) {
                Err((at, why)) => {
                    form.fields.move_to(at);
                    form.error = Some(why);
                }
                Ok(_) if check_before_saving(form) => {}
                Ok((goal, milestones)) => {
                    store.save_goal(&goal, &milestones, now)?;
                    store.delete_draft(&form.draft_key())?;
                    let verb = if form.existing { "Saved" } else { "Added" };
                    let board = form.board.clone();
                    open_view(app, store, goal.id, board, false)?;
                    app.info(format!(
                        "{verb}: {}{}.",
                        goal.title,
                        match milestones.len() {
                            0 => String::new(),
                            1 => ", with 1 milestone".to_string(),
                            n => format!(", with {n} milestones"),
                        }
                    ));
                }
            }
            return Ok(());
        }
        Action::Back => {
            if form.changed() {
                app.push_popup(Popup::discard_goal());
            } else {
                return leave_form(app, store);
            }
            return Ok(());
        }
        Action::Next | Action::Down => return leave(form, 1),
        Action::Prev | Action::Up => return leave(form, -1),
        Action::PageDown => return leave(form, 5),
        Action::PageUp => return leave(form, -5),
        Action::Confirm => {
            if form.fields.on_long() {
                form.fields.enter()
            } else {
                return leave(form, 1);
            }
        }
        Action::Edit(e) => form.fields.edit(&e),
        Action::Paste(p) => form.fields.paste(&p),
        Action::Undo => form.fields.undo(false),
        Action::Redo => form.fields.undo(true),
        Action::ExternalEdit => {
            if let Some(super::fields::Field {
                value: Value::Long(e),
                ..
            }) = form.fields.current()
            {
                let text = e.text().to_string();
                app.open_editor(text);
            }
            return Ok(());
        }
        Action::ExternalEdited(Ok(text)) => match form.fields.replace_current_long(&text) {
            Ok(true) => Effect::Changed,
            Ok(false) => Effect::Nothing,
            Err(r) => Effect::Refused(r.message()),
        },
        Action::ExternalEdited(Err(why)) => Effect::Refused(why),
        _ => Effect::Nothing,
    };
    match effect {
        Effect::Changed => {
            form.error = None;
            form.after_change(content);
            // The check follows what is typed, and goes once nothing is missing.
            if form.check.is_some()
                && let Some(gaps) = gaps(form)
            {
                form.check = (!gaps.is_empty()).then_some(gaps);
            }
        }
        Effect::Refused(why) => form.error = Some(why),
        _ => {}
    }
    Ok(())
}

/// Leaves the goal form without saving.
pub(super) fn leave_form(app: &mut App, store: &mut Store) -> Result<()> {
    let Screen::GoalForm(form) = &app.screen else {
        return Ok(());
    };
    store.delete_draft(&form.draft_key())?;
    let (existing, id, board) = (form.existing, form.goal.id, form.board.clone());
    if existing {
        open_view(app, store, id, board, false)
    } else {
        let mut board = board;
        board.goals = store.goal_summaries(board.relationship)?;
        app.screen = Screen::Goals(board);
        Ok(())
    }
}
