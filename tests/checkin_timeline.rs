//! Quick check-ins on the timeline: among meetings and reflections, paged like them, read over
//! the list.

mod common;

use chrono::Duration;
use common::Harness;
use common::checkin_journal::{day, harness, journal, relationship};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::checkin::ContactKind;
use mentorlog::domain::{Checkin, Meeting, Reflection};
use mentorlog::store::{CheckinRows, EntryKind, Store, TimelineFilter, TimelineKind, TimelineRow};

fn timeline(h: &Harness) -> &mentorlog::app::Timeline {
    match &h.app.screen {
        Screen::Timeline(t) => t,
        other => panic!("not on the timeline: {other:?}"),
    }
}

fn all_rows(store: &Store, filter: &TimelineFilter, limit: usize) -> Vec<TimelineRow> {
    let mut out: Vec<TimelineRow> = Vec::new();
    loop {
        let page = store
            .timeline_rows(filter, out.last().map(|e| e.cursor()), limit)
            .unwrap();
        let done = page.len() < limit;
        out.extend(page);
        if done {
            return out;
        }
    }
}

fn everything() -> TimelineFilter {
    TimelineFilter {
        include_private: true,
        checkins: CheckinRows::With,
        ..TimelineFilter::default()
    }
}

#[test]
fn check_ins_page_among_the_entries_without_gaps_or_repeats() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = relationship(&mut store, "Sam Rivera");
    let priya = relationship(&mut store, "Priya");
    let t0 = day("2026-11-20");
    // Many moments hold both a check-in and an entry, so the pages must order ties by id
    // across the tables.
    for i in 0..60i64 {
        let at = t0 - Duration::hours(7 * i);
        let rel = if i % 5 == 0 { &priya } else { &sam };
        if i % 2 == 0 || i % 4 == 1 {
            let c = Checkin::new(rel.id, ContactKind::ALL[i as usize % 4], "note", at);
            store.save_checkin(&c, at).unwrap();
        }
        if i % 3 == 0 || i % 4 == 0 {
            let mut m = Meeting::new(rel.id, at, at);
            m.notes = format!("meeting {i}");
            store.save_meeting(&m, &[], at).unwrap();
        } else {
            let mut r = Reflection::new(&format!("reflection {i}"), at);
            r.relationship_id = Some(rel.id);
            store.save_reflection(&r, at).unwrap();
        }
    }
    let whole = store.timeline_rows(&everything(), None, 10_000).unwrap();
    let checkins = whole
        .iter()
        .filter(|e| matches!(e.kind, TimelineKind::Checkin(_)))
        .count();
    assert!(
        checkins > 20 && checkins < whole.len(),
        "{checkins} of {}",
        whole.len()
    );
    let mut sorted = whole.clone();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
    assert_eq!(whole, sorted, "newest first, ties by id");
    for limit in [1, 3, 7, 25] {
        assert_eq!(
            all_rows(&store, &everything(), limit),
            whole,
            "pages of {limit}"
        );
    }
    // One person's: their check-ins and entries only, paged the same way.
    let priya_only = TimelineFilter {
        relationship: Some(priya.id),
        ..everything()
    };
    let theirs: Vec<TimelineRow> = whole
        .iter()
        .filter(|e| e.relationship_id == Some(priya.id))
        .cloned()
        .collect();
    assert!(theirs.iter().any(|e| e.entry().is_none()));
    assert_eq!(all_rows(&store, &priya_only, 4), theirs);
    // Check-ins only.
    let only = TimelineFilter {
        checkins: CheckinRows::Only,
        ..everything()
    };
    let only_rows = all_rows(&store, &only, 6);
    assert_eq!(only_rows.len(), checkins);
    assert!(only_rows.iter().all(|e| e.entry().is_none()));
}

