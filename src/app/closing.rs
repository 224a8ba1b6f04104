//! Closing a relationship: the closing review and the closing summary.

use uuid::Uuid;

use super::App;
use crate::domain::LifeKind;
use crate::error::Result;
use crate::store::Store;

/// Closes the relationship (with the reason given, if any), then offers the closing reflection.
pub fn open_review(
    app: &mut App,
    store: &mut Store,
    id: Uuid,
    reason: Option<String>,
) -> Result<()> {
    let now = app.now.with_timezone(&chrono::Utc);
    let day = app.now.date_naive();
    match store.record_life_event(
        id,
        LifeKind::Closed,
        day,
        reason.as_deref().unwrap_or(""),
        now,
    ) {
        Ok(_) => super::arc::close_relationship(app, store, id),
        Err(crate::error::Error::Usage(message)) => {
            app.error(message);
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The closing summary of a closed relationship.
pub fn open_summary(app: &mut App, _store: &mut Store, _id: Uuid) -> Result<()> {
    app.info("The closing summary is not written yet.");
    Ok(())
}
