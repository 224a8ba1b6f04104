//! The people: who I am, and each relationship I am in.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// The journal owner's own profile. There is one per journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// My part in a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Mentee,
    Mentor,
    Peer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Mentee, Role::Mentor, Role::Peer];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            Role::Mentee => "mentee",
            Role::Mentor => "mentor",
            Role::Peer => "peer",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Mentee => "Mentee",
            Role::Mentor => "Mentor",
            Role::Peer => "Peer",
        }
    }

    /// One line on what the role means, shown beside the choice.
    pub fn explanation(self) -> &'static str {
        match self {
            Role::Mentee => "I am here to learn and grow; I set the direction.",
            Role::Mentor => "I share my experience and help the other person grow.",
            Role::Peer => "We are at a similar stage and learn from each other.",
        }
    }
}

/// One of the two people of a relationship: the journal's owner or the other person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Me,
    Other,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Me, Side::Other];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            Side::Me => "me",
            Side::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Side> {
        Side::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Where a relationship is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipStatus {
    /// Still in the walk-through; the agreement has not been confirmed.
    Draft,
    /// Agreed and running.
    Active,
    /// Ended; kept readable.
    Closed,
}

impl RelationshipStatus {
    pub fn id(self) -> &'static str {
        match self {
            RelationshipStatus::Draft => "draft",
            RelationshipStatus::Active => "active",
            RelationshipStatus::Closed => "closed",
        }
    }

    pub fn from_id(id: &str) -> Option<RelationshipStatus> {
        [Self::Draft, Self::Active, Self::Closed]
            .into_iter()
            .find(|s| s.id() == id)
    }
}

/// One mentoring relationship between the journal owner and one other person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: Uuid,
    /// Unknown until the walk-through's role step is answered.
    pub my_role: Option<Role>,
    /// Empty until the walk-through's "other person" step is answered.
    pub other_name: String,
    /// A mentoring model id from the content (e.g. "formal").
    pub model: Option<String>,
    /// Focus topic ids from the content (e.g. "career").
    pub topics: Vec<String>,
    pub status: RelationshipStatus,
    /// The walk-through step to resume at, while the relationship is a draft.
    pub walkthrough_step: Option<String>,
    /// The day the agreement was confirmed; the relationship's start.
    pub agreed_on: Option<NaiveDate>,
    /// Set while the relationship is paused: no check-in prompts until it is resumed.
    pub paused_since: Option<NaiveDate>,
    /// The last resume or reopen: check-ins count from here when it is later than the last
    /// contact.
    pub resumed_on: Option<NaiveDate>,
    /// The day it was closed, while it is closed.
    pub closed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Relationship {
    /// A fresh draft, as the walk-through starts it.
    pub fn new_draft(now: DateTime<Utc>) -> Relationship {
        Relationship {
            id: Uuid::now_v7(),
            my_role: None,
            other_name: String::new(),
            model: None,
            topics: Vec::new(),
            status: RelationshipStatus::Draft,
            walkthrough_step: None,
            agreed_on: None,
            paused_since: None,
            resumed_on: None,
            closed_on: None,
            created_at: now,
            updated_at: now,
        }
    }

    /// The other person's name, or a placeholder while it is not known yet.
    pub fn display_name(&self) -> &str {
        if self.other_name.trim().is_empty() {
            "(not named yet)"
        } else {
            self.other_name.trim()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ids_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
        }
        assert_eq!(Role::from_id("boss"), None);
    }

    #[test]
    fn status_ids_round_trip() {
        for s in [
            RelationshipStatus::Draft,
            RelationshipStatus::Active,
            RelationshipStatus::Closed,
        ] {
            assert_eq!(RelationshipStatus::from_id(s.id()), Some(s));
        }
        assert_eq!(RelationshipStatus::from_id(""), None);
    }

    #[test]
    fn display_name_has_a_placeholder() {
        let mut r = Relationship::new_draft(Utc::now());
        assert_eq!(r.display_name(), "(not named yet)");
        r.other_name = "  Sam ".into();
        assert_eq!(r.display_name(), "Sam");
    }
}
