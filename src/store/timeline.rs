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
use crate::domain::checkin::ContactKind;
use crate::domain::{Checkin, EntryKind, Side};
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

/// What a line of the timeline screen is. Check-ins are not entries ([`EntryKind`] stays
/// meetings and reflections, which search, exports and the trash rely on), so the screen has
/// its own kind of line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineKind {
    Entry(EntryKind),
    /// A quick check-in, and how it happened.
    Checkin(ContactKind),
}

/// One line of the timeline screen: an entry, or a quick check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    pub kind: TimelineKind,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub relationship_id: Option<Uuid>,
    /// The start of the notes, body or check-in note (at most 200 characters).
    pub preview: String,
    /// Check-ins are never private: they are shared like meetings.
    pub private: bool,
    pub trashed_at: Option<DateTime<Utc>>,
    /// Who reached out (check-ins only; `None` when not said).
    pub reached_out: Option<Side>,
}

impl TimelineRow {
    pub fn cursor(&self) -> TimelineCursor {
        TimelineCursor {
            at: self.at,
            id: self.id,
        }
    }

    /// The entry this line is, when it is one (not a check-in).
    pub fn entry(&self) -> Option<EntryKind> {
        match self.kind {
            TimelineKind::Entry(k) => Some(k),
            TimelineKind::Checkin(_) => None,
        }
    }
}

