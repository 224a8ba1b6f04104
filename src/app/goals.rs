//! The goal screens: the board and one goal in detail (milestones, progress) with its
//! progress panel. The form is in `goal_form` (state) and `goal_writing` (keys); status
//! changes in `goal_status`.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate, Utc};
use uuid::Uuid;

use super::fields::{Effect, FieldId, Fields, Value};
use super::input::TextInput;
use super::{Action, App, Popup, Screen};
use crate::domain::goal::{Hint, hints};
use crate::domain::{Goal, GoalStatus, Milestone, ProgressUpdate};
use crate::error::Result;
use crate::store::{EntryKind, GoalSummary, Store};

pub use super::goal_form::{DRAFT_PREFIX, GoalDraft, GoalForm};

/// Every goal, grouped by status.
#[derive(Debug, Clone)]
pub struct GoalBoard {
    pub goals: Vec<GoalSummary>,
    pub names: HashMap<Uuid, String>,
    pub cursor: usize,
    /// Only this relationship's goals.
    pub relationship: Option<Uuid>,
    /// Where Esc goes.
    pub back: Box<super::Origin>,
}

impl GoalBoard {
    pub fn load(store: &Store, relationship: Option<Uuid>) -> Result<GoalBoard> {
        let names = store
            .relationships()?
            .into_iter()
            .map(|r| (r.id, r.display_name().to_string()))
            .collect();
        Ok(GoalBoard {
            goals: store.goal_summaries(relationship)?,
            names,
            cursor: 0,
            relationship,
            back: Box::new(super::Origin::Home(relationship)),
        })
    }

    pub fn selected(&self) -> Option<&GoalSummary> {
        self.goals.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.goals.len());
    }

    fn select(&mut self, id: Uuid) {
        if let Some(i) = self.goals.iter().position(|g| g.goal.id == id) {
            self.cursor = i;
        }
    }
}

/// One goal, read in full.
#[derive(Debug, Clone)]
pub struct GoalView {
    pub summary: GoalSummary,
    pub milestones: Vec<Milestone>,
    pub updates: Vec<ProgressUpdate>,
    /// Reflections about the goal, newest first.
    pub reflections: Vec<crate::store::LinkedReflection>,
    /// Meetings that worked on it, newest first (listed after the milestones; the cursor
    /// goes on from the last milestone to them).
    pub meetings: Vec<crate::store::GoalMeeting>,
    pub name: String,
    /// The relationship's start, for milestones due "week 4".
    pub start: Option<NaiveDate>,
    /// The highlighted row: a milestone, or past them a meeting.
    pub cursor: usize,
    /// Lines scrolled past the milestones (to the log and the reflections).
    pub scroll: usize,
    /// The progress update panel, while open.
    pub panel: Option<Fields>,
    pub board: GoalBoard,
    /// Where Esc goes: the board it was chosen on, unless it was opened elsewhere.
    pub back: Box<super::Origin>,
}

impl GoalView {
    pub fn load(store: &Store, id: Uuid, board: GoalBoard) -> Result<Option<GoalView>> {
        let Some(summary) = store.goal_summary(id)? else {
            return Ok(None);
        };
        let rel = crate::store::unless_bad(store.relationship(summary.goal.relationship_id))?;
        Ok(Some(GoalView {
            milestones: store.milestones(id)?,
            updates: store.progress_updates(id)?,
            reflections: store.goal_reflections(id)?,
            meetings: store.goal_meetings(id)?,
            name: rel
                .as_ref()
                .map(|r| r.display_name().to_string())
                .unwrap_or_default(),
            start: rel.as_ref().and_then(|r| r.agreed_on),
            summary,
            cursor: 0,
            scroll: 0,
            panel: None,
            back: Box::new(super::Origin::Goals(Box::new(board.clone()))),
            board,
        }))
    }

    pub fn goal(&self) -> &Goal {
        &self.summary.goal
    }

    pub fn hints(&self, today: NaiveDate) -> Vec<Hint> {
        hints(self.goal(), self.summary.last_activity, today)
    }

    /// Rows the cursor moves over: the milestones, then the meetings.
    pub fn rows(&self) -> usize {
        self.milestones.len() + self.meetings.len()
    }

    /// The meeting under the cursor, when it is past the milestones.
    pub fn selected_meeting(&self) -> Option<&crate::store::GoalMeeting> {
        self.cursor
            .checked_sub(self.milestones.len())
            .and_then(|i| self.meetings.get(i))
    }
}

