//! Text fields on TestBackend: the same editing keys in the walk-through and the forms, pasted
//! line breaks kept, clusters edited whole, and one-line fields that show their beginning.

mod common;

use chrono::{DateTime, Utc};
use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Screen, walkthrough::Walkthrough};
use mentorlog::domain::{AnswerValue, Relationship, RelationshipStatus, Role};
use mentorlog::store::Store;

fn t0() -> DateTime<Utc> {
    "2026-11-10T09:00:00Z".parse().unwrap()
}

/// A journal with a profile and one active relationship, for the meeting form.
fn journal() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0().date_naive());
    store.save_relationship(&rel, t0()).unwrap();
    store
}

fn walk(h: &Harness) -> &Walkthrough {
    match &h.app.screen {
        Screen::Onboarding(w) => w,
        other => panic!("expected the walk-through, got {other:?}"),
    }
}

/// From the welcome screen to step 7, the long answer "What will the mentoring focus on?".
fn to_the_focus_step(h: &mut Harness) {
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.enter();
    h.type_text("Sam");
    h.enter();
    h.tab();
    h.tab();
    assert!(h.text().contains("step 7 of 23"), "{}", h.text());
}

fn meeting_notes(h: &mut Harness) -> String {
    h.key(KeyCode::Char('m'));
    for _ in 0..20 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form
                .fields
                .current()
                .is_some_and(|f| f.key == FieldId::Notes)
        {
            return "notes".into();
        }
        h.tab();
    }
    panic!("no notes field in the meeting form");
}

fn notes(h: &Harness) -> String {
    match &h.app.screen {
        Screen::Entry(w) => w.form.fields.string(FieldId::Notes),
        other => panic!("expected the meeting form, got {other:?}"),
    }
}

fn undo(h: &mut Harness) {
    // What a terminal sends for Ctrl-_ (and Ctrl-/).
    h.key_with(KeyCode::Char('7'), KeyModifiers::CONTROL);
}

#[test]
fn pasted_line_breaks_survive_in_a_meetings_notes() {
    let mut h = Harness::new(journal(), 80, 24);
    meeting_notes(&mut h);
    // Terminals send a pasted newline as CR; Windows text brings CRLF.
    h.paste("a\rb\r\nc");
    assert_eq!(notes(&h), "a\nb\nc");
    assert_snapshot!("meeting_notes_pasted_lines", h.screen());
}

#[test]
fn pasted_line_breaks_survive_in_a_walk_through_answer() {
    let mut h = Harness::in_memory(80, 24);
    to_the_focus_step(&mut h);
    h.paste("a\rb\r\nc");
    assert_eq!(walk(&h).form.value(FieldId::Answer), "a\nb\nc");
    assert_snapshot!("walk_through_pasted_lines", h.screen());
    let rel = walk(&h).relationship.id;
    h.tab();
    assert_eq!(
        h.store.agreement(rel).unwrap().get("focus"),
        Some(&AnswerValue::Text {
            text: "a\nb\nc".into()
        })
    );
}

#[test]
fn a_pasted_line_break_is_a_space_in_a_one_line_field() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.paste("Ada\r\nLovelace\r");
    h.enter();
    h.enter();
    assert_eq!(walk(&h).profile_name, "Ada Lovelace");
}

#[test]
fn enter_makes_a_new_line_in_every_long_text_and_tab_moves_on() {
    let mut h = Harness::in_memory(80, 24);
    to_the_focus_step(&mut h);
    h.type_text("one");
    h.enter();
    h.type_text("two");
    assert!(
        h.text().contains("step 7 of 23"),
        "Enter stays in the answer"
    );
    assert_eq!(walk(&h).form.value(FieldId::Answer), "one\ntwo");
    h.key_with(KeyCode::Enter, KeyModifiers::ALT);
    h.ctrl('j');
    assert_eq!(walk(&h).form.value(FieldId::Answer), "one\ntwo\n\n");
    h.tab();
    assert!(h.text().contains("step 8 of 23"), "Tab goes on");

    let mut h = Harness::new(journal(), 80, 24);
    meeting_notes(&mut h);
    h.type_text("one");
    h.enter();
    h.type_text("two");
    assert_eq!(notes(&h), "one\ntwo");
}

#[test]
fn the_same_editing_keys_in_the_walk_through_and_the_forms() {
    // Ctrl-U deletes to the start of the line, Ctrl-_ undoes it: in a meeting's notes...
    let mut h = Harness::new(journal(), 80, 24);
    meeting_notes(&mut h);
    h.type_text("line one");
    h.enter();
    h.type_text("line two");
    h.ctrl('u');
    assert_eq!(notes(&h), "line one\n", "Ctrl-U no longer undoes here");
    undo(&mut h);
    assert_eq!(notes(&h), "line one\nline two");
    h.ctrl('a');
    h.ctrl('k');
    assert_eq!(notes(&h), "line one\n");
    undo(&mut h);
    assert_eq!(notes(&h), "line one\nline two");
    h.key_with(KeyCode::Char('_'), KeyModifiers::ALT | KeyModifiers::SHIFT);
    assert_eq!(notes(&h), "line one\n", "Alt-_ redoes");

    // ...and in the walk-through's one-line name field.
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada Lovelace");
    h.key_with(KeyCode::Backspace, KeyModifiers::ALT);
    assert!(h.text().contains("Ada "), "{}", h.text());
    assert!(!h.text().contains("Lovelace"));
    undo(&mut h);
    assert!(
        h.text().contains("Ada Lovelace"),
        "undo works on one line too"
    );
    h.ctrl('u');
    assert!(!h.text().contains("Ada"));
    undo(&mut h);
    h.enter();
    assert_eq!(walk(&h).profile_name, "Ada Lovelace");
}

