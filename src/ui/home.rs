//! The home screen: every relationship at a glance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::cells;
use super::hint;
use super::home_detail::{checkin_lines, detail_lines, goal_lines, reality_lines};
use super::theme::Theme;
use super::widgets;
use crate::app::{App, Home};
use crate::config::{Command, Context};
use crate::domain::{Initiator, LifeState};
use crate::text::sanitize_line;
use crate::words::count;

pub fn render(
    app: &App,
    home: &Home,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let keys = &app.settings.keys;
    let name = sanitize_line(app.profile_name.trim());
    let title = if name.is_empty() {
        "Home".to_string()
    } else {
        format!("Hi, {name}")
    };
    let right = app.date(app.now.date_naive());
    let n = home.relationships.len();

    let mut notes: Vec<Line> = Vec::new();
    if let Some(damage) = &app.damage {
        notes.extend(super::health::home_lines(
            app,
            damage,
            area.width.saturating_sub(2),
            theme,
        ));
    }
    if let Some(u) = &home.unfinished {
        let who = if u.other_name.trim().is_empty() {
            "a new relationship".to_string()
        } else {
            format!("the relationship with {}", sanitize_line(u.display_name()))
        };
        notes.extend(widgets::prose_lines(
            &format!(
                "You started {who} and have not finished its walk-through: press {} to carry on.",
                keys.label(Context::Home, Command::NewRelationship)
            ),
            area.width.saturating_sub(2),
            theme.accent,
        ));
    }
    let mut detail = home
        .selected()
        .map(|o| {
            let mut lines = detail_lines(app, home, o, area.width.saturating_sub(4), theme);
            lines.extend(checkin_lines(home, o, area.width.saturating_sub(4), theme));
            lines.extend(goal_lines(home, o, area.width.saturating_sub(4), theme));
            lines
        })
        .unwrap_or_default();
    // The selected relationship's details go under the table when there is room for both.
    let rows_h = n as u16 + 3;
    // When not all of them fit, their first lines do (the name and the focus say the most).
    let room = area.height.saturating_sub(rows_h + notes.len() as u16);
    if let Some(o) = home.selected() {
        let spare = usize::from(room.saturating_sub(2)).saturating_sub(detail.len());
        detail.extend(reality_lines(
            home,
            o,
            area.width.saturating_sub(4),
            spare,
            theme,
        ));
    }
    let detail_h = if detail.is_empty() || room < 3 {
        0
    } else {
        (detail.len() as u16 + 2).min(room)
    };
    let table_h = if detail_h > 0 {
        Constraint::Length(rows_h)
    } else {
        Constraint::Min(1)
    };
    // Without the details, the table takes every line the notes leave.
    let spacer = if detail_h > 0 {
        Constraint::Fill(1)
    } else {
        Constraint::Length(0)
    };
    let [table_area, detail_area, _, notes_area] = Layout::vertical([
        table_h,
        Constraint::Length(detail_h),
        spacer,
        Constraint::Length(notes.len() as u16),
    ])
    .areas(area);
    if detail_h > 0 {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.dim);
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        frame.render_widget(
            Paragraph::new(detail),
            inner.inner(ratatui::layout::Margin::new(1, 0)),
        );
    }
    frame.render_widget(
        Paragraph::new(notes),
        notes_area.inner(ratatui::layout::Margin::new(1, 0)),
    );

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            {
                let due = home
                    .due
                    .iter()
                    .filter(|d| d.state.is_some_and(|s| s.prompt()))
                    .count();
                let mut title = format!(" {}", count(n, "relationship", "relationships"));
                if due > 0 {
                    title.push_str(&format!(" · {} due", count(due, "check-in", "check-ins")));
                }
                title.push(' ');
                title
            },
            theme.title,
        ));
    if n == 0 {
        let inner = block.inner(table_area);
        frame.render_widget(block, table_area);
        let text = format!(
            "No agreed relationships yet. Press {} to walk through the questions to agree before a new one starts.",
            keys.label(Context::Home, Command::NewRelationship)
        );
        frame.render_widget(
            Paragraph::new(widgets::prose_lines(
                &text,
                inner.width.saturating_sub(2),
                theme.base,
            )),
            inner.inner(ratatui::layout::Margin::new(1, 1)),
        );
    } else {
        // Columns drop from the right of the middle as the window narrows.
        let wide = table_area.width >= 90;
        let medium = table_area.width >= 64;
        let mut header = vec!["With", "I am"];
        if medium {
            header.extend(["Model", "Since"]);
        }
        header.push("Check-ins");
        if wide {
            header.push("Planned end");
        }
        let mut widths = vec![Constraint::Fill(1), Constraint::Length(6)];
        if medium {
            widths.extend([Constraint::Length(14), Constraint::Length(10)]);
        }
        widths.push(Constraint::Fill(2));
        if wide {
            widths.push(Constraint::Length(12));
        }
        // The cells are cut to their columns with "…" (the table would clip them mid-word).
        let room: Vec<usize> = Layout::horizontal(widths.clone())
            .spacing(2)
            .split(Rect::new(0, 0, table_area.width.saturating_sub(4), 1))
            .iter()
            .map(|r| usize::from(r.width))
            .collect();
        let fit = |i: usize, text: &str| cells::cut(text, room.get(i).copied().unwrap_or(0));
        // Only the rows that can show are built: the table keeps the highlight on its last line
        // when it scrolls, so the window starting one table's height above the cursor holds
        // every row it draws, and the highlight lands on the same line.
        let first = home.cursor.saturating_sub(usize::from(table_area.height));
        let shown = home
            .relationships
            .iter()
            .skip(first)
            .take(2 * usize::from(table_area.height) + 1);
        let rows: Vec<Row> = shown
            .map(|o| {
                let r = &o.relationship;
                let model = r
                    .model
                    .as_deref()
                    .and_then(|m| app.content.model(m))
                    .map_or("—".to_string(), |m| m.name.clone());
                let since = r.agreed_on.map_or("—".to_string(), |d| app.date(d));
                let due = home.due_row(r.id);
                let fixed = due.and_then(|d| d.plan.schedule.describe());
                let cadence = match (o.cadence, o.initiator) {
                    _ if fixed.is_some() => fixed.clone().unwrap_or_default(),
                    (Some(c), Some(Initiator::Me)) => format!("{} · I reach out", c.describe()),
                    (Some(c), Some(Initiator::Them)) => format!("{} · they do", c.describe()),
                    (Some(c), _) => c.describe(),
                    (None, _) => "no rhythm set".to_string(),
                };
                // Who needs a check-in shows on every row, in words, so it reads without
                // colours and without moving the highlight.
                let state = due.and_then(|d| d.state);
                let (checkins, style) = match due_mark(state.as_ref()) {
                    Some((mark, late)) => {
                        let room = room
                            .get(room.len() - 1 - usize::from(wide))
                            .copied()
                            .unwrap_or(0);
                        // The mark is what matters; then how often, then who reaches out.
                        let how_often = fixed.clone().or_else(|| o.cadence.map(|c| c.describe()));
                        let text = [
                            Some(format!("{mark} · {cadence}")),
                            how_often.map(|c| format!("{mark} · {c}")),
                        ]
                        .into_iter()
                        .flatten()
                        .find(|t| cells::cells(t) <= room)
                        .unwrap_or(mark);
                        (text, if late { theme.error } else { theme.accent })
                    }
                    None => (cadence, theme.base),
                };
                let name = sanitize_line(r.display_name());
                // Nothing is asked about while paused or closed: the column says so instead of
                // a rhythm (a long name would hide a mark beside it).
                let (checkins, style) = match r.life() {
                    LifeState::Paused { .. } => ("paused".to_string(), theme.dim),
                    LifeState::Closed { .. } => ("closed".to_string(), theme.dim),
                    _ => (checkins, style),
                };
                let mut texts = vec![name, r.my_role.map_or("—", |x| x.label()).to_string()];
                // The cells follow the header's columns, which narrow windows drop.
                if medium {
                    texts.push(model);
                    texts.push(since);
                }
                let last = texts.len();
                texts.push(checkins);
                let mut cells: Vec<Cell> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let text = fit(i, t);
                        if i == last {
                            Cell::from(Span::styled(text, style))
                        } else {
                            Cell::from(text)
                        }
                    })
                    .collect();
                if wide {
                    let end = o
                        .planned_end()
                        .map(|d| app.date(d))
                        .unwrap_or_else(|| o.duration.map_or("—".to_string(), |d| d.describe()));
                    cells.push(Cell::from(fit(cells.len(), &end)));
                }
                Row::new(cells)
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.accent))
            .row_highlight_style(theme.selected)
            .highlight_symbol("› ")
            .column_spacing(2)
            .block(block);
        let mut state = TableState::default().with_selected(Some(home.cursor - first));
        frame.render_stateful_widget(table, table_area, &mut state);
    }

    // With nobody yet, only what can be done: start one, or look at the timeline.
    let new = keys.hint(Context::Home, Command::NewRelationship);
    let hints: Vec<(String, String)> = keys
        .footer(Context::Home)
        .into_iter()
        .filter_map(|h| {
            if h == new {
                (n == 0 || home.unfinished.is_some()).then(|| {
                    if home.unfinished.is_some() {
                        hint(h.0, "continue new")
                    } else {
                        h
                    }
                })
            } else if n == 0 {
                let keep = [Command::Timeline, Command::Help, Command::Quit]
                    .map(|c| keys.hint(Context::Home, c));
                keep.contains(&h).then_some(h)
            } else {
                Some(h)
            }
        })
        .collect();
    (title, right, hints)
}

/// The word a row of the home list carries when its check-in needs doing: "overdue 9 days" or
/// "due today", and whether it is late. `None` when nothing is due (or it is snoozed).
fn due_mark(state: Option<&crate::domain::checkin::DueState>) -> Option<(String, bool)> {
    let state = state.filter(|s| s.prompt())?;
    Some(match state.days_overdue {
        0 => ("due today".to_string(), false),
        n => (format!("overdue {}", count(n, "day", "days")), true),
    })
}
