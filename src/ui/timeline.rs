//! The timeline: meetings, reflections and quick check-ins, newest first.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::list;
use crate::app::{App, Timeline};
use crate::config::Context;
use crate::domain::checkin::ContactKind;
use crate::domain::{Checkin, Side};
use crate::store::{CheckinRows, EntryKind, TimelineKind, TimelineRow};
use crate::text::sanitize_line;

pub fn render(
    app: &App,
    t: &Timeline,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let count = match (t.complete, t.entries.len()) {
        (true, 1) => "1 entry".to_string(),
        (true, n) => format!("{n} entries"),
        (false, n) => format!("{n}+ entries"),
    };
    let trash = t.filter.trash;
    let title = if trash {
        &format!(
            " Trash: {} restores, {} empties ",
            app.key_label(
                crate::config::Context::Trash,
                crate::config::Command::Restore
            ),
            app.key_label(
                crate::config::Context::Trash,
                crate::config::Command::EmptyTrash
            )
        )
    } else if area.width >= 54 {
        " Meetings, reflections and check-ins, newest first "
    } else {
        // Cut short, the long title would end mid-word.
        " Everything, newest first "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let summary = filter_summary(app, t);
    if let Some(summary) = &summary
        && inner.height > 3
    {
        frame.render_widget(
            Paragraph::new(Span::styled(
                cells::cut(&format!(" {summary}"), usize::from(inner.width)),
                theme.accent,
            )),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
        inner = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    }

    if t.entries.is_empty() {
        let text = if trash {
            "The trash is empty. Entries moved here with d on the timeline wait until you restore them or empty the trash."
        } else if summary.is_some() {
            "Nothing matches these filters: f changes them, x clears them."
        } else {
            "Nothing here yet. Log a meeting with m or write a reflection with r; \
             from the shell, mentorlog meeting --with NAME --notes \"…\" and mentorlog reflect \"…\" work too."
        };
        frame.render_widget(
            Paragraph::new(widgets::prose_lines(
                text,
                inner.width.saturating_sub(2),
                theme.base,
            )),
            inner.inner(ratatui::layout::Margin::new(1, 1)),
        );
    } else {
        let detail = t
            .selected()
            .map(|e| match reached_out(e, t) {
                Some(who) if e.preview.trim().is_empty() => who,
                Some(who) => format!("{} ({who})", e.preview),
                None => e.preview.clone(),
            })
            .unwrap_or_default();
        let detail_lines = widgets::prose_lines(
            &sanitize_line(&detail),
            inner.width.saturating_sub(2),
            theme.base,
        );
        let detail_h = if inner.height >= 12 {
            (detail_lines.len() as u16).min(4) + 1
        } else {
            0
        };
        let [list, detail_area] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(detail_h)]).areas(inner);
        draw_rows(app, t, frame, list, theme);
        if detail_h > 0 {
            let mut lines = vec![Line::styled(
                "─".repeat(usize::from(inner.width)),
                theme.dim,
            )];
            lines.extend(detail_lines.into_iter().take(4).map(|mut l| {
                l.spans.insert(0, Span::raw(" "));
                l
            }));
            frame.render_widget(Paragraph::new(lines), detail_area);
        }
    }
    if let Some(panel) = &t.panel {
        let inner = widgets::popup_area(frame, 64, 10, "Filter the timeline", theme);
        let [fields_area, help] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        super::entry::draw_fields(frame, fields_area, panel, None, theme);
        frame.render_widget(
            Paragraph::new(Span::styled(" Enter applies · Esc cancels", theme.dim)),
            help,
        );
    }
    if let Some(c) = &t.reading {
        draw_checkin(app, t, c, frame, theme);
        let close = vec![(
            app.key_label(Context::Timeline, crate::config::Command::Back),
            "close".to_string(),
        )];
        return ("Timeline".to_string(), count, close);
    }
    let hints = app.settings.keys.footer(if t.panel.is_some() {
        Context::FilterPanel
    } else if trash {
        Context::Trash
    } else {
        Context::Timeline
    });
    let title = if trash { "Trash" } else { "Timeline" };
    (title.to_string(), count, hints)
}

/// "with Sam · reflections · #career · 2026-09-01 to 2026-10-31 — x clears", when filtered.
fn filter_summary(app: &App, t: &Timeline) -> Option<String> {
    let f = &t.filter;
    if f.trash || !f.narrows() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(r) = f.relationship {
        let name = t
            .names
            .get(&r)
            .map(|n| sanitize_line(n))
            .unwrap_or_default();
        parts.push(format!("with {name}"));
    }
    match f.kind {
        Some(EntryKind::Meeting) => parts.push("meetings".to_string()),
        Some(EntryKind::Reflection) => parts.push("reflections".to_string()),
        None if f.checkins == CheckinRows::Only => parts.push("check-ins".to_string()),
        None => {}
    }
    if f.private_only {
        parts.push("private only".to_string());
    } else if !f.include_private {
        parts.push("shared only".to_string());
    }
    if let Some(tag) = &f.tag {
        parts.push(format!("#{}", sanitize_line(tag)));
    }
    let day = |d: chrono::DateTime<chrono::Utc>| d.with_timezone(&Local).date_naive();
    match (f.from, f.until) {
        (Some(a), Some(b)) => parts.push(format!(
            "{} to {}",
            app.date(day(a)),
            app.date(day(b).pred_opt().unwrap_or(day(b)))
        )),
        (Some(a), None) => parts.push(format!("from {}", app.date(day(a)))),
        (None, Some(b)) => parts.push(format!(
            "up to {}",
            app.date(day(b).pred_opt().unwrap_or(day(b)))
        )),
        (None, None) => {}
    }
    Some(format!("Filtered: {} — x clears", parts.join(" · ")))
}

