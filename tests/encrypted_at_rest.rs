//! Nothing readable left on disk: a marker written in a reflection, a private answer of the
//! agreement, a draft, and an entry moved to the trash which is then emptied. With the journal
//! open (its -wal holding frames, its -shm beside it), a backup and the day's copy made, every
//! byte of every file in the journal's folder and in the temp folder is searched.
//!
//! Each way runs in a child process of its own (this test binary started again) with TMPDIR
//! pointing at a private folder from its first instruction, so nothing the process writes to
//! the temp folder is missed, and other tests' threads cannot change it.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::{AnswerValue, Passphrase, Reflection, Relationship, Role};
use mentorlog::store::{EntryKind, Store};

const DIR_ENV: &str = "MENTORLOG_AT_REST_DIR";
const WAY_ENV: &str = "MENTORLOG_AT_REST_WAY";

/// In the reflection, the private answer, the draft, and written after the last checkpoint.
const MARKER: &str = "umbrella-walrus-7391-quietly";
/// Only in the entry that goes to the trash, which is then emptied.
const TRASHED: &str = "saffron-glacier-2864-softly";

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The child: writes the markers, makes the copies, and stays open (holding the write-ahead
/// log with frames in it) until it is killed.
#[test]
#[ignore = "child process of the at-rest tests; they start it"]
fn at_rest_child() {
    let dir = PathBuf::from(std::env::var(DIR_ENV).expect("started by the at-rest tests"));
    let encrypted = std::env::var(WAY_ENV).unwrap() == "encrypted";
    let path = dir.join("journal").join("journal.db");
    let mut store = if encrypted {
        let p = Passphrase::new("correct horse battery".into()).unwrap();
        Store::create_encrypted(&path, &p).unwrap()
    } else {
        Store::open(&path).unwrap()
    };
    store.save_profile_name("Ada", now()).unwrap();
    let mut rel = Relationship::new_draft(now());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam".into();
    store.save_relationship(&rel, now()).unwrap();
    // (a) a reflection
    let r = Reflection::new(&format!("what I told no one: {MARKER}"), now());
    store.save_reflection(&r, now()).unwrap();
    // (b) a private answer of the agreement (the mentee's own question)
    let hope = AnswerValue::Text {
        text: format!("to stop {MARKER}"),
    };
    store
        .save_answer(rel.id, "mentee_hopes", &hope, true, now())
        .unwrap();
    // (c) a draft
    store
        .save_draft(
            "reflection:new",
            &format!("{{\"typed\":\"{MARKER}\"}}"),
            now(),
        )
        .unwrap();
    // (d) an entry moved to the trash, and the trash emptied
    let gone = Reflection::new(&format!("better forgotten: {TRASHED}"), now());
    store.save_reflection(&gone, now()).unwrap();
    store.checkpoint().unwrap();
    store
        .set_trashed(EntryKind::Reflection, gone.id, true, now())
        .unwrap();
    assert_eq!(store.empty_trash().unwrap(), 1);
    // The copies: one on demand, in a folder of its own, and the day's one beside the journal.
    store
        .backup_to(&dir.join("backups").join("journal.backup"))
        .unwrap();
    let daily = mentorlog::backup::daily(&store, today()).unwrap();
    assert!(daily.is_some(), "the day's copy was made");
    // Into the file, then one more write: it stays in the write-ahead log.
    store.checkpoint().unwrap();
    let later = Reflection::new(&format!("and later: {MARKER}"), now());
    store.save_reflection(&later, now()).unwrap();
    println!("ready");
    // Open until killed.
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let _ = store.trash_count();
    }
}

/// Ends the child by its process id, also when an assertion fails first.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Files by path, each with its bytes (and what a compressed one unpacks to).
type Files = Vec<(PathBuf, Vec<Vec<u8>>)>;

/// Every file under `root`, with its bytes (and, for a zstd-compressed one, the bytes it
/// unpacks to as well).
fn every_file(root: &Path) -> Files {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                todo.push(entry.path());
            } else if kind.is_file() {
                let bytes = fs::read(entry.path()).unwrap();
                let mut forms = vec![];
                if bytes.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
                    forms.push(zstd::decode_all(&bytes[..]).expect("a whole zstd file"));
                }
                forms.insert(0, bytes);
                out.push((entry.path(), forms));
            }
        }
    }
    out.sort();
    out
}

fn holds(forms: &[Vec<u8>], needle: &str) -> bool {
    let n = needle.as_bytes();
    forms.iter().any(|b| b.windows(n.len()).any(|w| w == n))
}

/// Runs the child one way and returns, once it is ready and while it still has the journal
/// open, every file in its folder (journal, copies) and in its temp folder.
fn scenario(way: &str) -> (tempfile::TempDir, Files) {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    fs::create_dir(dir.path().join("backups")).unwrap();
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "at_rest_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_ENV, dir.path())
        .env(WAY_ENV, way)
        .env("TMPDIR", &tmp)
        .env("SQLITE_TMPDIR", &tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut child = Running(child);
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.trim_end().ends_with("ready") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("the {way} child never got ready"));
    let files = every_file(dir.path());
    drop(child);
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    // What must have been searched, so the search cannot pass on missing files.
    for expected in [
        "journal/journal.db",
        "journal/journal.db-wal",
        "journal/journal.db-shm",
        "backups/journal.backup",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("journal/journal.db.daily-2026-11-22")),
        "the day's copy in {names:?}"
    );
    let wal = files
        .iter()
        .find(|(p, _)| p.ends_with("journal/journal.db-wal"))
        .unwrap();
    assert!(!wal.1[0].is_empty(), "the write-ahead log holds frames");
    (dir, files)
}

#[test]
fn an_encrypted_journal_leaves_no_marker_in_any_file_or_the_temp_folder() {
    let (_dir, files) = scenario("encrypted");
    for (path, forms) in &files {
        for marker in [MARKER, TRASHED] {
            assert!(
                !holds(forms, marker),
                "{marker} readable in {}",
                path.display()
            );
        }
    }
}

#[test]
fn a_plain_journal_shows_the_same_marker_so_the_search_finds_what_is_there() {
    let (_dir, files) = scenario("plain");
    let found_in = |end: &str| {
        files
            .iter()
            .filter(|(p, _)| p.to_string_lossy().contains(end))
            .any(|(_, forms)| holds(forms, MARKER))
    };
    assert!(found_in("journal/journal.db"), "in the journal or its log");
    assert!(
        found_in("journal/journal.db-wal"),
        "the last write, in the log"
    );
    assert!(found_in("backups/journal.backup"), "in the backup");
    assert!(found_in("journal.db.daily-"), "in the day's copy, unpacked");
    // An emptied trash is gone for good even from a plain journal: secure_delete zeroed it in
    // the file, and emptying the trash moved the log into the file and emptied it.
    for (path, forms) in &files {
        assert!(
            !holds(forms, TRASHED),
            "the emptied trash is readable in {}",
            path.display()
        );
    }
}
