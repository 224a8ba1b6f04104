//! Restore while another mentorlog has the journal open, restore on a new computer, and
//! every save that was reported saved still somewhere, in any order of restore, import,
//! backup and saves from two processes. All through the real binary.

mod common;

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, Utc};
use mentorlog::domain::Reflection;
use mentorlog::store::Store;

use common::both::{Way, each_way};

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// A journal with a profile, one relationship and reflections `note 0` .. `note {n-1}`.
fn journal(path: &Path, n: usize) {
    let (mut store, _rel) = common::ada_with_sam(path, now());
    for i in 0..n {
        save(&mut store, &format!("note {i}")).unwrap();
    }
}

fn save(store: &mut Store, text: &str) -> mentorlog::error::Result<()> {
    store.save_reflection(&Reflection::new(text, now()), now())
}

fn cmd(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    c.env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    c
}

fn run(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    cmd(db.parent().unwrap())
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
        + &String::from_utf8_lossy(&a.get_output().stderr)
}

/// The reflections in a journal file, read by a fresh connection (as a new start would).
fn bodies(path: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let mut stmt = conn
        .prepare("SELECT body FROM reflection WHERE deleted_at IS NULL")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

fn before_restore_copies(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_after_a_restore_in_another_process_lands_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db, 5);
    let copy = dir.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success();

    // The open app: it saves one more, then another process restores the backup.
    let mut open = Store::open(&db).unwrap();
    save(&mut open, "written after the backup").unwrap();
    let r = run(&db, &["restore", copy.to_str().unwrap()]).success();
    assert!(out(&r).contains("5 reflections"), "{}", out(&r));

    // The open app sees the restored journal, and its next save is really saved.
    assert_eq!(open.counts().unwrap().0[3], ("reflections", 5));
    save(&mut open, "saved in the open app after the restore").unwrap();
    drop(open);

    let now_in_journal = bodies(&db);
    let mut expected: BTreeSet<String> = (0..5).map(|i| format!("note {i}")).collect();
    expected.insert("saved in the open app after the restore".into());
    assert_eq!(now_in_journal, expected);
    // What the restore replaced is kept.
    let kept = before_restore_copies(dir.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(bodies(kept.iter().next().unwrap()).contains("written after the backup"));
    run(&db, &["check"]).success();
    let leftovers: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.contains("mentorlog-tmp") || n.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restore_on_a_new_computer_creates_the_private_folder_and_the_journal() {
    let old = tempfile::tempdir().unwrap();
    let db = old.path().join("journal.db");
    journal(&db, 3);
    let copy = old.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success();
    let copy_bytes = std::fs::read(&copy).unwrap();

    // The default place (XDG_DATA_HOME), where nothing exists yet.
    let home = tempfile::tempdir().unwrap();
    let r = cmd(home.path())
        .args(["restore", copy.to_str().unwrap()])
        .assert()
        .success();
    assert!(out(&r).contains("3 reflections"), "{}", out(&r));
    let folder = home.path().join("data/mentorlog");
    let journal_file = folder.join("journal.db");
    assert_eq!(
        std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(&journal_file)
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    let c = cmd(home.path()).arg("check").assert().success();
    assert!(out(&c).contains("integrity: ok"), "{}", out(&c));
    assert!(out(&c).contains("3 reflections"), "{}", out(&c));
    assert_eq!(
        bodies(&journal_file),
        (0..3).map(|i| format!("note {i}")).collect()
    );
    let extra: Vec<String> = names_in(&folder)
        .into_iter()
        .filter(|n| !n.starts_with("journal.db"))
        .collect();
    assert!(extra.is_empty(), "no temporaries left: {extra:?}");
    assert!(
        std::fs::read(&copy).unwrap() == copy_bytes,
        "the backup is only read, never changed"
    );

    // And with --db in a folder that does not exist.
    let elsewhere = home.path().join("new/place/journal.db");
    run(&elsewhere, &["restore", copy.to_str().unwrap()]).success();
    run(&elsewhere, &["check"]).success();
    assert_eq!(bodies(&elsewhere).len(), 3);
    // A save after it works like on any journal.
    run(&elsewhere, &["reflect", "first one on the new computer"]).success();
    assert!(bodies(&elsewhere).contains("first one on the new computer"));
}

#[test]
fn restore_refuses_a_journal_of_a_newer_mentorlog_and_creates_nothing() {
    let old = tempfile::tempdir().unwrap();
    let copy = old.path().join("copy.db");
    journal(&copy, 1);
    {
        let conn = rusqlite::Connection::open(&copy).unwrap();
        conn.execute_batch("PRAGMA user_version = 999").unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("fresh/journal.db");
    let r = run(&db, &["restore", copy.to_str().unwrap()])
        .failure()
        .code(2);
    assert!(out(&r).contains("newer mentorlog"), "{}", out(&r));
    assert!(out(&r).contains(copy.to_str().unwrap()), "{}", out(&r));
    assert!(!db.exists());
    let left: Vec<String> = names_in(&home.path().join("fresh"));
    assert!(left.is_empty(), "{left:?}");
}

/// One step of a sequence: every save is tracked by its text.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// A save through the open app (this process).
    Save,
    /// `mentorlog reflect` (another process).
    Reflect,
    /// `mentorlog backup` to a new file.
    Backup,
    /// `mentorlog restore` of the newest backup.
    Restore,
    /// `mentorlog export --out` to a new file.
    Export,
    /// `mentorlog import` of the newest export.
    Import,
}

/// Runs `ops` and checks after every step that every save reported saved is in the journal,
/// or (what a restore replaced) in the copy that restore kept.
fn interleave(ops: &[Op]) {
    use Op::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db, 2);
    let mut open = Store::open(&db).unwrap();
    // What the journal must hold: exactly these reflections.
    let mut model: BTreeSet<String> = bodies(&db);
    let mut backups: Vec<(PathBuf, BTreeSet<String>)> = Vec::new();
    let mut exports: Vec<(PathBuf, BTreeSet<String>)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match op {
            Save => {
                let text = format!("step {i}: saved in the open app");
                save(&mut open, &text).expect("the open app saves");
                model.insert(text);
            }
            Reflect => {
                let text = format!("step {i}: saved by mentorlog reflect");
                run(&db, &["reflect", &text]).success();
                model.insert(text);
            }
            Backup => {
                let path = dir.path().join(format!("backup-{i}.db"));
                run(&db, &["backup", path.to_str().unwrap()]).success();
                assert_eq!(
                    bodies(&path),
                    model,
                    "step {i}: the backup holds every save"
                );
                backups.push((path, model.clone()));
            }
            Export => {
                let path = dir.path().join(format!("export-{i}.json"));
                run(&db, &["export", "--out", path.to_str().unwrap()]).success();
                exports.push((path, model.clone()));
            }
            Import => {
                let Some((path, held)) = exports.last() else {
                    continue;
                };
                run(&db, &["import", path.to_str().unwrap()]).success();
                model.extend(held.iter().cloned());
            }
            Restore => {
                let Some((path, held)) = backups.last() else {
                    continue;
                };
                let before = before_restore_copies(dir.path());
                run(&db, &["restore", path.to_str().unwrap()]).success();
                let new: Vec<PathBuf> = before_restore_copies(dir.path())
                    .difference(&before)
                    .cloned()
                    .collect();
                assert_eq!(new.len(), 1, "step {i}: one kept copy per restore");
                // Saves made since that backup are not in the journal any more: they are
                // in the copy this restore kept, every one of them.
                assert_eq!(
                    bodies(&new[0]),
                    model,
                    "step {i}: the kept copy holds what was replaced"
                );
                model = held.clone();
            }
        }
        assert_eq!(bodies(&db), model, "step {i} ({op:?})");
    }
    drop(open);
    assert_eq!(bodies(&db), model, "after the open app closed");
    run(&db, &["check"]).success();
}

#[test]
fn every_reported_save_survives_any_order_of_restore_import_backup_and_saves() {
    use Op::*;
    let orders: &[&[Op]] = &[
        &[Save, Backup, Save, Reflect, Restore, Save, Reflect],
        &[Backup, Export, Save, Restore, Save, Import, Save, Reflect],
        &[
            Reflect, Save, Export, Backup, Save, Restore, Import, Save, Restore, Save,
        ],
        &[
            Save, Save, Backup, Restore, Restore, Reflect, Save, Backup, Export, Restore, Import,
            Save,
        ],
    ];
    for ops in orders {
        interleave(ops);
    }
    // And some shuffled ones (a fixed seed, so a failure repeats).
    let all = [Save, Reflect, Backup, Restore, Export, Import];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3 {
        let ops: Vec<Op> = (0..12)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                all[(seed % all.len() as u64) as usize]
            })
            .collect();
        interleave(&ops);
    }
}

