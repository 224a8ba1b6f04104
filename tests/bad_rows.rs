//! Rows mentorlog cannot decode (written by an older version, edited by hand, damaged): every
//! screen and command still works with the rest, says once how many entries it left out, and
//! `mentorlog check` lists each one (table, id, field, why) and exits 1.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use mentorlog::app::{Action, Screen, Settings, StatusKind};
use mentorlog::domain::checkin::{ArcPoint, CheckinPlan, ContactKind};
use mentorlog::domain::{
    ActionItem, AnswerValue, Cadence, CadenceUnit, Checkin, Goal, GoalStatus, Initiator, Meeting,
    Milestone, Owner, PlannedDuration, ProgressUpdate, Reflection, Relationship,
    RelationshipStatus, Role,
};
use mentorlog::store::{Store, Survey, TimelineFilter};
use rusqlite::params;
use uuid::Uuid;

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

/// Words only the good rows hold, to find them on screens and in output.
const GOOD_MEETING: &str = "Mapped the skills for the platform role";
const GOOD_REFLECTION: &str = "Felt steadier after the mock interview";
const GOOD_GOAL: &str = "Lead a design review";
const GOOD_ITEM: &str = "Send Sam the CV draft";

/// A journal made through the store API: Ada, mentee of Sam, with an agreement, meetings,
/// action items, reflections, a goal with milestones and updates, a check-in, a plan, an arc
/// review, a survey, a pair review and a draft. Returns Sam's relationship id.
fn good_journal(path: &Path) -> Uuid {
    let mut store = Store::open(path).unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    store.save_relationship(&rel, t0()).unwrap();
    let contact = AnswerValue::Contact {
        initiator: Some(Initiator::Me),
        cadence: Some(Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        }),
    };
    store
        .save_answer(rel.id, "contact", &contact, false, t0())
        .unwrap();
    let duration = AnswerValue::Duration {
        plan: PlannedDuration::Months { months: 6 },
    };
    store
        .save_answer(rel.id, "duration", &duration, false, t0())
        .unwrap();
    // The last contact is two days before "now" (22 November): nothing is due.
    let at: DateTime<Utc> = "2026-11-20T09:00:00Z".parse().unwrap();
    let mut m = Meeting::new(rel.id, at, at);
    m.notes = GOOD_MEETING.into();
    let item = ActionItem::new(rel.id, GOOD_ITEM, Owner::Me, at);
    store.save_meeting(&m, &[item], at).unwrap();
    let mut r = Reflection::new(GOOD_REFLECTION, at + Duration::hours(2));
    r.relationship_id = Some(rel.id);
    r.private = false;
    store.save_reflection(&r, at).unwrap();
    let mut g = Goal::new(rel.id, GOOD_GOAL, t0());
    g.status = GoalStatus::Active;
    let ms = Milestone::new(g.id, "Shadow one review");
    let up = ProgressUpdate::new(g.id, 20, "started", t0() + Duration::days(10));
    store
        .save_goals_batch(&[(g, vec![ms], vec![up])], t0())
        .unwrap();
    store
        .save_checkin(
            &Checkin::new(rel.id, ContactKind::Message, "quick hello", at),
            at,
        )
        .unwrap();
    store
        .save_checkin_plan(rel.id, &CheckinPlan::default(), t0())
        .unwrap();
    store
        .mark_arc_review(
            rel.id,
            ArcPoint::Midpoint,
            NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            t0(),
        )
        .unwrap();
    store
        .save_survey(&Survey {
            id: Uuid::now_v7(),
            relationship_id: rel.id,
            at: t0() + Duration::days(30),
            reason: "monthly".into(),
            scores: vec![("clear_goals".into(), 4)],
            note: String::new(),
        })
        .unwrap();
    store.record_pair_review(rel.id, t0()).unwrap();
    rel.id
}

/// One bad row: where it is, and the field `check` must name.
struct Bad {
    table: &'static str,
    id: String,
    field: &'static str,
}