#[test]
fn entry_readers_and_entry_filters_leave_check_ins_out() {
    let (store, _) = journal();
    // What exports, search and the closing look-back read: entries only, as before.
    let entries = store
        .timeline_page(
            &TimelineFilter {
                include_private: true,
                ..TimelineFilter::default()
            },
            None,
            100,
        )
        .unwrap();
    assert_eq!(entries.len(), 4);
    let without = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    assert_eq!(store.timeline_rows(&without, None, 100).unwrap().len(), 4);
    let count = |f: TimelineFilter| store.timeline_rows(&f, None, 100).unwrap();
    // A kind of entry, a tag, "private only" and the trash have no check-ins in them.
    let meetings = count(TimelineFilter {
        kind: Some(EntryKind::Meeting),
        checkins: CheckinRows::Without,
        ..everything()
    });
    assert_eq!(meetings.len(), 2);
    assert!(
        count(TimelineFilter {
            tag: Some("cv".into()),
            ..everything()
        })
        .is_empty()
    );
    let private = count(TimelineFilter {
        private_only: true,
        ..everything()
    });
    assert_eq!(private.len(), 1);
    assert!(private.iter().all(|e| e.private));
    assert!(
        count(TimelineFilter {
            trash: true,
            ..everything()
        })
        .is_empty()
    );
    // Shared only: check-ins are shared like meetings; the private reflection is not there.
    let shared = count(TimelineFilter {
        include_private: false,
        ..everything()
    });
    assert_eq!(shared.len(), 6);
    assert!(shared.iter().all(|e| !e.private));
    assert_eq!(shared.iter().filter(|e| e.entry().is_none()).count(), 3);
    // Dates bound check-ins like entries.
    let november_first_week = count(TimelineFilter {
        from: Some(day("2026-11-02")),
        until: Some(day("2026-11-09")),
        ..everything()
    });
    let kinds: Vec<TimelineKind> = november_first_week.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            TimelineKind::Checkin(ContactKind::Call),
            TimelineKind::Entry(EntryKind::Reflection),
            TimelineKind::Checkin(ContactKind::Email),
        ]
    );
}

#[test]
fn the_timeline_lists_check_ins_with_their_kind_note_and_who_reached_out() {
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('t'));
    assert_eq!(timeline(&h).entries.len(), 7);
    let text = h.text();
    assert!(text.contains("message"), "{text}");
    assert!(text.contains("(they reached out)"), "{text}");
    assert!(text.contains("(you reached out)"), "{text}");
    assert!(
        text.contains("(Sam Rivera reached"),
        "the preview names them: {text}"
    );
    assert!(text.contains("Asked about the salary bands"), "{text}");
    assert_snapshot!("checkin_timeline_80x24", h.screen());
    let (store, _) = journal();
    let mut narrow = harness(store, 40, 12);
    narrow.key(KeyCode::Char('t'));
    assert_snapshot!("checkin_timeline_40x12", narrow.screen());
}

#[test]
fn enter_reads_a_check_in_over_the_list_and_esc_comes_back() {
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.enter();
    let reading = timeline(&h).reading.clone().expect("the check-in is open");
    assert_eq!(reading.kind, ContactKind::Message);
    let text = h.text();
    assert!(text.contains("A message with Sam Rivera"), "{text}");
    assert!(text.contains("Sam Rivera reached out"), "{text}");
    assert!(text.contains("second draft with notes"), "{text}");
    assert_snapshot!("checkin_read_80x24", h.screen());
    // Keys other than closing ones leave it open and the list where it was.
    h.key(KeyCode::Down);
    assert!(timeline(&h).reading.is_some());
    assert_eq!(timeline(&h).cursor, 0);
    h.key(KeyCode::Esc);
    assert!(timeline(&h).reading.is_none());
    assert_eq!(timeline(&h).cursor, 0);
    // The call, with no note and Ada reaching out.
    h.down(3);
    h.enter();
    let text = h.text();
    assert!(text.contains("A call with Sam Rivera"), "{text}");
    assert!(text.contains("You reached out"), "{text}");
    assert!(text.contains("No note."), "{text}");
    h.enter();
    assert!(timeline(&h).reading.is_none());

    let (store, _) = journal();
    let mut narrow = harness(store, 40, 12);
    narrow.key(KeyCode::Char('t'));
    narrow.down(5);
    narrow.enter();
    assert!(
        narrow.text().contains("Who reached out was"),
        "{}",
        narrow.text()
    );
    assert_snapshot!("checkin_read_40x12", narrow.screen());
}

