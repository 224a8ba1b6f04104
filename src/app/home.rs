//! The home screen: every relationship, and the keys that start from one.

use std::collections::HashMap;

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
    /// Every goal, for the active ones under the selected relationship.
    pub goals: Vec<crate::store::GoalSummary>,
    /// Each active relationship's check-in state.
    pub due: Vec<crate::store::DueRow>,
    /// The day `due` was computed for.
    pub today: chrono::NaiveDate,
    /// Each active relationship's pulse survey averages, oldest first.
    pub pulse: HashMap<Uuid, Vec<f64>>,
}

impl Home {
    pub fn load(store: &Store, today: chrono::NaiveDate) -> Result<Home> {
        Ok(Home {
            relationships: store.relationship_overviews()?,
            cursor: 0,
            unfinished: store.latest_draft_relationship()?,
            goals: store.goal_summaries(None)?,
            pulse: {
                let mut pulse = HashMap::new();
                for r in store.relationships()? {
                    let averages: Vec<f64> = store
                        .surveys(r.id)?
                        .iter()
                        .filter_map(|s| crate::domain::checkin::average(&s.scores))
                        .collect();
                    if !averages.is_empty() {
                        pulse.insert(r.id, averages);
                    }
                }
                pulse
            },
            due: store.due_rows(today)?,
            today,
        })
    }

    /// Puts the cursor on a relationship, when it is listed.
    pub fn select(&mut self, id: uuid::Uuid) {
        if let Some(i) = self
            .relationships
            .iter()
            .position(|o| o.relationship.id == id)
        {
            self.cursor = i;
        }
    }

    pub fn selected(&self) -> Option<&RelationshipOverview> {
        self.relationships.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.relationships.len());
    }
}

/// Keys on home: moving, opening the highlighted relationship, and the screens that start
/// from it.
pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::Home(home) = &mut app.screen else {
        return Ok(());
    };
    let rel = home.selected().map(|o| o.relationship.id);
    match action {
        Action::Up => home.move_by(-1),
        Action::Down => home.move_by(1),
        Action::PageUp => home.move_by(-10),
        Action::PageDown => home.move_by(10),
        Action::First => home.move_by(isize::MIN),
        Action::Last => home.move_by(isize::MAX),
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
        Action::OpenPrep => return super::review::open_prep(app, store, rel),
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
        _ => {}
    }
    Ok(())
}
