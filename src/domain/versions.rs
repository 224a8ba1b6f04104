//! The agreement over time: its versions, every change of an answer, and who signed which
//! version on which day.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{AnswerValue, Side};

/// One version of an agreement. Version 1 is what the walk-through confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementVersion {
    pub relationship_id: Uuid,
    pub number: u32,
    /// Where it was made: "revised at the midpoint".
    pub note: String,
    pub made_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// One value an answer had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerChange {
    pub relationship_id: Uuid,
    pub question_id: String,
    pub version: u32,
    pub value: AnswerValue,
    pub private: bool,
    pub changed_at: DateTime<Utc>,
}

/// One person's agreement to one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub relationship_id: Uuid,
    pub version: u32,
    pub who: Side,
    /// The name as it was when signing.
    pub name: String,
    pub signed_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}
