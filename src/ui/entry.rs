//! The meeting and reflection forms, and the field list they share with the filter panel.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::widgets;
use crate::app::entry::LABEL_WIDTH;
use crate::app::fields::{Field, Fields, Value};
use crate::app::{App, Writing};
use crate::config::{Command, Context};
use crate::store::EntryKind;
use crate::text::{fit, sanitize_line, truncate, width, wrap_first};

/// How a field list is laid out: labels beside values when there is room, else above.
struct Layout {
    wide: bool,
    value_x: u16,
    value_w: u16,
}

impl Layout {
    fn new(area: Rect) -> Layout {
        let wide = area.width + 2 >= 60;
        let (value_x, value_w) = if wide {
            let x = LABEL_WIDTH as u16 + 2;
            (area.x + x, area.width.saturating_sub(x))
        } else {
            (area.x + 2, area.width.saturating_sub(2))
        };
        Layout {
            wide,
            value_x,
            value_w,
        }
    }
}

/// Rows a field takes: its value lines (plus a label line when narrow).
fn value_height(field: &Field, focused: bool, layout: &Layout, room: usize) -> usize {
    let lines = match &field.value {
        Value::Long(e) => {
            // Only as many lines as the field can take are wrapped: the rest would not change
            // its height.
            let limit = if focused { room.max(4) } else { 3 };
            let max = usize::from(layout.value_w.saturating_sub(1)).max(1);
            let n = wrap_first(e.text(), max, limit).len();
            if focused {
                n.clamp(4, room.max(4))
            } else {
                n.clamp(1, 3)
            }
        }
        _ => 1,
    };
    if layout.wide { lines } else { lines + 1 }
}

/// The hint of a one-line text field that is no longer empty: it moves under the field.
fn hint_below(field: &Field) -> Option<&str> {
    match &field.value {
        Value::Line(t) | Value::Date(t) | Value::Number(t) if !t.text().is_empty() => {
            field.hint.as_deref()
        }
        _ => None,
    }
}

fn one_line_value(field: &Field) -> String {
    match &field.value {
        Value::Line(t) | Value::Date(t) | Value::Number(t) => t.text().to_string(),
        Value::Pick { options, at } => options
            .get(*at)
            .map(|o| format!("‹ {} ›", o.1))
            .unwrap_or_else(|| "— nothing to choose".to_string()),
        Value::Flag(b) => if *b { "[x] yes" } else { "[ ] no" }.to_string(),
        Value::Check(b, text) => format!("{} {text}", if *b { "[x]" } else { "[ ]" }),
        Value::Long(e) => e.text().to_string(),
        Value::Choices(c) => c.chosen().join(", "),
    }
}

/// Draws a field list in `area`, scrolled so the focused field shows whole, with `error`
/// under the focused field. Places the terminal cursor in the focused text field.
pub fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    fields: &Fields,
    error: Option<&str>,
    theme: &Theme,
) {
    if area.width < 4 || area.height == 0 {
        return;
    }
    let layout = Layout::new(area);
    let total = usize::from(area.height);
    // Under the focused field: the error, else the hint of a one-line field that has text
    // (beside the text it would read as part of the value).
    let error_lines = match error {
        Some(e) => widgets::prose_lines(e, layout.value_w.max(10), theme.error),
        None => fields
            .current()
            .and_then(hint_below)
            .map(|h| widgets::prose_lines(h, layout.value_w.max(10), theme.dim))
            .unwrap_or_default(),
    };
    let room_for_long = total
        .saturating_sub(error_lines.len() + if layout.wide { 0 } else { 1 })
        .min(total * 2 / 3)
        .max(3);
    let heights: Vec<usize> = fields
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let extra = if i == fields.cursor {
                error_lines.len()
            } else {
                0
            };
            value_height(f, i == fields.cursor, &layout, room_for_long) + extra
        })
        .collect();
    // The first field shown: as early as possible while the focused one fits whole.
    let mut top = fields.cursor.min(fields.fields.len().saturating_sub(1));
    let mut used = heights.get(top).copied().unwrap_or(0);
    while top > 0 && used + heights[top - 1] <= total {
        top -= 1;
        used += heights[top];
    }
    let mut y = area.y;
    for (i, field) in fields.fields.iter().enumerate().skip(top) {
        if y >= area.bottom() {
            break;
        }
        let focused = i == fields.cursor;
        let label_style = if focused {
            theme.selected
        } else {
            theme.accent
        };
        let marker = if focused { "›" } else { " " };
        let label = format!(
            "{marker}{}",
            fit(&sanitize_line(&field.label), LABEL_WIDTH - 1)
        );
        frame.render_widget(
            Paragraph::new(Span::styled(label, label_style)),
            Rect::new(area.x, y, (LABEL_WIDTH as u16).min(area.width), 1),
        );
        if !layout.wide {
            y += 1;
            if y >= area.bottom() {
                break;
            }
        }
        let h =
            heights[i] - if focused { error_lines.len() } else { 0 } - usize::from(!layout.wide);
        let h = (h as u16).min(area.bottom() - y);
        let value_area = Rect::new(layout.value_x, y, layout.value_w, h);
        draw_value(frame, value_area, field, focused, theme);
        y += h;
        if focused {
            for l in &error_lines {
                if y >= area.bottom() {
                    break;
                }
                frame.render_widget(
                    Paragraph::new(l.clone()),
                    Rect::new(layout.value_x, y, layout.value_w, 1),
                );
                y += 1;
            }
        }
    }
}

