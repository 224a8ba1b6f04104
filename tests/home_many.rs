//! Home with many relationships: the list keeps its order and its check-in marks, the details
//! follow the cursor to any row, and every relationship that is due is prompted for, not only
//! those on screen.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use mentorlog::app::{Popup, Screen, Settings};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Goal, GoalStatus, Initiator, Meeting, Relationship,
    RelationshipStatus, Role, Survey,
};
use mentorlog::store::Store;
use uuid::Uuid;

fn t0() -> DateTime<Utc> {
    "2025-01-01T09:00:00Z".parse().unwrap()
}

/// No pulse survey is offered at start, so home opens with no popup unless a check-in is due.
fn quiet() -> Settings {
    Settings {
        survey_every_days: 0,
        survey_every_contacts: 0,
        ..Settings::default()
    }
}

fn name(i: usize) -> String {
    format!("Person {i:03}")
}

/// `n` agreed relationships, Person 000 to Person n-1. Their agreement days run backwards
/// from the numbering for every third one, so the list's order is not the order they were
/// saved in; every seventh is closed (closed ones go last). With `weekly`, each agreed to a
/// weekly check-in, and none has had a contact: every active one is due.
fn journal(n: usize, weekly: bool) -> (Store, Vec<Relationship>) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut rels = Vec::new();
    for i in 0..n {
        let mut rel = Relationship::new_draft(t0());
        rel.my_role = Some(Role::Mentor);
        rel.other_name = name(i);
        rel.status = if i % 7 == 6 {
            RelationshipStatus::Closed
        } else {
            RelationshipStatus::Active
        };
        let day = if i % 3 == 0 { 3 * n - i } else { i };
        rel.agreed_on = Some(start + Duration::days(day as i64));
        store.save_relationship(&rel, t0()).unwrap();
        if weekly {
            let contact = AnswerValue::Contact {
                initiator: Some(Initiator::Me),
                cadence: Some(Cadence {
                    every: 1,
                    unit: CadenceUnit::Weeks,
                }),
            };
            store
                .save_answer(rel.id, "contact", &contact, false, t0())
                .unwrap();
        }
        rels.push(rel);
    }
    (store, rels)
}

/// Each relationship gets an active goal and a pulse survey of its own.
fn with_goals_and_pulse(store: &mut Store, rels: &[Relationship]) {
    for (i, rel) in rels.iter().enumerate() {
        let mut g = Goal::new(rel.id, &format!("Goal of {}", name(i)), t0());
        g.status = GoalStatus::Active;
        store.save_goal(&g, &[], t0()).unwrap();
        store
            .save_survey(&Survey {
                id: Uuid::now_v7(),
                relationship_id: rel.id,
                at: t0() + Duration::days(10),
                reason: "monthly".into(),
                scores: vec![("clear_goals".into(), (i % 5) as u8 + 1)],
                note: String::new(),
            })
            .unwrap();
    }
}

/// The name on the highlighted row of the home list.
fn highlighted(h: &mut Harness) -> String {
    let text = h.text();
    let row = text
        .lines()
        .find(|l| l.contains("› Person"))
        .unwrap_or_else(|| panic!("a highlighted row:\n{text}"));
    let at = row.find("Person").unwrap();
    row[at..at + 10].to_string()
}

/// The names on the list's rows, top to bottom, as drawn.
fn drawn_names(h: &mut Harness) -> Vec<String> {
    h.text()
        .lines()
        .filter_map(|l| l.find("Person").map(|at| l[at..at + 10].to_string()))
        .collect()
}

/// The order the journal lists relationships in: active first, then by agreement day.
fn listed_order(store: &Store) -> Vec<String> {
    store
        .relationships()
        .unwrap()
        .into_iter()
        .map(|r| r.other_name)
        .collect()
}

