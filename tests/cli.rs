//! The binary from the outside: help, sharing an agreement, the config, and every bad input
//! (bad config, bad journal files, unknown names) with its exit code and message.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use mentorlog::domain::{AnswerValue, Relationship, Role};
use mentorlog::store::Store;
use predicates::prelude::*;
use predicates::str::contains;

mod common;

use common::cli::*;

#[test]
fn help_and_version() {
    let env = Env::new();
    env.cmd().arg("--help").assert().success().stdout(
        contains("agreement")
            .and(contains("config"))
            .and(contains("--db"))
            .and(contains("--config")),
    );
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn agreement_as_markdown_leaves_private_answers_out() {
    let env = Env::new();
    journal_with_sam(&env);
    let a = env.run(&["agreement"]).success();
    let out = stdout(&a);
    assert!(
        out.starts_with("# Mentoring agreement: Ada (mentee) and Sam Rivera (mentor)"),
        "{out}"
    );
    assert!(out.contains("Agreed on 2026-08-31"), "{out}");
    assert!(
        out.contains("planned to end 2027-02-28"),
        "6 months from 31 August clamps to February: {out}"
    );
    assert!(out.contains("model: Formal"), "{out}");
    assert!(
        out.contains("Focus topics: Career development, Networking"),
        "{out}"
    );
    assert!(
        out.contains("## What will the mentoring focus on?\n\nMoving into product engineering."),
        "{out}"
    );
    assert!(
        out.contains("Sam Rivera reaches out, every 2 weeks"),
        "{out}"
    );
    assert!(out.contains("4 hours a month"), "{out}");
    assert!(out.contains("_Not answered yet._"), "{out}");
    assert!(
        !out.contains("SECRET-HOPE"),
        "a private answer leaked: {out}"
    );
    assert!(out.contains("1 private answer is left out"), "{out}");

    let all = stdout(&env.run(&["agreement", "--include-private"]).success());
    assert!(
        all.contains("SECRET-HOPE") && all.contains("_(private)_"),
        "{all}"
    );
}

#[test]
fn agreement_as_json() {
    let env = Env::new();
    let rel = journal_with_sam(&env);
    let out = stdout(&env.run(&["agreement", "--format", "json"]).success());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "mentorlog-agreement");
    assert_eq!(v["version"], 1);
    assert_eq!(v["me"], "Ada");
    assert_eq!(v["relationship"]["id"], rel.id.to_string());
    assert_eq!(v["relationship"]["with"], "Sam Rivera");
    assert_eq!(v["relationship"]["my_role"], "mentee");
    assert_eq!(v["relationship"]["planned_end"], "2027-02-28");
    let ids: Vec<&str> = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["focus", "time", "duration", "contact"]);
    assert_eq!(v["private_answers_left_out"], 1);
    assert_eq!(v["answers"][3]["value"]["cadence"]["every"], 2);
    assert!(!out.contains("SECRET-HOPE"));
}

