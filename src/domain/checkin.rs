//! When the next check-in is due: counted from the last real contact at the agreed cadence, or
//! on a fixed schedule ("every other Tuesday"). Pure functions of the day they are asked on.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Cadence;
// The words for where a relationship stands live beside the rule; their paths stay.
pub use super::checkin_words::{dated_summary, days_ago, due_phrase, initiator_phrase, summary};
// The arc reviews lived here first; their paths stay.
pub use super::arc::{ArcPoint, arc_point};

/// How check-ins are scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Due the agreed cadence after the last contact (a meeting or a logged check-in).
    SinceLastContact,
    /// On a fixed day: every `every_weeks` weeks on the weekday of `anchor`, from `anchor`.
    Fixed { anchor: NaiveDate, every_weeks: u32 },
}

impl Schedule {
    /// "every other Tuesday", "every Tuesday", "every 3 weeks on Tuesday".
    pub fn describe(self) -> Option<String> {
        match self {
            Schedule::SinceLastContact => None,
            Schedule::Fixed {
                anchor,
                every_weeks,
            } => {
                let day = weekday_name(anchor.weekday());
                Some(match every_weeks {
                    1 => format!("every {day}"),
                    2 => format!("every other {day}"),
                    n => format!("every {n} weeks on {day}"),
                })
            }
        }
    }
}

pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// What the journal knows about a relationship's check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinFacts {
    pub cadence: Option<Cadence>,
    pub schedule: Schedule,
    /// The relationship's start: with no contact yet, the first check-in counts from it.
    pub start: NaiveDate,
    /// The day of the last meeting or logged check-in.
    pub last_contact: Option<NaiveDate>,
    /// "Remind me again on…": the day a snooze ends, and the day it was set.
    pub snooze: Option<(NaiveDate, NaiveDate)>,
    /// "The next one is on…": the rescheduled day, and the day it was set.
    pub rescheduled: Option<(NaiveDate, NaiveDate)>,
    /// The day the relationship was last resumed or reopened: check-ins count from it as from
    /// a new start, and a snooze or reschedule set before it no longer stands.
    pub resumed_on: Option<NaiveDate>,
}

/// Where a relationship stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueState {
    pub last_contact: Option<NaiveDate>,
    pub next_due: NaiveDate,
    /// Days past the due date (0 when not yet due).
    pub days_overdue: i64,
    /// Due today or overdue.
    pub due: bool,
    /// Due, but snoozed until this day: no prompt before it.
    pub snoozed_until: Option<NaiveDate>,
    /// The day the next meeting was planned for, when that is what the check-in is due by.
    pub planned_meeting: Option<NaiveDate>,
}

impl DueState {
    /// Due and not snoozed: worth a prompt.
    pub fn prompt(&self) -> bool {
        self.due && self.snoozed_until.is_none()
    }
}

/// A contact on or after the day something was set makes it moot.
fn still_stands(set_on: NaiveDate, last_contact: Option<NaiveDate>) -> bool {
    last_contact.is_none_or(|c| c < set_on)
}

/// The first day of a fixed schedule strictly after `after` (or on/after `from` when there was
/// no contact yet).
fn next_fixed(anchor: NaiveDate, every_weeks: u32, from: NaiveDate, inclusive: bool) -> NaiveDate {
    let step = i64::from(every_weeks.max(1)) * 7;
    let diff = (from - anchor).num_days();
    let k = if diff < 0 {
        0
    } else {
        let k = diff / step;
        let on = anchor + chrono::Duration::days(k * step);
        if on == from && inclusive { k } else { k + 1 }
    };
    anchor
        .checked_add_days(Days::new((k * step) as u64))
        .unwrap_or(NaiveDate::MAX)
}

/// The check-in state on `today`; `None` when no cadence or schedule was agreed.
pub fn due_state(f: &CheckinFacts, today: NaiveDate) -> Option<DueState> {
    due_state_planned(f, None, today)
}