fn draw_value(frame: &mut Frame, area: Rect, field: &Field, focused: bool, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    match &field.value {
        Value::Long(e) if focused => {
            if area.height == 1 {
                widgets::text_field(frame, area, e.text(), e.cursor(), true, theme);
            } else {
                let max = w.saturating_sub(1).max(1);
                let lines = e.wrapped(max);
                widgets::wrapped_field(frame, area, e.text(), &lines, e.cursor(), true, theme);
            }
            if e.text().is_empty()
                && let Some(h) = &field.hint
            {
                frame.render_widget(
                    Paragraph::new(Span::styled(truncate(h, w.saturating_sub(1)), theme.dim)),
                    Rect::new(area.x + 1, area.y, area.width.saturating_sub(1), 1),
                );
            }
        }
        Value::Long(e) if !e.text().is_empty() => {
            let max = w.saturating_sub(1).max(1);
            let shown = usize::from(area.height);
            // One line more than is shown tells whether the text goes on.
            let lines = wrap_first(e.text(), max, shown + 1);
            let mut out: Vec<Line> = lines
                .iter()
                .take(shown)
                .map(|l| Line::styled(widgets::line_text(e.text(), l), theme.base))
                .collect();
            if lines.len() > shown
                && let Some(last) = out.last_mut()
            {
                let text: String = last.spans.iter().map(|s| s.content.to_string()).collect();
                *last = Line::styled(
                    format!("{} …", truncate(&text, w.saturating_sub(3))),
                    theme.base,
                );
            }
            frame.render_widget(Paragraph::new(out), area);
        }
        _ => {
            let text = one_line_value(field);
            let is_text = field.value.is_text();
            if is_text && focused {
                let cursor = match &field.value {
                    Value::Line(t) | Value::Date(t) | Value::Number(t) => t.cursor(),
                    _ => 0,
                };
                widgets::line_field(frame, area, &text, cursor, true, theme);
            } else {
                let style = if focused && !is_text {
                    theme.selected
                } else {
                    theme.base
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(truncate(&sanitize_line(&text), w), style)),
                    Rect::new(area.x, area.y, area.width, 1),
                );
            }
            // A text field's hint is an example of what to type: it goes once something is
            // typed, so it never reads as part of the value. A choice keeps its "← →" hint
            // while it is focused.
            let shown = width(&sanitize_line(&text)) + 2;
            if (text.is_empty() || (focused && !is_text))
                && let Some(h) = &field.hint
                && shown + 4 < w
            {
                let x = if text.is_empty() {
                    area.x + u16::from(focused)
                } else {
                    area.x + shown as u16
                };
                let room = w.saturating_sub(shown + 1);
                frame.render_widget(
                    Paragraph::new(Span::styled(truncate(h, room), theme.dim)),
                    Rect::new(x.min(area.right()), area.y, room as u16, 1),
                );
            }
        }
    }
}

