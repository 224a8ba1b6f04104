//! The home screen: every relationship, and the keys that start from one. The list and its
//! check-in states are read in a few queries for all relationships; the selected one's goals
//! and pulse only when the selection changes.

use uuid::Uuid;

use super::{Action, App, Popup, Screen};
use crate::domain::Relationship;
use crate::error::Result;
use crate::store::{RelationshipOverview, Store};

/// The list of relationships.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub relationships: Vec<RelationshipOverview>,
    pub cursor: usize,
    /// A new relationship whose walk-through was left unfinished.
    pub unfinished: Option<Relationship>,
    /// Each active relationship's check-in state (its facts read in a few queries for all).
    pub due: Vec<crate::store::DueRow>,
    /// The day `due` was computed for.
    pub today: chrono::NaiveDate,
    /// What the details show of the selected relationship, read when the selection changes.
    pub detail: Detail,
}

/// The selected relationship's goals and pulse, for the details under the list.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    /// Whose details these are.
    pub relationship: Option<Uuid>,
    /// Its active goals.
    pub goals: Vec<crate::store::GoalSummary>,
    /// Its pulse survey averages, oldest first.
    pub pulse: Vec<f64>,
    /// Its latest pause, resume, close or reopen (for "paused since … (reason)").
    pub last_change: Option<crate::domain::LifeEvent>,
    /// Its agreement beside what happened (private meetings counted: home is one's own view).
    pub reality: Option<Box<crate::domain::reality::Reality>>,
}

impl Detail {
    fn load(store: &Store, relationship: Uuid, today: chrono::NaiveDate) -> Result<Detail> {
        let goals = store
            .goal_summaries(Some(relationship))?
            .into_iter()
            .filter(|g| g.goal.status == crate::domain::GoalStatus::Active)
            .collect();
        let pulse = store
            .surveys(relationship)?
            .iter()
            .filter_map(|s| crate::domain::checkin::average(&s.scores))
            .collect();
        Ok(Detail {
            relationship: Some(relationship),
            goals,
            pulse,
            last_change: store.life_events(relationship)?.pop(),
            reality: store.reality(relationship, today, true)?.map(Box::new),
        })
    }
}

impl Home {
    /// The list with the first relationship selected.
    pub fn load(store: &Store, today: chrono::NaiveDate) -> Result<Home> {
        Home::load_at(store, today, None)
    }

    /// The list with `select` selected when it is listed (else the first).
    pub fn load_at(store: &Store, today: chrono::NaiveDate, select: Option<Uuid>) -> Result<Home> {
        Home::read(store, today, |list| {
            select.and_then(|id| position(list, id)).unwrap_or(0)
        })
    }

    /// Reads the journal again after a change, keeping the cursor where it was (or on the
    /// last row, when the list got shorter).
    pub fn reload(&mut self, store: &Store, today: chrono::NaiveDate) -> Result<()> {
        let cursor = self.cursor;
        *self = Home::read(store, today, |list| {
            cursor.min(list.len().saturating_sub(1))
        })?;
        Ok(())
    }

    /// The list, the cursor `at` picks on it, and that relationship's details.
    fn read(
        store: &Store,
        today: chrono::NaiveDate,
        at: impl FnOnce(&[RelationshipOverview]) -> usize,
    ) -> Result<Home> {
        let relationships = store.relationship_overviews()?;
        let due = store.due_rows_of(&relationships, today)?;
        let mut home = Home {
            cursor: at(&relationships),
            relationships,
            unfinished: store.latest_draft_relationship()?,
            due,
            today,
            detail: Detail::default(),
        };
        home.load_detail(store)?;
        Ok(home)
    }

    /// Reads the selected relationship's details, when they are not the ones held.
    fn load_detail(&mut self, store: &Store) -> Result<()> {
        let id = self.selected().map(|o| o.relationship.id);
        if id != self.detail.relationship {
            self.detail = match id {
                Some(id) => Detail::load(store, id, self.today)?,
                None => Detail::default(),
            };
        }
        Ok(())
    }

    /// Puts the cursor on a relationship, when it is listed, and reads its details.
    pub fn select(&mut self, store: &Store, id: Uuid) -> Result<()> {
        if let Some(i) = position(&self.relationships, id) {
            self.cursor = i;
        }
        self.load_detail(store)
    }

    pub fn selected(&self) -> Option<&RelationshipOverview> {
        self.relationships.get(self.cursor)
    }

    /// The check-in state of a listed relationship (active ones have one).
    pub fn due_row(&self, id: Uuid) -> Option<&crate::store::DueRow> {
        self.due.iter().find(|d| d.relationship.id == id)
    }

    /// The selected relationship's details: its active goals and pulse averages.
    pub fn detail_of(&self, id: Uuid) -> Option<&Detail> {
        (self.detail.relationship == Some(id)).then_some(&self.detail)
    }

    pub fn move_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        self.cursor = super::list::moved(self.cursor, delta, self.relationships.len());
        self.load_detail(store)
    }
}

fn position(list: &[RelationshipOverview], id: Uuid) -> Option<usize> {
    list.iter().position(|o| o.relationship.id == id)
}

/// Keys on home: moving, opening the highlighted relationship, and the screens that start
/// from it.
pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::Home(home) = &mut app.screen else {
        return Ok(());
    };
    let rel = home.selected().map(|o| o.relationship.id);
    match action {
        Action::Up => home.move_by(store, -1)?,
        Action::Down => home.move_by(store, 1)?,
        Action::PageUp => home.move_by(store, -10)?,
        Action::PageDown => home.move_by(store, 10)?,
        Action::First => home.move_by(store, isize::MIN)?,
        Action::Last => home.move_by(store, isize::MAX)?,
        Action::Confirm => match home.selected() {
            Some(o) => {
                let rel = o.relationship.clone();
                return super::agreement::open(app, store, rel, None);
            }
            None => return super::update::new_relationship(app, store),
        },
        Action::OpenTimeline => {
            let mut timeline = super::Timeline::load(store)?;
            timeline.back = Box::new(super::journal::origin_here(app));
            app.screen = Screen::Timeline(timeline);
        }
        Action::OpenReview => return super::review::open_review(app, store, rel),
        Action::OpenPrep => return super::prep::open_prep(app, store, rel),
        Action::OpenPlan => {
            if let Some(o) = home.selected() {
                let plan = store.checkin_plan(o.relationship.id)?;
                let popup = Popup::Plan {
                    relationship: o.relationship.id,
                    name: o.relationship.display_name().to_string(),
                    fields: super::plan::plan_panel(&plan, app.now.date_naive()),
                };
                app.push_popup(popup);
            }
        }
        Action::OpenPulse => return super::survey::open_pulse(app, store, rel),
        Action::OpenGoals => return super::goals::open_board(app, store, None),
        Action::UpdateProgress => return super::goals::quick_update_from_home(app, store, rel),
        Action::OpenResources => return super::resources::open(app, store, rel, None),
        Action::OpenSkills => return super::skills::open(app, store, rel),
        Action::OpenLifeChange => return super::life::open(app, store, rel, None),
        _ => {}
    }
    Ok(())
}
