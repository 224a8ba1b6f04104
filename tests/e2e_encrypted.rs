//! The real binary in a real terminal (tmux): a first run that encrypts the journal, and
//! opening it again with its passphrase. The same first run without encryption leaves the
//! words readable in the file, so the byte search below can fail.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::tmux::Tmux;

/// A word typed into an answer, searched for in the journal's bytes.
const MARKER: &str = "Quillfeather";
const PASSPHRASE: &str = "river stone 42";

fn step(n: usize) -> String {
    if n <= 3 {
        format!("step {n}")
    } else {
        format!("step {n} of 23")
    }
}

/// From the walk-through's welcome: the profile, the relationship's first steps, and the
/// focus answer holding the marker; then Ctrl-C, which keeps the answers.
fn walk_and_quit(t: &Tmux) {
    t.wait_for("Welcome to mentorlog");
    t.press("Enter", &step(2));
    t.text("Ada Lovelace");
    t.press("Enter", &step(3));
    t.press("Enter", &step(4)); // mentee
    t.text("Sam Rivera");
    t.press("Enter", &step(5));
    t.keys(&["Down"]);
    t.press("Enter", &step(6)); // informal
    t.keys(&["Space", "Down", "Down", "Space"]);
    t.press("Enter", &step(7));
    t.text(&format!("Moving into {MARKER} engineering"));
    t.wait_for(MARKER);
    t.keys(&["C-c"]);
    t.wait_for("Your answers are saved");
    t.assert_back_in_shell(0);
}

/// The journal's files (journal, -wal, -shm) that exist, with their bytes.
fn journal_files(db: &Path) -> BTreeMap<String, Vec<u8>> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|end| {
            let path = format!("{}{end}", db.display());
            std::fs::read(&path).ok().map(|bytes| (path, bytes))
        })
        .collect()
}

fn holds(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

#[test]
fn a_first_run_encrypts_the_journal_and_only_its_passphrase_opens_it_again() {
    let t = Tmux::start("encrypted");
    t.mentorlog("");
    t.app_pid();
    t.wait_for("Keep this journal encrypted?");
    let screen = t.wait_for("cannot be recovered");
    assert!(screen.contains("mentorlog encrypt"), "{screen}");
    t.press("Enter", "New passphrase:");
    t.text(PASSPHRASE);
    t.wait_for(&"•".repeat(PASSPHRASE.chars().count()));
    t.press("Enter", "Type it again:");
    t.text(PASSPHRASE);
    let typed = t.wait_for(&"•".repeat(PASSPHRASE.chars().count()));
    assert!(
        !typed.contains("river"),
        "the passphrase is shown:\n{typed}"
    );
    t.keys(&["Enter"]);
    walk_and_quit(&t);

    let db = t.db();
    assert!(mentorlog::store::is_encrypted(&db));
    let files = journal_files(&db);
    assert!(files.contains_key(&db.display().to_string()));
    for (path, bytes) in &files {
        for word in [MARKER, "Sam Rivera", "Ada Lovelace"] {
            assert!(!holds(bytes, word), "{word:?} is readable in {path}");
        }
    }

    // Opening it again: the prompt, a wrong passphrase said and changing nothing, the right one.
    t.shell("clear");
    t.mentorlog("");
    t.app_pid();
    let prompt = t.wait_for("This journal is encrypted");
    assert!(prompt.contains("journal.db"), "{prompt}");
    let before = journal_files(&db);
    t.text("river stone 24");
    t.wait_for(&"•".repeat(14));
    let wrong = t.press(
        "Enter",
        "That passphrase does not open this journal. Try again.",
    );
    assert!(!wrong.contains("river"), "{wrong}");
    assert_eq!(
        journal_files(&db),
        before,
        "a wrong passphrase changed the files"
    );
    t.keys(&["Enter"]);
    t.wait_for("The passphrase cannot be empty");
    t.text(PASSPHRASE);
    t.wait_for(&"•".repeat(PASSPHRASE.chars().count()));
    let back = t.press("Enter", "Welcome back");
    let back = if back.contains(MARKER) {
        back
    } else {
        t.wait_for(MARKER)
    };
    assert!(back.contains(&step(7)), "{back}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);

    // Esc at the prompt leaves, nothing changed.
    let before = journal_files(&db);
    t.shell("clear");
    t.mentorlog("");
    t.app_pid();
    t.wait_for("This journal is encrypted");
    t.keys(&["Escape"]);
    t.assert_back_in_shell(0);
    assert_eq!(journal_files(&db), before);
}

#[test]
fn the_passphrase_command_opens_the_journal_without_the_prompt_and_a_wrong_one_exits_2() {
    let t = Tmux::start("encrypted-command");
    let db = t.db();
    {
        let p = mentorlog::domain::Passphrase::new(PASSPHRASE.into()).unwrap();
        let mut store = mentorlog::store::Store::create_encrypted(&db, &p).unwrap();
        store.save_profile_name("Ada", chrono::Utc::now()).unwrap();
    }
    let before = journal_files(&db);
    let start = |command: &str| {
        t.shell(&format!(
            "clear; MENTORLOG_PASSPHRASE_COMMAND='{command}' {} --db {}",
            env!("CARGO_BIN_EXE_mentorlog"),
            db.display()
        ));
    };
    start("echo river stone 24");
    t.wait_for("that passphrase does not open");
    t.assert_back_in_shell(2);
    start("exit 3");
    t.wait_for("failed (exit status 3)");
    t.assert_back_in_shell(2);
    assert_eq!(journal_files(&db), before);
    start(&format!("echo {PASSPHRASE}"));
    t.app_pid();
    // Home, straight away: no prompt.
    let screen = t.wait_for("Hi, Ada");
    assert!(!screen.contains("This journal is encrypted"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
}

#[test]
fn without_encryption_the_same_words_are_readable_in_the_file() {
    let t = Tmux::start("plain-first-run");
    t.mentorlog("");
    t.app_pid();
    t.skip_encryption_offer();
    walk_and_quit(&t);
    let db = t.db();
    assert!(!mentorlog::store::is_encrypted(&db));
    let files = journal_files(&db);
    assert!(
        files.values().any(|bytes| holds(bytes, MARKER)),
        "the byte search cannot find what it looks for"
    );
}
