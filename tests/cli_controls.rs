//! No control character from the journal, the config or the arguments reaches the terminal:
//! plain output and errors are cleaned, JSON escapes them.

mod common;

use std::fs;

use common::cli::*;
use mentorlog::domain::{AnswerValue, Cadence, CadenceUnit, Initiator, Relationship, Role};
use mentorlog::store::Store;

/// Escape sequences of every kind a terminal obeys: an OSC title change ended by BEL, a screen
/// clear, an 8-bit CSI (U+009B), a right-to-left override, and DEL.
const HOSTILE: &str = "a\u{1b}]0;owned\u{7}b\u{1b}[2Jc\u{9b}31md\u{202e}e\u{7f}f";

fn hostile(what: &str) -> String {
    format!("{what} {HOSTILE}")
}

/// No character that could steer a terminal (newlines and tabs aside).
fn assert_terminal_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && c != '\t' && mentorlog::text::is_unsafe(c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {bad:?} reached the terminal in:\n{text}"
    );
}

/// A journal with hostile text in every place a command prints: names, answers, goals,
/// meeting notes and items, reflections and their tags, the pulse note.
fn hostile_journal(env: &Env) -> Relationship {
    use mentorlog::domain::{ActionItem, Goal, GoalStatus, Meeting, Owner, Reflection};
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name(&hostile("me"), now()).unwrap();
    let rel = agreed(&mut store, &hostile("name"), Role::Mentee);
    store
        .save_answer(
            rel.id,
            "focus",
            &AnswerValue::Text {
                text: hostile("answer"),
            },
            false,
            now(),
        )
        .unwrap();
    store
        .save_answer(
            rel.id,
            "contact",
            &AnswerValue::Contact {
                initiator: Some(Initiator::Them),
                cadence: Some(Cadence {
                    every: 1,
                    unit: CadenceUnit::Weeks,
                }),
            },
            false,
            now(),
        )
        .unwrap();
    let mut g = Goal::new(rel.id, &hostile("goal"), now());
    g.status = GoalStatus::Active;
    g.success = hostile("success");
    store.save_goal(&g, &[], now()).unwrap();
    let at = now() - chrono::Duration::days(20);
    let mut m = Meeting::new(rel.id, at, at);
    m.notes = hostile("notes");
    m.outcomes = hostile("outcomes");
    m.agenda = hostile("agenda");
    let item = ActionItem::new(rel.id, &hostile("item"), Owner::Me, at);
    store.save_meeting(&m, &[item], at).unwrap();
    let mut r = Reflection::new(&hostile("reflection"), at);
    r.relationship_id = Some(rel.id);
    r.tags = vec![format!("#tag\u{1b}[2J\u{9b}\u{202e}x")];
    store.save_reflection(&r, at).unwrap();
    store
        .save_survey(&mentorlog::store::Survey {
            id: uuid::Uuid::now_v7(),
            relationship_id: rel.id,
            at,
            reason: "asked".into(),
            scores: vec![("clarity".into(), 4)],
            note: hostile("pulse"),
        })
        .unwrap();
    rel
}

