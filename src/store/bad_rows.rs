//! Rows the journal holds but mentorlog cannot read (a value from an older version, a manual
//! edit, damage). Readers that return lists leave such a row out and note it here; readers of
//! one row return [`Error::BadRow`] for it. Nothing is ever changed or removed: `mentorlog
//! check` lists every such row (see `audit`), and the app and the commands say how many were
//! left out.

use std::cell::RefCell;
use std::collections::HashSet;

use rusqlite::types::{Type, ValueRef};
use rusqlite::{Params, Row, Statement};

use super::Store;
use crate::error::{Error, Result};

pub use crate::error::BadRow;

/// A value that is a string but not one of the known ones ("is not a known goal status").
#[derive(Debug)]
pub(crate) struct Unknown(pub &'static str);

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "is not a known {}", self.0)
    }
}

impl std::error::Error for Unknown {}

/// The error a decoder returns for column `i` holding an unknown value.
pub(crate) fn unknown(i: usize, what: &'static str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(Unknown(what)))
}

/// The error a decoder returns for column `i` when `e` explains what is wrong.
pub(crate) fn invalid(
    i: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e))
}

/// How much of a bad value is quoted.
const QUOTE_CHARS: usize = 40;

fn quote(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "nothing (NULL)".to_string(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => {
            let s = String::from_utf8_lossy(t);
            let mut short: String = s.chars().take(QUOTE_CHARS).collect();
            if s.chars().nth(QUOTE_CHARS).is_some() {
                short.push('…');
            }
            format!("{:?}", crate::text::sanitize_line(&short))
        }
        ValueRef::Blob(b) => format!("{} bytes of binary data", b.len()),
    }
}

fn type_words(t: &Type) -> &'static str {
    match t {
        Type::Null => "nothing (NULL)",
        Type::Integer => "a whole number",
        Type::Real => "a real number",
        Type::Text => "text",
        Type::Blob => "binary data",
    }
}

fn reason(e: &(dyn std::error::Error + Send + Sync + 'static)) -> String {
    if let Some(u) = e.downcast_ref::<Unknown>() {
        u.to_string()
    } else if e.downcast_ref::<chrono::ParseError>().is_some() {
        "is not a valid date or time".to_string()
    } else if e.downcast_ref::<uuid::Error>().is_some() {
        "is not a valid id".to_string()
    } else if let Some(j) = e.downcast_ref::<serde_json::Error>() {
        format!("does not hold what belongs here ({j})")
    } else {
        format!("cannot be read ({e})")
    }
}

fn raw_text(row: &Row<'_>, i: usize) -> String {
    match row.get_ref(i) {
        Ok(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
        Ok(ValueRef::Integer(n)) => n.to_string(),
        Ok(ValueRef::Null) => "(no id)".to_string(),
        Ok(other) => quote(other),
        Err(_) => "?".to_string(),
    }
}

impl BadRow {
    /// Describes why `row` of `table` did not decode; its key is in columns `key`.
    pub(crate) fn new(
        table: &'static str,
        row: &Row<'_>,
        key: &[usize],
        err: &rusqlite::Error,
    ) -> BadRow {
        let id = key
            .iter()
            .map(|&i| raw_text(row, i))
            .collect::<Vec<_>>()
            .join(":");
        let id: String = crate::text::sanitize_line(&id).chars().take(80).collect();
        let (col, why) = match err {
            rusqlite::Error::FromSqlConversionFailure(i, _, e) => (Some(*i), reason(e.as_ref())),
            rusqlite::Error::InvalidColumnType(i, _, t) => (
                Some(*i),
                format!("is {}, which this field cannot hold", type_words(t)),
            ),
            rusqlite::Error::IntegralValueOutOfRange(i, _) => {
                (Some(*i), "is out of range for this field".to_string())
            }
            other => (None, format!("cannot be read ({other})")),
        };
        let field = col
            .and_then(|i| row.as_ref().column_name(i).ok())
            .unwrap_or("?")
            .to_string();
        let value = col
            .and_then(|i| row.get_ref(i).ok())
            .map(quote)
            .unwrap_or_default();
        let why = if value.is_empty() {
            why
        } else {
            format!("{value} {why}")
        };
        BadRow {
            table,
            id,
            field: crate::text::sanitize_line(&field),
            why: crate::text::sanitize_line(&why),
        }
    }
}

/// The rows left out since the store was opened, each once, and how many were already told.
#[derive(Debug, Default)]
pub(crate) struct SkipLog {
    seen: HashSet<(&'static str, String)>,
    told: usize,
}

impl SkipLog {
    pub(crate) fn note(&mut self, bad: &BadRow) {
        self.seen.insert((bad.table, bad.id.clone()));
    }
}

/// The line that says rows were left out: for the app's status line and the commands' stderr.
pub fn left_out_notice(n: usize) -> String {
    if n == 1 {
        "1 entry could not be read and was left out; `mentorlog check` lists it.".to_string()
    } else {
        format!("{n} entries could not be read and were left out; `mentorlog check` lists them.")
    }
}

impl Store {
    /// Notes a row that a reader left out.
    pub(crate) fn note_bad(&self, bad: &BadRow) {
        self.skipped.borrow_mut().note(bad);
    }

    /// How many rows were left out since the last call (each row counted once per store).
    pub fn take_left_out(&self) -> usize {
        let mut log = self.skipped.borrow_mut();
        let new = log.seen.len() - log.told;
        log.told = log.seen.len();
        new
    }

    /// Runs `stmt` and decodes each row with `decode`; a row that does not decode is left out
    /// and noted (its key in columns `key` of `table`). SQL failures are errors as usual.
    pub(crate) fn read_rows<T>(
        &self,
        stmt: &mut Statement<'_>,
        params: impl Params,
        table: &'static str,
        key: &[usize],
        mut decode: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            match decode(row) {
                Ok(v) => out.push(v),
                Err(e) => self.note_bad(&BadRow::new(table, row, key, &e)),
            }
        }
        Ok(out)
    }

    /// Reads at most one row; one that does not decode is noted and is an [`Error::BadRow`].
    pub(crate) fn read_one<T>(
        &self,
        sql: &str,
        params: impl Params,
        table: &'static str,
        key: &[usize],
        decode: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        match rows.next()? {
            None => Ok(None),
            Some(row) => match decode(row) {
                Ok(v) => Ok(Some(v)),
                Err(e) => {
                    let bad = BadRow::new(table, row, key, &e);
                    self.note_bad(&bad);
                    Err(Error::BadRow(Box::new(bad)))
                }
            },
        }
    }
}

/// A single-row read whose row could not be read becomes "nothing there" (it is noted, and
/// `check` lists it), for a screen that only uses the row on the side (a name, a link).
pub fn unless_bad<T>(read: Result<Option<T>>) -> Result<Option<T>> {
    match read {
        Err(Error::BadRow(_)) => Ok(None),
        other => other,
    }
}

/// A fresh, empty log for a new store.
pub(crate) fn new_log() -> RefCell<SkipLog> {
    RefCell::new(SkipLog::default())
}
