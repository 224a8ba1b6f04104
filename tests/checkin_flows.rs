//! Check-ins on TestBackend: the due popup and each of its actions, snoozes that end while the
//! app is open, a clock that goes backwards, and the arc review (extend, close).

mod common;

use common::on_screen;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Initiator, PlannedDuration, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-10-01T09:00:00Z".parse().unwrap()
}

/// Sam, agreed on `start`, every two weeks, I reach out; planned for `months` months.
fn journal(start: NaiveDate, months: Option<u32>) -> (Store, Relationship) {
    let (mut store, rel) = common::ada_mentee_of_sam(t0(), start, &[]);
    common::every_two_weeks(&mut store, rel.id, months, t0());
    (store, rel)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn due_popup(h: &Harness) -> bool {
    matches!(h.app.popup(), Some(Popup::Due { .. }))
}

/// Moves the app's clock and lets the loop's tick run.
fn advance(h: &mut Harness, by: Duration) {
    h.app.now += by;
    h.action(Action::Tick);
}

#[test]
fn an_overdue_check_in_is_offered_on_start_and_a_quick_check_in_counts() {
    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    assert!(due_popup(&h), "overdue since 15 October: the popup is up");
    assert_snapshot!("due_popup", h.screen());
    h.key(KeyCode::Char('c'));
    h.type_text("Sent the draft CV");
    h.key(KeyCode::Up);
    h.key(KeyCode::Right); // I reached out
    h.key(KeyCode::Up);
    h.key(KeyCode::Right); // email
    assert_snapshot!("due_quick_checkin", h.screen());
    h.enter();
    assert!(h.app.popup().is_none());
    on_screen(&mut h, "Check-in with Sam Rivera logged (email)");
    on_screen(&mut h, "last contact today");
    let checkins = h.store.checkins(rel.id).unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0].note, "Sent the draft CV");
    assert_eq!(checkins[0].reached_out, Some(mentorlog::domain::Side::Me));
    // Nothing due now. The next start offers the monthly pulse survey instead: the
    // relationship is older than 30 days and there was contact since it started.
    let mut h = h.restart();
    assert!(
        matches!(h.app.popup(), Some(Popup::SurveyOffer { reason, .. }) if reason == "monthly"),
        "{:?}",
        h.app.popups
    );
    assert_snapshot!("survey_offer", h.screen());
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Survey(_)));
    for score in ['4', '4', '5', '2'] {
        h.key(KeyCode::Char(score));
    }
    h.tab(); // skip "heard"
    h.key(KeyCode::Char('3'));
    assert_snapshot!("survey_filled", h.screen());
    h.ctrl('s');
    assert!(matches!(h.app.screen, Screen::Pulse(_)));
    assert_snapshot!("pulse_one_survey", h.screen());
    let surveys = h.store.surveys(rel.id).unwrap();
    assert_eq!(surveys.len(), 1);
    assert_eq!(
        surveys[0].scores,
        [
            ("progress".to_string(), 4),
            ("useful".to_string(), 4),
            ("open".to_string(), 5),
            ("time".to_string(), 2),
            ("confidence".to_string(), 3)
        ]
    );
    // Not offered again until thirty days later.
    let h = h.restart();
    assert!(h.app.popup().is_none());
}

#[test]
fn two_low_pulses_in_a_row_mark_the_relationship_at_risk() {
    use mentorlog::store::Survey;
    let (mut store, rel) = journal(d(2026, 10, 1), None);
    for (days, score) in [(40, 4), (20, 2), (5, 2)] {
        let at = fixed_now().with_timezone(&Utc) - Duration::days(days);
        let s = Survey {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            at,
            reason: "monthly".into(),
            scores: vec![("progress".into(), score), ("useful".into(), score)],
            note: if days == 5 {
                "Meetings keep getting moved.".into()
            } else {
                String::new()
            },
        };
        store.save_survey(&s).unwrap();
    }
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Esc); // the due popup
    on_screen(
        &mut h,
        "At risk: the last two pulse surveys were low (2.0 and 2.0 of 5)",
    );
    h.key(KeyCode::Char('v'));
    assert_snapshot!("pulse_trends", h.screen());
    h.key(KeyCode::Char('s'));
    assert!(matches!(h.app.screen, Screen::Survey(_)));
    h.key(KeyCode::Char('5'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup().cloned(), Some(Popup::discard_survey()));
    h.key(KeyCode::Char('y'));
    assert!(
        matches!(h.app.screen, Screen::Pulse(_)),
        "a survey taken from the pulse returns to it"
    );
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert_eq!(
        h.store.surveys(rel.id).unwrap().len(),
        3,
        "nothing half-answered was saved"
    );
}

