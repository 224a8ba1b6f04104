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
use crate::app::review::{ReviewData, ReviewRow, ReviewView};
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

/// Lines of one column, and the line to keep in view for the highlighted row (its last).
struct Column {
    lines: Vec<Line<'static>>,
    cursor: Option<usize>,
}

/// "› " before a highlighted row, two spaces before the others.
fn mark(on: bool) -> &'static str {
    if on { "› " } else { "  " }
}

/// The highlighted row: which it is, and whether it is drawn highlighted (not when the text
/// is scrolled past it).
type Highlight = (Option<ReviewRow>, bool);

fn goal_lines(
    app: &App,
    d: &ReviewData,
    w: usize,
    (hl, drawn): Highlight,
    theme: &Theme,
) -> Column {
    let mut lines = Vec::new();
    let mut cursor = None;
    section(&mut lines, "Goals", theme);
    let shown: Vec<_> = d
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| g.summary.goal.status != GoalStatus::Dropped)
        .collect();
    if shown.is_empty() {
        lines.push(Line::styled("  No goals yet.", theme.dim));
    }
    for (i, g) in shown {
        let s = &g.summary;
        let here = hl == Some(ReviewRow::Goal(i));
        let on = here && drawn;
        let bar = gauge(s.progress, 10);
        let room = w.saturating_sub(crate::text::width(&bar) + 4);
        lines.push(Line::from(vec![
            Span::styled(mark(on), if on { theme.selected } else { theme.base }),
            Span::styled(format!("{bar}  "), theme.ok),
            Span::styled(
                truncate(&sanitize_line(&s.goal.title), room),
                if on { theme.selected } else { theme.base },
            ),
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
        if here {
            cursor = Some(lines.len() - 1);
        }
    }
    lines.extend(super::skills::review_lines(d, w, theme));
    Column { lines, cursor }
}

fn meeting_lines(
    app: &App,
    d: &ReviewData,
    w: usize,
    (hl, drawn): Highlight,
    theme: &Theme,
) -> Column {
    let mut lines = Vec::new();
    let mut cursor = None;
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
    for (i, (m, _)) in d.meetings.iter().enumerate().rev() {
        let here = hl == Some(ReviewRow::Meeting(i));
        let on = here && drawn;
        let day = app.date(m.held_at.with_timezone(&Local).date_naive());
        let what = if m.outcomes.trim().is_empty() {
            m.notes.lines().next().unwrap_or("").to_string()
        } else {
            m.outcomes.replace('\n', "; ")
        };
        if here {
            cursor = Some(lines.len());
        }
        lines.push(Line::from(vec![
            Span::styled(mark(on), if on { theme.selected } else { theme.base }),
            Span::styled(format!("{day}  "), theme.dim),
            Span::styled(
                truncate(&sanitize_line(&what), w.saturating_sub(width(&day) + 4)),
                if on { theme.selected } else { theme.base },
            ),
        ]));
    }
    section(
        &mut lines,
        &format!("Action items: {} done, {} open", d.done_items, d.open_total),
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
    if d.open_total > d.open_items.len() {
        let more = d.open_total - d.open_items.len();
        lines.push(Line::styled(
            truncate(
                &format!(
                    "  and {more} more open, due later: {} at home lists them all",
                    app.key_label(
                        crate::config::Context::Home,
                        crate::config::Command::ActionItems
                    )
                ),
                w,
            ),
            theme.dim,
        ));
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
    Column { lines, cursor }
}

fn resource_lines(d: &ReviewData, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let them = d.relationship.display_name();
    let hidden = d.hidden_resources;
    super::resources::review_lines(&d.resources, hidden, &d.me, them, w, theme)
}

/// The agreement beside what happened, over the whole relationship.
fn reality_section(d: &ReviewData, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    section(&mut lines, "Agreement and reality", theme);
    lines.extend(super::reality::reality_lines(
        &d.reality,
        d.relationship.display_name(),
        w,
        theme,
    ));
    lines
}

/// `more` after `lines`, with a blank line between two sections; where `more` begins.
fn join(lines: &mut Vec<Line<'static>>, more: Vec<Line<'static>>) -> usize {
    let blank = |l: Option<&Line<'_>>| l.is_some_and(|l| l.width() == 0);
    if !lines.is_empty() && !more.is_empty() && !blank(lines.last()) && !blank(more.first()) {
        lines.push(Line::raw(""));
    }
    let at = lines.len();
    lines.extend(more);
    at
}

/// The first line shown: with a row highlighted, the one that keeps it in view (and any
/// lines scrolled past it); with none, the lines scrolled from the top.
fn first_line(v: &ReviewView, cursor: Option<usize>, height: usize, most: usize) -> usize {
    match (v.highlighted(), cursor) {
        (Some(_), Some(c)) => crate::app::list::first_shown(c, height),
        _ if v.selected.is_some() => {
            // Scrolled past the highlighted row: from where it was kept in view.
            let c = cursor.unwrap_or(0);
            crate::app::list::first_shown(c, height) + v.scroll
        }
        _ => v.scroll,
    }
    .min(most)
}

pub fn render_review(
    app: &App,
    v: &ReviewView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    if let Some(drill) = &v.drill {
        return super::review_drill::render(app, v, drill, frame, area, theme);
    }
    let d = &v.data;
    let inner = pair_frame(d, "", frame, area, theme);
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
    // The row under the highlight: a row scrolled past is still where the view is kept from.
    let hl = (
        v.selected
            .and_then(|i| crate::app::review::openable_rows(d).get(i).copied()),
        v.highlighted().is_some(),
    );
    let wide = body.width >= 110;
    let height = usize::from(body.height);
    if wide {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .spacing(2)
                .areas(body);
        let (lw, rw) = (usize::from(left.width), usize::from(right.width));
        let mut l = reality_section(d, lw, theme);
        let goals = goal_lines(app, d, lw, hl, theme);
        let at = join(&mut l, goals.lines);
        let goal_cursor = goals.cursor.map(|c| c + at);
        join(&mut l, resource_lines(d, lw, theme));
        let mut r = meeting_lines(app, d, rw, hl, theme);
        join(
            &mut r.lines,
            super::review_sections::checkin_lines(app, d, rw, theme),
        );
        join(
            &mut r.lines,
            super::review_sections::reflection_lines(app, d, rw, theme),
        );
        let most = l.len().max(r.lines.len()).saturating_sub(height);
        let top = first_line(v, goal_cursor.or(r.cursor), height, most);
        frame.render_widget(
            Paragraph::new(l.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            left,
        );
        frame.render_widget(
            Paragraph::new(
                r.lines
                    .into_iter()
                    .skip(top)
                    .take(height)
                    .collect::<Vec<_>>(),
            ),
            right,
        );
    } else {
        let w = usize::from(body.width);
        let mut lines = reality_section(d, w, theme);
        let goals = goal_lines(app, d, w, hl, theme);
        let at = join(&mut lines, goals.lines);
        let mut cursor = goals.cursor.map(|c| c + at);
        join(&mut lines, resource_lines(d, w, theme));
        let meetings = meeting_lines(app, d, w, hl, theme);
        let at = join(&mut lines, meetings.lines);
        cursor = cursor.or(meetings.cursor.map(|c| c + at));
        join(
            &mut lines,
            super::review_sections::checkin_lines(app, d, w, theme),
        );
        join(
            &mut lines,
            super::review_sections::reflection_lines(app, d, w, theme),
        );
        let most = lines.len().saturating_sub(height);
        let top = first_line(v, cursor, height, most);
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            body,
        );
    }
    let hints = app.settings.keys.footer(Context::Review);
    ("Pair review".into(), "private hidden".into(), hints)
}

/// The pair review's frame, whatever is open in it: the accent border and the two names
/// say pair mode is on. Returns the area inside.
pub(super) fn pair_frame(
    d: &ReviewData,
    open: &str,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> Rect {
    let name = sanitize_line(d.relationship.display_name());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(Span::styled(
            format!(" Pair review · you and {name}{open} "),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    inner
}
