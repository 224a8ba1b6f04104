//! Goals of a relationship: what the mentee wants to reach, how success is measured, the
//! milestones on the way, and dated progress updates. Pure rules, no I/O.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use uuid::Uuid;

use super::dates::{Direction, parse_date};

/// Where a goal stands. A goal is proposed, then worked on (active), and ends achieved or
/// dropped; it can be paused and picked up again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoalStatus {
    Active,
    Proposed,
    Paused,
    Achieved,
    Dropped,
}

impl GoalStatus {
    /// In the order the board shows them.
    pub const ALL: [GoalStatus; 5] = [
        GoalStatus::Active,
        GoalStatus::Proposed,
        GoalStatus::Paused,
        GoalStatus::Achieved,
        GoalStatus::Dropped,
    ];

    pub fn id(self) -> &'static str {
        match self {
            GoalStatus::Proposed => "proposed",
            GoalStatus::Active => "active",
            GoalStatus::Paused => "paused",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Dropped => "dropped",
        }
    }

    pub fn from_id(id: &str) -> Option<GoalStatus> {
        GoalStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The statuses a goal can move to from this one.
    pub fn next(self) -> &'static [GoalStatus] {
        match self {
            GoalStatus::Proposed => &[GoalStatus::Active, GoalStatus::Dropped],
            GoalStatus::Active => &[
                GoalStatus::Achieved,
                GoalStatus::Paused,
                GoalStatus::Dropped,
            ],
            GoalStatus::Paused => &[GoalStatus::Active, GoalStatus::Dropped],
            GoalStatus::Achieved => &[GoalStatus::Active],
            GoalStatus::Dropped => &[GoalStatus::Proposed, GoalStatus::Active],
        }
    }

    /// Checks a move; `Err` says why it is not allowed and what to do instead.
    pub fn check_move(self, to: GoalStatus) -> Result<(), String> {
        if self == to || self.next().contains(&to) {
            return Ok(());
        }
        let how = match (self, to) {
            (GoalStatus::Proposed | GoalStatus::Paused, GoalStatus::Achieved) => {
                "make it active first, then mark it achieved"
            }
            (GoalStatus::Achieved, _) => "reopen it (make it active) first",
            (GoalStatus::Dropped, _) => "take it up again (proposed or active) first",
            _ => "choose one of the statuses offered",
        };
        let allowed: Vec<&str> = self.next().iter().map(|s| s.id()).collect();
        Err(format!(
            "A {} goal cannot become {}: {how}. From {} it can become {}.",
            self.id(),
            to.id(),
            self.id(),
            allowed.join(" or ")
        ))
    }

    /// Achieved and dropped goals are finished.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            GoalStatus::Proposed | GoalStatus::Active | GoalStatus::Paused
        )
    }
}

/// A goal of one relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub title: String,
    /// Why it matters.
    pub why: String,
    /// What success looks like: how it will be measured.
    pub success: String,
    /// A focus topic id of the relationship (or a free topic).
    pub topic: Option<String>,
    /// Self-rating 1-5 when the goal starts.
    pub baseline: Option<u8>,
    /// Self-rating 1-5 when it is achieved.
    pub final_rating: Option<u8>,
    pub target_on: Option<NaiveDate>,
    pub status: GoalStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Goal {
    pub fn new(relationship_id: Uuid, title: &str, now: DateTime<Utc>) -> Goal {
        Goal {
            id: Uuid::now_v7(),
            relationship_id,
            title: title.to_string(),
            why: String::new(),
            success: String::new(),
            topic: None,
            baseline: None,
            final_rating: None,
            target_on: None,
            status: GoalStatus::Proposed,
            created_at: now,
            updated_at: now,
        }
    }

    /// How many days an open goal is past its target date on `today`; `None` when it is not
    /// overdue (no target, not reached yet, or no longer open).
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        match self.target_on {
            Some(t) if self.status.is_open() && t < today => Some((today - t).num_days()),
            _ => None,
        }
    }
}

