//! The daily copy: made after the first frame, beside the app, compressed; seven kept whatever
//! their form; a copy cut short leaves nothing under its name and the next start makes it;
//! restore and the damage check read compressed copies.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::{DateTime, Local, NaiveDate, Utc};
use common::fixed_now;
use common::tmux::{Tmux, journal_with_sam};
use mentorlog::app::{App, Settings};
use mentorlog::backup::{DailyCopy, daily, daily_backups, daily_name};
use mentorlog::domain::Reflection;
use mentorlog::store::{Store, is_compressed};
use mentorlog::tui::{EventSource, Next, Stop, run_with};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use common::both::{Way, each_way};

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A journal with Sam and `n` reflections.
fn journal(path: &Path, n: usize) -> Store {
    let (mut store, _rel) = common::ada_with_sam(path, now());
    for i in 0..n {
        store
            .save_reflection(&Reflection::new(&format!("note {i}"), now()), now())
            .unwrap();
    }
    store
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
        .filter(|n| n.contains(".mentorlog-tmp-"))
        .collect()
}

fn reflections(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("SELECT count(*) FROM reflection", [], |r| r.get(0))
        .unwrap()
}

fn cli(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("mentorlog")
        .unwrap()
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .env("XDG_CONFIG_HOME", db.with_file_name("config"))
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

fn text(a: &assert_cmd::assert::Assert) -> String {
    let o = a.get_output();
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// TestBackend, noting at every flush (a frame handed to the terminal) which daily copies and
/// temporaries are in the journal's folder.
struct Watching {
    inner: TestBackend,
    dir: PathBuf,
    frames: Rc<RefCell<Vec<Vec<String>>>>,
}

impl Backend for Watching {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        let copies = names(&self.dir)
            .into_iter()
            .filter(|n| n.contains(".daily-") || n.contains(".mentorlog-tmp-"))
            .collect();
        self.frames.borrow_mut().push(copies);
        self.inner.flush()
    }
}

/// Two quiet turns of the loop, then the end of input.
struct Script(VecDeque<Next>);

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Next> {
        Ok(self.0.pop_front().unwrap_or(Next::End))
    }
    fn now(&mut self) -> DateTime<Local> {
        fixed_now()
    }
}

#[test]
fn the_first_frame_is_on_screen_before_the_days_copy_starts_and_the_copy_follows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let mut store = journal(&db, 30);
    let mut app = App::new(&mut store, fixed_now(), Settings::default()).unwrap();
    let frames = Rc::new(RefCell::new(Vec::new()));
    let mut terminal = Terminal::new(Watching {
        inner: TestBackend::new(80, 24),
        dir: dir.path().to_path_buf(),
        frames: Rc::clone(&frames),
    })
    .unwrap();
    let mut copy = DailyCopy::due(&db, day(22));
    assert!(!copy.started());
    let mut events = Script(VecDeque::from([Next::Timeout, Next::Timeout]));
    let stop = run_with(&mut terminal, &mut app, &mut store, &mut events, &mut copy).unwrap();
    assert_eq!(stop, Stop::EventsEnded);
    let frames = frames.borrow();
    assert!(frames.len() >= 2, "{} frames", frames.len());
    assert_eq!(
        frames[0],
        Vec::<String>::new(),
        "nothing of the day's copy exists when the first frame is handed over"
    );
    assert!(copy.started(), "started once the first frame was on screen");
    let made = copy.wait().expect("started").unwrap().expect("made");
    assert_eq!(made, daily_name(&db, day(22)));
    assert!(
        made.to_string_lossy()
            .ends_with("journal.db.daily-2026-11-22.zst")
    );
    assert!(is_compressed(&made));
    assert_eq!(daily_backups(&db), vec![made]);
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn seven_copies_are_kept_whatever_their_form_the_oldest_going_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let store = journal(&db, 3);
    // Plain copies from 1 to 5 November, as earlier versions left them.
    for d in 1..=5 {
        store
            .backup_to(&dir.path().join(format!("journal.db.daily-2026-11-0{d}")))
            .unwrap();
    }
    // A plain copy of today already there: no second copy of the day.
    assert!(daily(&store, day(5)).unwrap().is_none(), "once a day");
    for d in 6..=9 {
        let made = daily(&store, day(d)).unwrap().expect("a new day's copy");
        assert!(is_compressed(&made));
        assert!(daily(&store, day(d)).unwrap().is_none(), "once a day");
    }
    let kept: Vec<String> = daily_backups(&db)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        kept,
        [
            "journal.db.daily-2026-11-03",
            "journal.db.daily-2026-11-04",
            "journal.db.daily-2026-11-05",
            "journal.db.daily-2026-11-06.zst",
            "journal.db.daily-2026-11-07.zst",
            "journal.db.daily-2026-11-08.zst",
            "journal.db.daily-2026-11-09.zst",
        ]
    );
    // Both forms restore.
    for copy in [&daily_backups(&db)[0], &daily_backups(&db)[6]] {
        let home = tempfile::tempdir().unwrap();
        let fresh = home.path().join("journal.db");
        let r = cli(&fresh, &["restore", copy.to_str().unwrap()]).success();
        assert!(text(&r).contains("3 reflections"), "{}", text(&r));
    }
}

