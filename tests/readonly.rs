//! A full disk, a read-only file system, a file one may not open: the commands that only read
//! work; the others fail naming the real cause and what to do, never sending a healthy journal
//! to the backups; and the journal is left as it was.
//!
//! The tests run as root in CI, where permissions alone do not stop a write. So each scenario
//! runs in its own mount namespace (`unshare -m`) on a small tmpfs that is really full or
//! really mounted read-only, and the permission case runs the binary as `nobody`. Without
//! root and mount namespaces these tests fail with a message; they never skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use mentorlog::domain::Reflection;
use mentorlog::store::Store;

use common::both::{Way, each_way};

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A journal with a profile, a relationship with Sam and a few reflections. Returned open,
/// so its -wal and -shm exist until it is dropped.
fn journal(path: &Path) -> Store {
    let (mut store, rel) = common::ada_with_sam(path, now());
    for i in 0..5 {
        let mut r = Reflection::new(&format!("kept note {i}"), now());
        r.relationship_id = Some(rel.id);
        store.save_reflection(&r, now()).unwrap();
    }
    store
}

/// How the journal's file system is broken.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Broken {
    ReadOnly,
    Full,
}

struct Outcome {
    code: i32,
    out: String,
}

/// Copies the files of `staged` (journal.db and any -wal/-shm) onto a fresh 4 MiB tmpfs in a
/// private mount namespace, breaks it, runs mentorlog with each of `commands` there, and
/// reports each result and whether the journal's bytes stayed the same.
fn run_broken(staged: &Path, broken: Broken, commands: &[&[&str]]) -> (Vec<Outcome>, bool) {
    let work = tempfile::tempdir().unwrap();
    let mnt = work.path().join("mnt");
    let out = work.path().join("out");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mentorlog"));
    let mut script = format!(
        "set -eu\n\
         mount -t tmpfs -o size=4m,mode=0700 tmpfs '{mnt}'\n\
         cp -p '{staged}'/journal.db* '{mnt}'/\n\
         cp '{mnt}/journal.db' '{out}/before.db'\n",
        mnt = mnt.display(),
        staged = staged.display(),
        out = out.display(),
    );
    match broken {
        Broken::ReadOnly => script.push_str(&format!("mount -o remount,ro '{}'\n", mnt.display())),
        Broken::Full => script.push_str(&format!(
            "dd if=/dev/zero of='{}/filler' bs=4096 2>/dev/null || true\n\
             test \"$(df --output=avail '{}' | tail -1)\" -eq 0\n",
            mnt.display(),
            mnt.display()
        )),
    }
    script.push_str("set +e\n");
    for (i, args) in commands.iter().enumerate() {
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        script.push_str(&format!(
            "XDG_CONFIG_HOME='{out}/config' XDG_DATA_HOME='{out}/data' '{bin}' --db '{mnt}/journal.db' {args} \
             > '{out}/{i}.out' 2>&1 < /dev/null\n\
             echo $? > '{out}/{i}.rc'\n",
            out = out.display(),
            bin = bin.display(),
            mnt = mnt.display(),
            args = quoted.join(" "),
        ));
    }
    script.push_str(&format!(
        "cmp -s '{mnt}/journal.db' '{out}/before.db' && echo same > '{out}/same'\n\
         ls -a '{mnt}' > '{out}/ls'\n",
        mnt = mnt.display(),
        out = out.display()
    ));
    let status = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", &script])
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .output()
        .unwrap_or_else(|e| panic!("this test needs `unshare` (util-linux): {e}"));
    assert!(
        status.status.success(),
        "could not set up a {broken:?} file system: this test needs root and mount namespaces \
         (unshare -m, mount -t tmpfs); it does not skip.\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let outcomes = (0..commands.len())
        .map(|i| Outcome {
            code: std::fs::read_to_string(out.join(format!("{i}.rc")))
                .unwrap()
                .trim()
                .parse()
                .unwrap(),
            out: std::fs::read_to_string(out.join(format!("{i}.out"))).unwrap(),
        })
        .collect();
    (outcomes, out.join("same").exists())
}

const READERS: &[&[&str]] = &[
    &["export"],
    &["export", "--format", "markdown", "--include-private"],
    &["check"],
    &["due"],
    &["agreement"],
    &["review", "--include-private"],
    &["goals"],
];

/// Asserts the readers worked and printed the journal.
fn readers_work(outcomes: &[Outcome], what: &str) {
    for (args, o) in READERS.iter().zip(outcomes) {
        let expected = if args[0] == "due" { [0, 1] } else { [0, 0] };
        assert!(
            expected.contains(&o.code),
            "{what}: {args:?} exit {}: {}",
            o.code,
            o.out
        );
        assert!(!o.out.contains("restore"), "{what}: {args:?}: {}", o.out);
    }
    assert!(
        outcomes[0].out.contains("kept note 4"),
        "{}",
        outcomes[0].out
    );
    assert!(
        outcomes[2].out.contains("integrity: ok"),
        "{}",
        outcomes[2].out
    );
    assert!(outcomes[5].out.contains("Sam"), "{}", outcomes[5].out);
}

/// Stages a journal: with its -wal/-shm (copied while it is open, with a write still only in
/// the log) or checkpointed and closed (no sidecars).
fn stage(dir: &Path, with_sidecars: bool) -> PathBuf {
    let staged = dir.join("staged");
    std::fs::create_dir_all(&staged).unwrap();
    let db = dir.join("journal.db");
    let mut store = journal(&db);
    if with_sidecars {
        store
            .save_reflection(&Reflection::new("only in the log so far", now()), now())
            .unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let from = side(&db, suffix);
            assert!(from.exists(), "{suffix} exists while the journal is open");
            std::fs::copy(&from, side(&staged.join("journal.db"), suffix)).unwrap();
        }
    } else {
        drop(store);
        assert!(!side(&db, "-wal").exists());
        std::fs::copy(&db, staged.join("journal.db")).unwrap();
    }
    staged
}

