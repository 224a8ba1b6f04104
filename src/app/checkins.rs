//! Keeping the agreed rhythm: the daily look at what is due, and the popup for due
//! check-ins (log a meeting, a quick check-in, snooze, reschedule, not now). The arc review
//! popup is in `arc`, the check-in plan popup in `plan`.

use chrono::{Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::fields::{Effect, FieldId, Fields, Value, date_hint, reached, read_date};
use super::input::TextInput;
use super::{Action, App, Popup, Reply, Screen};
use crate::domain::checkin::{due_phrase, summary};
use crate::domain::dates::Direction;
use crate::domain::{Checkin, ContactKind};
use crate::error::Result;
use crate::store::{DueRow, Store};

/// One relationship in the due popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub relationship: Uuid,
    pub name: String,
    /// "check-in overdue by 9 days".
    pub headline: String,
    /// "last contact 23 days ago · agreed every 2 weeks · you reach out".
    pub detail: String,
}

/// What the due popup is asking for, when one of its actions needs an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuePanel {
    Checkin(Fields),
    Snooze(Fields),
    Reschedule(Fields),
}

impl DuePanel {
    pub fn fields(&self) -> &Fields {
        match self {
            DuePanel::Checkin(f) | DuePanel::Snooze(f) | DuePanel::Reschedule(f) => f,
        }
    }

    fn fields_mut(&mut self) -> &mut Fields {
        match self {
            DuePanel::Checkin(f) | DuePanel::Snooze(f) | DuePanel::Reschedule(f) => f,
        }
    }
}

/// Moving and typing inside a popup's fields: `None` when the key is not one of those.
pub(super) fn panel_keys(fields: &mut Fields, action: &Action) -> Option<Effect> {
    match action {
        Action::Next | Action::Down => {
            fields.step(1);
            Some(Effect::Moved)
        }
        Action::Prev | Action::Up => {
            fields.step(-1);
            Some(Effect::Moved)
        }
        Action::Edit(e) => Some(fields.edit(e)),
        Action::Paste(p) => Some(fields.paste(p)),
        _ => None,
    }
}

/// Applies `panel_keys` to the fields of the popup, if it has any; true when the key was
/// used there (a refusal is shown).
pub(super) fn popup_fields_keys(app: &mut App, action: &Action) -> bool {
    let effect = match app.popup_mut() {
        Some(Popup::Due { panel: Some(p), .. }) => panel_keys(p.fields_mut(), action),
        Some(Popup::Arc { panel: Some(f), .. })
        | Some(Popup::Plan { fields: f, .. })
        | Some(Popup::Life { fields: f, .. }) => panel_keys(f, action),
        _ => None,
    };
    match effect {
        Some(Effect::Refused(why)) => {
            app.error(why);
            true
        }
        Some(_) => true,
        None => false,
    }
}

/// Due and overdue check-ins worth a prompt today.
pub fn due_items(store: &Store, today: NaiveDate) -> Result<Vec<DueItem>> {
    due_items_of(store, &store.due_rows(today)?, today)
}

/// The due items among `rows` (every active relationship's state on `today`).
fn due_items_of(store: &Store, rows: &[DueRow], today: NaiveDate) -> Result<Vec<DueItem>> {
    let mut out = Vec::new();
    let mut not_now = None;
    for r in rows {
        let Some(state) = r.state.filter(|s| s.prompt()) else {
            continue;
        };
        // Every "not now" is read at once, when the first due check-in needs it.
        let not_now = match &mut not_now {
            Some(n) => n,
            None => not_now.insert(store.not_now_days()?),
        };
        if not_now
            .get(&r.relationship.id)
            .is_some_and(|until| *until > today)
        {
            continue;
        }
        let name = r.relationship.display_name().to_string();
        out.push(DueItem {
            relationship: r.relationship.id,
            headline: due_phrase(&state),
            detail: summary(
                &state,
                r.cadence,
                r.plan.schedule,
                r.initiator,
                &name,
                today,
            ),
            name,
        });
    }
    Ok(out)
}

