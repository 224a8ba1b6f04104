//! The walk-through and the screens after it, driven by key events on TestBackend, with a
//! snapshot of every step. Snapshots are what a person sees: review them when they change.

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use mentorlog::app::{Action, Popup, Screen};
use mentorlog::domain::{
    AnswerValue, Cadence, CadenceUnit, Duties, Initiator, MonthlyHours, PlannedDuration,
    RelationshipStatus, Role, Who,
};

/// Walks from the welcome screen to the review page as a mentee, snapshotting each step
/// when `snap` is set.
fn walk_to_review(h: &mut Harness, snap: bool) {
    let shot = |h: &mut Harness, name: &str| {
        if snap {
            assert_snapshot!(name, h.screen());
        }
    };
    shot(h, "01_welcome");
    h.enter();
    shot(h, "02_name");
    h.enter();
    shot(h, "02b_name_is_required");
    h.type_text("Ada Lovelace");
    h.enter();
    shot(h, "03_role");
    h.enter(); // the highlighted first choice: mentee
    shot(h, "04_other_person");
    h.type_text("Sam Rivera");
    h.enter();
    shot(h, "05_model");
    h.down(1);
    h.enter(); // informal
    shot(h, "06_topics");
    h.key(KeyCode::Char(' '));
    h.down(2);
    h.key(KeyCode::Char(' '));
    h.enter();
    shot(h, "07_focus");
    h.type_text("Moving from research into a product engineering role, without losing touch with the science.");
    h.tab(); // Enter would start a new line in a long answer
    shot(h, "08_intended_result");
    h.key(KeyCode::Char(' '));
    h.down(1);
    h.key(KeyCode::Char(' '));
    h.down(7);
    h.type_text("a conference talk");
    h.enter();
    shot(h, "08b_support");
    h.key(KeyCode::Char(' ')); // career guidance
    h.down(4);
    h.key(KeyCode::Char(' ')); // introductions
    h.enter();
    shot(h, "09_time");
    h.type_text("4x");
    h.enter();
    shot(h, "09b_time_refuses_letters");
    h.keys(&[KeyCode::Backspace, KeyCode::Backspace]);
    h.type_text("about 4");
    h.down(1);
    h.type_text("2");
    h.enter();
    shot(h, "10_duration");
    h.down(1);
    h.enter(); // 6 months
    shot(h, "11_contact");
    h.down(1);
    h.key(KeyCode::Char(' ')); // Sam reaches out
    h.down(2);
    h.type_text("2");
    h.down(2);
    h.key(KeyCode::Char(' ')); // weeks
    h.enter();
    shot(h, "11b_between");
    h.down(1);
    h.enter(); // a few times a month
    shot(h, "12_response");
    h.down(1);
    h.enter(); // within two days
    shot(h, "13_medium");
    h.down(1);
    h.key(KeyCode::Char(' '));
    h.down(1);
    h.key(KeyCode::Char(' '));
    h.enter();
    h.down(1);
    h.enter(); // Sam books the meetings; Enter goes on to the next part, not the next step
    h.enter(); // I set the agenda
    h.down(2);
    h.key(KeyCode::Char(' ')); // both of us take notes
    shot(h, "13b_duties");
    h.tab(); // goals left open
    shot(h, "13c_learning");
    h.key(KeyCode::Char(' ')); // by trying it out
    h.down(2);
    h.key(KeyCode::Char(' ')); // by talking it through
    h.enter();
    shot(h, "14_mentee_hopes");
    h.type_text("A clear plan for the switch, and the confidence to ask for it.");
    h.tab(); // Enter would start a new line in a long answer
    shot(h, "15_mentee_fit");
    h.tab();
    shot(h, "16_mentee_effort_needed");
    h.tab();
    shot(h, "17_mentee_effort_willing");
    h.tab();
    shot(h, "18_boundaries");
    h.type_text("What we discuss stays between us. No calls after 8pm.");
    h.tab(); // Enter would start a new line in a long answer
    shot(h, "19_review");
}

