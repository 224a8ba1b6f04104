//! Export and import. The JSON format is the journal's tables, row by row, with every id and
//! timestamp: complete, versioned, and written as it is read (constant memory). Importing it
//! merges by id: a newer `updated_at` wins, identical rows change nothing, and rows that
//! differ without being newer are listed as conflicts, never silently dropped. jrnl and
//! tui-journal exports come in as reflections.

use std::collections::BTreeMap;
use std::io::Write;

use rusqlite::types::{Value as SqlValue, ValueRef};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::Store;

/// The format name in every export.
pub const FORMAT: &str = "mentorlog";

/// The tables of an export, in an order that keeps references valid on import, with their
/// key columns.
pub const TABLES: [(&str, &[&str]); 14] = [
    ("profile", &["id"]),
    ("relationship", &["id"]),
    ("answer", &["relationship_id", "question_id"]),
    ("meeting", &["id"]),
    ("action_item", &["id"]),
    ("reflection", &["id"]),
    ("goal", &["id"]),
    ("milestone", &["id"]),
    ("goal_update", &["id"]),
    ("checkin", &["id"]),
    ("checkin_plan", &["relationship_id"]),
    ("arc_review", &["relationship_id", "point", "planned_end"]),
    ("survey", &["id"]),
    ("pair_review", &["relationship_id", "at"]),
];

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

fn to_sql(v: &Value) -> std::result::Result<SqlValue, String> {
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().ok_or("a number out of range")?),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => {
            return Err("a nested value where a plain one belongs".into());
        }
    })
}

impl Store {
    /// Column names of a table.
    fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let cols = stmt.query_map([], |r| r.get::<_, String>(1))?;
        Ok(cols.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes the whole journal as JSON to `out`, table by table and row by row.
    pub fn export_json(&self, out: &mut dyn Write, exported_at: &str) -> Result<usize> {
        let io = |e: std::io::Error| Error::io("cannot write the export", e);
        write!(
            out,
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {},\n  \"exported_at\": {},\n  \"tables\": {{",
            crate::store::SCHEMA_VERSION,
            Value::from(exported_at)
        )
        .map_err(io)?;
        let mut rows_written = 0;
        for (t, (table, _)) in TABLES.iter().enumerate() {
            let cols = self.columns(table)?;
            write!(out, "{}\n    \"{table}\": [", if t == 0 { "" } else { "," }).map_err(io)?;
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
            let mut rows = stmt.query([])?;
            let mut first = true;
            while let Some(row) = rows.next()? {
                let mut obj = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    obj.insert(c.clone(), to_json(row.get_ref(i)?));
                }
                let text = serde_json::to_string(&Value::Object(obj))
                    .map_err(|e| Error::Decode(e.to_string()))?;
                write!(out, "{}\n      {text}", if first { "" } else { "," }).map_err(io)?;
                first = false;
                rows_written += 1;
            }
            write!(out, "{}]", if first { "" } else { "\n    " }).map_err(io)?;
        }
        writeln!(out, "\n  }}\n}}").map_err(io)?;
        out.flush().map_err(io)?;
        Ok(rows_written)
    }
}

/// What an import did (or would do, with `--dry-run`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: BTreeMap<String, usize>,
    pub updated: BTreeMap<String, usize>,
    pub unchanged: usize,
    /// Rows that differ from the journal without being newer: (table, key, why).
    pub conflicts: Vec<(String, String, String)>,
}

impl ImportReport {
    pub fn summary(&self, dry_run: bool) -> String {
        let list = |m: &BTreeMap<String, usize>| {
            if m.is_empty() {
                "nothing".to_string()
            } else {
                m.iter()
                    .map(|(t, n)| format!("{n} {}", t.replace('_', " ")))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut out = format!(
            "{}: {}; updated: {}; unchanged: {}.\n",
            if dry_run { "Would be added" } else { "Added" },
            list(&self.added),
            list(&self.updated),
            self.unchanged
        );
        if dry_run {
            out.push_str("This was a dry run: nothing was written.\n");
        }
        if !self.conflicts.is_empty() {
            out.push_str(&format!(
                "{} conflict{} kept as they are in the journal (the file's copy is not newer):\n",
                self.conflicts.len(),
                if self.conflicts.len() == 1 { "" } else { "s" }
            ));
            for (table, key, why) in &self.conflicts {
                out.push_str(&format!("  {table} {key}: {why}\n"));
            }
        }
        out
    }
}

fn bad(what: impl Into<String>) -> Error {
    Error::Usage(format!(
        "the file cannot be imported: {}. Nothing was written.",
        what.into()
    ))
}

/// Reads an import file's text: a mentorlog export, a jrnl export, or a tui-journal file.
pub fn import(store: &mut Store, text: &str, dry_run: bool, now: &str) -> Result<ImportReport> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        bad(format!(
            "it is not complete JSON ({e}); was it cut short, or is it another kind of file?"
        ))
    })?;
    if doc.get("format").and_then(Value::as_str) == Some(FORMAT) {
        return import_mentorlog(store, &doc, dry_run);
    }
    if let Some(entries) = foreign_entries(&doc) {
        return import_entries(store, &entries, dry_run, now);
    }
    Err(bad(
        "it is not a mentorlog export (no \"format\": \"mentorlog\"), nor a jrnl or tui-journal export",
    ))
}

