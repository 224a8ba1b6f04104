//! The closing summary of a relationship: what the two set out to do beside what happened,
//! the last pulse, the closing reflections and the thank-you note. Read by the summary screen
//! and by `mentorlog summary`, which writes it as Markdown. Private parts stay out of the
//! shared copy; the text people typed is escaped so it stays text in Markdown.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::content::Content;
use crate::domain::closing::{ClosingCounts, ClosingPart, ran_for};
use crate::domain::{AnswerValue, EntryKind, LifeKind, Relationship, Role, Survey};
use crate::error::Result;
use crate::review::local_midnight;
use crate::store::{Store, TimelineFilter};

/// An answer of the agreement as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryAnswer {
    pub text: String,
    pub private: bool,
}

/// A closing reflection or the thank-you note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingWriting {
    pub part: ClosingPart,
    /// The prompt's words.
    pub prompt: String,
    pub body: String,
    pub private: bool,
}

/// Everything the closing summary shows: private parts only when `include_private`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosingSummary {
    pub relationship: Relationship,
    pub me: String,
    pub started: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// Why it was closed, as typed (private: only in the private copy and on screen).
    pub close_reason: String,
    pub intended_result: Option<SummaryAnswer>,
    pub focus: Option<SummaryAnswer>,
    /// The focus topics' labels.
    pub topics: String,
    pub counts: ClosingCounts,
    /// The last pulse taken for the close.
    pub pulse: Option<Survey>,
    pub writings: Vec<ClosingWriting>,
    /// Private parts (answers, meetings, reflections) left out of this copy.
    pub left_out: usize,
    pub include_private: bool,
    /// The agreement beside what happened, up to the close (private meetings counted only in
    /// the private copy).
    pub reality: crate::domain::reality::Reality,
}

/// The answer to `question`, unless it is private and private parts are left out.
fn answer(
    agreement: &crate::domain::Agreement,
    question: &str,
    name: &str,
    include_private: bool,
    left_out: &mut usize,
) -> Option<SummaryAnswer> {
    let a = agreement.answers.get(question)?;
    if a.private && !include_private {
        *left_out += 1;
        return None;
    }
    let text = match &a.value {
        AnswerValue::Text { text } => text.trim().to_string(),
        other => other.summary(name),
    };
    (!text.is_empty()).then_some(SummaryAnswer {
        text,
        private: a.private,
    })
}

impl ClosingSummary {
    /// Reads the summary of `relationship` as of `today`; `None` when it is not in the journal.
    pub fn load(
        store: &Store,
        relationship: Uuid,
        today: NaiveDate,
        include_private: bool,
        content: &Content,
    ) -> Result<Option<ClosingSummary>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        let name = rel.display_name().to_string();
        let mut left_out = 0;
        let agreement = store.agreement(relationship)?;
        let intended_result = answer(
            &agreement,
            "intended_result",
            &name,
            include_private,
            &mut left_out,
        );
        let focus = answer(&agreement, "focus", &name, include_private, &mut left_out);

        let mut counts = ClosingCounts::default();
        for g in store.goal_summaries(Some(relationship))? {
            counts.add_goal(&g.goal.title, g.goal.status);
        }
        let until = local_midnight(today.succ_opt().unwrap_or(today));
        // Read with the private ones, to count exactly the private meetings left out.
        let (meetings, _) = store.meetings_between(relationship, None, until, true)?;
        for (m, _) in &meetings {
            if m.private && !include_private {
                left_out += 1;
            } else {
                counts.add_meeting(m.duration_minutes);
            }
        }
        counts.checkins = store.checkins(relationship)?.len();

        let events = store.life_events(relationship)?;
        let last_close = events.iter().rev().find(|e| e.kind == LifeKind::Closed);
        let close_reason = last_close.map(|e| e.reason.clone()).unwrap_or_default();
        // The review's pulse and writings belong to the last close (a relationship reopened
        // and closed again has a newer one).
        let since = rel
            .closed_on
            .or(last_close.map(|e| e.on_day))
            .map(local_midnight);

        let pulse = store.surveys(relationship)?.into_iter().rfind(|s| {
            s.reason == "closing" && !s.scores.is_empty() && since.is_none_or(|f| s.at >= f)
        });

