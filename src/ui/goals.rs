//! The goal board, one goal in detail (with its progress chart and the meetings that worked
//! on it); the goal form is in `form`.

mod form;
pub use form::render_form;

use std::collections::HashMap;

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::goals::{GoalBoard, GoalView, local_day};
use crate::app::list;
use crate::config::{Command, Context};
use crate::domain::GoalStatus;
use crate::domain::goal::gauge;
use crate::text::sanitize_line;

fn status_title(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::Active => "Active",
        GoalStatus::Proposed => "Proposed",
        GoalStatus::Paused => "Paused",
        GoalStatus::Achieved => "Achieved",
        GoalStatus::Dropped => "Dropped",
    }
}

/// "by 2027-03-01", "3 days overdue" for a goal's target; true when overdue.
fn target_text(app: &App, g: &crate::domain::Goal) -> (String, bool) {
    match (g.days_overdue(app.now.date_naive()), g.target_on) {
        (Some(days), _) => (
            format!("{days} day{} overdue", if days == 1 { "" } else { "s" }),
            true,
        ),
        (None, Some(t)) => (format!("by {}", app.date(t)), false),
        (None, None) => ("no target date".to_string(), false),
    }
}

pub fn render_board(
    app: &App,
    b: &GoalBoard,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(" Goals, by status ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let keys = &app.settings.keys;
    if b.goals.is_empty() {
        let text = format!(
            "No goals yet. A goal is what the mentee wants to reach, agreed by both of you: \
             press {} to add one, with how you will know it is reached and the steps on the way.",
            keys.label(Context::Goals, Command::NewGoal)
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
        let w = usize::from(inner.width);
        let many = b
            .goals
            .iter()
            .any(|g| g.goal.relationship_id != b.goals[0].goal.relationship_id);
        let gauge_cells = if w >= 70 { 10 } else { 5 };
        // Where each row goes (a blank, a status heading, a goal) is cheap; the rows are
        // drawn only for the part in view, however many goals there are.
        let mut counts: HashMap<GoalStatus, usize> = HashMap::new();
        for s in &b.goals {
            *counts.entry(s.goal.status).or_default() += 1;
        }
        let mut rows: Vec<BoardRow> = Vec::new();
        let mut last = None;
        for (i, s) in b.goals.iter().enumerate() {
            let status = s.goal.status;
            if last != Some(status) {
                if last.is_some() {
                    rows.push(BoardRow::Blank);
                }
                rows.push(BoardRow::Heading(status));
                last = Some(status);
            }
            rows.push(BoardRow::Goal(i));
        }
        let height = usize::from(inner.height);
        let at = rows
            .iter()
            .position(|r| *r == BoardRow::Goal(b.cursor))
            .unwrap_or(0);
        let top = list::first_shown(at, height);
        let draw = |row: &BoardRow| -> Line {
            let i = match *row {
                BoardRow::Blank => return Line::raw(""),
                BoardRow::Heading(status) => {
                    let count = counts.get(&status).copied().unwrap_or(0);
                    return Line::styled(
                        format!(" {} · {count}", status_title(status)),
                        theme.accent,
                    );
                }
                BoardRow::Goal(i) => i,
            };
            let s = &b.goals[i];
            let g = &s.goal;
            let selected = i == b.cursor;
            let style = if selected { theme.selected } else { theme.base };
            let (target, late) = target_text(app, g);
            let name = if many {
                b.names
                    .get(&g.relationship_id)
                    .map(|n| format!("{}  ", cells::fit(&sanitize_line(n), 12)))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            // The same width on every row, so the gauges stand in one column.
            let tail = if w >= 50 {
                format!("  {name}{}", cells::fit(&target, 18))
            } else if late {
                "  late".to_string()
            } else {
                "      ".to_string()
            };
            let bar = gauge(s.progress, gauge_cells);
            let head = if selected { " › " } else { "   " };
            let room =
                w.saturating_sub(cells::cells(head) + cells::cells(&bar) + 2 + cells::cells(&tail));
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(cells::fit(&sanitize_line(&g.title), room), style),
                Span::styled(format!("  {bar}"), if selected { style } else { theme.ok }),
                Span::styled(tail, if late { theme.error } else { theme.dim }),
            ])
        };
        let shown: Vec<Line> = rows.iter().skip(top).take(height).map(draw).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }
    let hints = keys.footer(Context::Goals);
    let open = b.goals.iter().filter(|g| g.goal.status.is_open()).count();
    ("Goals".to_string(), format!("{open} open"), hints)
}

/// A row of the board: what it holds, before it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoardRow {
    Blank,
    Heading(GoalStatus),
    /// The goal at this index of the board's list.
    Goal(usize),
}