fn import_mentorlog(store: &mut Store, doc: &Value, dry_run: bool) -> Result<ImportReport> {
    let version = doc
        .get("version")
        .and_then(Value::as_i64)
        .ok_or_else(|| bad("it has no version number"))?;
    if version > crate::store::SCHEMA_VERSION {
        return Err(bad(format!(
            "it was written by a newer mentorlog (format version {version}; this one reads up to {}); install the newer mentorlog",
            crate::store::SCHEMA_VERSION
        )));
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("it has no \"tables\""))?;
    for name in tables.keys() {
        if !TABLES.iter().any(|(t, _)| t == name) {
            return Err(bad(format!("it has an unknown table {name:?}")));
        }
    }
    let mut columns = BTreeMap::new();
    for (table, _) in TABLES {
        columns.insert(table, store.columns(table)?);
    }
    store
        .write(|tx| {
            let mut report = ImportReport::default();
            for (table, keys) in TABLES {
                let Some(rows) = tables.get(table) else {
                    continue;
                };
                let rows = rows
                    .as_array()
                    .ok_or_else(|| bad(format!("{table} is not a list")))?;
                let cols = &columns[table];
                let has_updated = cols.iter().any(|c| c == "updated_at");
                for (n, row) in rows.iter().enumerate() {
                    let obj = row
                        .as_object()
                        .ok_or_else(|| bad(format!("row {} of {table} is not an object", n + 1)))?;
                    for k in obj.keys() {
                        if !cols.contains(k) {
                            return Err(bad(format!(
                                "row {} of {table} has an unknown field {k:?}",
                                n + 1
                            )));
                        }
                    }
                    let key_values: Vec<SqlValue> = keys
                        .iter()
                        .map(|k| obj.get(*k).map_or(Ok(SqlValue::Null), to_sql))
                        .collect::<std::result::Result<_, _>>()
                        .map_err(|e| bad(format!("row {} of {table}: {e}", n + 1)))?;
                    if key_values.contains(&SqlValue::Null) {
                        return Err(bad(format!(
                            "row {} of {table} has no {}",
                            n + 1,
                            keys.join(" / ")
                        )));
                    }
                    let key_text = key_values
                        .iter()
                        .map(|v| match v {
                            SqlValue::Text(t) => t.clone(),
                            SqlValue::Integer(i) => i.to_string(),
                            other => format!("{other:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("/");
                    let filter = keys
                        .iter()
                        .enumerate()
                        .map(|(i, k)| format!("{k} = ?{}", i + 1))
                        .collect::<Vec<_>>()
                        .join(" AND ");
                    let existing: Option<Map<String, Value>> = {
                        let mut stmt =
                            tx.prepare_cached(&format!("SELECT * FROM {table} WHERE {filter}"))?;
                        let mut rs = stmt.query(rusqlite::params_from_iter(key_values.iter()))?;
                        match rs.next()? {
                            Some(r) => {
                                let mut m = Map::new();
                                for (i, c) in cols.iter().enumerate() {
                                    m.insert(c.clone(), to_json(r.get_ref(i)?));
                                }
                                Some(m)
                            }
                            None => None,
                        }
                    };
                    let incoming: Map<String, Value> = cols
                        .iter()
                        .map(|c| (c.clone(), obj.get(c).cloned().unwrap_or(Value::Null)))
                        .collect();
                    let values: Vec<SqlValue> = cols
                        .iter()
                        .map(|c| to_sql(&incoming[c]))
                        .collect::<std::result::Result<_, _>>()
                        .map_err(|e| bad(format!("row {} of {table}: {e}", n + 1)))?;
                    match existing {
                        None => {
                            let sql = format!(
                                "INSERT INTO {table} ({}) VALUES ({})",
                                cols.join(", "),
                                (1..=cols.len())
                                    .map(|i| format!("?{i}"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            );
                            tx.execute(&sql, rusqlite::params_from_iter(values.iter()))
                                .map_err(|e| {
                                    bad(format!("row {} of {table} was refused ({e})", n + 1))
                                })?;
                            *report.added.entry(table.to_string()).or_default() += 1;
                        }
                        Some(old) if old == incoming => report.unchanged += 1,
                        Some(old) => {
                            let newer = has_updated
                                && incoming.get("updated_at").and_then(Value::as_str)
                                    > old.get("updated_at").and_then(Value::as_str);
                            if newer {
                                let sets = cols
                                    .iter()
                                    .enumerate()
                                    .map(|(i, c)| format!("{c} = ?{}", i + 1))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                let where_keys = keys
                                    .iter()
                                    .map(|k| {
                                        let i = cols.iter().position(|c| c == k).unwrap_or(0);
                                        format!("{k} = ?{}", i + 1)
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" AND ");
                                let sql = format!("UPDATE {table} SET {sets} WHERE {where_keys}");
                                tx.execute(&sql, rusqlite::params_from_iter(values.iter()))
                                    .map_err(|e| {
                                        bad(format!("row {} of {table} was refused ({e})", n + 1))
                                    })?;
                                *report.updated.entry(table.to_string()).or_default() += 1;
                            } else {
                                let why = if has_updated {
                                    "changed in both places; the journal's copy is as new or newer"
                                } else {
                                    "differs from the journal's copy"
                                };
                                report.conflicts.push((
                                    table.to_string(),
                                    key_text,
                                    why.to_string(),
                                ));
                            }
                        }
                    }
                }
            }
            // Tags of meetings and reflections, for the tag filter.
            tx.execute_batch(
                "DELETE FROM entry_tag;
             INSERT OR IGNORE INTO entry_tag (tag, kind, entry_id, at)
                 SELECT value, 'reflection', reflection.id, reflection.written_at
                 FROM reflection, json_each(reflection.tags);
             INSERT OR IGNORE INTO entry_tag (tag, kind, entry_id, at)
                 SELECT value, 'meeting', meeting.id, meeting.held_at
                 FROM meeting, json_each(meeting.tags);",
            )?;
            if dry_run {
                // The report is what it would do; nothing is kept.
                return Err(Error::DryRun(Box::new(report)));
            }
            Ok(report)
        })
        .or_else(|e| match e {
            Error::DryRun(report) => Ok(*report),
            e => Err(e),
        })
}

/// A jrnl export (`{"entries": [{"date", "time", "title", "body", "tags"}]}`) or a tui-journal
/// file (`[{"date", "title", "content", "tags"}]`, or the same under "entries"), as
/// (when, text, tags).
fn foreign_entries(doc: &Value) -> Option<Vec<(String, String, Vec<String>)>> {
    let list = match doc {
        Value::Array(a) => a,
        Value::Object(o) => o.get("entries")?.as_array()?,
        _ => return None,
    };
    let mut out = Vec::new();
    for e in list {
        let o = e.as_object()?;
        let date = o.get("date")?.as_str()?.to_string();
        let when = match o.get("time").and_then(Value::as_str) {
            Some(t) => format!("{date} {t}"),
            None => date,
        };
        let title = o.get("title").and_then(Value::as_str).unwrap_or("");
        let body = o
            .get("body")
            .or_else(|| o.get("content"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let text = match (title.trim().is_empty(), body.trim().is_empty()) {
            (true, _) => body.to_string(),
            (false, true) => title.to_string(),
            (false, false) => format!("{title}\n\n{body}"),
        };
        let tags = o
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(Value::as_str)
                    .map(|s| s.trim_start_matches(['#', '@']).to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        out.push((when, text, tags));
    }
    Some(out)
}

/// Parses "2026-01-05", "2026-01-05 14:30", "2026-01-05T14:30:00Z" and the like.
fn parse_when(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&chrono::Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Local
                .from_local_datetime(&n)
                .earliest()
                .map(|l| l.with_timezone(&chrono::Utc));
        }
    }
    let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Local
        .from_local_datetime(&d.and_hms_opt(12, 0, 0)?)
        .earliest()
        .map(|l| l.with_timezone(&chrono::Utc))
}

fn import_entries(
    store: &mut Store,
    entries: &[(String, String, Vec<String>)],
    dry_run: bool,
    _now: &str,
) -> Result<ImportReport> {
    let mut reflections = Vec::new();
    for (i, (when, text, tags)) in entries.iter().enumerate() {
        let at = parse_when(when).ok_or_else(|| {
            bad(format!(
                "entry {} has a date that does not read ({when:?})",
                i + 1
            ))
        })?;
        if text.len() > crate::app::editor::MAX_TEXT_BYTES {
            return Err(bad(format!(
                "entry {} is larger than the 1 MiB an entry holds",
                i + 1
            )));
        }
        // The same entry imported twice gets the same id, so it is not doubled.
        let id = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_OID,
            format!("{when}\u{0}{text}").as_bytes(),
        );
        let mut r = crate::domain::Reflection::new(text, at);
        r.id = id;
        for t in tags {
            if !t.is_empty() && !r.tags.contains(t) {
                r.tags.push(t.clone());
            }
        }
        reflections.push(r);
    }
    let mut report = ImportReport::default();
    for r in &reflections {
        match store.reflection(r.id)? {
            Some(_) => report.unchanged += 1,
            None => *report.added.entry("reflection".into()).or_default() += 1,
        }
    }
    if !dry_run {
        let fresh: Vec<_> = reflections
            .into_iter()
            .filter(|r| store.reflection(r.id).ok().flatten().is_none())
            .collect();
        let at = fresh
            .first()
            .map(|r| r.created_at)
            .unwrap_or_else(chrono::Utc::now);
        store.save_journal_batch(&[], &fresh, at)?;
    }
    Ok(report)
}
