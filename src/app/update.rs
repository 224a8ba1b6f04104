//! `update`: the only place that changes state or writes to the journal.

use chrono::Utc;

use super::steps::Step;
use super::walkthrough::{Outcome, WalkMode, Walkthrough};
use super::{Action, App, Popup, Reply, Screen, Then, goals, journal, writing};
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
    if let Screen::Home(h) = &app.screen {
        app.home_at = h.selected().map(|o| o.relationship.id);
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
    if let Some(popup) = app.popup().cloned() {
        return popup_action(app, store, popup, action);
    }
    match action {
        Action::Tick => {
            save_drafts(app, store)?;
            super::checkins::check(app, store)?;
            super::closing::offer_waiting(app, store)
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
            app.help_scroll = 0;
            app.push_popup(Popup::Help);
            Ok(())
        }
        Action::NewRelationship => new_relationship(app, store),
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
        Action::NewMeeting
            if !matches!(
                app.screen,
                Screen::Entry(_) | Screen::Onboarding(_) | Screen::Prep(_)
            ) =>
        {
            writing::new_meeting(app, store)
        }
        Action::NewReflection
            if !matches!(app.screen, Screen::Entry(_) | Screen::Onboarding(_)) =>
        {
            writing::new_reflection(app, store)
        }
        Action::OpenActions if matches!(app.screen, Screen::Home(_) | Screen::Timeline(_)) => {
            journal::open_actions(app, store)
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
        Screen::Resources(v) => v.save_draft(store, now)?,
        Screen::ClosingReview(r) => r.save_draft(store, now)?,
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
    if let Screen::Resources(v) = &app.screen
        && v.form.as_ref().is_some_and(|f| f.changed())
    {
        app.farewell = Some(
            "Your unsaved resource is kept as a draft: it opens again with the resources.".into(),
        );
    }
    if let Screen::Onboarding(w) = &app.screen {
        if w.mode == WalkMode::EditOne && w.changed {
            app.push_popup(Popup::quit_unsaved());
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

/// The top popup gets the action; each kind of popup has one handler.
fn popup_action(app: &mut App, store: &mut Store, popup: Popup, action: Action) -> Result<()> {
    match action {
        Action::Tick => return save_drafts(app, store),
        Action::Shutdown => {
            save_drafts(app, store)?;
            app.should_quit = true;
            return Ok(());
        }
        Action::Suspend => {
            save_drafts(app, store)?;
            app.suspend_requested = true;
            return Ok(());
        }
        _ => {}
    }
    let reply = match popup {
        Popup::Confirm { on_yes, on_no, .. } => {
            super::popup::confirm_reply(&on_yes, &on_no, &action)
        }
        Popup::Help => {
            if super::keymap::scroll_help(app, &action) {
                return Ok(());
            }
            super::popup::help_reply(&action)
        }
        Popup::Damaged { .. } => super::popup::damaged_reply(&action),
        Popup::ResumeDraft { key, what, .. } => super::popup::resume_reply(&key, &what, &action),
        Popup::SurveyOffer {
            relationship,
            reason,
            ..
        } => super::survey::offer_reply(relationship, &reason, &action),
        Popup::SharePrivate { .. } => on_top(app, |p| writing::share_reply(p, &action)),
        Popup::GoalStatus { .. } | Popup::FinalRating { .. } => {
            on_top(app, |p| super::goal_status::status_reply(p, &action))
        }
        Popup::Due { .. } => super::checkins::due_action(app, store, action)?,
        Popup::Arc { .. } => super::arc::arc_action(app, store, action)?,
        Popup::Plan { .. } => super::plan::plan_action(app, store, action)?,
        Popup::SignOff { .. } => super::agreement::signoff_action(app, store, action)?,
        Popup::Life { .. } => super::life::life_action(app, store, action)?,
        Popup::ClosingOffer { relationship, .. } => {
            super::closing::offer_reply(relationship, &action)
        }
    };
    reply_to(app, store, reply)
}

/// A popup's keys that change only the popup itself (a scroll, a cursor).
fn on_top(app: &mut App, keys: impl FnOnce(&mut Popup) -> Reply) -> Reply {
    app.popups.last_mut().map_or(Reply::Keep, keys)
}

/// Carries out a popup's typed reply.
fn reply_to(app: &mut App, store: &mut Store, reply: Reply) -> Result<()> {
    match reply {
        Reply::Keep => Ok(()),
        Reply::Close => {
            app.close_popup();
            Ok(())
        }
        Reply::CloseThen(then) => {
            app.close_popup();
            do_then(app, store, then)
        }
    }
}

/// What an answered question does.
fn do_then(app: &mut App, store: &mut Store, then: Then) -> Result<()> {
    match then {
        Then::Nothing => Ok(()),
        Then::SaveAndQuit => {
            screen_action(app, store, Action::Save)?;
            if !matches!(&app.screen, Screen::Onboarding(_)) {
                app.should_quit = true;
            }
            Ok(())
        }
        Then::DiscardEditAndQuit => {
            discard_edit(app, store)?;
            app.should_quit = true;
            Ok(())
        }
        Then::DiscardEdit => discard_edit(app, store),
        Then::DiscardNew => {
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
        Then::DiscardEntry => {
            writing::leave_entry(app, store)?;
            app.info("Changes discarded.");
            Ok(())
        }
        Then::DiscardGoal => {
            super::goal_writing::leave_form(app, store)?;
            app.info("Changes discarded.");
            Ok(())
        }
        Then::DiscardSurvey => {
            let back = match &app.screen {
                Screen::Survey(f) => f.back.clone(),
                _ => super::Origin::Home(None),
            };
            journal::go_to(app, store, back)
        }
        Then::EmptyTrash => {
            let n = store.empty_trash()?;
            if let Screen::Timeline(t) = &mut app.screen {
                t.reload(store)?;
            }
            app.info(format!(
                "{n} entr{} deleted for good.",
                if n == 1 { "y" } else { "ies" }
            ));
            Ok(())
        }
        Then::Quit => quit(app, store),
        Then::ShareAndSave => writing::share_and_save(app, store),
        Then::KeepPrivate => {
            writing::keep_private(app);
            Ok(())
        }
        Then::ResumeDraft { key, what } => writing::resume_draft(app, store, &key, &what),
        Then::DiscardDraft { key, what } => writing::discard_draft(app, store, &key, &what),
        Then::KeepDraft(what) => {
            app.info(format!(
                "The unsaved {what} is kept; mentorlog offers it again next time."
            ));
            Ok(())
        }
        Then::SetGoalStatus { goal, to, rating } => {
            let now = app.now.with_timezone(&Utc);
            super::goal_status::set_status(app, store, goal, to, rating, now)
        }
        Then::TakeSurvey {
            relationship,
            reason,
        } => super::survey::open_survey(app, store, relationship, &reason),
        Then::SkipSurvey(relationship) => super::survey::skip_survey(app, store, relationship),
        Then::SurveyLater => {
            app.info("Later, then: it is offered again another day.");
            Ok(())
        }
        Then::DiscardResource => super::resources::close_form(app, store),
        Then::ContinueClosing(id) => super::closing::continue_review(app, store, id),
        Then::ClosingLater(id) => super::closing::later(app, store, id),
        Then::OpenEditor => {
            app.external = app.editor_waiting.take();
            Ok(())
        }
        Then::KeepInApp => {
            app.editor_waiting = None;
            app.info("Your text stays here, unchanged.");
            Ok(())
        }
    }
}

/// Drops the unsaved change of an EditOne walk and returns to the agreement.
fn discard_edit(app: &mut App, store: &mut Store) -> Result<()> {
    if let Screen::Onboarding(w) = &app.screen {
        let key = Walkthrough::draft_key_for(&w.relationship, w.step());
        store.delete_draft(&key)?;
        let (rel, step) = (w.relationship.clone(), w.step().clone());
        super::agreement::open(app, store, rel, Some(step))?;
    }
    Ok(())
}

pub(super) fn go_home(app: &mut App, store: &mut Store, select: Option<uuid::Uuid>) -> Result<()> {
    journal::go_to(app, store, super::Origin::Home(select))
}

pub(super) fn new_relationship(app: &mut App, store: &mut Store) -> Result<()> {
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
        Screen::Home(_) => return super::home::action(app, store, action),
        Screen::Timeline(_) => return super::timeline::action(app, store, action),
        Screen::Entry(_) => return writing::action(app, store, action),
        Screen::View(_) => return super::view::action(app, store, action),
        Screen::Actions(_) => return super::actions::action(app, store, action),
        Screen::Goals(_) => return goals::board_action(app, store, action),
        Screen::GoalDetail(_) => return goals::detail_action(app, store, action),
        Screen::GoalForm(_) => return super::goal_writing::form_action(app, store, action),
        Screen::Survey(_) => return super::survey::survey_action(app, store, action),
        Screen::Pulse(_) => return super::survey::pulse_action(app, store, action),
        Screen::Search(_) => return super::search::action(app, store, action),
        Screen::Review(_) => return super::review::review_action(app, store, action),
        Screen::Prep(_) => return super::prep::prep_action(app, store, action),
        Screen::Agreement(_) => return super::agreement::action(app, store, action),
        Screen::Resources(_) => return super::resources::action(app, store, action),
        Screen::Skills(_) => return super::skills::action(app, store, action),
        Screen::ClosingReview(_) => return super::closing::review_action(app, store, action),
        Screen::ClosingSummary(_) => {
            return super::closing_summary::summary_action(app, store, action);
        }
        Screen::Onboarding(w) => {
            let outcome = super::walk_keys::action(w, store, action, &ctx)?;
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
                "Agreement with {} saved on {day}. {} reads it; {} adds another relationship.",
                rel.display_name(),
                app.key_label(
                    crate::config::Context::Home,
                    crate::config::Command::Confirm
                ),
                app.key_label(
                    crate::config::Context::Home,
                    crate::config::Command::NewRelationship
                )
            ));
            Ok(())
        }
        Outcome::Edited(rel) => {
            let step = match &app.screen {
                Screen::Onboarding(w) => Some(w.step().clone()),
                _ => None,
            };
            super::agreement::open(app, store, rel, step)?;
            app.info("Saved.");
            Ok(())
        }
        Outcome::Closed(rel) => {
            let step = match &app.screen {
                Screen::Onboarding(w) => Some(w.step().clone()),
                _ => None,
            };
            super::agreement::open(app, store, rel, step)
        }
        Outcome::AskDiscardNew => {
            app.push_popup(Popup::discard_new());
            Ok(())
        }
        Outcome::AskDiscardEdit => {
            app.push_popup(Popup::discard_edit());
            Ok(())
        }
    }
}
