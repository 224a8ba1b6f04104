//! The timeline: meetings and reflections (and, on the timeline screen, quick check-ins) in one
//! list, newest first, a page at a time (keyset pagination: a page costs the same on the first
//! screen and the thousandth), with its filters.

use chrono::{DateTime, Utc};
use rusqlite::Row;
use rusqlite::types::Value;
use uuid::Uuid;

use super::Store;
use super::bad_rows::BadRow;
use super::journal::{opt_uuid, uuid};
use crate::domain::EntryKind;
use crate::error::Result;

/// One line of the timeline: enough to list it, not the whole entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub kind: EntryKind,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub relationship_id: Option<Uuid>,
    /// The start of the notes or body (at most 200 characters).
    pub preview: String,
    pub private: bool,
    /// When it went to the trash (only entries in the trash have it).
    pub trashed_at: Option<DateTime<Utc>>,
}

/// Where the next page starts: just after this entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineCursor {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

impl TimelineEntry {
    pub fn cursor(&self) -> TimelineCursor {
        TimelineCursor {
            at: self.at,
            id: self.id,
        }
    }
}

/// Whether quick check-ins are listed with the entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CheckinRows {
    /// Entries only: what exports, search and the closing look-back read.
    #[default]
    Without,
    /// Check-ins among the entries (the timeline screen).
    With,
    /// Check-ins only (the kind filter's "check-ins").
    Only,
}

/// Which entries the timeline shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    pub relationship: Option<Uuid>,
    /// `None`: both kinds.
    pub kind: Option<EntryKind>,
    /// Quick check-ins too, or only them (`Store::timeline_rows` reads them).
    pub checkins: CheckinRows,
    /// Private entries are left out unless this is set.
    pub include_private: bool,
    /// Only private entries (implies `include_private`).
    pub private_only: bool,
    /// Only entries carrying this tag (lower-case, without '#').
    pub tag: Option<String>,
    /// Only entries at or after this moment.
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this moment.
    pub until: Option<DateTime<Utc>>,
    /// The trash instead of the journal.
    pub trash: bool,
}

impl TimelineFilter {
    /// True when anything narrows the list (beyond showing private entries or not).
    pub fn narrows(&self) -> bool {
        self.relationship.is_some()
            || self.kind.is_some()
            || self.checkins == CheckinRows::Only
            || self.private_only
            || self.tag.is_some()
            || self.from.is_some()
            || self.until.is_some()
    }
}

