//! The demo journal: coherent enough to show every screen with something in it.

mod common;

use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::{Popup, Screen};
use mentorlog::store::Store;

fn demo() -> Harness {
    let mut store = Store::open_in_memory().unwrap();
    mentorlog::demo::fill(&mut store, fixed_now()).unwrap();
    Harness::new(store, 80, 24)
}

#[test]
fn the_demo_opens_on_a_due_check_in_and_every_screen_has_content() {
    let mut h = demo();
    assert!(
        matches!(h.app.popup(), Some(Popup::Due { .. })),
        "{:?}",
        h.app.popups
    );
    h.key(KeyCode::Esc);
    assert_snapshot!("demo_home", h.screen());
    let counts = h.store.counts().unwrap();
    assert_eq!(
        counts.to_string(),
        "1 relationships, 12 meetings, 16 action items, 6 reflections, 3 goals, 3 check-ins, 3 surveys"
    );
    h.key(KeyCode::Char('t'));
    assert_snapshot!("demo_timeline", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('g'));
    let Screen::Goals(b) = &h.app.screen else {
        panic!("goals")
    };
    assert_eq!(b.goals.len(), 3);
    h.enter();
    assert_snapshot!("demo_goal", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('a'));
    let Screen::Actions(a) = &h.app.screen else {
        panic!("actions")
    };
    assert_eq!(a.items.len(), 5);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('v'));
    assert_snapshot!("demo_pulse", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('b'));
    let text = h.text();
    assert!(
        text.contains("Ask Sam how he handled his first salary negotiation"),
        "{text}"
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('R'));
    let text = h.text();
    assert!(
        text.contains("hidden") && !text.contains("afraid the people will not answer"),
        "{text}"
    );
}
