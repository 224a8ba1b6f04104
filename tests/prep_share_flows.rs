//! Session prep into a meeting: lines that come from private reflections are marked, and
//! saving them in a shared meeting asks first, so private words reach the pair review only when
//! the person said so.

mod common;

use chrono::Duration;
use chrono::NaiveDate;
use common::Harness;
use common::review_journal::{harness, journal, relationship, t0};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::entry::EntryForm;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Origin, Writing};
use mentorlog::content::Content;
use mentorlog::domain::{
    ActionItem, Meeting, Owner, Reflection, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::{Query, Store};

/// A private reflection to bring up whose first line is longer than an agenda line.
const LONG_THOUGHT: &str = "I am not at all sure that the plan we agreed on last month is realistic for a first year, and I keep putting it off\nA second line that stays out of the agenda.";

const MARK: &str = "[from a private reflection]";

/// The journal, plus the long private thought to bring up.
fn journal_with_long_thought() -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let mut r = Reflection::new(LONG_THOUGHT, t0() + Duration::days(72));
    r.relationship_id = Some(rel.id);
    r.bring_up = true;
    assert!(r.private, "reflections are private by default");
    store.save_reflection(&r, t0()).unwrap();
    (store, rel)
}

/// Home → session prep → a meeting with its agenda; the new meeting's id.
fn meeting_from_prep(h: &mut Harness) -> uuid::Uuid {
    h.key(KeyCode::Char('b'));
    h.key(KeyCode::Char('m'));
    form_id(h)
}

fn form_id(h: &Harness) -> uuid::Uuid {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.id
}

fn field(h: &Harness, key: FieldId) -> String {
    let Screen::Entry(w) = &h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.fields.string(key)
}

fn set_field(h: &mut Harness, key: FieldId, value: &str) {
    let Screen::Entry(w) = &mut h.app.screen else {
        panic!("a meeting form is open")
    };
    w.form.fields.get_mut(key).unwrap().set_string(value);
}

/// Nothing that pair review shows (its screens in every period, and its search) holds `word`.
fn pair_review_never_shows(h: &mut Harness, word: &str) {
    assert!(
        h.store
            .search(&Query::parse(word), None, false, 100)
            .unwrap()
            .is_empty(),
        "pair review's search finds {word}"
    );
    h.key(KeyCode::Char('R'));
    assert!(matches!(h.app.screen, Screen::Review(_)));
    for _ in 0..3 {
        for _ in 0..3 {
            let text = h.text();
            assert!(!text.contains(word), "{word} in pair review:\n{text}");
            h.key(KeyCode::PageDown);
        }
        h.key(KeyCode::Char('p'));
    }
    h.key(KeyCode::Char('/'));
    h.type_text(word);
    let Screen::Search(v) = &h.app.screen else {
        panic!("search")
    };
    assert!(v.hits.is_empty(), "pair review's search shows {word}");
}

#[test]
fn prep_marks_lines_from_private_reflections_and_never_cuts_a_word() {
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    meeting_from_prep(&mut h);
    let agenda = field(&h, FieldId::Agenda);
    let first_line = LONG_THOUGHT.lines().next().unwrap();
    let salary = agenda
        .lines()
        .find(|l| l.contains("salary question"))
        .expect("the short thought is on the agenda");
    assert_eq!(
        salary,
        format!("- {MARK} Ask Sam how to handle the salary question")
    );
    let long = agenda
        .lines()
        .find(|l| l.contains("I am not at all sure"))
        .expect("the long thought is on the agenda");
    let words = long
        .strip_prefix(&format!("- {MARK} "))
        .unwrap_or_else(|| panic!("marked as private: {long}"));
    let kept = words
        .strip_suffix('…')
        .unwrap_or_else(|| panic!("shows it was cut: {words}"));
    assert!(
        first_line.starts_with(kept) && first_line[kept.len()..].starts_with(' '),
        "cut between two words: {long}"
    );
    assert!(mentorlog::text::width(words) <= 80, "{words}");
    assert!(!agenda.contains("second line"), "{agenda}");
    // Shared lines (open items, goals) carry no mark.
    let open = agenda
        .lines()
        .find(|l| l.contains("Introduce Ada"))
        .unwrap();
    assert!(!open.contains(MARK), "{open}");
    assert_snapshot!("prep_meeting_form_80x24", h.screen());
}