/// Writes rows mentorlog cannot decode straight into the file, one per kind of column
/// (enum, date, timestamp, number, JSON) of every table that has one. Escape codes ride in
/// some values, to prove they never reach the terminal raw.
fn spoil(path: &Path, sam: Uuid) -> Vec<Bad> {
    let conn = rusqlite::Connection::open(path).unwrap();
    // Older versions, hand edits and damage do not go through today's CHECK constraints.
    conn.execute_batch("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;")
        .unwrap();
    let sam = sam.to_string();
    let ts = "2026-11-01 09:00:00+00:00";
    let id = || Uuid::now_v7().to_string();
    let mut bad = Vec::new();
    let mut add = |table: &'static str, id: String, field: &'static str| {
        bad.push(Bad { table, id, field });
    };

    // relationship: an unknown role.
    let rel_id = id();
    conn.execute(
        "INSERT INTO relationship (id, my_role, other_name, topics, status, created_at, updated_at)
         VALUES (?1, 'boss', 'Quinn', '[]', 'active', ?2, ?2)",
        params![rel_id, ts],
    )
    .unwrap();
    add("relationship", rel_id, "my_role");
    // answer: an unknown kind of answer, with an escape sequence in it.
    conn.execute(
        "UPDATE answer SET value = ?2 WHERE relationship_id = ?1 AND question_id = 'duration'",
        params![sam, r#"{"kind":"wormhole\u001b]0;pwned\u0007\u009b2J"}"#],
    )
    .unwrap();
    add("answer", format!("{sam}:duration"), "value");
    // meeting: a time that is not a time.
    let m1 = id();
    conn.execute(
        "INSERT INTO meeting (id, relationship_id, held_at, notes, private, created_at, updated_at)
         VALUES (?1, ?2, 'yesterday-ish', 'BAD MEETING ONE', 0, ?3, ?3)",
        params![m1, sam, ts],
    )
    .unwrap();
    add("meeting", m1, "held_at");
    // meeting: a duration that is a real number.
    let m2 = id();
    conn.execute(
        "INSERT INTO meeting (id, relationship_id, held_at, duration_minutes, notes, private,
             created_at, updated_at)
         VALUES (?1, ?2, '2026-11-10 09:00:00+00:00', 42.5, 'BAD MEETING TWO', 0, ?3, ?3)",
        params![m2, sam, ts],
    )
    .unwrap();
    add("meeting", m2.clone(), "duration_minutes");
    // action_item: an unknown owner; another with a due day that is not a day.
    let a1 = id();
    conn.execute(
        "INSERT INTO action_item (id, relationship_id, text, owner, created_at, updated_at)
         VALUES (?1, ?2, 'BAD ITEM ONE', 'nobody', ?3, ?3)",
        params![a1, sam, ts],
    )
    .unwrap();
    add("action_item", a1, "owner");
    let a2 = id();
    conn.execute(
        "INSERT INTO action_item (id, relationship_id, text, owner, due_on, created_at, updated_at)
         VALUES (?1, ?2, 'BAD ITEM TWO', 'me', 'someday', ?3, ?3)",
        params![a2, sam, ts],
    )
    .unwrap();
    add("action_item", a2, "due_on");
    // reflection: tags that are a JSON object; another whose time hides escape codes.
    let r1 = id();
    conn.execute(
        "INSERT INTO reflection (id, relationship_id, written_at, body, tags, bring_up, private,
             created_at, updated_at)
         VALUES (?1, ?2, '2026-11-05 09:00:00+00:00', 'BAD REFLECTION ONE', '{\"a\":1}', 1, 0, ?3, ?3)",
        params![r1, sam, ts],
    )
    .unwrap();
    add("reflection", r1, "tags");
    let r2 = id();
    conn.execute(
        "INSERT INTO reflection (id, relationship_id, written_at, body, tags, bring_up, private,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, 'BAD REFLECTION TWO', '[]', 0, 0, ?4, ?4)",
        params![r2, sam, "\u{1b}[2J\u{9b}31msoon", ts],
    )
    .unwrap();
    add("reflection", r2, "written_at");
    // goal: an unknown status.
    let g1 = id();
    conn.execute(
        "INSERT INTO goal (id, relationship_id, title, status, created_at, updated_at)
         VALUES (?1, ?2, 'BAD GOAL', 'archived', ?3, ?3)",
        params![g1, sam, ts],
    )
    .unwrap();
    add("goal", g1, "status");
    // The good goal gets a milestone with an unknown due and two bad updates: one whose
    // progress is a real number (and is the newest), one whose time is text.
    let good_goal: String = conn
        .query_row("SELECT id FROM goal WHERE title = ?1", [GOOD_GOAL], |r| {
            r.get(0)
        })
        .unwrap();
    let ms = id();
    conn.execute(
        "INSERT INTO milestone (id, goal_id, position, text, due) VALUES (?1, ?2, 5, 'BAD MILESTONE', 'whenever')",
        params![ms, good_goal],
    )
    .unwrap();
    add("milestone", ms, "due");
    let u1 = id();
    conn.execute(
        "INSERT INTO goal_update (id, goal_id, at, progress) VALUES (?1, ?2, '2026-11-15 09:00:00+00:00', 55.5)",
        params![u1, good_goal],
    )
    .unwrap();
    add("goal_update", u1, "progress");
    let u2 = id();
    conn.execute(
        "INSERT INTO goal_update (id, goal_id, at, progress) VALUES (?1, ?2, 'zzzz', 40)",
        params![u2, good_goal],
    )
    .unwrap();
    add("goal_update", u2, "at");
    // checkin: an unknown kind; another whose time sorts after every real time.
    let c1 = id();
    conn.execute(
        "INSERT INTO checkin (id, relationship_id, at, kind, created_at) VALUES (?1, ?2, ?3, 'pigeon', ?3)",
        params![c1, sam, ts],
    )
    .unwrap();
    add("checkin", c1, "kind");
    let c2 = id();
    conn.execute(
        "INSERT INTO checkin (id, relationship_id, at, kind, created_at) VALUES (?1, ?2, 'later', 'call', ?3)",
        params![c2, sam, ts],
    )
    .unwrap();
    add("checkin", c2, "at");
    // checkin_plan: an unknown schedule.
    conn.execute(
        "UPDATE checkin_plan SET mode = 'lunar' WHERE relationship_id = ?1",
        params![sam],
    )
    .unwrap();
    add("checkin_plan", sam.clone(), "mode");
    // arc_review: an unknown point.
    conn.execute(
        "INSERT INTO arc_review (relationship_id, point, planned_end, done_at) VALUES (?1, 'halfway', '2027-03-01', ?2)",
        params![sam, ts],
    )
    .unwrap();
    add("arc_review", format!("{sam}:halfway:2027-03-01"), "point");
    // survey: scores that are a JSON object.
    let s1 = id();
    conn.execute(
        "INSERT INTO survey (id, relationship_id, at, reason, scores) VALUES (?1, ?2, ?3, 'monthly', '{\"x\":9}')",
        params![s1, sam, ts],
    )
    .unwrap();
    add("survey", s1, "scores");
    // pair_review: a time that is not a time.
    conn.execute(
        "INSERT INTO pair_review (relationship_id, at) VALUES (?1, 'last week')",
        params![sam],
    )
    .unwrap();
    add("pair_review", format!("{sam}:last week"), "at");
    // draft: a time that is not a time.
    conn.execute(
        "INSERT INTO draft (key, body, created_at, updated_at) VALUES ('entry:reflection:x', 'half a thought', ?1, 'soonish')",
        params![ts],
    )
    .unwrap();
    add("draft", "entry:reflection:x".into(), "updated_at");
    // The life cycle, the agreement's history and the skills: one unreadable row each.
    let ev = id();
    conn.execute(
        "INSERT INTO life_event (id, relationship_id, kind, on_day, created_at)
         VALUES (?1, ?2, 'vanished', '2026-11-02', ?3)",
        params![ev, sam, ts],
    )
    .unwrap();
    add("life_event", ev, "kind");
    conn.execute(
        "INSERT INTO agreement_version (relationship_id, number, made_on, created_at)
         VALUES (?1, 7, 'someday', ?2)",
        params![sam, ts],
    )
    .unwrap();
    add("agreement_version", format!("{sam}:7"), "made_on");
    conn.execute(
        "INSERT INTO answer_change (relationship_id, question_id, changed_at, version, value, private)
         VALUES (?1, 'focus', ?2, 1, '{\"kind\":\"riddle\"}', 0)",
        params![sam, "2026-11-03 09:00:00+00:00"],
    )
    .unwrap();
    add(
        "answer_change",
        format!("{sam}:focus:2026-11-03 09:00:00+00:00"),
        "value",
    );
    conn.execute(
        "INSERT INTO signoff (relationship_id, version, who, name, signed_on, created_at)
         VALUES (?1, 7, 'nobody', 'Quinn', '2026-11-04', ?2)",
        params![sam, ts],
    )
    .unwrap();
    add("signoff", format!("{sam}:7:nobody"), "who");
    let sk = id();
    conn.execute(
        "INSERT INTO skill (id, relationship_id, name, created_at, updated_at)
         VALUES (?1, ?2, 'BAD SKILL', 'whenever', ?3)",
        params![sk, sam, ts],
    )
    .unwrap();
    add("skill", sk.clone(), "created_at");
    conn.execute(
        "INSERT INTO skill_rating (skill_id, point, rating, rated_on, updated_at)
         VALUES (?1, 'later', 3, '2026-11-05', ?2)",
        params![sk, ts],
    )
    .unwrap();
    add("skill_rating", format!("{sk}:later"), "point");
    // profile: a time that is not a time (the name still reads).
    conn.execute("UPDATE profile SET created_at = 'long ago'", [])
        .unwrap();
    add("profile", "1".into(), "created_at");
    bad
}

