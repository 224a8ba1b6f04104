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

    /// The word shown beside a resource.
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Book => "book",
            ResourceKind::Link => "link",
            ResourceKind::Course => "course",
            ResourceKind::Person => "person to meet",
            ResourceKind::Other => "other",
        }
    }

    /// What the detail holds for this kind, as a hint beside the field.
    pub fn detail_hint(self) -> &'static str {
        match self {
            ResourceKind::Book => "the author, or where to find it",
            ResourceKind::Link => "the address",
            ResourceKind::Course => "where it runs, how long it takes",
            ResourceKind::Person => "who they are, how to reach them",
            ResourceKind::Other => "anything that helps find it again",
        }
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

    /// The words shown beside a resource.
    pub fn label(self) -> &'static str {
        match self {
            ResourceState::Suggested => "suggested",
            ResourceState::Done => "done",
            ResourceState::NotUseful => "not useful",
        }
    }

    /// The state one key press moves to: suggested, then done, then not useful, then
    /// suggested again, so any state is at most two presses away.
    pub fn next(self) -> ResourceState {
        match self {
            ResourceState::Suggested => ResourceState::Done,
            ResourceState::Done => ResourceState::NotUseful,
            ResourceState::NotUseful => ResourceState::Suggested,
        }
    }

    /// Where the state sorts in a list: what is still to do first.
    fn rank(self) -> u8 {
        match self {
            ResourceState::Suggested => 0,
            ResourceState::Done => 1,
            ResourceState::NotUseful => 2,
        }
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

/// The longest title kept: a title is a line, the rest belongs in the detail or the note.
pub const MAX_TITLE_CHARS: usize = 200;

impl Resource {
    /// A new resource, suggested, shared, offered by `offered_by`.
    pub fn new(
        relationship_id: Uuid,
        kind: ResourceKind,
        title: &str,
        offered_by: Side,
        now: DateTime<Utc>,
    ) -> Resource {
        Resource {
            id: Uuid::now_v7(),
            relationship_id,
            kind,
            title: title.trim().to_string(),
            detail: String::new(),
            offered_by,
            state: ResourceState::Suggested,
            note: String::new(),
            private: false,
            created_at: now,
            updated_at: now,
        }
    }

    /// Why the resource cannot be saved as it is, in words that say what to do; `None` when it
    /// can.
    pub fn problem(&self) -> Option<String> {
        let title = self.title.trim();
        if title.is_empty() {
            let what = match self.kind {
                ResourceKind::Person => "the person's name",
                ResourceKind::Book => "the book's title",
                ResourceKind::Link => "what the link is about",
                ResourceKind::Course => "the course's name",
                ResourceKind::Other => "what it is",
            };
            return Some(format!("Give it a title: {what}, in a few words."));
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Some(format!(
                "The title is longer than {MAX_TITLE_CHARS} characters: keep it short and put the rest in the note."
            ));
        }
        None
    }
}

/// Sorts resources the way every list shows them: still to do first (suggested, then done,
/// then not useful), and within a state the newest first.
pub fn sort(list: &mut [Resource]) {
    list.sort_by(|a, b| {
        a.state
            .rank()
            .cmp(&b.state.rank())
            .then(b.created_at.cmp(&a.created_at))
            .then(b.id.cmp(&a.id))
    });
}

/// The resources a shared view may show: private ones only when asked for.
pub fn shared_view(list: &[Resource], include_private: bool) -> Vec<Resource> {
    list.iter()
        .filter(|r| include_private || !r.private)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }

    #[test]
    fn the_state_cycles_through_all_three_and_back() {
        let mut s = ResourceState::Suggested;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(s);
            s = s.next();
        }
        assert_eq!(s, ResourceState::Suggested);
        assert_eq!(seen, ResourceState::ALL);
    }

    #[test]
    fn lists_show_what_is_still_to_do_first_then_the_newest() {
        let rel = Uuid::now_v7();
        let mut old = Resource::new(rel, ResourceKind::Book, "Old", Side::Other, at(1));
        let new = Resource::new(rel, ResourceKind::Book, "New", Side::Other, at(5));
        let mut done = Resource::new(rel, ResourceKind::Link, "Done", Side::Me, at(9));
        done.state = ResourceState::Done;
        let mut useless = Resource::new(rel, ResourceKind::Course, "No", Side::Me, at(10));
        useless.state = ResourceState::NotUseful;
        old.note = "kept".into();
        let mut list = vec![useless, done, old, new];
        sort(&mut list);
        let titles: Vec<&str> = list.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["New", "Old", "Done", "No"]);
    }

    #[test]
    fn a_title_is_required_and_short_and_the_message_says_what_to_write() {
        let rel = Uuid::now_v7();
        let mut r = Resource::new(rel, ResourceKind::Person, "  ", Side::Other, at(1));
        let why = r.problem().unwrap();
        assert!(why.contains("the person's name"), "{why}");
        r.title = "x".repeat(MAX_TITLE_CHARS + 1);
        assert!(r.problem().unwrap().contains("note"));
        r.title = "Priya, platform lead".into();
        assert_eq!(r.problem(), None);
    }

    #[test]
    fn shared_views_leave_private_resources_out_unless_asked() {
        let rel = Uuid::now_v7();
        let shared = Resource::new(rel, ResourceKind::Book, "Shared", Side::Me, at(1));
        let mut private = Resource::new(rel, ResourceKind::Book, "Mine", Side::Me, at(2));
        private.private = true;
        let list = vec![shared, private];
        let titles = |v: Vec<Resource>| v.into_iter().map(|r| r.title).collect::<Vec<_>>();
        assert_eq!(titles(shared_view(&list, false)), ["Shared"]);
        assert_eq!(titles(shared_view(&list, true)), ["Shared", "Mine"]);
    }

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
