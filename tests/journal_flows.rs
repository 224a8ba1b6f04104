//! Writing the journal on TestBackend: meetings with action items, reflections from prompts,
//! editing, the trash, carrying items forward, filters, drafts, faults and hostile text.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{Harness, fixed_now};
use crossterm::event::{KeyCode, KeyModifiers};
use insta::assert_snapshot;
use mentorlog::app::fields::FieldId;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{
    ActionItem, Meeting, Owner, Reflection, Relationship, RelationshipStatus, Role,
};
use mentorlog::store::{EntryKind, Fault, Store, TimelineFilter};

fn t0() -> DateTime<Utc> {
    "2026-11-10T09:00:00Z".parse().unwrap()
}

fn relationship(store: &mut Store, name: &str) -> Relationship {
    let mut rel = Relationship::new_draft(t0());
    rel.my_role = Some(Role::Mentee);
    rel.other_name = name.into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(t0().date_naive());
    rel.topics = vec!["career".into()];
    store.save_relationship(&rel, t0()).unwrap();
    rel
}

/// A journal with a profile and one relationship with Sam Rivera.
fn journal() -> (Store, Relationship) {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", t0()).unwrap();
    let rel = relationship(&mut store, "Sam Rivera");
    (store, rel)
}

fn on_screen(h: &mut Harness, what: &str) {
    let text = h.text();
    assert!(
        text.contains(what),
        "{what:?} is not on the screen:\n{text}"
    );
}

fn all_entries(store: &Store) -> Vec<mentorlog::store::TimelineEntry> {
    let filter = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    store.timeline_page(&filter, None, 1000).unwrap()
}

/// Tabs from the current field to the one labelled `label`.
fn tab_to(h: &mut Harness, key: FieldId) {
    for _ in 0..40 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form.fields.current().is_some_and(|f| f.key == key)
        {
            return;
        }
        h.tab();
    }
    panic!("no field {key:?} in the form");
}

fn save(h: &mut Harness) {
    h.ctrl('s');
}

#[test]
fn a_new_meeting_with_action_items() {
    let (store, rel) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('m'));
    assert_snapshot!("meeting_new_empty", h.screen());
    tab_to(&mut h, FieldId::When);
    h.ctrl('u');
    h.type_text("yesterday 15:00");
    h.tab();
    h.type_text("45");
    tab_to(&mut h, FieldId::ReachedOut);
    h.key(KeyCode::Left); // Sam reached out (the last choice)
    tab_to(&mut h, FieldId::Topics);
    h.type_text("career, salary");
    h.tab();
    h.type_text("CV review");
    h.tab();
    h.type_text("Went through the CV line by line. The research years read as a gap; reframe them as discovery work. #cv");
    h.key_with(KeyCode::Enter, KeyModifiers::NONE);
    h.type_text("Next: the cover letter.");
    h.tab();
    h.type_text("Rewrite the summary");
    tab_to(&mut h, FieldId::ActionText(0));
    h.type_text("Send the CV to Sam");
    h.tab();
    h.key(KeyCode::Right); // owner: Sam
    h.tab();
    h.type_text("fri");
    h.tab();
    h.type_text("Ask about the on-call rota");
    tab_to(&mut h, FieldId::Useful);
    h.key(KeyCode::Left); // 4 · very useful
    tab_to(&mut h, FieldId::NextMeeting);
    h.type_text("+2w");
    assert_snapshot!("meeting_filled", h.screen());
    save(&mut h);
    assert_snapshot!("meeting_saved_view", h.screen());

    let entries = all_entries(&h.store);
    assert_eq!(entries.len(), 1);
    let m = h.store.meeting(entries[0].id).unwrap().unwrap();
    assert_eq!(m.relationship_id, rel.id);
    assert_eq!(m.duration_minutes, Some(45));
    assert_eq!(m.topics, ["career", "salary"]);
    assert_eq!(m.usefulness, Some(4));
    assert_eq!(m.next_meeting_on, NaiveDate::from_ymd_opt(2026, 12, 6));
    assert!(
        m.notes
            .contains("discovery work. #cv\nNext: the cover letter.")
    );
    assert!(!m.private, "meetings are shared by default");
    assert_eq!(m.reached_out, Some(mentorlog::domain::Side::Other));
    let items = h.store.meeting_action_items(m.id).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0].text.as_str(), items[0].owner, items[0].due_on),
        (
            "Send the CV to Sam",
            Owner::Them,
            NaiveDate::from_ymd_opt(2026, 11, 27)
        )
    );
    assert_eq!((items[1].owner, items[1].due_on), (Owner::Me, None));
    assert!(
        h.store
            .draft(&format!("entry:meeting:{}", m.id))
            .unwrap()
            .is_none(),
        "saving removes the draft"
    );
}

