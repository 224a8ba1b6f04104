//! The walk-through: one step at a time, each answer saved as it is given.

use chrono::{DateTime, Local, Utc};

use super::form::{Form, FormDraft};
use super::steps::{self, Step, StepValue};
use crate::content::Content;
use crate::domain::{Agreement, Relationship, RelationshipStatus};
use crate::error::Result;
use crate::store::Store;

/// How the walk-through was entered, which decides where Enter and Esc lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkMode {
    /// Step by step through a new relationship.
    Walk,
    /// One step opened from the review page; Enter returns there.
    Revisit,
    /// One answer of an agreed relationship, opened from the agreement screen.
    EditOne,
}

/// What a step transition asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// The agreement was confirmed.
    Agreed(Relationship),
    /// An answer of an agreed relationship was saved (EditOne).
    Edited(Relationship),
    /// EditOne closed without changes.
    Closed(Relationship),
    /// Esc on the first step of a second relationship: ask whether to discard it.
    AskDiscardNew,
    /// Esc in EditOne with changes: ask whether to discard them.
    AskDiscardEdit,
}

/// The clock and content a transition needs.
pub struct Ctx<'a> {
    pub now: DateTime<Local>,
    pub content: &'a Content,
    /// The screen's width: Up and Down in a long answer move by the lines drawn.
    pub width: u16,
}

impl Ctx<'_> {
    fn utc(&self) -> DateTime<Utc> {
        self.now.with_timezone(&Utc)
    }
}

#[derive(Debug, Clone)]
pub struct Walkthrough {
    pub relationship: Relationship,
    pub agreement: Agreement,
    pub profile_name: String,
    pub with_profile: bool,
    pub steps: Vec<Step>,
    pub index: usize,
    pub form: Form,
    pub mode: WalkMode,
    /// A validation message shown in place, under the form.
    pub error: Option<String>,
    /// The highlighted row of the review page (the last row is "save").
    pub review_cursor: usize,
    /// Changed since the last draft save.
    pub dirty: bool,
    /// Changed since the step was opened (or restored from a draft).
    pub changed: bool,
}

impl Walkthrough {
    /// Opens a relationship's walk-through at its resume point, restoring a draft if one waits.
    pub fn resume(
        store: &Store,
        relationship: Relationship,
        profile_name: String,
        with_profile: bool,
        ctx: &Ctx<'_>,
    ) -> Result<Walkthrough> {
        let agreement = store.agreement(relationship.id)?;
        let steps = steps::steps_for(with_profile, relationship.my_role, ctx.content);
        let index = relationship
            .walkthrough_step
            .as_deref()
            .and_then(Step::from_id)
            .and_then(|s| steps.iter().position(|x| *x == s))
            .unwrap_or(0);
        let mut w = Walkthrough {
            relationship,
            agreement,
            profile_name,
            with_profile,
            steps,
            index,
            form: Form::default(),
            mode: WalkMode::Walk,
            error: None,
            review_cursor: 0,
            dirty: false,
            changed: false,
        };
        w.load_form(store, ctx)?;
        Ok(w)
    }

    /// Opens one step of an agreed relationship for editing.
    pub fn edit_one(
        store: &Store,
        relationship: Relationship,
        profile_name: String,
        step: Step,
        ctx: &Ctx<'_>,
    ) -> Result<Walkthrough> {
        let mut w = Walkthrough::resume(store, relationship, profile_name, false, ctx)?;
        w.mode = WalkMode::EditOne;
        w.index = w.steps.iter().position(|s| *s == step).unwrap_or(0);
        w.load_form(store, ctx)?;
        Ok(w)
    }

    pub fn step(&self) -> &Step {
        &self.steps[self.index.min(self.steps.len() - 1)]
    }

    /// The width a long answer wraps at on a screen `screen_width` wide, as the walk-through
    /// draws it: inside the frame and its padding (4 cells), beside the reminders on the
    /// boundaries question when there is room for them, inside the answer's box (2), less
    /// the column the cursor may take at a line's end (1).
    pub fn answer_width(&self, screen_width: u16) -> usize {
        let inner = usize::from(screen_width).saturating_sub(4);
        let reminders = matches!(self.step(), Step::Question(id) if id == "boundaries");
        let main = if reminders && inner >= 76 {
            inner - 36
        } else {
            inner
        };
        main.saturating_sub(3).max(1)
    }

    /// "step 6 of 19"
    pub fn position(&self) -> (usize, usize) {
        (self.index + 1, self.steps.len())
    }

