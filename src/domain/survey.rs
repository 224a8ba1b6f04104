//! A pulse survey: how the relationship feels, in a few scores and a note.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A pulse survey: scores 1-5 by statement id, and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub at: DateTime<Utc>,
    /// Why it was asked: "monthly", "midpoint", "end", "asked".
    pub reason: String,
    pub scores: Vec<(String, u8)>,
    pub note: String,
}
