//! A backup or restore killed at any moment (kill -9) leaves no half-written file under a
//! real name, the journal is the old one or the restored one and sound, and the temporaries
//! it left are removed on the next start.

use std::collections::BTreeSet;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use mentorlog::domain::Reflection;
use mentorlog::store::Store;

/// A mentorlog started by a test: killed by its process id when the test ends, passed or not.
struct Running(Child);

impl Running {
    fn finished(&mut self) -> bool {
        self.0.try_wait().unwrap().is_some()
    }

    /// SIGKILL; true when the signal is what ended it (it was still running).
    fn kill_now(&mut self) -> bool {
        let _ = self.0.kill();
        self.0.wait().unwrap().signal() == Some(libc::SIGKILL)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

fn mentorlog(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    c.env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env("XDG_CONFIG_HOME", db.with_file_name("config"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn start(db: &Path, args: &[&str]) -> Running {
    Running(mentorlog(db, args).spawn().unwrap())
}

/// `mentorlog check` on `db`: the next start, and the judge of the file.
fn check(db: &Path) -> (bool, String) {
    let out = mentorlog(db, &["check"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn temporaries(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.contains(".mentorlog-tmp-") || n.starts_with(".restoring-"))
        .collect()
}

fn reflections(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("SELECT count(*) FROM reflection", [], |r| r.get(0))
        .unwrap()
}

/// A journal of about 40 MB: generated relationships and entries (as the benchmarks make),
/// and drafts of long text, so a copy takes long enough to be caught in the middle.
fn big_journal(path: &Path) {
    let mut store = Store::open(path).unwrap();
    mentorlog::generate::generate(&mut store, 50, 1).unwrap();
    mentorlog::generate::generate_entries(&mut store, 500, 1).unwrap();
    let now = Utc::now();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..60 {
        let mut body = String::with_capacity(700_000);
        while body.len() < 700_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            body.push_str(&format!("w{:x} ", seed % 100_000));
        }
        store.save_draft(&format!("long-{i}"), &body, now).unwrap();
    }
}

#[test]
fn a_temporary_left_by_a_dead_process_is_removed_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    Store::open(&db).unwrap();
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let mine = std::process::id();
    let id = "0192f0c4a1b27c3d8e9f0a1b2c3d4e5f";
    let left = [
        format!(".journal.db.backup-20261122T100000.mentorlog-tmp-{dead}-{id}"),
        format!(".journal.db.mentorlog-tmp-{dead}-{id}"),
        format!(".journal.db.mentorlog-tmp-{dead}-{id}-journal"),
        format!(".journal.db.before-restore-20261122T100000.mentorlog-tmp-{dead}-{id}"),
    ];
    let running = format!(".journal.db.daily-2026-11-22.mentorlog-tmp-{mine}-{id}");
    for n in left.iter().chain([&running]) {
        std::fs::write(dir.path().join(n), b"half a copy").unwrap();
    }
    let (ok, report) = check(&db);
    assert!(ok, "{report}");
    assert_eq!(
        temporaries(dir.path()),
        vec![running],
        "the dead process's temporaries are gone; a running one's stays"
    );
}

#[test]
fn a_backup_killed_mid_copy_leaves_nothing_half_written_and_the_next_start_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    big_journal(&db);
    let target = dir.path().join("copy.db");
    let before = names(dir.path());
    let mut caught = 0;
    for _attempt in 0..30 {
        let mut child = start(&db, &["backup", target.to_str().unwrap()]);
        // Waits until the copy is under way: a new file that already holds some data.
        let started = Instant::now();
        let mut writing = false;
        while !child.finished() && started.elapsed() < Duration::from_secs(20) {
            writing = names(dir.path())
                .difference(&before)
                .any(|n| std::fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 1 << 20));
            if writing {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let killed = writing && child.kill_now();
        drop(child);
        if target.exists() {
            // Only ever complete: a journal that passes the check.
            let (ok, report) = check(&target);
            assert!(
                ok,
                "a killed backup left a broken {}:\n{report}",
                target.display()
            );
            std::fs::remove_file(&target).unwrap();
        }
        if killed {
            caught += 1;
            assert!(
                !temporaries(dir.path()).is_empty(),
                "the kill came mid-copy, so its temporary is there"
            );
            let (ok, report) = check(&db);
            assert!(ok, "{report}");
            assert!(
                temporaries(dir.path()).is_empty(),
                "the next start removes the temporary: {:?}",
                temporaries(dir.path())
            );
            if caught == 3 {
                break;
            }
        }
    }
    assert!(caught > 0, "no backup was caught in the middle of its copy");
    // What is left is what was there, and a backup still works.
    let (ok, report) = check(&db);
    assert!(ok, "{report}");
    let extra: Vec<String> = names(dir.path())
        .difference(&before)
        .filter(|n| !n.starts_with("journal.db"))
        .cloned()
        .collect();
    assert!(extra.is_empty(), "{extra:?}");
    assert!(
        mentorlog(&db, &["backup", target.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    assert!(check(&target).0);
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_or_the_restored_journal() {
    let base = tempfile::tempdir().unwrap();
    let template = base.path().join("journal.db");
    big_journal(&template);
    let backup = base.path().join("backup.db");
    {
        let mut store = Store::open(&template).unwrap();
        store.backup_to(&backup).unwrap();
        // The journal moves on after the backup: three more reflections.
        for i in 0..3 {
            store
                .save_reflection(
                    &Reflection::new(&format!("after {i}"), Utc::now()),
                    Utc::now(),
                )
                .unwrap();
        }
        store.checkpoint().unwrap();
    }
    let old = reflections(&template);
    let new = reflections(&backup);
    assert_eq!(old, new + 3);

    let fresh_copy = |n: usize| -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("journal-{n}.db"));
        std::fs::copy(&template, &db).unwrap();
        (dir, db)
    };
    // How long a whole restore takes here, to spread the kills over it.
    let (_d, db) = fresh_copy(0);
    let t = Instant::now();
    assert!(
        mentorlog(&db, &["restore", backup.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let whole = t.elapsed();
    assert_eq!(reflections(&db), new);

    let mut outcomes = BTreeSet::new();
    let mut killed_any = 0;
    for k in 0..12u32 {
        let (dir, db) = fresh_copy(k as usize + 1);
        let mut child = start(&db, &["restore", backup.to_str().unwrap()]);
        std::thread::sleep(whole * k / 12);
        let killed = child.kill_now();
        drop(child);
        killed_any += usize::from(killed);
        let (ok, report) = check(&db);
        assert!(ok, "kill at {k}/12: {report}");
        let now_there = reflections(&db);
        assert!(
            now_there == old || now_there == new,
            "kill at {k}/12: {now_there} reflections, neither the old {old} nor the restored {new}"
        );
        outcomes.insert(now_there);
        assert!(
            temporaries(dir.path()).is_empty(),
            "kill at {k}/12: the next start removes the temporaries: {:?}",
            temporaries(dir.path())
        );
        // A kept copy of the replaced journal, if the kill came after it, is complete.
        for n in names(dir.path()) {
            if n.contains(".before-restore-") {
                let kept = dir.path().join(&n);
                assert!(check(&kept).0, "kill at {k}/12: {n} is complete");
                assert_eq!(reflections(&kept), old, "kill at {k}/12: {n}");
            }
        }
    }
    assert!(killed_any > 0, "no restore was killed while it ran");
    assert!(outcomes.contains(&old), "some kill came before the switch");
}

#[test]
fn a_restore_on_a_new_computer_killed_at_any_moment_leaves_no_journal_or_a_whole_one() {
    let base = tempfile::tempdir().unwrap();
    let source = base.path().join("journal.db");
    big_journal(&source);
    let backup = base.path().join("backup.db");
    Store::open(&source).unwrap().backup_to(&backup).unwrap();
    let expected = reflections(&backup);

    let t = Instant::now();
    let first = base.path().join("first/journal.db");
    assert!(
        mentorlog(&first, &["restore", backup.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let whole = t.elapsed();

    let mut killed_any = 0;
    for k in 0..8u32 {
        let home = tempfile::tempdir().unwrap();
        let db = home.path().join("new/journal.db");
        let mut child = start(&db, &["restore", backup.to_str().unwrap()]);
        std::thread::sleep(whole * k / 8);
        killed_any += usize::from(child.kill_now());
        drop(child);
        if db.exists() {
            let (ok, report) = check(&db);
            assert!(ok, "kill at {k}/8: {report}");
            assert_eq!(reflections(&db), expected, "kill at {k}/8");
        } else {
            // Run again: it works, and clears what the killed one left.
            assert!(
                mentorlog(&db, &["restore", backup.to_str().unwrap()])
                    .status()
                    .unwrap()
                    .success(),
                "kill at {k}/8: the restore runs again"
            );
            assert_eq!(reflections(&db), expected, "kill at {k}/8");
        }
        let folder = db.parent().unwrap();
        assert!(
            temporaries(folder).is_empty(),
            "kill at {k}/8: {:?}",
            temporaries(folder)
        );
    }
    assert!(killed_any > 0, "no restore was killed while it ran");
}
