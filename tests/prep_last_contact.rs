//! Session prep names the last contact: the latest meeting or quick check-in.

mod common;

use common::Harness;
use common::checkin_journal::{checkin, day, harness, journal, meeting, relationship};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::Side;
use mentorlog::domain::checkin::ContactKind;
use mentorlog::store::Store;

fn prep(store: Store, w: u16, hgt: u16) -> Harness {
    let mut h = harness(store, w, hgt);
    h.key(KeyCode::Char('b'));
    assert!(matches!(h.app.screen, Screen::Prep(_)), "{}", h.text());
    h
}

#[test]
fn prep_names_the_last_contact_a_check_in() {
    let (mut store, rel) = journal();
    // 18 days before the flows' day (2026-11-22).
    checkin(
        &mut store,
        &rel,
        "2026-11-04",
        ContactKind::Message,
        "about the CV",
        Some(Side::Other),
    );
    let mut store2 = Store::open_in_memory().unwrap();
    store2.save_profile_name("Ada", day("2026-09-01")).unwrap();
    let rel2 = relationship(&mut store2, "Sam Rivera");
    meeting(&mut store2, &rel2, "2026-10-20", "Planned the job search.");
    checkin(
        &mut store2,
        &rel2,
        "2026-11-04",
        ContactKind::Message,
        "about the CV",
        Some(Side::Other),
    );
    let mut h = prep(store2, 80, 24);
    let text = h.text();
    assert!(
        text.contains(
            "Last contact 18 days ago: a message — about the CV (Sam Rivera reached out)"
        ),
        "{text}"
    );
    assert_snapshot!("prep_last_contact_checkin_80x24", h.screen());
    // The journal's newest check-in (ten days ago) is newer than its last meeting.
    let mut h = prep(store, 40, 12);
    let text = h.text();
    assert!(text.contains("Last contact 10 days ago: a"), "{text}");
    assert!(text.contains("— about the CV: Sam"), "{text}");
    assert_snapshot!("prep_last_contact_checkin_40x12", h.screen());
}

#[test]
fn prep_names_the_last_contact_a_meeting_or_none() {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", day("2026-09-01")).unwrap();
    let rel = relationship(&mut store, "Sam Rivera");
    checkin(&mut store, &rel, "2026-11-01", ContactKind::Call, "", None);
    let mut m = meeting(
        &mut store,
        &rel,
        "2026-11-15",
        "Salary talk practice.\nThen the CV.",
    );
    m.reached_out = Some(Side::Me);
    store.save_meeting(&m, &[], day("2026-11-15")).unwrap();
    let mut h = prep(store, 80, 24);
    let text = h.text();
    assert!(
        text.contains(
            "Last contact 7 days ago: a meeting — Salary talk practice. (you reached out)"
        ),
        "{text}"
    );
    assert_snapshot!("prep_last_contact_meeting_80x24", h.screen());

    let mut empty = Store::open_in_memory().unwrap();
    empty.save_profile_name("Ada", day("2026-09-01")).unwrap();
    relationship(&mut empty, "Sam Rivera");
    let mut h = prep(empty, 80, 24);
    assert!(
        h.text().contains("No meeting or check-in logged yet."),
        "{}",
        h.text()
    );
}
