//! The resources screen driven by keys on TestBackend: adding, editing, changing the state,
//! the trash, refusals that keep what was typed, search, prep and pair review; snapshots at
//! 80x24 and 40x12.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::Screen;
use mentorlog::app::fields::FieldId;
use mentorlog::domain::{Relationship, Resource, ResourceKind, ResourceState, Side};
use mentorlog::store::{Fault, Store};

fn t0() -> DateTime<Utc> {
    "2026-09-01T09:00:00Z".parse().unwrap()
}

/// Ada, mentee of Sam Rivera; no pulse offers (these tests are about resources).
fn journal() -> (Store, Relationship) {
    let agreed = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    common::ada_mentee_of_sam(t0(), agreed, &[])
}

fn harness(store: Store, w: u16, h: u16) -> Harness {
    let settings = mentorlog::app::Settings {
        survey_every_days: 0,
        ..mentorlog::app::Settings::default()
    };
    Harness::with_settings(store, w, h, settings)
}

/// A journal with a few resources in every state, one private.
fn stocked() -> (Store, Relationship) {
    let (mut store, rel) = journal();
    let rows = [
        (
            ResourceKind::Book,
            "The Mom Test",
            "Rob Fitzpatrick",
            Side::Other,
            ResourceState::Done,
            "",
            false,
        ),
        (
            ResourceKind::Person,
            "Priya, platform lead",
            "Sam introduces us by email",
            Side::Other,
            ResourceState::Suggested,
            "Ask about platform teams.",
            false,
        ),
        (
            ResourceKind::Course,
            "Interview practice",
            "Six evenings online",
            Side::Me,
            ResourceState::NotUseful,
            "Too much memorising.",
            false,
        ),
        (
            ResourceKind::Link,
            "Salary bands",
            "",
            Side::Me,
            ResourceState::Suggested,
            "Before the money question.",
            true,
        ),
    ];
    for (i, (kind, title, detail, by, state, note, private)) in rows.into_iter().enumerate() {
        let at = t0() + Duration::days(i as i64 * 7);
        let mut r = Resource::new(rel.id, kind, title, by, at);
        r.detail = detail.into();
        r.state = state;
        r.note = note.into();
        r.private = private;
        store.save_resource(&r, at).unwrap();
    }
    (store, rel)
}

fn view(h: &Harness) -> &mentorlog::app::resources::ResourcesView {
    match &h.app.screen {
        Screen::Resources(v) => v,
        _ => panic!("not on the resources screen"),
    }
}

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_empty_list_says_how_to_add_one_at_both_sizes() {
    for (w, hh) in [(80, 24), (40, 12)] {
        let (store, _) = journal();
        let mut h = harness(store, w, hh);
        h.key(KeyCode::Char('o'));
        assert!(matches!(h.app.screen, Screen::Resources(_)), "{}", h.text());
        assert!(h.text().contains("Nothing here yet."), "{}", h.text());
        assert_eq!(
            h.app.status, None,
            "the screen says it; the status line stays quiet"
        );
        assert_snapshot!(format!("resources_empty_{w}x{hh}"), h.screen());
        h.key(KeyCode::Esc);
        assert!(matches!(h.app.screen, Screen::Home(_)));
    }
}

#[test]
fn adding_a_person_to_meet_saves_it_with_who_offered_it() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char('n'));
    let form = view(&h).form.as_ref().expect("the form opens");
    assert_eq!(
        form.fields.current_key(),
        Some(FieldId::Title),
        "ready to type"
    );
    h.key(KeyCode::BackTab);
    // Book, link, course, person.
    h.keys(&[KeyCode::Right, KeyCode::Right, KeyCode::Right]);
    h.tab();
    h.type_text("Priya, platform lead");
    h.tab();
    h.type_text("Sam introduces us by email");
    h.tab();
    h.tab();
    h.tab();
    h.type_text("Ask about moving into a platform team");
    assert_snapshot!("resources_form_80x24", h.screen());
    h.enter();
    assert!(view(&h).form.is_none(), "{}", h.text());
    assert_eq!(status(&h), "Saved: Priya, platform lead.");
    let saved = h.store.resources(rel.id, true).unwrap();
    assert_eq!(saved.len(), 1);
    let r = &saved[0];
    assert_eq!(r.kind, ResourceKind::Person);
    assert_eq!(r.detail, "Sam introduces us by email");
    assert_eq!(r.offered_by, Side::Other);
    assert_eq!(r.state, ResourceState::Suggested);
    assert_eq!(r.note, "Ask about moving into a platform team");
    assert!(!r.private);
    assert_snapshot!("resources_one_80x24", h.screen());
}

