//! A gentle check of how well a goal is written: specific, measurable, achievable, relevant
//! and time-bound. It names what a goal does not show yet; it never decides whether a goal
//! may be saved. Pure rules, no I/O.

use super::goal::Goal;

/// One of the five marks of a well-written goal that a goal does not show yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SmartGap {
    /// The name is a word or two: an area to work on rather than a result to reach.
    Specific,
    /// No success measure.
    Measurable,
    /// No step on the way yet.
    Achievable,
    /// No reason given, and not about one of the agreed focus topics.
    Relevant,
    /// No target date.
    TimeBound,
}

/// Fewer words than this in a goal's name read as an area ("Public speaking") more than a
/// result ("Give a ten-minute talk at the team meetup").
pub const SPECIFIC_WORDS: usize = 3;

impl SmartGap {
    /// In the order the letters spell.
    pub const ALL: [SmartGap; 5] = [
        SmartGap::Specific,
        SmartGap::Measurable,
        SmartGap::Achievable,
        SmartGap::Relevant,
        SmartGap::TimeBound,
    ];

    /// The mark's name, as the form's hints use it: "specific".
    pub fn name(self) -> &'static str {
        match self {
            SmartGap::Specific => "specific",
            SmartGap::Measurable => "measurable",
            SmartGap::Achievable => "achievable",
            SmartGap::Relevant => "relevant",
            SmartGap::TimeBound => "time-bound",
        }
    }

    /// What would make the goal show it, as a question or a suggestion.
    pub fn ask(self) -> &'static str {
        match self {
            SmartGap::Specific => "a word or two names an area: what exactly will you do or reach?",
            SmartGap::Measurable => "how will you both know it is reached?",
            SmartGap::Achievable => "a first small step shows it is within reach.",
            SmartGap::Relevant => "why does it matter to you, and to what you agreed to work on?",
            SmartGap::TimeBound => "by when would you like to get there?",
        }
    }

    /// One line of the check: "Measurable: how will you both know it is reached?"
    pub fn line(self) -> String {
        let name = self.name();
        let mut chars = name.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{capital}: {}", self.ask())
    }
}

/// How many words a goal's name has (numbers count; dashes and dots alone do not).
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// What `goal` does not show yet, in SMART order. `steps` is how many milestones it has;
/// `focus` the focus topics agreed for its relationship (a goal about one of them is
/// relevant even before its reason is written down).
pub fn smart_gaps(goal: &Goal, steps: usize, focus: &[String]) -> Vec<SmartGap> {
    let mut out = Vec::new();
    if words(&goal.title) < SPECIFIC_WORDS {
        out.push(SmartGap::Specific);
    }
    if goal.success.trim().is_empty() {
        out.push(SmartGap::Measurable);
    }
    if steps == 0 {
        out.push(SmartGap::Achievable);
    }
    let on_focus = goal.topic.as_ref().is_some_and(|t| focus.contains(t));
    if goal.why.trim().is_empty() && !on_focus {
        out.push(SmartGap::Relevant);
    }
    if goal.target_on.is_none() {
        out.push(SmartGap::TimeBound);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, Utc};
    use uuid::Uuid;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_bare_goal_misses_all_five_and_a_full_one_none() {
        let mut g = Goal::new(Uuid::nil(), "Speaking", now());
        assert_eq!(smart_gaps(&g, 0, &[]), SmartGap::ALL);
        g.title = "Give a ten-minute talk at the team meetup".into();
        g.success = "The talk is given and two colleagues ask a question".into();
        g.why = "To be seen outside my own team".into();
        g.target_on = NaiveDate::from_ymd_opt(2027, 3, 1);
        assert_eq!(smart_gaps(&g, 2, &[]), []);
    }

    #[test]
    fn each_mark_follows_its_own_field() {
        let mut g = Goal::new(Uuid::nil(), "Lead the migration", now());
        g.success = "Cut over with no lost data".into();
        g.why = "It is the biggest thing I have led".into();
        g.target_on = NaiveDate::from_ymd_opt(2027, 1, 15);
        assert_eq!(
            smart_gaps(&g, 1, &[]),
            [],
            "three words are specific enough"
        );
        assert_eq!(smart_gaps(&g, 0, &[]), [SmartGap::Achievable]);
        g.title = "Public speaking".into();
        assert_eq!(smart_gaps(&g, 1, &[]), [SmartGap::Specific]);
        g.title = "Rust - 2027".into();
        assert_eq!(
            smart_gaps(&g, 1, &[]),
            [SmartGap::Specific],
            "a lone dash is no word"
        );
        g.title = "Ship version 2 alone".into();
        g.success = "   ".into();
        assert_eq!(smart_gaps(&g, 1, &[]), [SmartGap::Measurable]);
        g.success = "Released".into();
        g.target_on = None;
        assert_eq!(smart_gaps(&g, 1, &[]), [SmartGap::TimeBound]);
    }

    #[test]
    fn a_goal_on_an_agreed_focus_topic_is_relevant_without_a_reason() {
        let mut g = Goal::new(Uuid::nil(), "Ask for a raise", now());
        g.success = "The conversation has happened".into();
        g.target_on = NaiveDate::from_ymd_opt(2027, 1, 15);
        let focus = vec!["career".to_string()];
        assert_eq!(smart_gaps(&g, 1, &focus), [SmartGap::Relevant]);
        g.topic = Some("networking".into());
        assert_eq!(
            smart_gaps(&g, 1, &focus),
            [SmartGap::Relevant],
            "a topic that was not agreed does not say why"
        );
        g.topic = Some("career".into());
        assert_eq!(smart_gaps(&g, 1, &focus), []);
    }

    #[test]
    fn every_line_names_its_mark_and_asks_something() {
        assert_eq!(
            SmartGap::TimeBound.line(),
            "Time-bound: by when would you like to get there?"
        );
        for gap in SmartGap::ALL {
            let line = gap.line();
            assert!(line.to_lowercase().starts_with(gap.name()), "{line}");
            assert!(line.len() < 80, "fits one line of a wide form: {line}");
        }
    }
}