fn spoiled_journal() -> (tempfile::TempDir, PathBuf, Uuid, Vec<Bad>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let sam = good_journal(&path);
    let bad = spoil(&path, sam);
    (dir, path, sam, bad)
}

fn mentorlog(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mentorlog")
        .unwrap()
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00+00:00")
        .env("TZ", "UTC")
        .env_remove("MENTORLOG_DB")
        .env_remove("MENTORLOG_CONFIG")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn no_raw_controls(what: &str, text: &str) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "{what} carries raw control characters: {text:?}"
    );
}

#[test]
fn every_command_works_with_the_rows_it_can_read_and_says_the_rest_were_left_out() {
    let (dir, db, _, _) = spoiled_journal();
    for args in [
        &["due"][..],
        &["due", "--json"],
        &["agreement"],
        &["agreement", "--format", "json"],
        &["review"],
        &["review", "--format", "json"],
        &["export", "--format", "markdown"],
        &["export"],
        &["goals"],
        &["goals", "--json"],
    ] {
        let out = mentorlog(dir.path(), &db, args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} failed\nstdout: {stdout}\nstderr: {stderr}"
        );
        assert!(
            stderr.contains("could not be read") || stderr.contains("cannot read"),
            "{args:?} does not say rows were left out: {stderr}"
        );
        assert!(
            stderr.contains("`mentorlog check` lists"),
            "{args:?} does not point to check: {stderr}"
        );
        assert_eq!(
            stderr.matches("mentorlog check").count(),
            1,
            "{args:?}: the notice comes once: {stderr}"
        );
        if args == ["export"] {
            // JSON escapes ESC and BEL; C1 controls in JSON output are another item's work.
            assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'));
        } else {
            no_raw_controls(&format!("{args:?} stdout"), &stdout);
        }
        no_raw_controls(&format!("{args:?} stderr"), &stderr);
        if args[0] == "goals" {
            assert!(stdout.contains(GOOD_GOAL), "{args:?}: {stdout}");
            assert!(!stdout.contains("BAD GOAL"), "{args:?}: {stdout}");
        }
        if args[0] == "review" {
            assert!(stdout.contains(GOOD_MEETING), "{args:?}: {stdout}");
            assert!(!stdout.contains("BAD MEETING"), "{args:?}: {stdout}");
        }
        if args == ["export", "--format", "markdown"] {
            assert!(stdout.contains(GOOD_MEETING), "{stdout}");
            assert!(stdout.contains(GOOD_REFLECTION), "{stdout}");
            assert!(!stdout.contains("BAD REFLECTION"), "{stdout}");
        }
        if args == ["export"] {
            // The JSON export is complete: the bad rows are in it as they are stored.
            let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let meetings = doc["tables"]["meeting"].as_array().unwrap();
            assert_eq!(meetings.len(), 3, "{stdout}");
        }
        if args == ["due", "--json"] {
            let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(doc.as_array().unwrap().len(), 1, "{stdout}");
            assert_eq!(doc[0]["with"], "Sam");
            assert_eq!(doc[0]["due"], false, "the good meeting is the last contact");
        }
    }
}