/// When a milestone is due: a date, or a number of weeks or months after the relationship's
/// start ("week 4", "month 2").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneDue {
    On(NaiveDate),
    Week(u32),
    Month(u32),
}

impl MilestoneDue {
    /// Reads "week 4" / "w4", "month 2" / "m2", or any date [`parse_date`] reads.
    pub fn parse(input: &str, today: NaiveDate) -> Result<MilestoneDue, String> {
        let s = input.trim().to_lowercase();
        let relative = |prefixes: &[&str]| {
            prefixes.iter().find_map(|p| {
                s.strip_prefix(p)
                    .map(str::trim)
                    .and_then(|n| n.parse::<u32>().ok())
            })
        };
        if let Some(n) = relative(&["week", "w"]) {
            return match n {
                1..=520 => Ok(MilestoneDue::Week(n)),
                _ => Err(format!("week {n} is out of range: use week 1 to week 520")),
            };
        }
        if let Some(n) = relative(&["month", "m"]) {
            return match n {
                1..=120 => Ok(MilestoneDue::Month(n)),
                _ => Err(format!(
                    "month {n} is out of range: use month 1 to month 120"
                )),
            };
        }
        parse_date(input, today, Direction::Future)
            .map(MilestoneDue::On)
            .map_err(|_| {
                format!(
                    "{:?} is not a due date: type week 4 or month 2 (counted from the start of the relationship), or a date like fri, +3w, 2027-01-15",
                    input.trim()
                )
            })
    }

    /// The date it falls on for a relationship that started on `start` (no start yet: the
    /// relative forms have no date). Months keep the day of the month, or the month's last
    /// day when it is shorter (31 January + 1 month = 28 or 29 February).
    pub fn date(self, start: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            MilestoneDue::On(d) => Some(d),
            MilestoneDue::Week(n) => start?.checked_add_days(Days::new(7 * u64::from(n))),
            MilestoneDue::Month(n) => start?.checked_add_months(Months::new(n)),
        }
    }

    /// As stored and as typed: "2026-12-01", "week 4", "month 2".
    pub fn text(self) -> String {
        match self {
            MilestoneDue::On(d) => d.format("%Y-%m-%d").to_string(),
            MilestoneDue::Week(n) => format!("week {n}"),
            MilestoneDue::Month(n) => format!("month {n}"),
        }
    }

    pub fn from_text(s: &str) -> Option<MilestoneDue> {
        if let Some(n) = s.strip_prefix("week ") {
            return n.parse().ok().map(MilestoneDue::Week);
        }
        if let Some(n) = s.strip_prefix("month ") {
            return n.parse().ok().map(MilestoneDue::Month);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(MilestoneDue::On)
    }
}

/// One step on the way to a goal, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub text: String,
    pub due: Option<MilestoneDue>,
    pub done_at: Option<DateTime<Utc>>,
}

impl Milestone {
    /// Whether it is still open and past its due date on `today`; `start` is the
    /// relationship's first day, from which "week 4" and "month 2" count.
    pub fn is_overdue(&self, start: Option<NaiveDate>, today: NaiveDate) -> bool {
        self.done_at.is_none()
            && self
                .due
                .and_then(|d| d.date(start))
                .is_some_and(|d| d < today)
    }

    pub fn new(goal_id: Uuid, text: &str) -> Milestone {
        Milestone {
            id: Uuid::now_v7(),
            goal_id,
            text: text.to_string(),
            due: None,
            done_at: None,
        }
    }
}

/// A dated note of where a goal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressUpdate {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub at: DateTime<Utc>,
    /// 0 to 100.
    pub progress: u8,
    pub note: String,
    pub meeting_id: Option<Uuid>,
    pub reflection_id: Option<Uuid>,
}

impl ProgressUpdate {
    pub fn new(goal_id: Uuid, progress: u8, note: &str, at: DateTime<Utc>) -> ProgressUpdate {
        ProgressUpdate {
            id: Uuid::now_v7(),
            goal_id,
            at,
            progress: progress.min(100),
            note: note.to_string(),
            meeting_id: None,
            reflection_id: None,
        }
    }
}

