//! Goals on TestBackend: create one with milestones, tick them, note progress, achieve it with
//! a final self-rating; the check before saving (specific, measurable, achievable, relevant,
//! time-bound); the board, the home screen's gauges, drafts and narrow screens.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::smart::SmartGap;
use mentorlog::domain::{Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate, Relationship};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-10-01T09:00:00Z".parse().unwrap()
}

fn journal() -> (Store, Relationship) {
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    common::ada_mentee_of_sam(t0(), start, &["career", "networking"])
}

fn on_screen(h: &mut Harness, what: &str) {
    let text = h.text();
    assert!(
        text.contains(what),
        "{what:?} is not on the screen:\n{text}"
    );
}

fn tab_to(h: &mut Harness, key: FieldId) {
    for _ in 0..40 {
        if let Screen::GoalForm(f) = &h.app.screen
            && f.fields.current().is_some_and(|f| f.key == key)
        {
            return;
        }
        h.tab();
    }
    panic!("no field {key:?} in the goal form");
}

#[test]
fn a_goal_from_first_step_to_achieved() {
    let (store, rel) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    assert_snapshot!("goals_board_empty", h.screen());
    h.key(KeyCode::Char('n'));
    h.type_text("Give a conference talk");
    h.tab();
    h.type_text("To be known for the work outside the team.");
    h.tab();
    h.type_text("A talk accepted and given");
    h.tab();
    h.key(KeyCode::Right); // topic: the first focus topic
    h.tab();
    h.key(KeyCode::Right);
    h.key(KeyCode::Right); // where I am: 2
    h.tab();
    h.type_text("2027-03-01");
    h.tab();
    h.key(KeyCode::Right); // active
    h.tab();
    h.type_text("Pick a topic");
    h.tab();
    h.type_text("week 2");
    h.tab();
    h.type_text("Submit the abstract");
    h.tab();
    h.type_text("month 3");
    h.tab();
    h.type_text("Rehearse with Sam");
    assert_snapshot!("goal_form_filled", h.screen());
    h.ctrl('s');
    assert_snapshot!("goal_detail_new", h.screen());
    let Screen::GoalDetail(v) = &h.app.screen else {
        panic!("the goal is shown")
    };
    let id = v.goal().id;
    let g = h.store.goal(id).unwrap().unwrap();
    assert_eq!(
        (g.relationship_id, g.status, g.baseline, g.topic.as_deref()),
        (rel.id, GoalStatus::Active, Some(2), Some("career"))
    );
    let ms = h.store.milestones(id).unwrap();
    let dues: Vec<Option<MilestoneDue>> = ms.iter().map(|m| m.due).collect();
    assert_eq!(
        dues,
        [
            Some(MilestoneDue::Week(2)),
            Some(MilestoneDue::Month(3)),
            None
        ]
    );

    // Tick the first two milestones.
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    on_screen(&mut h, "2 of 3 milestones");
    // Note progress.
    h.key(KeyCode::Char('p'));
    h.type_text("Abstract sent to two conferences");
    assert_snapshot!("goal_progress_panel", h.screen());
    h.enter();
    let updates = h.store.progress_updates(id).unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(
        (updates[0].progress, updates[0].note.as_str()),
        (66, "Abstract sent to two conferences")
    );
    // Achieve it, with a final rating.
    h.key(KeyCode::Char('s'));
    assert_snapshot!("goal_status_popup", h.screen());
    h.enter(); // achieved is offered first
    assert!(matches!(h.app.popup(), Some(Popup::FinalRating { .. })));
    assert_snapshot!("goal_final_rating", h.screen());
    h.key(KeyCode::Char('4'));
    on_screen(&mut h, "You rated yourself 2 at the start and 4 now");
    assert_snapshot!("goal_achieved", h.screen());
    let g = h.store.goal(id).unwrap().unwrap();
    assert_eq!((g.status, g.final_rating), (GoalStatus::Achieved, Some(4)));
    assert_eq!(
        h.store
            .progress_updates(id)
            .unwrap()
            .last()
            .unwrap()
            .progress,
        100
    );
    h.key(KeyCode::Esc);
    assert_snapshot!("goals_board_one_achieved", h.screen());
}

#[test]
fn a_goal_needs_a_name_and_dates_that_read() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('n'));
    h.ctrl('s');
    on_screen(&mut h, "Give the goal a name");
    h.type_text("Lead the migration");
    tab_to(&mut h, FieldId::Target);
    h.type_text("someday");
    h.tab();
    on_screen(&mut h, "\"someday\" is not a date");
    h.ctrl('u');
    tab_to(&mut h, FieldId::MilestoneText(0));
    h.type_text("Write the plan");
    h.tab();
    h.type_text("week zero");
    h.ctrl('s');
    on_screen(&mut h, "is not a due date: type week 4 or month 2");
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("still in the form")
    };
    assert_eq!(
        f.fields.string(FieldId::MilestoneDue(0)),
        "week zero",
        "the text stays"
    );
    h.ctrl('u');
    h.ctrl('s');
    // The gentle check names what is missing once; saving again saves the goal as it is.
    on_screen(&mut h, "Before you save");
    assert!(matches!(h.app.screen, Screen::GoalForm(_)));
    h.ctrl('s');
    assert!(matches!(h.app.screen, Screen::GoalDetail(_)));
    on_screen(&mut h, "No target date yet");
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

