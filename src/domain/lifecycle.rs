//! A relationship's life after the walk-through: it runs, may pause and resume, closes, and may
//! be reopened. Each change is a [`LifeEvent`] with its day and an optional reason; the
//! relationship row keeps where it is now.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Relationship, RelationshipStatus};

/// One change in a relationship's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifeKind {
    Paused,
    Resumed,
    Closed,
    Reopened,
}

impl LifeKind {
    pub const ALL: [LifeKind; 4] = [
        LifeKind::Paused,
        LifeKind::Resumed,
        LifeKind::Closed,
        LifeKind::Reopened,
    ];

    /// The stable name stored in the journal.
    pub fn id(self) -> &'static str {
        match self {
            LifeKind::Paused => "paused",
            LifeKind::Resumed => "resumed",
            LifeKind::Closed => "closed",
            LifeKind::Reopened => "reopened",
        }
    }

    pub fn from_id(id: &str) -> Option<LifeKind> {
        LifeKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The verb, as a command or a menu names it: "pause".
    pub fn verb(self) -> &'static str {
        match self {
            LifeKind::Paused => "pause",
            LifeKind::Resumed => "resume",
            LifeKind::Closed => "close",
            LifeKind::Reopened => "reopen",
        }
    }
}

/// Where a relationship is in its life, as home shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifeState {
    /// Still in the walk-through.
    Draft,
    Active,
    Paused {
        since: NaiveDate,
    },
    Closed {
        on: Option<NaiveDate>,
    },
}

/// One pause, resume, close or reopen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifeEvent {
    pub id: Uuid,
    pub relationship_id: Uuid,
    pub kind: LifeKind,
    pub on_day: NaiveDate,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

impl Relationship {
    /// Where the relationship is now.
    pub fn life(&self) -> LifeState {
        match self.status {
            RelationshipStatus::Draft => LifeState::Draft,
            RelationshipStatus::Closed => LifeState::Closed { on: self.closed_on },
            RelationshipStatus::Active => match self.paused_since {
                Some(since) => LifeState::Paused { since },
                None => LifeState::Active,
            },
        }
    }
}

/// Whether `kind` may happen to a relationship in `state`; the message says why not and what
/// to do instead.
pub fn check_change(state: LifeState, kind: LifeKind, name: &str) -> Result<(), String> {
    use LifeKind as K;
    use LifeState as S;
    match (state, kind) {
        (S::Draft, _) => Err(format!(
            "The agreement with {name} is not confirmed yet: finish the walk-through first."
        )),
        (S::Active, K::Paused | K::Closed) => Ok(()),
        (S::Paused { .. }, K::Resumed | K::Closed) => Ok(()),
        (S::Closed { .. }, K::Reopened) => Ok(()),
        (S::Active, K::Resumed) => Err(format!(
            "The relationship with {name} is not paused, so there is nothing to resume."
        )),
        (S::Paused { .. }, K::Paused) => {
            Err(format!("The relationship with {name} is paused already."))
        }
        (S::Active | S::Paused { .. }, K::Reopened) => Err(format!(
            "The relationship with {name} is still open, so there is nothing to reopen."
        )),
        (S::Closed { .. }, K::Paused | K::Resumed | K::Closed) => Err(format!(
            "The relationship with {name} is closed. Reopen it first if you are picking it up again."
        )),
    }
}

/// Applies an allowed change on `day` to the relationship's fields. A resume or a reopen sets
/// `resumed_on`: check-ins count again from that day.
pub fn apply(rel: &mut Relationship, kind: LifeKind, day: NaiveDate) -> Result<(), String> {
    check_change(rel.life(), kind, rel.display_name())?;
    match kind {
        LifeKind::Paused => rel.paused_since = Some(day),
        LifeKind::Resumed => {
            rel.paused_since = None;
            rel.resumed_on = Some(day);
        }
        LifeKind::Closed => {
            rel.status = RelationshipStatus::Closed;
            rel.paused_since = None;
            rel.closed_on = Some(day);
        }
        LifeKind::Reopened => {
            rel.status = RelationshipStatus::Active;
            rel.closed_on = None;
            rel.resumed_on = Some(day);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn active() -> Relationship {
        let mut r = Relationship::new_draft(Utc::now());
        r.other_name = "Sam".into();
        r.status = RelationshipStatus::Active;
        r.agreed_on = Some(day(1));
        r
    }

    #[test]
    fn ids_round_trip() {
        for k in LifeKind::ALL {
            assert_eq!(LifeKind::from_id(k.id()), Some(k));
        }
        assert_eq!(LifeKind::from_id("ended"), None);
    }

    #[test]
    fn pause_resume_close_reopen() {
        let mut r = active();
        apply(&mut r, LifeKind::Paused, day(5)).unwrap();
        assert_eq!(r.life(), LifeState::Paused { since: day(5) });
        apply(&mut r, LifeKind::Resumed, day(9)).unwrap();
        assert_eq!((r.life(), r.resumed_on), (LifeState::Active, Some(day(9))));
        apply(&mut r, LifeKind::Closed, day(20)).unwrap();
        assert_eq!(r.life(), LifeState::Closed { on: Some(day(20)) });
        apply(&mut r, LifeKind::Reopened, day(25)).unwrap();
        assert_eq!((r.life(), r.resumed_on), (LifeState::Active, Some(day(25))));
    }

    #[test]
    fn closing_works_from_active_and_paused_only() {
        let mut paused = active();
        apply(&mut paused, LifeKind::Paused, day(5)).unwrap();
        apply(&mut paused, LifeKind::Closed, day(6)).unwrap();
        assert_eq!(paused.paused_since, None);
        let mut draft = active();
        draft.status = RelationshipStatus::Draft;
        let e = apply(&mut draft, LifeKind::Closed, day(6)).unwrap_err();
        assert!(e.contains("walk-through"), "{e}");
        let e = apply(&mut paused, LifeKind::Closed, day(7)).unwrap_err();
        assert!(e.contains("Reopen it first"), "{e}");
    }

    #[test]
    fn refused_changes_leave_the_relationship_as_it_was() {
        let mut r = active();
        let before = r.clone();
        assert!(apply(&mut r, LifeKind::Resumed, day(3)).is_err());
        assert!(apply(&mut r, LifeKind::Reopened, day(3)).is_err());
        assert_eq!(r, before);
    }
}
