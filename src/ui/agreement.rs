//! One agreement on one screen; any answer can be changed from here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

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
        intro.push(Line::styled(
            format!(
                "You are the {} in this relationship{plan}.",
                role.label().to_lowercase()
            ),
            theme.dim,
        ));
    }
    let detail = view.selected().and_then(|s| full_text(s, view, app));
    let detail_lines = detail
        .map(|t| widgets::prose_lines(&t, inner.width, theme.base))
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
    widgets::answer_list(frame, list_area, &rows, view.cursor, None, theme);

    let hints = app.settings.keys.footer(Context::Agreement);
    (title, right, hints)
}

/// A long text answer, shown in full under the list when it is highlighted.
fn full_text(step: &Step, view: &AgreementView, app: &App) -> Option<String> {
    let Step::Question(id) = step else {
        return None;
    };
    let q = app.content.question(id)?;
    let value = view.agreement.get(id)?;
    match value {
        crate::domain::AnswerValue::Text { text }
            if text.chars().count() > 60 || text.contains('\n') =>
        {
            Some(format!("{}\n{}", q.text, text))
        }
        _ => None,
    }
}
