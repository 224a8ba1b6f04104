//! A relationship's life on TestBackend: pausing with a reason from home, nothing asked while
//! paused, resuming and reopening (check-ins count again from that day), closing into the
//! closing review, and arc reviews put off until the next day.

mod common;

use common::on_screen;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{AnswerValue, LifeKind, LifeState, Relationship};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-08-01T09:00:00Z".parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Sam, agreed on `start`, every two weeks, I reach out; planned for `months` months; a
/// formal relationship with its focus written down.
fn journal(start: NaiveDate, months: Option<u32>) -> (Store, Relationship) {
    let (mut store, mut rel) = common::ada_mentee_of_sam(t0(), start, &[]);
    rel.model = Some("formal".into());
    store.save_relationship(&rel, t0()).unwrap();
    common::every_two_weeks(&mut store, rel.id, months, t0());
    let focus = AnswerValue::Text {
        text: "Moving into product engineering.".into(),
    };
    store
        .save_answer(rel.id, "focus", &focus, false, t0())
        .unwrap();
    (store, rel)
}

/// Moves the app's clock and lets the loop's tick run.
fn advance(h: &mut Harness, by: Duration) {
    h.app.now += by;
    h.action(Action::Tick);
}

fn life_popup(h: &Harness) -> Option<(String, mentorlog::app::fields::Fields)> {
    match h.app.popup() {
        Some(Popup::Life { now, fields, .. }) => Some((now.clone(), fields.clone())),
        _ => None,
    }
}

fn life(store: &Store, rel: &Relationship) -> LifeState {
    store.relationship(rel.id).unwrap().unwrap().life()
}

#[test]
fn pause_with_a_reason_then_nothing_is_asked_until_resumed() {
    // Agreed on 15 November: the first check-in is due on the 29th, so nothing is up today.
    let (store, rel) = journal(d(2026, 11, 15), None);
    let mut h = Harness::new(store, 80, 24);
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    h.key(KeyCode::Char('x'));
    let (now, fields) = life_popup(&h).expect("x opens the popup");
    assert_eq!(now, "active since 2026-11-15");
    assert_eq!(fields.string(FieldId::Kind), "paused", "pause comes first");
    // The reason field is the second; Down goes there, and letters are typed, not keys.
    h.key(KeyCode::Down);
    h.type_text("a month of travel");
    assert_snapshot!("life_popup_pause", h.screen());
    h.resize(40, 12);
    assert_snapshot!("life_popup_pause_narrow", h.screen());
    h.resize(80, 24);
    h.enter();
    assert!(h.app.popups.is_empty());
    on_screen(
        &mut h,
        "Paused: no check-in, review or survey reminders for Sam Rivera",
    );
    assert_eq!(
        life(&h.store, &rel),
        LifeState::Paused {
            since: d(2026, 11, 22)
        }
    );
    let events = h.store.life_events(rel.id).unwrap();
    assert_eq!(
        (events.len(), events[0].kind, events[0].reason.as_str()),
        (1, LifeKind::Paused, "a month of travel")
    );
    h.app.status = None;
    assert_snapshot!("home_paused", h.screen());
    h.resize(40, 12);
    assert_snapshot!("home_paused_narrow", h.screen());
    h.resize(80, 24);

    // A month on, the check-in would be overdue by two weeks; paused, nothing is asked, and
    // the due list (also `mentorlog due`) leaves the relationship out.
    advance(&mut h, Duration::days(30));
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    assert!(h.store.due_rows(d(2026, 12, 22)).unwrap().is_empty());
    let h2 = h.restart();
    assert!(h2.app.popups.is_empty(), "{:?}", h2.app.popups);
    let mut h = h2;
    h.app.now += Duration::days(30);

    // Resume: the first choice of a paused relationship.
    h.key(KeyCode::Char('x'));
    let (now, fields) = life_popup(&h).unwrap();
    assert_eq!(now, "paused since 2026-11-22 (a month of travel)");
    assert_eq!(fields.string(FieldId::Kind), "resumed");
    h.enter();
    on_screen(
        &mut h,
        "Resumed: check-ins with Sam Rivera count again from today",
    );
    let rows = h.store.due_rows(d(2026, 12, 22)).unwrap();
    let state = rows[0].state.unwrap();
    assert_eq!(
        (state.next_due, state.due),
        (d(2027, 1, 5), false),
        "two weeks from the resume, not overdue from before the pause"
    );
    // Two weeks on, it is asked about again.
    advance(&mut h, Duration::days(14));
    assert!(
        matches!(h.app.popup(), Some(Popup::Due { .. })),
        "{:?}",
        h.app.popups
    );
}

