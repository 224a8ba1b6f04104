//! The pulse survey and reflection prompts as peers and mentors read them: peers get wording
//! of their own, and surveys stored before a statement was split keep their meaning.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::{Relationship, RelationshipStatus, Role};
use mentorlog::store::{Store, Survey};

fn t0() -> DateTime<Utc> {
    "2026-10-01T09:00:00Z".parse().unwrap()
}

/// An agreed relationship with Kim, in `role`.
fn journal(role: Role) -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(role);
    rel.other_name = "Kim".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0().date_naive());
    store.save_relationship(&rel, t0()).unwrap();
    (store, rel)
}

/// Starts the app on `store` with no popup in the way.
fn start(store: Store, w: u16, h: u16) -> Harness {
    let mut h = Harness::new(store, w, h);
    for _ in 0..5 {
        if h.app.popup().is_none() {
            break;
        }
        h.key(KeyCode::Esc);
    }
    h
}

fn open_survey(h: &mut Harness) {
    h.key(KeyCode::Char('v'));
    h.key(KeyCode::Char('s'));
    assert!(
        matches!(h.app.screen, Screen::Survey(_)),
        "the survey opens:\n{}",
        h.text()
    );
}

#[test]
fn a_peer_takes_the_survey_in_peer_wording() {
    let (store, _) = journal(Role::Peer);
    let mut h = start(store, 80, 24);
    open_survey(&mut h);
    let screen = h.text();
    assert!(
        screen.contains("We are making progress on our goals."),
        "{screen}"
    );
    assert!(
        screen.contains("We each listen as much as we talk."),
        "{screen}"
    );
    assert!(
        !screen.contains("my mentor") && !screen.contains("mentee"),
        "{screen}"
    );
    assert_snapshot!("peer_survey", h.screen());

    let (store, _) = journal(Role::Peer);
    let mut h = start(store, 40, 12);
    open_survey(&mut h);
    assert_snapshot!("narrow_peer_survey", h.screen());
}

/// The mentor's "heard" once also asked whether they listen more than they talk; it now asks
/// only whether the mentee feels heard, and listening has a statement of its own. A survey
/// stored before shows its score under "heard", and the new statements start empty.
#[test]
fn a_survey_stored_before_the_split_keeps_its_scores() {
    let (mut store, rel) = journal(Role::Mentor);
    store
        .save_survey(&Survey {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            at: fixed_now().to_utc() - Duration::days(10),
            reason: "monthly".into(),
            scores: vec![("heard".into(), 4), ("progress".into(), 3)],
            note: String::new(),
        })
        .unwrap();
    let mut h = start(store, 80, 24);
    h.key(KeyCode::Char('v'));
    let screen = h.text();
    let line = |text: &str| {
        screen
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{screen}"))
            .to_string()
    };
    assert!(line("My mentee feels heard.").contains('4'), "{screen}");
    assert!(
        !line("I listen more than I talk.").contains('4'),
        "{screen}"
    );
    assert!(line("My mentee feels safe bringing up hard topics.").len() > 10);

    // Rating the new statements stores them under their own ids.
    h.key(KeyCode::Char('s'));
    for _ in 0..7 {
        h.tab();
    }
    h.key(KeyCode::Char('5')); // listen; a score goes on to the next statement
    h.key(KeyCode::Char('2')); // safe
    h.ctrl('s');
    let surveys = h.store.surveys(rel.id).unwrap();
    let latest = surveys.iter().max_by_key(|s| s.at).unwrap();
    assert_eq!(
        latest.scores,
        vec![("listen".to_string(), 5), ("safe".to_string(), 2)],
        "{}",
        h.text()
    );
}

/// A peer's reflection prompt speaks of a peer, in the form and in the saved reflection.
#[test]
fn a_peer_reflects_from_a_peer_prompt() {
    let (store, _) = journal(Role::Peer);
    let mut h = start(store, 80, 24);
    h.key(KeyCode::Char('r'));
    for _ in 0..40 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form.prompt.as_deref() == Some("avoiding")
        {
            break;
        }
        h.ctrl('p');
    }
    let screen = h.text();
    assert!(screen.contains("raising with my peer"), "{screen}");
    assert!(!screen.contains("my mentor"), "{screen}");
    h.type_text("Whether we should change how often we meet.");
    h.ctrl('s');
    let screen = h.text();
    assert!(screen.contains("raising with my peer"), "{screen}");
}
