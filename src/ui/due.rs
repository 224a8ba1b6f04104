//! The check-in popups: due check-ins and arc reviews.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::checkins::{DueItem, DuePanel};
use crate::domain::checkin::ArcPoint;
use crate::domain::reality::Reality;
use crate::text::sanitize_line;

/// Key lines of at most `w` cells: the pairs of each group on one line when they fit, else
/// as many lines as they need, so no key is cut off in a narrow window.
fn key_lines(groups: &[&[(&str, &str)]], w: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(w);
    let mut lines = Vec::new();
    for group in groups {
        let mut line: Vec<(&str, &str)> = Vec::new();
        let mut used = 1;
        for (k, what) in group.iter() {
            let piece = cells::cells(k) + cells::cells(what) + 4;
            if !line.is_empty() && used + piece > w + 3 {
                lines.push(key_line(&line, theme));
                line.clear();
                used = 1;
            }
            line.push((k, what));
            used += piece;
        }
        if !line.is_empty() {
            lines.push(key_line(&line, theme));
        }
    }
    lines
}

fn key_line(pairs: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in pairs {
        spans.push(Span::styled(k.to_string(), theme.key));
        spans.push(Span::raw(format!(" {what}   ")));
    }
    Line::from(spans)
}

pub fn draw_due(
    frame: &mut Frame,
    items: &[DueItem],
    at: usize,
    panel: Option<&DuePanel>,
    theme: &Theme,
) {
    let Some(item) = items.get(at) else {
        return;
    };
    let title = if items.len() > 1 {
        format!("Check-in {} of {}", at + 1, items.len())
    } else {
        "Check-in".to_string()
    };
    let w = frame.area().width.min(66).saturating_sub(4);
    let name = sanitize_line(&item.name);
    let mut lines = if cells::cells(&name) + cells::cells(&item.headline) + 3 <= usize::from(w) {
        vec![Line::from(vec![
            Span::styled(format!(" {name}"), theme.title),
            Span::styled(format!(": {}", item.headline), theme.error),
        ])]
    } else {
        // A narrow window: the headline wraps rather than losing its end.
        widgets::prose_lines(&format!("{name}: {}", item.headline), w, theme.error)
            .into_iter()
            .map(|mut l| {
                l.spans.insert(0, Span::raw(" "));
                l
            })
            .collect()
    };
    let detail = widgets::prose_lines(&sanitize_line(&item.detail), w, theme.dim);
    let detail_len = detail.len();
    for mut l in detail {
        l.spans.insert(0, Span::raw(" "));
        lines.push(l);
    }
    lines.push(Line::raw(""));
    let last: &[(&str, &str)] = if at + 1 < items.len() {
        &[
            ("n", "next person"),
            ("Esc", "not now (asks again tomorrow)"),
        ]
    } else {
        &[("Esc", "not now (asks again tomorrow)")]
    };
    let keys = key_lines(
        &[
            &[("m", "log a meeting now"), ("c", "a quick check-in")],
            &[
                ("1", "snooze a day"),
                ("3", "snooze 3 days"),
                ("s", "snooze until…"),
            ],
            &[("r", "reschedule the next one")],
            last,
        ],
        w,
        theme,
    );
    let extra = match panel {
        None => keys.len() as u16,
        Some(p) => p.fields().fields.len() as u16 + 3,
    };
    // In a low window the keys matter more than the detail under the headline.
    let room = frame.area().height.saturating_sub(2);
    let over = (lines.len() as u16 + extra).saturating_sub(room);
    if over > 0 {
        let drop = usize::from(over).min(detail_len + 1);
        let head = lines.len() - detail_len - 1;
        lines.drain(head..head + drop);
    }
    let inner = widgets::popup_area(frame, 66, lines.len() as u16 + extra + 2, &title, theme);
    match panel {
        None => {
            lines.extend(keys);
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Some(p) => {
            let what = match p {
                DuePanel::Checkin(_) => " A message, an email or a call counts as contact.",
                DuePanel::Snooze(_) => " Ask again on:",
                DuePanel::Reschedule(_) => " The next check-in is on:",
            };
            lines.push(Line::styled(what, theme.dim));
            let text_h = lines.len() as u16;
            let [top, fields, help] = Layout::vertical([
                Constraint::Length(text_h),
                Constraint::Min(1),
                Constraint::Length(1),
            ])
            .areas(inner);
            frame.render_widget(Paragraph::new(lines), top);
            super::entry::draw_fields(frame, fields, p.fields(), None, theme);
            frame.render_widget(
                Paragraph::new(Span::styled(" Enter saves · Esc goes back", theme.dim)),
                help,
            );
        }
    }
}

/// What the arc review popup is about.
pub struct ArcLook<'a> {
    pub name: &'a str,
    pub point: ArcPoint,
    pub end: chrono::NaiveDate,
    /// The agreement beside what happened, when it could be read.
    pub reality: Option<&'a Reality>,
}

