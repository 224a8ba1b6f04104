//! What the screens show, on TestBackend: who needs a check-in on the home list, columns that
//! stay aligned with wide names (CJK, emoji), messages that wrap instead of being cut, long
//! answers that can be read without editing them.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Popup;
use mentorlog::domain::{
    ActionItem, AnswerValue, Cadence, CadenceUnit, Goal, Initiator, Meeting, Owner, Reflection,
    Relationship, RelationshipStatus, Role,
};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Adds an agreed relationship in which Ada is the mentor, checked in every two weeks.
fn mentee(store: &mut Store, name: &str, agreed: NaiveDate) -> Relationship {
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentor);
    rel.other_name = name.into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(agreed);
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
    rel
}

/// Ada mentors three people on 22 November 2026: 田中 さくら is overdue (due since
/// 15 November), Zoë is due today, Sam is not due until 29 November.
fn three_mentees() -> Store {
    three().0
}

fn three() -> (Store, Vec<Relationship>) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let rels = vec![
        mentee(&mut store, "田中 さくら", d(2026, 11, 1)),
        mentee(&mut store, "Zoë 👩🏽‍💻", d(2026, 11, 8)),
        mentee(&mut store, "Sam Rivera", d(2026, 11, 15)),
    ];
    (store, rels)
}

/// The three mentees, each with a meeting a few days ago (so none is due) that left an open
/// action item with a due day, and a reflection.
fn three_with_entries() -> Store {
    let (mut store, rels) = three();
    for (i, rel) in rels.iter().enumerate() {
        let at: DateTime<Utc> = format!("2026-11-{:02}T10:00:00Z", 18 + i).parse().unwrap();
        let mut m = Meeting::new(rel.id, at, at);
        m.notes = format!("Talked about the next step with {}.", rel.other_name);
        let mut item = ActionItem::new(rel.id, "Send the reading list", Owner::Them, at);
        item.due_on = Some(d(2026, 11, 25 + i as u32));
        store.save_meeting(&m, &[item], at).unwrap();
        let mut r = Reflection::new("How the session went, and what to ask next time.", at);
        r.relationship_id = Some(rel.id);
        store.save_reflection(&r, at).unwrap();
    }
    store
}

/// The home list after the check-in popup of the start was put off.
fn home(store: Store, w: u16, h: u16) -> Harness {
    let mut h = Harness::new(store, w, h);
    assert!(
        matches!(h.app.popup(), Some(Popup::Due { .. })),
        "two check-ins are due: the popup offers them"
    );
    // Esc sets aside one person at a time.
    while matches!(h.app.popup(), Some(Popup::Due { .. })) {
        h.key(KeyCode::Esc);
    }
    assert!(h.app.popup().is_none());
    h
}

/// The screen column (in cells) where `what` starts, on the first row holding `row` and it.
fn column(h: &mut Harness, row: &str, what: &str) -> usize {
    h.draw();
    let buf = h.terminal.backend().buffer();
    for y in 0..buf.area.height {
        let symbols: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let line: String = symbols.concat();
        if !line.contains(row) || !line.contains(what) {
            continue;
        }
        let Some(at) = line.find(what) else {
            panic!("{what:?} is not on the row {line:?}");
        };
        let mut bytes = 0;
        return symbols
            .iter()
            .take_while(|s| {
                bytes += s.len();
                bytes <= at
            })
            .count();
    }
    panic!("no row with {row:?} and {what:?}");
}

fn row_with<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no row with {name:?} in\n{text}"))
}

