//! The agreement both people make, on TestBackend: signing a version (mine and the other
//! person's, noted afterwards), a change after a sign-off opening the next version, an
//! answer's history, and revising the agreement from the midpoint review.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::{Popup, Screen};
use mentorlog::domain::{
    AnswerValue, PlannedDuration, Relationship, RelationshipStatus, Role, Side,
};
use mentorlog::store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn text(t: &str) -> AnswerValue {
    AnswerValue::Text { text: t.into() }
}

/// Ada is Sam Rivera's mentee, agreed on `start` (a morning that day); optionally planned for
/// six months (so the midpoint review comes).
fn journal(start: NaiveDate, six_months: bool) -> (Store, Relationship) {
    let t0: DateTime<Utc> = start.and_hms_opt(9, 0, 0).unwrap().and_utc();
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0).unwrap();
    let mut rel = Relationship::new_draft(t0);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(start);
    store.save_relationship(&rel, t0).unwrap();
    store
        .save_answer(
            rel.id,
            "focus",
            &text("Moving into product engineering."),
            false,
            t0,
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "boundaries",
            &text("What we discuss stays between us."),
            false,
            t0,
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "mentee_hopes",
            &text("An honest view of the cost."),
            true,
            t0,
        )
        .unwrap();
    if six_months {
        let plan = AnswerValue::Duration {
            plan: PlannedDuration::Months { months: 6 },
        };
        store
            .save_answer(rel.id, "duration", &plan, false, t0)
            .unwrap();
    }
    (store, rel)
}

/// The agreement screen of the only relationship, any start-up popup put off.
fn agreement(store: Store, w: u16, h: u16) -> Harness {
    let mut h = Harness::new(store, w, h);
    while h.app.popup().is_some() {
        h.key(KeyCode::Esc);
    }
    h.enter();
    assert!(
        matches!(h.app.screen, Screen::Agreement(_)),
        "{:?}",
        h.app.screen
    );
    h
}

fn on_screen(h: &mut Harness, what: &str) {
    let text = h.text();
    assert!(
        text.contains(what),
        "{what:?} is not on the screen:\n{text}"
    );
}

/// Moves the highlight to the answer of `question`.
fn highlight(h: &mut Harness, question: &str) {
    let Screen::Agreement(v) = &h.app.screen else {
        panic!("not the agreement");
    };
    let at = v
        .steps
        .iter()
        .position(|s| matches!(s, mentorlog::app::steps::Step::Question(id) if id == question))
        .expect("the question is on the agreement");
    h.key(KeyCode::Home);
    h.down(at);
}

/// Replaces the highlighted text answer and saves it.
fn change_answer(h: &mut Harness, new: &str) {
    h.key(KeyCode::Char('e'));
    assert!(
        matches!(h.app.screen, Screen::Onboarding(_)),
        "the answer's form opens"
    );
    h.ctrl('a');
    h.ctrl('k');
    h.type_text(new);
    h.ctrl('s');
    assert!(
        matches!(h.app.screen, Screen::Agreement(_)),
        "back on the agreement"
    );
}

#[test]
fn both_sign_and_the_agreement_says_who_agreed_to_which_version() {
    let (store, rel) = journal(d(2026, 11, 1), false);
    let mut h = agreement(store, 80, 24);
    on_screen(&mut h, "Version 1 of 2026-11-01.");
    on_screen(&mut h, "not signed yet by Ada or Sam Rivera");
    on_screen(&mut h, "without blame");
    assert_snapshot!("agreement_unsigned", h.screen());

    h.key(KeyCode::Char('s'));
    assert!(matches!(
        h.app.popup(),
        Some(Popup::SignOff { who: Side::Me, .. })
    ));
    assert_snapshot!("signoff_mine", h.screen());
    h.enter();
    assert!(h.app.popup().is_none());
    on_screen(&mut h, "Your sign-off of version 1 on 2026-11-22 is saved.");
    on_screen(
        &mut h,
        "Agreed by Ada on 2026-11-22 (version 1); not yet signed by Sam Rivera.",
    );

    // Sam agreed two days ago; Ada notes it now. A day before the version is refused and
    // the typed day stays.
    h.key(KeyCode::Char('o'));
    h.ctrl('u');
    h.type_text("2026-10-30");
    h.enter();
    on_screen(
        &mut h,
        "Version 1 was made on 2026-11-01: pick that day or a later one.",
    );
    assert!(matches!(
        h.app.popup(),
        Some(Popup::SignOff {
            who: Side::Other,
            ..
        })
    ));
    h.ctrl('u');
    h.type_text("2026-11-20");
    assert_snapshot!("signoff_theirs", h.screen());
    h.enter();
    on_screen(
        &mut h,
        "Agreed by Sam Rivera on 2026-11-20 and by Ada on 2026-11-22 (version 1).",
    );
    assert_snapshot!("agreement_signed", h.screen());
    let history = h.store.agreement_history(rel.id).unwrap();
    assert_eq!(history.signoffs.len(), 2);
    assert_eq!(
        history
            .signoff(1, Side::Other)
            .map(|s| (s.name.as_str(), s.signed_on)),
        Some(("Sam Rivera", d(2026, 11, 20)))
    );
}

