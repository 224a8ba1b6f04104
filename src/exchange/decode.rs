//! Decoding one imported value the way the journal's readers decode it (see `columns` for
//! which column holds what), and the checks that need two columns of a row.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::types::{FromSql, ToSql, ToSqlOutput, Value as Sql, ValueRef};
use serde_json::Value;

use super::columns::{Col, FUTURE_SLACK_HOURS, Kind, LONG, SHORT};
use crate::content::{AnswerKind, Content};
use crate::domain::{AnswerValue, Cadence, MilestoneDue, PlannedDuration, ResponseTime};

/// A value as it may be shown in a message: one line, no control characters, short.
pub fn shown(v: &Value) -> String {
    let text = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    let mut line = crate::text::sanitize_line(&text);
    if line.chars().count() > 60 {
        line = line.chars().take(57).collect::<String>() + "...";
    }
    line
}

fn sql_text(v: &dyn ToSql) -> String {
    match v.to_sql() {
        Ok(ToSqlOutput::Owned(Sql::Text(s))) => s,
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(t))) => String::from_utf8_lossy(t).into_owned(),
        _ => String::new(),
    }
}

/// The year range of dates and times: wider than any journal, narrow enough that every one
/// is written with four digits and so sorts as text.
fn year_ok(year: i32) -> bool {
    (1900..=9999).contains(&year)
}