fn draw_rows(app: &App, t: &Timeline, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = usize::from(area.height);
    if height == 0 {
        return;
    }
    let top = list::first_shown(t.cursor, height);
    let w = usize::from(area.width);
    let lines: Vec<Line> = t
        .entries
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, e)| {
            let selected = i == t.cursor;
            let style = if selected { theme.selected } else { theme.base };
            let date = app.date(e.at.with_timezone(&Local).date_naive());
            let kind = match e.kind {
                TimelineKind::Entry(EntryKind::Meeting) => "meeting   ",
                TimelineKind::Entry(EntryKind::Reflection) => "reflection",
                TimelineKind::Checkin(k) => contact_column(k),
            };
            let with = e
                .relationship_id
                .and_then(|id| t.names.get(&id))
                .map(|n| sanitize_line(n))
                .unwrap_or_default();
            let marker = if selected { "› " } else { "  " };
            // Padded by display width, so a CJK or emoji name keeps the columns straight.
            // A narrow window gives the name column to the preview, which says more.
            let head = match w {
                70.. => format!("{marker}{date}  {kind}  {}  ", cells::fit(&with, 14)),
                56.. => format!("{marker}{date}  {kind}  {}  ", cells::fit(&with, 10)),
                _ => format!("{marker}{date}  {kind}  "),
            };
            // Check-ins are never private; who reached out takes the marker's place, short
            // ("they": the name is in its own column), and only where there is room for it
            // beside the note.
            let privacy = if e.private {
                " (private)".to_string()
            } else if w >= 56
                && let Some(who) = reached_out_phrase(e.reached_out, "")
            {
                format!(" ({who})")
            } else {
                String::new()
            };
            let room = w.saturating_sub(cells::cells(&head) + cells::cells(&privacy));
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(
                    cells::fit(&cells::cut_words(&sanitize_line(&e.preview), room), room),
                    style,
                ),
                Span::styled(privacy, theme.dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A check-in's kind in the ten cells of the kind column.
fn contact_column(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Message => "message   ",
        ContactKind::Email => "email     ",
        ContactKind::Call => "call      ",
        ContactKind::Other => "check-in  ",
    }
}

/// "a message", "an email", "a call", "a check-in".
pub fn contact_phrase(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Message => "a message",
        ContactKind::Email => "an email",
        ContactKind::Call => "a call",
        ContactKind::Other => "a check-in",
    }
}

/// "you reached out", "Sam Rivera reached out" ("they reached out" with no name), when it
/// was said.
pub fn reached_out_phrase(side: Option<Side>, other: &str) -> Option<String> {
    Some(match side? {
        Side::Me => "you reached out".to_string(),
        Side::Other if other.is_empty() => "they reached out".to_string(),
        Side::Other => format!("{other} reached out"),
    })
}

/// Who reached out for a check-in line, in words.
fn reached_out(e: &TimelineRow, t: &Timeline) -> Option<String> {
    let other = e
        .relationship_id
        .and_then(|id| t.names.get(&id))
        .map(|n| sanitize_line(n))
        .unwrap_or_default();
    reached_out_phrase(e.reached_out, &other)
}

/// A check-in read over the timeline: its kind, the person, the day, who reached out and
/// the whole note.
fn draw_checkin(app: &App, t: &Timeline, c: &Checkin, frame: &mut Frame, theme: &Theme) {
    let name = t
        .names
        .get(&c.relationship_id)
        .map(|n| sanitize_line(n))
        .unwrap_or_default();
    let w = frame.area().width.saturating_sub(4).min(64);
    let text_w = w.saturating_sub(4);
    let day = app.date(c.at.with_timezone(&Local).date_naive());
    let head = crate::text::capitalise(contact_phrase(c.kind));
    let mut lines = widgets::prose_lines(&format!("{head} with {name}"), text_w, theme.accent);
    let who = reached_out_phrase(c.reached_out, &name)
        .map(|w| crate::text::capitalise(&w))
        .unwrap_or_else(|| "Who reached out was not said".to_string());
    lines.extend(widgets::prose_lines(
        &format!("{day} · {who}"),
        text_w,
        theme.dim,
    ));
    lines.push(Line::raw(""));
    if c.note.trim().is_empty() {
        lines.push(Line::styled("No note.", theme.dim));
    } else {
        lines.extend(widgets::prose_lines(&c.note, text_w, theme.base));
    }
    let close = app.key_label(Context::Timeline, crate::config::Command::Back);
    // Room for the lines and the closing hint, within the screen.
    let h = (lines.len() as u16 + 4).min(frame.area().height.saturating_sub(2).max(3));
    let inner = widgets::popup_area(frame, w, h, "Check-in", theme);
    let [body, help] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(lines),
        body.inner(ratatui::layout::Margin::new(1, 0)),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!(" {close} closes"), theme.dim)),
        help,
    );
}
