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
