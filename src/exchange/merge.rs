//! Writing imported rows: each row is decoded and checked (see `columns`), then merged by its
//! key inside the one import transaction. A newer `updated_at` (compared as times) wins,
//! identical rows change nothing, and everything else is a conflict kept as the journal has
//! it. A row never makes a private entry shared.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, Value as Sql, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde_json::{Map, Value};

use super::columns::{self, Col, Kind};
use super::decode;
use super::{ImportReport, TABLES, bad};
use crate::content::Content;
use crate::error::{Error, Result};

/// A reference to a row not (yet) seen: the file may bring it later (a reflection comes
/// before the goal it is about).
struct Pending {
    row: String,
    field: &'static str,
    table: &'static str,
    id: String,
}

/// One import in progress, on a connection inside its transaction.
pub struct Importer<'c> {
    conn: &'c Connection,
    now: DateTime<Utc>,
    content: &'static Content,
    pub report: ImportReport,
    pending: Vec<Pending>,
    /// The last id found in each table: rows in a run often point to the same parent.
    verified: std::collections::HashMap<&'static str, String>,
    /// New rows of one table waiting to be inserted together: (row name, values).
    batch: Vec<(String, Vec<Sql>)>,
    batch_table: Option<&'static str>,
    batch_keys: std::collections::HashSet<String>,
}

/// How many new rows go into one insert statement.
const BATCH_ROWS: usize = 200;

fn row_name(table: &str, keys: &[&str], raw: &Map<String, Value>, n: usize) -> String {
    let parts: Vec<String> = keys
        .iter()
        .filter_map(|k| raw.get(*k))
        .map(|v| match v {
            Value::String(s) => crate::text::sanitize_line(s),
            other => crate::text::sanitize_line(&other.to_string()),
        })
        .map(|s| {
            if s.chars().count() > 60 {
                s.chars().take(57).collect::<String>() + "..."
            } else {
                s
            }
        })
        .collect();
    if parts.len() == keys.len() {
        format!("{table} {} (row {n})", parts.join("/"))
    } else {
        format!("{table} row {n}")
    }
}

fn time_of(v: &Sql) -> Option<DateTime<Utc>> {
    match v {
        Sql::Text(s) => DateTime::<Utc>::column_result(ValueRef::Text(s.as_bytes())).ok(),
        _ => None,
    }
}