/// A date field's example is counted from the app's clock, so it is never a day gone by;
/// once something is typed it moves under the field instead of beside the text.
#[test]
fn date_hints_count_from_today_and_step_aside_for_typed_text() {
    use chrono::TimeZone;
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.app.now = chrono::Local.with_ymd_and_hms(2031, 3, 3, 9, 0, 0).unwrap();
    h.key(KeyCode::Char('m'));
    on_screen(&mut h, "Next meeting   fri, +2w, 2031-03-17");
    tab_to(&mut h, FieldId::NextMeeting);
    h.type_text("+2w");
    let text = h.text();
    let line = text
        .lines()
        .find(|l| l.contains("Next meeting"))
        .expect("the field shows");
    assert!(!line.contains("fri,"), "no hint beside the text: {line}");
    on_screen(&mut h, "                fri, +2w, 2031-03-17");
    // A refused date says what to type in one short sentence, with a day still to come.
    h.ctrl('u');
    h.type_text("soonish");
    h.tab();
    on_screen(
        &mut h,
        "\"soonish\" is not a date: try tomorrow, fri, +2w or 2031-03-17.",
    );
}

#[test]
fn invalid_dates_are_refused_in_place_and_nothing_is_lost() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('m'));
    h.tab();
    h.ctrl('u');
    h.type_text("32nd of never");
    h.tab();
    on_screen(&mut h, "\"32nd of never\" is not a date");
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still in the form")
    };
    assert_eq!(
        w.form.fields.current().unwrap().key,
        FieldId::When,
        "the cursor stays"
    );
    assert_eq!(
        w.form.fields.string(FieldId::When),
        "32nd of never",
        "the text stays"
    );
    assert_snapshot!("meeting_bad_date", h.screen());
    // Saving with a bad date is refused the same way.
    h.ctrl('u');
    h.type_text("tomorrow");
    save(&mut h);
    on_screen(&mut h, "is in the future");
    assert!(all_entries(&h.store).is_empty());
    h.ctrl('u');
    h.type_text("today");
    save(&mut h);
    assert_eq!(all_entries(&h.store).len(), 1);
}

#[test]
fn a_reflection_from_a_prompt_is_private_and_tagged() {
    let (store, rel) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    let prompt = match &h.app.screen {
        Screen::Entry(w) => w.form.prompt.clone(),
        _ => panic!("the reflection form opens"),
    };
    // Ctrl-P offers a different prompt.
    h.ctrl('p');
    let second = match &h.app.screen {
        Screen::Entry(w) => w.form.prompt.clone(),
        _ => unreachable!(),
    };
    assert_ne!(prompt, second);
    // Make the snapshot independent of the start-up turn: cycle to a known prompt.
    for _ in 0..40 {
        if let Screen::Entry(w) = &h.app.screen
            && w.form.prompt.as_deref() == Some("avoiding")
        {
            break;
        }
        h.ctrl('p');
    }
    assert_snapshot!("reflection_new", h.screen());
    h.type_text("The salary question. I keep waiting for the right moment #career");
    tab_to(&mut h, FieldId::Tags);
    h.type_text("money, #Courage");
    h.tab();
    h.key(KeyCode::Char(' ')); // bring it up
    assert_snapshot!("reflection_filled", h.screen());
    save(&mut h);
    assert_snapshot!("reflection_saved_view", h.screen());
    let id = all_entries(&h.store)[0].id;
    let r = h.store.reflection(id).unwrap().unwrap();
    assert_eq!(r.prompt_id.as_deref(), Some("avoiding"));
    assert_eq!(r.relationship_id, Some(rel.id));
    assert_eq!(r.tags, ["career", "money", "courage"]);
    assert!(r.private && r.bring_up);
}

