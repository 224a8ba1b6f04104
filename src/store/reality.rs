//! The facts the agreement is held against: every meeting's day, length and who reached out,
//! and every check-in's; read in two indexed queries of a few small columns.

use chrono::{DateTime, NaiveDate, Utc};
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
    pub fn contacts(&self, relationship: Uuid, include_private: bool) -> Result<Vec<Contact>> {
        let mut meetings = self.conn.prepare_cached(
            "SELECT held_at, duration_minutes, reached_out, id FROM meeting
             WHERE relationship_id = ?1 AND deleted_at IS NULL AND (?2 OR private = 0)",
        )?;
        let mut out = self.read_rows(
            &mut meetings,
            rusqlite::params![relationship.to_string(), include_private],
            "meeting",
            &[3],
            |r| {
                let at: DateTime<Utc> = r.get(0)?;
                Ok(Contact {
                    day: local_day(at),
                    way: ContactWay::Meeting { minutes: r.get(1)? },
                    reached_out: side(r, 2)?,
                })
            },
        )?;
        let mut checkins = self.conn.prepare_cached(
            "SELECT at, kind, reached_out, id FROM checkin
             WHERE relationship_id = ?1 AND deleted_at IS NULL",
        )?;
        out.extend(self.read_rows(
            &mut checkins,
            [relationship.to_string()],
            "checkin",
            &[3],
            |r| {
                let at: DateTime<Utc> = r.get(0)?;
                let kind: String = r.get(1)?;
                let kind = ContactKind::from_id(&kind)
                    .ok_or_else(|| super::bad_rows::unknown(1, "kind of contact"))?;
                Ok(Contact {
                    day: local_day(at),
                    way: ContactWay::Checkin(kind),
                    reached_out: side(r, 2)?,
                })
            },
        )?);
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
