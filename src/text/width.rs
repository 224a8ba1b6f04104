//! Text measured and cut in terminal cells, the way the screen draws it: one grapheme cluster
//! at a time, each as wide as ratatui's buffer makes it. A CJK character takes two cells, and
//! so does an emoji written as several code points ("👩🏽‍💻", "👍🏽", "🇫🇷"); a combining
//! mark takes none. `format!("{:<14}")` pads by code points, which shifts every column after
//! such a name, so columns are padded with [`fit`].
//!
//! Text is measured as it is drawn: a character that could steer the terminal is drawn as
//! one replacement character (see [`super::sanitize_line`]), so it takes one cell, and a
//! newline takes none.

use ratatui::buffer::CellWidth;
use unicode_segmentation::GraphemeCursor;

/// The cells one grapheme cluster takes on screen.
pub fn cluster_width(g: &str) -> usize {
    match g.as_bytes() {
        [] | [b'\n'] => 0,
        [_] => 1,
        // A carriage return before a newline is one cluster; the return is drawn, the newline not.
        b"\r\n" => 1,
        // Controls are clusters of their own, drawn as one replacement character.
        _ if g.starts_with(super::is_unsafe) => 1,
        _ => usize::from(g.cell_width()),
    }
}

/// The cells `s` takes on screen.
///
/// ```
/// use mentorlog::text::width;
/// assert_eq!(width("田中 さくら"), 11);
/// assert_eq!(width("Zoë 👩🏽‍💻"), 6);
/// ```
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len() - s.bytes().filter(|&b| b == b'\n').count();
    }
    clusters(s).map(|(_, _, w)| w).sum()
}

/// The grapheme clusters of `s` with their byte offsets and widths in cells. Two ASCII
/// characters in a row are two clusters, so plain text is walked a byte at a time without
/// the segmentation rules; a carriage return and newline come as two clusters, so a line
/// ends at the newline.
pub fn clusters(s: &str) -> Clusters<'_> {
    Clusters { s, at: 0 }
}

/// The clusters of `s` from byte `at`, which must be a cluster boundary: the same clusters
/// [`clusters`] gives from there.
pub(crate) fn clusters_from(s: &str, at: usize) -> Clusters<'_> {
    Clusters { s, at }
}

/// The iterator of [`clusters`].
#[derive(Debug, Clone)]
pub struct Clusters<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.s.as_bytes();
        let start = self.at;
        let first = *bytes.get(start)?;
        let plain = first.is_ascii() && bytes.get(start + 1).is_none_or(|b| b.is_ascii());
        let end = if plain || first == b'\r' {
            start + 1
        } else {
            GraphemeCursor::new(start, self.s.len(), true)
                .next_boundary(self.s, 0)
                .ok()
                .flatten()
                .unwrap_or(self.s.len())
        };
        self.at = end;
        let g = &self.s[start..end];
        let w = if plain {
            usize::from(first != b'\n')
        } else {
            cluster_width(g)
        };
        Some((start, g, w))
    }
}

/// The start of `s` in at most `max` cells, ending in "…" when something was left out. Never
/// cuts inside a cluster, so a flag or a skin tone stays whole.
///
/// ```
/// use mentorlog::text::truncate;
/// assert_eq!(truncate("世界世界", 5), "世界…");
/// assert_eq!(truncate("ab🇫🇷cd", 4), "ab…");
/// ```
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - 1;
    let mut used = 0;
    let mut end = 0;
    for (i, g, w) in clusters(s) {
        if used + w > room {
            break;
        }
        used += w;
        end = i + g.len();
    }
    format!("{}…", &s[..end])
}

/// Like [`truncate`], but between words when a space leaves at least half the room used, so a
/// preview does not end in the middle of a word ("first salary negot…").
pub fn cut_words(s: &str, max: usize) -> String {
    let cut = truncate(s, max);
    let Some(kept) = cut.strip_suffix('…') else {
        return cut;
    };
    // A stop or comma before the "…" would read "feared.…": the mark goes.
    let ends = [' ', ',', ';', ':', '.', '-', '—'];
    if s[kept.len()..].starts_with(' ') {
        return format!("{}…", kept.trim_end_matches(ends));
    }
    match kept.rfind(' ') {
        Some(at) if width(&kept[..at]) * 2 >= max => {
            let words = kept[..at].trim_end_matches(ends);
            format!("{words}…")
        }
        _ => cut,
    }
}

