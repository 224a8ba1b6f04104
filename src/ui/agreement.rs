//! One agreement on one screen; any answer can be changed from here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets::{self, AnswerRow};
use crate::app::steps::{self, Step};
use crate::app::{AgreementView, App};
use crate::config::Context;
use crate::text::sanitize_line;

pub fn render(
    app: &App,
    view: &AgreementView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let content = app.content;
    let rel = &view.relationship;
    let name = sanitize_line(rel.display_name());
    let title = format!("Agreement with {name}");
    let right = rel
        .agreed_on
        .map(|d| format!("agreed {}", app.date(d)))
        .unwrap_or_default();

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut intro = Vec::new();
    if let Some(role) = rel.my_role {
        let plan = view
            .agreement
            .planned_end(rel.agreed_on.unwrap_or_else(|| app.now.date_naive()))
            .map(|d| format!(", planned to end {}", app.date(d)))
            .unwrap_or_default();
        let text = format!(
            "You are the {} in this relationship{plan}.",
            role.label().to_lowercase()
        );
        // Wrapped when there is room; a low window keeps its lines for the answers.
        if inner.height >= 16 {
            intro.extend(widgets::prose_lines(&text, inner.width, theme.dim));
        } else {
            intro.push(Line::styled(
                cells::cut(&text, usize::from(inner.width)),
                theme.dim,
            ));
        }
    }
    // The question is a reminder; in a low window the answers need the room.
    let detail = view
        .selected()
        .and_then(|s| question_text(s, app))
        .filter(|_| inner.height >= 16);
    // A blank line keeps the question apart from the last answer.
    let detail_lines: Vec<Line> = detail
        .map(|t| {
            std::iter::once(Line::raw(""))
                .chain(widgets::prose_lines(&t, inner.width, theme.dim))
                .collect()
        })
        .unwrap_or_default();
    let detail_h = (detail_lines.len() as u16).min(inner.height / 3);
    let [intro_area, list_area, detail_area] = Layout::vertical([
        Constraint::Length(intro.len() as u16 + 1),
        Constraint::Min(1),
        Constraint::Length(detail_h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(intro), intro_area);
    frame.render_widget(Paragraph::new(detail_lines), detail_area);

    let rows: Vec<AnswerRow> = view
        .steps
        .iter()
        .map(|s| AnswerRow {
            label: s.label(content),
            value: steps::summary(s, &app.profile_name, rel, &view.agreement, content),
            private: matches!(s, Step::Question(id) if view.agreement.answers.get(id).is_some_and(|a| a.private)
                || content.question(id).is_some_and(|q| q.private)),
        })
        .collect();
    draw_answers(frame, list_area, &rows, view.cursor, theme);

    let hints = app.settings.keys.footer(Context::Agreement);
    (title, right, hints)
}

/// The question behind the highlighted answer, shown in full under the list.
fn question_text(step: &Step, app: &App) -> Option<String> {
    let Step::Question(id) = step else {
        return None;
    };
    Some(app.content.question(id)?.text.clone())
}

/// The answers, label then value; the highlighted answer wraps in full so it can be read
/// without opening it, the others are cut to one line. Scrolled to keep the highlight in view.
fn draw_answers(frame: &mut Frame, area: Rect, rows: &[AnswerRow], selected: usize, theme: &Theme) {
    if area.width < 4 || area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let label_w = rows
        .iter()
        .map(|r| cells::cells(&r.label))
        .max()
        .unwrap_or(0)
        .clamp(8, 22)
        .min(w / 3);
    let mut lines: Vec<Line> = Vec::new();
    let mut at = (0, 0);
    for (i, r) in rows.iter().enumerate() {
        let chosen = i == selected;
        let style = if chosen { theme.selected } else { theme.base };
        let value = r.value.as_deref().unwrap_or("— not answered");
        let value_style = if r.value.is_some() {
            style
        } else {
            style.patch(theme.dim)
        };
        let privacy = if r.private { " (private)" } else { "" };
        let room = w.saturating_sub(label_w + 4 + cells::cells(privacy)).max(1);
        let label = cells::fit(&sanitize_line(&r.label), label_w);
        let parts: Vec<String> = if chosen {
            widgets::prose_lines(value, room as u16, value_style)
                .into_iter()
                .map(|l| l.spans.into_iter().map(|s| s.content).collect())
                .collect()
        } else {
            vec![cells::cut(&sanitize_line(value), room)]
        };
        let start = lines.len();
        for (n, part) in parts.iter().enumerate() {
            let first = n == 0;
            let marker = if chosen && first { "› " } else { "  " };
            let mut spans = vec![
                Span::styled(marker, style),
                Span::styled(
                    if first {
                        label.clone()
                    } else {
                        " ".repeat(label_w)
                    },
                    style.patch(theme.accent),
                ),
                Span::styled("  ", style),
                Span::styled(part.clone(), value_style),
            ];
            if first {
                spans.push(Span::styled(privacy, theme.dim));
            }
            lines.push(Line::from(spans));
        }
        if chosen {
            at = (start, lines.len());
        }
    }
    let height = usize::from(area.height);
    // The whole highlighted answer when it fits, else its beginning.
    let top = at.1.saturating_sub(height).min(at.0);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), area);
}
