//! The real binary in a real terminal (tmux): a first run typed end to end, quitting and
//! resuming, signals, suspend. Each test has its own tmux server and its own temp home.
//! tmux must be installed (`.ci/run` installs it); without it these tests fail, loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server running a plain shell in a 100x30 window, killed on drop.
struct Tmux {
    socket: String,
    home: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end tests: install it (for example `apt-get install tmux`)"
        );
        let home = tempfile::tempdir().unwrap();
        let socket = format!("mentorlog-e2e-{name}-{}", std::process::id());
        let shell = format!(
            "env -i HOME={home} PATH=/usr/local/bin:/usr/bin:/bin TERM=xterm-256color \
             XDG_DATA_HOME={home}/data XDG_CONFIG_HOME={home}/config PS1='$ ' bash --norc --noprofile",
            home = home.path().display()
        );
        let t = Tmux { socket, home };
        t.tmux(&["new-session", "-d", "-x", "100", "-y", "30", &shell]);
        t.wait_for("$"); // the prompt (capture-pane drops its trailing space)
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn db(&self) -> PathBuf {
        self.home.path().join("journal.db")
    }

    /// Types a command line into the shell and presses Enter.
    fn shell(&self, line: &str) {
        self.tmux(&["send-keys", "-l", line]);
        self.tmux(&["send-keys", "Enter"]);
    }

    /// Starts mentorlog on this test's journal.
    fn mentorlog(&self, args: &str) {
        self.shell(&format!(
            "{} --db {} {args}",
            env!("CARGO_BIN_EXE_mentorlog"),
            self.db().display()
        ));
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
        }
    }

    fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// Waits (up to 20 s) until `text` is on the screen; fails with the screen otherwise.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waited 20 s for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses a key and waits for what it should bring up.
    fn press(&self, key: &str, then: &str) -> String {
        self.keys(&[key]);
        self.wait_for(then)
    }

    /// (alternate screen on, cursor visible) as tmux sees the pane.
    fn terminal_state(&self) -> (bool, bool) {
        let s = self.tmux(&["display", "-p", "#{alternate_on} #{cursor_flag}"]);
        let mut it = s.split_whitespace();
        (it.next() == Some("1"), it.next() == Some("1"))
    }

    fn running(&self) -> bool {
        Command::new("pgrep")
            .args(["-f", &format!("mentorlog --db {}", self.db().display())])
            .output()
            .unwrap()
            .status
            .success()
    }

    fn pid(&self) -> String {
        let out = Command::new("pgrep")
            .args(["-f", &self.db().display().to_string()])
            .output()
            .unwrap();
        let pids = String::from_utf8_lossy(&out.stdout);
        pids.lines()
            .next()
            .unwrap_or_else(|| panic!("mentorlog is not running"))
            .to_string()
    }

    fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &self.pid()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// After mentorlog exits: the shell is back, in the normal screen with a visible cursor,
    /// and the exit code is `code`.
    fn assert_back_in_shell(&self, code: i32) {
        // Keys sent while mentorlog is still shutting down would go to it, not the shell.
        let start = Instant::now();
        while self.running() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "mentorlog did not exit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.shell("echo EXIT=$?");
        self.wait_for(&format!("EXIT={code}"));
        let (alternate, cursor) = self.terminal_state();
        assert!(!alternate, "still in the alternate screen");
        assert!(cursor, "the cursor is hidden");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn step(n: usize) -> String {
    format!("step {n} of 19")
}

/// Types the profile and the relationship's first steps, up to the focus question.
fn start_walk_through(t: &Tmux) {
    t.mentorlog("");
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
}

#[test]
fn a_first_run_typed_end_to_end_then_home_on_restart() {
    let t = Tmux::start("first-run");
    start_walk_through(&t);
    t.text("Moving from research into product engineering");
    t.press("Enter", &step(8));
    t.keys(&[
        "Space", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down",
    ]);
    t.text("a conference talk");
    t.press("Enter", &step(9));
    t.text("4");
    t.press("Enter", &step(10));
    t.keys(&["Down"]);
    t.press("Enter", &step(11)); // 6 months
    t.keys(&["Down", "Space", "Down", "Down"]);
    t.text("2");
    t.keys(&["Down", "Down", "Space"]);
    t.press("Enter", &step(12)); // Sam reaches out every 2 weeks
    t.press("Tab", &step(13));
    t.keys(&["Down", "Space", "Down", "Space"]);
    t.press("Enter", &step(14)); // video, phone
    t.text("A clear plan for the switch");
    t.press("Enter", &step(15));
    t.press("Tab", &step(16));
    t.press("Tab", &step(17));
    t.press("Tab", &step(18));
    t.text("What we say stays between us.");
    t.press("Enter", &step(19));
    let home = t.press("C-s", "1 relationship");
    for expected in ["Sam Rivera", "Mentee", "Informal", "every 2 weeks"] {
        assert!(
            home.contains(expected),
            "{expected:?} missing from the home screen:\n{home}"
        );
    }
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    t.shell("clear");
    t.mentorlog("");
    let home = t.wait_for("1 relationship");
    assert!(
        home.contains("Sam Rivera") && !home.contains("Welcome"),
        "{home}"
    );
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    t.shell("clear");
    t.mentorlog("agreement | head -12");
    let out = t.wait_for("Moving from research into product engineering");
    assert!(
        out.contains("# Mentoring agreement: Ada Lovelace (mentee) and Sam Rivera (mentor)"),
        "{out}"
    );
    assert!(
        !out.contains("A clear plan for the switch"),
        "a private answer was printed:\n{out}"
    );
}

#[test]
fn quitting_midway_resumes_at_the_same_step_with_the_typed_text() {
    let t = Tmux::start("resume");
    start_walk_through(&t);
    t.text("half a thou");
    t.keys(&["C-c"]);
    t.wait_for("Your answers are saved. Run mentorlog again to carry on at step 7 of 19.");
    t.assert_back_in_shell(0);

    t.shell("clear");
    t.mentorlog("");
    // Not the step number: the farewell above says "step 7 of 19" too, until the clear.
    let screen = t.wait_for("Welcome back");
    assert!(screen.contains(&step(7)), "{screen}");
    assert!(screen.contains("half a thou"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_what_was_typed() {
    let t = Tmux::start("sigterm");
    t.mentorlog("");
    t.wait_for("Welcome to mentorlog");
    t.press("Enter", &step(2));
    t.text("Grace Hopper");
    t.wait_for("Grace Hopper");
    t.signal("TERM");
    t.assert_back_in_shell(143);

    t.shell("clear");
    t.mentorlog("");
    let screen = t.wait_for(&step(2));
    assert!(screen.contains("Grace Hopper"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
}

#[test]
fn sigkill_loses_at_most_a_few_seconds_of_typing() {
    let t = Tmux::start("sigkill");
    t.mentorlog("");
    t.wait_for("Welcome to mentorlog");
    t.press("Enter", &step(2));
    t.text("Katherine");
    t.wait_for("Katherine");
    // The draft is autosaved every two seconds while typing.
    std::thread::sleep(Duration::from_millis(3500));
    t.signal("KILL");
    t.wait_for("Killed");
    // The killed mentorlog left its screen up: wait until the shell has really cleared it, so
    // what follows is read from the new start and not from that screen.
    t.shell("stty sane; tput rmcup; tput cnorm; clear; echo reset-$((40+2))");
    t.wait_for("reset-42");
    t.mentorlog("");
    let screen = t.wait_for(&step(2));
    assert!(screen.contains("Katherine"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let t = Tmux::start("suspend");
    t.mentorlog("");
    t.wait_for("Welcome to mentorlog");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    let (alternate, cursor) = t.terminal_state();
    assert!(
        !alternate && cursor,
        "suspended, the shell has a normal terminal"
    );
    t.shell("fg");
    t.wait_for("Press Enter to begin");
    let (alternate, _) = t.terminal_state();
    assert!(alternate, "back in mentorlog's screen");
    t.keys(&["?"]);
    t.wait_for("Any key closes this help.");
    t.keys(&["x"]);
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
}

#[test]
fn a_bad_journal_is_refused_before_the_screen_opens() {
    let t = Tmux::start("bad-journal");
    std::fs::write(t.db(), b"these are my notes, not a database").unwrap();
    t.mentorlog("");
    t.wait_for("is not a mentorlog journal");
    t.assert_back_in_shell(2);
    assert_eq!(
        std::fs::read(t.db()).unwrap(),
        b"these are my notes, not a database"
    );
    let _: &Path = t.home.path();
}

#[test]
fn sighup_and_sigint_also_restore_the_terminal() {
    for (sig, code) in [("HUP", 129), ("INT", 130)] {
        let t = Tmux::start(&format!("sig{}", sig.to_lowercase()));
        t.mentorlog("");
        t.wait_for("Welcome to mentorlog");
        t.press("Enter", &step(2));
        t.text("Hedy");
        t.wait_for("Hedy");
        t.signal(sig);
        t.assert_back_in_shell(code);
        t.shell("clear");
        t.mentorlog("");
        let screen = t.wait_for(&step(2));
        assert!(screen.contains("Hedy"), "after SIG{sig}: {screen}");
        t.keys(&["C-c"]);
        t.assert_back_in_shell(0);
    }
}

/// A journal with a profile and one agreed relationship, written before the binary starts.
fn journal_with_sam(t: &Tmux) {
    use mentorlog::domain::{Relationship, RelationshipStatus, Role};
    let now = chrono::Utc::now();
    let mut store = mentorlog::store::Store::open(&t.db()).unwrap();
    store.save_profile_name("Ada", now).unwrap();
    let mut rel = Relationship::new_draft(now);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(now.date_naive());
    store.save_relationship(&rel, now).unwrap();
}

fn reflections(t: &Tmux) -> Vec<String> {
    let store = mentorlog::store::Store::open(&t.db()).unwrap();
    let filter = mentorlog::store::TimelineFilter {
        include_private: true,
        ..Default::default()
    };
    store
        .timeline_page(&filter, None, 100)
        .unwrap()
        .into_iter()
        .map(|e| store.reflection(e.id).unwrap().unwrap().body)
        .collect()
}

#[test]
fn a_reflection_survives_kill_9_and_is_offered_on_the_next_start() {
    let t = Tmux::start("draft-kill");
    journal_with_sam(&t);
    t.mentorlog("");
    t.wait_for("1 relationship");
    t.press("r", "Write a reflection");
    t.text("Asked for the stretch project at last");
    t.wait_for("stretch project at last");
    std::thread::sleep(Duration::from_millis(3500));
    t.signal("KILL");
    t.wait_for("Killed");
    // The killed mentorlog left its screen up: wait until the shell has really cleared it, so
    // what follows is read from the new start and not from that screen.
    t.shell("stty sane; tput rmcup; tput cnorm; clear; echo reset-$((40+2))");
    t.wait_for("reset-42");
    t.mentorlog("");
    let offer = t.wait_for("Unsaved work");
    assert!(offer.contains("An unsaved reflection from"), "{offer}");
    let form = t.press("r", "Asked for the stretch project at last");
    assert!(form.contains("Write a reflection"), "{form}");
    t.text(", and got it.");
    t.press("C-s", "Saved: reflection (private)");
    // Esc and the next key sent together would read as Alt+key: wait for home first.
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(
        reflections(&t),
        ["Asked for the stretch project at last, and got it."]
    );
}

#[test]
fn the_external_editor_failing_or_missing_keeps_the_text() {
    let t = Tmux::start("editor");
    journal_with_sam(&t);
    let exe = env!("CARGO_BIN_EXE_mentorlog");
    let db = t.db();
    t.shell(&format!("EDITOR=false {exe} --db {}", db.display()));
    t.wait_for("1 relationship");
    t.press("r", "Write a reflection");
    t.text("Typed in mentorlog");
    let screen = t.press("C-e", "exited with code 1");
    assert!(screen.contains("Typed in mentorlog"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);

    t.shell(&format!(
        "clear; EDITOR=no-such-editor {exe} --db {}",
        db.display()
    ));
    t.press("r", "Typed in mentorlog");
    let screen = t.press("C-e", "was not found");
    assert!(screen.contains("Typed in mentorlog"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);

    // An editor that works: a script that adds a line.
    let script = t.home.path().join("add-line.sh");
    std::fs::write(&script, "printf '\\nAdded in my editor.' >> \"$1\"\n").unwrap();
    t.shell(&format!(
        "clear; EDITOR='sh {}' {exe} --db {}",
        script.display(),
        db.display()
    ));
    t.press("r", "Typed in mentorlog");
    t.press("C-e", "Added in my editor.");
    t.press("C-s", "Saved: reflection");
    // Esc and the next key sent together would read as Alt+key: wait for home first.
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["Typed in mentorlog\nAdded in my editor."]);
    let leftovers: Vec<_> = std::fs::read_dir(t.home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("mentorlog-edit"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn the_demo_shows_a_journal_and_leaves_nothing_behind() {
    let t = Tmux::start("demo");
    let tmp = t.home.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    t.shell(&format!(
        "TMPDIR={} {} --demo",
        tmp.display(),
        env!("CARGO_BIN_EXE_mentorlog")
    ));
    t.wait_for("Check-in");
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        1,
        "the demo journal lives in TMPDIR"
    );
    let popup = t.wait_for("Check-in");
    assert!(popup.contains("Sam Rivera"), "{popup}");
    t.press("Escape", "Dismissed for today");
    t.press("g", "Goals, by status");
    // Esc and the next key sent together would read as Alt+key: wait for home first.
    t.press("Escape", "m meeting");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    t.wait_for("That was the demo journal");
    assert!(
        !t.home.path().join("data").exists(),
        "the real journal was not created"
    );
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the demo's private temp folder went with it"
    );
}
