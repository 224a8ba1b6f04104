//! The journal the search, prep and pair-review flows share: Ada, mentee of Sam Rivera since
//! 1 September, with shared and private meetings, a goal, and reflections (one to bring up, one
//! private).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mentorlog::domain::{
    ActionItem, Goal, GoalStatus, Meeting, Milestone, Owner, ProgressUpdate, Reflection,
    Relationship, RelationshipStatus, Role,
};
use mentorlog::store::Store;

use super::Harness;

/// No pulse survey offers: these tests are about search, prep and review.
pub fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = mentorlog::app::Settings {
        survey_every_days: 0,
        ..mentorlog::app::Settings::default()
    };
    Harness::with_settings(store, w, h, settings)
}

pub fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

pub fn relationship(store: &mut Store) -> Relationship {
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
pub fn journal() -> (Store, Relationship) {
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

/// The goal and meetings the pair opens from the review: `journal()` and an agreement (every
/// two weeks, two hours a month, six months), a full shared meeting that worked on the goal,
/// a private meeting and a private reflection linked to the goal (their words must never
/// show: "Confidential"), a progress note written from the private meeting, a shared
/// reflection about the goal with a prompt and tags, and two check-ins.
pub fn drill_journal() -> (Store, Relationship) {
    use mentorlog::domain::{AnswerValue, Checkin, ContactKind, Medium, Side};
    let (mut store, rel) = journal();
    super::every_two_weeks(&mut store, rel.id, Some(6), t0());
    store
        .save_answer(
            rel.id,
            "time",
            &AnswerValue::Hours { per_month: 2 },
            false,
            t0(),
        )
        .unwrap();
    let goal = store.goal_summaries(Some(rel.id)).unwrap()[0].goal.id;
    let mut g = store.goal_summaries(Some(rel.id)).unwrap()[0].goal.clone();
    g.why = "Product work is where I learn fastest.".into();
    g.success = "An offer for a product engineering role by December.".into();
    let milestones = store.milestones(goal).unwrap();
    store.save_goal(&g, &milestones, t0()).unwrap();
    let at = t0() + Duration::days(63);
    let mut m = Meeting::new(rel.id, at, at);
    m.duration_minutes = Some(45);
    m.medium = Some(Medium::Video);
    m.topics = vec!["career".into()];
    m.agenda = "Salary question; the two interviews.".into();
    m.notes = "Sam shared how offers are usually negotiated.".into();
    m.outcomes = "Ask for the range early.".into();
    m.next_meeting_on = NaiveDate::from_ymd_opt(2026, 11, 24);
    m.reached_out = Some(Side::Other);
    let mut theirs = ActionItem::new(rel.id, "Send Ada the negotiation notes", Owner::Them, at);
    theirs.due_on = NaiveDate::from_ymd_opt(2026, 11, 20);
    store.save_meeting(&m, &[theirs], at).unwrap();
    let secret_at = t0() + Duration::days(65);
    let mut secret = Meeting::new(rel.id, secret_at, secret_at);
    secret.private = true;
    secret.notes = "Confidential: thinking of leaving the company.".into();
    store.save_meeting(&secret, &[], secret_at).unwrap();
    store
        .link_meeting_goals(&[(m.id, goal), (secret.id, goal)], at)
        .unwrap();
    let mut note = ProgressUpdate::new(goal, 60, "Confidential offer talk", secret_at);
    note.meeting_id = Some(secret.id);
    store.add_progress_update(&note).unwrap();
    let mut shared = Reflection::new(
        "The mock interview went better than I feared.\nNext: practise trade-offs aloud.",
        at + Duration::days(1),
    );
    shared.relationship_id = Some(rel.id);
    shared.private = false;
    shared.goal_id = Some(goal);
    shared.prompt_id = Some("learned".into());
    shared.tags = vec!["interviews".into(), "confidence".into()];
    store.save_reflection(&shared, at).unwrap();
    let mut private = Reflection::new("Confidential doubts about the offer", at);
    private.private = true;
    private.relationship_id = Some(rel.id);
    private.goal_id = Some(goal);
    store.save_reflection(&private, at).unwrap();
    let mut message = Checkin::new(
        rel.id,
        ContactKind::Message,
        "Sent the CV draft",
        at + Duration::days(4),
    );
    message.reached_out = Some(Side::Me);
    store.save_checkin(&message, at).unwrap();
    let call = Checkin::new(rel.id, ContactKind::Call, "", at + Duration::days(10));
    store.save_checkin(&call, at).unwrap();
    (store, rel)
}
