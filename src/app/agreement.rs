//! The agreement screen: one relationship's agreed answers, each one editable.

use super::steps::{self, Step};
use super::walkthrough::Walkthrough;
use super::{Action, App, Screen};
use crate::domain::{Agreement, Relationship};
use crate::error::Result;
use crate::store::Store;

/// One agreement, read on one screen.
#[derive(Debug, Clone)]
pub struct AgreementView {
    pub relationship: Relationship,
    pub agreement: Agreement,
    pub steps: Vec<Step>,
    pub cursor: usize,
}

impl AgreementView {
    pub fn load(
        store: &Store,
        relationship: Relationship,
        content: &crate::content::Content,
    ) -> Result<AgreementView> {
        let agreement = store.agreement(relationship.id)?;
        let steps = steps::steps_for(false, relationship.my_role, content)
            .into_iter()
            .filter(|s| *s != Step::Review)
            .collect();
        Ok(AgreementView {
            relationship,
            agreement,
            steps,
            cursor: 0,
        })
    }

    pub fn selected(&self) -> Option<&Step> {
        self.steps.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.steps.len());
    }
}

/// Opens the agreement of `rel`, on the answer to `at` when given.
pub(super) fn open(
    app: &mut App,
    store: &mut Store,
    rel: Relationship,
    at: Option<Step>,
) -> Result<()> {
    let mut view = AgreementView::load(store, rel, app.content)?;
    if let Some(step) = at {
        view.cursor = view.steps.iter().position(|s| *s == step).unwrap_or(0);
    }
    app.screen = Screen::Agreement(view);
    Ok(())
}

/// Keys on the agreement screen.
pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let ctx = app.ctx();
    let Screen::Agreement(view) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up => view.move_by(-1),
        Action::Down => view.move_by(1),
        Action::PageUp => view.move_by(-10),
        Action::PageDown => view.move_by(10),
        Action::First => view.move_by(isize::MIN),
        Action::Last => view.move_by(isize::MAX),
        Action::Back => {
            let id = view.relationship.id;
            return super::update::go_home(app, store, Some(id));
        }
        Action::EditAnswer | Action::Confirm => {
            if let Some(step) = view.selected().cloned() {
                let walk = Walkthrough::edit_one(
                    store,
                    view.relationship.clone(),
                    app.profile_name.clone(),
                    step,
                    &ctx,
                )?;
                app.screen = Screen::Onboarding(Box::new(walk));
            }
        }
        _ => {}
    }
    Ok(())
}