#[test]
fn check_lists_every_row_that_cannot_be_read_and_exits_1() {
    let (dir, db, _, bad) = spoiled_journal();
    let out = mentorlog(dir.path(), &db, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    no_raw_controls("check", &stdout);
    assert!(
        stdout.contains(&format!("entries that cannot be read: {}", bad.len())),
        "{stdout}"
    );
    for b in &bad {
        let line = format!("{} {}, {}:", b.table, b.id, b.field);
        assert!(
            stdout.contains(&line),
            "check does not list {line}\n{stdout}"
        );
    }
    // The answer's unknown kind is named (serde quotes it), cleaned of its escape codes.
    assert!(stdout.contains("unknown variant `wormhole"), "{stdout}");
    assert!(
        stdout.contains("\"yesterday-ish\" is not a valid date or time"),
        "{stdout}"
    );
    assert!(stdout.contains("42.5 is a real number"), "{stdout}");
    assert!(stdout.contains("\"boss\" is not a known role"), "{stdout}");
}

#[test]
fn a_journal_whose_every_row_reads_checks_ok() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("journal.db");
    good_journal(&db);
    let out = mentorlog(dir.path(), &db, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("every entry reads: ok"), "{stdout}");
    for args in [&["due"][..], &["goals"], &["review"]] {
        let out = mentorlog(dir.path(), &db, args);
        assert_eq!(out.status.code(), Some(0));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("could not be read"), "{args:?}: {stderr}");
    }
}