#[test]
fn restore_from_a_compressed_copy_brings_every_entry_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let mut store = journal(&db, 40);
    let copy = daily(&store, day(22)).unwrap().expect("made");
    let before = store.counts().unwrap().to_string();
    // After the copy: one more, and then the restore takes it away again.
    store
        .save_reflection(&Reflection::new("written after the copy", now()), now())
        .unwrap();
    drop(store);
    assert_eq!(reflections(&db), 41);
    let r = cli(&db, &["restore", copy.to_str().unwrap()]).success();
    assert!(text(&r).contains("40 reflections"), "{}", text(&r));
    assert_eq!(reflections(&db), 40);
    let restored = Store::open(&db).unwrap();
    assert_eq!(restored.counts().unwrap().to_string(), before);
    assert_eq!(restored.integrity_check().unwrap(), "ok");
    assert!(temporaries(dir.path()).is_empty());
    // On a new computer too: the copy becomes the journal.
    let home = tempfile::tempdir().unwrap();
    let fresh = home.path().join("journal.db");
    cli(&fresh, &["restore", copy.to_str().unwrap()]).success();
    assert_eq!(reflections(&fresh), 40);
    cli(&fresh, &["check"]).success();
}

#[test]
fn a_corrupt_or_cut_short_compressed_copy_is_refused_and_the_journal_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    let store = journal(&db, 40);
    let copy = daily(&store, day(22)).unwrap().expect("made");
    drop(store);
    let whole = std::fs::read(&copy).unwrap();
    let cut = dir.path().join("cut.zst");
    std::fs::write(&cut, &whole[..whole.len() * 2 / 3]).unwrap();
    let mut flipped = whole.clone();
    let middle = flipped.len() / 2;
    for b in &mut flipped[middle..middle + 16] {
        *b ^= 0x5A;
    }
    let corrupt = dir.path().join("corrupt.zst");
    std::fs::write(&corrupt, &flipped).unwrap();
    let before = std::fs::read(&db).unwrap();
    let before_names = names(dir.path());
    for bad in [&cut, &corrupt] {
        let r = cli(&db, &["restore", bad.to_str().unwrap()]).failure();
        let said = text(&r);
        assert!(said.contains("cut short or damaged"), "{said}");
        assert!(said.contains("Nothing was changed"), "{said}");
        assert!(said.contains(&bad.display().to_string()), "{said}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "the journal is unchanged"
        );
        assert_eq!(names(dir.path()), before_names, "nothing left behind");
    }
    assert_eq!(reflections(&db), 40);
}

/// A journal of about 40 MB (long drafts), so a copy takes long enough to be caught mid-way.
fn big_journal(path: &Path) {
    let mut store = Store::open(path).unwrap();
    mentorlog::generate::generate(&mut store, 20, 1).unwrap();
    mentorlog::generate::generate_entries(&mut store, 200, 1).unwrap();
    long_drafts(store);
}

/// Sixty drafts of 700 kB of text each.
fn long_drafts(mut store: Store) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..60 {
        let mut body = String::with_capacity(700_000);
        while body.len() < 700_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            body.push_str(&format!("w{:x} ", seed % 100_000));
        }
        store
            .save_draft(&format!("long-{i}"), &body, Utc::now())
            .unwrap();
    }
    store.checkpoint().unwrap();
}