impl Store {
    /// One page of the timeline's entries (meetings and reflections), newest first, starting
    /// after `after`. Each table is read through its own (time, id) index and the runs are
    /// merged, so a page reads at most `limit` rows from each. A row that cannot be read is
    /// left out (and noted); the table then reads on past it, so the page still holds every
    /// entry that belongs on it. Check-ins are never on it (see [`Store::timeline_rows`]).
    pub fn timeline_page(
        &self,
        filter: &TimelineFilter,
        after: Option<TimelineCursor>,
        limit: usize,
    ) -> Result<Vec<TimelineEntry>> {
        let mut out = Vec::new();
        for (kind, table, time, preview) in [
            (EntryKind::Meeting, "meeting", "held_at", "notes"),
            (EntryKind::Reflection, "reflection", "written_at", "body"),
        ] {
            if filter.kind.is_some_and(|k| k != kind) {
                continue;
            }
            self.read_run(
                after,
                limit,
                &mut out,
                table,
                TIMELINE_SORT_KEY,
                |from_key, want| timeline_sql(filter, table, time, preview, from_key, want),
                |row| timeline_from_row(kind, row),
            )?;
        }
        out.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// Reads one table's run of a page into `out`: up to `limit` rows after `after`, reading
    /// on past rows that cannot be read. `key_at` is the column where the SQL of `sql` puts
    /// the sort key (time, then id).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn read_run<T>(
        &self,
        after: Option<TimelineCursor>,
        limit: usize,
        out: &mut Vec<T>,
        table: &'static str,
        key_at: usize,
        sql: impl Fn(&Option<(Value, Value)>, usize) -> (String, Vec<Box<dyn rusqlite::ToSql>>),
        parse: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<()> {
        // Where this table's read starts, as the values SQL compares: the caller's cursor, or
        // (after a row that could not be read) the last row read as stored.
        let mut from_key: Option<(Value, Value)> = after.map(|c| {
            (
                Value::Text(c.at.format("%F %T%.f%:z").to_string()),
                Value::Text(c.id.to_string()),
            )
        });
        let mut found = 0;
        loop {
            let want = limit - found;
            let (sql, values) = sql(&from_key, want);
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
            let mut read = 0;
            let mut skipped = false;
            while let Some(row) = rows.next()? {
                read += 1;
                match parse(row) {
                    Ok(e) => {
                        out.push(e);
                        found += 1;
                    }
                    Err(e) => {
                        self.note_bad(&BadRow::new(table, row, &[0], &e));
                        skipped = true;
                    }
                }
                // Only once a row was left out can another read be needed; only then is the
                // sort key kept (so the usual page allocates nothing more).
                if skipped {
                    from_key = Some((
                        row.get::<_, Value>(key_at)?,
                        row.get::<_, Value>(key_at + 1)?,
                    ));
                }
            }
            if read < want || found >= limit || !skipped {
                break;
            }
        }
        Ok(())
    }
}

/// Where the sort key (time, then id) starts in [`timeline_sql`]'s rows: after the six
/// columns of [`timeline_columns`].
const TIMELINE_SORT_KEY: usize = 6;

/// The columns of a timeline line (of table alias `e`), read by [`timeline_from_row`].
pub(super) fn timeline_columns(time: &str, preview: &str) -> String {
    format!(
        "e.id, e.{time}, e.relationship_id, substr(e.{preview}, 1, 200) AS {preview}, \
         e.private, e.deleted_at"
    )
}

/// One line of the timeline.
pub(super) fn timeline_from_row(kind: EntryKind, row: &Row<'_>) -> rusqlite::Result<TimelineEntry> {
    Ok(TimelineEntry {
        kind,
        id: uuid(row, 0)?,
        at: row.get(1)?,
        relationship_id: opt_uuid(row, 2)?,
        preview: row.get(3)?,
        private: row.get(4)?,
        trashed_at: row.get(5)?,
    })
}

/// The SQL of one table's part of a timeline page, and the values it binds. Only the
/// conditions in use go into the SQL, so SQLite can seek an index to the cursor instead of
/// scanning from the top. Values are always bound. With a tag, the walk goes through
/// `entry_tag`'s (tag, kind, at, id) index instead.
fn timeline_sql(
    filter: &TimelineFilter,
    table: &'static str,
    time: &str,
    preview: &str,
    from_key: &Option<(Value, Value)>,
    limit: usize,
) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
    let (from, order_time, order_id) = match &filter.tag {
        Some(_) => (
            format!("entry_tag t JOIN {table} e ON e.id = t.entry_id"),
            "t.at".to_string(),
            "t.entry_id".to_string(),
        ),
        None => (
            format!("{table} e"),
            format!("e.{time}"),
            "e.id".to_string(),
        ),
    };
    let mut conditions = vec![if filter.trash {
        "e.deleted_at IS NOT NULL".to_string()
    } else {
        "e.deleted_at IS NULL".to_string()
    }];
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let bind = |values: &mut Vec<Box<dyn rusqlite::ToSql>>, v: Box<dyn rusqlite::ToSql>| {
        values.push(v);
        values.len()
    };
    if let Some(tag) = &filter.tag {
        let a = bind(&mut values, Box::new(tag.clone()));
        let b = bind(&mut values, Box::new(table));
        conditions.push(format!("t.tag = ?{a} AND t.kind = ?{b}"));
    }
    if let Some((at, id)) = from_key {
        let a = bind(&mut values, Box::new(at.clone()));
        let b = bind(&mut values, Box::new(id.clone()));
        conditions.push(format!("({order_time}, {order_id}) < (?{a}, ?{b})"));
    }
    if let Some(r) = filter.relationship {
        let a = bind(&mut values, Box::new(r.to_string()));
        conditions.push(format!("e.relationship_id = ?{a}"));
    }
    if filter.private_only {
        conditions.push("e.private = 1".to_string());
    } else if !filter.include_private {
        conditions.push("e.private = 0".to_string());
    }
    if let Some(from) = filter.from {
        let a = bind(&mut values, Box::new(from));
        conditions.push(format!("{order_time} >= ?{a}"));
    }
    if let Some(until) = filter.until {
        let a = bind(&mut values, Box::new(until));
        conditions.push(format!("{order_time} < ?{a}"));
    }
    let sql = format!(
        "SELECT {}, {order_time}, {order_id}
         FROM {from} WHERE {} ORDER BY {order_time} DESC, {order_id} DESC LIMIT {limit}",
        timeline_columns(time, preview),
        conditions.join(" AND ")
    );
    (sql, values)
}
