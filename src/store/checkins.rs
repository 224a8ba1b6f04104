//! Check-ins, check-in plans, arc reviews and pulse surveys, and the due list built from them.

use std::collections::HashMap;

use chrono::{DateTime, Local, NaiveDate, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::bad_rows::{BadRow, invalid, unknown};
use super::journal::uuid;
use super::{RelationshipOverview, Store};
use crate::domain::checkin::{
    ArcPoint, CheckinFacts, CheckinPlan, DueState, Schedule, due_state_planned,
};
use crate::domain::{Cadence, Checkin, Initiator, Relationship};
use crate::error::{Error, Result};

/// One relationship's check-in state, for the home screen, the prompt and `mentorlog due`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub relationship: Relationship,
    pub cadence: Option<Cadence>,
    pub initiator: Option<Initiator>,
    pub plan: CheckinPlan,
    pub planned_end: Option<NaiveDate>,
    /// `None` when no cadence or schedule was agreed.
    pub state: Option<DueState>,
}

pub use crate::domain::Survey;

/// The next meeting a relationship's latest meeting planned, for the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    /// The meeting that planned it.
    pub meeting_id: Uuid,
    pub relationship_id: Uuid,
    pub held_at: DateTime<Utc>,
    /// The day the next meeting is planned for.
    pub on: NaiveDate,
    /// The planning meeting is private.
    pub private: bool,
}

/// The draft-table key prefix of an arc review put off with "later".
pub const ARC_LATER_PREFIX: &str = "arc-review-later:";

/// A relationship's newest contact time as the grouped query read it.
#[derive(Debug, Clone, Copy)]
enum LastContact {
    Read(Option<DateTime<Utc>>),
    /// The newest time does not read as a time: looked for one row at a time.
    Unread,
}

/// The local day of a moment.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

pub(super) const CHECKIN_COLUMNS: &str = "id, relationship_id, at, kind, note, reached_out";

pub(super) fn checkin_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Checkin> {
    let kind: String = r.get(3)?;
    Ok(Checkin {
        id: uuid(r, 0)?,
        relationship_id: uuid(r, 1)?,
        at: r.get(2)?,
        kind: crate::domain::checkin::ContactKind::from_id(&kind)
            .ok_or_else(|| unknown(3, "kind of contact"))?,
        note: r.get(4)?,
        reached_out: super::journal::side(r, 5)?,
    })
}

pub(super) const PLAN_COLUMNS: &str = "mode, anchor, every_weeks, snooze_until, snooze_set_on, \
     rescheduled_to, rescheduled_set_on, relationship_id";

pub(super) fn plan_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CheckinPlan> {
    let mode: String = r.get(0)?;
    let anchor: Option<NaiveDate> = r.get(1)?;
    let every: Option<u32> = r.get(2)?;
    let pair = |a: Option<NaiveDate>, b: Option<NaiveDate>| a.zip(b);
    Ok(CheckinPlan {
        schedule: match (mode.as_str(), anchor) {
            ("fixed", Some(anchor)) => Schedule::Fixed {
                anchor,
                every_weeks: every.unwrap_or(1),
            },
            ("fixed", None) => return Err(unknown(1, "day for a fixed schedule")),
            ("since_contact", _) => Schedule::SinceLastContact,
            _ => return Err(unknown(0, "kind of schedule")),
        },
        snooze: pair(r.get(3)?, r.get(4)?),
        rescheduled: pair(r.get(5)?, r.get(6)?),
    })
}

pub(super) const ARC_COLUMNS: &str = "point, planned_end, relationship_id";

pub(super) fn arc_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ArcPoint, NaiveDate)> {
    let point: String = r.get(0)?;
    Ok((
        ArcPoint::from_id(&point).ok_or_else(|| unknown(0, "arc review point"))?,
        r.get(1)?,
    ))
}

pub(super) const SURVEY_COLUMNS: &str = "id, relationship_id, at, reason, scores, note";

pub(super) fn survey_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Survey> {
    let scores: String = r.get(4)?;
    Ok(Survey {
        id: uuid(r, 0)?,
        relationship_id: uuid(r, 1)?,
        at: r.get(2)?,
        reason: r.get(3)?,
        scores: serde_json::from_str(&scores).map_err(|e| invalid(4, e))?,
        note: r.get(5)?,
    })
}

