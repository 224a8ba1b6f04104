//! Search, session prep and pair review on TestBackend at 80x24 and 160x48, and the privacy
//! property: private text never reaches the pair review, its export, or its search.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::entry::EntryForm;
use mentorlog::app::fields::FieldId;
use mentorlog::app::review::{Period, ReviewData};
use mentorlog::app::{Action, Origin, Writing};
use mentorlog::content::Content;
use mentorlog::domain::{
    ActionItem, AnswerValue, Goal, GoalStatus, Meeting, Milestone, Owner, ProgressUpdate,
    Reflection, Relationship, RelationshipStatus, Resource, ResourceKind, Role, Side,
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

/// A private reflection to bring up whose first line is longer than an agenda line.
const LONG_THOUGHT: &str = "I am not at all sure that the plan we agreed on last month is realistic for a first year, and I keep putting it off\nA second line that stays out of the agenda.";

const MARK: &str = "[from a private reflection]";

/// The journal, plus the long private thought to bring up.
fn journal_with_long_thought() -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let mut r = Reflection::new(LONG_THOUGHT, t0() + Duration::days(72));
    r.relationship_id = Some(rel.id);
    r.bring_up = true;
    assert!(r.private, "reflections are private by default");
    store.save_reflection(&r, t0()).unwrap();
    (store, rel)
}

/// Home → session prep → a meeting with its agenda; the new meeting's id.
fn meeting_from_prep(h: &mut Harness) -> uuid::Uuid {
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('m'));
    form_id(h)
}

fn form_id(h: &Harness) -> uuid::Uuid {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.id
}

fn field(h: &Harness, key: FieldId) -> String {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.fields.string(key)
}

fn set_field(h: &mut Harness, key: FieldId, value: &str) {
    let Screen::Entry(w) = &mut h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.fields.get_mut(key).unwrap().set_string(value);
}

/// Nothing that pair review shows (its screens in every period, and its search) holds `word`.
fn pair_review_never_shows(h: &mut Harness, word: &str) {
    assert!(
        h.store
            .search(&Query::parse(word), None, false, 100)
            .unwrap()
            .is_empty(),
        "pair review's search finds {word}"
    );
    h.key(KeyCode::Char('R'));
    assert!(matches!(h.app.screen, Screen::Review(_)));
    for _ in 0..3 {
        for _ in 0..3 {
            let text = h.text();
            assert!(!text.contains(word), "{word} in pair review:\n{text}");
            h.key(KeyCode::PageDown);
        }
        h.key(KeyCode::Char('p'));
    }
    h.key(KeyCode::Char('/'));
    h.type_text(word);
    let Screen::Search(v) = &h.app.screen else {
        panic!("search")
    };
    assert!(v.hits.is_empty(), "pair review's search shows {word}");
}

#[test]
fn prep_marks_lines_from_private_reflections_and_never_cuts_a_word() {
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    meeting_from_prep(&mut h);
    let agenda = field(&h, FieldId::Agenda);
    let first_line = LONG_THOUGHT.lines().next().unwrap();
    let salary = agenda
        .lines()
        .find(|l| l.contains("salary question"))
        .expect("the short thought is on the agenda");
    assert_eq!(
        salary,
        format!("- {MARK} Ask Sam how to handle the salary question")
    );
    let long = agenda
        .lines()
        .find(|l| l.contains("I am not at all sure"))
        .expect("the long thought is on the agenda");
    let words = long
        .strip_prefix(&format!("- {MARK} "))
        .unwrap_or_else(|| panic!("marked as private: {long}"));
    let kept = words
        .strip_suffix('…')
        .unwrap_or_else(|| panic!("shows it was cut: {words}"));
    assert!(
        first_line.starts_with(kept) && first_line[kept.len()..].starts_with(' '),
        "cut between two words: {long}"
    );
    assert!(mentorlog::text::width(words) <= 80, "{words}");
    assert!(!agenda.contains("second line"), "{agenda}");
    // Shared lines (open items, goals) carry no mark.
    let open = agenda
        .lines()
        .find(|l| l.contains("Introduce Ada"))
        .unwrap();
    assert!(!open.contains(MARK), "{open}");
    assert_snapshot!("prep_meeting_form_80x24", h.screen());
}

