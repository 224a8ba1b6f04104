//! Closing a relationship well: the closing review, a few parts that can each be skipped —
//! the intended result beside what happened, a last pulse, a closing reflection on what was
//! learned and what comes next, and a thank-you note kept private or shared. Leaving it keeps
//! everything typed and asks again the next day, never "never" ([`super::closing_ask`]). The
//! summary it leads to is in [`super::closing_summary`].

use chrono::Utc;
use crossterm::event::KeyEvent;
use uuid::Uuid;

use super::closing_ask::{draft_key, last_close, save_progress};
use super::editor::Editor;
use super::fields::{Effect, FieldId, Fields, Value};
use super::survey::SurveyForm;
use super::{Action, App, Origin, Popup, Screen};
use crate::config::{Command, Context};
use crate::domain::closing::{ClosingPart, ClosingProgress};
use crate::domain::{LifeKind, Reflection, RelationshipStatus};
use crate::error::Result;
use crate::share::ClosingSummary;
use crate::store::Store;

pub use super::closing_ask::{DRAFT_PREFIX, offer_waiting, progress_of, unfinished, waiting};
pub(super) use super::closing_ask::{later, offer_reply};
pub use super::closing_summary::open_summary;

/// The closing review being gone through.
#[derive(Debug, Clone)]
pub struct ClosingReview {
    pub relationship: Uuid,
    pub name: String,
    pub progress: ClosingProgress,
    /// What the look-back shows (the person's own view: private parts included).
    pub summary: ClosingSummary,
    /// The pulse part's statements.
    pub survey: Option<SurveyForm>,
    /// A writing part's text and whether it is shared.
    pub writing: Fields,
    pub error: Option<String>,
    /// How far the look-back is scrolled.
    pub scroll: usize,
    /// Where leaving the review goes.
    pub back: Origin,
}

const PRIVATE: &str = "private";
const SHARED: &str = "shared";

/// Closes the relationship (with the reason given, if any), then opens its closing review.
/// A relationship closed already (from the command line) goes straight to its review.
pub fn open_review(
    app: &mut App,
    store: &mut Store,
    id: Uuid,
    reason: Option<String>,
) -> Result<()> {
    let Some(rel) = store.relationship(id)? else {
        app.error("That relationship is no longer in the journal.");
        return Ok(());
    };
    if rel.status != RelationshipStatus::Closed {
        let now = app.now.with_timezone(&Utc);
        let day = app.now.date_naive();
        match store.record_life_event(
            id,
            LifeKind::Closed,
            day,
            reason.as_deref().unwrap_or(""),
            now,
        ) {
            Ok(_) => {}
            Err(crate::error::Error::Usage(message)) => {
                app.error(message);
                return Ok(());
            }
            Err(e) => return Err(e),
        }
        // Closing answers an arc review about the same relationship.
        app.popups
            .retain(|p| !matches!(p, Popup::Arc { relationship, .. } if *relationship == id));
    }
    continue_review(app, store, id)
}

/// Opens the closing review of a closed relationship where the person left it.
pub fn continue_review(app: &mut App, store: &mut Store, id: Uuid) -> Result<()> {
    let Some(close) = last_close(store, id)? else {
        // Closed before closes were kept: there is no review to go through, only the summary.
        return open_summary(app, store, id);
    };
    let progress = match progress_of(store, id)? {
        Some(p) if p.close_event == close => p,
        _ => ClosingProgress::new(close),
    };
    if progress.finished {
        return open_summary(app, store, id);
    }
    let today = app.now.date_naive();
    let Some(summary) = ClosingSummary::load(store, id, today, true, app.content)? else {
        return Ok(());
    };
    let back = match &app.screen {
        Screen::ClosingSummary(v) => v.back.clone(),
        _ => super::journal::origin_here(app),
    };
    let mut review = ClosingReview {
        relationship: id,
        name: summary.relationship.display_name().to_string(),
        progress,
        summary,
        survey: None,
        writing: Fields::default(),
        error: None,
        scroll: 0,
        back,
    };
    review.enter_part(store, app)?;
    // Asked about today already: leaving it now asks again tomorrow, not at the next tick.
    review.progress.ask_from = None;
    save_progress(store, id, &review.progress, app)?;
    let name = crate::text::sanitize_line(&review.name);
    app.screen = Screen::ClosingReview(Box::new(review));
    app.info(format!(
        "The relationship with {name} is closed (still readable). {} skips a part; {} leaves the review for later.",
        app.key_label(Context::ClosingReview, Command::SkipPart),
        app.key_named(Context::ClosingReview, "later"),
    ));
    Ok(())
}