fn harness(path: &Path) -> Harness {
    let settings = Settings {
        survey_every_days: 0,
        survey_every_contacts: 0,
        ..Settings::default()
    };
    Harness::with_settings(Store::open(path).unwrap(), 100, 30, settings)
}

fn back_home(h: &mut Harness) {
    h.app.popups.clear();
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "Esc goes back home"
    );
}

#[test]
fn the_app_starts_and_every_screen_shows_what_reads() {
    let (_dir, db, _, _) = spoiled_journal();
    let mut h = harness(&db);
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.app.popup().is_none(), "{:?}", h.app.popups);
    let status = h
        .app
        .status
        .clone()
        .expect("the app says entries were left out");
    assert_eq!(status.kind, StatusKind::Info);
    assert!(
        status.text.contains("could not be read and were left out")
            && status.text.contains("`mentorlog check` lists them"),
        "{}",
        status.text
    );
    let home = h.text();
    assert!(home.contains("Sam"), "{home}");
    assert!(!home.contains("Quinn"), "{home}");
    assert!(home.contains("could not be read"), "{home}");

    h.action(Action::OpenTimeline);
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
    let text = h.text();
    assert!(text.contains("Mapped the skills"), "{text}");
    assert!(text.contains("Felt steadier"), "{text}");
    assert!(!text.contains("BAD MEETING ONE"), "{text}");
    back_home(&mut h);

    h.action(Action::OpenGoals);
    assert!(matches!(h.app.screen, Screen::Goals(_)));
    let text = h.text();
    assert!(text.contains(GOOD_GOAL), "{text}");
    assert!(!text.contains("BAD GOAL"), "{text}");
    back_home(&mut h);

    h.action(Action::OpenActions);
    assert!(matches!(h.app.screen, Screen::Actions(_)));
    let text = h.text();
    assert!(text.contains(GOOD_ITEM), "{text}");
    assert!(!text.contains("BAD ITEM"), "{text}");
    back_home(&mut h);

    h.action(Action::OpenReview);
    assert!(
        matches!(h.app.screen, Screen::Review(_)),
        "{:?}",
        h.app.status
    );
    let text = h.text();
    assert!(text.contains("Mapped the skills"), "{text}");
    h.action(Action::LeaveReview);
    assert!(matches!(h.app.screen, Screen::Home(_)));

    h.action(Action::OpenPrep);
    assert!(
        matches!(h.app.screen, Screen::Prep(_)),
        "{:?}",
        h.app.status
    );
    h.text();
    back_home(&mut h);

    h.action(Action::OpenSearch);
    assert!(matches!(h.app.screen, Screen::Search(_)));
    h.type_text("meeting");
    let text = h.text();
    assert!(!text.contains("BAD MEETING ONE"), "{text}");
    h.key(KeyCode::Esc);
    h.app.popups.clear();
    if !matches!(h.app.screen, Screen::Home(_)) {
        h.key(KeyCode::Esc);
    }

    h.action(Action::Confirm);
    assert!(
        matches!(h.app.screen, Screen::Agreement(_)),
        "{:?}",
        h.app.status
    );
    let text = h.text();
    assert!(!text.contains("wormhole"), "{text}");
}

