//! The loop in tui.rs with a scripted event source on TestBackend: how it ends when the
//! terminal goes away, and how it redraws after a stop and continue.

mod common;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use chrono::{DateTime, Local};
use common::{Harness, fixed_now};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mentorlog::domain::{Relationship, RelationshipStatus, Role};
use mentorlog::store::Store;
use mentorlog::tui::{EventSource, Next, Stop, run};
use ratatui::backend::Backend;
use ratatui::buffer::Cell;

/// Hands out the scripted steps, then says the script has ended.
struct Script {
    steps: VecDeque<Step>,
    resumed: bool,
}

enum Step {
    Next(Next),
    /// The process was stopped and continued: `resumed()` says so once.
    Continued,
}

impl Script {
    fn new(steps: Vec<Step>) -> Script {
        Script {
            steps: steps.into(),
            resumed: false,
        }
    }
}

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Next> {
        match self.steps.pop_front() {
            Some(Step::Next(next)) => Ok(next),
            Some(Step::Continued) => {
                self.resumed = true;
                Ok(Next::Timeout)
            }
            None => Ok(Next::End),
        }
    }

    fn now(&mut self) -> DateTime<Local> {
        fixed_now()
    }

    fn resumed(&mut self) -> bool {
        std::mem::take(&mut self.resumed)
    }
}

fn key(c: char) -> Step {
    Step::Next(Next::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    ))))
}

fn typed(text: &str) -> Vec<Step> {
    text.chars().map(key).collect()
}

fn with_sam() -> Harness {
    let now = fixed_now().to_utc();
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", now).unwrap();
    let mut rel = Relationship::new_draft(now);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(now.date_naive());
    store.save_relationship(&rel, now).unwrap();
    Harness::new(store, 80, 24)
}

#[test]
fn the_terminal_going_away_ends_the_loop_with_the_draft_saved() {
    let mut h = with_sam();
    let mut steps = vec![key('r')];
    steps.extend(typed("Written as the window closed"));
    steps.push(Step::Next(Next::Gone));
    // Anything after the end of input is never read.
    steps.extend(typed(" and more"));
    let mut script = Script::new(steps);
    let stop = run(&mut h.terminal, &mut h.app, &mut h.store, &mut script).unwrap();
    assert_eq!(stop, Stop::TerminalGone);
    let drafts = h.store.drafts_with_prefix("").unwrap();
    assert!(
        drafts.iter().any(
            |d| d.body.contains("Written as the window closed") && !d.body.contains("and more")
        ),
        "{drafts:?}"
    );
}

#[test]
fn after_a_stop_and_continue_the_whole_screen_is_drawn_again() {
    let mut h = with_sam();
    // The first frame, then something else writes over the terminal while we are stopped.
    let mut script = Script::new(vec![Step::Next(Next::End)]);
    run(&mut h.terminal, &mut h.app, &mut h.store, &mut script).unwrap();
    h.app.should_quit = false;
    let junk = Cell::new("#");
    let cells: Vec<(u16, u16, &Cell)> = (0..80).map(|x| (x, 1, &junk)).collect();
    h.terminal.backend_mut().draw(cells.into_iter()).unwrap();

    let mut script = Script::new(vec![Step::Continued]);
    run(&mut h.terminal, &mut h.app, &mut h.store, &mut script).unwrap();
    let row: String = (0..80)
        .map(|x| h.terminal.backend().buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert!(!row.contains("####"), "the junk stayed: {row}");
    assert!(row.contains("relationship"), "{row}");
}
