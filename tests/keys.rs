//! The key table from the outside: every key of a screen is in its help, a key changed in
//! the config changes the help and the footer, a clash is refused at start, and letters on a
//! walk-through choice step are not commands.

mod common;

use std::fs;

use common::Harness;
use common::cli::{Env, stderr};
use crossterm::event::{KeyCode, KeyModifiers};
use mentorlog::app::{Popup, Screen, Settings};
use mentorlog::config::{Config, Context, Keys, default_clashes};

#[test]
fn every_key_of_a_context_is_in_its_help() {
    let keys = Keys::default();
    for context in Context::ALL {
        let help = keys.help(context);
        for row in keys.rows().iter().filter(|r| r.context == context) {
            assert!(
                !row.long.is_empty(),
                "{context:?} {:?} has no words",
                row.command
            );
            let Some(first) = row.labels().into_iter().next() else {
                continue;
            };
            assert!(
                help.iter().any(|(k, what)| what == row.long
                    && (k == &first
                        || k.starts_with(&format!("{first} "))
                        || k.ends_with(&format!(" {first}"))
                        || k.contains(&format!(" {first} ")))),
                "{context:?}: {first} ({}) is missing from {help:?}",
                row.long
            );
        }
    }
    // The two the issue names.
    let home = keys.help(Context::Home);
    assert!(
        home.iter()
            .any(|(k, what)| k == "c" && what.contains("check-in plan")),
        "{home:?}"
    );
    let footer = keys.footer(Context::DuePopup);
    assert!(
        footer.contains(&("n".to_string(), "next person".to_string())),
        "{footer:?}"
    );
}

#[test]
fn no_two_default_keys_clash_in_any_context() {
    assert_eq!(default_clashes(), Vec::<String>::new());
}

#[test]
fn a_changed_key_changes_the_help_and_the_footer() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _rel) = common::ada_with_sam(&dir.path().join("j.db"), common::cli::now());
    let config = Config::parse(
        "[keys]\nnew_meeting = \"w\"\ntimeline.trash = \"z\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let mut h = Harness::with_settings(store, 100, 30, Settings::from_config(&config));
    assert!(matches!(h.app.screen, Screen::Home(_)), "{}", h.text());
    let footer = h.text().lines().last().unwrap().to_string();
    assert!(
        footer.contains(" w meeting ") && !footer.contains(" m meeting"),
        "{footer}"
    );
    h.key(KeyCode::Char('?'));
    let help = h.text();
    assert!(
        help.contains(" w ") && help.contains("log a meeting with the highlighted person"),
        "{help}"
    );
    h.key(KeyCode::Esc);
    // m does nothing now; w logs a meeting.
    h.key(KeyCode::Char('m'));
    assert!(matches!(h.app.screen, Screen::Home(_)));
    h.key(KeyCode::Char('t'));
    assert!(matches!(h.app.screen, Screen::Timeline(_)));
    let footer = h.text().lines().last().unwrap().to_string();
    assert!(
        footer.contains(" z trash ") && footer.contains(" w meeting "),
        "{footer}"
    );
    h.key(KeyCode::Char('w'));
    assert!(matches!(h.app.screen, Screen::Entry(_)), "{}", h.text());
}

#[test]
fn a_clash_in_the_config_is_refused_at_start_with_the_line() {
    let env = Env::new();
    let cfg = env.path("config.toml");
    fs::write(
        &cfg,
        "colors = true\n\n[keys]\nquit = \"q\"\nnew_meeting = \"d\"\n",
    )
    .unwrap();
    for args in [vec!["config"], vec![]] {
        let a = env
            .cmd()
            .arg("--db")
            .arg(env.db())
            .arg("--config")
            .arg(&cfg)
            .args(&args)
            .assert()
            .code(2);
        let err = stderr(&a);
        assert!(err.contains(&cfg.display().to_string()), "{err}");
        assert!(
            err.contains("line 5, column 1: `d` is already 'move it to the trash' on the timeline; choose another key"),
            "{err}"
        );
    }
    assert!(
        !env.db().exists(),
        "a journal was created despite the bad config"
    );
}

#[test]
fn letters_on_a_choice_step_are_not_commands() {
    let mut h = Harness::in_memory(80, 24);
    h.enter();
    h.type_text("Ada");
    h.enter();
    // The role step: a list of choices, no text field.
    assert!(!h.app.typing(), "{}", h.text());
    let before = h.screen();
    h.type_text("quick");
    assert!(!h.app.should_quit, "the q of quick quit the app");
    assert_eq!(h.app.popup(), None);
    assert_eq!(h.screen(), before, "typing letters changed the step");
    // Space is the choice key; ? still opens the help.
    h.key(KeyCode::Char('?'));
    assert_eq!(h.app.popup(), Some(&Popup::Help));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char(' '));
    assert_ne!(h.screen(), before, "Space chose nothing");
    // Quit is Ctrl-C here.
    h.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.should_quit);
}

