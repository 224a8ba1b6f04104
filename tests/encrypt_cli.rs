//! An encrypted journal from the command line: `encrypt`, `decrypt` and `passphrase`, every
//! command with the passphrase from MENTORLOG_PASSPHRASE_COMMAND, every bad passphrase
//! refused with the file untouched, and backups, restores and checks of encrypted copies.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use mentorlog::domain::Passphrase;
use mentorlog::store::{Store, is_encrypted};
use predicates::str::contains;

mod common;

use common::cli::*;

const MARKER: &str = "zebra-quartz-lantern";
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.into()).unwrap()
}

fn holds_bytes(path: &Path, needle: &str) -> bool {
    let hay = fs::read(path).unwrap();
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file of the journal (it, its -wal and -shm, and anything else named after it) with
/// its bytes: compared before and after, it shows that nothing was written or left behind.
fn files_of(env: &Env) -> BTreeMap<String, Vec<u8>> {
    files_reading(env, true)
}

/// [`files_of`], the -shm's bytes left unread when `shm` is false: closing a file drops every
/// lock the process holds on it, so a test holding the journal open must not read its -shm.
fn files_reading(env: &Env, shm: bool) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(env.path(""))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with("journal.db"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = if shm || !name.ends_with("-shm") {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (name, bytes)
        })
        .collect()
}

/// The names of the files that differ between two [`files_of`].
fn changed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    names.sort();
    names.dedup();
    names.into_iter().filter(|n| a.get(n) != b.get(n)).collect()
}

/// What `check` says the journal holds (its "holds:" line), with `passphrase` when given.
fn holds(env: &Env, db: &Path, passphrase: Option<&str>) -> String {
    let mut cmd = env.cmd();
    if let Some(p) = passphrase {
        cmd.env("MENTORLOG_PASSPHRASE_COMMAND", format!("printf %s '{p}'"));
    }
    let a = cmd.arg("--db").arg(db).arg("check").assert().success();
    let out = stdout(&a);
    assert!(out.contains("integrity: ok"), "{out}");
    out.lines()
        .find_map(|l| l.strip_prefix("holds: "))
        .unwrap_or_else(|| panic!("no counts in {out}"))
        .to_string()
}

/// A journal with Sam and a private reflection holding the marker, made plain.
fn plain_journal(env: &Env) {
    journal_with_sam(env);
    env.run(&["reflect", &format!("what I told no one: {MARKER}")])
        .success();
}

/// The same, encrypted with `passphrase` through `mentorlog encrypt`.
fn encrypted_journal(env: &Env, passphrase: &str) {
    plain_journal(env);
    env.run_with(passphrase, &["encrypt"]).success();
    assert!(is_encrypted(&env.db()));
}