/// How far a goal is, 0-100: from its milestones when it has any, else the last update's
/// figure. An achieved goal is at 100.
pub fn progress(
    status: GoalStatus,
    milestones_done: usize,
    milestones: usize,
    last_update: Option<u8>,
) -> u8 {
    if status == GoalStatus::Achieved {
        return 100;
    }
    if let Some(p) = (milestones_done * 100).checked_div(milestones) {
        return p.min(100) as u8;
    }
    last_update.unwrap_or(0).min(100)
}

/// How long without an update before a hint says so.
pub const QUIET_DAYS: i64 = 30;

/// A gentle hint about a goal; never blocks anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    NoTarget,
    NoMeasure,
    PastTarget { days: i64 },
    Quiet { days: i64 },
}

impl Hint {
    pub fn text(&self) -> String {
        match self {
            Hint::NoTarget => "No target date yet: when would you like to get there?".into(),
            Hint::NoMeasure => {
                "No success measure yet: how will you both know it is reached?".into()
            }
            Hint::PastTarget { days } => format!(
                "{days} day{} past the target date: move the date, or talk about what is in the way.",
                if *days == 1 { "" } else { "s" }
            ),
            Hint::Quiet { days } => format!(
                "No update for {}: a short note of where it stands helps you both.",
                crate::words::count(*days, "day", "days")
            ),
        }
    }
}

/// The hints for an open goal on `today`; finished goals get none.
pub fn hints(goal: &Goal, last_activity: DateTime<Utc>, today: NaiveDate) -> Vec<Hint> {
    if !goal.status.is_open() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if goal.target_on.is_none() {
        out.push(Hint::NoTarget);
    }
    if let Some(days) = goal.days_overdue(today) {
        out.push(Hint::PastTarget { days });
    }
    if goal.success.trim().is_empty() {
        out.push(Hint::NoMeasure);
    }
    let quiet = (today - last_activity.date_naive()).num_days();
    if goal.status == GoalStatus::Active && quiet >= QUIET_DAYS {
        out.push(Hint::Quiet { days: quiet });
    }
    out
}

