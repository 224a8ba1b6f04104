//! The meeting and reflection forms: built from the journal and read back into entries. What is
//! particular to a meeting is in `meeting`, to a reflection in `reflection`; their drafts are in
//! `entry_draft`, the words they may take from private entries in `private_words`.

mod meeting;
mod reflection;

pub use meeting::GoalChoice;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Local, NaiveDate, Utc};
use uuid::Uuid;

use super::editor::Editor;
pub use super::entry_draft::{DRAFT_PREFIX, EntryDraft};
use super::fields::{FieldId, Fields, Value, date_hint, not_a_date};
use super::input::TextInput;
use super::private_words::private_items;
use crate::content::Content;
use crate::domain::dates::{Direction, parse_date, parse_when};
use crate::domain::journal::tags_in;
use crate::domain::{ActionItem, Medium, Meeting, Owner, Reflection, Relationship, Role};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// A relationship as the forms offer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub role: Option<Role>,
    pub topics: Vec<String>,
    pub media: Vec<Medium>,
}

/// A meeting read from its form: the meeting, its action items, and the ids of earlier open
/// items to carry forward.
pub type MeetingRead = (Meeting, Vec<ActionItem>, Vec<Uuid>);

/// A meeting or reflection being written or edited.
#[derive(Debug, Clone)]
pub struct EntryForm {
    pub kind: EntryKind,
    pub id: Uuid,
    /// Editing an entry already in the journal (rather than writing a new one).
    pub existing: bool,
    pub created_at: DateTime<Utc>,
    /// The day the date fields' examples count from (the app's clock when the form opened).
    pub today: NaiveDate,
    pub fields: Fields,
    /// The reflection prompt shown above the text, by id.
    pub prompt: Option<String>,
    /// How many prompts were offered, so the next one differs.
    pub prompt_turn: usize,
    /// A reflection about a meeting.
    pub meeting_id: Option<Uuid>,
    /// The ids of the action-item rows, in order (rows are `action.{i}.*`).
    pub action_ids: Vec<Uuid>,
    /// The items as they were in the journal, to keep their done state and creation time.
    pub original_items: HashMap<Uuid, ActionItem>,
    /// Open items from the last meeting, offered to carry forward (rows `carry.{i}`).
    pub carried: Vec<ActionItem>,
    /// Those of `carried` that come from a private meeting: carrying them into a shared
    /// meeting shares their words, so saving asks first.
    pub private_carried: HashSet<Uuid>,
    pub people: Vec<Person>,
    /// Open goals a reflection can be about: (id, "title · name").
    pub goals: Vec<(Uuid, String)>,
    /// Goals a meeting can have worked on: every relationship's, so the rows follow a
    /// change of person.
    pub goal_choices: Vec<GoalChoice>,
    /// The values as last saved to the journal: unsaved changes are differences from these.
    pub saved: BTreeMap<String, String>,
    /// The values as last autosaved as a draft.
    pub drafted: BTreeMap<String, String>,
    /// A refusal shown under the field (an invalid date, a paste too large).
    pub error: Option<String>,
}

fn pick(options: Vec<(String, String)>, chosen: &str) -> Value {
    let at = options.iter().position(|o| o.0 == chosen).unwrap_or(0);
    Value::Pick { options, at }
}

fn owner_pick(owner: Owner, other: &str) -> Value {
    let label = |o: Owner| match o {
        Owner::Me => "me".to_string(),
        Owner::Them => other.to_string(),
        Owner::Both => "both of us".to_string(),
    };
    pick(
        Owner::ALL
            .into_iter()
            .map(|o| (o.id().to_string(), label(o)))
            .collect(),
        owner.id(),
    )
}

const USEFULNESS: [(&str, &str); 5] = [
    ("", "not rated"),
    ("1", "1 · not useful"),
    ("2", "2 · somewhat useful"),
    ("3", "3 · useful"),
    ("4", "4 · very useful"),
];

impl Person {
    pub fn all(store: &Store) -> Result<Vec<Person>> {
        let mut out = Vec::new();
        for r in store.relationships()? {
            let media = store.agreement(r.id)?.media();
            out.push(Person::from_relationship(&r, media));
        }
        Ok(out)
    }

    fn from_relationship(r: &Relationship, media: Vec<Medium>) -> Person {
        Person {
            id: r.id,
            name: r.display_name().to_string(),
            role: r.my_role,
            topics: r.topics.clone(),
            media,
        }
    }
}

/// When a meeting happened; text that is no date at all gets the short refusal with
/// examples, other refusals (a time still to come) keep their own words.
fn read_when(text: &str, now: DateTime<Local>) -> Result<DateTime<Utc>, String> {
    parse_when(text, now).map_err(|e| {
        let (t, today) = (text.trim(), now.date_naive());
        let a_date = |d: &str| parse_date(d, today, Direction::Future).is_ok();
        // A day to come ("tomorrow", "+3d 14:00") or a time later today is a date: its own
        // refusal says why it cannot be used.
        let far = now + chrono::TimeDelta::days(365 * 100);
        let written_as_a_date = parse_when(t, far).is_ok()
            || a_date(t)
            || t.rsplit_once(' ').is_some_and(|(d, _)| a_date(d));
        if t.is_empty() || written_as_a_date {
            e
        } else {
            not_a_date(text, today, Direction::Past)
        }
    })
}