/// The agreement beside what happened in the `spare` lines the popup has: the sentences (as
/// many lines as fit), then the month chart when all of it fits too; nothing in less than two.
fn arc_reality_lines(
    r: &Reality,
    name: &str,
    w: u16,
    spare: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // A blank line and the heading go before the sentences.
    if spare < 3 {
        return Vec::new();
    }
    let w = usize::from(w);
    let mut all = super::reality::reality_lines(r, name, w, theme);
    let sentences = all.len() - super::reality::month_chart(r, w, theme).len();
    if spare - 2 < all.len() {
        all.truncate(sentences.min(spare - 2));
    }
    let mut lines = vec![
        Line::raw(""),
        Line::styled(" Agreement and reality so far", theme.accent),
    ];
    lines.extend(all.into_iter().map(|mut l| {
        l.spans.insert(0, Span::raw(" "));
        l
    }));
    lines
}

pub fn draw_arc(
    frame: &mut Frame,
    arc: &ArcLook<'_>,
    date: &dyn Fn(chrono::NaiveDate) -> String,
    panel: Option<&crate::app::fields::Fields>,
    theme: &Theme,
) {
    let (point, end) = (arc.point, arc.end);
    let name = sanitize_line(arc.name);
    let text = match point {
        ArcPoint::Midpoint => format!(
            "You are halfway through the relationship with {name} (planned to end {}). A good moment to look back together: what has changed, and what should the second half focus on?",
            date(end)
        ),
        ArcPoint::EndingSoon => format!(
            "The relationship with {name} is planned to end on {}. Extend it, or plan a closing conversation?",
            date(end)
        ),
        ArcPoint::Ended => format!(
            "The relationship with {name} reached its planned end on {}. Extend it, or close it with a short closing review?",
            date(end)
        ),
    };
    let w = frame.area().width.min(66).saturating_sub(4);
    let mut lines = widgets::prose_lines(&text, w, theme.base);
    let extra = 6;
    for l in &mut lines {
        l.spans.insert(0, Span::raw(" "));
    }
    if let Some(r) = arc.reality {
        let spare =
            usize::from(frame.area().height.saturating_sub(2 + extra)).saturating_sub(lines.len());
        lines.extend(arc_reality_lines(
            r,
            arc.name,
            w.saturating_sub(1),
            spare,
            theme,
        ));
    }
    let inner = widgets::popup_area(
        frame,
        66,
        lines.len() as u16 + extra + 2,
        "Looking at the whole relationship",
        theme,
    );
    lines.push(Line::raw(""));
    match panel {
        None => {
            lines.push(key_line(&[("e", "extend: a new end date")], theme));
            lines.push(key_line(&[("r", "revise the agreement together")], theme));
            lines.push(key_line(&[("s", "take the pulse survey")], theme));
            lines.push(key_line(&[("c", "close it (it stays readable)")], theme));
            lines.push(key_line(&[("Esc", "later (asked again tomorrow)")], theme));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Some(f) => {
            let text_h = lines.len() as u16;
            let [top, fields, help] = Layout::vertical([
                Constraint::Length(text_h),
                Constraint::Min(1),
                Constraint::Length(1),
            ])
            .areas(inner);
            frame.render_widget(Paragraph::new(lines), top);
            super::entry::draw_fields(frame, fields, f, None, theme);
            frame.render_widget(
                Paragraph::new(Span::styled(" Enter saves · Esc goes back", theme.dim)),
                help,
            );
        }
    }
}