#[test]
fn an_empty_reflection_is_not_saved_and_esc_leaves_quietly() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    save(&mut h);
    on_screen(&mut h, "Write something first");
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none(), "nothing typed: no question");
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(all_entries(&h.store).is_empty());
}

fn meeting_with_items(
    store: &mut Store,
    rel: &Relationship,
    at: DateTime<Utc>,
    items: &[(&str, Owner, bool)],
) -> Meeting {
    let mut m = Meeting::new(rel.id, at, at);
    m.notes = "Talked through the plan for the quarter.".into();
    let items: Vec<ActionItem> = items
        .iter()
        .map(|(text, owner, done)| {
            let mut a = ActionItem::new(rel.id, text, *owner, at);
            a.due_on = Some(at.date_naive() + Duration::days(7));
            a.done_at = done.then_some(at);
            a
        })
        .collect();
    store.save_meeting(&m, &items, at).unwrap();
    m
}

#[test]
fn open_items_of_the_last_meeting_are_carried_forward() {
    let (mut store, rel) = journal();
    let last = meeting_with_items(
        &mut store,
        &rel,
        t0(),
        &[
            ("Draft the talk outline", Owner::Me, false),
            ("Introduce me to the platform team", Owner::Them, false),
            ("Read the onboarding doc", Owner::Me, true),
        ],
    );
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('m'));
    on_screen(&mut h, "2 open action items from the last meeting");
    tab_to(&mut h, FieldId::Carry(0));
    assert_snapshot!("meeting_carry_forward", h.screen());
    h.tab();
    h.key(KeyCode::Char(' ')); // untick the second: it stays with the last meeting
    save(&mut h);
    let new_id = all_entries(&h.store)[0].id;
    assert_ne!(new_id, last.id);
    let moved: Vec<String> = h
        .store
        .meeting_action_items(new_id)
        .unwrap()
        .into_iter()
        .map(|a| a.text)
        .collect();
    assert_eq!(moved, ["Draft the talk outline"]);
    let stayed: Vec<String> = h
        .store
        .meeting_action_items(last.id)
        .unwrap()
        .into_iter()
        .map(|a| a.text)
        .collect();
    assert_eq!(
        stayed,
        [
            "Introduce me to the platform team",
            "Read the onboarding doc"
        ]
    );
}

#[test]
fn editing_from_the_timeline_and_leaving_unsaved_asks() {
    let (mut store, rel) = journal();
    meeting_with_items(&mut store, &rel, t0(), &[("Send the CV", Owner::Me, false)]);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('e'));
    assert_snapshot!("meeting_edit", h.screen());
    tab_to(&mut h, FieldId::Notes);
    h.key(KeyCode::End);
    h.type_text(" Agreed to meet fortnightly.");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup().cloned(), Some(Popup::discard_entry()));
    h.key(KeyCode::Char('n'));
    assert!(h.app.popup().is_none());
    // Dropping an action item: empty its text.
    tab_to(&mut h, FieldId::ActionText(0));
    h.ctrl('u');
    save(&mut h);
    let id = all_entries(&h.store)[0].id;
    let m = h.store.meeting(id).unwrap().unwrap();
    assert!(
        m.notes.ends_with("quarter. Agreed to meet fortnightly."),
        "{}",
        m.notes
    );
    assert!(h.store.meeting_action_items(id).unwrap().is_empty());
    // Back to the timeline, where it came from.
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
}

