//! `mentorlog agreement` from the outside: the version, who signed it, and the no-fault line,
//! as Markdown and JSON; private answers' history stays out.

mod common;

use chrono::NaiveDate;
use common::cli::{Env, journal_with_sam, now, stdout};
use mentorlog::domain::{AnswerValue, Side};
use mentorlog::store::Store;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// Sam's journal (its answers, written after the agreement day, made version 2); both signed
/// it, then a private answer changed two days later (version 3).
fn signed_journal(env: &Env) {
    let rel = journal_with_sam(env);
    let mut store = Store::open(&env.db()).unwrap();
    store
        .sign_agreement(rel.id, Side::Me, "Ada", d(11, 22), d(11, 22), now())
        .unwrap();
    store
        .sign_agreement(
            rel.id,
            Side::Other,
            "Sam Rivera",
            d(11, 22),
            d(11, 22),
            now(),
        )
        .unwrap();
    let later = now() + chrono::Duration::days(2);
    let hope = AnswerValue::Text {
        text: "SECRET-LATER-HOPE".into(),
    };
    store
        .save_answer(rel.id, "mentee_hopes", &hope, true, later)
        .unwrap();
}

#[test]
fn the_markdown_ends_with_the_no_fault_line_the_version_and_who_signed() {
    let env = Env::new();
    signed_journal(&env);
    let out = stdout(&env.run(&["agreement"]).success());
    let tail = out
        .split("\n---\n")
        .nth(1)
        .expect("a closing part after the answers");
    assert!(tail.contains("without blame"), "{out}");
    assert!(tail.contains("Version 3 of 2026-11-24, revised."), "{out}");
    assert!(
        tail.contains("Version 3 is not signed yet by Ada or Sam Rivera."),
        "{out}"
    );
    assert!(!out.contains("SECRET"), "{out}");

    let all = stdout(&env.run(&["agreement", "--include-private"]).success());
    assert!(all.contains("SECRET-LATER-HOPE"), "{all}");
    assert!(
        all.contains("- version 2 (2026-11-22): SECRET-HOPE"),
        "{all}"
    );
}

#[test]
fn the_json_carries_every_version_with_its_signoffs() {
    let env = Env::new();
    signed_journal(&env);
    let out = stdout(&env.run(&["agreement", "--format", "json"]).success());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["agreement"]["number"], 3);
    assert_eq!(v["agreement"]["note"], "revised");
    let versions: Vec<u64> = v["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_u64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2]);
    assert_eq!(
        v["versions"][1]["signoff_line"],
        "Agreed by Ada on 2026-11-22 and by Sam Rivera on 2026-11-22 (version 2)."
    );
    assert!(v["no_fault"].as_str().unwrap().contains("without blame"));
    assert!(!out.contains("SECRET"), "{out}");
}