#[test]
fn a_shared_meeting_from_prep_asks_before_sharing_private_words() {
    let (store, rel) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    let agenda = field(&h, FieldId::Agenda);
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "saving asks first");
    assert!(h.store.meeting(id).unwrap().is_none(), "nothing saved yet");
    let text = h.text();
    assert!(text.contains("Share private words?"), "{text}");
    // The exact words, as they would be shared: without the mark.
    assert!(
        text.contains("- Ask Sam how to handle the salary question"),
        "{text}"
    );
    assert!(!text.contains(MARK), "{text}");
    assert_snapshot!("share_private_80x24", h.screen());

    // n: back to the form, every word kept, still nothing saved.
    h.key(KeyCode::Char('n'));
    assert!(h.app.popup().is_none());
    assert!(matches!(h.app.screen, Screen::Entry(_)));
    assert_eq!(field(&h, FieldId::Agenda), agenda);
    assert!(h.store.meeting(id).unwrap().is_none());
    let Screen::Entry(w) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(
        w.form.fields.current_key(),
        Some(FieldId::Agenda),
        "the cursor waits on the marked lines"
    );

    // y: shared as shown.
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "asks again");
    h.key(KeyCode::Char('y'));
    assert!(h.app.popup().is_none());
    let m = h.store.meeting(id).unwrap().expect("saved");
    assert!(!m.private);
    assert!(
        m.agenda
            .lines()
            .any(|l| l == "- Ask Sam how to handle the salary question"),
        "{}",
        m.agenda
    );
    assert!(!m.agenda.contains(MARK), "{}", m.agenda);
    // Confirmed, so pair review's search finds it now.
    let hits = h
        .store
        .search(&Query::parse("salary"), Some(&[rel.id]), false, 100)
        .unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
}

#[test]
fn unconfirmed_private_words_never_reach_pair_review() {
    // Asked, then not shared: the form is left and discarded.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    h.ctrl('s');
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none() && matches!(h.app.screen, Screen::Entry(_)));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.store.meeting(id).unwrap().is_none());
    pair_review_never_shows(&mut h, "salary");

    // A private meeting keeps the lines as written, without asking, and out of pair review.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    set_field(&mut h, FieldId::Private, "yes");
    h.ctrl('s');
    assert!(h.app.popup().is_none(), "a private meeting shares nothing");
    let m = h.store.meeting(id).unwrap().expect("saved");
    assert!(m.private && m.agenda.contains(MARK), "{}", m.agenda);
    h.key(KeyCode::Esc);
    pair_review_never_shows(&mut h, "salary");
    // Made shared later, it asks then.
    h.key(KeyCode::Char('L'));
    let form =
        EntryForm::edit_meeting(&h.store, &m, h.app.now.date_naive(), Content::get()).unwrap();
    h.app.screen = Screen::Entry(Box::new(Writing {
        form,
        origin: Origin::Home(None),
    }));
    set_field(&mut h, FieldId::Private, "no");
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "sharing it later asks");
    h.key(KeyCode::Char('n'));
    assert!(h.store.meeting(id).unwrap().unwrap().private);

    // Through a draft (quit, start again, resume): the mark is kept, so it still asks.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    h.action(Action::Quit);
    assert!(h.app.should_quit);
    let mut h = h.restart();
    assert!(h.app.popup().is_some(), "the draft is offered");
    h.key(KeyCode::Char('r'));
    assert_eq!(form_id(&h), id);
    assert!(field(&h, FieldId::Agenda).contains(MARK));
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "a resumed draft asks too");
    assert!(h.store.meeting(id).unwrap().is_none());

    // Lines the person rewrote themselves (the mark taken out by hand) save without asking.
    let (store, _) = journal_with_long_thought();
    let mut h = harness(store, 80, 24);
    let id = meeting_from_prep(&mut h);
    set_field(&mut h, FieldId::Agenda, "- The plan for my first year");
    h.ctrl('s');
    assert!(h.app.popup().is_none());
    assert!(h.store.meeting(id).unwrap().is_some());
}

