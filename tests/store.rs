//! The journal file: round-trips through a real file, pragmas, refusals that leave a file
//! untouched, permissions, migration with a backup, and two writers at once.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Initiator, Medium, PlannedDuration, Relationship,
    RelationshipStatus, ResponseTime, Role,
};
use mentorlog::error::Error;
use mentorlog::store::{APPLICATION_ID, SCHEMA_VERSION, Store};

mod common;
use common::both::{Way, each_way};

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn sidecar(p: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", p.display()))
}

fn every_answer() -> Vec<(&'static str, AnswerValue, bool)> {
    vec![
        (
            "focus",
            AnswerValue::Text {
                text: "Line one\nline two ✓".into(),
            },
            false,
        ),
        (
            "intended_result",
            AnswerValue::Outcomes {
                picked: vec!["referrals".into()],
                other: "a talk".into(),
            },
            false,
        ),
        ("time", AnswerValue::Hours { per_month: 6 }, false),
        (
            "duration",
            AnswerValue::Duration {
                plan: PlannedDuration::Months { months: 12 },
            },
            false,
        ),
        (
            "d_project",
            AnswerValue::Duration {
                plan: PlannedDuration::OneProject,
            },
            false,
        ),
        (
            "d_open",
            AnswerValue::Duration {
                plan: PlannedDuration::OpenEnded,
            },
            false,
        ),
        (
            "d_until",
            AnswerValue::Duration {
                plan: PlannedDuration::Until {
                    date: NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
                },
            },
            false,
        ),
        (
            "contact",
            AnswerValue::Contact {
                initiator: Some(Initiator::Either),
                cadence: Some(Cadence {
                    every: 10,
                    unit: CadenceUnit::Days,
                }),
            },
            false,
        ),
        (
            "response",
            AnswerValue::Response {
                time: ResponseTime::TwoDays,
            },
            false,
        ),
        (
            "r_custom",
            AnswerValue::Response {
                time: ResponseTime::Custom {
                    text: "same day".into(),
                },
            },
            false,
        ),
        (
            "medium",
            AnswerValue::Media {
                media: vec![Medium::InPerson, Medium::Chat],
                other: "walks".into(),
            },
            false,
        ),
        (
            "mentee_hopes",
            AnswerValue::Text {
                text: "private hope".into(),
            },
            true,
        ),
    ]
}

fn full_relationship() -> Relationship {
    let mut rel = Relationship::new_draft(now());
    rel.my_role = Some(Role::Peer);
    rel.other_name = "Noor Haddad".into();
    rel.model = Some("cross_cultural".into());
    rel.topics = vec!["networking".into(), "cultural_exchange".into()];
    rel.status = RelationshipStatus::Active;
    rel.walkthrough_step = Some("q:focus".into());
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 11, 20);
    rel
}

#[test]
fn every_entity_round_trips_through_a_file() {
    each_way(every_entity_round_trips);
}

fn every_entity_round_trips(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let rel = full_relationship();
    {
        let mut store = way.create(&path);
        store.save_profile_name("Ada", now()).unwrap();
        store.save_relationship(&rel, now()).unwrap();
        for (q, v, private) in every_answer() {
            store.save_answer(rel.id, q, &v, private, now()).unwrap();
        }
        store
            .save_draft(
                "walkthrough:x:q:focus",
                "{\"typed\":\"half a thought\"}",
                now(),
            )
            .unwrap();
    }
    let store = way.reopen(&path);
    assert_eq!(store.profile().unwrap().unwrap().name, "Ada");
    let back = store.relationship(rel.id).unwrap().unwrap();
    assert_eq!(back.my_role, rel.my_role);
    assert_eq!(back.other_name, rel.other_name);
    assert_eq!(back.model, rel.model);
    assert_eq!(back.topics, rel.topics);
    assert_eq!(back.status, rel.status);
    assert_eq!(back.walkthrough_step, rel.walkthrough_step);
    assert_eq!(back.agreed_on, rel.agreed_on);
    assert_eq!(back.created_at, rel.created_at);
    let agreement = store.agreement(rel.id).unwrap();
    for (q, v, private) in every_answer() {
        let a = &agreement.answers[q];
        assert_eq!(a.value, v, "{q}");
        assert_eq!(a.private, private, "{q}");
    }
    assert_eq!(
        store.draft("walkthrough:x:q:focus").unwrap().unwrap().body,
        "{\"typed\":\"half a thought\"}"
    );
}

