//! Backups: the backup / check / restore drill with the real binary, refusals that change
//! nothing, and the daily copies (seven kept).

mod common;

use common::both::{Way, each_way};

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::Reflection;
use mentorlog::store::Store;

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn journal(path: &Path) {
    let (mut store, _rel) = common::ada_with_sam(path, now());
    for i in 0..5 {
        store
            .save_reflection(&Reflection::new(&format!("note {i}"), now()), now())
            .unwrap();
    }
}

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("mentorlog")
        .unwrap()
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env("XDG_CONFIG_HOME", db.with_file_name("config"))
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
        + &String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

#[test]
fn backup_check_and_restore_drill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    let copy = dir.path().join("copy.db");
    let b = run(&db, &["backup", copy.to_str().unwrap()]).success();
    assert!(
        out(&b).contains("1 relationships, 0 meetings, 0 action items, 5 reflections"),
        "{}",
        out(&b)
    );
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Never overwrites.
    let again = run(&db, &["backup", copy.to_str().unwrap()])
        .failure()
        .code(2);
    assert!(out(&again).contains("never overwrites"), "{}", out(&again));
    let c = run(&db, &["check"]).success();
    assert!(
        out(&c).contains("integrity: ok") && out(&c).contains("5 reflections"),
        "{}",
        out(&c)
    );

    // Write more, then restore the copy: the newer entry is gone, and kept aside.
    let mut store = Store::open(&db).unwrap();
    store
        .save_reflection(&Reflection::new("written after the backup", now()), now())
        .unwrap();
    drop(store);
    let r = run(&db, &["restore", copy.to_str().unwrap()]).success();
    assert!(out(&r).contains("5 reflections"), "{}", out(&r));
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.counts().unwrap().0[3], ("reflections", 5));
    drop(store);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1);
    let before = Store::open(&kept[0]).unwrap();
    assert_eq!(before.counts().unwrap().0[3], ("reflections", 6));
}

#[test]
fn restore_refuses_what_is_not_a_sound_journal_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    let before = std::fs::read(&db).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a journal at all, just some words").unwrap();
    let r = run(&db, &["restore", text.to_str().unwrap()])
        .failure()
        .code(2);
    assert!(out(&r).contains("not an SQLite database"), "{}", out(&r));
    // A truncated copy is refused too.
    let copy = dir.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success();
    let bytes = std::fs::read(&copy).unwrap();
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    run(&db, &["restore", cut.to_str().unwrap()]).failure();
    let missing = run(&db, &["restore", "/no/such/backup.db"])
        .failure()
        .code(2);
    assert!(out(&missing).contains("does not exist"));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the journal is untouched"
    );
}

#[test]
fn daily_copies_keep_the_last_seven() {
    each_way(daily_copies_keep_seven);
}

fn daily_copies_keep_seven(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(way.create(&db));
    journal(&db);
    let store = way.open(&db);
    for day in 1..=9 {
        let d = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        assert!(mentorlog::backup::daily(&store, d).unwrap().is_some());
        assert!(
            mentorlog::backup::daily(&store, d).unwrap().is_none(),
            "once a day"
        );
    }
    let kept = mentorlog::backup::daily_backups(&db);
    assert_eq!(kept.len(), 7);
    // A plain journal's copies are compressed; an encrypted one's are kept encrypted as they
    // are (encrypted pages do not shrink).
    let end = if way.is_encrypted() { "" } else { ".zst" };
    assert!(
        kept[0]
            .to_string_lossy()
            .ends_with(&format!("daily-2026-11-03{end}"))
    );
    assert!(
        kept[6]
            .to_string_lossy()
            .ends_with(&format!("daily-2026-11-09{end}"))
    );
    if way.is_encrypted() {
        assert!(mentorlog::store::is_encrypted(&kept[6]));
        let copy = way.reopen(&kept[6]);
        assert_eq!(copy.integrity_check().unwrap(), "ok");
        assert_eq!(copy.counts().unwrap(), store.counts().unwrap());
    } else {
        // Compressed: unpacked, it is a sound journal.
        let unpacked = mentorlog::store::unpack(&kept[6], &db).unwrap();
        let copy = Store::open(unpacked.path()).unwrap();
        assert_eq!(copy.integrity_check().unwrap(), "ok");
        drop(copy);
    }
}

#[test]
fn restore_over_a_journal_that_cannot_be_opened_says_to_move_it_aside_and_then_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db);
    let copy = dir.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success();
    std::fs::write(&db, b"these bytes are no journal at all").unwrap();
    let r = run(&db, &["restore", copy.to_str().unwrap()])
        .failure()
        .code(2);
    assert!(out(&r).contains("move it aside first"), "{}", out(&r));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"these bytes are no journal at all",
        "left as it was"
    );
    let aside = dir.path().join("journal.db.damaged");
    std::fs::rename(&db, &aside).unwrap();
    let r = run(&db, &["restore", copy.to_str().unwrap()]).success();
    assert!(out(&r).contains("5 reflections"), "{}", out(&r));
    run(&db, &["check"]).success();
}

#[test]
fn a_backup_of_a_journal_opened_only_to_read_keeps_its_form() {
    each_way(|way| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        drop(way.create(&db));
        journal(&db);
        // As `mentorlog backup` opens it.
        way.knows(&db);
        let reader = Store::open_read_only(&db).unwrap();
        let copy = dir.path().join("copy.db");
        mentorlog::backup::backup(&reader, Some(&copy), "20261122T100000").unwrap();
        assert_eq!(mentorlog::store::is_encrypted(&copy), way.is_encrypted());
        let back = way.reopen(&copy);
        assert_eq!(back.integrity_check().unwrap(), "ok");
        assert_eq!(back.counts().unwrap(), reader.counts().unwrap());
    });
}
