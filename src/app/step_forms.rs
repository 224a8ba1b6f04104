//! The form each walk-through step shows, and what a filled-in form means.

use chrono::NaiveDate;

use super::fields::{FieldId, date_hint};
use super::form::{FieldKind, Form};
use super::steps::{Step, StepValue};
use crate::content::{AnswerKind, Content};
use crate::domain::{
    Agreement, AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration, Relationship,
    ResponseTime, Role,
};

mod sharing;

const DURATIONS: [(&str, &str); 6] = [
    ("m3", "3 months"),
    ("m6", "6 months"),
    ("m12", "12 months"),
    ("project", "One project"),
    ("open", "Open-ended"),
    ("until", "Until a date"),
];

const RESPONSES: [(&str, &str); 4] = [
    ("day", "Within a day"),
    ("two_days", "Within two days"),
    ("week", "Within a week"),
    ("custom", "Something else"),
];

/// Builds a step's form, filled with what is saved.
pub fn build_form(
    step: &Step,
    profile_name: &str,
    rel: &Relationship,
    agreement: &Agreement,
    content: &Content,
) -> Form {
    let mut f = Form::default();
    match step {
        Step::Welcome | Step::Review => {}
        Step::Name => f.field(
            FieldId::Name,
            "Your name",
            profile_name,
            FieldKind::Text { multiline: false },
            None,
        ),
        Step::Other => f.field(
            FieldId::Other,
            "Their name",
            &rel.other_name,
            FieldKind::Text { multiline: false },
            None,
        ),
        Step::Role => {
            let g = f.group(false);
            for role in Role::ALL {
                f.choice(
                    g,
                    role.id(),
                    role.label(),
                    Some(role.explanation()),
                    rel.my_role == Some(role),
                );
            }
        }
        Step::Model => {
            let g = f.group(false);
            for m in &content.models {
                f.choice(
                    g,
                    &m.id,
                    &m.name,
                    Some(&m.summary),
                    rel.model.as_deref() == Some(m.id.as_str()),
                );
            }
        }
        Step::Topics => {
            let g = f.group(true);
            for t in &content.topics {
                f.choice(g, &t.id, &t.label, None, rel.topics.contains(&t.id));
            }
        }
        Step::Question(id) => {
            if let Some(q) = content.question(id) {
                question_form(
                    &mut f,
                    q.kind,
                    &q.suggestions,
                    agreement.get(id),
                    rel.display_name(),
                );
            }
        }
    }
    f.focus_first_chosen();
    f
}

