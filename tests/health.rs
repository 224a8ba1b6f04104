//! A damaged journal: found without slowing the first frame, told to the person, never
//! written again, with every typed text kept beside it and the newest good daily copy offered.

mod common;

use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use chrono::{DateTime, Local, Utc};
use common::both::{Way, each_way};
use common::{Harness, fixed_now};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{Reflection, Relationship, RelationshipStatus, Role};
use mentorlog::health;
use mentorlog::store::Store;
use mentorlog::tui::{EventSource, Next};

fn t0() -> DateTime<Utc> {
    "2026-11-10T09:00:00Z".parse().unwrap()
}

/// A journal made through the store: Ada, her mentor Sam, and enough reflections that the
/// reflection table spans many pages.
fn make_journal(path: &Path) {
    let mut store = Store::open(path).unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0().date_naive());
    store.save_relationship(&rel, t0()).unwrap();
    for i in 0..300 {
        let body = format!(
            "Reflection number {i}: {}",
            "what went well today. ".repeat(12)
        );
        let mut r = Reflection::new(&body, t0());
        r.relationship_id = Some(rel.id);
        store.save_reflection(&r, t0()).unwrap();
    }
    store.checkpoint().unwrap();
}

/// Overwrites the cell pointers of one leaf page of the reflection table (from the middle,
/// so the app's first screen does not read it) with garbage: SQLite still opens the file,
/// but its quick check fails.
fn corrupt(path: &Path) {
    let (page, page_size) = {
        let conn = rusqlite::Connection::open(path).unwrap();
        let pages: Vec<i64> = conn
            .prepare("SELECT pageno FROM dbstat WHERE name = 'reflection' AND pagetype = 'leaf' ORDER BY pageno")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(pages.len() > 10, "the table spans many pages: {pages:?}");
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (pages[pages.len() / 2], size)
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(((page - 1) * page_size + 8) as u64))
        .unwrap();
    file.write_all(&[0xA5; 64]).unwrap();
    file.sync_all().unwrap();
    assert!(
        health::check_file(path).is_some(),
        "the quick check finds the damage"
    );
}

/// Overwrites the header of the relationship table's first page, which the home screen
/// reads: the app cannot start on it.
fn corrupt_relationships(path: &Path) {
    let (page, page_size) = {
        let conn = rusqlite::Connection::open(path).unwrap();
        let page: i64 = conn
            .query_row(
                "SELECT pageno FROM dbstat WHERE name = 'relationship' ORDER BY pageno LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (page, size)
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(((page - 1) * page_size) as u64))
        .unwrap();
    file.write_all(&[0xA5; 8]).unwrap();
    file.sync_all().unwrap();
}

/// A folder with a journal, a good daily copy from 20 November and a damaged one from the
/// 21st (made after the damage), and the journal damaged.
struct Damaged {
    dir: tempfile::TempDir,
}

impl Damaged {
    fn new() -> Damaged {
        let d = Damaged {
            dir: tempfile::tempdir().unwrap(),
        };
        make_journal(&d.db());
        Store::open(&d.db())
            .unwrap()
            .backup_to(&d.daily("2026-11-20"))
            .unwrap();
        corrupt(&d.db());
        std::fs::copy(d.db(), d.daily("2026-11-21")).unwrap();
        d
    }

    /// The same, with no daily copy at all.
    fn without_copies() -> Damaged {
        let d = Damaged {
            dir: tempfile::tempdir().unwrap(),
        };
        make_journal(&d.db());
        corrupt(&d.db());
        d
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("journal.db")
    }

    fn daily(&self, day: &str) -> PathBuf {
        self.dir.path().join(format!("journal.db.daily-{day}"))
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.db()).unwrap()
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("mentorlog").unwrap();
        c.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("MENTORLOG_CONFIG")
            .arg("--db")
            .arg(self.db());
        c
    }

    fn rescued(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".rescued-"))
            .collect();
        found.sort();
        found
    }

    fn harness(&self, w: u16, h: u16) -> Harness {
        let mut h = Harness::new(Store::open(&self.db()).unwrap(), w, h);
        let damage = health::examine(&self.db()).expect("the check finds the damage");
        h.action(Action::JournalDamaged(damage));
        h
    }

    /// The screen as a person at home would see it: the temporary folder drawn as their
    /// data folder, and SQLite's finding fixed, so snapshots do not depend on this machine.
    fn screen(&self, h: &mut Harness) -> String {
        let home = "/home/ada/.local/share/mentorlog";
        let moved = |p: &Path| {
            PathBuf::from(
                p.to_string_lossy()
                    .replace(&self.dir.path().display().to_string(), home),
            )
        };
        let mut shown = h.app.clone();
        if let Some(damage) = &mut shown.damage {
            damage.journal = moved(&damage.journal);
            damage.good_copy = damage.good_copy.as_deref().map(moved);
            damage.finding = "Tree 18 page 122 cell 7: Offset 42405 out of range 456..4092".into();
        }
        shown.rescue.path = shown.rescue.path.as_deref().map(moved);
        h.terminal
            .draw(|f| mentorlog::ui::render(&shown, f))
            .unwrap();
        h.terminal.backend().to_string()
    }
}

