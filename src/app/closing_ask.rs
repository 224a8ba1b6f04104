//! When a closing review is asked about: its progress kept between runs (a row of the draft
//! table), whether it waits, and the reminder on home that offers it again the next day.

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::{Action, App, Popup, Reply, Screen, Then};
use crate::domain::closing::{ClosingProgress, review_waiting};
use crate::domain::{LifeKind, RelationshipStatus};
use crate::error::Result;
use crate::store::Store;

/// The draft-table key prefix of a closing review's progress.
pub const DRAFT_PREFIX: &str = "closing-review:";

pub(super) fn draft_key(relationship: Uuid) -> String {
    format!("{DRAFT_PREFIX}{relationship}")
}

/// How far the person got with the closing review of `relationship`, if it was begun. A
/// progress row that cannot be read counts as not begun (the review starts again).
pub fn progress_of(store: &Store, relationship: Uuid) -> Result<Option<ClosingProgress>> {
    Ok(store
        .draft(&draft_key(relationship))?
        .and_then(|d| serde_json::from_str(&d.body).ok()))
}

pub(super) fn save_progress(
    store: &mut Store,
    relationship: Uuid,
    p: &ClosingProgress,
    app: &App,
) -> Result<()> {
    let body = serde_json::to_string(p).map_err(|e| crate::error::Error::Decode(e.to_string()))?;
    store.save_draft(&draft_key(relationship), &body, app.now.with_timezone(&Utc))
}

/// The id of the relationship's latest close, if closes were kept when it closed.
pub(super) fn last_close(store: &Store, relationship: Uuid) -> Result<Option<String>> {
    Ok(store
        .life_events(relationship)?
        .into_iter()
        .rev()
        .find(|e| e.kind == LifeKind::Closed)
        .map(|e| e.id.to_string()))
}

/// Whether the closing review of `relationship` waits to be offered on `today`.
pub fn waiting(store: &Store, relationship: Uuid, today: NaiveDate) -> Result<bool> {
    let Some(rel) = store.relationship(relationship)? else {
        return Ok(false);
    };
    let closed = rel.status == RelationshipStatus::Closed;
    if !closed {
        return Ok(false);
    }
    let close = last_close(store, relationship)?;
    let progress = progress_of(store, relationship)?;
    Ok(review_waiting(
        closed,
        close.as_deref(),
        progress.as_ref(),
        today,
    ))
}

/// Whether a review was begun for the latest close and not finished (whatever day it is
/// asked again): the summary offers to carry on with it.
pub fn unfinished(store: &Store, relationship: Uuid) -> Result<bool> {
    let far = NaiveDate::MAX;
    waiting(store, relationship, far)
}

/// On home, once nothing else is asked: offers a closing review that waits (closed from the
/// command line, or left for later on an earlier day).
pub fn offer_waiting(app: &mut App, store: &Store) -> Result<()> {
    let today = app.now.date_naive();
    if !app.popups.is_empty()
        || !matches!(app.screen, Screen::Home(_))
        || app.closing_checked.is_some_and(|d| d >= today)
    {
        return Ok(());
    }
    // Looked for once a day (every tick would read every relationship again).
    app.closing_checked = Some(today);
    for rel in store.relationships()? {
        if rel.status == RelationshipStatus::Closed && waiting(store, rel.id, today)? {
            app.push_popup(Popup::ClosingOffer {
                relationship: rel.id,
                name: rel.display_name().to_string(),
            });
            return Ok(());
        }
    }
    Ok(())
}

/// The offer: y carries on with the review now; n and Esc leave it for tomorrow.
pub(super) fn offer_reply(relationship: Uuid, action: &Action) -> Reply {
    match action {
        Action::Yes | Action::Confirm => Reply::CloseThen(Then::ContinueClosing(relationship)),
        Action::No | Action::Back | Action::Quit => {
            Reply::CloseThen(Then::ClosingLater(relationship))
        }
        _ => Reply::Keep,
    }
}

/// The review is left for tomorrow (from the offer).
pub(super) fn later(app: &mut App, store: &mut Store, relationship: Uuid) -> Result<()> {
    let Some(close) = last_close(store, relationship)? else {
        return Ok(());
    };
    let mut progress = match progress_of(store, relationship)? {
        Some(p) if p.close_event == close => p,
        _ => ClosingProgress::new(close),
    };
    progress.later(app.now.date_naive());
    save_progress(store, relationship, &progress, app)?;
    app.info("Later, then: the closing review is offered again tomorrow.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offer_is_taken_on_yes_and_left_for_tomorrow_on_no_or_esc() {
        let id = Uuid::now_v7();
        assert_eq!(
            offer_reply(id, &Action::Yes),
            Reply::CloseThen(Then::ContinueClosing(id))
        );
        for a in [Action::No, Action::Back] {
            assert_eq!(
                offer_reply(id, &a),
                Reply::CloseThen(Then::ClosingLater(id))
            );
        }
        assert_eq!(offer_reply(id, &Action::Down), Reply::Keep);
    }
}
