//! What a pair review reads besides meetings: the relationship's action items (every open one,
//! and those done in the period), its reflections and its check-ins of the period.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Store;
use super::checkins::{CHECKIN_COLUMNS, checkin_from_row};
use super::journal::{ACTION_COLUMNS, REFLECTION_COLUMNS, action_from_row, reflection_from_row};
use crate::domain::{ActionItem, Checkin, Reflection};
use crate::error::Result;

/// The action items of a pair review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItems {
    /// The most pressing open items, soonest due first (at most the limit asked for).
    pub open: Vec<ActionItem>,
    /// How many are open in all.
    pub open_total: usize,
    /// How many were done in the period.
    pub done: usize,
}

impl Store {
    /// The relationship's action items a review shows: the `limit` most pressing open ones
    /// (soonest due first, undated after), how many are open in all, and how many were done
    /// from `from` to `until`. Items of a private meeting only with `include_private`; items of
    /// a meeting in the trash never. Counted in the indexes, without reading the items' text.
    pub fn review_items(
        &self,
        relationship: Uuid,
        from: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
        include_private: bool,
        limit: usize,
    ) -> Result<ReviewItems> {
        const SHARED: &str = "(a.meeting_id IS NULL
             OR EXISTS (SELECT 1 FROM meeting m INDEXED BY meeting_flags
                        WHERE m.id = a.meeting_id AND m.deleted_at IS NULL
                          AND (?2 OR m.private = 0)))";
        let columns = ACTION_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rel = relationship.to_string();
        let mut open = Vec::new();
        // Dated ones in the index's order first (ties in the order they were added), then
        // the undated: the index is read only as far as the limit, with no sort.
        for dated in [true, false] {
            if open.len() >= limit {
                break;
            }
            let due = if dated {
                "a.due_on IS NOT NULL ORDER BY a.due_on, a.rowid"
            } else {
                "a.due_on IS NULL ORDER BY a.rowid"
            };
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {columns} FROM action_item a INDEXED BY action_item_open_by_relationship
                 WHERE a.relationship_id = ?1 AND a.done_at IS NULL AND a.deleted_at IS NULL
                   AND {SHARED} AND {due} LIMIT ?3"
            ))?;
            let left = (limit - open.len()) as i64;
            open.extend(self.read_rows(
                &mut stmt,
                rusqlite::params![rel, include_private, left],
                "action_item",
                &[0],
                action_from_row,
            )?);
        }
        // Counted in the indexes alone: all the relationship's items, less those of its
        // private or trashed meetings (few, and found through the meetings' own index).
        let all: (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT
                   (SELECT count(*) FROM action_item INDEXED BY action_item_open_by_relationship
                    WHERE relationship_id = ?1 AND done_at IS NULL AND deleted_at IS NULL),
                   (SELECT count(*) FROM action_item INDEXED BY action_item_by_relationship
                    WHERE relationship_id = ?1 AND deleted_at IS NULL AND done_at IS NOT NULL
                      AND (?2 IS NULL OR done_at >= ?2) AND done_at < ?3)",
            )?
            .query_row(rusqlite::params![rel, from, until], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let hidden: (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT count(*) FILTER (WHERE a.done_at IS NULL),
                        count(*) FILTER (WHERE a.done_at IS NOT NULL
                            AND (?3 IS NULL OR a.done_at >= ?3) AND a.done_at < ?4)
                 FROM meeting m INDEXED BY meeting_contacts
                 JOIN action_item a ON a.meeting_id = m.id
                 WHERE m.relationship_id = ?1 AND a.deleted_at IS NULL
                   AND (m.deleted_at IS NOT NULL OR (NOT ?2 AND m.private = 1))",
            )?
            .query_row(rusqlite::params![rel, include_private, from, until], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let (open_total, done) = (all.0 - hidden.0, all.1 - hidden.1);
        Ok(ReviewItems {
            open,
            open_total: open_total as usize,
            done: done as usize,
        })
    }

    /// The relationship's reflections written from `from` to `until`, oldest first: shared
    /// ones, and private ones too with `include_private`.
    pub fn reflections_between(
        &self,
        relationship: Uuid,
        from: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
        include_private: bool,
    ) -> Result<Vec<Reflection>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflection
             WHERE relationship_id = ?1 AND deleted_at IS NULL AND (?4 OR private = 0)
               AND (?2 IS NULL OR written_at >= ?2) AND written_at < ?3
             ORDER BY written_at, id"
        ))?;
        self.read_rows(
            &mut stmt,
            rusqlite::params![relationship.to_string(), from, until, include_private],
            "reflection",
            &[0],
            reflection_from_row,
        )
    }

    /// The reflections tied to no relationship (written alone, or imported from another
    /// journal), oldest first: shared ones, and private ones too with `include_private`.
    pub fn unattached_reflections(
        &self,
        from: Option<DateTime<Utc>>,
        include_private: bool,
    ) -> Result<Vec<Reflection>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflection
             WHERE relationship_id IS NULL AND deleted_at IS NULL AND (?2 OR private = 0)
               AND (?1 IS NULL OR written_at >= ?1)
             ORDER BY written_at, id"
        ))?;
        self.read_rows(
            &mut stmt,
            rusqlite::params![from, include_private],
            "reflection",
            &[0],
            reflection_from_row,
        )
    }

    /// The relationship's check-ins from `from` to `until`, oldest first.
    pub fn checkins_between(
        &self,
        relationship: Uuid,
        from: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Checkin>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHECKIN_COLUMNS} FROM checkin
             WHERE relationship_id = ?1 AND deleted_at IS NULL
               AND (?2 IS NULL OR at >= ?2) AND at < ?3
             ORDER BY at, id"
        ))?;
        self.read_rows(
            &mut stmt,
            rusqlite::params![relationship.to_string(), from, until],
            "checkin",
            &[0],
            checkin_from_row,
        )
    }
}
