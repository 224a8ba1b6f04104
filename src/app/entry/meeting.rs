//! The meeting form: who, when, how, topics, the goals it worked on, notes, outcomes, action
//! items (carried forward from the last meeting), and the next meeting.

use super::*;
use crate::app::fields::reached;

/// A goal a meeting can have worked on: the open goals of every relationship, and those the
/// meeting already worked on whatever their status now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalChoice {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub title: String,
    /// The meeting already worked on it (ticked when the form opens).
    pub linked: bool,
}

/// The goals a meeting's form offers; `meeting` is the one being edited, if any.
fn goal_choices(store: &Store, meeting: Option<Uuid>) -> Result<Vec<GoalChoice>> {
    let linked: Vec<Uuid> = match meeting {
        Some(m) => store.meeting_goals(m)?.into_iter().map(|g| g.id).collect(),
        None => Vec::new(),
    };
    Ok(store
        .goal_summaries(None)?
        .into_iter()
        .filter(|s| s.goal.status.is_open() || linked.contains(&s.goal.id))
        .map(|s| GoalChoice {
            linked: linked.contains(&s.goal.id),
            id: s.goal.id,
            relationship_id: s.goal.relationship_id,
            title: s.goal.title,
        })
        .collect())
}

impl EntryForm {
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
        form.goal_choices = goal_choices(store, None)?;
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
        form.goal_choices = goal_choices(store, Some(m.id))?;
        let items = store.meeting_action_items(m.id)?;
        form.build_meeting(m, &items, content, false);
        Ok(form)
    }

    pub(in crate::app) fn build_meeting(
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
            FieldId::ReachedOut,
            reached::LABEL,
            reached::pick(m.reached_out, &other),
            Some(reached::HINT),
        );
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
        self.insert_goal_rows();
        self.after_build();
    }

    /// The chosen person's open goals as rows to tick (the goals the meeting worked on),
    /// after the topics.
    fn insert_goal_rows(&mut self) {
        let with = self.fields.string(FieldId::With);
        let Some(mut at) = self.fields.position(FieldId::Topics).map(|i| i + 1) else {
            return;
        };
        let rows: Vec<(Uuid, String, bool)> = self
            .goal_choices
            .iter()
            .filter(|g| g.relationship_id.to_string() == with)
            .map(|g| (g.id, g.title.clone(), g.linked))
            .collect();
        for (i, (id, title, linked)) in rows.into_iter().enumerate() {
            self.fields.insert(
                at,
                FieldId::WorkedOn(id),
                if i == 0 { "Goals" } else { "" },
                Value::Check(linked, title),
                Some("Space: this meeting worked on it"),
            );
            at += 1;
        }
    }

    /// After a change of person: their goals replace the other person's.
    pub(in crate::app) fn follow_goals(&mut self) {
        self.fields
            .fields
            .retain(|f| !matches!(f.key, FieldId::WorkedOn(_)));
        self.insert_goal_rows();
    }

    /// The goals ticked as worked on, in the form's order.
    pub fn worked_on(&self) -> Vec<Uuid> {
        self.fields
            .fields
            .iter()
            .filter_map(|f| match (f.key, &f.value) {
                (FieldId::WorkedOn(id), Value::Check(true, _)) => Some(id),
                _ => None,
            })
            .collect()
    }

    pub(in crate::app) fn medium_pick(&self, chosen: Option<Medium>) -> Value {
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

    pub(in crate::app) fn topics_hint(&self, content: &Content) -> String {
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

    pub(in crate::app) fn push_action_rows(
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
    pub(in crate::app) fn action_insert_point(&self) -> usize {
        self.fields
            .fields
            .iter()
            .rposition(|f| f.key.is_action_row())
            .or_else(|| self.fields.position(FieldId::Outcomes))
            .map_or(self.fields.fields.len(), |i| i + 1)
    }

    pub(in crate::app) fn push_empty_action_row(&mut self) {
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
    pub(in crate::app) fn grow_actions(&mut self) {
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
        m.reached_out = reached::read(&self.fields);
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
}
