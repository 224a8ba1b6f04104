//! Meetings and the goals they worked on, on TestBackend: the meeting form's Goals rows, the
//! meeting's view, the goal's list of meetings (opened with Enter), drafts, and the trash.

mod common;

use common::on_screen;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::fields::{FieldId, Value};
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{
    Goal, GoalStatus, Meeting, ProgressUpdate, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::{EntryKind, Store};
use uuid::Uuid;

fn t0() -> DateTime<Utc> {
    "2026-10-01T09:00:00Z".parse().unwrap()
}

fn journal() -> (Store, Relationship) {
    let agreed = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    common::ada_mentee_of_sam(t0(), agreed, &["career", "networking"])
}

fn seeded(store: &mut Store, rel: &Relationship) -> Goal {
    let mut g = Goal::new(rel.id, "Negotiate the offer", t0());
    g.status = GoalStatus::Active;
    g.target_on = NaiveDate::from_ymd_opt(2026, 11, 15);
    let updates = vec![
        ProgressUpdate::new(
            g.id,
            10,
            "Researched salary ranges",
            t0() + Duration::days(3),
        ),
        ProgressUpdate::new(
            g.id,
            35,
            "Practised the conversation",
            t0() + Duration::days(17),
        ),
        ProgressUpdate::new(g.id, 60, "Asked for the number", t0() + Duration::days(30)),
    ];
    store
        .save_goals_batch(&[(g.clone(), Vec::new(), updates)], t0())
        .unwrap();
    g
}

/// Puts off what the start offers (the pulse survey after a meeting): "later".
fn later(h: &mut Harness) {
    for _ in 0..5 {
        if h.app.popup().is_none() {
            return;
        }
        h.key(KeyCode::Esc);
    }
}

/// Opens a goal's screen from the board, whatever its place there.
fn open_goal(h: &mut Harness, id: Uuid) {
    if !matches!(h.app.screen, Screen::Goals(_)) {
        h.key(KeyCode::Char('g'));
    }
    for _ in 0..20 {
        if let Screen::Goals(b) = &h.app.screen
            && b.selected().is_some_and(|s| s.goal.id == id)
        {
            h.enter();
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("goal {id} is not on the board");
}

fn entry_tab_to(h: &mut Harness, key: FieldId) {
    for _ in 0..60 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form.fields.current_key() == Some(key)
        {
            return;
        }
        h.tab();
    }
    panic!("no field {key:?} in the entry form");
}

fn ticked(h: &Harness, goal: Uuid) -> Option<bool> {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the meeting form")
    };
    match w.form.fields.get(FieldId::WorkedOn(goal)) {
        Some(Value::Check(on, _)) => Some(*on),
        _ => None,
    }
}

/// Sam's journal with goals in several states, and Kim with a goal of her own.
struct Goals {
    rel: Relationship,
    offer: Goal,
    mentor: Goal,
    old: Goal,
    kims: Goal,
}

fn goals_journal() -> (Store, Goals) {
    let (mut store, rel) = journal();
    let offer = seeded(&mut store, &rel);
    let mut mentor = Goal::new(rel.id, "Find a second mentor", t0());
    mentor.status = GoalStatus::Proposed;
    let mut old = Goal::new(rel.id, "Finish the old course", t0());
    old.status = GoalStatus::Achieved;
    let mut kim = Relationship::new_draft(t0());
    kim.my_role = Some(Role::Mentor);
    kim.other_name = "Kim Lee".into();
    kim.status = RelationshipStatus::Active;
    kim.agreed_on = NaiveDate::from_ymd_opt(2026, 10, 5);
    store.save_relationship(&kim, t0()).unwrap();
    let mut kims = Goal::new(kim.id, "Ship the first app", t0());
    kims.status = GoalStatus::Active;
    store
        .save_goals_batch(
            &[
                (mentor.clone(), Vec::new(), Vec::new()),
                (old.clone(), Vec::new(), Vec::new()),
                (kims.clone(), Vec::new(), Vec::new()),
            ],
            t0(),
        )
        .unwrap();
    (
        store,
        Goals {
            rel,
            offer,
            mentor,
            old,
            kims,
        },
    )
}

/// A new meeting with Sam, its "With" on Sam.
fn meeting_with_sam(h: &mut Harness, sam: Uuid) {
    h.key(KeyCode::Char('m'));
    for _ in 0..3 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form.fields.string(FieldId::With) == sam.to_string()
        {
            return;
        }
        h.key(KeyCode::Right);
    }
    panic!("Sam is not offered in the meeting form");
}