fn private(path: &Path) -> bool {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777 == 0o600
}

#[test]
fn the_check_finds_the_damage_and_the_newest_good_copy() {
    let d = Damaged::new();
    let damage = health::examine(&d.db()).expect("damaged");
    assert_eq!(damage.good_copy, Some(d.daily("2026-11-20")));
    assert_eq!(damage.good_copy_day().as_deref(), Some("2026-11-20"));
    let plain = Damaged::without_copies();
    assert_eq!(health::examine(&plain.db()).unwrap().good_copy, None);
}

#[test]
fn reflect_refuses_a_damaged_journal_leaves_it_unchanged_and_keeps_the_text() {
    let d = Damaged::new();
    let before = d.bytes();
    let a = d
        .cmd()
        .args(["reflect", "A thought I must not lose."])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains("Nothing was written"), "{err}");
    assert!(
        err.contains(&format!(
            "mentorlog restore {}",
            d.daily("2026-11-20").display()
        )),
        "{err}"
    );
    assert!(
        d.bytes() == before,
        "the journal is byte-for-byte unchanged"
    );
    let rescued = d.rescued();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(err.contains(&rescued[0].display().to_string()), "{err}");
    assert!(private(&rescued[0]));
    let kept = std::fs::read_to_string(&rescued[0]).unwrap();
    assert!(kept.contains("A thought I must not lose."), "{kept}");
}