#[test]
fn encrypt_use_change_the_passphrase_and_decrypt_keep_every_entry() {
    let env = Env::new();
    plain_journal(&env);
    let before = holds(&env, &env.db(), None);
    assert!(
        holds_bytes(&env.db(), MARKER),
        "plain at first: the test can fail"
    );

    let a = env.run_with("secret one", &["encrypt"]).success();
    let out = stdout(&a);
    assert!(
        out.contains(&format!("The journal is encrypted: {before}.")),
        "{out}"
    );
    assert!(out.contains("cannot be recovered"), "{out}");
    assert!(is_encrypted(&env.db()));
    for side in ["", "-wal", "-shm"] {
        let p = env.path(&format!("journal.db{side}"));
        if p.exists() {
            assert!(!holds_bytes(&p, MARKER), "{side} holds the marker");
        }
    }
    assert_eq!(holds(&env, &env.db(), Some("secret one")), before);
    let a = env.run(&["due"]).code(2);
    assert!(
        stderr(&a).contains("MENTORLOG_PASSPHRASE_COMMAND"),
        "{}",
        stderr(&a)
    );

    // Every command works with the passphrase given.
    env.run_with("secret one", &["reflect", "a second thought"])
        .success();
    env.run_with(
        "secret one",
        &["meeting", "--with", "Sam", "--notes", "talked it through"],
    )
    .success();
    let due = env
        .run_with("secret one", &["due"])
        .get_output()
        .status
        .code();
    assert!(matches!(due, Some(0 | 1)), "due exits {due:?}");
    env.run_with("secret one", &["due", "--json"])
        .stdout(contains("Sam Rivera"));
    let json = stdout(&env.run_with("secret one", &["export"]).success());
    assert!(json.contains(MARKER) && json.contains("talked it through"));
    let md = stdout(
        &env.run_with(
            "secret one",
            &["export", "--format", "markdown", "--include-private"],
        )
        .success(),
    );
    assert!(
        md.contains(MARKER) && md.contains("a second thought"),
        "{md}"
    );
    env.run_with("secret one", &["goals"]).success();
    env.run_with("secret one", &["agreement"])
        .success()
        .stdout(contains("Sam Rivera"));
    env.run_with("secret one", &["review", "--with", "Sam"])
        .success()
        .stdout(contains("talked it through"));
    let grown = holds(&env, &env.db(), Some("secret one"));
    assert_ne!(grown, before);

    // A new passphrase: the old one no longer opens it.
    let a = env
        .cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'secret two'")
        .arg("--db")
        .arg(env.db())
        .arg("passphrase")
        .assert()
        .success();
    assert!(
        stdout(&a).contains("The passphrase is changed"),
        "{}",
        stdout(&a)
    );
    let a = env.run_with("secret one", &["check"]).code(2);
    assert!(stderr(&a).contains("does not open"), "{}", stderr(&a));
    assert_eq!(holds(&env, &env.db(), Some("secret two")), grown);

    // Plain again, with every entry.
    let a = env.run_with("secret two", &["decrypt"]).success();
    assert!(stdout(&a).contains("plain file now"), "{}", stdout(&a));
    assert!(!is_encrypted(&env.db()));
    assert_eq!(&fs::read(env.db()).unwrap()[..16], SQLITE_MAGIC);
    assert_eq!(holds(&env, &env.db(), None), grown);
    assert!(holds_bytes(&env.db(), MARKER));
    env.run(&["export"]).success().stdout(contains(MARKER));
}

/// The ways a passphrase can fail to come, and what each says.
const BAD: [(&str, Option<&str>, &str); 5] = [
    ("wrong", Some("printf %s 'not it'"), "does not open"),
    ("empty", Some("printf ''"), "printed an empty passphrase"),
    ("failing", Some("false"), "failed (exit status 1)"),
    (
        "missing",
        Some("no-such-command-xyz"),
        "failed (exit status 127)",
    ),
    ("none", None, "MENTORLOG_PASSPHRASE_COMMAND"),
];

const COMMANDS: [&[&str]; 9] = [
    &["due"],
    &["due", "--quiet"],
    &["reflect", "typed in the dark"],
    &["check"],
    &["export"],
    &["encrypt", "--remove-plain-copies"],
    &["decrypt"],
    &["passphrase"],
    &["backup"],
];

fn refused_everywhere_untouched(env: &Env) {
    let before = files_of(env);
    for (what, command, says) in BAD {
        for args in COMMANDS {
            let mut cmd = env.cmd();
            cmd.env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'brand new'");
            if let Some(c) = command {
                cmd.env("MENTORLOG_PASSPHRASE_COMMAND", c);
            }
            let a = cmd.arg("--db").arg(env.db()).args(args).assert().code(2);
            let err = stderr(&a);
            assert!(err.contains(says), "{what} {args:?}: {err}");
            assert!(
                err.contains("untouched") || err.contains("Nothing was changed"),
                "{what} {args:?} says what happened to the file: {err}"
            );
            assert!(stdout(&a).is_empty(), "{what} {args:?}: {}", stdout(&a));
            let now = files_of(env);
            assert!(
                now == before,
                "{what} {args:?} changed {:?}",
                changed(&before, &now)
            );
        }
    }
    // The right one still opens all of it.
    assert!(holds(env, &env.db(), Some("secret one")).contains("2 reflections"));
}

