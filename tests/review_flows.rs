//! Search, session prep and pair review on TestBackend at 80x24 and 160x48, and the privacy
//! property: private text never reaches the pair review, its export, or its search.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::review::{Period, ReviewData};
use mentorlog::content::Content;
use mentorlog::domain::{
    ActionItem, AnswerValue, Goal, GoalStatus, Meeting, Milestone, Owner, ProgressUpdate,
    Reflection, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::{Query, Store};
use proptest::prelude::*;

/// No pulse survey offers: these tests are about search, prep and review.
fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = mentorlog::app::Settings {
        survey_every_days: 0,
        ..mentorlog::app::Settings::default()
    };
    Harness::with_settings(store, w, h, settings)
}

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

fn relationship(store: &mut Store) -> Relationship {
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    store.save_relationship(&rel, t0()).unwrap();
    rel
}

/// A small, realistic journal: shared meetings with outcomes and items, a private meeting, a
/// goal with milestones and updates, reflections (one flagged to bring up, one private).
fn journal() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store);
    for (i, (notes, outcomes)) in [
        (
            "Mapped the skills the new role needs.",
            "Focus on system design first.",
        ),
        (
            "Reviewed the CV draft together.",
            "Rewrite the summary; add two projects.",
        ),
        (
            "Mock interview on system design.",
            "Good structure; practise trade-offs.",
        ),
    ]
    .iter()
    .enumerate()
    {
        let at = t0() + Duration::days(14 * i as i64 + 7);
        let mut m = Meeting::new(rel.id, at, at);
        m.notes = notes.to_string();
        m.outcomes = outcomes.to_string();
        let mut item = ActionItem::new(rel.id, &format!("Follow-up {}", i + 1), Owner::Me, at);
        if i < 2 {
            item.done_at = Some(at + Duration::days(3));
        }
        let theirs = ActionItem::new(
            rel.id,
            "Introduce Ada to the platform lead",
            Owner::Them,
            at,
        );
        let items = if i == 2 {
            vec![item, theirs]
        } else {
            vec![item]
        };
        store.save_meeting(&m, &items, at).unwrap();
    }
    let at = t0() + Duration::days(50);
    let mut private = Meeting::new(rel.id, at, at);
    private.notes = "Talked about a conflict with my manager.".into();
    private.private = true;
    store.save_meeting(&private, &[], at).unwrap();
    let mut g = Goal::new(rel.id, "Move into a product engineering role", t0());
    g.status = GoalStatus::Active;
    g.target_on = NaiveDate::from_ymd_opt(2026, 12, 1);
    g.baseline = Some(2);
    let mut m1 = Milestone::new(g.id, "Update the CV");
    m1.done_at = Some(t0() + Duration::days(30));
    let m2 = Milestone::new(g.id, "Two interviews");
    let updates = vec![
        ProgressUpdate::new(g.id, 10, "", t0() + Duration::days(10)),
        ProgressUpdate::new(g.id, 30, "", t0() + Duration::days(30)),
        ProgressUpdate::new(g.id, 50, "", t0() + Duration::days(60)),
    ];
    store
        .save_goals_batch(&[(g.clone(), vec![m1, m2], updates)], t0())
        .unwrap();
    let mut bring = Reflection::new(
        "Ask Sam how to handle the salary question",
        t0() + Duration::days(70),
    );
    bring.relationship_id = Some(rel.id);
    bring.bring_up = true;
    store.save_reflection(&bring, t0()).unwrap();
    let mut secret = Reflection::new(
        "I doubt I belong in engineering at all",
        t0() + Duration::days(71),
    );
    secret.relationship_id = Some(rel.id);
    store.save_reflection(&secret, t0()).unwrap();
    (store, rel)
}

#[test]
fn search_prep_and_review_at_two_sizes() {
    for (w, h, tag) in [(80, 24, "80x24"), (160, 48, "160x48")] {
        let (store, rel) = journal();
        let mut h = harness(store, w, h);
        h.key(KeyCode::Char('/'));
        h.type_text("design");
        assert_snapshot!(format!("search_{tag}"), h.screen());
        h.enter();
        assert!(
            matches!(h.app.screen, Screen::View(_)),
            "Enter opens the meeting"
        );
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('b'));
        assert_snapshot!(format!("prep_{tag}"), h.screen());
        h.key(KeyCode::Char('m'));
        let Screen::Entry(form) = &h.app.screen else {
            panic!("the prep becomes a meeting")
        };
        let agenda = form.form.fields.string("agenda");
        assert!(
            agenda.contains("Ask Sam how to handle the salary question"),
            "{agenda}"
        );
        assert!(
            agenda.contains("Open: Introduce Ada to the platform lead"),
            "{agenda}"
        );
        assert_eq!(form.form.fields.string("with"), rel.id.to_string());
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('y'));
        h.key(KeyCode::Char('R'));
        h.key(KeyCode::Char('p')); // the last 3 months
        h.key(KeyCode::Char('p')); // since the start
        assert_snapshot!(format!("review_{tag}"), h.screen());
        let text = h.text();
        assert!(
            text.contains("1 in this period is hidden") || text.contains("are hidden"),
            "{text}"
        );
        assert!(!text.contains("conflict with my manager"));
        // Esc does not leave pair review; L does.
        h.key(KeyCode::Esc);
        assert!(matches!(h.app.screen, Screen::Review(_)));
        h.key(KeyCode::Char('L'));
        assert!(matches!(h.app.screen, Screen::Home(_)));
        assert!(h.store.last_pair_review(rel.id).unwrap().is_some());
    }
}

