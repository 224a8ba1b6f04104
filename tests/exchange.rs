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
            "status is \"bogus\", which is not one of the values",
        ),
        (nested_body(&good), "body is an object where text belongs"),
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

// ---- Every row decoded and checked before anything is written (and privacy never lowered).

use serde_json::{Value, json};

/// A journal on disk with every kind of row, its export, and the path.
struct OnDisk {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    export: Value,
}

fn on_disk(seed: u64) -> OnDisk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, 6, seed).unwrap();
    generate_entries(&mut store, 40, seed).unwrap();
    generate_goals(&mut store, 4, 3, seed).unwrap();
    let export = serde_json::from_str(&export(&store)).unwrap();
    drop(store);
    OnDisk {
        _dir: dir,
        path,
        export,
    }
}

/// An export's text with its keys in the order mentorlog writes them (serde_json's `Value`
/// sorts keys; the import wants the tables in their order).
fn text_of(doc: &Value) -> String {
    let mut out = format!(
        "{{\"format\":\"mentorlog\",\"version\":{},\"tables\":{{",
        doc["version"]
    );
    let mut first = true;
    for (table, _) in mentorlog::exchange::TABLES {
        if let Some(rows) = doc["tables"].get(table) {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&format!("{:?}:{}", table, rows));
        }
    }
    out.push_str("}}");
    out
}

fn file_hash(path: &std::path::Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::read(path).unwrap().hash(&mut h);
    h.finish()
}

