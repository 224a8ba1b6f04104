//! The timeline: meetings and reflections, newest first.

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
use crate::store::EntryKind;
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
    } else {
        " Meetings and reflections, newest first "
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
        let detail = t.selected().map(|e| e.preview.clone()).unwrap_or_default();
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
                EntryKind::Meeting => "meeting   ",
                EntryKind::Reflection => "reflection",
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
            let privacy = if e.private { " (private)" } else { "" };
            let room = w.saturating_sub(cells::cells(&head) + cells::cells(privacy));
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