#[test]
fn a_screen_for_one_row_that_cannot_be_read_says_so_and_the_rest_goes_on() {
    let (_dir, db, _, _) = spoiled_journal();
    let mut h = harness(&db);
    h.action(Action::OpenTimeline);
    // The meeting with a real-number duration is listed (its line reads) but cannot open.
    let Screen::Timeline(t) = &h.app.screen else {
        panic!("timeline")
    };
    let at = t
        .entries
        .iter()
        .position(|e| e.preview.contains("BAD MEETING TWO"))
        .expect("the line of the meeting reads");
    h.down(at);
    h.action(Action::Confirm);
    assert!(
        matches!(h.app.screen, Screen::Timeline(_)),
        "the timeline stays"
    );
    let status = h.app.status.clone().expect("a message");
    assert_eq!(status.kind, StatusKind::Error);
    assert!(
        status.text.contains("could not be read") && status.text.contains("mentorlog check"),
        "{}",
        status.text
    );
    assert!(!status.text.contains("Not saved"), "{}", status.text);
    // Other entries still open.
    h.key(KeyCode::Home);
    let Screen::Timeline(t) = &h.app.screen else {
        panic!("timeline")
    };
    let good = t
        .entries
        .iter()
        .position(|e| e.preview.contains("Mapped the skills"))
        .unwrap();
    h.down(good);
    h.action(Action::Confirm);
    assert!(
        matches!(h.app.screen, Screen::View(_)),
        "{:?}",
        h.app.status
    );
}

#[test]
fn a_timeline_page_reads_on_past_rows_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let sam = good_journal(&path);
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..12 {
            let at = t0() + Duration::days(i);
            let mut m = Meeting::new(sam, at, at);
            m.notes = format!("good meeting {i}");
            store.save_meeting(&m, &[], at).unwrap();
        }
    }
    // Five rows whose ids are not ids, newer than every good one: the first page's reads
    // meet them first.
    let conn = rusqlite::Connection::open(&path).unwrap();
    for i in 0..5 {
        conn.execute(
            "INSERT INTO meeting (id, relationship_id, held_at, notes, private, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'not an id', 0, ?3, ?3)",
            params![
                format!("../../etc/passwd-{i}"),
                sam.to_string(),
                "2027-01-01 09:00:00+00:00"
            ],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let filter = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    let first = store.timeline_page(&filter, None, 4).unwrap();
    assert_eq!(first.len(), 4, "a full page despite the rows left out");
    // Every good entry, page by page, each once, newest first.
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = store.timeline_page(&filter, after, 4).unwrap();
        if page.is_empty() {
            break;
        }
        after = page.last().map(|e| e.cursor());
        all.extend(page);
    }
    // 12 + the good meeting + the good reflection.
    assert_eq!(all.len(), 14);
    assert!(
        all.windows(2)
            .all(|w| (w[0].at, w[0].id) > (w[1].at, w[1].id))
    );
}

#[test]
fn each_row_left_out_is_told_once_and_check_lists_the_same_rows() {
    let (_dir, db, sam, bad) = spoiled_journal();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.relationships().unwrap().len(), 1);
    let agreement = store.agreement(sam).unwrap();
    assert!(agreement.answers.contains_key("contact"));
    assert!(!agreement.answers.contains_key("duration"));
    assert_eq!(store.take_left_out(), 2, "Quinn and the duration answer");
    store.relationships().unwrap();
    store.agreement(sam).unwrap();
    assert_eq!(store.take_left_out(), 0, "each row is told once");
    // A reader of one row names it.
    let err = store.checkin_plan(sam).unwrap_err().to_string();
    assert!(
        err.contains("checkin plan could not be read (mode: \"lunar\""),
        "{err}"
    );
    let listed = mentorlog::store::audit(&store).unwrap();
    assert_eq!(listed.len(), bad.len());
    for b in &bad {
        assert!(
            listed
                .iter()
                .any(|l| l.table == b.table && l.id == b.id && l.field == b.field),
            "{} {} {}",
            b.table,
            b.id,
            b.field
        );
    }
}