#[test]
fn paused_means_no_arc_review_and_no_survey_offer_either() {
    // The planned end is today and a month has passed since a contact: unpaused, the arc
    // review is asked first (see checkin_flows); paused, nothing at all.
    let (mut store, rel) = journal(d(2026, 8, 22), Some(3));
    let at: DateTime<Utc> = "2026-10-20T09:00:00Z".parse().unwrap();
    let c = mentorlog::domain::Checkin::new(rel.id, mentorlog::domain::ContactKind::Call, "", at);
    store.save_checkin(&c, at).unwrap();
    let h = Harness::new(store, 80, 24);
    assert!(
        matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );
    let mut store = h.store;
    store
        .record_life_event(rel.id, LifeKind::Paused, d(2026, 11, 1), "", at)
        .unwrap();
    let h = Harness::new(store, 80, 24);
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
    // Resumed: the review is asked again (it was never answered).
    let mut store = h.store;
    store
        .record_life_event(rel.id, LifeKind::Resumed, d(2026, 11, 22), "", at)
        .unwrap();
    let h = Harness::new(store, 80, 24);
    assert!(matches!(h.app.popup(), Some(Popup::Arc { .. })));
}

#[test]
fn paused_means_no_survey_offer() {
    // Agreed on 1 October, met on 20 November: nothing is due, but the monthly pulse survey
    // is offered at start (see checkin_flows) unless the relationship is paused.
    let (mut store, rel) = journal(d(2026, 10, 1), None);
    let at: DateTime<Utc> = "2026-11-20T09:00:00Z".parse().unwrap();
    let c = mentorlog::domain::Checkin::new(rel.id, mentorlog::domain::ContactKind::Call, "", at);
    store.save_checkin(&c, at).unwrap();
    let h = Harness::new(store, 80, 24);
    assert!(
        matches!(h.app.popup(), Some(Popup::SurveyOffer { .. })),
        "{:?}",
        h.app.popups
    );
    let mut store = h.store;
    store
        .record_life_event(rel.id, LifeKind::Paused, d(2026, 11, 21), "", at)
        .unwrap();
    let h = Harness::new(store, 80, 24);
    assert!(h.app.popups.is_empty(), "{:?}", h.app.popups);
}

#[test]
fn a_closed_relationship_offers_reopen_and_its_summary() {
    let (mut store, rel) = journal(d(2026, 8, 22), None);
    store
        .record_life_event(
            rel.id,
            LifeKind::Closed,
            d(2026, 11, 20),
            "moved abroad",
            t0(),
        )
        .unwrap();
    let mut h = Harness::new(store, 80, 24);
    on_screen(&mut h, "Closed on 2026-11-20: kept to read");
    h.key(KeyCode::Char('x'));
    let (now, fields) = life_popup(&h).unwrap();
    assert_eq!(now, "closed on 2026-11-20 (moved abroad)");
    let Some(mentorlog::app::fields::Value::Pick { options, .. }) = fields.get(FieldId::Kind)
    else {
        panic!("the change is a choice")
    };
    let ids: Vec<&str> = options.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["reopened", "summary"]);
    // The summary: handed over to the closing summary, the popup gone.
    h.key(KeyCode::Right);
    assert_snapshot!("life_popup_closed", h.screen());
    h.enter();
    assert!(life_popup(&h).is_none());
    assert_eq!(
        life(&h.store, &rel),
        LifeState::Closed {
            on: Some(d(2026, 11, 20))
        },
        "looking changes nothing"
    );

    // Reopen: active again, check-ins from today.
    go_home(&mut h);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Down);
    h.type_text("picking it up again");
    h.enter();
    on_screen(
        &mut h,
        "Reopened: the relationship with Sam Rivera is active again",
    );
    let read = h.store.relationship(rel.id).unwrap().unwrap();
    assert_eq!(
        (read.life(), read.resumed_on),
        (LifeState::Active, Some(d(2026, 11, 22)))
    );
    let rows = h.store.due_rows(d(2026, 11, 22)).unwrap();
    assert_eq!(rows[0].state.unwrap().next_due, d(2026, 12, 6));
    let events = h.store.life_events(rel.id).unwrap();
    assert_eq!(events.last().unwrap().reason, "picking it up again");
}

fn go_home(h: &mut Harness) {
    h.app.popups.clear();
    h.app.screen = Screen::Home(mentorlog::app::Home::load(&h.store, d(2026, 11, 22)).unwrap());
}