#[test]
fn a_shared_meeting_from_prep_asks_before_sharing_private_words() {
    let (store, rel) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    let agenda = field(&h, FieldId::Agenda);
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "saving asks first");
    assert!(h.store.meeting(id).unwrap().is_none(), "nothing saved yet");
    let text = h.text();
    assert!(text.contains("Share private words?"), "{text}");
    // The exact words, as they would be shared: without the mark.
    assert!(
        text.contains("- Ask Sam how to handle the salary question"),
        "{text}"
    );
    assert!(!text.contains(MARK), "{text}");
    assert_snapshot!("share_private_80x24", h.screen());

    // n: back to the form, every word kept, still nothing saved.
    h.key(KeyCode::Char('n'));
    assert!(h.app.popup().is_none());
    assert!(matches!(h.app.screen, Screen::Entry(_)));
    assert_eq!(field(&h, FieldId::Agenda), agenda);
    assert!(h.store.meeting(id).unwrap().is_none());
    let Screen::Entry(w) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(
        w.form.fields.current_key(),
        Some(FieldId::Agenda),
        "the cursor waits on the marked lines"
    );

    // y: shared as shown.
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "asks again");
    h.key(KeyCode::Char('y'));
    assert!(h.app.popup().is_none());
    let m = h.store.meeting(id).unwrap().expect("saved");
    assert!(!m.private);
    assert!(
        m.agenda
            .lines()
            .any(|l| l == "- Ask Sam how to handle the salary question"),
        "{}",
        m.agenda
    );
    assert!(!m.agenda.contains(MARK), "{}", m.agenda);
    // Confirmed, so pair review's search finds it now.
    let hits = h
        .store
        .search(&Query::parse("salary"), Some(&[rel.id]), false, 100)
        .unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
}

#[test]
fn unconfirmed_private_words_never_reach_pair_review() {
    // Asked, then not shared: the form is left and discarded.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    h.ctrl('s');
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none() && matches!(h.app.screen, Screen::Entry(_)));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.store.meeting(id).unwrap().is_none());
    pair_review_never_shows(&mut h, "salary");

    // A private meeting keeps the lines as written, without asking, and out of pair review.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    set_field(&mut h, FieldId::Private, "yes");
    h.ctrl('s');
    assert!(h.app.popup().is_none(), "a private meeting shares nothing");
    let m = h.store.meeting(id).unwrap().expect("saved");
    assert!(m.private && m.agenda.contains(MARK), "{}", m.agenda);
    h.key(KeyCode::Esc);
    pair_review_never_shows(&mut h, "salary");
    // Made shared later, it asks then.
    h.key(KeyCode::Char('L'));
    let form =
        EntryForm::edit_meeting(&h.store, &m, h.app.now.date_naive(), Content::get()).unwrap();
    h.app.screen = Screen::Entry(Box::new(Writing {
        form,
        origin: Origin::Home(None),
    }));
    set_field(&mut h, FieldId::Private, "no");
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "sharing it later asks");
    h.key(KeyCode::Char('n'));
    assert!(h.store.meeting(id).unwrap().unwrap().private);

    // Through a draft (quit, start again, resume): the mark is kept, so it still asks.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    h.action(Action::Quit);
    assert!(h.app.should_quit);
    let mut h = h.restart();
    assert!(h.app.popup().is_some(), "the draft is offered");
    h.key(KeyCode::Char('r'));
    assert_eq!(form_id(&h), id);
    assert!(field(&h, FieldId::Agenda).contains(MARK));
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "a resumed draft asks too");
    assert!(h.store.meeting(id).unwrap().is_none());

    // Lines the person rewrote themselves (the mark taken out by hand) save without asking.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    set_field(&mut h, FieldId::Agenda, "- The plan for my first year");
    h.ctrl('s');
    assert!(h.app.popup().is_none());
    assert!(h.store.meeting(id).unwrap().is_some());
}

