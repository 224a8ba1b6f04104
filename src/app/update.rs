//! `update`: the only place that changes state or writes to the journal.

use chrono::Utc;

use super::form::Refusal;
use super::screens::{AgreementView, Home};
use super::steps::Step;
use super::walkthrough::{Outcome, WalkMode, Walkthrough};
use super::{Action, App, Popup, Screen, goals, journal};
use crate::domain::Relationship;
use crate::error::Result;
use crate::store::Store;

/// Applies one action. A failed write becomes a visible message; what was typed is kept.
pub fn update(app: &mut App, store: &mut Store, action: Action) {
    if action != Action::Tick {
        app.status = None;
    }
    if let Action::JournalDamaged(damage) = action {
        return super::damage::journal_damaged(app, store, damage);
    }
    match apply(app, store, action) {
        // Reading one entry failed: nothing was being saved, so say only what went wrong.
        Err(e @ crate::error::Error::BadRow(_)) => {
            app.error(crate::text::sanitize_line(&crate::text::capitalise(&e.to_string())) + ".");
        }
        Err(_) if app.damage.is_some() => return super::damage::not_saved(app),
        Err(e) => app.error(format!(
            "Not saved: {}. What you typed is still here.",
            why_not_saved(&e)
        )),
        Ok(()) => {}
    }
    app.tell_left_out(store);
}

/// The reason a write failed, in words that say what to do.
fn why_not_saved(e: &crate::error::Error) -> String {
    use rusqlite::ErrorCode;
    match e {
        crate::error::Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => match f.code {
            ErrorCode::DiskFull => "the disk is full; free some space, then save again".into(),
            ErrorCode::ReadOnly => {
                "the journal is read-only; check the file's permissions and the disk, then save again"
                    .into()
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                "another mentorlog is writing the journal; try again in a moment".into()
            }
            _ => format!("{e}; try again"),
        },
        _ => format!("{e}; try again"),
    }
}

fn apply(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    if let Some(popup) = app.popup.clone() {
        return popup_action(app, store, popup, action);
    }
    match action {
        Action::Tick => {
            save_drafts(app, store)?;
            super::checkins::check(app, store)
        }
        Action::Shutdown => {
            save_drafts(app, store)?;
            app.should_quit = true;
            Ok(())
        }
        Action::Quit => quit(app, store),
        Action::Suspend => {
            save_drafts(app, store)?;
            app.suspend_requested = true;
            Ok(())
        }
        Action::Help => {
            app.popup = Some(Popup::Help);
            Ok(())
        }
        Action::NewRelationship => new_relationship(app, store),
        Action::OpenTimeline if matches!(app.screen, Screen::Home(_)) => {
            app.screen = Screen::Timeline(super::Timeline::load(store)?);
            Ok(())
        }
        Action::OpenSearch
            if !matches!(
                app.screen,
                Screen::Entry(_)
                    | Screen::Onboarding(_)
                    | Screen::GoalForm(_)
                    | Screen::Survey(_)
                    | Screen::Search(_)
            ) =>
        {
            super::search::open(app, store)
        }
        Action::OpenReview | Action::OpenPrep if matches!(app.screen, Screen::Home(_)) => {
            let rel = match &app.screen {
                Screen::Home(h) => h.selected().map(|o| o.relationship.id),
                _ => None,
            };
            if action == Action::OpenReview {
                super::review::open_review(app, store, rel)
            } else {
                super::review::open_prep(app, store, rel)
            }
        }
        Action::NewMeeting
            if !matches!(
                app.screen,
                Screen::Entry(_) | Screen::Onboarding(_) | Screen::Prep(_)
            ) =>
        {
            journal::new_meeting(app, store)
        }
        Action::NewReflection
            if !matches!(app.screen, Screen::Entry(_) | Screen::Onboarding(_)) =>
        {
            journal::new_reflection(app, store)
        }
        Action::OpenActions if matches!(app.screen, Screen::Home(_) | Screen::Timeline(_)) => {
            journal::open_actions(app, store)
        }
        Action::OpenPlan if matches!(app.screen, Screen::Home(_)) => {
            if let Screen::Home(h) = &app.screen
                && let Some(o) = h.selected()
            {
                let plan = store.checkin_plan(o.relationship.id)?;
                app.popup = Some(Popup::Plan {
                    relationship: o.relationship.id,
                    name: o.relationship.display_name().to_string(),
                    fields: super::checkins::plan_panel(&plan, app.now.date_naive()),
                });
            }
            Ok(())
        }
        Action::OpenPulse if matches!(app.screen, Screen::Home(_)) => {
            let rel = match &app.screen {
                Screen::Home(h) => h.selected().map(|o| o.relationship.id),
                _ => None,
            };
            super::survey::open_pulse(app, store, rel)
        }
        Action::OpenGoals if matches!(app.screen, Screen::Home(_)) => {
            goals::open_board(app, store, None)
        }
        Action::UpdateProgress if matches!(app.screen, Screen::Home(_)) => {
            let rel = match &app.screen {
                Screen::Home(h) => h.selected().map(|o| o.relationship.id),
                _ => None,
            };
            goals::quick_update_from_home(app, store, rel)
        }
        _ => screen_action(app, store, action),
    }
}