#[test]
fn snooze_ends_while_the_app_is_open_and_esc_waits_for_tomorrow() {
    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('1'));
    assert!(h.app.popup().is_none());
    on_screen(&mut h, "Snoozed: Sam Rivera comes up again on 2026-11-23");
    let plan = h.store.checkin_plan(rel.id).unwrap();
    assert_eq!(plan.snooze, Some((d(2026, 11, 23), d(2026, 11, 22))));
    on_screen(&mut h, "Snoozed until 2026-11-23");
    // Later the same day: still snoozed.
    advance(&mut h, Duration::hours(6));
    assert!(!due_popup(&h));
    // Past midnight, with the app still open: it asks again.
    advance(&mut h, Duration::hours(9));
    assert!(due_popup(&h), "the snooze ended while the app was open");
    // Esc: not again today.
    h.key(KeyCode::Esc);
    advance(&mut h, Duration::hours(2));
    assert!(!due_popup(&h));
    // A clock that goes backwards prompts nothing and writes nothing.
    let plan_before = h.store.checkin_plan(rel.id).unwrap();
    advance(&mut h, -Duration::days(3));
    assert!(!due_popup(&h));
    assert_eq!(h.store.checkin_plan(rel.id).unwrap(), plan_before);
    // The next real day asks again.
    advance(&mut h, Duration::days(4));
    assert!(due_popup(&h));
}

#[test]
fn snooze_until_a_day_and_reschedule_the_next_one() {
    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('s'));
    h.type_text("someday");
    h.enter();
    // One short sentence, read whole on the status line (examples count from 22 November).
    on_screen(
        &mut h,
        "\"someday\" is not a date: try tomorrow, fri, +2w or 2026-12-06.",
    );
    assert!(
        due_popup(&h),
        "a bad date keeps the popup, with what was typed"
    );
    h.ctrl('u');
    h.type_text("fri");
    h.enter();
    assert_eq!(
        h.store.checkin_plan(rel.id).unwrap().snooze.unwrap().0,
        d(2026, 11, 27)
    );

    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    h.type_text("+3d");
    assert_snapshot!("due_reschedule", h.screen());
    h.enter();
    on_screen(&mut h, "The next check-in with Sam Rivera is on 2026-11-25");
    on_screen(&mut h, "Next check-in 2026-11-25");
    assert_eq!(
        h.store.checkin_plan(rel.id).unwrap().rescheduled,
        Some((d(2026, 11, 25), d(2026, 11, 22)))
    );
}

#[test]
fn log_a_meeting_from_the_popup() {
    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('m'));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the meeting form opens")
    };
    assert_eq!(w.form.fields.string(FieldId::With), rel.id.to_string());
    h.ctrl('s');
    h.key(KeyCode::Esc);
    on_screen(&mut h, "Next check-in 2026-12-06");
    let _ = fixed_now();
}

#[test]
fn the_planned_end_asks_to_extend_or_close() {
    // Agreed 22 August for three months: the planned end is today.
    let (store, rel) = journal(d(2026, 8, 22), Some(3));
    let mut h = Harness::new(store, 80, 24);
    assert!(
        matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "the arc review comes first"
    );
    assert_snapshot!("arc_ended", h.screen());
    h.key(KeyCode::Char('e'));
    h.type_text("2026-11-01");
    h.enter();
    on_screen(&mut h, "Pick a day after the current end (2026-11-22)");
    h.ctrl('u');
    h.type_text("+3m");
    h.enter();
    on_screen(&mut h, "now runs until 2027-02-22");
    let agreement = h.store.agreement(rel.id).unwrap();
    assert_eq!(
        agreement.planned_duration(),
        Some(PlannedDuration::Until {
            date: d(2027, 2, 22)
        })
    );
    // The new span's midpoint (today) is not asked about again.
    let h = h.restart();
    assert!(
        !matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );

    let (store, rel) = journal(d(2026, 8, 22), Some(3));
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('c'));
    assert!(matches!(
        h.app.popup(),
        Some(Popup::Life {
            relationship: id,
            ..
        }) if *id == rel.id
    ));
    h.enter();
    assert!(h.app.popups.is_empty(), "closing answers the review too");
    assert!(
        matches!(h.app.screen, Screen::ClosingReview(_)),
        "the closing review follows"
    );
    assert_snapshot!("closing_review_from_arc", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!(
        h.store.relationship(rel.id).unwrap().unwrap().status,
        RelationshipStatus::Closed
    );
    assert!(
        h.store.due_rows(d(2026, 11, 22)).unwrap().is_empty(),
        "closed: off the due list"
    );
    let h = h.restart();
    assert!(h.app.popup().is_none());
}

#[test]
fn no_to_closing_returns_to_the_arc_review() {
    let (store, rel) = journal(d(2026, 8, 22), Some(3));
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.popups.len(), 2, "the question lies over the review");
    assert_snapshot!("arc_close_asks", h.screen());
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );
    assert_snapshot!("arc_close_no_returns", h.screen());
    assert_eq!(
        h.store.relationship(rel.id).unwrap().unwrap().status,
        RelationshipStatus::Active,
        "n keeps it open"
    );
    // The review still answers its keys: extend works after the "no".
    h.key(KeyCode::Char('e'));
    h.type_text("+3m");
    h.enter();
    on_screen(&mut h, "now runs until 2027-02-22");
    assert!(h.app.popups.is_empty());
}

