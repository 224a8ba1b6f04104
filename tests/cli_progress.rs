//! Progress of long command-line work: drawn on stderr in a terminal, cleared before the
//! result; not one byte of it when stderr is not a terminal. And the library's side: the
//! work tells its progress with totals that match what it does.

mod common;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::cli::Env;
use mentorlog::progress::Progress;
use mentorlog::store::Store;

/// A journal of a dozen relationships and a few thousand entries, at `path`.
fn journal_at(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    mentorlog::generate::generate(&mut store, 300, 7).unwrap();
    mentorlog::generate::generate_entries(&mut store, 3_000, 7).unwrap();
    store
}

/// Every call a piece of work made, in order: (stage, its total, the steps it advanced by).
#[derive(Default)]
struct Recorded {
    stages: RefCell<Vec<(String, Option<u64>, u64)>>,
    finished: RefCell<usize>,
}

impl Progress for Recorded {
    fn begin(&self, what: &str, total: Option<u64>) {
        self.stages.borrow_mut().push((what.to_string(), total, 0));
    }
    fn advance(&self, steps: u64) {
        let mut stages = self.stages.borrow_mut();
        let stage = stages.last_mut().expect("advance comes after begin");
        stage.2 += steps;
    }
    fn finish(&self) {
        *self.finished.borrow_mut() += 1;
    }
}

impl Recorded {
    fn stages(&self) -> Vec<(String, Option<u64>, u64)> {
        self.stages.borrow().clone()
    }
}

/// A number SQLite gives for `sql` on the journal's file (read apart from the store).
fn count(store: &Store, sql: &str) -> u64 {
    let path = store.path().expect("a journal on disk").to_path_buf();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u64
}

#[test]
fn the_audit_advances_once_per_row_read_up_to_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal_at(&dir.path().join("journal.db"));
    let seen = Recorded::default();
    let bad = store.audit_with(&seen).unwrap();
    assert!(bad.is_empty());
    let stages = seen.stages();
    assert_eq!(stages.len(), 1, "{stages:?}");
    let (what, total, done) = &stages[0];
    assert_eq!(what, "reading every entry");
    assert_eq!(*total, Some(*done), "the audit reaches its total exactly");
    // Every entry is read at least twice (itself and its timeline line), so the total is
    // more than the entries; and never more than every row of every table three times.
    let entries = count(
        &store,
        "SELECT (SELECT count(*) FROM meeting) + (SELECT count(*) FROM reflection)",
    );
    assert!(entries >= 2_900, "{entries}");
    assert!(
        *done >= 2 * entries,
        "{done} row reads for {entries} entries"
    );
    assert_eq!(
        *seen.finished.borrow(),
        0,
        "the work never ends the display itself"
    );
}

#[test]
fn check_tells_its_stages_in_order_and_its_report_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal_at(&dir.path().join("journal.db"));
    let seen = Recorded::default();
    let with = mentorlog::backup::check_with(&store, &seen).unwrap();
    assert_eq!(with, mentorlog::backup::check(&store).unwrap());
    let names: Vec<String> = seen.stages().into_iter().map(|s| s.0).collect();
    assert_eq!(
        names,
        [
            "checking the whole file",
            "checking the links between entries",
            "reading every entry",
            "counting what the journal holds",
        ]
    );
}

#[test]
fn the_export_advances_by_every_row_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal_at(&dir.path().join("journal.db"));
    let seen = Recorded::default();
    let mut out = Vec::new();
    let rows = store
        .export_json_with(&mut out, "2026-11-22T10:00:00Z", &seen)
        .unwrap();
    let mut plain = Vec::new();
    store
        .export_json(&mut plain, "2026-11-22T10:00:00Z")
        .unwrap();
    assert_eq!(out, plain, "the progress changes nothing in the file");
    let stages = seen.stages();
    assert_eq!(
        stages,
        [(
            "writing every entry".to_string(),
            Some(rows as u64),
            rows as u64
        )]
    );
    assert!(rows > 3_000, "{rows}");
}

