//! A relationship's whole life, typed into the real binary in a real terminal (tmux): the pair
//! agree and sign, revise at the midpoint, pause for a holiday, and close with a summary.
//! `MENTORLOG_NOW` moves the clock between the starts, on the same journal.
//! tmux must be installed (`.ci/run` installs it); without it this test fails, loudly.

mod common;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, Local, NaiveTime};

use common::tmux::Tmux;

/// The story's first day, at 10:00 local time: read once, so the dates hold also when the
/// test runs over midnight, and the screens' clock never passes one.
fn start() -> DateTime<Local> {
    static START: OnceLock<DateTime<Local>> = OnceLock::new();
    *START.get_or_init(|| {
        Local::now()
            .date_naive()
            .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap())
            .and_local_timezone(Local)
            .single()
            .expect("10:00 exists once on every day")
    })
}

/// The moment `days` after the start.
fn at(days: i64) -> DateTime<Local> {
    start() + Duration::days(days)
}

/// That day as the screens and the Markdown write it.
fn day(days: i64) -> String {
    at(days).format("%Y-%m-%d").to_string()
}

/// The walk-through's header for step `n` (no total until the role is chosen).
fn step(n: usize) -> String {
    if n <= 3 {
        format!("step {n}")
    } else {
        format!("step {n} of 23")
    }
}

/// Starts the screen `days` after the start, and keeps its process id to kill on drop.
fn open_at(t: &Tmux, days: i64) {
    t.shell(&format!(
        "clear; MENTORLOG_NOW={} {} --db {}",
        at(days).to_rfc3339(),
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display()
    ));
    t.app_pid();
}

/// Runs a command of the command line in the pane, `days` after the start: its exit code and
/// what it printed (kept in a file, since the pane is only 30 lines high).
fn cli_at(t: &Tmux, days: i64, args: &str) -> (i32, String) {
    // Each run its own tag and file: the screen may still show the last run's until `clear`.
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let tag = format!("cli-{run}-exit-");
    let out = t.home.path().join(format!("cli-{run}.txt"));
    t.shell(&format!(
        "clear; MENTORLOG_NOW={} {} --db {} {args} >{} 2>&1; echo {tag}$?",
        at(days).to_rfc3339(),
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display(),
        out.display()
    ));
    // The typed line (wrapped, maybe) ends in "$?": only the echo's has a number after the tag.
    let code_in = |screen: &str| {
        screen
            .lines()
            .find_map(|l| l.strip_prefix(&tag)?.trim().parse::<i32>().ok())
    };
    let screen = t.wait_until("the command's exit code", |s| code_in(s).is_some());
    let code = code_in(&screen).expect("waited for it");
    (code, std::fs::read_to_string(out).unwrap())
}

fn assert_has(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e:?} is missing from:\n{text}");
    }
}

/// Waits (as long as the harness waits) until every one of `expected` is on the screen: a
/// capture may catch a frame half drawn, so what one frame shows is waited for, not read once.
fn see(t: &Tmux, expected: &[&str]) -> String {
    t.wait_until(&format!("{expected:?}"), |s| {
        expected.iter().all(|e| s.contains(e))
    })
}

/// Presses `key`, then waits until all of `expected` are on the screen.
fn press_see(t: &Tmux, key: &str, expected: &[&str]) -> String {
    t.keys(&[key]);
    see(t, expected)
}

/// Home, with no popup over it: its own footer is drawn.
const HOME_FOOTER: &str = "m meeting  r reflect";

/// First run: the walk-through with a focus and a duration of 6 months, the rest skipped.
fn agree(t: &Tmux) {
    open_at(t, 0);
    t.skip_encryption_offer();
    t.wait_for("Welcome to mentorlog");
    t.press("Enter", &step(2));
    t.text("Ada Lovelace");
    t.press("Enter", &step(3));
    t.press("Enter", &step(4)); // mentee
    t.text("Sam Rivera");
    t.press("Enter", &step(5));
    t.press("Tab", &step(6)); // no model
    t.press("Tab", &step(7)); // no topics
    t.text("Moving into product engineering");
    t.wait_for("Moving into product engineering");
    for n in 8..=11 {
        t.press("Tab", &step(n)); // focus saved; result, support, time skipped
    }
    t.keys(&["Down"]);
    t.press("Enter", &step(12)); // 6 months
    for n in 13..=23 {
        t.press("Tab", &step(n));
    }
    see(
        t,
        &[
            "Review your agreement",
            "Focus                   Moving into product engineering",
            "How long                6 months",
        ],
    );
    press_see(
        t,
        "C-s",
        &[
            &format!("Agreement with Sam Rivera saved on {}", day(0)),
            "1 relationship",
            "Focus: Moving into product engineering",
        ],
    );
}

