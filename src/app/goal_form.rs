//! The goal form: a goal and its milestones being written or edited, read back into the
//! journal's types, and kept as a draft while it is unsaved.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::editor::Editor;
use super::entry::Person;
use super::fields::{FieldId, Fields, Value, date_hint, not_a_date};
use super::goals::GoalBoard;
use super::input::TextInput;
use crate::content::Content;
use crate::domain::dates::{Direction, parse_date};
use crate::domain::smart::SmartGap;
use crate::domain::{Goal, GoalStatus, Milestone, MilestoneDue};
use crate::error::Result;
use crate::store::Store;

/// The prefix of goal form drafts: `goal:{id}`.
pub const DRAFT_PREFIX: &str = "goal:";

/// What a goal form draft holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDraft {
    pub id: Uuid,
    pub existing: bool,
    pub milestone_ids: Vec<Uuid>,
    pub values: BTreeMap<String, String>,
    pub cursor: usize,
}

/// A goal being written or edited.
#[derive(Debug, Clone)]
pub struct GoalForm {
    pub goal: Goal,
    pub existing: bool,
    pub fields: Fields,
    pub milestone_ids: Vec<Uuid>,
    pub originals: HashMap<Uuid, Milestone>,
    pub people: Vec<Person>,
    pub saved: BTreeMap<String, String>,
    pub drafted: BTreeMap<String, String>,
    pub error: Option<String>,
    pub board: GoalBoard,
    /// The day the date fields' examples count from (the app's clock when the form opened).
    pub today: NaiveDate,
    /// The check shown before saving: what the goal does not show yet (see `goal_writing`).
    pub check: Option<Vec<SmartGap>>,
    /// What the person was already told is missing: saving again does not ask about it.
    pub checked: Vec<SmartGap>,
}

const RATINGS: [(&str, &str); 6] = [
    ("", "not rated"),
    ("1", "1 · not at all there"),
    ("2", "2"),
    ("3", "3 · halfway"),
    ("4", "4"),
    ("5", "5 · fully there"),
];

/// The local day of a moment of the app's clock.
fn local_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono::Local).date_naive()
}

fn milestone_due_hint(today: NaiveDate) -> String {
    date_hint(today, "week 4, month 2, ", "+2m", " (optional)")
}

fn pick(options: Vec<(String, String)>, chosen: &str) -> Value {
    let at = options.iter().position(|o| o.0 == chosen).unwrap_or(0);
    Value::Pick { options, at }
}

impl GoalForm {
    pub fn new(
        store: &Store,
        with: Option<Uuid>,
        now: DateTime<Utc>,
        content: &Content,
        board: GoalBoard,
    ) -> Result<GoalForm> {
        let people = Person::all(store)?;
        let with = with.or_else(|| people.first().map(|p| p.id));
        let goal = Goal::new(with.unwrap_or_else(Uuid::nil), "", now);
        let mut form = GoalForm {
            goal,
            existing: false,
            fields: Fields::default(),
            milestone_ids: Vec::new(),
            originals: HashMap::new(),
            people,
            saved: BTreeMap::new(),
            drafted: BTreeMap::new(),
            error: None,
            board,
            today: local_day(now),
            check: None,
            checked: Vec::new(),
        };
        form.build(&[], content);
        Ok(form)
    }

    /// An existing goal, to edit; `today` is the app's clock.
    pub fn edit(
        store: &Store,
        goal: Goal,
        today: NaiveDate,
        content: &Content,
        board: GoalBoard,
    ) -> Result<GoalForm> {
        let milestones = store.milestones(goal.id)?;
        let mut form = GoalForm {
            goal,
            existing: true,
            fields: Fields::default(),
            milestone_ids: Vec::new(),
            originals: HashMap::new(),
            people: Person::all(store)?,
            saved: BTreeMap::new(),
            drafted: BTreeMap::new(),
            error: None,
            board,
            today,
            check: None,
            checked: Vec::new(),
        };
        form.build(&milestones, content);
        // What an existing goal already lacked was its own choice: only what an edit takes
        // away is asked about.
        form.checked = super::goal_writing::gaps(&form).unwrap_or_default();
        Ok(form)
    }

    fn topic_options(&self, content: &Content) -> Vec<(String, String)> {
        let focus = self
            .people
            .iter()
            .find(|p| p.id == self.goal.relationship_id)
            .map(|p| p.topics.clone())
            .unwrap_or_default();
        let mut options = vec![(String::new(), "—".to_string())];
        for id in focus.iter().chain(content.topics.iter().map(|t| &t.id)) {
            if !options.iter().any(|o| &o.0 == id) {
                let label = content.topic_label(id).unwrap_or(id).to_string();
                options.push((id.clone(), label));
            }
        }
        if let Some(t) = &self.goal.topic
            && !options.iter().any(|o| &o.0 == t)
        {
            options.push((t.clone(), t.clone()));
        }
        options
    }

