//! `mentorlog due`: what is due, for shell prompts, cron and notifications.

use super::to_json;
use crate::text::sanitize_line;

/// `mentorlog due`: one line per due or overdue relationship (or JSON of every active one),
/// and whether anything is due.
pub fn due_report(
    store: &crate::store::Store,
    today: chrono::NaiveDate,
    json: bool,
) -> crate::error::Result<(String, bool)> {
    use crate::domain::checkin::{due_phrase, summary};
    let rows = store.due_rows(today)?;
    let due = rows.iter().any(|r| r.state.is_some_and(|s| s.prompt()));
    if json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let name = r.relationship.display_name();
                serde_json::json!({
                    "relationship_id": r.relationship.id,
                    "with": name,
                    "agreed": r.state.is_some(),
                    "due": r.state.is_some_and(|s| s.prompt()),
                    "last_contact": r.state.and_then(|s| s.last_contact),
                    "next_due": r.state.map(|s| s.next_due),
                    "days_overdue": r.state.map_or(0, |s| s.days_overdue),
                    "snoozed_until": r.state.and_then(|s| s.snoozed_until),
                    "planned_meeting": r.state.and_then(|s| s.planned_meeting),
                    "initiator": r.initiator.map(|i| i.id()),
                    "cadence_days": r.cadence.map(|c| c.days()),
                    "schedule": r.plan.schedule.describe(),
                })
            })
            .collect();
        return Ok((to_json(&list)?, due));
    }
    let mut out = String::new();
    for r in &rows {
        let Some(state) = r.state.filter(|s| s.prompt()) else {
            continue;
        };
        let name = sanitize_line(r.relationship.display_name());
        out.push_str(&format!(
            "{name}: {} ({})\n",
            due_phrase(&state),
            summary(
                &state,
                r.cadence,
                r.plan.schedule,
                r.initiator,
                &name,
                today
            )
        ));
    }
    Ok((out, due))
}
