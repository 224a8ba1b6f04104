//! The agreement beside what happened: the time agreed against the minutes logged in meetings,
//! the agreed rhythm against the real gaps between contacts, who agreed to reach out against who
//! did, and the planned end against today. Pure: the store gathers the facts, every screen and
//! document says them with [`Reality::sentences`], kindly and without judgement.

use chrono::{Datelike, NaiveDate};

use super::{Agreement, AnswerValue, Cadence, ContactKind, Initiator, MonthlyHours, Side};

/// How a contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactWay {
    /// A logged meeting, with its length when one was given.
    Meeting { minutes: Option<u32> },
    /// A quick check-in between meetings.
    Checkin(ContactKind),
}

/// One real contact of a relationship: a meeting or a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub day: NaiveDate,
    pub way: ContactWay,
    pub reached_out: Option<Side>,
}

/// The time the pair agreed on, as the agreement's time question holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreedTime {
    /// One number for the pair (the question's first form).
    Together(u32),
    /// What each can give; one may give more than the other.
    Each {
        mine: Option<MonthlyHours>,
        theirs: Option<MonthlyHours>,
    },
}

impl AgreedTime {
    /// The hours a month meetings can take: what both can give (the smaller of two).
    pub fn shared_hours(self) -> Option<u32> {
        match self {
            AgreedTime::Together(h) => Some(h),
            AgreedTime::Each { mine, theirs } => match (mine, theirs) {
                (Some(a), Some(b)) => Some(a.hours.min(b.hours)),
                (Some(a), None) | (None, Some(a)) => Some(a.hours),
                (None, None) => None,
            },
        }
    }
}

/// What the agreement says about time, rhythm, reaching out and the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedTerms {
    pub start: NaiveDate,
    pub cadence: Option<Cadence>,
    pub initiator: Option<Initiator>,
    pub time: Option<AgreedTime>,
    pub planned_end: Option<NaiveDate>,
    /// The day the relationship closed, when it is closed: the look back ends there.
    pub closed_on: Option<NaiveDate>,
    /// The stretches it was paused, from the pause to the resume (or to today while still
    /// paused): a holiday is not a gap in contact.
    pub pauses: Vec<(NaiveDate, NaiveDate)>,
}

impl AgreedTerms {
    /// The terms of `agreement` for a relationship that started on `start`.
    pub fn of(agreement: &Agreement, start: NaiveDate, closed_on: Option<NaiveDate>) -> Self {
        let time = match agreement.get("time") {
            Some(AnswerValue::Hours { per_month }) => Some(AgreedTime::Together(*per_month)),
            Some(AnswerValue::TimeEach { mine, theirs }) if mine.is_some() || theirs.is_some() => {
                Some(AgreedTime::Each {
                    mine: *mine,
                    theirs: *theirs,
                })
            }
            _ => None,
        };
        AgreedTerms {
            start,
            cadence: agreement.cadence(),
            initiator: agreement.initiator(),
            time,
            planned_end: agreement.planned_end(start),
            closed_on,
            pauses: Vec::new(),
        }
    }
}

/// The minutes logged in the meetings of one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthTime {
    /// The first day of the month.
    pub month: NaiveDate,
    pub minutes: u32,
    pub meetings: usize,
}

/// The gaps between contacts, in days, without the days the relationship was paused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gaps {
    pub average_days: f64,
    pub longest_days: i64,
}

/// Who reached out, over the contacts where it was noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReachedOut {
    pub me: usize,
    pub other: usize,
    pub not_noted: usize,
}

/// The agreement beside what happened, up to `today` (or the day it closed).
#[derive(Debug, Clone, PartialEq)]
pub struct Reality {
    pub terms: AgreedTerms,
    /// The first day looked at: the start, or an earlier contact (a first talk before the
    /// agreement counts too).
    pub from: NaiveDate,
    /// The last day looked at: today, or the closing day.
    pub until: NaiveDate,
    /// Days since the last contact while the relationship runs (paused days left out).
    pub open_gap: Option<i64>,
    /// Every month from the start's to `until`'s, oldest first (empty when `until` is before
    /// the start).
    pub months: Vec<MonthTime>,
    pub meetings: usize,
    /// Meetings logged without a length (their time is not in `months`).
    pub meetings_without_length: usize,
    pub checkins: usize,
    /// `None` with fewer than two days of contact.
    pub gaps: Option<Gaps>,
    pub last_contact: Option<NaiveDate>,
    pub reached_out: ReachedOut,
}

