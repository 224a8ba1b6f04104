//! Skills from the shell: `mentorlog review` and `mentorlog export --format markdown` carry
//! the shared skills with before and after, and private ones only with --include-private.

use mentorlog::domain::skill::{Skill, SkillPoint};
use mentorlog::store::Store;

mod common;

use common::cli::*;

fn with_skills(env: &Env) {
    let sam = journal_with_sam(env);
    let mut store = Store::open(&env.db()).unwrap();
    for (name, private, start, mid) in [
        ("Public speaking", false, 2, 4),
        ("PRIVATE-SKILL saying no", true, 1, 2),
    ] {
        let skill = Skill {
            id: uuid::Uuid::now_v7(),
            relationship_id: sam.id,
            name: name.into(),
            topic: None,
            position: 0,
            private,
            created_at: now(),
            updated_at: now(),
        };
        store.save_skill(&skill, now()).unwrap();
        let day = now().date_naive();
        store
            .rate_skill(skill.id, SkillPoint::Start, start, day, now())
            .unwrap();
        store
            .rate_skill(skill.id, SkillPoint::Midpoint, mid, day, now())
            .unwrap();
    }
}

#[test]
fn review_and_export_carry_shared_skills_and_private_ones_only_when_asked() {
    let env = Env::new();
    with_skills(&env);
    for args in [
        &["review", "--with", "Sam"][..],
        &["export", "--format", "markdown"][..],
    ] {
        let out = stdout(&env.run(args).success());
        assert!(
            out.contains("## Skills")
                && out.contains("**Public speaking**: start 2, midpoint 4; 2 → 4 (+2)"),
            "{args:?}:\n{out}"
        );
        assert!(!out.contains("PRIVATE-SKILL"), "{args:?}:\n{out}");
        let mut all = args.to_vec();
        all.push("--include-private");
        let out = stdout(&env.run(&all).success());
        assert!(
            out.contains("PRIVATE-SKILL saying no** (private)"),
            "{all:?}:\n{out}"
        );
    }
    let json = stdout(
        &env.run(&["review", "--with", "Sam", "--format", "json"])
            .success(),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let skills = v["skills"].as_array().unwrap();
    assert_eq!(skills.len(), 1, "{json}");
    assert_eq!(skills[0]["ratings"]["midpoint"]["rating"], 4);
}
