//! The goal form: its fields with their hints, a line on what makes a goal clear when there
//! is room, and the check shown before saving (what the goal does not say yet).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;
use crate::app::goals::GoalForm;
use crate::config::{Command, Context};
use crate::domain::smart::SmartGap;
use crate::text::sanitize_line;
use crate::ui::cells;
use crate::ui::theme::Theme;
use crate::ui::widgets;

/// The line above the fields, on a form tall enough to spare it.
const GUIDE: &str = "A clear goal is specific, measurable, achievable, relevant and time-bound.";

/// The fields keep at least this many rows beside the check.
const FIELD_ROOM: u16 = 3;

/// The check's lines at width `w`: each gap with its question when they fit in `room` rows,
/// else only their names; the way on (saving again) is the last line kept.
fn check_lines(
    gaps: &[SmartGap],
    save: &str,
    w: u16,
    room: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let again = widgets::prose_lines(&format!("{save} again saves it as it is."), w, theme.dim);
    let mut full = widgets::prose_lines(
        "It could say more (nothing here is required):",
        w,
        theme.base,
    );
    for g in gaps {
        full.extend(widgets::prose_lines(
            &format!("· {}", g.line()),
            w,
            theme.accent,
        ));
    }
    full.extend(again.clone());
    if full.len() <= usize::from(room) {
        return full;
    }
    let names: Vec<&str> = gaps.iter().map(|g| g.name()).collect();
    let mut short = widgets::prose_lines(
        &format!("Not said yet: {}.", names.join(", ")),
        w,
        theme.accent,
    );
    short.truncate(usize::from(room).saturating_sub(again.len()).max(1));
    short.extend(again);
    short
}

pub fn render_form(
    app: &App,
    f: &GoalForm,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let title = if f.existing {
        format!(
            " Editing: {} ",
            cells::cut(&sanitize_line(&f.goal.title), 40)
        )
    } else {
        " Add a goal ".to_string()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height >= 16 && cells::cells(GUIDE) < usize::from(inner.width) {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {GUIDE}"), theme.dim)),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
        inner = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
    }
    if let Some(gaps) = &f.check {
        let save = app.settings.keys.label(Context::GoalForm, Command::Save);
        let room = inner.height.saturating_sub(FIELD_ROOM + 1);
        let text_w = inner.width.saturating_sub(2).max(1);
        let lines = check_lines(gaps, &save, text_w, room, theme);
        let h = (lines.len() as u16 + 1).min(inner.height.saturating_sub(FIELD_ROOM));
        if h > 1 {
            let panel = Rect::new(inner.x, inner.bottom() - h, inner.width, h);
            let check = Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim)
                .title(Span::styled(" Before you save ", theme.accent));
            let text = check.inner(panel);
            frame.render_widget(check, panel);
            let shown: Vec<Line> = lines
                .into_iter()
                .map(|mut l| {
                    l.spans.insert(0, Span::raw(" "));
                    l
                })
                .collect();
            frame.render_widget(Paragraph::new(shown), text);
            inner.height -= h;
        }
    }
    crate::ui::entry::draw_fields(frame, inner, &f.fields, f.error.as_deref(), theme);
    let hints = app.settings.keys.footer(Context::GoalForm);
    let right = if f.changed() { "not saved yet" } else { "" };
    ("Goal".to_string(), right.to_string(), hints)
}
