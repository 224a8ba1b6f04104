//! Typed reads and writes of the profile, relationships and agreement answers.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::{BadRow, invalid, unknown};
use crate::domain::{
    Agreement, Answer, AnswerValue, Cadence, Initiator, PlannedDuration, Profile, Relationship,
    RelationshipStatus, Role,
};
use crate::error::{Error, Result};

/// A relationship with its answers as (question id, value, private), for batch writes.
pub type RelationshipWithAnswers = (Relationship, Vec<(String, AnswerValue, bool)>);

/// What the home screen shows of one relationship, read in one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationshipOverview {
    pub relationship: Relationship,
    pub cadence: Option<Cadence>,
    pub initiator: Option<Initiator>,
    pub duration: Option<PlannedDuration>,
    /// The agreed focus, when answered.
    pub focus: Option<String>,
}

impl RelationshipOverview {
    /// The planned last day, counted from the agreement date.
    pub fn planned_end(&self) -> Option<NaiveDate> {
        let start = self.relationship.agreed_on?;
        self.duration?.planned_end(start)
    }
}

pub(super) const RELATIONSHIP_COLUMNS: &str = "id, my_role, other_name, model, topics, status, \
     walkthrough_step, agreed_on, created_at, updated_at, paused_since, resumed_on, closed_on";

pub(super) fn relationship_from_row(row: &Row<'_>) -> rusqlite::Result<Relationship> {
    let role: Option<String> = row.get(1)?;
    let status: String = row.get(5)?;
    Ok(Relationship {
        id: super::journal::uuid(row, 0)?,
        my_role: match role {
            Some(r) => Some(Role::from_id(&r).ok_or_else(|| unknown(1, "role"))?),
            None => None,
        },
        other_name: row.get(2)?,
        model: row.get(3)?,
        topics: super::journal::json_list(row, 4)?,
        status: RelationshipStatus::from_id(&status)
            .ok_or_else(|| unknown(5, "relationship status"))?,
        walkthrough_step: row.get(6)?,
        agreed_on: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        paused_since: row.get(10)?,
        resumed_on: row.get(11)?,
        closed_on: row.get(12)?,
    })
}

/// Inserts a relationship or updates every field but `created_at`. Once agreed, where it is
/// in its life (status, paused, resumed, closed) changes only through `record_life_event`: a
/// copy read before a pause or a close in another window must not undo it when saved.
fn upsert_relationship(
    tx: &Transaction<'_>,
    rel: &Relationship,
    updated_at: DateTime<Utc>,
) -> Result<()> {
    let topics = serde_json::to_string(&rel.topics).map_err(|e| Error::Decode(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO relationship (id, my_role, other_name, model, topics, status,
             walkthrough_step, agreed_on, created_at, updated_at, paused_since, resumed_on,
             closed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET my_role = excluded.my_role,
             other_name = excluded.other_name, model = excluded.model,
             topics = excluded.topics,
             walkthrough_step = excluded.walkthrough_step,
             agreed_on = excluded.agreed_on, updated_at = excluded.updated_at,
             status = CASE WHEN relationship.status = 'draft' THEN excluded.status
                           ELSE relationship.status END,
             paused_since = CASE WHEN relationship.status = 'draft' THEN excluded.paused_since
                                 ELSE relationship.paused_since END,
             resumed_on = CASE WHEN relationship.status = 'draft' THEN excluded.resumed_on
                               ELSE relationship.resumed_on END,
             closed_on = CASE WHEN relationship.status = 'draft' THEN excluded.closed_on
                              ELSE relationship.closed_on END",
    )?
    .execute(params![
        rel.id.to_string(),
        rel.my_role.map(Role::id),
        rel.other_name,
        rel.model,
        topics,
        rel.status.id(),
        rel.walkthrough_step,
        rel.agreed_on,
        rel.created_at,
        updated_at,
        rel.paused_since,
        rel.resumed_on,
        rel.closed_on,
    ])?;
    Ok(())
}

/// Inserts an answer or replaces its value, keeping `created_at`.
fn upsert_answer(
    tx: &Transaction<'_>,
    relationship: Uuid,
    question: &str,
    value: &AnswerValue,
    private: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| Error::Decode(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO answer (relationship_id, question_id, value, private, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (relationship_id, question_id) DO UPDATE SET
             value = excluded.value, private = excluded.private, updated_at = excluded.updated_at",
    )?
    .execute(params![
        relationship.to_string(),
        question,
        json,
        private,
        now
    ])?;
    Ok(())
}

/// The columns an answer is read from; its key is columns 0 and 1.
pub(super) const ANSWER_COLUMNS: &str = "relationship_id, question_id, value, private, updated_at";

/// One answer: (question id, answer).
pub(super) fn answer_from_row(row: &Row<'_>) -> rusqlite::Result<(String, Answer)> {
    let json: String = row.get(2)?;
    Ok((
        row.get(1)?,
        Answer {
            value: serde_json::from_str(&json).map_err(|e| invalid(2, e))?,
            private: row.get(3)?,
            updated_at: row.get(4)?,
        },
    ))
}

pub(super) fn profile_from_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        name: r.get(0)?,
        created_at: r.get(1)?,
        updated_at: r.get(2)?,
    })
}

