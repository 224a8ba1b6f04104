//! Small drawing helpers shared by the screens.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use super::theme::Theme;
use crate::text::{sanitize_line, truncate, width};

/// A wrapped line: the byte range it covers in the source text. `hard` lines end at a
/// newline (the byte at `end`), which belongs to them but is not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrappedLine {
    pub start: usize,
    pub end: usize,
    pub hard: bool,
}

/// The cells a character takes on screen. Characters that could steer the terminal are
/// drawn as one replacement character, so they take one cell.
pub fn cell_width(c: char) -> usize {
    if (c.is_ascii() && !c.is_ascii_control()) || (crate::text::is_unsafe(c) && c != '\n') {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Word-wraps `text` to `max` cells as byte ranges, so a cursor can be placed and only the
/// lines on screen need to be drawn. Newlines end a line and take no room; a space at a break
/// hangs at the end of its line; a word longer than a line is cut.
pub fn wrap(text: &str, max: usize) -> Vec<WrappedLine> {
    let max = max.max(1);
    let mut lines = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    let mut used = 0;
    // The byte just after the last space on this line, and the width since it.
    let mut after_space: Option<usize> = None;
    let mut since_space = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            lines.push(WrappedLine {
                start,
                end: i,
                hard: true,
            });
            start = i + 1;
            used = 0;
            after_space = None;
            continue;
        }
        let w = cell_width(c);
        if used + w > max {
            if c == ' ' {
                lines.push(WrappedLine {
                    start,
                    end: i + 1,
                    hard: false,
                });
                start = i + 1;
                used = 0;
                after_space = None;
                continue;
            }
            match after_space {
                // Carry the word being typed to the next line.
                Some(e) if e < i => {
                    lines.push(WrappedLine {
                        start,
                        end: e,
                        hard: false,
                    });
                    start = e;
                    used = since_space;
                    if used + w > max && i > start {
                        // The carried word fills the line by itself: break it here.
                        lines.push(WrappedLine {
                            start,
                            end: i,
                            hard: false,
                        });
                        start = i;
                        used = 0;
                    }
                }
                // A character wider than a whole line still gets a line of its own.
                _ if i == start => {}
                _ => {
                    lines.push(WrappedLine {
                        start,
                        end: i,
                        hard: false,
                    });
                    start = i;
                    used = 0;
                }
            }
            after_space = None;
            since_space = 0;
        }
        used += w;
        if c == ' ' {
            after_space = Some(i + 1);
            since_space = 0;
        } else {
            since_space += w;
        }
    }
    lines.push(WrappedLine {
        start,
        end: text.len(),
        hard: false,
    });
    lines
}

/// The (row, column) of a byte cursor in wrapped lines of `text`.
pub fn cursor_in(text: &str, lines: &[WrappedLine], cursor: usize, max: usize) -> (usize, usize) {
    let row = lines
        .partition_point(|l| l.start <= cursor)
        .saturating_sub(1);
    let Some(line) = lines.get(row) else {
        return (0, 0);
    };
    let upto = cursor.min(line.end).max(line.start);
    let col = text[line.start..upto].chars().map(cell_width).sum();
    let last = row + 1 == lines.len();
    if last && cursor >= line.end && col >= max.max(1) {
        (row + 1, 0)
    } else {
        (row, col)
    }
}

