//! The real binary when the terminal misbehaves (tmux): the terminal going away, a panic,
//! a huge paste, a resize storm, a stop and a continue. Each test has its own tmux server
//! and temp home; every mentorlog started is killed by its id when the test ends.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, is_mentorlog, journal_with_sam, reflections, wait_until_gone};

/// The bodies of every draft in the test's journal.
fn drafts(t: &Tmux) -> Vec<String> {
    let store = mentorlog::store::Store::open(&t.db()).unwrap();
    store
        .drafts_with_prefix("")
        .unwrap()
        .into_iter()
        .map(|d| d.body)
        .collect()
}

/// `ps` about `pid`, for failure messages.
fn ps(pid: u32) -> String {
    let out = Command::new("ps")
        .args(["-o", "pid,stat,pcpu,cmd", "-p", &pid.to_string()])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn kill(sig: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{sig} {pid}");
}

/// Waits (up to 20 s) until the process is stopped (state T).
fn wait_stopped(pid: u32) {
    let start = Instant::now();
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat
            .split_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('T'))
        {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{pid} did not stop: {}",
            ps(pid)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens a reflection on Sam's journal and types `text` into it.
fn reflection_with(t: &Tmux, text: &str) {
    t.wait_for("1 relationship");
    t.press("r", "Write a reflection");
    t.text(text);
    t.wait_for(text);
}

#[test]
fn the_terminal_going_away_saves_the_draft_and_ends_mentorlog_within_2_s() {
    let t = Tmux::start("gone");
    journal_with_sam(&t);
    t.mentorlog("");
    reflection_with(&t, "The window closed while I wrote");
    let pid = t.app_pid();
    // Typed right before the end: only the save on the way out can keep this part.
    t.text(" this last line");
    t.wait_for("while I wrote this last line");
    t.kill_server();
    let took = wait_until_gone(pid, Duration::from_secs(2));
    assert!(
        took.is_some(),
        "mentorlog still runs 2 s after its terminal went away:\n{}",
        ps(pid)
    );
    eprintln!("mentorlog ended {took:?} after its terminal went away");
    let drafts = drafts(&t);
    assert!(
        drafts
            .iter()
            .any(|d| d.contains("The window closed while I wrote this last line")),
        "the draft is not in the journal: {drafts:?}"
    );
}

#[test]
fn the_end_of_input_alone_ends_mentorlog_even_when_no_sighup_comes() {
    let t = Tmux::start("gone-nohup");
    journal_with_sam(&t);
    // SIGHUP blocked (the mask survives exec): only the terminal's end of input is left.
    t.shell(&format!(
        "perl -MPOSIX -e 'sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)) or die; exec @ARGV' \
         {} --db {}",
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display()
    ));
    reflection_with(&t, "No hang-up signal for this one");
    let pid = t.app_pid();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let blocked = status
        .lines()
        .find_map(|l| l.strip_prefix("SigBlk:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .unwrap();
    assert!(
        blocked & (1 << (libc::SIGHUP - 1)) != 0,
        "SIGHUP is not blocked"
    );
    t.kill_server();
    assert!(
        wait_until_gone(pid, Duration::from_secs(2)).is_some(),
        "mentorlog still runs 2 s after its input ended:\n{}",
        ps(pid)
    );
    let drafts = drafts(&t);
    assert!(
        drafts
            .iter()
            .any(|d| d.contains("No hang-up signal for this one")),
        "the draft is not in the journal: {drafts:?}"
    );
}

#[test]
fn the_terminal_going_away_in_the_middle_of_a_paste_ends_mentorlog_within_2_s() {
    let t = Tmux::start("gone-paste");
    journal_with_sam(&t);
    let file = t.home.path().join("paste.txt");
    std::fs::write(&file, "Half of a pasted line.\n".repeat(200_000)).unwrap();
    t.tmux(&["load-buffer", "-b", "big", &file.display().to_string()]);
    t.mentorlog("");
    reflection_with(&t, "Typed before the paste");
    let pid = t.app_pid();
    let before = bytes_read(pid);
    t.tmux(&["paste-buffer", "-p", "-b", "big"]);
    // Once part of the paste is read, and not all of it, the terminal goes.
    let start = Instant::now();
    while bytes_read(pid) < before + 100_000 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the paste never came"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    t.kill_server();
    let read = bytes_read(pid) - before;
    assert!(
        wait_until_gone(pid, Duration::from_secs(2)).is_some(),
        "mentorlog still runs 2 s after its terminal went away mid-paste ({read} bytes read):\n{}",
        ps(pid)
    );
    let drafts = drafts(&t);
    assert!(
        drafts.iter().any(|d| d.contains("Typed before the paste")),
        "the draft is not in the journal: {drafts:?}"
    );
}

#[test]
fn sigterm_is_answered_while_half_an_escape_sequence_waits_for_the_rest() {
    let t = Tmux::start("half-paste");
    journal_with_sam(&t);
    t.mentorlog("");
    reflection_with(&t, "Typed before half a paste");
    let pid = t.app_pid();
    // The start of a bracketed paste whose end never comes: crossterm waits for the rest.
    let before = bytes_read(pid);
    t.tmux(&[
        "send-keys",
        "-H",
        "1b",
        "5b",
        "32",
        "30",
        "30",
        "7e",
        "61",
        "62",
    ]);
    let start = Instant::now();
    while bytes_read(pid) < before + 8 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the bytes were not read"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    kill("TERM", pid);
    assert!(
        wait_until_gone(pid, Duration::from_secs(2)).is_some(),
        "SIGTERM unanswered for 2 s:\n{}",
        ps(pid)
    );
    t.shell("echo EXIT=$?");
    t.wait_for("EXIT=143");
    let drafts = drafts(&t);
    assert!(
        drafts
            .iter()
            .any(|d| d.contains("Typed before half a paste")),
        "the draft is not in the journal: {drafts:?}"
    );
}

#[test]
fn the_demo_folder_goes_when_the_terminal_goes() {
    let t = Tmux::start("gone-demo");
    let tmp = t.home.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    t.shell(&format!(
        "TMPDIR={} {} --demo",
        tmp.display(),
        env!("CARGO_BIN_EXE_mentorlog")
    ));
    t.wait_for("Check-in");
    t.press("Escape", "Dismissed for today");
    let pid = t.app_pid();
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        1,
        "no demo folder"
    );
    t.kill_server();
    assert!(
        wait_until_gone(pid, Duration::from_secs(2)).is_some(),
        "the demo still runs 2 s after its terminal went away:\n{}",
        ps(pid)
    );
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "the demo's folder stayed: {left:?}");
}

#[test]
fn a_panic_gives_the_terminal_back_keeps_the_draft_and_exits_101() {
    let t = Tmux::start("panic");
    journal_with_sam(&t);
    t.shell(&format!(
        "MENTORLOG_PANIC_ON_KEY=F12 {} --db {}",
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display()
    ));
    reflection_with(&t, "Typed just before the crash");
    t.keys(&["F12"]);
    t.wait_for("the panic a test asked for");
    // Exit code 101, the normal screen, a visible cursor.
    t.assert_back_in_shell(101);
    let drafts = drafts(&t);
    assert!(
        drafts
            .iter()
            .any(|d| d.contains("Typed just before the crash")),
        "the draft was not saved: {drafts:?}"
    );
    // The shell works normally again (cooked mode): a command line runs.
    t.shell("clear");
    t.mentorlog("");
    t.wait_for("Unsaved work");
    t.press("r", "Typed just before the crash");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);
}

/// Bytes the process has read so far (every read, the terminal's included).
fn bytes_read(pid: u32) -> u64 {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap();
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn a_5_mb_paste_is_refused_with_a_message_and_the_next_frame_is_quick() {
    const SIZE: usize = 5 << 20;
    let t = Tmux::start("paste");
    journal_with_sam(&t);
    let line = "A long pasted line that nobody should have to wait for.\n";
    let big: String = line.repeat(SIZE / line.len() + 1);
    let file = t.home.path().join("paste.txt");
    std::fs::write(&file, &big).unwrap();
    t.tmux(&["load-buffer", "-b", "big", &file.display().to_string()]);
    t.mentorlog("");
    reflection_with(&t, "Before the paste.");
    let pid = t.app_pid();

    let before = bytes_read(pid);
    let sent = Instant::now();
    // -p: bracketed, as a terminal sends a paste when the app asked for that.
    t.tmux(&["paste-buffer", "-p", "-b", "big"]);
    let returned = sent.elapsed();
    // Delivered: mentorlog has read all of it (the terminal hands it over in small pieces).
    let start = Instant::now();
    while bytes_read(pid) < before + big.len() as u64 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "mentorlog read {} of {} bytes in 60 s",
            bytes_read(pid) - before,
            big.len()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let delivered = Instant::now();
    // Then the frame with the refusal, polled every 2 ms (tmux answers each look, so
    // looking without any pause would take the CPU the app needs).
    let shown = loop {
        let screen = t.screen();
        if screen.contains("Not pasted") {
            break Instant::now();
        }
        assert!(
            delivered.elapsed() < Duration::from_secs(20),
            "no message 20 s after the paste was read:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    let frame = shown - delivered;
    eprintln!(
        "5 MiB paste: paste-buffer returned after {returned:?}, read by mentorlog {:?} after \
         sending, message on screen {frame:?} after that",
        delivered - sent
    );
    assert!(
        frame < Duration::from_millis(200),
        "the frame after the paste took {frame:?}"
    );

    // Nothing was pasted, the text typed before is intact, and typing goes on.
    t.text(" After.");
    let screen = t.wait_for("Before the paste. After.");
    assert!(!screen.contains("nobody should have to wait"), "{screen}");
    t.press("C-s", "Saved: reflection");
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["Before the paste. After."]);
}

#[test]
fn a_resize_storm_down_to_1x1_and_back_leaves_a_working_screen() {
    let t = Tmux::start("resize");
    journal_with_sam(&t);
    t.mentorlog("");
    reflection_with(&t, "Through the storm");
    let pid = t.app_pid();
    let before = t.screen();
    // The app does follow the size: a small window gets the notice.
    t.tmux(&["resize-window", "-x", "30", "-y", "6"]);
    t.wait_for("Make the window");

    let mut sizes = vec![(1, 1), (2, 1), (1, 2), (1, 1), (3, 3), (200, 1), (1, 60)];
    for i in 0..60u16 {
        sizes.push((1 + (i * 37) % 150, 1 + (i * 13) % 50));
        if i % 7 == 0 {
            sizes.push((1, 1));
        }
    }
    sizes.push((100, 30));
    for (w, h) in sizes {
        t.tmux(&["resize-window", "-x", &w.to_string(), "-y", &h.to_string()]);
    }
    assert!(is_mentorlog(pid), "mentorlog died in the storm");
    // The header line aside (it carries the time of day on some screens).
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    t.wait_until("the screen from before the storm", |s| {
        body(s) == body(&before)
    });

    // And it still works.
    t.text(" and out of it");
    t.wait_for("Through the storm and out of it");
    t.press("C-s", "Saved: reflection");
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["Through the storm and out of it"]);
}

#[test]
fn sigstop_then_sigcont_redraws_and_keeps_working() {
    let t = Tmux::start("stop-cont");
    journal_with_sam(&t);
    // No job control: the shell does not take the terminal while mentorlog is stopped.
    t.shell("set +m");
    t.mentorlog("");
    reflection_with(&t, "Before the stop");
    let pid = t.app_pid();
    kill("STOP", pid);
    wait_stopped(pid);
    // Something else writes over the screen meanwhile, and keys are typed.
    std::fs::write(t.pane_tty(), "\x1b[2J\x1b[HWRITTEN WHILE STOPPED").unwrap();
    t.wait_for("WRITTEN WHILE STOPPED");
    t.text(", then after it");
    kill("CONT", pid);
    t.wait_until("a full redraw with the keys typed while stopped", |s| {
        !s.contains("WRITTEN WHILE STOPPED")
            && s.contains("Write a reflection")
            && s.contains("Before the stop, then after it")
    });
    t.press("C-s", "Saved: reflection");
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["Before the stop, then after it"]);
}

#[test]
fn sigstop_under_a_shell_then_fg_takes_the_terminal_back() {
    let t = Tmux::start("stop-fg");
    journal_with_sam(&t);
    t.mentorlog("");
    reflection_with(&t, "Before the stop");
    let pid = t.app_pid();
    kill("STOP", pid);
    // The shell takes the terminal back (its own modes) and says so on the screen.
    t.wait_for("Stopped");
    t.shell("fg");
    t.resumed_form_saves("Before the stop", ", and back");
    assert_eq!(reflections(&t), ["Before the stop, and back"]);
}

#[test]
fn an_editor_that_reads_the_keyboard_gets_blocking_input() {
    let t = Tmux::start("editor-reads");
    journal_with_sam(&t);
    // An "editor" that reads one line from the terminal and adds it to the text.
    let script = t.home.path().join("read-line.sh");
    std::fs::write(
        &script,
        "printf 'type a line: '; read -r line || exit 3; printf '\\n%s' \"$line\" >> \"$1\"\n",
    )
    .unwrap();
    t.shell(&format!(
        "EDITOR='sh {}' {} --db {}",
        script.display(),
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display()
    ));
    reflection_with(&t, "Typed in mentorlog");
    t.press("C-g", "type a line:");
    t.text("typed in the editor");
    t.keys(&["Enter"]);
    t.wait_for("typed in the editor");
    t.wait_for("Write a reflection");
    t.press("C-s", "Saved: reflection");
    t.press("Escape", "1 relationship");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    assert_eq!(reflections(&t), ["Typed in mentorlog\ntyped in the editor"]);
}
