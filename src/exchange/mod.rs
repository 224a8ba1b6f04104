//! Export and import. The JSON format is the journal's tables, row by row, with every id and
//! timestamp: complete, versioned, and written as it is read (constant memory). Importing it
//! merges by id: a newer `updated_at` wins, identical rows change nothing, and rows that
//! differ without being newer are listed as conflicts, never silently dropped; no row makes a
//! private entry shared. Every row is decoded and checked before it is written, and the file
//! is read as a stream. jrnl and tui-journal exports come in as reflections.

mod columns;
mod decode;
mod foreign;
mod merge;
mod stream;

use std::collections::BTreeMap;
use std::io::Write;

use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::progress::{Progress, Reading, Unseen};
use crate::store::Store;

/// The format name in every export.
pub const FORMAT: &str = "mentorlog";

/// The tables of an export, in an order that keeps references valid on import, with their
/// key columns.
pub const TABLES: [(&str, &[&str]); 22] = [
    ("profile", &["id"]),
    ("relationship", &["id"]),
    ("answer", &["relationship_id", "question_id"]),
    ("life_event", &["id"]),
    ("agreement_version", &["relationship_id", "number"]),
    (
        "answer_change",
        &["relationship_id", "question_id", "changed_at"],
    ),
    ("signoff", &["relationship_id", "version", "who"]),
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
    ("meeting_goal", &["meeting_id", "goal_id"]),
    ("skill", &["id"]),
    ("skill_rating", &["skill_id", "point"]),
    ("resource", &["id"]),
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

impl Store {
    /// Column names of a table.
    fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let cols = stmt.query_map([], |r| r.get::<_, String>(1))?;
        Ok(cols.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes the whole journal as JSON to `out`, table by table and row by row.
    pub fn export_json(&self, out: &mut dyn Write, exported_at: &str) -> Result<usize> {
        self.export_json_with(out, exported_at, &Unseen)
    }

    /// [`Store::export_json`], telling `progress` of every row written (one stage, "writing
    /// every entry", whose total is the number of rows the export holds).
    pub fn export_json_with(
        &self,
        out: &mut dyn Write,
        exported_at: &str,
        progress: &dyn Progress,
    ) -> Result<usize> {
        let mut total = 0u64;
        for (table, _) in TABLES {
            // The table names are this module's own list, never the journal's.
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            total += n.max(0) as u64;
        }
        progress.begin("writing every entry", Some(total));
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
                let text = crate::text::escape_json_controls(&text);
                write!(out, "{}\n      {text}", if first { "" } else { "," }).map_err(io)?;
                first = false;
                rows_written += 1;
                progress.advance(1);
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
                "{} conflict{} kept as they are in the journal:\n",
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

pub(crate) fn bad(what: impl Into<String>) -> Error {
    let what = what.into();
    // A reason that ends in a question keeps its mark, without a full stop after it.
    let end = if what.ends_with(['?', '.', '!']) {
        ""
    } else {
        "."
    };
    Error::Usage(format!(
        "the file cannot be imported: {what}{end} Nothing was written."
    ))
}

/// Imports a file's text: a mentorlog export, a jrnl export, or a tui-journal file. `now`
/// (RFC 3339) is the moment rows may not claim to be written after.
pub fn import(store: &mut Store, text: &str, dry_run: bool, now: &str) -> Result<ImportReport> {
    let now = chrono::DateTime::parse_from_rfc3339(now)
        .map_err(|e| Error::Usage(format!("{now:?} is not a time ({e})")))?
        .with_timezone(&chrono::Utc);
    import_reader(store, text.as_bytes(), dry_run, now)
}

/// Imports from a reader, as a stream: every row is decoded and checked into the domain's
/// types and the editor's limits, and merged, as it is read, all in one transaction. One bad
/// row refuses the whole file (naming the table, the row and the field) and nothing is
/// written; a dry run reports and rolls back.
pub fn import_reader(
    store: &mut Store,
    input: impl std::io::Read,
    dry_run: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ImportReport> {
    import_reader_with(store, input, None, dry_run, now, &Unseen)
}

/// [`import_reader`], telling `progress` how far it is: "reading the file" by the bytes read
/// (`size` is the file's length in bytes, when known), then checking the links and saving,
/// which take as long as they take.
pub fn import_reader_with(
    store: &mut Store,
    input: impl std::io::Read,
    size: Option<u64>,
    dry_run: bool,
    now: chrono::DateTime<chrono::Utc>,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    store.conn.set_prepared_statement_cache_capacity(64);
    // A large import touches every index of the journal; with SQLite's default 2 MiB page
    // cache the transaction spills and rereads the same pages through the write-ahead log
    // over and over. A bigger cache for the import only (set back afterwards).
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store
        .conn
        .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))?;
    progress.begin("reading the file", size);
    let input = Reading::new(input, progress);
    let result = import_in_transaction(store, input, dry_run, now, progress);
    store
        .conn
        .execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    result
}

/// The page cache an import may use, in KiB.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

fn import_in_transaction(
    store: &mut Store,
    input: impl std::io::Read,
    dry_run: bool,
    now: chrono::DateTime<chrono::Utc>,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    let tx = store
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // References are checked by the import itself (naming the row); SQLite checks them
    // again at commit, so a file may name a goal after the reflection about it.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let mut importer = merge::Importer::new(&tx, now);
    let mut walk = stream::Walk {
        importer: &mut importer,
        format: None,
        version: None,
        tables: false,
        entries: false,
        failure: None,
    };
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, input));
    let read = serde::de::DeserializeSeed::deserialize(stream::Document(&mut walk), &mut de)
        .and_then(|()| de.end());
    if let Some(e) = walk.failure.take() {
        return Err(e);
    }
    if let Err(e) = read {
        use serde_json::error::Category;
        let text = crate::text::sanitize_line(&e.to_string());
        return Err(bad(match e.classify() {
            Category::Data => format!("it is not shaped like an export ({text})"),
            Category::Io => format!("it could not be read ({text})"),
            Category::Syntax | Category::Eof => format!(
                "it is not complete JSON ({text}); was it cut short, or is it another kind of file?"
            ),
        }));
    }
    let (format, version, tables, entries) =
        (walk.format.take(), walk.version, walk.tables, walk.entries);
    if format.as_deref() == Some(FORMAT) || tables {
        if format.as_deref() != Some(FORMAT) {
            return Err(bad(
                "it is not a mentorlog export (no \"format\": \"mentorlog\")",
            ));
        }
        match version {
            None => return Err(bad("it has no version number")),
            Some(v) if v > crate::store::SCHEMA_VERSION => {
                return Err(bad(format!(
                    "it was written by a newer mentorlog (format version {v}; this one reads up to {}); install the newer mentorlog",
                    crate::store::SCHEMA_VERSION
                )));
            }
            Some(_) => {}
        }
        if !tables {
            return Err(bad("it has no \"tables\""));
        }
    } else if !entries {
        return Err(bad(
            "it is not a mentorlog export (no \"format\": \"mentorlog\"), nor a jrnl or tui-journal export",
        ));
    }
    progress.begin("checking the links between entries", None);
    importer.finish()?;
    let report = std::mem::take(&mut importer.report);
    if dry_run {
        // The report is what it would do; dropping the transaction keeps nothing.
        return Ok(report);
    }
    progress.begin("saving", None);
    tx.commit().map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            bad(format!("a link between its rows does not hold ({e})"))
        }
        e => Error::Sqlite(e),
    })?;
    Ok(report)
}