impl From<TimelineEntry> for TimelineRow {
    fn from(e: TimelineEntry) -> TimelineRow {
        TimelineRow {
            kind: TimelineKind::Entry(e.kind),
            id: e.id,
            at: e.at,
            relationship_id: e.relationship_id,
            preview: e.preview,
            private: e.private,
            trashed_at: e.trashed_at,
            reached_out: None,
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
    /// Quick check-ins too, or only them ([`Store::timeline_rows`] reads them).
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
                6,
                |from_key, want| timeline_sql(filter, table, time, preview, from_key, want),
                |row| timeline_from_row(kind, row),
            )?;
        }
        out.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// One page of the timeline screen: the entries of [`Store::timeline_page`] and, as the
    /// filter says, quick check-ins among them, merged newest first. Check-ins are read through
    /// their own (time, id) index like the entries, so a page costs the same deep in the list.
    /// They have no tags and are never private: a tag or "private only" leaves them out, and
    /// they are not in the trash.
    pub fn timeline_rows(
        &self,
        filter: &TimelineFilter,
        after: Option<TimelineCursor>,
        limit: usize,
    ) -> Result<Vec<TimelineRow>> {
        let mut out: Vec<TimelineRow> = if filter.checkins == CheckinRows::Only {
            Vec::new()
        } else {
            self.timeline_page(filter, after, limit)?
                .into_iter()
                .map(TimelineRow::from)
                .collect()
        };
        let checkins = filter.checkins != CheckinRows::Without
            && filter.tag.is_none()
            && !filter.private_only
            && !filter.trash;
        if checkins {
            self.read_run(
                after,
                limit,
                &mut out,
                "checkin",
                CHECKIN_ROW_COLUMNS,
                |from_key, want| checkin_sql(filter, from_key, want),
                checkin_row,
            )?;
        }
        out.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// One check-in, as the timeline opens it (`None` when it is gone or in the trash);
    /// [`crate::error::Error::BadRow`] when it cannot be read.
    pub fn checkin(&self, id: Uuid) -> Result<Option<Checkin>> {
        self.read_one(
            &format!(
                "SELECT {} FROM checkin WHERE id = ?1 AND deleted_at IS NULL",
                super::checkins::CHECKIN_COLUMNS
            ),
            [id.to_string()],
            "checkin",
            &[0],
            super::checkins::checkin_from_row,
        )
    }

    /// A relationship's latest check-in at or before `before` (one that cannot be read is
    /// left out, and the one before it is taken).
    pub fn last_checkin(
        &self,
        relationship: Uuid,
        before: DateTime<Utc>,
    ) -> Result<Option<Checkin>> {
        let sql = format!(
            "SELECT {} FROM checkin
             WHERE relationship_id = ?1 AND at <= ?2 AND deleted_at IS NULL
             ORDER BY at DESC",
            super::checkins::CHECKIN_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params![relationship.to_string(), before])?;
        while let Some(row) = rows.next()? {
            match super::checkins::checkin_from_row(row) {
                Ok(c) => return Ok(Some(c)),
                Err(e) => self.note_bad(&BadRow::new("checkin", row, &[0], &e)),
            }
        }
        Ok(None)
    }

    /// Reads one table's run of a page into `out`: up to `limit` rows after `after`, reading
    /// on past rows that cannot be read. `key_at` is the column where the SQL of `sql` puts
    /// the sort key (time, then id).
    #[allow(clippy::too_many_arguments)]
    fn read_run<T>(
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

/// The columns of a check-in line, read by [`checkin_row`]; the sort key follows them.
const CHECKIN_ROW_COLUMNS: usize = 6;

/// One check-in as a line of the timeline screen.
fn checkin_row(row: &Row<'_>) -> rusqlite::Result<TimelineRow> {
    let kind: String = row.get(3)?;
    Ok(TimelineRow {
        kind: TimelineKind::Checkin(
            ContactKind::from_id(&kind)
                .ok_or_else(|| super::bad_rows::unknown(3, "kind of contact"))?,
        ),
        id: uuid(row, 0)?,
        at: row.get(1)?,
        relationship_id: Some(uuid(row, 2)?),
        preview: row.get(4)?,
        private: false,
        trashed_at: None,
        reached_out: super::journal::side(row, 5)?,
    })
}

/// The SQL of the check-ins' part of a timeline page, and the values it binds: the same
/// cursor, person and dates as the entries, through the `checkin_timeline` index.
fn checkin_sql(
    filter: &TimelineFilter,
    from_key: &Option<(Value, Value)>,
    limit: usize,
) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
    let mut conditions = vec!["e.deleted_at IS NULL".to_string()];
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let bind = |values: &mut Vec<Box<dyn rusqlite::ToSql>>, v: Box<dyn rusqlite::ToSql>| {
        values.push(v);
        values.len()
    };
    if let Some((at, id)) = from_key {
        let a = bind(&mut values, Box::new(at.clone()));
        let b = bind(&mut values, Box::new(id.clone()));
        conditions.push(format!("(e.at, e.id) < (?{a}, ?{b})"));
    }
    if let Some(r) = filter.relationship {
        let a = bind(&mut values, Box::new(r.to_string()));
        conditions.push(format!("e.relationship_id = ?{a}"));
    }
    if let Some(from) = filter.from {
        let a = bind(&mut values, Box::new(from));
        conditions.push(format!("e.at >= ?{a}"));
    }
    if let Some(until) = filter.until {
        let a = bind(&mut values, Box::new(until));
        conditions.push(format!("e.at < ?{a}"));
    }
    let sql = format!(
        "SELECT e.id, e.at, e.relationship_id, e.kind, substr(e.note, 1, 200), e.reached_out,
                e.at, e.id
         FROM checkin e WHERE {} ORDER BY e.at DESC, e.id DESC LIMIT {limit}",
        conditions.join(" AND ")
    );
    (sql, values)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite reads the check-ins' part of a page.
    fn plan(store: &Store, filter: &TimelineFilter, after: bool) -> String {
        let key = after.then(|| {
            (
                Value::Text("2026-11-01 09:00:00+00:00".into()),
                Value::Text(Uuid::nil().to_string()),
            )
        });
        let (sql, values) = checkin_sql(filter, &key, 50);
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_page_of_check_ins_seeks_their_index_instead_of_sorting_them_all() {
        let store = Store::open_in_memory().unwrap();
        let all = TimelineFilter {
            include_private: true,
            checkins: CheckinRows::With,
            ..TimelineFilter::default()
        };
        for after in [false, true] {
            let plan = plan(&store, &all, after);
            assert!(plan.contains("INDEX checkin_timeline"), "{plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        }
        let dated = TimelineFilter {
            from: Some("2026-01-01T00:00:00Z".parse().unwrap()),
            ..all
        };
        let plan = plan(&store, &dated, true);
        assert!(plan.contains("INDEX checkin_timeline"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}