impl<'c> Importer<'c> {
    pub fn new(conn: &'c Connection, now: DateTime<Utc>) -> Importer<'c> {
        Importer {
            conn,
            now,
            content: Content::get(),
            report: ImportReport::default(),
            pending: Vec::new(),
            verified: std::collections::HashMap::new(),
            batch: Vec::new(),
            batch_table: None,
            batch_keys: std::collections::HashSet::new(),
        }
    }

    fn exists(&self, table: &str, id: &str) -> Result<bool> {
        // The table name comes from the column specs, never from the file.
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
        Ok(stmt.exists([id])?)
    }

    /// Decodes, checks and merges row `n` (from 1) of `table`.
    pub fn row(&mut self, table: &'static str, n: usize, raw: Map<String, Value>) -> Result<()> {
        let keys = TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, k)| *k)
            .unwrap_or(&["id"]);
        let cols = columns::table(table);
        let name = row_name(table, keys, &raw, n);
        if let Some(k) = raw
            .keys()
            .find(|k| !cols.iter().any(|c| c.name == k.as_str()))
        {
            return Err(bad(format!(
                "{name} has an unknown field {:?}",
                crate::text::sanitize_line(k)
            )));
        }
        let mut values = Vec::with_capacity(cols.len());
        for col in cols {
            let v = match raw.get(col.name) {
                None | Some(Value::Null) if col.null => Sql::Null,
                None if col.default.is_some() => {
                    Sql::Text(col.default.unwrap_or_default().to_string())
                }
                None | Some(Value::Null) => {
                    return Err(bad(format!("{name} has no {}", col.name)));
                }
                Some(v) => decode::decode(col.kind, v, self.now)
                    .map_err(|why| bad(format!("{name}: {} {why}", col.name)))?,
            };
            values.push(v);
        }
        decode::check_row(table, cols, &values, self.content)
            .map_err(|(field, why)| bad(format!("{name}: {field} {why}")))?;
        for (col, v) in cols.iter().zip(&values) {
            let (Kind::Ref(target), Sql::Text(id)) = (col.kind, v) else {
                continue;
            };
            if self.verified.get(target) == Some(id) {
                continue;
            }
            if self.exists(target, id)? {
                self.verified.insert(target, id.clone());
            } else {
                self.pending.push(Pending {
                    row: name.clone(),
                    field: col.name,
                    table: target,
                    id: id.clone(),
                });
            }
        }
        self.merge(table, keys, cols, &name, values)
    }

    fn merge(
        &mut self,
        table: &'static str,
        keys: &[&str],
        cols: &[Col],
        name: &str,
        values: Vec<Sql>,
    ) -> Result<()> {
        let at = |c: &str| cols.iter().position(|x| x.name == c);
        let key_at: Vec<usize> = keys.iter().filter_map(|k| at(k)).collect();
        let list = cols.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
        let filter = keys
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let key_values: Vec<&Sql> = key_at.iter().map(|i| &values[*i]).collect();
        let refused = |e: rusqlite::Error| bad(format!("{name} was refused by the journal ({e})"));
        let marks = (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let insert = format!("INSERT INTO {table} ({list}) VALUES ({marks})");
        // Most rows are new: they are gathered and inserted many to one statement. SQLite
        // opens a savepoint for every statement that writes through the search triggers, and
        // the full-text index writes its pending terms out at each one, so one row per
        // statement made a segment per row and endless merging.
        if self.batch_table != Some(table) {
            self.flush()?;
            self.batch_table = Some(table);
        }
        let key = key_values
            .iter()
            .map(|v| format!("{v:?}"))
            .collect::<Vec<_>>()
            .join("\u{0}");
        let select = format!("SELECT {list} FROM {table} WHERE {filter}");
        let read_existing = |conn: &Connection| -> Result<Option<Vec<Sql>>> {
            let mut stmt = conn.prepare_cached(&select)?;
            let mut rows = stmt.query(params_from_iter(key_values.iter()))?;
            Ok(match rows.next()? {
                Some(r) => Some(
                    (0..cols.len())
                        .map(|i| r.get::<_, Sql>(i))
                        .collect::<rusqlite::Result<_>>()?,
                ),
                None => None,
            })
        };
        let existing = if self.batch_keys.contains(&key) {
            // The same key twice in the file: the first is written, the second merged.
            self.flush()?;
            read_existing(self.conn)?
        } else {
            let existing = read_existing(self.conn)?;
            if existing.is_none() && table != "pair_review" {
                self.tags(table, cols, &values, true)?;
                self.batch_keys.insert(key);
                self.batch.push((name.to_string(), values));
                *self.report.added.entry(table.to_string()).or_default() += 1;
                if self.batch.len() >= BATCH_ROWS {
                    self.flush()?;
                }
                return Ok(());
            }
            existing
        };
        let key_text = || {
            key_values
                .iter()
                .map(|v| match v {
                    Sql::Text(s) => crate::text::sanitize_line(s),
                    Sql::Integer(i) => i.to_string(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
                .join("/")
        };
        match existing {
            None => {
                self.conn
                    .prepare_cached(&insert)?
                    .execute(params_from_iter(values.iter()))
                    .map_err(refused)?;
                *self.report.added.entry(table.to_string()).or_default() += 1;
            }
            Some(old) if old == values => self.report.unchanged += 1,
            Some(old) => {
                let private = at("private");
                let lowers_privacy = private
                    .is_some_and(|i| old[i] == Sql::Integer(1) && values[i] == Sql::Integer(0));
                let updated = at("updated_at");
                let newer =
                    updated.is_some_and(|i| match (time_of(&values[i]), time_of(&old[i])) {
                        (Some(new), Some(old)) => new > old,
                        _ => false,
                    });
                let why = if lowers_privacy {
                    "the file's copy is shared, the journal's is private; kept private (share it in mentorlog if you mean to)"
                } else if newer {
                    let sets = cols
                        .iter()
                        .enumerate()
                        .map(|(i, c)| format!("{} = ?{}", c.name, i + 1))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let filter = key_at
                        .iter()
                        .map(|i| format!("{} = ?{}", cols[*i].name, i + 1))
                        .collect::<Vec<_>>()
                        .join(" AND ");
                    self.conn
                        .prepare_cached(&format!("UPDATE {table} SET {sets} WHERE {filter}"))?
                        .execute(params_from_iter(values.iter()))
                        .map_err(refused)?;
                    self.tags(table, cols, &values, false)?;
                    *self.report.updated.entry(table.to_string()).or_default() += 1;
                    return Ok(());
                } else if updated.is_some_and(|i| time_of(&old[i]).is_none()) {
                    "the journal's copy has an unreadable updated_at; `mentorlog check` lists such rows"
                } else if updated.is_some() {
                    "changed in both places; the journal's copy is as new or newer"
                } else {
                    "differs from the journal's copy"
                };
                self.report
                    .conflicts
                    .push((table.to_string(), key_text(), why.to_string()));
            }
        }
        Ok(())
    }

    /// Keeps `entry_tag` (the timeline's tag filter) in step with a written meeting or
    /// reflection, as the store does when it saves one.
    fn tags(&self, table: &str, cols: &[Col], values: &[Sql], fresh: bool) -> Result<()> {
        let time = match table {
            "meeting" => "held_at",
            "reflection" => "written_at",
            _ => return Ok(()),
        };
        let get = |c: &str| cols.iter().position(|x| x.name == c).map(|i| &values[i]);
        let (Some(Sql::Text(id)), Some(Sql::Text(at)), Some(Sql::Text(tags))) =
            (get("id"), get(time), get("tags"))
        else {
            return Ok(());
        };
        let tags: Vec<String> =
            serde_json::from_str(tags).map_err(|e| Error::Decode(e.to_string()))?;
        if !fresh {
            self.conn
                .prepare_cached("DELETE FROM entry_tag WHERE entry_id = ?1 AND kind = ?2")?
                .execute([id.as_str(), table])?;
        }
        let mut insert = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO entry_tag (tag, kind, entry_id, at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for tag in &tags {
            insert.execute([tag.as_str(), table, id.as_str(), at.as_str()])?;
        }
        Ok(())
    }

    /// Inserts the gathered new rows in one statement. Should SQLite refuse it, the rows go
    /// one by one, so the message names the row it refused.
    fn flush(&mut self) -> Result<()> {
        let Some(table) = self.batch_table else {
            return Ok(());
        };
        if self.batch.is_empty() {
            return Ok(());
        }
        let cols = columns::table(table);
        let list = cols.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
        let row_marks = |n: usize| {
            let marks = (1..=cols.len())
                .map(|i| format!("?{}", n * cols.len() + i))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({marks})")
        };
        let batch = std::mem::take(&mut self.batch);
        self.batch_keys.clear();
        let all = (0..batch.len())
            .map(row_marks)
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO {table} ({list}) VALUES {all}");
        let together = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            stmt.execute(params_from_iter(batch.iter().flat_map(|(_, v)| v.iter())))
        };
        if together.is_ok() {
            return Ok(());
        }
        let one = format!("INSERT INTO {table} ({list}) VALUES {}", row_marks(0));
        for (name, values) in &batch {
            self.conn
                .prepare_cached(&one)?
                .execute(params_from_iter(values.iter()))
                .map_err(|e| bad(format!("{name} was refused by the journal ({e})")))?;
        }
        Ok(())
    }

    /// Adds a reflection from another journal tool unless one with its id is already there.
    pub fn foreign_reflection(&mut self, values: Vec<Sql>) -> Result<()> {
        let cols = columns::table("reflection");
        let Some(Sql::Text(id)) = cols
            .iter()
            .position(|c| c.name == "id")
            .map(|i| values[i].clone())
        else {
            return Ok(());
        };
        if self.exists("reflection", &id)? {
            self.report.unchanged += 1;
            return Ok(());
        }
        self.merge("reflection", &["id"], cols, &format!("entry {id}"), values)
    }

    /// After the last row: every reference must point to a row in the file or the journal.
    pub fn finish(&mut self) -> Result<()> {
        self.flush()?;
        for p in std::mem::take(&mut self.pending) {
            if !self.exists(p.table, &p.id)? {
                return Err(bad(format!(
                    "{}: {} {} is not a {} in the file or in the journal",
                    p.row,
                    p.field,
                    p.id,
                    p.table.replace('_', " ")
                )));
            }
        }
        Ok(())
    }
}
