//! The schema is ours alone: a journal (or a backup) with an extra, missing or altered trigger,
//! view, table or index is refused by every way in (the TUI's --db, `check`, `restore`, the
//! reading and writing commands) with exit code 2, and the file is left byte for byte as it
//! was. Journals of every older version migrate and pass the check.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, Utc};
use mentorlog::store::{APPLICATION_ID, SCHEMA_VERSION, Store};

const MIGRATIONS: &[&str] = &[
    include_str!("../assets/migrations/0001_initial.sql"),
    include_str!("../assets/migrations/0002_drafts.sql"),
    include_str!("../assets/migrations/0003_journal.sql"),
    include_str!("../assets/migrations/0004_entry_tags.sql"),
    include_str!("../assets/migrations/0005_goals.sql"),
    include_str!("../assets/migrations/0006_checkins.sql"),
    include_str!("../assets/migrations/0007_search.sql"),
    include_str!("../assets/migrations/0008_secure_delete.sql"),
    include_str!("../assets/migrations/0009_search_without_copy.sql"),
    include_str!("../assets/migrations/0010_whole_relationship.sql"),
    include_str!("../assets/migrations/0011_looking_back.sql"),
];

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// A journal with a profile and one active relationship with Sam.
fn journal(path: &Path) {
    let (_store, _rel) = common::ada_with_sam(path, now());
}

/// Changes the schema behind mentorlog's back, the way another program could.
fn tamper(path: &Path, sql: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(sql).unwrap();
    // Leave everything in the main file, so its bytes are the whole journal.
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(c);
    assert!(!side(path, "-wal").exists());
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn run(db: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("mentorlog")
        .unwrap()
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env("XDG_CONFIG_HOME", db.with_file_name("config"))
        .env("XDG_DATA_HOME", db.with_file_name("data"))
        .arg("--db")
        .arg(db)
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The trigger of the report: every new reflection, private or not, copied into a shared
/// meeting, which `review` and the Markdown export would print.
const LEAK: &str = "CREATE TRIGGER copy_out AFTER INSERT ON reflection BEGIN
    INSERT INTO meeting (id, relationship_id, held_at, notes, private, created_at, updated_at)
    SELECT new.id || '-copy', id, new.written_at, new.body, 0, new.created_at, new.updated_at
    FROM relationship LIMIT 1;
END;";

#[test]
fn a_journal_with_an_extra_trigger_is_refused_everywhere_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    tamper(&db, LEAK);
    let before = std::fs::read(&db).unwrap();
    // A jrnl export with one entry: a file import reads, so only the journal can refuse it.
    let entries = dir.path().join("jrnl.json");
    std::fs::write(
        &entries,
        r#"{"entries": [{"date": "2026-11-20", "time": "09:00", "title": "t", "body": "b"}]}"#,
    )
    .unwrap();

    for args in [
        &["reflect", "my private doubts about the new role"][..],
        &[][..],
        &["check"][..],
        &["export"][..],
        &["export", "--format", "markdown", "--include-private"][..],
        &["review", "--include-private"][..],
        &["due"][..],
        &["agreement"][..],
        &["goals"][..],
        &["backup"][..],
        &["import", entries.to_str().unwrap()][..],
        &["meeting", "--with", "Sam", "--notes", "n"][..],
    ] {
        let (code, out) = run(&db, args);
        assert_eq!(code, Some(2), "{args:?}: {out}");
        assert!(
            out.contains("an extra trigger \"copy_out\" on \"reflection\""),
            "{args:?} names what differs: {out}"
        );
        assert!(out.contains("left the file untouched"), "{args:?}: {out}");
        assert!(out.contains("mentorlog restore"), "{args:?}: {out}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{args:?} left the journal byte for byte as it was"
        );
        assert!(!side(&db, "-wal").exists(), "{args:?}");
    }

    // Nothing private reached a meeting.
    let c = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let meetings: i64 = c
        .query_row("SELECT count(*) FROM meeting", [], |r| r.get(0))
        .unwrap();
    assert_eq!(meetings, 0);
}

#[test]
fn restoring_a_backup_with_an_extra_trigger_is_refused_and_both_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    let backup = dir.path().join("backup.db");
    journal(&backup);
    tamper(&backup, LEAK);
    // The journal as it is at rest: everything checkpointed into the main file.
    drop(Store::open(&db).unwrap());
    let journal_before = std::fs::read(&db).unwrap();
    let backup_before = std::fs::read(&backup).unwrap();

    let (code, out) = run(&db, &["restore", backup.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("\"copy_out\""), "{out}");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_before);
    assert_eq!(std::fs::read(&db).unwrap(), journal_before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "journal.db" && n != "backup.db")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn every_kind_of_difference_is_refused() {
    let cases = [
        (
            "CREATE VIEW everything AS SELECT body FROM reflection;",
            "an extra view \"everything\"",
        ),
        ("CREATE TABLE notes (x TEXT);", "an extra table \"notes\""),
        (
            "CREATE INDEX by_body ON reflection (body);",
            "an extra index \"by_body\" on \"reflection\"",
        ),
        (
            "DROP INDEX meeting_timeline;",
            "the index \"meeting_timeline\" on \"meeting\" is missing",
        ),
        (
            "DROP TRIGGER reflection_search_insert;
             CREATE TRIGGER reflection_search_insert AFTER INSERT ON reflection BEGIN
                 INSERT INTO search_doc (kind, entry_id, at, private, deleted)
                 VALUES ('reflection', new.id, new.written_at, 0, 0);
             END;",
            "the trigger \"reflection_search_insert\" on \"reflection\" is not defined as mentorlog defines it",
        ),
        (
            "CREATE TRIGGER \"odd\x1b]0;owned\x07name\" AFTER DELETE ON goal BEGIN SELECT 1; END;",
            "an extra trigger \"odd\u{FFFD}]0;owned\u{FFFD}name\" on \"goal\"",
        ),
    ];
    for (sql, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        journal(&db);
        tamper(&db, sql);
        let before = std::fs::read(&db).unwrap();
        let (code, out) = run(&db, &["check"]);
        assert_eq!(code, Some(2), "{sql}: {out}");
        assert!(out.contains(expected), "{sql}: {out}");
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{sql}");
    }
}

#[test]
fn the_list_of_differences_is_short() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    let many: String = (0..40)
        .map(|i| format!("CREATE TABLE extra_{i:02} (x);"))
        .collect();
    tamper(&db, &many);
    let (code, out) = run(&db, &["check"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("and 30 more"), "{out}");
    assert_eq!(out.matches("an extra table").count(), 10, "{out}");
}

/// A journal as mentorlog `version` made it: its migrations, its id and version.
fn journal_at_version(path: &Path, version: usize) {
    let c = rusqlite::Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..version] {
        c.execute_batch(sql).unwrap();
    }
    c.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version};"
    ))
    .unwrap();
    c.execute(
        "INSERT INTO profile (id, name, created_at, updated_at) VALUES (1, 'Grace', ?1, ?1)",
        [now()],
    )
    .unwrap();
}

