//! A goal or a meeting opened from the pair review, drawn inside the review's frame so both
//! people can see pair mode is still on. Read only.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::review::{pair_frame, section};
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::review::ReviewView;
use crate::app::review_drill::{Drill, Opened};
use crate::config::Context;
use crate::domain::goal::gauge;
use crate::review::GoalDrill;
use crate::text::{sanitize_line, truncate, width};

/// The cells of the progress bars drawn over time.
fn bar_cells(w: usize) -> usize {
    if w >= 60 { 20 } else { 10 }
}

/// Every line of an opened goal at width `w`.
pub fn goal_lines(
    app: &App,
    g: &GoalDrill,
    start: Option<chrono::NaiveDate>,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let goal = &g.goal.summary.goal;
    let s = &g.goal.summary;
    let mut lines = Vec::new();
    lines.extend(widgets::prose_lines(&goal.title, w as u16, theme.title));
    let mut head = vec![goal.status.id().to_string()];
    if let Some(t) = goal.topic.as_deref() {
        head.push(sanitize_line(app.content.topic_label(t).unwrap_or(t)));
    }
    head.push(match goal.target_on {
        Some(t) => format!("target {}", app.date(t)),
        None => "no target date".to_string(),
    });
    lines.extend(widgets::prose_lines(&head.join(" · "), w as u16, theme.dim));
    let source = if s.milestones > 0 {
        format!(
            "{} of {}",
            s.milestones_done,
            crate::words::count(s.milestones, "milestone", "milestones")
        )
    } else if s.last_update.is_some() {
        "from the last update".to_string()
    } else {
        "no progress noted yet".to_string()
    };
    lines.push(Line::from(vec![
        Span::styled(gauge(s.progress, bar_cells(w)), theme.ok),
        Span::styled(
            truncate(&format!("  {source}"), w.saturating_sub(bar_cells(w) + 5)),
            theme.dim,
        ),
    ]));
    for (label, text) in [("Why", &goal.why), ("Success", &goal.success)] {
        if !text.trim().is_empty() {
            section(&mut lines, label, theme);
            for mut l in widgets::prose_lines(text, w.saturating_sub(2) as u16, theme.base) {
                l.spans.insert(0, Span::raw("  "));
                lines.push(l);
            }
        }
    }
    let rating = match (goal.baseline, goal.final_rating) {
        (Some(b), Some(f)) => Some(format!("{b} at the start → {f} at the end (of 5)")),
        (Some(b), None) => Some(format!("{b} of 5 at the start")),
        (None, Some(f)) => Some(format!("{f} of 5 at the end")),
        (None, None) => None,
    };
    if let Some(r) = rating {
        section(&mut lines, "Self-rating", theme);
        lines.push(Line::styled(truncate(&format!("  {r}"), w), theme.base));
    }
    section(&mut lines, "Milestones", theme);
    if g.goal.milestones.is_empty() {
        lines.push(Line::styled("  None yet.", theme.dim));
    }
    for m in &g.goal.milestones {
        let done = m.done_at.is_some();
        let mut tail = Vec::new();
        match (m.due, m.due.and_then(|d| d.date(start))) {
            (_, Some(date)) => tail.push(format!("due {}", app.date(date))),
            (Some(d), None) => tail.push(format!("due {}", d.text())),
            (None, None) => {}
        }
        if let Some(at) = m.done_at {
            tail.push(format!(
                "done {}",
                app.date(at.with_timezone(&Local).date_naive())
            ));
        }
        let tail = if tail.is_empty() {
            String::new()
        } else {
            format!("  {}", tail.join(" · "))
        };
        let head = if done { "  [x] " } else { "  [ ] " };
        let room = w.saturating_sub(width(head) + width(&tail));
        lines.push(Line::from(vec![
            Span::styled(head, if done { theme.ok } else { theme.base }),
            Span::styled(truncate(&sanitize_line(&m.text), room), theme.base),
            Span::styled(tail, theme.dim),
        ]));
    }
    section(&mut lines, "Progress over time", theme);
    if g.goal.updates.is_empty() {
        lines.push(Line::styled("  No progress noted yet.", theme.dim));
    }
    for u in &g.goal.updates {
        let day = app.date(u.at.with_timezone(&Local).date_naive());
        let bar = gauge(
            u.progress,
            bar_cells(w).min(w.saturating_sub(width(&day) + 9)),
        );
        let note = if u.note.trim().is_empty() {
            String::new()
        } else {
            format!(
                "  {}",
                sanitize_line(u.note.lines().next().unwrap_or("").trim())
            )
        };
        let room = w.saturating_sub(width(&day) + width(&bar) + 4);
        lines.push(Line::from(vec![
            Span::styled(format!("  {day}  "), theme.dim),
            Span::styled(bar, theme.ok),
            Span::styled(truncate(&note, room), theme.base),
        ]));
    }
    if !g.meetings.is_empty() {
        section(&mut lines, "Meetings that worked on it", theme);
    }
    for m in &g.meetings {
        let day = app.date(m.held_at.with_timezone(&Local).date_naive());
        let title = if m.title.is_empty() {
            "a meeting (no agenda or notes)".to_string()
        } else {
            sanitize_line(&m.title)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {day}  "), theme.dim),
            Span::styled(
                truncate(&title, w.saturating_sub(width(&day) + 4)),
                theme.base,
            ),
        ]));
    }
    if !g.reflections.is_empty() {
        section(&mut lines, "Reflections about it", theme);
    }
    for r in &g.reflections {
        let day = app.date(r.at.with_timezone(&Local).date_naive());
        let first = r
            .preview
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        lines.push(Line::from(vec![
            Span::styled(format!("  {day}  "), theme.dim),
            Span::styled(
                truncate(
                    &sanitize_line(first.trim()),
                    w.saturating_sub(width(&day) + 4),
                ),
                theme.base,
            ),
        ]));
    }
    lines
}

pub fn render(
    app: &App,
    v: &ReviewView,
    drill: &Drill,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let d = &v.data;
    let what = match &drill.open {
        Opened::Goal(_) => "goal",
        Opened::Meeting(_) => "meeting",
    };
    let inner = pair_frame(d, &format!(" · a {what}"), frame, area, theme);
    let title = format!("Pair review · {what}");
    if inner.height < 1 || inner.width < 4 {
        return (title, "pair review on".into(), Vec::new());
    }
    let w = usize::from(inner.width);
    let lines = match &drill.open {
        Opened::Goal(g) => goal_lines(app, g, d.relationship.agreed_on, w, theme),
        Opened::Meeting(m) => super::view::lines_naming(app, m, inner.width, theme, Some(&d.me)),
    };
    let height = usize::from(inner.height);
    let most = lines.len().saturating_sub(height);
    let top = drill.scroll.min(most);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(top).take(height).collect::<Vec<_>>()),
        inner,
    );
    let right = if top < most {
        "pair review on · ↓ more".to_string()
    } else {
        "pair review on".to_string()
    };
    (title, right, app.settings.keys.footer(Context::ReviewDrill))
}