#[test]
fn the_import_advances_by_every_byte_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = journal_at(&dir.path().join("journal.db"));
    let mut file = Vec::new();
    store
        .export_json(&mut file, "2026-11-22T10:00:00Z")
        .unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    let seen = Recorded::default();
    let report = mentorlog::exchange::import_reader_with(
        &mut fresh,
        &file[..],
        Some(file.len() as u64),
        false,
        common::cli::now(),
        &seen,
    )
    .unwrap();
    assert!(report.added.values().sum::<usize>() > 3_000);
    let stages = seen.stages();
    assert_eq!(stages[0].0, "reading the file");
    assert_eq!(stages[0].1, Some(file.len() as u64));
    assert_eq!(stages[0].2, file.len() as u64, "every byte is counted once");
    let names: Vec<&str> = stages[1..].iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["checking the links between entries", "saving"]);
}

/// The bytes that only a drawn progress line writes: carriage returns and escape codes.
fn has_drawing(text: &str) -> bool {
    text.contains('\r') || text.contains('\u{1b}')
}

#[test]
fn without_a_terminal_nothing_of_the_progress_is_written() {
    let env = Env::new();
    let store = journal_at(&env.db());
    let (_, report) = mentorlog::backup::check(&store).unwrap();
    drop(store);

    let out = env.run(&["check"]).success().get_output().clone();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), report);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");

    let export = env.path("all.json");
    let out = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .args(["export", "--out"])
        .arg(&export)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("Exported ") && stderr.lines().count() == 1,
        "{stderr:?}"
    );
    assert!(!has_drawing(&stderr), "{stderr:?}");

    let other = env.path("other.db");
    let out = env
        .cmd()
        .arg("--db")
        .arg(&other)
        .arg("import")
        .arg(&export)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("Added: "), "{stdout}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");

    for args in [vec!["backup"], vec!["restore", other.to_str().unwrap()]] {
        let out = env.run(&args).success().get_output().clone();
        assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "{args:?}");
        assert!(!has_drawing(&String::from_utf8(out.stdout).unwrap()));
    }
}

/// mentorlog in a pseudo-terminal; killed by its process id when the test ends, passed or not.
struct InTerminal {
    session: expectrl::session::OsSession,
}

impl InTerminal {
    /// Runs `sh -c SCRIPT` in a terminal of its own, with mentorlog's path as `$0` and `args`
    /// after it; the script `exec`s mentorlog, so the process is mentorlog itself.
    fn start(env: &Env, script: &str, args: &[&Path]) -> InTerminal {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_mentorlog"))
            .args(args)
            .env("HOME", env.path(""))
            .env("XDG_CONFIG_HOME", env.path("config"))
            .env("XDG_DATA_HOME", env.path("data"))
            .env("TERM", "xterm-256color")
            .env_remove("MENTORLOG_DB")
            .env_remove("MENTORLOG_CONFIG");
        let mut session = expectrl::Session::spawn(c).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(120)));
        InTerminal { session }
    }

    /// Everything it wrote to the terminal until it ended (with "\r\n" as the terminal's line
    /// ends turned back into "\n").
    fn output(&mut self) -> String {
        use expectrl::Expect;
        let all = self.session.expect(expectrl::Eof).unwrap();
        String::from_utf8_lossy(all.as_bytes()).replace("\r\n", "\n")
    }
}

impl Drop for InTerminal {
    fn drop(&mut self) {
        let process = self.session.get_process_mut();
        if let Ok(expectrl::process::unix::WaitStatus::StillAlive) = process.status() {
            let pid = process.pid().as_raw();
            // SAFETY: a plain signal to the child this test started and has not reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            let _ = process.wait();
        }
    }
}

#[test]
fn in_a_terminal_check_shows_its_stages_and_the_report_is_unchanged() {
    let env = Env::new();
    let store = journal_at(&env.db());
    let (_, report) = mentorlog::backup::check(&store).unwrap();
    drop(store);
    let db: PathBuf = env.db();
    let stdout = env.path("report.txt");
    // stderr is the terminal; stdout goes to a file, which must hold exactly the report.
    let mut run = InTerminal::start(
        &env,
        r#"out="$1"; shift; exec "$0" "$@" > "$out""#,
        &[&stdout, Path::new("--db"), &db, Path::new("check")],
    );
    let shown = run.output();
    assert!(shown.contains("reading every entry"), "{shown:?}");
    assert!(shown.contains("checking the whole file"), "{shown:?}");
    assert_eq!(std::fs::read_to_string(&stdout).unwrap(), report);
}

