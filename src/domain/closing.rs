//! Ending a relationship well: the parts of the closing review, how far a person got with it,
//! when it is asked about again, and the counts the closing summary shows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::GoalStatus;

/// One part of the closing review, in the order they come. Each can be skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingPart {
    /// The intended result beside what happened.
    LookBack,
    /// A last pulse survey.
    Pulse,
    /// The closing reflection: looking back on the whole relationship.
    Reflection,
    /// What was learned.
    Learned,
    /// What comes next.
    Next,
    /// A thank-you note, kept private or shared.
    Thanks,
}

impl ClosingPart {
    pub const ALL: [ClosingPart; 6] = [
        ClosingPart::LookBack,
        ClosingPart::Pulse,
        ClosingPart::Reflection,
        ClosingPart::Learned,
        ClosingPart::Next,
        ClosingPart::Thanks,
    ];

    /// The reflection prompt a writing part answers (ids of the prompt list).
    pub fn prompt(self) -> Option<&'static str> {
        match self {
            ClosingPart::Reflection => Some("closing"),
            ClosingPart::Learned => Some("closing_learned"),
            ClosingPart::Next => Some("closing_next"),
            ClosingPart::Thanks => Some("thanks"),
            ClosingPart::LookBack | ClosingPart::Pulse => None,
        }
    }

    /// A short name, for the review's progress line.
    pub fn label(self) -> &'static str {
        match self {
            ClosingPart::LookBack => "Looking back",
            ClosingPart::Pulse => "A last pulse",
            ClosingPart::Reflection => "Reflection",
            ClosingPart::Learned => "What I learned",
            ClosingPart::Next => "What comes next",
            ClosingPart::Thanks => "Thank-you note",
        }
    }

    /// The part after this one; `None` after the last.
    pub fn next(self) -> Option<ClosingPart> {
        let i = ClosingPart::ALL.iter().position(|p| *p == self)?;
        ClosingPart::ALL.get(i + 1).copied()
    }

    /// Where it stands among the parts, from 1.
    pub fn number(self) -> usize {
        ClosingPart::ALL
            .iter()
            .position(|p| *p == self)
            .map_or(1, |i| i + 1)
    }
}

/// How far a person got with the closing review of one close, kept between runs so leaving
/// it loses nothing and it is asked about again later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingProgress {
    /// The close (its life event's id) this review is about: a relationship reopened and
    /// closed again gets a new review.
    pub close_event: String,
    /// The part to carry on with.
    pub part: ClosingPart,
    /// Not asked about again before this day (set when the person leaves it for later).
    #[serde(default)]
    pub ask_from: Option<NaiveDate>,
    /// What was typed in the writing parts, by prompt id, not yet saved as reflections.
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
    /// The writing parts the person chose to share, by prompt id.
    #[serde(default)]
    pub shared: Vec<String>,
    /// True once the last part is saved or skipped.
    #[serde(default)]
    pub finished: bool,
}

impl ClosingProgress {
    /// A review of the close `close_event`, from its first part.
    pub fn new(close_event: impl Into<String>) -> ClosingProgress {
        ClosingProgress {
            close_event: close_event.into(),
            part: ClosingPart::LookBack,
            ask_from: None,
            texts: BTreeMap::new(),
            shared: Vec::new(),
            finished: false,
        }
    }

    /// Left for later on `today`: asked about again from the next day, never "never".
    pub fn later(&mut self, today: NaiveDate) {
        self.ask_from = Some(today.succ_opt().unwrap_or(today));
    }
}

/// Whether the closing review of a closed relationship is waiting to be offered on `today`.
/// `last_close` is the id of the relationship's latest close (its life event), `None` for a
/// relationship closed before closes were kept (those are never asked about).
pub fn review_waiting(
    closed: bool,
    last_close: Option<&str>,
    progress: Option<&ClosingProgress>,
    today: NaiveDate,
) -> bool {
    let (true, Some(close)) = (closed, last_close) else {
        return false;
    };
    match progress {
        // A review of an earlier close does not count for this one.
        Some(p) if p.close_event == close => {
            !p.finished && p.ask_from.is_none_or(|from| from <= today)
        }
        _ => true,
    }
}

