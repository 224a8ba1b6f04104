//! "Not now" on a due check-in: the person is not asked about that relationship again until
//! the next day, also after a restart. Kept as a small row of the draft table (no schema
//! change); unlike a snooze it leaves the check-in's state as it is, so home still shows it
//! as due.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::Store;
use crate::error::Result;

/// The draft-table key prefix of "not now" rows.
pub const NOT_NOW_PREFIX: &str = "checkin-not-now:";

impl Store {
    /// Not asked about `relationship` again before `until`.
    pub fn set_not_now(
        &mut self,
        relationship: Uuid,
        until: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let key = format!("{NOT_NOW_PREFIX}{relationship}");
        self.save_draft(&key, &until.format("%Y-%m-%d").to_string(), now)
    }

    /// The day "not now" on `relationship` ends, if it was said.
    pub fn not_now_until(&self, relationship: Uuid) -> Result<Option<NaiveDate>> {
        let key = format!("{NOT_NOW_PREFIX}{relationship}");
        Ok(self
            .draft(&key)?
            .and_then(|d| NaiveDate::parse_from_str(&d.body, "%Y-%m-%d").ok()))
    }

    /// Every "not now" said, by relationship: the day each ends (one read for the due
    /// prompt, however many relationships are due).
    pub fn not_now_days(&self) -> Result<HashMap<Uuid, NaiveDate>> {
        Ok(self
            .drafts_with_prefix(NOT_NOW_PREFIX)?
            .into_iter()
            .filter_map(|d| {
                let id = Uuid::parse_str(d.key.strip_prefix(NOT_NOW_PREFIX)?).ok()?;
                let until = NaiveDate::parse_from_str(&d.body, "%Y-%m-%d").ok()?;
                Some((id, until))
            })
            .collect())
    }
}
