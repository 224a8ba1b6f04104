//! Plain types and pure rules of a mentoring relationship. No I/O, no terminal, no SQL.

pub mod agreement;
pub mod arc;
pub mod checkin;
pub mod checkin_words;
pub mod closing;
pub mod dates;
pub mod goal;
pub mod journal;
pub mod lifecycle;
pub mod reality;
pub mod relationship;
pub mod resource;
pub mod secret;
pub mod sharing;
pub mod skill;
pub mod smart;
pub mod survey;
pub mod versions;

pub use agreement::{
    Agreement, Answer, AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration,
    ResponseTime,
};
pub use checkin::{Checkin, CheckinPlan, ContactKind, Schedule};
pub use goal::{Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate};
pub use journal::{ActionItem, EntryKind, Meeting, Owner, Reflection};
pub use lifecycle::{LifeEvent, LifeKind, LifeState};
pub use relationship::{Profile, Relationship, RelationshipStatus, Role, Side};
pub use resource::{Resource, ResourceKind, ResourceState};
pub use secret::Passphrase;
pub use sharing::{Duties, Duty, MonthlyHours, Who};
pub use survey::Survey;

/// The largest text one entry holds: 1 MiB. Larger text is refused whole, never cut: by the
/// editor, by `mentorlog reflect` and by an import.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