/// The meeting form offers the person's open goals to tick; the meeting and its goals are
/// saved together; the meeting shows them, and the goal lists the meeting and opens it.
#[test]
fn a_meeting_worked_on_a_goal_and_the_goal_lists_it() {
    let (store, g) = goals_journal();
    let mut h = Harness::new(store, 80, 24);
    meeting_with_sam(&mut h, g.rel.id);
    assert_eq!(ticked(&h, g.offer.id), Some(false));
    assert_eq!(
        ticked(&h, g.mentor.id),
        Some(false),
        "proposed goals are open"
    );
    assert_eq!(ticked(&h, g.old.id), None, "achieved goals are not offered");
    assert_eq!(
        ticked(&h, g.kims.id),
        None,
        "another person's goals are not offered"
    );
    entry_tab_to(&mut h, FieldId::WorkedOn(g.offer.id));
    h.key(KeyCode::Char(' '));
    assert_eq!(ticked(&h, g.offer.id), Some(true));
    assert_snapshot!("meeting_form_goals", h.screen());
    entry_tab_to(&mut h, FieldId::Agenda);
    h.type_text("Rehearse the salary conversation");
    h.ctrl('s');
    let Screen::View(v) = &h.app.screen else {
        panic!("the saved meeting is shown")
    };
    let meeting = v.id;
    let linked: Vec<Uuid> = h
        .store
        .meeting_goals(meeting)
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(linked, [g.offer.id]);
    on_screen(&mut h, "Goals   Negotiate the offer");
    assert_snapshot!("meeting_view_goals", h.screen());

    h.key(KeyCode::Esc);
    open_goal(&mut h, g.offer.id);
    on_screen(&mut h, "Meetings that worked on it");
    on_screen(&mut h, "2026-11-22  Rehearse the salary conversation");
    assert_snapshot!("goal_detail_meetings", h.screen());
    // No milestones: the first row is the meeting; Enter opens it, Esc comes back.
    h.enter();
    assert!(
        matches!(&h.app.screen, Screen::View(v) if v.id == meeting && v.kind == EntryKind::Meeting)
    );
    h.key(KeyCode::Esc);
    assert!(matches!(&h.app.screen, Screen::GoalDetail(v) if v.goal().id == g.offer.id));
    // A meeting moved to the trash leaves the goal's list.
    h.enter();
    h.key(KeyCode::Char('d'));
    assert!(matches!(&h.app.screen, Screen::GoalDetail(v) if v.meetings.is_empty()));
    let text = h.text();
    assert!(!text.contains("Rehearse the salary"), "{text}");
    assert!(!text.contains("Meetings that worked on it"), "{text}");
}