#[test]
fn a_narrow_window_keeps_the_version_line_and_the_signoff_popup() {
    let (store, _) = journal(d(2026, 11, 1), false);
    let mut h = agreement(store, 40, 12);
    on_screen(&mut h, "Version 1 · not signed yet");
    assert_snapshot!("agreement_unsigned_narrow", h.screen());
    h.key(KeyCode::Char('o'));
    assert_snapshot!("signoff_theirs_narrow", h.screen());
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none(), "Esc goes back without a sign-off");
}

#[test]
fn a_change_after_signing_opens_version_two_and_the_history_shows_both_values() {
    let (store, rel) = journal(d(2026, 11, 1), false);
    let mut h = agreement(store, 80, 24);
    h.key(KeyCode::Char('s'));
    h.enter();
    highlight(&mut h, "boundaries");
    change_answer(&mut h, "No calls after eight in the evening.");
    on_screen(&mut h, "Version 2 of 2026-11-22, revised.");
    on_screen(&mut h, "Version 2 is not signed yet by Ada or Sam");

    h.key(KeyCode::Char('v'));
    on_screen(&mut h, "History of Boundaries: 2 values, the latest first.");
    assert_snapshot!("answer_history", h.screen());
    let screen = h.text();
    let new = screen
        .find("2026-11-22  v2  No calls after eight")
        .expect("the new value");
    let old = screen
        .find("2026-11-01  v1  What we discuss")
        .expect("the old value");
    assert!(new < old, "the latest first:\n{screen}");

    // A second change the same day, before anyone signed version 2, stays in it.
    highlight(&mut h, "focus");
    change_answer(&mut h, "A product role within a year.");
    let history = h.store.agreement_history(rel.id).unwrap();
    assert_eq!(history.versions.len(), 2);
    assert_eq!(history.changes_of("focus").last().unwrap().version, 2);
    h.key(KeyCode::Char('v'));
    on_screen(&mut h, "History of Focus: 2 values");

    h.resize(40, 12);
    assert_snapshot!("answer_history_narrow", h.screen());
}

#[test]
fn revising_at_the_midpoint_review_notes_where_the_new_version_was_made() {
    // Agreed 1 August for six months: the midpoint has passed on 22 November.
    let (store, rel) = journal(d(2026, 8, 1), true);
    let mut h = Harness::new(store, 80, 24);
    assert!(
        matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "the midpoint review comes first: {:?}",
        h.app.popups
    );
    h.key(KeyCode::Char('r'));
    assert!(h.app.popup().is_none());
    assert!(matches!(h.app.screen, Screen::Agreement(_)));
    on_screen(&mut h, "Revising the agreement with Sam Rivera");
    on_screen(
        &mut h,
        "Revising (revised at the midpoint): a change makes version 2",
    );
    assert_snapshot!("agreement_revising", h.screen());

    highlight(&mut h, "boundaries");
    change_answer(&mut h, "We talk every two weeks, and that is enough.");
    on_screen(&mut h, "Version 2 of 2026-11-22, revised at the midpoint.");
    on_screen(&mut h, "changes go into version 2");
    let history = h.store.agreement_history(rel.id).unwrap();
    assert_eq!(history.current().unwrap().note, "revised at the midpoint");

    h.resize(40, 12);
    on_screen(&mut h, "Revising: changes go into version 2");
    assert_snapshot!("agreement_revising_narrow", h.screen());
    h.resize(80, 24);

    // Leaving ends the revision: the review is answered, and a later change is plain.
    h.key(KeyCode::Esc);
    assert_eq!(h.store.revision_note(rel.id).unwrap(), None);
    let h = h.restart();
    assert!(
        !matches!(h.app.popup(), Some(Popup::Arc { .. })),
        "revising answered the review"
    );
}

