//! Goals in the store: round-trips, status moves, milestones, progress and the board.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mentorlog::domain::{
    Goal, GoalStatus, Milestone, MilestoneDue, ProgressUpdate, Reflection, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::Store;

use common::both::{Way, each_way};

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
    each_way(goal_round_trip);
}

fn goal_round_trip(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut store = way.create(&path);
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

    let mut store = way.reopen(&path);
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

/// The rows of `meeting_goal` as an export holds them: (meeting id, goal id).
fn meeting_goal_rows(store: &Store) -> Vec<(String, String)> {
    let mut out = Vec::new();
    store
        .export_json(&mut out, "2026-11-22T10:00:00+00:00")
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    doc["tables"]["meeting_goal"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r["meeting_id"].as_str().unwrap().to_string(),
                        r["goal_id"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A meeting is linked only to goals of its own relationship that are in the journal; saving
/// its form again makes the links exactly what is ticked.
#[test]
fn a_meeting_links_only_its_own_relationships_goals() {
    use mentorlog::domain::Meeting;
    let (mut store, rel) = store_with_relationship();
    let mut kim = Relationship::new_draft(t0());
    kim.other_name = "Kim".into();
    kim.status = RelationshipStatus::Active;
    store.save_relationship(&kim, t0()).unwrap();
    let mut talk = Goal::new(rel.id, "Give a conference talk", t0());
    talk.status = GoalStatus::Active;
    let mut course = Goal::new(rel.id, "Finish the course", t0() + Duration::hours(1));
    course.status = GoalStatus::Proposed;
    let theirs = Goal::new(kim.id, "Ship the first app", t0());
    store
        .save_goals_batch(
            &[
                (talk.clone(), Vec::new(), Vec::new()),
                (course.clone(), Vec::new(), Vec::new()),
                (theirs.clone(), Vec::new(), Vec::new()),
            ],
            t0(),
        )
        .unwrap();
    let mut m = Meeting::new(rel.id, t0(), t0());
    m.agenda = "\n   \n  Talk outline  \nand the slides".into();
    let unknown = uuid::Uuid::now_v7();
    store
        .save_meeting_with_goals(
            &m,
            &[],
            &[],
            &[course.id, theirs.id, unknown, talk.id],
            t0(),
        )
        .unwrap();
    let linked: Vec<_> = store
        .meeting_goals(m.id)
        .unwrap()
        .into_iter()
        .map(|g| (g.id, g.title, g.status))
        .collect();
    assert_eq!(
        linked,
        [
            (
                talk.id,
                "Give a conference talk".to_string(),
                GoalStatus::Active
            ),
            (
                course.id,
                "Finish the course".to_string(),
                GoalStatus::Proposed
            ),
        ],
        "another person's goal and an unknown one are not linked"
    );
    let listed = store.goal_meetings(talk.id).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].id,
            listed[0].title.as_str(),
            listed[0].held_at,
            listed[0].private
        ),
        (m.id, "Talk outline", t0(), false)
    );
    assert!(store.goal_meetings(theirs.id).unwrap().is_empty());

    store
        .save_meeting_with_goals(&m, &[], &[], &[course.id], t0() + Duration::hours(2))
        .unwrap();
    assert!(store.goal_meetings(talk.id).unwrap().is_empty(), "unticked");
    assert_eq!(store.goal_meetings(course.id).unwrap().len(), 1);
    assert_eq!(meeting_goal_rows(&store).len(), 1);
}

/// A meeting in the trash leaves its goals' lists and comes back with it; emptying the trash
/// removes its links for good.
#[test]
fn the_trash_hides_a_meeting_from_its_goals_and_emptying_it_removes_the_links() {
    use mentorlog::domain::Meeting;
    use mentorlog::store::EntryKind;
    let (mut store, rel) = store_with_relationship();
    let mut talk = Goal::new(rel.id, "Give a conference talk", t0());
    talk.status = GoalStatus::Active;
    store
        .save_goals_batch(&[(talk.clone(), Vec::new(), Vec::new())], t0())
        .unwrap();
    let older = Meeting::new(rel.id, t0(), t0());
    let mut newer = Meeting::new(rel.id, t0() + Duration::days(7), t0());
    newer.notes = "Dry run of the talk".into();
    newer.private = true;
    for m in [&older, &newer] {
        store
            .save_meeting_with_goals(m, &[], &[], &[talk.id], t0())
            .unwrap();
    }
    let ids = |store: &Store| -> Vec<uuid::Uuid> {
        store
            .goal_meetings(talk.id)
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect()
    };
    assert_eq!(ids(&store), [newer.id, older.id], "newest first");
    let first = &store.goal_meetings(talk.id).unwrap()[0];
    assert_eq!(
        (first.title.as_str(), first.private),
        ("Dry run of the talk", true)
    );
    assert_eq!(store.goal_meetings(talk.id).unwrap()[1].title, "");
    let later = t0() + Duration::days(8);
    store
        .set_trashed(EntryKind::Meeting, newer.id, true, later)
        .unwrap();
    assert_eq!(ids(&store), [older.id]);
    store
        .set_trashed(EntryKind::Meeting, newer.id, false, later)
        .unwrap();
    assert_eq!(ids(&store), [newer.id, older.id], "restored with it");
    store
        .set_trashed(EntryKind::Meeting, newer.id, true, later)
        .unwrap();
    assert_eq!(
        meeting_goal_rows(&store).len(),
        2,
        "kept while in the trash"
    );
    store.empty_trash().unwrap();
    assert_eq!(
        meeting_goal_rows(&store),
        [(older.id.to_string(), talk.id.to_string())]
    );
}