/// Whether a prompt may appear now: never over a form or another popup.
fn free(app: &App) -> bool {
    app.popups.is_empty()
        && matches!(
            app.screen,
            Screen::Home(_) | Screen::Timeline(_) | Screen::Actions(_) | Screen::Goals(_)
        )
}

/// On start and once each new day: shows due check-ins (and arc reviews) in a popup that
/// never blocks. Waits while a form is open; a clock that goes backwards prompts nothing new.
pub fn check(app: &mut App, store: &Store) -> Result<()> {
    check_with(app, store, None)
}

/// [`check`], with every active relationship's check-in state on today's date when the caller
/// has just read it (the home screen at start).
pub(super) fn check_with(app: &mut App, store: &Store, rows: Option<Vec<DueRow>>) -> Result<()> {
    let today = app.now.date_naive();
    if app.due_checked.is_some_and(|d| d >= today) || !free(app) {
        return Ok(());
    }
    app.due_checked = Some(today);
    let rows = match rows {
        Some(rows) => rows,
        None => store.due_rows(today)?,
    };
    if let Some((relationship, name, point, end)) = super::arc::arc_due(store, &rows, today)? {
        app.push_popup(Popup::Arc {
            relationship,
            name,
            point,
            end,
            reality: super::arc::arc_reality(store, relationship, today)?,
            panel: None,
        });
        return Ok(());
    }
    let items = due_items_of(store, &rows, today)?;
    if !items.is_empty() {
        app.push_popup(Popup::Due {
            items,
            at: 0,
            panel: None,
        });
        return Ok(());
    }
    if let Some((relationship, name, reason, why)) = super::survey::first_survey_due(
        store,
        &rows,
        today,
        app.settings.survey_every_days,
        app.settings.survey_every_contacts,
    )? {
        app.push_popup(Popup::SurveyOffer {
            relationship,
            name,
            reason,
            why,
        });
    }
    Ok(())
}

/// The quick check-in panel; `other` names the other person's side of "who reached out".
fn checkin_panel(other: &str) -> Fields {
    let mut f = Fields::default();
    f.push(
        FieldId::Kind,
        "How",
        Value::Pick {
            options: ContactKind::ALL
                .iter()
                .map(|k| (k.id().to_string(), k.id().to_string()))
                .collect(),
            at: 0,
        },
        Some("← → to change"),
    );
    f.push(
        FieldId::ReachedOut,
        reached::LABEL,
        reached::pick(None, other),
        Some(reached::HINT),
    );
    f.push(
        FieldId::Note,
        "Note",
        Value::Line(TextInput::default()),
        Some("one line (optional)"),
    );
    // The note is what most people type; the choices above it keep their defaults.
    f.cursor = 2;
    f
}

pub(super) fn date_panel(label: &str, value: &str, hint: &str) -> Fields {
    let mut f = Fields::default();
    f.push(
        FieldId::Date,
        label,
        Value::Date(TextInput::new(value)),
        Some(hint),
    );
    f
}

