//! The pair review as a document: Markdown to read together, or JSON.

use super::record_parts::{
    Names, action_line, checkins_markdown, day, reality_markdown, reflection_markdown,
};
use super::to_json;
use crate::content::Content;
use crate::text::markdown::{block, inline, line_start};

/// The pair review as one Markdown document; typed text escaped (see
/// [`crate::text::markdown`]).
pub fn review_markdown(d: &crate::review::ReviewData, content: &Content) -> String {
    use std::fmt::Write as _;
    let names = Names::new(&d.me, d.relationship.display_name());
    let mut out = String::new();
    let _ = writeln!(out, "# Pair review: {} and {}\n", names.me, names.other);
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
    reality_markdown(&mut out, &d.reality, d.relationship.display_name());
    let _ = writeln!(out, "## Goals\n");
    if d.goals.is_empty() {
        let _ = writeln!(out, "No goals yet.\n");
    }
    for g in &d.goals {
        let s = &g.summary;
        let _ = writeln!(
            out,
            "- **{}** ({}, {}%){}",
            inline(&s.goal.title),
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
                line_start(&m.text)
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
            "### {}{}\n",
            day(m.held_at),
            if m.private { " (private)" } else { "" }
        );
        let notes = block(&m.notes);
        if !notes.is_empty() {
            let _ = writeln!(out, "{notes}\n");
        }
        let outcomes = block(&m.outcomes);
        if !outcomes.is_empty() {
            let _ = writeln!(out, "Outcomes: {outcomes}\n");
        }
        for i in items {
            let _ = writeln!(out, "{}", action_line(i, &names));
        }
        if !items.is_empty() {
            out.push('\n');
        }
    }
    checkins_markdown(&mut out, &d.checkins, &names);
    let _ = writeln!(out, "## Reflections\n");
    if d.reflections.is_empty() {
        let _ = writeln!(out, "No shared reflections in this period.\n");
    }
    for r in &d.reflections {
        reflection_markdown(&mut out, 3, r, d.relationship.my_role, content);
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
            day(s.at),
            crate::domain::checkin::average(&s.scores).unwrap_or(0.0),
            inline(&scores.join("; "))
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
                "updates": g.updates.iter().filter(|u| shared_update(d, u)).map(|u| serde_json::json!({
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
                "duration_minutes": m.duration_minutes,
                "medium": m.medium.map(|x| x.id()),
                "topics": m.topics,
                "reached_out": m.reached_out.map(|x| x.id()),
                "next_meeting_on": m.next_meeting_on,
                "agenda": m.agenda,
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
    let other = d.relationship.display_name();
    let checkins: Vec<serde_json::Value> = d
        .checkins
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.id, "at": c.at, "kind": c.kind.id(), "note": c.note,
                "reached_out": c.reached_out.map(|s| s.id()),
            })
        })
        .collect();
    let content = Content::get();
    let reflections: Vec<serde_json::Value> = d
        .reflections
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id, "written_at": r.written_at, "body": r.body,
                "prompt": r.prompt_id.as_deref().map(|id| content
                    .prompt(id)
                    .map_or(id, |p| p.text_for(d.relationship.my_role))),
                "tags": r.tags, "private": r.private,
            })
        })
        .collect();
    let r = &d.reality;
    let reality = serde_json::json!({
        "sentences": r.sentences(other),
        "agreed_hours_a_month": r.terms.time.and_then(|t| t.shared_hours()),
        "cadence": r.terms.cadence.map(|c| c.describe()),
        "planned_end": r.terms.planned_end,
        "until": r.until,
        "months": r.months.iter().map(|m| serde_json::json!({
            "month": m.month.format("%Y-%m").to_string(),
            "meetings": m.meetings,
            "minutes": m.minutes,
        })).collect::<Vec<_>>(),
        "meetings": r.meetings,
        "meetings_without_length": r.meetings_without_length,
        "checkins": r.checkins,
        "average_days_between_contacts": r.gaps.map(|g| g.average_days),
        "longest_gap_days": r.gaps.map(|g| g.longest_days),
        "last_contact": r.last_contact,
        "reached_out": {
            "me": r.reached_out.me,
            "other": r.reached_out.other,
            "not_noted": r.reached_out.not_noted,
        },
    });
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
        "reality": reality,
        "checkins": checkins,
        "reflections": reflections,
    });
    to_json(&v)
}

/// Whether a goal's progress update may be shown: one that came from a meeting or reflection
/// is shown only when that entry is (the review's data holds the shared ones of its period;
/// one outside it is left out, as it may be private).
fn shared_update(d: &crate::review::ReviewData, u: &crate::domain::ProgressUpdate) -> bool {
    if d.include_private {
        return true;
    }
    let meeting = u
        .meeting_id
        .is_none_or(|id| d.meetings.iter().any(|(m, _)| m.id == id && !m.private));
    let reflection = u
        .reflection_id
        .is_none_or(|id| d.reflections.iter().any(|r| r.id == id && !r.private));
    meeting && reflection
}

/// The "Resources and introductions" section: what the review's data holds (private ones
/// only when the review includes private entries).
pub(super) fn resources_markdown(out: &mut String, d: &crate::review::ReviewData) {
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
    let names = Names::new(&d.me, d.relationship.display_name());
    for r in &d.resources {
        let who = names.side(r.offered_by);
        let mut line = format!(
            "- **{}**{} ({}, from {who}, {})",
            escape_inline(&r.title),
            if r.private { " (private)" } else { "" },
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
            "\\[click\\](http\\://x) \\*bold\\* \\`code\\`"
        );
        assert_eq!(escape_inline("# not a heading"), "\\# not a heading");
    }
}
