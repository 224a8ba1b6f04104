//! Skills a relationship works on, each rated by its owner from 1 to 5 at the start, at the
//! midpoint and at the end, so before and after can be set side by side.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::LifeState;
use super::checkin::{ArcPoint, arc_point};

/// When a skill is rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkillPoint {
    Start,
    Midpoint,
    End,
}

impl SkillPoint {
    pub const ALL: [SkillPoint; 3] = [SkillPoint::Start, SkillPoint::Midpoint, SkillPoint::End];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            SkillPoint::Start => "start",
            SkillPoint::Midpoint => "midpoint",
            SkillPoint::End => "end",
        }
    }

    pub fn from_id(id: &str) -> Option<SkillPoint> {
        SkillPoint::ALL.into_iter().find(|p| p.id() == id)
    }

    /// How the point is named on screen and in documents.
    pub fn label(self) -> &'static str {
        match self {
            SkillPoint::Start => "start",
            SkillPoint::Midpoint => "midpoint",
            SkillPoint::End => "end",
        }
    }

    /// The point after this one, or the first after the end (the keys go round).
    pub fn next(self) -> SkillPoint {
        match self {
            SkillPoint::Start => SkillPoint::Midpoint,
            SkillPoint::Midpoint => SkillPoint::End,
            SkillPoint::End => SkillPoint::Start,
        }
    }

    /// The point before this one, or the end before the start.
    pub fn prev(self) -> SkillPoint {
        match self {
            SkillPoint::Start => SkillPoint::End,
            SkillPoint::Midpoint => SkillPoint::Start,
            SkillPoint::End => SkillPoint::Midpoint,
        }
    }
}

/// The longest skill name, in characters: a name, not a description.
pub const MAX_SKILL_NAME: usize = 80;

/// How long an open-ended relationship counts as "the start" after it was agreed.
pub const OPEN_ENDED_START_DAYS: i64 = 42;

/// A skill's name as it is kept: trimmed, on one line. Empty or overlong names are refused
/// with words that say what to do.
pub fn check_name(name: &str) -> Result<String, String> {
    let one_line = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return Err("Give the skill a name, for example \"giving feedback\".".into());
    }
    let n = one_line.chars().count();
    if n > MAX_SKILL_NAME {
        return Err(format!(
            "A skill's name holds at most {MAX_SKILL_NAME} characters (this one has {n}): \
             keep the name short and write the rest in a reflection."
        ));
    }
    Ok(one_line)
}

/// A rating from 1 to 5, or the words that say so.
pub fn check_rating(rating: u8) -> Result<u8, String> {
    if (1..=5).contains(&rating) {
        Ok(rating)
    } else {
        Err(format!(
            "Rate from 1 (new to me) to 5 (at ease); {rating} is not on the scale."
        ))
    }
}

/// The point a rating given today belongs to. It follows the agreement's dates (the first
/// half is the start, the second half the midpoint, the last two weeks and after the end)
/// and the life cycle: a closed relationship is at its end, and a paused one stays where it
/// was on the day it paused. An open-ended relationship is at its start for the first six
/// weeks, then at its midpoint until it closes.
pub fn current_point(
    agreed_on: Option<NaiveDate>,
    planned_end: Option<NaiveDate>,
    life: LifeState,
    today: NaiveDate,
) -> SkillPoint {
    let day = match life {
        LifeState::Closed { .. } => return SkillPoint::End,
        LifeState::Draft => return SkillPoint::Start,
        LifeState::Paused { since } => since.min(today),
        LifeState::Active => today,
    };
    let Some(start) = agreed_on else {
        return SkillPoint::Start;
    };
    match planned_end {
        Some(end) => match arc_point(start, end, day) {
            None => SkillPoint::Start,
            Some(ArcPoint::Midpoint) => SkillPoint::Midpoint,
            Some(ArcPoint::EndingSoon | ArcPoint::Ended) => SkillPoint::End,
        },
        None if (day - start).num_days() < OPEN_ENDED_START_DAYS => SkillPoint::Start,
        None => SkillPoint::Midpoint,
    }
}

/// One skill to develop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub name: String,
    /// The focus topic it came from, if any.
    pub topic: Option<String>,
    pub position: i64,
    /// Private skills never show in shared views.
    pub private: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A skill's rating at one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillRating {
    pub point: SkillPoint,
    /// 1 to 5.
    pub rating: u8,
    pub rated_on: NaiveDate,
}

/// A skill with its ratings, ordered start, midpoint, end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillProgress {
    pub skill: Skill,
    pub ratings: Vec<SkillRating>,
}

impl SkillProgress {
    /// The rating at `point`, if given.
    pub fn at(&self, point: SkillPoint) -> Option<SkillRating> {
        self.ratings.iter().find(|r| r.point == point).copied()
    }

    /// The earliest rating: "before".
    pub fn before(&self) -> Option<SkillRating> {
        self.ratings.iter().min_by_key(|r| r.point).copied()
    }