#[test]
fn trash_undo_restore_and_empty() {
    let (mut store, rel) = journal();
    for i in 0..3 {
        let at = t0() - Duration::days(i);
        let mut r = Reflection::new(&format!("Entry number {i}"), at);
        r.relationship_id = Some(rel.id);
        store.save_reflection(&r, at).unwrap();
    }
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('d'));
    on_screen(&mut h, "Moved to the trash: u brings it back");
    assert_eq!(all_entries(&h.store).len(), 2);
    h.key(KeyCode::Char('u'));
    assert_eq!(all_entries(&h.store).len(), 3);
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('T'));
    assert_snapshot!("trash", h.screen());
    h.key(KeyCode::Enter); // restore the highlighted one
    assert_eq!(all_entries(&h.store).len(), 2);
    h.key(KeyCode::Char('E'));
    assert_eq!(h.app.popup().cloned(), Some(Popup::empty_trash(1)));
    assert_snapshot!("trash_empty_confirm", h.screen());
    h.key(KeyCode::Char('y'));
    on_screen(&mut h, "1 entry deleted for good");
    assert_eq!(h.store.trash_count().unwrap(), 0);
    h.key(KeyCode::Esc);
    assert!(matches!(&h.app.screen, Screen::Timeline(t) if !t.filter.trash));
    assert_eq!(all_entries(&h.store).len(), 2);
}

#[test]
fn filters_narrow_the_timeline() {
    let (mut store, sam) = journal();
    let kim = relationship(&mut store, "Kim Osei");
    for i in 0..12i64 {
        let at = t0() - Duration::days(i * 3);
        let rel = if i % 2 == 0 { &sam } else { &kim };
        if i % 3 == 0 {
            let mut m = Meeting::new(rel.id, at, at);
            m.notes = format!("Meeting {i} #plan");
            store.save_meeting(&m, &[], at).unwrap();
        } else {
            let mut r = Reflection::new(&format!("Reflection {i} #confidence"), at);
            r.relationship_id = Some(rel.id);
            r.private = i % 4 != 0;
            store.save_reflection(&r, at).unwrap();
        }
    }
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Right); // with: Kim Osei (names sorted)
    h.tab();
    h.key(KeyCode::Right);
    h.key(KeyCode::Right); // reflections
    h.tab();
    h.tab();
    h.type_text("#Confidence");
    h.tab();
    h.type_text("2026-10-20");
    assert_snapshot!("filter_panel", h.screen());
    h.enter();
    assert_snapshot!("filtered", h.screen());
    let Screen::Timeline(t) = &h.app.screen else {
        panic!("timeline")
    };
    assert_eq!(t.filter.relationship, Some(kim.id));
    // i odd (Kim), not a multiple of 3, on or after 2026-10-20 (i <= 7): 1, 5, 7.
    let shown: Vec<&str> = t.entries.iter().map(|e| e.preview.as_str()).collect();
    assert_eq!(
        shown,
        [
            "Reflection 1 #confidence",
            "Reflection 5 #confidence",
            "Reflection 7 #confidence"
        ]
    );
    // A bad date in the panel is refused and the panel stays open.
    h.key(KeyCode::Char('f'));
    tab_to_panel(&mut h, 5);
    h.type_text("someday");
    h.enter();
    on_screen(&mut h, "\"someday\" is not a date");
    assert!(matches!(&h.app.screen, Screen::Timeline(t) if t.panel.is_some()));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('x'));
    let Screen::Timeline(t) = &h.app.screen else {
        panic!("timeline")
    };
    assert_eq!(t.entries.len(), 12);
}

fn tab_to_panel(h: &mut Harness, index: usize) {
    for _ in 0..index {
        h.tab();
    }
}

