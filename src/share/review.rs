//! The pair review as a document: Markdown to read together, or JSON.

use super::to_json;
use crate::content::Content;
use crate::text::{sanitize, sanitize_line};

/// The pair review as one Markdown document, sanitised.
pub fn review_markdown(d: &crate::review::ReviewData, content: &Content) -> String {
    use crate::domain::checkin::average;
    use std::fmt::Write as _;
    let name = sanitize_line(d.relationship.display_name());
    let me = sanitize_line(&d.me);
    let mut out = String::new();
    let _ = writeln!(out, "# Pair review: {me} and {name}\n");
    let from = d.from.map_or("the start".to_string(), |f| f.to_string());
    let _ = writeln!(out, "From {from} to {}.", d.to);
    if d.include_private {
        let _ = writeln!(out, "This copy includes private entries.\n");
    } else {
        let _ = writeln!(
            out,
            "Shared entries only: {} private entr{} of the period left out.\n",
            d.hidden_private,
            if d.hidden_private == 1 { "y" } else { "ies" }
        );
    }
    let _ = writeln!(out, "## Goals\n");
    if d.goals.is_empty() {
        let _ = writeln!(out, "No goals yet.\n");
    }
    for g in &d.goals {
        let s = &g.summary;
        let _ = writeln!(
            out,
            "- **{}** ({}, {}%){}",
            sanitize_line(&s.goal.title),
            s.goal.status.id(),
            s.progress,
            s.goal
                .target_on
                .map(|t| format!(", target {t}"))
                .unwrap_or_default()
        );
        for m in &g.milestones {
            let _ = writeln!(
                out,
                "  - [{}] {}",
                if m.done_at.is_some() { "x" } else { " " },
                sanitize_line(&m.text)
            );
        }
        if let (Some(b), Some(f)) = (s.goal.baseline, s.goal.final_rating) {
            let _ = writeln!(out, "  - self-rating {b} at the start, {f} at the end");
        }
    }
    resources_markdown(&mut out, d);
    out.push_str(&super::skills::skills_markdown(d));
    let _ = writeln!(out, "\n## Meetings\n");
    if d.meetings.is_empty() {
        let _ = writeln!(out, "No meetings in this period.\n");
    }
    for (m, items) in &d.meetings {
        let _ = writeln!(
            out,
            "### {}\n",
            m.held_at.with_timezone(&chrono::Local).format("%Y-%m-%d")
        );
        if !m.notes.trim().is_empty() {
            let _ = writeln!(out, "{}\n", sanitize(m.notes.trim()));
        }
        if !m.outcomes.trim().is_empty() {
            let _ = writeln!(out, "Outcomes: {}\n", sanitize(m.outcomes.trim()));
        }
        for i in items {
            let _ = writeln!(
                out,
                "- [{}] {} ({})",
                if i.done_at.is_some() { "x" } else { " " },
                sanitize_line(&i.text),
                i.owner.id()
            );
        }
        if !items.is_empty() {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## Pulse\n");
    if d.surveys.is_empty() {
        let _ = writeln!(out, "No pulse surveys in this period.");
    }
    for s in &d.surveys {
        let scores: Vec<String> = s
            .scores
            .iter()
            .map(|(id, n)| {
                let text = content
                    .statements
                    .iter()
                    .find(|st| &st.id == id)
                    .map_or(id.as_str(), |st| st.text(d.relationship.my_role));
                format!("{text} {n}")
            })
            .collect();
        let _ = writeln!(
            out,
            "- {}: average {:.1} — {}",
            s.at.with_timezone(&chrono::Local).format("%Y-%m-%d"),
            average(&s.scores).unwrap_or(0.0),
            sanitize_line(&scores.join("; "))
        );
    }
    out
}

/// The pair review as JSON.
pub fn review_json(d: &crate::review::ReviewData) -> crate::error::Result<String> {
    let goals: Vec<serde_json::Value> = d
        .goals
        .iter()
        .map(|g| {
            serde_json::json!({
                "id": g.summary.goal.id,
                "title": g.summary.goal.title,
                "status": g.summary.goal.status.id(),
                "progress": g.summary.progress,
                "target_on": g.summary.goal.target_on,
                "baseline": g.summary.goal.baseline,
                "final_rating": g.summary.goal.final_rating,
                "milestones": g.milestones.iter().map(|m| serde_json::json!({
                    "text": m.text, "done": m.done_at.is_some(), "due": m.due.map(|d| d.text()),
                })).collect::<Vec<_>>(),
                "updates": g.updates.iter().map(|u| serde_json::json!({
                    "at": u.at, "progress": u.progress, "note": u.note,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let meetings: Vec<serde_json::Value> = d
        .meetings
        .iter()
        .map(|(m, items)| {
            serde_json::json!({
                "id": m.id,
                "held_at": m.held_at,
                "notes": m.notes,
                "outcomes": m.outcomes,
                "private": m.private,
                "action_items": items.iter().map(|i| serde_json::json!({
                    "text": i.text, "owner": i.owner.id(), "due_on": i.due_on, "done": i.done_at.is_some(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let surveys: Vec<serde_json::Value> = d
        .surveys
        .iter()
        .map(|s| serde_json::json!({ "at": s.at, "scores": s.scores, "note": s.note }))
        .collect();
    let resources: Vec<serde_json::Value> = d
        .resources
        .iter()
        .map(|r| {
            serde_json::json!({
                "kind": r.kind.id(), "title": r.title, "detail": r.detail,
                "offered_by": r.offered_by.id(), "state": r.state.id(), "note": r.note,
                "private": r.private,
            })
        })
        .collect();
    let v = serde_json::json!({
        "with": d.relationship.display_name(),
        "from": d.from,
        "to": d.to,
        "include_private": d.include_private,
        "hidden_private": d.hidden_private,
        "goals": goals,
        "meetings": meetings,
        "pulse": surveys,
        "resources": resources,
        "hidden_private_resources": d.hidden_resources,
        "skills": super::skills::skills_json(d),
    });
    to_json(&v)
}

/// The "Resources and introductions" section: what the review's data holds (private ones
/// only when the review includes private entries).
fn resources_markdown(out: &mut String, d: &crate::review::ReviewData) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "\n## Resources and introductions\n");
    if d.resources.is_empty() && d.hidden_resources == 0 {
        let _ = writeln!(out, "None shared yet.");
    }
    if d.hidden_resources > 0 {
        let n = d.hidden_resources;
        let _ = writeln!(
            out,
            "{} left out.\n",
            crate::words::count(n, "private resource", "private resources")
        );
    }
    let me = sanitize_line(&d.me);
    let them = sanitize_line(d.relationship.display_name());
    for r in &d.resources {
        let who = match r.offered_by {
            crate::domain::Side::Me if me.trim().is_empty() => "me".to_string(),
            crate::domain::Side::Me => me.clone(),
            crate::domain::Side::Other => them.clone(),
        };
        let mut line = format!(
            "- **{}** ({}, from {who}, {})",
            escape_inline(&r.title),
            r.kind.label(),
            r.state.label()
        );
        if !r.detail.trim().is_empty() {
            let _ = write!(line, ": {}", escape_inline(&r.detail));
        }
        if !r.note.trim().is_empty() {
            let _ = write!(line, " — {}", escape_inline(&r.note));
        }
        let _ = writeln!(out, "{line}");
    }
}

/// One line of user text inside a Markdown list item (see [`crate::text::markdown::inline`]).
pub(super) fn escape_inline(text: &str) -> String {
    crate::text::markdown::inline(text)
}

#[cfg(test)]
mod tests {
    use super::escape_inline;

    #[test]
    fn typed_text_cannot_become_a_link_or_emphasis() {
        assert_eq!(
            escape_inline("[click](http://x) *bold* `code`"),
            "\\[click\\](http://x) \\*bold\\* \\`code\\`"
        );
        assert_eq!(escape_inline("# not a heading"), "\\# not a heading");
    }
}