    /// Where the person is: "step 6 of 19". Until the role is chosen the count is left out
    /// ("step 2"): the role decides which questions follow, and a count that changes under
    /// the person reads as a mistake.
    pub fn progress(&self) -> String {
        let (n, total) = self.position();
        if self.relationship.my_role.is_some() {
            format!("step {n} of {total}")
        } else {
            format!("step {n}")
        }
    }

    /// Where the typed state of a step waits as a draft.
    pub fn draft_key_for(relationship: &Relationship, step: &Step) -> String {
        format!("walkthrough:{}:{}", relationship.id, step.id())
    }

    fn draft_key(&self) -> String {
        Walkthrough::draft_key_for(&self.relationship, self.step())
    }

    /// The steps listed on the review page and the agreement screen.
    pub fn answer_steps(&self) -> Vec<Step> {
        self.steps
            .iter()
            .filter(|s| !matches!(s, Step::Welcome | Step::Review))
            .cloned()
            .collect()
    }

    fn load_form(&mut self, store: &Store, ctx: &Ctx<'_>) -> Result<()> {
        let step = self.step().clone();
        self.form = steps::build_form(
            &step,
            &self.profile_name,
            &self.relationship,
            &self.agreement,
            ctx.content,
        );
        self.changed = false;
        self.dirty = false;
        self.error = None;
        if let Some(draft) = store.draft(&self.draft_key())?
            && let Ok(saved) = serde_json::from_str::<FormDraft>(&draft.body)
        {
            self.form.apply_draft(&saved);
            self.changed = true;
        }
        Ok(())
    }

    /// Marks the form as changed by the user.
    pub fn touch(&mut self) {
        self.dirty = true;
        self.changed = true;
        self.error = None;
    }

    /// Autosaves the typed state of the current step, if it changed.
    pub fn save_draft(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        if !self.dirty || matches!(self.step(), Step::Welcome | Step::Review) {
            return Ok(());
        }
        let body =
            serde_json::to_string(&self.form.to_draft()).expect("a form draft is plain data");
        store.save_draft(&self.draft_key(), &body, now)?;
        self.dirty = false;
        Ok(())
    }

    /// Saves what the step gives. Errors leave the form as it is.
    fn commit(&mut self, store: &mut Store, value: StepValue, ctx: &Ctx<'_>) -> Result<()> {
        let now = ctx.utc();
        match value {
            StepValue::Nothing => {}
            StepValue::Name(name) => {
                store.save_profile_name(&name, now)?;
                self.profile_name = name;
            }
            StepValue::Role(role) => {
                if self.relationship.my_role != Some(role) {
                    self.relationship.my_role = Some(role);
                    let current = self.step().clone();
                    self.steps = steps::steps_for(self.with_profile, Some(role), ctx.content);
                    self.index = self.steps.iter().position(|s| *s == current).unwrap_or(0);
                }
            }
            StepValue::Other(name) => self.relationship.other_name = name,
            StepValue::Model(model) => self.relationship.model = model,
            StepValue::Topics(topics) => self.relationship.topics = topics,
            StepValue::Answer(answer) => {
                if let Step::Question(id) = self.step().clone() {
                    let private = ctx.content.question(&id).is_some_and(|q| q.private);
                    match answer {
                        Some(value) => {
                            store.save_answer(self.relationship.id, &id, &value, private, now)?;
                        }
                        None if self.agreement.answers.contains_key(&id) => {
                            store.delete_answer(self.relationship.id, &id, now)?;
                        }
                        None => {}
                    }
                    self.agreement = store.agreement(self.relationship.id)?;
                }
            }
        }
        store.save_relationship(&self.relationship, now)?;
        store.delete_draft(&self.draft_key())?;
        self.dirty = false;
        self.changed = false;
        Ok(())
    }

    fn go_to(&mut self, index: usize, store: &mut Store, ctx: &Ctx<'_>) -> Result<()> {
        self.index = index.min(self.steps.len() - 1);
        if self.relationship.status == RelationshipStatus::Draft {
            self.relationship.walkthrough_step = Some(self.step().id());
            store.save_relationship(&self.relationship, ctx.utc())?;
        }
        self.load_form(store, ctx)
    }

    fn review_index(&self) -> usize {
        self.steps.len() - 1
    }