/// Where the pulse part's ratings and note wait while the review is left for later (beside
/// the writing parts' texts, under a key no prompt has).
const PULSE_KEPT: &str = "pulse-kept";

impl ClosingReview {
    /// The part being gone through.
    pub fn part(&self) -> ClosingPart {
        self.progress.part
    }

    /// True when the cursor is in a long text (Enter makes a new line there).
    pub fn on_long(&self) -> bool {
        match self.part() {
            ClosingPart::Pulse => self.survey.as_ref().is_some_and(|s| s.fields.on_long()),
            ClosingPart::LookBack => false,
            _ => self.writing.on_long(),
        }
    }

    /// Sets up the fields of the current part, with what was typed in it before.
    fn enter_part(&mut self, store: &Store, app: &App) -> Result<()> {
        self.error = None;
        self.survey = None;
        self.writing = Fields::default();
        match self.part() {
            ClosingPart::LookBack => {}
            ClosingPart::Pulse => {
                self.survey = SurveyForm::new(store, self.relationship, "closing", app.content)?;
                // Ratings and the note given before leaving for later come back as they were.
                let kept = self.progress.texts.get(PULSE_KEPT).and_then(|j| {
                    serde_json::from_str::<std::collections::BTreeMap<String, String>>(j).ok()
                });
                if let (Some(form), Some(values)) = (self.survey.as_mut(), kept) {
                    form.fields.apply_values(&values);
                }
            }
            part => {
                let id = part.prompt().unwrap_or_default();
                let text = self.progress.texts.get(id).cloned().unwrap_or_default();
                let prompt = app
                    .content
                    .prompt(id)
                    .map_or(part.label(), |p| p.text.as_str());
                self.writing
                    .push(FieldId::Body, prompt, Value::Long(Editor::new(&text)), None);
                let shared = self.progress.shared.iter().any(|s| s == id);
                self.writing.push(
                    FieldId::Private,
                    "Keep it",
                    Value::Pick {
                        options: vec![
                            (PRIVATE.into(), "private: only you".into()),
                            (SHARED.into(), "shared in the summary".into()),
                        ],
                        at: usize::from(shared),
                    },
                    None,
                );
            }
        }
        Ok(())
    }

    /// Copies what is typed in the current part into the progress, so leaving loses nothing.
    fn keep_typed(&mut self) {
        if self.part() == ClosingPart::Pulse {
            let kept = self
                .survey
                .as_ref()
                .filter(|f| f.changed())
                .and_then(|f| serde_json::to_string(&f.fields.values()).ok());
            match kept {
                Some(json) => self.progress.texts.insert(PULSE_KEPT.to_string(), json),
                None => self.progress.texts.remove(PULSE_KEPT),
            };
            return;
        }
        let Some(id) = self.part().prompt() else {
            return;
        };
        let text = self.writing.string(FieldId::Body);
        if text.is_empty() {
            self.progress.texts.remove(id);
        } else {
            self.progress.texts.insert(id.to_string(), text);
        }
        let shared = self.writing.string(FieldId::Private) == SHARED;
        self.progress.shared.retain(|s| s != id);
        if shared {
            self.progress.shared.push(id.to_string());
        }
    }

    /// Whether the current part holds something not yet saved.
    fn has_typed(&self) -> bool {
        match self.part() {
            ClosingPart::LookBack => false,
            ClosingPart::Pulse => self.survey.as_ref().is_some_and(SurveyForm::changed),
            _ => !self.writing.string(FieldId::Body).trim().is_empty(),
        }
    }

    /// Saves the progress with what is typed now (the regular autosave).
    pub fn save_draft(&mut self, store: &mut Store, now: chrono::DateTime<Utc>) -> Result<()> {
        self.keep_typed();
        let body = serde_json::to_string(&self.progress)
            .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
        store.save_draft(&draft_key(self.relationship), &body, now)
    }
}

/// Keys in the closing review: its commands from the key table, then typing in its fields.
pub fn keys(app: &App, key: KeyEvent) -> Option<Action> {
    let keys = &app.settings.keys;
    if keys.is(Context::ClosingReview, Command::SkipPart, &key) {
        return Some(Action::SkipPart);
    }
    let long = matches!(&app.screen, Screen::ClosingReview(r) if r.on_long());
    super::keymap::form_keys(long, key)
}