#[test]
fn close_from_home_hands_over_to_the_closing_review_with_its_reason() {
    let (store, rel) = journal(d(2026, 11, 15), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Right);
    let (_, fields) = life_popup(&h).unwrap();
    assert_eq!(fields.string(FieldId::Kind), "closed");
    h.key(KeyCode::Down);
    h.type_text("new job, less time");
    assert_snapshot!("life_popup_close", h.screen());
    h.enter();
    assert!(life_popup(&h).is_none(), "{:?}", h.app.popups);
    // The closing review records the close and keeps the reason given here.
    let events = h.store.life_events(rel.id).unwrap();
    if let Some(closed) = events.iter().find(|e| e.kind == LifeKind::Closed) {
        assert_eq!(closed.reason, "new job, less time");
    } else {
        assert!(
            !matches!(h.app.screen, Screen::Home(_)) || !h.app.popups.is_empty(),
            "the closing review is open"
        );
    }
}

#[test]
fn esc_keeps_it_as_it_was_and_a_draft_or_nobody_cannot_change() {
    let (store, rel) = journal(d(2026, 11, 15), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Down);
    h.type_text("not sure");
    h.key(KeyCode::Esc);
    assert!(h.app.popups.is_empty());
    assert_eq!(life(&h.store, &rel), LifeState::Active);
    assert!(h.store.life_events(rel.id).unwrap().is_empty());

    // Nobody yet.
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut h = Harness::new(store, 80, 24);
    h.app.screen = Screen::Home(mentorlog::app::Home::load(&h.store, d(2026, 11, 22)).unwrap());
    h.key(KeyCode::Char('x'));
    assert!(h.app.popups.is_empty());
    on_screen(&mut h, "There is no relationship to pause or close yet");
}

#[test]
fn a_change_refused_meanwhile_keeps_the_popup_and_the_reason() {
    let (store, rel) = journal(d(2026, 11, 15), None);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Down);
    h.type_text("holiday");
    // Paused from the command line while the popup was open.
    h.store
        .record_life_event(rel.id, LifeKind::Paused, d(2026, 11, 22), "", t0())
        .unwrap();
    h.enter();
    let (_, fields) = life_popup(&h).expect("the popup stays");
    assert_eq!(
        fields.string(FieldId::Note),
        "holiday",
        "the reason is kept"
    );
    on_screen(&mut h, "paused already");
    assert_eq!(h.store.life_events(rel.id).unwrap().len(), 1);
}

#[test]
fn an_arc_review_put_off_comes_back_the_next_day_also_after_a_restart() {
    // Agreed 22 August for three months: the planned end is today.
    let (store, rel) = journal(d(2026, 8, 22), Some(3));
    let mut h = Harness::new(store, 80, 24);
    assert!(matches!(h.app.popup(), Some(Popup::Arc { .. })));
    h.key(KeyCode::Esc);
    assert!(
        !matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );
    on_screen(&mut h, "this review comes back tomorrow");
    assert_eq!(
        h.store.arc_later(rel.id).unwrap(),
        Some(d(2026, 11, 23)),
        "kept, for a restart"
    );
    // The same day, after a restart: not again.
    let mut h = h.restart();
    assert!(
        !h.app.popups.iter().any(|p| matches!(p, Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );
    // The next day, with the app still open: it is back.
    h.app.popups.clear();
    advance(&mut h, Duration::days(1));
    assert!(
        matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "{:?}",
        h.app.popups
    );
}

#[test]
fn close_on_the_arc_review_asks_for_a_reason_and_esc_returns_to_the_review() {
    let (store, rel) = journal(d(2026, 8, 22), Some(3));
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('c'));
    let (_, fields) = life_popup(&h).expect("close asks first, with room for a reason");
    assert_eq!(fields.string(FieldId::Kind), "closed");
    assert_eq!(h.app.popups.len(), 2, "it lies over the review");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.popup(), Some(Popup::Arc { .. })));
    assert_eq!(life(&h.store, &rel), LifeState::Active);
    // Enter: the closing review takes over, and the arc review is answered.
    h.key(KeyCode::Char('c'));
    h.enter();
    assert!(
        !h.app
            .popups
            .iter()
            .any(|p| matches!(p, Popup::Arc { .. } | Popup::Life { .. })),
        "{:?}",
        h.app.popups
    );
}

#[test]
fn a_close_refused_keeps_the_popup_and_the_reason() {
    let (mut store, rel) = journal(d(2026, 11, 15), None);
    // Paused on a day after today (a clock that was ahead): closing today is refused.
    store
        .record_life_event(rel.id, LifeKind::Paused, d(2026, 11, 25), "", t0())
        .unwrap();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Right);
    h.key(KeyCode::Down);
    h.type_text("moved abroad");
    h.enter();
    let (_, fields) = life_popup(&h).expect("the popup stays");
    assert_eq!(fields.string(FieldId::Note), "moved abroad");
    on_screen(
        &mut h,
        "is before the relationship's last change (2026-11-25)",
    );
    assert!(!matches!(h.app.screen, Screen::ClosingReview(_)));
    assert_eq!(h.store.life_events(rel.id).unwrap().len(), 1);
}
