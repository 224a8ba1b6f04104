//! An agreement as a document to share with the other person: Markdown or JSON.
//! Private answers stay out unless asked for; all text is sanitised for the terminal.

use serde::Serialize;

use crate::app::steps::{self, Step};
use crate::content::Content;
use crate::domain::{Agreement, AnswerValue, Relationship, Role};
use crate::text::{sanitize, sanitize_line};

#[derive(Serialize)]
struct JsonAgreement<'a> {
    format: &'static str,
    version: u32,
    me: &'a str,
    relationship: JsonRelationship<'a>,
    answers: Vec<JsonAnswer<'a>>,
    private_answers_left_out: usize,
}

#[derive(Serialize)]
struct JsonRelationship<'a> {
    id: String,
    with: &'a str,
    my_role: Option<&'static str>,
    model: Option<&'a str>,
    topics: Vec<&'a str>,
    status: &'static str,
    agreed_on: Option<String>,
    planned_end: Option<String>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    id: &'a str,
    question: &'a str,
    summary: String,
    private: bool,
    value: &'a AnswerValue,
}

fn other_role(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Mentee) => "mentor",
        Some(Role::Mentor) => "mentee",
        Some(Role::Peer) => "peer",
        None => "partner",
    }
}

/// The questions of the agreement in walk-through order, with their answers.
fn answered<'a>(
    rel: &Relationship,
    agreement: &'a Agreement,
    content: &'a Content,
    include_private: bool,
) -> (
    Vec<(
        &'a crate::content::Question,
        Option<&'a crate::domain::Answer>,
    )>,
    usize,
) {
    let mut left_out = 0;
    let mut out = Vec::new();
    for q in steps::questions_for(rel.my_role, content) {
        let answer = agreement.answers.get(&q.id);
        let private = answer.map_or(q.private, |a| a.private);
        if private && !include_private {
            left_out += usize::from(answer.is_some());
            continue;
        }
        out.push((q, answer));
    }
    (out, left_out)
}

/// The agreement as Markdown.
pub fn markdown(
    me: &str,
    rel: &Relationship,
    agreement: &Agreement,
    content: &Content,
    include_private: bool,
) -> String {
    let mut s = String::new();
    let me = if me.trim().is_empty() {
        "Me"
    } else {
        me.trim()
    };
    let my_role = rel.my_role.map_or("partner", |r| r.id());
    s.push_str(&format!(
        "# Mentoring agreement: {me} ({my_role}) and {} ({})\n\n",
        rel.display_name(),
        other_role(rel.my_role)
    ));
    let mut facts = Vec::new();
    if let Some(d) = rel.agreed_on {
        facts.push(format!("Agreed on {}", d.format("%Y-%m-%d")));
        if let Some(end) = agreement.planned_end(d) {
            facts.push(format!("planned to end {}", end.format("%Y-%m-%d")));
        }
    }
    if let Some(m) = steps::summary(&Step::Model, "", rel, agreement, content) {
        facts.push(format!("model: {m}"));
    }
    if !facts.is_empty() {
        s.push_str(&facts.join(" · "));
        s.push_str("\n\n");
    }
    if let Some(t) = steps::summary(&Step::Topics, "", rel, agreement, content) {
        s.push_str(&format!("Focus topics: {t}\n\n"));
    }
    let (answers, left_out) = answered(rel, agreement, content, include_private);
    for (q, answer) in answers {
        s.push_str(&format!("## {}\n\n", q.text));
        match answer {
            Some(a) => {
                let text = match &a.value {
                    AnswerValue::Text { text } => text.trim_end().to_string(),
                    other => other.summary(rel.display_name()),
                };
                s.push_str(&text);
                if a.private {
                    s.push_str("\n\n_(private)_");
                }
            }
            None => s.push_str("_Not answered yet._"),
        }
        s.push_str("\n\n");
    }
    if left_out > 0 {
        s.push_str(&format!(
            "_{left_out} private {} left out; add --include-private to include {}._\n",
            if left_out == 1 {
                "answer is"
            } else {
                "answers are"
            },
            if left_out == 1 { "it" } else { "them" }
        ));
    }
    sanitize(s.trim_end()) + "\n"
}

/// The agreement as JSON (strings escaped by the encoder, so it is terminal-safe).
pub fn json(
    me: &str,
    rel: &Relationship,
    agreement: &Agreement,
    content: &Content,
    include_private: bool,
) -> String {
    let (answers, left_out) = answered(rel, agreement, content, include_private);
    let doc = JsonAgreement {
        format: "mentorlog-agreement",
        version: 1,
        me,
        relationship: JsonRelationship {
            id: rel.id.to_string(),
            with: &rel.other_name,
            my_role: rel.my_role.map(Role::id),
            model: rel.model.as_deref(),
            topics: rel.topics.iter().map(String::as_str).collect(),
            status: rel.status.id(),
            agreed_on: rel.agreed_on.map(|d| d.format("%Y-%m-%d").to_string()),
            planned_end: rel
                .agreed_on
                .and_then(|d| agreement.planned_end(d))
                .map(|d| d.format("%Y-%m-%d").to_string()),
        },
        answers: answers
            .into_iter()
            .filter_map(|(q, a)| {
                a.map(|a| JsonAnswer {
                    id: &q.id,
                    question: &q.text,
                    summary: a.value.summary(rel.display_name()),
                    private: a.private,
                    value: &a.value,
                })
            })
            .collect(),
        private_answers_left_out: left_out,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("the agreement is plain data");
    out.push('\n');
    // serde_json leaves DEL and C1 controls and bidi marks as they are: escape them too.
    out.chars()
        .map(|c| {
            if crate::text::sanitize(&c.to_string()) != c.to_string() {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

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
    let mut out = serde_json::to_string_pretty(&goals)
        .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
    out.push('\n');
    Ok(out)
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
                about.push(format!("{} days past {t}", (today - t).num_days()));
            } else {
                about.push(format!("by {t}"));
            }
        }
        if s.milestones > 0 {
            about.push(format!(
                "{} of {} milestones",
                s.milestones_done, s.milestones
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

/// The current time, or the one in `MENTORLOG_NOW` (RFC 3339), which scripts and tests use to
/// ask "what would be due then?".
pub fn now_from_env() -> Result<chrono::DateTime<chrono::Local>, String> {
    match std::env::var("MENTORLOG_NOW") {
        Ok(v) if !v.trim().is_empty() => chrono::DateTime::parse_from_rfc3339(v.trim())
            .map(|d| d.with_timezone(&chrono::Local))
            .map_err(|e| {
                format!("MENTORLOG_NOW={v:?} is not a time like 2026-11-22T10:00:00+01:00 ({e})")
            }),
        _ => Ok(chrono::Local::now()),
    }
}

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
                    "initiator": r.initiator.map(|i| i.id()),
                    "cadence_days": r.cadence.map(|c| c.days()),
                    "schedule": r.plan.schedule.describe(),
                })
            })
            .collect();
        let mut out = serde_json::to_string_pretty(&list)
            .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
        out.push('\n');
        return Ok((out, due));
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
