//! The popup that pauses, resumes, closes or reopens a relationship.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::fields::{FieldId, Fields};
use crate::config::{Command, Context};
use crate::domain::LifeKind;
use crate::text::sanitize_line;

/// What the chosen change does, so nobody pauses or closes by surprise.
fn what_it_does(choice: &str, name: &str) -> String {
    match LifeKind::from_id(choice) {
        Some(LifeKind::Paused) => format!(
            "No check-in, review or survey reminders about {name} while paused. Everything stays readable, and you can still write. Resume whenever you are ready."
        ),
        Some(LifeKind::Resumed) => format!(
            "Reminders about {name} start again, and check-ins count from today: the time paused is not counted as missed."
        ),
        Some(LifeKind::Closed) => "Opens a short closing review: what you meant to do beside what happened, and a last reflection. Every part can be skipped; the journal stays readable.".to_string(),
        Some(LifeKind::Reopened) => format!(
            "The relationship with {name} becomes active again; check-ins count from today."
        ),
        None => "What the relationship set out to do and what happened, from the start to the close.".to_string(),
    }
}

pub fn draw(app: &App, frame: &mut Frame, name: &str, now: &str, fields: &Fields, theme: &Theme) {
    let name = sanitize_line(name);
    let w = frame.area().width.min(66).saturating_sub(4);
    let mut top = widgets::prose_lines(&format!("Where it stands: {now}."), w, theme.dim);
    for l in &mut top {
        l.spans.insert(0, Span::raw(" "));
    }
    let mut about = widgets::prose_lines(
        &what_it_does(&fields.string(FieldId::Kind), &name),
        w,
        theme.dim,
    );
    for l in &mut about {
        l.spans.insert(0, Span::raw(" "));
    }
    // The fields sit beside their labels in a wide popup, under them in a narrow one; the
    // focused one's hint takes a line below it.
    let inner_w = frame.area().width.min(66).saturating_sub(2);
    let n = fields.fields.len() as u16;
    // The hint of a narrow popup may wrap to two lines.
    let fields_h = if inner_w + 2 >= 60 { n + 1 } else { 2 * n + 2 };
    let base = top.len() as u16 + fields_h + 1 + 2;
    // In a low window the blank lines give way first, then the explanation (whole or not
    // at all: half a sentence reads as a mistake).
    let room = frame.area().height;
    let about_n = about.len() as u16;
    let (gap, about_h) = if room >= base + 2 + about_n {
        (1, about_n)
    } else if room >= base + about_n {
        (0, about_n)
    } else if room >= base + 2 {
        (1, 0)
    } else {
        (0, 0)
    };
    let inner = widgets::popup_area(
        frame,
        66,
        (base + 2 * gap + about_h).min(room),
        &format!("The relationship with {name}"),
        theme,
    );
    let [now_area, _, fields_area, _, about_area, help] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(gap),
        Constraint::Length(fields_h),
        Constraint::Length(gap),
        Constraint::Length(about_h),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top), now_area);
    super::entry::draw_fields(frame, fields_area, fields, None, theme);
    frame.render_widget(Paragraph::new(about), about_area);
    let context = Context::PanelPopup;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {}", app.key_label(context, Command::Confirm)),
                theme.key,
            ),
            Span::styled(" does it · ", theme.dim),
            Span::styled(app.settings.keys.hint_named(context, "back").0, theme.key),
            Span::styled(" cancels", theme.dim),
        ])),
        help,
    );
}
