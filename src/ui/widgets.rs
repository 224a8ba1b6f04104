//! Small drawing helpers shared by the screens.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::Theme;
use crate::app::list;
pub use crate::text::{WrappedLine, cursor_in, line_text, wrap};
use crate::text::{clusters, fit, sanitize_line, truncate, width};

/// Draws a text field in `area`, wrapped, scrolled so the cursor shows; places the terminal
/// cursor when `focused`.
pub fn text_field(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    cursor: usize,
    focused: bool,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.height == 1 {
        line_field(frame, area, text, cursor, focused, theme);
        return;
    }
    let max = usize::from(area.width.saturating_sub(1)).max(1);
    wrapped_field(frame, area, text, &wrap(text, max), cursor, focused, theme);
}

/// [`text_field`] for a text already wrapped to the area's width less one (`lines`), as an
/// editor keeps it, so a frame costs only the lines it shows.
pub fn wrapped_field(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    lines: &[WrappedLine],
    cursor: usize,
    focused: bool,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let max = usize::from(area.width.saturating_sub(1)).max(1);
    let (row, col) = cursor_in(text, lines, cursor, max);
    let height = usize::from(area.height);
    let top = list::first_shown(row, height);
    let shown: Vec<Line> = lines
        .iter()
        .skip(top)
        .take(height)
        .map(|l| Line::from(line_text(text, l)))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).style(theme.field), area);
    if focused {
        let x = area.x.saturating_add(col.min(max) as u16);
        let y = area.y.saturating_add((row - top) as u16);
        if x < area.right() && y < area.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// One line of input in the first row of `area`. Not focused, it shows the beginning of the
/// text, cut with "…" when it does not fit; focused, it scrolls sideways so the cursor shows,
/// measured in cells (CJK and emoji take two) and never splitting a character.
pub fn line_field(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    cursor: usize,
    focused: bool,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let row = Rect::new(area.x, area.y, area.width, 1);
    let max = usize::from(area.width);
    frame.render_widget(Clear, row);
    if !focused {
        let shown = truncate(&sanitize_line(text), max);
        frame.render_widget(Paragraph::new(shown).style(theme.field), row);
        return;
    }
    let (shown, x) = scrolled_line(text, cursor, max);
    frame.render_widget(Paragraph::new(shown).style(theme.field), row);
    frame.set_cursor_position(Position::new(row.x.saturating_add(x as u16), row.y));
}

/// What a focused one-line field of `max` cells shows, and the cursor's cell in it: the text
/// from the first character that keeps the cursor (and a cell for it) in view.
pub fn scrolled_line(text: &str, cursor: usize, max: usize) -> (String, usize) {
    let cursor_col = width(&text[..floor_boundary(text, cursor)]);
    let need = cursor_col.saturating_sub(max.saturating_sub(1));
    let mut skipped = 0;
    let mut shown = String::new();
    let mut used = 0;
    for (_, g, w) in clusters(text) {
        if skipped < need {
            skipped += w;
            continue;
        }
        if used + w > max {
            break;
        }
        shown.push_str(g);
        used += w;
    }
    (
        sanitize_line(&shown),
        (cursor_col - skipped).min(max.saturating_sub(1)),
    )
}

/// The largest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Prose word-wrapped to `w` columns, sanitised, as lines (paragraphs split at newlines).
pub fn prose_lines(text: &str, w: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    if text.is_empty() {
        return Vec::new();
    }
    let w = usize::from(w.max(1));
    text.split('\n')
        .flat_map(|para| {
            wrap(para, w)
                .iter()
                .map(|l| line_text(para, l))
                .collect::<Vec<_>>()
        })
        .map(|l| Line::styled(l.trim_end().to_string(), style))
        .collect()
}

/// A labelled answer row for the review page and the agreement screen.
pub struct AnswerRow {
    pub label: String,
    pub value: Option<String>,
    pub private: bool,
}

/// Draws answer rows (label, then the value indented), keeping the selected one in view.
/// `extra` is a last row such as "Save the agreement".
pub fn answer_list(
    frame: &mut Frame,
    area: Rect,
    rows: &[AnswerRow],
    selected: usize,
    extra: Option<&str>,
    theme: &Theme,
) {
    if area.width < 4 || area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let label_w = rows
        .iter()
        .map(|r| width(&r.label))
        .max()
        .unwrap_or(0)
        .clamp(8, 22)
        .min(w / 3);
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let marker = if i == selected { "› " } else { "  " };
        let style = if i == selected {
            theme.selected
        } else {
            theme.base
        };
        let value = match &r.value {
            Some(v) => sanitize_line(v),
            None => "— not answered".to_string(),
        };
        let value_style = if r.value.is_some() {
            style
        } else {
            style.patch(theme.dim)
        };
        let label = fit(&sanitize_line(&r.label), label_w);
        let privacy = if r.private { " (private)" } else { "" };
        let room = w.saturating_sub(label_w + 4 + width(privacy));
        lines.push((
            i,
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(label, style.patch(theme.accent)),
                Span::styled("  ", style),
                Span::styled(truncate(&value, room), value_style),
                Span::styled(privacy, theme.dim),
            ]),
        ));
    }
    if let Some(extra) = extra {
        let i = rows.len();
        let style = if i == selected {
            theme.selected
        } else {
            theme.ok
        };
        let marker = if i == selected { "› " } else { "  " };
        lines.push((
            i,
            Line::from(vec![Span::styled(format!("{marker}{extra}"), style)]),
        ));
    }
    let height = usize::from(area.height);
    let top = list::first_shown(selected, height);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// A centred box of at most `w` x `h` cells, cleared, with a title.
