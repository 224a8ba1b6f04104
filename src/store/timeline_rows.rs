//! The lines of the timeline screen: entries, and quick check-ins among them. Check-ins are
//! read through their own (time, id) index and merged with the entries' page, so a page costs
//! the same deep in the list; prep reads the last check-in here too.

use chrono::{DateTime, Utc};
use rusqlite::Row;
use rusqlite::types::Value;
use uuid::Uuid;

use super::Store;
use super::bad_rows::BadRow;
use super::journal::uuid;
use super::timeline::{CheckinRows, TimelineCursor, TimelineEntry, TimelineFilter};
use crate::domain::checkin::ContactKind;
use crate::domain::{Checkin, EntryKind, Side};
use crate::error::Result;

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

impl Store {
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
                CHECKIN_SORT_KEY,
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
             ORDER BY at DESC, id DESC",
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
}

/// Where the sort key (time, then id) starts in [`checkin_sql`]'s rows: after the six
/// columns [`checkin_row`] reads.
const CHECKIN_SORT_KEY: usize = 6;

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
