//! The schema is ours alone: before anything writes to a journal, its `sqlite_schema` must be
//! exactly what our migrations make for the version it records. An extra trigger, view, table
//! or index, a missing one, or one whose SQL differs is refused, because SQLite would run it
//! with the journal's private text (a trigger can copy a private reflection anywhere).
//!
//! The reference for a version is built once per process, by applying the migrations up to it
//! to an in-memory database: it is what SQLite itself stores for them, FTS5's own tables
//! included, so nothing has to be kept in step by hand.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rusqlite::Connection;

use super::MIGRATIONS;
use crate::error::{Error, Result};

/// One schema object, keyed by (type, name).
type Objects = BTreeMap<(String, String), Definition>;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Definition {
    table: String,
    /// Whitespace runs collapsed to one space; `None` for SQLite's automatic indexes.
    sql: Option<String>,
}

/// At most this many differences are listed; the rest are counted.
const MAX_LINES: usize = 10;

/// Refuses a journal whose schema is not exactly the one our migrations make for `version`.
pub(super) fn verify(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let found = read(conn).map_err(|e| super::open_error(path, &e))?;
    let expected = reference(version)?;
    let differences = compare(expected, &found);
    if differences.is_empty() {
        return Ok(());
    }
    let total = differences.len();
    let mut lines: Vec<String> = differences.into_iter().take(MAX_LINES).collect();
    if total > MAX_LINES {
        lines.push(format!("and {} more", total - MAX_LINES));
    }
    Err(Error::SchemaMismatch {
        path: path.to_path_buf(),
        version,
        differences: lines
            .iter()
            .map(|l| format!("  - {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// What the migrations up to `version` make, built on first use and kept for the process.
fn reference(version: i64) -> Result<&'static Objects> {
    static CACHE: [OnceLock<Objects>; MIGRATIONS.len() + 1] =
        [const { OnceLock::new() }; MIGRATIONS.len() + 1];
    let slot = usize::try_from(version)
        .ok()
        .and_then(|v| CACHE.get(v))
        .ok_or_else(|| Error::Usage(format!("no journal version {version} exists")))?;
    if let Some(objects) = slot.get() {
        return Ok(objects);
    }
    let conn = Connection::open_in_memory()?;
    for sql in &MIGRATIONS[..slot_index(version)] {
        conn.execute_batch(sql)?;
    }
    let objects = read(&conn)?;
    Ok(slot.get_or_init(|| objects))
}

fn slot_index(version: i64) -> usize {
    usize::try_from(version).unwrap_or(0).min(MIGRATIONS.len())
}

fn read(conn: &Connection) -> rusqlite::Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            Definition {
                table: r.get(2)?,
                sql: r.get::<_, Option<String>>(3)?.map(|s| normalise(&s)),
            },
        ))
    })?;
    rows.collect()
}

/// The SQL with every run of whitespace made one space, so a file written by another SQLite
/// that laid the text out differently still matches.
fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One line per difference: extra, missing or altered objects, in a stable order.
fn compare(expected: &Objects, found: &Objects) -> Vec<String> {
    let mut out = Vec::new();
    for ((kind, name), def) in found {
        match expected.get(&(kind.clone(), name.clone())) {
            None => out.push(format!(
                "an extra {} {}{}",
                word(kind),
                shown(name),
                on_table(kind, name, &def.table)
            )),
            Some(want) if want != def => out.push(format!(
                "the {} {}{} is not defined as mentorlog defines it",
                word(kind),
                shown(name),
                on_table(kind, name, &def.table)
            )),
            Some(_) => {}
        }
    }
    for ((kind, name), def) in expected {
        if !found.contains_key(&(kind.clone(), name.clone())) {
            out.push(format!(
                "the {} {}{} is missing",
                word(kind),
                shown(name),
                on_table(kind, name, &def.table)
            ));
        }
    }
    out
}

fn word(kind: &str) -> String {
    match kind {
        "table" | "index" | "trigger" | "view" => kind.to_string(),
        other => format!("object of type {}", shown(other)),
    }
}

fn on_table(kind: &str, name: &str, table: &str) -> String {
    if kind == "table" || kind == "view" || table == name {
        String::new()
    } else {
        format!(" on {}", shown(table))
    }
}

/// A name from the file, safe for a terminal and short.
fn shown(name: &str) -> String {
    format!(
        "\"{}\"",
        crate::text::truncate(&crate::text::sanitize_line(name), 60)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_matter_and_words_do() {
        assert_eq!(
            normalise("CREATE TABLE t (\n    a  INTEGER,\tb TEXT\n)"),
            "CREATE TABLE t ( a INTEGER, b TEXT )"
        );
        assert_ne!(
            normalise("CREATE TABLE t (a INTEGER)"),
            normalise("CREATE TABLE t (a TEXT)")
        );
    }

    #[test]
    fn every_version_has_a_reference_and_it_is_cached() {
        for v in 0..=MIGRATIONS.len() as i64 {
            let first = reference(v).unwrap();
            assert!(std::ptr::eq(first, reference(v).unwrap()));
        }
        assert!(reference(0).unwrap().is_empty());
        let latest = reference(MIGRATIONS.len() as i64).unwrap();
        assert!(latest.contains_key(&("table".into(), "search_fts_data".into())));
        assert!(latest.contains_key(&("view".into(), "search_text".into())));
        // The index reads its text from the entries and keeps no copy of it.
        assert!(!latest.contains_key(&("table".into(), "search_fts_content".into())));
        assert!(
            reference(8)
                .unwrap()
                .contains_key(&("table".into(), "search_fts_content".into()))
        );
        assert!(reference(-1).is_err());
        assert!(reference(MIGRATIONS.len() as i64 + 1).is_err());
    }

    #[test]
    fn differences_name_what_is_extra_missing_or_altered() {
        let conn = Connection::open_in_memory().unwrap();
        for sql in MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        let version = MIGRATIONS.len() as i64;
        assert!(compare(reference(version).unwrap(), &read(&conn).unwrap()).is_empty());
        conn.execute_batch(
            "CREATE TRIGGER leak AFTER INSERT ON reflection BEGIN SELECT 1; END;
             DROP INDEX pair_review_by_relationship;
             DROP TRIGGER goal_search_delete;
             CREATE TRIGGER goal_search_delete AFTER DELETE ON goal BEGIN SELECT 2; END;
             CREATE VIEW \"v\x1b[2J\" AS SELECT 1;",
        )
        .unwrap();
        let lines = compare(reference(version).unwrap(), &read(&conn).unwrap());
        let all = lines.join("\n");
        assert!(
            all.contains("an extra trigger \"leak\" on \"reflection\""),
            "{all}"
        );
        assert!(
            all.contains("the index \"pair_review_by_relationship\" on \"pair_review\" is missing"),
            "{all}"
        );
        assert!(
            all.contains("the trigger \"goal_search_delete\" on \"goal\" is not defined"),
            "{all}"
        );
        assert!(!all.contains('\x1b'), "names are sanitised: {all:?}");
        assert_eq!(lines.len(), 4, "{all}");
    }
}
