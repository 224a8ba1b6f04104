//! Word-wrapping by display cells, as byte ranges, and where a cursor falls in the wrapped
//! lines: used by the editor to move between lines and by the screens to draw.

use super::{clusters, sanitize_line, width};

/// A wrapped line: the byte range it covers in the source text. `hard` lines end at a
/// newline (the byte at `end`), which belongs to them but is not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrappedLine {
    pub start: usize,
    pub end: usize,
    pub hard: bool,
}

/// Word-wraps `text` to `max` cells as byte ranges, so a cursor can be placed and only the
/// lines on screen need to be drawn. Newlines end a line and take no room; a space at a break
/// hangs at the end of its line; a word longer than a line is cut, between clusters.
pub fn wrap(text: &str, max: usize) -> Vec<WrappedLine> {
    let max = max.max(1);
    let mut lines = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    let mut used = 0;
    // The byte just after the last space on this line, and the width since it.
    let mut after_space: Option<usize> = None;
    let mut since_space = 0;
    for (i, g, w) in clusters(text) {
        if g == "\n" {
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
        if used + w > max {
            if g == " " {
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
                // A cluster wider than a whole line still gets a line of its own.
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
        if g == " " {
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
    let col = width(&text[line.start..upto]);
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
                let w = width(part.trim_end_matches(' '));
                // A wide cluster alone may not fit a line of one cell; it still gets a line.
                let alone = clusters(part.trim_end_matches(' ')).count() == 1;
                proptest::prop_assert!(w <= max || alone, "{:?} is wider than {}", part, max);
                proptest::prop_assert!(!part.is_empty() || l.hard || i + 1 == lines.len(), "an empty soft line");
            }
            proptest::prop_assert_eq!(rebuilt, text);
        }
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
