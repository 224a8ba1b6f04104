//! `mentorlog calendar` read back with an iCalendar parser: the events and their days, UIDs
//! that stay the same across runs and changes, escaping of hostile text, and privacy.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::parser::{read_calendar, unfold};
use mentorlog::domain::{Goal, GoalStatus, Meeting, Milestone, MilestoneDue, Relationship, Role};
use mentorlog::store::Store;

mod common;

use common::cli::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap().and_utc()
}

/// One event as a calendar application reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    start: String,
    end: String,
    summary: String,
    description: String,
    class: Option<String>,
}

/// `mentorlog calendar ARGS` on 22 November 2026 (UTC), its raw text.
fn calendar_text(env: &Env, args: &[&str]) -> String {
    let out = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(env.db())
        .arg("calendar")
        .args(args)
        .assert()
        .success();
    stdout(&out)
}

/// The file checked line by line as RFC 5545 writes it, then parsed: events by UID.
fn parse(text: &str) -> BTreeMap<String, Event> {
    assert!(text.ends_with("\r\n"), "the last line ends CRLF too");
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = unfold(text);
    for line in unfolded.split("\r\n") {
        if let Some(value) = line
            .strip_prefix("SUMMARY:")
            .or_else(|| line.strip_prefix("DESCRIPTION:"))
        {
            assert_escaped(value);
        }
    }
    let cal = read_calendar(&unfolded).expect("an iCalendar file");
    let prop = |name: &str| cal.properties.iter().find(|p| p.name == name);
    assert_eq!(prop("VERSION").unwrap().val.as_str(), "2.0");
    assert!(prop("PRODID").is_some());
    let mut events = BTreeMap::new();
    for c in &cal.components {
        assert_eq!(c.name.as_str(), "VEVENT", "only events");
        let get = |name: &str| c.find_prop(name).map(|p| p.val.as_str().to_string());
        assert!(get("DTSTAMP").is_some_and(|s| s == "20261122T100000Z"));
        for day in ["DTSTART", "DTEND"] {
            let p = c.find_prop(day).unwrap();
            assert!(
                p.params.iter().any(
                    |x| x.key.as_str() == "VALUE" && x.val.as_ref().unwrap().as_str() == "DATE"
                ),
                "{day} is a whole day"
            );
        }
        let uid = get("UID").expect("every event has a UID");
        let e = Event {
            start: get("DTSTART").unwrap(),
            end: get("DTEND").unwrap(),
            summary: get("SUMMARY").unwrap(),
            description: get("DESCRIPTION").unwrap_or_default(),
            class: get("CLASS"),
        };
        assert!(events.insert(uid.clone(), e).is_none(), "UID {uid} twice");
    }
    events
}

/// A TEXT value as RFC 5545 wants it: `;` and `,` only escaped, a backslash only before
/// `\\`, `;`, `,` or `n`. (Parsers are lenient and read unescaped text too, so this is
/// checked on the raw line.)
fn assert_escaped(value: &str) {
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => assert!(
                matches!(chars.next(), Some('\\' | ';' | ',' | 'n')),
                "a lone backslash in {value:?}"
            ),
            ';' | ',' => panic!("an unescaped {c:?} in {value:?}"),
            _ => {}
        }
    }
}

fn by_summary<'a>(events: &'a BTreeMap<String, Event>, start: &str) -> Vec<(&'a str, &'a Event)> {
    events
        .iter()
        .filter(|(_, e)| e.summary.starts_with(start))
        .map(|(u, e)| (u.as_str(), e))
        .collect()
}

fn meeting_planning(
    store: &mut Store,
    rel: &Relationship,
    held: NaiveDate,
    next: NaiveDate,
) -> Meeting {
    let mut m = Meeting::new(rel.id, noon(held), noon(held));
    m.next_meeting_on = Some(next);
    store.save_meeting(&m, &[], noon(held)).unwrap();
    m
}