#[test]
fn the_home_list_marks_who_is_due_on_every_row_and_counts_them() {
    let mut h = home(three_mentees(), 100, 24);
    let text = h.text();
    assert!(text.contains("3 relationships · 2 check-ins due"), "{text}");
    // Marked in words, whichever row is highlighted.
    assert!(row_with(&text, "田").contains("overdue 7 days"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
    let sam = row_with(&text, "Sam Rivera");
    assert!(!sam.contains("due") && !sam.contains("overdue"), "{sam}");
    assert_snapshot!("home_three_mentees_due", h.screen());
    h.down(2);
    let text = h.text();
    assert!(row_with(&text, "田").contains("overdue 7 days"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
}

#[test]
fn without_colours_the_due_rows_still_say_so() {
    let settings = mentorlog::app::Settings {
        colors: false,
        ..Default::default()
    };
    let mut h = Harness::with_settings(three_mentees(), 80, 24, settings);
    h.key(KeyCode::Esc);
    let text = h.text();
    assert!(row_with(&text, "田").contains("overdue"), "{text}");
    assert!(row_with(&text, "Zoë").contains("due today"), "{text}");
}

#[test]
fn a_narrow_home_list_puts_each_cell_under_its_own_heading() {
    let mut h = home(three_mentees(), 40, 12);
    let text = h.text();
    assert_snapshot!("narrow_home_three_mentees", h.screen());
    assert!(
        !text.contains("Model"),
        "no room for the model column:\n{text}"
    );
    assert_eq!(
        column(&mut h, "With", "Check-ins"),
        column(&mut h, "Sam", "every"),
        "the cadence stands under Check-ins:\n{text}"
    );
    assert_eq!(
        column(&mut h, "With", "Check-ins"),
        column(&mut h, "Zoë", "due today"),
        "{text}"
    );
}

/// The column where `what` starts on each row holding one of `names`, all equal.
fn same_column(h: &mut Harness, names: &[&str], what: &str) {
    let cols: Vec<usize> = names.iter().map(|n| column(h, n, what)).collect();
    let text = h.text();
    assert!(
        cols.windows(2).all(|w| w[0] == w[1]),
        "{what:?} at columns {cols:?}:\n{text}"
    );
}

#[test]
fn wide_names_keep_the_action_list_and_the_timeline_aligned() {
    let mut h = Harness::new(three_with_entries(), 90, 24);
    assert!(h.app.popup().is_none(), "nothing due: {:?}", h.app.popup());
    h.key(KeyCode::Char('a'));
    same_column(&mut h, &["田", "Zoë", "Sam"], "due 2026-11-2");
    assert_snapshot!("actions_wide_names", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('t'));
    same_column(&mut h, &["田", "Zoë", "Sam"], "Talked about");
    same_column(&mut h, &["田", "Zoë", "Sam"], "How the session");
    assert_snapshot!("timeline_wide_names", h.screen());
}

#[test]
fn a_cut_item_ends_its_message_with_one_mark() {
    let mut h = Harness::new(three_with_entries(), 80, 24);
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Char(' '));
    let status = h.app.status.as_ref().expect("a message").text.clone();
    assert!(
        status.starts_with("Done: Send the reading list."),
        "{status}"
    );
    let long = "Send the reading list and the two papers on interviewing, with notes";
    let store = {
        let (mut store, rels) = three();
        let at: DateTime<Utc> = "2026-11-20T10:00:00Z".parse().unwrap();
        let m = Meeting::new(rels[2].id, at, at);
        store
            .save_meeting(&m, &[ActionItem::new(rels[2].id, long, Owner::Me, at)], at)
            .unwrap();
        store
    };
    let mut h = home(store, 80, 24);
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Char(' '));
    let status = h.app.status.as_ref().expect("a message").text.clone();
    assert!(status.contains('…'), "cut: {status}");
    assert!(!status.contains("….") && !status.contains(".."), "{status}");
    h.key(KeyCode::Char(' '));
    let status = h.app.status.as_ref().expect("a message").text.clone();
    assert!(status.ends_with('…'), "{status}");
}

#[test]
fn a_long_message_wraps_onto_a_second_line_above_the_footer() {
    let mut h = Harness::new(three_mentees(), 80, 24);
    assert!(matches!(h.app.popup(), Some(Popup::Due { .. })));
    h.key(KeyCode::Char('s'));
    h.type_text("someday");
    h.enter();
    let text = h.text();
    let lines: Vec<&str> = text.lines().collect();
    let message = format!("{} {}", lines[21].trim(), lines[22].trim());
    assert!(
        message.contains("is not a date") && message.ends_with('.') && !message.contains('…'),
        "the whole message shows, examples and all: {message:?}\n{text}"
    );
    assert!(lines[23].contains("Esc"), "the footer stays: {text}");
    assert_snapshot!("status_wraps", h.screen());
}

#[test]
fn the_highlighted_answer_of_the_agreement_reads_in_full() {
    let (mut store, rels) = three();
    let focus = "Moving from research into a product engineering role, without losing touch \
                 with the science, and learning to say no to the projects that do not lead there.";
    store
        .save_answer(
            rels[2].id,
            "focus",
            &AnswerValue::Text { text: focus.into() },
            false,
            t0(),
        )
        .unwrap();
    let mut h = home(store, 80, 24);
    h.down(2);
    h.enter();
    let steps = match &h.app.screen {
        mentorlog::app::Screen::Agreement(v) => v.steps.clone(),
        other => panic!("not the agreement: {other:?}"),
    };
    let at = steps
        .iter()
        .position(|s| matches!(s, mentorlog::app::steps::Step::Question(id) if id == "focus"))
        .expect("a focus step");
    h.down(at);
    let text = h.text();
    assert!(
        text.contains("learning to say no") && text.contains("there."),
        "{text}"
    );
    assert_snapshot!("agreement_long_answer", h.screen());
    h.down(1);
    let text = h.text();
    let row = row_with(&text, "Moving from research");
    assert!(
        row.trim_end_matches([' ', '│']).ends_with('…') && !text.contains("learning to say no"),
        "cut when not highlighted: {text}"
    );
}

#[test]
fn a_goals_success_measure_wraps() {
    let (mut store, rels) = three();
    let mut g = Goal::new(rels[2].id, "Give a conference talk", t0());
    g.success = "A talk accepted at one of the two conferences we listed, given, and the \
                 recording shared with the team afterwards."
        .into();
    store.save_goal(&g, &[], t0()).unwrap();
    let mut h = home(store, 80, 24);
    h.key(KeyCode::Char('g'));
    h.enter();
    let text = h.text();
    assert!(text.contains("with the team afterwards."), "{text}");
    assert_snapshot!("goal_success_wraps", h.screen());
}

#[test]
fn a_narrow_check_in_popup_wraps_its_headline_and_keys() {
    let mut h = Harness::new(three_mentees(), 40, 20);
    assert!(matches!(h.app.popup(), Some(Popup::Due { .. })));
    let text = h.text();
    assert!(
        text.contains("overdue by 7"),
        "the headline is whole:\n{text}"
    );
    for key in ["a quick check-in", "snooze until…", "next person"] {
        assert!(text.contains(key), "{key:?} is cut off:\n{text}");
    }
    assert_snapshot!("narrow_due_popup", h.screen());
}

#[test]
fn a_low_window_keeps_every_key_of_the_check_in_popup() {
    let mut h = Harness::new(three_mentees(), 40, 12);
    let text = h.text();
    for key in ["a quick check-in", "reschedule", "not now"] {
        assert!(text.contains(key), "{key:?} is cut off:\n{text}");
    }
    assert_snapshot!("low_due_popup", h.screen());
}

#[test]
fn a_long_action_item_wraps_in_the_meeting_it_came_from() {
    let (mut store, rels) = three();
    let at: DateTime<Utc> = "2026-11-20T10:00:00Z".parse().unwrap();
    let long = "Send the reading list and the two papers on interviewing, with a note on which \
                chapter matters most for the next session";
    let m = Meeting::new(rels[2].id, at, at);
    store
        .save_meeting(
            &m,
            &[ActionItem::new(rels[2].id, long, Owner::Them, at)],
            at,
        )
        .unwrap();
    let mut h = home(store, 60, 20);
    h.key(KeyCode::Char('a'));
    h.enter();
    let text = h.text();
    assert!(text.contains("for the next session (Sam Rivera)"), "{text}");
    assert_snapshot!("meeting_view_long_item", h.screen());
}

#[test]
fn an_emoji_name_in_the_title_keeps_the_date_at_the_right_edge() {
    let (mut store, rels) = three();
    store
        .save_answer(
            rels[1].id,
            "focus",
            &AnswerValue::Text {
                text: "Code review habits".into(),
            },
            false,
            t0(),
        )
        .unwrap();
    let mut h = home(store, 80, 24);
    h.down(1);
    h.enter();
    let header = h.header();
    assert!(header.contains("Agreement with Zoë"), "{header}");
    assert_eq!(
        column(&mut h, "Agreement with", "agreed 2026-11-08") + "agreed 2026-11-08".len() + 1,
        80,
        "{header}"
    );
}