/// The goal's details; `roomy` when the window is tall enough for hints to wrap.
fn info_lines(app: &App, v: &GoalView, w: u16, roomy: bool, theme: &Theme) -> Vec<Line<'static>> {
    let g = v.goal();
    let mut lines = Vec::new();
    let mut head = format!("with {} · {}", sanitize_line(&v.name), g.status.id());
    if let Some(t) = g.topic.as_deref() {
        head.push_str(&format!(" · {}", app.content.topic_label(t).unwrap_or(t)));
    }
    let (target, late) = target_text(app, g);
    lines.push(Line::from(vec![
        Span::styled(head, theme.dim),
        Span::styled(
            format!(" · {target}"),
            if late { theme.error } else { theme.dim },
        ),
    ]));
    let cells = if w >= 60 { 20 } else { 10 };
    let source = if v.summary.milestones > 0 {
        format!(
            "{} of {}",
            v.summary.milestones_done,
            crate::words::count(v.summary.milestones, "milestone", "milestones")
        )
    } else if v.summary.last_update.is_some() {
        "from the last update".to_string()
    } else {
        "no progress noted yet".to_string()
    };
    lines.push(Line::from(vec![
        Span::styled(gauge(v.summary.progress, cells), theme.ok),
        Span::styled(format!("  {source}"), theme.dim),
    ]));
    if !g.why.trim().is_empty() {
        for l in widgets::prose_lines(&format!("Why: {}", g.why), w, theme.base)
            .into_iter()
            .take(2)
        {
            lines.push(l);
        }
    }
    // The success measure is read here, so it wraps rather than being cut.
    if !g.success.trim().is_empty() {
        lines.extend(widgets::prose_lines(
            &format!("Success: {}", g.success),
            w,
            theme.base,
        ));
    }
    match (g.baseline, g.final_rating) {
        (Some(b), Some(f)) => lines.push(Line::styled(
            format!("Self-rating: {b} at the start → {f} at the end (of 5)"),
            theme.accent,
        )),
        (Some(b), None) => lines.push(Line::styled(
            format!("Self-rating at the start: {b} of 5"),
            theme.dim,
        )),
        (None, Some(f)) => lines.push(Line::styled(
            format!("Self-rating at the end: {f} of 5"),
            theme.accent,
        )),
        (None, None) => {}
    }
    for h in v.hints(app.now.date_naive()) {
        // A hint says what to do: it wraps rather than losing its end, unless the window is
        // so low that wrapping one would hide the next.
        let hint = format!("· {}", h.text());
        if roomy {
            lines.extend(widgets::prose_lines(&hint, w, theme.dim));
        } else {
            lines.push(Line::styled(cells::cut(&hint, usize::from(w)), theme.dim));
        }
    }
    lines
}

fn draw_chart(app: &App, v: &GoalView, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(first) = v.updates.first() else {
        return;
    };
    let start = local_day(first.at);
    let end = app.now.date_naive().max(start);
    let span = (end - start).num_days().max(1) as f64;
    let mut points: Vec<(f64, f64)> = v
        .updates
        .iter()
        .map(|u| {
            (
                (local_day(u.at) - start).num_days() as f64,
                f64::from(u.progress),
            )
        })
        .collect();
    if let Some(last) = points.last().copied() {
        points.push((span, last.1));
    }
    let data = [Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.ok)
        .data(&points)];
    let chart = Chart::new(data.to_vec())
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim)
                .title(Span::styled(" Progress over time ", theme.accent)),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, span])
                .labels([app.date(start), app.date(end)])
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"])
                .style(theme.dim),
        );
    frame.render_widget(chart, area);
}

