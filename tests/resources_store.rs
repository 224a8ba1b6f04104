//! Resources in the store: saved and listed in order, their state changed, trashed and
//! brought back, refused without a title, private ones left out on request, found by search,
//! and a row that cannot be read left out of the list and named by `check`.

use chrono::{DateTime, Duration, Utc};
use mentorlog::domain::{
    Relationship, RelationshipStatus, Resource, ResourceKind, ResourceState, Role, Side,
};
use mentorlog::store::{HitKind, Query, Store, audit};

fn t0() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

fn journal() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    let mut r = Relationship::new_draft(t0());
    r.my_role = Some(Role::Mentee);
    r.other_name = "Sam".into();
    r.status = RelationshipStatus::Active;
    store.save_relationship(&r, t0()).unwrap();
    (store, r)
}

fn titles(list: &[Resource]) -> Vec<&str> {
    list.iter().map(|r| r.title.as_str()).collect()
}

fn resource(rel: &Relationship, kind: ResourceKind, title: &str, days: i64) -> Resource {
    Resource::new(
        rel.id,
        kind,
        title,
        Side::Other,
        t0() + Duration::days(days),
    )
}

#[test]
fn resources_are_saved_listed_changed_trashed_and_brought_back() {
    let (mut store, rel) = journal();
    let mut book = resource(&rel, ResourceKind::Book, "  The Mom Test ", 1);
    book.detail = "Rob Fitzpatrick".into();
    let saved = store.save_resource(&book, t0()).unwrap();
    assert_eq!(saved.title, "The Mom Test", "trimmed as saved");
    let person = resource(&rel, ResourceKind::Person, "Priya, platform lead", 2);
    store.save_resource(&person, t0()).unwrap();
    assert_eq!(
        titles(&store.resources(rel.id, true).unwrap()),
        ["Priya, platform lead", "The Mom Test"],
        "newest first among the suggested"
    );

    let later = t0() + Duration::days(3);
    store
        .set_resource_state(book.id, ResourceState::Done, later)
        .unwrap();
    let read = store.resource(book.id).unwrap().unwrap();
    assert_eq!(read.state, ResourceState::Done);
    assert_eq!(read.updated_at, later);
    assert_eq!(read.detail, "Rob Fitzpatrick");
    assert_eq!(
        titles(&store.resources(rel.id, true).unwrap()),
        ["Priya, platform lead", "The Mom Test"],
        "what is still to do comes first"
    );

    let mut edited = read.clone();
    edited.note = "Read it before the user interviews.".into();
    edited.private = true;
    store.save_resource(&edited, later).unwrap();
    let read = store.resource(book.id).unwrap().unwrap();
    assert_eq!(read.note, "Read it before the user interviews.");
    assert!(read.private);
    assert_eq!(
        read.created_at, book.created_at,
        "an edit keeps when it was added"
    );
    assert_eq!(
        titles(&store.resources(rel.id, false).unwrap()),
        ["Priya, platform lead"],
        "private ones are left out of shared views"
    );

    store.trash_resource(person.id, later).unwrap();
    assert_eq!(store.resource(person.id).unwrap(), None);
    assert_eq!(
        titles(&store.resources(rel.id, true).unwrap()),
        ["The Mom Test"]
    );
    assert!(
        store.trash_resource(person.id, later).is_err(),
        "already gone"
    );
    store.restore_resource(person.id, later).unwrap();
    assert_eq!(store.resources(rel.id, true).unwrap().len(), 2);
    assert!(store.restore_resource(person.id, later).is_err());
}

#[test]
fn a_resource_without_a_title_is_refused_and_nothing_is_written() {
    let (mut store, rel) = journal();
    let empty = resource(&rel, ResourceKind::Course, "   ", 1);
    let e = store.save_resource(&empty, t0()).unwrap_err();
    assert!(e.to_string().contains("the course's name"), "{e}");
    assert!(store.resources(rel.id, true).unwrap().is_empty());
    let long = resource(&rel, ResourceKind::Book, &"x".repeat(201), 1);
    assert!(store.save_resource(&long, t0()).is_err());
    assert!(store.resources(rel.id, true).unwrap().is_empty());
}

#[test]
fn search_finds_resources_by_title_detail_and_note_and_follows_the_trash() {
    let (mut store, rel) = journal();
    let mut shared = resource(
        &rel,
        ResourceKind::Book,
        "Designing Data-Intensive Applications",
        1,
    );
    shared.detail = "Kleppmann".into();
    shared.note = "chapter on replication".into();
    store.save_resource(&shared, t0()).unwrap();
    let mut private = resource(&rel, ResourceKind::Link, "Salary bands", 2);
    private.note = "replication of my notes".into();
    private.private = true;
    store.save_resource(&private, t0()).unwrap();

    let find = |store: &Store, q: &str, include_private: bool| -> Vec<(HitKind, String)> {
        store
            .search(&Query::parse(q), None, include_private, 50)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect()
    };
    for q in ["kleppmann", "designing", "kind:resource replication"] {
        let hits = find(&store, q, false);
        assert_eq!(hits, [(HitKind::Resource, shared.id.to_string())], "{q}");
    }
    assert_eq!(find(&store, "replication", true).len(), 2);
    assert_eq!(
        find(&store, "salary", false),
        [],
        "private resources never reach a search that leaves private out"
    );
    // An edit is searchable under its new words only.
    let mut renamed = store.resource(shared.id).unwrap().unwrap();
    renamed.detail = "Martin".into();
    store.save_resource(&renamed, t0()).unwrap();
    assert_eq!(find(&store, "kleppmann", true), []);
    assert_eq!(find(&store, "martin", true).len(), 1);
    store.trash_resource(shared.id, t0()).unwrap();
    assert_eq!(
        find(&store, "martin", true),
        [],
        "the trash is not searched"
    );
    store.restore_resource(shared.id, t0()).unwrap();
    assert_eq!(find(&store, "martin", true).len(), 1);
    assert!(
        audit(&store).unwrap().is_empty(),
        "every resource and its index reads"
    );
}

#[test]
fn a_resource_that_cannot_be_read_is_left_out_and_listed_by_check() {
    let (mut store, rel) = journal();
    let good = resource(&rel, ResourceKind::Book, "Readable", 1);
    let bad = resource(&rel, ResourceKind::Book, "Damaged", 2);
    store.save_resource(&good, t0()).unwrap();
    store.save_resource(&bad, t0()).unwrap();
    // A time no reader understands, as a manual edit or an old bug might leave.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    store.backup_to(&path).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE resource SET created_at = 'last spring' WHERE id = ?1",
        [bad.id.to_string()],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        titles(&store.resources(rel.id, true).unwrap()),
        ["Readable"]
    );
    assert_eq!(store.take_left_out(), 1);
    let found = audit(&store).unwrap();
    assert!(
        found
            .iter()
            .any(|b| b.table == "resource" && b.id == bad.id.to_string()),
        "{found:?}"
    );
}
