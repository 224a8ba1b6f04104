//! The closing review and its summary on TestBackend (80x24 and 40x12): closing records the
//! close, each part can be skipped, Esc asks again the next day with everything typed kept,
//! and private closing words never reach the summary written to share.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::closing::{open_review, open_summary, progress_of};
use mentorlog::app::{Action, Popup, Screen, Settings};
use mentorlog::content::Content;
use mentorlog::domain::closing::ClosingPart;
use mentorlog::domain::{
    AnswerValue, Goal, GoalStatus, LifeKind, Meeting, Reflection, Relationship, RelationshipStatus,
};
use mentorlog::share::{ClosingSummary, summary_markdown};
use mentorlog::store::Store;
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

/// Ada, the mentee of Sam Rivera since March: an intended result, a focus, goals that ended
/// three ways, meetings with and without a length, and one private meeting.
fn journal() -> (Store, Relationship) {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let (mut store, rel) = common::ada_mentee_of_sam(t0(), start, &["career"]);
    let text = |t: &str| AnswerValue::Text { text: t.into() };
    store
        .save_answer(
            rel.id,
            "intended_result",
            &text("A first product engineering role by the autumn."),
            false,
            t0(),
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "focus",
            &text("System design and interviews."),
            false,
            t0(),
        )
        .unwrap();
    for (title, status) in [
        ("Land a product engineering role", GoalStatus::Achieved),
        ("Give a conference talk", GoalStatus::Dropped),
        ("Mentor someone myself", GoalStatus::Active),
    ] {
        let mut g = Goal::new(rel.id, title, t0());
        g.status = status;
        store
            .save_goals_batch(&[(g, vec![], vec![])], t0())
            .unwrap();
    }
    for (i, minutes) in [Some(60), Some(45), Some(60), None].into_iter().enumerate() {
        let at = t0() + Duration::days(21 * i as i64 + 7);
        let mut m = Meeting::new(rel.id, at, at);
        m.duration_minutes = minutes;
        m.notes = format!("Meeting {}", i + 1);
        store.save_meeting(&m, &[], at).unwrap();
    }
    let at = t0() + Duration::days(100);
    let mut private = Meeting::new(rel.id, at, at);
    private.duration_minutes = Some(30);
    private.private = true;
    store.save_meeting(&private, &[], at).unwrap();
    (store, rel)
}

fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = Settings {
        survey_every_days: 0,
        survey_every_contacts: 0,
        ..Settings::default()
    };
    let mut h = Harness::with_settings(store, w, h, settings);
    h.app.popups.clear();
    h
}

fn part(h: &Harness) -> Option<ClosingPart> {
    match &h.app.screen {
        Screen::ClosingReview(r) => Some(r.part()),
        _ => None,
    }
}

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn closing_reflections(store: &Store, rel: &Relationship) -> Vec<Reflection> {
    let filter = mentorlog::store::TimelineFilter {
        relationship: Some(rel.id),
        kind: Some(mentorlog::domain::EntryKind::Reflection),
        include_private: true,
        ..Default::default()
    };
    store
        .timeline_page(&filter, None, 100)
        .unwrap()
        .into_iter()
        .filter_map(|e| store.reflection(e.id).unwrap())
        .collect()
}