/// Sam's journal with a planned meeting, an open goal with a target and milestones (one
/// done, one on a date, one in week 16 of the relationship, one with no date), and a dropped
/// goal with a target.
fn journal(env: &Env) -> (Relationship, Meeting) {
    let sam = journal_with_sam(env);
    let mut store = Store::open(&env.db()).unwrap();
    let m = meeting_planning(&mut store, &sam, d(2026, 11, 18), d(2026, 12, 2));
    let mut goal = Goal::new(sam.id, "Lead a design review", now());
    goal.status = GoalStatus::Active;
    goal.target_on = Some(d(2027, 2, 1));
    let mut done = Milestone::new(goal.id, "Read the team's past reviews");
    done.due = Some(MilestoneDue::On(d(2026, 12, 1)));
    done.done_at = Some(now());
    let mut dated = Milestone::new(goal.id, "Shadow one review");
    dated.due = Some(MilestoneDue::On(d(2026, 12, 15)));
    let mut relative = Milestone::new(goal.id, "Present a small change");
    relative.due = Some(MilestoneDue::Week(16));
    let undated = Milestone::new(goal.id, "Ask for feedback");
    store
        .save_goal(&goal, &[done, dated, relative, undated], now())
        .unwrap();
    let mut dropped = Goal::new(sam.id, "Learn Haskell", now());
    dropped.status = GoalStatus::Dropped;
    dropped.target_on = Some(d(2026, 12, 20));
    store.save_goal(&dropped, &[], now()).unwrap();
    (sam, m)
}

#[test]
fn planned_meetings_check_ins_milestones_and_targets_are_all_day_events() {
    let env = Env::new();
    let (_, meeting) = journal(&env);
    let events = parse(&calendar_text(&env, &[]));
    let summaries: Vec<(&str, &str)> = events
        .values()
        .map(|e| (e.start.as_str(), e.summary.as_str()))
        .collect();
    // In day order; the check-in is due by the planned meeting, so the meeting stands for it;
    // done milestones, undated ones and dropped goals have no day to keep.
    assert_eq!(events.len(), 4, "{summaries:?}");
    let meet = &events[&format!("{}-next-meeting@mentorlog", meeting.id)];
    assert_eq!(
        (meet.start.as_str(), meet.end.as_str()),
        ("20261202", "20261203")
    );
    assert_eq!(meet.summary, "Mentoring meeting with Sam Rivera");
    assert_eq!(meet.description, "Planned at the meeting of 2026-11-18.");
    assert_eq!(meet.class, None);
    let milestones = by_summary(&events, "Milestone: ");
    let days: Vec<(&str, &str)> = milestones
        .iter()
        .map(|(_, e)| (e.start.as_str(), e.summary.as_str()))
        .collect();
    // Week 16 of a relationship agreed on 31 August is 21 December.
    assert_eq!(
        {
            let mut d = days.clone();
            d.sort();
            d
        },
        vec![
            ("20261215", "Milestone: Shadow one review"),
            ("20261221", "Milestone: Present a small change"),
        ]
    );
    let target = by_summary(&events, "Goal target: ");
    assert_eq!(target.len(), 1);
    assert_eq!(target[0].1.start, "20270201");
    assert_eq!(target[0].1.summary, "Goal target: Lead a design review");
    assert!(target[0].1.description.contains("Sam Rivera"));
}

#[test]
fn uids_stay_the_same_across_runs_and_when_the_planned_day_moves() {
    let env = Env::new();
    let (_, mut meeting) = journal(&env);
    let first = parse(&calendar_text(&env, &[]));
    let second = parse(&calendar_text(&env, &[]));
    assert_eq!(first, second, "the same journal gives the same events");
    // The next meeting moves a week: the same event (same UID) on a new day.
    meeting.next_meeting_on = Some(d(2026, 12, 9));
    let mut store = Store::open(&env.db()).unwrap();
    store.save_meeting(&meeting, &[], now()).unwrap();
    drop(store);
    let moved = parse(&calendar_text(&env, &[]));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        moved.keys().collect::<Vec<_>>()
    );
    let uid = format!("{}-next-meeting@mentorlog", meeting.id);
    assert_eq!(first[&uid].start, "20261202");
    assert_eq!(moved[&uid].start, "20261209");
}

