//! What mentorlog writes for people and scripts outside the app: an agreement to share, the
//! pair review, the goals, what is due, the journal as a readable Markdown record. Private text
//! stays out unless asked for; all text is sanitised for the terminal, and typed text is escaped
//! wherever it goes into Markdown.

mod agreement;
pub mod calendar;
pub mod closing;
mod due;
mod goals;
mod journal;
mod record;
mod record_parts;
mod review;
mod skills;

pub use agreement::{json, markdown};
pub use closing::{ClosingSummary, summary_markdown};
pub use due::due_report;
pub use goals::{goals_json, goals_text};
pub use journal::{journal_markdown, relationships_markdown};
pub use review::{review_json, review_markdown};

/// JSON as every command prints it: pretty, ending with a newline, and with the characters a
/// terminal would obey (DEL, C1 and bidi controls, which serde_json leaves raw) written as
/// `\uXXXX`, so it is safe to print and still the same value.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> crate::error::Result<String> {
    let out = serde_json::to_string_pretty(value)
        .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
    let mut out = crate::text::escape_json_controls(&out).into_owned();
    out.push('\n');
    Ok(out)
}

/// The current time, or the one in `MENTORLOG_NOW` (RFC 3339), which scripts and tests use to
/// ask "what would be due then?".
pub fn now_from_env() -> Result<chrono::DateTime<chrono::Local>, String> {
    match std::env::var("MENTORLOG_NOW") {
        Ok(v) if !v.trim().is_empty() => chrono::DateTime::parse_from_rfc3339(v.trim())
            .map(|d| d.with_timezone(&chrono::Local))
            .map_err(|e| {
                format!("MENTORLOG_NOW={v:?} is not a time like 2026-11-22T10:00:00+01:00 ({e})")
            }),
        _ => Ok(chrono::Local::now()),
    }
}
