//! Meetings, action items and reflections: saved in one transaction with their tags, read
//! back one by one, and moved to and from the trash.

use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::bad_rows::{BadRow, invalid, unknown};
use crate::domain::{ActionItem, Medium, Meeting, Owner, Reflection};
use crate::error::{Error, Result};

pub use crate::domain::EntryKind;

pub(super) fn uuid(row: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    let s: String = row.get(i)?;
    Uuid::parse_str(&s).map_err(|e| invalid(i, e))
}

pub(super) fn opt_uuid(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Uuid>> {
    let s: Option<String> = row.get(i)?;
    s.map(|s| Uuid::parse_str(&s).map_err(|e| invalid(i, e)))
        .transpose()
}

pub(super) fn json_list(row: &Row<'_>, i: usize) -> rusqlite::Result<Vec<String>> {
    let s: String = row.get(i)?;
    serde_json::from_str(&s).map_err(|e| invalid(i, e))
}

fn to_json(list: &[String]) -> Result<String> {
    serde_json::to_string(list).map_err(|e| Error::Decode(e.to_string()))
}

pub(super) const MEETING_COLUMNS: &str = "id, relationship_id, held_at, duration_minutes, medium, topics, agenda, \
     notes, outcomes, usefulness, next_meeting_on, private, created_at, updated_at, reached_out";

pub(super) fn meeting_from_row(row: &Row<'_>) -> rusqlite::Result<Meeting> {
    let medium: Option<String> = row.get(4)?;
    let medium = match medium {
        Some(m) => Some(Medium::from_id(&m).ok_or_else(|| unknown(4, "medium"))?),
        None => None,
    };
    Ok(Meeting {
        id: uuid(row, 0)?,
        relationship_id: uuid(row, 1)?,
        held_at: row.get(2)?,
        duration_minutes: row.get(3)?,
        medium,
        topics: json_list(row, 5)?,
        agenda: row.get(6)?,
        notes: row.get(7)?,
        outcomes: row.get(8)?,
        usefulness: row.get(9)?,
        next_meeting_on: row.get(10)?,
        private: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        reached_out: side(row, 14)?,
    })
}

/// Who reached out ('me' or 'other'), or `None` when it was not said.
pub(super) fn side(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<crate::domain::Side>> {
    let s: Option<String> = row.get(i)?;
    s.map(|s| crate::domain::Side::from_id(&s).ok_or_else(|| unknown(i, "side")))
        .transpose()
}

pub(super) const ACTION_COLUMNS: &str =
    "id, relationship_id, meeting_id, text, owner, due_on, done_at, created_at, updated_at";

pub(super) fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let owner: String = row.get(4)?;
    let owner = Owner::from_id(&owner).ok_or_else(|| unknown(4, "owner"))?;
    Ok(ActionItem {
        id: uuid(row, 0)?,
        relationship_id: uuid(row, 1)?,
        meeting_id: opt_uuid(row, 2)?,
        text: row.get(3)?,
        owner,
        due_on: row.get(5)?,
        done_at: row.get(6)?,
        created_at: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

pub(super) const REFLECTION_COLUMNS: &str = "id, relationship_id, meeting_id, written_at, body, prompt_id, tags, \
     bring_up, private, created_at, updated_at, goal_id";

pub(super) fn reflection_from_row(row: &Row<'_>) -> rusqlite::Result<Reflection> {
    Ok(Reflection {
        id: uuid(row, 0)?,
        relationship_id: opt_uuid(row, 1)?,
        meeting_id: opt_uuid(row, 2)?,
        written_at: row.get(3)?,
        body: row.get(4)?,
        prompt_id: row.get(5)?,
        tags: json_list(row, 6)?,
        bring_up: row.get(7)?,
        private: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        goal_id: opt_uuid(row, 11)?,
    })
}

fn upsert_action(tx: &Transaction<'_>, item: &ActionItem, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO action_item (id, relationship_id, meeting_id, text, owner, due_on, done_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET meeting_id = excluded.meeting_id, text = excluded.text,
             owner = excluded.owner, due_on = excluded.due_on, done_at = excluded.done_at,
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        item.id.to_string(),
        item.relationship_id.to_string(),
        item.meeting_id.map(|m| m.to_string()),
        item.text,
        item.owner.id(),
        item.due_on,
        item.done_at,
        item.created_at,
        now,
    ])?;
    Ok(())
}

/// Makes the entry's rows in `entry_tag` match `tags`.
fn set_tags(
    tx: &Transaction<'_>,
    kind: &str,
    id: Uuid,
    at: DateTime<Utc>,
    tags: &[String],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM entry_tag WHERE entry_id = ?1 AND kind = ?2")?
        .execute(params![id.to_string(), kind])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO entry_tag (tag, kind, entry_id, at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for tag in tags {
        insert.execute(params![tag, kind, id.to_string(), at])?;
    }
    Ok(())
}

/// The writes of a meeting saved from its form, inside a transaction begun elsewhere (so a
/// meeting and what else its form holds are saved together).
pub(super) fn meeting_from_form(
    tx: &Transaction<'_>,
    meeting: &Meeting,
    actions: &[ActionItem],
    carried: &[Uuid],
    now: DateTime<Utc>,
) -> Result<()> {
    upsert_meeting(tx, meeting, actions, now)?;
    let keep: Vec<String> = actions.iter().map(|a| a.id.to_string()).collect();
    let keep = serde_json::to_string(&keep).map_err(|e| Error::Decode(e.to_string()))?;
    tx.execute(
        "UPDATE action_item SET deleted_at = ?3, updated_at = ?3
         WHERE meeting_id = ?1 AND deleted_at IS NULL
           AND id NOT IN (SELECT value FROM json_each(?2))",
        params![meeting.id.to_string(), keep, now],
    )?;
    for id in carried {
        tx.execute(
            "UPDATE action_item SET meeting_id = ?2, updated_at = ?3
             WHERE id = ?1 AND done_at IS NULL AND deleted_at IS NULL",
            params![id.to_string(), meeting.id.to_string(), now],
        )?;
    }
    Ok(())
}

fn upsert_meeting(
    tx: &Transaction<'_>,
    meeting: &Meeting,
    actions: &[ActionItem],
    now: DateTime<Utc>,
) -> Result<()> {
    let topics = to_json(&meeting.topics)?;
    let tag_list = crate::domain::journal::tags_in(&format!(
        "{}\n{}\n{}",
        meeting.agenda, meeting.notes, meeting.outcomes
    ));
    let tags = to_json(&tag_list)?;
    set_tags(tx, "meeting", meeting.id, meeting.held_at, &tag_list)?;
    tx.prepare_cached(
        "INSERT INTO meeting (id, relationship_id, held_at, duration_minutes, medium, topics, agenda,
             notes, outcomes, usefulness, next_meeting_on, private, created_at, updated_at, tags,
             reached_out)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET held_at = excluded.held_at,
             duration_minutes = excluded.duration_minutes, medium = excluded.medium,
             topics = excluded.topics, agenda = excluded.agenda, notes = excluded.notes,
             outcomes = excluded.outcomes, usefulness = excluded.usefulness,
             next_meeting_on = excluded.next_meeting_on, private = excluded.private,
             updated_at = excluded.updated_at, tags = excluded.tags,
             reached_out = excluded.reached_out",
    )?
    .execute(params![
        meeting.id.to_string(),
        meeting.relationship_id.to_string(),
        meeting.held_at,
        meeting.duration_minutes,
        meeting.medium.map(Medium::id),
        topics,
        meeting.agenda,
        meeting.notes,
        meeting.outcomes,
        meeting.usefulness,
        meeting.next_meeting_on,
        meeting.private,
        meeting.created_at,
        now,
        tags,
        meeting.reached_out.map(crate::domain::Side::id),
    ])?;
    for item in actions {
        let mut item = item.clone();
        item.meeting_id = Some(meeting.id);
        item.relationship_id = meeting.relationship_id;
        upsert_action(tx, &item, now)?;
    }
    Ok(())
}

fn upsert_reflection(tx: &Transaction<'_>, r: &Reflection, now: DateTime<Utc>) -> Result<()> {
    let tags = to_json(&r.tags)?;
    set_tags(tx, "reflection", r.id, r.written_at, &r.tags)?;
    tx.prepare_cached(
        "INSERT INTO reflection (id, relationship_id, meeting_id, written_at, body, prompt_id, tags,
             bring_up, private, created_at, updated_at, goal_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET relationship_id = excluded.relationship_id,
             meeting_id = excluded.meeting_id, written_at = excluded.written_at,
             body = excluded.body, prompt_id = excluded.prompt_id, tags = excluded.tags,
             bring_up = excluded.bring_up, private = excluded.private,
             updated_at = excluded.updated_at, goal_id = excluded.goal_id",
    )?
    .execute(params![
        r.id.to_string(),
        r.relationship_id.map(|x| x.to_string()),
        r.meeting_id.map(|x| x.to_string()),
        r.written_at,
        r.body,
        r.prompt_id,
        tags,
        r.bring_up,
        r.private,
        r.created_at,
        now,
        r.goal_id.map(|g| g.to_string()),
    ])?;
    Ok(())
}

impl Store {
    /// Saves a meeting and its action items in one transaction.
    pub fn save_meeting(
        &mut self,
        meeting: &Meeting,
        actions: &[ActionItem],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| upsert_meeting(tx, meeting, actions, now))
    }

    /// Deletes everything in the trash for good, so that its text cannot be read back from
    /// the file or its write-ahead log. Returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let n = self.write(|tx| {
            let mut n = 0;
            tx.execute(
                "UPDATE reflection SET meeting_id = NULL
                 WHERE meeting_id IN (SELECT id FROM meeting WHERE deleted_at IS NOT NULL)",
                [],
            )?;
            tx.execute(
                "DELETE FROM action_item WHERE deleted_at IS NOT NULL
                 OR meeting_id IN (SELECT id FROM meeting WHERE deleted_at IS NOT NULL)",
                [],
            )?;
            tx.execute(
                "DELETE FROM entry_tag WHERE entry_id IN (SELECT id FROM meeting WHERE deleted_at IS NOT NULL
                     UNION ALL SELECT id FROM reflection WHERE deleted_at IS NOT NULL)",
                [],
            )?;
            n += tx.execute("DELETE FROM meeting WHERE deleted_at IS NOT NULL", [])?;
            n += tx.execute("DELETE FROM reflection WHERE deleted_at IS NOT NULL", [])?;
            // Removed resources and skills (their ratings go with them) leave for good too.
            n += tx.execute("DELETE FROM resource WHERE deleted_at IS NOT NULL", [])?;
            n += tx.execute("DELETE FROM skill WHERE deleted_at IS NOT NULL", [])?;
            Ok(n)
        })?;
        self.scrub();
        Ok(n)
    }

    /// How many entries are in the trash (removed resources and skills count too).
    pub fn trash_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM meeting WHERE deleted_at IS NOT NULL)
                  + (SELECT count(*) FROM reflection WHERE deleted_at IS NOT NULL)
                  + (SELECT count(*) FROM resource WHERE deleted_at IS NOT NULL)
                  + (SELECT count(*) FROM skill WHERE deleted_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// Writes many meetings (with their action items) and reflections in one transaction:
    /// generated journals, and later imports.
    pub fn save_journal_batch(
        &mut self,
        meetings: &[(Meeting, Vec<ActionItem>)],
        reflections: &[Reflection],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            for (m, actions) in meetings {
                upsert_meeting(tx, m, actions, now)?;
            }
            for r in reflections {
                upsert_reflection(tx, r, now)?;
            }
            Ok(())
        })
    }

    /// One meeting, unless it is in the trash.
    pub fn meeting(&self, id: Uuid) -> Result<Option<Meeting>> {
        let sql =
            format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE id = ?1 AND deleted_at IS NULL");
        self.read_one(&sql, [id.to_string()], "meeting", &[0], meeting_from_row)
    }

    /// A relationship's most recent meeting held at or before `before` (one that cannot be
    /// read is left out, and the one before it is taken).
    pub fn last_meeting(
        &self,
        relationship: Uuid,
        before: DateTime<Utc>,
    ) -> Result<Option<Meeting>> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meeting
             WHERE relationship_id = ?1 AND held_at <= ?2 AND deleted_at IS NULL
             ORDER BY held_at DESC, id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![relationship.to_string(), before])?;
        while let Some(row) = rows.next()? {
            match meeting_from_row(row) {
                Ok(m) => return Ok(Some(m)),
                Err(e) => self.note_bad(&BadRow::new("meeting", row, &[0], &e)),
            }
        }
        Ok(None)
    }

    /// Saves one action item (a stand-alone one, or a change to one from a meeting).
    pub fn save_action_item(&mut self, item: &ActionItem, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| upsert_action(tx, item, now))
    }

    /// Ticks an action item done (or open again).
    pub fn set_action_done(&mut self, id: Uuid, done: bool, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE action_item SET done_at = ?2, updated_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
                params![id.to_string(), done.then_some(now), now],
            )?;
            if changed == 0 {
                return Err(Error::Usage("that action item no longer exists".into()));
            }
            Ok(())
        })
    }

    /// The action items of one meeting, in the order they were added.
    pub fn meeting_action_items(&self, meeting: Uuid) -> Result<Vec<ActionItem>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item WHERE meeting_id = ?1 AND deleted_at IS NULL
             ORDER BY created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        self.read_rows(
            &mut stmt,
            [meeting.to_string()],
            "action_item",
            &[0],
            action_from_row,
        )
    }

    /// Every open action item across relationships: soonest due first, undated last.
    pub fn open_action_items(&self) -> Result<Vec<ActionItem>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item WHERE done_at IS NULL AND deleted_at IS NULL
             ORDER BY due_on IS NULL, due_on, created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        self.read_rows(&mut stmt, [], "action_item", &[0], action_from_row)
    }

    /// Meetings by id, in the order given (those in the trash or gone are left out).
    pub fn meetings_by_id(&self, ids: &[Uuid]) -> Result<Vec<Meeting>> {
        let list: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let json = serde_json::to_string(&list).map_err(|e| Error::Decode(e.to_string()))?;
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meeting
             WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut by_id: std::collections::HashMap<Uuid, Meeting> = self
            .read_rows(&mut stmt, [json], "meeting", &[0], meeting_from_row)?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Which of the meetings `ids` are private or no longer in the journal (gone, or in the
    /// trash): one narrow query reading only the flag, for session prep's open items.
    pub fn private_or_gone_meetings(
        &self,
        ids: &[Uuid],
    ) -> Result<std::collections::HashSet<Uuid>> {
        let list: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let json = serde_json::to_string(&list).map_err(|e| Error::Decode(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, private FROM meeting
             WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL",
        )?;
        let mut shared = std::collections::HashSet::new();
        let mut rows = stmt.query([json])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            // A flag that does not read as a number counts as private.
            let private = !matches!(row.get::<_, i64>(1), Ok(0));
            if let (Ok(id), false) = (Uuid::parse_str(&id), private) {
                shared.insert(id);
            }
        }
        Ok(ids
            .iter()
            .filter(|id| !shared.contains(id))
            .copied()
            .collect())
    }

    /// The action items of many meetings at once, by meeting, in the order they were added.
    pub fn action_items_of_meetings(
        &self,
        ids: &[Uuid],
    ) -> Result<std::collections::HashMap<Uuid, Vec<ActionItem>>> {
        let list: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let json = serde_json::to_string(&list).map_err(|e| Error::Decode(e.to_string()))?;
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item
             WHERE meeting_id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL
             ORDER BY created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = self.read_rows(&mut stmt, [json], "action_item", &[0], action_from_row)?;
        let mut out: std::collections::HashMap<Uuid, Vec<ActionItem>> =
            std::collections::HashMap::new();
        for a in rows {
            if let Some(m) = a.meeting_id {
                out.entry(m).or_default().push(a);
            }
        }
        Ok(out)
    }

    /// One relationship's open action items: soonest due first, undated last.
    pub fn open_action_items_of(&self, relationship: Uuid) -> Result<Vec<ActionItem>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM action_item
             WHERE relationship_id = ?1 AND done_at IS NULL AND deleted_at IS NULL
             ORDER BY due_on IS NULL, due_on, created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        self.read_rows(
            &mut stmt,
            [relationship.to_string()],
            "action_item",
            &[0],
            action_from_row,
        )
    }

    /// Saves a reflection.
    pub fn save_reflection(&mut self, r: &Reflection, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| upsert_reflection(tx, r, now))
    }

    /// One reflection, unless it is in the trash.
    pub fn reflection(&self, id: Uuid) -> Result<Option<Reflection>> {
        let sql = format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflection WHERE id = ?1 AND deleted_at IS NULL"
        );
        self.read_one(
            &sql,
            [id.to_string()],
            "reflection",
            &[0],
            reflection_from_row,
        )
    }

    /// Reflections about a relationship flagged "bring this up", written after `since`.
    pub fn bring_up_reflections(
        &self,
        relationship: Uuid,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<Reflection>> {
        let sql = format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflection
             WHERE relationship_id = ?1 AND bring_up = 1 AND deleted_at IS NULL
               AND (?2 IS NULL OR written_at > ?2)
             ORDER BY written_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        self.read_rows(
            &mut stmt,
            params![relationship.to_string(), since],
            "reflection",
            &[0],
            reflection_from_row,
        )
    }

    /// Moves an entry to the trash (`trashed = true`) or back out of it.
    pub fn set_trashed(
        &mut self,
        kind: EntryKind,
        id: Uuid,
        trashed: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let table = match kind {
            EntryKind::Meeting => "meeting",
            EntryKind::Reflection => "reflection",
        };
        // The table name comes from the enum above, never from input.
        let sql = format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1");
        self.write(|tx| {
            tx.execute(&sql, params![id.to_string(), trashed.then_some(now), now])?;
            if kind == EntryKind::Meeting {
                tx.execute(
                    "UPDATE action_item SET deleted_at = ?2, updated_at = ?3 WHERE meeting_id = ?1",
                    params![id.to_string(), trashed.then_some(now), now],
                )?;
            }
            Ok(())
        })
    }
}
