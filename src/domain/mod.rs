//! Plain types and pure rules of a mentoring relationship. No I/O, no terminal, no SQL.

pub mod agreement;
pub mod checkin;
pub mod dates;
pub mod goal;
pub mod journal;
pub mod relationship;

pub use agreement::{
    Agreement, Answer, AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration,
    ResponseTime,
};
pub use checkin::{Checkin, CheckinPlan, ContactKind, Schedule};
pub use goal::{Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate};
pub use journal::{ActionItem, Meeting, Owner, Reflection};
pub use relationship::{Profile, Relationship, RelationshipStatus, Role};
