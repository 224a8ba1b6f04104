//! Open action items across relationships, grouped by owner.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::list;
use crate::app::{ActionsView, App};
use crate::config::Context;
use crate::domain::Owner;
use crate::text::sanitize_line;

fn group_title(owner: Owner) -> &'static str {
    match owner {
        Owner::Me => "Mine",
        Owner::Them => "Theirs",
        Owner::Both => "Together",
    }
}

pub fn render(
    app: &App,
    a: &ActionsView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(" Open action items ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let today = app.now.date_naive();
    let overdue = a.items.iter().filter(|i| i.is_overdue(today)).count();
    if a.items.is_empty() {
        let text = "No open action items. They come from meetings: log one with m, and add what each of you will do before the next.";
        frame.render_widget(
            Paragraph::new(widgets::prose_lines(
                text,
                inner.width.saturating_sub(2),
                theme.base,
            )),
            inner.inner(ratatui::layout::Margin::new(1, 1)),
        );
    } else {
        // (line, index of the item on it) with group headings between.
        let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
        let mut last: Option<Owner> = None;
        let w = usize::from(inner.width);
        let many_people = a
            .items
            .iter()
            .any(|i| i.relationship_id != a.items[0].relationship_id);
        for (i, item) in a.items.iter().enumerate() {
            if last != Some(item.owner) {
                if last.is_some() {
                    rows.push((Line::raw(""), None));
                }
                rows.push((
                    Line::styled(format!(" {}", group_title(item.owner)), theme.accent),
                    None,
                ));
                last = Some(item.owner);
            }
            let selected = i == a.cursor;
            let done = item.done_at.is_some();
            let late = item.is_overdue(today);
            let style = if selected {
                theme.selected
            } else if done {
                theme.dim
            } else if late {
                theme.error
            } else {
                theme.base
            };
            let name = a
                .names
                .get(&item.relationship_id)
                .map(|n| sanitize_line(n))
                .unwrap_or_default();
            let due = match item.due_on {
                Some(d) if late => format!("{} overdue", app.date(d)),
                Some(d) => format!("due {}", app.date(d)),
                None => String::new(),
            };
            // Padded by display width, so a CJK or emoji name keeps the columns straight.
            let tail = if many_people {
                format!("  {}  {}", cells::fit(&name, 14), cells::fit(&due, 18))
            } else {
                format!("  {}", cells::fit(&due, 18))
            };
            let head = format!(
                "{}{} ",
                if selected { " › " } else { "   " },
                if done { "[x]" } else { "[ ]" }
            );
            let room = w.saturating_sub(cells::cells(&head) + cells::cells(&tail));
            rows.push((
                Line::from(vec![
                    Span::styled(head, style),
                    Span::styled(cells::fit(&sanitize_line(&item.text), room), style),
                    Span::styled(
                        tail,
                        if late && !done {
                            theme.error
                        } else {
                            theme.dim
                        },
                    ),
                ]),
                Some(i),
            ));
        }
        let height = usize::from(inner.height);
        let at = rows
            .iter()
            .position(|(_, i)| *i == Some(a.cursor))
            .unwrap_or(0);
        let top = list::first_shown(at, height);
        let shown: Vec<Line> = rows
            .into_iter()
            .skip(top)
            .take(height)
            .map(|(l, _)| l)
            .collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }
    let hints = app.settings.keys.footer(Context::Actions);
    let open = a.items.iter().filter(|i| i.done_at.is_none()).count();
    let right = if overdue > 0 {
        format!("{open} open · {overdue} overdue")
    } else {
        format!("{open} open")
    };
    ("Action items".to_string(), right, hints)
}