fn action_due_hint(today: NaiveDate) -> String {
    date_hint(today, "fri, +1w, ", "+1w", " (optional)")
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn when_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Topic ids shown as their labels; free topics as typed.
fn topics_text(topics: &[String], content: &Content) -> String {
    topics
        .iter()
        .map(|t| content.topic_label(t).unwrap_or(t).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Typed topics back to ids where they name a content topic.
fn topics_from(text: &str, content: &Content) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = content
            .topics
            .iter()
            .find(|t| t.label.eq_ignore_ascii_case(part) || t.id == part)
            .map_or_else(|| part.to_string(), |t| t.id.clone());
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

impl EntryForm {
    fn blank(
        kind: EntryKind,
        now: DateTime<Utc>,
        today: NaiveDate,
        people: Vec<Person>,
    ) -> EntryForm {
        EntryForm {
            kind,
            id: Uuid::now_v7(),
            existing: false,
            created_at: now,
            today,
            fields: Fields::default(),
            prompt: None,
            prompt_turn: 0,
            meeting_id: None,
            action_ids: Vec::new(),
            original_items: HashMap::new(),
            carried: Vec::new(),
            private_carried: HashSet::new(),
            people,
            goals: Vec::new(),
            goal_choices: Vec::new(),
            saved: BTreeMap::new(),
            drafted: BTreeMap::new(),
            error: None,
        }
    }

    fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.to_string() == id)
    }

    /// The other person's name in the chosen relationship ("them" when none).
    pub fn other_name(&self) -> String {
        self.person(&self.fields.string(FieldId::With))
            .map_or_else(|| "them".to_string(), |p| p.name.clone())
    }

    fn after_build(&mut self) {
        self.saved = self.fields.values();
        self.drafted = self.saved.clone();
        self.fields.cursor = 0;
    }

    /// Called after a change: grows the action list, and follows a change of person.
    pub fn after_change(&mut self, content: &Content) {
        if self.kind == EntryKind::Meeting {
            self.grow_actions();
            if self
                .fields
                .current()
                .is_some_and(|f| f.key == FieldId::With)
            {
                let medium = self.fields.string(FieldId::Medium);
                let chosen = Medium::from_id(&medium);
                let value = self.medium_pick(chosen);
                if let Some(v) = self.fields.get_mut(FieldId::Medium) {
                    *v = value;
                }
                let hint = self.topics_hint(content);
                if let Some(f) = self.fields.field_mut(FieldId::Topics) {
                    f.hint = Some(hint);
                }
                self.follow_goals();
                let other = self.other_name();
                super::fields::reached::rename_other(&mut self.fields, &other);
                for f in &mut self.fields.fields {
                    if matches!(f.key, FieldId::ActionOwner(_))
                        && let Value::Pick { options, .. } = &mut f.value
                        && let Some(o) = options.iter_mut().find(|o| o.0 == "them")
                    {
                        o.1 = other.clone();
                    }
                }
            }
        }
    }

    /// Checks the date field under the cursor; the refusal says what is accepted.
    pub fn check_current(&self, now: DateTime<Local>) -> Result<(), String> {
        match self.fields.current() {
            Some(f) if matches!(f.value, Value::Date(_)) => self.check_date(f.key, now),
            _ => Ok(()),
        }
    }

    fn check_date(&self, key: FieldId, now: DateTime<Local>) -> Result<(), String> {
        let text = self.fields.string(key);
        if key == FieldId::When {
            return read_when(&text, now).map(|_| ());
        }
        if text.trim().is_empty() {
            return Ok(());
        }
        let today = now.date_naive();
        parse_date(&text, today, Direction::Future)
            .map(|_| ())
            .map_err(|_| not_a_date(&text, today, Direction::Future))
    }
    /// A short name for messages: "meeting with Sam", "reflection".
    pub fn describe(&self) -> String {
        match self.kind {
            EntryKind::Meeting => format!("meeting with {}", self.other_name()),
            EntryKind::Reflection => "reflection".to_string(),
        }
    }
}

/// The text width of long fields on a screen `screen_width` wide (the UI draws them so).
pub fn text_width(screen_width: u16) -> usize {
    let inner = usize::from(screen_width).saturating_sub(2);
    if screen_width >= 60 {
        inner.saturating_sub(LABEL_WIDTH + 2).max(1)
    } else {
        inner.saturating_sub(2).max(1)
    }
}

/// The label column of the forms on screens at least 60 wide.
pub const LABEL_WIDTH: usize = 14;