/// A wrapped line's text, made safe to draw.
pub fn line_text(text: &str, line: &WrappedLine) -> String {
    sanitize_line(&text[line.start..line.end])
}

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
    let lines = wrap(text, max);
    let (row, col) = cursor_in(text, &lines, cursor, max);
    let height = usize::from(area.height);
    let top = (row + 1).saturating_sub(height);
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
    let clusters: Vec<(usize, String, usize)> = text
        .grapheme_indices(true)
        .map(|(i, g)| {
            let drawn = sanitize_line(g);
            let w = drawn.chars().map(cell_width).sum();
            (i, drawn, w)
        })
        .collect();
    let cursor_col: usize = clusters
        .iter()
        .take_while(|(i, _, _)| *i < cursor)
        .map(|c| c.2)
        .sum();
    let need = cursor_col.saturating_sub(max.saturating_sub(1));
    let mut skipped = 0;
    let mut first = 0;
    while skipped < need && first < clusters.len() {
        skipped += clusters[first].2;
        first += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for (_, g, w) in &clusters[first..] {
        if used + w > max {
            break;
        }
        shown.push_str(g);
        used += w;
    }
    (shown, (cursor_col - skipped).min(max.saturating_sub(1)))
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
        let label = format!("{:<label_w$}", truncate(&sanitize_line(&r.label), label_w));
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
    let top = (selected + 1).saturating_sub(height);
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

    fn texts(text: &str, lines: &[WrappedLine]) -> Vec<String> {
        lines.iter().map(|l| line_text(text, l)).collect()
    }

    fn wrapped(text: &str, max: usize) -> Vec<String> {
        texts(text, &wrap(text, max))
    }

    #[test]
    fn wraps_at_words_and_hard_breaks_long_words() {
        assert_eq!(wrapped("grow my network", 8), vec!["grow my ", "network"]);
        assert_eq!(wrapped("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrapped("世界世界", 5), vec!["世界", "世界"]);
        assert_eq!(wrapped("a\n", 10), vec!["a", ""]);
        assert_eq!(wrapped("one two three", 5), vec!["one ", "two ", "three"]);
    }

    proptest::proptest! {
        #[test]
        fn wrapped_lines_cover_the_text_and_fit(text in "[a b世\\n\u{301}]{0,80}", max in 1usize..12) {
            let lines = wrap(&text, max);
            let mut rebuilt = String::new();
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    proptest::prop_assert_eq!(l.start, lines[i - 1].end + usize::from(lines[i - 1].hard));
                }
                let part = &text[l.start..l.end];
                rebuilt.push_str(part);
                if l.hard {
                    rebuilt.push('\n');
                }
                let w: usize = part.trim_end_matches(' ').chars().map(cell_width).sum();
                // A wide character alone may not fit a line of one cell; it still gets a line.
                let alone = part.trim_end_matches(' ').chars().count() == 1;
                proptest::prop_assert!(w <= max || alone, "{:?} is wider than {}", part, max);
                proptest::prop_assert!(!part.is_empty() || l.hard || i + 1 == lines.len(), "an empty soft line");
            }
            proptest::prop_assert_eq!(rebuilt, text);
        }
    }

    #[test]
    fn a_focused_line_scrolls_by_cells_to_keep_the_cursor_in_view() {
        // Fits: shown whole, the cursor after the text.
        assert_eq!(
            scrolled_line("CV reviews", 10, 20),
            ("CV reviews".into(), 10)
        );
        // Too long, cursor at the end: the tail shows, with a cell left for the cursor.
        let (shown, x) = scrolled_line("abcdefghij", 10, 5);
        assert_eq!((shown.as_str(), x), ("ghij", 4));
        // Cursor at the start: the beginning shows.
        let (shown, x) = scrolled_line("abcdefghij", 0, 5);
        assert_eq!((shown.as_str(), x), ("abcde", 0));
        // Wide characters count two cells and are never cut in half.
        let text = "世界世界世界";
        let (shown, x) = scrolled_line(text, text.len(), 5);
        assert_eq!((shown.as_str(), x), ("世界", 4));
        // A flag is one step of the scroll.
        let (shown, _) = scrolled_line("🇫🇷🇫🇷ab", "🇫🇷🇫🇷ab".len(), 4);
        assert!(shown.starts_with("🇫🇷") || shown == "ab", "{shown:?}");
    }

    #[test]
    fn cursor_positions_follow_wrapping() {
        let text = "grow my network";
        let lines = wrap(text, 8);
        assert_eq!(cursor_in(text, &lines, 0, 8), (0, 0));
        assert_eq!(cursor_in(text, &lines, 8, 8), (1, 0));
        assert_eq!(cursor_in(text, &lines, text.len(), 8), (1, 7));
        let full = wrap("abcd", 4);
        assert_eq!(cursor_in("abcd", &full, 4, 4), (1, 0));
        let nl = wrap("ab\n", 10);
        assert_eq!(
            cursor_in("ab\n", &nl, 2, 10),
            (0, 2),
            "on the newline: end of its line"
        );
        assert_eq!(cursor_in("ab\n", &nl, 3, 10), (1, 0));
    }
}