#[test]
fn every_bad_passphrase_is_refused_with_exit_2_and_the_journal_untouched() {
    let env = Env::new();
    encrypted_journal(&env, "secret one");
    env.run_with("secret one", &["reflect", "another"])
        .success();
    // A plain copy beside it, which --remove-plain-copies must not remove without the
    // passphrase.
    fs::write(env.path("journal.db.backup-old"), SQLITE_MAGIC).unwrap();
    refused_everywhere_untouched(&env);
}

#[test]
fn a_journal_with_its_write_ahead_log_beside_it_is_untouched_by_bad_passphrases_too() {
    let env = Env::new();
    plain_journal(&env);
    env.run_with("secret one", &["encrypt"]).success();
    // A copy taken while a mentorlog was writing: the last entry is still in the -wal.
    let live = Env::new();
    fs::copy(env.db(), live.db()).unwrap();
    let store = Store::unlock(&live.db(), &pass("secret one")).unwrap();
    let mut store = store;
    let r = mentorlog::domain::Reflection::new("kept in the log", now());
    store.save_reflection(&r, now()).unwrap();
    for side in ["", "-wal", "-shm"] {
        fs::copy(
            live.path(&format!("journal.db{side}")),
            env.path(&format!("journal.db{side}")),
        )
        .unwrap();
    }
    drop(store);
    assert!(fs::metadata(env.path("journal.db-wal")).unwrap().len() > 0);
    refused_everywhere_untouched(&env);
}

#[test]
fn encrypt_says_what_to_do_with_no_journal_or_an_encrypted_one_and_a_same_passphrase() {
    let env = Env::new();
    let a = env.run_with("secret one", &["encrypt"]).code(2);
    assert!(
        stderr(&a).contains("Run `mentorlog` once"),
        "{}",
        stderr(&a)
    );
    assert!(!env.db().exists());

    encrypted_journal(&env, "secret one");
    let before = files_of(&env);
    let a = env.run_with("secret one", &["encrypt"]).code(2);
    assert!(
        stderr(&a).contains("`mentorlog passphrase`"),
        "{}",
        stderr(&a)
    );
    let a = env
        .cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .arg("--db")
        .arg(env.db())
        .arg("passphrase")
        .assert()
        .code(2);
    assert!(stderr(&a).contains("nothing changed"), "{}", stderr(&a));
    // Without a terminal, the new passphrase must come from its command.
    let a = env.run_with("secret one", &["passphrase"]).code(2);
    assert!(
        stderr(&a).contains("MENTORLOG_NEW_PASSPHRASE_COMMAND"),
        "{}",
        stderr(&a)
    );
    assert!(files_of(&env) == before);
    assert!(holds(&env, &env.db(), Some("secret one")).contains("1 reflections"));
}

#[test]
fn another_program_with_the_journal_open_stops_encrypt_decrypt_and_passphrase() {
    let env = Env::new();
    plain_journal(&env);
    let held = Store::open_existing(&env.db()).unwrap();
    let before = files_reading(&env, false);
    let me = format!("process {}", std::process::id());
    let a = env.run_with("secret one", &["encrypt"]).code(2);
    assert!(stderr(&a).contains(&me), "{}", stderr(&a));
    assert!(
        files_reading(&env, false) == before,
        "encrypt changed the files"
    );
    drop(held);
    assert!(!is_encrypted(&env.db()));

    env.run_with("secret one", &["encrypt"]).success();
    let held = Store::unlock(&env.db(), &pass("secret one")).unwrap();
    let before = files_reading(&env, false);
    let a = env.run_with("secret one", &["decrypt"]).code(2);
    assert!(stderr(&a).contains(&me), "{}", stderr(&a));
    let a = env
        .cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'secret two'")
        .arg("--db")
        .arg(env.db())
        .arg("passphrase")
        .assert()
        .code(2);
    assert!(stderr(&a).contains(&me), "{}", stderr(&a));
    assert!(
        files_reading(&env, false) == before,
        "decrypt or passphrase changed the files"
    );
    drop(held);
    holds(&env, &env.db(), Some("secret one"));
}

