//! The agreement over time: every change of an answer is kept with the version it belongs to,
//! versions are opened by the domain's rule, and each side's sign-off of a version is kept.
//! A change is written in the same transaction as the answer itself (see `save_answer`).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::{invalid, unknown};
use super::checkins::local_day;
use crate::domain::versions::{
    AgreementHistory, AgreementVersion, AnswerChange, REVISED, SignOff, VersionFor,
    check_signoff_day, version_for_change,
};
use crate::domain::{RelationshipStatus, Side};
use crate::error::{Error, Result};

/// The draft-table key prefix of a revision in progress: its body is the note the next
/// version gets ("revised at the midpoint"). Kept in the journal so the note survives going
/// to an answer's form and back, and a restart.
pub const REVISION_PREFIX: &str = "agreement-revision:";

pub(super) const VERSION_COLUMNS: &str = "relationship_id, number, note, made_on, created_at";
pub(super) const CHANGE_COLUMNS: &str =
    "relationship_id, question_id, changed_at, version, value, private";
pub(super) const SIGNOFF_COLUMNS: &str =
    "relationship_id, version, who, name, signed_on, created_at";

pub(super) fn version_from_row(row: &Row<'_>) -> rusqlite::Result<AgreementVersion> {
    Ok(AgreementVersion {
        relationship_id: super::journal::uuid(row, 0)?,
        number: row.get(1)?,
        note: row.get(2)?,
        made_on: row.get(3)?,
        created_at: row.get(4)?,
    })
}

pub(super) fn change_from_row(row: &Row<'_>) -> rusqlite::Result<AnswerChange> {
    let json: String = row.get(4)?;
    Ok(AnswerChange {
        relationship_id: super::journal::uuid(row, 0)?,
        question_id: row.get(1)?,
        changed_at: row.get(2)?,
        version: row.get(3)?,
        value: serde_json::from_str(&json).map_err(|e| invalid(4, e))?,
        private: row.get(5)?,
    })
}

pub(super) fn signoff_from_row(row: &Row<'_>) -> rusqlite::Result<SignOff> {
    let who: String = row.get(2)?;
    Ok(SignOff {
        relationship_id: super::journal::uuid(row, 0)?,
        version: row.get(1)?,
        who: Side::from_id(&who).ok_or_else(|| unknown(2, "side"))?,
        name: row.get(3)?,
        signed_on: row.get(4)?,
        created_at: row.get(5)?,
    })
}

/// The latest version of `relationship`'s agreement, if it has one.
fn current_version(tx: &Transaction<'_>, relationship: Uuid) -> Result<Option<AgreementVersion>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM agreement_version WHERE relationship_id = ?1
             ORDER BY number DESC LIMIT 1"
        ))?
        .query_row([relationship.to_string()], version_from_row)
        .optional()?)
}

fn insert_version(
    tx: &Transaction<'_>,
    relationship: Uuid,
    number: u32,
    note: &str,
    made_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO agreement_version (relationship_id, number, note, made_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![relationship.to_string(), number, note, made_on, now])?;
    Ok(())
}

/// Version 1 of an agreed relationship, made on the day it was agreed (once; later saves of
/// the relationship leave it as it is).
pub(super) fn ensure_first_version(
    tx: &Transaction<'_>,
    relationship: Uuid,
    agreed_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    insert_version(tx, relationship, 1, "", agreed_on, now)
}

