//! Word-wrapping by display cells, as byte ranges, and where a cursor falls in the wrapped
//! lines: used by the editor to move between lines and by the screens to draw.

use super::width::clusters_from;
use super::{sanitize_line, width};

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
    let mut lines = Vec::with_capacity(text.len() / max.max(1) + 1);
    wrap_from(text, max, 0, |l| {
        lines.push(l);
        true
    });
    lines
}

/// The first `limit` lines [`wrap`] gives (fewer when the text has fewer), found without
/// wrapping the rest: enough to know whether a text fills a box of `limit` rows.
pub fn wrap_first(text: &str, max: usize, limit: usize) -> Vec<WrappedLine> {
    let mut lines = Vec::with_capacity(limit.min(text.len() / max.max(1) + 1));
    if limit == 0 {
        return lines;
    }
    wrap_from(text, max, 0, |l| {
        lines.push(l);
        lines.len() < limit
    });
    lines
}

/// Wraps `text` from byte `from`, the start of one of its wrapped lines (or 0), handing each
/// line to `emit` until it returns false. Wrapping from a line's start gives the lines that
/// wrapping from the top gives from there: at a line's start nothing about the lines before
/// is left that later breaks depend on (a word carried down starts the line, and the width it
/// brings is measured again from there).
fn wrap_from(text: &str, max: usize, from: usize, mut emit: impl FnMut(WrappedLine) -> bool) {
    let max = max.max(1);
    let mut start = from;
    let mut used = 0;
    // The byte just after the last space on this line, and the width since it.
    let mut after_space: Option<usize> = None;
    let mut since_space = 0;
    macro_rules! push {
        ($line:expr) => {
            if !emit($line) {
                return;
            }
        };
    }
    for (i, g, w) in clusters_from(text, from) {
        if g == "\n" {
            push!(WrappedLine {
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
                push!(WrappedLine {
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
                    push!(WrappedLine {
                        start,
                        end: e,
                        hard: false,
                    });
                    start = e;
                    used = since_space;
                    if used + w > max && i > start {
                        // The carried word fills the line by itself: break it here.
                        push!(WrappedLine {
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
                    push!(WrappedLine {
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
    emit(WrappedLine {
        start,
        end: text.len(),
        hard: false,
    });
}

/// A text's wrapped lines, kept between frames: asked again with the same text and width it
/// answers without wrapping; after an edit it wraps again only from a little before the
/// change to where the lines fall as before, and moves the rest.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    /// The width, text and lines last asked for; `None` before the first time.
    kept: Option<(usize, String, Vec<WrappedLine>)>,
}

/// How many bytes two texts share at their start, on a character boundary of both.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    // Whole blocks first (a slice comparison is one memcmp), then the bytes of the first block
    // that differs.
    const BLOCK: usize = 256;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes two texts share at their end, at most `limit`.
fn common_suffix(a: &[u8], b: &[u8], limit: usize) -> usize {
    let n = a.len().min(b.len()).min(limit);
    let mut i = 0;
    const BLOCK: usize = 256;
    while i + BLOCK <= n
        && a[a.len() - i - BLOCK..a.len() - i] == b[b.len() - i - BLOCK..b.len() - i]
    {
        i += BLOCK;
    }
    while i < n && a[a.len() - 1 - i] == b[b.len() - 1 - i] {
        i += 1;
    }
    i
}

impl WrapCache {
    /// The lines of `text` wrapped to `max` cells: the same as [`wrap`] gives.
    pub fn lines(&mut self, text: &str, max: usize) -> &[WrappedLine] {
        let kept = match self.kept.take() {
            Some((m, mut old, mut lines)) if m == max => {
                if old != text {
                    rewrap(&old, &mut lines, text, max);
                    // The kept copy reuses its buffer: no new megabyte to map per keystroke.
                    old.clear();
                    old.push_str(text);
                }
                (m, old, lines)
            }
            _ => (max, text.to_string(), wrap(text, max)),
        };
        &self.kept.insert(kept).2
    }

    /// The lines last given by [`WrapCache::lines`] (none before the first time).
    pub fn kept_lines(&self) -> &[WrappedLine] {
        self.kept.as_ref().map_or(&[], |k| &k.2)
    }
}

/// Turns `lines`, the lines of `old`, into the lines of `new` at the same width, in place.
fn rewrap(old: &str, lines: &mut Vec<WrappedLine>, new: &str, max: usize) {
    // The changed part: old[p..old_end] became new[p..new_end], on character boundaries.
    let mut p = common_prefix(old.as_bytes(), new.as_bytes());
    while !(old.is_char_boundary(p) && new.is_char_boundary(p)) {
        p -= 1;
    }
    let mut tail = common_suffix(old.as_bytes(), new.as_bytes(), old.len().min(new.len()) - p);
    while !new.is_char_boundary(new.len() - tail) {
        tail -= 1;
    }
    let new_end = new.len() - tail;
    let old_end = old.len() - tail;
    // Every break up to a line is decided by a cluster that ends by the start of the line
    // after next. Where those clusters all end before the change, the lines up to there stay,
    // and wrapping again can start at that line.
    let before = lines.partition_point(|l| l.start < p);
    let keep = before.saturating_sub(3);
    let from = if keep == 0 { 0 } else { lines[keep].start };
    // Past the change, a line that starts where one started before (moved by the change)
    // brings back all the old lines from there.
    let mut between = Vec::new();
    let mut rejoin = None;
    wrap_from(new, max, from, |l| {
        if l.start >= new_end {
            let was = l.start + old_end - new_end;
            if let Ok(at) = lines.binary_search_by(|o| o.start.cmp(&was)) {
                rejoin = Some(at);
                return false;
            }
        }
        between.push(l);
        true
    });
    let Some(at) = rejoin else {
        lines.truncate(keep);
        lines.extend(between);
        return;
    };
    let moved = keep + between.len();
    lines.splice(keep..at, between);
    for l in &mut lines[moved..] {
        l.start = l.start + new_end - old_end;
        l.end = l.end + new_end - old_end;
    }
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
    use crate::text::clusters;

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

    proptest::proptest! {
        #[test]
        fn kept_lines_follow_every_edit_and_width(
            text in "[a b世\\n\u{301}\u{1F1EB}\u{1F1F7}\u{200D}]{0,120}",
            edits in proptest::collection::vec((0usize..130, 0usize..6, "[a b世\\n\u{301}\u{1F1EB}\u{200D}]{0,8}", 1usize..14), 1..12),
        ) {
            let mut cache = WrapCache::default();
            let mut text = text;
            for (at, cut, put, max) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + cut).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, &put);
                // Asked at two widths in turn: each answer is the whole text's wrapping,
                // never lines kept from another text or another width.
                proptest::prop_assert_eq!(cache.lines(&text, max), &wrap(&text, max)[..]);
                proptest::prop_assert_eq!(cache.lines(&text, max + 1), &wrap(&text, max + 1)[..]);
                proptest::prop_assert_eq!(cache.lines(&text, max + 1), &wrap(&text, max + 1)[..]);
            }
        }

        #[test]
        fn the_first_lines_are_the_first_of_all(text in "[a b世\\n]{0,80}", max in 1usize..12, limit in 0usize..10) {
            let all = wrap(&text, max);
            proptest::prop_assert_eq!(wrap_first(&text, max, limit), all[..limit.min(all.len())].to_vec());
        }
    }

    #[test]
    fn kept_lines_change_with_the_text_and_the_width() {
        let mut cache = WrapCache::default();
        let long = "grow my network ".repeat(200);
        assert_eq!(cache.lines(&long, 10), &wrap(&long, 10)[..]);
        // A word typed in the middle moves the breaks after it.
        let mut typed = long.clone();
        typed.insert_str(1600, "mentoring ");
        assert_eq!(cache.lines(&typed, 10), &wrap(&typed, 10)[..]);
        // A few letters taken out near the start pull every line after them back.
        let mut cut = typed.clone();
        cut.replace_range(5..8, "");
        assert_eq!(cache.lines(&cut, 10), &wrap(&cut, 10)[..]);
        assert_eq!(cache.lines(&cut, 7), &wrap(&cut, 7)[..]);
        assert_eq!(cache.lines("", 7), &wrap("", 7)[..]);
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
