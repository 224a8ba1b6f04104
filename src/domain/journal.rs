//! The journal itself: meetings with their action items, and reflections.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::Medium;

/// What a timeline entry is: a meeting or a reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Meeting,
    Reflection,
}

/// Who an action item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Me,
    Them,
    Both,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Me, Owner::Them, Owner::Both];

    pub fn id(self) -> &'static str {
        match self {
            Owner::Me => "me",
            Owner::Them => "them",
            Owner::Both => "both",
        }
    }

    pub fn from_id(id: &str) -> Option<Owner> {
        Owner::ALL.into_iter().find(|o| o.id() == id)
    }
}

/// One meeting of a relationship. Shared by default: a pair reviews meetings together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub held_at: DateTime<Utc>,
    pub duration_minutes: Option<u32>,
    pub medium: Option<Medium>,
    /// Focus topic ids of the relationship, plus free topics as typed.
    pub topics: Vec<String>,
    pub agenda: String,
    pub notes: String,
    pub outcomes: String,
    /// How useful it was, 1 (not) to 4 (very), when rated.
    pub usefulness: Option<u8>,
    pub next_meeting_on: Option<NaiveDate>,
    /// Who reached out for it, when said.
    pub reached_out: Option<super::Side>,
    pub private: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Meeting {
    pub fn new(relationship_id: Uuid, held_at: DateTime<Utc>, now: DateTime<Utc>) -> Meeting {
        Meeting {
            id: Uuid::now_v7(),
            relationship_id,
            held_at,
            duration_minutes: None,
            medium: None,
            topics: Vec::new(),
            agenda: String::new(),
            notes: String::new(),
            outcomes: String::new(),
            usefulness: None,
            next_meeting_on: None,
            reached_out: None,
            private: false,
            created_at: now,
            updated_at: now,
        }
    }
}

/// Something someone said they would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub id: Uuid,
    pub relationship_id: Uuid,
    /// The meeting it came from; `None` for one that stands alone.
    pub meeting_id: Option<Uuid>,
    pub text: String,
    pub owner: Owner,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ActionItem {
    pub fn new(relationship_id: Uuid, text: &str, owner: Owner, now: DateTime<Utc>) -> ActionItem {
        ActionItem {
            id: Uuid::now_v7(),
            relationship_id,
            meeting_id: None,
            text: text.to_string(),
            owner,
            due_on: None,
            done_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_at.is_none() && self.due_on.is_some_and(|d| d < today)
    }
}

/// A journal entry of one's own thinking. Private by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflection {
    pub id: Uuid,
    pub relationship_id: Option<Uuid>,
    pub meeting_id: Option<Uuid>,
    /// The goal it is about, if any.
    pub goal_id: Option<Uuid>,
    pub written_at: DateTime<Utc>,
    pub body: String,
    /// The prompt it answers, by id, when one was taken.
    pub prompt_id: Option<String>,
    /// Tags from the tag field and `#tags` in the body, lower-case, without '#'.
    pub tags: Vec<String>,
    /// "Bring this up next meeting."
    pub bring_up: bool,
    pub private: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Reflection {
    pub fn new(body: &str, now: DateTime<Utc>) -> Reflection {
        Reflection {
            id: Uuid::now_v7(),
            relationship_id: None,
            meeting_id: None,
            goal_id: None,
            written_at: now,
            body: body.to_string(),
            prompt_id: None,
            tags: tags_in(body),
            bring_up: false,
            private: true,
            created_at: now,
            updated_at: now,
        }
    }
}

/// The `#tags` in a text: a '#' at the start of a word followed by letters, digits, '-' or
/// '_'. Lower-cased, in order of first appearance, without duplicates. "C#" and "#1" are not tags.
pub fn tags_in(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let at_word_start = prev.is_none_or(|p| p.is_whitespace() || "([{,;".contains(p));
        if c == '#' && at_word_start {
            let rest = &text[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '-' || *ch == '_')
                .map(char::len_utf8)
                .sum();
            let tag = rest[..len].trim_end_matches(['-', '_']).to_lowercase();
            if tag.chars().next().is_some_and(char::is_alphabetic) && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        prev = Some(c);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_at_word_starts_only() {
        assert_eq!(
            tags_in("#Career talk with #feedback, then #career again"),
            ["career", "feedback"]
        );
        assert_eq!(
            tags_in("C# is not a tag, #1 neither, (#públic) is"),
            ["públic"]
        );
        assert_eq!(tags_in("trailing #work-life_ #x"), ["work-life", "x"]);
        assert!(tags_in("no tags here # at all").is_empty());
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let now = Utc::now();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut item = ActionItem::new(Uuid::now_v7(), "send CV", Owner::Me, now);
        assert!(!item.is_overdue(today));
        item.due_on = NaiveDate::from_ymd_opt(2026, 11, 21);
        assert!(item.is_overdue(today));
        item.done_at = Some(now);
        assert!(!item.is_overdue(today));
        assert_eq!(Owner::from_id("both"), Some(Owner::Both));
    }

    #[test]
    fn reflections_are_private_and_tagged_from_their_body() {
        let r = Reflection::new("Felt heard today #confidence", Utc::now());
        assert!(r.private);
        assert_eq!(r.tags, ["confidence"]);
    }
}