#[test]
fn the_shared_agreement_names_the_version_and_keeps_private_history_out() {
    let (mut store, rel) = journal(d(2026, 11, 1), false);
    let at = |day: u32, h: u32| -> DateTime<Utc> {
        format!("2026-11-{day:02}T{h:02}:00:00Z").parse().unwrap()
    };
    // A value once kept private (an answer can be marked so) never leaves with the history.
    store
        .save_answer(rel.id, "focus", &text("PRIVATE-FOCUS"), true, at(1, 10))
        .unwrap();
    store
        .sign_agreement(
            rel.id,
            Side::Me,
            "Ada",
            d(2026, 11, 1),
            d(2026, 11, 1),
            at(1, 12),
        )
        .unwrap();
    store
        .save_answer(rel.id, "focus", &text("A product role."), false, at(5, 11))
        .unwrap();
    store
        .save_answer(
            rel.id,
            "boundaries",
            &text("No calls at night."),
            false,
            at(5, 12),
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "mentee_hopes",
            &text("SECRET-NEW-HOPE"),
            true,
            at(5, 13),
        )
        .unwrap();
    store
        .sign_agreement(
            rel.id,
            Side::Other,
            "Sam Rivera",
            d(2026, 11, 6),
            d(2026, 11, 6),
            at(6, 9),
        )
        .unwrap();
    let content = mentorlog::content::Content::get();
    let agreement = store.agreement(rel.id).unwrap();
    let history = store.agreement_history(rel.id).unwrap();
    let rel = store.relationship(rel.id).unwrap().unwrap();

    let md = mentorlog::share::markdown("Ada", &rel, &agreement, &history, content, false);
    assert!(md.contains("Version 2 of 2026-11-05, revised."), "{md}");
    assert!(
        md.contains("Agreed by Sam Rivera on 2026-11-06 (version 2); not yet signed by Ada."),
        "{md}"
    );
    assert!(md.contains(content.no_fault.trim()), "{md}");
    assert!(
        md.contains("- version 1 (2026-11-01): What we discuss stays between us."),
        "{md}"
    );
    assert!(
        md.contains("- version 1 (2026-11-01): Moving into product engineering."),
        "{md}"
    );
    assert!(
        !md.contains("SECRET") && !md.contains("honest view") && !md.contains("PRIVATE"),
        "{md}"
    );

    let json = mentorlog::share::json("Ada", &rel, &agreement, &history, content, false);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["agreement"]["number"], 2);
    assert_eq!(v["agreement"]["signed"][0]["name"], "Sam Rivera");
    assert_eq!(v["versions"][0]["signed"][0]["who"], "me");
    let boundaries = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "boundaries")
        .unwrap();
    assert_eq!(boundaries["history"].as_array().unwrap().len(), 2);
    assert!(
        !json.contains("SECRET") && !json.contains("honest view") && !json.contains("PRIVATE"),
        "{json}"
    );

    let with_private = mentorlog::share::markdown("Ada", &rel, &agreement, &history, content, true);
    assert!(with_private.contains("SECRET-NEW-HOPE"), "{with_private}");
    assert!(with_private.contains("- version 1 (2026-11-01): An honest view of the cost."));
}

#[test]
fn the_demo_pair_signed_twice_and_revised_at_the_midpoint() {
    let mut store = Store::open_in_memory().unwrap();
    mentorlog::demo::fill(&mut store, common::fixed_now()).unwrap();
    let rel = store.relationships().unwrap().remove(0);
    let history = store.agreement_history(rel.id).unwrap();
    let notes: Vec<&str> = history.versions.iter().map(|v| v.note.as_str()).collect();
    assert_eq!(notes, ["", "revised at the midpoint"]);
    assert_eq!(history.signoffs_of(1).len(), 2);
    assert_eq!(history.signoffs_of(2).len(), 2);
    assert_eq!(history.changes_of("boundaries").len(), 2);
    assert!(history.changes_of("mentee_hopes").iter().all(|c| c.private));
    assert_eq!(
        store.revision_note(rel.id).unwrap(),
        None,
        "no revision left open"
    );
}
