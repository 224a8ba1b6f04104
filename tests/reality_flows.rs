//! The agreement beside what happened, where one looks back: the home details, the arc review
//! popup and the closing look-back (on screen and in `mentorlog summary`'s Markdown), at 80x24
//! and 40x12 (and a tall window, where the month chart fits on home).

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now, on_screen};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::closing::open_review;
use mentorlog::app::{Popup, Settings};
use mentorlog::content::Content;
use mentorlog::domain::{AnswerValue, Checkin, ContactKind, Meeting, Relationship, Side};
use mentorlog::share::{ClosingSummary, summary_markdown};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-08-22T09:00:00Z".parse().unwrap()
}

/// Ada, the mentee of Sam Rivera since 22 August: check-ins every two weeks, Ada reaching
/// out, two hours a month, and a plan of `months` months (when given). Six meetings (one
/// without a length, one without saying who reached out) and two quick check-ins; the last
/// contact is two days before the fixed clock, so nothing is due.
fn journal(months: Option<u32>) -> (Store, Relationship) {
    let start = NaiveDate::from_ymd_opt(2026, 8, 22).unwrap();
    let (mut store, rel) = common::ada_mentee_of_sam(t0(), start, &[]);
    common::every_two_weeks(&mut store, rel.id, months, t0());
    store
        .save_answer(
            rel.id,
            "time",
            &AnswerValue::Hours { per_month: 2 },
            false,
            t0(),
        )
        .unwrap();
    let meetings = [
        (3, Some(60), Some(Side::Other)),
        (20, Some(45), Some(Side::Me)),
        (41, Some(90), Some(Side::Other)),
        (62, None, None),
        (80, Some(60), Some(Side::Other)),
        (90, Some(30), Some(Side::Me)),
    ];
    for (day, minutes, who) in meetings {
        let at = t0() + Duration::days(day);
        let mut m = Meeting::new(rel.id, at, at);
        m.duration_minutes = minutes;
        m.reached_out = who;
        m.notes = format!("Meeting on day {day}");
        store.save_meeting(&m, &[], at).unwrap();
    }
    for (day, kind, who) in [
        (50, ContactKind::Message, Side::Me),
        (85, ContactKind::Email, Side::Other),
    ] {
        let mut c = Checkin::new(rel.id, kind, "a quick word", t0() + Duration::days(day));
        c.reached_out = Some(who);
        store.save_checkin(&c, c.at).unwrap();
    }
    (store, rel)
}

/// The app over `store`, without the monthly pulse offer (it would cover home).
fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = Settings {
        survey_every_days: 0,
        survey_every_contacts: 0,
        ..Settings::default()
    };
    Harness::with_settings(store, w, h, settings)
}

#[test]
fn home_details_set_the_agreement_beside_what_happened() {
    let (store, _) = journal(None);
    let mut h = harness(store, 80, 24);
    assert!(h.app.popup().is_none(), "{:?}", h.app.popups);
    assert_snapshot!("home_reality_80x24", h.screen());
    on_screen(&mut h, "Agreement and reality");
    on_screen(&mut h, "You agreed on 2 hours a month");
    // Meetings and check-ins both count: 3 times Ada, 4 times Sam, the meeting with nobody
    // noted left out.
    on_screen(&mut h, "of 7 contacts where it was noted");
    // A tall window has room for the month chart, the agreed two hours marked.
    h.resize(80, 40);
    assert_snapshot!("home_reality_80x40", h.screen());
    on_screen(&mut h, "│ marks the 2 h a month agreed");
    on_screen(&mut h, "Nov 2026");
    // A small one keeps the name and the check-in line; no panic, nothing half drawn.
    h.resize(40, 12);
    assert_snapshot!("home_reality_40x12", h.screen());
}

