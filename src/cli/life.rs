//! `mentorlog pause|resume|close|reopen --with NAME [--reason TEXT]`: a relationship's life
//! changed from the shell, with the same rules (and messages) as the popup on home.

use std::path::Path;

use chrono::{DateTime, Local, Utc};

use super::{pick_relationship, print, tell_left_out};
use crate::domain::{LifeKind, Relationship};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::sanitize_line;

/// Runs one change; a change the relationship's state does not allow is exit code 2, with a
/// message that says what to do instead.
pub fn change(db: &Path, kind: LifeKind, with: &str, reason: Option<&str>) -> Result<u8> {
    let now = crate::share::now_from_env().map_err(Error::Usage)?;
    let mut store = Store::open_existing(db)?;
    let message = record(&mut store, now, kind, with, reason.unwrap_or(""))?;
    print(&message);
    tell_left_out(&store);
    Ok(0)
}

/// Records the change on `now`'s day and says, in one line, what it did.
pub fn record(
    store: &mut Store,
    now: DateTime<Local>,
    kind: LifeKind,
    with: &str,
    reason: &str,
) -> Result<String> {
    let rel = match pick_relationship(store, Some(with)) {
        Ok(rel) => rel,
        // Drafts are not among the names: one still in its walk-through is told so.
        Err(e) => match store.latest_draft_relationship()? {
            Some(draft)
                if !with.trim().is_empty()
                    && draft
                        .other_name
                        .trim()
                        .to_lowercase()
                        .starts_with(&with.trim().to_lowercase()) =>
            {
                draft
            }
            _ => return Err(e),
        },
    };
    let day = now.date_naive();
    let rel = store.record_life_event(rel.id, kind, day, reason, now.with_timezone(&Utc))?;
    Ok(format!("{}\n", done(&rel, kind, day, reason)))
}

/// The line a change prints: what happened, and what follows from it.
fn done(rel: &Relationship, kind: LifeKind, day: chrono::NaiveDate, reason: &str) -> String {
    let name = sanitize_line(rel.display_name());
    let reason = sanitize_line(reason.trim());
    let because = if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    };
    match kind {
        LifeKind::Paused => format!(
            "Paused the relationship with {name} from {day}{because}: no check-in, review or survey reminders until you resume it."
        ),
        LifeKind::Resumed => format!(
            "Resumed the relationship with {name}{because}: check-ins count again from {day}."
        ),
        LifeKind::Closed => format!(
            "Closed the relationship with {name} on {day}{because}. Its closing review is waiting in mentorlog: open it to look back on what happened."
        ),
        LifeKind::Reopened => format!(
            "Reopened the relationship with {name}{because}: it is active again and check-ins count from {day}."
        ),
    }
}
