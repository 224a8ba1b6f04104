//! The meeting and reflection forms: built from the journal and read back into entries (their
//! drafts are in `entry_draft`, the words they may take from private entries in `private_words`).

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

    /// A new meeting with `with` (or the first relationship), offering the open items of
    /// the last meeting to carry forward.
    pub fn new_meeting(
        store: &Store,
        with: Option<Uuid>,
        now: DateTime<Local>,
        content: &Content,
    ) -> Result<EntryForm> {
        let people = Person::all(store)?;
        let utc = now.with_timezone(&Utc);
        let mut form = EntryForm::blank(EntryKind::Meeting, utc, now.date_naive(), people);
        let with = with.or_else(|| form.people.first().map(|p| p.id));
        let mut m = Meeting::new(with.unwrap_or_else(Uuid::nil), utc, utc);
        m.held_at = utc;
        form.id = m.id;
        if let Some(rel) = with
            && let Some(last) = store.last_meeting(rel, utc)?
        {
            form.carried = store
                .meeting_action_items(last.id)?
                .into_iter()
                .filter(|a| a.done_at.is_none())
                .collect();
            form.private_carried = private_items(store, &form.carried)?;
        }
        form.build_meeting(&m, &[], content, true);
        Ok(form)
    }

    /// An existing meeting, to edit; `today` is the app's clock.
    pub fn edit_meeting(
        store: &Store,
        m: &Meeting,
        today: NaiveDate,
        content: &Content,
    ) -> Result<EntryForm> {
        let people = Person::all(store)?;
        let mut form = EntryForm::blank(EntryKind::Meeting, m.created_at, today, people);
        form.id = m.id;
        form.existing = true;
        let items = store.meeting_action_items(m.id)?;
        form.build_meeting(m, &items, content, false);
        Ok(form)
    }

    pub(super) fn build_meeting(
        &mut self,
        m: &Meeting,
        items: &[ActionItem],
        content: &Content,
        new: bool,
    ) {
        let mut f = Fields::default();
        let people: Vec<(String, String)> = self
            .people
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect();
        f.push(
            FieldId::With,
            "With",
            pick(people, &m.relationship_id.to_string()),
            Some("← → to change"),
        );
        let when = if new {
            "today".to_string()
        } else {
            when_text(m.held_at)
        };
        f.push(
            FieldId::When,
            "When",
            Value::Date(TextInput::new(when)),
            Some(&date_hint(
                self.today,
                "today, yesterday 14:30, mon, ",
                "-3w",
                " 9:00",
            )),
        );
        f.push(
            FieldId::Duration,
            "Minutes",
            Value::Number(TextInput::new(
                m.duration_minutes
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )),
            Some("how long, in minutes"),
        );
        self.fields = f;
        self.fields.push(
            FieldId::Medium,
            "Medium",
            self.medium_pick(m.medium),
            Some("← → to change"),
        );
        let topics_hint = self.topics_hint(content);
        let other = self.other_name();
        let f = &mut self.fields;
        f.push(
            FieldId::Topics,
            "Topics",
            Value::Line(TextInput::new(topics_text(&m.topics, content))),
            Some(&topics_hint),
        );
        f.push(
            FieldId::Agenda,
            "Agenda",
            Value::Long(Editor::new(m.agenda.clone())),
            Some("what you meant to talk about"),
        );
        f.push(
            FieldId::Notes,
            "Notes",
            Value::Long(Editor::new(m.notes.clone())),
            Some("what was said; #tags work here"),
        );
        f.push(
            FieldId::Outcomes,
            "Outcomes",
            Value::Long(Editor::new(m.outcomes.clone())),
            Some("decisions, insights"),
        );
        for (i, item) in self.carried.iter().enumerate() {
            let due = item
                .due_on
                .map(|d| format!(" · due {}", d.format("%Y-%m-%d")))
                .unwrap_or_default();
            let who = match item.owner {
                Owner::Me => "me".to_string(),
                Owner::Them => other.clone(),
                Owner::Both => "both of us".to_string(),
            };
            f.push(
                FieldId::Carry(i),
                if i == 0 { "Carry forward" } else { "" },
                Value::Check(true, item.text.clone()),
                Some(&format!("{who}{due}")),
            );
        }
        self.action_ids.clear();
        self.original_items.clear();
        for item in items {
            self.original_items.insert(item.id, item.clone());
        }
        for (i, item) in items.iter().enumerate() {
            self.push_action_rows(i, &item.text, item.owner, item.due_on, &other);
            self.action_ids.push(item.id);
        }
        self.push_empty_action_row();
        let useful = m.usefulness.map(|u| u.to_string()).unwrap_or_default();
        let f = &mut self.fields;
        f.push(
            FieldId::Useful,
            "How useful",
            pick(
                USEFULNESS
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
                &useful,
            ),
            Some("← → to rate, 1 to 4"),
        );
        f.push(
            FieldId::NextMeeting,
            "Next meeting",
            Value::Date(TextInput::new(date_text(m.next_meeting_on))),
            Some(&date_hint(self.today, "fri, +2w, ", "+2w", "")),
        );
        f.push(
            FieldId::Private,
            "Private",
            Value::Flag(m.private),
            Some("private entries never show in pair review"),
        );
        self.after_build();
    }

    fn medium_pick(&self, chosen: Option<Medium>) -> Value {
        let agreed = self
            .person(&self.fields.string(FieldId::With))
            .map(|p| p.media.clone())
            .unwrap_or_default();
        let mut options = vec![(String::new(), "—".to_string())];
        for m in agreed.iter().chain(Medium::ALL.iter()) {
            if !options.iter().any(|o| o.0 == m.id()) {
                options.push((m.id().to_string(), m.label().to_string()));
            }
        }
        let default = chosen.or(agreed.first().copied());
        pick(options, default.map_or("", Medium::id))
    }

    fn topics_hint(&self, content: &Content) -> String {
        let focus = self
            .person(&self.fields.string(FieldId::With))
            .map(|p| topics_text(&p.topics, content))
            .unwrap_or_default();
        if focus.is_empty() {
            "comma-separated".to_string()
        } else {
            format!("comma-separated; agreed focus: {focus}")
        }
    }

    pub(super) fn push_action_rows(
        &mut self,
        i: usize,
        text: &str,
        owner: Owner,
        due: Option<NaiveDate>,
        other: &str,
    ) {
        let at = self.action_insert_point();
        let f = &mut self.fields;
        f.insert(
            at,
            FieldId::ActionText(i),
            &format!("Action {}", i + 1),
            Value::Line(TextInput::new(text)),
            Some("empty it to drop the item"),
        );
        f.insert(
            at + 1,
            FieldId::ActionOwner(i),
            "  who",
            owner_pick(owner, other),
            Some("← → to change"),
        );
        f.insert(
            at + 2,
            FieldId::ActionDue(i),
            "  due",
            Value::Date(TextInput::new(date_text(due))),
            Some(&action_due_hint(self.today)),
        );
    }

    /// Where action rows go: after the last action or carry row, else after the outcomes.
    fn action_insert_point(&self) -> usize {
        self.fields
            .fields
            .iter()
            .rposition(|f| f.key.is_action_row())
            .or_else(|| self.fields.position(FieldId::Outcomes))
            .map_or(self.fields.fields.len(), |i| i + 1)
    }

    pub(super) fn push_empty_action_row(&mut self) {
        let n = self.action_ids.len();
        let at = self.action_insert_point();
        self.fields.insert(
            at,
            FieldId::ActionText(n),
            "New action",
            Value::Line(TextInput::default()),
            Some("type to add an action item"),
        );
    }

    /// Once the "New action" row has text, it becomes a full item and a new empty row follows.
    fn grow_actions(&mut self) {
        let n = self.action_ids.len();
        let key = FieldId::ActionText(n);
        if self.fields.string(key).trim().is_empty() {
            return;
        }
        let Some(pos) = self.fields.position(key) else {
            return;
        };
        self.fields.fields[pos].label = format!("Action {}", n + 1);
        self.fields.fields[pos].hint = Some("empty it to drop the item".into());
        let other = self.other_name();
        self.fields.insert(
            pos + 1,
            FieldId::ActionOwner(n),
            "  who",
            owner_pick(Owner::Me, &other),
            Some("← → to change"),
        );
        self.fields.insert(
            pos + 2,
            FieldId::ActionDue(n),
            "  due",
            Value::Date(TextInput::default()),
            Some(&action_due_hint(self.today)),
        );
        self.action_ids.push(Uuid::now_v7());
        self.push_empty_action_row();
    }

    /// A new reflection, tied to `with` and/or a meeting, offering a prompt.
    pub fn new_reflection(
        store: &Store,
        with: Option<Uuid>,
        meeting: Option<Uuid>,
        now: DateTime<Local>,
        content: &Content,
        turn: usize,
    ) -> Result<EntryForm> {
        let people = Person::all(store)?;
        let utc = now.with_timezone(&Utc);
        let mut form = EntryForm::blank(EntryKind::Reflection, utc, now.date_naive(), people);
        let mut r = Reflection::new("", utc);
        r.relationship_id = with;
        r.meeting_id = meeting;
        form.id = r.id;
        form.meeting_id = meeting;
        form.prompt_turn = turn;
        form.goals = goal_options(store, None)?;
        form.build_reflection(&r);
        form.next_prompt(content);
        form.saved = form.fields.values();
        Ok(form)
    }

    pub fn edit_reflection(store: &Store, r: &Reflection) -> Result<EntryForm> {
        let people = Person::all(store)?;
        // A reflection has no date field: no hint counts from this day.
        let day = r.created_at.with_timezone(&Local).date_naive();
        let mut form = EntryForm::blank(EntryKind::Reflection, r.created_at, day, people);
        form.id = r.id;
        form.existing = true;
        form.prompt = r.prompt_id.clone();
        form.meeting_id = r.meeting_id;
        form.goals = goal_options(store, r.goal_id)?;
        form.build_reflection(r);
        Ok(form)
    }

    fn build_reflection(&mut self, r: &Reflection) {
        let mut people = vec![(String::new(), "— nobody in particular".to_string())];
        people.extend(
            self.people
                .iter()
                .map(|p| (p.id.to_string(), p.name.clone())),
        );
        let chosen = r.relationship_id.map(|i| i.to_string()).unwrap_or_default();
        let body_tags = tags_in(&r.body);
        let extra: Vec<String> = r
            .tags
            .iter()
            .filter(|t| !body_tags.contains(t))
            .map(|t| format!("#{t}"))
            .collect();
        let f = &mut self.fields;
        f.push(
            FieldId::With,
            "About",
            pick(people, &chosen),
            Some("← → to change"),
        );
        if !self.goals.is_empty() {
            let mut goals = vec![(String::new(), "— no goal in particular".to_string())];
            goals.extend(self.goals.iter().map(|(id, t)| (id.to_string(), t.clone())));
            let chosen = r.goal_id.map(|g| g.to_string()).unwrap_or_default();
            f.push(
                FieldId::Goal,
                "Goal",
                pick(goals, &chosen),
                Some("← → to change"),
            );
        }
        f.push(
            FieldId::Body,
            "Reflection",
            Value::Long(Editor::new(r.body.clone())),
            Some("Enter: new line · Ctrl-G: your editor"),
        );
        f.push(
            FieldId::Tags,
            "Tags",
            Value::Line(TextInput::new(extra.join(" "))),
            Some("#tags in the text count too"),
        );
        f.push(
            FieldId::BringUp,
            "Bring it up",
            Value::Flag(r.bring_up),
            Some("at the next meeting"),
        );
        f.push(
            FieldId::Private,
            "Private",
            Value::Flag(r.private),
            Some("private entries never show in pair review"),
        );
        self.after_build();
        let body = self.body_index();
        self.fields.move_to(body);
    }

    fn after_build(&mut self) {
        self.saved = self.fields.values();
        self.drafted = self.saved.clone();
        self.fields.cursor = 0;
    }

    fn body_index(&self) -> usize {
        self.fields.position(FieldId::Body).unwrap_or(0)
    }

    /// Offers the next prompt for the chosen person's role, or none after the last one.
    pub fn next_prompt(&mut self, content: &Content) {
        let role = self
            .person(&self.fields.string(FieldId::With))
            .and_then(|p| p.role);
        let prompts = content.prompts_for(role);
        if prompts.is_empty() {
            self.prompt = None;
            return;
        }
        // Every (len + 1)-th turn offers no prompt at all.
        let slot = self.prompt_turn % (prompts.len() + 1);
        self.prompt = prompts.get(slot).map(|p| p.id.clone());
        self.prompt_turn += 1;
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
                let other = self.other_name();
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

    /// Reads the form into a meeting and its items, or says (and where) what is wrong.
    pub fn read_meeting(
        &self,
        now: DateTime<Local>,
        content: &Content,
    ) -> Result<MeetingRead, (usize, String)> {
        let utc = now.with_timezone(&Utc);
        let at = |key: FieldId| self.fields.position(key).unwrap_or(0);
        let with = Uuid::parse_str(&self.fields.string(FieldId::With)).map_err(|_| {
            (
                at(FieldId::With),
                "Choose who the meeting was with (← →). Add a relationship first from the home screen (n)."
                    .to_string(),
            )
        })?;
        let held_at = read_when(&self.fields.string(FieldId::When), now)
            .map_err(|e| (at(FieldId::When), e))?;
        let today = now.date_naive();
        let future = |key: FieldId| -> Result<Option<NaiveDate>, (usize, String)> {
            let text = self.fields.string(key);
            if text.trim().is_empty() {
                return Ok(None);
            }
            parse_date(&text, today, Direction::Future)
                .map(Some)
                .map_err(|_| (at(key), not_a_date(&text, today, Direction::Future)))
        };
        let duration = self.fields.string(FieldId::Duration);
        let duration_minutes = if duration.is_empty() {
            None
        } else {
            match duration.parse::<u32>() {
                Ok(0) | Err(_) => {
                    return Err((
                        at(FieldId::Duration),
                        "Minutes must be a whole number above 0, like 45 (or empty).".into(),
                    ));
                }
                Ok(n) => Some(n),
            }
        };
        let mut m = Meeting::new(with, held_at, self.created_at);
        m.id = self.id;
        m.duration_minutes = duration_minutes;
        m.medium = Medium::from_id(&self.fields.string(FieldId::Medium));
        m.topics = topics_from(&self.fields.string(FieldId::Topics), content);
        m.agenda = self.fields.string(FieldId::Agenda);
        m.notes = self.fields.string(FieldId::Notes);
        m.outcomes = self.fields.string(FieldId::Outcomes);
        m.usefulness = self.fields.string(FieldId::Useful).parse().ok();
        m.next_meeting_on = future(FieldId::NextMeeting)?;
        m.private = self.fields.flag(FieldId::Private);
        m.updated_at = utc;
        let mut items = Vec::new();
        for (i, id) in self.action_ids.iter().enumerate() {
            let text = self.fields.string(FieldId::ActionText(i));
            if text.trim().is_empty() {
                continue;
            }
            let owner =
                Owner::from_id(&self.fields.string(FieldId::ActionOwner(i))).unwrap_or(Owner::Me);
            let due_on = future(FieldId::ActionDue(i))?;
            let mut item = self
                .original_items
                .get(id)
                .cloned()
                .unwrap_or_else(|| ActionItem::new(with, &text, owner, utc));
            item.id = *id;
            item.text = text.trim().to_string();
            item.owner = owner;
            item.due_on = due_on;
            item.relationship_id = with;
            item.meeting_id = Some(m.id);
            items.push(item);
        }
        let carried = self
            .carried
            .iter()
            .enumerate()
            .filter(|(i, _)| self.fields.flag(FieldId::Carry(*i)))
            .map(|(_, a)| a.id)
            .collect();
        Ok((m, items, carried))
    }

    /// Reads the form into a reflection.
    pub fn read_reflection(&self, now: DateTime<Local>) -> Result<Reflection, (usize, String)> {
        let body = self.fields.string(FieldId::Body);
        if body.trim().is_empty() {
            return Err((
                self.body_index(),
                "Write something first: an empty reflection is not saved (Esc leaves without saving)."
                    .into(),
            ));
        }
        let utc = now.with_timezone(&Utc);
        let mut r = Reflection::new(&body, self.created_at);
        r.id = self.id;
        r.relationship_id = Uuid::parse_str(&self.fields.string(FieldId::With)).ok();
        r.meeting_id = self.meeting_id;
        r.goal_id = Uuid::parse_str(&self.fields.string(FieldId::Goal)).ok();
        r.prompt_id = self.prompt.clone();
        let mut tags = tags_in(&body);
        for t in tags_in(
            &self
                .fields
                .string(FieldId::Tags)
                .split([' ', ','])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if w.starts_with('#') {
                        w.to_string()
                    } else {
                        format!("#{w}")
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        ) {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        r.tags = tags;
        r.bring_up = self.fields.flag(FieldId::BringUp);
        r.private = self.fields.flag(FieldId::Private);
        r.updated_at = utc;
        if self.existing {
            r.written_at = self.created_at;
        }
        Ok(r)
    }

    /// A short name for messages: "meeting with Sam", "reflection".
    pub fn describe(&self) -> String {
        match self.kind {
            EntryKind::Meeting => format!("meeting with {}", self.other_name()),
            EntryKind::Reflection => "reflection".to_string(),
        }
    }
}

/// Goals a reflection can be about: the open ones, and `keep` (the one it is already about).
fn goal_options(store: &Store, keep: Option<Uuid>) -> Result<Vec<(Uuid, String)>> {
    let names: HashMap<Uuid, String> = store
        .relationships()?
        .into_iter()
        .map(|r| (r.id, r.display_name().to_string()))
        .collect();
    Ok(store
        .goal_summaries(None)?
        .into_iter()
        .filter(|s| s.goal.status.is_open() || Some(s.goal.id) == keep)
        .map(|s| {
            let name = names
                .get(&s.goal.relationship_id)
                .cloned()
                .unwrap_or_default();
            (s.goal.id, format!("{} · {name}", s.goal.title))
        })
        .collect())
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