/// The export with one field of one row (the first row of `table` that `pick` accepts)
/// replaced; returns the text and that row's id.
fn with_field(
    export: &Value,
    table: &str,
    pick: impl Fn(&Value) -> bool,
    field: &str,
    value: Value,
) -> (String, String) {
    let mut doc = export.clone();
    let rows = doc["tables"][table].as_array_mut().unwrap();
    let row = rows.iter_mut().find(|r| pick(r)).expect("a row to change");
    row[field] = value;
    let id = row
        .get("id")
        .or_else(|| row.get("relationship_id"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    (text_of(&doc), id)
}

fn any(_: &Value) -> bool {
    true
}

#[test]
fn rows_the_app_could_not_read_are_refused_naming_table_row_and_field() {
    let disk = on_disk(11);
    let e = &disk.export;
    let big = "x".repeat(mentorlog::app::editor::MAX_TEXT_BYTES + 1);
    let contact = |r: &Value| r["question_id"] == "contact";
    let cases: Vec<(&str, (String, String), &str, &str)> = vec![
        (
            "meeting",
            with_field(e, "meeting", any, "held_at", json!("yesterday-ish")),
            "held_at",
            "not a time",
        ),
        (
            "relationship",
            with_field(e, "relationship", any, "id", json!("../../etc/passwd")),
            "id",
            "not a UUID",
        ),
        (
            "meeting",
            with_field(e, "meeting", any, "duration_minutes", json!(45.5)),
            "duration_minutes",
            "whole number",
        ),
        (
            "meeting",
            with_field(
                e,
                "meeting",
                any,
                "duration_minutes",
                serde_json::from_str("123456789012345678901234567890").unwrap(),
            ),
            "duration_minutes",
            "whole number",
        ),
        (
            "meeting",
            with_field(e, "meeting", any, "usefulness", json!(9)),
            "usefulness",
            "from 1 to 4",
        ),
        (
            "meeting",
            with_field(e, "meeting", any, "private", json!(2)),
            "private",
            "0 or 1",
        ),
        (
            "reflection",
            with_field(e, "reflection", any, "updated_at", json!("zzzz")),
            "updated_at",
            "not a time",
        ),
        (
            "reflection",
            with_field(e, "reflection", any, "tags", json!("{\"a\": 1}")),
            "tags",
            "not a list",
        ),
        (
            "reflection",
            with_field(e, "reflection", any, "body", json!(big)),
            "body",
            "1 MiB",
        ),
        (
            "reflection",
            with_field(
                e,
                "reflection",
                any,
                "meeting_id",
                json!(uuid::Uuid::now_v7().to_string()),
            ),
            "meeting_id",
            "is not a meeting",
        ),
        (
            "answer",
            with_field(
                e,
                "answer",
                contact,
                "value",
                json!("{\"kind\":\"contact\",\"initiator\":\"boss\",\"cadence\":null}"),
            ),
            "value",
            "unknown variant",
        ),
        (
            "answer",
            with_field(
                e,
                "answer",
                contact,
                "value",
                json!("{\"kind\":\"text\",\"text\":\"hi\"}"),
            ),
            "value",
            "contact answer",
        ),
        (
            "answer",
            with_field(e, "answer", any, "question_id", json!("no_such_question")),
            "question_id",
            "does not ask",
        ),
        (
            "action_item",
            with_field(e, "action_item", any, "owner", json!("boss")),
            "owner",
            "not one of the values",
        ),
        (
            "goal",
            with_field(e, "goal", any, "status", json!("won")),
            "status",
            "not one of the values",
        ),
        (
            "milestone",
            with_field(e, "milestone", any, "due", json!("someday")),
            "due",
            "not a due date",
        ),
        (
            "goal_update",
            with_field(e, "goal_update", any, "progress", json!(101)),
            "progress",
            "from 0 to 100",
        ),
        (
            "relationship",
            with_field(e, "relationship", any, "agreed_on", json!("2026-13-45")),
            "agreed_on",
            "not a date",
        ),
        (
            "relationship",
            with_field(
                e,
                "relationship",
                any,
                "updated_at",
                json!("2099-01-01 00:00:00+00:00"),
            ),
            "updated_at",
            "in the future",
        ),
    ];
    for (table, (text, id), field, why) in cases {
        let before = file_hash(&disk.path);
        let mut store = Store::open_existing(&disk.path).unwrap();
        let counts = store.counts().unwrap();
        let err = import(&mut store, &text, false, NOW)
            .unwrap_err()
            .to_string();
        for part in [table, id.as_str(), field, why, "Nothing was written"] {
            assert!(
                err.contains(part),
                "{table}.{field}: expected {part:?} in: {err}"
            );
        }
        assert_eq!(store.counts().unwrap(), counts, "{table}.{field}");
        drop(store);
        assert_eq!(
            file_hash(&disk.path),
            before,
            "{table}.{field}: the journal is unchanged"
        );
    }
}

#[test]
fn a_refused_row_late_in_the_file_leaves_nothing_written() {
    let disk = on_disk(12);
    // The last table (pair reviews come last) is the one with the bad row.
    let mut doc = disk.export.clone();
    doc["tables"]["pair_review"] =
        json!([{"relationship_id": "not-a-uuid", "at": "2026-11-01 10:00:00+00:00"}]);
    let text = text_of(&doc);
    let mut fresh = Store::open_in_memory().unwrap();
    let err = import(&mut fresh, &text, false, NOW)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("pair_review") && err.contains("relationship_id"),
        "{err}"
    );
    assert!(fresh.relationships().unwrap().is_empty());
    assert_eq!(fresh.counts().unwrap().0[3], ("reflections", 0));
}

/// Sets one row's fields in an export (the row with this id).
fn edit_row(export: &Value, table: &str, id: &str, fields: &[(&str, Value)]) -> String {
    let mut doc = export.clone();
    let rows = doc["tables"][table].as_array_mut().unwrap();
    let row = rows
        .iter_mut()
        .find(|r| r["id"] == id || (r.get("id").is_none() && r["relationship_id"] == id))
        .unwrap();
    for (k, v) in fields {
        row[*k] = v.clone();
    }
    text_of(&doc)
}

#[test]
fn an_import_never_makes_a_private_entry_shared() {
    let mut b = random_journal(21);
    let doc: Value = serde_json::from_str(&export(&b)).unwrap();
    let later = "2026-11-22 09:00:00+00:00";
    // A private reflection, a private meeting and a private answer, each shared in the file
    // with a newer updated_at and changed words.
    let private_row = |table: &str| {
        doc["tables"][table]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["private"] == 1)
            .cloned()
            .unwrap_or_else(|| panic!("a private {table}"))
    };
    let reflection = private_row("reflection");
    let meeting = private_row("meeting");
    let rid = reflection["id"].as_str().unwrap();
    let mid = meeting["id"].as_str().unwrap();
    let text = edit_row(
        &doc,
        "reflection",
        rid,
        &[
            ("private", json!(0)),
            ("updated_at", json!(later)),
            ("body", json!("now everyone reads this")),
        ],
    );
    let doc2: Value = serde_json::from_str(&text).unwrap();
    let text = edit_row(
        &doc2,
        "meeting",
        mid,
        &[("private", json!(0)), ("updated_at", json!(later))],
    );
    let report = import(&mut b, &text, false, NOW).unwrap();
    assert_eq!(report.conflicts.len(), 2, "{:?}", report.conflicts);
    for (table, key, why) in &report.conflicts {
        assert!(why.contains("kept private"), "{table} {key}: {why}");
    }
    assert!(report.updated.is_empty(), "{:?}", report.updated);
    let r = b.reflection(rid.parse().unwrap()).unwrap().unwrap();
    assert!(r.private);
    assert_ne!(r.body, "now everyone reads this");
    assert!(b.meeting(mid.parse().unwrap()).unwrap().unwrap().private);

    // Answers too.
    let mut doc3: Value = serde_json::from_str(&export(&b)).unwrap();
    let answers = doc3["tables"]["answer"].as_array_mut().unwrap();
    let answer = answers
        .iter_mut()
        .find(|a| a["private"] == 1)
        .expect("a private answer");
    answer["private"] = json!(0);
    answer["updated_at"] = json!(later);
    let (rel, question) = (
        answer["relationship_id"].as_str().unwrap().to_string(),
        answer["question_id"].as_str().unwrap().to_string(),
    );
    let report = import(&mut b, &text_of(&doc3), false, NOW).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert!(b.agreement(rel.parse().unwrap()).unwrap().answers[&question].private);
}