fn list_lines(app: &App, v: &GoalView, w: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    lines.push(Line::styled("Milestones", theme.accent));
    if v.milestones.is_empty() {
        lines.push(Line::styled(
            "  None yet: e edits the goal to add the steps on the way.",
            theme.dim,
        ));
    }
    let today = app.now.date_naive();
    for (i, m) in v.milestones.iter().enumerate() {
        let selected = i == v.cursor;
        let done = m.done_at.is_some();
        let due = m.due.and_then(|d| d.date(v.start));
        let late = m.is_overdue(v.start, today);
        let due_text = match (m.due, due) {
            (Some(d), Some(date))
                if !matches!(d, crate::domain::MilestoneDue::On(_)) && w >= 50 =>
            {
                format!("{} ({})", d.text(), app.date(date))
            }
            (_, Some(date)) => app.date(date),
            (Some(d), None) => d.text(),
            (None, None) => String::new(),
        };
        let style = if selected {
            theme.selected
        } else if done {
            theme.dim
        } else if late {
            theme.error
        } else {
            theme.base
        };
        let head = format!(
            "{}{} ",
            if selected { "› " } else { "  " },
            if done { "[x]" } else { "[ ]" }
        );
        let tail = if due_text.is_empty() {
            String::new()
        } else if w >= 50 {
            format!("  {due_text}{}", if late { " overdue" } else { "" })
        } else {
            format!("  {due_text}")
        };
        let room = w.saturating_sub(cells::cells(&head) + cells::cells(&tail));
        if selected {
            cursor_line = lines.len();
        }
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(cells::fit(&sanitize_line(&m.text), room), style),
            Span::styled(tail, if late { theme.error } else { theme.dim }),
        ]));
    }
    // Only once there are some: the form of every meeting offers the goals to tick.
    if !v.meetings.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Meetings that worked on it", theme.accent));
    }
    for (i, m) in v.meetings.iter().enumerate() {
        let selected = v.milestones.len() + i == v.cursor;
        if selected {
            cursor_line = lines.len();
        }
        let day = app.date(m.held_at.with_timezone(&Local).date_naive());
        let head = format!("{}{day}  ", if selected { "› " } else { "  " });
        let privacy = if m.private { " (private)" } else { "" };
        let title = if m.title.is_empty() {
            "a meeting (no agenda or notes)".to_string()
        } else {
            sanitize_line(&m.title)
        };
        let room = w.saturating_sub(cells::cells(&head) + privacy.len());
        let style = if selected { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(head, if selected { style } else { theme.dim }),
            Span::styled(cells::fit(&title, room), style),
            Span::styled(privacy, theme.dim),
        ]));
    }
    if !v.updates.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Progress log", theme.accent));
        for u in v.updates.iter().rev() {
            let day = app.date(u.at.with_timezone(&Local).date_naive());
            let note = if u.note.is_empty() {
                String::new()
            } else {
                format!("  {}", sanitize_line(&u.note))
            };
            lines.push(Line::styled(
                cells::cut(&format!("  {day}  {:>3}%{note}", u.progress), w),
                theme.base,
            ));
        }
    }
    if !v.reflections.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Reflections about it", theme.accent));
        for r in &v.reflections {
            let day = app.date(r.at.with_timezone(&Local).date_naive());
            let privacy = if r.private { " (private)" } else { "" };
            let room = w.saturating_sub(cells::cells(&day) + 4 + privacy.len());
            lines.push(Line::from(vec![
                Span::styled(format!("  {day}  "), theme.dim),
                Span::styled(cells::cut(&sanitize_line(&r.preview), room), theme.base),
                Span::styled(privacy, theme.dim),
            ]));
        }
    }
    (lines, cursor_line)
}

pub fn render_detail(
    app: &App,
    v: &GoalView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(
                " {} ",
                cells::cut(
                    &sanitize_line(&v.goal().title),
                    usize::from(area.width.saturating_sub(4))
                )
            ),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let info = info_lines(app, v, inner.width, inner.height >= 16, theme);
    let chart_h = if !v.updates.is_empty() && inner.height >= 18 {
        8
    } else {
        0
    };
    let info_h = (info.len() as u16).min(inner.height.saturating_sub(3));
    let [info_area, chart_area, list_area] = Layout::vertical([
        Constraint::Length(info_h + 1),
        Constraint::Length(chart_h),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(info), info_area);
    if chart_h > 0 {
        draw_chart(app, v, frame, chart_area, theme);
    }
    let (lines, cursor_line) = list_lines(app, v, usize::from(list_area.width), theme);
    let height = usize::from(list_area.height);
    let most = lines.len().saturating_sub(height);
    let top = list::first_shown(cursor_line, height).max(v.scroll.min(most));
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), list_area);
    if let Some(panel) = &v.panel {
        let h = panel.fields.len() as u16 + 4;
        let inner = widgets::popup_area(frame, 64, h, "Note progress", theme);
        let [fields_area, help] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        super::entry::draw_fields(frame, fields_area, panel, None, theme);
        let text = if v.milestones.is_empty() {
            " Enter notes it · Esc cancels".to_string()
        } else {
            format!(
                " {}% from milestones · Enter notes it · Esc cancels",
                v.summary.progress
            )
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), help);
    }
    let hints = app.settings.keys.footer(if v.panel.is_some() {
        Context::ProgressPanel
    } else {
        Context::GoalDetail
    });
    (
        "Goal".to_string(),
        status_title(v.goal().status).to_string(),
        hints,
    )
}

/// The goals a meeting worked on, in a line: "Give a talk, Find a mentor (achieved)".
pub fn meeting_goals_text(goals: &[crate::store::MeetingGoal]) -> String {
    goals
        .iter()
        .map(|g| {
            if g.status == GoalStatus::Active {
                sanitize_line(&g.title)
            } else {
                format!("{} ({})", sanitize_line(&g.title), g.status.id())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