#[test]
fn check_ins_can_move_to_every_other_tuesday_and_back() {
    use mentorlog::domain::Schedule;
    let (store, rel) = journal(d(2026, 10, 1), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Esc); // the due popup
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Right); // on a fixed day
    h.tab();
    h.type_text("tue");
    assert_snapshot!("plan_popup", h.screen());
    h.enter();
    assert_eq!(
        h.store.checkin_plan(rel.id).unwrap().schedule,
        Schedule::Fixed {
            anchor: d(2026, 11, 24),
            every_weeks: 2
        }
    );
    on_screen(&mut h, "Check-ins with Sam Rivera: every other Tuesday.");
    on_screen(
        &mut h,
        "Next check-in 2026-11-24 · no contact logged yet · agreed every other",
    );
    // A fixed day with no first day is refused in place.
    h.key(KeyCode::Char('c'));
    h.tab();
    h.ctrl('u');
    h.enter();
    on_screen(&mut h, "Give the first day of the schedule");
    h.key(KeyCode::Esc);
    // And back to the cadence after the last contact.
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Left);
    h.enter();
    assert_eq!(
        h.store.checkin_plan(rel.id).unwrap().schedule,
        Schedule::SinceLastContact
    );
}

#[test]
fn the_survey_can_also_come_after_a_number_of_contacts() {
    use mentorlog::domain::{Checkin, ContactKind};
    // Agreed recently, so the monthly rhythm has not come round; three check-ins have.
    let (mut store, rel) = journal(d(2026, 11, 10), None);
    for day in [11, 13, 15] {
        let at = d(2026, 11, day).and_hms_opt(10, 0, 0).unwrap().and_utc();
        store
            .save_checkin(&Checkin::new(rel.id, ContactKind::Call, "", at), at)
            .unwrap();
    }
    let settings = mentorlog::app::Settings {
        survey_every_contacts: 3,
        ..mentorlog::app::Settings::default()
    };
    let mut h = Harness::with_settings(store, 80, 24, settings);
    match h.app.popup() {
        Some(Popup::SurveyOffer { reason, why, .. }) => {
            assert_eq!(reason, "contacts");
            assert!(why.starts_with("After 3 meetings and check-ins"), "{why}");
        }
        other => panic!("expected the survey offer, got {other:?}"),
    }
    on_screen(&mut h, "After 3 meetings and check-ins, time for a");
    h.key(KeyCode::Char('n'));
    assert_eq!(h.store.surveys(rel.id).unwrap()[0].reason, "skipped");
    let h = h.restart();
    assert!(
        h.app.popup().is_none(),
        "skipped: not asked again until three more contacts"
    );
}

/// A second relationship like Sam's, with Kim Lee.
fn add_kim(store: &mut Store, start: NaiveDate) -> Relationship {
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentor);
    rel.other_name = "Kim Lee".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(start);
    store.save_relationship(&rel, t0()).unwrap();
    let contact = AnswerValue::Contact {
        initiator: Some(Initiator::Me),
        cadence: Some(Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        }),
    };
    store
        .save_answer(rel.id, "contact", &contact, false, t0())
        .unwrap();
    rel
}

fn shown(h: &Harness) -> Option<String> {
    match h.app.popup() {
        Some(Popup::Due { items, at, .. }) => items.get(*at).map(|i| i.name.clone()),
        _ => None,
    }
}

#[test]
fn esc_sets_aside_only_the_person_shown_until_tomorrow_even_after_a_restart() {
    let (mut store, _sam) = journal(d(2026, 10, 1), None);
    add_kim(&mut store, d(2026, 10, 1));
    let mut h = Harness::new(store, 80, 24);
    let first = shown(&h).expect("two people are due");
    h.key(KeyCode::Esc);
    let second = shown(&h).expect("Esc shows the next person, not nothing");
    assert_ne!(first, second);
    on_screen(&mut h, &format!("{first} comes up again tomorrow"));
    assert_snapshot!("due_esc_shows_the_next", h.screen());
    // A restart the same day asks only about the one never set aside.
    let mut h = h.restart();
    assert_eq!(
        shown(&h).as_deref(),
        Some(second.as_str()),
        "{:?}",
        h.app.popups
    );
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none(), "the last one closes the popup");
    let h = h.restart();
    assert!(h.app.popup().is_none(), "both set aside for today");
    // Tomorrow both are asked about again.
    let mut h = h;
    advance(&mut h, Duration::days(1));
    let Some(Popup::Due { items, .. }) = h.app.popup() else {
        panic!("tomorrow asks again: {:?}", h.app.popups)
    };
    assert_eq!(items.len(), 2);
}