#[test]
fn flags_skin_tones_and_devanagari_go_whole() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada 🇫🇷👍🏽कि");
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Left);
    h.key(KeyCode::Backspace);
    h.enter();
    assert_eq!(walk(&h).profile_name, "Ada 👍🏽");
}

#[test]
fn a_long_one_line_answer_shows_its_beginning_when_not_focused() {
    let mut h = Harness::in_memory(80, 24);
    to_the_focus_step(&mut h);
    h.type_text("A product role");
    h.tab();
    assert!(h.text().contains("step 8 of 23"));
    // Down to the "something else" field under the suggested outcomes.
    for _ in 0..20 {
        if walk(&h).form.on_field() {
            break;
        }
        h.key(KeyCode::Down);
    }
    let answer = "CV reviews with two hiring managers, then mock interviews";
    assert_eq!(answer.chars().count(), 57);
    h.type_text(answer);
    assert_snapshot!("one_line_focused_end", h.screen());
    h.key(KeyCode::Up);
    let screen = h.screen();
    assert!(
        screen.contains(answer),
        "with 80 columns the whole answer shows:\n{screen}"
    );
    assert_snapshot!("one_line_unfocused", screen);
    // Narrower than the answer: the beginning shows when the field is left...
    h.resize(50, 24);
    let screen = h.screen();
    assert!(screen.contains("CV reviews with"), "{screen}");
    assert_snapshot!("one_line_unfocused_narrow", screen);
    // ...and the end, where the cursor is, when it is focused.
    h.key(KeyCode::Down);
    let screen = h.screen();
    assert!(screen.contains("mock interviews"), "{screen}");
    assert!(!screen.contains("CV reviews"), "{screen}");
}

#[test]
fn the_help_lists_the_editing_keys_where_text_is_typed() {
    let mut h = Harness::in_memory(80, 24);
    to_the_focus_step(&mut h);
    h.key(KeyCode::F(1));
    let screen = h.screen();
    for keys in ["Ctrl-U/K", "Ctrl-_/Alt-_", "Ctrl-A/E", "Alt-D"] {
        assert!(screen.contains(keys), "{keys} missing:\n{screen}");
    }
    assert_snapshot!("help_in_a_long_answer", screen);

    let mut h = Harness::new(journal(), 80, 24);
    meeting_notes(&mut h);
    h.key(KeyCode::F(1));
    assert_snapshot!("help_in_a_meeting", h.screen());

    // Search is one line: the same keys, without the new-line row.
    let mut h = Harness::new(journal(), 80, 24);
    h.key(KeyCode::Char('/'));
    assert!(matches!(h.app.screen, Screen::Search(_)));
    h.key(KeyCode::F(1));
    let screen = h.screen();
    assert!(screen.contains("Ctrl-U/K"), "{screen}");
    assert!(!screen.contains("a new line"), "{screen}");
}

/// Up and Down in a long walk-through answer move by the lines drawn, as in a meeting's
/// notes, and keep the column; at the first or last line there is nowhere further to go.
#[test]
fn up_and_down_move_by_line_inside_a_long_walk_through_answer() {
    let mut h = Harness::in_memory(80, 24);
    to_the_focus_step(&mut h);
    h.type_text("one");
    h.enter();
    h.type_text("two");
    h.enter();
    h.type_text("three");
    h.key(KeyCode::Up);
    h.type_text("X");
    assert_eq!(walk(&h).form.value(FieldId::Answer), "one\ntwoX\nthree");
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.type_text("Y");
    assert_eq!(walk(&h).form.value(FieldId::Answer), "oneY\ntwoX\nthree");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.type_text("Z");
    assert_eq!(walk(&h).form.value(FieldId::Answer), "oneY\ntwoX\nthreZe");

    // One long line wrapped by the box: Up goes to the line drawn above, same column.
    let mut h = Harness::in_memory(40, 24);
    to_the_focus_step(&mut h);
    h.type_text("alpha beta gamma delta epsilon zeta eta theta iota");
    h.draw();
    let end = h.terminal.get_cursor_position().unwrap();
    h.key(KeyCode::Up);
    h.draw();
    let up = h.terminal.get_cursor_position().unwrap();
    assert_eq!((up.x, up.y), (end.x, end.y - 1), "one drawn line up");
    h.key(KeyCode::Down);
    h.draw();
    assert_eq!(h.terminal.get_cursor_position().unwrap(), end);
}