#[test]
fn meeting_refuses_a_damaged_journal_with_the_advice_when_no_copy_is_good() {
    let d = Damaged::without_copies();
    let before = d.bytes();
    let a = d
        .cmd()
        .args([
            "meeting",
            "--with",
            "sam",
            "--notes",
            "Talked about the talk",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("No daily copy beside it passes its check"),
        "{err}"
    );
    assert!(err.contains("mentorlog check"), "{err}");
    assert!(d.bytes() == before);
    let kept = std::fs::read_to_string(&d.rescued()[0]).unwrap();
    assert!(kept.contains("Talked about the talk"), "{kept}");
}

#[test]
fn the_notice_shows_and_stays_on_home() {
    let d = Damaged::new();
    let mut h = d.harness(80, 24);
    assert!(matches!(h.app.popup(), Some(Popup::Damaged { .. })));
    assert_snapshot!("damaged_popup_80x24", d.screen(&mut h));
    h.key(KeyCode::Char('x'));
    assert!(
        matches!(h.app.popup(), Some(Popup::Damaged { .. })),
        "only Enter or Esc closes it"
    );
    h.enter();
    assert!(h.app.popup().is_none());
    assert_snapshot!("damaged_home_80x24", d.screen(&mut h));
}

#[test]
fn the_notice_at_a_narrow_size_and_without_a_good_copy() {
    let d = Damaged::without_copies();
    let mut h = d.harness(44, 24);
    assert_snapshot!("damaged_popup_44x24_no_copy", d.screen(&mut h));
    h.enter();
    assert_snapshot!("damaged_home_44x24_no_copy", d.screen(&mut h));
}

#[test]
fn a_save_fails_with_the_reason_keeps_the_form_and_the_text_goes_beside_the_journal() {
    let d = Damaged::new();
    let before = d.bytes();
    let mut h = d.harness(80, 24);
    h.enter();
    h.key(KeyCode::Char('r'));
    h.type_text("Nervous about the demo, but ready.");
    h.ctrl('s');
    let text = h.text();
    assert!(text.contains("Not saved: the journal is damaged"), "{text}");
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing");
    };
    assert_eq!(
        w.form.fields.string(FieldId::Body),
        "Nervous about the demo, but ready."
    );
    // The notice comes back with where the text went.
    assert!(matches!(h.app.popup(), Some(Popup::Damaged { .. })));
    assert_snapshot!("damaged_save_refused_80x24", d.screen(&mut h));
    let rescued = d.rescued();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(private(&rescued[0]));
    assert!(
        std::fs::read_to_string(&rescued[0])
            .unwrap()
            .contains("Nervous about the demo, but ready.")
    );
    // Typing on: each autosave keeps the newest text in the same file.
    h.enter();
    h.type_text(" Still.");
    h.action(Action::Tick);
    assert_eq!(d.rescued(), rescued);
    assert!(
        std::fs::read_to_string(&rescued[0])
            .unwrap()
            .contains("Nervous about the demo, but ready. Still.")
    );
    // Nothing reaches the journal, not even a draft.
    assert!(
        h.store
            .save_draft("entry:test", "x", fixed_now().with_timezone(&Utc))
            .is_err()
    );
    h.key(KeyCode::Esc);
    drop(h);
    assert!(
        d.bytes() == before,
        "the journal is byte-for-byte unchanged"
    );
}

#[test]
fn quitting_keeps_the_text_beside_the_journal_and_says_where() {
    let d = Damaged::new();
    let mut h = d.harness(80, 24);
    h.enter();
    h.key(KeyCode::Char('r'));
    h.type_text("Typed after the damage.");
    h.ctrl('c');
    assert!(h.app.should_quit, "quitting is never blocked");
    let rescued = d.rescued();
    assert_eq!(rescued.len(), 1);
    assert!(
        std::fs::read_to_string(&rescued[0])
            .unwrap()
            .contains("Typed after the damage.")
    );
    let farewell = h.app.farewell.clone().unwrap();
    assert!(
        farewell.contains(&rescued[0].display().to_string()),
        "{farewell}"
    );
    assert!(farewell.contains("mentorlog restore"), "{farewell}");
}

#[test]
fn the_notice_covers_a_popup_and_gives_it_back() {
    let d = Damaged::new();
    let mut h = Harness::new(Store::open(&d.db()).unwrap(), 80, 24);
    h.key(KeyCode::Char('?'));
    assert_eq!(h.app.popup(), Some(&Popup::Help));
    h.action(Action::JournalDamaged(health::examine(&d.db()).unwrap()));
    assert!(matches!(h.app.popup(), Some(Popup::Damaged { .. })));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup(), Some(&Popup::Help));
}

/// Input that only waits, for a while, then ends.
struct Waiting {
    left: usize,
}

impl EventSource for Waiting {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Next> {
        if self.left == 0 {
            return Ok(Next::End);
        }
        self.left -= 1;
        std::thread::sleep(Duration::from_millis(50));
        Ok(Next::Timeout)
    }

    fn now(&mut self) -> DateTime<Local> {
        fixed_now()
    }
}

#[test]
fn the_loop_runs_the_check_beside_it_and_shows_the_notice() {
    let d = Damaged::new();
    let mut h = Harness::new(Store::open(&d.db()).unwrap(), 80, 24);
    assert!(h.app.damage.is_none());
    let mut events = Waiting { left: 60 };
    mentorlog::tui::run(&mut h.terminal, &mut h.app, &mut h.store, &mut events).unwrap();
    assert!(
        h.app.damage.is_some(),
        "the background check reported within 3 s"
    );
    assert!(matches!(h.app.popup(), Some(Popup::Damaged { .. })));
    assert!(h.store.save_profile_name("Bo", t0()).is_err());
}

