//! The search screen: a query, and the entries that match it.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::list;
use crate::app::search::SearchView;
use crate::config::Context;
use crate::text::{clusters, fit, sanitize_line, width};

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
    // The query scrolls sideways by cluster like every one-line field, so a long one keeps
    // the cursor in view.
    frame.render_widget(Paragraph::new(Span::styled(" / ", theme.key)), input_area);
    let field = Rect {
        x: input_area.x + 3,
        width: input_area.width.saturating_sub(3),
        ..input_area
    };
    widgets::line_field(frame, field, v.input.text(), v.input.cursor(), true, theme);
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
    let top = list::first_shown(v.cursor, height);
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
                .map(|n| sanitize_line(n))
                .unwrap_or_default();
            let head = format!(
                "{}{} {day}  {}  ",
                if selected { "› " } else { "  " },
                fit(h.kind.label(), 10),
                fit(&who, 12),
            );
            let room = w.saturating_sub(width(&head) + if h.private { 10 } else { 0 });
            let mut spans = vec![Span::styled(head, style)];
            // `matched` counts characters; a cluster shows bold when any of its characters
            // matched, and runs of one style go in one span.
            let snippet = sanitize_line(&h.snippet);
            let mut used = 0;
            let mut chars = 0;
            let mut run = (0, 0, false);
            for (at, g, cw) in clusters(&snippet) {
                if used + cw > room {
                    break;
                }
                used += cw;
                let n = g.chars().count();
                let hit = (chars..chars + n).any(|c| h.matched.contains(&c));
                chars += n;
                if hit != run.2 && run.1 > run.0 {
                    spans.push(snippet_span(&snippet[run.0..run.1], run.2, style, theme));
                    run.0 = at;
                }
                run = (run.0, at + g.len(), hit);
            }
            if run.1 > run.0 {
                spans.push(snippet_span(&snippet[run.0..run.1], run.2, style, theme));
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

/// A piece of a search result's snippet, bold where the query matched.
fn snippet_span(text: &str, hit: bool, style: Style, theme: &Theme) -> Span<'static> {
    let style = if hit {
        style.patch(theme.accent).add_modifier(Modifier::BOLD)
    } else {
        style
    };
    Span::styled(text.to_string(), style)
}
