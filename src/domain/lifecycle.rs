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
    // A change never goes back before the last one (a clock set wrong, a date typed wrong).
    let last = [rel.paused_since, rel.resumed_on, rel.closed_on]
        .into_iter()
        .flatten()
        .max();
    if let Some(last) = last.filter(|l| day < *l) {
        return Err(format!(
            "{day} is before the relationship's last change ({last}): {} it on {last} or later.",
            kind.verb()
        ));
    }
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

/// The changes `state` allows, in the order a menu offers them.
pub fn allowed(state: LifeState) -> Vec<LifeKind> {
    LifeKind::ALL
        .into_iter()
        .filter(|k| check_change(state, *k, "").is_ok())
        .collect()
}

impl Relationship {
    /// Whether reminders are due at all: check-in prompts, arc reviews and survey offers come
    /// only while the relationship runs (not while it is paused, closed or still a draft).
    pub fn takes_reminders(&self) -> bool {
        self.life() == LifeState::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkin::{CheckinFacts, Schedule, due_state};
    use crate::domain::{Cadence, CadenceUnit};

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
    fn a_change_is_never_dated_before_the_last_one() {
        let mut r = active();
        apply(&mut r, LifeKind::Paused, day(20)).unwrap();
        let e = apply(&mut r, LifeKind::Resumed, day(10)).unwrap_err();
        assert!(e.contains("resume it on 2026-11-20 or later"), "{e}");
        assert_eq!(r.life(), LifeState::Paused { since: day(20) });
        apply(&mut r, LifeKind::Resumed, day(20)).unwrap();
        assert!(apply(&mut r, LifeKind::Closed, day(19)).is_err());
        apply(&mut r, LifeKind::Closed, day(21)).unwrap();
        assert!(apply(&mut r, LifeKind::Reopened, day(1)).is_err());
    }

    #[test]
    fn refused_changes_leave_the_relationship_as_it_was() {
        let mut r = active();
        let before = r.clone();
        assert!(apply(&mut r, LifeKind::Resumed, day(3)).is_err());
        assert!(apply(&mut r, LifeKind::Reopened, day(3)).is_err());
        assert_eq!(r, before);
    }

    #[test]
    fn every_state_offers_only_the_changes_it_allows() {
        let since = day(5);
        assert_eq!(allowed(LifeState::Draft), []);
        assert_eq!(
            allowed(LifeState::Active),
            [LifeKind::Paused, LifeKind::Closed]
        );
        assert_eq!(
            allowed(LifeState::Paused { since }),
            [LifeKind::Resumed, LifeKind::Closed]
        );
        assert_eq!(
            allowed(LifeState::Closed { on: None }),
            [LifeKind::Reopened]
        );
    }

    #[test]
    fn close_from_every_state() {
        let mut paused = active();
        apply(&mut paused, LifeKind::Paused, day(5)).unwrap();
        let mut closed = active();
        apply(&mut closed, LifeKind::Closed, day(5)).unwrap();
        let mut draft = active();
        draft.status = RelationshipStatus::Draft;
        for (mut r, ok, says) in [
            (active(), true, ""),
            (paused, true, ""),
            (closed, false, "closed"),
            (draft, false, "walk-through"),
        ] {
            let before = r.clone();
            match apply(&mut r, LifeKind::Closed, day(9)) {
                Ok(()) => {
                    assert!(ok, "{:?} may not close", before.life());
                    assert_eq!(r.life(), LifeState::Closed { on: Some(day(9)) });
                    assert_eq!(r.paused_since, None, "a closed one is not also paused");
                }
                Err(e) => {
                    assert!(!ok, "{:?} should close: {e}", before.life());
                    assert!(e.contains(says) && e.contains("Sam"), "{e}");
                    assert_eq!(r, before);
                }
            }
        }
    }

    #[test]
    fn reminders_only_while_it_runs() {
        let mut r = active();
        assert!(r.takes_reminders());
        apply(&mut r, LifeKind::Paused, day(5)).unwrap();
        assert!(!r.takes_reminders());
        apply(&mut r, LifeKind::Resumed, day(8)).unwrap();
        assert!(r.takes_reminders());
        apply(&mut r, LifeKind::Closed, day(9)).unwrap();
        assert!(!r.takes_reminders());
        r.status = RelationshipStatus::Draft;
        assert!(!r.takes_reminders());
    }

    fn every_two_weeks(rel: &Relationship, last_contact: Option<NaiveDate>) -> CheckinFacts {
        CheckinFacts {
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks,
            }),
            schedule: Schedule::SinceLastContact,
            start: rel.agreed_on.unwrap(),
            last_contact,
            snooze: None,
            rescheduled: None,
            resumed_on: rel.resumed_on,
        }
    }

    #[test]
    fn resuming_counts_check_ins_from_the_resume_day() {
        let mut r = active();
        apply(&mut r, LifeKind::Paused, day(3)).unwrap();
        apply(&mut r, LifeKind::Resumed, day(20)).unwrap();
        // Last met on the 2nd: without the pause, due on the 16th and overdue on the 22nd.
        let mut f = every_two_weeks(&r, Some(day(2)));
        let s = due_state(&f, day(22)).unwrap();
        assert_eq!(
            (s.next_due, s.due),
            (day(20) + chrono::Days::new(14), false)
        );
        assert_eq!(
            s.last_contact,
            Some(day(2)),
            "the last contact is still shown"
        );
        f.resumed_on = None;
        assert!(
            due_state(&f, day(22)).unwrap().due,
            "the pause is what moved it"
        );
        // A contact after the resume counts as usual.
        let f = every_two_weeks(&r, Some(day(25)));
        assert_eq!(
            due_state(&f, day(26)).unwrap().next_due,
            day(25) + chrono::Days::new(14)
        );
        // No contact ever: from the resume, not from the start.
        let f = every_two_weeks(&r, None);
        assert_eq!(
            due_state(&f, day(22)).unwrap().next_due,
            day(20) + chrono::Days::new(14)
        );
    }

    #[test]
    fn a_fixed_day_starts_again_on_or_after_the_resume() {
        // Every other Tuesday from 3 November; met on 3 November, then paused.
        let mut r = active();
        apply(&mut r, LifeKind::Paused, day(4)).unwrap();
        apply(&mut r, LifeKind::Resumed, day(18)).unwrap();
        let mut f = every_two_weeks(&r, Some(day(3)));
        f.schedule = Schedule::Fixed {
            anchor: day(3),
            every_weeks: 2,
        };
        // The 17th passed while paused: the next is 1 December, not overdue since the 17th.
        let s = due_state(&f, day(19)).unwrap();
        assert_eq!(
            (s.next_due, s.due),
            (NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), false)
        );
        f.resumed_on = None;
        assert_eq!(due_state(&f, day(19)).unwrap().days_overdue, 2);
    }

    #[test]
    fn snoozes_from_before_a_pause_end_with_the_resume() {
        let mut r = active();
        apply(&mut r, LifeKind::Paused, day(5)).unwrap();
        apply(&mut r, LifeKind::Resumed, day(10)).unwrap();
        let mut f = every_two_weeks(&r, Some(day(1)));
        f.rescheduled = Some((day(30), day(4)));
        assert_eq!(
            due_state(&f, day(11)).unwrap().next_due,
            day(24),
            "a reschedule set before the pause no longer stands"
        );
        f.rescheduled = Some((day(27), day(10)));
        assert_eq!(
            due_state(&f, day(11)).unwrap().next_due,
            day(27),
            "one set on the day stands"
        );
    }

    #[test]
    fn reopening_counts_from_the_reopen_day() {
        let mut r = active();
        apply(&mut r, LifeKind::Closed, day(3)).unwrap();
        apply(&mut r, LifeKind::Reopened, day(16)).unwrap();
        assert!(r.takes_reminders());
        let f = every_two_weeks(&r, Some(day(1)));
        let s = due_state(&f, day(17)).unwrap();
        assert_eq!((s.next_due, s.due), (day(30), false));
    }
}
