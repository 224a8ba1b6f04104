//! Session prep: what to bring to the next meeting.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::review::section;
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::prep::{LastContact, PrepView};
use crate::config::Context;
use crate::domain::Owner;
use crate::domain::checkin::{days_ago, due_phrase, initiator_phrase};
use crate::domain::goal::gauge;
use crate::text::{sanitize_line, truncate, width};

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
    last_contact_lines(&mut lines, v, &name, inner.width, today, theme);
    if let Some(row) = &v.due
        && let Some(state) = row.state
    {
        // The last contact has its own line above: this one says what is due and agreed.
        let mut parts = vec![crate::text::capitalise(&due_phrase(&state))];
        match (row.plan.schedule.describe(), row.cadence) {
            (Some(s), _) => parts.push(format!("agreed {s}")),
            (None, Some(c)) => parts.push(format!("agreed {}", c.describe())),
            (None, None) => {}
        }
        parts.extend(initiator_phrase(row.initiator, &name));
        lines.push(Line::styled(
            truncate(&parts.join(" · "), w),
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
    // One line per open item, drawn only when it is in view: a relationship can have
    // thousands. The lines around them are few, and built in full.
    let head = std::mem::take(&mut lines);
    let item_line = |a: &crate::domain::ActionItem| {
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
        Line::from(vec![
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
        ])
    };
    // The head above is never empty: the next section starts after a blank line, as
    // `section` puts it after other lines.
    lines.push(Line::raw(""));
    lines.push(Line::styled("Goals", theme.accent));
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
    let add = app.key_label(Context::Home, crate::config::Command::Resources);
    lines.extend(super::resources::prep_lines(
        &v.resources,
        &name,
        &add,
        w,
        theme,
    ));
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
    let items = v.open_items.len();
    let total = head.len() + items + lines.len();
    let top = v.scroll.min(total.saturating_sub(height));
    let end = (top + height).min(total);
    // The part of each piece (head, items, the rest) that falls in [top, end).
    let span = |from: usize, len: usize| {
        (
            top.clamp(from, from + len) - from,
            end.clamp(from, from + len) - from,
        )
    };
    let (h0, h1) = span(0, head.len());
    let (i0, i1) = span(head.len(), items);
    let (t0, t1) = span(head.len() + items, lines.len());
    let shown: Vec<Line> = head
        .into_iter()
        .skip(h0)
        .take(h1 - h0)
        .chain(v.open_items[i0..i1].iter().map(item_line))
        .chain(lines.into_iter().skip(t0).take(t1 - t0))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    let hints = app.settings.keys.footer(Context::Prep);
    ("Session prep".into(), String::new(), hints)
}

/// "Last contact 18 days ago: a message — about the CV (Sam reached out)": the latest meeting
/// or check-in, wrapped to at most two lines.
fn last_contact_lines(
    lines: &mut Vec<Line<'static>>,
    v: &PrepView,
    name: &str,
    width: u16,
    today: chrono::NaiveDate,
    theme: &Theme,
) {
    let first_line = |text: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(sanitize_line)
    };
    let (at, what, said, side, private) = match v.last_contact() {
        None => {
            lines.push(Line::styled(
                "No meeting or check-in logged yet.",
                theme.dim,
            ));
            return;
        }
        Some(LastContact::Checkin(c)) => (
            c.at,
            super::timeline::contact_phrase(c.kind),
            first_line(&c.note),
            c.reached_out,
            false,
        ),
        Some(LastContact::Meeting(m)) => (
            m.held_at,
            "a meeting",
            first_line(&m.notes),
            m.reached_out,
            m.private,
        ),
    };
    let days = (today - at.with_timezone(&Local).date_naive()).num_days();
    let mut text = format!("Last contact {}: {what}", days_ago(days));
    if let Some(said) = said {
        text.push_str(&format!(" — {said}"));
    }
    if let Some(who) = super::timeline::reached_out_phrase(side, name) {
        text.push_str(&format!(" ({who})"));
    }
    if private {
        text.push_str(" (private)");
    }
    let mut wrapped = widgets::prose_lines(&text, width, theme.base);
    if wrapped.len() > 2 {
        // The second line ends in "…" with what is left cut between words.
        let first = wrapped[0].to_string();
        let rest = text.get(first.len()..).unwrap_or("").trim_start();
        wrapped.truncate(1);
        wrapped.push(Line::styled(
            crate::text::cut_words(rest, usize::from(width)),
            theme.base,
        ));
    }
    lines.extend(wrapped);
}