#[test]
fn a_file_journal_uses_wal_full_sync_and_its_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let store = Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(q("PRAGMA application_id"), i64::from(APPLICATION_ID));
    assert_eq!(q("PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(conn);
    drop(store);
    // synchronous and foreign_keys are per connection: check the store's own.
    let mut store = Store::open(&path).unwrap();
    let rel = full_relationship();
    let orphan = store.save_answer(
        rel.id,
        "focus",
        &AnswerValue::Hours { per_month: 1 },
        false,
        now(),
    );
    assert!(
        orphan.is_err(),
        "foreign keys are enforced: an answer needs its relationship"
    );
}

/// Asserts that opening `path` is refused with `check`, exit code 2, a message naming the file
/// and saying it was left untouched — and that not one byte changed and no sidecar appeared.
fn assert_refused(path: &Path, check: impl Fn(&Error) -> bool) {
    let before = fs::read(path).unwrap();
    for open in [Store::open, Store::open_existing] {
        let err = match open(path) {
            Ok(_) => panic!("{} was opened but should be refused", path.display()),
            Err(e) => e,
        };
        assert!(check(&err), "unexpected error: {err:?}");
        assert_eq!(err.exit_code(), 2);
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains("untouched"), "{msg}");
        assert_eq!(fs::read(path).unwrap(), before, "the file changed");
        assert!(
            !sidecar(path, "-wal").exists() && !sidecar(path, "-shm").exists(),
            "a sidecar was created"
        );
    }
}

fn pseudo_random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn files_that_are_not_journals_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (i, size) in [50usize, 100, 1000].into_iter().enumerate() {
        let p = dir.path().join(format!("random-{size}.db"));
        fs::write(&p, pseudo_random_bytes(size, i as u64 + 3)).unwrap();
        assert_refused(&p, |e| matches!(e, Error::NotSqlite { .. }));
    }
    // Whole pages of random bytes are what an encrypted journal looks like: without a
    // passphrase it is refused as locked, and no passphrase opens it.
    let pages = dir.path().join("random-8192.db");
    fs::write(&pages, pseudo_random_bytes(8192, 5)).unwrap();
    assert_refused(&pages, |e| matches!(e, Error::Locked { .. }));
    let key = mentorlog::domain::Passphrase::new("any".into()).unwrap();
    let before = fs::read(&pages).unwrap();
    assert!(matches!(
        Store::unlock(&pages, &key).err(),
        Some(Error::WrongPassphrase { .. })
    ));
    assert_eq!(fs::read(&pages).unwrap(), before);
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    assert_refused(&empty, |e| matches!(e, Error::EmptyFile { .. }));

    let fake = dir.path().join("fake.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(pseudo_random_bytes(4000, 9));
    fs::write(&fake, bytes).unwrap();
    assert_refused(&fake, |e| {
        matches!(
            e,
            Error::NotSqlite { .. } | Error::Truncated { .. } | Error::Damaged { .. }
        )
    });
}

#[test]
fn truncated_journals_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    {
        let mut store = Store::open(&source).unwrap();
        mentorlog::generate::generate(&mut store, 400, 5).unwrap();
    }
    let full = fs::read(&source).unwrap();
    assert!(full.len() > 8192, "the journal is big enough to cut");
    for cut in [full.len() / 2, 60, 4096 + 100] {
        let p = dir.path().join(format!("cut-{cut}.db"));
        fs::write(&p, &full[..cut]).unwrap();
        assert_refused(&p, |e| matches!(e, Error::Truncated { .. }));
    }
}

