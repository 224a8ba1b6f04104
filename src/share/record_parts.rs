//! The pieces the readable record and the pair review document share: agreement against
//! reality, a meeting in full, a goal in full, check-ins, pulse surveys and reflections. Every
//! piece of typed text goes through `inline` (inside a line) or `block` (paragraphs), so what
//! someone typed reads as their words and never becomes a heading, a list or a link.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Local, Utc};
use uuid::Uuid;

use crate::content::Content;
use crate::domain::reality::{Reality, hours_and_minutes};
use crate::domain::{ActionItem, Checkin, Meeting, Owner, Reflection, Side};
use crate::review::ReviewGoal;
use crate::store::Survey;
use crate::text::markdown::{block, inline, line_start};

/// The two names a document speaks with, already escaped for Markdown.
pub(crate) struct Names {
    pub me: String,
    pub other: String,
}

impl Names {
    pub fn new(me: &str, other: &str) -> Names {
        let me = if me.trim().is_empty() { "me" } else { me };
        Names {
            me: inline(me),
            other: inline(other),
        }
    }

    /// Who an action item belongs to, by name.
    pub fn owner(&self, owner: Owner) -> String {
        match owner {
            Owner::Me => self.me.clone(),
            Owner::Them => self.other.clone(),
            Owner::Both => format!("{} and {}", self.me, self.other),
        }
    }

    /// Who reached out, by name.
    pub fn side(&self, side: Side) -> &str {
        match side {
            Side::Me => &self.me,
            Side::Other => &self.other,
        }
    }
}

/// A moment as the local day: "2026-11-22".
pub(crate) fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// A moment as the local day and time: "2026-11-22 14:30".
pub(crate) fn day_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn private_mark(private: bool) -> &'static str {
    if private { " (private)" } else { "" }
}

fn heading(level: usize) -> String {
    "#".repeat(level.clamp(1, 6))
}

/// "## Agreement and reality": the four sentences, then a month table of the time logged
/// beside the time agreed.
pub(crate) fn reality_markdown(out: &mut String, reality: &Reality, other: &str) {
    let _ = writeln!(out, "## Agreement and reality\n");
    for s in reality.sentences(other) {
        // The sentences carry the other person's name: escaped like any typed text, and as
        // a line of its own.
        let _ = writeln!(out, "{}\n", block(&s));
    }
    if reality.months.is_empty() {
        return;
    }
    let agreed = reality
        .terms
        .time
        .and_then(|t| t.shared_hours())
        .map_or_else(|| "not agreed".to_string(), |h| format!("{h} h"));
    let _ = writeln!(out, "| Month | Meetings | Time logged | Time agreed |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: |");
    for m in &reality.months {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {agreed} |",
            m.month.format("%Y-%m"),
            m.meetings,
            hours_and_minutes(m.minutes)
        );
    }
    out.push('\n');
}

/// Which meetings worked on which goals, read from the goals' side (one read a goal, not one
/// a meeting): each meeting's goal titles, and each goal's meetings (when, and if private).
pub(crate) struct GoalLinks {
    pub titles: HashMap<Uuid, Vec<String>>,
    pub meetings: HashMap<Uuid, Vec<(DateTime<Utc>, bool)>>,
}

impl GoalLinks {
    pub fn read(store: &crate::store::Store, goals: &[ReviewGoal]) -> crate::error::Result<Self> {
        let mut links = GoalLinks {
            titles: HashMap::new(),
            meetings: HashMap::new(),
        };
        for g in goals {
            let mut held = Vec::new();
            for m in store.goal_meetings(g.summary.goal.id)? {
                links
                    .titles
                    .entry(m.id)
                    .or_default()
                    .push(g.summary.goal.title.clone());
                held.push((m.held_at, m.private));
            }
            // Oldest first, as the record reads.
            held.reverse();
            links.meetings.insert(g.summary.goal.id, held);
        }
        Ok(links)
    }
}