#[test]
fn in_a_terminal_the_import_shows_a_bar_then_its_summary_intact() {
    let env = Env::new();
    let store = journal_at(&env.db());
    let file = env.path("all.json");
    let mut out = std::fs::File::create(&file).unwrap();
    store.export_json(&mut out, "2026-11-22T10:00:00Z").unwrap();
    drop(store);
    let other = env.path("other.db");
    // Both stdout and stderr are the terminal here.
    let mut run = InTerminal::start(
        &env,
        r#"exec "$0" "$@""#,
        &[Path::new("--db"), &other, Path::new("import"), &file],
    );
    let shown = run.output();
    assert!(shown.contains("reading the file"), "{shown:?}");
    assert!(shown.contains('%'), "a bar with its share done: {shown:?}");
    // The bar is cleared before the summary: after the last drawing, the summary comes whole.
    let summary = shown.rsplit('\u{1b}').next().unwrap();
    let summary = summary.trim_start_matches(|c: char| c != 'A');
    assert!(summary.starts_with("Added: "), "{shown:?}");
    assert!(
        summary.ends_with(&format!(
            "This made a new journal at {}.\n",
            other.display()
        )),
        "{shown:?}"
    );
    assert_eq!(summary.lines().count(), 2, "{summary:?}");
}

#[test]
fn an_export_streaming_to_the_terminal_draws_no_progress_over_itself() {
    let env = Env::new();
    drop(journal_at(&env.db()));
    let db = env.db();
    let mut run = InTerminal::start(
        &env,
        r#"exec "$0" "$@""#,
        &[Path::new("--db"), &db, Path::new("export")],
    );
    let shown = run.output();
    assert!(shown.contains("\"format\": \"mentorlog\""), "{shown:?}");
    assert!(!shown.contains("writing every entry"), "{shown:?}");
    assert!(!shown.contains('\u{1b}'), "no escape codes in the export");
}

/// A journal as version 8 wrote it (before the search index stopped keeping its own copy of
/// the text), with a profile and a few hundred reflections.
fn version_8_journal(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    for sql in &mentorlog::store::MIGRATIONS[..8] {
        c.execute_batch(sql).unwrap();
    }
    c.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = 8;
         INSERT INTO profile (id, name, created_at, updated_at)
         VALUES (1, 'Grace', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z');
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
         INSERT INTO reflection (id, written_at, body, tags, bring_up, private, created_at, updated_at)
         SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-11-01T10:00:00Z',
                'a thought ' || i, '[]', 0, 0, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'
         FROM n;",
        mentorlog::store::APPLICATION_ID
    ))
    .unwrap();
}

#[test]
fn updating_an_older_journal_tells_its_stages_once() {
    let env = Env::new();
    let db = env.db();
    version_8_journal(&db);
    let seen = Recorded::default();
    Store::update_older(&db, &seen).unwrap();
    let stages: Vec<String> = seen.stages().into_iter().map(|s| s.0).collect();
    assert_eq!(
        stages,
        [
            "keeping a copy of the journal as it is, before updating it (once)",
            "updating the journal to this version of mentorlog",
            "giving back the space the old search index took",
        ]
    );
    assert_eq!(
        Store::open_existing(&db).unwrap().schema_version().unwrap(),
        mentorlog::store::SCHEMA_VERSION
    );
    // Up to date now: nothing more to say, and nothing to do.
    let again = Recorded::default();
    Store::update_older(&db, &again).unwrap();
    assert!(again.stages().is_empty(), "{:?}", again.stages());
}

#[test]
fn an_older_journal_is_updated_with_its_stages_shown_only_in_a_terminal() {
    // Without a terminal: the command's output alone.
    let env = Env::new();
    version_8_journal(&env.db());
    let out = env.run(&["due"]).success().get_output().clone();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");

    // In a terminal: the update says what it does while it works, then the command runs.
    let env = Env::new();
    let db = env.db();
    version_8_journal(&db);
    let mut run = InTerminal::start(
        &env,
        r#"exec "$0" "$@""#,
        &[Path::new("--db"), &db, Path::new("due")],
    );
    let shown = run.output();
    assert!(
        shown.contains("updating the journal to this version of mentorlog"),
        "{shown:?}"
    );
    assert_eq!(
        Store::open_existing(&db).unwrap().schema_version().unwrap(),
        mentorlog::store::SCHEMA_VERSION
    );
}