#[test]
fn the_share_question_fits_a_narrow_window_and_scrolls() {
    let (mut store, rel) = journal_with_long_thought();
    for i in 0..6 {
        let mut r = Reflection::new(
            &format!("Private worry number {i} that I might raise"),
            t0() + Duration::days(73 + i),
        );
        r.relationship_id = Some(rel.id);
        r.bring_up = true;
        store.save_reflection(&r, t0()).unwrap();
    }
    let mut h = harness(store, 44, 14);
    meeting_from_prep(&mut h);
    h.ctrl('s');
    let text = h.text();
    assert!(
        text.contains(" y ") && text.contains(" n "),
        "keys show:\n{text}"
    );
    assert!(text.contains("more line"), "{text}");
    assert_snapshot!("share_private_44x14", h.screen());
    for _ in 0..40 {
        h.key(KeyCode::Down);
    }
    let text = h.text();
    assert!(text.contains("Private worry number"), "{text}");
    assert!(text.contains("above"), "{text}");
    assert_snapshot!("share_private_44x14_scrolled", h.screen());
}

#[test]
fn the_share_question_and_status_messages_draw_no_control_characters() {
    let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}";
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = format!("Sam{hostile}");
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    store.save_relationship(&rel, t0()).unwrap();
    let mut r = Reflection::new(&format!("Worry{hostile} about it"), t0());
    r.relationship_id = Some(rel.id);
    r.bring_up = true;
    store.save_reflection(&r, t0()).unwrap();
    let safe = |text: &str| {
        text.chars()
            .all(|c| c == '\n' || !mentorlog::text::is_unsafe(c))
    };
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    assert!(safe(&h.text()), "prep:\n{}", h.text());
    h.key(KeyCode::Char('m'));
    h.ctrl('s');
    assert!(h.app.popup().is_some());
    let text = h.text();
    assert!(text.contains("Worry") && safe(&text), "{text}");
    h.key(KeyCode::Char('y'));
    let status = h.app.status.clone().expect("a message").text;
    assert!(
        status.contains('\u{1b}'),
        "the message names Sam as stored: {status:?}"
    );
    let text = h.text();
    assert!(
        text.contains("Saved: meeting with Sam") && safe(&text),
        "{text}"
    );
}

/// The journal, with a private meeting (the latest) that left an open action item.
fn journal_with_private_item() -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let at = t0() + Duration::days(60);
    let mut m = Meeting::new(rel.id, at, at);
    m.private = true;
    m.notes = "Off the record.".into();
    let item = ActionItem::new(rel.id, "Ask HR about the transfer", Owner::Me, at);
    store.save_meeting(&m, &[item], at).unwrap();
    (store, rel)
}

#[test]
fn open_items_of_a_private_meeting_are_asked_about_too() {
    let (store, _) = journal_with_private_item();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    let text = h.text();
    assert!(
        text.contains("Ask HR about the transfer  (me, private)"),
        "{text}"
    );
    assert_snapshot!("prep_private_item_80x24", h.screen());
    h.key(KeyCode::Char('m'));
    let id = form_id(&h);
    let agenda = field(&h, FieldId::Agenda);
    assert!(
        agenda
            .lines()
            .any(|l| l == "- [from a private meeting] Open: Ask HR about the transfer"),
        "{agenda}"
    );
    assert_eq!(
        field(&h, FieldId::Carry(0)),
        "yes",
        "offered to carry forward"
    );
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "asks first");
    let text = h.text();
    assert!(text.contains("- Open: Ask HR about the transfer"), "{text}");
    assert!(
        text.contains("Action item carried forward: Ask HR about the"),
        "{text}"
    );
    assert_snapshot!("share_private_item_80x24", h.screen());
    // Back, drop every private line and untick the item: it saves without asking.
    h.key(KeyCode::Char('n'));
    let kept: Vec<&str> = agenda
        .lines()
        .filter(|l| !l.contains("[from a private"))
        .collect();
    set_field(&mut h, FieldId::Agenda, &kept.join("\n"));
    set_field(&mut h, FieldId::Carry(0), "no");
    h.ctrl('s');
    assert!(h.app.popup().is_none());
    assert!(h.store.meeting(id).unwrap().is_some(), "saved");
    h.key(KeyCode::Esc);
    pair_review_never_shows(&mut h, "transfer");
}

