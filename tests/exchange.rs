//! Export and import: the round trip, importing twice, conflicts, dry runs, refusals that
//! write nothing, and files from other journal tools.

use chrono::{DateTime, Duration, Utc};
use mentorlog::domain::Reflection;
use mentorlog::exchange::import;
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::Store;

fn export(store: &Store) -> String {
    let mut out = Vec::new();
    store
        .export_json(&mut out, "2026-11-22T10:00:00+00:00")
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn random_journal(seed: u64) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, 30, seed).unwrap();
    generate_entries(&mut store, 300, seed).unwrap();
    generate_goals(&mut store, 12, 4, seed).unwrap();
    store
}

const NOW: &str = "2026-11-22T10:00:00Z";

#[test]
fn export_import_export_is_identical_and_importing_twice_changes_nothing() {
    for seed in [1, 2, 3] {
        let a = random_journal(seed);
        let first = export(&a);
        let mut b = Store::open_in_memory().unwrap();
        let report = import(&mut b, &first, false, NOW).unwrap();
        assert!(report.conflicts.is_empty());
        assert!(report.added["reflection"] > 0 && report.added["goal_update"] > 0);
        assert_eq!(export(&b), first, "seed {seed}: the round trip is exact");
        assert_eq!(a.counts().unwrap(), b.counts().unwrap());
        let again = import(&mut b, &first, false, NOW).unwrap();
        assert!(again.added.is_empty() && again.updated.is_empty() && again.conflicts.is_empty());
        assert!(again.unchanged > 300);
        assert_eq!(export(&b), first);
    }
}

fn one_reflection(store: &Store) -> Reflection {
    let filter = mentorlog::store::TimelineFilter {
        include_private: true,
        kind: Some(mentorlog::store::EntryKind::Reflection),
        ..Default::default()
    };
    let id = store.timeline_page(&filter, None, 1).unwrap()[0].id;
    store.reflection(id).unwrap().unwrap()
}

#[test]
fn newer_wins_and_conflicts_are_listed_not_dropped() {
    let mut a = random_journal(7);
    let mut b = Store::open_in_memory().unwrap();
    import(&mut b, &export(&a), false, NOW).unwrap();
    // Edited in both: b's edit is newer, so a's copy is a conflict, and b keeps its text.
    let mut in_a = one_reflection(&a);
    in_a.body = "edited in the first journal".into();
    let t: DateTime<Utc> = NOW.parse().unwrap();
    a.save_reflection(&in_a, t).unwrap();
    let mut in_b = one_reflection(&b);
    in_b.body = "edited in the second journal".into();
    b.save_reflection(&in_b, t + Duration::hours(1)).unwrap();
    let report = import(&mut b, &export(&a), false, NOW).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert_eq!(report.conflicts[0].0, "reflection");
    assert!(report.summary(false).contains("1 conflict kept"));
    assert_eq!(one_reflection(&b).body, "edited in the second journal");
    // Edited later in a: now a's copy is newer and wins.
    in_a.body = "edited again, last".into();
    a.save_reflection(&in_a, t + Duration::hours(2)).unwrap();
    let report = import(&mut b, &export(&a), false, NOW).unwrap();
    assert_eq!(report.updated.get("reflection"), Some(&1));
    assert_eq!(one_reflection(&b).body, "edited again, last");
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let a = random_journal(4);
    let mut b = Store::open_in_memory().unwrap();
    let report = import(&mut b, &export(&a), true, NOW).unwrap();
    assert!(report.added["meeting"] > 0);
    assert!(report.summary(true).starts_with("Would be added"));
    assert_eq!(b.counts().unwrap().0[2], ("action items", 0));
    assert!(b.relationships().unwrap().is_empty());
}

/// The first reflection's body replaced by an object.
fn nested_body(good: &str) -> String {
    let start = good.find("\"body\":\"").unwrap() + "\"body\":".len();
    let end = start + 1 + good[start + 1..].find('"').unwrap() + 1;
    format!("{}{{\"x\":1}}{}", &good[..start], &good[end..])
}

#[test]
fn bad_files_are_refused_with_a_reason_and_nothing_written() {
    let a = random_journal(5);
    let good = export(&a);
    let mut b = Store::open_in_memory().unwrap();
    let cases: Vec<(String, &str)> = vec![
        (good[..good.len() / 2].to_string(), "not complete JSON"),
        ("<html>hello</html>".into(), "not complete JSON"),
        (r#"{"format": "mentorlog"}"#.into(), "no version"),
        (
            good.replacen("\"version\": ", "\"version\": 99", 1),
            "newer mentorlog",
        ),
        (
            good.replacen("\"profile\"", "\"profile; DROP TABLE meeting\"", 1),
            "unknown table",
        ),
        (
            good.replacen("\"title\"", "\"title\\\"); DROP TABLE goal; --\"", 1),
            "unknown field",
        ),
        (
            good.replacen("\"status\":\"active\"", "\"status\":\"bogus\"", 1),
            "was refused",
        ),
        (nested_body(&good), "nested value"),
        (r#"{"something": "else"}"#.into(), "not a mentorlog export"),
    ];
    for (text, why) in cases {
        let err = import(&mut b, &text, false, NOW).unwrap_err().to_string();
        assert!(err.contains(why), "expected {why:?} in: {err}");
        assert!(err.contains("Nothing was written"), "{err}");
        assert!(
            b.relationships().unwrap().is_empty(),
            "nothing written after: {why}"
        );
        assert_eq!(b.counts().unwrap().0[3], ("reflections", 0));
    }
}

#[test]
fn jrnl_and_tui_journal_files_come_in_as_private_reflections() {
    let mut b = Store::open_in_memory().unwrap();
    let jrnl = r#"{"tags": {"@work": 1}, "entries": [
        {"date": "2026-03-01", "time": "09:15", "title": "Big day.", "body": "Gave the demo.", "tags": ["@work"], "starred": false},
        {"date": "2026-03-02", "time": "21:00", "title": "Tired", "body": "", "tags": [], "starred": true}
    ]}"#;
    let report = import(&mut b, jrnl, false, NOW).unwrap();
    assert_eq!(report.added.get("reflection"), Some(&2));
    let again = import(&mut b, jrnl, false, NOW).unwrap();
    assert!(
        again.added.is_empty(),
        "the same file twice does not double"
    );
    let tui = r#"[{"id": 1, "date": "2026-04-01T08:00:00Z", "title": "Standup", "content": "Spoke up about the design", "tags": ["growth"], "priority": null}]"#;
    import(&mut b, tui, false, NOW).unwrap();
    let filter = mentorlog::store::TimelineFilter {
        include_private: true,
        ..Default::default()
    };
    let entries = b.timeline_page(&filter, None, 10).unwrap();
    assert_eq!(entries.len(), 3);
    let newest = b.reflection(entries[0].id).unwrap().unwrap();
    assert_eq!(newest.body, "Standup\n\nSpoke up about the design");
    assert_eq!(newest.tags, ["growth"]);
    assert!(newest.private);
    let bad = r#"{"entries": [{"date": "someday", "title": "x"}]}"#;
    assert!(
        import(&mut b, bad, false, NOW)
            .unwrap_err()
            .to_string()
            .contains("date that does not read")
    );
}
