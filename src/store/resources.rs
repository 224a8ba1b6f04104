//! Resources and introductions: books, links, courses and people to meet, per relationship.
//! Trashing one is soft (its row keeps `deleted_at`), so it can be brought back.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::unknown;
use super::journal::uuid;
use crate::domain::resource::sort;
use crate::domain::{Resource, ResourceKind, ResourceState, Side};
use crate::error::{Error, Result};

pub(super) const RESOURCE_COLUMNS: &str = "id, relationship_id, kind, title, detail, offered_by, \
     state, note, private, created_at, updated_at";

pub(super) fn resource_from_row(row: &Row<'_>) -> rusqlite::Result<Resource> {
    let kind: String = row.get(2)?;
    let offered_by: String = row.get(5)?;
    let state: String = row.get(6)?;
    Ok(Resource {
        id: uuid(row, 0)?,
        relationship_id: uuid(row, 1)?,
        kind: ResourceKind::from_id(&kind).ok_or_else(|| unknown(2, "kind of resource"))?,
        title: row.get(3)?,
        detail: row.get(4)?,
        offered_by: Side::from_id(&offered_by).ok_or_else(|| unknown(5, "side"))?,
        state: ResourceState::from_id(&state).ok_or_else(|| unknown(6, "resource state"))?,
        note: row.get(7)?,
        private: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
    })
}

impl Store {
    /// Adds a resource or saves its changes, in one transaction. A resource without a title
    /// (or with one too long) is refused with what to do, and nothing is written. Returns it
    /// as saved.
    pub fn save_resource(&mut self, r: &Resource, now: DateTime<Utc>) -> Result<Resource> {
        if let Some(why) = r.problem() {
            return Err(Error::Usage(why));
        }
        let mut saved = r.clone();
        saved.title = r.title.trim().to_string();
        saved.detail = r.detail.trim().to_string();
        saved.note = r.note.trim().to_string();
        saved.updated_at = now;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO resource (id, relationship_id, kind, title, detail, offered_by, state,
                     note, private, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                     detail = excluded.detail, offered_by = excluded.offered_by,
                     state = excluded.state, note = excluded.note, private = excluded.private,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                saved.id.to_string(),
                saved.relationship_id.to_string(),
                saved.kind.id(),
                saved.title,
                saved.detail,
                saved.offered_by.id(),
                saved.state.id(),
                saved.note,
                saved.private,
                saved.created_at,
                saved.updated_at,
            ])?;
            Ok(())
        })?;
        Ok(saved)
    }

    /// A relationship's resources (not those in the trash), still to do first; private ones
    /// only with `include_private`. A row that cannot be read is left out and noted.
    pub fn resources(&self, relationship: Uuid, include_private: bool) -> Result<Vec<Resource>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RESOURCE_COLUMNS} FROM resource
             WHERE relationship_id = ?1 AND deleted_at IS NULL AND (?2 OR private = 0)"
        ))?;
        let mut list = self.read_rows(
            &mut stmt,
            params![relationship.to_string(), include_private],
            "resource",
            &[0],
            resource_from_row,
        )?;
        sort(&mut list);
        Ok(list)
    }

    /// One resource, unless it is in the trash.
    pub fn resource(&self, id: Uuid) -> Result<Option<Resource>> {
        let sql =
            format!("SELECT {RESOURCE_COLUMNS} FROM resource WHERE id = ?1 AND deleted_at IS NULL");
        self.read_one(&sql, [id.to_string()], "resource", &[0], resource_from_row)
    }

    /// Moves a resource to another state (suggested, done, not useful).
    pub fn set_resource_state(
        &mut self,
        id: Uuid,
        state: ResourceState,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.change_resource(
            "UPDATE resource SET state = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
            id,
            &state.id(),
            now,
        )
    }

    /// Moves a resource to the trash: it leaves every list and the search, and
    /// [`Store::restore_resource`] brings it back.
    pub fn trash_resource(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.change_resource(
            "UPDATE resource SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
            id,
            &now,
            now,
        )
    }

    /// Takes a resource back out of the trash.
    pub fn restore_resource(&mut self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE resource SET deleted_at = NULL, updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NOT NULL",
                params![id.to_string(), now],
            )?;
            if n == 0 {
                return Err(Error::Usage(
                    "that resource is not in the trash any more".into(),
                ));
            }
            Ok(())
        })
    }

    /// Runs one UPDATE of a resource (`?1` its id, `?2` the value, `?3` the time); a
    /// resource that is gone is an [`Error::Usage`].
    fn change_resource(
        &mut self,
        sql: &str,
        id: Uuid,
        value: &dyn rusqlite::ToSql,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(sql, params![id.to_string(), value, now])?;
            if n == 0 {
                return Err(Error::Usage(
                    "that resource is no longer in the journal".into(),
                ));
            }
            Ok(())
        })
    }
}