#[test]
fn the_list_and_the_form_fit_a_small_window() {
    let (store, _) = stocked();
    let mut h = harness(store, 40, 12);
    h.key(KeyCode::Char('o'));
    assert_snapshot!("resources_list_40x12", h.screen());
    h.key(KeyCode::Char('e'));
    assert_snapshot!("resources_form_40x12", h.screen());
    // Down to the private box: every field can be reached and shows.
    h.down(6);
    let text = h.text();
    assert!(text.contains("Private"), "{text}");
    assert_snapshot!("resources_form_40x12_private", text);
}

#[test]
fn the_list_shows_every_state_with_the_highlighted_details() {
    let (store, _) = stocked();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    let text = h.text();
    for words in [
        "Suggested (2)",
        "Done (1)",
        "Not useful (1)",
        "from Sam Rivera",
        "private",
    ] {
        assert!(text.contains(words), "{words} in:\n{text}");
    }
    assert_snapshot!("resources_list_80x24", h.screen());
}

#[test]
fn the_state_cycles_and_the_trash_can_be_undone() {
    let (store, rel) = stocked();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    let first = view(&h).selected().unwrap().clone();
    assert_eq!(first.state, ResourceState::Suggested);
    h.key(KeyCode::Char('s'));
    let read = h.store.resource(first.id).unwrap().unwrap();
    assert_eq!(read.state, ResourceState::Done);
    assert!(status(&h).contains("now done"), "{}", status(&h));
    assert_eq!(
        view(&h).selected().unwrap().id,
        first.id,
        "the cursor follows it"
    );
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    assert_eq!(
        h.store.resource(first.id).unwrap().unwrap().state,
        ResourceState::Suggested
    );
    h.key(KeyCode::Char('d'));
    assert_eq!(h.store.resource(first.id).unwrap(), None);
    assert!(status(&h).contains("u brings it back"), "{}", status(&h));
    assert_eq!(view(&h).resources.len(), 3);
    h.key(KeyCode::Char('u'));
    assert!(h.store.resource(first.id).unwrap().is_some());
    assert_eq!(h.store.resources(rel.id, true).unwrap().len(), 4);
    h.key(KeyCode::Char('u'));
    assert_eq!(status(&h), "Nothing was moved to the trash here.");
}

#[test]
fn a_missing_title_is_refused_with_what_to_write_and_nothing_typed_is_lost() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char('n'));
    h.tab();
    h.type_text("Rob Fitzpatrick");
    h.enter();
    let form = view(&h).form.as_ref().expect("still open");
    assert_eq!(
        form.fields.current_key(),
        Some(FieldId::Title),
        "back on the title"
    );
    assert_eq!(form.fields.string(FieldId::Detail), "Rob Fitzpatrick");
    assert!(status(&h).contains("the book's title"), "{}", status(&h));
    assert_snapshot!("resources_form_refused_80x24", h.screen());
    assert!(h.store.resources(rel.id, true).unwrap().is_empty());
    h.type_text("The Mom Test");
    h.enter();
    assert_eq!(h.store.resources(rel.id, true).unwrap().len(), 1);
}

#[test]
fn a_failed_save_keeps_the_form_and_says_what_to_do() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char('n'));
    h.type_text("Designing Data-Intensive Applications");
    h.store.simulate_fault(Fault::ReadOnly).unwrap();
    h.enter();
    let form = view(&h).form.as_ref().expect("the form stays");
    assert_eq!(
        form.fields.string(FieldId::Title),
        "Designing Data-Intensive Applications"
    );
    let s = status(&h);
    assert!(
        s.starts_with("Not saved:") && s.contains("still here"),
        "{s}"
    );
    h.store.simulate_fault(Fault::None).unwrap();
    h.enter();
    assert!(view(&h).form.is_none());
    assert_eq!(h.store.resources(rel.id, true).unwrap().len(), 1);
}