#[test]
fn choosing_the_relationship_by_name() {
    let env = Env::new();
    journal_with_sam(&env);
    {
        let mut s = Store::open(&env.db()).unwrap();
        agreed(&mut s, "Sam Okafor", Role::Mentor);
        agreed(&mut s, "Kim Lee", Role::Peer);
        let mut draft = Relationship::new_draft(now());
        draft.other_name = "Drafty".into();
        s.save_relationship(&draft, now()).unwrap();
    }
    let out = stdout(&env.run(&["agreement", "--with", "kim lee"]).success());
    assert!(out.contains("and Kim Lee (peer)"), "{out}");
    let out = stdout(&env.run(&["agreement", "--with", "Sam O"]).success());
    assert!(out.contains("Sam Okafor (mentee)"), "{out}");

    let a = env.run(&["agreement", "--with", "sam"]).code(2);
    let err = stderr(&a);
    assert!(
        err.contains("matches 2 relationships")
            && err.contains("Sam Rivera")
            && err.contains("Sam Okafor"),
        "{err}"
    );
    let a = env.run(&["agreement", "--with", "Zed"]).code(2);
    let err = stderr(&a);
    assert!(
        err.contains("no relationship with \"Zed\"") && err.contains("Kim Lee"),
        "{err}"
    );
    assert!(
        !err.contains("Drafty"),
        "unfinished relationships are not offered: {err}"
    );
    let a = env.run(&["agreement"]).code(2);
    assert!(
        stderr(&a).contains("you have 3 relationships; say which with --with NAME"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn no_agreement_yet_and_no_journal_yet() {
    let env = Env::new();
    let a = env.run(&["agreement"]).code(2);
    assert!(
        stderr(&a).contains("no journal at") && stderr(&a).contains("Run `mentorlog` once"),
        "{}",
        stderr(&a)
    );
    assert!(
        !env.db().exists(),
        "a read-only command created the journal"
    );
    Store::open(&env.db()).unwrap();
    let a = env.run(&["agreement"]).code(2);
    assert!(
        stderr(&a).contains("there is no agreement yet"),
        "{}",
        stderr(&a)
    );
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let env = Env::new();
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name("Eve\u{1b}[31m", now()).unwrap();
    let rel = agreed(&mut store, "Mallory\u{1b}]52;c;aGVsbG8=\u{7}", Role::Mentee);
    let hostile =
        "clear\u{1b}[2J osc\u{1b}]52;c;aGVsbG8=\u{7} c1\u{9b}31m bidi\u{202e}txt del\u{7f}";
    store
        .save_answer(
            rel.id,
            "focus",
            &AnswerValue::Text {
                text: hostile.into(),
            },
            false,
            now(),
        )
        .unwrap();
    drop(store);
    for format in ["markdown", "json"] {
        let out = env
            .run(&["agreement", "--format", format])
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{7f}'] {
            assert!(!text.contains(bad), "{format}: {bad:?} reached stdout");
        }
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                v["answers"][0]["value"]["text"], hostile,
                "JSON keeps the text exactly, escaped"
            );
        } else {
            assert!(text.contains("clear") && text.contains("bidi"), "{text}");
        }
    }
}

#[test]
fn config_prints_the_effective_settings() {
    let env = Env::new();
    let out = stdout(&env.run(&["config"]).success());
    assert!(out.contains("# colors = true"), "{out}");
    assert!(out.contains("# date_format = \"%Y-%m-%d\""), "{out}");
    assert!(out.contains("[keys]"), "{out}");
    assert!(
        out.contains(&format!("# data_file = \"{}\"", env.db().display())),
        "{out}"
    );
    assert!(
        !env.db().exists(),
        "printing the config does not create a journal"
    );

    let cfg = env.path("custom.toml");
    fs::write(&cfg, "colors = false\n[keys]\nquit = \"ctrl-q\"\n").unwrap();
    let out = stdout(
        &env.run(&["--config", cfg.to_str().unwrap(), "config"])
            .success(),
    );
    assert!(
        out.contains("\ncolors = false\n") && out.contains("\nquit = \"ctrl-q\"\n"),
        "{out}"
    );
    let again = env.path("again.toml");
    fs::write(&again, &out).unwrap();
    let twice = stdout(
        &env.run(&["--config", again.to_str().unwrap(), "config"])
            .success(),
    );
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(
        body(&twice),
        body(&out),
        "the printed config reads back to the same settings"
    );

    // The default place is read too, and MENTORLOG_CONFIG works like --config.
    fs::create_dir_all(env.path("config/mentorlog")).unwrap();
    fs::write(
        env.path("config/mentorlog/config.toml"),
        "theme = \"light\"\n",
    )
    .unwrap();
    let out = stdout(&env.run(&["config"]).success());
    assert!(out.contains("\ntheme = \"light\"\n"), "{out}");
    let out = stdout(
        &env.cmd()
            .env("MENTORLOG_CONFIG", &cfg)
            .env("MENTORLOG_DB", env.db())
            .arg("config")
            .assert()
            .success(),
    );
    assert!(out.contains("\ncolors = false\n"), "{out}");
}

