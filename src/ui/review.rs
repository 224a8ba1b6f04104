//! Search results, pair review, and session prep.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::hint;
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::review::{PrepView, ReviewData, ReviewView};
use crate::app::search::SearchView;
use crate::config::KeyAction;
use crate::domain::checkin::{average, due_phrase, summary};
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
                let cw = widgets::cell_width(*c);
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
    let hints = vec![
        hint("type", "search"),
        hint("↑↓", "choose"),
        hint("Enter", "open"),
        hint("Esc", "back"),
    ];
    ("Search".into(), String::new(), hints)
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, theme: &Theme) {
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
        let room = w.saturating_sub(bar.chars().count() + 4);
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
        let l = goal_lines(app, d, usize::from(left.width), theme);
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
        lines.extend(meeting_lines(app, d, usize::from(body.width), theme));
        let most = lines.len().saturating_sub(height);
        let top = v.scroll.min(most);
        frame.render_widget(
            Paragraph::new(lines.into_iter().skip(top).take(height).collect::<Vec<_>>()),
            body,
        );
    }
    let hints = vec![
        hint("↑↓", "scroll"),
        hint("p", "period"),
        hint("/", "search"),
        hint("L", "leave review"),
    ];
    ("Pair review".into(), "private hidden".into(), hints)
}

pub fn render_prep(
    app: &App,
    v: &PrepView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let name = sanitize_line(v.relationship.display_name());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Before the next session with {name} "),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let today = app.now.date_naive();
    let mut lines: Vec<Line> = Vec::new();
    if let Some(row) = &v.due
        && let Some(state) = row.state
    {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "{} · {}",
                    crate::text::capitalise(&due_phrase(&state)),
                    summary(
                        &state,
                        row.cadence,
                        row.plan.schedule,
                        row.initiator,
                        &name,
                        today
                    )
                ),
                w,
            ),
            if state.due { theme.error } else { theme.dim },
        ));
    }
    section(&mut lines, "To bring up", theme);
    if v.bring_up.is_empty() {
        lines.push(Line::styled(
            "  Nothing flagged since the last meeting.",
            theme.dim,
        ));
    }
    for r in &v.bring_up {
        let first = r.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        // The agenda marks these lines and asks before sharing them: say so here too.
        let tail = if r.private { "  (private)" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(
                truncate(
                    &format!("  • {}", sanitize_line(first)),
                    w.saturating_sub(width(tail)),
                ),
                theme.base,
            ),
            Span::styled(tail, theme.dim),
        ]));
    }
    section(&mut lines, "Open action items", theme);
    if v.open_items.is_empty() {
        lines.push(Line::styled("  None open.", theme.dim));
    }
    for a in &v.open_items {
        let who = match a.owner {
            Owner::Me => "me".to_string(),
            Owner::Them => name.clone(),
            Owner::Both => "both".to_string(),
        };
        let late = if a.is_overdue(today) { ", overdue" } else { "" };
        let private = if v.private_items.contains(&a.id) {
            ", private"
        } else {
            ""
        };
        let tail = format!("  ({who}{late}{private})");
        lines.push(Line::from(vec![
            Span::styled("  [ ] ", theme.base),
            Span::styled(
                truncate(&sanitize_line(&a.text), w.saturating_sub(width(&tail) + 6)),
                theme.base,
            ),
            Span::styled(
                tail,
                if late.is_empty() {
                    theme.dim
                } else {
                    theme.error
                },
            ),
        ]));
    }
    section(&mut lines, "Goals", theme);
    if v.moved.is_empty() && v.near.is_empty() {
        lines.push(Line::styled(
            "  No goal moved since the last meeting, none near its target.",
            theme.dim,
        ));
    }
    for g in &v.moved {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}  ", gauge(g.progress, 10)), theme.ok),
            Span::styled(
                truncate(
                    &format!("moved: {}", sanitize_line(&g.goal.title)),
                    w.saturating_sub(20),
                ),
                theme.base,
            ),
        ]));
    }
    for g in v
        .near
        .iter()
        .filter(|g| !v.moved.iter().any(|m| m.goal.id == g.goal.id))
    {
        let t = g.goal.target_on.map(|t| app.date(t)).unwrap_or_default();
        lines.push(Line::styled(
            truncate(
                &format!("  target {t}: {}", sanitize_line(&g.goal.title)),
                w,
            ),
            theme.base,
        ));
    }
    section(&mut lines, "Last meeting", theme);
    match &v.last_meeting {
        None => lines.push(Line::styled("  None logged yet.", theme.dim)),
        Some(m) => {
            let day = app.date(m.held_at.with_timezone(&Local).date_naive());
            lines.push(Line::styled(format!("  {day}"), theme.dim));
            for (label, text) in [("Notes", &m.notes), ("Outcomes", &m.outcomes)] {
                if text.trim().is_empty() {
                    continue;
                }
                for (i, l) in widgets::prose_lines(text, inner.width.saturating_sub(12), theme.base)
                    .into_iter()
                    .take(4)
                    .enumerate()
                {
                    let mut l = l;
                    l.spans.insert(
                        0,
                        Span::styled(
                            if i == 0 {
                                format!("  {label:<9} ")
                            } else {
                                " ".repeat(12)
                            },
                            theme.accent,
                        ),
                    );
                    lines.push(l);
                }
            }
        }
    }
    let height = usize::from(inner.height);
    let top = v.scroll.min(lines.len().saturating_sub(height));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(top).take(height).collect::<Vec<_>>()),
        inner,
    );
    let keys = &app.settings.keys;
    let hints = vec![
        hint(
            keys.label(KeyAction::NewMeeting),
            "meeting with this agenda",
        ),
        hint("↑↓", "scroll"),
        hint("Esc", "back"),
    ];
    ("Session prep".into(), String::new(), hints)
}
