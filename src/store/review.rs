//! What a pair review reads besides meetings: the relationship's action items (every open one,
//! and those done in the period), its reflections and its check-ins of the period.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Store;
use super::checkins::{CHECKIN_COLUMNS, checkin_from_row};
use super::journal::{ACTION_COLUMNS, REFLECTION_COLUMNS, action_from_row, reflection_from_row};
use crate::domain::{ActionItem, Checkin, Reflection};
use crate::error::Result;

impl Store {
    /// The relationship's action items a review shows: every open one (soonest due first),
    /// and those done from `from` to `until`. Items of a private meeting only with
    /// `include_private`; items of a meeting in the trash never.
    pub fn review_items(
        &self,
        relationship: Uuid,
        from: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
        include_private: bool,
    ) -> Result<(Vec<ActionItem>, Vec<ActionItem>)> {
        let columns = ACTION_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {columns} FROM action_item a
             LEFT JOIN meeting m ON m.id = a.meeting_id
             WHERE a.relationship_id = ?1 AND a.deleted_at IS NULL
               AND (a.meeting_id IS NULL
                    OR (m.deleted_at IS NULL AND (?4 OR m.private = 0)))
               AND (a.done_at IS NULL
                    OR ((?2 IS NULL OR a.done_at >= ?2) AND a.done_at < ?3))
             ORDER BY a.done_at IS NOT NULL, a.due_on IS NULL, a.due_on, a.created_at, a.id"
        ))?;
        let items = self.read_rows(
            &mut stmt,
            rusqlite::params![relationship.to_string(), from, until, include_private],
            "action_item",
            &[0],
            action_from_row,
        )?;
        Ok(items.into_iter().partition(|a| a.done_at.is_none()))
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
