//! Drives the real app with key events on ratatui's TestBackend.
#![allow(dead_code)]

pub mod both;
pub mod checkin_journal;
pub mod cli;
pub mod pty;
pub mod review_journal;
pub mod tmux;

use chrono::{DateTime, Local, TimeZone};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mentorlog::app::{Action, App, Settings, update};
use mentorlog::store::Store;
use mentorlog::{tui, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 10:00 local time on 22 November 2026: every flow runs at this moment.
pub fn fixed_now() -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    pub store: Store,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(store: Store, w: u16, h: u16) -> Harness {
        Harness::with_settings(store, w, h, Settings::default())
    }

    pub fn with_settings(mut store: Store, w: u16, h: u16, settings: Settings) -> Harness {
        let mut app = App::new(&mut store, fixed_now(), settings).expect("app starts");
        app.size = (w, h);
        Harness {
            app,
            store,
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
        }
    }

    pub fn in_memory(w: u16, h: u16) -> Harness {
        Harness::new(Store::open_in_memory().unwrap(), w, h)
    }

    /// Simulates quitting and starting again on the same journal.
    pub fn restart(self) -> Harness {
        let (w, h) = {
            let area = self.terminal.backend().buffer().area;
            (area.width, area.height)
        };
        Harness::new(self.store, w, h)
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.terminal.backend_mut().resize(w, h);
        self.app.size = (w, h);
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        tui::handle_event(
            &mut self.app,
            &mut self.store,
            Event::Key(KeyEvent::new(code, modifiers)),
        );
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn keys(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.key(*c);
        }
    }

    pub fn enter(&mut self) {
        self.key(KeyCode::Enter);
    }

    pub fn tab(&mut self) {
        self.key(KeyCode::Tab);
    }

    pub fn down(&mut self, n: usize) {
        for _ in 0..n {
            self.key(KeyCode::Down);
        }
    }

    pub fn ctrl(&mut self, c: char) {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key_with(KeyCode::Char(c), mods);
        }
    }

    pub fn paste(&mut self, text: &str) {
        tui::handle_event(
            &mut self.app,
            &mut self.store,
            Event::Paste(text.to_string()),
        );
    }

    pub fn action(&mut self, action: Action) {
        update(&mut self.app, &mut self.store, action);
    }

    /// Draws the app (any size, including 0x0).
    pub fn draw(&mut self) {
        self.terminal.draw(|f| ui::render(&self.app, f)).unwrap();
    }

    /// Draws the app and returns the screen as text (the form insta snapshots take).
    pub fn screen(&mut self) -> String {
        self.terminal.draw(|f| ui::render(&self.app, f)).unwrap();
        self.terminal.backend().to_string()
    }

    /// The screen's plain text, one string per row.
    pub fn text(&mut self) -> String {
        self.terminal.draw(|f| ui::render(&self.app, f)).unwrap();
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    pub fn header(&mut self) -> String {
        self.text().lines().next().unwrap_or("").to_string()
    }
}

/// A journal at `path`, made through the store API at `at`: Ada's profile and an active
/// relationship in which she is the mentee of Sam. Returned open, with the relationship.
pub fn ada_with_sam(
    path: &std::path::Path,
    at: chrono::DateTime<chrono::Utc>,
) -> (Store, mentorlog::domain::Relationship) {
    use mentorlog::domain::{Relationship, RelationshipStatus, Role};
    let mut store = Store::open(path).unwrap();
    store.save_profile_name("Ada", at).unwrap();
    let mut rel = Relationship::new_draft(at);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam".into();
    rel.status = RelationshipStatus::Active;
    store.save_relationship(&rel, at).unwrap();
    (store, rel)
}

/// An in-memory journal made at `at`: Ada's profile and an active relationship agreed on
/// `agreed_on`, in which she is the mentee of Sam Rivera, with these focus `topics`.
pub fn ada_mentee_of_sam(
    at: chrono::DateTime<chrono::Utc>,
    agreed_on: chrono::NaiveDate,
    topics: &[&str],
) -> (Store, mentorlog::domain::Relationship) {
    use mentorlog::domain::{Relationship, RelationshipStatus, Role};
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile_name("Ada", at).unwrap();
    let mut rel = Relationship::new_draft(at);
    rel.my_role = Some(Role::Mentee);
    rel.other_name = "Sam Rivera".into();
    rel.status = RelationshipStatus::Active;
    rel.agreed_on = Some(agreed_on);
    rel.topics = topics.iter().map(|t| t.to_string()).collect();
    store.save_relationship(&rel, at).unwrap();
    (store, rel)
}

/// Agrees check-ins every two weeks, Ada reaching out, and a plan of `months` months (when
/// given), answered at `at`.
pub fn every_two_weeks(
    store: &mut Store,
    relationship: uuid::Uuid,
    months: Option<u32>,
    at: chrono::DateTime<chrono::Utc>,
) {
    use mentorlog::domain::{AnswerValue, Cadence, CadenceUnit, Initiator, PlannedDuration};
    let contact = AnswerValue::Contact {
        initiator: Some(Initiator::Me),
        cadence: Some(Cadence {
            every: 2,
            unit: CadenceUnit::Weeks,
        }),
    };
    store
        .save_answer(relationship, "contact", &contact, false, at)
        .unwrap();
    if let Some(months) = months {
        let plan = AnswerValue::Duration {
            plan: PlannedDuration::Months { months },
        };
        store
            .save_answer(relationship, "duration", &plan, false, at)
            .unwrap();
    }
}

/// Fails the test, showing the screen, unless `what` is on it.
pub fn on_screen(h: &mut Harness, what: &str) {
    let text = h.text();
    assert!(
        text.contains(what),
        "{what:?} is not on the screen:\n{text}"
    );
}
