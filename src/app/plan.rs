//! The check-in plan popup: check-ins at the agreed cadence after the last contact, or on a
//! fixed day every N weeks.

use chrono::{NaiveDate, Utc};

use super::checkins::{popup_fields_keys, refresh_home};
use super::fields::{FieldId, Fields, Value, date_hint, read_date};
use super::input::TextInput;
use super::{Action, App, Popup, Reply};
use crate::domain::dates::Direction;
use crate::error::Result;
use crate::store::Store;

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
pub(super) fn plan_action(app: &mut App, store: &mut Store, action: Action) -> Result<Reply> {
    use crate::domain::Schedule;
    if !matches!(app.popup(), Some(Popup::Plan { .. })) {
        return Ok(Reply::Keep);
    }
    if popup_fields_keys(app, &action) {
        return Ok(Reply::Keep);
    }
    let Some(Popup::Plan {
        relationship,
        name,
        mut fields,
    }) = app.popup().cloned()
    else {
        return Ok(Reply::Keep);
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let mut reply = Reply::Keep;
    match action {
        Action::Back => reply = Reply::Close,
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
                        app.set_popup(Popup::Plan {
                            relationship,
                            name,
                            fields,
                        });
                        return Ok(reply);
                    }
                }
            } else {
                plan.schedule = Schedule::SinceLastContact;
            }
            plan.rescheduled = None;
            store.save_checkin_plan(relationship, &plan, now)?;
            reply = Reply::Close;
            refresh_home(app, store)?;
            let how = plan
                .schedule
                .describe()
                .unwrap_or_else(|| "at the agreed cadence after the last contact".to_string());
            app.info(crate::words::sentence(format!(
                "Check-ins with {name}: {how}"
            )));
        }
        _ => {
            app.set_popup(Popup::Plan {
                relationship,
                name,
                fields,
            });
        }
    }
    Ok(reply)
}
