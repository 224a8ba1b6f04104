//! Search, session prep and pair review on TestBackend at 80x24 and 160x48, and the privacy
//! property: private text never reaches the pair review, its export, or its search. (Prep's
//! private lines on their way into a meeting: `prep_share_flows.rs`.)

mod common;

use chrono::Duration;
use common::fixed_now;
use common::review_journal::{harness, journal, relationship, t0};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::fields::FieldId;
use mentorlog::app::review::{Period, ReviewData};
use mentorlog::content::Content;
use mentorlog::domain::{
    ActionItem, AnswerValue, Goal, Meeting, Owner, ProgressUpdate, Reflection, Relationship,
    Resource, ResourceKind, Side,
};
use mentorlog::store::{Query, Store};
use proptest::prelude::*;

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
        let agenda = form.form.fields.string(FieldId::Agenda);
        assert!(
            agenda.contains("Ask Sam how to handle the salary question"),
            "{agenda}"
        );
        assert!(
            agenda.contains("Open: Introduce Ada to the platform lead"),
            "{agenda}"
        );
        assert_eq!(form.form.fields.string(FieldId::With), rel.id.to_string());
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

#[test]
fn a_second_review_on_the_same_day_still_lists_the_open_items() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('R'));
    h.key(KeyCode::Char('L'));
    assert!(h.store.last_pair_review(rel.id).unwrap().is_some());
    // Again, the same day: the period is today only, yet two items are still open.
    h.key(KeyCode::Char('R'));
    let Screen::Review(v) = &h.app.screen else {
        panic!("pair review")
    };
    assert_eq!(v.data.from, Some(fixed_now().date_naive()));
    assert_eq!(v.data.open_items.len(), 2);
    assert_eq!(v.data.done_items, 0, "none was done today");
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&h.text());
        h.key(KeyCode::Down);
    }
    assert!(seen.contains("Action items: 0 done, 2 open"), "{seen}");
    assert!(
        seen.contains("Introduce Ada to the platform lead  (Sam Rivera)"),
        "the owner by name:\n{seen}"
    );
}