fn update_panel(view: &GoalView) -> Fields {
    let mut f = Fields::default();
    if view.milestones.is_empty() {
        f.push(
            FieldId::Progress,
            "Progress %",
            Value::Number(TextInput::new(view.summary.progress.to_string())),
            Some("0 to 100"),
        );
    }
    f.push(
        FieldId::Note,
        "Note",
        Value::Line(TextInput::default()),
        Some("where it stands, in a line"),
    );
    f.cursor = f.fields.len().saturating_sub(1);
    if view.milestones.is_empty() {
        f.cursor = 0;
    }
    f
}

/// Opens the board (all goals, or one relationship's); Esc returns here.
pub(super) fn open_board(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
) -> Result<()> {
    let mut board = GoalBoard::load(store, relationship)?;
    board.back = Box::new(super::journal::origin_here(app));
    app.screen = Screen::Goals(board);
    Ok(())
}

/// The board read again, on the goal it was on.
pub(super) fn reload_board(store: &Store, mut board: GoalBoard) -> Result<GoalBoard> {
    let on = board.selected().map(|g| g.goal.id);
    board.goals = store.goal_summaries(board.relationship)?;
    if let Some(id) = on {
        board.select(id);
    }
    Ok(board)
}

/// A goal's detail read again, where it was and with where it goes back to; the board when
/// the goal is gone.
pub(super) fn reload_view(
    store: &Store,
    old: GoalView,
) -> Result<std::result::Result<GoalView, GoalBoard>> {
    match GoalView::load(store, old.goal().id, old.board.clone())? {
        Some(mut v) => {
            v.back = old.back;
            v.cursor = old.cursor.min(v.rows().saturating_sub(1));
            v.scroll = old.scroll;
            Ok(Ok(v))
        }
        None => Ok(Err(reload_board(store, old.board)?)),
    }
}

pub(super) fn open_view(
    app: &mut App,
    store: &mut Store,
    id: Uuid,
    mut board: GoalBoard,
    panel: bool,
) -> Result<()> {
    // The board is read again when the person goes back to it; the same goal read again
    // keeps where it goes back to.
    let back = match &app.screen {
        Screen::GoalDetail(v) if v.goal().id == id => Some(v.back.clone()),
        _ => None,
    };
    match GoalView::load(store, id, board.clone())? {
        Some(mut view) => {
            if let Some(back) = back {
                view.back = back;
            }
            if panel {
                view.panel = Some(update_panel(&view));
            }
            app.screen = Screen::GoalDetail(Box::new(view));
        }
        None => {
            board.goals = store.goal_summaries(board.relationship)?;
            app.screen = Screen::Goals(board);
            app.error("That goal is no longer in the journal.");
        }
    }
    Ok(())
}

/// `p` on the home screen: the selected relationship's one active goal gets an update; with
/// several, the board shows them to choose from.
pub(super) fn quick_update_from_home(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
) -> Result<()> {
    let board = GoalBoard::load(store, relationship)?;
    let active: Vec<Uuid> = board
        .goals
        .iter()
        .filter(|g| g.goal.status == GoalStatus::Active)
        .map(|g| g.goal.id)
        .collect();
    match active.as_slice() {
        [one] => open_view(app, store, *one, board, true),
        [] => {
            app.screen = Screen::Goals(board);
            app.info("No active goal here yet: n adds one.");
            Ok(())
        }
        _ => {
            app.screen = Screen::Goals(board);
            app.info(format!(
                "Several active goals: choose one, then {} to update it.",
                app.key_label(
                    crate::config::Context::Goals,
                    crate::config::Command::UpdateProgress
                )
            ));
            Ok(())
        }
    }
}

pub(super) fn board_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Goals(b) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up => b.move_by(-1),
        Action::Down => b.move_by(1),
        Action::PageUp => b.move_by(-10),
        Action::PageDown => b.move_by(10),
        Action::First => b.cursor = 0,
        Action::Last => b.move_by(isize::MAX),
        Action::Back => {
            let back = *b.back.clone();
            return super::journal::go_to(app, store, back);
        }
        Action::Confirm => {
            if let Some(id) = b.selected().map(|g| g.goal.id) {
                let board = b.clone();
                return open_view(app, store, id, board, false);
            }
        }
        Action::UpdateProgress => {
            if let Some(id) = b.selected().map(|g| g.goal.id) {
                let board = b.clone();
                return open_view(app, store, id, board, true);
            }
        }
        Action::NewGoal => {
            if store.relationships()?.is_empty() {
                app.error(
                    "A goal belongs to a relationship: add one first (n on the home screen).",
                );
                return Ok(());
            }
            let board = b.clone();
            let with = b
                .selected()
                .map(|g| g.goal.relationship_id)
                .or(b.relationship);
            let form = GoalForm::new(store, with, now, app.content, board)?;
            app.screen = Screen::GoalForm(Box::new(form));
        }
        _ => {}
    }
    Ok(())
}