/// `s` cut to `w` cells and padded with spaces to exactly `w`, so the next column lines up.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize_line;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Paragraph;

    #[test]
    fn a_cut_after_a_full_stop_ends_in_one_mark() {
        let cut = cut_words(
            "The mock interview went better than I feared. Next time",
            46,
        );
        assert_eq!(cut, "The mock interview went better than I feared…");
    }

    /// The cells `s` takes when a screen draws it: on a row filled beforehand with a mark the
    /// text does not hold, the end of the last cell the text wrote, as wide as the terminal is
    /// told it is (the cells a wide symbol covers are skipped when the screen is written).
    fn drawn_width(s: &str) -> usize {
        let cols = 120;
        let mut terminal = Terminal::new(TestBackend::new(cols, 1)).unwrap();
        terminal
            .draw(|f| {
                let area = f.area();
                let buf: &mut Buffer = f.buffer_mut();
                for x in 0..cols {
                    buf[(x, 0)].set_symbol("#");
                }
                f.render_widget(Paragraph::new(sanitize_line(s)), area);
            })
            .unwrap();
        let buf = terminal.backend().buffer();
        (0..cols)
            .filter(|&x| buf[(x, 0)].symbol() != "#")
            .map(|x| usize::from(x) + usize::from(buf[(x, 0)].symbol().cell_width()))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn wide_names_take_their_real_width() {
        assert_eq!(width("田中 さくら"), 11);
        assert_eq!(width("Zoë 👩🏽‍💻"), 6);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("🇫🇷"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(
            width("a\x1bb\nc"),
            4,
            "a control is drawn as one mark, a newline not"
        );
        assert_eq!(width(&fit("田中 さくら", 14)), 14);
        assert_eq!(width(&fit("Zoë 👩🏽‍💻", 14)), 14);
        for s in [
            "👩🏽‍💻",
            "👍🏽",
            "🇫🇷🇩🇪",
            "❤\u{FE0F}",
            "田中",
            "e\u{301}",
            "a\u{9b}\u{202e}b",
        ] {
            assert_eq!(width(s), drawn_width(s), "{s:?}");
        }
    }

    #[test]
    fn clusters_keep_emoji_flags_and_marks_whole() {
        let got: Vec<(&str, usize)> = clusters("a👍🏽🇫🇷e\u{301}\r\n世")
            .map(|(_, g, w)| (g, w))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", 1),
                ("👍🏽", 2),
                ("🇫🇷", 2),
                ("e\u{301}", 1),
                ("\r", 1),
                ("\n", 0),
                ("世", 2)
            ]
        );
    }

    #[test]
    fn previews_are_cut_between_words() {
        assert_eq!(
            cut_words("Ask Sam how he handled his first salary negotiation", 40),
            "Ask Sam how he handled his first salary…"
        );
        assert_eq!(
            cut_words("The mock went well. Then more", 21),
            "The mock went well…"
        );
        assert_eq!(cut_words("Supercalifragilistic words", 10), "Supercali…");
        assert_eq!(cut_words("short", 10), "short");
        for max in 1..40 {
            let c = cut_words("Ask Sam how he handled 田中 さくら negotiation", max);
            assert!(width(&c) <= max, "{max}: {c:?}");
        }
    }

    #[test]
    fn cuts_fit_and_never_split_a_cluster() {
        assert_eq!(truncate("田中 さくら", 6), "田中 …");
        assert_eq!(truncate("田中 さくら", 5), "田中…");
        assert_eq!(truncate("Zoë 👩🏽‍💻 and more", 6), "Zoë …");
        assert_eq!(truncate("Zoë 👩🏽‍💻 and more", 7), "Zoë 👩🏽‍💻…");
        assert_eq!(truncate("ab🇫🇷cd", 4), "ab…");
        assert_eq!(truncate("e\u{301}te\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("short", 5), "short");
        assert_eq!(truncate("abc", 0), "");
        for max in 1..20 {
            for s in [
                "田中 さくら",
                "Zoë 👩🏽‍💻 codes",
                "🇫🇷🇩🇪 flags",
                "plain words here",
            ] {
                let c = truncate(s, max);
                assert!(width(&c) <= max, "{s:?} at {max}: {c:?}");
                assert_eq!(width(&fit(s, max)), max, "{s:?} at {max}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn width_is_what_the_screen_draws(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", " ", ".", "é", "e\u{301}", "\u{301}", "世", "さ", "👍", "👍🏽", "👩🏽‍💻",
                "👨‍👩‍👧", "❤\u{FE0F}", "🇫🇷", "🇩🇪", "🇫", "\u{200D}", "\u{FE0F}", "\u{1F3FD}",
                "\t", "\x1b", "\u{202E}",
            ]), 0..24)
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(width(&s), drawn_width(&s), "{:?}", s);
            let sum: usize = clusters(&s).map(|(_, _, w)| w).sum();
            proptest::prop_assert_eq!(sum, width(&s));
            let back: String = clusters(&s).map(|(_, g, _)| g).collect();
            proptest::prop_assert_eq!(back, s);
        }

        #[test]
        fn truncated_text_fits_what_the_screen_draws(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "e\u{301}", "世", "👍🏽", "👩🏽‍💻", "🇫🇷", "🇩🇪",
            ]), 0..16),
            max in 0usize..20,
        ) {
            let s: String = parts.concat();
            let cut = truncate(&s, max);
            proptest::prop_assert!(drawn_width(&cut) <= max, "{:?} at {}: {:?}", s, max, cut);
            proptest::prop_assert_eq!(drawn_width(&fit(&s, max)), max, "{:?} fit to {}", s, max);
        }
    }
}