/// What happened in a relationship, in counts: the "what happened" of the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClosingCounts {
    pub goals_achieved: Vec<String>,
    pub goals_dropped: Vec<String>,
    /// Active, proposed or paused.
    pub goals_open: Vec<String>,
    pub meetings: usize,
    /// The minutes of the meetings whose length was noted.
    pub minutes: u64,
    /// Meetings held without a noted length (not in `minutes`).
    pub meetings_without_length: usize,
    pub checkins: usize,
}

impl ClosingCounts {
    /// Sorts a goal into achieved, dropped or still open.
    pub fn add_goal(&mut self, title: &str, status: GoalStatus) {
        let list = match status {
            GoalStatus::Achieved => &mut self.goals_achieved,
            GoalStatus::Dropped => &mut self.goals_dropped,
            GoalStatus::Active | GoalStatus::Proposed | GoalStatus::Paused => &mut self.goals_open,
        };
        list.push(title.to_string());
    }

    /// Counts a meeting and its length, if noted.
    pub fn add_meeting(&mut self, minutes: Option<u32>) {
        self.meetings += 1;
        match minutes {
            Some(m) => self.minutes += u64::from(m),
            None => self.meetings_without_length += 1,
        }
    }

    /// The check-ins in words: "3", or "none logged".
    pub fn checkins_phrase(&self) -> String {
        if self.checkins == 0 {
            "none logged".to_string()
        } else {
            self.checkins.to_string()
        }
    }

    /// The meetings in words: "12 meetings, 9 h 30 min logged (2 without a length)".
    pub fn meetings_phrase(&self) -> String {
        if self.meetings == 0 {
            return "none logged".to_string();
        }
        let mut out = count(self.meetings, "meeting", "meetings");
        if self.minutes > 0 {
            out.push_str(&format!(", {} logged", hours(self.minutes)));
        }
        if self.meetings_without_length > 0 {
            out.push_str(&format!(
                " ({} without a length)",
                self.meetings_without_length
            ));
        }
        out
    }

