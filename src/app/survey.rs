//! The pulse survey (a few statements rated 1-5 and a note) and the pulse screen with its
//! trends.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::editor::Editor;
use super::fields::{Effect, FieldId, Fields, Value};
use super::{Action, App, Popup, Reply, Screen, Then};
use crate::content::Content;
use crate::domain::Role;
use crate::error::Result;
use crate::store::{DueRow, Store, Survey};

/// A survey being filled in.
#[derive(Debug, Clone)]
pub struct SurveyForm {
    pub relationship: Uuid,
    pub name: String,
    pub role: Option<Role>,
    /// Why it was asked: "monthly", "midpoint", "ending_soon", "ended", "asked".
    pub reason: String,
    pub fields: Fields,
    /// The statement ids, in the order of the score fields.
    pub statements: Vec<String>,
    pub error: Option<String>,
    /// Where leaving the survey goes.
    pub back: super::Origin,
}

/// A relationship's surveys, for trends.
#[derive(Debug, Clone)]
pub struct PulseView {
    pub relationship: Uuid,
    pub name: String,
    pub role: Option<Role>,
    /// Answered surveys, oldest first (skipped ones left out).
    pub surveys: Vec<Survey>,
    /// Where Esc goes.
    pub back: super::Origin,
}

const SCALE: [(&str, &str); 6] = [
    ("", "—"),
    ("1", "1 · disagree"),
    ("2", "2"),
    ("3", "3 · partly"),
    ("4", "4"),
    ("5", "5 · agree"),
];

impl SurveyForm {
    pub fn new(
        store: &Store,
        relationship: Uuid,
        reason: &str,
        content: &Content,
    ) -> Result<Option<SurveyForm>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        let mut fields = Fields::default();
        for (i, st) in content.statements.iter().enumerate() {
            fields.push(
                FieldId::Score(i),
                st.text(rel.my_role),
                Value::Pick {
                    options: SCALE
                        .iter()
                        .map(|(a, b)| (a.to_string(), b.to_string()))
                        .collect(),
                    at: 0,
                },
                None,
            );
        }
        fields.push(
            FieldId::Note,
            "Anything else?",
            Value::Long(Editor::default()),
            Some("a note for the two of you (optional)"),
        );
        Ok(Some(SurveyForm {
            relationship,
            name: rel.display_name().to_string(),
            role: rel.my_role,
            reason: reason.to_string(),
            fields,
            statements: content.statements.iter().map(|s| s.id.clone()).collect(),
            error: None,
            back: super::Origin::Home(Some(relationship)),
        }))
    }

    pub fn changed(&self) -> bool {
        self.fields
            .fields
            .iter()
            .any(|f| !f.value.as_string().is_empty())
    }

    pub fn read(&self, now: DateTime<Utc>) -> std::result::Result<Survey, String> {
        let scores: Vec<(String, u8)> = self
            .fields
            .fields
            .iter()
            .filter_map(|f| {
                let FieldId::Score(i) = f.key else {
                    return None;
                };
                let n: u8 = f.value.as_string().parse().ok()?;
                Some((self.statements.get(i)?.clone(), n))
            })
            .collect();
        if scores.is_empty() {
            return Err(
                "Rate at least one statement (← → on it), or Esc to leave the survey for now."
                    .into(),
            );
        }
        Ok(Survey {
            id: Uuid::now_v7(),
            relationship_id: self.relationship,
            at: now,
            reason: self.reason.clone(),
            scores,
            note: self.fields.string(FieldId::Note),
        })
    }
}

impl PulseView {
    pub fn load(store: &Store, relationship: Uuid) -> Result<Option<PulseView>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        Ok(Some(PulseView {
            relationship,
            name: rel.display_name().to_string(),
            role: rel.my_role,
            surveys: store
                .surveys(relationship)?
                .into_iter()
                .filter(|s| !s.scores.is_empty())
                .collect(),
            back: super::Origin::Home(Some(relationship)),
        }))
    }
}

