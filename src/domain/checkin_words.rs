//! Where a relationship's check-ins stand, in words: "last contact 23 days ago · agreed every
//! 2 weeks · you reach out", "check-in overdue by 9 days", "meeting planned for 2026-12-10".
//! The rule that decides it is in [`super::checkin`].

use chrono::NaiveDate;

use super::Cadence;
use super::checkin::{DueState, Schedule};

/// Who reaches out, in words for the person reading: "you reach out", "Sam said they'd
/// reach out", "either of you can reach out".
pub fn initiator_phrase(initiator: Option<super::Initiator>, other: &str) -> Option<String> {
    Some(match initiator? {
        super::Initiator::Me => "you reach out".to_string(),
        super::Initiator::Them => format!("{other} said they'd reach out"),
        super::Initiator::Either => "either of you can reach out".to_string(),
    })
}

/// "today", "yesterday", "23 days ago".
pub fn days_ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    }
}

/// The check-in line for a relationship: "last contact 23 days ago · agreed every 2 weeks ·
/// you reach out".
pub fn summary(
    state: &DueState,
    cadence: Option<Cadence>,
    schedule: Schedule,
    initiator: Option<super::Initiator>,
    other: &str,
    today: NaiveDate,
) -> String {
    let contact = state
        .last_contact
        .map(|c| format!("last contact {}", days_ago((today - c).num_days())));
    summary_with(contact, cadence, schedule, initiator, other)
}

/// The check-in line with the last contact as a date, for what is read later than it was
/// written (a calendar file): "last contact on 2026-11-28 · agreed every 2 weeks".
pub fn dated_summary(
    state: &DueState,
    cadence: Option<Cadence>,
    schedule: Schedule,
    initiator: Option<super::Initiator>,
    other: &str,
) -> String {
    let contact = state
        .last_contact
        .map(|c| format!("last contact on {}", c.format("%Y-%m-%d")));
    summary_with(contact, cadence, schedule, initiator, other)
}

fn summary_with(
    contact: Option<String>,
    cadence: Option<Cadence>,
    schedule: Schedule,
    initiator: Option<super::Initiator>,
    other: &str,
) -> String {
    let mut parts = vec![contact.unwrap_or_else(|| "no contact logged yet".to_string())];
    match (schedule.describe(), cadence) {
        (Some(s), _) => parts.push(format!("agreed {s}")),
        (None, Some(c)) => parts.push(format!("agreed {}", c.describe())),
        (None, None) => {}
    }
    if let Some(who) = initiator_phrase(initiator, other) {
        parts.push(who);
    }
    parts.join(" · ")
}

/// "overdue by 9 days", "due today", "next on 2026-12-01", "meeting planned for 2026-12-01".
pub fn due_phrase(state: &DueState) -> String {
    if let Some(until) = state.snoozed_until {
        return format!("snoozed until {}", until.format("%Y-%m-%d"));
    }
    if let Some(day) = state.planned_meeting {
        let day = day.format("%Y-%m-%d");
        return match state.days_overdue {
            0 if state.due => "meeting planned for today".to_string(),
            0 => format!("meeting planned for {day}"),
            1 => format!("check-in overdue by 1 day (meeting planned for {day})"),
            n => format!("check-in overdue by {n} days (meeting planned for {day})"),
        };
    }
    match state.days_overdue {
        0 if state.due => "check-in due today".to_string(),
        0 => format!("next check-in {}", state.next_due.format("%Y-%m-%d")),
        1 => "check-in overdue by 1 day".to_string(),
        n => format!("check-in overdue by {n} days"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CadenceUnit;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_dated_summary_names_the_day_of_the_last_contact() {
        let s = DueState {
            last_contact: Some(d(2026, 11, 28)),
            next_due: d(2026, 12, 12),
            days_overdue: 0,
            due: false,
            snoozed_until: None,
            planned_meeting: None,
        };
        let every_two_weeks = Some(Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        });
        let schedule = Schedule::SinceLastContact;
        let line = dated_summary(&s, every_two_weeks, schedule, None, "Sam");
        assert_eq!(line, "last contact on 2026-11-28 · agreed every 2 weeks");
        // The screen's line says the same relative to the day it is drawn.
        let line = summary(&s, every_two_weeks, schedule, None, "Sam", d(2026, 12, 2));
        assert_eq!(line, "last contact 4 days ago · agreed every 2 weeks");
    }
}
