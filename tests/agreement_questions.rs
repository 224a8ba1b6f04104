//! The questions the agreement gained (support wanted, each person's hours, questions between
//! meetings, who does what, how the mentee learns): their steps in a small terminal, an earlier
//! single number of hours, and own words on a one-choice question.

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::domain::{
    AnswerValue, Duties, MonthlyHours, Relationship, RelationshipStatus, Role, Who,
};
use mentorlog::store::Store;

fn walk(h: &mut Harness) -> &mentorlog::app::walkthrough::Walkthrough {
    match &h.app.screen {
        Screen::Onboarding(w) => w,
        other => panic!("expected the walk-through, got {other:?}"),
    }
}

/// An agreed relationship with Sam Rivera holding `answers`, on the agreement screen.
fn agreement_with(answers: &[(&str, AnswerValue)]) -> (Harness, uuid::Uuid) {
    let t = common::fixed_now().to_utc();
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t).unwrap();
    let mut rel = Relationship::new_draft(t);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t.date_naive());
    store.save_relationship(&rel, t).unwrap();
    for (id, value) in answers {
        store.save_answer(rel.id, id, value, false, t).unwrap();
    }
    let mut h = Harness::new(store, 80, 24);
    for _ in 0..5 {
        if h.app.popup().is_none() {
            break;
        }
        h.key(KeyCode::Esc);
    }
    h.enter();
    assert!(
        matches!(h.app.screen, Screen::Agreement(_)),
        "the agreement opens:\n{}",
        h.text()
    );
    (h, rel.id)
}

/// The steps the agreement gained, as they look in a small terminal.
#[test]
fn narrow_snapshots_of_the_newer_steps() {
    let mut h = Harness::in_memory(40, 12);
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.enter(); // mentee
    h.type_text("Sam");
    h.enter();
    for _ in 0..4 {
        h.tab(); // model, topics, focus, intended result
    }
    assert_snapshot!("narrow_support", h.screen());
    h.tab();
    h.type_text("about 3");
    assert_snapshot!("narrow_time", h.screen());
    for _ in 0..3 {
        h.tab(); // time, duration, contact
    }
    assert_snapshot!("narrow_between", h.screen());
    for _ in 0..3 {
        h.tab(); // between, response, medium
    }
    h.down(4);
    h.key(KeyCode::Char(' ')); // Sam sets the agenda
    assert_snapshot!("narrow_duties", h.screen());
    h.tab();
    assert_snapshot!("narrow_learning", h.screen());
    let rel = walk(&mut h).relationship.id;
    let a = h.store.agreement(rel).unwrap();
    assert_eq!(
        a.get("time"),
        Some(&AnswerValue::TimeEach {
            mine: Some(MonthlyHours {
                hours: 3,
                about: true
            }),
            theirs: None,
        })
    );
    assert_eq!(
        a.get("duties"),
        Some(&AnswerValue::Duties {
            duties: Duties {
                set_agenda: Some(Who::Them),
                ..Duties::default()
            }
        })
    );
}

/// An agreed relationship whose time was saved as one number, before each person's time was
/// asked: the number reads on the agreement screen and fills both people's lines.
#[test]
fn a_single_number_of_hours_saved_earlier_reads_and_can_become_each_persons() {
    let (mut h, rel) = agreement_with(&[("time", AnswerValue::Hours { per_month: 3 })]);
    assert!(h.text().contains("3 hours a month"), "{}", h.text());
    h.down(7); // time
    h.enter();
    let screen = h.text();
    assert!(
        screen.contains("Me: 3") && screen.contains("Sam Rivera: 3"),
        "{screen}"
    );
    h.key(KeyCode::Backspace);
    h.type_text("about 5");
    h.enter();
    assert_eq!(
        h.store.agreement(rel).unwrap().get("time"),
        Some(&AnswerValue::TimeEach {
            mine: Some(MonthlyHours {
                hours: 5,
                about: true
            }),
            theirs: Some(MonthlyHours {
                hours: 3,
                about: false
            }),
        })
    );
    assert!(
        h.text()
            .contains("me: about 5, Sam Rivera: 3 hours a month"),
        "{}",
        h.text()
    );
}

/// "Something else" on a one-choice question needs the words; they are kept as the answer and
/// shown again when it is opened.
#[test]
fn a_pick_of_something_else_keeps_the_own_words() {
    let picked = AnswerValue::Pick {
        picked: "a few times a month".into(),
    };
    let (mut h, rel) = agreement_with(&[("between", picked)]);
    h.down(10); // between meetings
    h.enter();
    h.down(3);
    h.key(KeyCode::Char(' ')); // something else
    h.enter();
    assert!(h.text().contains("Say it in a few words"), "{}", h.text());
    assert_eq!(
        h.store.agreement(rel).unwrap().get("between"),
        Some(&AnswerValue::Pick {
            picked: "a few times a month".into()
        }),
        "nothing saved on a refusal"
    );
    h.down(1);
    h.type_text("only by email");
    h.enter();
    assert_eq!(
        h.store.agreement(rel).unwrap().get("between"),
        Some(&AnswerValue::Pick {
            picked: "only by email".into()
        })
    );
    h.enter(); // open it again
    let screen = h.text();
    assert!(
        screen.contains("(•) Something else") && screen.contains("only by email"),
        "{screen}"
    );
}
