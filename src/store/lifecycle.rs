//! Pausing, resuming, closing and reopening a relationship: the relationship row and its
//! [`LifeEvent`] are written together, in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::unknown;
use super::relationships::{RELATIONSHIP_COLUMNS, relationship_from_row};
use crate::domain::lifecycle::apply;
use crate::domain::{LifeEvent, LifeKind, Relationship};
use crate::error::{Error, Result};

pub(super) const LIFE_EVENT_COLUMNS: &str = "id, relationship_id, kind, on_day, reason, created_at";

pub(super) fn life_event_from_row(row: &Row<'_>) -> rusqlite::Result<LifeEvent> {
    let kind: String = row.get(2)?;
    Ok(LifeEvent {
        id: super::journal::uuid(row, 0)?,
        relationship_id: super::journal::uuid(row, 1)?,
        kind: LifeKind::from_id(&kind).ok_or_else(|| unknown(2, "life event"))?,
        on_day: row.get(3)?,
        reason: row.get(4)?,
        created_at: row.get(5)?,
    })
}

impl Store {
    /// Pauses, resumes, closes or reopens `relationship` on `day`, keeping the change and its
    /// reason. A change the relationship's state does not allow is an [`Error::Usage`] whose
    /// message says what to do, and nothing is written.
    pub fn record_life_event(
        &mut self,
        relationship: Uuid,
        kind: LifeKind,
        day: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Relationship> {
        self.write(|tx| {
            let sql = format!(
                "SELECT {RELATIONSHIP_COLUMNS} FROM relationship WHERE id = ?1 AND deleted_at IS NULL"
            );
            let mut rel = tx
                .query_row(&sql, [relationship.to_string()], relationship_from_row)
                .map_err(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => {
                        Error::Usage("That relationship is no longer in the journal.".into())
                    }
                    e => e.into(),
                })?;
            apply(&mut rel, kind, day).map_err(Error::Usage)?;
            tx.execute(
                "UPDATE relationship SET status = ?2, paused_since = ?3, resumed_on = ?4,
                     closed_on = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![
                    rel.id.to_string(),
                    rel.status.id(),
                    rel.paused_since,
                    rel.resumed_on,
                    rel.closed_on,
                    now
                ],
            )?;
            tx.execute(
                "INSERT INTO life_event (id, relationship_id, kind, on_day, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    Uuid::now_v7().to_string(),
                    rel.id.to_string(),
                    kind.id(),
                    day,
                    reason.trim(),
                    now
                ],
            )?;
            rel.updated_at = now;
            Ok(rel)
        })
    }

    /// Every pause, resume, close and reopen of `relationship`, oldest first.
    pub fn life_events(&self, relationship: Uuid) -> Result<Vec<LifeEvent>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LIFE_EVENT_COLUMNS} FROM life_event WHERE relationship_id = ?1
             ORDER BY on_day, created_at"
        ))?;
        self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "life_event",
            &[0],
            life_event_from_row,
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::{LifeState, RelationshipStatus};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_change_and_its_reason_are_kept_together() {
        let mut store = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let mut rel = Relationship::new_draft(now);
        rel.other_name = "Sam".into();
        rel.status = RelationshipStatus::Active;
        rel.agreed_on = Some(day(1));
        store.save_relationship(&rel, now).unwrap();

        let paused = store
            .record_life_event(rel.id, LifeKind::Paused, day(20), " holiday ", now)
            .unwrap();
        assert_eq!(paused.life(), LifeState::Paused { since: day(20) });
        let read = store.relationship(rel.id).unwrap().unwrap();
        assert_eq!(read.life(), LifeState::Paused { since: day(20) });

        let e = store
            .record_life_event(rel.id, LifeKind::Paused, day(21), "", now)
            .unwrap_err();
        assert!(e.to_string().contains("paused already"), "{e}");
        let events = store.life_events(rel.id).unwrap();
        assert_eq!(events.len(), 1, "a refused change writes nothing");
        // A copy read before the pause (an answer edited in another window) does not undo it.
        let mut stale = rel.clone();
        stale.other_name = "Sam R.".into();
        store.save_relationship(&stale, now).unwrap();
        let read = store.relationship(rel.id).unwrap().unwrap();
        assert_eq!(
            (read.other_name.as_str(), read.life()),
            ("Sam R.", LifeState::Paused { since: day(20) })
        );
        assert_eq!(
            (events[0].kind, events[0].on_day, events[0].reason.as_str()),
            (LifeKind::Paused, day(20), "holiday")
        );
    }

    #[test]
    fn paused_ones_leave_the_due_list_and_a_resume_counts_from_its_day() {
        let mut store = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
        let mut rel = Relationship::new_draft(now);
        rel.other_name = "Sam".into();
        rel.status = RelationshipStatus::Active;
        rel.agreed_on = Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
        store.save_relationship(&rel, now).unwrap();
        let contact = crate::domain::AnswerValue::Contact {
            initiator: None,
            cadence: Some(crate::domain::Cadence {
                every: 2,
                unit: crate::domain::CadenceUnit::Weeks,
            }),
        };
        store
            .save_answer(rel.id, "contact", &contact, false, now)
            .unwrap();
        let due = |store: &Store| store.due_rows(day(22)).unwrap();
        assert!(
            due(&store)[0].state.unwrap().due,
            "overdue since 15 October"
        );
        store
            .record_life_event(rel.id, LifeKind::Paused, day(2), "", now)
            .unwrap();
        assert!(due(&store).is_empty(), "paused: nothing to ask about");
        store
            .record_life_event(rel.id, LifeKind::Resumed, day(20), "", now)
            .unwrap();
        let state = due(&store)[0].state.unwrap();
        assert_eq!(
            (state.next_due, state.due),
            (NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(), false)
        );
    }
}
