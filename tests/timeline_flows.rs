//! The timeline screen: meetings and reflections newest first, paged from the store.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::{Meeting, Reflection, Relationship, RelationshipStatus, Role};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-11-10T09:00:00Z".parse().unwrap()
}

fn journal(entries: usize) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0().date_naive());
    store.save_relationship(&rel, t0()).unwrap();
    for i in 0..entries {
        let at = t0() - Duration::hours(20 * i as i64);
        if i % 3 == 0 {
            let mut m = Meeting::new(rel.id, at, at);
            m.notes = format!("Meeting {i}: went through the CV and the two openings.");
            store.save_meeting(&m, &[], at).unwrap();
        } else {
            let mut r = Reflection::new(
                &format!("Reflection {i}: I keep putting off the salary question."),
                at,
            );
            r.relationship_id = (i % 2 == 0).then_some(rel.id);
            r.private = i % 4 != 0;
            store.save_reflection(&r, at).unwrap();
        }
    }
    store
}

#[test]
fn an_empty_timeline_says_how_to_fill_it() {
    let mut h = Harness::new(journal(0), 80, 24);
    h.key(KeyCode::Char('t'));
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
    assert_snapshot!("timeline_empty", h.screen());
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn entries_newest_first_with_privacy_marked() {
    let mut h = Harness::new(journal(12), 80, 24);
    h.key(KeyCode::Char('t'));
    assert_snapshot!("timeline_entries", h.screen());
    h.down(2);
    assert_snapshot!("timeline_entries_third_selected", h.screen());
    let mut narrow = Harness::new(journal(12), 40, 12);
    narrow.key(KeyCode::Char('t'));
    assert_snapshot!("timeline_narrow", narrow.screen());
}

#[test]
fn older_pages_load_as_the_cursor_moves() {
    let total = 250;
    let mut h = Harness::new(journal(total), 80, 24);
    h.key(KeyCode::Char('t'));
    let loaded = |h: &Harness| match &h.app.screen {
        Screen::Timeline(t) => (t.entries.len(), t.cursor, t.complete),
        _ => panic!("not on the timeline"),
    };
    assert_eq!(loaded(&h), (100, 0, false), "the first read is one page");
    for _ in 0..30 {
        h.key(KeyCode::PageDown);
    }
    let (n, cursor, complete) = loaded(&h);
    assert_eq!(
        (n, cursor, complete),
        (total, total - 1, true),
        "every entry, each once, and no further"
    );
    assert!(
        h.text().contains("Reflection 248") || h.text().contains("Meeting 249"),
        "{}",
        h.text()
    );
    h.key(KeyCode::Char('g'));
    assert_eq!(loaded(&h).1, 0);
    assert!(h.text().contains("Meeting 0"));
}

#[test]
fn page_down_moves_a_screenful_and_end_goes_to_the_oldest() {
    let total = 250;
    let mut h = Harness::new(journal(total), 80, 24);
    h.key(KeyCode::Char('t'));
    let cursor = |h: &Harness| match &h.app.screen {
        Screen::Timeline(t) => t.cursor,
        _ => panic!("not on the timeline"),
    };
    // 24 rows: header, status, footer, the frame and a preview of 5 leave 14 rows.
    h.key(KeyCode::PageDown);
    assert_eq!(cursor(&h), 14, "a screenful, not 10 rows");
    assert_snapshot!("timeline_page_down", h.screen());
    h.key(KeyCode::PageUp);
    assert_eq!(cursor(&h), 0);
    // A taller terminal pages further.
    h.resize(80, 40);
    h.key(KeyCode::PageDown);
    assert_eq!(cursor(&h), 30);
    h.resize(80, 24);
    h.key(KeyCode::End);
    assert_eq!(cursor(&h), total - 1, "End: the oldest entry");
    assert!(h.text().contains("Meeting 249"), "{}", h.text());
    assert_snapshot!("timeline_end", h.screen());
    h.key(KeyCode::Char('g'));
    assert_eq!(cursor(&h), 0);
    h.key(KeyCode::Char('G'));
    assert_eq!(cursor(&h), total - 1, "G too");
}

/// The notes of the entry being read.
fn reading(h: &Harness) -> String {
    match &h.app.screen {
        Screen::View(v) => v
            .meeting
            .as_ref()
            .map(|m| m.notes.clone())
            .or_else(|| v.reflection.as_ref().map(|r| r.body.clone()))
            .unwrap_or_default(),
        other => panic!("not reading an entry: {other:?}"),
    }
}

#[test]
fn brackets_step_through_entries_without_the_timeline() {
    let mut h = Harness::new(journal(5), 80, 24);
    h.key(KeyCode::Char('t'));
    h.down(1);
    h.enter();
    assert!(reading(&h).starts_with("Reflection 1"), "{}", h.text());
    h.key(KeyCode::Char(']'));
    assert!(reading(&h).starts_with("Reflection 2"), "{}", h.text());
    assert_snapshot!("view_next_older", h.screen());
    h.key(KeyCode::Char('['));
    h.key(KeyCode::Char('['));
    assert!(reading(&h).starts_with("Meeting 0"), "{}", h.text());
    h.key(KeyCode::Char('['));
    assert!(reading(&h).starts_with("Meeting 0"));
    assert!(
        h.text().contains("This is the newest entry"),
        "{}",
        h.text()
    );
    // Back goes to the timeline, on the entry read last.
    h.key(KeyCode::Esc);
    match &h.app.screen {
        Screen::Timeline(t) => assert_eq!(t.cursor, 0),
        other => panic!("{other:?}"),
    }
    h.keys(&[KeyCode::End, KeyCode::Enter, KeyCode::Char(']')]);
    assert!(reading(&h).starts_with("Reflection 4"), "{}", h.text());
    assert!(
        h.text().contains("This is the oldest entry"),
        "{}",
        h.text()
    );
}

#[test]
fn brackets_keep_the_timelines_filter() {
    let mut h = Harness::new(journal(7), 80, 24);
    h.key(KeyCode::Char('t'));
    if let Screen::Timeline(t) = &mut h.app.screen {
        t.filter.kind = Some(mentorlog::store::EntryKind::Meeting);
        t.reload(&h.store).unwrap();
    }
    h.enter();
    assert!(reading(&h).starts_with("Meeting 0"), "{}", h.text());
    h.key(KeyCode::Char(']'));
    assert!(
        reading(&h).starts_with("Meeting 3"),
        "the reflections between were not skipped: {}",
        h.text()
    );
    h.key(KeyCode::Char(']'));
    assert!(reading(&h).starts_with("Meeting 6"), "{}", h.text());
}