        let mut writings = Vec::new();
        let filter = TimelineFilter {
            relationship: Some(relationship),
            kind: Some(EntryKind::Reflection),
            include_private: true,
            from: since,
            ..TimelineFilter::default()
        };
        let mut after = None;
        loop {
            let page = store.timeline_page(&filter, after, 200)?;
            if page.is_empty() {
                break;
            }
            after = page.last().map(|e| e.cursor());
            for entry in page {
                let Some(r) = store.reflection(entry.id)? else {
                    continue;
                };
                let Some(part) = ClosingPart::ALL
                    .into_iter()
                    .find(|p| p.prompt().is_some() && p.prompt() == r.prompt_id.as_deref())
                else {
                    continue;
                };
                if r.body.trim().is_empty() {
                    continue;
                }
                if r.private && !include_private {
                    left_out += 1;
                    continue;
                }
                let prompt = part
                    .prompt()
                    .and_then(|id| content.prompt(id))
                    .map(|p| p.text.clone())
                    .unwrap_or_else(|| part.label().to_string());
                writings.push((
                    r.written_at,
                    ClosingWriting {
                        part,
                        prompt,
                        body: r.body.trim().to_string(),
                        private: r.private,
                    },
                ));
            }
        }
        // In the order of the review's parts, the older first within a part.
        writings.sort_by_key(|a| (a.1.part, a.0));

        let reality = store.reality_of(&rel, today, include_private)?;
        Ok(Some(ClosingSummary {
            reality,
            me: store.profile_name()?.unwrap_or_default(),
            started: rel.agreed_on,
            closed_on: rel.closed_on,
            close_reason,
            intended_result,
            focus,
            topics: content.topic_labels(&rel.topics),
            counts,
            pulse,
            writings: writings.into_iter().map(|(_, w)| w).collect(),
            left_out,
            include_private,
            relationship: rel,
        }))
    }

    /// "from 2026-03-01 to 2026-11-22: 8 months and 21 days", with the days as `date` writes
    /// them; empty when the start is not known.
    pub fn span(&self, date: impl Fn(NaiveDate) -> String, today: NaiveDate) -> String {
        let Some(start) = self.started else {
            return String::new();
        };
        let end = self.closed_on.unwrap_or(today);
        let to = match self.closed_on {
            Some(d) => date(d),
            None => "today".to_string(),
        };
        format!("from {} to {to}: {}", date(start), ran_for(start, end))
    }

    /// The pulse's statements in the words of the person's role, with their scores.
    pub fn pulse_lines(&self, content: &Content) -> Vec<(String, u8)> {
        let Some(s) = &self.pulse else {
            return Vec::new();
        };
        s.scores
            .iter()
            .map(|(id, n)| {
                let text = content
                    .statements
                    .iter()
                    .find(|st| &st.id == id)
                    .map_or(id.as_str(), |st| st.text(self.relationship.my_role));
                (text.to_string(), *n)
            })
            .collect()
    }
}

/// What the other person is, as a word ("mentor"), and what I am.
pub fn roles(role: Option<Role>) -> (&'static str, &'static str) {
    match role {
        Some(Role::Mentee) => ("mentee", "mentor"),
        Some(Role::Mentor) => ("mentor", "mentee"),
        Some(Role::Peer) => ("peer", "peer"),
        None => ("partner", "partner"),
    }
}

/// A one-line escaped text (names, titles).
fn md_line(text: &str) -> String {
    crate::text::markdown::inline(text)
}

/// A block of escaped text: an empty line between paragraphs is kept, and a line break
/// inside one stays a line break, as the person wrote it.
fn md_block(text: &str) -> String {
    crate::text::markdown::block(text)
}

/// "Agreement and reality": the sentences, then the minutes of each month in a table (months
/// with a meeting, or every month when time was agreed: a month without one says so too).
fn reality_markdown(out: &mut String, r: &crate::domain::reality::Reality, other: &str) {
    use crate::domain::reality::hours_and_minutes;
    use crate::text::markdown::line_start;
    use std::fmt::Write as _;
    let _ = writeln!(out, "## Agreement and reality\n");
    for sentence in r.sentences(other) {
        // A sentence can begin with the other person's name: "- Sam can give …".
        let _ = writeln!(out, "- {}", line_start(&sentence));
    }
    out.push('\n');
    let agreed = r.terms.time.and_then(|t| t.shared_hours());
    let months: Vec<_> = r
        .months
        .iter()
        .filter(|m| agreed.is_some() || m.meetings > 0)
        .collect();
    if months.is_empty() {
        return;
    }
    let _ = writeln!(out, "| Month | Time in meetings | Meetings |");
    let _ = writeln!(out, "| --- | --- | --- |");
    for m in months {
        let time = if m.minutes == 0 {
            "—".to_string()
        } else {
            hours_and_minutes(m.minutes)
        };
        let _ = writeln!(
            out,
            "| {} | {time} | {} |",
            m.month.format("%b %Y"),
            m.meetings
        );
    }
    out.push('\n');
}

