//! What every column of an exported table may hold; `decode` reads each value the way the
//! journal's readers do: ids with `Uuid::parse_str`, times and dates with the same SQLite
//! conversions the store reads them with, enums with the domain's own `from_id`, answers as
//! the domain's `AnswerValue`, and texts within the editor's limit. A value that passes comes out in the
//! form the store itself writes (canonical ids, times and JSON), so imported rows sort and
//! compare like rows the app wrote.

use crate::domain::checkin::{ArcPoint, ContactKind};
use crate::domain::resource::{ResourceKind, ResourceState};
use crate::domain::skill::SkillPoint;
use crate::domain::{GoalStatus, LifeKind, Medium, Owner, RelationshipStatus, Role, Side};

/// The most a text holds: what the editor takes (1 MiB).
pub const LONG: usize = crate::domain::MAX_TEXT_BYTES;
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
fn life_kind(s: &str) -> bool {
    LifeKind::from_id(s).is_some()
}
fn side(s: &str) -> bool {
    Side::from_id(s).is_some()
}
fn skill_point(s: &str) -> bool {
    SkillPoint::from_id(s).is_some()
}
fn resource_kind(s: &str) -> bool {
    ResourceKind::from_id(s).is_some()
}
fn resource_state(s: &str) -> bool {
    ResourceState::from_id(s).is_some()
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
                opt("paused_since", Kind::Date),
                opt("resumed_on", Kind::Date),
                opt("closed_on", Kind::Date),
            ];
            C
        }
        "life_event" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("kind", Kind::Enum(life_kind)),
                req("on_day", Kind::Date),
                def("reason", TEXT, ""),
                req("created_at", STAMP),
            ];
            C
        }
        "agreement_version" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("number", Kind::Int(1, u32::MAX as i64)),
                def("note", TEXT, ""),
                req("made_on", Kind::Date),
                req("created_at", STAMP),
            ];
            C
        }
        "answer_change" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("question_id", NAME),
                req("changed_at", STAMP),
                req("version", Kind::Int(1, u32::MAX as i64)),
                req("value", Kind::Answer),
                req("private", Kind::Bool),
            ];
            C
        }
        "signoff" => {
            const C: &[Col] = &[
                req("relationship_id", REL),
                req("version", Kind::Int(1, u32::MAX as i64)),
                req("who", Kind::Enum(side)),
                req("name", TEXT),
                req("signed_on", Kind::Date),
                req("created_at", STAMP),
            ];
            C
        }
        "meeting_goal" => {
            const C: &[Col] = &[
                req("meeting_id", Kind::Ref("meeting")),
                req("goal_id", Kind::Ref("goal")),
                req("created_at", STAMP),
            ];
            C
        }
        "skill" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("name", TEXT),
                opt("topic", NAME),
                def("position", Kind::Int(i64::MIN, i64::MAX), "0"),
                def("private", Kind::Bool, "0"),
                req("created_at", STAMP),
                req("updated_at", STAMP),
                opt("deleted_at", STAMP),
            ];
            C
        }
        "skill_rating" => {
            const C: &[Col] = &[
                req("skill_id", Kind::Ref("skill")),
                req("point", Kind::Enum(skill_point)),
                req("rating", Kind::Int(1, 5)),
                req("rated_on", Kind::Date),
                req("updated_at", STAMP),
            ];
            C
        }
        "resource" => {
            const C: &[Col] = &[
                req("id", Kind::Uuid),
                req("relationship_id", REL),
                req("kind", Kind::Enum(resource_kind)),
                req("title", TEXT),
                def("detail", TEXT, ""),
                req("offered_by", Kind::Enum(side)),
                req("state", Kind::Enum(resource_state)),
                def("note", TEXT, ""),
                def("private", Kind::Bool, "0"),
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
                opt("reached_out", Kind::Enum(side)),
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
                opt("reached_out", Kind::Enum(side)),
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
            assert_eq!(
                spec, in_db,
                "{table}: a migration added or removed a column"
            );
            for k in keys {
                assert!(spec.contains(&k.to_string()), "{table}: key {k}");
            }
        }
    }

    fn table_cols(t: &str) -> Vec<String> {
        table(t).iter().map(|c| c.name.to_string()).collect()
    }
}
