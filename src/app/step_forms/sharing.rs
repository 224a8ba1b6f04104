//! The forms of the questions on how the pair shares the work and the time: each person's
//! hours, who does what, and a one-choice question with room for the person's own words.

use crate::app::fields::FieldId;
use crate::app::form::{FieldKind, Form};
use crate::domain::{AnswerValue, Duties, Duty, MonthlyHours, Who};

/// The choice of a pick question that stands for the person's own words.
const OWN: &str = "+own";

/// Two lines, mine and theirs, each taking "4" or "about 4".
pub(super) fn hours_each_form(f: &mut Form, saved: Option<&AnswerValue>, other: &str) {
    // One number saved before each person's time was asked counts for both.
    let (mine, theirs) = match saved {
        Some(AnswerValue::TimeEach { mine, theirs }) => (
            mine.map(MonthlyHours::to_input),
            theirs.map(MonthlyHours::to_input),
        ),
        Some(AnswerValue::Hours { per_month }) => {
            (Some(per_month.to_string()), Some(per_month.to_string()))
        }
        _ => (None, None),
    };
    f.title("Hours a month");
    let line = FieldKind::Text { multiline: false };
    f.field(FieldId::Hours, "Me", &mine.unwrap_or_default(), line, None);
    // The other person's hours; the field's name is the one "the other person" has.
    f.field(
        FieldId::Other,
        other,
        &theirs.unwrap_or_default(),
        line,
        None,
    );
}

pub(super) fn read_hours_each(form: &Form) -> Result<AnswerValue, String> {
    let mine =
        MonthlyHours::parse(form.value(FieldId::Hours)).map_err(|e| format!("Your hours: {e}"))?;
    let theirs =
        MonthlyHours::parse(form.value(FieldId::Other)).map_err(|e| format!("Their hours: {e}"))?;
    Ok(AnswerValue::TimeEach { mine, theirs })
}

/// One part per duty, each a choice of me, them or both.
pub(super) fn duties_form(f: &mut Form, saved: Option<&AnswerValue>, other: &str) {
    let duties = match saved {
        Some(AnswerValue::Duties { duties }) => *duties,
        _ => Duties::default(),
    };
    for duty in Duty::ALL {
        f.title(duty.question());
        let g = f.group(false);
        for who in Who::ALL {
            let label = match who {
                Who::Me => "I do".to_string(),
                Who::Them => format!("{other} does"),
                Who::Both => "Both of us".to_string(),
            };
            f.choice(g, who.id(), &label, None, duties.get(duty) == Some(who));
        }
    }
}

pub(super) fn read_duties(form: &Form) -> AnswerValue {
    let mut duties = Duties::default();
    for (g, duty) in Duty::ALL.into_iter().enumerate() {
        duties.set(duty, form.chosen_one(g).and_then(|w| Who::from_id(&w)));
    }
    AnswerValue::Duties { duties }
}

/// The suggestions, then "something else" with a line that picks it when typed in.
pub(super) fn pick_form(f: &mut Form, suggestions: &[String], saved: Option<&AnswerValue>) {
    let picked = match saved {
        Some(AnswerValue::Pick { picked }) => Some(picked.as_str()),
        _ => None,
    };
    let own = picked.filter(|p| !suggestions.iter().any(|s| s == p));
    let g = f.group(false);
    for s in suggestions {
        f.choice(g, s, s, None, picked == Some(s.as_str()));
    }
    f.choice(g, OWN, "Something else", None, own.is_some());
    f.field(
        FieldId::Custom,
        "In your words",
        own.unwrap_or(""),
        FieldKind::Text { multiline: false },
        Some((g, OWN)),
    );
}

/// `Ok(None)` when nothing is picked.
pub(super) fn read_pick(form: &Form) -> Result<Option<AnswerValue>, String> {
    let picked = match form.chosen_one(0) {
        None => return Ok(None),
        Some(id) if id == OWN => {
            let text = form.value(FieldId::Custom).trim();
            if text.is_empty() {
                return Err("Say it in a few words, or pick one of the choices above.".into());
            }
            text.to_string()
        }
        Some(id) => id,
    };
    Ok(Some(AnswerValue::Pick { picked }))
}
