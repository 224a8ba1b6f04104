//! `mentorlog due` from the shell: its exit codes, lines and JSON, and local days across
//! daylight saving.

use chrono::{DateTime, Utc};
use mentorlog::store::Store;

mod common;

use common::cli::*;

/// `mentorlog due` at a given moment (and time zone).
fn due_at(env: &Env, now: &str, tz: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    env.cmd()
        .env("MENTORLOG_NOW", now)
        .env("TZ", tz)
        .arg("--db")
        .arg(env.db())
        .arg("due")
        .args(args)
        .assert()
}

#[test]
fn due_exit_codes_lines_and_json() {
    use mentorlog::domain::Meeting;
    let env = Env::new();
    // No journal yet: an error, exit code 2.
    let none = due_at(&env, "2026-09-10T10:00:00Z", "UTC", &[])
        .failure()
        .code(2);
    assert!(stderr(&none).contains("no journal"), "{}", stderr(&none));
    // Sam: agreed 2026-08-31, every 2 weeks, Sam reaches out.
    let sam = journal_with_sam(&env);
    let quiet = due_at(&env, "2026-09-10T10:00:00Z", "UTC", &[]).success();
    assert_eq!(stdout(&quiet), "", "nothing due: nothing printed");
    let out = due_at(&env, "2026-09-20T10:00:00Z", "UTC", &[]).code(1);
    assert_eq!(
        stdout(&out),
        "Sam Rivera: check-in overdue by 6 days (no contact logged yet · agreed every 2 weeks · Sam Rivera said they'd reach out)\n"
    );
    let q = due_at(&env, "2026-09-20T10:00:00Z", "UTC", &["--quiet"]).code(1);
    assert_eq!(stdout(&q), "");
    let json = due_at(&env, "2026-09-20T10:00:00Z", "UTC", &["--json"]).code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["with"], "Sam Rivera");
    assert_eq!(v[0]["due"], true);
    assert_eq!(v[0]["days_overdue"], 6);
    assert_eq!(v[0]["next_due"], "2026-09-14");
    assert_eq!(v[0]["initiator"], "them");
    // A meeting is contact: due again two weeks after it.
    let mut store = Store::open(&env.db()).unwrap();
    let held: DateTime<Utc> = "2026-09-18T15:00:00Z".parse().unwrap();
    store
        .save_meeting(&Meeting::new(sam.id, held, held), &[], held)
        .unwrap();
    drop(store);
    let out = due_at(&env, "2026-09-20T10:00:00Z", "UTC", &[]).code(0);
    assert_eq!(stdout(&out), "");
    let out = due_at(&env, "2026-10-02T10:00:00Z", "UTC", &[]).code(1);
    assert!(
        stdout(&out).starts_with("Sam Rivera: check-in due today (last contact 14 days ago"),
        "{}",
        stdout(&out)
    );
    // A bad MENTORLOG_NOW is an error.
    let bad = due_at(&env, "next tuesday", "UTC", &[]).code(2);
    assert!(stderr(&bad).contains("MENTORLOG_NOW"), "{}", stderr(&bad));
}

#[test]
fn due_dates_are_local_days_across_daylight_saving() {
    use mentorlog::domain::Meeting;
    let env = Env::new();
    let sam = journal_with_sam(&env);
    // 23:30 UTC on 28 March 2026 is 00:30 on 29 March in Berlin, the night the clocks go
    // forward: the last contact is the 29th there, the 28th in UTC.
    let mut store = Store::open(&env.db()).unwrap();
    let held: DateTime<Utc> = "2026-03-28T23:30:00Z".parse().unwrap();
    store
        .save_meeting(&Meeting::new(sam.id, held, held), &[], held)
        .unwrap();
    drop(store);
    let berlin = "CET-1CEST,M3.5.0,M10.5.0/3";
    let json = due_at(&env, "2026-04-11T12:00:00Z", berlin, &["--json"]).code(0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["last_contact"], "2026-03-29");
    assert_eq!(v[0]["next_due"], "2026-04-12");
    let json = due_at(&env, "2026-04-11T12:00:00Z", "UTC", &["--json"]).code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["next_due"], "2026-04-11");
    // Clocks go back on 25 October: the days still count as days.
    let json = due_at(&env, "2026-10-25T01:30:00Z", berlin, &["--json"]).code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["days_overdue"], 196);
}

#[test]
fn due_counts_a_planned_meeting_and_says_so() {
    use mentorlog::domain::Meeting;
    let env = Env::new();
    let sam = journal_with_sam(&env);
    // Met on 18 September and planned the next meeting for 10 October (the cadence alone
    // would ask on 2 October).
    let mut store = Store::open(&env.db()).unwrap();
    let held: DateTime<Utc> = "2026-09-18T12:00:00Z".parse().unwrap();
    let mut m = Meeting::new(sam.id, held, held);
    m.next_meeting_on = chrono::NaiveDate::from_ymd_opt(2026, 10, 10);
    store.save_meeting(&m, &[], held).unwrap();
    drop(store);
    let quiet = due_at(&env, "2026-10-05T10:00:00Z", "UTC", &[]).code(0);
    assert_eq!(stdout(&quiet), "");
    let json = due_at(&env, "2026-10-05T10:00:00Z", "UTC", &["--json"]).code(0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["next_due"], "2026-10-10");
    assert_eq!(v[0]["planned_meeting"], "2026-10-10");
    let out = due_at(&env, "2026-10-10T10:00:00Z", "UTC", &[]).code(1);
    assert!(
        stdout(&out).starts_with("Sam Rivera: meeting planned for today (last contact 22 days ago"),
        "{}",
        stdout(&out)
    );
    let out = due_at(&env, "2026-10-12T10:00:00Z", "UTC", &[]).code(1);
    assert!(
        stdout(&out)
            .starts_with("Sam Rivera: check-in overdue by 2 days (meeting planned for 2026-10-10)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn due_a_meeting_planned_far_off_waits_one_cadence_at_most() {
    use mentorlog::domain::Meeting;
    let env = Env::new();
    let sam = journal_with_sam(&env);
    // Met on 18 September and planned the next meeting for January: due on 2 October by the
    // cadence alone, and the plan may move that two weeks at most, to 16 October.
    let mut store = Store::open(&env.db()).unwrap();
    let held: DateTime<Utc> = "2026-09-18T12:00:00Z".parse().unwrap();
    let mut m = Meeting::new(sam.id, held, held);
    m.next_meeting_on = chrono::NaiveDate::from_ymd_opt(2027, 1, 15);
    store.save_meeting(&m, &[], held).unwrap();
    drop(store);
    let quiet = due_at(&env, "2026-10-15T10:00:00Z", "UTC", &[]).code(0);
    assert_eq!(stdout(&quiet), "");
    let out = due_at(&env, "2026-10-16T10:00:00Z", "UTC", &[]).code(1);
    assert!(
        stdout(&out).starts_with("Sam Rivera: check-in due today (last contact 28 days ago"),
        "{}",
        stdout(&out)
    );
    let json = due_at(&env, "2026-10-16T10:00:00Z", "UTC", &["--json"]).code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v[0]["next_due"], "2026-10-16");
    assert_eq!(v[0]["planned_meeting"], serde_json::Value::Null);
}