#[test]
fn the_closing_review_goes_part_by_part_to_the_summary() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open_review(
        &mut h.app,
        &mut h.store,
        rel.id,
        Some("New job, less time".into()),
    )
    .unwrap();

    // The close is recorded with its reason.
    let events = h.store.life_events(rel.id).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].kind, events[0].reason.as_str()),
        (LifeKind::Closed, "New job, less time")
    );
    assert_eq!(
        h.store.relationship(rel.id).unwrap().unwrap().status,
        RelationshipStatus::Closed
    );
    assert_eq!(part(&h), Some(ClosingPart::LookBack));
    let screen = h.screen();
    assert!(
        screen.contains("1 achieved, 1 dropped, 1 still open"),
        "{screen}"
    );
    // Four shared meetings, three of them with a length; the private one counts too here.
    assert!(screen.contains("5 meetings, 3 h 15 min logged"), "{screen}");
    assert_snapshot!("closing_look_back", screen);
    h.resize(40, 12);
    assert_snapshot!("closing_look_back_narrow", h.screen());
    h.resize(80, 24);

    h.enter();
    assert_eq!(part(&h), Some(ClosingPart::Pulse));
    h.type_text("45");
    assert_snapshot!("closing_pulse", h.screen());
    h.ctrl('s');
    assert_eq!(part(&h), Some(ClosingPart::Reflection));
    let surveys = h.store.surveys(rel.id).unwrap();
    assert_eq!(surveys.len(), 1);
    assert_eq!(surveys[0].reason, "closing");
    assert_eq!(surveys[0].scores.len(), 2);

    h.type_text("I found my feet and a new role.");
    assert_snapshot!("closing_reflection_part", h.screen());
    h.resize(40, 12);
    assert_snapshot!("closing_reflection_part_narrow", h.screen());
    h.resize(80, 24);
    h.ctrl('s');
    assert_eq!(part(&h), Some(ClosingPart::Learned));
    // Skipping an empty part goes on.
    h.ctrl('n');
    assert_eq!(part(&h), Some(ClosingPart::Next));
    h.ctrl('n');
    assert_eq!(part(&h), Some(ClosingPart::Thanks));
    h.type_text("Thank you for every honest question.");
    h.tab();
    h.key(KeyCode::Right);
    h.ctrl('s');

    // Finished: the summary shows every part, and the review is not asked again.
    assert!(matches!(h.app.screen, Screen::ClosingSummary(_)));
    assert!(status(&h).contains("closing summary"), "{}", status(&h));
    let Screen::ClosingSummary(v) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(v.summary.writings.len(), 2, "{:?}", v.summary.writings);
    assert!(!v.unfinished);
    assert_snapshot!("closing_summary", h.screen());
    h.key(KeyCode::PageDown);
    h.key(KeyCode::PageDown);
    let screen = h.screen();
    assert!(screen.contains("I found my feet"), "{screen}");
    assert_snapshot!("closing_summary_end", screen);
    h.key(KeyCode::Home);
    h.resize(40, 12);
    assert_snapshot!("closing_summary_narrow", h.screen());

    let written = closing_reflections(&h.store, &rel);
    let by_prompt = |p: &str| written.iter().find(|r| r.prompt_id.as_deref() == Some(p));
    let looking_back = by_prompt("closing").expect("the reflection is saved");
    assert!(
        looking_back.private,
        "reflections are private unless shared"
    );
    let thanks = by_prompt("thanks").expect("the thank-you note is saved");
    assert!(!thanks.private, "the note was chosen to be shared");
    assert!(
        by_prompt("closing_learned").is_none(),
        "a skipped part writes nothing"
    );
    let progress = progress_of(&h.store, rel.id).unwrap().unwrap();
    assert!(progress.finished);

    h.app.now = fixed_now() + Duration::days(3);
    h.action(Action::Back);
    h.action(Action::Tick);
    assert!(
        h.app.popups.is_empty(),
        "a finished review is not offered again"
    );
}

#[test]
fn esc_keeps_what_was_typed_and_asks_again_the_next_day() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open_review(&mut h.app, &mut h.store, rel.id, None).unwrap();
    h.enter();
    h.ctrl('n');
    assert_eq!(part(&h), Some(ClosingPart::Reflection));
    h.type_text("Half a thought");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(
        status(&h).contains("asked again tomorrow"),
        "{}",
        status(&h)
    );

    // Not again the same day.
    h.action(Action::Tick);
    assert!(h.app.popups.is_empty());

    // The next day, after a restart, it is offered; "later" puts it off another day.
    let mut h = h.restart();
    h.app.popups.clear();
    h.app.now = fixed_now() + Duration::days(1);
    h.action(Action::Tick);
    assert!(
        matches!(h.app.popup(), Some(Popup::ClosingOffer { .. })),
        "{:?}",
        h.app.popups
    );
    assert_snapshot!("closing_offer", h.screen());
    h.key(KeyCode::Char('n'));
    assert!(h.app.popups.is_empty());
    h.action(Action::Tick);
    assert!(h.app.popups.is_empty(), "later: not again the same day");

    h.app.now = fixed_now() + Duration::days(2);
    h.action(Action::Tick);
    assert!(matches!(h.app.popup(), Some(Popup::ClosingOffer { .. })));
    h.key(KeyCode::Char('y'));
    assert_eq!(part(&h), Some(ClosingPart::Reflection));
    let screen = h.screen();
    assert!(screen.contains("Half a thought"), "{screen}");
}

#[test]
fn a_part_with_text_is_not_skipped_silently() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open_review(&mut h.app, &mut h.store, rel.id, None).unwrap();
    h.enter();
    h.ctrl('n');
    h.type_text("Something worth keeping");
    h.ctrl('n');
    assert_eq!(part(&h), Some(ClosingPart::Reflection));
    let Screen::ClosingReview(r) = &h.app.screen else {
        panic!("still in the review");
    };
    let error = r.error.clone().unwrap_or_default();
    assert!(error.contains("Ctrl-S saves it"), "{error}");
    assert!(h.screen().contains("Something worth keeping"));
}