fn question_form(
    f: &mut Form,
    kind: AnswerKind,
    suggestions: &[String],
    saved: Option<&AnswerValue>,
    other: &str,
) {
    match kind {
        AnswerKind::Text => {
            let text = match saved {
                Some(AnswerValue::Text { text }) => text.as_str(),
                _ => "",
            };
            f.field(
                FieldId::Answer,
                "",
                text,
                FieldKind::Text { multiline: true },
                None,
            );
        }
        AnswerKind::Outcomes => {
            let (picked, rest) = match saved {
                Some(AnswerValue::Outcomes { picked, other }) => (picked.clone(), other.as_str()),
                _ => (Vec::new(), ""),
            };
            let g = f.group(true);
            for s in suggestions {
                f.choice(g, s, s, None, picked.contains(s));
            }
            // Picks saved earlier that are no longer suggested stay visible and chosen.
            for p in picked.iter().filter(|p| !suggestions.contains(p)) {
                f.choice(g, p, p, None, true);
            }
            something_else(f, rest);
        }
        AnswerKind::Hours => {
            let hours = match saved {
                Some(AnswerValue::Hours { per_month }) => per_month.to_string(),
                _ => String::new(),
            };
            f.field(
                FieldId::Hours,
                "Hours a month",
                &hours,
                FieldKind::Number,
                None,
            );
        }
        AnswerKind::Duration => {
            let plan = match saved {
                Some(AnswerValue::Duration { plan }) => Some(*plan),
                _ => None,
            };
            let chosen = plan.map(|p| match p {
                PlannedDuration::Months { months: 3 } => "m3",
                PlannedDuration::Months { months: 6 } => "m6",
                PlannedDuration::Months { .. } => "m12",
                PlannedDuration::OneProject => "project",
                PlannedDuration::OpenEnded => "open",
                PlannedDuration::Until { .. } => "until",
            });
            let g = single_choice(f, &DURATIONS, chosen);
            let date = match plan {
                Some(PlannedDuration::Until { date }) => date.format("%Y-%m-%d").to_string(),
                _ => String::new(),
            };
            f.field(
                FieldId::Until,
                "End date (YYYY-MM-DD)",
                &date,
                FieldKind::Date,
                Some((g, "until")),
            );
        }
        AnswerKind::Contact => {
            let (initiator, cadence) = match saved {
                Some(AnswerValue::Contact { initiator, cadence }) => (*initiator, *cadence),
                _ => (None, None),
            };
            f.title("Who reaches out?");
            let who = f.group(false);
            for i in Initiator::ALL {
                let label = match i {
                    Initiator::Me => "I do".to_string(),
                    Initiator::Them => format!("{other} does"),
                    Initiator::Either => "Either of us".to_string(),
                };
                f.choice(who, i.id(), &label, None, initiator == Some(i));
            }
            let every = cadence.map(|c| c.every.to_string()).unwrap_or_default();
            f.title("How often?");
            f.field(FieldId::Every, "Every", &every, FieldKind::Number, None);
            let unit = f.group(false);
            for u in [CadenceUnit::Days, CadenceUnit::Weeks] {
                f.choice(
                    unit,
                    u.id(),
                    u.id(),
                    None,
                    cadence.map(|c| c.unit) == Some(u),
                );
            }
        }
        AnswerKind::Response => {
            let time = match saved {
                Some(AnswerValue::Response { time }) => Some(time.clone()),
                _ => None,
            };
            let chosen = time.as_ref().map(|t| match t {
                ResponseTime::Day => "day",
                ResponseTime::TwoDays => "two_days",
                ResponseTime::Week => "week",
                ResponseTime::Custom { .. } => "custom",
            });
            let g = single_choice(f, &RESPONSES, chosen);
            let custom = match &time {
                Some(ResponseTime::Custom { text }) => text.as_str(),
                _ => "",
            };
            f.field(
                FieldId::Custom,
                "In your words",
                custom,
                FieldKind::Text { multiline: false },
                Some((g, "custom")),
            );
        }
        AnswerKind::HoursEach => sharing::hours_each_form(f, saved, other),
        AnswerKind::Duties => sharing::duties_form(f, saved, other),
        AnswerKind::Pick => sharing::pick_form(f, suggestions, saved),
        AnswerKind::Media => {
            let (media, rest) = match saved {
                Some(AnswerValue::Media { media, other }) => (media.clone(), other.as_str()),
                _ => (Vec::new(), ""),
            };
            let g = f.group(true);
            for m in Medium::ALL {
                f.choice(g, m.id(), m.label(), None, media.contains(&m));
            }
            something_else(f, rest);
        }
    }
}

/// The free-text "something else" line under a list of choices.
fn something_else(f: &mut Form, text: &str) {
    f.field(
        FieldId::Other,
        "Something else",
        text,
        FieldKind::Text { multiline: false },
        None,
    );
}

/// A single-choice group of fixed options, with `chosen` picked.
fn single_choice(f: &mut Form, options: &[(&str, &str)], chosen: Option<&str>) -> usize {
    let g = f.group(false);
    for (id, label) in options {
        f.choice(g, id, label, None, chosen == Some(*id));
    }
    g
}

/// Reads a filled-in form. `Err` carries a message that says what to do.
pub fn read_form(
    step: &Step,
    form: &Form,
    today: NaiveDate,
    content: &Content,
) -> Result<StepValue, String> {
    Ok(match step {
        Step::Welcome | Step::Review => StepValue::Nothing,
        Step::Name => {
            let name = form.value(FieldId::Name).trim();
            if name.is_empty() {
                return Err("Type your name to go on: it is how mentorlog greets you and signs your agreements.".into());
            }
            StepValue::Name(name.to_string())
        }
        Step::Role => match form.chosen_one(0).and_then(|r| Role::from_id(&r)) {
            Some(role) => StepValue::Role(role),
            None => {
                return Err(
                    "Choose your role with ↑/↓ and press Enter: mentee, mentor or peer.".into(),
                );
            }
        },
        Step::Other => {
            let name = form.value(FieldId::Other).trim();
            if name.is_empty() {
                return Err(
                    "Type the other person's name to go on (a first name or a nickname is fine)."
                        .into(),
                );
            }
            StepValue::Other(name.to_string())
        }
        Step::Model => StepValue::Model(form.chosen_one(0)),
        Step::Topics => StepValue::Topics(form.chosen(0)),
        Step::Question(id) => {
            let Some(q) = content.question(id) else {
                return Ok(StepValue::Nothing);
            };
            let value = read_answer(q.kind, form, today)?;
            StepValue::Answer(value.filter(|v| !v.is_empty()))
        }
    })
}

