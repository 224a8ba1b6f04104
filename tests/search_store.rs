//! Search in the store: every kind of entry is found, filters narrow, private entries can be
//! left out entirely, and the index follows edits, the trash and deletions.

use chrono::{DateTime, Duration, Utc};
use mentorlog::domain::{
    ActionItem, AnswerValue, Goal, Meeting, Milestone, Owner, Reflection, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::{EntryKind, HitKind, Query, Store};

mod common;
use common::both::{Way, each_way};

fn t0() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

fn rel(store: &mut Store, name: &str) -> Relationship {
    let mut r = Relationship::new_draft(t0());
    r.my_role = Some(Role::Mentee);
    r.other_name = name.into();
    r.status = RelationshipStatus::Active;
    store.save_relationship(&r, t0()).unwrap();
    r
}

fn kinds(store: &Store, q: &str, private: bool) -> Vec<HitKind> {
    store
        .search(&Query::parse(q), None, private, 50)
        .unwrap()
        .into_iter()
        .map(|h| h.kind)
        .collect()
}

#[test]
fn everything_is_found_and_filters_narrow() {
    each_way(found_and_narrowed);
}

/// In a journal file, plain or encrypted, read back by a new start.
fn found_and_narrowed(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut store = way.create(&path);
    let sam = rel(&mut store, "Sam");
    let kim = rel(&mut store, "Kim");
    let mut m = Meeting::new(sam.id, t0(), t0());
    m.notes = "Talked about negotiation tactics".into();
    let item = ActionItem::new(sam.id, "Draft the negotiation email", Owner::Me, t0());
    store.save_meeting(&m, &[item], t0()).unwrap();
    let mut r = Reflection::new(
        "Nervous about the negotiation #salary",
        t0() + Duration::days(1),
    );
    r.relationship_id = Some(kim.id);
    store.save_reflection(&r, t0()).unwrap();
    let mut g = Goal::new(sam.id, "Negotiate a better offer", t0());
    g.success = "A written offer".into();
    store
        .save_goal(
            &g,
            &[Milestone::new(g.id, "Practise the negotiation")],
            t0(),
        )
        .unwrap();
    let focus = AnswerValue::Text {
        text: "Learning negotiation".into(),
    };
    store
        .save_answer(sam.id, "focus", &focus, false, t0())
        .unwrap();
    drop(store);
    let mut store = way.reopen(&path);

    let mut all = kinds(&store, "negot", true);
    all.sort_by_key(|k| k.id());
    assert_eq!(
        all,
        [
            HitKind::ActionItem,
            HitKind::Answer,
            HitKind::Goal,
            HitKind::Meeting,
            HitKind::Milestone,
            HitKind::Reflection
        ]
    );
    // The reflection is private: left out entirely when private entries must not show.
    assert!(!kinds(&store, "negot", false).contains(&HitKind::Reflection));
    assert_eq!(kinds(&store, "negot kind:goal", true), [HitKind::Goal]);
    assert_eq!(kinds(&store, "negot #salary", true), [HitKind::Reflection]);
    assert_eq!(kinds(&store, "negot private", true), [HitKind::Reflection]);
    let only_kim = store
        .search(&Query::parse("negot"), Some(&[kim.id]), true, 50)
        .unwrap();
    assert_eq!(only_kim.len(), 1);
    assert_eq!(
        kinds(&store, "negot after:2026-11-02", true),
        [HitKind::Reflection]
    );
    // Matched characters point into the snippet.
    let hit = &store
        .search(&Query::parse("nervous"), None, true, 5)
        .unwrap()[0];
    let matched: String = hit
        .matched
        .iter()
        .map(|&i| hit.snippet.chars().nth(i).unwrap())
        .collect();
    assert_eq!(matched.to_lowercase(), "nervous");

    // Edits, the trash and deletion follow.
    r.body = "Calm about the offer now".into();
    store.save_reflection(&r, t0()).unwrap();
    assert!(!kinds(&store, "nervous", true).contains(&HitKind::Reflection));
    assert_eq!(kinds(&store, "calm", true), [HitKind::Reflection]);
    store
        .set_trashed(EntryKind::Meeting, m.id, true, t0())
        .unwrap();
    assert!(!kinds(&store, "tactics", true).contains(&HitKind::Meeting));
    store
        .set_trashed(EntryKind::Meeting, m.id, false, t0())
        .unwrap();
    assert_eq!(kinds(&store, "tactics", true), [HitKind::Meeting]);
    // A meeting made private takes its action items along.
    let mut private = store.meeting(m.id).unwrap().unwrap();
    private.private = true;
    store
        .save_meeting(&private, &store.meeting_action_items(m.id).unwrap(), t0())
        .unwrap();
    assert!(kinds(&store, "email", false).is_empty());
    assert_eq!(kinds(&store, "email", true), [HitKind::ActionItem]);
    store
        .set_trashed(EntryKind::Reflection, r.id, true, t0())
        .unwrap();
    store.empty_trash().unwrap();
    assert!(kinds(&store, "calm", true).is_empty());
}