/// The check-in state on `today` when the latest meeting planned the next one for
/// `planned_meeting`: that day is when the next check-in is due, in place of the cadence or
/// the schedule, as long as it is later than the last contact. A meeting planned far off
/// cannot silence check-ins for months: it moves the next check-in at most one cadence (on a
/// fixed schedule, one period) past the day it would be due without the plan, so the due day
/// is the earlier of the planned day and that limit. A reschedule set after the meeting, or a
/// resume after the last contact, still comes first. `None` when no cadence or schedule was
/// agreed.
pub fn due_state_planned(
    f: &CheckinFacts,
    planned_meeting: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<DueState> {
    // A resume after the last contact counts like a new start (the pause was not missed
    // contact); the last contact itself is still shown as it was.
    let restart = f.resumed_on.filter(|r| Some(*r) > f.last_contact);
    // The day due without a plan, and the latest day a planned meeting may move it to.
    let (natural, latest) = match f.schedule {
        Schedule::SinceLastContact => {
            let cadence = f.cadence?;
            let natural = cadence.next_due(restart.or(f.last_contact).unwrap_or(f.start));
            (natural, cadence.next_due(natural))
        }
        Schedule::Fixed {
            anchor,
            every_weeks,
        } => {
            let natural = match (restart, f.last_contact) {
                (Some(r), _) => next_fixed(anchor, every_weeks, r.max(anchor), true),
                (None, Some(c)) => next_fixed(anchor, every_weeks, c, false),
                (None, None) => next_fixed(anchor, every_weeks, f.start.max(anchor), true),
            };
            (natural, next_fixed(anchor, every_weeks, natural, false))
        }
    };
    let stands = |set_on: NaiveDate| {
        still_stands(set_on, f.last_contact) && f.resumed_on.is_none_or(|r| r <= set_on)
    };
    // The plan was made at the latest meeting, so on or before the last contact: a resume
    // after that contact leaves it behind, and a contact after the planned day makes it moot.
    let planned =
        planned_meeting.filter(|p| restart.is_none() && f.last_contact.is_some_and(|c| *p > c));
    // A reschedule that still stands was set after the last contact, so after the plan too.
    let (next_due, planned_meeting) = match (f.rescheduled, planned) {
        (Some((to, set_on)), _) if stands(set_on) => (to, None),
        // The planned day is named only when it is the day the check-in is due.
        (_, Some(p)) if p <= latest => (p, Some(p)),
        (_, Some(_)) => (latest, None),
        _ => (natural, None),
    };
    let days_overdue = (today - next_due).num_days().max(0);
    let due = today >= next_due;
    let snoozed_until = match f.snooze {
        Some((until, set_on)) if due && today < until && stands(set_on) => Some(until),
        _ => None,
    };
    Some(DueState {
        last_contact: f.last_contact,
        next_due,
        days_overdue,
        due,
        snoozed_until,
        planned_meeting,
    })
}

/// How a quick check-in happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Message,
    Email,
    Call,
    Other,
}