#[test]
fn a_read_only_journal_can_be_read_and_says_why_it_cannot_be_written() {
    for with_sidecars in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(dir.path(), with_sidecars);
        let copy = dir.path().join("copy.db");
        let mut commands: Vec<&[&str]> = READERS.to_vec();
        let backup_args = ["backup", copy.to_str().unwrap()];
        commands.push(&backup_args);
        commands.push(&["reflect", "a new thought"]);
        commands.push(&[]);
        let (outcomes, same) = run_broken(&staged, Broken::ReadOnly, &commands);
        let what = format!("read-only, sidecars: {with_sidecars}");
        readers_work(&outcomes, &what);
        if with_sidecars {
            assert!(
                outcomes[0].out.contains("only in the log so far"),
                "{what}: the write-ahead log is read too: {}",
                outcomes[0].out
            );
        }
        let backup = &outcomes[READERS.len()];
        assert_eq!(backup.code, 0, "{what}: backup: {}", backup.out);
        assert_eq!(
            Store::open_read_only(&copy).unwrap().counts().unwrap().0[3].1,
            if with_sidecars { 6 } else { 5 }
        );
        for o in &outcomes[READERS.len() + 1..] {
            assert_eq!(o.code, 2, "{what}: {}", o.out);
            assert!(o.out.contains("read-only"), "{what}: {}", o.out);
            assert!(
                o.out.contains("The journal itself is fine"),
                "{what}: {}",
                o.out
            );
            assert!(!o.out.contains("restore"), "{what}: {}", o.out);
        }
        assert!(same, "{what}: the journal is byte for byte as it was");
    }
}

