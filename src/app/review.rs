//! Pair review: two people, one screen, no private entry ever drawn.

use chrono::Utc;
use uuid::Uuid;

use super::review_drill::{self, Drill};
use super::{Action, App, Screen};
use crate::domain::GoalStatus;
use crate::error::Result;
use crate::store::Store;

pub use crate::review::{GoalDrill, MeetingDrill, Period, ReviewData, ReviewGoal};

/// A row of the review that opens: a goal or a meeting, by its index in the review's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    Goal(usize),
    Meeting(usize),
}

/// The rows that open, in the order they are drawn: the goals shown (dropped ones are not),
/// then the meetings, newest first.
pub fn openable_rows(d: &ReviewData) -> Vec<ReviewRow> {
    let goals = d
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| g.summary.goal.status != GoalStatus::Dropped)
        .map(|(i, _)| ReviewRow::Goal(i));
    let meetings = (0..d.meetings.len()).rev().map(ReviewRow::Meeting);
    goals.chain(meetings).collect()
}

/// The pair review screen.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub data: ReviewData,
    /// The highlighted row (an index into [`openable_rows`]); None before the first Down,
    /// so the review opens at its top.
    pub selected: Option<usize>,
    /// With a row highlighted: lines scrolled past it (to read what follows the last one);
    /// with none: lines scrolled from the top.
    pub scroll: usize,
    /// A goal or meeting opened to read, over the review (the review's place is kept).
    pub drill: Option<Drill>,
    /// Where leaving the review goes.
    pub back: super::Origin,
}

impl ReviewView {
    /// The highlighted row, when it is in view (not scrolled past).
    pub fn highlighted(&self) -> Option<ReviewRow> {
        if self.scroll > 0 {
            return None;
        }
        let i = self.selected?;
        openable_rows(&self.data).get(i).copied()
    }

    fn move_by(&mut self, action: &Action) {
        let count = openable_rows(&self.data).len();
        match (action, self.selected) {
            (Action::Up, _) if self.scroll > 0 => self.scroll -= 1,
            (Action::Up, Some(0)) => self.selected = None,
            (Action::Up, Some(i)) => self.selected = Some(i - 1),
            // Scrolled past the highlight: Down reads on, it does not move a hidden highlight.
            (Action::Down, Some(_)) if self.scroll > 0 => self.scroll += 1,
            // The first highlight starts from the top, whatever was scrolled before.
            (Action::Down, None) if count > 0 => (self.selected, self.scroll) = (Some(0), 0),
            (Action::Down, Some(i)) if i + 1 < count => self.selected = Some(i + 1),
            (Action::Down, _) => self.scroll += 1,
            (Action::First, _) => (self.selected, self.scroll) = (None, 0),
            // A page scrolls the text; the highlight comes back with the next ↑.
            _ => self.scroll = super::list::scrolled(self.scroll, action),
        }
    }
}

pub(super) fn open_review(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
) -> Result<()> {
    let Some(id) = relationship else {
        app.info("Choose a relationship first.");
        return Ok(());
    };
    let today = app.now.date_naive();
    if let Some(data) = ReviewData::load(store, id, Period::SinceLastReview, None, today, false)? {
        let back = super::journal::origin_here(app);
        app.screen = Screen::Review(Box::new(ReviewView {
            data,
            selected: None,
            scroll: 0,
            drill: None,
            back,
        }));
        app.info("Pair review: private entries are hidden. L leaves pair review.");
    }
    Ok(())
}

pub(super) fn review_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let today = app.now.date_naive();
    let now = app.now.with_timezone(&Utc);
    let leave = app.key_label(
        crate::config::Context::Review,
        crate::config::Command::LeaveReview,
    );
    let Screen::Review(v) = &mut app.screen else {
        return Ok(());
    };
    if action == Action::LeaveReview {
        // From the review or from a goal or meeting opened in it: the review is recorded.
        let id = v.data.relationship.id;
        store.record_pair_review(id, now)?;
        let back = v.back.clone();
        super::journal::go_to(app, store, back)?;
        app.info("Pair review ended: private entries show again.");
        return Ok(());
    }
    if v.drill.is_some() {
        return review_drill::action(app, action);
    }
    match action {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First => {
            v.move_by(&action)
        }
        Action::Confirm => return review_drill::open(app, store),
        Action::NextPeriod => {
            let period = v.data.period.next();
            let id = v.data.relationship.id;
            // The same day keeps the look back; after midnight everything is read anew.
            let data = if v.data.to == today {
                Some(v.data.for_period(store, period)?)
            } else {
                ReviewData::load(store, id, period, None, today, false)?
            };
            if let Some(data) = data {
                v.data = data;
                v.selected = None;
                v.scroll = 0;
            }
        }
        Action::Back => app.info(format!("Pair review is on: press {leave} to leave it.")),
        _ => {}
    }
    Ok(())
}
