//! Another mentorlog writing while the journal is encrypted or decrypted (a `reflect` from a
//! timer, say): each entry it says it saved is in the journal afterwards; an entry that could
//! not be saved is refused with a clear message, never accepted and then lost. And a journal
//! reached through a symbolic link is converted where it really lies, the link kept.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use mentorlog::domain::{Passphrase, Reflection};
use mentorlog::store::{Store, forget, is_encrypted};

const ENTRIES: usize = 50_000;
const SECRET: &str = "race passphrase";

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.into()).unwrap()
}

/// mentorlog in `home`, on the journal at `db`, its passphrase given by the command.
fn mentorlog(home: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env_remove("MENTORLOG_NEW_PASSPHRASE_COMMAND")
        .env(
            "MENTORLOG_PASSPHRASE_COMMAND",
            format!("printf %s '{SECRET}'"),
        )
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null());
    c
}

/// Ends the conversion by its process id, also when an assertion fails first.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn reflections(path: &Path, key: Option<&str>) -> i64 {
    forget(path);
    let store = match key {
        Some(k) => Store::unlock(path, &pass(k)).unwrap(),
        None => Store::open_existing(path).unwrap(),
    };
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let counts = store.counts().unwrap();
    drop(store);
    forget(path);
    counts
        .0
        .iter()
        .find(|(what, _)| *what == "reflections")
        .map(|(_, n)| *n)
        .expect("the counts name the reflections")
}

fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One conversion, with a writer saving an entry after another while it runs; a conversion
/// refused because the writer had the journal open at that moment is tried again. Returns how
/// many entries the writer was told were saved, and how many it was refused.
fn race(home: &Path, db: &Path, command: &str) -> (usize, usize) {
    let (mut saved, mut refused) = (0, 0);
    for _ in 0..20 {
        let key = is_encrypted(db).then_some(SECRET);
        let before = reflections(db, key);
        let conversion = mentorlog(home, db, &[command])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut conversion = Running(conversion);
        let started = Instant::now();
        // The conversion first, on its own: it refuses a journal another program has open.
        std::thread::sleep(Duration::from_millis(150));
        let (mut ok, mut no, mut i) = (0, 0, 0);
        while conversion.0.try_wait().unwrap().is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{command} hangs"
            );
            i += 1;
            let out = mentorlog(home, db, &["reflect", &format!("written meanwhile {i}")])
                .output()
                .unwrap();
            if out.status.success() {
                ok += 1;
            } else {
                let said = said(&out);
                assert!(
                    // "replaced": a writer that opened the old file just before the new one
                    // took its place (SQLite refuses to write a file renamed while open);
                    // "read-only" when that is found while opening it.
                    said.contains("another")
                        || said.contains("locked")
                        || said.contains("replaced")
                        || said.contains("read-only"),
                    "a refused entry says why: {said}"
                );
                no += 1;
            }
            // Room between two writers, as between two timers' runs.
            std::thread::sleep(Duration::from_millis(30 + 20 * (i % 4)));
        }
        let status = conversion.0.wait().unwrap();
        let mut err = String::new();
        if let Some(mut e) = conversion.0.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        saved += ok;
        refused += no;
        let key = is_encrypted(db).then_some(SECRET);
        let after = reflections(db, key);
        assert_eq!(
            after,
            before + ok as i64,
            "{command}: {ok} entries were said to be saved ({no} refused), yet the journal went \
             from {before} to {after}"
        );
        if status.success() {
            assert!(i >= 1, "the writer ran during the {command}");
            return (saved, refused);
        }
        assert!(
            err.contains("Nothing was changed"),
            "{command} failed: {err}"
        );
    }
    panic!("{command} never got the journal to itself");
}

#[test]
fn an_entry_written_during_a_conversion_is_kept_or_refused_never_lost() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("journal.db");
    {
        let mut store = Store::open(&db).unwrap();
        let body = "a long thought about the week. ".repeat(12);
        let all: Vec<Reflection> = (0..ENTRIES)
            .map(|i| Reflection::new(&format!("{i}: {body}"), now()))
            .collect();
        store.save_journal_batch(&[], &all, now()).unwrap();
    }
    let (saved, refused) = race(home.path(), &db, "encrypt");
    assert!(is_encrypted(&db));
    eprintln!("encrypt: {saved} saved, {refused} refused meanwhile");
    let (saved, refused) = race(home.path(), &db, "decrypt");
    assert!(!is_encrypted(&db));
    eprintln!("decrypt: {saved} saved, {refused} refused meanwhile");
}

#[test]
fn a_journal_reached_through_a_link_is_converted_where_it_lies() {
    let home = tempfile::tempdir().unwrap();
    let synced = home.path().join("synced");
    fs::create_dir(&synced).unwrap();
    let real = synced.join("journal.db");
    let link = home.path().join("journal.db");
    {
        let mut store = Store::open(&real).unwrap();
        let r = Reflection::new("zebra-quartz-lantern", now());
        store.save_reflection(&r, now()).unwrap();
    }
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = mentorlog(home.path(), &link, &["encrypt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(fs::read_link(&link).unwrap(), real);
    assert!(
        is_encrypted(&real),
        "the file the link points to is encrypted"
    );
    for side in ["-wal", "-shm", "-journal"] {
        let beside = synced.join(format!("journal.db{side}"));
        assert!(!beside.exists(), "{side} left beside the new file");
    }
    for entry in fs::read_dir(&synced).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(20).any(|w| w == b"zebra-quartz-lantern"));
    }
    assert_eq!(reflections(&real, Some(SECRET)), 1);
    let out = mentorlog(home.path(), &link, &["reflect", "through the link"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", said(&out));
    let out = mentorlog(home.path(), &link, &["decrypt"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", said(&out));
    assert!(fs::read_link(&link).is_ok(), "the link is still a link");
    assert!(!is_encrypted(&real));
    assert_eq!(reflections(&real, None), 2);
    let left: Vec<String> = fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("journal.db") && n != "journal.db")
        .collect();
    assert!(left.is_empty(), "nothing beside the link: {left:?}");
}
