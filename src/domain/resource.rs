//! Resources and introductions a pair shares: books, links, courses and people to meet, each
//! offered by one of the two, and where it stands.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Side;

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    Book,
    Link,
    Course,
    /// Someone to meet: an introduction.
    Person,
    Other,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 5] = [
        ResourceKind::Book,
        ResourceKind::Link,
        ResourceKind::Course,
        ResourceKind::Person,
        ResourceKind::Other,
    ];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            ResourceKind::Book => "book",
            ResourceKind::Link => "link",
            ResourceKind::Course => "course",
            ResourceKind::Person => "person",
            ResourceKind::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<ResourceKind> {
        ResourceKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Where a resource stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResourceState {
    Suggested,
    Done,
    NotUseful,
}

impl ResourceState {
    pub const ALL: [ResourceState; 3] = [
        ResourceState::Suggested,
        ResourceState::Done,
        ResourceState::NotUseful,
    ];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            ResourceState::Suggested => "suggested",
            ResourceState::Done => "done",
            ResourceState::NotUseful => "not_useful",
        }
    }

    pub fn from_id(id: &str) -> Option<ResourceState> {
        ResourceState::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// One book, link, course or person to meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub kind: ResourceKind,
    pub title: String,
    /// A link, an author, how to reach the person.
    pub detail: String,
    pub offered_by: Side,
    pub state: ResourceState,
    pub note: String,
    /// Private resources never show in shared views.
    pub private: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for k in ResourceKind::ALL {
            assert_eq!(ResourceKind::from_id(k.id()), Some(k));
        }
        for s in ResourceState::ALL {
            assert_eq!(ResourceState::from_id(s.id()), Some(s));
        }
        assert_eq!(ResourceKind::from_id("video"), None);
        assert_eq!(ResourceState::from_id("read"), None);
    }
}