#[test]
fn control_characters_never_reach_the_terminal_from_any_command() {
    let env = Env::new();
    hostile_journal(&env);
    let name = hostile("name");
    let commands: &[&[&str]] = &[
        &["review"],
        &["review", "--format", "json"],
        &["review", "--format", "json", "--include-private"],
        &["goals"],
        &["goals", "--json"],
        &["due"],
        &["due", "--json"],
        &["agreement"],
        &["agreement", "--format", "json"],
        &["export", "--format", "markdown", "--include-private"],
        &["check"],
    ];
    let mut json = std::collections::HashMap::new();
    for args in commands {
        let a = env.run(args);
        let out = a.get_output();
        let (o, e) = (
            String::from_utf8(out.stdout.clone()).unwrap(),
            String::from_utf8(out.stderr.clone()).unwrap(),
        );
        assert_terminal_safe(&format!("{args:?} stdout"), &o);
        assert_terminal_safe(&format!("{args:?} stderr"), &e);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?} works: {e}"
        );
        if args.contains(&"json") || args.contains(&"--json") {
            let v: serde_json::Value = serde_json::from_str(&o)
                .unwrap_or_else(|err| panic!("{args:?} is JSON ({err}):\n{o}"));
            json.insert(args.join(" "), v);
        }
    }
    // JSON keeps every text exactly: escaped, not cleaned.
    let review = &json["review --format json"];
    assert_eq!(review["with"], name.as_str());
    assert_eq!(review["meetings"][0]["notes"], hostile("notes").as_str());
    assert_eq!(
        review["meetings"][0]["outcomes"],
        hostile("outcomes").as_str()
    );
    assert_eq!(
        review["meetings"][0]["action_items"][0]["text"],
        hostile("item").as_str()
    );
    assert_eq!(review["goals"][0]["title"], hostile("goal").as_str());
    assert_eq!(review["pulse"][0]["note"], hostile("pulse").as_str());
    let goals = &json["goals --json"];
    assert_eq!(goals[0]["title"], hostile("goal").as_str());
    assert_eq!(goals[0]["success"], hostile("success").as_str());
    assert_eq!(goals[0]["with"], name.as_str());
    assert_eq!(json["due --json"][0]["with"], name.as_str());
    let agreement = &json["agreement --format json"];
    assert_eq!(agreement["me"], hostile("me").as_str());
    assert_eq!(agreement["relationship"]["with"], name.as_str());
    let answers = agreement["answers"].as_array().unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a["value"]["text"] == hostile("answer").as_str()),
        "{answers:?}"
    );
}

#[test]
fn error_messages_never_carry_control_characters() {
    let env = Env::new();
    let rel = hostile_journal(&env);
    let check = |what: &str, a: assert_cmd::assert::Assert| {
        let out = a.get_output();
        assert_terminal_safe(
            &format!("{what} stdout"),
            &String::from_utf8_lossy(&out.stdout),
        );
        let err = String::from_utf8(out.stderr.clone()).unwrap();
        assert_terminal_safe(&format!("{what} stderr"), &err);
        err
    };
    // A name that matches nobody, typed with escapes.
    let err = check(
        "--with",
        env.run(&["review", "--with", &hostile("nobody")]).code(2),
    );
    assert!(err.contains("no relationship with"), "{err}");
    let err = check(
        "reflect --with",
        env.run(&["reflect", "--with", &hostile("nobody"), "hello"])
            .failure(),
    );
    assert!(!err.is_empty());
    // A bad value for a flag: clap quotes it back.
    let err = check(
        "--format",
        env.run(&["review", "--format", &hostile("yaml")]).code(2),
    );
    assert!(err.contains("invalid value"), "{err}");
    // A config file with escapes in it: the message quotes the line.
    let config = env.path("hostile.toml");
    fs::write(&config, format!("date_format = \"{HOSTILE}\"\n")).unwrap();
    let err = check(
        "config",
        env.cmd()
            .arg("--db")
            .arg(env.db())
            .arg("--config")
            .arg(&config)
            .arg("check")
            .assert()
            .code(2),
    );
    assert!(err.contains("hostile.toml"), "{err}");
    // An import file with escapes where ids and names go.
    let file = env.path("hostile.json");
    fs::write(
        &file,
        format!(
            "{{\"format\": \"mentorlog-export\", \"version\": 1, \"relationship\": [{{\"id\": \"{}\"}}]}}",
            HOSTILE.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")
        ),
    )
    .unwrap();
    check("import", env.run(&["import", file.to_str().unwrap()]));
    // An answer the decoder does not know (written around the app, as a damaged or crafted
    // file would have it): whether a command skips it or stops on it, nothing raw is printed.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT OR REPLACE INTO answer (relationship_id, question_id, value, private, created_at, updated_at)
         VALUES (?1, 'contact', ?2, 0, ?3, ?3)",
        rusqlite::params![
            rel.id.to_string(),
            serde_json::json!({"kind": "contact", "initiator": HOSTILE, "cadence": null}).to_string(),
            now().to_rfc3339(),
        ],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["agreement"][..],
        &["agreement", "--format", "json"],
        &["due"],
        &["due", "--json"],
        &["review"],
        &["export", "--format", "markdown"],
        &["check"],
    ] {
        check(&format!("{args:?} with an unknown answer"), env.run(args));
    }
}