#[test]
fn search_filters_typed_into_the_query() {
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('/'));
    h.type_text("kind:poem");
    let text = h.text();
    assert!(text.contains("kind:poem is not a kind"), "{text}");
    for _ in 0..9 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("engineering private");
    let Screen::Search(v) = &h.app.screen else {
        panic!("search")
    };
    assert_eq!(v.hits.len(), 1, "only the private reflection");
    assert!(v.hits[0].private);
    let _ = fixed_now();
}

/// Random journals with a marker in every private place: none may show in the review.
fn marker_journal(
    seed: u64,
    private_meetings: usize,
    private_reflections: usize,
) -> (Store, Relationship, String) {
    let marker = format!("zqmark{seed}");
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store);
    for i in 0..private_meetings {
        let at = t0() + Duration::days(3 * i as i64 + 1);
        let mut m = Meeting::new(rel.id, at, at);
        m.private = true;
        m.notes = format!("notes {marker} a");
        m.outcomes = format!("outcomes {marker} b");
        m.agenda = format!("agenda {marker}");
        let item = ActionItem::new(rel.id, &format!("item {marker}"), Owner::Both, at);
        store.save_meeting(&m, &[item], at).unwrap();
    }
    for i in 0..private_reflections {
        let at = t0() + Duration::days(2 * i as i64 + 2);
        let mut r = Reflection::new(&format!("reflection {marker} #x{seed}"), at);
        r.relationship_id = Some(rel.id);
        r.bring_up = i % 2 == 0;
        store.save_reflection(&r, at).unwrap();
    }
    // Shared things, which must show.
    let at = t0() + Duration::days(5);
    let mut m = Meeting::new(rel.id, at, at);
    m.outcomes = "shared outcome visible".into();
    store
        .save_meeting(
            &m,
            &[ActionItem::new(
                rel.id,
                "shared item visible",
                Owner::Me,
                at,
            )],
            at,
        )
        .unwrap();
    let hopes = AnswerValue::Text {
        text: format!("hope {marker}"),
    };
    store
        .save_answer(rel.id, "mentee_hopes", &hopes, true, t0())
        .unwrap();
    (store, rel, marker)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn private_markers_never_reach_the_pair_review(
        seed in 0u64..1_000_000,
        meetings in 1usize..6,
        reflections in 1usize..6,
        w in 20u16..200,
        hh in 6u16..60,
        scrolls in 0usize..30,
    ) {
        let (store, rel, marker) = marker_journal(seed, meetings, reflections);
        let today = fixed_now().date_naive();
        // The export, in both formats.
        let data = ReviewData::load(&store, rel.id, Period::SinceStart, None, today, false).unwrap().unwrap();
        let md = mentorlog::share::review_markdown(&data, Content::get());
        let json = mentorlog::share::review_json(&data).unwrap();
        prop_assert!(!md.contains(&marker), "markdown leaked:\n{}", md);
        prop_assert!(!json.contains(&marker));
        prop_assert!(md.contains("shared outcome visible"));
        prop_assert_eq!(data.hidden_private, meetings + reflections);
        // With --include-private, the private meetings are there.
        let all = ReviewData::load(&store, rel.id, Period::SinceStart, None, today, true).unwrap().unwrap();
        prop_assert!(mentorlog::share::review_markdown(&all, Content::get()).contains(&marker));
        // Search inside pair review ignores private entries.
        prop_assert!(store.search(&Query::parse(&marker), None, false, 100).unwrap().is_empty());
        prop_assert!(!store.search(&Query::parse(&marker), None, true, 100).unwrap().is_empty());
        // The screen, at this size, in every period, scrolled, and its search.
        let mut h = harness(store, w, hh);
        h.key(KeyCode::Char('R'));
        for _ in 0..3 {
            for _ in 0..scrolls {
                h.key(KeyCode::Down);
            }
            // Not even a truncated start of a marker may show.
            let text = h.text();
            prop_assert!(!text.contains("zqmark"), "{}", text);
            h.key(KeyCode::Char('p'));
        }
        h.key(KeyCode::Char('/'));
        h.type_text(&marker);
        // The query line shows what was typed; no planted text may show with it.
        let text = h.text();
        for context in ["notes", "outcomes", "agenda", "item", "reflection", "hope"] {
            let planted = format!("{context} {marker}");
            prop_assert!(!text.contains(&planted), "{} in:\n{}", planted, text);
        }
        let Screen::Search(v) = &h.app.screen else { panic!("search") };
        prop_assert!(v.hits.is_empty());
    }
}