/// Keys on the due popup.
pub(super) fn due_action(app: &mut App, store: &mut Store, action: Action) -> Result<Reply> {
    if !matches!(app.popup(), Some(Popup::Due { .. })) {
        return Ok(Reply::Keep);
    }
    if popup_fields_keys(app, &action) {
        return Ok(Reply::Keep);
    }
    let Some(Popup::Due { items, at, panel }) = app.popup().cloned() else {
        return Ok(Reply::Keep);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let mut reply = Reply::Keep;
    let Some(item) = items.get(at).cloned() else {
        return Ok(Reply::Close);
    };
    if let Some(p) = panel {
        match action {
            Action::Back => {
                app.set_popup(Popup::Due {
                    items,
                    at,
                    panel: None,
                });
            }
            Action::Confirm | Action::Save => {
                let message = match &p {
                    DuePanel::Checkin(f) => {
                        let kind = ContactKind::from_id(&f.string(FieldId::Kind))
                            .unwrap_or(ContactKind::Other);
                        let mut c = Checkin::new(
                            item.relationship,
                            kind,
                            f.string(FieldId::Note).trim(),
                            now,
                        );
                        c.reached_out = reached::read(f);
                        store.save_checkin(&c, now)?;
                        format!(
                            "Check-in with {} logged ({}): it counts as contact.",
                            item.name,
                            kind.id()
                        )
                    }
                    DuePanel::Snooze(f) | DuePanel::Reschedule(f) => {
                        let text = f.string(FieldId::Date);
                        let day = match read_date(&text, today, Direction::Future) {
                            Ok(d) if d > today => d,
                            Ok(_) => {
                                app.error(date_hint(
                                    today,
                                    "Pick a day after today: tomorrow, +3d, ",
                                    "+3d",
                                    ".",
                                ));
                                app.set_popup(Popup::Due {
                                    items,
                                    at,
                                    panel: Some(p),
                                });
                                return Ok(reply);
                            }
                            Err(e) => {
                                app.error(e);
                                app.set_popup(Popup::Due {
                                    items,
                                    at,
                                    panel: Some(p),
                                });
                                return Ok(reply);
                            }
                        };
                        let mut plan = store.checkin_plan(item.relationship)?;
                        let snooze = matches!(p, DuePanel::Snooze(_));
                        if snooze {
                            plan.snooze = Some((day, today));
                        } else {
                            plan.rescheduled = Some((day, today));
                            plan.snooze = None;
                        }
                        store.save_checkin_plan(item.relationship, &plan, now)?;
                        if snooze {
                            format!(
                                "Snoozed: {} comes up again on {}.",
                                item.name,
                                app.date(day)
                            )
                        } else {
                            format!(
                                "The next check-in with {} is on {}.",
                                item.name,
                                app.date(day)
                            )
                        }
                    }
                };
                reply = next_item(app, items, at);
                app.info(message);
                refresh_home(app, store)?;
            }
            _ => {
                app.set_popup(Popup::Due {
                    items,
                    at,
                    panel: Some(p),
                });
            }
        }
        return Ok(reply);
    }
    match action {
        Action::Back | Action::Quit => {
            // Not now for the person shown only: asked again tomorrow, also after a restart.
            store.set_not_now(item.relationship, today + Duration::days(1), now)?;
            reply = next_item(app, items, at);
            app.info(format!(
                "Dismissed for today: {} comes up again tomorrow.",
                item.name
            ));
            refresh_home(app, store)?;
        }
        Action::Down | Action::Next => reply = next_item(app, items, at),
        Action::NewMeeting => {
            reply = Reply::Close;
            let form = super::entry::EntryForm::new_meeting(
                store,
                Some(item.relationship),
                app.now,
                app.content,
            )?;
            let origin = super::Origin::Home(Some(item.relationship));
            app.screen = Screen::Entry(Box::new(super::Writing { form, origin }));
        }
        Action::QuickCheckin => {
            app.set_popup(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Checkin(checkin_panel(&item.name))),
            });
        }
        Action::Snooze(days) => {
            let day = today + Duration::days(i64::from(days));
            let mut plan = store.checkin_plan(item.relationship)?;
            plan.snooze = Some((day, today));
            store.save_checkin_plan(item.relationship, &plan, now)?;
            reply = next_item(app, items, at);
            app.info(format!(
                "Snoozed: {} comes up again on {}.",
                item.name,
                app.date(day)
            ));
            refresh_home(app, store)?;
        }
        Action::SnoozeUntil => {
            let panel = date_panel("Until", "", &date_hint(today, "fri, +1w, ", "+1w", ""));
            app.set_popup(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Snooze(panel)),
            });
        }
        Action::Reschedule => {
            let panel = date_panel("Next on", "", &date_hint(today, "fri, +1w, ", "+1w", ""));
            app.set_popup(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Reschedule(panel)),
            });
        }
        _ => {}
    }
    Ok(reply)
}

/// Moves to the next due relationship, or closes the popup after the last.
fn next_item(app: &mut App, items: Vec<DueItem>, at: usize) -> Reply {
    if at + 1 < items.len() {
        app.set_popup(Popup::Due {
            items,
            at: at + 1,
            panel: None,
        });
        Reply::Keep
    } else {
        Reply::Close
    }
}

pub(super) fn refresh_home(app: &mut App, store: &Store) -> Result<()> {
    if let Screen::Home(h) = &mut app.screen {
        h.reload(store, app.now.date_naive())?;
    }
    Ok(())
}