/// Whether the regular survey is due for a relationship on `today`: `every_days` after the
/// last one (answered or skipped) or after the start, with some contact since; or after
/// `every_contacts` contacts. `Some((reason, why))`: the reason stored with the survey, and the
/// words for the offer.
pub fn survey_due(
    store: &Store,
    relationship: Uuid,
    start: NaiveDate,
    today: NaiveDate,
    every_days: u32,
    every_contacts: u32,
) -> Result<Option<(String, String)>> {
    if every_days == 0 && every_contacts == 0 {
        return Ok(None);
    }
    let last = store.surveys(relationship)?.last().map(|s| s.at);
    let since = match last {
        Some(at) => crate::store::local_day(at),
        None => start,
    };
    let from = last.unwrap_or_else(|| {
        since
            .and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MIN_UTC, |d| d.and_utc())
    });
    let contacts = store.contacts_since(relationship, from)?;
    if every_days > 0 && (today - since).num_days() >= i64::from(every_days) && contacts > 0 {
        let reason = every_phrase(every_days);
        let why = format!("Time for the {reason} pulse");
        return Ok(Some((reason, why)));
    }
    if every_contacts > 0 && contacts >= every_contacts as usize {
        let why = format!("After {contacts} meetings and check-ins, time for a pulse");
        return Ok(Some(("contacts".to_string(), why)));
    }
    Ok(None)
}

pub(super) fn open_survey(
    app: &mut App,
    store: &mut Store,
    relationship: Uuid,
    reason: &str,
) -> Result<()> {
    if let Some(mut form) = SurveyForm::new(store, relationship, reason, app.content)? {
        form.back = super::journal::origin_here(app);
        app.screen = Screen::Survey(Box::new(form));
    }
    Ok(())
}

pub(super) fn open_pulse(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
) -> Result<()> {
    let Some(id) = relationship else {
        app.info("Choose a relationship first.");
        return Ok(());
    };
    if let Some(mut view) = PulseView::load(store, id)? {
        view.back = match &app.screen {
            // After a survey, the pulse goes back where the survey would have; a survey
            // taken from this pulse does not come between.
            Screen::Survey(f) => match &f.back {
                super::Origin::Kept(s) => match &**s {
                    Screen::Pulse(p) => p.back.clone(),
                    _ => f.back.clone(),
                },
                back => back.clone(),
            },
            _ => super::journal::origin_here(app),
        };
        app.screen = Screen::Pulse(view);
    }
    Ok(())
}

pub(super) fn survey_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Survey(form) = &mut app.screen else {
        return Ok(());
    };
    let effect = match action {
        Action::Save => {
            match form.read(now) {
                Ok(survey) => {
                    store.save_survey(&survey)?;
                    let id = form.relationship;
                    open_pulse(app, store, Some(id))?;
                    app.info("Thank you: the pulse is saved.");
                }
                Err(why) => form.error = Some(why),
            }
            return Ok(());
        }
        Action::Back => {
            if form.changed() {
                app.push_popup(Popup::discard_survey());
            } else {
                let back = form.back.clone();
                return super::journal::go_to(app, store, back);
            }
            return Ok(());
        }
        Action::Next | Action::Down | Action::Confirm if !form.fields.on_long() => {
            form.fields.step(1);
            Effect::Moved
        }
        Action::Next | Action::Down => {
            form.fields.step(1);
            Effect::Moved
        }
        Action::Prev | Action::Up => {
            form.fields.step(-1);
            Effect::Moved
        }
        Action::Confirm => form.fields.enter(),
        Action::Edit(e) => {
            // Digits rate the statement under the cursor directly.
            if let super::InputEdit::Insert(c @ '1'..='5') = e
                && !form.fields.on_long()
                && let Some(v) = form.fields.current_mut().map(|f| &mut f.value)
            {
                v.set_string(&c.to_string());
                form.fields.step(1);
                Effect::Changed
            } else {
                form.fields.edit(&e)
            }
        }
        Action::Paste(p) => form.fields.paste(&p),
        Action::Undo => form.fields.undo(false),
        Action::Redo => form.fields.undo(true),
        _ => Effect::Nothing,
    };
    match effect {
        Effect::Refused(why) => form.error = Some(why),
        Effect::Changed => form.error = None,
        _ => {}
    }
    Ok(())
}

