//! The skills screen on TestBackend at 80x24 and 40x12: adding skills from the focus topics
//! and one's own, rating at the current point and at another, before beside after, private
//! skills kept out of pair review, and refused input keeping what was typed.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::checkin::ArcPoint;
use mentorlog::domain::skill::SkillPoint;
use mentorlog::domain::{AnswerValue, PlannedDuration, Relationship};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-07-01T09:00:00Z".parse().unwrap()
}

/// Ada, mentee of Sam since 1 July for six months (so at the midpoint on 22 November), with
/// two focus topics; the midpoint review is behind them.
fn journal() -> (Store, Relationship) {
    let start = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let (mut store, rel) = common::ada_mentee_of_sam(t0(), start, &["career", "networking"]);
    let plan = AnswerValue::Duration {
        plan: PlannedDuration::Months { months: 6 },
    };
    store
        .save_answer(rel.id, "duration", &plan, false, t0())
        .unwrap();
    let end = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    store
        .mark_arc_review(rel.id, ArcPoint::Midpoint, end, t0())
        .unwrap();
    (store, rel)
}

fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = mentorlog::app::Settings {
        survey_every_days: 0,
        ..mentorlog::app::Settings::default()
    };
    let h = Harness::with_settings(store, w, h, settings);
    assert!(h.app.popup().is_none(), "nothing is due in these journals");
    h
}

/// Opens the skills screen from home.
fn open(h: &mut Harness) {
    h.key(KeyCode::Char('S'));
    assert!(matches!(h.app.screen, Screen::Skills(_)), "S opens skills");
}

/// Adds "Career development" from its focus topic, rates it 2 at the start and 4 now; adds a private
/// skill of one's own rated 1 now.
fn fill(h: &mut Harness) {
    h.enter(); // the first focus topic becomes a skill
    h.key(KeyCode::Char('['));
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char(']'));
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Char('a'));
    h.type_text("Saying no to extra work");
    h.tab();
    h.tab();
    h.key(KeyCode::Right); // private
    h.enter();
    h.key(KeyCode::Char('1'));
}

#[test]
fn skills_from_focus_topics_and_ones_own_rated_before_and_after() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open(&mut h);
    let text = h.text();
    assert!(
        text.contains("Rating at the midpoint (where you are now)"),
        "{text}"
    );
    assert!(
        text.contains("+ Career development") && text.contains("+ Networking"),
        "{text}"
    );
    assert_snapshot!("skills_empty_80x24", h.screen());
    h.resize(40, 12);
    assert_snapshot!("skills_empty_40x12", h.screen());
    h.resize(80, 24);

    fill(&mut h);
    let skills = h.store.skills(rel.id, true).unwrap();
    assert_eq!(skills.len(), 2);
    assert_eq!(skills[0].skill.name, "Career development");
    assert_eq!(skills[0].skill.topic.as_deref(), Some("career"));
    assert_eq!(skills[0].at(SkillPoint::Start).unwrap().rating, 2);
    assert_eq!(skills[0].at(SkillPoint::Midpoint).unwrap().rating, 4);
    assert_eq!(skills[0].before_after(), "2 → 4 (+2)");
    assert!(skills[1].skill.private);
    assert_eq!(skills[1].at(SkillPoint::Midpoint).unwrap().rating, 1);
    let text = h.text();
    assert!(text.contains("2 → 4 (+2)"), "{text}");
    assert!(text.contains("(private)"), "{text}");
    assert!(
        !text.contains("+ Career"),
        "a topic made a skill is no longer offered"
    );
    assert_snapshot!("skills_list_80x24", h.screen());

    h.resize(40, 12);
    assert_snapshot!("skills_list_40x12", h.screen());

    // The help names the screen's keys; search opened here comes back here.
    h.resize(80, 24);
    h.key(KeyCode::Char('?'));
    let help = h.text();
    assert!(
        help.contains("rate it at the point shown") && help.contains("add a skill of your own"),
        "{help}"
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('/'));
    assert!(matches!(h.app.screen, Screen::Search(_)));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Skills(_)),
        "back from search to skills"
    );

    // Esc goes back home, on the same relationship.
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn the_add_panel_at_both_sizes_and_a_refused_name_keeps_the_text() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open(&mut h);
    h.key(KeyCode::Char('a'));
    h.type_text("Giving feedback");
    assert_snapshot!("skills_add_80x24", h.screen());
    h.resize(40, 12);
    assert_snapshot!("skills_add_40x12", h.screen());
    h.resize(80, 24);

    // Too long: refused with what to do, and every character typed is still there.
    h.type_text(&" and more".repeat(8));
    h.enter();
    let Screen::Skills(v) = &h.app.screen else {
        panic!("still on skills")
    };
    let panel = v.panel.as_ref().expect("the panel stays open");
    assert!(
        panel
            .fields
            .string(mentorlog::app::fields::FieldId::Name)
            .ends_with("and more")
    );
    let status = h.app.status.clone().unwrap().text;
    assert!(status.contains("at most 80 characters"), "{status}");
    assert!(h.store.skills(rel.id, true).unwrap().is_empty());

    // With text typed, the first Esc keeps it and says how to leave; the second leaves
    // without saving, and the list is as it was.
    h.key(KeyCode::Esc);
    let Screen::Skills(v) = &h.app.screen else {
        panic!("still on skills")
    };
    assert!(v.panel.is_some(), "one Esc drops nothing typed");
    let status = h.app.status.clone().unwrap().text;
    assert!(
        status.contains("Esc again leaves without saving"),
        "{status}"
    );
    h.key(KeyCode::Esc);
    let Screen::Skills(v) = &h.app.screen else {
        panic!("still on skills")
    };
    assert!(v.panel.is_none());
    assert!(h.store.skills(rel.id, true).unwrap().is_empty());
    // An untouched panel closes at once.
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Esc);
    let Screen::Skills(v) = &h.app.screen else {
        panic!("still on skills")
    };
    assert!(v.panel.is_none());
}

