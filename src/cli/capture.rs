//! Quick capture from the shell: a reflection or a meeting in one command, each answered with
//! a line saying what was saved (sanitised: entry text never reaches the terminal raw).

use std::io::Read;

use chrono::{DateTime, Local, Utc};

use crate::cli::pick_relationship;
use crate::domain::journal::tags_in;
use crate::domain::{Meeting, Reflection, Side};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::{sanitize_line, truncate};

/// The most text one capture takes: larger input is refused, not cut.
pub use crate::domain::MAX_TEXT_BYTES;

fn read_text(text: Option<String>) -> Result<String> {
    let text = match text {
        Some(t) if t != "-" => t,
        _ => {
            let mut buf = String::new();
            std::io::stdin()
                .take(MAX_TEXT_BYTES as u64 + 1)
                .read_to_string(&mut buf)
                .map_err(|e| Error::io("cannot read the text from standard input", e))?;
            buf
        }
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::Usage(format!(
            "the text is over {} MiB; nothing was saved. Split it into smaller entries.",
            MAX_TEXT_BYTES >> 20
        )));
    }
    if text.trim().is_empty() {
        return Err(Error::Usage(
            "there is nothing to save: give the text as an argument (in quotes) or on standard input.".into(),
        ));
    }
    Ok(text)
}

/// When a typed date (and optional time) means; now when nothing was typed.
fn when(typed: Option<&str>, now: DateTime<Local>) -> Result<DateTime<Utc>> {
    match typed {
        None => Ok(now.with_timezone(&Utc)),
        Some(t) => crate::domain::dates::parse_when(t, now).map_err(Error::Usage),
    }
}

/// The time in the name of a rescue file.
fn stamp(now: DateTime<Local>) -> String {
    now.format("%Y%m%d-%H%M%S").to_string()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Saves a reflection; returns the line to print.
pub fn reflect(
    store: &mut Store,
    now: DateTime<Local>,
    text: Option<String>,
    with: Option<&str>,
    tags: &[String],
    shared: bool,
    bring_up: bool,
) -> Result<String> {
    let body = read_text(text)?;
    crate::health::refuse_if_damaged_keeping(store, "reflection", &body, &stamp(now))?;
    let utc = now.with_timezone(&Utc);
    let mut r = Reflection::new(body.trim_end(), utc);
    let rel = with
        .map(|name| pick_relationship(store, Some(name)))
        .transpose()?;
    r.relationship_id = rel.as_ref().map(|r| r.id);
    for t in tags {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if !t.is_empty() && !r.tags.contains(&t) {
            r.tags.push(t);
        }
    }
    r.private = !shared;
    r.bring_up = bring_up;
    store.save_reflection(&r, utc)?;
    let mut line = format!(
        "Saved a {} reflection ({}, {}",
        if r.private { "private" } else { "shared" },
        now.format("%Y-%m-%d %H:%M"),
        crate::words::count(words(&r.body), "word", "words")
    );
    if let Some(rel) = &rel {
        line.push_str(&format!(", with {}", sanitize_line(rel.display_name())));
    }
    if !r.tags.is_empty() {
        line.push_str(&format!(", tags: {}", sanitize_line(&r.tags.join(", "))));
    }
    if r.bring_up {
        line.push_str(", to bring up next meeting");
    }
    line.push_str(").\n");
    Ok(line)
}

/// What was typed for a meeting from the command line.
#[derive(Debug, Clone, Default)]
pub struct MeetingText {
    pub notes: String,
    pub outcomes: String,
}

/// `--reached-out` as a side: "me", or "them" (the other person).
fn side(typed: &str) -> Result<Side> {
    match typed.trim().to_lowercase().as_str() {
        "me" => Ok(Side::Me),
        "them" | "other" => Ok(Side::Other),
        other => Err(Error::Usage(format!(
            "--reached-out takes me or them, not \"{}\"; nothing was saved.",
            sanitize_line(other)
        ))),
    }
}

/// Logs a meeting; returns the line to print. `reached_out` is "me" or "them" when said.
pub fn meeting(
    store: &mut Store,
    now: DateTime<Local>,
    with: &str,
    when_typed: Option<&str>,
    text: MeetingText,
    private: bool,
    reached_out: Option<&str>,
) -> Result<String> {
    let MeetingText { notes, outcomes } = text;
    let typed = format!("Notes:\n{notes}\n\nOutcomes:\n{outcomes}\n");
    let what = format!("meeting with {with}");
    crate::health::refuse_if_damaged_keeping(store, &what, &typed, &stamp(now))?;
    let rel = pick_relationship(store, Some(with))?;
    let held_at = when(when_typed, now)?;
    let reached_out = reached_out.map(side).transpose()?;
    let utc = now.with_timezone(&Utc);
    let mut m = Meeting::new(rel.id, held_at, utc);
    m.notes = notes.trim_end().to_string();
    m.outcomes = outcomes.trim_end().to_string();
    m.private = private;
    m.reached_out = reached_out;
    // Topics typed as #tags in the notes join the meeting's topics.
    m.topics = tags_in(&m.notes);
    store.save_meeting(&m, &[], utc)?;
    let day = held_at.with_timezone(&Local).format("%Y-%m-%d");
    let mut line = format!(
        "Saved the {}meeting with {} on {day}",
        if private { "private " } else { "" },
        sanitize_line(rel.display_name())
    );
    match m.reached_out {
        Some(Side::Me) => line.push_str(" (you reached out)"),
        Some(Side::Other) => line.push_str(&format!(
            " ({} reached out)",
            sanitize_line(rel.display_name())
        )),
        None => {}
    }
    if !m.notes.is_empty() {
        line.push_str(&format!(": {}", truncate(&sanitize_line(&m.notes), 60)));
    }
    line.push_str(".\n");
    Ok(line)
}