#[test]
fn the_action_items_screen_groups_by_owner_and_ticks_items_done() {
    let (mut store, rel) = journal();
    let at = fixed_now().with_timezone(&Utc) - Duration::days(10);
    meeting_with_items(
        &mut store,
        &rel,
        at,
        &[
            ("Draft the talk outline", Owner::Me, false),
            ("Introduce me to the platform team", Owner::Them, false),
            ("Pick a date for the mock interview", Owner::Both, false),
        ],
    );
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('a'));
    assert_snapshot!("action_items", h.screen());
    on_screen(&mut h, "3 open · 3 overdue");
    h.key(KeyCode::Char(' '));
    on_screen(&mut h, "Done: Draft the talk outline");
    assert_eq!(h.store.open_action_items().unwrap().len(), 2);
    h.key(KeyCode::Char(' '));
    assert_eq!(
        h.store.open_action_items().unwrap().len(),
        3,
        "Space again opens it again"
    );
    h.key(KeyCode::Enter);
    assert!(matches!(&h.app.screen, Screen::View(v) if v.kind == EntryKind::Meeting));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Actions(_)));
}

#[test]
fn a_draft_left_by_a_crash_is_offered_on_the_next_start() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    h.type_text("Half a thought about the offer");
    h.action(Action::Tick); // the autosave that runs every two seconds
    // A crash: the app goes away without saving; the journal stays.
    let mut h = h.restart();
    assert!(matches!(h.app.popup(), Some(Popup::ResumeDraft { .. })));
    assert_snapshot!("draft_offered", h.screen());
    h.key(KeyCode::Char('r'));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the form is back")
    };
    assert_eq!(
        w.form.fields.string(FieldId::Body),
        "Half a thought about the offer"
    );
    h.type_text(", and the timing.");
    save(&mut h);
    let id = all_entries(&h.store)[0].id;
    assert_eq!(
        h.store.reflection(id).unwrap().unwrap().body,
        "Half a thought about the offer, and the timing."
    );
    assert!(h.store.drafts_with_prefix("entry:").unwrap().is_empty());

    // Discarding one removes it; "later" keeps it for the next start.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('m'));
    h.tab();
    h.tab();
    h.type_text("30");
    h.action(Action::Tick);
    let mut h = h.restart();
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none());
    assert_eq!(h.store.drafts_with_prefix("entry:").unwrap().len(), 1);
    let mut h = h.restart();
    h.key(KeyCode::Char('d'));
    assert!(h.store.drafts_with_prefix("entry:").unwrap().is_empty());
}

/// Who reached out is part of a meeting's draft, and the other person's choice carries the
/// name of whoever the draft is with (Kim, though the form opened with Sam).
#[test]
fn a_meeting_draft_keeps_who_reached_out() {
    let (mut store, _) = journal();
    relationship(&mut store, "Kim Lee");
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('m'));
    tab_to(&mut h, FieldId::With);
    h.key(KeyCode::Right); // Kim Lee
    tab_to(&mut h, FieldId::ReachedOut);
    h.key(KeyCode::Left); // the other person
    on_screen(&mut h, "Reached out    ‹ Kim Lee ›");
    h.action(Action::Tick);
    let mut h = h.restart();
    h.key(KeyCode::Char('r'));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the form is back")
    };
    assert_eq!(w.form.fields.string(FieldId::ReachedOut), "other");
    assert!(matches!(
        w.form.fields.get(FieldId::ReachedOut),
        Some(mentorlog::app::fields::Value::Pick { options, at: 2 }) if options[2].1 == "Kim Lee"
    ));
    save(&mut h);
    let m = h
        .store
        .meeting(all_entries(&h.store)[0].id)
        .unwrap()
        .unwrap();
    assert_eq!(m.reached_out, Some(mentorlog::domain::Side::Other));
    // Opened again to edit, the form says so; "not said" stays not said.
    let content = mentorlog::content::Content::get();
    let today = h.app.now.date_naive();
    let form = mentorlog::app::entry::EntryForm::edit_meeting(&h.store, &m, today, content);
    assert_eq!(form.unwrap().fields.string(FieldId::ReachedOut), "other");
    let mut unsaid = m.clone();
    unsaid.reached_out = None;
    let form = mentorlog::app::entry::EntryForm::edit_meeting(&h.store, &unsaid, today, content);
    assert_eq!(form.unwrap().fields.string(FieldId::ReachedOut), "");
}