#[test]
fn the_share_question_fits_a_narrow_window_and_scrolls() {
    let (mut store, rel) = journal_with_long_thought();
    for i in 0..6 {
        let mut r = Reflection::new(
            &format!("Private worry number {i} that I might raise"),
            t0() + Duration::days(73 + i),
        );
        r.relationship_id = Some(rel.id);
        r.bring_up = true;
        store.save_reflection(&r, t0()).unwrap();
    }
    let mut h = harness(store, 44, 14);
    meeting_from_prep(&mut h);
    h.ctrl('s');
    let text = h.text();
    assert!(
        text.contains(" y ") && text.contains(" n "),
        "keys show:\n{text}"
    );
    assert!(text.contains("more line"), "{text}");
    assert_snapshot!("share_private_44x14", h.screen());
    for _ in 0..40 {
        h.key(KeyCode::Down);
    }
    let text = h.text();
    assert!(text.contains("Private worry number"), "{text}");
    assert!(text.contains("above"), "{text}");
    assert_snapshot!("share_private_44x14_scrolled", h.screen());
}

#[test]
fn the_share_question_and_status_messages_draw_no_control_characters() {
    let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}";
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = format!("Sam{hostile}");
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    store.save_relationship(&rel, t0()).unwrap();
    let mut r = Reflection::new(&format!("Worry{hostile} about it"), t0());
    r.relationship_id = Some(rel.id);
    r.bring_up = true;
    store.save_reflection(&r, t0()).unwrap();
    let safe = |text: &str| {
        text.chars()
            .all(|c| c == '\n' || !mentorlog::text::is_unsafe(c))
    };
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    assert!(safe(&h.text()), "prep:\n{}", h.text());
    h.key(KeyCode::Char('m'));
    h.ctrl('s');
    assert!(h.app.popup().is_some());
    let text = h.text();
    assert!(text.contains("Worry") && safe(&text), "{text}");
    h.key(KeyCode::Char('y'));
    let status = h.app.status.clone().expect("a message").text;
    assert!(
        status.contains('\u{1b}'),
        "the message names Sam as stored: {status:?}"
    );
    let text = h.text();
    assert!(
        text.contains("Saved: meeting with Sam") && safe(&text),
        "{text}"
    );
}

/// The journal, with a private meeting (the latest) that left an open action item.
fn journal_with_private_item() -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let at = t0() + Duration::days(60);
    let mut m = Meeting::new(rel.id, at, at);
    m.private = true;
    m.notes = "Off the record.".into();
    let item = ActionItem::new(rel.id, "Ask HR about the transfer", Owner::Me, at);
    store.save_meeting(&m, &[item], at).unwrap();
    (store, rel)
}

#[test]
fn open_items_of_a_private_meeting_are_asked_about_too() {
    let (store, _) = journal_with_private_item();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    let text = h.text();
    assert!(
        text.contains("Ask HR about the transfer  (me, private)"),
        "{text}"
    );
    assert_snapshot!("prep_private_item_80x24", h.screen());
    h.key(KeyCode::Char('m'));
    let id = form_id(&h);
    let agenda = field(&h, FieldId::Agenda);
    assert!(
        agenda
            .lines()
            .any(|l| l == "- [from a private meeting] Open: Ask HR about the transfer"),
        "{agenda}"
    );
    assert_eq!(
        field(&h, FieldId::Carry(0)),
        "yes",
        "offered to carry forward"
    );
    h.ctrl('s');
    assert!(h.app.popup().is_some(), "asks first");
    let text = h.text();
    assert!(text.contains("- Open: Ask HR about the transfer"), "{text}");
    assert!(
        text.contains("Action item carried forward: Ask HR about the"),
        "{text}"
    );
    assert_snapshot!("share_private_item_80x24", h.screen());
    // Back, drop every private line and untick the item: it saves without asking.
    h.key(KeyCode::Char('n'));
    let kept: Vec<&str> = agenda
        .lines()
        .filter(|l| !l.contains("[from a private"))
        .collect();
    set_field(&mut h, FieldId::Agenda, &kept.join("\n"));
    set_field(&mut h, FieldId::Carry(0), "no");
    h.ctrl('s');
    assert!(h.app.popup().is_none());
    assert!(h.store.meeting(id).unwrap().is_some(), "saved");
    h.key(KeyCode::Esc);
    pair_review_never_shows(&mut h, "transfer");
}