fn page_size(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_with_another_page_size_restores_into_an_open_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db, 4);
    let copy = dir.path().join("big-pages.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let theirs = if page_size(&db) == 8192 { 16384 } else { 8192 };
        conn.execute_batch(&format!("PRAGMA page_size = {theirs}"))
            .unwrap();
        conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
            .unwrap();
    }
    assert_ne!(page_size(&copy), page_size(&db), "the sizes differ");
    let mut open = Store::open(&db).unwrap();
    save(&mut open, "replaced by the restore").unwrap();
    run(&db, &["restore", copy.to_str().unwrap()]).success();
    save(&mut open, "after the restore").unwrap();
    drop(open);
    let mut expected: BTreeSet<String> = (0..4).map(|i| format!("note {i}")).collect();
    expected.insert("after the restore".into());
    assert_eq!(bodies(&db), expected);
    run(&db, &["check"]).success();
}

#[test]
fn restore_waits_for_a_save_in_progress_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    journal(&db, 2);
    let copy = dir.path().join("copy.db");
    run(&db, &["backup", copy.to_str().unwrap()]).success();
    // Another mentorlog is in the middle of a write when the restore starts.
    let mut writer = rusqlite::Connection::open(&db).unwrap();
    let tx = writer
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let restore = std::thread::spawn({
        let db = db.clone();
        let copy = copy.clone();
        move || run(&db, &["restore", copy.to_str().unwrap()]).success()
    });
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!restore.is_finished(), "the restore waits for the write");
    tx.execute(
        "UPDATE reflection SET body = 'finished while the restore waited' WHERE body = 'note 0'",
        [],
    )
    .unwrap();
    tx.commit().unwrap();
    drop(writer);
    restore.join().unwrap();
    assert_eq!(
        bodies(&db),
        ["note 0", "note 1"].map(String::from).into(),
        "the backup's content"
    );
    let kept = before_restore_copies(dir.path());
    assert_eq!(kept.len(), 1);
    assert!(
        bodies(kept.iter().next().unwrap()).contains("finished while the restore waited"),
        "the write that finished first is in the kept copy"
    );
}