fn save_drafts(app: &mut App, store: &mut Store) -> Result<()> {
    if app.damage.is_some() {
        super::damage::rescue_unsaved(app).map_err(|e| {
            crate::error::Error::io("the text could not be copied beside the journal", e)
        })?;
        return Ok(());
    }
    let now = app.now.with_timezone(&Utc);
    match &mut app.screen {
        Screen::Onboarding(w) => w.save_draft(store, now)?,
        Screen::Entry(w) => w.form.save_draft(store, now)?,
        Screen::GoalForm(f) => f.save_draft(store, now)?,
        _ => {}
    }
    Ok(())
}

fn quit(app: &mut App, store: &mut Store) -> Result<()> {
    if let Some(damage) = app.damage.clone() {
        super::damage::quit(app, &damage);
        return Ok(());
    }
    if let Screen::Entry(w) = &app.screen
        && w.form.changed()
    {
        app.farewell = Some(format!(
            "Your unsaved {} is kept as a draft: mentorlog offers it when you start again.",
            w.form.describe()
        ));
    }
    if let Screen::GoalForm(f) = &app.screen
        && f.changed()
    {
        app.farewell = Some(
            "Your unsaved goal is kept as a draft: mentorlog offers it when you start again."
                .into(),
        );
    }
    if let Screen::Onboarding(w) = &app.screen {
        if w.mode == WalkMode::EditOne && w.changed {
            app.popup = Some(Popup::QuitUnsaved);
            return Ok(());
        }
        if w.mode != WalkMode::EditOne {
            let at = w.progress();
            app.farewell = Some(format!(
                "Your answers are saved. Run mentorlog again to carry on at {at}."
            ));
        }
    }
    save_drafts(app, store)?;
    app.should_quit = true;
    Ok(())
}