impl Store {
    /// The journal owner's profile; `None` before the walk-through asked for a name.
    pub fn profile(&self) -> Result<Option<Profile>> {
        self.read_one(
            "SELECT name, created_at, updated_at, id FROM profile WHERE id = 1",
            [],
            "profile",
            &[3],
            profile_from_row,
        )
    }

    /// The owner's name; `None` before the walk-through asked for it. A name that cannot be
    /// read is noted and reads as empty (the profile is there).
    pub fn profile_name(&self) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, id FROM profile WHERE id = 1")?;
        let mut rows = stmt.query([])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        match row.get::<_, String>(0) {
            Ok(name) => Ok(Some(name)),
            Err(e) => {
                self.note_bad(&BadRow::new("profile", row, &[1], &e));
                Ok(Some(String::new()))
            }
        }
    }

    /// Sets the owner's name, creating the profile on first use.
    pub fn save_profile_name(&mut self, name: &str, now: DateTime<Utc>) -> Result<Profile> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO profile (id, name, created_at, updated_at) VALUES (1, ?1, ?2, ?2)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
                params![name, now],
            )?;
            Ok(())
        })?;
        self.profile()?
            .ok_or_else(|| Error::Decode("the profile vanished after saving".into()))
    }

    /// Inserts or updates a relationship, stamping `updated_at`.
    /// An agreed relationship gets its agreement's version 1 here (once), made on the day it
    /// was agreed.
    pub fn save_relationship(&mut self, rel: &Relationship, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            upsert_relationship(tx, rel, now)?;
            if rel.status != RelationshipStatus::Draft
                && let Some(day) = rel.agreed_on
            {
                super::agreement_history::ensure_first_version(tx, rel.id, day, now)?;
            }
            Ok(())
        })
    }

    /// One relationship by id, unless it was deleted.
    pub fn relationship(&self, id: Uuid) -> Result<Option<Relationship>> {
        let sql = format!(
            "SELECT {RELATIONSHIP_COLUMNS} FROM relationship WHERE id = ?1 AND deleted_at IS NULL"
        );
        self.read_one(
            &sql,
            [id.to_string()],
            "relationship",
            &[0],
            relationship_from_row,
        )
    }

    /// Agreed (active and closed) relationships: active first, then by start date.
    pub fn relationships(&self) -> Result<Vec<Relationship>> {
        let sql = format!(
            "SELECT {RELATIONSHIP_COLUMNS} FROM relationship
             WHERE deleted_at IS NULL AND status != 'draft'
             ORDER BY status = 'closed', agreed_on, created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        self.read_rows(&mut stmt, [], "relationship", &[0], relationship_from_row)
    }

    /// The most recently touched relationship still in its walk-through, if any (one that
    /// cannot be read is left out, and the next is taken).
    pub fn latest_draft_relationship(&self) -> Result<Option<Relationship>> {
        let sql = format!(
            "SELECT {RELATIONSHIP_COLUMNS} FROM relationship
             WHERE deleted_at IS NULL AND status = 'draft'
             ORDER BY updated_at DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            match relationship_from_row(row) {
                Ok(r) => return Ok(Some(r)),
                Err(e) => self.note_bad(&BadRow::new("relationship", row, &[0], &e)),
            }
        }
        Ok(None)
    }

    /// Agreed relationships with what the home screen needs from their agreements.
    pub fn relationship_overviews(&self) -> Result<Vec<RelationshipOverview>> {
        let relationships = self.relationships()?;
        // Only the answers' values: when each was written and whether it is private are not
        // shown, and reading them for every relationship cost more than the values.
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.relationship_id, a.question_id, a.value FROM answer a
             JOIN relationship r ON r.id = a.relationship_id
             WHERE r.deleted_at IS NULL AND r.status != 'draft'
               AND a.question_id IN ('contact', 'duration', 'focus')",
        )?;
        let mut plans = std::collections::HashMap::new();
        for (rel, question, value) in self.read_rows(&mut stmt, [], "answer", &[0, 1], |row| {
            let json: String = row.get(2)?;
            let value: AnswerValue = serde_json::from_str(&json).map_err(|e| invalid(2, e))?;
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, value))
        })? {
            plans
                .entry(rel)
                .or_insert_with(Vec::new)
                .push((question, value));
        }
        Ok(relationships
            .into_iter()
            .map(|relationship| {
                let mut overview = RelationshipOverview {
                    relationship,
                    cadence: None,
                    initiator: None,
                    duration: None,
                    focus: None,
                };
                for (_, value) in plans
                    .remove(&overview.relationship.id.to_string())
                    .unwrap_or_default()
                {
                    match value {
                        AnswerValue::Contact { initiator, cadence } => {
                            overview.cadence = cadence;
                            overview.initiator = initiator;
                        }
                        AnswerValue::Duration { plan } => overview.duration = Some(plan),
                        AnswerValue::Text { text } => overview.focus = Some(text),
                        _ => {}
                    }
                }
                overview
            })
            .collect())
    }

    /// Soft-deletes a relationship (a walk-through the user chose to discard).
    pub fn delete_relationship(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE relationship SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![id.to_string(), now],
            )?;
            Ok(())
        })
    }

    /// Writes many relationships with their answers in one transaction (generated journals,
    /// and later imports). Rows with the same ids are updated in place; each relationship keeps
    /// its own `updated_at`.
    pub fn save_relationships_batch(
        &mut self,
        batch: &[RelationshipWithAnswers],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            for (rel, answers) in batch {
                upsert_relationship(tx, rel, rel.updated_at)?;
                for (question, value, private) in answers {
                    upsert_answer(tx, rel.id, question, value, *private, now)?;
                }
            }
            Ok(())
        })
    }

    /// Every answer of a relationship's agreement.
    pub fn agreement(&self, relationship: Uuid) -> Result<Agreement> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ANSWER_COLUMNS} FROM answer WHERE relationship_id = ?1"
        ))?;
        let mut agreement = Agreement::default();
        agreement.answers.extend(self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "answer",
            &[0, 1],
            answer_from_row,
        )?);
        Ok(agreement)
    }

    /// Saves one answer (replacing an earlier one). The change is kept in the answer's
    /// history, in the agreement version the domain's rule gives (which may open a new one).
    pub fn save_answer(
        &mut self,
        relationship: Uuid,
        question: &str,
        value: &AnswerValue,
        private: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let json = serde_json::to_string(value).map_err(|e| Error::Decode(e.to_string()))?;
            // Saving the same answer again (a form confirmed without a change) is no change:
            // it must not open a new version of a signed agreement.
            let before: Option<(String, bool)> = tx
                .prepare_cached(
                    "SELECT value, private FROM answer WHERE relationship_id = ?1 AND question_id = ?2",
                )?
                .query_row(params![relationship.to_string(), question], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let unchanged = before.is_some_and(|(old, was_private)| {
                was_private == private
                    && serde_json::from_str::<AnswerValue>(&old).is_ok_and(|old| old == *value)
            });
            if unchanged {
                return Ok(());
            }
            upsert_answer(tx, relationship, question, value, private, now)?;
            super::agreement_history::record_change(
                tx,
                relationship,
                question,
                &json,
                private,
                now,
            )?;
            Ok(())
        })
    }

    /// Removes an answer (the question was skipped or cleared). Clearing is a change too: it
    /// is kept in the history as an empty answer, in the version the rule gives, so a signed
    /// agreement is never changed under its signers.
    pub fn delete_answer(
        &mut self,
        relationship: Uuid,
        question: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let private: Option<bool> = tx
                .prepare_cached(
                    "SELECT private FROM answer WHERE relationship_id = ?1 AND question_id = ?2",
                )?
                .query_row(params![relationship.to_string(), question], |r| r.get(0))
                .optional()?;
            let Some(private) = private else {
                return Ok(());
            };
            tx.execute(
                "DELETE FROM answer WHERE relationship_id = ?1 AND question_id = ?2",
                params![relationship.to_string(), question],
            )?;
            let cleared = serde_json::to_string(&AnswerValue::Text {
                text: String::new(),
            })
            .map_err(|e| Error::Decode(e.to_string()))?;
            super::agreement_history::record_change(
                tx,
                relationship,
                question,
                &cleared,
                private,
                now,
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CadenceUnit;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn profile_is_created_then_renamed() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.profile().unwrap().is_none());
        store.save_profile_name("Ada", now()).unwrap();
        let later = now() + chrono::Duration::hours(1);
        let p = store.save_profile_name("Ada L.", later).unwrap();
        assert_eq!(p.name, "Ada L.");
        assert_eq!(p.created_at, now());
        assert_eq!(p.updated_at, later);
    }

    #[test]
    fn relationship_and_answers_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let mut rel = Relationship::new_draft(now());
        rel.my_role = Some(Role::Mentor);
        rel.other_name = "Sam".into();
        rel.model = Some("formal".into());
        rel.topics = vec!["career".into(), "networking".into()];
        rel.walkthrough_step = Some("q:focus".into());
        store.save_relationship(&rel, now()).unwrap();
        assert_eq!(store.relationship(rel.id).unwrap().unwrap(), rel);
        assert_eq!(
            store.latest_draft_relationship().unwrap().unwrap().id,
            rel.id
        );
        assert!(
            store.relationships().unwrap().is_empty(),
            "drafts are not listed"
        );

        let contact = AnswerValue::Contact {
            initiator: Some(Initiator::Them),
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks,
            }),
        };
        store
            .save_answer(rel.id, "contact", &contact, false, now())
            .unwrap();
        let private = AnswerValue::Text {
            text: "my time".into(),
        };
        store
            .save_answer(rel.id, "mentor_time", &private, true, now())
            .unwrap();
        let agreement = store.agreement(rel.id).unwrap();
        assert_eq!(agreement.get("contact"), Some(&contact));
        assert!(agreement.answers["mentor_time"].private);

        rel.status = RelationshipStatus::Active;
        rel.agreed_on = Some(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        rel.walkthrough_step = None;
        store.save_relationship(&rel, now()).unwrap();
        let overview = store.relationship_overviews().unwrap();
        assert_eq!(overview.len(), 1);
        assert_eq!(overview[0].cadence.unwrap().days(), 14);
        assert_eq!(overview[0].initiator, Some(Initiator::Them));

        store.delete_answer(rel.id, "contact", Utc::now()).unwrap();
        assert!(store.agreement(rel.id).unwrap().get("contact").is_none());
        store.delete_relationship(rel.id, now()).unwrap();
        assert!(store.relationship(rel.id).unwrap().is_none());
        assert!(store.relationships().unwrap().is_empty());
    }
}