#[test]
fn journals_of_every_older_version_migrate_and_pass_the_check() {
    assert_eq!(
        MIGRATIONS.len() as i64,
        SCHEMA_VERSION,
        "list every migration here"
    );
    for version in 1..MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        journal_at_version(&db, version);
        let store = Store::open(&db).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.profile().unwrap().unwrap().name, "Grace");
        drop(store);
        // Opened again, now at the current version, it passes the check as it is.
        let (code, out) = run(&db, &["check"]);
        assert_eq!(code, Some(0), "v{version}: {out}");
    }
}

#[test]
fn an_older_journal_with_an_extra_trigger_is_refused_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal_at_version(&db, 3);
    tamper(
        &db,
        "CREATE TRIGGER sneaky AFTER INSERT ON meeting BEGIN SELECT 1; END;",
    );
    let before = std::fs::read(&db).unwrap();
    let (code, out) = run(&db, &[]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("journal version 3") && out.contains("\"sneaky\""),
        "{out}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".backup-")
        })
        .count();
    assert_eq!(backups, 0, "nothing was migrated, so nothing was backed up");
}

fn file_pragma(path: &Path, name: &str) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_version_8_journal_migrated_gives_the_search_copy_space_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal_at_version(&db, 8);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO reflection (id, written_at, body, tags, bring_up, private, created_at, updated_at)
             SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-11-01T10:00:00Z',
                    'wombat ' || i || ' ' || replace(hex(zeroblob(200)), '00', 'word '), '[]', 0, 0,
                    '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'
             FROM n;",
        )
        .unwrap();
    }
    let before = std::fs::metadata(&db).unwrap().len();

    let store = Store::open(&db).unwrap();
    let hits = store
        .search(
            &mentorlog::store::Query::parse("wombat 1999"),
            None,
            true,
            10,
        )
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.starts_with("wombat 1999 word word"),
        "{hits:?}"
    );
    store.checkpoint().unwrap();
    drop(store);

    let after = std::fs::metadata(&db).unwrap().len();
    assert_eq!(file_pragma(&db, "freelist_count"), 0, "no free pages kept");
    assert!(
        after * 10 < before * 7,
        "the index's copy of the text is gone from the file: {before} -> {after} bytes"
    );
    let (code, out) = run(&db, &["check"]);
    assert_eq!(code, Some(0), "{out}");
}