    /// The goals in words: "2 achieved, 1 dropped, 1 still open", or "none set".
    pub fn goals_phrase(&self) -> String {
        let mut parts = Vec::new();
        if !self.goals_achieved.is_empty() {
            parts.push(format!("{} achieved", self.goals_achieved.len()));
        }
        if !self.goals_dropped.is_empty() {
            parts.push(format!("{} dropped", self.goals_dropped.len()));
        }
        if !self.goals_open.is_empty() {
            parts.push(format!("{} still open", self.goals_open.len()));
        }
        if parts.is_empty() {
            "none set".to_string()
        } else {
            parts.join(", ")
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Minutes as hours and minutes: "45 min", "2 h", "9 h 30 min".
pub fn hours(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// How long a relationship ran, from its start to its end, in words: "3 weeks",
/// "4 months and 12 days", "1 year and 2 months"; a relationship closed the day it started ran
/// "1 day".
pub fn ran_for(start: NaiveDate, end: NaiveDate) -> String {
    if end < start {
        return "less than a day".to_string();
    }
    let mut months = 0u32;
    while start
        .checked_add_months(chrono::Months::new(months + 1))
        .is_some_and(|d| d <= end)
    {
        months += 1;
    }
    let after_months = start
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(start);
    let days = (end - after_months).num_days();
    let (years, months) = (months / 12, months % 12);
    let mut parts = Vec::new();
    if years > 0 {
        parts.push(count(years as usize, "year", "years"));
    }
    if months > 0 {
        parts.push(count(months as usize, "month", "months"));
    }
    if years == 0 && months == 0 {
        if days >= 7 && days % 7 == 0 {
            parts.push(count((days / 7) as usize, "week", "weeks"));
        } else {
            parts.push(count(days.max(1) as usize, "day", "days"));
        }
    } else if years == 0 && days > 0 {
        parts.push(count(days as usize, "day", "days"));
    }
    parts.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_parts_come_in_order_and_the_writing_ones_name_their_prompt() {
        let mut p = ClosingPart::LookBack;
        let mut seen = vec![p];
        while let Some(n) = p.next() {
            seen.push(n);
            p = n;
        }
        assert_eq!(seen, ClosingPart::ALL);
        assert_eq!(ClosingPart::Thanks.prompt(), Some("thanks"));
        assert_eq!(ClosingPart::Learned.prompt(), Some("closing_learned"));
        assert_eq!(ClosingPart::Pulse.prompt(), None);
        assert_eq!(ClosingPart::Thanks.number(), 6);
    }

    #[test]
    fn a_review_left_for_later_is_asked_again_the_next_day_never_never() {
        let mut p = ClosingProgress::new("c1");
        assert!(review_waiting(true, Some("c1"), Some(&p), day(11, 20)));
        p.later(day(11, 20));
        assert!(!review_waiting(true, Some("c1"), Some(&p), day(11, 20)));
        assert!(review_waiting(true, Some("c1"), Some(&p), day(11, 21)));
        // Left for later again and again: still asked, a day later each time.
        p.later(day(11, 21));
        assert!(review_waiting(true, Some("c1"), Some(&p), day(12, 30)));
    }

    #[test]
    fn a_finished_review_is_not_asked_again_until_the_next_close() {
        let mut p = ClosingProgress::new("c1");
        p.finished = true;
        assert!(!review_waiting(true, Some("c1"), Some(&p), day(11, 21)));
        // Reopened and closed again: that close gets its own review.
        assert!(review_waiting(true, Some("c2"), Some(&p), day(11, 21)));
        // Open again, or closed before closes were kept: nothing to ask.
        assert!(!review_waiting(false, Some("c2"), None, day(11, 21)));
        assert!(!review_waiting(true, None, None, day(11, 21)));
        // Closed from the command line: no progress yet, so it is waiting.
        assert!(review_waiting(true, Some("c3"), None, day(11, 21)));
    }

    #[test]
    fn progress_round_trips_and_old_fields_default() {
        let mut p = ClosingProgress::new("c1");
        p.part = ClosingPart::Learned;
        p.texts.insert("closing".into(), "Grew a lot.".into());
        p.shared.push("thanks".into());
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<ClosingProgress>(&json).unwrap(), p);
        let short: ClosingProgress =
            serde_json::from_str(r#"{"close_event":"c1","part":"pulse"}"#).unwrap();
        assert_eq!(short.part, ClosingPart::Pulse);
        assert!(!short.finished);
    }

    #[test]
    fn hours_and_meetings_read_in_words() {
        assert_eq!(hours(45), "45 min");
        assert_eq!(hours(120), "2 h");
        assert_eq!(hours(570), "9 h 30 min");
        let mut c = ClosingCounts::default();
        assert_eq!(c.meetings_phrase(), "none logged");
        c.add_meeting(Some(60));
        c.add_meeting(Some(30));
        c.add_meeting(None);
        assert_eq!(
            c.meetings_phrase(),
            "3 meetings, 1 h 30 min logged (1 without a length)"
        );
    }

    #[test]
    fn goals_are_sorted_by_how_they_ended() {
        let mut c = ClosingCounts::default();
        assert_eq!(c.goals_phrase(), "none set");
        c.add_goal("CV", GoalStatus::Achieved);
        c.add_goal("Talk", GoalStatus::Dropped);
        c.add_goal("Design", GoalStatus::Active);
        c.add_goal("Later", GoalStatus::Paused);
        assert_eq!(c.goals_phrase(), "1 achieved, 1 dropped, 2 still open");
        assert_eq!(c.goals_open, vec!["Design", "Later"]);
    }

    #[test]
    fn how_long_it_ran_reads_in_words() {
        assert_eq!(ran_for(day(3, 1), day(3, 1)), "1 day");
        assert_eq!(ran_for(day(3, 1), day(3, 22)), "3 weeks");
        assert_eq!(ran_for(day(3, 1), day(7, 13)), "4 months and 12 days");
        assert_eq!(ran_for(day(3, 1), day(6, 1)), "3 months");
        let later = NaiveDate::from_ymd_opt(2027, 5, 9).unwrap();
        assert_eq!(ran_for(day(3, 1), later), "1 year and 2 months");
        assert_eq!(ran_for(day(3, 2), day(3, 1)), "less than a day");
    }
}