/// Keeps one change of an answer (its value as stored, as JSON), in the version the domain's
/// rule gives, opening that version when the rule says so. Returns the version's number.
pub(super) fn record_change(
    tx: &Transaction<'_>,
    relationship: Uuid,
    question: &str,
    value_json: &str,
    private: bool,
    now: DateTime<Utc>,
) -> Result<u32> {
    let today = local_day(now);
    let current = current_version(tx, relationship)?;
    let signed = match &current {
        Some(v) => tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM signoff WHERE relationship_id = ?1 AND version = ?2)",
            )?
            .query_row(params![relationship.to_string(), v.number], |r| r.get(0))?,
        None => false,
    };
    let version = version_for_change(current.as_ref(), signed, today);
    if let VersionFor::Open(number) = version {
        let key = format!("{REVISION_PREFIX}{relationship}");
        let note: Option<String> = tx
            .prepare_cached("SELECT body FROM draft WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        let note = note.filter(|n| !n.trim().is_empty());
        insert_version(
            tx,
            relationship,
            number,
            note.as_deref().unwrap_or(REVISED),
            today,
            now,
        )?;
    }
    // Two saves in the same instant are one change: the later value is kept.
    tx.prepare_cached(
        "INSERT OR REPLACE INTO answer_change
             (relationship_id, question_id, changed_at, version, value, private)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        relationship.to_string(),
        question,
        now,
        version.number(),
        value_json,
        private
    ])?;
    Ok(version.number())
}

