//! Skills a relationship works on, each rated by its owner from 1 to 5 at the start, at the
//! midpoint and at the end, so before and after can be set side by side.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

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
}
