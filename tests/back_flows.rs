//! Going back: Esc returns where the person came from, and home comes back on the row it
//! was on.

mod common;

use chrono::{DateTime, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::{Goal, GoalStatus, Meeting, Relationship, RelationshipStatus, Role};
use mentorlog::store::{EntryKind, Store};

fn t0() -> DateTime<Utc> {
    "2026-11-10T09:00:00Z".parse().unwrap()
}

/// Ada with three mentees, and one meeting with Kim.
fn journal() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    for name in ["Sam Rivera", "Kim Lee", "Noor Haddad"] {
        let mut rel = Relationship::new_draft(t0());
        rel.my_role = Some(Role::Mentor);
        rel.other_name = name.into();
        rel.status = RelationshipStatus::Active;
        rel.agreed_on = Some(t0().date_naive());
        store.save_relationship(&rel, t0()).unwrap();
        if name == "Kim Lee" {
            let mut m = Meeting::new(rel.id, t0(), t0());
            m.notes = "Talked through the first month: the on-call rota worries Kim.".into();
            store.save_meeting(&m, &[], t0()).unwrap();
        }
    }
    store
}

/// The same, and one active goal for Kim.
fn journal_with_goal() -> Store {
    let mut store = journal();
    let kim = store
        .relationships()
        .unwrap()
        .into_iter()
        .find(|r| r.other_name == "Kim Lee")
        .expect("Kim is in the journal");
    let mut g = Goal::new(kim.id, "Join the on-call rota", t0());
    g.status = GoalStatus::Active;
    store.save_goal(&g, &[], t0()).unwrap();
    store
}

fn home_row(h: &Harness) -> String {
    match &h.app.screen {
        Screen::Home(home) => home
            .selected()
            .map(|o| o.relationship.other_name.clone())
            .unwrap_or_default(),
        other => panic!("not home: {other:?}"),
    }
}

#[test]
fn home_stays_on_its_row_after_any_screen_and_back() {
    let mut h = Harness::new(journal(), 80, 24);
    h.down(1);
    let row = home_row(&h);
    // Into each screen and back with Esc.
    for key in ['t', 'g', 'a', '/', 'v'] {
        h.key(KeyCode::Char(key));
        assert!(
            !matches!(h.app.screen, Screen::Home(_)),
            "{key} opens a screen"
        );
        h.key(KeyCode::Esc);
        assert_eq!(home_row(&h), row, "back from {key}: the same row");
    }
    // Into the timeline, the trash, back to the timeline, back home.
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('T'));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
    h.key(KeyCode::Esc);
    assert_eq!(home_row(&h), row, "back through the trash");
    // The agreement, and the action items reached from the timeline.
    h.enter();
    assert!(matches!(h.app.screen, Screen::Agreement(_)));
    h.key(KeyCode::Esc);
    assert_eq!(home_row(&h), row);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('a'));
    assert!(matches!(h.app.screen, Screen::Actions(_)));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Timeline(_)),
        "actions opened from the timeline return to it"
    );
    h.key(KeyCode::Esc);
    assert_eq!(home_row(&h), row);
    assert_snapshot!("home_same_row_after_going_back", h.screen());
}

#[test]
fn a_reflection_written_from_a_meeting_returns_to_the_meeting() {
    let mut h = Harness::new(journal(), 80, 24);
    h.key(KeyCode::Char('t'));
    h.enter();
    let Screen::View(v) = &h.app.screen else {
        panic!("the meeting opens")
    };
    assert_eq!(v.kind, EntryKind::Meeting);
    let meeting = v.id;
    h.key(KeyCode::Char('r'));
    assert!(matches!(h.app.screen, Screen::Entry(_)));
    h.type_text("The rota worry is about sleep, not skill.");
    h.ctrl('s');
    let Screen::View(v) = &h.app.screen else {
        panic!("the saved reflection is shown: {:?}", h.app.status)
    };
    assert_eq!(v.kind, EntryKind::Reflection);
    h.key(KeyCode::Esc);
    let Screen::View(v) = &h.app.screen else {
        panic!("Esc returns to the meeting, not the timeline")
    };
    assert_eq!((v.kind, v.id), (EntryKind::Meeting, meeting));
    assert_snapshot!("back_to_the_meeting", h.screen());
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Timeline(_)),
        "and the meeting returns to the timeline"
    );
    // Leaving a new reflection without saving returns to the meeting too (the meeting is
    // now the older entry, at the end).
    h.key(KeyCode::End);
    h.enter();
    h.key(KeyCode::Char('r'));
    h.key(KeyCode::Esc);
    let Screen::View(v) = &h.app.screen else {
        panic!("leaving the empty form returns to the meeting")
    };
    assert_eq!(v.id, meeting);
}