/// The days of an average month (365.25 / 12).
const DAYS_A_MONTH: f64 = 30.4375;

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// "3 h 10 min", "45 min", "2 h".
pub fn hours_and_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// "You can give about 4 hours a month and Sam 2", "Sam can give 2 hours a month".
fn each_can_give(mine: Option<MonthlyHours>, theirs: Option<MonthlyHours>, other: &str) -> String {
    let amount = |h: MonthlyHours| format!("{}{}", if h.about { "about " } else { "" }, h.hours);
    let unit = |h: MonthlyHours| if h.hours == 1 { "hour" } else { "hours" };
    match (mine, theirs) {
        (Some(m), Some(t)) => format!(
            "You can give {} {} a month and {other} {}",
            amount(m),
            unit(m),
            amount(t)
        ),
        (Some(m), None) => format!("You can give {} {} a month", amount(m), unit(m)),
        (None, Some(t)) => format!("{other} can give {} {} a month", amount(t), unit(t)),
        (None, None) => "No time was agreed".to_string(),
    }
}

impl Reality {
    /// Counts `contacts` (in any order) against `terms`. Contacts after `today` (or after the
    /// closing day) are left out.
    pub fn new(terms: AgreedTerms, contacts: &[Contact], today: NaiveDate) -> Reality {
        let until = terms.closed_on.map_or(today, |c| c.min(today));
        let first_contact = contacts
            .iter()
            .filter(|c| c.day <= until)
            .map(|c| c.day)
            .min();
        let from = first_contact.map_or(terms.start, |f| f.min(terms.start));
        let mut months = Vec::new();
        let mut m = month_start(from);
        while m <= until {
            months.push(MonthTime {
                month: m,
                minutes: 0,
                meetings: 0,
            });
            match m.checked_add_months(chrono::Months::new(1)) {
                Some(next) => m = next,
                None => break,
            }
        }
        let mut days: Vec<NaiveDate> = Vec::new();
        let (mut meetings, mut without, mut checkins) = (0, 0, 0);
        let mut reached = ReachedOut::default();
        for c in contacts.iter().filter(|c| c.day <= until) {
            match c.way {
                ContactWay::Meeting { minutes } => {
                    meetings += 1;
                    let month = month_start(c.day);
                    if let Some(slot) = months.iter_mut().find(|s| s.month == month) {
                        slot.meetings += 1;
                        match minutes {
                            Some(n) => slot.minutes = slot.minutes.saturating_add(n),
                            None => without += 1,
                        }
                    } else if minutes.is_none() {
                        without += 1;
                    }
                }
                ContactWay::Checkin(_) => checkins += 1,
            }
            match c.reached_out {
                Some(Side::Me) => reached.me += 1,
                Some(Side::Other) => reached.other += 1,
                None => reached.not_noted += 1,
            }
            days.push(c.day);
        }
        days.sort_unstable();
        days.dedup();
        let paused = |a: NaiveDate, b: NaiveDate| -> i64 {
            terms
                .pauses
                .iter()
                .map(|&(p, r)| (b.min(r) - a.max(p)).num_days().max(0))
                .sum()
        };
        let span = |a: NaiveDate, b: NaiveDate| ((b - a).num_days() - paused(a, b)).max(0);
        let open_gap = match (terms.closed_on, days.last()) {
            (None, Some(&last)) => Some(span(last, until)),
            _ => None,
        };
        let gaps = (days.len() >= 2).then(|| {
            let spans: Vec<i64> = days.windows(2).map(|w| span(w[0], w[1])).collect();
            Gaps {
                average_days: spans.iter().sum::<i64>() as f64 / spans.len() as f64,
                longest_days: spans.iter().copied().max().unwrap_or(0),
            }
        });
        Reality {
            terms,
            from,
            until,
            open_gap,
            months,
            meetings,
            meetings_without_length: without,
            checkins,
            gaps,
            last_contact: days.last().copied(),
            reached_out: reached,
        }
    }

    /// How many months the look back covers, counted in days (a start on the 31st does not
    /// make July a whole month); at least one.
    pub fn months_covered(&self) -> f64 {
        let days = (self.until - self.from).num_days() + 1;
        (days as f64 / DAYS_A_MONTH).max(1.0)
    }

    /// The minutes logged a month, on average over the time covered (the first month counts
    /// whole: a pair three days in has had "a month" of three days).
    pub fn average_minutes(&self) -> Option<u32> {
        if self.months.is_empty() {
            return None;
        }
        let total: u64 = self.months.iter().map(|m| u64::from(m.minutes)).sum();
        Some((total as f64 / self.months_covered()).round() as u32)
    }

