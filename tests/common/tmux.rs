//! The real binary in a real terminal: a tmux server per test, with its own temp home.
//! tmux must be installed (`.ci/run` installs it); without it these tests fail, loudly.

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server running a plain shell in a 100x30 window. On drop, every mentorlog it
/// started is killed by its process id (also when the test failed), then the server.
pub struct Tmux {
    socket: String,
    /// The server's socket file, which tmux leaves behind when its server is killed.
    socket_file: PathBuf,
    pub home: tempfile::TempDir,
    /// Process ids of the mentorlogs this test looked up: killed on drop if still running.
    started: RefCell<Vec<u32>>,
}

impl Tmux {
    pub fn start(name: &str) -> Tmux {
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
        let mut t = Tmux {
            socket,
            socket_file: PathBuf::new(),
            home,
            started: RefCell::new(Vec::new()),
        };
        t.tmux(&["new-session", "-d", "-x", "100", "-y", "30", &shell]);
        t.socket_file = PathBuf::from(t.tmux(&["display", "-p", "#{socket_path}"]).trim());
        t.wait_for("$"); // the prompt (capture-pane drops its trailing space)
        t
    }

    pub fn tmux(&self, args: &[&str]) -> String {
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

    pub fn db(&self) -> PathBuf {
        self.home.path().join("journal.db")
    }

    /// Types a command line into the shell and presses Enter.
    pub fn shell(&self, line: &str) {
        self.tmux(&["send-keys", "-l", line]);
        self.tmux(&["send-keys", "Enter"]);
    }

    /// Starts mentorlog on this test's journal.
    pub fn mentorlog(&self, args: &str) {
        self.shell(&format!(
            "{} --db {} {args}",
            env!("CARGO_BIN_EXE_mentorlog"),
            self.db().display()
        ));
    }

    /// On a new journal, the first screen offers to encrypt it: answers "Not now" (`n`).
    pub fn skip_encryption_offer(&self) {
        self.wait_for("Keep this journal encrypted?");
        self.keys(&["n"]);
    }

    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", k]);
        }
    }

    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// Waits (up to 20 s) until `text` is on the screen; fails with the screen otherwise.
    pub fn wait_for(&self, text: &str) -> String {
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

    /// Waits (up to 20 s) until the screen satisfies `ok`; `what` names it in the failure.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waited 20 s for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses a key and waits for what it should bring up.
    pub fn press(&self, key: &str, then: &str) -> String {
        self.keys(&[key]);
        self.wait_for(then)
    }

    /// (alternate screen on, cursor visible) as tmux sees the pane.
    pub fn terminal_state(&self) -> (bool, bool) {
        let s = self.tmux(&["display", "-p", "#{alternate_on} #{cursor_flag}"]);
        let mut it = s.split_whitespace();
        (it.next() == Some("1"), it.next() == Some("1"))
    }

    pub fn running(&self) -> bool {
        Command::new("pgrep")
            .args(["-f", &format!("mentorlog --db {}", self.db().display())])
            .output()
            .unwrap()
            .status
            .success()
    }

    pub fn pid(&self) -> String {
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

    pub fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &self.pid()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// After mentorlog exits: the shell is back, in the normal screen with a visible cursor,
    /// and the exit code is `code`.
    /// After `fg`: mentorlog's reflection form is back with `typed` in it, takes `more` (in
    /// raw mode: Ctrl-S reaches it, not the shell as XOFF), saves, and quits cleanly.
    pub fn resumed_form_saves(&self, typed: &str, more: &str) {
        self.wait_until("the form redrawn with the text", |s| {
            !s.contains("Stopped") && s.contains("Write a reflection") && s.contains(typed)
        });
        let (alternate, _) = self.terminal_state();
        assert!(alternate, "back in mentorlog's screen");
        self.text(more);
        self.wait_for(&format!("{typed}{more}"));
        self.press("C-s", "Saved: reflection");
        // Esc and the next key sent together would read as Alt+key: wait for home first.
        self.press("Escape", "1 relationship");
        self.keys(&["q"]);
        self.assert_back_in_shell(0);
    }

    pub fn assert_back_in_shell(&self, code: i32) {
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

    /// The process id of the program the pane's shell runs now (mentorlog), waiting up to
    /// 20 s for it to start. It is killed when this Tmux is dropped, if still running.
    pub fn app_pid(&self) -> u32 {
        let shell = self.tmux(&["display", "-p", "#{pane_pid}"]);
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", shell.trim()])
                .output()
                .unwrap();
            let found = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.trim().parse::<u32>().ok())
                .find(|pid| is_mentorlog(*pid));
            if let Some(pid) = found {
                self.started.borrow_mut().push(pid);
                return pid;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no mentorlog runs in the pane"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal device of the pane (what mentorlog reads and writes).
    pub fn pane_tty(&self) -> PathBuf {
        PathBuf::from(self.tmux(&["display", "-p", "#{pane_tty}"]).trim())
    }

    /// Kills the tmux server: the terminal is gone, as when a window is closed.
    pub fn kill_server(&self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        let _ = std::fs::remove_file(&self.socket_file);
    }
}

/// True while `pid` is a living mentorlog (not exited, not a zombie).
pub fn is_mentorlog(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // "pid (comm) state ...": the name is in parentheses, the state follows them.
    let Some((name, rest)) = stat.split_once(") ") else {
        return false;
    };
    name.ends_with("(mentorlog") && !rest.starts_with('Z') && !rest.starts_with('X')
}

/// Waits up to `limit` for mentorlog `pid` to end; returns how long it took, or None.
pub fn wait_until_gone(pid: u32, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    loop {
        if !is_mentorlog(pid) {
            return Some(start.elapsed());
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // A mentorlog that did not end (the failure some tests look for) must not outlive
        // the test: kill it by its id, never by its name. The ones looked up, and whatever
        // the pane's shell runs now.
        let mut pids = self.started.borrow().clone();
        let shell = Command::new("tmux")
            .args(["-L", &self.socket, "display", "-p", "#{pane_pid}"])
            .output();
        if let Some(shell) = shell.ok().filter(|o| o.status.success()) {
            let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
            if let Ok(out) = Command::new("pgrep").args(["-P", &shell]).output() {
                pids.extend(
                    String::from_utf8_lossy(&out.stdout)
                        .lines()
                        .filter_map(|l| l.trim().parse::<u32>().ok()),
                );
            }
        }
        for pid in pids.iter() {
            if is_mentorlog(*pid) {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        }
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        // tmux leaves its socket file behind when the server is killed: remove it too.
        let _ = std::fs::remove_file(&self.socket_file);
    }
}

/// A journal with a profile and one agreed relationship, written before the binary starts.
pub fn journal_with_sam(t: &Tmux) {
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

pub fn reflections(t: &Tmux) -> Vec<String> {
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