#[test]
fn leaving_a_changed_form_asks_first() {
    let (store, rel) = stocked();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Esc);
    assert!(
        matches!(h.app.screen, Screen::Home(_)),
        "Esc leaves the list"
    );
    h.key(KeyCode::Char('o'));
    h.enter();
    h.key(KeyCode::Esc);
    assert!(view(&h).form.is_none(), "an unchanged form just closes");
    h.enter();
    h.tab();
    h.type_text(" (2nd edition)");
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_some(), "a changed form asks");
    h.key(KeyCode::Char('n'));
    let form = view(&h).form.as_ref().expect("kept editing");
    assert!(
        form.fields
            .string(FieldId::Title)
            .ends_with("(2nd edition)")
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('y'));
    assert!(view(&h).form.is_none());
    let titles: Vec<String> = h
        .store
        .resources(rel.id, true)
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert!(
        titles.iter().all(|t| !t.contains("2nd edition")),
        "{titles:?}"
    );
}

#[test]
fn a_private_resource_says_where_it_stays_out() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char('n'));
    h.type_text("Salary bands");
    h.down(5);
    h.key(KeyCode::Char(' '));
    h.enter();
    assert!(
        status(&h).contains("stays out of pair review"),
        "{}",
        status(&h)
    );
    assert!(h.store.resources(rel.id, true).unwrap()[0].private);
    assert!(h.store.resources(rel.id, false).unwrap().is_empty());
}

#[test]
fn search_opens_a_resource_on_its_row() {
    let (store, _) = stocked();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('/'));
    h.type_text("fitzpatrick");
    let text = h.text();
    assert!(text.contains("resource"), "{text}");
    h.enter();
    let v = view(&h);
    assert_eq!(v.selected().unwrap().title, "The Mom Test");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn prep_lists_the_suggestions_waiting_and_pair_review_only_shared_ones() {
    let (store, _) = stocked();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('b'));
    for _ in 0..4 {
        h.key(KeyCode::Down);
    }
    let text = h.text();
    assert!(text.contains("Resources to follow up"), "{text}");
    assert!(text.contains("Priya, platform lead"), "{text}");
    assert!(
        !text.contains("The Mom Test"),
        "done ones are not waiting:\n{text}"
    );
    assert_snapshot!("resources_prep_80x24", text);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('R'));
    let text = h.text();
    assert!(text.contains("Resources and introductions"), "{text}");
    assert!(text.contains("The Mom Test"), "{text}");
    assert!(!text.contains("Salary bands"), "{text}");
    assert!(text.contains("1 private resource not shown."), "{text}");
    assert_snapshot!("resources_review_80x24", h.screen());
}

#[test]
fn prep_in_a_small_window_scrolls_to_the_waiting_suggestions() {
    let (store, _) = stocked();
    let mut h = harness(store, 40, 12);
    h.key(KeyCode::Char('b'));
    h.down(8);
    let text = h.text();
    assert!(text.contains("Resources to follow up"), "{text}");
    assert!(text.contains("Priya"), "{text}");
    assert_snapshot!("resources_prep_40x12", h.screen());
}

#[test]
fn pair_review_in_a_small_window_scrolls_to_the_shared_resources() {
    let (store, _) = stocked();
    let mut h = harness(store, 40, 12);
    h.key(KeyCode::Char('R'));
    // Past "Agreement and reality" and the goals.
    h.down(11);
    let text = h.text();
    assert!(text.contains("Resources and"), "{text}");
    assert!(!text.contains("Salary"), "{text}");
    assert_snapshot!("resources_review_40x12", h.screen());
}

#[test]
fn an_unsaved_resource_survives_a_restart_and_opens_again() {
    let (store, rel) = journal();
    let mut h = harness(store, 80, 24);
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Char('n'));
    h.type_text("Staff Engineer");
    h.tab();
    h.type_text("Will Larson");
    h.action(mentorlog::app::Action::Tick);
    h.ctrl('c');
    let farewell = h.app.farewell.clone().unwrap_or_default();
    assert!(farewell.contains("kept as a draft"), "{farewell}");
    // As after a crash: the journal holds the draft, nothing was saved.
    assert!(h.store.resources(rel.id, true).unwrap().is_empty());
    let mut h = h.restart();
    h.key(KeyCode::Char('o'));
    let form = view(&h)
        .form
        .as_ref()
        .expect("the unsaved resource is back");
    assert_eq!(form.fields.string(FieldId::Title), "Staff Engineer");
    assert_eq!(form.fields.string(FieldId::Detail), "Will Larson");
    assert!(
        status(&h).contains("unsaved resource was kept"),
        "{}",
        status(&h)
    );
    h.enter();
    let saved = h.store.resources(rel.id, true).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].detail, "Will Larson");
    // Saved, the draft is gone: the next visit opens the list.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('o'));
    assert!(view(&h).form.is_none());
}
