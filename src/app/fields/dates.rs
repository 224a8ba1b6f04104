//! Date fields' words: a hint whose example day moves with the clock, and one short refusal.

use chrono::NaiveDate;

use crate::domain::dates::{Direction, parse_date};

/// A date field's hint: `words`, then the day `offset` ("+2w") means counted from `today`, then
/// `after`. The example date moves with the clock, so it never shows a day already gone.
pub fn date_hint(today: NaiveDate, words: &str, offset: &str, after: &str) -> String {
    let day = parse_date(offset, today, Direction::Future)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    format!("{words}{day}{after}")
}

/// Reads a date field's text; the refusal is one short sentence with examples from `today`
/// (the parser's own list of every form is too long for a status line).
pub fn read_date(text: &str, today: NaiveDate, direction: Direction) -> Result<NaiveDate, String> {
    parse_date(text, today, direction).map_err(|_| {
        if text.trim().is_empty() {
            let (words, offset) = match direction {
                Direction::Past => ("yesterday, mon, -1w", "-1w"),
                Direction::Future => ("tomorrow, fri, +2w", "+2w"),
            };
            format!(
                "Type a date: {words} or {}.",
                date_hint(today, "", offset, "")
            )
        } else {
            not_a_date(text, today, direction)
        }
    })
}

/// What a date field says when its text is not a date: one short sentence with examples
/// counted from `today`, short enough to read whole under the field.
pub fn not_a_date(text: &str, today: NaiveDate, direction: Direction) -> String {
    let (words, offset) = match direction {
        Direction::Past => ("yesterday, mon, -1w", "-1w"),
        Direction::Future => ("tomorrow, fri, +2w", "+2w"),
    };
    format!(
        "{:?} is not a date: try {words} or {}.",
        text.trim(),
        date_hint(today, "", offset, "")
    )
}