    /// The latest rating: "now".
    pub fn now(&self) -> Option<SkillRating> {
        self.ratings.iter().max_by_key(|r| r.point).copied()
    }

    /// Before and after in a few words: "2 → 4 (+2)", "3 at the start", "not rated yet".
    pub fn before_after(&self) -> String {
        match (self.before(), self.now()) {
            (Some(b), Some(n)) if b.point != n.point => {
                let change = i16::from(n.rating) - i16::from(b.rating);
                let sign = match change {
                    0 => "same".to_string(),
                    c if c > 0 => format!("+{c}"),
                    c => c.to_string(),
                };
                format!("{} → {} ({sign})", b.rating, n.rating)
            }
            (Some(b), _) => format!("{} at the {}", b.rating, b.point.label()),
            _ => "not rated yet".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_order() {
        for p in SkillPoint::ALL {
            assert_eq!(SkillPoint::from_id(p.id()), Some(p));
        }
        assert!(SkillPoint::Start < SkillPoint::Midpoint && SkillPoint::Midpoint < SkillPoint::End);
        assert_eq!(SkillPoint::from_id("later"), None);
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_point_follows_the_agreed_dates() {
        let (start, end) = (Some(day(1, 1)), Some(day(7, 1)));
        let at = |today| current_point(start, end, LifeState::Active, today);
        assert_eq!(at(day(1, 1)), SkillPoint::Start);
        assert_eq!(at(day(3, 31)), SkillPoint::Start);
        assert_eq!(at(day(4, 1)), SkillPoint::Midpoint);
        assert_eq!(at(day(6, 16)), SkillPoint::Midpoint);
        assert_eq!(at(day(6, 20)), SkillPoint::End, "the last two weeks");
        assert_eq!(at(day(9, 1)), SkillPoint::End, "after the planned end");
    }

    #[test]
    fn the_point_follows_the_life_cycle() {
        let (start, end) = (Some(day(1, 1)), Some(day(7, 1)));
        let closed = LifeState::Closed {
            on: Some(day(2, 1)),
        };
        assert_eq!(
            current_point(start, end, closed, day(2, 2)),
            SkillPoint::End
        );
        let paused = LifeState::Paused { since: day(3, 1) };
        assert_eq!(
            current_point(start, end, paused, day(6, 25)),
            SkillPoint::Start,
            "paused in the first half: still the start"
        );
        assert_eq!(
            current_point(start, end, LifeState::Draft, day(6, 25)),
            SkillPoint::Start
        );
        assert_eq!(
            current_point(None, None, LifeState::Active, day(6, 25)),
            SkillPoint::Start
        );
    }

    #[test]
    fn an_open_ended_relationship_moves_to_its_midpoint_after_six_weeks() {
        let start = Some(day(1, 1));
        let at = |today| current_point(start, None, LifeState::Active, today);
        assert_eq!(at(day(2, 11)), SkillPoint::Start);
        assert_eq!(at(day(2, 12)), SkillPoint::Midpoint);
        assert_eq!(
            at(day(12, 31)),
            SkillPoint::Midpoint,
            "the end comes with closing"
        );
    }

    #[test]
    fn names_are_kept_on_one_line_and_refused_when_empty_or_long() {
        assert_eq!(
            check_name("  giving\n feedback ").unwrap(),
            "giving feedback"
        );
        assert!(check_name(" \t ").unwrap_err().contains("name"));
        let long = "x".repeat(MAX_SKILL_NAME + 1);
        assert!(check_name(&long).unwrap_err().contains("at most"));
        assert!(
            check_name(&"é".repeat(MAX_SKILL_NAME)).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(check_rating(5), Ok(5));
        assert!(check_rating(0).is_err() && check_rating(6).is_err());
    }

    #[test]
    fn before_and_after_set_the_earliest_beside_the_latest() {
        let skill = Skill {
            id: Uuid::nil(),
            relationship_id: Uuid::nil(),
            name: "Public speaking".into(),
            topic: None,
            position: 0,
            private: false,
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        };
        let rate = |point, rating| SkillRating {
            point,
            rating,
            rated_on: day(1, 1),
        };
        let mut p = SkillProgress {
            skill,
            ratings: Vec::new(),
        };
        assert_eq!(p.before_after(), "not rated yet");
        p.ratings.push(rate(SkillPoint::Midpoint, 3));
        assert_eq!(p.before_after(), "3 at the midpoint");
        p.ratings.push(rate(SkillPoint::Start, 2));
        assert_eq!(p.before_after(), "2 → 3 (+1)");
        p.ratings.push(rate(SkillPoint::End, 1));
        assert_eq!(p.before_after(), "2 → 1 (-1)");
        assert_eq!(p.at(SkillPoint::Midpoint).map(|r| r.rating), Some(3));
    }

    #[test]
    fn points_go_round_both_ways() {
        for p in SkillPoint::ALL {
            assert_eq!(p.next().prev(), p);
        }
        assert_eq!(SkillPoint::End.next(), SkillPoint::Start);
    }
}