/// The closing review's keys.
pub(super) fn review_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let width = usize::from(app.size.0.saturating_sub(6));
    let Screen::ClosingReview(r) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Back => {
            r.keep_typed();
            r.progress.later(today);
            let (id, back) = (r.relationship, r.back.clone());
            let progress = r.progress.clone();
            save_progress(store, id, &progress, app)?;
            super::journal::go_to(app, store, back)?;
            app.info(
                "The closing review waits for you: it is asked again tomorrow, with everything you typed.",
            );
            return Ok(());
        }
        Action::SkipPart => {
            if r.has_typed() {
                let save = app.key_label(Context::ClosingReview, Command::Save);
                if let Screen::ClosingReview(r) = &mut app.screen {
                    r.error = Some(format!(
                        "This part holds what you wrote: {save} saves it; to skip it, clear it first."
                    ));
                }
                return Ok(());
            }
            return next_part(app, store);
        }
        Action::Save => return save_part(app, store, now),
        Action::Confirm if r.part() == ClosingPart::LookBack => return next_part(app, store),
        Action::Up if r.part() == ClosingPart::LookBack => r.scroll = r.scroll.saturating_sub(1),
        Action::Down if r.part() == ClosingPart::LookBack => r.scroll = r.scroll.saturating_add(1),
        _ => {}
    }
    let fields = match r.part() {
        ClosingPart::LookBack => return Ok(()),
        ClosingPart::Pulse => match r.survey.as_mut() {
            Some(s) => &mut s.fields,
            None => return Ok(()),
        },
        _ => &mut r.writing,
    };
    let effect = match action {
        Action::Next => {
            fields.step(1);
            Effect::Moved
        }
        Action::Prev => {
            fields.step(-1);
            Effect::Moved
        }
        Action::Up => fields.vertical(-1, width),
        Action::Down => fields.vertical(1, width),
        Action::Confirm => fields.enter(),
        Action::Edit(e) => {
            // Digits rate the statement under the cursor, as in the pulse survey.
            if let super::InputEdit::Insert(c @ '1'..='5') = e
                && !fields.on_long()
                && fields
                    .current()
                    .is_some_and(|f| matches!(f.key, FieldId::Score(_)))
                && let Some(v) = fields.current_mut().map(|f| &mut f.value)
            {
                v.set_string(&c.to_string());
                fields.step(1);
                Effect::Changed
            } else {
                fields.edit(&e)
            }
        }
        Action::Paste(p) => fields.paste(&p),
        Action::Undo => fields.undo(false),
        Action::Redo => fields.undo(true),
        _ => Effect::Nothing,
    };
    match effect {
        Effect::Refused(why) => r.error = Some(why),
        Effect::Changed => r.error = None,
        _ => {}
    }
    Ok(())
}

/// Saves the current part, then goes on. An empty writing part is the same as skipping it.
fn save_part(app: &mut App, store: &mut Store, now: chrono::DateTime<Utc>) -> Result<()> {
    let Screen::ClosingReview(r) = &mut app.screen else {
        return Ok(());
    };
    match r.part() {
        ClosingPart::LookBack => {}
        ClosingPart::Pulse => {
            let Some(form) = &r.survey else {
                return next_part(app, store);
            };
            if !form.changed() {
                return next_part(app, store);
            }
            match form.read(now) {
                Ok(survey) => {
                    store.save_survey(&survey)?;
                    // Saved: no longer kept as typed.
                    r.survey = None;
                    r.progress.texts.remove(PULSE_KEPT);
                }
                Err(why) => {
                    r.error = Some(why);
                    return Ok(());
                }
            }
        }
        part => {
            let body = r.writing.string(FieldId::Body);
            if !body.trim().is_empty() {
                let mut reflection = Reflection::new(&body, now);
                reflection.relationship_id = Some(r.relationship);
                reflection.prompt_id = part.prompt().map(str::to_string);
                reflection.private = r.writing.string(FieldId::Private) != SHARED;
                store.save_reflection(&reflection, now)?;
                // Saved: it is no longer kept as typed text.
                if let Some(id) = part.prompt() {
                    r.progress.texts.remove(id);
                }
                r.writing = Fields::default();
            }
        }
    }
    next_part(app, store)
}

/// Moves to the next part, or finishes the review after the last.
fn next_part(app: &mut App, store: &mut Store) -> Result<()> {
    let Screen::ClosingReview(r) = &mut app.screen else {
        return Ok(());
    };
    r.keep_typed();
    let id = r.relationship;
    match r.part().next() {
        Some(next) => {
            r.progress.part = next;
            let mut review = (**r).clone();
            review.enter_part(store, app)?;
            save_progress(store, id, &review.progress, app)?;
            app.screen = Screen::ClosingReview(Box::new(review));
        }
        None => {
            r.progress.finished = true;
            r.progress.texts.clear();
            let (progress, back) = (r.progress.clone(), r.back.clone());
            save_progress(store, id, &progress, app)?;
            super::closing_summary::open_summary_from(app, store, id, back)?;
            app.info("Thank you for closing it with care. This is the closing summary.");
        }
    }
    Ok(())
}
