//! Random key sequences and terminal sizes (0x0 to 300x100) through update and render:
//! nothing panics, whatever is pressed, at whatever size.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use mentorlog::app::Action;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Tick,
    Resize(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Esc, KeyCode::Up,
            KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home, KeyCode::End,
            KeyCode::PageUp, KeyCode::PageDown, KeyCode::Backspace, KeyCode::Delete,
            KeyCode::F(1), KeyCode::Char(' '), KeyCode::Char('q'), KeyCode::Char('?'),
            KeyCode::Char('n'), KeyCode::Char('e'), KeyCode::Char('y'), KeyCode::Char('j'),
            KeyCode::Char('k'), KeyCode::Char('m'), KeyCode::Char('r'), KeyCode::Char('a'),
            KeyCode::Char('t'), KeyCode::Char('d'), KeyCode::Char('u'), KeyCode::Char('f'),
            KeyCode::Char('x'), KeyCode::Char('T'), KeyCode::Char('E'), KeyCode::Char('s'),
            KeyCode::Char('p'), KeyCode::Char('g'), KeyCode::Char('1'), KeyCode::Char('4'),
        ]),
        2 => prop::char::range('0', '9').prop_map(KeyCode::Char),
        2 => any::<char>().prop_map(KeyCode::Char),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        // Ctrl-Z only sets a flag here; the terminal layer is not involved.
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        20 => (key_code(), modifiers()).prop_map(|(c, m)| Input::Key(c, m)),
        1 => "\\PC{0,40}".prop_map(Input::Paste),
        1 => Just(Input::Tick),
        2 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

fn drive(h: &mut Harness, inputs: &[Input]) {
    for i in inputs {
        match i {
            Input::Key(c, m) => h.key_with(*c, *m),
            Input::Paste(s) => h.paste(s),
            Input::Tick => h.action(Action::Tick),
            Input::Resize(w, hh) => h.resize(*w, *hh),
        }
        h.draw();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_from_a_fresh_journal(w in 0u16..=300, h in 0u16..=100, inputs in prop::collection::vec(input(), 1..80)) {
        let mut harness = Harness::in_memory(w, h);
        drive(&mut harness, &inputs);
        prop_assert_eq!(harness.store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn random_keys_after_an_agreement(w in 0u16..=300, h in 0u16..=100, inputs in prop::collection::vec(input(), 1..80)) {
        let mut harness = Harness::in_memory(80, 24);
        // Name, role, other person, then straight to the review page and save.
        harness.enter();
        harness.type_text("Ada");
        harness.enter();
        harness.enter();
        harness.type_text("Sam");
        harness.enter();
        for _ in 0..20 {
            harness.tab();
        }
        harness.ctrl('s');
        prop_assert!(matches!(harness.app.screen, mentorlog::app::Screen::Home(_)));
        harness.resize(w, h);
        drive(&mut harness, &inputs);
        prop_assert_eq!(harness.store.integrity_check().unwrap(), "ok");
    }
}

#[test]
fn every_size_from_zero_renders_each_screen() {
    let mut h = Harness::in_memory(0, 0);
    for step in 0..22 {
        for (w, hh) in [
            (0, 0),
            (1, 1),
            (2, 5),
            (10, 3),
            (29, 7),
            (30, 8),
            (45, 10),
            (300, 100),
        ] {
            h.resize(w, hh);
            h.draw();
        }
        match step {
            1 => h.type_text("Ada"),
            3 => h.type_text("Sam"),
            _ => {}
        }
        if step < 4 { h.enter() } else { h.tab() }
    }
}

#[test]
fn every_size_renders_the_journal_screens() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.enter();
    h.type_text("Sam");
    h.enter();
    for _ in 0..20 {
        h.tab();
    }
    h.ctrl('s');
    let sizes = [
        (0, 0),
        (1, 1),
        (2, 5),
        (10, 3),
        (29, 7),
        (30, 8),
        (45, 10),
        (61, 9),
        (300, 100),
    ];
    let all_sizes = |h: &mut Harness| {
        for (w, hh) in sizes {
            h.resize(w, hh);
            h.draw();
        }
        h.resize(80, 24);
    };
    // A meeting with notes and an action item, saved; its view; a reflection; the timeline,
    // its filter panel and trash; the action items.
    h.key(KeyCode::Char('m'));
    all_sizes(&mut h);
    for _ in 0..6 {
        h.tab();
    }
    h.paste("Notes with 世界 and e\u{301} and a very long line that wraps many times over on a narrow screen.");
    all_sizes(&mut h);
    for _ in 0..2 {
        h.tab();
    }
    h.type_text("An action");
    all_sizes(&mut h);
    h.ctrl('s');
    all_sizes(&mut h);
    h.key(KeyCode::Char('r'));
    h.type_text("A reflection");
    all_sizes(&mut h);
    h.ctrl('s');
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('t'));
    all_sizes(&mut h);
    h.key(KeyCode::Char('f'));
    all_sizes(&mut h);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('T'));
    all_sizes(&mut h);
    h.key(KeyCode::Char('E'));
    all_sizes(&mut h);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('a'));
    all_sizes(&mut h);
    assert!(matches!(h.app.screen, mentorlog::app::Screen::Actions(_)));
    // Goals: the board, the form with a milestone, the detail, its panels and popups.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('g'));
    all_sizes(&mut h);
    h.key(KeyCode::Char('n'));
    h.type_text("A goal with a long name that will not fit on a narrow screen at all");
    for _ in 0..8 {
        h.tab();
    }
    h.type_text("A milestone");
    all_sizes(&mut h);
    h.ctrl('s');
    all_sizes(&mut h);
    // The check before saving was drawn above; saving again saves the goal as it is.
    h.ctrl('s');
    all_sizes(&mut h);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char('p'));
    all_sizes(&mut h);
    h.enter();
    h.key(KeyCode::Char('s'));
    all_sizes(&mut h);
    h.enter();
    h.enter();
    all_sizes(&mut h);
    assert!(matches!(
        h.app.screen,
        mentorlog::app::Screen::GoalDetail(_)
    ));
}

