//! The facts the agreement is held against: every meeting's day, length and who reached out,
//! and every check-in's; read in two indexed queries of a few small columns.

use chrono::NaiveDate;
use uuid::Uuid;

use super::Store;
use super::checkins::local_day;
use super::journal::side;
use crate::domain::ContactKind;
use crate::domain::reality::{AgreedTerms, Contact, ContactWay, Reality};
use crate::error::Result;

/// The stretches a relationship was paused: each pause to the resume, close or reopen after
/// it, and a pause still standing to `today`.
fn pauses(
    events: &[crate::domain::LifeEvent],
    paused_since: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    use crate::domain::LifeKind;
    let mut out = Vec::new();
    let mut open: Option<NaiveDate> = None;
    for e in events {
        match e.kind {
            LifeKind::Paused => open = open.or(Some(e.on_day)),
            LifeKind::Resumed | LifeKind::Closed | LifeKind::Reopened => {
                if let Some(p) = open.take() {
                    out.push((p, e.on_day));
                }
            }
        }
    }
    if let Some(p) = open.or(paused_since) {
        out.push((p, today.max(p)));
    }
    out
}

impl Store {
    /// The relationship's meetings and check-ins as contacts, oldest first. Private meetings
    /// only with `include_private` (a shared view counts the shared ones).
    ///
    /// Read grouped by local day and who reached out, from an index that holds only those
    /// columns (tens of thousands of meetings are a few thousand rows). A group of n meetings
    /// comes back as n contacts whose lengths add up to the group's (the first carries the
    /// sum, the others 0 minutes, those without a length none), which is all the look back
    /// counts. A time that does not read as a time is left out (`check` lists it).
    pub fn contacts(&self, relationship: Uuid, include_private: bool) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        let mut meetings = self.conn.prepare_cached(
            "SELECT date(held_at, 'localtime') AS day, reached_out, count(*),
                    count(CASE WHEN typeof(duration_minutes) = 'integer' THEN 1 END),
                    coalesce(sum(CASE WHEN typeof(duration_minutes) = 'integer'
                                      THEN duration_minutes END), 0)
             FROM meeting INDEXED BY meeting_contacts
             WHERE relationship_id = ?1 AND deleted_at IS NULL AND (?2 OR private = 0)
             GROUP BY day, reached_out HAVING day IS NOT NULL",
        )?;
        let mut rows =
            meetings.query(rusqlite::params![relationship.to_string(), include_private])?;
        while let Some(r) = rows.next()? {
            // A day or a side that does not read is left out (`check` lists its row).
            let (Ok(day), Ok(who)) = (r.get::<_, NaiveDate>(0), side(r, 1)) else {
                continue;
            };
            let (n, with_length, minutes): (i64, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
            let minutes = u32::try_from(minutes.max(0)).unwrap_or(u32::MAX);
            for i in 0..n {
                let minutes = match i {
                    0 if with_length > 0 => Some(minutes),
                    i if i < with_length => Some(0),
                    _ => None,
                };
                out.push(Contact {
                    day,
                    way: ContactWay::Meeting { minutes },
                    reached_out: who,
                });
            }
        }
        let mut checkins = self.conn.prepare_cached(
            "SELECT date(at, 'localtime') AS day, reached_out, kind, count(*) FROM checkin
             WHERE relationship_id = ?1 AND deleted_at IS NULL
             GROUP BY day, reached_out, kind HAVING day IS NOT NULL",
        )?;
        let mut rows = checkins.query([relationship.to_string()])?;
        while let Some(r) = rows.next()? {
            let (Ok(day), Ok(who), Ok(kind)) =
                (r.get::<_, NaiveDate>(0), side(r, 1), r.get::<_, String>(2))
            else {
                continue;
            };
            let Some(kind) = ContactKind::from_id(&kind) else {
                continue;
            };
            for _ in 0..r.get::<_, i64>(3)? {
                out.push(Contact {
                    day,
                    way: ContactWay::Checkin(kind),
                    reached_out: who,
                });
            }
        }
        out.sort_by_key(|c| c.day);
        Ok(out)
    }

    /// The relationship's agreement beside what happened up to `today`; `None` for a
    /// relationship that is not there.
    pub fn reality(
        &self,
        relationship: Uuid,
        today: NaiveDate,
        include_private: bool,
    ) -> Result<Option<Reality>> {
        match self.relationship(relationship)? {
            Some(rel) => self.reality_of(&rel, today, include_private).map(Some),
            None => Ok(None),
        }
    }

    /// [`Store::reality`] of a relationship already read.
    pub fn reality_of(
        &self,
        rel: &crate::domain::Relationship,
        today: NaiveDate,
        include_private: bool,
    ) -> Result<Reality> {
        let mut agreement = self.agreement(rel.id)?;
        if !include_private {
            // A shared view holds the agreement's shared answers only.
            agreement.answers.retain(|_, a| !a.private);
        }
        let start = rel.agreed_on.unwrap_or_else(|| local_day(rel.created_at));
        let closed_on = match rel.status {
            crate::domain::RelationshipStatus::Closed => rel.closed_on,
            _ => None,
        };
        let mut terms = AgreedTerms::of(&agreement, start, closed_on);
        terms.pauses = pauses(&self.life_events(rel.id)?, rel.paused_since, today);
        let contacts = self.contacts(rel.id, include_private)?;
        Ok(Reality::new(terms, &contacts, today))
    }
}
