//! Import mutation test: a real export (the demo journal, every table filled) with one field
//! of one row changed (its type, its value, its encoding, its size) is either refused with
//! nothing written, or accepted with every reader still working: the agreement, the review
//! (Markdown and JSON), both exports, due, goals, check, and the app's screens.

mod common;

use chrono::{Duration, Local, TimeZone, Utc};
use mentorlog::app::{Action, App, Settings, StatusKind, update};
use mentorlog::content::Content;
use mentorlog::domain::LifeKind;
use mentorlog::domain::checkin::{ArcPoint, CheckinPlan, Schedule};
use mentorlog::exchange::{TABLES, import};
use mentorlog::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

const NOW: &str = "2026-11-22T10:00:00+01:00";

/// The demo journal plus the tables the demo leaves empty.
fn base() -> Store {
    let now = common::fixed_now();
    let mut store = Store::open_in_memory().unwrap();
    mentorlog::demo::fill(&mut store, now).unwrap();
    let rel = store.relationships().unwrap()[0].id;
    let utc = now.with_timezone(&Utc);
    let plan = CheckinPlan {
        schedule: Schedule::Fixed {
            anchor: now.date_naive() - Duration::days(30),
            every_weeks: 2,
        },
        snooze: Some((now.date_naive() + Duration::days(2), now.date_naive())),
        rescheduled: None,
    };
    store.save_checkin_plan(rel, &plan, utc).unwrap();
    store
        .mark_arc_review(rel, ArcPoint::Midpoint, now.date_naive(), utc)
        .unwrap();
    store
        .record_pair_review(rel, utc - Duration::days(3))
        .unwrap();
    let day = now.date_naive() - Duration::days(10);
    store
        .record_life_event(rel, LifeKind::Paused, day, "a holiday", utc)
        .unwrap();
    store
        .record_life_event(rel, LifeKind::Resumed, day + Duration::days(4), "", utc)
        .unwrap();
    store
}

fn export(store: &Store) -> String {
    let mut out = Vec::new();
    store.export_json(&mut out, NOW).unwrap();
    String::from_utf8(out).unwrap()
}

/// An export's text with the tables in mentorlog's order.
fn text_of(doc: &Value) -> String {
    let mut parts = Vec::new();
    for (table, _) in TABLES {
        if let Some(rows) = doc["tables"].get(table) {
            parts.push(format!("{table:?}:{rows}"));
        }
    }
    format!(
        "{{\"format\":\"mentorlog\",\"version\":{},\"tables\":{{{}}}}}",
        doc["version"],
        parts.join(",")
    )
}

/// The changes tried on every field.
fn mutations(original: &Value) -> Vec<(String, Option<Value>)> {
    let big = || "é".repeat(mentorlog::app::editor::MAX_TEXT_BYTES / 2 + 1);
    let mut out: Vec<(String, Option<Value>)> = vec![
        ("removed".into(), None),
        ("null".into(), Some(Value::Null)),
        ("true".into(), Some(json!(true))),
        ("0".into(), Some(json!(0))),
        ("-1".into(), Some(json!(-1))),
        ("2".into(), Some(json!(2))),
        ("a real".into(), Some(json!(45.5))),
        (
            "30 digits".into(),
            Some(serde_json::from_str("123456789012345678901234567890").unwrap()),
        ),
        ("empty text".into(), Some(json!(""))),
        ("zzzz".into(), Some(json!("zzzz"))),
        (
            "control characters".into(),
            Some(json!("\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}x\u{0}")),
        ),
        ("an object".into(), Some(json!({"a": 1}))),
        ("a list".into(), Some(json!([1]))),
        ("JSON text list".into(), Some(json!("[\"a\",\"b\"]"))),
        ("JSON text object".into(), Some(json!("{}"))),
        (
            "another UUID".into(),
            Some(json!(uuid::Uuid::now_v7().to_string())),
        ),
        ("a path".into(), Some(json!("../../etc/passwd"))),
        ("RFC 3339 time".into(), Some(json!("2026-11-20T10:00:00Z"))),
        (
            "far future".into(),
            Some(json!("2999-01-01 00:00:00+00:00")),
        ),
        ("no such day".into(), Some(json!("2026-02-30"))),
    ];
    if let Some(s) = original.as_str() {
        // Texts (not ids, times or names of values) get one just over the limit.
        if s.is_empty() || s.contains(' ') && !s.starts_with(char::is_numeric) {
            out.push(("over 1 MiB".into(), Some(json!(big()))));
        }
        out.push(("suffixed".into(), Some(json!(format!("{s}x")))));
        out.push(("upper case".into(), Some(json!(s.to_uppercase()))));
    }
    if let Some(n) = original.as_i64() {
        out.push(("plus one".into(), Some(json!(n + 1))));
        out.push(("as text".into(), Some(json!(n.to_string()))));
    }
    out
}

