//! Goals in the store: round-trips, status moves, milestones, progress and the board.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mentorlog::domain::{
    Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate, Reflection, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

fn store_with_relationship() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 10, 1);
    store.save_relationship(&rel, t0()).unwrap();
    (store, rel)
}

#[test]
fn a_goal_with_milestones_and_updates_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut store = Store::open(&path).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.other_name = "Sam".into();
    rel.status = RelationshipStatus::Active;
    store.save_relationship(&rel, t0()).unwrap();
    let mut g = Goal::new(rel.id, "Give a conference talk", t0());
    g.why = "To be seen as the person who knows this area".into();
    g.success = "A talk accepted and given".into();
    g.topic = Some("career".into());
    g.baseline = Some(2);
    g.target_on = NaiveDate::from_ymd_opt(2027, 3, 1);
    g.status = GoalStatus::Active;
    let mut m1 = Milestone::new(g.id, "Pick a topic");
    m1.due = Some(MilestoneDue::Week(2));
    let mut m2 = Milestone::new(g.id, "Submit the abstract");
    m2.due = Some(MilestoneDue::On(
        NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
    ));
    store
        .save_goal(&g, &[m1.clone(), m2.clone()], t0())
        .unwrap();
    let mut u = ProgressUpdate::new(g.id, 20, "Topic shortlist of three", t0());
    u.meeting_id = None;
    store.add_progress_update(&u).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let mut back = store.goal(g.id).unwrap().unwrap();
    back.updated_at = g.updated_at;
    assert_eq!(back, g);
    assert_eq!(store.milestones(g.id).unwrap(), [m1.clone(), m2.clone()]);
    assert_eq!(store.progress_updates(g.id).unwrap(), [u]);
    // Reordering and dropping milestones: the list becomes exactly what is saved.
    store.save_goal(&g, &[m2.clone()], t0()).unwrap();
    assert_eq!(store.milestones(g.id).unwrap(), [m2.clone()]);
    store.set_milestone_done(m2.id, true, t0()).unwrap();
    let s = &store.goal_summaries(None).unwrap()[0];
    assert_eq!((s.milestones, s.milestones_done, s.progress), (1, 1, 100));
    // A reflection about the goal is linked to it.
    let mut r = Reflection::new("Nervous about the abstract", t0());
    r.goal_id = Some(g.id);
    store.save_reflection(&r, t0()).unwrap();
    assert_eq!(store.reflection(r.id).unwrap().unwrap().goal_id, Some(g.id));
    assert_eq!(store.goal_reflections(g.id).unwrap()[0].id, r.id);
}

#[test]
fn illegal_status_moves_are_refused_with_a_message_and_nothing_changes() {
    let (mut store, rel) = store_with_relationship();
    let g = Goal::new(rel.id, "Lead a project", t0());
    store.save_goal(&g, &[], t0()).unwrap();
    let err = store
        .set_goal_status(g.id, GoalStatus::Achieved, Some(4), t0())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("A proposed goal cannot become achieved"),
        "{err}"
    );
    assert_eq!(
        store.goal(g.id).unwrap().unwrap().status,
        GoalStatus::Proposed
    );
    store
        .set_goal_status(g.id, GoalStatus::Active, None, t0())
        .unwrap();
    let done = store
        .set_goal_status(g.id, GoalStatus::Achieved, Some(4), t0())
        .unwrap();
    assert_eq!(
        (done.status, done.final_rating),
        (GoalStatus::Achieved, Some(4))
    );
    // Saving the whole goal checks the move too.
    let mut back = store.goal(g.id).unwrap().unwrap();
    back.status = GoalStatus::Dropped;
    assert!(store.save_goal(&back, &[], t0()).is_err());
    assert_eq!(
        store.goal(g.id).unwrap().unwrap().status,
        GoalStatus::Achieved
    );
}

#[test]
fn the_board_orders_by_status_and_target_with_progress_from_updates() {
    let (mut store, rel) = store_with_relationship();
    let mut goals = Vec::new();
    for (i, status) in [
        GoalStatus::Dropped,
        GoalStatus::Active,
        GoalStatus::Proposed,
        GoalStatus::Active,
    ]
    .into_iter()
    .enumerate()
    {
        let mut g = Goal::new(rel.id, &format!("Goal {i}"), t0());
        g.status = status;
        g.target_on = NaiveDate::from_ymd_opt(2027, 1, 10 - i as u32);
        let updates = vec![
            ProgressUpdate::new(g.id, 10, "", t0()),
            ProgressUpdate::new(g.id, 10 * (i as u8 + 2), "", t0() + Duration::days(3)),
        ];
        goals.push((g, Vec::new(), updates));
    }
    store.save_goals_batch(&goals, t0()).unwrap();
    let board = store.goal_summaries(Some(rel.id)).unwrap();
    let order: Vec<(&str, u8)> = board
        .iter()
        .map(|s| (s.goal.title.as_str(), s.progress))
        .collect();
    assert_eq!(
        order,
        [
            ("Goal 3", 50),
            ("Goal 1", 30),
            ("Goal 2", 40),
            ("Goal 0", 20)
        ]
    );
    assert_eq!(board[0].last_activity, t0() + Duration::days(3));
    assert!(
        store
            .goal_summaries(Some(uuid::Uuid::nil()))
            .unwrap()
            .is_empty()
    );
}