fn walk(h: &mut Harness) -> &mentorlog::app::walkthrough::Walkthrough {
    match &h.app.screen {
        Screen::Onboarding(w) => w,
        other => panic!("expected the walk-through, got {other:?}"),
    }
}

#[test]
fn the_whole_walk_through_as_a_mentee() {
    let mut h = Harness::in_memory(80, 24);
    walk_to_review(&mut h, true);
    let rel_id = walk(&mut h).relationship.id;

    // Everything was saved as it was given, before the agreement is confirmed.
    let a = h.store.agreement(rel_id).unwrap();
    assert_eq!(
        a.get("time"),
        Some(&AnswerValue::TimeEach {
            mine: Some(MonthlyHours {
                hours: 4,
                about: true
            }),
            theirs: Some(MonthlyHours {
                hours: 2,
                about: false
            }),
        }),
        "\"4x\" was refused; \"about 4\" is kept as a guess"
    );
    assert_eq!(
        a.get("support"),
        Some(&AnswerValue::Outcomes {
            picked: vec!["career guidance".into(), "introductions".into()],
            other: String::new(),
        })
    );
    assert_eq!(
        a.get("between"),
        Some(&AnswerValue::Pick {
            picked: "a few times a month".into()
        })
    );
    assert_eq!(
        a.get("duties"),
        Some(&AnswerValue::Duties {
            duties: Duties {
                book_meetings: Some(Who::Them),
                set_agenda: Some(Who::Me),
                take_notes: Some(Who::Both),
                track_goals: None,
            }
        })
    );
    match a.get("learning") {
        Some(AnswerValue::Outcomes { picked, .. }) => {
            assert_eq!(picked, &["by trying it out", "by talking it through"]);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        a.get("contact"),
        Some(&AnswerValue::Contact {
            initiator: Some(Initiator::Them),
            cadence: Some(Cadence {
                every: 2,
                unit: CadenceUnit::Weeks
            }),
        })
    );
    assert_eq!(
        a.get("duration"),
        Some(&AnswerValue::Duration {
            plan: PlannedDuration::Months { months: 6 }
        })
    );
    assert!(a.answers["mentee_hopes"].private);
    assert!(!a.answers["boundaries"].private);
    match a.get("intended_result") {
        Some(AnswerValue::Outcomes { picked, other }) => {
            assert_eq!(picked.len(), 2);
            assert_eq!(other, "a conference talk");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(h.store.profile().unwrap().unwrap().name, "Ada Lovelace");

    h.ctrl('s');
    assert_snapshot!("20_home", h.screen());
    let rel = h.store.relationship(rel_id).unwrap().unwrap();
    assert_eq!(rel.status, RelationshipStatus::Active);
    assert_eq!(rel.my_role, Some(Role::Mentee));
    assert_eq!(rel.agreed_on, Some(common::fixed_now().date_naive()));
    assert_eq!(rel.topics.len(), 2);
    assert!(
        h.store
            .drafts_with_prefix("walkthrough:")
            .unwrap()
            .is_empty()
    );

    h.enter();
    assert_snapshot!("21_agreement", h.screen());
}

/// "step N of M" never changes its M under the person: the count shows once the role (which
/// decides the questions) is chosen, and then only grows with the step.
#[test]
fn the_step_count_stays_steady_through_the_walk() {
    let mut h = Harness::in_memory(80, 24);
    let progress = |h: &mut Harness| {
        let header = h.header();
        let at = header.find("step ").expect("a step in the header");
        header[at..].trim().to_string()
    };
    let mut seen = vec![progress(&mut h)];
    h.enter();
    seen.push(progress(&mut h));
    h.type_text("Grace");
    h.enter();
    seen.push(progress(&mut h));
    h.down(1);
    h.enter(); // mentor: one question more than a mentee's path
    seen.push(progress(&mut h));
    h.type_text("Kim");
    h.enter();
    for _ in 0..20 {
        seen.push(progress(&mut h));
        h.tab();
    }
    seen.push(progress(&mut h));
    assert_snapshot!("step_count_sequence", seen.join("\n"));
    let totals: Vec<&str> = seen.iter().filter_map(|s| s.split(" of ").nth(1)).collect();
    assert!(
        totals.iter().all(|t| *t == "24"),
        "one total once shown: {seen:?}"
    );
}

#[test]
fn a_mentor_gets_the_mentors_five_questions() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Grace");
    h.enter();
    h.down(1);
    h.enter(); // mentor
    assert!(h.header().contains("step 4 of 24"), "{}", h.header());
    h.type_text("Kim");
    h.enter();
    for _ in 0..13 {
        h.tab();
    }
    assert_snapshot!("mentor_first_own_question", h.screen());
    let ids: Vec<String> = walk(&mut h)
        .steps
        .iter()
        .filter_map(|s| match s {
            mentorlog::app::steps::Step::Question(id) if id.starts_with("mentor_") => {
                Some(id.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(walk(&mut h).steps.iter().all(
        |s| !matches!(s, mentorlog::app::steps::Step::Question(id) if id.starts_with("mentee_"))
    ));
}

#[test]
fn going_back_keeps_what_was_typed() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.enter();
    h.type_text("Sam");
    h.enter();
    h.tab();
    h.tab();
    h.type_text("Career change");
    h.key(KeyCode::Esc); // back to topics: the focus text is kept
    assert!(h.header().contains("step 6 of 23"));
    h.key(KeyCode::BackTab);
    h.key(KeyCode::BackTab);
    assert!(
        h.text().contains("Sam"),
        "the other person's name is shown again:\n{}",
        h.text()
    );
    h.tab();
    h.tab();
    h.tab();
    assert!(h.header().contains("step 7 of 23"));
    assert!(h.text().contains("Career change"), "{}", h.text());
    // Going back from an invalid answer keeps it as a draft instead of losing it.
    h.tab();
    h.tab();
    h.tab();
    h.tab();
    h.down(6);
    h.type_text("2027-13");
    h.key(KeyCode::Esc);
    h.tab();
    assert!(h.text().contains("2027-13"), "{}", h.text());
    h.enter();
    assert!(h.text().contains("is not a date"), "{}", h.text());
    assert_snapshot!("duration_bad_date", h.screen());
}

#[test]
fn changing_an_answer_from_the_review_page() {
    let mut h = Harness::in_memory(80, 24);
    walk_to_review(&mut h, false);
    // Rows: name, role, other, model, topics, focus, result, support, time, duration,
    // contact, ...
    h.down(10);
    h.enter();
    assert!(h.header().contains("step 12 of 23"), "{}", h.header());
    assert_snapshot!("review_revisit_contact", h.screen());
    h.keys(&[
        KeyCode::Up,
        KeyCode::Up,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Down,
    ]);
    h.key(KeyCode::Char(' ')); // either of us
    h.enter();
    assert!(
        h.header().contains("step 23 of 23"),
        "Enter returns to the review page"
    );
    assert!(
        h.text().contains("either of us reaches out, every 2 weeks"),
        "{}",
        h.text()
    );
    // The review page can also change a required answer, and refuses to save without it.
    h.keys(&[KeyCode::PageUp, KeyCode::Down, KeyCode::Down]);
    h.enter();
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.enter();
    assert!(
        h.text().contains("Type the other person's name"),
        "{}",
        h.text()
    );
    h.type_text("Sam R.");
    h.enter();
    h.ctrl('s');
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.text().contains("Sam R."));
}

#[test]
fn quitting_midway_resumes_at_the_same_step_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.db");
    let mut h = Harness::new(mentorlog::store::Store::open(&path).unwrap(), 80, 24);
    walk_to_review(&mut h, false);
    for _ in 0..13 {
        h.key(KeyCode::Esc);
    }
    assert!(h.header().contains("step 10 of 23"), "{}", h.header());
    h.key(KeyCode::Backspace);
    h.type_text("6");
    h.ctrl('c');
    assert!(h.app.should_quit);
    assert_eq!(
        h.app.farewell.as_deref(),
        Some("Your answers are saved. Run mentorlog again to carry on at step 10 of 23.")
    );
    drop(h);

    let mut h = Harness::new(mentorlog::store::Store::open(&path).unwrap(), 80, 24);
    assert!(h.header().contains("step 10 of 23"), "{}", h.header());
    assert_snapshot!("resumed_at_time_step", h.screen());
    h.enter();
    let rel = walk(&mut h).relationship.id;
    assert_eq!(
        h.store.agreement(rel).unwrap().get("time"),
        Some(&AnswerValue::TimeEach {
            mine: Some(MonthlyHours {
                hours: 6,
                about: true
            }),
            theirs: Some(MonthlyHours {
                hours: 2,
                about: false
            }),
        })
    );
    assert!(
        h.store.agreement(rel).unwrap().get("boundaries").is_some(),
        "later answers survived"
    );
}

#[test]
fn a_second_relationship_skips_the_profile_steps_and_can_be_discarded() {
    let mut h = Harness::in_memory(80, 24);
    walk_to_review(&mut h, false);
    h.ctrl('s');
    h.key(KeyCode::Char('n'));
    // The role is not chosen yet, so how many questions follow is not known either.
    assert!(h.header().trim_end().ends_with("step 1"), "{}", h.header());
    assert_snapshot!("second_relationship_role", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup().cloned(), Some(Popup::discard_new()));
    assert_snapshot!("second_relationship_discard", h.screen());
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.store.latest_draft_relationship().unwrap().is_none());

    h.key(KeyCode::Char('n'));
    h.down(1);
    h.enter();
    h.type_text("Kim");
    h.enter();
    h.ctrl('c'); // leave it unfinished
    let mut h = h.restart();
    assert!(
        h.header().contains("step 3 of 22"),
        "resumes the unfinished one: {}",
        h.header()
    );
    for _ in 0..20 {
        h.tab();
    }
    h.ctrl('s');
    assert_snapshot!("home_two_relationships", h.screen());
    assert_eq!(h.store.relationships().unwrap().len(), 2);
}

#[test]
fn editing_an_agreed_answer_and_leaving_it_unsaved() {
    let mut h = Harness::in_memory(80, 24);
    walk_to_review(&mut h, false);
    h.ctrl('s');
    h.enter();
    h.down(4); // focus
    h.enter();
    assert_snapshot!("agreement_edit_focus", h.screen());
    h.type_text(" Also: q");
    h.ctrl('c');
    assert_eq!(h.app.popup().cloned(), Some(Popup::quit_unsaved()));
    assert_snapshot!("agreement_quit_unsaved", h.screen());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup(), None);
    h.action(Action::Tick);
    let rel = match &h.app.screen {
        Screen::Onboarding(w) => w.relationship.id,
        _ => unreachable!(),
    };

    // A crash now: the draft brings the change back on the next start.
    let mut h = h.restart();
    assert!(
        h.text().contains("Unsaved change to \"Focus\""),
        "{}",
        h.text()
    );
    assert!(h.text().contains("Also: q"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.popup().cloned(), Some(Popup::discard_edit()));
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Agreement(_)));
    match h.store.agreement(rel).unwrap().get("focus") {
        Some(AnswerValue::Text { text }) => assert!(!text.contains("Also")),
        other => panic!("{other:?}"),
    }
    assert!(
        h.store
            .drafts_with_prefix("walkthrough:")
            .unwrap()
            .is_empty()
    );

    // And a saved change is saved.
    h.enter();
    h.type_text(" Also: portfolio.");
    h.tab(); // Enter would start a new line in a long answer
    assert!(h.text().contains("Saved."));
    match h.store.agreement(rel).unwrap().get("focus") {
        Some(AnswerValue::Text { text }) => assert!(text.ends_with("Also: portfolio.")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn help_shows_the_keys_of_the_screen() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.key(KeyCode::Char('?'));
    assert_eq!(h.app.popup(), Some(&Popup::Help));
    assert_snapshot!("help_on_a_choice_step", h.screen());
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.popup(), None);
    h.enter();
    h.key(KeyCode::Char('?')); // typed: the cursor is in a text field
    assert_eq!(h.app.popup(), None);
    assert!(h.text().contains("?"));
    h.key(KeyCode::F(1));
    assert_eq!(h.app.popup(), Some(&Popup::Help));
}

#[test]
fn narrow_terminal_snapshots() {
    let mut h = Harness::in_memory(40, 12);
    assert_snapshot!("narrow_welcome", h.screen());
    h.enter();
    h.type_text("Ada");
    h.enter();
    assert_snapshot!("narrow_role", h.screen());
    h.enter();
    h.type_text("Sam");
    h.enter();
    h.tab();
    h.tab();
    h.type_text("A long answer that has to wrap over several lines in a narrow window.");
    assert_snapshot!("narrow_focus", h.screen());
    h.tab();
    h.tab();
    h.tab();
    h.tab();
    h.tab();
    h.down(2);
    assert_snapshot!("narrow_contact", h.screen());
    for _ in 0..14 {
        h.tab();
    }
    assert_snapshot!("narrow_review", h.screen());
    h.ctrl('s');
    assert_snapshot!("narrow_home", h.screen());
    h.resize(20, 5);
    assert_snapshot!("too_small", h.screen());
}

#[test]
fn paste_goes_into_the_field() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.paste("Ada\nLovelace");
    assert!(
        h.text().contains("Ada Lovelace"),
        "newlines fold into spaces in a name"
    );
    h.enter();
    h.paste("text");
    assert!(h.text().contains("Pasted text goes into a text field"));
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.paste("Eve\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{202e}");
    h.enter();
    let screen = h.text();
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!screen.contains(bad), "{bad:?} reached the screen");
    }
    assert!(screen.contains("Hi") || screen.contains("role"), "{screen}");
}