pub fn popup_area(frame: &mut Frame, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let area = frame.area();
    let w = w.min(area.width);
    let h = h.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scrolled_line_never_starts_inside_a_cluster() {
        // The cursor at the end of a line wider than the field: the start scrolls out by
        // whole clusters, so a flag or a skin tone is shown whole or not at all.
        let text = "ab🇫🇷👍🏽世界cd";
        let (shown, x) = scrolled_line(text, text.len(), 6);
        assert_eq!(shown, "界cd", "世 would leave no cell for the cursor");
        assert_eq!(x, 4);
        let (shown, x) = scrolled_line(text, "ab🇫🇷".len(), 4);
        assert_eq!(shown, "b🇫🇷", "👍🏽 does not fit whole, so it is left out");
        assert_eq!(x, 3);
    }

    #[test]
    fn a_focused_line_field_draws_whole_clusters_and_puts_the_cursor_after_them() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let theme = Theme::new(false, crate::config::ThemeName::Dark);
        let text = "Zoë 👩🏽‍💻 🇫🇷 世界 notes";
        for cursor in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let mut terminal = Terminal::new(TestBackend::new(12, 1)).unwrap();
            let (shown, x) = scrolled_line(text, cursor, 12);
            terminal
                .draw(|f| line_field(f, f.area(), text, cursor, true, &theme))
                .unwrap();
            let buf = terminal.backend().buffer();
            // The row as a terminal shows it: a wide symbol covers the cells after it.
            let mut row = String::new();
            let mut c = 0;
            while c < 12 {
                let symbol = buf[(c, 0)].symbol();
                row.push_str(symbol);
                c += width(symbol).max(1) as u16;
            }
            assert_eq!(row.trim_end(), shown.trim_end(), "cursor {cursor}");
            assert_eq!(terminal.get_cursor_position().unwrap().x, x as u16);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_scrolled_line_fits_and_keeps_the_cursor_on_screen(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "e\u{301}", "世", "👍🏽", "👩🏽‍💻", "🇫🇷", "\t",
            ]), 0..20),
            at in 0usize..20,
            max in 1usize..12,
        ) {
            let text: String = parts.concat();
            let cursor: usize = parts.iter().take(at).map(|p| p.len()).sum();
            let (shown, x) = scrolled_line(&text, cursor, max);
            proptest::prop_assert!(width(&shown) <= max, "{:?} in {}: {:?}", text, max, shown);
            proptest::prop_assert!(x < max);
            // What shows is a run of whole clusters, and the cursor sits after the ones
            // before it.
            let drawn = sanitize_line(&text);
            let starts: Vec<usize> = clusters(&drawn).map(|(i, _, _)| i).chain([drawn.len()]).collect();
            // (A tab is drawn as a space, so the offsets of the two agree.)
            let found = starts.iter().any(|&i| {
                drawn[i..].starts_with(&shown)
                    && i <= cursor
                    && starts.contains(&(i + shown.len()))
                    && x == width(&drawn[i..cursor])
            });
            proptest::prop_assert!(found, "{:?} with the cursor at {} is not whole clusters of {:?} up to the cursor", shown, x, drawn);
        }
    }
}
