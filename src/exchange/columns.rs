//! What every column of an exported table may hold, decoded the way the journal's readers
//! decode it: ids with `Uuid::parse_str`, times and dates with the same SQLite conversions the
//! store reads them with, enums with the domain's own `from_id`, answers as the domain's
//! `AnswerValue`, and texts within the editor's limit. A value that passes comes out in the
//! form the store itself writes (canonical ids, times and JSON), so imported rows sort and
//! compare like rows the app wrote.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::types::{FromSql, ToSql, ToSqlOutput, Value as Sql, ValueRef};
use serde_json::Value;

use crate::content::{AnswerKind, Content};
use crate::domain::checkin::{ArcPoint, ContactKind};
use crate::domain::{
    AnswerValue, Cadence, GoalStatus, Medium, MilestoneDue, Owner, PlannedDuration,
    RelationshipStatus, ResponseTime, Role,
};

/// The most a text holds: what the editor takes (1 MiB).
pub const LONG: usize = crate::app::editor::MAX_TEXT_BYTES;
/// The most an identifier-like text holds (a tag, a topic, a question or prompt id).
pub const SHORT: usize = 1000;
/// How far ahead of now a row may say it was written (clocks differ a little).
pub const FUTURE_SLACK_HOURS: i64 = 24;

/// What a column holds.
#[derive(Clone, Copy)]
pub enum Kind {
    /// The profile's id, always 1.
    One,
    /// A UUID.
    Uuid,
    /// The UUID of a row of the named table.
    Ref(&'static str),
    /// A moment in time. `stamp`: when the row was written or done, so never in the future.
    Time {
        stamp: bool,
    },
    Date,
    /// Text of at most this many bytes.
    Text(usize),
    /// One of the values the domain knows (its `from_id` says yes).
    Enum(fn(&str) -> bool),
    /// A whole number in this range.
    Int(i64, i64),
    /// 0 or 1.
    Bool,
    /// JSON text: a list of strings (tags, topics).
    List,
    /// JSON text: an agreement answer's value.
    Answer,
    /// JSON text: a pulse survey's scores.
    Scores,
    /// A milestone's due: a date, "week N" or "month N".
    Due,
}

/// One column: its name, what it holds, and what a missing field means.
#[derive(Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub kind: Kind,
    /// May be null (a missing field is then null too).
    pub null: bool,
    /// The value a missing field takes (columns added by later migrations have one).
    pub default: Option<&'static str>,
}

const fn req(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: false,
        default: None,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: true,
        default: None,
    }
}

const fn def(name: &'static str, kind: Kind, default: &'static str) -> Col {
    Col {
        name,
        kind,
        null: false,
        default: Some(default),
    }
}

const STAMP: Kind = Kind::Time { stamp: true };
const TIME: Kind = Kind::Time { stamp: false };
const TEXT: Kind = Kind::Text(LONG);
const NAME: Kind = Kind::Text(SHORT);
const REL: Kind = Kind::Ref("relationship");

fn role(s: &str) -> bool {
    Role::from_id(s).is_some()
}
fn relationship_status(s: &str) -> bool {
    RelationshipStatus::from_id(s).is_some()
}
fn medium(s: &str) -> bool {
    Medium::from_id(s).is_some()
}
fn owner(s: &str) -> bool {
    Owner::from_id(s).is_some()
}
fn goal_status(s: &str) -> bool {
    GoalStatus::from_id(s).is_some()
}
fn contact_kind(s: &str) -> bool {
    ContactKind::from_id(s).is_some()
}
fn arc_point(s: &str) -> bool {
    ArcPoint::from_id(s).is_some()
}
/// The two schedules `Store::checkin_plan` reads.
fn plan_mode(s: &str) -> bool {
    matches!(s, "since_contact" | "fixed")
}

