//! The search screen: a query, and the entries that match it.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::app::search::SearchView;
use crate::config::Context;
use crate::text::{sanitize_line, truncate, width};

pub fn render_search(
    app: &App,
    v: &SearchView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let title = if v.review {
        " Search (pair review: private entries left out) "
    } else {
        " Search everything "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return ("Search".into(), String::new(), Vec::new());
    }
    let [input_area, help_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let text = sanitize_line(v.input.text());
    let shown = truncate(&text, usize::from(input_area.width.saturating_sub(3)));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" / ", theme.key),
            Span::styled(shown.clone(), theme.field),
        ])),
        input_area,
    );
    let cursor_x =
        input_area.x + 3 + width(&sanitize_line(&v.input.text()[..v.input.cursor()])) as u16;
    if cursor_x < input_area.right() {
        frame.set_cursor_position(Position::new(cursor_x, input_area.y));
    }
    let help = if let Some(p) = v.problems.first() {
        Line::styled(format!(" {p}"), theme.error)
    } else if v.input.text().trim().is_empty() {
        Line::styled(
            " Type to search; #tag kind:goal with:Sam after:2026-01-01 private shared narrow it.",
            theme.dim,
        )
    } else {
        Line::styled(
            format!(
                " {} result{}",
                v.hits.len(),
                if v.hits.len() == 1 { "" } else { "s" }
            ),
            theme.dim,
        )
    };
    frame.render_widget(Paragraph::new(help), help_area);
    let height = usize::from(list_area.height);
    let top = (v.cursor + 1).saturating_sub(height);
    let w = usize::from(list_area.width);
    let lines: Vec<Line> = v
        .hits
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, h)| {
            let selected = i == v.cursor;
            let style = if selected { theme.selected } else { theme.base };
            let day = app.date(h.at.with_timezone(&Local).date_naive());
            let who = h
                .relationship_id
                .and_then(|r| v.names.get(&r))
                .map(|n| truncate(&sanitize_line(n), 12))
                .unwrap_or_default();
            let head = format!(
                "{}{:<10} {day}  {who:<12}  ",
                if selected { "› " } else { "  " },
                h.kind.label()
            );
            let room = w.saturating_sub(width(&head) + if h.private { 10 } else { 0 });
            let mut spans = vec![Span::styled(head, style)];
            let snippet: Vec<char> = sanitize_line(&h.snippet).chars().collect();
            let mut used = 0;
            for (ci, c) in snippet.iter().enumerate() {
                let cw = crate::text::cell_width(*c);
                if used + cw > room {
                    break;
                }
                used += cw;
                let st = if h.matched.contains(&ci) {
                    style.patch(theme.accent).add_modifier(Modifier::BOLD)
                } else {
                    style
                };
                spans.push(Span::styled(c.to_string(), st));
            }
            if h.private {
                spans.push(Span::styled(" (private)", theme.dim));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    let hints = app.settings.keys.footer(Context::Search);
    ("Search".into(), String::new(), hints)
}