#[test]
fn without_colours_nothing_is_coloured_but_the_selection_still_shows() {
    use ratatui::style::{Color, Modifier};
    let settings = mentorlog::app::Settings {
        colors: false,
        ..mentorlog::app::Settings::default()
    };
    let mut h = Harness::with_settings(
        mentorlog::store::Store::open_in_memory().unwrap(),
        80,
        24,
        settings,
    );
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.draw();
    let buf = h.terminal.backend().buffer().clone();
    let mut reversed = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "a coloured cell: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "a coloured cell: {cell:?}");
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(
        reversed > 5,
        "the highlighted choice is shown in reverse video"
    );

    let mut coloured = Harness::in_memory(80, 24);
    coloured.enter();
    coloured.draw();
    assert!(
        coloured
            .terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset),
        "with colours on, something is coloured"
    );
}

#[test]
fn keys_from_the_config_replace_the_defaults() {
    let config = mentorlog::config::Config::parse(
        "[keys]\nquit = \"ctrl-q\"\nhelp = \"f2\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let settings = mentorlog::app::Settings::from_config(&config);
    let mut h = Harness::with_settings(
        mentorlog::store::Store::open_in_memory().unwrap(),
        80,
        24,
        settings,
    );
    h.enter();
    h.type_text("Ada");
    h.enter(); // the role step: a list, where plain keys are commands
    h.key(KeyCode::Char('q'));
    assert!(!h.app.should_quit, "q no longer quits");
    h.key(KeyCode::F(2));
    assert_eq!(h.app.popup(), Some(&Popup::Help));
    assert!(h.text().contains("F2"), "the help shows the configured key");
    h.key(KeyCode::Esc);
    assert!(
        h.text().contains("Ctrl-Q quit"),
        "the footer shows the configured key:\n{}",
        h.text()
    );
    h.ctrl('q');
    assert!(h.app.should_quit);
}
