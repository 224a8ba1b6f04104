//! The goal form's keys: typing, moving, saving (with its checks) and leaving (asking first
//! when something is unsaved). The form's state is in `goal_form`.

use chrono::Utc;

use super::fields::{Effect, Value};
use super::goal_form::GoalForm;
use super::goals::open_view;
use super::{Action, App, Popup, Screen};
use crate::error::Result;
use crate::store::Store;

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
                app.external = Some(e.text().to_string());
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
