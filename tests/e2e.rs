//! The real binary in a real terminal (tmux): a first run typed end to end, quitting and
//! resuming, signals, suspend. Each test has its own tmux server and its own temp home.
//! tmux must be installed (`.ci/run` installs it); without it these tests fail, loudly.

mod common;

use std::path::Path;
use std::time::Duration;

use common::tmux::{Tmux, journal_with_sam, reflections};

/// The header's step: without a total until the role (step 3) is chosen, since the role
/// decides how many questions follow.
fn step(n: usize) -> String {
    if n <= 3 {
        format!("step {n}")
    } else {
        format!("step {n} of 23")
    }
}

/// Types the profile and the relationship's first steps, up to the focus question.
fn start_walk_through(t: &Tmux) {
    t.mentorlog("");
    t.skip_encryption_offer();
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
    t.press("Tab", &step(8));
    t.keys(&[
        "Space", "Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down",
    ]);
    t.text("a conference talk");
    t.press("Enter", &step(9));
    t.press("Tab", &step(10)); // no support picked
    t.text("about 4");
    t.keys(&["Down"]);
    t.text("2");
    t.press("Enter", &step(11));
    t.keys(&["Down"]);
    t.press("Enter", &step(12)); // 6 months
    t.keys(&["Down", "Space", "Down", "Down"]);
    t.text("2");
    t.keys(&["Down", "Down", "Space"]);
    t.press("Enter", &step(13)); // Sam reaches out every 2 weeks
    t.press("Tab", &step(14));
    t.press("Tab", &step(15));
    t.keys(&["Down", "Space", "Down", "Space"]);
    t.press("Enter", &step(16)); // video, phone
    t.press("Tab", &step(17));
    t.press("Tab", &step(18));
    t.text("A clear plan for the switch");
    t.press("Tab", &step(19));
    t.press("Tab", &step(20));
    t.press("Tab", &step(21));
    t.press("Tab", &step(22));
    t.text("What we say stays between us.");
    t.press("Tab", &step(23));
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
    t.wait_for("Your answers are saved. Run mentorlog again to carry on at step 7 of 23.");
    t.assert_back_in_shell(0);

    t.shell("clear");
    t.mentorlog("");
    // Not the step number: the farewell above says "step 7 of 23" too, until the clear.
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
    t.skip_encryption_offer();
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
    t.skip_encryption_offer();
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
fn ctrl_z_suspends_and_fg_redraws_with_the_typed_text() {
    let t = Tmux::start("suspend");
    journal_with_sam(&t);
    t.mentorlog("");
    t.wait_for("1 relationship");
    t.press("r", "Write a reflection");
    t.text("Typed before Ctrl-Z");
    t.wait_for("Typed before Ctrl-Z");
    t.keys(&["C-z"]);
    t.wait_for("Stopped");
    let (alternate, cursor) = t.terminal_state();
    assert!(
        !alternate && cursor,
        "suspended, the shell has a normal terminal"
    );
    t.shell("fg");
    t.resumed_form_saves("Typed before Ctrl-Z", ", and after fg");
    assert_eq!(reflections(&t), ["Typed before Ctrl-Z, and after fg"]);
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
        t.skip_encryption_offer();
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
    let screen = t.press("C-g", "exited with code 1");
    assert!(screen.contains("Typed in mentorlog"), "{screen}");
    t.keys(&["C-c"]);
    t.assert_back_in_shell(0);

    t.shell(&format!(
        "clear; EDITOR=no-such-editor {exe} --db {}",
        db.display()
    ));
    t.press("r", "Typed in mentorlog");
    let screen = t.press("C-g", "was not found");
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
    t.press("C-g", "Added in my editor.");
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

#[test]
fn mentorlog_now_sets_the_screens_clock_so_a_future_check_in_shows_as_due() {
    use mentorlog::domain::{AnswerValue, Cadence, CadenceUnit, Initiator};
    let t = Tmux::start("clock-now");
    journal_with_sam(&t);
    {
        let mut store = mentorlog::store::Store::open(&t.db()).unwrap();
        let rel = store.relationships().unwrap().remove(0);
        let contact = AnswerValue::Contact {
            initiator: Some(Initiator::Me),
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks,
            }),
        };
        store
            .save_answer(rel.id, "contact", &contact, false, chrono::Utc::now())
            .unwrap();
    }
    // Agreed today, every two weeks: nothing is due now…
    t.mentorlog("");
    let home = t.wait_for("1 relationship");
    assert!(!home.contains("overdue"), "{home}");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
    // …but sixty days on, the check-in is overdue, and the header shows that day.
    let then = chrono::Local::now() + chrono::Duration::days(60);
    t.shell(&format!(
        "MENTORLOG_NOW={} {} --db {}",
        then.to_rfc3339(),
        env!("CARGO_BIN_EXE_mentorlog"),
        t.db().display()
    ));
    let popup = t.wait_for("overdue");
    assert!(popup.contains("Sam Rivera"), "{popup}");
    assert!(
        popup.contains(&then.format("%Y-%m-%d").to_string()),
        "{popup}"
    );
    t.press("Escape", "Dismissed for today");
    t.keys(&["q"]);
    t.assert_back_in_shell(0);
}
