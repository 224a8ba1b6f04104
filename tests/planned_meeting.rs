//! A planned next meeting counts toward the check-in rhythm: the day the latest meeting planned
//! the next one for is when the next check-in is due, read for every relationship at once.

use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Checkin, ContactKind, EntryKind, Initiator, Meeting,
    Relationship, Role,
};
use mentorlog::store::{DueRow, Store};

mod common;

use common::cli::agreed;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Noon UTC: the same local day in the time zones tests run in.
fn at(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap().and_utc()
}

/// An active relationship agreed on 2026-08-31, meeting every 2 weeks.
fn every_two_weeks(store: &mut Store, name: &str) -> Relationship {
    let rel = agreed(store, name, Role::Mentee);
    let contact = AnswerValue::Contact {
        initiator: Some(Initiator::Me),
        cadence: Some(Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        }),
    };
    store
        .save_answer(rel.id, "contact", &contact, false, at(d(2026, 8, 31)))
        .unwrap();
    rel
}

fn meeting(
    store: &mut Store,
    rel: &Relationship,
    held: NaiveDate,
    next: Option<NaiveDate>,
) -> Meeting {
    let mut m = Meeting::new(rel.id, at(held), at(held));
    m.next_meeting_on = next;
    store.save_meeting(&m, &[], at(held)).unwrap();
    m
}

fn row<'a>(rows: &'a [DueRow], rel: &Relationship) -> &'a DueRow {
    rows.iter().find(|r| r.relationship.id == rel.id).unwrap()
}

#[test]
fn the_latest_meetings_plan_is_when_the_next_check_in_is_due() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2026, 10, 10)));
    // Two weeks after the meeting (2 October) the cadence alone would ask; the plan says
    // the 10th.
    let rows = store.due_rows(d(2026, 10, 5)).unwrap();
    let s = row(&rows, &sam).state.unwrap();
    assert_eq!(
        (s.next_due, s.due, s.planned_meeting),
        (d(2026, 10, 10), false, Some(d(2026, 10, 10)))
    );
    let s = row(&store.due_rows(d(2026, 10, 10)).unwrap(), &sam)
        .state
        .unwrap();
    assert!(s.prompt(), "due on the planned day");

    // A later meeting without a plan: the cadence counts from it again, and the older plan
    // is not read.
    let later = meeting(&mut store, &sam, d(2026, 9, 25), None);
    let s = row(&store.due_rows(d(2026, 10, 5)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!((s.next_due, s.planned_meeting), (d(2026, 10, 9), None));

    // That meeting moved to the trash: the plan of the one before stands again.
    store
        .set_trashed(EntryKind::Meeting, later.id, true, at(d(2026, 10, 1)))
        .unwrap();
    let s = row(&store.due_rows(d(2026, 10, 5)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!(s.next_due, d(2026, 10, 10));
}

#[test]
fn a_plan_already_met_or_passed_by_a_contact_does_not_hold_the_rhythm() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    // Planned the next meeting for a day that is already the meeting's own day or earlier
    // (a typing slip): the cadence counts as before.
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2026, 9, 18)));
    let s = row(&store.due_rows(d(2026, 9, 20)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!((s.next_due, s.planned_meeting), (d(2026, 10, 2), None));

    // A quick check-in before the planned day leaves the plan standing; one after it ends it.
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2026, 10, 20)));
    let call = |day| Checkin::new(sam.id, ContactKind::Call, "", at(day));
    store
        .save_checkin(&call(d(2026, 9, 30)), at(d(2026, 9, 30)))
        .unwrap();
    let s = row(&store.due_rows(d(2026, 10, 15)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!(s.next_due, d(2026, 10, 20));
    store
        .save_checkin(&call(d(2026, 10, 21)), at(d(2026, 10, 21)))
        .unwrap();
    let s = row(&store.due_rows(d(2026, 10, 22)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!((s.next_due, s.planned_meeting), (d(2026, 11, 4), None));
}

#[test]
fn every_relationship_reads_its_own_plan_and_a_private_meeting_plans_too() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    let kim = every_two_weeks(&mut store, "Kim");
    let lee = every_two_weeks(&mut store, "Lee");
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2026, 10, 10)));
    meeting(&mut store, &kim, d(2026, 9, 18), Some(d(2026, 10, 14)));
    meeting(&mut store, &lee, d(2026, 9, 18), None);
    // Private meetings are still the user's own contact: their plan counts for the reminder.
    let mut private = Meeting::new(kim.id, at(d(2026, 9, 20)), at(d(2026, 9, 20)));
    private.private = true;
    private.next_meeting_on = Some(d(2026, 10, 15));
    store
        .save_meeting(&private, &[], at(d(2026, 9, 20)))
        .unwrap();
    let rows = store.due_rows(d(2026, 10, 1)).unwrap();
    let next = |r: &Relationship| row(&rows, r).state.unwrap().next_due;
    assert_eq!(next(&sam), d(2026, 10, 10));
    assert_eq!(next(&kim), d(2026, 10, 15));
    assert_eq!(next(&lee), d(2026, 10, 2));
    // What others may see counts shared meetings only: Kim's shared plan, from the 18th.
    let shared = store.shared_due_rows(d(2026, 10, 1)).unwrap();
    let s = row(&shared, &kim).state.unwrap();
    assert_eq!(
        (s.last_contact, s.next_due),
        (Some(d(2026, 9, 18)), d(2026, 10, 14))
    );
    assert_eq!(row(&shared, &sam).state.unwrap().next_due, d(2026, 10, 10));
}

#[test]
fn a_meeting_planned_months_ahead_moves_the_check_in_one_cadence_at_most() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    // Met on 18 September: due on 2 October without a plan; a plan may move it to the 16th.
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2027, 1, 15)));
    let s = row(&store.due_rows(d(2026, 10, 5)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!(
        (s.next_due, s.planned_meeting),
        (d(2026, 10, 16), None),
        "a plan four months off does not silence check-ins until then"
    );
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    meeting(&mut store, &sam, d(2026, 9, 18), Some(d(2026, 10, 16)));
    let s = row(&store.due_rows(d(2026, 10, 5)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!(
        (s.next_due, s.planned_meeting),
        (d(2026, 10, 16), Some(d(2026, 10, 16)))
    );
}

#[test]
fn two_meetings_at_the_same_moment_the_later_id_is_the_latest() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = every_two_weeks(&mut store, "Sam");
    let held = at(d(2026, 9, 18));
    let mut first = Meeting::new(sam.id, held, held);
    first.next_meeting_on = Some(d(2026, 10, 5));
    let mut second = Meeting::new(sam.id, held, held);
    second.next_meeting_on = Some(d(2026, 10, 9));
    assert!(second.id > first.id);
    // Saved in the other order, so neither the order of saving nor of storing decides.
    store.save_meeting(&second, &[], held).unwrap();
    store.save_meeting(&first, &[], held).unwrap();
    let s = row(&store.due_rows(d(2026, 9, 20)).unwrap(), &sam)
        .state
        .unwrap();
    assert_eq!(s.planned_meeting, Some(d(2026, 10, 9)));
    let planned = store.planned_meetings(d(2026, 9, 20), false).unwrap();
    assert_eq!(planned.len(), 1);
    assert_eq!(
        (planned[0].meeting_id, planned[0].on),
        (second.id, d(2026, 10, 9))
    );
}