#[test]
fn a_due_check_in_without_a_plan_and_an_overdue_one_on_today() {
    let env = Env::new();
    let sam = journal_with_sam(&env);
    // Agreed 31 August, every 2 weeks, no contact: due since 14 September, so it waits on
    // today (22 November) rather than in the past.
    let events = parse(&calendar_text(&env, &[]));
    let uid = format!("{}-checkin@mentorlog", sam.id);
    assert_eq!(events.len(), 1);
    assert_eq!(events[&uid].start, "20261122");
    assert_eq!(events[&uid].summary, "Check-in with Sam Rivera");
    assert!(
        events[&uid]
            .description
            .starts_with("Due since 2026-09-14: "),
        "{}",
        events[&uid].description
    );
    // After a meeting with no plan: two weeks on, under the same UID.
    let mut store = Store::open(&env.db()).unwrap();
    let m = Meeting::new(sam.id, noon(d(2026, 11, 20)), noon(d(2026, 11, 20)));
    store.save_meeting(&m, &[], now()).unwrap();
    drop(store);
    let events = parse(&calendar_text(&env, &[]));
    assert_eq!(events[&uid].start, "20261204");
    // A date, not "2 days ago": the file is read on later days than it was written.
    assert_eq!(
        events[&uid].description,
        "Last contact on 2026-11-20 · agreed every 2 weeks · Sam Rivera said they'd reach out."
    );
}

