//! The arc review popup: a relationship reached its midpoint, nears its planned end, or
//! reached it. Extend it (a new end date), close it (the closing review), or later (the next
//! day).

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::checkins::{date_panel, popup_fields_keys, refresh_home};
use super::fields::{FieldId, date_hint, read_date};
use super::{Action, App, Popup, Reply};
use crate::domain::arc::arc_review_to_ask;
use crate::domain::checkin::{ArcPoint, arc_point};
use crate::domain::dates::Direction;
use crate::domain::{AnswerValue, PlannedDuration};
use crate::error::Result;
use crate::store::{DueRow, Store};

/// What the arc review shows of the agreement beside what happened. Its own type so the
/// popups stay comparable: the average gap is a fraction, but of whole days, never NaN.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcReality(pub Box<crate::domain::reality::Reality>);

impl Eq for ArcReality {}

/// The agreement beside what happened up to `today`, for the arc review of `relationship`.
pub fn arc_reality(
    store: &Store,
    relationship: Uuid,
    today: NaiveDate,
) -> Result<Option<ArcReality>> {
    Ok(store
        .reality(relationship, today, true)?
        .map(|r| ArcReality(Box::new(r))))
}

/// The first arc review to ask about today: (relationship, name, point, planned end). One
/// answered is not asked again for that end; one put off with "later" is asked again from
/// the next day.
pub fn arc_due(
    store: &Store,
    rows: &[DueRow],
    today: NaiveDate,
) -> Result<Option<(Uuid, String, ArcPoint, NaiveDate)>> {
    for r in rows {
        let (Some(end), Some(start)) = (r.planned_end, r.relationship.agreed_on) else {
            continue;
        };
        if !r.relationship.takes_reminders() || arc_point(start, end, today).is_none() {
            continue;
        }
        let answered = store.arc_reviews_done(r.relationship.id, end)?;
        let later = store.arc_later(r.relationship.id)?;
        if let Some(point) = arc_review_to_ask(start, end, today, &answered, later) {
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

/// Keys on the arc review popup: extend (a new end date), close (the closing review, after a
/// popup that takes a reason), or later (asked again the next day).
pub(super) fn arc_action(app: &mut App, store: &mut Store, action: Action) -> Result<Reply> {
    if !matches!(app.popup(), Some(Popup::Arc { .. })) {
        return Ok(Reply::Keep);
    }
    if popup_fields_keys(app, &action) {
        return Ok(Reply::Keep);
    }
    let Some(Popup::Arc {
        relationship,
        name,
        point,
        end,
        reality,
        panel,
    }) = app.popup().cloned()
    else {
        return Ok(Reply::Keep);
    };
    // The popup again, with or without a panel.
    let arc = |panel| Popup::Arc {
        relationship,
        name: name.clone(),
        point,
        end,
        reality: reality.clone(),
        panel,
    };
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let mut reply = Reply::Keep;
    if let Some(f) = panel {
        match action {
            Action::Back => {
                app.set_popup(arc(None));
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
                        reply = Reply::Close;
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
                        app.set_popup(arc(Some(f)));
                    }
                    Err(e) => {
                        app.error(e);
                        app.set_popup(arc(Some(f)));
                    }
                }
            }
            _ => {
                app.set_popup(arc(Some(f)));
            }
        }
        return Ok(reply);
    }
    match action {
        Action::Extend => {
            let f = date_panel("New end", "", &date_hint(today, "+3m, ", "+3m", ""));
            app.set_popup(arc(Some(f)));
        }
        Action::CloseRelationship => {
            // Over the review, with closing chosen and room for a reason: Esc returns to it.
            super::life::open(
                app,
                store,
                Some(relationship),
                Some(crate::domain::LifeKind::Closed),
            )?;
        }
        Action::TakeSurvey => {
            store.mark_arc_review(relationship, point, end, now)?;
            reply = Reply::CloseThen(super::Then::TakeSurvey {
                relationship,
                reason: point.id().to_string(),
            });
        }
        Action::ReviseAgreement => {
            // Revising together answers this review.
            store.mark_arc_review(relationship, point, end, now)?;
            super::agreement::revise(app, store, relationship, point)?;
            reply = Reply::Close;
        }
        Action::Back | Action::Quit | Action::No => {
            // Later is never "never": the review comes back tomorrow, also after a restart.
            store.set_arc_later(relationship, today + chrono::Days::new(1), now)?;
            reply = Reply::Close;
            app.info(format!(
                "Later, then: this review comes back tomorrow. {} on home pauses or closes the relationship at any time.",
                app.key_label(crate::config::Context::Home, crate::config::Command::LifeChange)
            ));
        }
        _ => {}
    }
    Ok(reply)
}