/// One meeting in full under a heading of `level`; its parts one level below.
pub(crate) fn meeting_markdown(
    out: &mut String,
    level: usize,
    title: &str,
    m: &Meeting,
    items: &[ActionItem],
    goals: &[String],
    names: &Names,
) {
    let h = heading(level);
    let sub = heading(level + 1);
    let _ = writeln!(out, "{h} {title}{}\n", private_mark(m.private));
    let mut facts = Vec::new();
    if let Some(n) = m.duration_minutes {
        facts.push(format!("Length: {}", hours_and_minutes(n)));
    }
    if let Some(medium) = m.medium {
        facts.push(format!("Medium: {}", medium.label()));
    }
    if !m.topics.is_empty() {
        facts.push(format!(
            "Topics: {}",
            inline(&Content::get().topic_labels(&m.topics))
        ));
    }
    if let Some(side) = m.reached_out {
        facts.push(format!("Reached out: {}", names.side(side)));
    }
    if !goals.is_empty() {
        let titles: Vec<String> = goals.iter().map(|g| inline(g)).collect();
        facts.push(format!("Goals worked on: {}", titles.join("; ")));
    }
    if let Some(next) = m.next_meeting_on {
        facts.push(format!("Next meeting: {}", next.format("%Y-%m-%d")));
    }
    if let Some(u) = m.usefulness {
        facts.push(format!("How useful: {u} of 4"));
    }
    for f in &facts {
        let _ = writeln!(out, "- {f}");
    }
    if !facts.is_empty() {
        out.push('\n');
    }
    for (label, body) in [
        ("Agenda", &m.agenda),
        ("Notes", &m.notes),
        ("Outcomes", &m.outcomes),
    ] {
        let text = block(body);
        if !text.is_empty() {
            let _ = writeln!(out, "{sub} {label}\n\n{text}\n");
        }
    }
    if !items.is_empty() {
        let _ = writeln!(out, "{sub} Action items\n");
        for i in items {
            let _ = writeln!(out, "{}", action_line(i, names));
        }
        out.push('\n');
    }
}

/// "- [x] Send the CV (Sam Rivera, due 2026-11-30)".
pub(crate) fn action_line(i: &ActionItem, names: &Names) -> String {
    let due = i
        .due_on
        .map(|d| format!(", due {}", d.format("%Y-%m-%d")))
        .unwrap_or_default();
    format!(
        "- [{}] {} ({}{due})",
        if i.done_at.is_some() { "x" } else { " " },
        // After the task box the text begins the item: "- [ ] - x" must not nest a list.
        line_start(&i.text),
        names.owner(i.owner)
    )
}

/// A goal's progress update is as private as the meeting or reflection it came from.
pub(crate) type PrivateUpdates = std::collections::HashSet<Uuid>;

/// The progress updates of `goals` that came from a private meeting or reflection.
pub(crate) fn private_updates(
    store: &crate::store::Store,
    goals: &[ReviewGoal],
) -> crate::error::Result<PrivateUpdates> {
    let mut private = PrivateUpdates::new();
    for u in goals.iter().flat_map(|g| &g.updates) {
        let from_meeting = match u.meeting_id {
            Some(id) => crate::store::unless_bad(store.meeting(id))?.is_none_or(|m| m.private),
            None => false,
        };
        let from_reflection = match u.reflection_id {
            Some(id) => crate::store::unless_bad(store.reflection(id))?.is_none_or(|r| r.private),
            None => false,
        };
        if from_meeting || from_reflection {
            private.insert(u.id);
        }
    }
    Ok(private)
}