/// On the agreement screen: I sign, then note Sam's sign-off, both dated today.
fn sign_both(t: &Tmux, version: u32, on: &str) {
    press_see(
        t,
        "s",
        &[
            "Sign the agreement",
            &format!("You agree to version {version}"),
        ],
    );
    t.press(
        "Enter",
        &format!("Your sign-off of version {version} on {on} is saved."),
    );
    press_see(
        t,
        "o",
        &[
            "Sam Rivera's sign-off",
            &format!("Sam Rivera agreed to version {version}"),
        ],
    );
    press_see(
        t,
        "Enter",
        &[
            &format!(
                "Agreed by Ada Lovelace on {on} and by Sam Rivera on {on} (version {version})."
            ),
            &format!("Sam Rivera's sign-off of version {version} on {on} is saved."),
        ],
    );
}

#[test]
fn a_pair_agrees_signs_revises_pauses_and_closes_with_a_summary() {
    let t = Tmux::start("relationship");

    // 1–2. Agree in the walk-through, then both sign version 1.
    agree(&t);
    press_see(
        &t,
        "Enter",
        &[
            "mentorlog · Agreement with Sam Rivera",
            &format!("Version 1 of {}.", day(0)),
            "Version 1 is not signed yet by Ada Lovelace or Sam Rivera.",
        ],
    );
    sign_both(&t, 1, &day(0));
    // Esc and the next key sent together would read as Alt+key: wait for home first.
    t.press("Escape", HOME_FOOTER);
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    // 3. A hundred days on, past the midpoint of six months: the arc review asks; revise.
    open_at(&t, 100);
    see(
        &t,
        &[
            "You are halfway through the relationship with Sam Rivera",
            &day(100), // the header's day: the clock set
        ],
    );
    press_see(
        &t,
        "r",
        &[
            "Revising (revised at the midpoint): a change makes version 2",
            "Revising the agreement with Sam Rivera",
        ],
    );
    // Your role, the other person, model, topics, focus: the fifth row.
    t.keys(&["Down", "Down", "Down", "Down"]);
    t.press("Enter", "changing one answer");
    t.text(", then leading a small team");
    t.wait_for("Moving into product engineering, then leading a small team");
    press_see(
        &t,
        "Tab",
        &[
            &format!("Version 2 of {}, revised at the midpoint.", day(100)),
            "Version 2 is not signed yet by Ada Lovelace or Sam Rivera.",
            "Focus                   Moving into product engineering, then leading a small team",
        ],
    );
    sign_both(&t, 2, &day(100));
    press_see(
        &t,
        "Escape",
        &[
            HOME_FOOTER,
            "Focus: Moving into product engineering, then leading a small team",
        ],
    );
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    let (code, md) = cli_at(&t, 100, "agreement");
    assert_eq!(code, 0, "{md}");
    assert_has(
        &md,
        &[
            "# Mentoring agreement: Ada Lovelace (mentee) and Sam Rivera (mentor)",
            "Moving into product engineering, then leading a small team",
            &format!("- version 1 ({}): Moving into product engineering", day(0)),
            &format!("Version 2 of {}, revised at the midpoint.", day(100)),
            &format!(
                "Agreed by Ada Lovelace on {d} and by Sam Rivera on {d} (version 2).",
                d = day(100)
            ),
        ],
    );

    // 4. A holiday: pause from home with a reason. Revising answered the arc review: home
    // opens without it (its own footer, not the review's).
    open_at(&t, 120);
    let home = see(&t, &["1 relationship", HOME_FOOTER, &day(120)]);
    assert!(
        !home.contains("halfway"),
        "the arc review came back:\n{home}"
    );
    press_see(
        &t,
        "x",
        &[
            "The relationship with Sam Rivera",
            &format!("Where it stands: active since {}.", day(0)),
            "‹ pause ›",
        ],
    );
    t.keys(&["Tab"]);
    t.text("a holiday");
    t.wait_for("a holiday");
    press_see(
        &t,
        "Enter",
        &[
            &format!("Paused since {} (a holiday)", day(120)),
            "Paused: no check-in, review or survey reminders for Sam Rivera",
        ],
    );
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    // Back from the holiday: resume from the shell.
    let (code, out) = cli_at(&t, 135, "resume --with 'Sam Rivera'");
    assert_eq!(code, 0, "{out}");
    assert_has(
        &out,
        &[&format!(
            "Resumed the relationship with Sam Rivera: check-ins count again from {}.",
            day(135)
        )],
    );
    // No summary before the close.
    let (code, out) = cli_at(&t, 135, "summary --with 'Sam Rivera'");
    assert_eq!(code, 2, "{out}");
    assert_has(&out, &["The relationship with Sam Rivera is not closed"]);

    // 5. Close from home, through the closing review, to the summary.
    open_at(&t, 140);
    let home = see(&t, &["1 relationship", HOME_FOOTER, &day(140)]);
    assert!(
        !home.contains("Paused"),
        "still paused after resume:\n{home}"
    );
    t.press("x", "The relationship with Sam Rivera");
    t.press("Right", "‹ close ›");
    t.keys(&["Tab"]);
    t.text("the switch is done");
    t.wait_for("the switch is done");
    press_see(
        &t,
        "Enter",
        &[
            "Looking back · closing with Sam Rivera",
            &format!("You and Sam Rivera, from {} to {}", day(0), day(140)),
            "Why it closed: the switch is done (private)",
            "Focus: Moving into product engineering, then leading a small team",
        ],
    );
    t.press("Enter", "A last pulse · closing with Sam Rivera");
    t.text("45");
    t.wait_for("5 · agree");
    t.press("C-s", "Reflection · closing with Sam Rivera");
    t.text("I learned to ask for feedback early.");
    t.keys(&["Tab"]);
    t.press("Right", "shared in the summary");
    t.press("C-s", "What I learned · closing with Sam Rivera");
    t.press("C-n", "What comes next · closing with Sam Rivera");
    t.press("C-n", "Thank-you note · closing with Sam Rivera");
    t.text("Thank you, Sam, for every Thursday.");
    t.keys(&["Tab"]);
    t.press("Right", "shared in the summary");
    press_see(
        &t,
        "C-s",
        &[
            "Thank you for closing it with care.",
            "mentorlog · Closing summary",
            "4 of 5 — We are making progress on my goals.",
            "5 of 5 — Our meetings are useful to me.",
        ],
    );
    // The closing words follow agreement and reality, further down.
    press_see(
        &t,
        "PageDown",
        &[
            "I learned to ask for feedback early.",
            "Thank you, Sam, for every Thursday.",
        ],
    );
    press_see(
        &t,
        "Escape",
        &[HOME_FOOTER, &format!("Closed on {}", day(140))],
    );
    t.keys(&["q"]);
    t.assert_back_in_shell(0);

    let (code, md) = cli_at(&t, 140, "summary --with 'Sam Rivera'");
    assert_eq!(code, 0, "{md}");
    assert_has(
        &md,
        &[
            "# Closing summary: Ada Lovelace and Sam Rivera",
            &format!(
                "Ada Lovelace (mentee) with Sam Rivera (mentor), from {} to {}",
                day(0),
                day(140)
            ),
            "Focus: Moving into product engineering, then leading a small team",
            "- 4 of 5 — We are making progress on my goals.",
            "I learned to ask for feedback early.",
            "## Thank you\n\nThank you, Sam, for every Thursday.",
        ],
    );
    assert!(
        !md.contains("the switch is done"),
        "the private reason was shared:\n{md}"
    );
}