#[test]
fn a_check_in_is_neither_edited_nor_trashed_from_the_timeline() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('d'));
    assert!(
        h.text().contains("A check-in stays as it was logged"),
        "{}",
        h.text()
    );
    assert_eq!(h.store.checkins(rel.id).unwrap().len(), 3);
    assert_eq!(timeline(&h).entries.len(), 7);
    h.key(KeyCode::Char('e'));
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
    assert!(h.text().contains("A check-in stays as it was logged"));
    // The meeting below it still goes to the trash, and u brings it back.
    h.down(2);
    h.key(KeyCode::Char('d'));
    assert_eq!(timeline(&h).entries.len(), 6);
    h.key(KeyCode::Char('u'));
    assert_eq!(timeline(&h).entries.len(), 7);
}

#[test]
fn the_kind_filter_knows_check_ins_and_shared_only_keeps_them() {
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('t'));
    // Kind is the second field: three steps right from "everything" is "check-ins".
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Down);
    h.keys(&[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    assert!(h.text().contains("check-ins"), "{}", h.text());
    h.enter();
    let t = timeline(&h);
    assert_eq!(t.entries.len(), 3);
    assert!(t.entries.iter().all(|e| e.entry().is_none()));
    assert!(h.text().contains("Filtered: check-ins"), "{}", h.text());
    // Reopened, the panel shows the filter as it is.
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Down);
    h.keys(&[KeyCode::Left, KeyCode::Left]);
    h.enter();
    assert_eq!(timeline(&h).entries.len(), 2, "meetings: no check-ins");
    // Cleared, then shared only: the check-ins are there, the private reflection is not.
    h.key(KeyCode::Char('x'));
    assert_eq!(timeline(&h).entries.len(), 7);
    h.key(KeyCode::Char('f'));
    h.keys(&[KeyCode::Down, KeyCode::Down, KeyCode::Right]);
    h.enter();
    let t = timeline(&h);
    assert_eq!(t.entries.len(), 6);
    assert!(t.entries.iter().all(|e| !e.private));
    assert_eq!(t.entries.iter().filter(|e| e.entry().is_none()).count(), 3);
    assert!(!h.text().contains("Nervous about asking"), "{}", h.text());
}

/// The notes or body of the entry being read.
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
fn brackets_step_over_check_ins_to_the_next_entry() {
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.down(2);
    h.enter();
    assert!(
        reading(&h).starts_with("Went through the CV"),
        "{}",
        h.text()
    );
    h.key(KeyCode::Char(']'));
    assert!(
        reading(&h).starts_with("The mock interview"),
        "{}",
        h.text()
    );
    h.key(KeyCode::Char('['));
    h.key(KeyCode::Char('['));
    assert!(reading(&h).starts_with("Nervous about"), "{}", h.text());
    // Only a check-in is newer: this is the newest entry.
    h.key(KeyCode::Char('['));
    assert!(reading(&h).starts_with("Nervous about"), "{}", h.text());
    assert!(
        h.text().contains("This is the newest entry"),
        "{}",
        h.text()
    );
}

#[test]
fn a_check_in_that_cannot_be_read_is_left_out_and_the_page_reads_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let sam = {
        let mut store = Store::open(&path).unwrap();
        store.save_profile_name("Ada", day("2026-09-01")).unwrap();
        let sam = relationship(&mut store, "Sam Rivera");
        for i in 0..6 {
            let at = day("2026-11-01") + Duration::days(i);
            let c = Checkin::new(sam.id, ContactKind::Call, &format!("good {i}"), at);
            store.save_checkin(&c, at).unwrap();
        }
        sam
    };
    // Newer than every good one, with ids that are not ids: the first read meets them first.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for i in 0..4 {
        conn.execute(
            "INSERT INTO checkin (id, relationship_id, at, kind, note, created_at)
             VALUES (?1, ?2, ?3, 'call', 'bad', ?3)",
            rusqlite::params![
                format!("not-an-id-{i}"),
                sam.id.to_string(),
                "2027-01-01 09:00:00+00:00"
            ],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let first = store.timeline_rows(&everything(), None, 3).unwrap();
    assert_eq!(first.len(), 3, "a full page despite the rows left out");
    let all = all_rows(&store, &everything(), 3);
    let notes: Vec<&str> = all.iter().map(|e| e.preview.as_str()).collect();
    assert_eq!(
        notes,
        ["good 5", "good 4", "good 3", "good 2", "good 1", "good 0"]
    );
}