#[test]
fn a_new_contact_shows_in_home_reality_at_once() {
    let (store, rel) = journal(None);
    let mut h = harness(store, 80, 40);
    on_screen(&mut h, "reached out 3 times and Sam Rivera 4 times");
    // A call Sam made, logged (from the command line) before the next start.
    let mut c = Checkin::new(rel.id, ContactKind::Call, "", fixed_now().to_utc());
    c.reached_out = Some(Side::Other);
    h.store.save_checkin(&c, c.at).unwrap();
    let mut h = h.restart();
    // The start offers the month's pulse survey over the home screen: not now.
    on_screen(&mut h, "Pulse survey");
    h.key(KeyCode::Esc);
    on_screen(&mut h, "reached out 3 times and Sam Rivera 5 times");
}

#[test]
fn the_arc_review_shows_where_the_pair_stands() {
    // Agreed for three months from 22 August: the planned end is today.
    let (store, _) = journal(Some(3));
    let mut h = harness(store, 80, 24);
    assert!(
        matches!(
            h.app.popup(),
            Some(Popup::Arc {
                reality: Some(_),
                ..
            })
        ),
        "{:?}",
        h.app.popups
    );
    assert_snapshot!("arc_reality_80x24", h.screen());
    on_screen(&mut h, "Agreement and reality so far");
    on_screen(&mut h, "You agreed on 2 hours a month");
    // The keys stay whole when the window is small; the sentences give way.
    let mut h = harness(journal(Some(3)).0, 40, 12);
    assert_snapshot!("arc_reality_40x12", h.screen());
    on_screen(&mut h, "Esc later");
    // Extending keeps it: the panel lies over the same popup.
    let mut h = harness(journal(Some(3)).0, 80, 24);
    h.key(KeyCode::Char('e'));
    assert!(matches!(
        h.app.popup(),
        Some(Popup::Arc {
            reality: Some(_),
            panel: Some(_),
            ..
        })
    ));
    h.key(KeyCode::Esc);
    assert!(matches!(
        h.app.popup(),
        Some(Popup::Arc {
            reality: Some(_),
            panel: None,
            ..
        })
    ));
}

fn closing(w: u16, h: u16) -> (Harness, Relationship) {
    let (store, rel) = journal(None);
    let mut h = harness(store, w, h);
    h.app.popups.clear();
    open_review(&mut h.app, &mut h.store, rel.id, Some("Moving away".into())).unwrap();
    (h, rel)
}

#[test]
fn the_closing_look_back_sets_the_agreement_beside_what_happened() {
    let (mut h, _) = closing(80, 24);
    // Down to the part after "What happened".
    for _ in 0..12 {
        h.key(KeyCode::Down);
    }
    assert_snapshot!("closing_reality_80x24", h.screen());
    on_screen(&mut h, "Agreement and reality");
    on_screen(&mut h, "It closed on 2026-11-22 after 14 weeks.");
    let (mut h, _) = closing(40, 12);
    for _ in 0..40 {
        h.key(KeyCode::Down);
    }
    assert_snapshot!("closing_reality_40x12", h.screen());
}

fn markdown(store: &Store, rel: &Relationship, include_private: bool) -> String {
    let today = fixed_now().date_naive();
    let content = Content::get();
    let s = ClosingSummary::load(store, rel.id, today, include_private, content)
        .unwrap()
        .unwrap();
    summary_markdown(&s, content, today)
}