#[test]
fn bad_config_files_stop_mentorlog_with_file_line_and_column() {
    let env = Env::new();
    let cases = [
        (
            "syntax.toml",
            "colors = true\ntheme = \"dark\n",
            "line 2, column",
            "",
        ),
        (
            "type.toml",
            "date_format = \"%Y\"\ncolors = \"yes\"\n",
            "line 2, column 10",
            "bool",
        ),
        (
            "unknown.toml",
            "\ncolour = true\n",
            "line 2, column 1",
            "colour",
        ),
        (
            "binding.toml",
            "[keys]\nquit = \"ctrl-\"\n",
            "line 2, column 8",
            "is not a key",
        ),
        (
            "action.toml",
            "[keys]\njump = \"j\"\n",
            "line 2, column 1",
            "unknown key action",
        ),
        (
            "date.toml",
            "date_format = \"%Q\"\n",
            "line 1, column 15",
            "not a valid strftime",
        ),
    ];
    for (name, text, position, what) in cases {
        let cfg = env.path(name);
        fs::write(&cfg, text).unwrap();
        for args in [vec!["config"], vec!["agreement"], vec![]] {
            let a = env
                .cmd()
                .arg("--db")
                .arg(env.db())
                .arg("--config")
                .arg(&cfg)
                .args(&args)
                .assert()
                .code(2);
            let err = stderr(&a);
            assert!(err.contains(&cfg.display().to_string()), "{name}: {err}");
            assert!(err.contains(position), "{name}: expected {position}: {err}");
            assert!(err.contains(what), "{name}: expected {what}: {err}");
        }
        assert!(
            !env.db().exists(),
            "{name}: a journal was created despite the bad config"
        );
    }
    let a = env
        .run(&[
            "--config",
            env.path("missing.toml").to_str().unwrap(),
            "config",
        ])
        .code(2);
    assert!(stderr(&a).contains("does not exist"), "{}", stderr(&a));
}