/// One goal in full under a heading of `level`.
pub(crate) fn goal_markdown(
    out: &mut String,
    level: usize,
    g: &ReviewGoal,
    start: Option<chrono::NaiveDate>,
    meetings: &[(DateTime<Utc>, bool)],
    private_updates: &PrivateUpdates,
    include_private: bool,
) {
    let goal = &g.summary.goal;
    let h = heading(level);
    let sub = heading(level + 1);
    let _ = writeln!(out, "{h} {}\n", inline(&goal.title));
    let mut facts = vec![
        format!("Status: {}", goal.status.id()),
        format!("Progress: {}%", g.summary.progress),
    ];
    if let Some(t) = goal.target_on {
        facts.push(format!("Target: {}", t.format("%Y-%m-%d")));
    }
    if let Some(topic) = goal.topic.as_deref().filter(|t| !t.trim().is_empty()) {
        let label = Content::get().topic_label(topic).unwrap_or(topic);
        facts.push(format!("Topic: {}", inline(label)));
    }
    match (goal.baseline, goal.final_rating) {
        (Some(b), Some(f)) => facts.push(format!("Self-rating: {b} at the start, {f} at the end")),
        (Some(b), None) => facts.push(format!("Self-rating: {b} at the start")),
        (None, Some(f)) => facts.push(format!("Self-rating: {f} at the end")),
        (None, None) => {}
    }
    let shown: Vec<String> = meetings
        .iter()
        .filter(|(_, private)| include_private || !private)
        .map(|(at, private)| format!("{}{}", day(*at), private_mark(*private)))
        .collect();
    if !shown.is_empty() {
        facts.push(format!("Worked on in the meetings of {}", shown.join(", ")));
    }
    for f in &facts {
        let _ = writeln!(out, "- {f}");
    }
    out.push('\n');
    for (label, body) in [
        ("Why it matters", &goal.why),
        ("Success looks like", &goal.success),
    ] {
        let text = block(body);
        if !text.is_empty() {
            let _ = writeln!(out, "{sub} {label}\n\n{text}\n");
        }
    }
    if !g.milestones.is_empty() {
        let _ = writeln!(out, "{sub} Milestones\n");
        for m in &g.milestones {
            let mut when = Vec::new();
            if let Some(due) = m.due {
                match due.date(start) {
                    // "week 4" says little on paper without its day.
                    Some(d) if !matches!(due, crate::domain::MilestoneDue::On(_)) => {
                        when.push(format!("due {} ({})", due.text(), d.format("%Y-%m-%d")))
                    }
                    _ => when.push(format!("due {}", due.text())),
                }
            }
            if let Some(done) = m.done_at {
                when.push(format!("done {}", day(done)));
            }
            let when = if when.is_empty() {
                String::new()
            } else {
                format!(" — {}", when.join(", "))
            };
            let _ = writeln!(
                out,
                "- [{}] {}{when}",
                if m.done_at.is_some() { "x" } else { " " },
                line_start(&m.text)
            );
        }
        out.push('\n');
    }
    let updates: Vec<_> = g
        .updates
        .iter()
        .filter(|u| include_private || !private_updates.contains(&u.id))
        .collect();
    if !updates.is_empty() {
        let _ = writeln!(out, "{sub} Progress log\n");
        for u in updates {
            let note = inline(&u.note);
            let _ = writeln!(
                out,
                "- {}: {}%{}{}",
                day(u.at),
                u.progress,
                if note.is_empty() {
                    String::new()
                } else {
                    format!(" — {note}")
                },
                private_mark(private_updates.contains(&u.id))
            );
        }
        out.push('\n');
    }
}

/// "- 2026-10-03 message: the CV draft (Sam Rivera reached out)".
pub(crate) fn checkin_line(c: &Checkin, names: &Names) -> String {
    let note = inline(&c.note);
    let mut line = format!("- {} {}", day(c.at), c.kind.id());
    if !note.is_empty() {
        let _ = write!(line, ": {note}");
    }
    if let Some(side) = c.reached_out {
        let _ = write!(line, " ({} reached out)", names.side(side));
    }
    line
}

/// "## Check-ins" with one line each, or a line saying there were none.
pub(crate) fn checkins_markdown(out: &mut String, checkins: &[Checkin], names: &Names) {
    let _ = writeln!(out, "## Check-ins\n");
    if checkins.is_empty() {
        let _ = writeln!(out, "No check-ins in this period.\n");
        return;
    }
    for c in checkins {
        let _ = writeln!(out, "{}", checkin_line(c, names));
    }
    out.push('\n');
}

/// The statements of a survey in their words, with the scores given.
pub(crate) fn survey_markdown(
    out: &mut String,
    level: usize,
    s: &Survey,
    role: Option<crate::domain::Role>,
    content: &Content,
) {
    let average = crate::domain::checkin::average(&s.scores).unwrap_or(0.0);
    let reason = inline(&s.reason);
    let _ = writeln!(
        out,
        "{} {}{}: average {average:.1}\n",
        heading(level),
        day(s.at),
        if reason.is_empty() {
            String::new()
        } else {
            format!(" ({reason})")
        }
    );
    for (id, n) in &s.scores {
        let text = content
            .statements
            .iter()
            .find(|st| &st.id == id)
            .map_or(id.as_str(), |st| st.text(role));
        let _ = writeln!(out, "- {}: {n}", line_start(text.trim_end_matches('.')));
    }
    if !s.scores.is_empty() {
        out.push('\n');
    }
    let note = block(&s.note);
    if !note.is_empty() {
        let _ = writeln!(out, "{note}\n");
    }
}

/// One reflection under a heading of `level`: its prompt, tags and text.
pub(crate) fn reflection_markdown(
    out: &mut String,
    level: usize,
    r: &Reflection,
    role: Option<crate::domain::Role>,
    content: &Content,
) {
    let _ = writeln!(
        out,
        "{} {}{}\n",
        heading(level),
        day_time(r.written_at),
        private_mark(r.private)
    );
    if let Some(id) = r.prompt_id.as_deref() {
        let prompt = content.prompt(id).map_or(id, |p| p.text_for(role));
        let _ = writeln!(out, "Prompt: *{}*\n", inline(prompt));
    }
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|t| inline(t)).collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(", "));
    }
    let body = block(&r.body);
    if !body.is_empty() {
        let _ = writeln!(out, "{body}\n");
    }
}
