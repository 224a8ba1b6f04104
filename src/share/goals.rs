//! `mentorlog goals`: the goals as text to read or JSON for scripts.

use super::to_json;
use crate::text::sanitize_line;

/// The goals (of one relationship, or all) as JSON for scripts: one object per goal, board
/// order.
pub fn goals_json(
    store: &crate::store::Store,
    only: Option<uuid::Uuid>,
    today: chrono::NaiveDate,
) -> crate::error::Result<String> {
    let names = goal_names(store)?;
    let goals: Vec<serde_json::Value> = store
        .goal_summaries(only)?
        .into_iter()
        .map(|s| {
            let g = &s.goal;
            let overdue = g.status.is_open() && g.target_on.is_some_and(|t| t < today);
            serde_json::json!({
                "id": g.id,
                "relationship_id": g.relationship_id,
                "with": names.get(&g.relationship_id),
                "title": g.title,
                "status": g.status.id(),
                "progress": s.progress,
                "milestones": s.milestones,
                "milestones_done": s.milestones_done,
                "target_on": g.target_on,
                "overdue": overdue,
                "success": g.success,
                "topic": g.topic,
                "baseline": g.baseline,
                "final_rating": g.final_rating,
                "last_activity": s.last_activity,
            })
        })
        .collect();
    to_json(&goals)
}

/// The goals as lines of text: status, progress, title, and whose and by when.
pub fn goals_text(
    store: &crate::store::Store,
    only: Option<uuid::Uuid>,
    today: chrono::NaiveDate,
) -> crate::error::Result<String> {
    let names = goal_names(store)?;
    let goals = store.goal_summaries(only)?;
    if goals.is_empty() {
        return Ok("No goals yet. Add one in mentorlog: g opens the goals, n adds one.\n".into());
    }
    let mut out = String::new();
    for s in goals {
        let g = &s.goal;
        let mut about = vec![sanitize_line(
            names.get(&g.relationship_id).map_or("", String::as_str),
        )];
        if let Some(t) = g.target_on {
            if g.status.is_open() && t < today {
                about.push(format!(
                    "{} past {t}",
                    crate::words::count((today - t).num_days(), "day", "days")
                ));
            } else {
                about.push(format!("by {t}"));
            }
        }
        if s.milestones > 0 {
            about.push(format!(
                "{} of {}",
                s.milestones_done,
                crate::words::count(s.milestones, "milestone", "milestones")
            ));
        }
        out.push_str(&format!(
            "{:<9} {:>3}%  {}  ({})\n",
            g.status.id(),
            s.progress,
            sanitize_line(&g.title),
            about.join(", ")
        ));
    }
    Ok(out)
}

fn goal_names(
    store: &crate::store::Store,
) -> crate::error::Result<std::collections::HashMap<uuid::Uuid, String>> {
    Ok(store
        .relationships()?
        .into_iter()
        .map(|r| (r.id, r.display_name().to_string()))
        .collect())
}