#[test]
fn a_quit_key_with_ctrl_works_on_a_choice_step() {
    let config = Config::parse(
        "[keys]\nquit = \"ctrl-q\"\n",
        std::path::Path::new("c.toml"),
    )
    .unwrap();
    let mut h = Harness::with_settings(
        mentorlog::store::Store::open_in_memory().unwrap(),
        80,
        24,
        Settings::from_config(&config),
    );
    h.enter();
    h.type_text("Ada");
    h.enter();
    h.key(KeyCode::Char('q'));
    assert!(!h.app.should_quit);
    assert!(h.text().contains("Ctrl-Q quit"), "{}", h.text());
    h.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert!(h.app.should_quit);
}

#[test]
fn the_help_wraps_long_words_instead_of_cutting_them() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _rel) = common::ada_with_sam(&dir.path().join("j.db"), common::cli::now());
    for (w, h) in [(60, 30), (100, 30)] {
        let mut harness = Harness::new(store_copy(&store), w, h);
        harness.key(KeyCode::Char('?'));
        let text = harness.text();
        assert!(!text.contains('…'), "{w}x{h}: a help line was cut:\n{text}");
        // The longest words end on a line of their own at 60 columns.
        assert!(text.contains("private entries"), "{text}");
        assert!(text.contains("hidden"), "{text}");
        assert!(text.contains("check-in plan"), "{text}");
    }
}

fn store_copy(store: &mentorlog::store::Store) -> mentorlog::store::Store {
    let path = store.path().expect("a file journal").to_path_buf();
    mentorlog::store::Store::open(&path).unwrap()
}

#[test]
fn lists_take_end_and_capital_g_to_the_last_row() {
    use mentorlog::app::Action;
    let dir = tempfile::tempdir().unwrap();
    let (store, _rel) = common::ada_with_sam(&dir.path().join("j.db"), common::cli::now());
    let mut h = Harness::new(store, 80, 24);
    h.key(KeyCode::Char('t'));
    for code in [KeyCode::End, KeyCode::Char('G')] {
        let key = crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(mentorlog::app::keymap::map(&h.app, key), Some(Action::Last));
    }
    for code in [KeyCode::PageDown, KeyCode::PageUp] {
        let key = crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
        assert!(mentorlog::app::keymap::map(&h.app, key).is_some());
    }
}

#[test]
fn a_rebound_yes_key_is_the_one_the_question_names() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _rel) = common::ada_with_sam(&dir.path().join("j.db"), common::cli::now());
    let config = Config::parse(
        "[keys]\nconfirm.yes = \"j\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let mut h = Harness::with_settings(store, 80, 24, Settings::from_config(&config));
    h.app.push_popup(Popup::empty_trash(2));
    let text = h.text();
    assert!(text.contains("│ j "), "{text}");
    assert!(!text.contains("│ y "), "{text}");
    assert!(
        text.contains("│ n ") && text.contains("│ Esc cancel"),
        "{text}"
    );
}

#[test]
fn a_key_the_text_fields_edit_with_is_refused() {
    let env = Env::new();
    let cfg = env.path("config.toml");
    fs::write(&cfg, "[keys]\n\nsave = \"ctrl-e\"\n").unwrap();
    let a = env
        .cmd()
        .arg("--db")
        .arg(env.db())
        .arg("--config")
        .arg(&cfg)
        .arg("config")
        .assert()
        .code(2);
    let err = stderr(&a);
    assert!(err.contains(&cfg.display().to_string()), "{err}");
    assert!(
        err.contains("line 3, column 1: `Ctrl-E` is already 'to the start / end of the line'"),
        "{err}"
    );
}

#[test]
fn a_help_taller_than_the_window_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _rel) = common::ada_with_sam(&dir.path().join("j.db"), common::cli::now());
    let mut h = Harness::new(store, 80, 12);
    h.key(KeyCode::Char('?'));
    let top = h.screen();
    assert!(top.contains("more below"), "{top}");
    insta::assert_snapshot!("help_80x12_top", top);
    h.key(KeyCode::Down);
    assert_eq!(h.app.popup(), Some(&Popup::Help), "↓ closed the help");
    assert_eq!(h.app.help_scroll, 1);
    h.key(KeyCode::PageDown);
    h.key(KeyCode::PageDown);
    h.key(KeyCode::PageDown);
    let bottom = h.screen();
    assert!(!bottom.contains("more below"), "{bottom}");
    assert!(
        bottom.contains("suspend"),
        "the last row is reachable: {bottom}"
    );
    insta::assert_snapshot!("help_80x12_bottom", bottom);
    h.key(KeyCode::PageUp);
    assert!(h.screen().contains("more below"));
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.popup(), None, "any other key closes it");
    // In a narrow window the mark is short enough to show whole, its count with it.
    h.resize(40, 12);
    h.key(KeyCode::Char('?'));
    let narrow = h.screen();
    let mark = narrow
        .lines()
        .find(|l| l.contains('↓') && l.contains("more"))
        .unwrap_or_else(|| panic!("a mark says more is below:\n{narrow}"));
    let inside = mark.trim_matches(|c: char| c == '"' || c.is_whitespace() || "┌└│┐┘".contains(c));
    assert!(
        inside.ends_with("more") || inside.ends_with("scroll)"),
        "the mark is whole, not cut at the border: {mark}"
    );
}