    /// Time agreed against time logged.
    pub fn time_sentence(&self, other: &str) -> String {
        let months = self.months_covered().round() as usize;
        let first_month = (self.until - self.from).num_days() < 31;
        let logged = match self.average_minutes() {
            _ if self.meetings == 0 => "no meetings are logged yet".to_string(),
            Some(avg) if self.meetings > self.meetings_without_length && first_month => format!(
                "meetings logged come to {} in the first month",
                hours_and_minutes(avg)
            ),
            Some(avg) if self.meetings > self.meetings_without_length => format!(
                "meetings logged come to {} a month on average over {}",
                hours_and_minutes(avg),
                crate::words::count(months, "month", "months")
            ),
            _ => "no meeting has a length yet".to_string(),
        };
        let without = match self.meetings_without_length {
            0 => String::new(),
            n if self.meetings > n => format!(
                " ({} without a length)",
                crate::words::count(n, "meeting", "meetings")
            ),
            _ => String::new(),
        };
        let agreed = match self.terms.time {
            None => "No time was agreed".to_string(),
            Some(AgreedTime::Together(h)) => format!(
                "You agreed on {}",
                crate::words::count(h as usize, "hour a month", "hours a month")
            ),
            Some(AgreedTime::Each { mine, theirs }) => each_can_give(mine, theirs, other),
        };
        format!("{agreed}; {logged}{without}.")
    }

    /// The agreed rhythm against the real gaps between contacts.
    pub fn rhythm_sentence(&self) -> String {
        let mut s = self.rhythm_so_far();
        // A silence longer than the agreed rhythm (or the usual gap) is said, kindly: the gaps
        // above count only the time between contacts.
        let usual = self
            .terms
            .cadence
            .map(|c| i64::from(c.days()))
            .or(self.gaps.map(|g| g.average_days.round() as i64));
        if let (Some(open), Some(usual)) = (self.open_gap, usual)
            && open > usual
        {
            s.push_str(&format!(" It has been {open} days since the last contact."));
        }
        s
    }

    fn rhythm_so_far(&self) -> String {
        let agreed = self.terms.cadence.map(|c| c.describe());
        let contacts = self.meetings + self.checkins;
        match (self.gaps, agreed) {
            (Some(g), agreed) => {
                let every = g.average_days.round().max(1.0) as i64;
                let days = if every == 1 {
                    "day".to_string()
                } else {
                    format!("{every} days")
                };
                let mut s = format!("You were in touch every {days} on average");
                match agreed {
                    Some(a) => s.push_str(&format!("; you agreed on {a}")),
                    None => s.push_str("; no rhythm was agreed"),
                }
                if g.longest_days > every {
                    s.push_str(&format!(". The longest gap was {} days", g.longest_days));
                }
                s.push('.');
                s
            }
            (None, Some(a)) if contacts > 0 => {
                format!("One day of contact so far; you agreed on {a}.")
            }
            (None, Some(a)) => format!("No contact logged yet; you agreed on {a}."),
            (None, None) if contacts > 0 => "One day of contact so far.".to_string(),
            (None, None) => "No contact logged yet.".to_string(),
        }
    }

    /// Who agreed to reach out against who did.
    pub fn reach_sentence(&self, other: &str) -> String {
        let agreed = match self.terms.initiator {
            Some(Initiator::Me) => "You agreed that you reach out".to_string(),
            Some(Initiator::Them) => format!("You agreed that {other} reaches out"),
            Some(Initiator::Either) => "You agreed that either of you reaches out".to_string(),
            None => "Who reaches out was not agreed".to_string(),
        };
        let r = self.reached_out;
        let noted = r.me + r.other;
        if noted == 0 {
            return format!("{agreed}; who reached out is not noted on any contact yet.");
        }
        let times = |n: usize| crate::words::count(n, "time", "times");
        format!(
            "{agreed}; of {} where it was noted, you reached out {} and {other} {}.",
            crate::words::count(noted, "contact", "contacts"),
            times(r.me),
            times(r.other)
        )
    }

    /// The planned end against where they are.
    pub fn end_sentence(&self) -> String {
        let week = (self.until - self.terms.start).num_days().max(0) / 7 + 1;
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        if let Some(closed) = self.terms.closed_on {
            let weeks = crate::words::count(week as usize, "week", "weeks");
            return match self.terms.planned_end {
                Some(end) => format!(
                    "It closed on {} after {weeks}; the plan was to end on {}.",
                    day(closed),
                    day(end)
                ),
                None => format!("It closed on {} after {weeks}.", day(closed)),
            };
        }
        match self.terms.planned_end {
            None => format!("No end date was agreed; this is week {week}."),
            Some(end) if end == self.until => {
                let total = (end - self.terms.start).num_days().max(0) / 7 + 1;
                format!("This is week {week} of {total}: today is the planned end.")
            }
            Some(end) if end > self.until => {
                let total = (end - self.terms.start).num_days().max(0) / 7 + 1;
                let left = (end - self.until).num_days();
                format!(
                    "This is week {week} of {total}: the planned end, {}, is {} away.",
                    day(end),
                    crate::words::count(left as usize, "day", "days")
                )
            }
            Some(end) => format!(
                "The planned end, {}, was {} ago; this is week {week}.",
                day(end),
                crate::words::count((self.until - end).num_days() as usize, "day", "days")
            ),
        }
    }