#[test]
fn the_cursor_walks_every_relationship_in_the_journals_order() {
    let (store, _) = journal(120, false);
    let order = listed_order(&store);
    assert_ne!(
        order,
        (0..120).map(name).collect::<Vec<_>>(),
        "the test needs an order other than saving order"
    );
    let mut h = Harness::with_settings(store, 80, 24, quiet());
    assert!(h.app.popup().is_none(), "{:?}", h.app.popup());
    assert!(h.text().contains("120 relationships"), "{}", h.text());
    let mut walked = vec![highlighted(&mut h)];
    for _ in 1..120 {
        h.key(KeyCode::Down);
        walked.push(highlighted(&mut h));
    }
    assert_eq!(walked, order);
}

#[test]
fn the_list_scrolls_with_the_highlight_on_its_last_line() {
    let (store, _) = journal(120, false);
    let order = listed_order(&store);
    let mut h = Harness::with_settings(store, 80, 24, quiet());
    let top = drawn_names(&mut h);
    assert_eq!(top[..], order[..top.len()], "the first rows, in order");
    h.key(KeyCode::End);
    let shown = drawn_names(&mut h);
    assert_eq!(highlighted(&mut h), order[119]);
    assert_eq!(shown.len(), top.len(), "a full table at the end too");
    assert_eq!(
        shown[..],
        order[120 - shown.len()..],
        "the last rows, in order"
    );
    // Up from the end: the highlight stays on the table's last line while it is below the
    // first screenful.
    h.keys(&[KeyCode::Up, KeyCode::Up, KeyCode::Up]);
    let shown = drawn_names(&mut h);
    assert_eq!(highlighted(&mut h), order[116]);
    assert_eq!(shown.last(), Some(&order[116]), "{shown:?}");
    h.key(KeyCode::PageUp);
    assert_eq!(highlighted(&mut h), order[106]);
    h.key(KeyCode::Home);
    assert_eq!(drawn_names(&mut h), top);
    assert_eq!(highlighted(&mut h), order[0]);
}

#[test]
fn the_details_follow_the_cursor_to_the_last_relationship() {
    let (mut store, rels) = journal(40, false);
    with_goals_and_pulse(&mut store, &rels);
    let order = listed_order(&store);
    // Tall enough for the list and the details under it.
    let mut h = Harness::with_settings(store, 80, 60, quiet());
    let text = h.text();
    assert!(
        text.contains(&format!("Goal of {}", order[0])),
        "the first one's goal:\n{text}"
    );
    h.key(KeyCode::End);
    let last = &order[39];
    assert_eq!(&highlighted(&mut h), last);
    let text = h.text();
    assert!(
        text.contains(&format!("Goal of {last}")),
        "the last one's goal:\n{text}"
    );
    assert!(
        !text.contains(&format!("Goal of {}", order[0])),
        "not the first one's:\n{text}"
    );
    // The last ones are closed; the details follow the cursor up too.
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    let text = h.text();
    let who = highlighted(&mut h);
    assert!(text.contains(&format!("Goal of {who}")), "{text}");
}

#[test]
fn the_pulse_shown_is_the_selected_relationships() {
    let (mut store, rels) = journal(40, true);
    with_goals_and_pulse(&mut store, &rels);
    let order = listed_order(&store);
    let mut h = Harness::with_settings(store, 80, 60, quiet());
    while h.app.popup().is_some() {
        h.key(KeyCode::Esc);
    }
    for steps in [0, 7, 19, 33] {
        h.key(KeyCode::Home);
        for _ in 0..steps {
            h.key(KeyCode::Down);
        }
        let who = highlighted(&mut h);
        assert_eq!(who, order[steps]);
        let i: usize = who["Person ".len()..].parse().unwrap();
        let text = h.text();
        assert!(
            text.contains(&format!("Pulse {}.0 of 5", i % 5 + 1)),
            "{who}'s pulse:\n{text}"
        );
        assert!(text.contains(&format!("Goal of {who}")), "{text}");
    }
}