#[test]
fn updated_at_is_compared_as_a_time_not_as_text() {
    let mut b = random_journal(22);
    let doc: Value = serde_json::from_str(&export(&b)).unwrap();
    let row = doc["tables"]["goal"][0].clone();
    let id = row["id"].as_str().unwrap();
    let old: DateTime<Utc> = row["updated_at"]
        .as_str()
        .unwrap()
        .replace(' ', "T")
        .parse()
        .unwrap();
    // One hour later, written with a -02:00 offset: as text it sorts before the old stamp.
    let later = (old + Duration::hours(1))
        .with_timezone(&chrono::FixedOffset::west_opt(2 * 3600).unwrap())
        .format("%Y-%m-%d %H:%M:%S%:z")
        .to_string();
    assert!(later.as_str() < row["updated_at"].as_str().unwrap());
    let text = edit_row(
        &doc,
        "goal",
        id,
        &[
            ("updated_at", json!(later)),
            ("title", json!("newer title")),
        ],
    );
    let report = import(&mut b, &text, false, NOW).unwrap();
    assert_eq!(report.updated.get("goal"), Some(&1), "{report:?}");
    assert_eq!(
        b.goal(id.parse().unwrap()).unwrap().unwrap().title,
        "newer title"
    );
    // One hour earlier, though it sorts after as text: a conflict, the journal keeps its title.
    let earlier = (old - Duration::hours(1))
        .with_timezone(&chrono::FixedOffset::east_opt(5 * 3600).unwrap())
        .format("%Y-%m-%d %H:%M:%S%:z")
        .to_string();
    let doc: Value = serde_json::from_str(&export(&b)).unwrap();
    let text = edit_row(
        &doc,
        "goal",
        id,
        &[
            ("updated_at", json!(earlier)),
            ("title", json!("older title")),
        ],
    );
    let report = import(&mut b, &text, false, NOW).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert_eq!(
        b.goal(id.parse().unwrap()).unwrap().unwrap().title,
        "newer title"
    );
}

#[test]
fn a_reflection_may_come_before_the_goal_it_is_about() {
    let mut a = random_journal(23);
    let doc: Value = serde_json::from_str(&export(&a)).unwrap();
    let goal = doc["tables"]["goal"][0]["id"].as_str().unwrap().to_string();
    let mut r = one_reflection(&a);
    r.goal_id = Some(goal.parse().unwrap());
    a.save_reflection(&r, NOW.parse().unwrap()).unwrap();
    let text = export(&a);
    let mut b = Store::open_in_memory().unwrap();
    import(&mut b, &text, false, NOW).unwrap();
    assert_eq!(export(&b), text);
    assert_eq!(b.goal_reflections(goal.parse().unwrap()).unwrap().len(), 1);
}

// ---- A new computer: import makes the journal.

fn cli(db: &std::path::Path, home: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("mentorlog")
        .unwrap()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00+00:00")
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

#[test]
fn import_on_a_computer_with_no_journal_makes_one() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let a = random_journal(31);
    let file = home.path().join("export.json");
    std::fs::write(&file, export(&a)).unwrap();
    let db = home.path().join("new-place").join("journal.db");

    // A dry run makes nothing.
    cli(
        &db,
        home.path(),
        &["import", "--dry-run", file.to_str().unwrap()],
    )
    .success();
    assert!(!db.exists());
    // A refused file leaves no journal behind.
    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        export(&a).replacen("\"held_at\":\"", "\"held_at\":\"x", 1),
    )
    .unwrap();
    cli(&db, home.path(), &["import", bad.to_str().unwrap()])
        .failure()
        .code(2)
        .stderr(predicates::str::contains("held_at"));
    assert!(!db.exists(), "no journal left by a refused import");

    cli(&db, home.path(), &["import", file.to_str().unwrap()])
        .success()
        .stdout(predicates::str::contains("made a new journal"));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    let b = Store::open_existing(&db).unwrap();
    assert_eq!(b.counts().unwrap(), a.counts().unwrap());
    assert_eq!(export(&b), export(&a));
    drop(b);
    cli(&db, home.path(), &["check"]).success();

    // jrnl on a fresh computer too.
    let db2 = home.path().join("other").join("journal.db");
    let jrnl = home.path().join("jrnl.json");
    std::fs::write(&jrnl, r#"{"tags": {}, "entries": [{"date": "2026-03-01", "time": "09:15", "title": "Day one", "body": "", "tags": []}]}"#).unwrap();
    cli(&db2, home.path(), &["import", jrnl.to_str().unwrap()]).success();
    assert_eq!(
        Store::open_existing(&db2).unwrap().counts().unwrap().0[3],
        ("reflections", 1)
    );
}
