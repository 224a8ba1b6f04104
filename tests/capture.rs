//! Quick capture from the shell: `mentorlog reflect` and `mentorlog meeting`.

use assert_cmd::Command;
use chrono::{DateTime, Local, NaiveDate, Utc};
use mentorlog::domain::{Relationship, RelationshipStatus, Role};
use mentorlog::store::{EntryKind, Store, TimelineFilter};

fn now() -> DateTime<Utc> {
    "2026-11-01T10:00:00Z".parse().unwrap()
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let mut store = Store::open(&env.db()).unwrap();
        store.save_profile_name("Ada", now()).unwrap();
        for name in ["Sam Rivera", "Kim Lee"] {
            let mut rel = Relationship::new_draft(now());
            rel.my_role = Some(Role::Mentee);
            rel.other_name = name.into();
            rel.status = RelationshipStatus::Active;
            rel.agreed_on = NaiveDate::from_ymd_opt(2026, 10, 1);
            store.save_relationship(&rel, now()).unwrap();
        }
        env
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("journal.db")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("mentorlog").unwrap();
        c.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("MENTORLOG_CONFIG")
            .arg("--db")
            .arg(self.db());
        c
    }

    fn entries(&self) -> Vec<mentorlog::store::TimelineEntry> {
        let store = Store::open(&self.db()).unwrap();
        let all = TimelineFilter {
            include_private: true,
            ..TimelineFilter::default()
        };
        store.timeline_page(&all, None, 100).unwrap()
    }
}

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn err(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

#[test]
fn reflect_from_an_argument_and_from_stdin() {
    let env = Env::new();
    let a = env
        .cmd()
        .args([
            "reflect",
            "Felt heard today. #confidence",
            "--with",
            "sam",
            "--tag",
            "Career",
            "--bring-up",
        ])
        .assert()
        .success();
    let line = out(&a);
    assert!(line.starts_with("Saved a private reflection ("), "{line}");
    assert!(
        line.contains("4 words") && line.contains("with Sam Rivera"),
        "{line}"
    );
    assert!(
        line.contains("tags: confidence, career") && line.contains("bring up next meeting"),
        "{line}"
    );

    let a = env
        .cmd()
        .args(["reflect", "--shared"])
        .write_stdin("From a pipe\nover two lines\n")
        .assert()
        .success();
    assert!(
        out(&a).starts_with("Saved a shared reflection"),
        "{}",
        out(&a)
    );

    let entries = env.entries();
    assert_eq!(entries.len(), 2);
    let store = Store::open(&env.db()).unwrap();
    let piped = store
        .reflection(entries.iter().find(|e| !e.private).unwrap().id)
        .unwrap()
        .unwrap();
    assert_eq!(
        piped.body, "From a pipe\nover two lines",
        "stored exactly, without the final newline"
    );
    let tagged = store
        .reflection(entries.iter().find(|e| e.private).unwrap().id)
        .unwrap()
        .unwrap();
    assert_eq!(tagged.tags, ["confidence", "career"]);
    assert!(tagged.bring_up && tagged.relationship_id.is_some());
}

#[test]
fn reflect_refuses_nothing_and_unknown_names_without_saving() {
    let env = Env::new();
    let a = env
        .cmd()
        .args(["reflect"])
        .write_stdin("   \n")
        .assert()
        .code(2);
    assert!(err(&a).contains("nothing to save"), "{}", err(&a));
    let a = env
        .cmd()
        .args(["reflect", "text", "--with", "Zed"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("no relationship with \"Zed\""),
        "{}",
        err(&a)
    );
    let big = "x".repeat(mentorlog::capture::MAX_TEXT_BYTES + 1);
    let a = env
        .cmd()
        .args(["reflect"])
        .write_stdin(big)
        .assert()
        .code(2);
    assert!(err(&a).contains("nothing was saved"), "{}", err(&a));
    assert!(env.entries().is_empty());
}

#[test]
fn meeting_with_dates_as_people_type_them() {
    let env = Env::new();
    let a = env
        .cmd()
        .args([
            "meeting",
            "--with",
            "kim",
            "--when",
            "yesterday",
            "--notes",
            "Went over the #portfolio",
            "--outcomes",
            "Two drafts",
        ])
        .assert()
        .success();
    let yesterday = (Local::now().date_naive() - chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    let line = out(&a);
    assert_eq!(
        line,
        format!("Saved the meeting with Kim Lee on {yesterday}: Went over the #portfolio.\n")
    );
    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].kind, EntryKind::Meeting);
    let m = Store::open(&env.db())
        .unwrap()
        .meeting(entries[0].id)
        .unwrap()
        .unwrap();
    assert_eq!(m.outcomes, "Two drafts");
    assert_eq!(m.topics, ["portfolio"]);
    assert!(!m.private);

    let a = env
        .cmd()
        .args(["meeting", "--with", "Sam", "--when", "2026-02-30"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("is not a date") && err(&a).contains("YYYY-MM-DD"),
        "{}",
        err(&a)
    );
    let a = env
        .cmd()
        .args(["meeting", "--with", "Sam", "--when", "+3d"])
        .assert()
        .code(2);
    assert!(err(&a).contains("in the future"), "{}", err(&a));
    assert_eq!(env.entries().len(), 1, "refused meetings saved nothing");
}

#[test]
fn meeting_says_who_reached_out_when_told() {
    let env = Env::new();
    let a = env
        .cmd()
        .args(["meeting", "--with", "sam", "--reached-out", "them"])
        .assert()
        .success();
    assert!(out(&a).contains("(Sam Rivera reached out)"), "{}", out(&a));
    env.cmd()
        .args(["meeting", "--with", "kim", "--reached-out", "me"])
        .assert()
        .success();
    env.cmd()
        .args(["meeting", "--with", "kim", "--notes", "no word on who"])
        .assert()
        .success();
    let store = Store::open(&env.db()).unwrap();
    let mut said: Vec<(String, Option<mentorlog::domain::Side>)> = env
        .entries()
        .iter()
        .map(|e| {
            let m = store.meeting(e.id).unwrap().unwrap();
            let rel = store.relationship(m.relationship_id).unwrap().unwrap();
            (rel.other_name, m.reached_out)
        })
        .collect();
    said.sort_by_key(|s| (s.0.clone(), s.1.map(|s| s.id())));
    use mentorlog::domain::Side;
    assert_eq!(
        said,
        vec![
            ("Kim Lee".to_string(), None),
            ("Kim Lee".to_string(), Some(Side::Me)),
            ("Sam Rivera".to_string(), Some(Side::Other)),
        ]
    );
    // Anything else is refused by name, and nothing is saved.
    let a = env
        .cmd()
        .args(["meeting", "--with", "sam", "--reached-out", "both"])
        .assert()
        .code(2);
    assert!(err(&a).contains("--reached-out"), "{}", err(&a));
    assert_eq!(env.entries().len(), 3);
    // The help says what it takes.
    let a = env.cmd().args(["meeting", "--help"]).assert().success();
    assert!(out(&a).contains("--reached-out <WHO>"), "{}", out(&a));
    assert!(out(&a).contains("me, or them"), "{}", out(&a));
}

#[test]
fn capture_output_never_carries_escape_sequences() {
    let env = Env::new();
    let hostile = "note\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202e} end #tag\u{1b}x";
    for args in [
        vec!["reflect", hostile, "--tag", "\u{1b}[31mred"],
        vec!["meeting", "--with", "sam", "--notes", hostile],
    ] {
        let a = env.cmd().args(&args).assert().success();
        let line = out(&a);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!line.contains(bad), "{bad:?} in {line:?}");
        }
    }
    let store = Store::open(&env.db()).unwrap();
    let all = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    let entry = store
        .timeline_page(&all, None, 10)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == EntryKind::Reflection)
        .unwrap();
    assert_eq!(
        store.reflection(entry.id).unwrap().unwrap().body,
        hostile,
        "stored exactly as typed"
    );
}
