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
    to_json(&doc).expect("the agreement is plain data")
}

/// JSON as every command prints it: pretty, ending with a newline, and with the characters a
/// terminal would obey (DEL, C1 and bidi controls, which serde_json leaves raw) written as
/// `\uXXXX`, so it is safe to print and still the same value.
fn to_json<T: serde::Serialize>(value: &T) -> crate::error::Result<String> {
    let out = serde_json::to_string_pretty(value)
        .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
    let mut out = crate::text::escape_json_controls(&out).into_owned();
    out.push('\n');
    Ok(out)
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

/// The pair review as one Markdown document, sanitised.
pub fn review_markdown(d: &crate::app::review::ReviewData, content: &Content) -> String {
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
pub fn review_json(d: &crate::app::review::ReviewData) -> crate::error::Result<String> {
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
    let v = serde_json::json!({
        "with": d.relationship.display_name(),
        "from": d.from,
        "to": d.to,
        "include_private": d.include_private,
        "hidden_private": d.hidden_private,
        "goals": goals,
        "meetings": meetings,
        "pulse": surveys,
    });
    to_json(&v)
}

/// The journal as Markdown, written as it is read: for each relationship its agreement, the
/// review (goals, meetings, actions, pulse) and the reflections, since a day if given. With
/// `folder`, one file per meeting and reflection (and one per agreement) goes into it instead.
pub fn journal_markdown(
    store: &crate::store::Store,
    rels: &[Relationship],
    since: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
    include_private: bool,
    out: &mut dyn std::io::Write,
    folder: Option<&std::path::Path>,
) -> crate::error::Result<usize> {
    use std::io::Write as _;
    let io = |e: std::io::Error| crate::error::Error::io("cannot write the export", e);
    let content = Content::get();
    let me = store.profile_name()?.unwrap_or_default();
    let mut files = 0;
    let write_file = |name: String, text: &str| -> crate::error::Result<()> {
        let Some(dir) = folder else {
            return Ok(());
        };
        let path = dir.join(name);
        let mut f = crate::store::create_private_file(&path).map_err(|e| {
            crate::error::Error::io(
                format!(
                    "cannot create {} (mentorlog never overwrites a file)",
                    path.display()
                ),
                e,
            )
        })?;
        f.write_all(text.as_bytes()).map_err(io)
    };
    let slug = |s: &str| -> String {
        let s: String = s
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        s.split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    for rel in rels {
        let agreement = store.agreement(rel.id)?;
        let text = markdown(&me, rel, &agreement, content, include_private);
        if folder.is_some() {
            write_file(format!("agreement-{}.md", slug(rel.display_name())), &text)?;
            files += 1;
        } else {
            out.write_all(text.as_bytes()).map_err(io)?;
            out.write_all(b"\n").map_err(io)?;
            if let Some(data) = crate::app::review::ReviewData::load(
                store,
                rel.id,
                crate::app::review::Period::SinceStart,
                since,
                today,
                include_private,
            )? {
                out.write_all(review_markdown(&data, content).as_bytes())
                    .map_err(io)?;
            }
        }
        let from = since
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        for kind in [
            crate::store::EntryKind::Meeting,
            crate::store::EntryKind::Reflection,
        ] {
            if folder.is_none() && kind == crate::store::EntryKind::Meeting {
                continue; // the review above has the meetings
            }
            let filter = crate::store::TimelineFilter {
                relationship: Some(rel.id),
                kind: Some(kind),
                include_private,
                from,
                ..crate::store::TimelineFilter::default()
            };
            let mut after = None;
            let mut first = true;
            loop {
                let page = store.timeline_page(&filter, after, 500)?;
                if page.is_empty() {
                    break;
                }
                after = page.last().map(|e| e.cursor());
                for e in page {
                    let at = e.at.with_timezone(&chrono::Local);
                    let short = &e.id.simple().to_string()[24..];
                    let (name, text) = match kind {
                        crate::store::EntryKind::Meeting => {
                            // An entry that cannot be read is left out (and counted).
                            let Some(m) = crate::store::unless_bad(store.meeting(e.id))? else {
                                continue;
                            };
                            let items = store.meeting_action_items(m.id)?;
                            let mut t = format!(
                                "# Meeting with {} on {}{}\n\n",
                                sanitize_line(rel.display_name()),
                                at.format("%Y-%m-%d %H:%M"),
                                if m.private { " (private)" } else { "" }
                            );
                            for (label, body) in [
                                ("Agenda", &m.agenda),
                                ("Notes", &m.notes),
                                ("Outcomes", &m.outcomes),
                            ] {
                                if !body.trim().is_empty() {
                                    t.push_str(&format!(
                                        "## {label}\n\n{}\n\n",
                                        sanitize(body.trim())
                                    ));
                                }
                            }
                            for i in &items {
                                t.push_str(&format!(
                                    "- [{}] {} ({})\n",
                                    if i.done_at.is_some() { "x" } else { " " },
                                    sanitize_line(&i.text),
                                    i.owner.id()
                                ));
                            }
                            (
                                format!("{}-meeting-{short}.md", at.format("%Y-%m-%d-%H%M")),
                                t,
                            )
                        }
                        crate::store::EntryKind::Reflection => {
                            let Some(r) = crate::store::unless_bad(store.reflection(e.id))? else {
                                continue;
                            };
                            let t = format!(
                                "{} {}{}\n\n{}\n",
                                if folder.is_some() { "#" } else { "###" },
                                at.format("%Y-%m-%d %H:%M"),
                                if r.private { " (private)" } else { "" },
                                sanitize(r.body.trim())
                            );
                            (
                                format!("{}-reflection-{short}.md", at.format("%Y-%m-%d-%H%M")),
                                t,
                            )
                        }
                    };
                    if folder.is_some() {
                        write_file(name, &text)?;
                        files += 1;
                    } else {
                        if first {
                            out.write_all(b"\n## Reflections\n\n").map_err(io)?;
                            first = false;
                        }
                        out.write_all(text.as_bytes()).map_err(io)?;
                        out.write_all(b"\n").map_err(io)?;
                    }
                }
            }
        }
        if folder.is_none() {
            out.write_all(b"\n---\n\n").map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    Ok(files)
}