fn text<'v>(v: &'v Value, what: &str) -> Result<&'v str, String> {
    v.as_str()
        .ok_or_else(|| format!("is {} where {what} belongs", describe(v)))
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => format!("a true/false ({})", shown(v)),
        Value::Number(_) => format!("a number ({})", shown(v)),
        Value::String(_) => format!("text ({})", shown(v)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn too_long(len: usize, max: usize) -> String {
    if max >= LONG {
        format!("is {len} bytes long; an entry holds at most 1 MiB")
    } else {
        format!("is {len} bytes long; it holds at most {max}")
    }
}

/// Decodes one present, non-null value; `Err` says what is wrong with it.
pub fn decode(kind: Kind, v: &Value, now: DateTime<Utc>) -> Result<Sql, String> {
    Ok(match kind {
        Kind::One => match v.as_i64() {
            Some(1) => Sql::Integer(1),
            _ => return Err(format!("is {}; the profile's id is always 1", describe(v))),
        },
        Kind::Uuid | Kind::Ref(_) => {
            let s = text(v, "an id")?;
            let id =
                uuid::Uuid::parse_str(s).map_err(|_| format!("is not a UUID ({})", shown(v)))?;
            Sql::Text(id.to_string())
        }
        Kind::Time { stamp } => {
            let s = text(v, "a time")?;
            let t = DateTime::<Utc>::column_result(ValueRef::Text(s.as_bytes())).map_err(|_| {
                format!(
                    "is not a time ({}); times look like 2026-11-22 10:00:00+00:00",
                    shown(v)
                )
            })?;
            if !year_ok(t.year()) {
                return Err(format!("is out of range ({})", shown(v)));
            }
            if stamp && t > now + Duration::hours(FUTURE_SLACK_HOURS) {
                return Err(format!(
                    "is in the future ({}); is the clock of the computer that wrote the file right?",
                    shown(v)
                ));
            }
            Sql::Text(sql_text(&t))
        }
        Kind::Date => {
            let s = text(v, "a date")?;
            let d = NaiveDate::column_result(ValueRef::Text(s.as_bytes()))
                .map_err(|_| format!("is not a date ({}); dates look like 2026-11-22", shown(v)))?;
            if !year_ok(d.year()) {
                return Err(format!("is out of range ({})", shown(v)));
            }
            Sql::Text(sql_text(&d))
        }
        Kind::Text(max) => {
            let s = text(v, "text")?;
            if s.len() > max {
                return Err(too_long(s.len(), max));
            }
            Sql::Text(s.to_string())
        }
        Kind::Enum(known) => {
            let s = text(v, "a name")?;
            if !known(s) {
                return Err(format!(
                    "is {}, which is not one of the values mentorlog knows",
                    shown(v)
                ));
            }
            Sql::Text(s.to_string())
        }
        Kind::Int(min, max) => {
            let n = match v {
                Value::Number(n) => n.as_i64(),
                _ => None,
            };
            match n {
                Some(n) if (min..=max).contains(&n) => Sql::Integer(n),
                Some(n) => return Err(format!("is {n}; it must be from {min} to {max}")),
                None => {
                    return Err(format!(
                        "is {}; it must be a whole number from {min} to {max}",
                        describe(v)
                    ));
                }
            }
        }
        Kind::Bool => match v {
            Value::Bool(b) => Sql::Integer(i64::from(*b)),
            Value::Number(n) if n.as_i64() == Some(0) || n.as_i64() == Some(1) => {
                Sql::Integer(n.as_i64().unwrap_or_default())
            }
            _ => return Err(format!("is {}; it must be 0 or 1", describe(v))),
        },
        Kind::List => {
            let list: Vec<String> = json_text(v, "a list of words")?;
            if let Some(long) = list.iter().find(|s| s.len() > SHORT) {
                return Err(format!("has an item that {}", too_long(long.len(), SHORT)));
            }
            Sql::Text(to_json(&list)?)
        }
        Kind::Answer => {
            let value: AnswerValue = json_text(v, "an answer")?;
            answer_in_range(&value)?;
            Sql::Text(to_json(&value)?)
        }
        Kind::Scores => {
            let scores: Vec<(String, u8)> = json_text(v, "survey scores")?;
            if scores.len() > 100 {
                return Err(format!(
                    "has {} scores; a survey has a handful",
                    scores.len()
                ));
            }
            for (id, score) in &scores {
                if id.len() > SHORT {
                    return Err(format!(
                        "has a statement id that {}",
                        too_long(id.len(), SHORT)
                    ));
                }
                if !(1..=5).contains(score) {
                    return Err(format!("has a score of {score}; scores go from 1 to 5"));
                }
            }
            Sql::Text(to_json(&scores)?)
        }
        Kind::Due => {
            let s = text(v, "a due date")?;
            let due = MilestoneDue::from_text(s).ok_or_else(|| {
                format!(
                    "is not a due date ({}); it looks like 2026-12-01, week 4 or month 2",
                    shown(v)
                )
            })?;
            let fine = match due {
                MilestoneDue::On(d) => year_ok(d.year()),
                MilestoneDue::Week(n) => (1..=520).contains(&n),
                MilestoneDue::Month(n) => (1..=120).contains(&n),
            };
            if !fine {
                return Err(format!("is out of range ({})", shown(v)));
            }
            Sql::Text(due.text())
        }
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| crate::text::sanitize_line(&e.to_string()))
}

/// A column that holds JSON as text (as the export writes it); a JSON value in its place is
/// read too.
fn json_text<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, String> {
    let parsed = match v {
        Value::String(s) => {
            if s.len() > LONG + SHORT {
                return Err(too_long(s.len(), LONG));
            }
            serde_json::from_str(s)
        }
        Value::Array(_) | Value::Object(_) => serde_json::from_value(v.clone()),
        other => return Err(format!("is {} where {what} belongs", describe(other))),
    };
    parsed.map_err(|e| {
        format!(
            "is not {what} ({})",
            crate::text::sanitize_line(&e.to_string())
        )
    })
}

/// The limits the walk-through's forms keep, for answers that come from a file.
fn answer_in_range(value: &AnswerValue) -> Result<(), String> {
    let long = |s: &str| -> Result<(), String> {
        if s.len() > LONG {
            Err(format!("has a text that {}", too_long(s.len(), LONG)))
        } else {
            Ok(())
        }
    };
    match value {
        AnswerValue::Text { text } => long(text),
        AnswerValue::Outcomes { picked, other } => {
            long(other)?;
            picked.iter().try_for_each(|p| long(p))
        }
        AnswerValue::Hours { per_month } if !(1..=744).contains(per_month) => Err(format!(
            "says {per_month} hours a month; it must be from 1 to 744"
        )),
        AnswerValue::Hours { .. } => Ok(()),
        AnswerValue::Duration { plan } => match plan {
            PlannedDuration::Months { months } if !(1..=1200).contains(months) => {
                Err(format!("plans {months} months; it must be from 1 to 1200"))
            }
            PlannedDuration::Until { date } if !year_ok(date.year()) => {
                Err(format!("plans to end on {date}, which is out of range"))
            }
            _ => Ok(()),
        },
        AnswerValue::Contact {
            cadence: Some(c), ..
        } if c.every == 0 || c.days() > Cadence::MAX_DAYS => {
            Err("has a check-in cadence outside 1 to 366 days (or 1 to 52 weeks)".to_string())
        }
        AnswerValue::Contact { .. } => Ok(()),
        AnswerValue::Response { time } => match time {
            ResponseTime::Custom { text } => long(text),
            _ => Ok(()),
        },
        AnswerValue::Media { other, .. } => long(other),
        AnswerValue::TimeEach { mine, theirs } => {
            match [mine, theirs]
                .into_iter()
                .flatten()
                .find(|h| !(1..=crate::domain::MonthlyHours::MAX).contains(&h.hours))
            {
                Some(h) => Err(format!(
                    "says {} hours a month; it must be from 1 to 744",
                    h.hours
                )),
                None => Ok(()),
            }
        }
        AnswerValue::Duties { .. } => Ok(()),
        AnswerValue::Pick { picked } => long(picked),
    }
}

/// Checks that need two columns: an answer must answer a question this mentorlog asks, in
/// that question's kind. `Err((field, what is wrong))`.
pub fn check_row(
    table: &str,
    cols: &[Col],
    values: &[Sql],
    content: &Content,
) -> Result<(), (&'static str, String)> {
    if table != "answer" {
        return Ok(());
    }
    let get = |name: &str| {
        cols.iter()
            .position(|c| c.name == name)
            .and_then(|i| match &values[i] {
                Sql::Text(s) => Some(s.as_str()),
                _ => None,
            })
    };
    let (Some(question), Some(json)) = (get("question_id"), get("value")) else {
        return Ok(());
    };
    let Some(q) = content.question(question) else {
        return Err((
            "question_id",
            format!(
                "is {:?}, a question this mentorlog does not ask",
                crate::text::sanitize_line(question)
            ),
        ));
    };
    let value: AnswerValue = serde_json::from_str(json).map_err(|e| ("value", e.to_string()))?;
    if !q.kind.reads(&value) {
        return Err((
            "value",
            format!(
                "is a {} answer, but the question {question} takes a {} answer",
                AnswerKind::of(&value).name(),
                q.kind.name()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAMP: Kind = Kind::Time { stamp: true };
    const TIME: Kind = Kind::Time { stamp: false };

    #[test]
    fn times_and_dates_come_out_as_the_store_writes_them() {
        let now: DateTime<Utc> = "2026-11-22T10:00:00Z".parse().unwrap();
        let t = decode(STAMP, &Value::from("2026-11-22T09:00:00-02:00"), now).unwrap();
        assert_eq!(t, Sql::Text("2026-11-22 11:00:00+00:00".into()));
        assert!(decode(STAMP, &Value::from("2026-11-24 11:00:00+00:00"), now).is_err());
        assert!(decode(TIME, &Value::from("2030-01-01 00:00:00+00:00"), now).is_ok());
        assert!(decode(TIME, &Value::from("zzzz"), now).is_err());
        assert_eq!(
            decode(Kind::Date, &Value::from("2026-1-5"), now),
            Ok(Sql::Text("2026-01-05".into()))
        );
        assert!(decode(Kind::Date, &Value::from("12026-01-05"), now).is_err());
    }
}

#[cfg(test)]
mod answer_kinds {
    use super::*;

    fn check_answer(question: &str, value: &str) -> Result<(), (&'static str, String)> {
        let col = |name| Col {
            name,
            kind: Kind::Text(LONG),
            null: false,
            default: None,
        };
        check_row(
            "answer",
            &[col("question_id"), col("value")],
            &[Sql::Text(question.into()), Sql::Text(value.into())],
            Content::get(),
        )
    }

    /// A file exported before each person's time was asked holds one number of hours for the
    /// time question: it still imports, as do the newer shapes; a wrong shape is refused.
    #[test]
    fn the_time_question_takes_an_earlier_single_number_and_each_persons_hours() {
        assert!(check_answer("time", r#"{"kind":"hours","per_month":4}"#).is_ok());
        let each = r#"{"kind":"time_each","mine":{"hours":4,"about":true},"theirs":null}"#;
        assert!(check_answer("time", each).is_ok());
        let duties = r#"{"kind":"duties","duties":{"book_meetings":"them"}}"#;
        assert!(check_answer("duties", duties).is_ok());
        assert!(check_answer("between", r#"{"kind":"pick","picked":"often"}"#).is_ok());
        let (field, why) = check_answer("time", r#"{"kind":"text","text":"4"}"#).unwrap_err();
        assert_eq!(field, "value");
        assert_eq!(
            why,
            "is a text answer, but the question time takes a per-person-hours answer"
        );
        assert!(check_answer("focus", each).is_err());
    }
}