/// A text gauge: `▰▰▰▱▱▱▱▱▱▱ 30%` with `cells` cells.
pub fn gauge(progress: u8, cells: usize) -> String {
    let filled = (usize::from(progress.min(100)) * cells + 50) / 100;
    format!(
        "{}{} {:>3}%",
        "▰".repeat(filled),
        "▱".repeat(cells - filled),
        progress.min(100)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_goal_is_overdue_only_while_open_and_past_its_target() {
        let now = d(2026, 3, 10).and_hms_opt(9, 0, 0).unwrap().and_utc();
        let mut g = Goal::new(Uuid::now_v7(), "Speak at a meetup", now);
        assert_eq!(g.days_overdue(d(2026, 3, 10)), None, "no target");
        g.target_on = Some(d(2026, 3, 7));
        g.status = GoalStatus::Active;
        assert_eq!(g.days_overdue(d(2026, 3, 7)), None, "due today is not late");
        assert_eq!(g.days_overdue(d(2026, 3, 10)), Some(3));
        g.status = GoalStatus::Achieved;
        assert_eq!(
            g.days_overdue(d(2026, 3, 10)),
            None,
            "reached goals are never late"
        );

        let mut m = Milestone::new(g.id, "Pick a topic");
        m.due = Some(MilestoneDue::Week(1));
        let start = Some(d(2026, 3, 1));
        assert!(!m.is_overdue(start, d(2026, 3, 8)));
        assert!(m.is_overdue(start, d(2026, 3, 9)));
        assert!(
            !m.is_overdue(None, d(2026, 3, 9)),
            "a week count needs a start"
        );
        m.done_at = Some(now);
        assert!(!m.is_overdue(start, d(2026, 3, 9)));
    }

    #[test]
    fn status_moves_follow_the_life_of_a_goal() {
        use GoalStatus::*;
        assert!(Proposed.check_move(Active).is_ok());
        assert!(Active.check_move(Achieved).is_ok());
        assert!(Paused.check_move(Active).is_ok());
        assert!(Achieved.check_move(Active).is_ok(), "reopen");
        assert!(Dropped.check_move(Proposed).is_ok(), "take it up again");
        let err = Proposed.check_move(Achieved).unwrap_err();
        assert!(err.contains("make it active first"), "{err}");
        assert!(err.contains("active or dropped"), "{err}");
        assert!(Achieved.check_move(Dropped).is_err());
        assert!(Proposed.check_move(Paused).is_err());
        for s in GoalStatus::ALL {
            assert_eq!(GoalStatus::from_id(s.id()), Some(s));
        }
    }

    #[test]
    fn relative_milestone_dates_across_month_ends_and_leap_years() {
        let today = d(2026, 11, 22);
        assert_eq!(
            MilestoneDue::parse("week 4", today),
            Ok(MilestoneDue::Week(4))
        );
        assert_eq!(MilestoneDue::parse("M2", today), Ok(MilestoneDue::Month(2)));
        assert_eq!(
            MilestoneDue::parse("2026-12-01", today),
            Ok(MilestoneDue::On(d(2026, 12, 1)))
        );
        assert!(MilestoneDue::parse("week 0", today).is_err());
        assert!(
            MilestoneDue::parse("soonish", today)
                .unwrap_err()
                .contains("week 4")
        );
        // Month ends: 31 January plus one month is the last day of February.
        assert_eq!(
            MilestoneDue::Month(1).date(Some(d(2027, 1, 31))),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            MilestoneDue::Month(1).date(Some(d(2028, 1, 31))),
            Some(d(2028, 2, 29)),
            "a leap year"
        );
        assert_eq!(
            MilestoneDue::Month(12).date(Some(d(2028, 2, 29))),
            Some(d(2029, 2, 28))
        );
        assert_eq!(
            MilestoneDue::Week(1).date(Some(d(2028, 2, 25))),
            Some(d(2028, 3, 3))
        );
        assert_eq!(
            MilestoneDue::Week(4).date(Some(d(2026, 12, 15))),
            Some(d(2027, 1, 12))
        );
        assert_eq!(MilestoneDue::Week(4).date(None), None);
        for due in [
            MilestoneDue::Week(3),
            MilestoneDue::Month(6),
            MilestoneDue::On(d(2027, 2, 28)),
        ] {
            assert_eq!(MilestoneDue::from_text(&due.text()), Some(due));
        }
    }

    #[test]
    fn progress_comes_from_milestones_or_the_last_update() {
        assert_eq!(progress(GoalStatus::Active, 1, 4, Some(90)), 25);
        assert_eq!(progress(GoalStatus::Active, 0, 0, Some(40)), 40);
        assert_eq!(progress(GoalStatus::Active, 0, 0, None), 0);
        assert_eq!(progress(GoalStatus::Achieved, 1, 4, None), 100);
        assert_eq!(gauge(30, 10), "▰▰▰▱▱▱▱▱▱▱  30%");
        assert_eq!(gauge(100, 4), "▰▰▰▰ 100%");
    }

    #[test]
    fn hints_are_gentle_and_only_for_open_goals() {
        let now: DateTime<Utc> = "2026-11-22T10:00:00Z".parse().unwrap();
        let mut g = Goal::new(Uuid::nil(), "Give a conference talk", now);
        g.status = GoalStatus::Active;
        let today = d(2026, 11, 22);
        assert_eq!(hints(&g, now, today), [Hint::NoTarget, Hint::NoMeasure]);
        g.target_on = Some(d(2026, 11, 20));
        g.success = "Talk accepted and given".into();
        let old = now - chrono::Duration::days(45);
        assert_eq!(
            hints(&g, old, today),
            [Hint::PastTarget { days: 2 }, Hint::Quiet { days: 45 }]
        );
        g.status = GoalStatus::Achieved;
        assert!(hints(&g, old, today).is_empty());
    }
}