    /// Enter (`pick`: a highlighted single choice is taken) or Tab: save this step, go on.
    pub fn forward(&mut self, store: &mut Store, pick: bool, ctx: &Ctx<'_>) -> Result<Outcome> {
        if *self.step() == Step::Review {
            if !pick {
                return Ok(Outcome::Stay);
            }
            let rows = self.answer_steps();
            return match rows.get(self.review_cursor) {
                Some(step) => {
                    let target = self.steps.iter().position(|s| s == step).unwrap_or(0);
                    self.mode = WalkMode::Revisit;
                    self.go_to(target, store, ctx)?;
                    Ok(Outcome::Stay)
                }
                None => self.confirm(store, ctx),
            };
        }
        if pick && let Some(next) = self.next_part(ctx.content) {
            if self.form.pick_current_if_single() {
                self.touch();
            }
            self.form.move_to(next);
            return Ok(Outcome::Stay);
        }
        if pick && self.form.pick_current_if_single() {
            self.touch();
        }
        let value =
            match steps::read_form(self.step(), &self.form, ctx.now.date_naive(), ctx.content) {
                Ok(v) => v,
                Err(message) => {
                    self.error = Some(message);
                    return Ok(Outcome::Stay);
                }
            };
        self.commit(store, value, ctx)?;
        match self.mode {
            WalkMode::Walk => {
                let next = self.index + 1;
                self.go_to(next, store, ctx)?;
                Ok(Outcome::Stay)
            }
            WalkMode::Revisit => {
                self.go_to(self.review_index(), store, ctx)?;
                Ok(Outcome::Stay)
            }
            WalkMode::EditOne => Ok(Outcome::Edited(self.relationship.clone())),
        }
    }

    /// Esc or Shift-Tab: go back, keeping what was typed (saved if it is valid, else as a draft).
    pub fn back(&mut self, store: &mut Store, ctx: &Ctx<'_>) -> Result<Outcome> {
        if self.mode == WalkMode::EditOne {
            return Ok(if self.changed {
                Outcome::AskDiscardEdit
            } else {
                Outcome::Closed(self.relationship.clone())
            });
        }
        if self.changed {
            match steps::read_form(self.step(), &self.form, ctx.now.date_naive(), ctx.content) {
                Ok(value) => self.commit(store, value, ctx)?,
                Err(_) => self.save_draft(store, ctx.utc())?,
            }
        }
        if self.mode == WalkMode::Revisit {
            self.mode = WalkMode::Walk;
            self.go_to(self.review_index(), store, ctx)?;
            return Ok(Outcome::Stay);
        }
        if self.index == 0 {
            return Ok(if self.with_profile {
                Outcome::Stay
            } else {
                Outcome::AskDiscardNew
            });
        }
        self.go_to(self.index - 1, store, ctx)?;
        Ok(Outcome::Stay)
    }

    /// On "who does what", a step of several single choices alike, Enter on a choice picks it
    /// and goes to the next part's first row rather than leaving the step: the row it goes to.
    pub fn next_part(&self, content: &Content) -> Option<usize> {
        let Step::Question(id) = self.step() else {
            return None;
        };
        if content.question(id)?.kind != crate::content::AnswerKind::Duties {
            return None;
        }
        if !matches!(self.form.current(), Some(super::form::Row::Choice { .. })) {
            return None;
        }
        (self.form.cursor() + 1..self.form.len()).find(|&i| self.form.title_before(i).is_some())
    }

    /// Saves the agreement: the relationship becomes active from today.
    pub fn confirm(&mut self, store: &mut Store, ctx: &Ctx<'_>) -> Result<Outcome> {
        let missing = self.answer_steps().into_iter().find(|s| {
            s.required()
                && steps::summary(
                    s,
                    &self.profile_name,
                    &self.relationship,
                    &self.agreement,
                    ctx.content,
                )
                .is_none()
        });
        if let Some(step) = missing {
            self.error = Some(format!(
                "{} is still missing: highlight it and press Enter to answer it.",
                step.label(ctx.content)
            ));
            self.review_cursor = self
                .answer_steps()
                .iter()
                .position(|s| *s == step)
                .unwrap_or(0);
            return Ok(Outcome::Stay);
        }
        self.relationship.status = RelationshipStatus::Active;
        self.relationship.agreed_on = Some(ctx.now.date_naive());
        self.relationship.walkthrough_step = None;
        store.save_relationship(&self.relationship, ctx.utc())?;
        let prefix = format!("walkthrough:{}:", self.relationship.id);
        for draft in store.drafts_with_prefix(&prefix)? {
            store.delete_draft(&draft.key)?;
        }
        Ok(Outcome::Agreed(self.relationship.clone()))
    }

    /// Up/Down on the review page.
    pub fn review_move(&mut self, delta: isize) {
        let last = self.answer_steps().len() as isize; // the "save" row
        self.review_cursor = (self.review_cursor as isize)
            .saturating_add(delta)
            .clamp(0, last) as usize;
    }
}