fn bad_files(env: &Env) -> Vec<(PathBuf, &'static str)> {
    let random = env.path("random.db");
    fs::write(
        &random,
        (0..5000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let empty = env.path("empty.db");
    fs::write(&empty, b"").unwrap();
    let foreign = env.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("PRAGMA application_id = 7; CREATE TABLE t (x);")
        .unwrap();
    let newer = env.path("newer.db");
    drop(Store::open(&newer).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999; PRAGMA journal_mode = DELETE;")
        .unwrap();
    vec![
        (random, "not an SQLite database"),
        (empty, "empty file"),
        (foreign, "another application"),
        (newer, "newer mentorlog"),
    ]
}

#[test]
fn bad_journal_files_are_refused_untouched_with_exit_code_2() {
    let env = Env::new();
    for (path, what) in bad_files(&env) {
        let before = fs::read(&path).unwrap();
        for args in [vec!["agreement"], vec![]] {
            let a = env
                .cmd()
                .arg("--db")
                .arg(&path)
                .args(&args)
                .assert()
                .code(2);
            let err = stderr(&a);
            assert!(err.starts_with("mentorlog: "), "{err}");
            assert!(
                err.contains(what) && err.contains("untouched"),
                "{}: {err}",
                path.display()
            );
            assert_eq!(
                fs::read(&path).unwrap(),
                before,
                "{} changed",
                path.display()
            );
        }
    }
}

#[test]
fn the_screens_need_a_terminal() {
    let env = Env::new();
    let a = env.run(&[]).code(2);
    let err = stderr(&a);
    assert!(
        err.contains("need a terminal") && err.contains("--help"),
        "{err}"
    );
}

#[test]
fn the_default_journal_lives_in_the_data_dir() {
    let env = Env::new();
    env.cmd().arg("config").assert().success().stdout(contains(
        Path::new(&env.path("data"))
            .join("mentorlog")
            .join("journal.db")
            .display()
            .to_string(),
    ));
    // MENTORLOG_DB wins over the default.
    env.cmd()
        .env("MENTORLOG_DB", env.path("elsewhere.db"))
        .arg("config")
        .assert()
        .success()
        .stdout(contains("elsewhere.db"));
}

#[test]
fn goals_as_lines_and_json_for_scripts() {
    use mentorlog::domain::{Goal, GoalStatus, Milestone};
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let kim = agreed(&mut store, "Kim Osei", Role::Mentor);
    let none = env.run(&["goals"]).success();
    assert!(stdout(&none).contains("No goals yet"), "{}", stdout(&none));

    let mut talk = Goal::new(sam.id, "Give a talk\x1b[2J", now());
    talk.status = GoalStatus::Active;
    talk.target_on = NaiveDate::from_ymd_opt(2026, 11, 1);
    let mut m1 = Milestone::new(talk.id, "Pick a topic");
    m1.done_at = Some(now());
    let m2 = Milestone::new(talk.id, "Submit");
    store.save_goal(&talk, &[m1, m2], now()).unwrap();
    let mut hire = Goal::new(kim.id, "Hire a first engineer", now());
    hire.status = GoalStatus::Proposed;
    store.save_goal(&hire, &[], now()).unwrap();
    drop(store);

    let out = env.run(&["goals"]).success();
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("active     50%  Give a talk\u{FFFD}[2J  (Sam Rivera, "),
        "{text}"
    );
    assert!(
        lines[0].contains("days past 2026-11-01, 1 of 2 milestones"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("proposed    0%  Hire a first engineer  (Kim Osei)"),
        "{text}"
    );
    assert!(!text.contains('\x1b'));

    let out = env.run(&["goals", "--with", "kim", "--json"]).success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["title"], "Hire a first engineer");
    assert_eq!(list[0]["status"], "proposed");
    assert_eq!(list[0]["with"], "Kim Osei");
    let out = env.run(&["goals", "--json"]).success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["progress"], 50);
    assert_eq!(json[0]["overdue"], true);
    assert!(
        !stdout(&out).contains('\x1b'),
        "escapes stay escaped in JSON"
    );

    let bad = env.run(&["goals", "--with", "Nobody"]).failure().code(2);
    assert!(
        stderr(&bad).contains("no relationship with \"Nobody\""),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn completions_man_page_and_a_demo_that_needs_a_terminal() {
    let env = Env::new();
    let bash = env.run(&["completions", "bash"]).success();
    let text = stdout(&bash);
    assert!(
        text.contains("_mentorlog()") && text.contains("review") && text.contains("due"),
        "{text}"
    );
    let zsh = env.run(&["completions", "zsh"]).success();
    assert!(stdout(&zsh).contains("#compdef mentorlog"));
    let bad = env.run(&["completions", "tcsh"]).failure().code(2);
    assert!(stderr(&bad).contains("possible values"), "{}", stderr(&bad));
    let man = env.run(&["man"]).success();
    let page = stdout(&man);
    assert!(
        page.contains(".TH mentorlog") && page.contains("due") && page.contains("\\-\\-demo"),
        "{page}"
    );
    // --demo without a terminal says so and creates nothing.
    let demo = env.cmd().arg("--demo").assert().failure().code(2);
    assert!(
        stderr(&demo).contains("need a terminal"),
        "{}",
        stderr(&demo)
    );
    assert!(!env.path("data").exists(), "no journal was created");
}

#[test]
fn two_relationships_of_the_same_name_are_picked_by_id_or_start_date() {
    let env = Env::new();
    let first = journal_with_sam(&env);
    let second = {
        let mut s = Store::open(&env.db()).unwrap();
        let mut r = agreed(&mut s, "Sam Rivera", Role::Mentor);
        r.agreed_on = NaiveDate::from_ymd_opt(2026, 9, 14);
        s.save_relationship(&r, now()).unwrap();
        r
    };
    let err = stderr(&env.run(&["agreement", "--with", "Sam Rivera"]).code(2));
    assert!(
        err.contains("Sam Rivera (started 2026-08-31, id ")
            && err.contains("Sam Rivera (started 2026-09-14, id ")
            && err.contains("say which by its id (--with ")
            && err.contains("--with \"Sam Rivera@2026-08-31\""),
        "{err}"
    );
    // The id the message shows picks one, in every command that takes --with.
    let id_of = |rel: &Relationship| {
        let shown = format!("2026-{}, id ", rel.agreed_on.unwrap().format("%m-%d"));
        let at = err.find(&shown).unwrap() + shown.len();
        err[at..].split(')').next().unwrap().to_string()
    };
    let (a, b) = (id_of(&first), id_of(&second));
    assert!(a.len() >= 4 && a != b, "{a} {b}");
    assert!(first.id.simple().to_string().ends_with(&a));
    // (The first is with my mentor, the second with my mentee.)
    let out = stdout(&env.run(&["agreement", "--with", &a]).success());
    assert!(out.contains("Sam Rivera (mentor)"), "{out}");
    let out = stdout(&env.run(&["agreement", "--with", &b]).success());
    assert!(out.contains("Sam Rivera (mentee)"), "{out}");
    let out = stdout(
        &env.run(&["agreement", "--with", "sam rivera@2026-09-14"])
            .success(),
    );
    assert!(out.contains("Sam Rivera (mentee)"), "{out}");
    for args in [
        &["goals", "--with", &b][..],
        &["review", "--with", &b],
        &["export", "--format", "markdown", "--with", &b],
        &["reflect", "--with", &b, "A thought about the talk"],
        &["meeting", "--with", &b, "--notes", "Talked about the talk"],
    ] {
        env.run(args).success();
    }
    let err = stderr(
        &env.run(&["goals", "--with", "Sam Rivera@2026-01-01"])
            .code(2),
    );
    assert!(err.contains("no relationship with"), "{err}");
}