#[test]
fn the_detail_charts_progress_and_hints_gently() {
    let (mut store, rel) = journal();
    seeded(&mut store, &rel);
    let mut h = Harness::new(store, 80, 24);
    on_screen(&mut h, "60%  Negotiate the offer");
    assert_snapshot!("home_with_goal", h.screen());
    h.key(KeyCode::Char('g'));
    h.enter();
    assert_snapshot!("goal_detail_chart", h.screen());
    on_screen(&mut h, "7 days past the target date");
    on_screen(&mut h, "No success measure yet");
    // A reflection about the goal is linked to it.
    h.key(KeyCode::Char('r'));
    h.type_text("Felt steadier asking this time");
    h.ctrl('s');
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::GoalDetail(_)));
    h.key(KeyCode::PageDown);
    on_screen(&mut h, "Felt steadier asking this time (private)");
    assert_snapshot!("goal_detail_scrolled", h.screen());
}

#[test]
fn quick_progress_from_home_and_illegal_moves_never_offered() {
    let (mut store, rel) = journal();
    let g = seeded(&mut store, &rel);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('p'));
    assert!(matches!(&h.app.screen, Screen::GoalDetail(v) if v.panel.is_some()));
    h.ctrl('u');
    h.type_text("250");
    h.enter();
    on_screen(&mut h, "Progress is a whole number from 0 to 100");
    h.ctrl('u');
    h.type_text("75");
    h.enter();
    assert_eq!(
        h.store
            .progress_updates(g.id)
            .unwrap()
            .last()
            .unwrap()
            .progress,
        75
    );
    h.key(KeyCode::Char('s'));
    let Some(Popup::GoalStatus { from, .. }) = h.app.popup() else {
        panic!("the status chooser")
    };
    assert!(
        !from.next().contains(&GoalStatus::Proposed),
        "only allowed moves are offered"
    );
    h.key(KeyCode::Down); // paused
    h.enter();
    assert_eq!(
        h.store.goal(g.id).unwrap().unwrap().status,
        GoalStatus::Paused
    );
    h.action(Action::ChangeStatus);
    let Some(Popup::GoalStatus { from, .. }) = h.app.popup() else {
        panic!("the status chooser")
    };
    assert_eq!(from.next(), [GoalStatus::Active, GoalStatus::Dropped]);
}

#[test]
fn an_unsaved_goal_comes_back_after_a_crash() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('n'));
    h.type_text("Find a second mentor");
    tab_to(&mut h, FieldId::MilestoneText(0));
    h.type_text("List three people");
    h.action(Action::Tick);
    let mut h = h.restart();
    match h.app.popup() {
        Some(Popup::ResumeDraft { what, .. }) => assert_eq!(what, "goal"),
        other => panic!("expected the goal draft to be offered, got {other:?}"),
    }
    h.key(KeyCode::Char('r'));
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("the goal form is back")
    };
    assert_eq!(f.fields.string(FieldId::Title), "Find a second mentor");
    assert_eq!(
        f.fields.string(FieldId::MilestoneText(0)),
        "List three people"
    );
    h.ctrl('s');
    on_screen(&mut h, "Before you save");
    h.ctrl('s');
    let Screen::GoalDetail(v) = &h.app.screen else {
        panic!("saved")
    };
    assert_eq!(h.store.milestones(v.goal().id).unwrap().len(), 1);
    assert!(h.store.drafts_with_prefix("goal:").unwrap().is_empty());
}

#[test]
fn narrow_goal_screens() {
    let (mut store, rel) = journal();
    let g = seeded(&mut store, &rel);
    let mut m = Milestone::new(g.id, "Ask for the number");
    m.due = Some(MilestoneDue::Week(4));
    store.save_goal(&g, &[m], t0()).unwrap();
    let mut h = Harness::new(store, 40, 12);
    h.key(KeyCode::Char('g'));
    assert_snapshot!("narrow_goals_board", h.screen());
    h.enter();
    assert_snapshot!("narrow_goal_detail", h.screen());
    h.key(KeyCode::Char('e'));
    assert_snapshot!("narrow_goal_form", h.screen());
    let _ = fixed_now();
}