#[test]
fn carrying_an_item_out_of_a_private_meeting_asks_first() {
    let (store, rel) = journal_with_private_item();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('m'));
    let id = form_id(&h);
    assert_eq!(field(&h, FieldId::Carry(0)), "yes");
    h.ctrl('s');
    assert!(
        h.app.popup().is_some(),
        "asks before the item joins a shared meeting"
    );
    assert!(h.store.meeting(id).unwrap().is_none());
    h.key(KeyCode::Char('y'));
    assert!(
        h.store.meeting(id).unwrap().is_some(),
        "saved once confirmed"
    );
    let items = h.store.meeting_action_items(id).unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].text, "Ask HR about the transfer");
    let hits = h
        .store
        .search(&Query::parse("transfer"), Some(&[rel.id]), false, 100)
        .unwrap();
    assert_eq!(hits.len(), 1, "shared now, as confirmed: {hits:?}");
}

/// Prep with many open items, the last few from a private meeting: scrolled to the end it
/// shows the last items with their marks, and the agenda still holds every item.
#[test]
fn prep_with_many_open_items_scrolls_to_the_last_with_its_marks() {
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store);
    let at = t0() + Duration::days(3);
    let mut shared = Meeting::new(rel.id, at, at);
    shared.notes = "Planning.".into();
    let shared_items: Vec<ActionItem> = (1..=40)
        .map(|i| ActionItem::new(rel.id, &format!("Shared task {i:02}"), Owner::Me, at))
        .collect();
    store.save_meeting(&shared, &shared_items, at).unwrap();
    let later = at + Duration::days(1);
    let mut private = Meeting::new(rel.id, later, later);
    private.private = true;
    let private_items: Vec<ActionItem> = (1..=3)
        .map(|i| ActionItem::new(rel.id, &format!("Secret task {i}"), Owner::Me, later))
        .collect();
    store.save_meeting(&private, &private_items, later).unwrap();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    assert!(matches!(h.app.screen, Screen::Prep(_)));
    let text = h.text();
    assert!(!text.contains("Secret task"), "{text}");
    for _ in 0..200 {
        h.action(Action::Down);
    }
    let text = h.text();
    for i in 1..=3 {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("Secret task {i}")))
            .unwrap_or_else(|| panic!("secret task {i} at the end:\n{text}"));
        assert!(line.contains("private"), "{line}");
    }
    assert!(!text.contains("Shared task 01"), "{text}");
    let shared_line = text
        .lines()
        .find(|l| l.contains("Shared task 40"))
        .unwrap_or_else(|| panic!("the last shared task:\n{text}"));
    assert!(!shared_line.contains("private"), "{shared_line}");
    let Screen::Prep(v) = &h.app.screen else {
        panic!("still on prep")
    };
    assert_eq!(v.open_items.len(), 43);
    assert_eq!(v.private_items.len(), 3);
    let agenda = v.agenda();
    assert!(agenda.contains("Open: Shared task 01"), "{agenda}");
    assert_eq!(
        agenda
            .matches("[from a private meeting] Open: Secret")
            .count(),
        3
    );
}