fn reflections_in(store: &Store) -> i64 {
    store.counts().unwrap().0[3].1
}

#[test]
fn a_restore_keeps_the_journal_as_it_is_kept_plain_or_encrypted() {
    each_way(restore_either_way);
}

fn restore_either_way(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(way.create(&db));
    journal(&db, 5);
    // Another mentorlog has the journal open all along.
    let mut live = way.open(&db);
    let copy = dir.path().join("copy.db");
    live.backup_to(&copy).unwrap();
    save(&mut live, "written after the backup").unwrap();
    let (kept, counts) = mentorlog::backup::restore(&db, &copy, "20261122T100000").unwrap();
    assert_eq!(counts.0[3], ("reflections", 5));
    save(&mut live, "written after the restore").unwrap();
    drop(live);
    let store = way.reopen(&db);
    assert_eq!(store.is_encrypted(), way.is_encrypted());
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(
        reflections_in(&store),
        6,
        "the restored five and the later save"
    );
    drop(store);
    let kept = kept.expect("the journal as it was is kept");
    assert_eq!(mentorlog::store::is_encrypted(&kept), way.is_encrypted());
    assert_eq!(reflections_in(&way.reopen(&kept)), 6);

    // On a new computer the copy becomes the journal, with the passphrase given for it.
    let home = tempfile::tempdir().unwrap();
    let fresh = home.path().join("data").join("journal.db");
    way.knows(&copy);
    let (none, counts) = mentorlog::backup::restore(&fresh, &copy, "20261122T100000").unwrap();
    assert!(none.is_none());
    assert_eq!(counts.0[3], ("reflections", 5));
    assert_eq!(mentorlog::store::is_encrypted(&fresh), way.is_encrypted());
    let store = way.reopen(&fresh);
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(reflections_in(&store), 5);
}
