//! The pair review's sections about the period's contact and writing: the quick check-ins
//! and the shared reflections.

use chrono::Local;
use ratatui::text::{Line, Span};

use super::review::section;
use super::theme::Theme;
use crate::app::App;
use crate::app::review::ReviewData;
use crate::domain::{ContactKind, Side};
use crate::text::{sanitize_line, truncate, width};

/// How a check-in happened, in words.
fn contact_words(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Message => "a message",
        ContactKind::Email => "an email",
        ContactKind::Call => "a call",
        ContactKind::Other => "in touch",
    }
}

/// The period's quick check-ins, newest first: day, how, the note, who reached out.
pub(super) fn checkin_lines(
    app: &App,
    d: &ReviewData,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section(
        &mut lines,
        &format!("Check-ins ({})", d.checkins.len()),
        theme,
    );
    if d.checkins.is_empty() {
        lines.push(Line::styled("  No check-ins in this period.", theme.dim));
    }
    let me = if d.me.trim().is_empty() {
        "you".to_string()
    } else {
        sanitize_line(&d.me)
    };
    let other = sanitize_line(d.relationship.display_name());
    for c in d.checkins.iter().rev() {
        let day = app.date(c.at.with_timezone(&Local).date_naive());
        let who = match c.reached_out {
            Some(Side::Me) => format!(" · {me} reached out"),
            Some(Side::Other) => format!(" · {other} reached out"),
            None => String::new(),
        };
        let head = format!("  {day}  {}{who}", contact_words(c.kind));
        lines.push(Line::styled(truncate(&head, w), theme.base));
        let note = c.note.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if !note.is_empty() {
            lines.push(Line::styled(
                truncate(&format!("      {}", sanitize_line(note.trim())), w),
                theme.dim,
            ));
        }
    }
    lines
}

/// The period's shared reflections, newest first: day and tags, the prompt answered, and
/// the first lines.
pub(super) fn reflection_lines(
    app: &App,
    d: &ReviewData,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // Only shared ones are drawn, whatever the data holds.
    let shown: Vec<_> = d.reflections.iter().filter(|r| !r.private).collect();
    let mut lines = Vec::new();
    section(&mut lines, &format!("Reflections ({})", shown.len()), theme);
    if shown.is_empty() {
        lines.push(Line::styled(
            "  No shared reflections in this period.",
            theme.dim,
        ));
    }
    for r in shown.into_iter().rev() {
        let day = app.date(r.written_at.with_timezone(&Local).date_naive());
        let tags: Vec<String> = r.tags.iter().map(|t| format!("#{t}")).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("  {day}  "), theme.dim),
            Span::styled(
                truncate(
                    &sanitize_line(&tags.join(" ")),
                    w.saturating_sub(width(&day) + 4),
                ),
                theme.accent,
            ),
        ]));
        if let Some(p) = r.prompt_id.as_deref().and_then(|id| app.content.prompt(id)) {
            let text = p.text_for(d.relationship.my_role);
            lines.push(Line::styled(
                truncate(&format!("      {}", sanitize_line(text)), w),
                theme.dim,
            ));
        }
        for l in r.body.lines().filter(|l| !l.trim().is_empty()).take(2) {
            lines.push(Line::styled(
                truncate(&format!("      {}", sanitize_line(l.trim())), w),
                theme.base,
            ));
        }
    }
    lines
}