/// The columns of an exported table (every column the journal has; a test holds them equal).
pub fn table(name: &str) -> &'static [Col] {
    match name {
        "profile" => {
            const C: &[Col] = &[
                req("id", Kind::One),
                req("name", TEXT),
                req("created_at", STAMP),
                req("updated_at", STAMP),
            ];
            C
        }
        "relationship" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                opt("my_role", Kind::Enum(role)),
                def("other_name", TEXT, ""),
                opt("model", NAME),
                def("topics", Kind::List, "[]"),
                req("status", Kind::Enum(relationship_status)),
                opt("walkthrough_step", NAME),
                opt("agreed_on", Kind::Date),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
            ];
            C
        }
        "answer" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("question_id", NAME),
                req("value", Kind::Answer),
                req("private", Kind::Bool),
                req("created_at", STAMP),
                req("updated_at", STAMP),
            ];
            C
        }
        "meeting" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("held_at", TIME),
                opt("duration_minutes", Kind::Int(1, u32::MAX as i64)),
                opt("medium", Kind::Enum(medium)),
                def("topics", Kind::List, "[]"),
                def("agenda", TEXT, ""),
                def("notes", TEXT, ""),
                def("outcomes", TEXT, ""),
                opt("usefulness", Kind::Int(1, 4)),
                opt("next_meeting_on", Kind::Date),
                req("private", Kind::Bool),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
                def("tags", Kind::List, "[]"),
            ];
            C
        }
        "action_item" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                opt("meeting_id", Kind::Ref("meeting")),
                req("text", TEXT),
                req("owner", Kind::Enum(owner)),
                opt("due_on", Kind::Date),
                opt("done_at", STAMP),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
            ];
            C
        }
        "reflection" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                opt("relationship_id", REL),
                opt("meeting_id", Kind::Ref("meeting")),
                req("written_at", TIME),
                req("body", TEXT),
                opt("prompt_id", NAME),
                def("tags", Kind::List, "[]"),
                req("bring_up", Kind::Bool),
                req("private", Kind::Bool),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
                opt("goal_id", Kind::Ref("goal")),
            ];
            C
        }
        "goal" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("title", TEXT),
                def("why", TEXT, ""),
                def("success", TEXT, ""),
                opt("topic", NAME),
                opt("baseline", Kind::Int(1, 5)),
                opt("final_rating", Kind::Int(1, 5)),
                opt("target_on", Kind::Date),
                req("status", Kind::Enum(goal_status)),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
            ];
            C
        }
        "milestone" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("goal_id", Kind::Ref("goal")),
                req("position", Kind::Int(0, 1_000_000)),
                req("text", TEXT),
                opt("due", Kind::Due),
                opt("done_at", STAMP),
            ];
            C
        }
        "goal_update" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("goal_id", Kind::Ref("goal")),
                req("at", TIME),
                req("progress", Kind::Int(0, 100)),
                def("note", TEXT, ""),
                opt("meeting_id", Kind::Ref("meeting")),
                opt("reflection_id", Kind::Ref("reflection")),
            ];
            C
        }
        "checkin" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("at", TIME),
                req("kind", Kind::Enum(contact_kind)),
                def("note", TEXT, ""),
                req("created_at", STAMP),
                opt("deleted_at", STAMP),
            ];
            C
        }
        "checkin_plan" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("mode", Kind::Enum(plan_mode)),
                opt("anchor", Kind::Date),
                opt("every_weeks", Kind::Int(1, 52)),
                opt("snooze_until", Kind::Date),
                opt("snooze_set_on", Kind::Date),
                opt("rescheduled_to", Kind::Date),
                opt("rescheduled_set_on", Kind::Date),
                req("updated_at", STAMP),
            ];
            C
        }
        "arc_review" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("point", Kind::Enum(arc_point)),
                req("planned_end", Kind::Date),
                req("done_at", STAMP),
            ];
            C
        }
        "survey" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("at", TIME),
                req("reason", NAME),
                req("scores", Kind::Scores),
                def("note", TEXT, ""),
            ];
            C
        }
        "pair_review" => {
            const C: &[Col] = &[req("relationship_id", REL), req("at", TIME)];
            C
        }
        _ => &[],
    }
}

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
    }
}

/// The answer kind an `AnswerValue` has.
fn kind_of(value: &AnswerValue) -> AnswerKind {
    match value {
        AnswerValue::Text { .. } => AnswerKind::Text,
        AnswerValue::Outcomes { .. } => AnswerKind::Outcomes,
        AnswerValue::Hours { .. } => AnswerKind::Hours,
        AnswerValue::Duration { .. } => AnswerKind::Duration,
        AnswerValue::Contact { .. } => AnswerKind::Contact,
        AnswerValue::Response { .. } => AnswerKind::Response,
        AnswerValue::Media { .. } => AnswerKind::Media,
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
    if kind_of(&value) != q.kind {
        return Err((
            "value",
            format!(
                "is a {:?} answer, but the question {question} takes a {:?} answer",
                kind_of(&value),
                q.kind
            )
            .to_lowercase(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exported_table_has_a_spec_for_exactly_its_columns() {
        let store = crate::store::Store::open_in_memory().unwrap();
        for (table, keys) in super::super::TABLES {
            let mut stmt = store
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap();
            let mut in_db: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let mut spec: Vec<String> = table_cols(table);
            in_db.sort();
            spec.sort();
            assert_eq!(spec, in_db, "{table}: a migration added or removed a column");
            for k in keys {
                assert!(spec.contains(&k.to_string()), "{table}: key {k}");
            }
        }
    }

    fn table_cols(t: &str) -> Vec<String> {
        table(t).iter().map(|c| c.name.to_string()).collect()
    }

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