#[test]
fn a_daily_copy_stopped_mid_way_leaves_nothing_under_its_name_and_the_next_one_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    big_journal(&db);
    let dest = daily_name(&db, day(22));
    let mut caught = false;
    for _attempt in 0..10 {
        let mut copy = DailyCopy::due(&db, day(22));
        copy.start_once();
        // Waits until the copy is under way: a temporary that already holds some data.
        let started = Instant::now();
        let mut writing = false;
        while copy.is_running() && started.elapsed() < Duration::from_secs(20) {
            writing = temporaries(dir.path())
                .iter()
                .any(|n| std::fs::metadata(dir.path().join(n)).is_ok_and(|m| m.len() > 1 << 20));
            if writing {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if writing {
            copy.stop();
        }
        let outcome = copy.wait().expect("started");
        if dest.exists() {
            // Finished before the stop came: start over.
            assert!(outcome.unwrap().is_some());
            std::fs::remove_file(&dest).unwrap();
            continue;
        }
        assert!(writing, "{outcome:?}");
        assert!(outcome.is_err(), "a stopped copy says so");
        assert!(
            temporaries(dir.path()).is_empty(),
            "its temporaries are gone"
        );
        caught = true;
        break;
    }
    assert!(caught, "no copy was caught in the middle");
    assert!(daily_backups(&db).is_empty());
    // The next start makes it.
    let mut next = DailyCopy::due(&db, day(22));
    next.start_once();
    assert_eq!(next.wait().unwrap().unwrap(), Some(dest.clone()));
    let home = tempfile::tempdir().unwrap();
    cli(
        &home.path().join("journal.db"),
        &["restore", dest.to_str().unwrap()],
    )
    .success();
}

#[test]
fn two_starting_at_once_make_one_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    big_journal(&db);
    let mut first = DailyCopy::due(&db, day(22));
    let mut second = DailyCopy::due(&db, day(22));
    first.start_once();
    second.start_once();
    let made: Vec<Option<PathBuf>> = [first.wait(), second.wait()]
        .into_iter()
        .map(|o| o.unwrap().unwrap())
        .collect();
    assert_eq!(
        made.iter().filter(|m| m.is_some()).count(),
        1,
        "exactly one made the copy: {made:?}"
    );
    assert_eq!(daily_backups(&db).len(), 1);
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn the_damage_check_finds_a_good_compressed_copy() {
    each_way(damage_check_finds_a_good_copy);
}

/// An encrypted journal's copies are encrypted, not compressed: the check reads them with the
/// journal's passphrase.
fn damage_check_finds_a_good_copy(way: Way) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    drop(way.create(&db));
    let store = journal(&db, 10);
    let good = daily(&store, day(20)).unwrap().expect("made");
    drop(store);
    let end = if way.is_encrypted() { "" } else { ".zst" };
    assert!(
        good.to_string_lossy()
            .ends_with(&format!("daily-2026-11-20{end}"))
    );
    // A newer copy that is damaged: passed over.
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(
        dir.path().join(format!("journal.db.daily-2026-11-21{end}")),
        &bytes[..bytes.len() / 2],
    )
    .unwrap();
    // The journal damaged: pages in the middle overwritten.
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        let len = f.metadata().unwrap().len();
        f.seek(SeekFrom::Start(len / 2)).unwrap();
        f.write_all(&vec![0xA5; 8192]).unwrap();
    }
    let before = names(dir.path());
    let damage = mentorlog::health::examine(&db).expect("damaged");
    assert_eq!(damage.good_copy, Some(good.clone()));
    assert_eq!(damage.good_copy_day().as_deref(), Some("2026-11-20"));
    assert!(
        damage
            .way_back()
            .contains(&format!("journal.db.daily-2026-11-20{end}")),
        "{}",
        damage.way_back()
    );
    // The check's own look at the journal may leave SQLite's companions of it; nothing else.
    let after: BTreeSet<String> = names(dir.path())
        .into_iter()
        .filter(|n| n != "journal.db-wal" && n != "journal.db-shm")
        .collect();
    assert_eq!(after, before, "the unpacked copies are removed");
}

/// Today's copy by the clock of the test (the local day, either side of a midnight).
fn todays_copies(db: &Path, started: NaiveDate) -> Vec<PathBuf> {
    let today = Local::now().date_naive();
    let mut days = vec![started, today];
    days.dedup();
    days.into_iter()
        .map(|d| daily_name(db, d))
        .filter(|p| p.exists())
        .collect()
}