#[test]
fn the_plain_copies_made_before_are_named_and_only_they_are_removed() {
    let env = Env::new();
    plain_journal(&env);
    env.run(&["backup"]).success();
    let today = chrono::Local::now().date_naive();
    let daily = {
        let store = Store::open_existing(&env.db()).unwrap();
        mentorlog::backup::daily(&store, today).unwrap().unwrap()
    };
    assert!(daily.to_string_lossy().ends_with(".zst"));
    let plain_backup = files_of(&env)
        .into_keys()
        .find(|n| n.starts_with("journal.db.backup-"))
        .unwrap();
    fs::write(env.path(&format!("{plain_backup}-wal")), b"log").unwrap();
    fs::write(env.path("journal.db.notes"), b"mine").unwrap();
    fs::write(env.path("other.db.backup-1"), SQLITE_MAGIC).unwrap();
    // Text rescued beside the journal once, in plain text; and one kept as an age file.
    fs::write(env.path("journal.db.rescued-20261101T1000.txt"), b"unsaved").unwrap();
    fs::write(
        env.path("journal.db.rescued-20261102T1000.txt.age"),
        b"age-encryption.org/v1\n",
    )
    .unwrap();

    let a = env.run_with("secret one", &["encrypt"]).success();
    let out = stdout(&a);
    assert!(
        out.contains("3 copies made before are not encrypted"),
        "{out}"
    );
    assert!(
        out.contains("journal.db.rescued-20261101T1000.txt"),
        "{out}"
    );
    assert!(
        out.contains("plain text") && out.contains(&plain_backup),
        "{out}"
    );
    assert!(out.contains("--remove-plain-copies"), "{out}");
    assert!(env.path(&plain_backup).exists() && daily.exists());

    let sealed = env.path("journal.db.backup-sealed");
    env.run_with("secret one", &["backup", sealed.to_str().unwrap()])
        .success();
    let a = env
        .run_with("secret one", &["encrypt", "--remove-plain-copies"])
        .success();
    assert!(
        stdout(&a).contains("Removed 3 plain copies"),
        "{}",
        stdout(&a)
    );
    for gone in [
        plain_backup.clone(),
        format!("{plain_backup}-wal"),
        "journal.db.rescued-20261101T1000.txt".into(),
    ] {
        assert!(!env.path(&gone).exists(), "{gone}");
    }
    assert!(!daily.exists());
    for kept in [
        "journal.db.notes",
        "other.db.backup-1",
        "journal.db.backup-sealed",
        "journal.db.rescued-20261102T1000.txt.age",
    ] {
        assert!(env.path(kept).exists(), "{kept}");
    }
    holds(&env, &sealed, Some("secret one"));
}