    fn build(&mut self, milestones: &[Milestone], content: &Content) {
        let g = self.goal.clone();
        let people: Vec<(String, String)> = self
            .people
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect();
        let topics = self.topic_options(content);
        let mut f = Fields::default();
        f.push(
            FieldId::With,
            "With",
            pick(people, &g.relationship_id.to_string()),
            Some("← → to change"),
        );
        f.push(
            FieldId::Title,
            "Goal",
            Value::Line(TextInput::new(g.title.clone())),
            Some("specific: what exactly you will do or reach"),
        );
        f.push(
            FieldId::Why,
            "Why",
            Value::Long(Editor::new(g.why.clone())),
            Some("relevant: why it matters to you, and to this mentoring"),
        );
        f.push(
            FieldId::Success,
            "Success",
            Value::Line(TextInput::new(g.success.clone())),
            Some("measurable: how you will both know it is reached"),
        );
        f.push(
            FieldId::Topic,
            "Topic",
            pick(topics, g.topic.as_deref().unwrap_or("")),
            Some("← → to change"),
        );
        let baseline = g.baseline.map(|b| b.to_string()).unwrap_or_default();
        let ratings: Vec<(String, String)> = RATINGS
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        f.push(
            FieldId::Baseline,
            "Where I am",
            pick(ratings, &baseline),
            Some("today, 1 to 5"),
        );
        let target = g
            .target_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        f.push(
            FieldId::Target,
            "Target date",
            Value::Date(TextInput::new(target)),
            Some(&date_hint(
                self.today,
                "time-bound: by when? +3m, ",
                "+3m",
                "",
            )),
        );
        if !self.existing {
            let statuses = vec![
                ("proposed".to_string(), "proposed: to agree on".to_string()),
                ("active".to_string(), "active: working on it".to_string()),
            ];
            f.push(
                FieldId::Status,
                "Status",
                pick(statuses, g.status.id()),
                Some("← → to change"),
            );
        }
        self.fields = f;
        self.milestone_ids.clear();
        self.originals.clear();
        for (i, m) in milestones.iter().enumerate() {
            self.originals.insert(m.id, m.clone());
            self.push_milestone_rows(i, &m.text, m.due);
            self.milestone_ids.push(m.id);
        }
        self.push_empty_milestone();
        self.saved = self.fields.values();
        self.drafted = self.saved.clone();
        self.fields.cursor = if self.existing { 0 } else { 1 };
    }

    fn push_milestone_rows(&mut self, i: usize, text: &str, due: Option<MilestoneDue>) {
        let at = self.fields.fields.len() - usize::from(self.has_empty_row());
        self.fields.insert(
            at,
            FieldId::MilestoneText(i),
            &format!("Milestone {}", i + 1),
            Value::Line(TextInput::new(text)),
            Some("empty it to drop the step"),
        );
        self.fields.insert(
            at + 1,
            FieldId::MilestoneDue(i),
            "  due",
            Value::Date(TextInput::new(
                due.map(MilestoneDue::text).unwrap_or_default(),
            )),
            Some(&milestone_due_hint(self.today)),
        );
    }

    fn has_empty_row(&self) -> bool {
        let n = self.milestone_ids.len();
        self.fields
            .fields
            .last()
            .is_some_and(|f| f.key == FieldId::MilestoneText(n))
    }

    fn push_empty_milestone(&mut self) {
        let n = self.milestone_ids.len();
        self.fields.push(
            FieldId::MilestoneText(n),
            "New milestone",
            Value::Line(TextInput::default()),
            Some("achievable: type a first small step on the way"),
        );
    }

    /// Once the "New milestone" row has text, it becomes a milestone and a new row follows.
    pub fn after_change(&mut self, content: &Content) {
        let n = self.milestone_ids.len();
        let key = FieldId::MilestoneText(n);
        if !self.fields.string(key).trim().is_empty()
            && let Some(pos) = self.fields.position(key)
        {
            self.fields.fields[pos].label = format!("Milestone {}", n + 1);
            self.fields.fields[pos].hint = Some("empty it to drop the step".into());
            self.fields.insert(
                pos + 1,
                FieldId::MilestoneDue(n),
                "  due",
                Value::Date(TextInput::default()),
                Some(&milestone_due_hint(self.today)),
            );
            self.milestone_ids.push(Uuid::now_v7());
            self.push_empty_milestone();
        }
        if self
            .fields
            .current()
            .is_some_and(|f| f.key == FieldId::With)
        {
            if let Ok(id) = Uuid::parse_str(&self.fields.string(FieldId::With)) {
                self.goal.relationship_id = id;
            }
            let topic = self.fields.string(FieldId::Topic);
            let options = self.topic_options(content);
            if let Some(v) = self.fields.get_mut(FieldId::Topic) {
                *v = pick(options, &topic);
            }
        }
    }

    pub fn changed(&self) -> bool {
        self.fields.values() != self.saved
    }

    pub fn draft_key(&self) -> String {
        format!("{DRAFT_PREFIX}{}", self.goal.id)
    }