/// Answer values of the wrong shape or out of range.
fn answer_values() -> Vec<Value> {
    [
        r#"{"kind":"hours","per_month":100000}"#,
        r#"{"kind":"hours","per_month":-3}"#,
        r#"{"kind":"media","media":["pigeon"],"other":""}"#,
        r#"{"kind":"contact","initiator":"boss","cadence":null}"#,
        r#"{"kind":"contact","initiator":null,"cadence":{"every":0,"unit":"weeks"}}"#,
        r#"{"kind":"duration","plan":{"plan":"months","months":4000000000}}"#,
        r#"{"kind":"duration","plan":{"plan":"until","date":"+20000-01-01"}}"#,
        r#"{"kind":"text","text":"\u001b[2Jhello"}"#,
        r#"{"kind":"nope"}"#,
        r#"not json"#,
    ]
    .into_iter()
    .map(|s| json!(s))
    .collect()
}

/// Everything nothing was written to looks like this.
fn empty_export() -> String {
    export(&Store::open_in_memory().unwrap())
}

/// Runs every reader on the journal; `Err` names the one that failed.
fn readers_work(store: &mut Store) -> Result<(), String> {
    let now = common::fixed_now();
    let today = now.date_naive();
    let content = Content::get();
    let e = |what: &str, err: mentorlog::error::Error| format!("{what}: {err}");
    let (ok, report) = mentorlog::backup::check(store).map_err(|x| e("check", x))?;
    let _ = (ok, report);
    let me = store
        .profile()
        .map_err(|x| e("profile", x))?
        .map(|p| p.name)
        .unwrap_or_default();
    let rels = store.relationships().map_err(|x| e("relationships", x))?;
    for rel in &rels {
        let agreement = store.agreement(rel.id).map_err(|x| e("agreement", x))?;
        let history = store
            .agreement_history(rel.id)
            .map_err(|x| e("agreement history", x))?;
        mentorlog::share::markdown(&me, rel, &agreement, &history, content, true);
        mentorlog::share::json(&me, rel, &agreement, &history, content, true);
        let data = mentorlog::app::review::ReviewData::load(
            store,
            rel.id,
            mentorlog::app::review::Period::SinceStart,
            None,
            today,
            true,
        )
        .map_err(|x| e("review", x))?;
        if let Some(data) = data {
            mentorlog::share::review_markdown(&data, content);
            mentorlog::share::review_json(&data).map_err(|x| e("review --format json", x))?;
        }
    }
    let mut sink = Vec::new();
    store
        .export_json(&mut sink, NOW)
        .map_err(|x| e("export", x))?;
    mentorlog::share::journal_markdown(store, &rels, None, today, true, &mut sink, None)
        .map_err(|x| e("export --format markdown", x))?;
    mentorlog::share::due_report(store, today, false).map_err(|x| e("due", x))?;
    mentorlog::share::due_report(store, today, true).map_err(|x| e("due --json", x))?;
    mentorlog::share::goals_text(store, None, today).map_err(|x| e("goals", x))?;
    mentorlog::share::goals_json(store, None, today).map_err(|x| e("goals --json", x))?;
    // The app: it starts, and each screen opens and draws.
    for action in [
        None,
        Some(Action::OpenTimeline),
        Some(Action::OpenGoals),
        Some(Action::OpenActions),
        Some(Action::OpenSearch),
        Some(Action::OpenReview),
    ] {
        let mut app = App::new(store, now, Settings::default()).map_err(|x| e("the app", x))?;
        app.size = (80, 24);
        if let Some(a) = action.clone() {
            update(&mut app, store, a);
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| mentorlog::ui::render(&app, f))
            .map_err(|x| format!("drawing: {x}"))?;
        if let Some(s) = app.status.as_ref().filter(|s| s.kind == StatusKind::Error) {
            return Err(format!("the app after {action:?}: {}", s.text));
        }
    }
    Ok(())
}

