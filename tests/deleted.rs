//! Deleted means gone: after the trash is emptied or a draft discarded, their text cannot be
//! found in the journal file or its write-ahead log, not in the rows, the free space, the
//! search index or its content table.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use mentorlog::domain::skill::{Skill, SkillPoint};
use mentorlog::domain::{Meeting, Reflection, Resource, ResourceKind, Side};
use mentorlog::store::{EntryKind, Store};

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Where in the journal's files `marker` still stands (any case: the search index keeps
/// words folded to lower case).
fn found(db: &Path, marker: &str) -> Vec<String> {
    let mut hits = Vec::new();
    for path in [db.to_path_buf(), side(db, "-wal")] {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
        let needle = marker.to_ascii_lowercase();
        let at: Vec<usize> = lower
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle.as_bytes())
            .map(|(i, _)| i)
            .collect();
        if !at.is_empty() {
            hits.push(format!("{} at {at:?}", path.display()));
        }
    }
    hits
}

#[test]
fn emptied_trash_and_discarded_drafts_leave_no_trace_in_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let (mut store, rel) = common::ada_with_sam(&db, now());
    // Other entries around them, so they share pages with text that stays.
    for i in 0..60 {
        let mut r = Reflection::new(
            &format!("an ordinary day number {i}, with ordinary words"),
            now() - Duration::hours(i),
        );
        r.relationship_id = Some(rel.id);
        store.save_reflection(&r, now()).unwrap();
    }

    let reflection_marker = "quokkareflectionsecret";
    let meeting_marker = "pangolinmeetingsecret";
    let draft_marker = "axolotldraftsecret";
    let resource_marker = "narwhalresourcesecret";
    let skill_marker = "okapiskillsecret";

    let mut secret = Reflection::new(
        &format!("I doubt I am right for this: {reflection_marker}"),
        now(),
    );
    secret.relationship_id = Some(rel.id);
    store.save_reflection(&secret, now()).unwrap();
    // Edited once, as people do.
    secret.body = format!("I doubt I am right for this role: {reflection_marker}");
    store.save_reflection(&secret, now()).unwrap();
    let mut meeting = Meeting::new(rel.id, now(), now());
    meeting.notes = format!("We talked about {meeting_marker} at length");
    store.save_meeting(&meeting, &[], now()).unwrap();
    for n in 0..3 {
        store
            .save_draft(
                "entry:reflection:new",
                &format!("{{\"body\":\"a thought I will not keep {draft_marker} {n}\"}}"),
                now(),
            )
            .unwrap();
    }
    let resource = Resource::new(
        rel.id,
        ResourceKind::Book,
        &format!("A book on {resource_marker}"),
        Side::Other,
        now(),
    );
    store.save_resource(&resource, now()).unwrap();
    let skill = Skill {
        id: uuid::Uuid::now_v7(),
        relationship_id: rel.id,
        name: format!("Talking about {skill_marker}"),
        topic: None,
        position: 0,
        private: true,
        created_at: now(),
        updated_at: now(),
    };
    store.save_skill(&skill, now()).unwrap();
    store
        .rate_skill(skill.id, SkillPoint::Start, 2, now().date_naive(), now())
        .unwrap();
    let markers = [
        reflection_marker,
        meeting_marker,
        draft_marker,
        resource_marker,
        skill_marker,
    ];
    for marker in markers {
        assert!(
            !found(&db, marker).is_empty(),
            "the test sees {marker} while it is kept"
        );
    }

    store
        .set_trashed(EntryKind::Reflection, secret.id, true, now())
        .unwrap();
    store
        .set_trashed(EntryKind::Meeting, meeting.id, true, now())
        .unwrap();
    store.trash_resource(resource.id, now()).unwrap();
    store.trash_skill(skill.id, now()).unwrap();
    assert_eq!(store.trash_count().unwrap(), 4);
    assert_eq!(store.empty_trash().unwrap(), 4);
    store.delete_draft("entry:reflection:new").unwrap();

    // While mentorlog is still open, and after it closed.
    for marker in markers {
        assert_eq!(found(&db, marker), Vec::<String>::new(), "{marker}");
    }
    // The rest is still there and searchable.
    assert_eq!(store.counts().unwrap().0[3], ("reflections", 60));
    drop(store);
    for marker in markers {
        assert_eq!(found(&db, marker), Vec::<String>::new(), "{marker}");
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