#[test]
fn milestones_and_targets_gone_by_sit_on_today_with_the_same_uid() {
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let mut goal = Goal::new(sam.id, "Lead a design review", now());
    goal.status = GoalStatus::Active;
    goal.target_on = Some(d(2026, 11, 1));
    let mut late = Milestone::new(goal.id, "Shadow one review");
    late.due = Some(MilestoneDue::On(d(2026, 10, 15)));
    let mut ahead = Milestone::new(goal.id, "Present a small change");
    ahead.due = Some(MilestoneDue::On(d(2026, 12, 15)));
    store
        .save_goal(&goal, &[late.clone(), ahead.clone()], now())
        .unwrap();
    drop(store);
    let events = parse(&calendar_text(&env, &[]));
    let late_event = &events[&format!("{}-milestone@mentorlog", late.id)];
    assert_eq!(late_event.start, "20261122", "on today, not in the past");
    assert_eq!(late_event.summary, "Milestone: Shadow one review");
    assert!(
        late_event
            .description
            .starts_with("Overdue since 2026-10-15. On the way to the goal with Sam Rivera"),
        "{}",
        late_event.description
    );
    let target = &events[&format!("{}-target@mentorlog", goal.id)];
    assert_eq!(target.start, "20261122");
    assert!(
        target.description.starts_with("Overdue since 2026-11-01. "),
        "{}",
        target.description
    );
    let ahead_event = &events[&format!("{}-milestone@mentorlog", ahead.id)];
    assert_eq!(ahead_event.start, "20261215");
    assert!(
        !ahead_event.description.contains("Overdue"),
        "{}",
        ahead_event.description
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_calendar_that_cannot_be_written_to_standard_output_says_so() {
    let env = Env::new();
    journal(&env);
    // /dev/full refuses every write, as a full disk would.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let template = env.cmd();
    let mut cmd = std::process::Command::new(template.get_program());
    for (key, value) in template.get_envs() {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    let out = cmd
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .arg("calendar")
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("could not write the calendar to standard output") && err.contains("--out"),
        "{err}"
    );
}

#[test]
fn hostile_names_and_milestones_stay_one_escaped_value() {
    let env = Env::new();
    let mut store = Store::open(&env.db()).unwrap();
    let hostile = "Kim; Lee, \\ \"Jr\"\nEND:VEVENT\u{1b}[31m";
    let kim = agreed(&mut store, hostile, Role::Mentor);
    meeting_planning(&mut store, &kim, d(2026, 11, 20), d(2026, 12, 3));
    let mut goal = Goal::new(kim.id, "Speak at a meetup, then a conference; maybe", now());
    goal.status = GoalStatus::Active;
    let mut m = Milestone::new(
        goal.id,
        "Draft;the,talk\\slides\nEND:VCALENDAR\nDESCRIPTION:x — und ein sehr langer Satz über Vorträge",
    );
    m.due = Some(MilestoneDue::On(d(2026, 12, 10)));
    store.save_goal(&goal, &[m], now()).unwrap();
    drop(store);
    let events = parse(&calendar_text(&env, &[]));
    assert_eq!(events.len(), 2, "no line of the text became an event");
    let meet = by_summary(&events, "Mentoring meeting with ");
    assert_eq!(
        meet[0].1.summary, "Mentoring meeting with Kim; Lee, \\ \"Jr\" END:VEVENT\u{fffd}[31m",
        "the escapes read back as the very characters, on one line, with no ESC"
    );
    let ms = by_summary(&events, "Milestone: ");
    assert!(
        ms[0]
            .1
            .summary
            .starts_with("Milestone: Draft;the,talk\\slides END:VCALENDAR"),
        "{}",
        ms[0].1.summary
    );
    assert!(
        ms[0].1.summary.ends_with('…'),
        "a long summary is cut short"
    );
    assert!(
        ms[0]
            .1
            .description
            .contains("Speak at a meetup, then a conference; maybe"),
        "{}",
        ms[0].1.description
    );
}

#[test]
fn a_meeting_planned_at_a_private_meeting_shows_only_when_asked() {
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let mut m = Meeting::new(sam.id, noon(d(2026, 11, 18)), noon(d(2026, 11, 18)));
    m.private = true;
    m.next_meeting_on = Some(d(2026, 12, 2));
    store.save_meeting(&m, &[], now()).unwrap();
    drop(store);
    let uid = format!("{}-next-meeting@mentorlog", m.id);
    let shared = calendar_text(&env, &[]);
    assert!(!shared.contains(&m.id.to_string()), "{shared}");
    let events = parse(&shared);
    // The check-in shows as if the private meeting were not there: due since two weeks after
    // the start (agreed 31 August), on today, with no contact.
    let checkin = &events[&format!("{}-checkin@mentorlog", sam.id)];
    assert_eq!(checkin.start, "20261122");
    assert!(
        checkin
            .description
            .starts_with("Due since 2026-09-14: no contact logged yet"),
        "{}",
        checkin.description
    );
    assert!(
        !shared.contains("20261202") && !shared.contains("2026-11-18"),
        "{shared}"
    );
    let all = parse(&calendar_text(&env, &["--include-private"]));
    assert_eq!(all[&uid].start, "20261202");
    assert_eq!(all[&uid].class.as_deref(), Some("PRIVATE"));
    assert!(all[&uid].description.contains("(private)"));
    assert!(!all.contains_key(&format!("{}-checkin@mentorlog", sam.id)));
}

#[test]
fn a_private_meeting_after_a_shared_one_shows_nowhere_without_include_private() {
    let env = Env::new();
    let sam = journal_with_sam(&env);
    let mut store = Store::open(&env.db()).unwrap();
    // Shared on the 10th, planning the next for 1 December; a private one on the 18th planning
    // 2 December.
    let shared_meeting = meeting_planning(&mut store, &sam, d(2026, 11, 10), d(2026, 12, 1));
    let mut private = Meeting::new(sam.id, noon(d(2026, 11, 18)), noon(d(2026, 11, 18)));
    private.private = true;
    private.next_meeting_on = Some(d(2026, 12, 2));
    store.save_meeting(&private, &[], now()).unwrap();
    drop(store);
    let text = calendar_text(&env, &[]);
    // (2 December as a start: an event on the 1st ends on the 2nd.)
    for hint in [
        "DATE:20261202\r\nDTEND",
        "2026-11-18",
        &private.id.to_string(),
    ] {
        assert!(!text.contains(hint), "{hint} in {text}");
    }
    let events = parse(&text);
    // The shared meeting's plan stands, and the check-in is due by it.
    let meet = &events[&format!("{}-next-meeting@mentorlog", shared_meeting.id)];
    assert_eq!(meet.start, "20261201");
    assert!(!events.contains_key(&format!("{}-checkin@mentorlog", sam.id)));
    // Without a plan at the shared meeting: the check-in counts from the 10th, and says so.
    let mut store = Store::open(&env.db()).unwrap();
    let mut unplanned = shared_meeting.clone();
    unplanned.next_meeting_on = None;
    store.save_meeting(&unplanned, &[], now()).unwrap();
    drop(store);
    let text = calendar_text(&env, &[]);
    assert!(
        !text.contains("DATE:20261202\r\nDTEND") && !text.contains("2026-11-18"),
        "{text}"
    );
    let events = parse(&text);
    let checkin = &events[&format!("{}-checkin@mentorlog", sam.id)];
    assert_eq!(checkin.start, "20261124");
    assert!(
        checkin
            .description
            .starts_with("Last contact on 2026-11-10 "),
        "{}",
        checkin.description
    );
}

#[test]
fn with_narrows_and_out_writes_a_new_file_only() {
    let env = Env::new();
    let (sam, _) = journal(&env);
    let mut store = Store::open(&env.db()).unwrap();
    let kim = agreed(&mut store, "Kim", Role::Mentor);
    meeting_planning(&mut store, &kim, d(2026, 11, 20), d(2026, 12, 3));
    drop(store);
    let everyone = parse(&calendar_text(&env, &[]));
    assert_eq!(by_summary(&everyone, "Mentoring meeting with ").len(), 2);
    let only_kim = parse(&calendar_text(&env, &["--with", "Kim"]));
    assert_eq!(only_kim.len(), 1);
    assert!(
        only_kim
            .values()
            .all(|e| e.summary == "Mentoring meeting with Kim")
    );
    let _ = sam;
    // Someone with nothing ahead: an empty calendar, and a word on why.
    let mut store = Store::open(&env.db()).unwrap();
    agreed(&mut store, "Lee", Role::Mentor);
    drop(store);
    let empty = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .args(["calendar", "--with", "Lee"])
        .assert()
        .success();
    assert!(parse(&stdout(&empty)).is_empty());
    assert!(
        stderr(&empty).contains("Nothing to put in a calendar yet"),
        "{}",
        stderr(&empty)
    );
    // Closed: nothing lies ahead, and the message says why and how to go on.
    env.run(&["close", "--with", "Lee"]).success();
    let closed = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .args(["calendar", "--with", "Lee"])
        .assert()
        .success();
    assert!(parse(&stdout(&closed)).is_empty());
    assert!(
        stderr(&closed).contains("none is running") && stderr(&closed).contains("reopen"),
        "{}",
        stderr(&closed)
    );

    let file = env.path("mentoring.ics");
    let out = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .args(["calendar", "--out"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("Wrote 5 events to"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(parse(&written), everyone);
    // A second time: the file is there, and it is never overwritten.
    let again = env
        .cmd()
        .env("MENTORLOG_NOW", "2026-11-22T10:00:00Z")
        .arg("--db")
        .arg(env.db())
        .args(["calendar", "--out"])
        .arg(&file)
        .assert()
        .code(2);
    assert!(
        stderr(&again).contains("already exists") && stderr(&again).contains("another name"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}
