//! `mentorlog pause|resume|close|reopen --with NAME [--reason TEXT]` run as a binary: one line
//! on success, a clear message and exit code 2 when the state does not allow the change.

mod common;

use common::cli::*;
use mentorlog::domain::{LifeKind, LifeState, Relationship, Role};
use mentorlog::store::Store;

const NOW: &str = "2026-11-22T10:00:00+00:00";

fn run(env: &Env, args: &[&str]) -> assert_cmd::assert::Assert {
    env.cmd()
        .env("MENTORLOG_NOW", NOW)
        .arg("--db")
        .arg(env.db())
        .args(args)
        .assert()
}

fn state(env: &Env, rel: &Relationship) -> (LifeState, Vec<(LifeKind, String)>) {
    let store = Store::open(&env.db()).unwrap();
    let life = store.relationship(rel.id).unwrap().unwrap().life();
    let events = store
        .life_events(rel.id)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.reason))
        .collect();
    (life, events)
}

fn day(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[test]
fn pause_resume_close_reopen_each_say_one_line() {
    let env = Env::new();
    let rel = journal_with_sam(&env);
    let a = run(
        &env,
        &["pause", "--with", "sam", "--reason", "a month of travel"],
    )
    .code(0);
    assert_eq!(
        stdout(&a),
        "Paused the relationship with Sam Rivera from 2026-11-22 (a month of travel): no check-in, review or survey reminders until you resume it.\n"
    );
    assert_eq!(state(&env, &rel).0, LifeState::Paused { since: day(22) });
    // Paused: `mentorlog due` leaves it out.
    let due = run(&env, &["due", "--json"]);
    assert!(!stdout(&due).contains("Sam Rivera"), "{}", stdout(&due));

    let a = run(&env, &["resume", "--with", "Sam Rivera"]).code(0);
    assert_eq!(
        stdout(&a),
        "Resumed the relationship with Sam Rivera: check-ins count again from 2026-11-22.\n"
    );
    let a = run(
        &env,
        &["close", "--with", "sam", "--reason", "goal reached"],
    )
    .code(0);
    let out = stdout(&a);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("Closed the relationship with Sam Rivera on 2026-11-22 (goal reached).")
            && out.contains("closing review is waiting in mentorlog"),
        "{out}"
    );
    let a = run(&env, &["reopen", "--with", "sam"]).code(0);
    assert!(stdout(&a).contains("active again and check-ins count from 2026-11-22"));
    let (life, events) = state(&env, &rel);
    assert_eq!(life, LifeState::Active);
    assert_eq!(
        events,
        [
            (LifeKind::Paused, "a month of travel".to_string()),
            (LifeKind::Resumed, String::new()),
            (LifeKind::Closed, "goal reached".to_string()),
            (LifeKind::Reopened, String::new()),
        ]
    );
}

#[test]
fn a_change_the_state_does_not_allow_is_refused_with_exit_code_2() {
    let env = Env::new();
    let rel = journal_with_sam(&env);
    for (args, says) in [
        (
            vec!["resume", "--with", "sam"],
            "not paused, so there is nothing to resume",
        ),
        (
            vec!["reopen", "--with", "sam"],
            "still open, so there is nothing to reopen",
        ),
    ] {
        let a = run(&env, &args).code(2);
        assert_eq!(stdout(&a), "");
        assert!(stderr(&a).contains(says), "{}", stderr(&a));
    }
    run(&env, &["pause", "--with", "sam"]).code(0);
    let a = run(&env, &["pause", "--with", "sam"]).code(2);
    assert!(stderr(&a).contains("paused already"), "{}", stderr(&a));
    run(&env, &["close", "--with", "sam"]).code(0);
    for verb in ["pause", "resume", "close"] {
        let a = run(&env, &[verb, "--with", "sam"]).code(2);
        assert!(stderr(&a).contains("Reopen it first"), "{}", stderr(&a));
    }
    assert_eq!(state(&env, &rel).1.len(), 2, "refusals write nothing");
}

#[test]
fn names_are_matched_like_every_other_with_and_a_draft_is_told_to_finish() {
    let env = Env::new();
    journal_with_sam(&env);
    {
        let mut store = Store::open(&env.db()).unwrap();
        agreed(&mut store, "Sam Lee", Role::Mentor);
        let mut draft = Relationship::new_draft(now());
        draft.other_name = "Kim".into();
        store.save_relationship(&draft, now()).unwrap();
    }
    let a = run(&env, &["pause", "--with", "nobody"]).code(2);
    assert!(
        stderr(&a).contains("no relationship with \"nobody\""),
        "{}",
        stderr(&a)
    );
    let a = run(&env, &["pause", "--with", "sam"]).code(2);
    assert!(
        stderr(&a).contains("matches 2 relationships"),
        "{}",
        stderr(&a)
    );
    let a = run(&env, &["close", "--with", "kim"]).code(2);
    assert!(
        stderr(&a).contains("not confirmed yet: finish the walk-through first"),
        "{}",
        stderr(&a)
    );
    // A reason cannot smuggle escape sequences to the terminal.
    let a = run(
        &env,
        &["pause", "--with", "sam lee", "--reason", "away\u{1b}[2J"],
    )
    .code(0);
    assert!(!stdout(&a).contains('\u{1b}'), "{:?}", stdout(&a));
    // --with is required.
    let a = run(&env, &["pause"]).code(2);
    assert!(stderr(&a).contains("--with"), "{}", stderr(&a));
}
