//! The pulse survey and the pulse screen (trends per statement).

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::fields::Value;
use crate::app::list;
use crate::app::survey::{PulseView, SurveyForm};
use crate::config::{Command, Context};
use crate::domain::checkin::average;
use crate::text::sanitize_line;

pub fn render_survey(
    app: &App,
    f: &SurveyForm,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Pulse: you and {} ", sanitize_line(&f.name)),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    // The ratings stand in one column after the longest statement that fits.
    let label_w = f
        .fields
        .fields
        .iter()
        .filter(|field| matches!(field.value, Value::Pick { .. }))
        .map(|field| cells::cells(&sanitize_line(&field.label)))
        .max()
        .unwrap_or(0)
        .min(w.saturating_sub(20));
    // When the statement under the cursor is cut short in its row, it is read in full above
    // the list instead of the general line.
    let cut_short = f
        .fields
        .current()
        .filter(|field| matches!(field.value, Value::Pick { .. }))
        .map(|field| sanitize_line(&field.label))
        .filter(|label| cells::cells(label) > label_w);
    let mut lines: Vec<Line> = match &cut_short {
        Some(label) => {
            let mut l = widgets::prose_lines(label, inner.width, theme.accent);
            l.extend(widgets::prose_lines(
                "1 disagree … 5 agree",
                inner.width,
                theme.dim,
            ));
            l
        }
        None => widgets::prose_lines(
            "How does it feel right now? 1 disagree … 5 agree; skip any with Tab.",
            inner.width,
            theme.dim,
        ),
    };
    lines.push(Line::raw(""));
    let mut cursor_line = 0;
    let mut note_area_at = None;
    for (i, field) in f.fields.fields.iter().enumerate() {
        let focused = i == f.fields.cursor;
        if let Value::Pick { options, at } = &field.value {
            if focused {
                cursor_line = lines.len();
            }
            let value = options.get(*at).map_or("—", |o| o.1.as_str());
            let label = cells::fit(&sanitize_line(&field.label), label_w);
            let style = if focused { theme.selected } else { theme.base };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{}{label}", if focused { "› " } else { "  " }),
                    style,
                ),
                Span::styled(
                    format!("  ‹ {value} ›"),
                    if focused { style } else { theme.accent },
                ),
            ]));
        } else {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("  {}", field.label), theme.accent));
            note_area_at = Some((lines.len(), focused, i));
            for _ in 0..3 {
                lines.push(Line::raw(""));
            }
        }
    }
    if let Some(e) = &f.error {
        lines.push(Line::raw(""));
        lines.extend(widgets::prose_lines(e, inner.width, theme.error));
    }
    let height = usize::from(inner.height);
    let top = list::first_shown(cursor_line, height);
    let top = if let Some((at, true, _)) = note_area_at {
        list::first_shown(at + 3, height)
    } else {
        top
    };
    let shown: Vec<Line> = lines.iter().skip(top).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if let Some((at, focused, i)) = note_area_at
        && at >= top
        && at - top + 3 <= height
        && let Value::Long(e) = &f.fields.fields[i].value
    {
        let r = Rect::new(
            inner.x + 2,
            inner.y + (at - top) as u16,
            inner.width.saturating_sub(2),
            3,
        );
        widgets::text_field(frame, r, e.text(), e.cursor(), focused, theme);
    }
    let hints = app.settings.keys.footer(Context::Survey);
    ("Pulse survey".to_string(), String::new(), hints)
}

/// ▁▂▃▄▅ for scores 1-5.
fn bar(score: u8) -> char {
    ['▁', '▂', '▄', '▆', '█'][usize::from(score.clamp(1, 5) - 1)]
}

pub fn render_pulse(
    app: &App,
    v: &PulseView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Pulse: you and {} ", sanitize_line(&v.name)),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if v.surveys.is_empty() {
        lines.extend(widgets::prose_lines(
            &format!("No pulse surveys yet. A few statements rated 1 to 5 now and then show how the relationship is going, for both of you: press {} to take one.", app.key_label(Context::Pulse, Command::TakeSurvey)),
            inner.width,
            theme.base,
        ));
    } else {
        let recent: Vec<_> = v.surveys.iter().rev().take(12).rev().collect();
        let first = recent[0].at.with_timezone(&Local).date_naive();
        let last = recent[recent.len() - 1]
            .at
            .with_timezone(&Local)
            .date_naive();
        let when = if v.surveys.len() == 1 {
            format!("1 survey, on {}", app.date(last))
        } else {
            format!(
                "{} surveys, {} to {}; oldest on the left",
                v.surveys.len(),
                app.date(first),
                app.date(last)
            )
        };
        lines.extend(widgets::prose_lines(&when, inner.width, theme.dim));
        lines.push(Line::raw(""));
        let label_w = usize::from(inner.width)
            .saturating_sub(recent.len() + 8)
            .min(60);
        for st in &app.content.statements {
            let scores: Vec<Option<u8>> = recent
                .iter()
                .map(|s| {
                    s.scores
                        .iter()
                        .find(|(id, _)| *id == st.id)
                        .map(|(_, n)| *n)
                })
                .collect();
            let trend: String = scores.iter().map(|s| s.map_or(' ', bar)).collect();
            let latest = scores.iter().rev().flatten().next();
            lines.push(Line::from(vec![
                Span::styled(
                    cells::fit(&sanitize_line(st.text(v.role)), label_w),
                    theme.base,
                ),
                Span::styled(format!("  {trend}"), theme.ok),
                Span::styled(
                    latest.map_or(String::new(), |n| format!("  {n}")),
                    theme.accent,
                ),
            ]));
        }
        let averages: Vec<f64> = v
            .surveys
            .iter()
            .filter_map(|s| average(&s.scores))
            .collect();
        if let Some(avg) = averages.last() {
            lines.push(Line::raw(""));
            let was = averages
                .len()
                .checked_sub(2)
                .map(|i| format!(" (the one before: {:.1})", averages[i]))
                .unwrap_or_default();
            lines.push(Line::styled(
                format!("Latest average {avg:.1} of 5{was}"),
                theme.accent,
            ));
        }
        if let Some(risk) = crate::domain::checkin::at_risk(&averages, None, None) {
            lines.push(Line::styled(crate::text::capitalise(&risk), theme.error));
        }
        if let Some(note) = v.surveys.iter().rev().find(|s| !s.note.trim().is_empty()) {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Latest note", theme.accent));
            lines.extend(widgets::prose_lines(&note.note, inner.width, theme.base));
        }
    }
    let [body] = Layout::vertical([Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), body);
    let hints = app.settings.keys.footer(Context::Pulse);
    ("Pulse".to_string(), String::new(), hints)
}
