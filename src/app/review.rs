//! Pair review: two people, one screen, no private entry ever drawn.

use chrono::Utc;
use uuid::Uuid;

use super::{Action, App, Screen};
use crate::error::Result;
use crate::store::Store;

pub use crate::review::{Period, ReviewData, ReviewGoal};

/// The pair review screen.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub data: ReviewData,
    pub scroll: usize,
    /// Where leaving the review goes.
    pub back: super::Origin,
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
            scroll: 0,
            back,
        }));
        app.info("Pair review: private entries are hidden. L leaves pair review.");
    }
    Ok(())
}

pub(super) fn review_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let today = app.now.date_naive();
    let now = app.now.with_timezone(&Utc);
    let Screen::Review(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First => {
            v.scroll = super::list::scrolled(v.scroll, &action);
        }
        Action::NextPeriod => {
            let id = v.data.relationship.id;
            let period = v.data.period.next();
            if let Some(data) = ReviewData::load(store, id, period, None, today, false)? {
                v.data = data;
                v.scroll = 0;
            }
        }
        Action::Back => app.info(format!(
            "Pair review is on: press {} to leave it.",
            app.key_label(
                crate::config::Context::Review,
                crate::config::Command::LeaveReview
            )
        )),
        Action::LeaveReview => {
            let id = v.data.relationship.id;
            store.record_pair_review(id, now)?;
            let back = v.back.clone();
            super::journal::go_to(app, store, back)?;
            app.info("Pair review ended: private entries show again.");
        }
        _ => {}
    }
    Ok(())
}