#[test]
fn a_full_disk_or_read_only_journal_keeps_the_text() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    let long = "A long entry that needs new pages. ".repeat(400);
    h.paste(&long);
    h.store.simulate_fault(Fault::DiskFull).unwrap();
    save(&mut h);
    on_screen(&mut h, "Not saved: the disk is full");
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing")
    };
    assert_eq!(
        w.form.fields.string(FieldId::Body),
        long,
        "every character is still there"
    );
    h.store.simulate_fault(Fault::ReadOnly).unwrap();
    h.action(Action::Tick);
    save(&mut h);
    on_screen(&mut h, "Not saved: the journal is read-only");
    assert!(all_entries(&h.store).is_empty());
    h.store.simulate_fault(Fault::None).unwrap();
    save(&mut h);
    assert_eq!(
        h.store
            .reflection(all_entries(&h.store)[0].id)
            .unwrap()
            .unwrap()
            .body,
        long
    );
}

#[test]
fn hostile_text_is_stored_as_typed_but_drawn_harmless() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    let hostile = "clear\x1b[2J osc\x1b]52;c;aGk=\x07 c1\u{9b}31m bidi\u{202e}olleh end";
    h.paste(hostile);
    let text = h.text();
    assert!(!text.contains('\x1b') && !text.contains('\u{9b}') && !text.contains('\u{202e}'));
    save(&mut h);
    let text = h.text();
    assert!(
        !text.contains('\x1b') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains("clear\u{FFFD}[2J"));
    let id = all_entries(&h.store)[0].id;
    assert_eq!(h.store.reflection(id).unwrap().unwrap().body, hostile);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('t'));
    let text = h.text();
    assert!(!text.contains('\x1b') && !text.contains('\u{7}'), "{text}");
}

#[test]
fn a_huge_paste_is_refused_and_a_large_one_is_kept_whole() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    h.type_text("Keep me.");
    h.paste(&"x".repeat(5 * 1024 * 1024));
    on_screen(&mut h, "Not pasted: the text would be 5.0 MiB");
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing")
    };
    assert_eq!(w.form.fields.string(FieldId::Body), "Keep me.");
    let big = "word ".repeat(200_000); // 1,000,000 bytes: under the 1 MiB limit
    h.paste(&big);
    h.draw();
    save(&mut h);
    let id = all_entries(&h.store)[0].id;
    assert_eq!(
        h.store.reflection(id).unwrap().unwrap().body.len(),
        8 + big.len()
    );
}

#[test]
fn a_failed_external_editor_keeps_the_text_and_says_why() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    h.type_text("Written here");
    h.ctrl('g');
    assert_eq!(h.app.external.as_deref(), Some("Written here"));
    h.app.external = None;
    h.action(Action::ExternalEdited(Err(
        "\"false\" exited with code 1, so your text is unchanged.".into(),
    )));
    on_screen(&mut h, "exited with code 1");
    h.action(Action::ExternalEdited(Ok("Written in my editor\n".into())));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing")
    };
    assert_eq!(
        w.form.fields.string(FieldId::Body),
        "Written in my editor\n"
    );
    h.ctrl('_');
    let Screen::Entry(w) = &h.app.screen else {
        panic!("still writing")
    };
    assert_eq!(
        w.form.fields.string(FieldId::Body),
        "Written here",
        "the editor's change undoes"
    );
}