/// Version 9 had no agreement versions, answer history or closing day: migrating gives every
/// agreed relationship its version 1 holding its answers as they were, leaves drafts without a
/// version, and dates the closing of a closed relationship on its last change.
#[test]
fn a_version_9_journal_gets_version_1_of_each_agreement_and_its_answers_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal_at_version(&db, 9);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "INSERT INTO relationship (id, my_role, other_name, topics, status, agreed_on, created_at, updated_at)
         VALUES ('0190c2a5-0000-7000-8000-000000000001', 'mentee', 'Sam', '[]', 'active', '2026-09-01',
                 '2026-09-01 10:00:00+00:00', '2026-09-02 10:00:00+00:00'),
                ('0190c2a5-0000-7000-8000-000000000002', 'mentor', 'Kim', '[]', 'closed', '2026-03-01',
                 '2026-03-01 10:00:00+00:00', '2026-10-15 08:30:00+00:00'),
                ('0190c2a5-0000-7000-8000-000000000003', 'mentee', 'Lee', '[]', 'draft', NULL,
                 '2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00');
         INSERT INTO answer (relationship_id, question_id, value, private, created_at, updated_at)
         VALUES ('0190c2a5-0000-7000-8000-000000000001', 'focus', '{\"kind\":\"text\",\"text\":\"public speaking\"}', 0,
                 '2026-09-01 10:00:00+00:00', '2026-09-01 10:00:00+00:00'),
                ('0190c2a5-0000-7000-8000-000000000001', 'mentee_hopes', '{\"kind\":\"text\",\"text\":\"calm\"}', 1,
                 '2026-09-01 10:00:00+00:00', '2026-09-01 10:05:00+00:00');",
    )
    .unwrap();
    drop(c);
    drop(Store::open(&db).unwrap());
    let c = rusqlite::Connection::open(&db).unwrap();
    let versions: Vec<(String, i64, String)> = c
        .prepare("SELECT other_name, number, made_on FROM agreement_version JOIN relationship r ON r.id = relationship_id ORDER BY other_name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        versions,
        vec![
            ("Kim".to_string(), 1, "2026-03-01".to_string()),
            ("Sam".to_string(), 1, "2026-09-01".to_string())
        ]
    );
    let history: Vec<(String, i64, String, bool)> = c
        .prepare("SELECT question_id, version, changed_at, private FROM answer_change ORDER BY question_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        history,
        vec![
            (
                "focus".to_string(),
                1,
                "2026-09-01 10:00:00+00:00".to_string(),
                false
            ),
            (
                "mentee_hopes".to_string(),
                1,
                "2026-09-01 10:05:00+00:00".to_string(),
                true
            )
        ]
    );
    let closed: Option<String> = c
        .query_row(
            "SELECT closed_on FROM relationship WHERE other_name = 'Kim'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(closed.as_deref(), Some("2026-10-15"));
}

/// Migration 11: a version-10 journal's meeting and check-in come through with who reached
/// out not said, the check passes, and both can be told afterwards.
#[test]
fn a_version_10_journal_reads_who_reached_out_as_not_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal_at_version(&db, 10);
    let rel = "0190c2a5-0000-7000-8000-000000000001";
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(&format!(
        "INSERT INTO relationship (id, my_role, other_name, topics, status, agreed_on, created_at, updated_at)
         VALUES ('{rel}', 'mentee', 'Sam', '[]', 'active', '2026-09-01',
                 '2026-09-01 10:00:00+00:00', '2026-09-01 10:00:00+00:00');
         INSERT INTO meeting (id, relationship_id, held_at, duration_minutes, notes, private, created_at, updated_at)
         VALUES ('0190c2a5-0000-7000-8000-0000000000a1', '{rel}', '2026-10-01 10:00:00+00:00', 45,
                 'The CV', 0, '2026-10-01 10:00:00+00:00', '2026-10-01 10:00:00+00:00');
         INSERT INTO checkin (id, relationship_id, at, kind, note, created_at)
         VALUES ('0190c2a5-0000-7000-8000-0000000000c1', '{rel}', '2026-10-10 10:00:00+00:00', 'email',
                 'Sent the draft', '2026-10-10 10:00:00+00:00');"
    ))
    .unwrap();
    drop(c);
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let id = rel.parse().unwrap();
    let meeting = store
        .meeting("0190c2a5-0000-7000-8000-0000000000a1".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        (meeting.notes.as_str(), meeting.reached_out),
        ("The CV", None)
    );
    let checkins = store.checkins(id).unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0].reached_out, None);
    let reality = store
        .reality(
            id,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            true,
        )
        .unwrap()
        .unwrap();
    assert_eq!(reality.reached_out.not_noted, 2);
    // Told afterwards, it is kept.
    let mut told = meeting.clone();
    told.reached_out = Some(mentorlog::domain::Side::Other);
    store.save_meeting(&told, &[], now()).unwrap();
    assert_eq!(
        store.meeting(meeting.id).unwrap().unwrap().reached_out,
        Some(mentorlog::domain::Side::Other)
    );
    drop(store);
    let (code, out) = run(&db, &["check"]);
    assert_eq!(code, Some(0), "{out}");
}