/// Editing a meeting shows what it worked on (a goal reached since stays ticked); unticking
/// takes the link away.
#[test]
fn editing_a_meeting_keeps_its_goals_and_unticking_removes_one() {
    let (mut store, g) = goals_journal();
    let held: DateTime<Utc> = "2026-11-20T15:00:00Z".parse().unwrap();
    let mut m = Meeting::new(g.rel.id, held, held);
    m.agenda = "Who could be a second mentor".into();
    store
        .save_meeting_with_goals(&m, &[], &[], &[g.offer.id, g.mentor.id], held)
        .unwrap();
    store
        .set_goal_status(g.mentor.id, GoalStatus::Active, None, held)
        .unwrap();
    store
        .set_goal_status(g.mentor.id, GoalStatus::Achieved, Some(4), held)
        .unwrap();
    let mut h = Harness::new(store, 80, 24);
    later(&mut h);
    h.key(KeyCode::Char('t'));
    h.enter();
    on_screen(
        &mut h,
        "Goals   Negotiate the offer, Find a second mentor (achieved)",
    );
    h.key(KeyCode::Char('e'));
    assert_eq!(ticked(&h, g.offer.id), Some(true));
    assert_eq!(
        ticked(&h, g.mentor.id),
        Some(true),
        "reached since, still what the meeting worked on"
    );
    entry_tab_to(&mut h, FieldId::WorkedOn(g.offer.id));
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    let linked: Vec<Uuid> = h
        .store
        .meeting_goals(m.id)
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(linked, [g.mentor.id]);
    assert!(h.store.goal_meetings(g.offer.id).unwrap().is_empty());
}

/// A meeting logged from a goal's screen worked on that goal; choosing another person shows
/// that person's goals instead.
#[test]
fn a_meeting_from_a_goal_is_ticked_for_it_and_the_rows_follow_the_person() {
    let (store, g) = goals_journal();
    let mut h = Harness::new(store, 80, 24);
    open_goal(&mut h, g.offer.id);
    h.key(KeyCode::Char('m'));
    assert_eq!(ticked(&h, g.offer.id), Some(true));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the meeting form")
    };
    assert!(
        !w.form.changed(),
        "nothing typed yet: Esc leaves without asking"
    );
    h.key(KeyCode::Right); // With: the other person
    assert_eq!(ticked(&h, g.offer.id), None);
    assert_eq!(ticked(&h, g.kims.id), Some(false));
    h.key(KeyCode::Left);
    assert_eq!(ticked(&h, g.kims.id), None);
    assert_eq!(ticked(&h, g.offer.id), Some(false));
}

/// An unsaved meeting's ticks come back with its draft.
#[test]
fn a_meeting_draft_keeps_its_ticked_goals() {
    let (store, g) = goals_journal();
    let mut h = Harness::new(store, 80, 24);
    meeting_with_sam(&mut h, g.rel.id);
    entry_tab_to(&mut h, FieldId::WorkedOn(g.mentor.id));
    h.key(KeyCode::Char(' '));
    h.tab();
    h.action(Action::Tick);
    let mut h = h.restart();
    assert!(matches!(h.app.popup(), Some(Popup::ResumeDraft { .. })));
    h.key(KeyCode::Char('r'));
    assert_eq!(ticked(&h, g.mentor.id), Some(true));
    assert_eq!(ticked(&h, g.offer.id), Some(false));
    h.ctrl('s');
    let meetings = h.store.goal_meetings(g.mentor.id).unwrap();
    assert_eq!(meetings.len(), 1);
    assert!(h.store.goal_meetings(g.offer.id).unwrap().is_empty());
}

#[test]
fn narrow_meeting_goals() {
    let (mut store, g) = goals_journal();
    let held: DateTime<Utc> = "2026-11-20T15:00:00Z".parse().unwrap();
    let mut m = Meeting::new(g.rel.id, held, held);
    m.agenda = "Rehearse the salary conversation\nthen the timing".into();
    m.private = true;
    store
        .save_meeting_with_goals(&m, &[], &[], &[g.offer.id], held)
        .unwrap();
    let mut h = Harness::new(store, 40, 12);
    later(&mut h);
    open_goal(&mut h, g.offer.id);
    // No milestones: the cursor starts on the meeting, so it is in view.
    on_screen(&mut h, "› 2026-11-20  Rehearse th");
    assert_snapshot!("narrow_goal_detail_meetings", h.screen());
    h.key(KeyCode::Char('m'));
    entry_tab_to(&mut h, FieldId::WorkedOn(g.offer.id));
    assert_snapshot!("narrow_meeting_form_goals", h.screen());
}