#[test]
fn a_reflection_written_from_a_goal_returns_to_the_goal() {
    let mut h = Harness::new(journal_with_goal(), 80, 24);
    h.key(KeyCode::Char('g'));
    h.enter();
    let Screen::GoalDetail(v) = &h.app.screen else {
        panic!("the goal opens")
    };
    let goal = v.goal().id;
    h.key(KeyCode::Char('r'));
    assert!(matches!(h.app.screen, Screen::Entry(_)));
    h.key(KeyCode::Esc);
    let Screen::GoalDetail(v) = &h.app.screen else {
        panic!("Esc returns to the goal: {:?}", h.app.screen)
    };
    assert_eq!(v.goal().id, goal);
    // The goal still goes back to the board, and the board home.
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Goals(_)));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn search_opened_from_the_timeline_returns_to_it_on_the_same_row() {
    let mut h = Harness::new(journal(), 80, 24);
    h.key(KeyCode::Char('t'));
    // Two entries: the meeting, and a reflection written now (the newest, on top).
    h.key(KeyCode::Char('r'));
    h.type_text("A thought to find later.");
    h.ctrl('s');
    h.key(KeyCode::Esc);
    let Screen::Timeline(t) = &h.app.screen else {
        panic!("back on the timeline: {:?}", h.app.screen)
    };
    assert!(t.entries.len() >= 2, "two entries");
    h.down(1);
    let row = |h: &Harness| match &h.app.screen {
        Screen::Timeline(t) => t.selected().map(|e| e.id),
        other => panic!("not the timeline: {other:?}"),
    };
    let on = row(&h);
    h.key(KeyCode::Char('/'));
    assert!(matches!(h.app.screen, Screen::Search(_)));
    h.type_text("rota");
    h.key(KeyCode::Esc);
    assert_eq!(row(&h), on, "the same row");
}

#[test]
fn pair_review_opened_from_home_leaves_to_home_on_the_same_row() {
    let mut h = Harness::new(journal(), 80, 24);
    h.down(2);
    let row = home_row(&h);
    h.key(KeyCode::Char('R'));
    assert!(matches!(h.app.screen, Screen::Review(_)));
    // Esc only says how to leave; L leaves.
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Review(_)));
    h.key(KeyCode::Char('L'));
    assert_eq!(home_row(&h), row);
}

#[test]
fn prep_and_pulse_go_back_home_on_the_same_row_and_a_survey_from_the_pulse_returns_to_it() {
    let mut h = Harness::new(journal(), 80, 24);
    h.down(1);
    let row = home_row(&h);
    h.key(KeyCode::Char('b'));
    assert!(matches!(h.app.screen, Screen::Prep(_)));
    h.key(KeyCode::Esc);
    assert_eq!(home_row(&h), row);
    h.key(KeyCode::Char('v'));
    assert!(matches!(h.app.screen, Screen::Pulse(_)));
    h.key(KeyCode::Char('s'));
    assert!(matches!(h.app.screen, Screen::Survey(_)));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Pulse(_)),
        "the survey returns to the pulse it was taken from: {:?}",
        h.app.screen
    );
    h.key(KeyCode::Esc);
    assert_eq!(home_row(&h), row);
}

#[test]
fn end_and_home_go_to_the_last_and_first_row_of_every_list_the_help_lists_them_in() {
    let mut h = Harness::new(journal(), 80, 24);
    let first = home_row(&h);
    h.key(KeyCode::End);
    let last = home_row(&h);
    assert_ne!(first, last, "End leaves the first row");
    h.key(KeyCode::Up);
    assert_ne!(
        home_row(&h),
        last,
        "and ↑ moves up from the last row at once"
    );
    h.key(KeyCode::Char('G'));
    assert_eq!(home_row(&h), last, "G goes to the last row too");
    h.key(KeyCode::Home);
    assert_eq!(home_row(&h), first, "Home goes back to the first");
    // The pair review scrolls a text: it offers the top, and no "last row" it cannot find.
    h.key(KeyCode::Char('R'));
    h.key(KeyCode::Char('?'));
    let help = h.text();
    assert!(help.contains("to the top"), "{help}");
    assert!(!help.contains("the last row"), "{help}");
}