#[test]
fn backups_of_an_encrypted_journal_are_encrypted_and_restore_and_check_with_a_passphrase() {
    let env = Env::new();
    encrypted_journal(&env, "secret one");
    let counts = holds(&env, &env.db(), Some("secret one"));
    let b1 = env.path("b1.db");
    env.run_with("secret one", &["backup", b1.to_str().unwrap()])
        .success();
    assert!(is_encrypted(&b1));
    assert_ne!(&fs::read(&b1).unwrap()[..16], SQLITE_MAGIC);
    assert!(!holds_bytes(&b1, MARKER));
    // check on the backup itself, with and without its passphrase.
    assert_eq!(holds(&env, &b1, Some("secret one")), counts);
    env.cmd()
        .arg("--db")
        .arg(&b1)
        .arg("check")
        .assert()
        .code(2)
        .stderr(contains("MENTORLOG_PASSPHRASE_COMMAND"));

    env.run_with("secret one", &["reflect", "after the backup"])
        .success();
    env.run_with("secret one", &["restore", b1.to_str().unwrap()])
        .success()
        .stdout(contains("Restored"));
    assert_eq!(holds(&env, &env.db(), Some("secret one")), counts);
    assert!(is_encrypted(&env.db()));

    // After a passphrase change, the old backup needs its own passphrase.
    env.cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'secret two'")
        .arg("--db")
        .arg(env.db())
        .arg("passphrase")
        .assert()
        .success();
    env.run_with("secret two", &["reflect", "after the change"])
        .success();
    let before = files_of(&env);
    let a = env
        .run_with("secret two", &["restore", b1.to_str().unwrap()])
        .code(2);
    assert!(
        stderr(&a).contains("before a passphrase change"),
        "{}",
        stderr(&a)
    );
    assert!(
        files_of(&env) == before,
        "a refused restore changed the journal"
    );

    // With no journal there, the backup's passphrase restores it, and it stays its own.
    let fresh = env.path("fresh/journal.db");
    env.cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .arg("--db")
        .arg(&fresh)
        .args(["restore", b1.to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("There was no journal there yet"));
    assert!(is_encrypted(&fresh));
    assert_eq!(holds(&env, &fresh, Some("secret one")), counts);

    // Into a plain journal, the restored journal is plain.
    let plain = env.path("plain/journal.db");
    drop(Store::open(&plain).unwrap());
    env.cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .arg("--db")
        .arg(&plain)
        .args(["restore", b1.to_str().unwrap()])
        .assert()
        .success();
    assert!(!is_encrypted(&plain));
    assert_eq!(holds(&env, &plain, None), counts);
    assert!(holds_bytes(&plain, MARKER));
}

#[test]
fn the_daily_copy_of_an_encrypted_journal_is_encrypted_and_restores() {
    let env = Env::new();
    encrypted_journal(&env, "secret one");
    let counts = holds(&env, &env.db(), Some("secret one"));
    let today = chrono::Local::now().date_naive();
    let daily = {
        let store = Store::unlock(&env.db(), &pass("secret one")).unwrap();
        mentorlog::backup::daily(&store, today).unwrap().unwrap()
    };
    assert!(is_encrypted(&daily), "{}", daily.display());
    assert!(!holds_bytes(&daily, MARKER));
    assert_eq!(holds(&env, &daily, Some("secret one")), counts);
    env.run_with("secret one", &["reflect", "after the copy"])
        .success();
    env.run_with("secret one", &["restore", daily.to_str().unwrap()])
        .success();
    assert_eq!(holds(&env, &env.db(), Some("secret one")), counts);
}

#[test]
fn restore_asks_on_a_terminal_for_the_passphrase_of_a_backup_from_before_a_change() {
    let env = Env::new();
    encrypted_journal(&env, "secret one");
    let counts = holds(&env, &env.db(), Some("secret one"));
    let b1 = env.path("b1.db");
    env.run_with("secret one", &["backup", b1.to_str().unwrap()])
        .success();
    env.cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .env("MENTORLOG_NEW_PASSPHRASE_COMMAND", "printf %s 'secret two'")
        .arg("--db")
        .arg(env.db())
        .arg("passphrase")
        .assert()
        .success();
    env.run_with("secret two", &["reflect", "after the change"])
        .success();

    let t = common::tmux::Tmux::start("restore-ask");
    fs::copy(env.db(), t.db()).unwrap();
    let backup = t.home.path().join("b1.db");
    fs::copy(&b1, &backup).unwrap();
    t.shell(&format!(
        "MENTORLOG_PASSPHRASE_COMMAND=\"printf %s 'secret two'\" {} --db {} restore {}",
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display(),
        backup.display()
    ));
    t.wait_for("Passphrase of the backup");
    t.text("not it");
    t.keys(&["Enter"]);
    t.wait_for("does not open the backup. Try again");
    t.text("secret one");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Restored");
    assert!(
        !screen.contains("secret one") && !screen.contains("not it"),
        "{screen}"
    );
    t.shell("echo EXIT=$?");
    t.wait_for("EXIT=0");
    // The journal keeps its own passphrase, with the backup's content.
    assert_eq!(holds(&env, &t.db(), Some("secret two")), counts);
    env.cmd()
        .env("MENTORLOG_PASSPHRASE_COMMAND", "printf %s 'secret one'")
        .arg("--db")
        .arg(t.db())
        .arg("check")
        .assert()
        .code(2);
}
