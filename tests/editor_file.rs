//! The external editor's file for an encrypted journal: in the private in-memory folder
//! ($XDG_RUNTIME_DIR) when there is one; without one, the person is asked before their text is
//! written in plain text, and "n" keeps it in the app. A plain journal edits as before.
//!
//! The tests set environment variables, so they take turns (one lock for the whole file).

mod common;

use std::collections::VecDeque;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Local};
use common::{Harness, fixed_now, on_screen};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Popup, Screen};
use mentorlog::domain::{Passphrase, Role};
use mentorlog::store::Store;
use mentorlog::tui::{EventSource, Next};

static ENV: Mutex<()> = Mutex::new(());

fn set_env(key: &str, value: Option<&Path>) {
    // SAFETY: every test in this file holds ENV while it changes or reads the environment.
    unsafe {
        match value {
            Some(v) => std::env::set_var(key, v),
            None => std::env::remove_var(key),
        }
    }
}

/// A journal with Sam in `dir`, encrypted or not.
fn journal(dir: &Path, encrypted: bool) -> Store {
    let path = dir.join("journal.db");
    let mut store = if encrypted {
        Store::create_encrypted(&path, &Passphrase::new("a long passphrase".into()).unwrap())
            .unwrap()
    } else {
        Store::open(&path).unwrap()
    };
    store
        .save_profile_name("Ada", fixed_now().to_utc())
        .unwrap();
    common::cli::agreed(&mut store, "Sam Rivera", Role::Mentee);
    store
}

/// A folder only this user can open, in memory, as a desktop's $XDG_RUNTIME_DIR is: in
/// `dir`, which is on /dev/shm (a tmpfs).
fn private_folder(dir: &Path) -> PathBuf {
    assert!(
        mentorlog::external::in_memory(dir),
        "{} must be in memory",
        dir.display()
    );
    let run = dir.join("run");
    std::fs::create_dir(&run).unwrap();
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    run
}

fn body(h: &Harness) -> String {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing")
    };
    w.form.fields.string(FieldId::Body)
}

/// Keys, then the end of input.
struct Script(VecDeque<Event>);

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Next> {
        Ok(self.0.pop_front().map_or(Next::End, Next::Event))
    }

    fn now(&mut self) -> DateTime<Local> {
        fixed_now()
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn an_encrypted_journal_with_a_private_folder_edits_there_and_leaves_nothing() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir_in("/dev/shm").expect("this test needs /dev/shm (a tmpfs)");
    let run = private_folder(dir.path());
    // A stand-in editor: says where its file is and its mode, then adds a line.
    let log = dir.path().join("editor.log");
    let script = dir.path().join("ed.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s %s\\n' \"$(dirname \"$1\")\" \"$(stat -c %a \"$1\")\" > {}\nprintf ' and more' >> \"$1\"\n",
            log.display()
        ),
    )
    .unwrap();
    set_env("XDG_RUNTIME_DIR", Some(&run));
    set_env("VISUAL", None);
    set_env(
        "EDITOR",
        Some(Path::new(&format!("sh {}", script.display()))),
    );
    let mut h = Harness::new(journal(dir.path(), true), 80, 24);
    assert_eq!(h.app.private_dir.as_deref(), Some(run.as_path()));
    let mut events: VecDeque<Event> = VecDeque::new();
    events.push_back(key(KeyCode::Char('r'), KeyModifiers::NONE));
    for c in "Written here".chars() {
        events.push_back(key(KeyCode::Char(c), KeyModifiers::NONE));
    }
    events.push_back(key(KeyCode::Char('g'), KeyModifiers::CONTROL));
    mentorlog::tui::run(
        &mut h.terminal,
        &mut h.app,
        &mut h.store,
        &mut Script(events),
    )
    .unwrap();
    set_env("EDITOR", None);
    set_env("XDG_RUNTIME_DIR", None);
    let said = std::fs::read_to_string(&log).expect("the editor ran");
    assert_eq!(said.trim(), format!("{} 600", run.display()));
    assert_eq!(std::fs::read_dir(&run).unwrap().count(), 0, "removed after");
    assert!(h.app.popup().is_none(), "nothing to ask");
    assert_eq!(body(&h), "Written here and more");
}

#[test]
fn without_a_private_folder_the_person_is_asked_first_and_no_keeps_the_text() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    set_env("XDG_RUNTIME_DIR", None);
    let mut h = Harness::new(journal(dir.path(), true), 80, 24);
    assert!(h.app.editor_asks);
    assert_eq!(h.app.private_dir.as_deref(), Some(dir.path()));
    // Shown as a person's own journal folder would be.
    h.app.private_dir = Some("/home/ada/.local/share/mentorlog".into());
    h.key(KeyCode::Char('r'));
    h.type_text("Written here");
    h.ctrl('g');
    assert_eq!(h.app.external, None, "nothing leaves before the answer");
    assert!(matches!(h.app.popup(), Some(Popup::Confirm { .. })));
    on_screen(&mut h, "private in-memory");
    assert_snapshot!("editor_plain_file_ask_80x24", h.screen());
    h.resize(120, 40);
    assert_snapshot!("editor_plain_file_ask_120x40", h.screen());
    h.resize(80, 24);

    h.key(KeyCode::Char('n'));
    assert!(h.app.popup().is_none());
    assert_eq!(h.app.external, None, "no means no file");
    assert_eq!(body(&h), "Written here");
    on_screen(&mut h, "Your text stays here, unchanged.");
    h.type_text(", still mine");
    assert_eq!(body(&h), "Written here, still mine", "writing goes on");

    h.ctrl('g');
    h.key(KeyCode::Char('y'));
    assert!(h.app.popup().is_none());
    assert_eq!(
        h.app.external.as_deref(),
        Some("Written here, still mine"),
        "yes hands it to the editor"
    );
}

#[test]
fn a_plain_journal_opens_the_editor_beside_it_without_asking() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir_in("/dev/shm").expect("this test needs /dev/shm (a tmpfs)");
    let run = private_folder(dir.path());
    set_env("XDG_RUNTIME_DIR", Some(&run));
    let mut h = Harness::new(journal(dir.path(), false), 80, 24);
    set_env("XDG_RUNTIME_DIR", None);
    assert!(!h.app.editor_asks);
    assert_eq!(h.app.private_dir.as_deref(), Some(dir.path()));
    h.key(KeyCode::Char('r'));
    h.type_text("Written here");
    h.ctrl('g');
    assert!(h.app.popup().is_none());
    assert_eq!(h.app.external.as_deref(), Some("Written here"));
}