#[test]
fn every_size_renders_the_check_in_popups_and_pulse() {
    use mentorlog::domain::{
        AnswerValue, Cadence, CadenceUnit, Initiator, PlannedDuration, Relationship,
        RelationshipStatus, Role,
    };
    let t0: chrono::DateTime<chrono::Utc> = "2026-08-22T09:00:00Z".parse().unwrap();
    let mut store = mentorlog::store::Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0).unwrap();
    let mut rel = Relationship::new_draft(t0);
    rel.my_role = Some(Role::Mentor);
    rel.other_name = "Sam with a rather long name for a narrow screen".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0.date_naive());
    store.save_relationship(&rel, t0).unwrap();
    let contact = AnswerValue::Contact {
        initiator: Some(Initiator::Them),
        cadence: Some(Cadence {
            every: 1,
            unit: CadenceUnit::Weeks,
        }),
    };
    store
        .save_answer(rel.id, "contact", &contact, false, t0)
        .unwrap();
    let d = AnswerValue::Duration {
        plan: PlannedDuration::Months { months: 3 },
    };
    store
        .save_answer(rel.id, "duration", &d, false, t0)
        .unwrap();
    let mut h = Harness::new(store, 80, 24);
    let sizes = [
        (0, 0),
        (1, 1),
        (10, 3),
        (29, 7),
        (30, 8),
        (45, 10),
        (61, 9),
        (300, 100),
    ];
    let all_sizes = |h: &mut Harness| {
        for (w, hh) in sizes {
            h.resize(w, hh);
            h.draw();
        }
        h.resize(80, 24);
    };
    all_sizes(&mut h); // the arc review
    h.key(KeyCode::Char('e'));
    all_sizes(&mut h);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('s')); // the survey
    all_sizes(&mut h);
    h.key(KeyCode::Char('3'));
    h.ctrl('s');
    all_sizes(&mut h); // the pulse
    h.key(KeyCode::Esc);
    let mut h = h.restart(); // the due popup
    all_sizes(&mut h);
    for panel in ['c', 's', 'r'] {
        h.key(KeyCode::Char(panel));
        all_sizes(&mut h);
        h.key(KeyCode::Esc);
    }
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('c')); // the plan
    all_sizes(&mut h);
    assert!(matches!(
        h.app.popup(),
        Some(mentorlog::app::Popup::Plan { .. })
    ));
}