#[test]
fn removing_a_skill_can_be_undone_and_renaming_keeps_its_ratings() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open(&mut h);
    fill(&mut h);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('d'));
    assert_eq!(h.store.skills(rel.id, true).unwrap().len(), 1);
    assert!(
        h.app
            .status
            .clone()
            .unwrap()
            .text
            .contains("u brings it back")
    );
    h.key(KeyCode::Char('u'));
    let skills = h.store.skills(rel.id, true).unwrap();
    assert_eq!(skills.len(), 2);
    assert_eq!(skills[0].ratings.len(), 2, "back with its ratings");

    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('e'));
    for _ in 0.."Career development".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text("Career moves");
    h.enter();
    let skills = h.store.skills(rel.id, true).unwrap();
    assert_eq!(skills[0].skill.name, "Career moves");
    assert_eq!(skills[0].ratings.len(), 2);
}

#[test]
fn pair_review_shows_shared_skills_only() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open(&mut h);
    fill(&mut h);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('R'));
    assert!(matches!(h.app.screen, Screen::Review(_)));
    assert_snapshot!("skills_in_pair_review_80x24", h.screen());
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&h.text());
        h.key(KeyCode::Down);
    }
    assert!(seen.contains("Skills (before → now)"), "{seen}");
    assert!(seen.contains("Career"), "{seen}");
    assert!(
        !seen.contains("Saying no"),
        "a private skill never shows:\n{seen}"
    );
    let today = common::fixed_now().date_naive();
    use mentorlog::app::review::{Period, ReviewData};
    let data = ReviewData::load(&h.store, rel.id, Period::SinceStart, None, today, false)
        .unwrap()
        .unwrap();
    let md = mentorlog::share::review_markdown(&data, mentorlog::content::Content::get());
    assert!(
        md.contains("## Skills")
            && md.contains("**Career development**: start 2, midpoint 4; 2 → 4 (+2)"),
        "{md}"
    );
    assert!(!md.contains("Saying no"), "{md}");
    let json = mentorlog::share::review_json(&data).unwrap();
    assert!(
        json.contains("\"skills\"") && !json.contains("Saying no"),
        "{json}"
    );
    let all = ReviewData::load(&h.store, rel.id, Period::SinceStart, None, today, true)
        .unwrap()
        .unwrap();
    let md = mentorlog::share::review_markdown(&all, mentorlog::content::Content::get());
    assert!(md.contains("**Saying no to extra work** (private)"), "{md}");
}

#[test]
fn rating_keys_explain_themselves_on_an_empty_list_and_the_point_follows_closing() {
    let (mut store, rel) = journal();
    store
        .record_life_event(
            rel.id,
            mentorlog::domain::LifeKind::Closed,
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            "",
            t0(),
        )
        .unwrap();
    let mut h = harness(store, 80, 24);
    // A closed relationship may not be listed on home: open the screen directly.
    h.app.screen = Screen::Home(
        mentorlog::app::Home::load_at(&h.store, common::fixed_now().date_naive(), Some(rel.id))
            .unwrap(),
    );
    h.action(mentorlog::app::Action::OpenSkills);
    let Screen::Skills(v) = &h.app.screen else {
        panic!("skills open for a closed relationship too")
    };
    assert_eq!(
        v.current,
        SkillPoint::End,
        "closed: ratings now are the end's"
    );
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char('3'));
    let status = h.app.status.clone().unwrap().text;
    assert!(
        status.contains("Enter turns this focus topic into a skill"),
        "{status}"
    );
    assert!(h.store.skills(rel.id, true).unwrap().is_empty());
}