    pub fn save_draft(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        let values = self.fields.values();
        if values == self.drafted {
            return Ok(());
        }
        if values == self.saved {
            store.delete_draft(&self.draft_key())?;
        } else {
            let draft = GoalDraft {
                id: self.goal.id,
                existing: self.existing,
                milestone_ids: self.milestone_ids.clone(),
                values: values.clone(),
                cursor: self.fields.cursor,
            };
            let body = serde_json::to_string(&draft)
                .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
            store.save_draft(&self.draft_key(), &body, now)?;
        }
        self.drafted = values;
        Ok(())
    }

    pub fn from_draft(
        store: &Store,
        draft: &GoalDraft,
        now: DateTime<Utc>,
        content: &Content,
    ) -> Result<GoalForm> {
        let board = GoalBoard::load(store, None)?;
        let mut form = match store.goal(draft.id)?.filter(|_| draft.existing) {
            Some(g) => GoalForm::edit(store, g, local_day(now), content, board)?,
            None => {
                let with = draft
                    .values
                    .get(&FieldId::With.to_string())
                    .and_then(|w| Uuid::parse_str(w).ok());
                let mut f = GoalForm::new(store, with, now, content, board)?;
                f.goal.id = draft.id;
                f
            }
        };
        let known = form.milestone_ids.len();
        if let Some(pos) = form
            .fields
            .fields
            .iter()
            .position(|f| f.key == FieldId::MilestoneText(known))
        {
            form.fields.fields.remove(pos);
        }
        for (i, id) in draft.milestone_ids.iter().enumerate().skip(known) {
            form.push_milestone_rows(i, "", None);
            form.milestone_ids.push(*id);
        }
        form.push_empty_milestone();
        form.fields.apply_values(&draft.values);
        form.fields.move_to(draft.cursor);
        form.drafted = form.fields.values();
        Ok(form)
    }

    pub fn check_current(&self, today: NaiveDate) -> std::result::Result<(), String> {
        let Some(f) = self.fields.current() else {
            return Ok(());
        };
        let text = f.value.as_string();
        if text.trim().is_empty() {
            return Ok(());
        }
        if f.key == FieldId::Target {
            return parse_date(&text, today, Direction::Future)
                .map(|_| ())
                .map_err(|_| not_a_date(&text, today, Direction::Future));
        }
        if matches!(f.key, FieldId::MilestoneDue(_)) {
            return MilestoneDue::parse(&text, today).map(|_| ());
        }
        Ok(())
    }

    /// Reads the form; `Err` puts the cursor on the field that is wrong and says why.
    pub fn read(
        &self,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> std::result::Result<(Goal, Vec<Milestone>), (usize, String)> {
        let at = |key: FieldId| self.fields.position(key).unwrap_or(0);
        let mut g = self.goal.clone();
        g.relationship_id = Uuid::parse_str(&self.fields.string(FieldId::With)).map_err(|_| {
            (
                at(FieldId::With),
                "Choose whose goal this is (← →). Add a relationship first from the home screen (n)."
                    .to_string(),
            )
        })?;
        g.title = self.fields.string(FieldId::Title).trim().to_string();
        if g.title.is_empty() {
            return Err((
                at(FieldId::Title),
                "Give the goal a name, in a few words.".into(),
            ));
        }
        g.why = self.fields.string(FieldId::Why);
        g.success = self.fields.string(FieldId::Success).trim().to_string();
        let topic = self.fields.string(FieldId::Topic);
        g.topic = (!topic.is_empty()).then_some(topic);
        g.baseline = self.fields.string(FieldId::Baseline).parse().ok();
        let target = self.fields.string(FieldId::Target);
        g.target_on = if target.trim().is_empty() {
            None
        } else {
            Some(parse_date(&target, today, Direction::Future).map_err(|_| {
                let refusal = not_a_date(&target, today, Direction::Future);
                (at(FieldId::Target), refusal)
            })?)
        };
        if !self.existing {
            g.status = GoalStatus::from_id(&self.fields.string(FieldId::Status))
                .unwrap_or(GoalStatus::Proposed);
        }
        g.updated_at = now;
        let mut milestones = Vec::new();
        for (i, id) in self.milestone_ids.iter().enumerate() {
            let text = self.fields.string(FieldId::MilestoneText(i));
            if text.trim().is_empty() {
                continue;
            }
            let due_key = FieldId::MilestoneDue(i);
            let due_text = self.fields.string(due_key);
            let due = if due_text.trim().is_empty() {
                None
            } else {
                Some(MilestoneDue::parse(&due_text, today).map_err(|e| (at(due_key), e))?)
            };
            let mut m = self
                .originals
                .get(id)
                .cloned()
                .unwrap_or_else(|| Milestone::new(g.id, &text));
            m.id = *id;
            m.goal_id = g.id;
            m.text = text.trim().to_string();
            m.due = due;
            milestones.push(m);
        }
        Ok((g, milestones))
    }
}