#[test]
fn other_applications_and_newer_journals_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("PRAGMA application_id = 12345; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    assert_refused(&foreign, |e| matches!(e, Error::ForeignDatabase { .. }));

    let anonymous = dir.path().join("anonymous.db");
    {
        let c = rusqlite::Connection::open(&anonymous).unwrap();
        c.execute_batch("CREATE TABLE bookmarks (url TEXT);")
            .unwrap();
    }
    assert_refused(&anonymous, |e| matches!(e, Error::ForeignDatabase { .. }));

    let newer = dir.path().join("newer.db");
    {
        let mut s = Store::open(&newer).unwrap();
        s.save_profile_name("Ada", now()).unwrap();
    }
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1))
            .unwrap();
        c.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    }
    assert_refused(
        &newer,
        |e| matches!(e, Error::NewerSchema { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

#[test]
fn a_missing_journal_is_not_created_by_readers() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nope.db");
    assert!(matches!(
        Store::open_existing(&p),
        Err(Error::NoJournal { .. })
    ));
    assert!(!p.exists());
}

#[test]
fn new_journals_are_private_under_umask_022() {
    // SAFETY: umask is process-wide; 022 is the usual default, and every test here expects it.
    unsafe { libc::umask(0o022) };
    each_way(new_journals_are_private);
}

fn new_journals_are_private(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("data").join("mentorlog");
    let path = nested.join("journal.db");
    let mut store = way.create(&path);
    assert_eq!(mode(&nested), 0o700);
    assert_eq!(mode(&path), 0o600);
    store.save_profile_name("Ada", now()).unwrap();
    for side in ["-wal", "-shm"] {
        let p = sidecar(&path, side);
        assert!(p.exists(), "{side} exists while the journal is open");
        assert_eq!(mode(&p), 0o600, "{side}");
    }
    let backup = dir.path().join("copy.db");
    store.backup_to(&backup).unwrap();
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mentorlog::store::is_encrypted(&backup), way.is_encrypted());
    let copy = way.reopen(&backup);
    assert_eq!(copy.profile().unwrap().unwrap().name, "Ada");
    // Nothing else was left behind in the journal's folder.
    let names: Vec<String> = fs::read_dir(&nested)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("journal.db")),
        "{names:?}"
    );
}

#[test]
fn an_older_journal_is_backed_up_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../assets/migrations/0001_initial.sql"))
            .unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
        ))
        .unwrap();
        c.execute(
            "INSERT INTO profile (id, name, created_at, updated_at) VALUES (1, 'Grace', ?1, ?1)",
            [now()],
        )
        .unwrap();
        c.execute(
            "INSERT INTO relationship (id, my_role, other_name, status, created_at, updated_at, agreed_on)
             VALUES ('0190b2c4-0000-7000-8000-000000000001', 'mentor', 'Kim', 'active', ?1, ?1, '2026-01-05')",
            [now()],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.profile().unwrap().unwrap().name, "Grace");
    assert_eq!(store.relationships().unwrap()[0].other_name, "Kim");
    store.save_draft("k", "v", now()).unwrap();

    let backups: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("journal.db.backup-v1-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(mode(&backups[0]), 0o600);
    let old = rusqlite::Connection::open(&backups[0]).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let name: String = old
        .query_row("SELECT name FROM profile", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, name.as_str()), (1, "Grace"));
    drop(old);
    drop(store);

    Store::open(&path).unwrap();
    let count = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".backup-")
        })
        .count();
    assert_eq!(count, 1, "an up-to-date journal is not backed up again");
}

#[test]
fn two_instances_at_once_never_lose_a_write() {
    each_way(two_instances_at_once);
}

fn two_instances_at_once(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let rel = full_relationship();
    way.create(&path).save_relationship(&rel, now()).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..150 {
                    let v = AnswerValue::Hours { per_month: i };
                    store
                        .save_answer(rel.id, &format!("w{w}-{i}"), &v, false, now())
                        .unwrap();
                    store.save_draft(&format!("w{w}-{i}"), "x", now()).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.agreement(rel.id).unwrap().answers.len(), 300);
    assert_eq!(store.drafts_with_prefix("w").unwrap().len(), 300);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn two_first_starts_at_once_share_one_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("journal.db");
    let openers: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                s.save_draft(&format!("opener-{i}"), "here", now()).unwrap();
            })
        })
        .collect();
    for o in openers {
        o.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.drafts_with_prefix("opener-").unwrap().len(), 4);
    let leftovers: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("creating"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_creation_cut_short_long_ago_is_cleaned_up_and_a_recent_one_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let alive = std::process::id();
    // A process that has ended: its attempt belongs to nobody.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = dir.path().join(format!(".journal.db.creating-{alive}-old"));
    let orphan = dir.path().join(format!(".journal.db.creating-{dead}-new"));
    let recent = dir.path().join(format!(".journal.db.creating-{alive}-new"));
    for p in [&stale, &orphan, &recent] {
        fs::write(p, b"half-made").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    Store::open(&dir.path().join("journal.db")).unwrap();
    assert!(!stale.exists(), "an hour-old attempt is removed");
    assert!(
        !orphan.exists(),
        "an attempt of an ended process is removed"
    );
    assert!(
        recent.exists(),
        "a recent attempt of a running process may be another mentorlog's, so it stays"
    );
}
