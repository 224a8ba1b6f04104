//! The agreement screen: one relationship's agreed answers, each one editable; its version,
//! who signed it, and each answer's history. Opened from an arc review, it is a revision:
//! the version a change opens is noted "revised at the midpoint".

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::checkins::date_panel;
use super::fields::{Effect, FieldId, read_date};
use super::steps::{self, Step};
use super::walkthrough::Walkthrough;
use super::{Action, App, Popup, Reply, Screen};
use crate::domain::checkin::ArcPoint;
use crate::domain::dates::Direction;
use crate::domain::versions::{self, AgreementHistory, VersionFor};
use crate::domain::{Agreement, Relationship, RelationshipStatus, Side};
use crate::error::{Error, Result};
use crate::store::Store;

/// One agreement, read on one screen.
#[derive(Debug, Clone)]
pub struct AgreementView {
    pub relationship: Relationship,
    pub agreement: Agreement,
    pub steps: Vec<Step>,
    pub cursor: usize,
    /// Versions, every answer's changes and the sign-offs.
    pub history: AgreementHistory,
    /// The note of the revision in progress ("revised at the midpoint"), if one is.
    pub revising: Option<String>,
    /// Whether the highlighted answer's history is shown under the list.
    pub show_history: bool,
}

impl AgreementView {
    pub fn load(
        store: &Store,
        relationship: Relationship,
        content: &crate::content::Content,
    ) -> Result<AgreementView> {
        let agreement = store.agreement(relationship.id)?;
        let history = store.agreement_history(relationship.id)?;
        let revising = store.revision_note(relationship.id)?;
        let steps = steps::steps_for(false, relationship.my_role, content)
            .into_iter()
            .filter(|s| *s != Step::Review)
            .collect();
        Ok(AgreementView {
            relationship,
            agreement,
            steps,
            cursor: 0,
            history,
            revising,
            show_history: false,
        })
    }

    pub fn selected(&self) -> Option<&Step> {
        self.steps.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.steps.len());
    }

    /// The version a change made on `today` would belong to.
    pub fn next_change(&self, today: NaiveDate) -> VersionFor {
        let current = self.history.current();
        let signed = current.is_some_and(|v| !self.history.signoffs_of(v.number).is_empty());
        versions::version_for_change(current, signed, today)
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

/// From an arc review: the agreement screen as a revision, the version it opens noted with
/// where it was made.
pub(super) fn revise(
    app: &mut App,
    store: &mut Store,
    relationship: Uuid,
    point: ArcPoint,
) -> Result<()> {
    let Some(rel) = store.relationship(relationship)? else {
        app.error("That relationship is no longer in the journal.");
        return Ok(());
    };
    let note = versions::revision_note(point);
    store.begin_revision(relationship, note, app.now.with_timezone(&Utc))?;
    let name = rel.display_name().to_string();
    open(app, store, rel, None)?;
    app.info(format!(
        "Revising the agreement with {name}: change what you both want to change, then sign the new version together."
    ));
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
        Action::ToggleHistory => view.show_history = !view.show_history,
        Action::Back => {
            let id = view.relationship.id;
            // Leaving ends the revision: later changes are plain revisions.
            if view.revising.is_some() {
                store.end_revision(id)?;
            }
            return super::update::go_home(app, store, Some(id));
        }
        Action::SignAgreement(who) => {
            let rel = view.relationship.clone();
            let version = view.history.current().map_or(1, |v| v.number);
            return open_signoff(app, rel, who, version);
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

/// The sign-off popup for one side, dated today unless changed.
fn open_signoff(app: &mut App, rel: Relationship, who: Side, version: u32) -> Result<()> {
    if rel.status == RelationshipStatus::Draft {
        app.error("The agreement is not confirmed yet: finish the walk-through, then sign it.");
        return Ok(());
    }
    let today = app.now.date_naive();
    let name = match who {
        Side::Me => app.profile_name.clone(),
        Side::Other => rel.display_name().to_string(),
    };
    let example = (today - chrono::Duration::days(2)).format("%Y-%m-%d");
    let fields = date_panel(
        "Signed on",
        &today.format("%Y-%m-%d").to_string(),
        &format!("today, yesterday, mon, {example}"),
    );
    app.push_popup(Popup::SignOff {
        relationship: rel.id,
        who,
        name,
        version,
        fields,
    });
    Ok(())
}

/// Keys on the sign-off popup: Enter saves the sign-off, Esc goes back without one.
pub(super) fn signoff_action(app: &mut App, store: &mut Store, action: Action) -> Result<Reply> {
    let effect = match app.popup_mut() {
        Some(Popup::SignOff { fields, .. }) => super::checkins::panel_keys(fields, &action),
        _ => return Ok(Reply::Keep),
    };
    match effect {
        Some(Effect::Refused(why)) => {
            app.error(why);
            return Ok(Reply::Keep);
        }
        Some(_) => return Ok(Reply::Keep),
        None => {}
    }
    let Some(Popup::SignOff {
        relationship,
        who,
        name,
        version,
        fields,
    }) = app.popup().cloned()
    else {
        return Ok(Reply::Keep);
    };
    match action {
        Action::Back => Ok(Reply::Close),
        Action::Confirm | Action::Save => {
            let today = app.now.date_naive();
            // The typed day stays in the popup when it is refused.
            let day = match read_date(&fields.string(FieldId::Date), today, Direction::Past) {
                Ok(day) => day,
                Err(why) => {
                    app.error(why);
                    return Ok(Reply::Keep);
                }
            };
            let current = store.agreement_history(relationship)?;
            if let Some(v) = current.current() {
                if v.number != version {
                    app.error(format!(
                        "The agreement is at version {} now: press Esc and sign that one.",
                        v.number
                    ));
                    return Ok(Reply::Keep);
                }
                if let Err(why) = versions::check_signoff_day(v, day, today, &|d| app.date(d)) {
                    app.error(why);
                    return Ok(Reply::Keep);
                }
            }
            let now = app.now.with_timezone(&Utc);
            match store.sign_agreement(relationship, who, &name, day, today, now) {
                Ok(s) => {
                    refresh(app, store, relationship)?;
                    let whose = match who {
                        Side::Me => "Your sign-off".to_string(),
                        Side::Other => format!("{}'s sign-off", s.name),
                    };
                    app.info(format!(
                        "{whose} of version {} on {} is saved.",
                        s.version,
                        app.date(s.signed_on)
                    ));
                    Ok(Reply::Close)
                }
                Err(Error::Usage(why)) => {
                    app.error(why);
                    Ok(Reply::Keep)
                }
                Err(e) => Err(e),
            }
        }
        _ => Ok(Reply::Keep),
    }
}

/// Reads the agreement screen's history again after a write, keeping the highlight.
fn refresh(app: &mut App, store: &mut Store, relationship: Uuid) -> Result<()> {
    if let Screen::Agreement(view) = &mut app.screen
        && view.relationship.id == relationship
    {
        view.history = store.agreement_history(relationship)?;
        view.revising = store.revision_note(relationship)?;
    }
    Ok(())
}
