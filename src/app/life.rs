//! Pausing, resuming, closing and reopening a relationship at any time: a popup on home offers
//! the changes its state allows, each with an optional reason. Closing hands over to the
//! closing review; a closed relationship also offers its closing summary.

use chrono::Utc;
use uuid::Uuid;

use super::checkins::{popup_fields_keys, refresh_home};
use super::fields::{FieldId, Fields, Value};
use super::input::TextInput;
use super::{Action, App, Popup, Reply};
use crate::domain::lifecycle::{allowed, check_change};
use crate::domain::{LifeEvent, LifeKind, LifeState, Relationship};
use crate::error::{Error, Result};
use crate::store::Store;

/// The popup's choice that opens the closing summary of a closed relationship.
pub const SUMMARY: &str = "summary";

/// What a choice of the popup does, in a few words for its picker.
pub fn choice_label(kind: LifeKind) -> &'static str {
    match kind {
        LifeKind::Paused => "pause",
        LifeKind::Resumed => "resume",
        LifeKind::Closed => "close",
        LifeKind::Reopened => "reopen",
    }
}

/// Where a relationship stands, in words for the popup and home: "active", "paused since
/// 2026-11-20 (a holiday)", "closed on 2026-11-22".
pub fn state_words(
    app: &App,
    rel: &Relationship,
    last: Option<&LifeEvent>,
    with_reason: bool,
) -> String {
    let reason = |kind: LifeKind| {
        last.filter(|e| with_reason && e.kind == kind && !e.reason.trim().is_empty())
            .map(|e| format!(" ({})", crate::text::sanitize_line(e.reason.trim())))
            .unwrap_or_default()
    };
    match rel.life() {
        LifeState::Draft => "not agreed yet".to_string(),
        // Since it last started again (resumed or reopened), else since it was agreed.
        LifeState::Active => match (rel.resumed_on, rel.agreed_on) {
            (Some(back), _) => format!(
                "active again since {}{}",
                app.date(back),
                reason(LifeKind::Resumed).to_string() + &reason(LifeKind::Reopened)
            ),
            (None, Some(d)) => format!("active since {}", app.date(d)),
            (None, None) => "active".to_string(),
        },
        LifeState::Paused { since } => {
            format!(
                "paused since {}{}",
                app.date(since),
                reason(LifeKind::Paused)
            )
        }
        LifeState::Closed { on: Some(on) } => {
            format!("closed on {}{}", app.date(on), reason(LifeKind::Closed))
        }
        LifeState::Closed { on: None } => format!("closed{}", reason(LifeKind::Closed)),
    }
}

/// Opens the popup for the relationship `id` (home's highlighted one), with `first` chosen
/// when it is allowed. Says why when nothing can change.
pub fn open(
    app: &mut App,
    store: &mut Store,
    id: Option<Uuid>,
    first: Option<LifeKind>,
) -> Result<()> {
    let Some(rel) = id.map(|id| store.relationship(id)).transpose()?.flatten() else {
        app.error(format!(
            "There is no relationship to pause or close yet: {} adds one.",
            app.key_label(
                crate::config::Context::Home,
                crate::config::Command::NewRelationship
            )
        ));
        return Ok(());
    };
    let name = rel.display_name().to_string();
    let kinds = allowed(rel.life());
    if kinds.is_empty() {
        // A draft: the domain's message says to finish the walk-through.
        if let Err(why) = check_change(rel.life(), LifeKind::Paused, &name) {
            app.error(why);
        }
        return Ok(());
    }
    let mut options: Vec<(String, String)> = kinds
        .iter()
        .map(|k| (k.id().to_string(), choice_label(*k).to_string()))
        .collect();
    if matches!(rel.life(), LifeState::Closed { .. }) {
        options.push((SUMMARY.to_string(), "see the closing summary".to_string()));
    }
    let at = first
        .and_then(|k| options.iter().position(|(id, _)| id == k.id()))
        .unwrap_or(0);
    let mut fields = Fields::default();
    fields.push(
        FieldId::Kind,
        "Change",
        Value::Pick { options, at },
        Some("← → to choose"),
    );
    fields.push(
        FieldId::Note,
        "Reason",
        Value::Line(TextInput::default()),
        Some("optional: a few words, kept with the change"),
    );
    let last = store.life_events(rel.id)?.pop();
    let now = state_words(app, &rel, last.as_ref(), true);
    app.push_popup(Popup::Life {
        relationship: rel.id,
        name,
        now,
        fields,
    });
    Ok(())
}

/// Keys on the popup: ← → choose, typing gives the reason, Enter does it, Esc cancels.
pub(super) fn life_action(app: &mut App, store: &mut Store, action: Action) -> Result<Reply> {
    if !matches!(app.popup(), Some(Popup::Life { .. })) || popup_fields_keys(app, &action) {
        return Ok(Reply::Keep);
    }
    let Some(Popup::Life {
        relationship,
        name,
        fields,
        ..
    }) = app.popup().cloned()
    else {
        return Ok(Reply::Keep);
    };
    if !matches!(action, Action::Confirm | Action::Save) {
        return Ok(match action {
            Action::Back => Reply::Close,
            _ => Reply::Keep,
        });
    }
    let choice = fields.string(FieldId::Kind);
    let reason = fields.string(FieldId::Note).trim().to_string();
    let kind = LifeKind::from_id(&choice);
    if choice == SUMMARY || kind == Some(LifeKind::Closed) {
        // Closing hands over to the closing review (which records the close), a closed one's
        // summary to its screen; should either fail, the popup comes back as it was.
        let popup = app.pop_popup();
        let opened = if choice == SUMMARY {
            super::closing::open_summary(app, store, relationship)
        } else {
            let reason = (!reason.is_empty()).then_some(reason);
            super::closing::open_review(app, store, relationship, reason)
        };
        if let Err(e) = opened {
            app.popups.extend(popup);
            return Err(e);
        }
        // Refused (the message says why): the popup, with the reason typed, stays.
        if !matches!(
            app.screen,
            super::Screen::ClosingReview(_) | super::Screen::ClosingSummary(_)
        ) {
            app.popups.extend(popup);
            return Ok(Reply::Keep);
        }
        // An arc review that led here is answered by the closing review.
        if choice != SUMMARY {
            app.popups
                .retain(|p| !matches!(p, Popup::Arc { relationship: r, .. } if *r == relationship));
        }
        return Ok(Reply::Keep);
    }
    let Some(kind) = kind else {
        return Ok(Reply::Keep);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    match store.record_life_event(relationship, kind, today, &reason, now) {
        Ok(_) => {}
        // The state changed meanwhile (another window, the command line): say so, keep the
        // popup and its reason.
        Err(Error::Usage(why)) => {
            app.error(why);
            return Ok(Reply::Keep);
        }
        Err(e) => return Err(e),
    }
    refresh_home(app, store)?;
    let name = crate::text::sanitize_line(&name);
    let resume = app.key_label(
        crate::config::Context::Home,
        crate::config::Command::LifeChange,
    );
    app.info(match kind {
        LifeKind::Paused => format!(
            "Paused: no check-in, review or survey reminders for {name} until you resume ({resume} on home)."
        ),
        LifeKind::Resumed => {
            format!("Resumed: check-ins with {name} count again from today.")
        }
        _ => format!(
            "Reopened: the relationship with {name} is active again; check-ins count from today."
        ),
    });
    Ok(Reply::Close)
}
