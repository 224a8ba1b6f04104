//! The closing summary screen: what the two set out to do beside what happened, the last
//! pulse, the closing reflections and the thank-you note. The person's own view, so private
//! parts show (marked); `mentorlog summary` writes the copy to share.

use uuid::Uuid;

use super::{Action, App, Origin, Screen};
use crate::error::Result;
use crate::share::ClosingSummary;
use crate::store::Store;

/// The closing summary being read.
#[derive(Debug, Clone)]
pub struct SummaryView {
    pub summary: ClosingSummary,
    /// The closing review was begun or waits and is not finished: `c` carries on with it.
    pub unfinished: bool,
    pub scroll: usize,
    /// Where Esc goes.
    pub back: Origin,
}

/// Opens the closing summary of a relationship.
pub fn open_summary(app: &mut App, store: &mut Store, id: Uuid) -> Result<()> {
    let back = super::journal::origin_here(app);
    open_summary_from(app, store, id, back)
}

/// Opens the closing summary; Esc goes to `back`.
pub(super) fn open_summary_from(
    app: &mut App,
    store: &mut Store,
    id: Uuid,
    back: Origin,
) -> Result<()> {
    let today = app.now.date_naive();
    let Some(summary) = ClosingSummary::load(store, id, today, true, app.content)? else {
        app.error("That relationship is no longer in the journal.");
        return Ok(());
    };
    let unfinished = super::closing::unfinished(store, id)?;
    app.screen = Screen::ClosingSummary(Box::new(SummaryView {
        summary,
        unfinished,
        scroll: 0,
        back,
    }));
    Ok(())
}

/// Scrolling, leaving, and carrying on with an unfinished review.
pub(super) fn summary_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let page = usize::from(app.size.1.saturating_sub(6)).max(1);
    let Screen::ClosingSummary(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Back => {
            let back = v.back.clone();
            return super::journal::go_to(app, store, back);
        }
        Action::ContinueClosing if v.unfinished => {
            let id = v.summary.relationship.id;
            return super::closing::continue_review(app, store, id);
        }
        Action::ContinueClosing => {
            app.info("The closing review of this relationship is done.");
        }
        Action::Up => v.scroll = v.scroll.saturating_sub(1),
        Action::Down => v.scroll = v.scroll.saturating_add(1),
        Action::PageUp => v.scroll = v.scroll.saturating_sub(page),
        Action::PageDown => v.scroll = v.scroll.saturating_add(page),
        Action::First => v.scroll = 0,
        _ => {}
    }
    Ok(())
}