impl Store {
    /// Logs a quick check-in.
    pub fn save_checkin(&mut self, c: &Checkin, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO checkin (id, relationship_id, at, kind, note, created_at, reached_out)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    c.id.to_string(),
                    c.relationship_id.to_string(),
                    c.at,
                    c.kind.id(),
                    c.note,
                    now,
                    c.reached_out.map(crate::domain::Side::id)
                ],
            )?;
            Ok(())
        })
    }

    /// The check-ins of a relationship, newest first.
    pub fn checkins(&self, relationship: Uuid) -> Result<Vec<Checkin>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHECKIN_COLUMNS} FROM checkin
             WHERE relationship_id = ?1 AND deleted_at IS NULL ORDER BY at DESC"
        ))?;
        self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "checkin",
            &[0],
            checkin_from_row,
        )
    }

    /// The last real contact: the latest meeting or check-in (a time that cannot be read is
    /// left out, and the one before it is taken).
    pub fn last_contact(&self, relationship: Uuid) -> Result<Option<DateTime<Utc>>> {
        self.last_contact_counting(relationship, true)
    }

    /// The last contact, with private meetings counted only when `include_private`.
    fn last_contact_counting(
        &self,
        relationship: Uuid,
        include_private: bool,
    ) -> Result<Option<DateTime<Utc>>> {
        let shared = if include_private {
            ""
        } else {
            " AND private = 0"
        };
        let newest_meeting = format!(
            "SELECT max(held_at) FROM meeting WHERE relationship_id = ?1 AND deleted_at IS NULL{shared}"
        );
        let meetings = format!(
            "SELECT held_at, id FROM meeting WHERE relationship_id = ?1 AND deleted_at IS NULL{shared}
             ORDER BY held_at DESC"
        );
        let mut latest = None;
        for (table, newest, sql) in [
            ("meeting", newest_meeting.as_str(), meetings.as_str()),
            (
                "checkin",
                "SELECT max(at) FROM checkin WHERE relationship_id = ?1 AND deleted_at IS NULL",
                "SELECT at, id FROM checkin WHERE relationship_id = ?1 AND deleted_at IS NULL
                 ORDER BY at DESC",
            ),
        ] {
            // The common case in one index seek: the newest time, when it reads as a time.
            let quick = self
                .conn
                .prepare_cached(newest)?
                .query_row([relationship.to_string()], |r| {
                    r.get::<_, Option<DateTime<Utc>>>(0)
                });
            if let Ok(at) = quick {
                latest = latest.max(at);
                continue;
            }
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query([relationship.to_string()])?;
            while let Some(row) = rows.next()? {
                match row.get::<_, DateTime<Utc>>(0) {
                    Ok(at) => {
                        latest = latest.max(Some(at));
                        break;
                    }
                    Err(e) => self.note_bad(&BadRow::new(table, row, &[1], &e)),
                }
            }
        }
        Ok(latest)
    }

    /// A relationship's check-in plan (the default when none was set);
    /// [`crate::error::Error::BadRow`] when it cannot be read.
    pub fn checkin_plan(&self, relationship: Uuid) -> Result<CheckinPlan> {
        let plan = self.read_one(
            &format!("SELECT {PLAN_COLUMNS} FROM checkin_plan WHERE relationship_id = ?1"),
            [relationship.to_string()],
            "checkin_plan",
            &[7],
            plan_from_row,
        )?;
        Ok(plan.unwrap_or_default())
    }

    pub fn save_checkin_plan(
        &mut self,
        relationship: Uuid,
        plan: &CheckinPlan,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (mode, anchor, every) = match plan.schedule {
            Schedule::SinceLastContact => ("since_contact", None, None),
            Schedule::Fixed {
                anchor,
                every_weeks,
            } => {
                if !(1..=52).contains(&every_weeks) {
                    return Err(Error::Usage(
                        "a fixed schedule repeats every 1 to 52 weeks".into(),
                    ));
                }
                ("fixed", Some(anchor), Some(every_weeks))
            }
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO checkin_plan (relationship_id, mode, anchor, every_weeks, snooze_until,
                     snooze_set_on, rescheduled_to, rescheduled_set_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (relationship_id) DO UPDATE SET mode = excluded.mode,
                     anchor = excluded.anchor, every_weeks = excluded.every_weeks,
                     snooze_until = excluded.snooze_until, snooze_set_on = excluded.snooze_set_on,
                     rescheduled_to = excluded.rescheduled_to,
                     rescheduled_set_on = excluded.rescheduled_set_on,
                     updated_at = excluded.updated_at",
                params![
                    relationship.to_string(),
                    mode,
                    anchor,
                    every,
                    plan.snooze.map(|s| s.0),
                    plan.snooze.map(|s| s.1),
                    plan.rescheduled.map(|s| s.0),
                    plan.rescheduled.map(|s| s.1),
                    now
                ],
            )?;
            Ok(())
        })
    }

    /// Every active relationship's check-in state on `today` (local days), in the home
    /// screen's order.
    pub fn due_rows(&self, today: NaiveDate) -> Result<Vec<DueRow>> {
        let overviews = self.relationship_overviews()?;
        self.due_rows_of(&overviews, today)
    }

    /// As [`Store::due_rows`], counting shared meetings only: for what others may see (a
    /// calendar without private entries), where a private meeting's day or plan would show
    /// through the check-in's day and its last contact.
    pub fn shared_due_rows(&self, today: NaiveDate) -> Result<Vec<DueRow>> {
        let overviews = self.relationship_overviews()?;
        self.due_rows_counting(&overviews, today, false)
    }

    /// The check-in state of the active relationships among `overviews`, in their order. The
    /// plans and the last contacts of them all (with the next meeting their latest meeting
    /// planned) are read in three queries, not per relationship.
    pub fn due_rows_of(
        &self,
        overviews: &[RelationshipOverview],
        today: NaiveDate,
    ) -> Result<Vec<DueRow>> {
        self.due_rows_counting(overviews, today, true)
    }

    /// The due rows, with private meetings counted as contact (and their plans) only when
    /// `include_private`.
    fn due_rows_counting(
        &self,
        overviews: &[RelationshipOverview],
        today: NaiveDate,
        include_private: bool,
    ) -> Result<Vec<DueRow>> {
        // Paused, closed and draft relationships are asked about nothing.
        let active = |o: &&RelationshipOverview| o.relationship.takes_reminders();
        if !overviews.iter().any(|o| active(&o)) {
            return Ok(Vec::new());
        }
        let plans = self.active_plans()?;
        let contacts = self.last_contacts(include_private)?;
        let mut out = Vec::new();
        for o in overviews.iter().filter(active) {
            let rel = o.relationship.clone();
            let key = rel.id.to_string();
            // A plan that cannot be read was noted; the relationship is shown with the default.
            let plan = plans.get(&key).copied().unwrap_or_default();
            let (contact, planned) = match contacts.get(&key) {
                Some((c, p)) => (Some(*c), *p),
                None => (None, None),
            };
            let last = match contact {
                Some(LastContact::Read(at)) => at,
                // A time that does not read: the careful way, one row at a time.
                Some(LastContact::Unread) => self.last_contact_counting(rel.id, include_private)?,
                None => None,
            }
            .map(local_day);
            let start = rel.agreed_on.unwrap_or_else(|| local_day(rel.created_at));
            let facts = CheckinFacts {
                cadence: o.cadence,
                schedule: plan.schedule,
                start,
                last_contact: last,
                snooze: plan.snooze,
                rescheduled: plan.rescheduled,
                resumed_on: rel.resumed_on,
            };
            out.push(DueRow {
                planned_end: o.planned_end(),
                state: due_state_planned(&facts, planned, today),
                cadence: o.cadence,
                initiator: o.initiator,
                plan,
                relationship: rel,
            });
        }
        Ok(out)
    }

    /// The check-in plans of the active relationships, by relationship id; one that cannot be
    /// read is noted and left out.
    fn active_plans(&self) -> Result<HashMap<String, CheckinPlan>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM checkin_plan WHERE relationship_id IN
                 (SELECT id FROM relationship WHERE deleted_at IS NULL AND status = 'active')"
        ))?;
        Ok(self
            .read_rows(&mut stmt, [], "checkin_plan", &[7], |r| {
                Ok((r.get::<_, String>(7)?, plan_from_row(r)?))
            })?
            .into_iter()
            .collect())
    }

    /// Each active relationship's latest meeting or check-in, and the day its latest meeting
    /// planned the next one for, by relationship id, in one query (each is one index seek,
    /// however many entries there are). A planned day that does not read as a day is left out.
    /// Private meetings count (as contact, and for their plan) only when `include_private`.
    fn last_contacts(
        &self,
        include_private: bool,
    ) -> Result<HashMap<String, (LastContact, Option<NaiveDate>)>> {
        let shared = if include_private {
            ""
        } else {
            " AND private = 0"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.id,
                 (SELECT max(held_at) FROM meeting
                  WHERE relationship_id = r.id AND deleted_at IS NULL{shared}),
                 (SELECT max(at) FROM checkin
                  WHERE relationship_id = r.id AND deleted_at IS NULL),
                 (SELECT next_meeting_on FROM meeting
                  WHERE relationship_id = r.id AND deleted_at IS NULL{shared}
                  ORDER BY held_at DESC, id DESC LIMIT 1)
             FROM relationship r WHERE r.deleted_at IS NULL AND r.status = 'active'"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let Ok(id) = row.get::<_, String>(0) else {
                continue;
            };
            let meeting = row.get::<_, Option<DateTime<Utc>>>(1);
            let checkin = row.get::<_, Option<DateTime<Utc>>>(2);
            let last = match (meeting, checkin) {
                (Ok(a), Ok(b)) => LastContact::Read(a.max(b)),
                _ => LastContact::Unread,
            };
            let planned = row.get::<_, Option<NaiveDate>>(3).ok().flatten();
            out.insert(id, (last, planned));
        }
        Ok(out)
    }

    /// The next meeting each relationship's latest meeting planned, on `from` or later, in
    /// one query (the latest meeting of each is one index seek). Without `include_private`,
    /// the latest shared meeting. A row that cannot be read is noted and left out.
    pub fn planned_meetings(
        &self,
        from: NaiveDate,
        include_private: bool,
    ) -> Result<Vec<PlannedMeeting>> {
        let shared = if include_private {
            ""
        } else {
            " AND private = 0"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT m.id, m.relationship_id, m.held_at, m.next_meeting_on, m.private
             FROM relationship r JOIN meeting m ON m.id =
                 (SELECT id FROM meeting
                  WHERE relationship_id = r.id AND deleted_at IS NULL{shared}
                  ORDER BY held_at DESC, id DESC LIMIT 1)
             WHERE r.deleted_at IS NULL AND m.next_meeting_on >= ?1
             ORDER BY m.next_meeting_on, m.id"
        ))?;
        self.read_rows(&mut stmt, [from], "meeting", &[0], |r| {
            Ok(PlannedMeeting {
                meeting_id: uuid(r, 0)?,
                relationship_id: uuid(r, 1)?,
                held_at: r.get(2)?,
                on: r.get(3)?,
                private: r.get(4)?,
            })
        })
    }

    /// The arc reviews already prompted for this planned end.
    pub fn arc_reviews_done(
        &self,
        relationship: Uuid,
        planned_end: NaiveDate,
    ) -> Result<Vec<ArcPoint>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARC_COLUMNS} FROM arc_review WHERE relationship_id = ?1 AND planned_end = ?2"
        ))?;
        let rows = self.read_rows(
            &mut stmt,
            params![relationship.to_string(), planned_end],
            "arc_review",
            &[2, 0, 1],
            arc_from_row,
        )?;
        Ok(rows.into_iter().map(|(p, _)| p).collect())
    }

    /// Records that an arc review was prompted (so it is not prompted again for that end).
    pub fn mark_arc_review(
        &mut self,
        relationship: Uuid,
        point: ArcPoint,
        planned_end: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO arc_review (relationship_id, point, planned_end, done_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![relationship.to_string(), point.id(), planned_end, now],
            )?;
            Ok(())
        })
    }

    /// "Later" on an arc review of `relationship`: it is asked again from `until` on (kept
    /// as a small row of the draft table, so a restart the same day does not ask again).
    pub fn set_arc_later(
        &mut self,
        relationship: Uuid,
        until: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let key = format!("{ARC_LATER_PREFIX}{relationship}");
        self.save_draft(&key, &until.format("%Y-%m-%d").to_string(), now)
    }

    /// The day an arc review put off with "later" is asked again, if it was put off.
    pub fn arc_later(&self, relationship: Uuid) -> Result<Option<NaiveDate>> {
        let key = format!("{ARC_LATER_PREFIX}{relationship}");
        Ok(self
            .draft(&key)?
            .and_then(|d| NaiveDate::parse_from_str(&d.body, "%Y-%m-%d").ok()))
    }

    pub fn save_survey(&mut self, s: &Survey) -> Result<()> {
        let scores = serde_json::to_string(&s.scores).map_err(|e| Error::Decode(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO survey (id, relationship_id, at, reason, scores, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    s.id.to_string(),
                    s.relationship_id.to_string(),
                    s.at,
                    s.reason,
                    scores,
                    s.note
                ],
            )?;
            Ok(())
        })
    }

    /// A relationship's surveys, oldest first.
    pub fn surveys(&self, relationship: Uuid) -> Result<Vec<Survey>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SURVEY_COLUMNS} FROM survey WHERE relationship_id = ?1 ORDER BY at"
        ))?;
        self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "survey",
            &[0],
            survey_from_row,
        )
    }

    /// How many check-ins and meetings since a moment: for "survey every K contacts".
    pub fn contacts_since(&self, relationship: Uuid, since: DateTime<Utc>) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM meeting WHERE relationship_id = ?1 AND held_at > ?2
                         AND deleted_at IS NULL)
                  + (SELECT count(*) FROM checkin WHERE relationship_id = ?1 AND at > ?2
                         AND deleted_at IS NULL)",
            params![relationship.to_string(), since],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }
}