#[test]
fn on_a_full_disk_reading_works_and_writing_says_the_disk_is_full() {
    for with_sidecars in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(dir.path(), with_sidecars);
        let copy = dir.path().join("copy.db");
        let mut commands: Vec<&[&str]> = READERS.to_vec();
        let backup_args = ["backup", copy.to_str().unwrap()];
        commands.push(&backup_args);
        commands.push(&[]);
        commands.push(&["reflect", "a new thought that needs room"]);
        let (outcomes, same) = run_broken(&staged, Broken::Full, &commands);
        let what = format!("full, sidecars: {with_sidecars}");
        readers_work(&outcomes, &what);
        let backup = &outcomes[READERS.len()];
        assert_eq!(
            backup.code, 0,
            "{what}: backup to another disk: {}",
            backup.out
        );
        for o in &outcomes[READERS.len() + 1..] {
            assert_eq!(o.code, 2, "{what}: {}", o.out);
            assert!(o.out.contains("is full"), "{what}: {}", o.out);
            assert!(
                o.out.contains("The journal itself is fine"),
                "{what}: {}",
                o.out
            );
            assert!(!o.out.contains("restore"), "{what}: {}", o.out);
        }
        assert!(same, "{what}: the journal is byte for byte as it was");
    }
}

#[test]
fn a_journal_one_may_not_open_says_permission_denied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(journal(&db));
    // Root may open anything; `nobody` may enter the folder but not open the 0600 file.
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let before = std::fs::read(&db).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_mentorlog"));
    for args in [&["export"][..], &["reflect", "x"][..], &[][..]] {
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("MENTORLOG_DB")
            .env_remove("MENTORLOG_CONFIG")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .output()
            .unwrap_or_else(|e| panic!("this test needs `setpriv` (util-linux): {e}"));
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains("Operation not permitted") || !text.contains("setpriv"),
            "setpriv needs root: {text}"
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {text}");
        assert!(text.contains("not allowed"), "{args:?}: {text}");
        assert!(!text.contains("restore"), "{args:?}: {text}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn an_older_journal_on_a_read_only_disk_says_to_run_mentorlog_once_where_it_can_write() {
    let dir = tempfile::tempdir().unwrap();
    let staged = dir.path().join("staged");
    std::fs::create_dir_all(&staged).unwrap();
    let db = staged.join("journal.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(include_str!("../assets/migrations/0001_initial.sql"))
            .unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;",
            mentorlog::store::APPLICATION_ID
        ))
        .unwrap();
    }
    let (outcomes, same) = run_broken(&staged, Broken::ReadOnly, &[&["export"], &["check"]]);
    for o in &outcomes {
        assert_eq!(o.code, 2, "{}", o.out);
        assert!(o.out.contains("from an older mentorlog"), "{}", o.out);
        assert!(o.out.contains("run `mentorlog` once"), "{}", o.out);
        assert!(!o.out.contains("restore"), "{}", o.out);
    }
    assert!(same);
}

#[test]
fn a_journal_another_program_holds_says_so_and_reading_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(journal(&db));
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_mentorlog"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("MENTORLOG_DB")
            .env_remove("MENTORLOG_CONFIG")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, out) = run(&["export"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("kept note 4"), "{out}");
    let (code, out) = run(&["reflect", "waiting for the lock"]);
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("holds the journal"), "{out}");
    assert!(!out.contains("restore"), "{out}");
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn reading_only_sees_what_is_still_in_the_log_and_changes_no_byte() {
    each_way(read_only_either_way);
}

fn read_only_either_way(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(way.create(&db));
    let mut writer = journal(&db);
    writer.checkpoint().unwrap();
    writer
        .save_reflection(&Reflection::new("only in the log so far", now()), now())
        .unwrap();
    let before: Vec<Vec<u8>> = ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(side(&db, s)).unwrap())
        .collect();
    way.knows(&db);
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.is_encrypted(), way.is_encrypted());
    assert_eq!(reader.counts().unwrap().0[3].1, 6, "the log is read too");
    drop(reader);
    let after: Vec<Vec<u8>> = ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(side(&db, s)).unwrap())
        .collect();
    assert!(before == after, "reading wrote nothing");
}
