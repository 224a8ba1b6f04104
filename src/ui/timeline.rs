//! The timeline: meetings and reflections, newest first.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::hint;
use super::theme::Theme;
use super::widgets;
use crate::app::{App, Timeline};
use crate::config::KeyAction;
use crate::store::EntryKind;
use crate::text::{sanitize_line, truncate, width};

pub fn render(
    app: &App,
    t: &Timeline,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let count = if t.complete {
        format!("{} entries", t.entries.len())
    } else {
        format!("{}+ entries", t.entries.len())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            " Meetings and reflections, newest first ",
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if t.entries.is_empty() {
        let text = "Nothing here yet. Meetings and reflections logged from the shell show up here: \
                    mentorlog meeting --with NAME --notes \"…\", or mentorlog reflect \"…\".";
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
    let keys = &app.settings.keys;
    let hints = vec![
        hint("↑↓", "move"),
        hint("PgDn", "older"),
        hint("g", "newest"),
        hint("Esc", "back"),
        hint(keys.label(KeyAction::Help), "help"),
        hint(keys.label(KeyAction::Quit), "quit"),
    ];
    ("Timeline".to_string(), count, hints)
}

fn draw_rows(app: &App, t: &Timeline, frame: &mut Frame, area: Rect, theme: &Theme) {
    let height = usize::from(area.height);
    if height == 0 {
        return;
    }
    let top = (t.cursor + 1).saturating_sub(height);
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
                .map(|n| truncate(&sanitize_line(n), 14))
                .unwrap_or_default();
            let marker = if selected { "› " } else { "  " };
            let head = format!("{marker}{date}  {kind}  {with:<14}  ");
            let privacy = if e.private { " (private)" } else { "" };
            let room = w.saturating_sub(width(&head) + width(privacy));
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(truncate(&sanitize_line(&e.preview), room), style),
                Span::styled(privacy, theme.dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