    /// The four sentences, in the order every screen and document shows them.
    pub fn sentences(&self, other: &str) -> Vec<String> {
        vec![
            self.time_sentence(other),
            self.rhythm_sentence(),
            self.reach_sentence(other),
            self.end_sentence(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CadenceUnit;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn terms() -> AgreedTerms {
        AgreedTerms {
            start: d(2026, 9, 1),
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks,
            }),
            initiator: Some(Initiator::Them),
            time: Some(AgreedTime::Together(4)),
            planned_end: Some(d(2027, 3, 1)),
            closed_on: None,
            pauses: Vec::new(),
        }
    }

    fn meeting(day: NaiveDate, minutes: Option<u32>, who: Option<Side>) -> Contact {
        Contact {
            day,
            way: ContactWay::Meeting { minutes },
            reached_out: who,
        }
    }

    #[test]
    fn gaps_count_meetings_and_checkins_by_day() {
        let contacts = [
            meeting(d(2026, 9, 1), Some(60), Some(Side::Other)),
            Contact {
                day: d(2026, 9, 20),
                way: ContactWay::Checkin(ContactKind::Message),
                reached_out: Some(Side::Me),
            },
            meeting(d(2026, 9, 20), Some(30), None),
            meeting(d(2026, 10, 6), None, Some(Side::Other)),
        ];
        let r = Reality::new(terms(), &contacts, d(2026, 10, 31));
        let g = r.gaps.unwrap();
        // Days 1 Sep, 20 Sep, 6 Oct: gaps of 19 and 16 days.
        assert!((g.average_days - 17.5).abs() < 1e-9);
        assert_eq!(g.longest_days, 19);
        assert_eq!(r.months.len(), 2);
        assert_eq!((r.months[0].minutes, r.months[0].meetings), (90, 2));
        assert_eq!((r.months[1].minutes, r.months[1].meetings), (0, 1));
        assert_eq!(r.meetings_without_length, 1);
        assert_eq!(r.average_minutes(), Some(45));
        assert_eq!(
            r.reached_out,
            ReachedOut {
                me: 1,
                other: 2,
                not_noted: 1
            }
        );
        assert_eq!(
            r.rhythm_sentence(),
            "You were in touch every 18 days on average; you agreed on every 2 weeks. \
             The longest gap was 19 days. It has been 25 days since the last contact."
        );
        assert_eq!(
            r.reach_sentence("Sam"),
            "You agreed that Sam reaches out; of 3 contacts where it was noted, you reached \
             out 1 time and Sam 2 times."
        );
        assert_eq!(
            r.time_sentence("Sam"),
            "You agreed on 4 hours a month; meetings logged come to 45 min a month on average \
             over 2 months (1 meeting without a length)."
        );
    }

    #[test]
    fn the_average_counts_the_days_covered_not_the_calendar_months_touched() {
        let mut t = terms();
        t.start = d(2026, 7, 31);
        let contacts = [
            meeting(d(2026, 8, 10), Some(300), None),
            meeting(d(2026, 9, 10), Some(350), None),
        ];
        // 31 July to 2 December: 125 days, about 4.1 months, though six months are touched.
        let r = Reality::new(t, &contacts, d(2026, 12, 2));
        assert_eq!(r.months.len(), 6);
        assert_eq!(r.average_minutes(), Some(158));
        assert!(
            r.time_sentence("Sam")
                .contains("2 h 38 min a month on average over 4 months"),
            "{}",
            r.time_sentence("Sam")
        );
        let early = Reality::new(
            terms(),
            &[meeting(d(2026, 9, 2), Some(50), None)],
            d(2026, 9, 5),
        );
        assert_eq!(
            early.time_sentence("Sam"),
            "You agreed on 4 hours a month; meetings logged come to 50 min in the first month."
        );
    }

    #[test]
    fn a_pause_is_no_gap_and_a_long_silence_is_said() {
        let mut t = terms();
        t.pauses = vec![(d(2026, 9, 10), d(2026, 10, 10))];
        let contacts = [
            meeting(d(2026, 9, 1), Some(60), None),
            meeting(d(2026, 10, 15), Some(60), None),
        ];
        // 44 days between, 30 of them paused: a gap of 14.
        let r = Reality::new(t.clone(), &contacts, d(2026, 10, 20));
        assert_eq!(r.gaps.unwrap().longest_days, 14);
        assert_eq!(r.open_gap, Some(5));
        assert_eq!(
            r.rhythm_sentence(),
            "You were in touch every 14 days on average; you agreed on every 2 weeks."
        );
        let quiet = Reality::new(t, &contacts, d(2026, 12, 1));
        assert!(
            quiet
                .rhythm_sentence()
                .ends_with(" It has been 47 days since the last contact."),
            "{}",
            quiet.rhythm_sentence()
        );
    }

    #[test]
    fn a_talk_before_the_start_counts_in_its_month() {
        let contacts = [
            meeting(d(2026, 8, 20), Some(90), None),
            meeting(d(2026, 11, 2), Some(60), None),
        ];
        let r = Reality::new(terms(), &contacts, d(2026, 11, 30));
        assert_eq!(r.from, d(2026, 8, 20));
        assert_eq!(
            r.months.first().map(|m| (m.month, m.minutes)),
            Some((d(2026, 8, 1), 90))
        );
        assert_eq!(r.months.iter().map(|m| m.minutes).sum::<u32>(), 150);
        // 103 days, about 3.4 months.
        assert_eq!(r.average_minutes(), Some(44));
    }

    #[test]
    fn the_end_reads_from_where_the_pair_is() {
        let r = Reality::new(terms(), &[], d(2026, 10, 31));
        assert_eq!(
            r.end_sentence(),
            "This is week 9 of 26: the planned end, 2027-03-01, is 121 days away."
        );
        let on_the_day = Reality::new(terms(), &[], d(2027, 3, 1));
        assert_eq!(
            on_the_day.end_sentence(),
            "This is week 26 of 26: today is the planned end."
        );
        let late = Reality::new(terms(), &[], d(2027, 3, 11));
        assert_eq!(
            late.end_sentence(),
            "The planned end, 2027-03-01, was 10 days ago; this is week 28."
        );
        let mut closed = terms();
        closed.closed_on = Some(d(2026, 12, 1));
        let c = Reality::new(
            closed,
            &[meeting(d(2026, 12, 20), Some(60), None)],
            d(2027, 1, 5),
        );
        assert_eq!(c.until, d(2026, 12, 1));
        assert_eq!(c.meetings, 0, "a contact after closing is not counted");
        assert!(
            c.end_sentence()
                .starts_with("It closed on 2026-12-01 after 14 weeks")
        );
    }

    #[test]
    fn nothing_yet_is_said_plainly() {
        let mut t = terms();
        t.time = None;
        t.initiator = None;
        let r = Reality::new(t, &[], d(2026, 9, 3));
        assert_eq!(
            r.sentences("Sam"),
            vec![
                "No time was agreed; no meetings are logged yet.".to_string(),
                "No contact logged yet; you agreed on every 2 weeks.".to_string(),
                "Who reaches out was not agreed; who reached out is not noted on any contact yet."
                    .to_string(),
                "This is week 1 of 26: the planned end, 2027-03-01, is 179 days away.".to_string(),
            ]
        );
    }

    #[test]
    fn time_each_compares_with_what_both_can_give() {
        let h = |hours, about| Some(MonthlyHours { hours, about });
        let t = AgreedTime::Each {
            mine: h(4, true),
            theirs: h(2, false),
        };
        assert_eq!(t.shared_hours(), Some(2));
        let mut terms = terms();
        terms.time = Some(t);
        assert_eq!(
            Reality::new(terms.clone(), &[], d(2026, 9, 2)).time_sentence("Sam"),
            "You can give about 4 hours a month and Sam 2; no meetings are logged yet."
        );
        terms.time = Some(AgreedTime::Each {
            mine: None,
            theirs: h(1, false),
        });
        assert!(
            Reality::new(terms, &[], d(2026, 9, 2))
                .time_sentence("Sam")
                .starts_with("Sam can give 1 hour a month;")
        );
        assert_eq!(AgreedTime::Together(3).shared_hours(), Some(3));
    }

    #[test]
    fn hours_read_as_people_say_them() {
        assert_eq!(hours_and_minutes(45), "45 min");
        assert_eq!(hours_and_minutes(120), "2 h");
        assert_eq!(hours_and_minutes(190), "3 h 10 min");
    }
}
