//! Plain types and pure rules of a mentoring relationship. No I/O, no terminal, no SQL.

pub mod agreement;
pub mod relationship;

pub use agreement::{
    Agreement, Answer, AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration,
    ResponseTime,
};
pub use relationship::{Profile, Relationship, RelationshipStatus, Role};