/// A board of many goals in two statuses: the headings count every goal of their status, and
/// moving to the last goal shows it with its own progress (its last update) and target.
#[test]
fn a_long_board_counts_every_goal_and_shows_the_last_ones_progress() {
    let (mut store, rel) = journal();
    let mut batch = Vec::new();
    for i in 0..45u8 {
        let mut g = Goal::new(rel.id, &format!("Goal number {i:02}"), t0());
        g.status = if i < 30 {
            GoalStatus::Active
        } else {
            GoalStatus::Paused
        };
        // Later targets sort later: the list keeps this order within a status.
        g.target_on = NaiveDate::from_ymd_opt(2027, 1, 1).map(|d| d + Duration::days(i.into()));
        let updates = vec![
            ProgressUpdate::new(g.id, 5, "", t0() + Duration::days(1)),
            ProgressUpdate::new(g.id, i + 10, "", t0() + Duration::days(2)),
        ];
        batch.push((g, Vec::new(), updates));
    }
    store.save_goals_batch(&batch, t0()).unwrap();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    assert!(matches!(h.app.screen, Screen::Goals(_)));
    on_screen(&mut h, "Active · 30");
    on_screen(&mut h, "Goal number 00");
    assert!(!h.text().contains("Goal number 44"));
    for _ in 0..60 {
        h.action(Action::Down);
    }
    let text = h.text();
    assert!(text.contains("Paused · 15"), "{text}");
    assert!(!text.contains("Goal number 00"), "{text}");
    let last = text
        .lines()
        .find(|l| l.contains("Goal number 44"))
        .unwrap_or_else(|| panic!("the last goal is in view:\n{text}"));
    assert!(last.contains("›"), "the last goal is selected: {last}");
    assert!(last.contains("54%"), "its last update: {last}");
    assert!(!last.contains(" 5%"), "not its first update: {last}");
}

/// The goal form's check before saving: what the goal does not say yet, named once; the cursor
/// on the first field that would say it; the lines follow what is typed; saving again saves.
#[test]
fn the_smart_check_names_what_is_missing_and_never_blocks() {
    let (store, rel) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('n'));
    h.type_text("Public speaking");
    h.ctrl('s');
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("the check keeps the form open")
    };
    assert_eq!(f.check.as_deref(), Some(&SmartGap::ALL[..]));
    assert_eq!(
        f.fields.current_key(),
        Some(FieldId::Title),
        "the cursor is on the first field that would fill a gap"
    );
    assert!(h.store.goal_summaries(None).unwrap().is_empty());
    assert_snapshot!("goal_smart_check", h.screen());
    tab_to(&mut h, FieldId::Success);
    h.type_text("Two talks given, one outside the company");
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("still in the form")
    };
    let left = f
        .check
        .clone()
        .expect("the check stays while gaps are left");
    assert!(!left.contains(&SmartGap::Measurable), "{left:?}");
    assert!(left.contains(&SmartGap::TimeBound), "{left:?}");
    h.ctrl('s');
    let Screen::GoalDetail(v) = &h.app.screen else {
        panic!("saving again saves it as it is")
    };
    assert_eq!(
        (v.goal().title.as_str(), v.goal().relationship_id),
        ("Public speaking", rel.id)
    );
}

/// A goal with nothing missing is saved at once; the check also goes away by itself once the
/// last gap is filled.
#[test]
fn the_check_goes_once_the_goal_says_everything() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('n'));
    h.type_text("Lead the data migration");
    tab_to(&mut h, FieldId::Why);
    h.type_text("The largest piece of work I would own");
    h.tab();
    h.type_text("Cut over with no data lost");
    tab_to(&mut h, FieldId::MilestoneText(0));
    h.type_text("Write the plan");
    h.ctrl('s');
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("a target date is missing")
    };
    assert_eq!(f.check.as_deref(), Some(&[SmartGap::TimeBound][..]));
    assert_eq!(f.fields.current_key(), Some(FieldId::Target));
    h.type_text("+3m");
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("still in the form")
    };
    assert_eq!(f.check, None, "nothing is missing any more");
    assert!(!h.text().contains("Before you save"));
    h.ctrl('s');
    assert!(matches!(h.app.screen, Screen::GoalDetail(_)));
}

/// Editing a goal does not ask again about what it already lacked; only what the edit takes
/// away is named, with the cursor on it.
#[test]
fn editing_asks_only_about_what_the_edit_takes_away() {
    let (mut store, rel) = journal();
    let g = seeded(&mut store, &rel);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.enter();
    assert!(matches!(&h.app.screen, Screen::GoalDetail(v) if v.goal().id == g.id));
    h.key(KeyCode::Char('e'));
    tab_to(&mut h, FieldId::Title);
    h.key(KeyCode::End);
    h.type_text(" by spring");
    h.ctrl('s');
    assert!(
        matches!(h.app.screen, Screen::GoalDetail(_)),
        "no measure and no steps were there before the edit: saved at once"
    );
    h.key(KeyCode::Char('e'));
    tab_to(&mut h, FieldId::Target);
    h.ctrl('u');
    h.key(KeyCode::Up);
    h.ctrl('s');
    let Screen::GoalForm(f) = &h.app.screen else {
        panic!("the target date went: the check asks")
    };
    assert!(f.check.as_ref().unwrap().contains(&SmartGap::TimeBound));
    assert_eq!(f.fields.current_key(), Some(FieldId::Target));
    h.ctrl('s');
    assert_eq!(h.store.goal(g.id).unwrap().unwrap().target_on, None);
}

#[test]
fn narrow_smart_check() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 40, 12);
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('n'));
    h.type_text("Public speaking");
    h.ctrl('s');
    assert_snapshot!("narrow_goal_smart_check", h.screen());
    on_screen(&mut h, "Not said yet: specific, measurable,");
    on_screen(&mut h, "Ctrl-S again saves it as it is.");
}