impl ContactKind {
    pub const ALL: [ContactKind; 4] = [
        ContactKind::Message,
        ContactKind::Email,
        ContactKind::Call,
        ContactKind::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ContactKind::Message => "message",
            ContactKind::Email => "email",
            ContactKind::Call => "call",
            ContactKind::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<ContactKind> {
        ContactKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// A quick contact between meetings; it counts as contact for the cadence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub id: uuid::Uuid,
    pub relationship_id: uuid::Uuid,
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: ContactKind,
    pub note: String,
    /// Who reached out, when said.
    pub reached_out: Option<super::Side>,
}

impl Checkin {
    pub fn new(
        relationship_id: uuid::Uuid,
        kind: ContactKind,
        note: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Checkin {
        Checkin {
            id: uuid::Uuid::now_v7(),
            relationship_id,
            at,
            kind,
            note: note.to_string(),
            reached_out: None,
        }
    }
}

/// A relationship's check-in plan as stored: the schedule, and a snooze or reschedule with
/// the day each was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinPlan {
    pub schedule: Schedule,
    pub snooze: Option<(NaiveDate, NaiveDate)>,
    pub rescheduled: Option<(NaiveDate, NaiveDate)>,
}

impl Default for CheckinPlan {
    fn default() -> CheckinPlan {
        CheckinPlan {
            schedule: Schedule::SinceLastContact,
            snooze: None,
            rescheduled: None,
        }
    }
}

/// The average of a survey's scores (1-5), when it has any.
pub fn average(scores: &[(String, u8)]) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    Some(scores.iter().map(|(_, s)| f64::from(*s)).sum::<f64>() / scores.len() as f64)
}

/// A relationship may be at risk: the last two pulse surveys averaged 2.5 or less, or the
/// check-in is overdue by a whole cadence more (a second one missed). Says why.
pub fn at_risk(
    averages: &[f64],
    state: Option<&DueState>,
    cadence_days: Option<u32>,
) -> Option<String> {
    if let [.., a, b] = averages
        && *a <= 2.5
        && *b <= 2.5
    {
        return Some(format!(
            "at risk: the last two pulse surveys were low ({a:.1} and {b:.1} of 5)"
        ));
    }
    if let (Some(s), Some(days)) = (state, cadence_days)
        && s.snoozed_until.is_none()
        && s.days_overdue >= i64::from(days.max(1))
    {
        return Some("at risk: two check-ins in a row have been missed".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CadenceUnit;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekly(n: u32) -> CheckinFacts {
        CheckinFacts {
            cadence: Some(Cadence {
                every: n,
                unit: CadenceUnit::Weeks,
            }),
            schedule: Schedule::SinceLastContact,
            start: d(2026, 10, 1),
            last_contact: None,
            snooze: None,
            rescheduled: None,
            resumed_on: None,
        }
    }

    #[test]
    fn counted_from_the_last_contact_or_the_start() {
        let mut f = weekly(2);
        let s = due_state(&f, d(2026, 10, 10)).unwrap();
        assert_eq!(
            (s.next_due, s.due, s.days_overdue),
            (d(2026, 10, 15), false, 0)
        );
        let s = due_state(&f, d(2026, 10, 20)).unwrap();
        assert_eq!((s.due, s.days_overdue), (true, 5));
        f.last_contact = Some(d(2026, 10, 18));
        let s = due_state(&f, d(2026, 10, 20)).unwrap();
        assert_eq!((s.next_due, s.due), (d(2026, 11, 1), false));
        f.cadence = None;
        assert_eq!(
            due_state(&f, d(2026, 10, 20)),
            None,
            "nothing agreed: nothing due"
        );
    }

    #[test]
    fn month_ends_and_leap_days() {
        let mut f = weekly(1);
        f.cadence = Some(Cadence {
            every: 3,
            unit: CadenceUnit::Days,
        });
        f.last_contact = Some(d(2028, 2, 27));
        assert_eq!(
            due_state(&f, d(2028, 2, 28)).unwrap().next_due,
            d(2028, 3, 1)
        );
        f.last_contact = Some(d(2027, 2, 27));
        assert_eq!(
            due_state(&f, d(2027, 2, 28)).unwrap().next_due,
            d(2027, 3, 2)
        );
        f.last_contact = Some(d(2026, 12, 30));
        assert_eq!(
            due_state(&f, d(2027, 1, 1)).unwrap().next_due,
            d(2027, 1, 2)
        );
    }

    #[test]
    fn every_other_tuesday() {
        let tuesday = d(2026, 11, 3);
        assert_eq!(tuesday.weekday(), Weekday::Tue);
        let mut f = weekly(2);
        f.schedule = Schedule::Fixed {
            anchor: tuesday,
            every_weeks: 2,
        };
        f.start = d(2026, 11, 1);
        assert_eq!(
            f.schedule.describe().as_deref(),
            Some("every other Tuesday")
        );
        // No contact yet: the first Tuesday on the schedule.
        assert_eq!(due_state(&f, d(2026, 11, 2)).unwrap().next_due, tuesday);
        // Met on the day: the next is two weeks on.
        f.last_contact = Some(tuesday);
        assert_eq!(
            due_state(&f, d(2026, 11, 4)).unwrap().next_due,
            d(2026, 11, 17)
        );
        // Met a day early: that Tuesday still counts as done.
        f.last_contact = Some(d(2026, 11, 16));
        assert_eq!(
            due_state(&f, d(2026, 11, 16)).unwrap().next_due,
            d(2026, 11, 17)
        );
        // Missed it: overdue from the Tuesday.
        f.last_contact = Some(tuesday);
        let s = due_state(&f, d(2026, 11, 20)).unwrap();
        assert_eq!((s.next_due, s.days_overdue), (d(2026, 11, 17), 3));
    }

    #[test]
    fn snoozes_and_reschedules_end_with_the_next_contact() {
        let mut f = weekly(1);
        f.last_contact = Some(d(2026, 11, 1));
        let today = d(2026, 11, 10);
        f.snooze = Some((d(2026, 11, 12), today));
        let s = due_state(&f, today).unwrap();
        assert!(s.due && !s.prompt());
        assert_eq!(s.snoozed_until, Some(d(2026, 11, 12)));
        // The snooze ends while the app is open: the next day it asks again.
        assert!(due_state(&f, d(2026, 11, 12)).unwrap().prompt());
        // Rescheduled to Friday: not due until then.
        f.snooze = None;
        f.rescheduled = Some((d(2026, 11, 13), today));
        let s = due_state(&f, today).unwrap();
        assert_eq!((s.next_due, s.due), (d(2026, 11, 13), false));
        // A contact after that replaces the reschedule.
        f.last_contact = Some(d(2026, 11, 11));
        assert_eq!(
            due_state(&f, d(2026, 11, 12)).unwrap().next_due,
            d(2026, 11, 18)
        );
    }

    #[test]
    fn a_planned_meeting_is_when_the_next_check_in_is_due() {
        let mut f = weekly(2);
        f.last_contact = Some(d(2026, 11, 2));
        // Met on the 2nd and planned the next for the 25th: not due on the 16th (the cadence
        // alone says so), due on the 25th.
        let s = due_state_planned(&f, Some(d(2026, 11, 25)), d(2026, 11, 20)).unwrap();
        assert_eq!(
            (s.next_due, s.due, s.planned_meeting),
            (d(2026, 11, 25), false, Some(d(2026, 11, 25)))
        );
        assert_eq!(due_phrase(&s), "meeting planned for 2026-11-25");
        let s = due_state_planned(&f, Some(d(2026, 11, 25)), d(2026, 11, 25)).unwrap();
        assert!(s.prompt());
        assert_eq!(due_phrase(&s), "meeting planned for today");
        let s = due_state_planned(&f, Some(d(2026, 11, 25)), d(2026, 11, 28)).unwrap();
        assert_eq!(
            due_phrase(&s),
            "check-in overdue by 3 days (meeting planned for 2026-11-25)"
        );
        // Planned sooner than the cadence: due sooner.
        let s = due_state_planned(&f, Some(d(2026, 11, 9)), d(2026, 11, 9)).unwrap();
        assert_eq!((s.next_due, s.due), (d(2026, 11, 9), true));
        // A fixed schedule gives way to the planned day as well.
        f.schedule = Schedule::Fixed {
            anchor: d(2026, 11, 3),
            every_weeks: 1,
        };
        let s = due_state_planned(&f, Some(d(2026, 11, 8)), d(2026, 11, 5)).unwrap();
        assert_eq!((s.next_due, s.due), (d(2026, 11, 8), false));
        // Nothing agreed: nothing due, planned or not.
        f.schedule = Schedule::SinceLastContact;
        f.cadence = None;
        assert_eq!(
            due_state_planned(&f, Some(d(2026, 11, 20)), d(2026, 11, 12)),
            None
        );
    }

    #[test]
    fn a_meeting_planned_far_off_moves_the_check_in_at_most_one_cadence() {
        let mut f = weekly(2);
        f.last_contact = Some(d(2026, 11, 2));
        // Due on the 16th without a plan; a plan can move it to the 30th at the latest.
        let s = due_state_planned(&f, Some(d(2026, 11, 30)), d(2026, 11, 20)).unwrap();
        assert_eq!(
            (s.next_due, s.planned_meeting),
            (d(2026, 11, 30), Some(d(2026, 11, 30)))
        );
        assert_eq!(due_phrase(&s), "meeting planned for 2026-11-30");
        // Planned for March: the check-in is still due on the 30th, in the usual words.
        let s = due_state_planned(&f, Some(d(2027, 3, 1)), d(2026, 11, 20)).unwrap();
        assert_eq!((s.next_due, s.planned_meeting), (d(2026, 11, 30), None));
        assert_eq!(due_phrase(&s), "next check-in 2026-11-30");
        let s = due_state_planned(&f, Some(d(2027, 3, 1)), d(2026, 12, 2)).unwrap();
        assert_eq!(due_phrase(&s), "check-in overdue by 2 days");
        // Every other Tuesday from 3 November, met on the 3rd: due on the 17th, and a plan
        // can move it to 1 December at the latest.
        f.schedule = Schedule::Fixed {
            anchor: d(2026, 11, 3),
            every_weeks: 2,
        };
        f.last_contact = Some(d(2026, 11, 3));
        let s = due_state_planned(&f, Some(d(2026, 12, 1)), d(2026, 11, 20)).unwrap();
        assert_eq!(
            (s.next_due, s.planned_meeting),
            (d(2026, 12, 1), Some(d(2026, 12, 1)))
        );
        let s = due_state_planned(&f, Some(d(2026, 12, 2)), d(2026, 11, 20)).unwrap();
        assert_eq!((s.next_due, s.planned_meeting), (d(2026, 12, 1), None));
        assert_eq!(due_phrase(&s), "next check-in 2026-12-01");
    }

    #[test]
    fn a_planned_meeting_gives_way_to_later_contact_reschedules_and_resumes() {
        let mut f = weekly(2);
        f.last_contact = Some(d(2026, 11, 2));
        let plan = Some(d(2026, 11, 25));
        // A quick message on the 5th does not cancel the meeting planned for the 25th.
        f.last_contact = Some(d(2026, 11, 5));
        let s = due_state_planned(&f, plan, d(2026, 11, 20)).unwrap();
        assert_eq!(s.next_due, d(2026, 11, 25));
        // In touch on or after the planned day: the plan is done, the cadence counts again.
        f.last_contact = Some(d(2026, 11, 25));
        let s = due_state_planned(&f, plan, d(2026, 11, 26)).unwrap();
        assert_eq!((s.next_due, s.planned_meeting), (d(2026, 12, 9), None));
        assert_eq!(due_phrase(&s), "next check-in 2026-12-09");
        // Rescheduled after the meeting: the new day stands.
        f.last_contact = Some(d(2026, 11, 2));
        f.rescheduled = Some((d(2026, 11, 30), d(2026, 11, 10)));
        let s = due_state_planned(&f, plan, d(2026, 11, 26)).unwrap();
        assert_eq!((s.next_due, s.planned_meeting), (d(2026, 11, 30), None));
        // A reschedule from before the meeting no longer stands; the plan does.
        f.rescheduled = Some((d(2026, 11, 30), d(2026, 10, 28)));
        let s = due_state_planned(&f, plan, d(2026, 11, 26)).unwrap();
        assert_eq!((s.next_due, s.due), (d(2026, 11, 25), true));
        // Paused and resumed after the meeting: counted from the resume, as a new start.
        f.rescheduled = None;
        f.resumed_on = Some(d(2026, 11, 20));
        let s = due_state_planned(&f, plan, d(2026, 11, 22)).unwrap();
        assert_eq!((s.next_due, s.planned_meeting), (d(2026, 12, 4), None));
        // A snooze still holds back the prompt of a planned day gone by.
        f.resumed_on = None;
        f.snooze = Some((d(2026, 11, 29), d(2026, 11, 26)));
        let s = due_state_planned(&f, plan, d(2026, 11, 27)).unwrap();
        assert!(s.due && !s.prompt());
    }

    #[test]
    fn a_clock_that_goes_backwards_changes_nothing_stored() {
        // The state is computed, never stored: an earlier "today" gives the earlier answer.
        let mut f = weekly(1);
        f.last_contact = Some(d(2026, 11, 1));
        let later = due_state(&f, d(2026, 11, 20)).unwrap();
        let earlier = due_state(&f, d(2026, 11, 5)).unwrap();
        assert_eq!(later.next_due, earlier.next_due);
        assert!(later.due && !earlier.due);
        assert_eq!(earlier.days_overdue, 0);
    }

    #[test]
    fn at_risk_after_two_low_pulses_or_two_missed_check_ins() {
        assert_eq!(average(&[("a".into(), 2), ("b".into(), 3)]), Some(2.5));
        assert_eq!(average(&[]), None);
        assert!(
            at_risk(&[4.0, 2.0, 2.5], None, None)
                .unwrap()
                .contains("2.0 and 2.5")
        );
        assert_eq!(
            at_risk(&[2.0, 3.0], None, None),
            None,
            "one low pulse is not a pattern"
        );
        let mut f = weekly(2);
        f.last_contact = Some(d(2026, 10, 1));
        let one_missed = due_state(&f, d(2026, 10, 20)).unwrap();
        assert_eq!(at_risk(&[], Some(&one_missed), Some(14)), None);
        let two_missed = due_state(&f, d(2026, 10, 29)).unwrap();
        assert!(
            at_risk(&[], Some(&two_missed), Some(14))
                .unwrap()
                .contains("two check-ins")
        );
    }
}
