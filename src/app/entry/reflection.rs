//! The reflection form: a prompt, the text, what it is about (a person, a meeting, a goal),
//! and whether it stays private.

use super::*;

impl EntryForm {
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

    pub(in crate::app) fn build_reflection(&mut self, r: &Reflection) {
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

    pub(in crate::app) fn body_index(&self) -> usize {
        self.fields.position(FieldId::Body).unwrap_or(0)
    }

    /// The journal owner's role with the person chosen: prompts are offered and worded for it.
    pub fn with_role(&self) -> Option<crate::domain::Role> {
        self.person(&self.fields.string(FieldId::With))
            .and_then(|p| p.role)
    }

    /// Offers the next prompt for the chosen person's role, or none after the last one.
    pub fn next_prompt(&mut self, content: &Content) {
        let role = self.with_role();
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
