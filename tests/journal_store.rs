//! Meetings, action items and reflections in the store, and the keyset-paged timeline.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mentorlog::domain::{
    ActionItem, Medium, Meeting, Owner, Reflection, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::{EntryKind, Store, TimelineEntry, TimelineFilter};
use uuid::Uuid;

use common::both::{Way, each_way};

fn t0() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

fn relationship(store: &mut Store, name: &str) -> Relationship {
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = name.into();
    rel.status = RelationshipStatus::Active;
    store.save_relationship(&rel, t0()).unwrap();
    rel
}

#[test]
fn a_meeting_with_action_items_round_trips() {
    each_way(meeting_round_trip);
}

fn meeting_round_trip(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut store = way.create(&path);
    let rel = relationship(&mut store, "Sam");
    let mut m = Meeting::new(rel.id, t0(), t0());
    m.duration_minutes = Some(45);
    m.medium = Some(Medium::Video);
    m.topics = vec!["career".into(), "a free topic".into()];
    m.agenda = "CV\nInterview prep".into();
    m.notes = "Talked through the CV.".into();
    m.outcomes = "Apply to two roles".into();
    m.usefulness = Some(4);
    m.next_meeting_on = NaiveDate::from_ymd_opt(2026, 11, 15);
    let mut a1 = ActionItem::new(rel.id, "Send the CV", Owner::Me, t0());
    a1.due_on = NaiveDate::from_ymd_opt(2026, 11, 5);
    let a2 = ActionItem::new(
        rel.id,
        "Introduce to Kim",
        Owner::Them,
        t0() + Duration::seconds(1),
    );
    store
        .save_meeting(&m, &[a1.clone(), a2.clone()], t0())
        .unwrap();
    drop(store);

    let mut store = way.reopen(&path);
    assert_eq!(store.meeting(m.id).unwrap().unwrap(), m);
    let items = store.meeting_action_items(m.id).unwrap();
    assert_eq!(
        items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["Send the CV", "Introduce to Kim"]
    );
    assert_eq!(items[0].meeting_id, Some(m.id));
    assert_eq!(items[0].due_on, a1.due_on);

    let later = t0() + Duration::days(3);
    store.set_action_done(a1.id, true, later).unwrap();
    let open = store.open_action_items().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, a2.id);
    store.set_action_done(a1.id, false, later).unwrap();
    assert_eq!(
        store.open_action_items().unwrap()[0].id,
        a1.id,
        "dated items come first"
    );
    assert!(store.set_action_done(Uuid::now_v7(), true, later).is_err());
    assert_eq!(store.last_meeting(rel.id, later).unwrap().unwrap().id, m.id);
    assert!(
        store
            .last_meeting(rel.id, t0() - Duration::days(1))
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_reflection_round_trips_and_trash_is_undoable() {
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store, "Sam");
    let mut r = Reflection::new(
        "I keep avoiding the salary question #money #confidence",
        t0(),
    );
    r.relationship_id = Some(rel.id);
    r.prompt_id = Some("avoiding".into());
    r.bring_up = true;
    store.save_reflection(&r, t0()).unwrap();
    assert_eq!(store.reflection(r.id).unwrap().unwrap(), r);

    store
        .set_trashed(EntryKind::Reflection, r.id, true, t0())
        .unwrap();
    assert!(store.reflection(r.id).unwrap().is_none());
    let all = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    assert!(store.timeline_page(&all, None, 10).unwrap().is_empty());
    store
        .set_trashed(EntryKind::Reflection, r.id, false, t0())
        .unwrap();
    assert_eq!(store.reflection(r.id).unwrap().unwrap().body, r.body);

    let m = Meeting::new(rel.id, t0(), t0());
    store
        .save_meeting(&m, &[ActionItem::new(rel.id, "x", Owner::Both, t0())], t0())
        .unwrap();
    store
        .set_trashed(EntryKind::Meeting, m.id, true, t0())
        .unwrap();
    assert!(
        store.open_action_items().unwrap().is_empty(),
        "a trashed meeting's items go with it"
    );
    store
        .set_trashed(EntryKind::Meeting, m.id, false, t0())
        .unwrap();
    assert_eq!(store.open_action_items().unwrap().len(), 1);
}

/// Pages through the whole timeline `limit` entries at a time.
fn all_pages(store: &Store, filter: &TimelineFilter, limit: usize) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = Vec::new();
    loop {
        let page = store
            .timeline_page(filter, out.last().map(|e| e.cursor()), limit)
            .unwrap();
        assert!(page.len() <= limit);
        if page.is_empty() {
            return out;
        }
        out.extend(page);
    }
}