impl Store {
    /// Every version, answer change and sign-off of `relationship`'s agreement, oldest first.
    /// Rows that cannot be read are left out and noted.
    pub fn agreement_history(&self, relationship: Uuid) -> Result<AgreementHistory> {
        let id = relationship.to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VERSION_COLUMNS} FROM agreement_version WHERE relationship_id = ?1
             ORDER BY number"
        ))?;
        let versions = self.read_rows(
            &mut stmt,
            [&id],
            "agreement_version",
            &[0, 1],
            version_from_row,
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHANGE_COLUMNS} FROM answer_change WHERE relationship_id = ?1
             ORDER BY changed_at, question_id"
        ))?;
        let changes = self.read_rows(
            &mut stmt,
            [&id],
            "answer_change",
            &[0, 1, 2],
            change_from_row,
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SIGNOFF_COLUMNS} FROM signoff WHERE relationship_id = ?1
             ORDER BY version, signed_on, who"
        ))?;
        let signoffs = self.read_rows(&mut stmt, [&id], "signoff", &[0, 1, 2], signoff_from_row)?;
        Ok(AgreementHistory {
            versions,
            changes,
            signoffs,
        })
    }

    /// Notes that `who` agreed to the current version on `day` (replacing an earlier sign-off
    /// of the same version by the same side). An agreement still in its walk-through, or a day
    /// before the version was made or after `today`, is an [`Error::Usage`] saying what to do;
    /// nothing is written then.
    pub fn sign_agreement(
        &mut self,
        relationship: Uuid,
        who: Side,
        name: &str,
        day: NaiveDate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<SignOff> {
        self.write(|tx| {
            let row: Option<(String, Option<NaiveDate>)> = tx
                .query_row(
                    "SELECT status, agreed_on FROM relationship WHERE id = ?1 AND deleted_at IS NULL",
                    [relationship.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((status, agreed_on)) = row else {
                return Err(Error::Usage(
                    "That relationship is no longer in the journal.".into(),
                ));
            };
            if status == RelationshipStatus::Draft.id() {
                return Err(Error::Usage(
                    "The agreement is not confirmed yet: finish the walk-through, then sign it."
                        .into(),
                ));
            }
            let version = match current_version(tx, relationship)? {
                Some(v) => v,
                None => {
                    // Agreed before versions were kept by this path: it is version 1.
                    ensure_first_version(tx, relationship, agreed_on.unwrap_or(day), now)?;
                    current_version(tx, relationship)?
                        .ok_or_else(|| Error::Decode("version 1 vanished after saving".into()))?
                }
            };
            check_signoff_day(&version, day, today, &|d| d.format("%Y-%m-%d").to_string())
                .map_err(Error::Usage)?;
            let signoff = SignOff {
                relationship_id: relationship,
                version: version.number,
                who,
                name: name.trim().to_string(),
                signed_on: day,
                created_at: now,
            };
            tx.prepare_cached(
                "INSERT INTO signoff (relationship_id, version, who, name, signed_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (relationship_id, version, who) DO UPDATE SET
                     name = excluded.name, signed_on = excluded.signed_on,
                     created_at = excluded.created_at",
            )?
            .execute(params![
                relationship.to_string(),
                signoff.version,
                who.id(),
                signoff.name,
                day,
                now
            ])?;
            Ok(signoff)
        })
    }

    /// Starts revising `relationship`'s agreement: the next version opened by a change gets
    /// `note` ("revised at the midpoint") instead of plain "revised".
    pub fn begin_revision(
        &mut self,
        relationship: Uuid,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.save_draft(&format!("{REVISION_PREFIX}{relationship}"), note, now)
    }

    /// The note of the revision in progress, if one is.
    pub fn revision_note(&self, relationship: Uuid) -> Result<Option<String>> {
        Ok(self
            .draft(&format!("{REVISION_PREFIX}{relationship}"))?
            .map(|d| d.body))
    }

    /// Ends the revision in progress (later changes open versions noted "revised").
    pub fn end_revision(&mut self, relationship: Uuid) -> Result<()> {
        self.delete_draft(&format!("{REVISION_PREFIX}{relationship}"))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Local, TimeZone};

    use super::*;
    use crate::domain::{AnswerValue, Relationship};

    /// 10:00 local time on `d` November 2026.
    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn text(t: &str) -> AnswerValue {
        AnswerValue::Text { text: t.into() }
    }

    /// Sam's agreement, walked through and confirmed on 1 November.
    fn agreed() -> (Store, Relationship) {
        let mut store = Store::open_in_memory().unwrap();
        let mut rel = Relationship::new_draft(at(1, 9));
        rel.other_name = "Sam".into();
        store.save_relationship(&rel, at(1, 9)).unwrap();
        store
            .save_answer(rel.id, "focus", &text("a new role"), false, at(1, 9))
            .unwrap();
        store
            .save_answer(rel.id, "focus", &text("a product role"), false, at(1, 10))
            .unwrap();
        rel.status = RelationshipStatus::Active;
        rel.agreed_on = Some(day(1));
        store.save_relationship(&rel, at(1, 11)).unwrap();
        (store, rel)
    }

    #[test]
    fn the_walk_through_answers_become_version_one_with_every_change_kept() {
        let (store, rel) = agreed();
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(h.versions.len(), 1);
        assert_eq!((h.versions[0].number, h.versions[0].made_on), (1, day(1)));
        let focus = h.changes_of("focus");
        assert_eq!(focus.len(), 2, "both values are kept");
        assert!(focus.iter().all(|c| c.version == 1));
        assert_eq!(focus[1].value, text("a product role"));
    }

    #[test]
    fn a_change_the_same_day_before_signing_stays_in_the_version() {
        let (mut store, rel) = agreed();
        store
            .save_answer(rel.id, "boundaries", &text("no calls"), false, at(1, 15))
            .unwrap();
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(h.versions.len(), 1);
        assert_eq!(h.changes_of("boundaries")[0].version, 1);
    }

    #[test]
    fn a_change_after_a_signoff_opens_version_two_with_the_revision_note() {
        let (mut store, rel) = agreed();
        store
            .sign_agreement(rel.id, Side::Me, "Ada", day(1), day(1), at(1, 12))
            .unwrap();
        store
            .begin_revision(rel.id, "revised at the midpoint", at(1, 13))
            .unwrap();
        store
            .save_answer(rel.id, "focus", &text("a talk"), false, at(1, 14))
            .unwrap();
        // A second change the same day, still unsigned, joins version 2.
        store
            .save_answer(rel.id, "boundaries", &text("no calls"), false, at(1, 15))
            .unwrap();
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(h.versions.len(), 2);
        let v2 = h.current().unwrap();
        assert_eq!(
            (v2.number, v2.note.as_str(), v2.made_on),
            (2, "revised at the midpoint", day(1))
        );
        assert_eq!(h.changes_of("focus").last().unwrap().version, 2);
        assert_eq!(h.changes_of("boundaries")[0].version, 2);
        assert_eq!(
            store.revision_note(rel.id).unwrap().as_deref(),
            Some("revised at the midpoint")
        );
        store.end_revision(rel.id).unwrap();
        assert_eq!(store.revision_note(rel.id).unwrap(), None);
    }

    #[test]
    fn saving_an_answer_unchanged_is_no_change_and_opens_no_version() {
        let (mut store, rel) = agreed();
        store
            .sign_agreement(rel.id, Side::Me, "Ada", day(1), day(1), at(1, 12))
            .unwrap();
        store
            .save_answer(rel.id, "focus", &text("a product role"), false, at(5, 10))
            .unwrap();
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(h.versions.len(), 1, "the signed version stands");
        assert_eq!(h.changes_of("focus").len(), 2);
        // Made private, the same words are a change.
        store
            .save_answer(rel.id, "focus", &text("a product role"), true, at(5, 11))
            .unwrap();
        assert_eq!(store.agreement_history(rel.id).unwrap().versions.len(), 2);
    }

    #[test]
    fn clearing_an_answer_of_a_signed_agreement_opens_a_version_and_is_kept() {
        let (mut store, rel) = agreed();
        store
            .sign_agreement(rel.id, Side::Me, "Ada", day(1), day(1), at(1, 12))
            .unwrap();
        store.delete_answer(rel.id, "focus", at(5, 10)).unwrap();
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(
            h.versions.len(),
            2,
            "the signed version is not changed under its signer"
        );
        let last = (*h.changes_of("focus").last().unwrap()).clone();
        assert_eq!((last.version, last.value.is_empty()), (2, true));
        // Clearing what is not there is nothing.
        store.delete_answer(rel.id, "focus", at(5, 11)).unwrap();
        assert_eq!(
            store
                .agreement_history(rel.id)
                .unwrap()
                .changes_of("focus")
                .len(),
            3
        );
    }

    #[test]
    fn a_change_on_a_later_day_opens_a_version_noted_revised() {
        let (mut store, rel) = agreed();
        store
            .save_answer(rel.id, "focus", &text("a talk"), true, at(5, 10))
            .unwrap();
        let h = store.agreement_history(rel.id).unwrap();
        let v = h.current().unwrap();
        assert_eq!(
            (v.number, v.note.as_str(), v.made_on),
            (2, "revised", day(5))
        );
        assert!(h.changes_of("focus").last().unwrap().private);
    }

    #[test]
    fn signing_keeps_one_signoff_per_side_and_refuses_bad_days_and_drafts() {
        let (mut store, rel) = agreed();
        store
            .sign_agreement(rel.id, Side::Other, "Sam", day(2), day(3), at(3, 9))
            .unwrap();
        store
            .sign_agreement(rel.id, Side::Other, "Sam", day(3), day(3), at(3, 10))
            .unwrap();
        let e = store
            .sign_agreement(rel.id, Side::Me, "Ada", day(4), day(3), at(3, 11))
            .unwrap_err();
        assert!(e.to_string().contains("after today"), "{e}");
        let h = store.agreement_history(rel.id).unwrap();
        assert_eq!(h.signoffs.len(), 1, "a refused sign-off writes nothing");
        assert_eq!(h.signoffs[0].signed_on, day(3), "signed again: the new day");

        let draft = Relationship::new_draft(at(3, 9));
        store.save_relationship(&draft, at(3, 9)).unwrap();
        let e = store
            .sign_agreement(draft.id, Side::Me, "Ada", day(3), day(3), at(3, 9))
            .unwrap_err();
        assert!(e.to_string().contains("finish the walk-through"), "{e}");
    }

    #[test]
    fn an_agreed_relationship_without_a_version_gets_version_one_when_signed() {
        let mut store = Store::open_in_memory().unwrap();
        let mut rel = Relationship::new_draft(at(1, 9));
        rel.status = RelationshipStatus::Active;
        // Saved the way imports and generated journals write it: no version row.
        store
            .save_relationships_batch(&[(rel.clone(), Vec::new())], at(1, 9))
            .unwrap();
        rel.agreed_on = None;
        let s = store
            .sign_agreement(rel.id, Side::Me, "Ada", day(2), day(2), at(2, 9))
            .unwrap();
        assert_eq!(s.version, 1);
        assert_eq!(store.agreement_history(rel.id).unwrap().versions.len(), 1);
    }
}