pub(super) fn pulse_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::Pulse(v) = &app.screen else {
        return Ok(());
    };
    let (id, back) = (v.relationship, v.back.clone());
    match action {
        Action::Back => super::journal::go_to(app, store, back),
        Action::Confirm | Action::TakeSurvey => open_survey(app, store, id, "asked"),
        _ => Ok(()),
    }
}

/// The offer of the regular survey: y takes it, n skips this one, Esc asks again later.
pub(super) fn offer_reply(relationship: Uuid, reason: &str, action: &Action) -> Reply {
    match action {
        Action::Yes | Action::Confirm => Reply::CloseThen(Then::TakeSurvey {
            relationship,
            reason: reason.to_string(),
        }),
        Action::No => Reply::CloseThen(Then::SkipSurvey(relationship)),
        Action::Back | Action::Quit => Reply::CloseThen(Then::SurveyLater),
        _ => Reply::Keep,
    }
}

/// Records a skipped survey, so the next is offered after the usual interval.
pub(super) fn skip_survey(app: &mut App, store: &mut Store, relationship: Uuid) -> Result<()> {
    let skipped = Survey {
        id: Uuid::now_v7(),
        relationship_id: relationship,
        at: app.now.with_timezone(&Utc),
        reason: "skipped".into(),
        scores: Vec::new(),
        note: String::new(),
    };
    store.save_survey(&skipped)?;
    app.info(format!(
        "Skipped: the next pulse is offered in {}.",
        crate::words::count(app.settings.survey_every_days, "day", "days")
    ));
    Ok(())
}

/// The first relationship whose regular survey is due, for `checkins::check`.
pub fn first_survey_due(
    store: &Store,
    rows: &[DueRow],
    today: NaiveDate,
    every_days: u32,
    every_contacts: u32,
) -> Result<Option<(Uuid, String, String, String)>> {
    for r in rows {
        let start = r
            .relationship
            .agreed_on
            .unwrap_or_else(|| crate::store::local_day(r.relationship.created_at));
        if let Some((reason, why)) = survey_due(
            store,
            r.relationship.id,
            start,
            today,
            every_days,
            every_contacts,
        )? {
            return Ok(Some((
                r.relationship.id,
                r.relationship.display_name().to_string(),
                reason,
                why,
            )));
        }
    }
    Ok(None)
}

/// Days in a month, for the "monthly" wording.
pub fn every_phrase(days: u32) -> String {
    match days {
        30 | 31 => "monthly".to_string(),
        7 => "weekly".to_string(),
        n => format!("every {n} days"),
    }
}

#[cfg(test)]
mod offer_tests {
    use super::*;

    #[test]
    fn the_offer_is_taken_on_yes_skipped_on_no_and_put_off_on_esc() {
        let id = Uuid::now_v7();
        assert_eq!(
            offer_reply(id, "monthly", &Action::Yes),
            Reply::CloseThen(Then::TakeSurvey {
                relationship: id,
                reason: "monthly".into()
            })
        );
        assert_eq!(
            offer_reply(id, "monthly", &Action::No),
            Reply::CloseThen(Then::SkipSurvey(id))
        );
        assert_eq!(
            offer_reply(id, "monthly", &Action::Back),
            Reply::CloseThen(Then::SurveyLater)
        );
        assert_eq!(offer_reply(id, "monthly", &Action::Down), Reply::Keep);
    }
}