pub fn render(
    app: &App,
    w: &Writing,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let form = &w.form;
    let noun = match form.kind {
        EntryKind::Meeting => "meeting",
        EntryKind::Reflection => "reflection",
    };
    let title = if form.existing {
        let day = form.created_at.with_timezone(&Local).date_naive();
        format!(" Editing the {noun} of {} ", app.date(day))
    } else {
        match form.kind {
            EntryKind::Meeting => " Log a meeting ".to_string(),
            EntryKind::Reflection => " Write a reflection ".to_string(),
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut body = inner;

    if form.kind == EntryKind::Reflection && inner.height >= 5 {
        let roomy = inner.height >= 8;
        let prompt = form
            .prompt
            .as_deref()
            .and_then(|id| app.content.prompt(id))
            .map(|p| p.text_for(form.with_role()).to_string());
        let mut lines = match &prompt {
            Some(p) => widgets::prose_lines(p, inner.width.saturating_sub(2), theme.accent),
            None => vec![Line::styled(
                "No prompt: write what is on your mind.",
                theme.dim,
            )],
        };
        if roomy {
            lines.truncate(2);
            let label = if prompt.is_some() {
                "Ctrl-P another prompt, or none"
            } else {
                "Ctrl-P offers a prompt"
            };
            lines.push(Line::styled(label, theme.dim));
        } else {
            let first = prompt.as_deref().map_or_else(
                || "No prompt (Ctrl-P offers one)".to_string(),
                |p| truncate(p, usize::from(inner.width.saturating_sub(2))),
            );
            lines = vec![Line::styled(first, theme.accent)];
        }
        let h = lines.len() as u16 + u16::from(roomy);
        for l in &mut lines {
            l.spans.insert(0, Span::raw(" "));
        }
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(inner.x, inner.y, inner.width, h.min(inner.height)),
        );
        body = Rect::new(
            inner.x,
            inner.y + h,
            inner.width,
            inner.height.saturating_sub(h),
        );
    }
    draw_fields(frame, body, &form.fields, form.error.as_deref(), theme);
    let keys = &app.settings.keys;
    let on_long = form.fields.on_long();
    let mut hints = vec![
        keys.hint(Context::Entry, Command::Save),
        keys.hint_named(Context::Entry, "next"),
        keys.hint_named(Context::Entry, "leave"),
    ];
    if on_long {
        hints.push(keys.hint(Context::Entry, Command::ExternalEditor));
        hints.push((
            crate::app::edit_keys::label(&crate::app::InputEdit::Undo),
            "undo".to_string(),
        ));
    } else {
        hints.push(keys.hint_named(Context::Entry, "change"));
    }
    hints.push(keys.hint(Context::Entry, Command::Help));
    let right = if form.changed() {
        "not saved yet".to_string()
    } else {
        String::new()
    };
    let title = match form.kind {
        EntryKind::Meeting => format!("Meeting with {}", form.other_name()),
        EntryKind::Reflection => "Reflection".to_string(),
    };
    (title, right, hints)
}

/// The question before a shared meeting takes words from a private reflection: the words,
/// exactly as they would be shared, and the keys. The keys always show; the words scroll.
pub fn draw_share_private(
    frame: &mut Frame,
    name: &str,
    lines: &[String],
    scroll: usize,
    yes_no: &[String; 2],
    theme: &Theme,
) {
    let area = frame.area();
    let w = area.width.min(72);
    let text_w = w.saturating_sub(4).max(1);
    let message = format!(
        "This meeting is shared: {} can see it in pair review. These words come from your \
         private entries and would be shared exactly as shown:",
        sanitize_line(name)
    );
    let mut body = widgets::prose_lines(&message, text_w, theme.base);
    body.push(Line::raw(""));
    for line in lines {
        let mut wrapped = widgets::prose_lines(line, text_w.saturating_sub(2).max(1), theme.accent);
        if wrapped.is_empty() {
            wrapped.push(Line::raw(""));
        }
        for mut l in wrapped {
            l.spans.insert(0, Span::styled("│ ", theme.dim));
            body.push(l);
        }
    }
    let keys: [(&str, &str); 2] = [
        (&yes_no[0], "share these words as written"),
        (&yes_no[1], "edit them first (nothing is lost)"),
    ];
    let h = (body.len() + keys.len() + 3).min(usize::from(u16::MAX)) as u16;
    let inner = widgets::popup_area(frame, w, h, "Share private words?", theme);
    let [top, bottom] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(0),
        ratatui::layout::Constraint::Length(keys.len() as u16 + 1),
    ])
    .areas(inner);
    let room = usize::from(top.height);
    let first = scroll.min(body.len().saturating_sub(room));
    let below = body.len().saturating_sub(first + room);
    let shown: Vec<Line> = body
        .into_iter()
        .skip(first)
        .take(room)
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), top);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut foot = vec![if below > 0 {
        Line::styled(
            format!(" ↓ {below} more line{} (↑↓ scroll)", plural(below)),
            theme.dim,
        )
    } else if first > 0 {
        Line::styled(format!(" ↑ {first} line{} above", plural(first)), theme.dim)
    } else {
        Line::raw("")
    }];
    for (k, what) in keys {
        foot.push(Line::from(vec![
            Span::styled(k, theme.key),
            Span::raw(truncate(what, usize::from(w).saturating_sub(6))),
        ]));
    }
    frame.render_widget(Paragraph::new(foot), bottom);
}
