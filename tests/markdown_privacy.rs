//! Private words in the readable record, its folder form and the pair review: absent from
//! every shared document, present and marked private with --include-private.

use mentorlog::domain::{
    ActionItem, AnswerValue, Goal, Meeting, Owner, ProgressUpdate, Reflection, Resource,
    ResourceKind, Side,
};
use mentorlog::store::Store;
use proptest::prelude::*;

mod common;
#[path = "common/record_docs.rs"]
mod record_docs;

use common::cli::{journal_with_sam, now};
use record_docs::{at, folder, record, review};

/// Where the private words are put: each prefixes the marker in the text it is in.
const PRIVATE_KINDS: [&str; 8] = [
    "answer",
    "meeting",
    "agenda",
    "item",
    "reflection",
    "alone",
    "progress",
    "resource",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Private words in private meetings, reflections (of the pair and alone), answers and the
    /// progress notes that came from a private reflection: absent from every shared document,
    /// present and marked private with --include-private.
    #[test]
    fn private_words_stay_out_unless_asked_for(
        marker in "[A-Z]{6,10}",
        meetings in 1usize..4,
        reflections in 1usize..4,
    ) {
        let marker = format!("PRIV{marker}");
        let env = common::cli::Env::new();
        let rel = journal_with_sam(&env);
        let mut store = Store::open(&env.db()).unwrap();
        store
            .save_answer(rel.id, "mentee_hopes", &AnswerValue::Text { text: format!("answer {marker}") }, true, now())
            .unwrap();
        for i in 0..meetings {
            let mut m = Meeting::new(rel.id, at(20 + i as i64), now());
            m.notes = format!("meeting {marker}");
            m.agenda = format!("agenda {marker}");
            m.private = true;
            let item = ActionItem::new(rel.id, &format!("item {marker}"), Owner::Me, now());
            store.save_meeting(&m, &[item], now()).unwrap();
        }
        let mut shared = Meeting::new(rel.id, at(5), now());
        shared.notes = "shared meeting visible".into();
        store.save_meeting(&shared, &[], now()).unwrap();
        let mut goal_reflection = None;
        for i in 0..reflections {
            let mut r = Reflection::new(&format!("reflection {marker}"), at(3 + i as i64));
            r.relationship_id = Some(rel.id);
            r.tags = vec![format!("tag{marker}")];
            store.save_reflection(&r, now()).unwrap();
            goal_reflection = Some(r.id);
            let alone = Reflection::new(&format!("alone {marker}"), at(3 + i as i64));
            store.save_reflection(&alone, now()).unwrap();
        }
        let goal = Goal::new(rel.id, "shared goal visible", now());
        let mut secret = ProgressUpdate::new(goal.id, 30, &format!("progress {marker}"), at(4));
        secret.reflection_id = goal_reflection;
        let open = ProgressUpdate::new(goal.id, 20, "shared progress visible", at(6));
        store.save_goals_batch(&[(goal, vec![], vec![open, secret])], now()).unwrap();
        let mut resource = Resource::new(rel.id, ResourceKind::Book, &format!("resource {marker}"), Side::Other, now());
        resource.private = true;
        store.save_resource(&resource, now()).unwrap();
        drop(store);
        let store = Store::open(&env.db()).unwrap();

        let (review_md, review_json) = review(&store, &rel, false);
        for (what, doc) in [
            ("record", record(&store, false)),
            ("folder", folder(&store, false)),
            ("review", review_md),
            ("review json", review_json),
        ] {
            prop_assert!(!doc.contains(&marker), "{} leaked:\n{}", what, doc);
            prop_assert!(doc.contains("shared meeting visible"), "{}:\n{}", what, doc);
        }
        let shared_record = record(&store, false);
        prop_assert!(shared_record.contains("shared progress visible"));

        let all = record(&store, true);
        for kind in PRIVATE_KINDS {
            prop_assert!(all.contains(&format!("{kind} {marker}")), "{} missing:\n{}", kind, all);
        }
        // Each private entry is marked where it is: the heading of its meeting or reflection.
        for (kind, level) in [("meeting", "\n### "), ("reflection", "\n### "), ("alone", "\n## ")] {
            let at = all.find(&format!("{kind} {marker}")).unwrap();
            let heading = &all[all[..at].rfind(level).unwrap() + 1..];
            let heading = heading.lines().next().unwrap();
            prop_assert!(heading.ends_with("(private)"), "{}: {}", kind, heading);
        }
        // The answer: its section says so.
        let at = all.find(&format!("answer {marker}")).unwrap();
        let end = all[at..].find("\n## ").map_or(all.len(), |e| at + e);
        prop_assert!(all[at..end].contains("_(private)_"), "{}", &all[at..end]);
        let line = all.lines().find(|l| l.contains(&format!("progress {marker}"))).unwrap();
        prop_assert!(line.ends_with("(private)"), "{}", line);
        let line = all.lines().find(|l| l.contains(&format!("resource {marker}"))).unwrap();
        prop_assert!(line.contains("(private)"), "{}", line);
        let files = folder(&store, true);
        for kind in ["meeting", "reflection", "alone"] {
            prop_assert!(files.contains(&format!("{kind} {marker}")), "{} missing:\n{}", kind, files);
        }
    }
}