#[test]
fn the_first_review_since_the_last_one_begins_with_the_relationship() {
    // Agreed on 1 September; three months before 22 November would be 22 August.
    let (store, _) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('R'));
    let Screen::Review(v) = &h.app.screen else {
        panic!("pair review")
    };
    assert_eq!(v.data.from, chrono::NaiveDate::from_ymd_opt(2026, 9, 1));
    let text = h.text();
    assert!(
        text.contains("since the last review, 2026-09-01 to 2026-11-22"),
        "{text}"
    );
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
    // A shared goal the private entries are linked to: opening it must not reach them.
    let goal = Goal::new(rel.id, "shared goal visible", t0());
    store.save_goal(&goal, &[], t0()).unwrap();
    for i in 0..private_meetings {
        let at = t0() + Duration::days(3 * i as i64 + 1);
        let mut m = Meeting::new(rel.id, at, at);
        m.private = true;
        m.notes = format!("notes {marker} a");
        m.outcomes = format!("outcomes {marker} b");
        m.agenda = format!("agenda {marker}");
        let item = ActionItem::new(rel.id, &format!("item {marker}"), Owner::Both, at);
        store.save_meeting(&m, &[item], at).unwrap();
        store.link_meeting_goals(&[(m.id, goal.id)], at).unwrap();
        let mut u = ProgressUpdate::new(goal.id, 10 * i as u8, &format!("progress {marker}"), at);
        u.meeting_id = Some(m.id);
        store.add_progress_update(&u).unwrap();
    }
    for i in 0..private_reflections {
        let at = t0() + Duration::days(2 * i as i64 + 2);
        let mut r = Reflection::new(&format!("reflection {marker} #x{seed}"), at);
        r.relationship_id = Some(rel.id);
        r.bring_up = i % 2 == 0;
        r.goal_id = (i % 2 == 1).then_some(goal.id);
        store.save_reflection(&r, at).unwrap();
        if i == 0 {
            let mut u = ProgressUpdate::new(goal.id, 5, &format!("progress {marker}"), at);
            u.reflection_id = Some(r.id);
            store.add_progress_update(&u).unwrap();
        }
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
    store.link_meeting_goals(&[(m.id, goal.id)], at).unwrap();
    let hopes = AnswerValue::Text {
        text: format!("hope {marker}"),
    };
    store
        .save_answer(rel.id, "mentee_hopes", &hopes, true, t0())
        .unwrap();
    // A private resource with the marker in every text it has, and a shared one.
    let mut kept = Resource::new(
        rel.id,
        ResourceKind::Link,
        &format!("resource {marker}"),
        Side::Me,
        t0(),
    );
    kept.detail = format!("detail {marker}");
    kept.note = format!("note {marker}");
    kept.private = true;
    store.save_resource(&kept, t0()).unwrap();
    let shared = Resource::new(
        rel.id,
        ResourceKind::Book,
        "shared resource visible",
        Side::Other,
        t0(),
    );
    store.save_resource(&shared, t0()).unwrap();
    // A private skill with a rating at every point, beside a shared one.
    for (name, private) in [
        (format!("skill {marker}"), true),
        ("shared skill visible".to_string(), false),
    ] {
        let skill = mentorlog::domain::skill::Skill {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            name,
            topic: None,
            position: 0,
            private,
            created_at: t0(),
            updated_at: t0(),
        };
        store.save_skill(&skill, t0()).unwrap();
        for point in mentorlog::domain::skill::SkillPoint::ALL {
            store
                .rate_skill(skill.id, point, 3, t0().date_naive(), t0())
                .unwrap();
        }
    }
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
        prop_assert!(md.contains("shared resource visible"));
        prop_assert!(json.contains("shared resource visible"));
        prop_assert!(md.contains("shared skill visible") && json.contains("shared skill visible"));
        prop_assert_eq!(data.hidden_private, meetings + reflections);
        // With --include-private, the private meetings are there.
        let all = ReviewData::load(&store, rel.id, Period::SinceStart, None, today, true).unwrap().unwrap();
        prop_assert!(mentorlog::share::review_markdown(&all, Content::get()).contains(&marker));
        let private_resource = format!("resource {}", marker);
        prop_assert!(mentorlog::share::review_markdown(&all, Content::get()).contains(&private_resource));
        // Search inside pair review ignores private entries.
        prop_assert!(store.search(&Query::parse(&marker), None, false, 100).unwrap().is_empty());
        prop_assert!(!store.search(&Query::parse(&marker), None, true, 100).unwrap().is_empty());
        // The screen, at this size, in every period, scrolled, and its search.
        let mut h = harness(store, w, hh);
        // Prep's meeting would share private words: saving asks, and nothing is saved
        // when the person goes back and leaves.
        h.key(KeyCode::Char('b'));
        h.key(KeyCode::Char('m'));
        h.ctrl('s');
        prop_assert!(h.app.popup().is_some(), "saving asks first");
        h.key(KeyCode::Esc);
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('y'));
        prop_assert!(matches!(h.app.screen, Screen::Home(_)));
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
        // Every goal and meeting the review opens, read to its end.
        let count = match &h.app.screen {
            Screen::Review(v) => mentorlog::app::review::openable_rows(&v.data).len(),
            _ => panic!("pair review"),
        };
        prop_assert!(count >= 2, "the shared goal and meeting open");
        let mut seen = String::new();
        for i in 0..count {
            h.key(KeyCode::Char('g'));
            for _ in 0..=i {
                h.key(KeyCode::Down);
            }
            h.enter();
            prop_assert!(matches!(&h.app.screen, Screen::Review(v) if v.drill.is_some()));
            for _ in 0..40 {
                let text = h.text();
                prop_assert!(!text.contains("zqmark"), "{}", text);
                seen.push_str(&text);
                h.key(KeyCode::Down);
            }
            h.key(KeyCode::Esc);
        }
        if w >= 40 && hh >= 12 {
            prop_assert!(seen.contains("shared goal visible"), "{}", seen);
        }
        h.key(KeyCode::Char('/'));
        h.type_text(&marker);
        // The query line shows what was typed; no planted text may show with it.
        let text = h.text();
        for context in ["notes", "outcomes", "agenda", "item", "reflection", "hope", "resource", "detail", "note", "skill"] {
            let planted = format!("{context} {marker}");
            prop_assert!(!text.contains(&planted), "{} in:\n{}", planted, text);
        }
        let Screen::Search(v) = &h.app.screen else { panic!("search") };
        prop_assert!(v.hits.is_empty());
    }
}

#[test]
fn another_period_reads_the_same_as_a_fresh_review() {
    let (store, rel) = journal();
    let today = fixed_now().date_naive();
    let first = ReviewData::load(&store, rel.id, Period::SinceLastReview, None, today, false)
        .unwrap()
        .unwrap();
    let mut period = first.period;
    for _ in 0..3 {
        period = period.next();
        let kept = first.for_period(&store, period).unwrap();
        let fresh = ReviewData::load(&store, rel.id, period, None, today, false)
            .unwrap()
            .unwrap();
        assert_eq!(kept, fresh, "{period:?}");
    }
}