#[test]
fn a_draft_cannot_be_closed_and_says_why() {
    let (mut store, _) = journal();
    // A second relationship, still in its walk-through.
    let mut rel = Relationship::new_draft(t0());
    rel.other_name = "Kim".into();
    store.save_relationship(&rel, t0()).unwrap();
    assert_eq!(rel.status, RelationshipStatus::Draft);
    let mut h = harness(store, 80, 24);
    let before = format!("{:?}", std::mem::discriminant(&h.app.screen));
    open_review(&mut h.app, &mut h.store, rel.id, None).unwrap();
    assert_eq!(
        format!("{:?}", std::mem::discriminant(&h.app.screen)),
        before
    );
    assert!(status(&h).contains("walk-through"), "{}", status(&h));
    assert!(h.store.life_events(rel.id).unwrap().is_empty());
}

#[test]
fn a_relationship_closed_from_the_command_line_is_offered_its_review() {
    let (mut store, rel) = journal();
    let day = fixed_now().date_naive();
    store
        .record_life_event(rel.id, LifeKind::Closed, day, "", t0())
        .unwrap();
    let mut h = harness(store, 80, 24);
    h.action(Action::Tick);
    assert!(matches!(h.app.popup(), Some(Popup::ClosingOffer { .. })));
    // The summary of an unfinished review offers to carry on with it.
    h.app.popups.clear();
    open_summary(&mut h.app, &mut h.store, rel.id).unwrap();
    assert!(h.screen().contains("not finished"));
    h.key(KeyCode::Char('c'));
    assert_eq!(part(&h), Some(ClosingPart::LookBack));
}

/// Closes the relationship and writes its closing words straight to the journal: `private`
/// with the private marker, `shared` as given.
fn closed_with_words(private: &str, shared: &str) -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let day = fixed_now().date_naive();
    store
        .record_life_event(rel.id, LifeKind::Closed, day, "PRIVATE-REASON", t0())
        .unwrap();
    let at: DateTime<Utc> = fixed_now().with_timezone(&Utc);
    for (prompt, body, is_private) in [
        ("closing", private, true),
        ("closing_next", shared, false),
        ("thanks", private, true),
    ] {
        let mut r = Reflection::new(body, at);
        r.relationship_id = Some(rel.id);
        r.prompt_id = Some(prompt.into());
        r.private = is_private;
        store.save_reflection(&r, at).unwrap();
    }
    store
        .save_answer(
            rel.id,
            "mentee_hopes",
            &AnswerValue::Text {
                text: "PRIVATE-HOPE".into(),
            },
            true,
            t0(),
        )
        .unwrap();
    (store, rel)
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
fn private_closing_words_stay_out_of_the_shared_summary() {
    let (store, rel) = closed_with_words("PRIVATE-WORDS", "Keep going with Kim.");
    let shared = markdown(&store, &rel, false);
    assert!(!shared.contains("PRIVATE"), "{shared}");
    assert!(shared.contains("Keep going with Kim."), "{shared}");
    assert!(shared.contains("private parts left out"), "{shared}");
    let all = markdown(&store, &rel, true);
    assert!(all.contains("PRIVATE-WORDS"), "{all}");
    assert!(all.contains("PRIVATE-REASON"), "{all}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the closing words say, the private ones never reach the shared summary and the
    /// shared ones never become a heading or a link.
    #[test]
    fn shared_summary_never_holds_private_words_or_typed_structure(
        private in "[a-z #\\[\\]()!*_>-]{1,40}",
        shared in "[a-z #\\[\\]()!:/.*_>-]{1,40}",
    ) {
        let secret = format!("SECRET{private}SECRET");
        let (store, rel) = closed_with_words(&secret, &shared);
        let md = markdown(&store, &rel, false);
        prop_assert!(!md.contains("SECRET"), "{}", md);
        for line in md.lines() {
            let headings = ["# Closing summary", "## ", "### "];
            if line.starts_with('#') {
                prop_assert!(headings.iter().any(|h| line.starts_with(h)), "{}", line);
            }
        }
        // Read as a CommonMark reader reads it: no link, image or HTML came from the words.
        use pulldown_cmark::{Event, Tag};
        for event in pulldown_cmark::Parser::new(&md) {
            let made = matches!(
                event,
                Event::Start(Tag::Link { .. } | Tag::Image { .. })
                    | Event::Html(_)
                    | Event::InlineHtml(_)
            );
            prop_assert!(!made, "{:?} in:\n{}", event, md);
        }
    }
}

#[test]
fn the_pulse_given_before_leaving_for_later_comes_back() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    open_review(&mut h.app, &mut h.store, rel.id, None).unwrap();
    h.enter();
    assert_eq!(part(&h), Some(ClosingPart::Pulse));
    h.key(KeyCode::Char('4'));
    assert!(h.screen().contains("‹ 4 ›"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(!matches!(h.app.screen, Screen::ClosingReview(_)));
    // Carried on with later: the rating is there again.
    open_review(&mut h.app, &mut h.store, rel.id, None).unwrap();
    assert_eq!(part(&h), Some(ClosingPart::Pulse));
    assert!(h.screen().contains("‹ 4 ›"), "{}", h.screen());
}
