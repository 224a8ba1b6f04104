//! The pair review screen: two people, one screen, no private entry drawn.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub use super::prep::render_prep;
pub use super::search::render_search;
use super::theme::Theme;
use crate::app::App;
use crate::app::review::{ReviewData, ReviewView};
use crate::config::Context;
use crate::domain::checkin::average;
use crate::domain::goal::gauge;
use crate::domain::{GoalStatus, Owner};
use crate::text::{sanitize_line, truncate, width};

/// ▁▂▃▄▅▆▇█ for 0-100.
fn spark(values: &[u8]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| BARS[(usize::from((*v).min(100)) * 7 + 50) / 100])
        .collect()
}

pub(super) fn section(lines: &mut Vec<Line<'static>>, title: &str, theme: &Theme) {
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(title.to_string(), theme.accent));
}

fn goal_lines(app: &App, d: &ReviewData, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section(&mut lines, "Goals", theme);
    let shown: Vec<_> = d
        .goals
        .iter()
        .filter(|g| g.summary.goal.status != GoalStatus::Dropped)
        .collect();
    if shown.is_empty() {
        lines.push(Line::styled("  No goals yet.", theme.dim));
    }
    for g in shown {
        let s = &g.summary;
        let bar = gauge(s.progress, 10);
        let room = w.saturating_sub(crate::text::width(&bar) + 4);
        lines.push(Line::from(vec![
            Span::styled(format!("  {bar}  "), theme.ok),
            Span::styled(truncate(&sanitize_line(&s.goal.title), room), theme.base),
        ]));
        let mut detail = vec![s.goal.status.id().to_string()];
        if s.milestones > 0 {
            detail.push(format!(
                "{} of {}",
                s.milestones_done,
                crate::words::count(s.milestones, "milestone", "milestones")
            ));
        }
        if let Some(t) = s.goal.target_on {
            detail.push(format!("target {}", app.date(t)));
        }
        if let (Some(b), Some(f)) = (s.goal.baseline, s.goal.final_rating) {
            detail.push(format!("self-rating {b} → {f}"));
        }
        let history: Vec<u8> = g.updates.iter().map(|u| u.progress).collect();
        let sparkline = if history.len() > 1 {
            format!("  {}", spark(&history[history.len().saturating_sub(24)..]))
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled(
                truncate(
                    &format!("      {}", detail.join(" · ")),
                    w.saturating_sub(width(&sparkline)),
                ),
                theme.dim,
            ),
            Span::styled(sparkline, theme.ok),
        ]));
    }
    lines.extend(super::skills::review_lines(d, w, theme));
    lines
}

fn meeting_lines(app: &App, d: &ReviewData, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section(
        &mut lines,
        &format!("Meetings ({})", d.meetings.len()),
        theme,
    );
    if d.meetings.is_empty() {
        lines.push(Line::styled(
            "  No shared meetings in this period.",
            theme.dim,
        ));
    }
    for (m, _) in d.meetings.iter().rev() {
        let day = app.date(m.held_at.with_timezone(&Local).date_naive());
        let what = if m.outcomes.trim().is_empty() {
            m.notes.lines().next().unwrap_or("").to_string()
        } else {
            m.outcomes.replace('\n', "; ")
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {day}  "), theme.dim),
            Span::styled(
                truncate(&sanitize_line(&what), w.saturating_sub(width(&day) + 4)),
                theme.base,
            ),
        ]));
    }
    section(
        &mut lines,
        &format!(
            "Action items: {} done, {} open",
            d.done_items,
            d.open_items.len()
        ),
        theme,
    );
    let other = sanitize_line(d.relationship.display_name());
    for a in &d.open_items {
        let who = match a.owner {
            Owner::Me => "me".to_string(),
            Owner::Them => other.clone(),
            Owner::Both => "both".to_string(),
        };
        let tail = format!("  ({who})");
        lines.push(Line::from(vec![
            Span::styled("  [ ] ", theme.base),
            Span::styled(
                truncate(&sanitize_line(&a.text), w.saturating_sub(width(&tail) + 6)),
                theme.base,
            ),
            Span::styled(tail, theme.dim),
        ]));
    }
    section(&mut lines, "Pulse", theme);
    let averages: Vec<f64> = d
        .surveys
        .iter()
        .filter_map(|s| average(&s.scores))
        .collect();
    match averages.last() {
        None => lines.push(Line::styled(
            "  No pulse surveys in this period.",
            theme.dim,
        )),
        Some(last) => {
            let bars: Vec<u8> = averages
                .iter()
                .map(|a| ((a - 1.0) * 25.0).round() as u8)
                .collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}  ", spark(&bars)), theme.ok),
                Span::styled(
                    format!(
                        "latest {last:.1} of 5 over {}",
                        crate::words::count(averages.len(), "survey", "surveys")
                    ),
                    theme.base,
                ),
            ]));
        }
    }
    lines
}

fn resource_lines(d: &ReviewData, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let them = d.relationship.display_name();
    let hidden = d.hidden_resources;
    super::resources::review_lines(&d.resources, hidden, &d.me, them, w, theme)
}

pub fn render_review(
    app: &App,
    v: &ReviewView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let d = &v.data;
    let name = sanitize_line(d.relationship.display_name());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(Span::styled(
            format!(" Pair review · you and {name} "),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return ("Pair review".into(), String::new(), Vec::new());
    }
    let range = match d.from {
        Some(f) => format!(
            "{}, {} to {}",
            d.period.label(),
            app.date(f),
            app.date(d.to)
        ),
        None => format!("{}, to {}", d.period.label(), app.date(d.to)),
    };
    let hidden = match d.hidden_private {
        0 => "Private entries are never shown here (none in this period).".to_string(),
        1 => "Private entries are never shown here: 1 in this period is hidden.".to_string(),
        n => format!("Private entries are never shown here: {n} in this period are hidden."),
    };
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(truncate(&range, usize::from(head.width)), theme.base),
            Line::styled(truncate(&hidden, usize::from(head.width)), theme.dim),
        ]),
        head,
    );
    let wide = body.width >= 110;
    let height = usize::from(body.height);
    if wide {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .spacing(2)
                .areas(body);
        let mut l = goal_lines(app, d, usize::from(left.width), theme);
        l.extend(resource_lines(d, usize::from(left.width), theme));
        let r = meeting_lines(app, d, usize::from(right.width), theme);
        let most = l.len().max(r.len()).saturating_sub(height);
        let top = v.scroll.min(most);
        frame.render_widget(
            Paragraph::new(l.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            left,
        );
        frame.render_widget(
            Paragraph::new(r.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            right,
        );
    } else {
        let mut lines = goal_lines(app, d, usize::from(body.width), theme);
        lines.extend(resource_lines(d, usize::from(body.width), theme));
        lines.extend(meeting_lines(app, d, usize::from(body.width), theme));
        let most = lines.len().saturating_sub(height);
        let top = v.scroll.min(most);
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            body,
        );
    }
    let hints = app.settings.keys.footer(Context::Review);
    ("Pair review".into(), "private hidden".into(), hints)
}
