//! The binary run from the outside on a journal in a temporary folder, for the CLI tests.

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{DateTime, NaiveDate, Utc};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Initiator, PlannedDuration, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::Store;

pub fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// A temp home with isolated XDG dirs; `cmd()` runs mentorlog inside it.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("journal.db")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("mentorlog").unwrap();
        c.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env_remove("NO_COLOR")
            .env_remove("MENTORLOG_DB")
            .env_remove("MENTORLOG_CONFIG")
            .env_remove("MENTORLOG_PASSPHRASE_COMMAND")
            .env_remove("MENTORLOG_NEW_PASSPHRASE_COMMAND");
        c
    }

    /// mentorlog on this env's journal, its passphrase printed by MENTORLOG_PASSPHRASE_COMMAND.
    pub fn run_with(&self, passphrase: &str, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd()
            .env(
                "MENTORLOG_PASSPHRASE_COMMAND",
                format!("printf %s '{passphrase}'"),
            )
            .arg("--db")
            .arg(self.db())
            .args(args)
            .assert()
    }

    /// mentorlog with `--db` pointing at this env's journal.
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().arg("--db").arg(self.db()).args(args).assert()
    }
}

pub fn agreed(store: &mut Store, name: &str, role: Role) -> Relationship {
    let mut rel = Relationship::new_draft(now());
    rel.my_role = Some(role);
    rel.other_name = name.into();
    rel.model = Some("formal".into());
    rel.topics = vec!["career".into(), "networking".into()];
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 8, 31);
    store.save_relationship(&rel, now()).unwrap();
    rel
}

/// A journal with one mentee relationship with Sam, some answers, and one private answer.
pub fn journal_with_sam(env: &Env) -> Relationship {
    let mut store = Store::open(&env.db()).unwrap();
    store.save_profile_name("Ada", now()).unwrap();
    let rel = agreed(&mut store, "Sam Rivera", Role::Mentee);
    let answers = [
        (
            "focus",
            AnswerValue::Text {
                text: "Moving into product engineering.".into(),
            },
            false,
        ),
        ("time", AnswerValue::Hours { per_month: 4 }, false),
        (
            "duration",
            AnswerValue::Duration {
                plan: PlannedDuration::Months { months: 6 },
            },
            false,
        ),
        (
            "contact",
            AnswerValue::Contact {
                initiator: Some(Initiator::Them),
                cadence: Some(Cadence {
                    every: 2,
                    unit: CadenceUnit::Weeks,
                }),
            },
            false,
        ),
        (
            "mentee_hopes",
            AnswerValue::Text {
                text: "SECRET-HOPE".into(),
            },
            true,
        ),
    ];
    for (q, v, p) in answers {
        store.save_answer(rel.id, q, &v, p, now()).unwrap();
    }
    rel
}

pub fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

pub fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}
