//! The damaged-journal notice: a popup when the damage is found, then a note on home.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::health::Damage;
use crate::text::{sanitize_line, truncate};

/// The popup: what was found, that nothing more is written, where typed text goes, and the
/// way back.
pub fn draw_popup(app: &App, frame: &mut Frame, theme: &Theme) {
    let Some(damage) = &app.damage else {
        return;
    };
    let area = frame.area();
    let w = 72.min(area.width);
    let text_w = w.saturating_sub(4);
    let mut lines: Vec<Line> = Vec::new();
    let mut para = |text: &str, style| {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.extend(widgets::prose_lines(text, text_w, style));
    };
    para(
        &format!(
            "SQLite's check found damage in the journal ({}).",
            truncate(&damage.finding, 120)
        ),
        theme.base,
    );
    let kept = match &app.rescue.path {
        Some(p) => format!(
            "What you type stays on screen; text that cannot be saved is kept in {}.",
            sanitize_line(&p.to_string_lossy())
        ),
        None => "What you type stays on screen; text that cannot be saved is kept in a private file beside the journal.".to_string(),
    };
    para(
        &format!("mentorlog writes nothing more to it, so nothing gets worse. {kept}"),
        theme.base,
    );
    match damage.restore_command() {
        Some(command) => {
            para(
                &format!(
                    "The newest daily copy that passes its check is from {}. Quit (this is printed again), then run:",
                    damage
                        .good_copy_day()
                        .unwrap_or_else(|| "an earlier day".into())
                ),
                theme.base,
            );
            lines.extend(widgets::prose_lines(&command, text_w, theme.key));
        }
        None => para(&damage.way_back(), theme.base),
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(
            app.key_label(
                crate::config::Context::DamagedPopup,
                crate::config::Command::Back,
            ),
            theme.key,
        ),
        Span::raw(" closes this; a note stays on home"),
    ]));
    // In a short window the blank lines go first, so every sentence keeps its place.
    if lines.len() + 2 > usize::from(area.height) {
        lines.retain(|l| l.width() > 0);
    }
    let h = (lines.len() as u16).saturating_add(2);
    let inner = widgets::popup_area(frame, w, h, "The journal is damaged", theme);
    frame.render_widget(
        Paragraph::new(lines),
        inner.inner(ratatui::layout::Margin::new(1, 0)),
    );
}

/// The lines the home screen keeps while the journal is damaged.
pub fn home_lines(app: &App, damage: &Damage, w: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut text = format!(
        "The journal is damaged: nothing more is written to it. {}",
        damage.way_back()
    );
    if let Some(p) = &app.rescue.path {
        text.push_str(&format!(
            " Unsaved text is kept in {}.",
            sanitize_line(&p.to_string_lossy())
        ));
    }
    widgets::prose_lines(&text, w, theme.error)
}