fn popup_action(app: &mut App, store: &mut Store, popup: Popup, action: Action) -> Result<()> {
    if let (Popup::Damaged { then }, Action::Back | Action::Confirm) = (&popup, &action) {
        app.popup = then.clone().map(|p| *p);
        return Ok(());
    }
    if !matches!(action, Action::Tick | Action::Shutdown | Action::Suspend) {
        if super::checkins::due_action(app, store, action.clone())? {
            return Ok(());
        }
        if super::checkins::arc_action(app, store, action.clone())? {
            return Ok(());
        }
        if super::survey::offer_action(app, store, action.clone())? {
            return Ok(());
        }
        if super::checkins::plan_action(app, store, action.clone())? {
            return Ok(());
        }
    }
    if let (Popup::ConfirmClose { relationship, .. }, Action::Yes) = (&popup, &action) {
        return super::checkins::close_relationship(app, store, *relationship);
    }
    if let (Popup::DiscardSurvey, Action::Yes) = (&popup, &action) {
        app.popup = None;
        let id = match &app.screen {
            Screen::Survey(f) => Some(f.relationship),
            _ => None,
        };
        return journal::go_to(app, store, super::Origin::Home(id));
    }
    if journal::popup_action(app, store, popup.clone(), action.clone())? {
        return Ok(());
    }
    if goals::popup_action(app, store, popup.clone(), action.clone())? {
        return Ok(());
    }
    match (popup, action) {
        (_, Action::Tick) => save_drafts(app, store),
        (_, Action::Shutdown) => {
            save_drafts(app, store)?;
            app.should_quit = true;
            Ok(())
        }
        (Popup::Help, Action::Quit) => {
            app.popup = None;
            quit(app, store)
        }
        (_, Action::Suspend) => {
            save_drafts(app, store)?;
            app.suspend_requested = true;
            Ok(())
        }
        (Popup::QuitUnsaved, Action::Yes) => {
            app.popup = None;
            screen_action(app, store, Action::Save)?;
            if !matches!(&app.screen, Screen::Onboarding(_)) {
                app.should_quit = true;
            }
            Ok(())
        }
        (Popup::QuitUnsaved, Action::No) => {
            app.popup = None;
            discard_edit(app, store)?;
            app.should_quit = true;
            Ok(())
        }
        (Popup::DiscardEdit, Action::Yes) => {
            app.popup = None;
            discard_edit(app, store)
        }
        (Popup::DiscardNew, Action::Yes) => {
            app.popup = None;
            if let Screen::Onboarding(w) = &app.screen {
                let id = w.relationship.id;
                store.delete_relationship(id, app.now.with_timezone(&Utc))?;
                for d in store.drafts_with_prefix(&format!("walkthrough:{id}:"))? {
                    store.delete_draft(&d.key)?;
                }
            }
            go_home(app, store, None)?;
            app.info("The new relationship was discarded.");
            Ok(())
        }
        (_, Action::Back | Action::No | Action::Quit) => {
            app.popup = None;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Drops the unsaved change of an EditOne walk and returns to the agreement.
fn discard_edit(app: &mut App, store: &mut Store) -> Result<()> {
    if let Screen::Onboarding(w) = &app.screen {
        let key = Walkthrough::draft_key_for(&w.relationship, w.step());
        store.delete_draft(&key)?;
        let (rel, step) = (w.relationship.clone(), w.step().clone());
        open_agreement(app, store, rel, Some(step))?;
    }
    Ok(())
}

fn go_home(app: &mut App, store: &mut Store, select: Option<uuid::Uuid>) -> Result<()> {
    let mut home = Home::load(store, app.now.date_naive())?;
    if let Some(id) = select {
        home.select(id);
    }
    app.screen = Screen::Home(home);
    Ok(())
}

fn open_agreement(
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

fn new_relationship(app: &mut App, store: &mut Store) -> Result<()> {
    if !matches!(app.screen, Screen::Home(_)) {
        return Ok(());
    }
    let ctx = app.ctx();
    let with_profile = store.relationships()?.is_empty();
    let rel = match store.latest_draft_relationship()? {
        Some(unfinished) => unfinished,
        None => {
            let now = app.now.with_timezone(&Utc);
            let mut rel = Relationship::new_draft(now);
            let first = if with_profile {
                Step::Welcome
            } else {
                Step::Role
            };
            rel.walkthrough_step = Some(first.id());
            store.save_relationship(&rel, now)?;
            rel
        }
    };
    let walk = Walkthrough::resume(store, rel, app.profile_name.clone(), with_profile, &ctx)?;
    app.screen = Screen::Onboarding(Box::new(walk));
    Ok(())
}

fn screen_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let ctx = app.ctx();
    let outcome = match &mut app.screen {
        Screen::Home(home) => {
            match action {
                Action::Up => home.move_by(-1),
                Action::Down => home.move_by(1),
                Action::PageUp => home.move_by(-10),
                Action::PageDown => home.move_by(10),
                Action::Confirm => match home.selected() {
                    Some(o) => {
                        let rel = o.relationship.clone();
                        return open_agreement(app, store, rel, None);
                    }
                    None => return new_relationship(app, store),
                },
                _ => {}
            }
            Outcome::Stay
        }
        Screen::Timeline(_) => return journal::timeline_action(app, store, action),
        Screen::Entry(_) => return journal::entry_action(app, store, action),
        Screen::View(_) => return journal::view_action(app, store, action),
        Screen::Actions(_) => return journal::actions_action(app, store, action),
        Screen::Goals(_) => return goals::board_action(app, store, action),
        Screen::GoalDetail(_) => return goals::detail_action(app, store, action),
        Screen::GoalForm(_) => return goals::form_action(app, store, action),
        Screen::Survey(_) => return super::survey::survey_action(app, store, action),
        Screen::Pulse(_) => return super::survey::pulse_action(app, store, action),
        Screen::Search(_) => return super::search::action(app, store, action),
        Screen::Review(_) => return super::review::review_action(app, store, action),
        Screen::Prep(_) => return super::review::prep_action(app, store, action),
        Screen::Agreement(view) => {
            match action {
                Action::Up => view.move_by(-1),
                Action::Down => view.move_by(1),
                Action::PageUp => view.move_by(-10),
                Action::PageDown => view.move_by(10),
                Action::Back => {
                    let id = view.relationship.id;
                    return go_home(app, store, Some(id));
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
            Outcome::Stay
        }
        Screen::Onboarding(w) => {
            let outcome = walk_action(w, store, action, &ctx)?;
            app.profile_name = w.profile_name.clone();
            outcome
        }
    };
    match outcome {
        Outcome::Stay => Ok(()),
        Outcome::Agreed(rel) => {
            go_home(app, store, Some(rel.id))?;
            let day = rel.agreed_on.map(|d| app.date(d)).unwrap_or_default();
            app.info(format!(
                "Agreement with {} saved on {day}. Enter reads it; n adds another relationship.",
                rel.display_name()
            ));
            Ok(())
        }
        Outcome::Edited(rel) => {
            let step = match &app.screen {
                Screen::Onboarding(w) => Some(w.step().clone()),
                _ => None,
            };
            open_agreement(app, store, rel, step)?;
            app.info("Saved.");
            Ok(())
        }
        Outcome::Closed(rel) => {
            let step = match &app.screen {
                Screen::Onboarding(w) => Some(w.step().clone()),
                _ => None,
            };
            open_agreement(app, store, rel, step)
        }
        Outcome::AskDiscardNew => {
            app.popup = Some(Popup::DiscardNew);
            Ok(())
        }
        Outcome::AskDiscardEdit => {
            app.popup = Some(Popup::DiscardEdit);
            Ok(())
        }
    }
}

fn walk_action(
    w: &mut Walkthrough,
    store: &mut Store,
    action: Action,
    ctx: &super::walkthrough::Ctx<'_>,
) -> Result<Outcome> {
    let review = *w.step() == Step::Review;
    match action {
        Action::Up if review => w.review_move(-1),
        Action::Down if review => w.review_move(1),
        Action::PageUp if review => w.review_move(-10),
        Action::PageDown if review => w.review_move(10),
        Action::Up => w.form.move_by(-1),
        Action::Down => w.form.move_by(1),
        Action::PageUp => w.form.move_by(-10),
        Action::PageDown => w.form.move_by(10),
        Action::Confirm => return w.forward(store, true, ctx),
        Action::Next => return w.forward(store, false, ctx),
        Action::Back => return w.back(store, ctx),
        Action::Save if review => return w.confirm(store, ctx),
        Action::Save => return w.forward(store, false, ctx),
        Action::Toggle if w.form.toggle() => w.touch(),
        Action::Edit(edit) => match w.form.edit(&edit) {
            Ok(true) => w.touch(),
            Ok(false) => {}
            Err(Refusal::NotADigit(c)) => {
                w.error = Some(format!(
                    "Only digits go here ({c:?} was not typed): a whole number, like 4."
                ));
            }
        },
        Action::Paste(text) => {
            if w.form.paste(&text) {
                w.touch();
            } else if !w.form.on_field() {
                w.error =
                    Some("Pasted text goes into a text field: move to one with ↓ first.".into());
            }
        }
        _ => {}
    }
    Ok(Outcome::Stay)
}
