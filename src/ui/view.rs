//! One entry, read in full.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::widgets;
use crate::app::{App, EntryView};
use crate::config::Context;
use crate::domain::Owner;
use crate::text::sanitize_line;

fn section(lines: &mut Vec<Line<'static>>, title: &str, text: &str, w: u16, theme: &Theme) {
    if text.trim().is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(title.to_string(), theme.accent));
    for mut l in widgets::prose_lines(text, w.saturating_sub(2), theme.base) {
        l.spans.insert(0, Span::raw("  "));
        lines.push(l);
    }
}

/// Styled pieces of one line of text, word-wrapped to `w` cells with the styles kept; lines
/// after the first are indented by `indent` cells (so a ticked item's text hangs under itself).
fn wrap_styled(
    parts: &[(String, ratatui::style::Style)],
    w: u16,
    indent: usize,
) -> Vec<Line<'static>> {
    let text: String = parts.iter().map(|(t, _)| sanitize_line(t)).collect();
    let mut bounds = Vec::new();
    let mut at = 0;
    for (t, style) in parts {
        let len = sanitize_line(t).len();
        bounds.push((at, at + len, *style));
        at += len;
    }
    let max = usize::from(w).saturating_sub(indent).max(1);
    widgets::wrap(&text, max)
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = Vec::new();
            if i > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            for &(a, b, style) in &bounds {
                let (from, to) = (a.max(l.start), b.min(l.end));
                if from < to {
                    spans.push(Span::styled(text[from..to].to_string(), style));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// Every line of the entry at width `w`.
pub fn lines(app: &App, v: &EntryView, w: u16, theme: &Theme) -> Vec<Line<'static>> {
    lines_naming(app, v, w, theme, None)
}

/// [`lines`], naming the journal's owner `me` where it says who reached out (a pair looking
/// at one screen together), or "You" without it.
pub fn lines_naming(
    app: &App,
    v: &EntryView,
    w: u16,
    theme: &Theme,
    me: Option<&str>,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let with = v.with.as_deref().map(sanitize_line);
    if let Some(m) = &v.meeting {
        let at = m.held_at.with_timezone(&Local);
        let mut head = format!("{} {}", app.date(at.date_naive()), at.format("%H:%M"));
        if let Some(d) = m.duration_minutes {
            head.push_str(&format!(" · {d} min"));
        }
        if let Some(medium) = m.medium {
            head.push_str(&format!(" · {}", medium.label()));
        }
        lines.push(Line::styled(
            format!("Meeting with {}", with.clone().unwrap_or_default()),
            theme.title,
        ));
        lines.extend(widgets::prose_lines(&head, w, theme.dim));
        if let Some(side) = m.reached_out {
            let who = match (side, me.map(str::trim)) {
                (crate::domain::Side::Me, Some(name)) if !name.is_empty() => sanitize_line(name),
                (crate::domain::Side::Me, _) => "You".to_string(),
                (crate::domain::Side::Other, _) => with.clone().unwrap_or_default(),
            };
            lines.extend(widgets::prose_lines(
                &format!("{who} reached out"),
                w,
                theme.dim,
            ));
        }
        if m.private {
            lines.push(Line::styled(
                "Private: never shown in pair review.",
                theme.dim,
            ));
        }
        if !m.topics.is_empty() {
            let topics: Vec<String> = m
                .topics
                .iter()
                .map(|t| app.content.topic_label(t).unwrap_or(t).to_string())
                .collect();
            lines.extend(wrap_styled(
                &[
                    ("Topics  ".to_string(), theme.accent),
                    (topics.join(", "), theme.base),
                ],
                w,
                8,
            ));
        }
        if !v.goals.is_empty() {
            lines.extend(wrap_styled(
                &[
                    ("Goals   ".to_string(), theme.accent),
                    (super::goals::meeting_goals_text(&v.goals), theme.base),
                ],
                w,
                8,
            ));
        }
        section(&mut lines, "Agenda", &m.agenda, w, theme);
        section(&mut lines, "Notes", &m.notes, w, theme);
        section(&mut lines, "Outcomes", &m.outcomes, w, theme);
        if !v.items.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Action items", theme.accent));
            let today = app.now.date_naive();
            let other = with.clone().unwrap_or_else(|| "them".into());
            for item in &v.items {
                let done = item.done_at.is_some();
                let who = match item.owner {
                    Owner::Me => "me".to_string(),
                    Owner::Them => other.clone(),
                    Owner::Both => "both".to_string(),
                };
                let due = item
                    .due_on
                    .map(|d| format!(" · due {}", app.date(d)))
                    .unwrap_or_default();
                let late = if item.is_overdue(today) {
                    " · overdue"
                } else {
                    ""
                };
                let style = if done {
                    theme.dim
                } else if late.is_empty() {
                    theme.base
                } else {
                    theme.error
                };
                // A long item wraps under its own text rather than running off the edge.
                lines.extend(wrap_styled(
                    &[
                        ((if done { "  [x] " } else { "  [ ] " }).to_string(), style),
                        (item.text.clone(), style),
                        (format!(" ({who}{due}{late})"), theme.dim),
                    ],
                    w,
                    6,
                ));
            }
        }
        let mut tail = Vec::new();
        if let Some(u) = m.usefulness {
            tail.push(format!("Useful: {u} of 4"));
        }
        if let Some(next) = m.next_meeting_on {
            tail.push(format!("Next meeting: {}", app.date(next)));
        }
        if !tail.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(widgets::prose_lines(&tail.join(" · "), w, theme.dim));
        }
    }
    if let Some(r) = &v.reflection {
        let at = r.written_at.with_timezone(&Local);
        lines.push(Line::styled(
            match &with {
                Some(n) => format!("Reflection about {n}"),
                None => "Reflection".to_string(),
            },
            theme.title,
        ));
        let mut head = format!("{} {}", app.date(at.date_naive()), at.format("%H:%M"));
        head.push_str(if r.private {
            " · private"
        } else {
            " · shared"
        });
        if r.bring_up {
            head.push_str(" · to bring up next meeting");
        }
        lines.extend(widgets::prose_lines(&head, w, theme.dim));
        if let Some(m) = &v.about {
            let day = m.held_at.with_timezone(&Local).date_naive();
            lines.push(Line::styled(
                format!("About the meeting of {}", app.date(day)),
                theme.dim,
            ));
        }
        if let Some(p) = r.prompt_id.as_deref().and_then(|id| app.content.prompt(id)) {
            lines.push(Line::raw(""));
            for l in widgets::prose_lines(p.text_for(v.role), w, theme.accent) {
                lines.push(l);
            }
        }
        lines.push(Line::raw(""));
        lines.extend(widgets::prose_lines(&r.body, w, theme.base));
        if !r.tags.is_empty() {
            lines.push(Line::raw(""));
            let tags: Vec<String> = r.tags.iter().map(|t| format!("#{t}")).collect();
            lines.push(Line::styled(sanitize_line(&tags.join(" ")), theme.dim));
        }
    }
    lines
}

pub fn render(
    app: &App,
    v: &EntryView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = inner.inner(ratatui::layout::Margin::new(1, 0));
    let all = lines(app, v, text_area.width, theme);
    let height = usize::from(text_area.height);
    let max_scroll = all.len().saturating_sub(height);
    let scroll = v.scroll.min(max_scroll);
    let shown: Vec<Line> = all.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), text_area);
    let hints = app.settings.keys.footer(Context::View);
    let right = if scroll < max_scroll {
        "↓ more below".to_string()
    } else if max_scroll > 0 {
        "end".to_string()
    } else {
        String::new()
    };
    let title = match v.kind {
        crate::store::EntryKind::Meeting => "Meeting",
        crate::store::EntryKind::Reflection => "Reflection",
    };
    (title.to_string(), right, hints)
}