#[test]
fn the_timeline_pages_newest_first_without_gaps_or_repeats() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = relationship(&mut store, "Sam");
    let kim = relationship(&mut store, "Kim");
    let mut expected = Vec::new();
    for i in 0..60i64 {
        // Several entries share a timestamp, so the id breaks ties.
        let at = t0() + Duration::hours(i / 3);
        let rel = if i % 2 == 0 { &sam } else { &kim };
        if i % 4 == 0 {
            let mut m = Meeting::new(rel.id, at, at);
            m.notes = format!("meeting {i}");
            m.private = i % 8 == 0;
            store.save_meeting(&m, &[], at).unwrap();
            expected.push((EntryKind::Meeting, m.id, at, Some(rel.id), m.private));
        } else {
            let mut r = Reflection::new(&format!("reflection {i}"), at);
            r.relationship_id = (i % 5 != 0).then_some(rel.id);
            r.private = i % 3 != 0;
            store.save_reflection(&r, at).unwrap();
            expected.push((
                EntryKind::Reflection,
                r.id,
                at,
                r.relationship_id,
                r.private,
            ));
        }
    }
    expected.sort_by_key(|e| std::cmp::Reverse((e.2, e.1)));

    let everything = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    for limit in [1, 7, 25, 100] {
        let got = all_pages(&store, &everything, limit);
        let ids: Vec<Uuid> = got.iter().map(|e| e.id).collect();
        let want: Vec<Uuid> = expected.iter().map(|e| e.1).collect();
        assert_eq!(ids, want, "limit {limit}");
    }

    let shared = all_pages(&store, &TimelineFilter::default(), 9);
    assert!(shared.iter().all(|e| !e.private));
    assert_eq!(shared.len(), expected.iter().filter(|e| !e.4).count());

    let sam_only = TimelineFilter {
        relationship: Some(sam.id),
        include_private: true,
        ..TimelineFilter::default()
    };
    let got = all_pages(&store, &sam_only, 8);
    assert_eq!(
        got.len(),
        expected.iter().filter(|e| e.3 == Some(sam.id)).count()
    );
    assert!(got.iter().all(|e| e.relationship_id == Some(sam.id)));

    let meetings = TimelineFilter {
        kind: Some(EntryKind::Meeting),
        include_private: true,
        ..TimelineFilter::default()
    };
    let got = all_pages(&store, &meetings, 4);
    assert_eq!(got.len(), 15);
    assert!(
        got.iter()
            .all(|e| e.kind == EntryKind::Meeting && e.preview.starts_with("meeting"))
    );
}

#[test]
fn the_tag_filter_follows_edits_trash_and_paging() {
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store, "Sam");
    let tagged = |store: &Store, tag: &str| -> Vec<Uuid> {
        let filter = TimelineFilter {
            include_private: true,
            tag: Some(tag.into()),
            ..TimelineFilter::default()
        };
        store
            .timeline_page(&filter, None, 100)
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let mut r = Reflection::new("Felt stuck #plan", t0());
    store.save_reflection(&r, t0()).unwrap();
    let mut m = Meeting::new(rel.id, t0() + Duration::hours(1), t0());
    m.outcomes = "A #plan for the talk".into();
    store.save_meeting(&m, &[], t0()).unwrap();
    assert_eq!(
        tagged(&store, "plan"),
        [m.id, r.id],
        "newest first, both kinds"
    );
    r.body = "Felt stuck #focus".into();
    r.tags = mentorlog::domain::journal::tags_in(&r.body);
    store.save_reflection(&r, t0()).unwrap();
    assert_eq!(tagged(&store, "plan"), [m.id]);
    assert_eq!(tagged(&store, "focus"), [r.id]);
    store
        .set_trashed(EntryKind::Meeting, m.id, true, t0())
        .unwrap();
    assert!(tagged(&store, "plan").is_empty());
    store
        .set_trashed(EntryKind::Meeting, m.id, false, t0())
        .unwrap();
    assert_eq!(tagged(&store, "plan"), [m.id]);
    // Keyset pages through a tag: 120 tagged among 360, every one once, in order.
    let mut ids = Vec::new();
    for i in 0..360 {
        let at = t0() - Duration::hours(i);
        let body = if i % 3 == 0 {
            "weekly #review"
        } else {
            "other"
        };
        let mut r = Reflection::new(body, at);
        r.written_at = at;
        store.save_reflection(&r, at).unwrap();
        if i % 3 == 0 {
            ids.push(r.id);
        }
    }
    let filter = TimelineFilter {
        include_private: true,
        tag: Some("review".into()),
        ..TimelineFilter::default()
    };
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.timeline_page(&filter, after, 25).unwrap();
        if page.is_empty() {
            break;
        }
        after = Some(page.last().unwrap().cursor());
        seen.extend(page.into_iter().map(|e| e.id));
    }
    assert_eq!(seen, ids);
}