#[test]
fn the_app_makes_the_days_copy_compressed_and_not_the_plain_one() {
    let t = Tmux::start("daily");
    journal_with_sam(&t);
    let started = Local::now().date_naive();
    t.mentorlog("");
    t.wait_for("1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    let made = todays_copies(&t.db(), started);
    assert_eq!(made.len(), 1, "{:?}", names(t.home.path()));
    assert!(is_compressed(&made[0]));
    assert_eq!(daily_backups(&t.db()), made, "no plain copy beside it");
    assert!(temporaries(t.home.path()).is_empty());
}

#[test]
fn an_app_killed_while_copying_leaves_no_copy_and_the_next_start_makes_it() {
    let t = Tmux::start("daily-kill");
    // Sam alone on the home screen (no question pops up), and a big journal to copy.
    journal_with_sam(&t);
    long_drafts(Store::open(&t.db()).unwrap());
    let started = Local::now().date_naive();
    let mut caught = false;
    for _attempt in 0..5 {
        t.mentorlog("");
        let pid = t.app_pid();
        let begun = Instant::now();
        let mut writing = false;
        while begun.elapsed() < Duration::from_secs(20) {
            writing = temporaries(t.home.path())
                .iter()
                .any(|n| std::fs::metadata(t.home.path().join(n)).is_ok_and(|m| m.len() > 1 << 20));
            if writing || !todays_copies(&t.db(), started).is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if writing {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            common::tmux::wait_until_gone(pid, Duration::from_secs(5)).expect("killed");
            if todays_copies(&t.db(), started).is_empty() {
                caught = true;
                // The killed app left its screen: cleared, so the next one is seen coming up.
                t.shell("clear");
                t.wait_until("the screen cleared", |s| !s.contains("relationship"));
                break;
            }
        }
        // The copy was done before it could be caught: start over without it.
        t.wait_for("1 relationship");
        t.keys(&["q"]);
        t.assert_back_in_shell(0);
        for p in todays_copies(&t.db(), started) {
            std::fs::remove_file(p).unwrap();
        }
    }
    assert!(caught, "no copy was caught in the middle");
    assert!(
        daily_backups(&t.db()).is_empty(),
        "nothing under a real name"
    );
    assert!(
        !temporaries(t.home.path()).is_empty(),
        "the kill left its temporary"
    );
    // The next start removes what the killed one left and makes the copy.
    t.mentorlog("");
    t.wait_for("1 relationship");
    let made = {
        let begun = Instant::now();
        loop {
            let made = todays_copies(&t.db(), started);
            if !made.is_empty() || begun.elapsed() > Duration::from_secs(30) {
                break made;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(made.len(), 1);
    assert!(temporaries(t.home.path()).is_empty());
    let home = tempfile::tempdir().unwrap();
    cli(
        &home.path().join("journal.db"),
        &["restore", made[0].to_str().unwrap()],
    )
    .success();
}

#[test]
fn quitting_while_the_copy_is_made_says_so_and_waits_and_ctrl_c_skips_it() {
    let t = Tmux::start("daily-quit");
    journal_with_sam(&t);
    long_drafts(Store::open(&t.db()).unwrap());
    let started = Local::now().date_naive();
    let mut skipped = false;
    for _attempt in 0..5 {
        t.shell("clear");
        t.mentorlog("");
        t.wait_for("1 relationship");
        let begun = Instant::now();
        while temporaries(t.home.path()).is_empty()
            && todays_copies(&t.db(), started).is_empty()
            && begun.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        t.keys(&["q"]);
        let begun = Instant::now();
        let screen = loop {
            let screen = t.screen();
            if screen.contains("Finishing today's copy")
                || !t.running()
                || begun.elapsed() > Duration::from_secs(20)
            {
                break screen;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        if screen.contains("Finishing today's copy") {
            assert!(
                screen.contains("Ctrl-C skips it; the next start makes it then."),
                "{screen}"
            );
            t.keys(&["C-c"]);
            t.assert_back_in_shell(130);
            assert!(todays_copies(&t.db(), started).is_empty(), "skipped");
            assert!(temporaries(t.home.path()).is_empty(), "nothing left of it");
            skipped = true;
            break;
        }
        // Done before the message was due: start over without it.
        t.assert_back_in_shell(0);
        for p in todays_copies(&t.db(), started) {
            std::fs::remove_file(p).unwrap();
        }
    }
    assert!(skipped, "the copy always finished before the message");
    // The next start makes it, and quitting waits for it.
    t.shell("clear");
    t.mentorlog("");
    t.wait_for("1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    let made = todays_copies(&t.db(), started);
    assert_eq!(made.len(), 1, "{:?}", names(t.home.path()));
    assert!(temporaries(t.home.path()).is_empty());
}
