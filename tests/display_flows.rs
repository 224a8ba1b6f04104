//! What the screens show, on TestBackend: who needs a check-in on the home list, columns that
//! stay aligned with wide names (CJK, emoji), messages that wrap instead of being cut, long
//! answers that can be read without editing them.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Popup;
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Initiator, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Adds an agreed relationship in which Ada is the mentor, checked in every two weeks.
fn mentee(store: &mut Store, name: &str, agreed: NaiveDate) -> Relationship {
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentor);
    rel.other_name = name.into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(agreed);
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

/// Ada mentors three people on 22 November 2026: 田中 さくら is overdue (due since
/// 15 November), Zoë is due today, Sam is not due until 29 November.
fn three_mentees() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    mentee(&mut store, "田中 さくら", d(2026, 11, 1));
    mentee(&mut store, "Zoë 👩🏽‍💻", d(2026, 11, 8));
    mentee(&mut store, "Sam Rivera", d(2026, 11, 15));
    store
}

/// The home list after the check-in popup of the start was put off.
fn home(store: Store, w: u16, h: u16) -> Harness {
    let mut h = Harness::new(store, w, h);
    assert!(
        matches!(h.app.popup, Some(Popup::Due { .. })),
        "two check-ins are due: the popup offers them"
    );
    h.key(KeyCode::Esc);
    assert!(h.app.popup.is_none());
    h
}

/// The screen column (in cells) where `what` starts, on the first row holding `row`.
fn column(h: &mut Harness, row: &str, what: &str) -> usize {
    h.draw();
    let buf = h.terminal.backend().buffer();
    for y in 0..buf.area.height {
        let symbols: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let line: String = symbols.concat();
        if !line.contains(row) {
            continue;
        }
        let Some(at) = line.find(what) else {
            panic!("{what:?} is not on the row {line:?}");
        };
        let mut bytes = 0;
        return symbols
            .iter()
            .take_while(|s| {
                bytes += s.len();
                bytes <= at
            })
            .count();
    }
    panic!("no row with {row:?}");
}

fn row_with<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no row with {name:?} in\n{text}"))
}

#[test]
fn the_home_list_marks_who_is_due_on_every_row_and_counts_them() {
    let mut h = home(three_mentees(), 100, 24);
    let text = h.text();
    assert!(text.contains("3 relationships · 2 check-ins due"), "{text}");
    // Marked in words, whichever row is highlighted.
    assert!(row_with(&text, "田").contains("overdue 7 days"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
    let sam = row_with(&text, "Sam Rivera");
    assert!(!sam.contains("due") && !sam.contains("overdue"), "{sam}");
    assert_snapshot!("home_three_mentees_due", h.screen());
    h.down(2);
    let text = h.text();
    assert!(row_with(&text, "田").contains("overdue 7 days"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
}

#[test]
fn without_colours_the_due_rows_still_say_so() {
    let settings = mentorlog::app::Settings {
        colors: false,
        ..Default::default()
    };
    let mut h = Harness::with_settings(three_mentees(), 80, 24, settings);
    h.key(KeyCode::Esc);
    let text = h.text();
    assert!(row_with(&text, "田").contains("overdue"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
}

#[test]
fn a_narrow_home_list_puts_each_cell_under_its_own_heading() {
    let mut h = home(three_mentees(), 40, 12);
    let text = h.text();
    assert_snapshot!("narrow_home_three_mentees", h.screen());
    assert!(
        !text.contains("Model"),
        "no room for the model column:\n{text}"
    );
    assert_eq!(
        column(&mut h, "With", "Check-ins"),
        column(&mut h, "Sam", "every"),
        "the cadence stands under Check-ins:\n{text}"
    );
    assert_eq!(
        column(&mut h, "With", "Check-ins"),
        column(&mut h, "Zoë", "due today"),
        "{text}"
    );
}
