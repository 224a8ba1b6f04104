//! The screens before the app opens: the passphrase of an encrypted journal and the first
//! run's offer to encrypt. Snapshots at 80x24 and 160x48, and the loop with scripted keys
//! on real journals (a wrong passphrase changes nothing on disk).

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Local};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use mentorlog::app::unlock::{Submit, UnlockForm};
use mentorlog::config::ThemeName;
use mentorlog::domain::Passphrase;
use mentorlog::store::{self, Store};
use mentorlog::tui::unlock::{Outcome, run};
use mentorlog::tui::{EventSource, Next};
use mentorlog::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn theme() -> Theme {
    Theme::new(false, ThemeName::Dark)
}

fn press(form: &mut UnlockForm, code: KeyCode) -> Submit {
    form.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_in(form: &mut UnlockForm, text: &str) {
    for c in text.chars() {
        press(form, KeyCode::Char(c));
    }
}

fn draw(form: &UnlockForm, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| mentorlog::ui::unlock::render(form, f, &theme()))
        .unwrap();
    terminal.backend().to_string()
}

/// The journal path as the screens show it (the same in every snapshot).
const JOURNAL: &str = "/home/ada/.local/share/mentorlog/journal.db";

/// Each state of the screens, by name.
fn states() -> Vec<(&'static str, UnlockForm)> {
    let path = Path::new(JOURNAL);
    let empty = UnlockForm::unlock(path);
    let mut typed = UnlockForm::unlock(path);
    type_in(&mut typed, "correct horse");
    let mut wrong = UnlockForm::unlock(path);
    type_in(&mut wrong, "nope");
    assert!(matches!(press(&mut wrong, KeyCode::Enter), Submit::Open(_)));
    wrong.wrong();
    let mut opening = UnlockForm::unlock(path);
    type_in(&mut opening, "correct horse");
    assert!(matches!(
        press(&mut opening, KeyCode::Enter),
        Submit::Open(_)
    ));
    let offer = UnlockForm::offer(path);
    let mut not_now = UnlockForm::offer(path);
    press(&mut not_now, KeyCode::Down);
    let mut new = UnlockForm::offer(path);
    press(&mut new, KeyCode::Enter);
    type_in(&mut new, "river");
    let mut again = UnlockForm::offer(path);
    press(&mut again, KeyCode::Enter);
    type_in(&mut again, "river");
    press(&mut again, KeyCode::Enter);
    type_in(&mut again, "riv");
    let mut differ = UnlockForm::offer(path);
    press(&mut differ, KeyCode::Enter);
    type_in(&mut differ, "river");
    press(&mut differ, KeyCode::Enter);
    type_in(&mut differ, "rover");
    press(&mut differ, KeyCode::Enter);
    let mut empty_new = UnlockForm::offer(path);
    press(&mut empty_new, KeyCode::Enter);
    press(&mut empty_new, KeyCode::Enter);
    vec![
        ("unlock_empty", empty),
        ("unlock_typed", typed),
        ("unlock_wrong", wrong),
        ("unlock_opening", opening),
        ("offer", offer),
        ("offer_not_now", not_now),
        ("new_passphrase", new),
        ("new_passphrase_again", again),
        ("new_passphrase_differ", differ),
        ("new_passphrase_empty", empty_new),
    ]
}

#[test]
fn every_screen_at_80x24_and_160x48() {
    for (name, form) in states() {
        assert_snapshot!(format!("{name}_80x24"), draw(&form, 80, 24));
        assert_snapshot!(format!("{name}_160x48"), draw(&form, 160, 48));
    }
}

#[test]
fn the_passphrase_is_never_drawn_only_one_dot_per_character() {
    let mut form = UnlockForm::unlock(Path::new(JOURNAL));
    type_in(&mut form, "correct horse");
    for (w, h) in [(80, 24), (160, 48), (30, 8), (40, 10)] {
        let screen = draw(&form, w, h);
        assert!(!screen.contains("correct"), "{screen}");
        assert!(!screen.contains("horse"), "{screen}");
    }
    assert!(draw(&form, 80, 24).contains(&"•".repeat(13)));
    assert!(!draw(&form, 80, 24).contains(&"•".repeat(14)));
    // Longer than the field: the last dots after a mark, still on one line.
    type_in(&mut form, &"x".repeat(200));
    let screen = draw(&form, 80, 24);
    assert!(screen.contains("Passphrase: …••••"), "{screen}");
}

#[test]
fn no_size_makes_a_screen_panic() {
    for (_, form) in states() {
        for w in 0..45 {
            for h in 0..14 {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal
                    .draw(|f| mentorlog::ui::unlock::render(&form, f, &theme()))
                    .unwrap();
            }
        }
    }
}

/// Hands out scripted events, then says the script has ended.
struct Script {
    events: VecDeque<Event>,
    signal: Option<i32>,
}

impl Script {
    fn keys(text: &str, then: &[KeyCode]) -> Script {
        let mut events: VecDeque<Event> = text
            .chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
            .collect();
        events.extend(
            then.iter()
                .map(|k| Event::Key(KeyEvent::new(*k, KeyModifiers::NONE))),
        );
        Script {
            events,
            signal: None,
        }
    }

    fn then(mut self, text: &str, keys: &[KeyCode]) -> Script {
        self.events.extend(Script::keys(text, keys).events);
        self
    }
}

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Next> {
        Ok(self.events.pop_front().map_or(Next::End, Next::Event))
    }

    fn now(&mut self) -> DateTime<Local> {
        Local::now()
    }

    fn signal(&mut self) -> Option<i32> {
        self.signal
    }
}

