//! Entries from other journal tools: a jrnl export (`{"entries": [{"date", "time", "title",
//! "body", "tags"}]}`) or a tui-journal file (`[{"date", "title", "content", "tags"}]`). Each
//! becomes a private reflection whose id follows from its date and text, so importing the
//! same file twice does not double anything.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use rusqlite::types::Value as Sql;

use super::bad;
use super::columns;
use crate::error::Result;

/// One entry as read from the file.
pub struct Entry {
    pub date: Option<String>,
    pub time: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub tags: Vec<String>,
}

/// Parses "2026-01-05", "2026-01-05 14:30", "2026-01-05T14:30:00Z" and the like.
fn parse_when(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
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
                .map(|l| l.with_timezone(&Utc));
        }
    }
    let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Local
        .from_local_datetime(&d.and_hms_opt(12, 0, 0)?)
        .earliest()
        .map(|l| l.with_timezone(&Utc))
}

/// The reflection row (in the order of `columns::table("reflection")`) for entry `n`.
pub fn reflection(e: &Entry, n: usize) -> Result<Vec<Sql>> {
    let Some(date) = e.date.as_deref() else {
        return Err(bad(format!("entry {n} has no date")));
    };
    let when = match e.time.as_deref() {
        Some(t) => format!("{date} {t}"),
        None => date.to_string(),
    };
    let at = parse_when(&when)
        .filter(|t| (1900..=9999).contains(&chrono::Datelike::year(t)))
        .ok_or_else(|| {
            bad(format!(
                "entry {n} has a date that does not read ({:?})",
                crate::text::sanitize_line(&when)
            ))
        })?;
    let title = e.title.as_deref().unwrap_or("");
    let body = e.body.as_deref().unwrap_or("");
    let text = match (title.trim().is_empty(), body.trim().is_empty()) {
        (true, _) => body.to_string(),
        (false, true) => title.to_string(),
        (false, false) => format!("{title}\n\n{body}"),
    };
    if text.len() > columns::LONG {
        return Err(bad(format!(
            "entry {n} is larger than the 1 MiB an entry holds"
        )));
    }
    let mut tags = crate::domain::journal::tags_in(&text);
    for t in &e.tags {
        let t = t.trim_start_matches(['#', '@']).to_lowercase();
        if !t.is_empty() && t.len() <= columns::SHORT && !tags.contains(&t) {
            tags.push(t);
        }
    }
    // The same entry imported twice gets the same id, so it is not doubled.
    let id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("{when}\u{0}{text}").as_bytes(),
    );
    let stamp = match rusqlite::types::ToSql::to_sql(&at) {
        Ok(rusqlite::types::ToSqlOutput::Owned(Sql::Text(s))) => s,
        _ => at.to_rfc3339(),
    };
    let tags = serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into());
    let value = |col: &str| -> Sql {
        match col {
            "id" => Sql::Text(id.to_string()),
            "written_at" | "created_at" | "updated_at" => Sql::Text(stamp.clone()),
            "body" => Sql::Text(text.clone()),
            "tags" => Sql::Text(tags.clone()),
            "bring_up" => Sql::Integer(0),
            "private" => Sql::Integer(1),
            _ => Sql::Null,
        }
    };
    Ok(columns::table("reflection")
        .iter()
        .map(|c| value(c.name))
        .collect())
}
