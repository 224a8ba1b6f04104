//! A pair sits down together, in the real binary in a real terminal (tmux): they look at the
//! agreement beside what happened, open a goal and a meeting from the pair review and come back
//! to the same place, leave pair mode, and take away the Markdown record and a calendar file.
//! tmux must be installed (`.ci/run` installs it); without it this test fails, loudly.

mod common;

use common::tmux::Tmux;

/// Waits until every one of `expected` is on the screen (a capture may catch a frame half
/// drawn, so what one frame shows is waited for, not read once).
fn see(t: &Tmux, expected: &[&str]) -> String {
    t.wait_until(&format!("{expected:?}"), |s| {
        expected.iter().all(|e| s.contains(e))
    })
}

fn press_see(t: &Tmux, key: &str, expected: &[&str]) -> String {
    t.keys(&[key]);
    see(t, expected)
}

/// Runs a command of the command line on the test's journal; fails with its output unless it
/// exits 0.
fn cli(t: &Tmux, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"))
        .arg("--db")
        .arg(t.db())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mentorlog {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_pair_looks_back_together_and_takes_the_record_and_a_calendar_away() {
    let t = Tmux::start("review");
    {
        // The example journal (Ada, mentee of Sam Rivera), written where the test's
        // mentorlog will open it.
        let mut store = mentorlog::store::Store::open(&t.db()).unwrap();
        mentorlog::demo::fill(&mut store, chrono::Local::now()).unwrap();
    }
    t.mentorlog("");
    t.app_pid();
    see(&t, &["1 relationship", "Sam Rivera"]);
    // A check-in may be due in the example: its prompt is put off for today.
    let screen = t.screen();
    if screen.contains("Esc not now") {
        t.keys(&["Escape"]);
        see(&t, &["m meeting  r reflect"]);
    }

    // Pair review: the agreement beside what happened comes first.
    press_see(
        &t,
        "R",
        &[
            "Pair review · you and Sam Rivera",
            "Agreement and reality",
            "You agreed on 3 hours a month",
            "you agreed on every 2 weeks",
            "│ marks the 3 h a month agreed",
        ],
    );

    // The first goal, opened and closed again.
    t.keys(&["Down"]);
    see(&t, &["› ▰"]);
    let goal = press_see(&t, "Enter", &["· a goal", "Milestones", "pair review on"]);
    assert!(
        goal.contains("Move into a product engineering role"),
        "{goal}"
    );
    let back = press_see(&t, "Escape", &["Agreement and reality", "Enter open"]);
    assert!(
        back.contains("› ▰"),
        "the same goal is still highlighted:\n{back}"
    );

    // The newest meeting: past the goals the review shows.
    let mut screen = back;
    for _ in 0..10 {
        if screen.lines().any(|l| l.contains("› 20")) {
            break;
        }
        t.keys(&["Down"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
        screen = t.screen();
    }
    assert!(
        screen.lines().any(|l| l.contains("› 20")),
        "a meeting is highlighted:\n{screen}"
    );
    let meeting = press_see(&t, "Enter", &["· a meeting", "Meeting with Sam Rivera"]);
    assert!(!meeting.contains("(private)"), "{meeting}");
    press_see(&t, "Escape", &["Meetings (", "Enter open"]);

    // Leaving pair review (also recorded as the last review).
    press_see(&t, "L", &["Pair review ended"]);
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    // What they take away.
    let record = t.home.path().join("record.md");
    let calendar = t.home.path().join("mentoring.ics");
    cli(
        &t,
        &[
            "export",
            "--format",
            "markdown",
            "--out",
            record.to_str().unwrap(),
        ],
    );
    cli(&t, &["calendar", "--out", calendar.to_str().unwrap()]);
    let record = std::fs::read_to_string(record).unwrap();
    for part in [
        "Sam Rivera",
        "Agreement and reality",
        "Move into a product engineering role",
        "Polish the third product story",
    ] {
        assert!(record.contains(part), "{part:?} is missing from the record");
    }
    let calendar = std::fs::read_to_string(calendar).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    assert!(calendar.contains("BEGIN:VEVENT\r\n"), "{calendar}");
    assert!(calendar.contains("Sam Rivera"), "{calendar}");
}