#[test]
fn every_due_relationship_is_prompted_not_only_those_on_screen() {
    let (mut store, rels) = journal(150, true);
    let active: Vec<&Relationship> = rels
        .iter()
        .filter(|r| r.status == RelationshipStatus::Active)
        .collect();
    // One had a meeting yesterday and one said "not now" until tomorrow: neither is asked.
    let met = active[100];
    let now = common::fixed_now().with_timezone(&Utc);
    let m = Meeting::new(met.id, now - Duration::days(1), now - Duration::days(1));
    store.save_meeting(&m, &[], now).unwrap();
    let later = active[120];
    store
        .set_not_now(later.id, now.date_naive() + Duration::days(1), now)
        .unwrap();
    let mut h = Harness::with_settings(store, 80, 24, quiet());
    let Some(Popup::Due { items, .. }) = h.app.popup() else {
        panic!("the due popup: {:?}", h.app.popup());
    };
    let asked: Vec<Uuid> = items.iter().map(|i| i.relationship).collect();
    assert_eq!(asked.len(), active.len() - 2, "all but two are asked about");
    for r in &active {
        assert_eq!(
            asked.contains(&r.id),
            r.id != met.id && r.id != later.id,
            "{}",
            r.other_name
        );
    }
    // The header counts "not now" as due (it still is); the met one is not.
    let due = active.len() - 1;
    assert!(
        h.text().contains(&format!("{due} check-ins due")),
        "{}",
        h.text()
    );
    let Screen::Home(home) = &h.app.screen else {
        panic!("home");
    };
    assert_eq!(home.due.len(), active.len());
}

#[test]
fn the_last_row_carries_its_due_mark() {
    let (mut store, rels) = journal(120, true);
    let now = common::fixed_now().with_timezone(&Utc);
    // The last active one in the list had a meeting yesterday: no mark on its row.
    let order = listed_order(&store);
    let last_active = rels
        .iter()
        .filter(|r| r.status == RelationshipStatus::Active)
        .max_by_key(|r| r.agreed_on)
        .unwrap();
    let m = Meeting::new(last_active.id, now - Duration::days(1), now);
    store.save_meeting(&m, &[], now).unwrap();
    let mut h = Harness::with_settings(store, 80, 24, quiet());
    while h.app.popup().is_some() {
        h.key(KeyCode::Esc);
    }
    let at = order
        .iter()
        .position(|n| *n == last_active.other_name)
        .unwrap();
    h.key(KeyCode::Home);
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    let text = h.text();
    let row = text
        .lines()
        .find(|l| l.contains(&last_active.other_name))
        .unwrap();
    assert!(!row.contains("overdue"), "{row}");
    h.key(KeyCode::Up);
    let text = h.text();
    let row = text.lines().find(|l| l.contains(&order[at - 1])).unwrap();
    assert!(row.contains("overdue"), "{row}");
}

#[test]
fn a_contact_time_that_does_not_read_leaves_the_last_good_one() {
    use mentorlog::domain::{Checkin, ContactKind};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let now = common::fixed_now().with_timezone(&Utc);
    let (id, other) = {
        let (store, rels) = journal(3, true);
        // A file, so a raw row can be added below.
        store.backup_to(&path).unwrap();
        (rels[0].id, rels[1].id)
    };
    let mut store = Store::open(&path).unwrap();
    let call = Checkin {
        id: Uuid::now_v7(),
        relationship_id: id,
        at: now - Duration::days(2),
        kind: ContactKind::Call,
        note: String::new(),
        reached_out: None,
    };
    store.save_checkin(&call, now).unwrap();
    drop(store);
    // A newer check-in whose time is not a time: it sorts after every real one.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO checkin (id, relationship_id, at, kind, created_at)
         VALUES (?1, ?2, 'later', 'call', '2026-11-21 09:00:00+00:00')",
        rusqlite::params![Uuid::now_v7().to_string(), id.to_string()],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let today = common::fixed_now().date_naive();
    let rows = store.due_rows(today).unwrap();
    let state = |rel: Uuid| {
        rows.iter()
            .find(|r| r.relationship.id == rel)
            .and_then(|r| r.state)
            .unwrap()
    };
    assert_eq!(
        state(id).last_contact,
        Some((common::fixed_now() - Duration::days(2)).date_naive()),
        "the call two days ago"
    );
    assert!(!state(id).due, "{:?}", state(id));
    assert!(state(other).due, "{:?}", state(other));
}