#[test]
fn the_summary_document_holds_the_sentences_and_a_month_table() {
    let (h, rel) = closing(80, 24);
    let md = markdown(&h.store, &rel, false);
    let section = md
        .split("## Agreement and reality\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("no section:\n{md}"));
    assert!(
        section.starts_with("- You agreed on 2 hours a month;"),
        "{section}"
    );
    assert!(
        section.contains("- It closed on 2026-11-22 after 14 weeks."),
        "{section}"
    );
    assert!(section.contains("| Month | Time in meetings | Meetings |"));
    // August to November, each with its meetings.
    assert!(section.contains("| Aug 2026 | 1 h | 1 |"), "{section}");
    assert!(section.contains("| Sep 2026 | 45 min | 1 |"), "{section}");
    assert!(
        section.contains("| Oct 2026 | 1 h 30 min | 2 |"),
        "{section}"
    );
    assert!(
        section.contains("| Nov 2026 | 1 h 30 min | 2 |"),
        "{section}"
    );
}

#[test]
fn a_private_meeting_counts_only_in_the_private_copy() {
    let (mut h, rel) = closing(80, 24);
    let at = t0() + Duration::days(70);
    let mut m = Meeting::new(rel.id, at, at);
    m.duration_minutes = Some(120);
    m.private = true;
    h.store.save_meeting(&m, &[], at).unwrap();
    let shared = markdown(&h.store, &rel, false);
    assert!(shared.contains("| Oct 2026 | 1 h 30 min | 2 |"), "{shared}");
    let all = markdown(&h.store, &rel, true);
    assert!(all.contains("| Oct 2026 | 3 h 30 min | 3 |"), "{all}");
}

#[test]
fn a_name_with_markdown_in_it_stays_text_in_the_summary() {
    let (mut h, mut rel) = closing(80, 24);
    rel.other_name = "[Sam](http://x.example) <b>".into();
    h.store.save_relationship(&rel, t0()).unwrap();
    let md = markdown(&h.store, &rel, false);
    let section = md.split("## Agreement and reality").nth(1).unwrap();
    let parser = pulldown_cmark::Parser::new(section);
    for event in parser {
        assert!(
            !matches!(
                event,
                pulldown_cmark::Event::Start(
                    pulldown_cmark::Tag::Link { .. } | pulldown_cmark::Tag::Image { .. }
                ) | pulldown_cmark::Event::Html(_)
                    | pulldown_cmark::Event::InlineHtml(_)
            ),
            "{event:?} in:\n{section}"
        );
    }
    assert!(section.contains("\\[Sam\\]"), "{section}");
}

#[test]
fn a_meeting_read_back_says_who_reached_out() {
    let (store, _) = journal(None);
    let mut h = harness(store, 80, 24);
    // The newest entry is the meeting of day 90, which Ada asked for.
    h.action(mentorlog::app::Action::OpenTimeline);
    h.enter();
    on_screen(&mut h, "Meeting on day 90");
    on_screen(&mut h, "You reached out");
    // The one before, day 85, is Sam's email (a check-in); day 80's meeting was Sam's.
    h.key(KeyCode::Esc);
    h.down(2);
    h.enter();
    on_screen(&mut h, "Meeting on day 80");
    on_screen(&mut h, "Sam Rivera reached out");
}

#[test]
fn a_pause_is_not_a_gap_and_private_answers_stay_out_of_the_shared_reality() {
    let (mut store, rel) = journal(None);
    let day = |n: i64| (t0() + Duration::days(n)).date_naive();
    // Meetings on days 62 and 80 are 18 days apart; a pause from day 65 to day 75 takes ten
    // of them.
    let before = store.reality(rel.id, day(100), false).unwrap().unwrap();
    store
        .record_life_event(
            rel.id,
            mentorlog::domain::LifeKind::Paused,
            day(65),
            "",
            t0(),
        )
        .unwrap();
    store
        .record_life_event(
            rel.id,
            mentorlog::domain::LifeKind::Resumed,
            day(75),
            "",
            t0(),
        )
        .unwrap();
    let after = store.reality(rel.id, day(100), false).unwrap().unwrap();
    let sum = |r: &mentorlog::domain::reality::Reality| r.gaps.unwrap().average_days;
    assert!(sum(&after) < sum(&before), "{before:?}\n{after:?}");
    // The time answer made private: the shared reality no longer knows the hours; the
    // person's own view still does.
    store
        .save_answer(
            rel.id,
            "time",
            &AnswerValue::Hours { per_month: 2 },
            true,
            t0(),
        )
        .unwrap();
    let shared = store.reality(rel.id, day(100), false).unwrap().unwrap();
    assert_eq!(shared.terms.time, None);
    assert!(
        shared
            .time_sentence("Sam")
            .starts_with("No time was agreed")
    );
    let own = store.reality(rel.id, day(100), true).unwrap().unwrap();
    assert!(own.terms.time.is_some());
}
