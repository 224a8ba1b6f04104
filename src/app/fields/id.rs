//! The names of form fields, and the string form drafts save them under.

use std::fmt;

/// Which field a value belongs to. One set of names for every form, so a form reads
/// `fields.string(FieldId::ActionOwner(2))` rather than a string it must spell the same way in
/// three places. The numbered ones are rows of a growing list (actions, milestones, items
/// carried forward, survey statements), counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    /// The relationship an entry, goal or filter is about.
    With,
    // A meeting.
    When,
    Duration,
    Medium,
    Topics,
    Agenda,
    Notes,
    Outcomes,
    Useful,
    NextMeeting,
    Private,
    Carry(usize),
    ActionText(usize),
    ActionOwner(usize),
    ActionDue(usize),
    // A reflection.
    Goal,
    Body,
    Tags,
    BringUp,
    // A goal, and its update panel.
    Title,
    Why,
    Success,
    Topic,
    Baseline,
    Target,
    Status,
    MilestoneText(usize),
    MilestoneDue(usize),
    Progress,
    Note,
    /// A survey statement, by its place in the content's list.
    Score(usize),
    // The check-in panels.
    Kind,
    Date,
    Mode,
    Anchor,
    Every,
    // The timeline filter.
    Show,
    Tag,
    From,
    To,
    // The walk-through.
    Name,
    Other,
    /// A question's free-text answer.
    Answer,
    Hours,
    Until,
    Custom,
    /// A group of choices, by its place among the form's groups.
    Choices(usize),
    // A resource.
    Detail,
    OfferedBy,
    /// A meeting's tick for a goal it worked on, by the goal's id (so a draft ticks the same
    /// goal however the list has changed since).
    WorkedOn(uuid::Uuid),
    /// Who reached out for a meeting or a check-in: not said, me, or the other person.
    ReachedOut,
}

impl FieldId {
    const PLAIN: [(FieldId, &'static str); 42] = [
        (FieldId::With, "with"),
        (FieldId::When, "when"),
        (FieldId::Duration, "duration"),
        (FieldId::Medium, "medium"),
        (FieldId::Topics, "topics"),
        (FieldId::Agenda, "agenda"),
        (FieldId::Notes, "notes"),
        (FieldId::Outcomes, "outcomes"),
        (FieldId::Useful, "useful"),
        (FieldId::NextMeeting, "next"),
        (FieldId::Private, "private"),
        (FieldId::Goal, "goal"),
        (FieldId::Body, "body"),
        (FieldId::Tags, "tags"),
        (FieldId::BringUp, "bring_up"),
        (FieldId::Title, "title"),
        (FieldId::Why, "why"),
        (FieldId::Success, "success"),
        (FieldId::Topic, "topic"),
        (FieldId::Baseline, "baseline"),
        (FieldId::Target, "target"),
        (FieldId::Status, "status"),
        (FieldId::Progress, "progress"),
        (FieldId::Note, "note"),
        (FieldId::Kind, "kind"),
        (FieldId::Date, "date"),
        (FieldId::Mode, "mode"),
        (FieldId::Anchor, "anchor"),
        (FieldId::Every, "every"),
        (FieldId::Show, "show"),
        (FieldId::Tag, "tag"),
        (FieldId::From, "from"),
        (FieldId::To, "to"),
        (FieldId::Name, "name"),
        (FieldId::Other, "other"),
        (FieldId::Answer, "text"),
        (FieldId::Hours, "hours"),
        (FieldId::Until, "until"),
        (FieldId::Custom, "custom"),
        (FieldId::Detail, "detail"),
        (FieldId::OfferedBy, "offered_by"),
        (FieldId::ReachedOut, "reached_out"),
    ];

    /// Reads the saved form of a key (as written by [`fmt::Display`]).
    pub fn parse(s: &str) -> Option<FieldId> {
        if let Some((id, _)) = FieldId::PLAIN.iter().find(|(_, name)| *name == s) {
            return Some(*id);
        }
        let numbered = |prefix: &str, suffix: &str| -> Option<usize> {
            s.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok()
        };
        None.or_else(|| numbered("carry.", "").map(FieldId::Carry))
            .or_else(|| numbered("action.", ".text").map(FieldId::ActionText))
            .or_else(|| numbered("action.", ".owner").map(FieldId::ActionOwner))
            .or_else(|| numbered("action.", ".due").map(FieldId::ActionDue))
            .or_else(|| numbered("milestone.", ".text").map(FieldId::MilestoneText))
            .or_else(|| numbered("milestone.", ".due").map(FieldId::MilestoneDue))
            .or_else(|| numbered("score.", "").map(FieldId::Score))
            .or_else(|| numbered("choices.", "").map(FieldId::Choices))
            .or_else(|| {
                s.strip_prefix("worked_on.")
                    .and_then(|id| uuid::Uuid::parse_str(id).ok())
                    .map(FieldId::WorkedOn)
            })
    }

    /// The row number of a field in a growing list.
    pub fn row(self) -> Option<usize> {
        match self {
            FieldId::Carry(i)
            | FieldId::ActionText(i)
            | FieldId::ActionOwner(i)
            | FieldId::ActionDue(i)
            | FieldId::MilestoneText(i)
            | FieldId::MilestoneDue(i)
            | FieldId::Score(i) => Some(i),
            _ => None,
        }
    }

    /// A row of a meeting's action list or of the items carried forward.
    pub fn is_action_row(self) -> bool {
        matches!(
            self,
            FieldId::Carry(_)
                | FieldId::ActionText(_)
                | FieldId::ActionOwner(_)
                | FieldId::ActionDue(_)
        )
    }
}

/// The saved form of a key, as drafts written by earlier versions hold it ("action.2.owner").
impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldId::Carry(i) => write!(f, "carry.{i}"),
            FieldId::ActionText(i) => write!(f, "action.{i}.text"),
            FieldId::ActionOwner(i) => write!(f, "action.{i}.owner"),
            FieldId::ActionDue(i) => write!(f, "action.{i}.due"),
            FieldId::MilestoneText(i) => write!(f, "milestone.{i}.text"),
            FieldId::MilestoneDue(i) => write!(f, "milestone.{i}.due"),
            FieldId::Score(i) => write!(f, "score.{i}"),
            FieldId::Choices(i) => write!(f, "choices.{i}"),
            FieldId::WorkedOn(goal) => write!(f, "worked_on.{goal}"),
            plain => {
                let name = FieldId::PLAIN
                    .iter()
                    .find(|(id, _)| id == plain)
                    .map_or("?", |(_, name)| name);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_from_its_saved_form() {
        let keys = FieldId::PLAIN.iter().map(|(k, _)| *k).chain([
            FieldId::Carry(0),
            FieldId::ActionText(3),
            FieldId::ActionOwner(12),
            FieldId::ActionDue(1),
            FieldId::MilestoneText(0),
            FieldId::MilestoneDue(9),
            FieldId::Score(4),
            FieldId::Choices(1),
            FieldId::WorkedOn(uuid::Uuid::from_u128(7)),
        ]);
        for key in keys {
            assert_eq!(FieldId::parse(&key.to_string()), Some(key), "{key}");
        }
        // The names drafts of earlier versions hold.
        assert_eq!(FieldId::ActionOwner(2).to_string(), "action.2.owner");
        assert_eq!(FieldId::NextMeeting.to_string(), "next");
        assert_eq!(FieldId::Answer.to_string(), "text");
        assert_eq!(FieldId::parse("action.x.owner"), None);
        assert_eq!(FieldId::parse("nonsense"), None);
        assert_eq!(FieldId::parse("worked_on.not-an-id"), None);
    }
}