#[test]
fn one_changed_field_is_refused_with_nothing_written_or_every_reader_still_works() {
    let started = std::time::Instant::now();
    let source = base();
    let mut doc: Value = serde_json::from_str(&export(&source)).unwrap();
    // A few rows of each table keep every kind of row and link, and the run short.
    for (table, _) in TABLES {
        if table != "answer" {
            doc["tables"][table].as_array_mut().unwrap().truncate(3);
        }
    }
    let empty = empty_export();
    // The unchanged file imports, and its readers work: the baseline.
    let mut plain = Store::open_in_memory().unwrap();
    import(&mut plain, &text_of(&doc), false, NOW).unwrap();
    readers_work(&mut plain).unwrap();
    let plain_export = export(&plain);

    // Every (table, row, field) to change; two workers share them (the run is long in debug).
    let mut fields: Vec<(&str, usize, String)> = Vec::new();
    for (table, _) in TABLES {
        let rows = doc["tables"][table].as_array().unwrap();
        assert!(!rows.is_empty(), "the base journal fills {table}");
        // The first row, and for answers every third (answers of several kinds).
        let picks: Vec<usize> = if table == "answer" {
            (0..rows.len()).step_by(3).collect()
        } else {
            vec![0]
        };
        for i in picks {
            for field in rows[i].as_object().unwrap().keys() {
                fields.push((table, i, field.clone()));
            }
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let worker = || {
        let (mut refused, mut accepted, mut failures) = (0, 0, Vec::new());
        let mut store = Store::open_in_memory().unwrap();
        while let Some((table, i, field)) =
            fields.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
        {
            let (table, i) = (*table, *i);
            let original = &doc["tables"][table][i][field.as_str()];
            let mut tries = mutations(original);
            if field == "value" || field == "scores" {
                tries.extend(
                    answer_values()
                        .into_iter()
                        .map(|v| ("shape".to_string(), Some(v))),
                );
            }
            for (what, value) in tries {
                let mut changed = doc.clone();
                let target = changed["tables"][table][i].as_object_mut().unwrap();
                match value {
                    Some(v) => target.insert(field.clone(), v),
                    None => target.remove(field),
                };
                let label = format!("{table}[{i}].{field} {what}");
                match import(&mut store, &text_of(&changed), false, NOW) {
                    Err(err) => {
                        refused += 1;
                        let msg = err.to_string();
                        if !msg.contains("Nothing was written") || !msg.contains(table) {
                            failures.push(format!("{label}: unclear refusal: {msg}"));
                        }
                        if export(&store) != empty {
                            failures.push(format!("{label}: refused but rows were written"));
                        }
                    }
                    Ok(_) => {
                        accepted += 1;
                        // A change that comes out as the unchanged journal was checked above.
                        if export(&store) != plain_export
                            && let Err(why) = readers_work(&mut store)
                        {
                            failures.push(format!("{label}: accepted, then {why}"));
                        }
                        // The next import starts from an empty journal again.
                        store = Store::open_in_memory().unwrap();
                    }
                }
            }
        }
        (refused, accepted, failures)
    };
    let (mut refused, mut accepted, mut failures) = (0, 0, Vec::new());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2).map(|_| scope.spawn(worker)).collect();
        for h in handles {
            let (r, a, f) = h.join().unwrap();
            refused += r;
            accepted += a;
            failures.extend(f);
        }
    });
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        refused > 500 && accepted > 100,
        "refused {refused}, accepted {accepted}"
    );
    eprintln!(
        "import mutations: {refused} refused, {accepted} accepted, in {:?}",
        started.elapsed()
    );
    let _ = Local.timestamp_opt(0, 0);
}