pub(super) fn detail_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let Screen::GoalDetail(v) = &mut app.screen else {
        return Ok(());
    };
    if let Some(panel) = &mut v.panel {
        match action {
            Action::Back => v.panel = None,
            Action::Next | Action::Down => {
                panel.step(1);
            }
            Action::Prev | Action::Up => {
                panel.step(-1);
            }
            Action::Edit(e) => {
                if let Effect::Refused(why) = panel.edit(&e) {
                    app.error(why);
                }
            }
            Action::Paste(p) => {
                panel.paste(&p);
            }
            Action::Confirm | Action::Save => {
                let progress = if v.milestones.is_empty() {
                    match panel.string(FieldId::Progress).parse::<u8>() {
                        Ok(p) if p <= 100 => p,
                        _ => {
                            panel.move_to(0);
                            app.error("Progress is a whole number from 0 to 100.");
                            return Ok(());
                        }
                    }
                } else {
                    v.summary.progress
                };
                let note = panel.string(FieldId::Note).trim().to_string();
                let update = ProgressUpdate::new(v.goal().id, progress, &note, now);
                store.add_progress_update(&update)?;
                let (id, board) = (v.goal().id, v.board.clone());
                open_view(app, store, id, board, false)?;
                app.info(format!("Progress noted: {progress}%."));
            }
            _ => {}
        }
        return Ok(());
    }
    match action {
        Action::Up if v.scroll > 0 => v.scroll -= 1,
        Action::Up => v.cursor = v.cursor.saturating_sub(1),
        Action::Down if v.cursor + 1 < v.rows() => v.cursor += 1,
        Action::Down => v.scroll += 1,
        Action::PageDown => v.scroll += 10,
        Action::PageUp => v.scroll = v.scroll.saturating_sub(10),
        Action::First => (v.cursor, v.scroll) = (0, 0),
        Action::Last => v.cursor = v.rows().saturating_sub(1),
        Action::Back => {
            let mut back = *v.back.clone();
            if let super::Origin::Goals(board) = &mut back {
                board.select(v.summary.goal.id);
            }
            return super::journal::go_to(app, store, back);
        }
        Action::Confirm => {
            if let Some(id) = v.selected_meeting().map(|m| m.id) {
                let back = super::Origin::Goal(v.clone());
                return super::journal::open_view(app, store, EntryKind::Meeting, id, back);
            }
            let message = if v.meetings.is_empty() {
                "Space ticks a milestone. Meetings that work on this goal are listed here to open."
            } else {
                "Space ticks a milestone; Enter opens a meeting (move down to them)."
            };
            app.info(message);
        }
        Action::Toggle if v.selected_meeting().is_some() => {
            app.info("A meeting is not ticked here: Enter opens it.");
        }
        Action::Toggle => {
            if let Some(m) = v.milestones.get(v.cursor) {
                let done = m.done_at.is_none();
                store.set_milestone_done(m.id, done, now)?;
                let text = crate::text::truncate(&m.text, 40);
                let (id, board, cursor) = (v.goal().id, v.board.clone(), v.cursor);
                open_view(app, store, id, board, false)?;
                if let Screen::GoalDetail(v) = &mut app.screen {
                    v.cursor = cursor;
                }
                app.info(if done {
                    crate::words::sentence(format!("Done: {text}"))
                } else {
                    crate::words::sentence(format!("Open again: {text}"))
                });
            } else {
                app.info("No milestones yet: e edits the goal to add some.");
            }
        }
        Action::UpdateProgress => v.panel = Some(update_panel(v)),
        Action::EditEntry => {
            let (goal, board) = (v.goal().clone(), v.board.clone());
            let mut form = GoalForm::edit(store, goal, app.now.date_naive(), app.content, board)?;
            if let Some(d) = store.draft(&form.draft_key())?
                && let Ok(draft) = serde_json::from_str::<GoalDraft>(&d.body)
            {
                form = GoalForm::from_draft(store, &draft, now, app.content)?;
                app.info("Your unsaved changes to this goal were restored.");
            }
            app.screen = Screen::GoalForm(Box::new(form));
        }
        Action::ChangeStatus => {
            let goal = v.goal();
            app.popups.push(Popup::GoalStatus {
                goal: goal.id,
                from: goal.status,
                cursor: 0,
            });
        }
        _ => {
            let _ = today;
        }
    }
    Ok(())
}

/// The local date of a moment, for the chart's axis.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}