/// The closing summary as one Markdown document.
pub fn summary_markdown(s: &ClosingSummary, content: &Content, today: NaiveDate) -> String {
    use std::fmt::Write as _;
    let name = md_line(s.relationship.display_name());
    // My name begins a line below: escaped as a line start, so "1. Ana" makes no list.
    let me = crate::text::markdown::line_start(if s.me.trim().is_empty() { "Me" } else { &s.me });
    let (my_role, their_role) = roles(s.relationship.my_role);
    let mut out = String::new();
    let _ = writeln!(out, "# Closing summary: {me} and {name}\n");
    let span = s.span(|d| d.to_string(), today);
    if span.is_empty() {
        let _ = writeln!(out, "{me} ({my_role}) with {name} ({their_role}).\n");
    } else {
        let _ = writeln!(
            out,
            "{me} ({my_role}) with {name} ({their_role}), {span}.\n"
        );
    }
    if s.include_private && !s.close_reason.trim().is_empty() {
        let _ = writeln!(out, "Why it closed: {}\n", md_line(&s.close_reason));
    }
    let _ = writeln!(out, "_{}_\n", md_line(&content.no_fault));
    if s.include_private {
        let _ = writeln!(out, "This copy includes private parts.\n");
    } else if s.left_out > 0 {
        let _ = writeln!(
            out,
            "Shared parts only: {} left out.\n",
            crate::words::count(s.left_out, "private part", "private parts")
        );
    }

    let _ = writeln!(out, "## What we set out to do\n");
    match &s.intended_result {
        Some(a) => {
            let _ = writeln!(out, "Intended result: {}\n", md_block(&a.text));
        }
        None => {
            let _ = writeln!(out, "Intended result: not written down.\n");
        }
    }
    if let Some(a) = &s.focus {
        let _ = writeln!(out, "Focus: {}\n", md_block(&a.text));
    }
    if !s.topics.trim().is_empty() {
        let _ = writeln!(out, "Topics: {}\n", md_line(&s.topics));
    }

    let _ = writeln!(out, "## What happened\n");
    let c = &s.counts;
    let _ = writeln!(out, "- Goals: {}", c.goals_phrase());
    for (label, list) in [
        ("Achieved", &c.goals_achieved),
        ("Dropped", &c.goals_dropped),
        ("Still open", &c.goals_open),
    ] {
        for title in list {
            let _ = writeln!(out, "  - {label}: {}", md_line(title));
        }
    }
    let _ = writeln!(out, "- Meetings: {}", c.meetings_phrase());
    let _ = writeln!(out, "- Check-ins: {}\n", c.checkins_phrase());
    reality_markdown(&mut out, &s.reality, s.relationship.display_name());

    let _ = writeln!(out, "## A last pulse\n");
    let lines = s.pulse_lines(content);
    if lines.is_empty() {
        let _ = writeln!(out, "No closing pulse was taken.\n");
    }
    for (text, n) in &lines {
        let _ = writeln!(out, "- {n} of 5 — {}", md_line(text));
    }
    if let Some(p) = &s.pulse {
        if !p.note.trim().is_empty() {
            let _ = writeln!(out, "\n{}", md_block(&p.note));
        }
        out.push('\n');
    }

    let reflections: Vec<&ClosingWriting> = s
        .writings
        .iter()
        .filter(|w| w.part != ClosingPart::Thanks)
        .collect();
    let thanks: Vec<&ClosingWriting> = s
        .writings
        .iter()
        .filter(|w| w.part == ClosingPart::Thanks)
        .collect();
    let _ = writeln!(out, "## Looking back\n");
    if reflections.is_empty() {
        let _ = writeln!(out, "No closing reflection in this copy.\n");
    }
    for w in reflections {
        let _ = writeln!(out, "### {}\n", md_line(&w.prompt));
        let _ = writeln!(out, "{}\n", md_block(&w.body));
    }
    if !thanks.is_empty() {
        let _ = writeln!(out, "## Thank you\n");
        for w in thanks {
            let _ = writeln!(out, "{}\n", md_block(&w.body));
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_stays_text_and_keeps_its_lines() {
        assert_eq!(md_line("# Big [x](y)"), "\\# Big \\[x\\](y)");
        assert_eq!(md_block("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree");
        assert!(!md_block("bad\u{1b}[31m red").contains('\u{1b}'));
    }
}
