//! Keeping the agreed rhythm: the popup for due check-ins (log a meeting, a quick check-in,
//! snooze, reschedule) and the arc reviews (extend the relationship, or close it).

use chrono::{Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::fields::{Effect, FieldId, Fields, Value, date_hint, read_date};
use super::input::TextInput;
use super::{Action, App, Popup, Screen};
use crate::domain::checkin::{ArcPoint, arc_point, due_phrase, summary};
use crate::domain::dates::Direction;
use crate::domain::{AnswerValue, Checkin, ContactKind, PlannedDuration, RelationshipStatus};
use crate::error::Result;
use crate::store::Store;

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
fn panel_keys(fields: &mut Fields, action: &Action) -> Option<Effect> {
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
fn popup_fields_keys(app: &mut App, action: &Action) -> bool {
    let effect = match &mut app.popup {
        Some(Popup::Due { panel: Some(p), .. }) => panel_keys(p.fields_mut(), action),
        Some(Popup::Arc { panel: Some(f), .. }) | Some(Popup::Plan { fields: f, .. }) => {
            panel_keys(f, action)
        }
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
    let mut out = Vec::new();
    for r in store.due_rows(today)? {
        let Some(state) = r.state.filter(|s| s.prompt()) else {
            continue;
        };
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

/// The first arc review not yet prompted: (relationship, name, point, planned end).
pub fn arc_due(
    store: &Store,
    today: NaiveDate,
) -> Result<Option<(Uuid, String, ArcPoint, NaiveDate)>> {
    for r in store.due_rows(today)? {
        let (Some(end), Some(start)) = (r.planned_end, r.relationship.agreed_on) else {
            continue;
        };
        let Some(point) = arc_point(start, end, today) else {
            continue;
        };
        if !store
            .arc_reviews_done(r.relationship.id, end)?
            .contains(&point)
        {
            return Ok(Some((
                r.relationship.id,
                r.relationship.display_name().to_string(),
                point,
                end,
            )));
        }
    }
    Ok(None)
}

/// Whether a prompt may appear now: never over a form or another popup.
fn free(app: &App) -> bool {
    app.popup.is_none()
        && matches!(
            app.screen,
            Screen::Home(_) | Screen::Timeline(_) | Screen::Actions(_) | Screen::Goals(_)
        )
}

/// On start and once each new day: shows due check-ins (and arc reviews) in a popup that
/// never blocks. Waits while a form is open; a clock that goes backwards prompts nothing new.
pub fn check(app: &mut App, store: &Store) -> Result<()> {
    let today = app.now.date_naive();
    if app.due_checked.is_some_and(|d| d >= today) || !free(app) {
        return Ok(());
    }
    app.due_checked = Some(today);
    if let Some((relationship, name, point, end)) = arc_due(store, today)? {
        app.popup = Some(Popup::Arc {
            relationship,
            name,
            point,
            end,
            panel: None,
        });
        return Ok(());
    }
    let items = due_items(store, today)?;
    if !items.is_empty() {
        app.popup = Some(Popup::Due {
            items,
            at: 0,
            panel: None,
        });
        return Ok(());
    }
    if let Some((relationship, name, reason, why)) = super::survey::first_survey_due(
        store,
        today,
        app.settings.survey_every_days,
        app.settings.survey_every_contacts,
    )? {
        app.popup = Some(Popup::SurveyOffer {
            relationship,
            name,
            reason,
            why,
        });
    }
    Ok(())
}

fn checkin_panel() -> Fields {
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
        FieldId::Note,
        "Note",
        Value::Line(TextInput::default()),
        Some("one line (optional)"),
    );
    f.cursor = 1;
    f
}

fn date_panel(label: &str, value: &str, hint: &str) -> Fields {
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
pub(super) fn due_action(app: &mut App, store: &mut Store, action: Action) -> Result<bool> {
    if !matches!(app.popup, Some(Popup::Due { .. })) {
        return Ok(false);
    }
    if popup_fields_keys(app, &action) {
        return Ok(true);
    }
    let Some(Popup::Due { items, at, panel }) = app.popup.clone() else {
        return Ok(false);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let Some(item) = items.get(at).cloned() else {
        app.popup = None;
        return Ok(true);
    };
    if let Some(p) = panel {
        match action {
            Action::Back => {
                app.popup = Some(Popup::Due {
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
                        let c = Checkin::new(
                            item.relationship,
                            kind,
                            f.string(FieldId::Note).trim(),
                            now,
                        );
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
                                app.popup = Some(Popup::Due {
                                    items,
                                    at,
                                    panel: Some(p),
                                });
                                return Ok(true);
                            }
                            Err(e) => {
                                app.error(e);
                                app.popup = Some(Popup::Due {
                                    items,
                                    at,
                                    panel: Some(p),
                                });
                                return Ok(true);
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
                next_item(app, items, at);
                app.info(message);
                refresh_home(app, store)?;
            }
            _ => {
                app.popup = Some(Popup::Due {
                    items,
                    at,
                    panel: Some(p),
                });
            }
        }
        return Ok(true);
    }
    match action {
        Action::Back | Action::Quit => {
            app.popup = None;
            app.info("Dismissed for today: the home screen keeps showing what is due.");
        }
        Action::Down | Action::Next => next_item(app, items, at),
        Action::NewMeeting => {
            app.popup = None;
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
            app.popup = Some(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Checkin(checkin_panel())),
            });
        }
        Action::Snooze(days) => {
            let day = today + Duration::days(i64::from(days));
            let mut plan = store.checkin_plan(item.relationship)?;
            plan.snooze = Some((day, today));
            store.save_checkin_plan(item.relationship, &plan, now)?;
            next_item(app, items, at);
            app.info(format!(
                "Snoozed: {} comes up again on {}.",
                item.name,
                app.date(day)
            ));
            refresh_home(app, store)?;
        }
        Action::SnoozeUntil => {
            let panel = date_panel("Until", "", &date_hint(today, "fri, +1w, ", "+1w", ""));
            app.popup = Some(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Snooze(panel)),
            });
        }
        Action::Reschedule => {
            let panel = date_panel("Next on", "", &date_hint(today, "fri, +1w, ", "+1w", ""));
            app.popup = Some(Popup::Due {
                items,
                at,
                panel: Some(DuePanel::Reschedule(panel)),
            });
        }
        _ => {}
    }
    Ok(true)
}

/// Moves to the next due relationship, or closes the popup after the last.
fn next_item(app: &mut App, items: Vec<DueItem>, at: usize) {
    app.popup = if at + 1 < items.len() {
        Some(Popup::Due {
            items,
            at: at + 1,
            panel: None,
        })
    } else {
        None
    };
}

fn refresh_home(app: &mut App, store: &Store) -> Result<()> {
    if let Screen::Home(h) = &mut app.screen {
        let cursor = h.cursor;
        *h = super::Home::load(store, app.now.date_naive())?;
        h.cursor = cursor.min(h.relationships.len().saturating_sub(1));
    }
    Ok(())
}

/// Keys on the arc review popup: extend (a new end date), close (with a closing reflection),
/// or later (it is not asked again for this end date).
pub(super) fn arc_action(app: &mut App, store: &mut Store, action: Action) -> Result<bool> {
    if !matches!(app.popup, Some(Popup::Arc { .. })) {
        return Ok(false);
    }
    if popup_fields_keys(app, &action) {
        return Ok(true);
    }
    let Some(Popup::Arc {
        relationship,
        name,
        point,
        end,
        panel,
    }) = app.popup.clone()
    else {
        return Ok(false);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    if let Some(f) = panel {
        match action {
            Action::Back => {
                app.popup = Some(Popup::Arc {
                    relationship,
                    name,
                    point,
                    end,
                    panel: None,
                });
            }
            Action::Confirm | Action::Save => {
                match read_date(&f.string(FieldId::Date), today, Direction::Future) {
                    Ok(day) if day > today && day > end => {
                        store.mark_arc_review(relationship, point, end, now)?;
                        let plan = AnswerValue::Duration {
                            plan: PlannedDuration::Until { date: day },
                        };
                        store.save_answer(relationship, "duration", &plan, false, now)?;
                        // Points of the new span already passed are not asked about again.
                        if let Some(start) =
                            store.relationship(relationship)?.and_then(|r| r.agreed_on)
                            && let Some(reached) = arc_point(start, day, today)
                        {
                            for p in [ArcPoint::Midpoint, ArcPoint::EndingSoon, ArcPoint::Ended] {
                                if p <= reached {
                                    store.mark_arc_review(relationship, p, day, now)?;
                                }
                            }
                        }
                        app.popup = None;
                        refresh_home(app, store)?;
                        app.info(format!(
                            "Extended: the relationship with {name} now runs until {}.",
                            app.date(day)
                        ));
                    }
                    Ok(_) => {
                        app.error(format!(
                            "Pick a day after the current end ({}) and after today.",
                            app.date(end)
                        ));
                        app.popup = Some(Popup::Arc {
                            relationship,
                            name,
                            point,
                            end,
                            panel: Some(f),
                        });
                    }
                    Err(e) => {
                        app.error(e);
                        app.popup = Some(Popup::Arc {
                            relationship,
                            name,
                            point,
                            end,
                            panel: Some(f),
                        });
                    }
                }
            }
            _ => {
                app.popup = Some(Popup::Arc {
                    relationship,
                    name,
                    point,
                    end,
                    panel: Some(f),
                });
            }
        }
        return Ok(true);
    }
    match action {
        Action::Extend => {
            let f = date_panel("New end", "", &date_hint(today, "+3m, ", "+3m", ""));
            app.popup = Some(Popup::Arc {
                relationship,
                name,
                point,
                end,
                panel: Some(f),
            });
        }
        Action::CloseRelationship => {
            store.mark_arc_review(relationship, point, end, now)?;
            app.popup = Some(Popup::ConfirmClose { relationship, name });
        }
        Action::TakeSurvey => {
            store.mark_arc_review(relationship, point, end, now)?;
            super::survey::open_survey(app, store, relationship, point.id())?;
        }
        Action::Back | Action::Quit | Action::No => {
            store.mark_arc_review(relationship, point, end, now)?;
            app.popup = None;
            app.info("Noted: this review is not asked again; the agreement screen can change the end date.");
        }
        _ => {}
    }
    Ok(true)
}

/// Closes a relationship and opens a closing reflection about it. Closed relationships stay
/// readable and leave the due list.
pub(super) fn close_relationship(app: &mut App, store: &mut Store, id: Uuid) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Some(mut rel) = store.relationship(id)? else {
        app.popup = None;
        return Ok(());
    };
    rel.status = RelationshipStatus::Closed;
    store.save_relationship(&rel, now)?;
    app.popup = None;
    let mut form =
        super::entry::EntryForm::new_reflection(store, Some(id), None, app.now, app.content, 0)?;
    form.prompt = Some("closing".to_string());
    let origin = super::Origin::Home(Some(id));
    app.screen = Screen::Entry(Box::new(super::Writing { form, origin }));
    app.info(format!(
        "The relationship with {} is closed (still readable). A closing reflection, if you like: Esc skips it.",
        rel.display_name()
    ));
    Ok(())
}

/// The check-in plan panel: since the last contact, or on a fixed day every N weeks.
pub fn plan_panel(plan: &crate::domain::CheckinPlan, today: NaiveDate) -> Fields {
    use crate::domain::Schedule;
    let mut f = Fields::default();
    let (mode, anchor, every) = match plan.schedule {
        Schedule::SinceLastContact => ("since_contact", String::new(), 2),
        Schedule::Fixed {
            anchor,
            every_weeks,
        } => ("fixed", anchor.format("%Y-%m-%d").to_string(), every_weeks),
    };
    f.push(
        FieldId::Mode,
        "Check-ins",
        Value::Pick {
            options: vec![
                (
                    "since_contact".to_string(),
                    "the agreed cadence after the last contact".to_string(),
                ),
                ("fixed".to_string(), "on a fixed day".to_string()),
            ],
            at: usize::from(mode == "fixed"),
        },
        Some("← → to change"),
    );
    f.push(
        FieldId::Anchor,
        "First day",
        Value::Date(TextInput::new(anchor)),
        Some(&date_hint(today, "for a fixed day: tue, ", "+1w", "")),
    );
    f.push(
        FieldId::Every,
        "Every",
        Value::Pick {
            options: (1..=4)
                .map(|n| {
                    let label = match n {
                        1 => "week".to_string(),
                        2 => "other week".to_string(),
                        n => format!("{n} weeks"),
                    };
                    (n.to_string(), label)
                })
                .collect(),
            at: (every.clamp(1, 4) - 1) as usize,
        },
        Some("← → to change"),
    );
    let _ = today;
    f
}

/// Keys on the check-in plan popup.
pub(super) fn plan_action(app: &mut App, store: &mut Store, action: Action) -> Result<bool> {
    use crate::domain::Schedule;
    if !matches!(app.popup, Some(Popup::Plan { .. })) {
        return Ok(false);
    }
    if popup_fields_keys(app, &action) {
        return Ok(true);
    }
    let Some(Popup::Plan {
        relationship,
        name,
        mut fields,
    }) = app.popup.clone()
    else {
        return Ok(false);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    match action {
        Action::Back => app.popup = None,
        Action::Confirm | Action::Save => {
            let mut plan = store.checkin_plan(relationship)?;
            if fields.string(FieldId::Mode) == "fixed" {
                let text = fields.string(FieldId::Anchor);
                let anchor = if text.trim().is_empty() {
                    Err(date_hint(
                        today,
                        "Give the first day of the schedule: tue, ",
                        "+1w",
                        ".",
                    ))
                } else {
                    read_date(&text, today, Direction::Future)
                };
                match anchor {
                    Ok(anchor) => {
                        let every_weeks = fields.string(FieldId::Every).parse().unwrap_or(1);
                        plan.schedule = Schedule::Fixed {
                            anchor,
                            every_weeks,
                        };
                    }
                    Err(e) => {
                        fields.move_to(1);
                        app.error(e);
                        app.popup = Some(Popup::Plan {
                            relationship,
                            name,
                            fields,
                        });
                        return Ok(true);
                    }
                }
            } else {
                plan.schedule = Schedule::SinceLastContact;
            }
            plan.rescheduled = None;
            store.save_checkin_plan(relationship, &plan, now)?;
            app.popup = None;
            refresh_home(app, store)?;
            let how = plan
                .schedule
                .describe()
                .unwrap_or_else(|| "at the agreed cadence after the last contact".to_string());
            app.info(format!("Check-ins with {name}: {how}."));
        }
        _ => {
            app.popup = Some(Popup::Plan {
                relationship,
                name,
                fields,
            });
        }
    }
    Ok(true)
}