fn read_answer(
    kind: AnswerKind,
    form: &Form,
    today: NaiveDate,
) -> Result<Option<AnswerValue>, String> {
    Ok(Some(match kind {
        AnswerKind::Text => AnswerValue::Text {
            text: form.value(FieldId::Answer).trim_end().to_string(),
        },
        AnswerKind::Outcomes => AnswerValue::Outcomes {
            picked: form.chosen(0),
            other: form.value(FieldId::Other).trim().to_string(),
        },
        AnswerKind::Hours => {
            let text = form.value(FieldId::Hours).trim();
            if text.is_empty() {
                return Ok(None);
            }
            match text.parse::<u32>() {
                Ok(n @ 1..=744) => AnswerValue::Hours { per_month: n },
                _ => return Err(
                    "Type the hours a month as a whole number from 1 to 744, or clear it to skip."
                        .into(),
                ),
            }
        }
        AnswerKind::Duration => {
            let plan = match form.chosen_one(0).as_deref() {
                None => return Ok(None),
                Some("m3") => PlannedDuration::Months { months: 3 },
                Some("m6") => PlannedDuration::Months { months: 6 },
                Some("m12") => PlannedDuration::Months { months: 12 },
                Some("project") => PlannedDuration::OneProject,
                Some("open") => PlannedDuration::OpenEnded,
                Some(_) => PlannedDuration::Until {
                    date: read_future_date(form.value(FieldId::Until), today)?,
                },
            };
            AnswerValue::Duration { plan }
        }
        AnswerKind::Contact => {
            let initiator = form.chosen_one(0).and_then(|i| Initiator::from_id(&i));
            let every = form.value(FieldId::Every).trim();
            let cadence = if every.is_empty() {
                None
            } else {
                let unit = form
                    .chosen_one(1)
                    .and_then(|u| CadenceUnit::from_id(&u))
                    .unwrap_or(CadenceUnit::Weeks);
                let n = every.parse::<u32>().unwrap_or(0);
                let cadence = Cadence { every: n, unit };
                if n == 0 || cadence.days() > Cadence::MAX_DAYS {
                    return Err("Check in every 1 to 366 days (or 1 to 52 weeks); clear the number to leave it open.".into());
                }
                Some(cadence)
            };
            AnswerValue::Contact { initiator, cadence }
        }
        AnswerKind::Response => {
            let time = match form.chosen_one(0).as_deref() {
                None => return Ok(None),
                Some("day") => ResponseTime::Day,
                Some("two_days") => ResponseTime::TwoDays,
                Some("week") => ResponseTime::Week,
                Some(_) => {
                    let text = form.value(FieldId::Custom).trim();
                    if text.is_empty() {
                        return Err("Say in a few words how quickly you answer each other, or pick one of the choices.".into());
                    }
                    ResponseTime::Custom {
                        text: text.to_string(),
                    }
                }
            };
            AnswerValue::Response { time }
        }
        AnswerKind::HoursEach => sharing::read_hours_each(form)?,
        AnswerKind::Duties => sharing::read_duties(form),
        AnswerKind::Pick => match sharing::read_pick(form)? {
            Some(value) => value,
            None => return Ok(None),
        },
        AnswerKind::Media => AnswerValue::Media {
            media: form
                .chosen(0)
                .iter()
                .filter_map(|m| Medium::from_id(m))
                .collect(),
            other: form.value(FieldId::Other).trim().to_string(),
        },
    }))
}

fn read_future_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    // An example half a year on, so it is always a day still to come.
    let example = date_hint(today, "", "+6m", "");
    if text.is_empty() {
        return Err(format!(
            "Type the end date as YYYY-MM-DD (for example {example}), or pick another choice."
        ));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("{text:?} is not a date: type it as YYYY-MM-DD, for example {example}.")
    })?;
    if date <= today {
        return Err(format!(
            "{text} is not in the future: choose an end date after today."
        ));
    }
    Ok(date)
}