#[test]
fn a_sound_journal_gets_no_notice() {
    each_way(no_notice);
}

/// An encrypted journal is read with its passphrase by the check beside the app: sound.
fn no_notice(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(way.create(&db));
    make_journal(&db);
    let mut h = Harness::new(way.open(&db), 80, 24);
    let mut events = Waiting { left: 20 };
    mentorlog::tui::run(&mut h.terminal, &mut h.app, &mut h.store, &mut events).unwrap();
    assert!(h.app.damage.is_none());
    assert!(h.app.popup().is_none());
}

/// One mentorlog in its own tmux server; both are ended by id when the test ends, also
/// when it fails.
struct Running {
    socket: String,
    pid: Option<i32>,
}

impl Running {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let out = self.tmux(&["capture-pane", "-p"]);
            let screen = String::from_utf8_lossy(&out.stdout).into_owned();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited 20 s for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(pid) = self.pid {
            // SAFETY: kill(2) on the id of the process this test started.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn e2e_the_real_binary_shows_the_notice_on_a_damaged_journal() {
    let found = std::process::Command::new("tmux").arg("-V").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "tmux is needed for this end-to-end test: install it"
    );
    let d = Damaged::new();
    let mut run = Running {
        socket: format!("mentorlog-health-{}", std::process::id()),
        pid: None,
    };
    let command = format!(
        "exec env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color {bin} --db {db}",
        home = d.dir.path().display(),
        bin = env!("CARGO_BIN_EXE_mentorlog"),
        db = d.db().display()
    );
    let out = run.tmux(&["new-session", "-d", "-x", "80", "-y", "24", &command]);
    assert!(out.status.success(), "{out:?}");
    let out = run.tmux(&["display", "-p", "#{pane_pid}"]);
    run.pid = String::from_utf8_lossy(&out.stdout).trim().parse().ok();
    assert!(run.pid.is_some(), "{out:?}");
    run.wait_for("Hi, Ada");
    // The notice's last words: a capture taken mid-frame may hold only its first lines.
    let screen = run.wait_for("mentorlog restore");
    assert!(screen.contains("The journal is damaged"), "{screen}");
    run.tmux(&["send-keys", "Enter"]);
    run.wait_for("nothing more is written to it");
}

#[test]
fn the_restore_command_the_notice_gives_brings_back_a_sound_journal() {
    let d = Damaged::new();
    let damage = health::examine(&d.db()).unwrap();
    let command = damage.restore_command().unwrap();
    let path = command.strip_prefix("mentorlog restore ").unwrap();
    d.cmd().arg("restore").arg(path).assert().success();
    assert_eq!(
        health::check_file(&d.db()),
        None,
        "the journal is sound again"
    );
    let store = Store::open(&d.db()).unwrap();
    assert!(health::refuse_if_damaged(&store).is_ok());
}

#[test]
fn damage_the_first_screen_cannot_read_is_explained_with_the_way_back() {
    let d = Damaged::new();
    corrupt_relationships(&d.db());
    let a = d.cmd().assert().code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains("mentorlog cannot show it"), "{err}");
    assert!(
        err.contains(&format!(
            "mentorlog restore {}",
            d.daily("2026-11-20").display()
        )),
        "{err}"
    );
}

#[test]
fn quitting_an_unsaved_answer_is_not_blocked_and_the_answer_is_kept() {
    let d = Damaged::new();
    let mut h = d.harness(80, 24);
    h.enter();
    h.enter(); // the agreement
    for _ in 0..12 {
        h.enter(); // change the highlighted answer
        if h.app.typing() {
            break;
        }
        h.key(KeyCode::Esc);
        h.key(KeyCode::Down);
    }
    assert!(h.app.typing(), "an answer with a text field is open");
    h.type_text(" and more");
    h.ctrl('c');
    assert!(
        h.app.should_quit,
        "quitting is never blocked: {:?}",
        h.app.popups
    );
    let kept = std::fs::read_to_string(&d.rescued()[0]).unwrap();
    assert!(kept.contains(" and more"), "{kept}");
}