#[test]
fn carrying_an_item_out_of_a_private_meeting_asks_first() {
    let (store, rel) = journal_with_private_item();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('m'));
    let id = form_id(&h);
    assert_eq!(field(&h, FieldId::Carry(0)), "yes");
    h.ctrl('s');
    assert!(
        h.app.popup().is_some(),
        "asks before the item joins a shared meeting"
    );
    assert!(h.store.meeting(id).unwrap().is_none());
    h.key(KeyCode::Char('y'));
    assert!(
        h.store.meeting(id).unwrap().is_some(),
        "saved once confirmed"
    );
    let items = h.store.meeting_action_items(id).unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].text, "Ask HR about the transfer");
    let hits = h
        .store
        .search(&Query::parse("transfer"), Some(&[rel.id]), false, 100)
        .unwrap();
    assert_eq!(hits.len(), 1, "shared now, as confirmed: {hits:?}");
}

/// Prep with many open items, the last few from a private meeting: scrolled to the end it
/// shows the last items with their marks, and the agenda still holds every item.
#[test]
fn prep_with_many_open_items_scrolls_to_the_last_with_its_marks() {
    let mut store = Store::open_in_memory().unwrap();
    let rel = relationship(&mut store);
    let at = t0() + Duration::days(3);
    let mut shared = Meeting::new(rel.id, at, at);
    shared.notes = "Planning.".into();
    let shared_items: Vec<ActionItem> = (1..=40)
        .map(|i| ActionItem::new(rel.id, &format!("Shared task {i:02}"), Owner::Me, at))
        .collect();
    store.save_meeting(&shared, &shared_items, at).unwrap();
    let later = at + Duration::days(1);
    let mut private = Meeting::new(rel.id, later, later);
    private.private = true;
    let private_items: Vec<ActionItem> = (1..=3)
        .map(|i| ActionItem::new(rel.id, &format!("Secret task {i}"), Owner::Me, later))
        .collect();
    store.save_meeting(&private, &private_items, later).unwrap();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    assert!(matches!(h.app.screen, Screen::Prep(_)));
    let text = h.text();
    assert!(!text.contains("Secret task"), "{text}");
    for _ in 0..200 {
        h.action(Action::Down);
    }
    let text = h.text();
    for i in 1..=3 {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("Secret task {i}")))
            .unwrap_or_else(|| panic!("secret task {i} at the end:\n{text}"));
        assert!(line.contains("private"), "{line}");
    }
    assert!(!text.contains("Shared task 01"), "{text}");
    let shared_line = text
        .lines()
        .find(|l| l.contains("Shared task 40"))
        .unwrap_or_else(|| panic!("the last shared task:\n{text}"));
    assert!(!shared_line.contains("private"), "{shared_line}");
    let Screen::Prep(v) = &h.app.screen else {
        panic!("still on prep")
    };
    assert_eq!(v.open_items.len(), 43);
    assert_eq!(v.private_items.len(), 3);
    let agenda = v.agenda();
    assert!(agenda.contains("Open: Shared task 01"), "{agenda}");
    assert_eq!(
        agenda
            .matches("[from a private meeting] Open: Secret")
            .count(),
        3
    );
}