/// Runs the loop on `form` at 80x24; returns how it ended and the last screen.
fn drive(form: UnlockForm, db: &Path, mut script: Script) -> (Outcome, String) {
    let mut form = form;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let outcome = run(&mut terminal, &mut form, &theme(), &mut script, db).unwrap();
    (outcome, terminal.backend().to_string())
}

/// Every file in the journal's folder, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// An encrypted journal with one reflection, closed, its passphrase forgotten.
fn encrypted_journal(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("journal.db");
    let p = Passphrase::new("river stone".into()).unwrap();
    let mut s = Store::create_encrypted(&db, &p).unwrap();
    s.save_profile_name("Ada", chrono::Utc::now()).unwrap();
    drop(s);
    store::forget(&db);
    db
}

#[test]
fn a_wrong_passphrase_says_so_and_changes_no_byte_then_the_right_one_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_journal(dir.path());
    let before = files(dir.path());
    let (outcome, screen) = drive(
        UnlockForm::unlock(&db),
        &db,
        Script::keys("rover stone", &[KeyCode::Enter]),
    );
    assert!(matches!(outcome, Outcome::Exit(0)), "{outcome:?}");
    assert!(
        screen.contains("That passphrase does not open this journal. Try again."),
        "{screen}"
    );
    assert_eq!(files(dir.path()), before, "a wrong try changed the folder");
    assert!(store::remembered(&db).is_none());

    let script = Script::keys("rover", &[KeyCode::Enter]).then("river stone", &[KeyCode::Enter]);
    let (outcome, _) = drive(UnlockForm::unlock(&db), &db, script);
    let Outcome::Opened(opened) = outcome else {
        panic!("the right passphrase should open the journal: {outcome:?}");
    };
    assert!(opened.is_encrypted());
    assert_eq!(opened.profile_name().unwrap().as_deref(), Some("Ada"));
}

#[test]
fn esc_or_ctrl_c_leave_the_prompt_with_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_journal(dir.path());
    let before = files(dir.path());
    let (outcome, _) = drive(
        UnlockForm::unlock(&db),
        &db,
        Script::keys("half", &[KeyCode::Esc]),
    );
    assert!(matches!(outcome, Outcome::Exit(0)), "{outcome:?}");
    let mut ctrl_c = Script::keys("", &[]);
    ctrl_c.events.push_back(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    let (outcome, _) = drive(UnlockForm::unlock(&db), &db, ctrl_c);
    assert!(matches!(outcome, Outcome::Exit(0)), "{outcome:?}");
    let mut signalled = Script::keys("", &[]);
    signalled.signal = Some(15);
    let (outcome, _) = drive(UnlockForm::unlock(&db), &db, signalled);
    assert!(matches!(outcome, Outcome::Exit(143)), "{outcome:?}");
    assert_eq!(files(dir.path()), before);
}

#[test]
fn the_first_run_encrypts_the_new_journal_from_its_first_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    // The second passphrase differs first: said, and asked again.
    let script = Script::keys("", &[KeyCode::Enter])
        .then("river stone", &[KeyCode::Enter])
        .then("river stoen", &[KeyCode::Enter])
        .then("", &[KeyCode::Enter]);
    let (outcome, screen) = drive(UnlockForm::offer(&db), &db, script);
    assert!(matches!(outcome, Outcome::Exit(0)), "{outcome:?}");
    assert!(
        screen.contains("The passphrase cannot be empty"),
        "{screen}"
    );
    assert!(!db.exists(), "leaving the offer creates nothing");
    let script = Script::keys("", &[KeyCode::Enter])
        .then("river stone", &[KeyCode::Enter])
        .then("river stoen", &[KeyCode::Enter]);
    let (_, screen) = drive(UnlockForm::offer(&db), &db, script);
    assert!(
        screen.contains("The two passphrases were not the same"),
        "{screen}"
    );
    assert!(!db.exists());

    let script = Script::keys("", &[KeyCode::Enter])
        .then("river stone", &[KeyCode::Enter])
        .then("river stone", &[KeyCode::Enter]);
    let (outcome, _) = drive(UnlockForm::offer(&db), &db, script);
    let Outcome::Opened(opened) = outcome else {
        panic!("matching passphrases should create the journal: {outcome:?}");
    };
    assert!(opened.is_encrypted());
    drop(opened);
    assert!(store::is_encrypted(&db));
    store::forget(&db);
    let wrong = Passphrase::new("river stoen".into()).unwrap();
    assert!(Store::unlock(&db, &wrong).is_err());
    let right = Passphrase::new("river stone".into()).unwrap();
    assert!(Store::unlock(&db, &right).is_ok());
}

#[test]
fn not_now_and_esc_create_a_plain_journal() {
    for skip in [
        Script::keys("", &[KeyCode::Down, KeyCode::Enter]),
        Script::keys("", &[KeyCode::Esc]),
        Script::keys("n", &[]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        let (outcome, _) = drive(UnlockForm::offer(&db), &db, skip);
        let Outcome::Opened(opened) = outcome else {
            panic!("skipping should create the journal: {outcome:?}");
        };
        assert!(!opened.is_encrypted());
        drop(opened);
        assert!(db.exists());
        assert!(!store::is_encrypted(&db));
    }
}