#[test]
fn narrow_screens() {
    let (mut store, rel) = journal();
    meeting_with_items(
        &mut store,
        &rel,
        t0(),
        &[("Send the CV", Owner::Them, false)],
    );
    let mut h = Harness::new(store, 40, 12);
    h.key(KeyCode::Char('m'));
    assert_snapshot!("narrow_meeting_form", h.screen());
    tab_to(&mut h, FieldId::Notes);
    h.type_text("Short notes on a narrow screen, long enough to wrap twice over.");
    assert_snapshot!("narrow_meeting_notes", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('r'));
    assert_snapshot!("narrow_reflection_form", h.screen());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('a'));
    assert_snapshot!("narrow_action_items", h.screen());
    h.key(KeyCode::Enter);
    assert_snapshot!("narrow_meeting_view", h.screen());
}

#[test]
fn an_unsaved_edit_of_a_saved_meeting_comes_back_after_a_crash() {
    let (mut store, rel) = journal();
    let m = meeting_with_items(&mut store, &rel, t0(), &[("Send the CV", Owner::Me, false)]);
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char('e'));
    tab_to(&mut h, FieldId::Outcomes);
    h.type_text("Two applications by Friday");
    tab_to(&mut h, FieldId::ActionText(1));
    h.type_text("Book the mock interview");
    h.action(Action::Tick);
    let mut h = h.restart();
    match h.app.popup() {
        Some(Popup::ResumeDraft { what, .. }) => assert_eq!(what, "meeting"),
        other => panic!("expected the draft to be offered, got {other:?}"),
    }
    h.key(KeyCode::Char('r'));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the form is back")
    };
    assert!(
        w.form.existing,
        "it is the saved meeting being edited, not a new one"
    );
    assert_eq!(
        w.form.fields.string(FieldId::ActionText(1)),
        "Book the mock interview"
    );
    save(&mut h);
    assert_eq!(all_entries(&h.store).len(), 1, "no duplicate");
    let saved = h.store.meeting(m.id).unwrap().unwrap();
    assert_eq!(saved.outcomes, "Two applications by Friday");
    let items: Vec<String> = h
        .store
        .meeting_action_items(m.id)
        .unwrap()
        .into_iter()
        .map(|a| a.text)
        .collect();
    assert_eq!(items, ["Send the CV", "Book the mock interview"]);
}

#[test]
fn discarding_one_draft_offers_the_next_and_later_keeps_it() {
    let (store, _) = journal();
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('r'));
    h.type_text("The first half-thought");
    h.action(Action::Tick);
    let mut h = h.restart();
    assert!(matches!(h.app.popup(), Some(Popup::ResumeDraft { .. })));
    h.key(KeyCode::Esc);
    assert!(h.app.popup().is_none(), "later closes the offer");
    assert_eq!(h.store.drafts_with_prefix("entry:").unwrap().len(), 1);
    // A second draft, then a crash: both are kept, the newest offered first.
    h.key(KeyCode::Char('r'));
    h.type_text("The second half-thought");
    h.action(Action::Tick);
    let mut h = h.restart();
    assert_eq!(h.store.drafts_with_prefix("entry:").unwrap().len(), 2);
    assert!(matches!(h.app.popup(), Some(Popup::ResumeDraft { .. })));
    h.key(KeyCode::Char('d'));
    assert_eq!(
        h.store.drafts_with_prefix("entry:").unwrap().len(),
        1,
        "d discards the one offered"
    );
    match h.app.popup() {
        Some(Popup::ResumeDraft { what, .. }) => assert_eq!(what, "reflection"),
        other => panic!("the next draft is offered, got {other:?}"),
    }
    assert_eq!(h.app.popups.len(), 1, "one offer at a time");
    let left = h.store.drafts_with_prefix("entry:").unwrap()[0]
        .body
        .clone();
    h.key(KeyCode::Char('r'));
    let Screen::Entry(w) = &h.app.screen else {
        panic!("the remaining draft is back")
    };
    let body = w.form.fields.string(FieldId::Body);
    assert!(body.ends_with("half-thought"), "{body}");
    assert!(left.contains(&body), "the one not discarded is resumed");
}
