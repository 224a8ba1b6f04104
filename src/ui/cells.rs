//! Text measured and cut in terminal cells, the way the screen draws it: a CJK character takes
//! two cells, and so does an emoji written as several code points ("👩🏽‍💻").
//! `format!("{:<14}")` pads by code points, which shifts every column after such a name.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The cells `s` takes on screen.
pub fn cells(s: &str) -> usize {
    s.width()
}

/// True where a cut may go before `next` (after `prev`): not inside an emoji sequence or
/// before a combining mark.
fn may_cut(prev: char, next: char) -> bool {
    let zwj = '\u{200D}';
    let modifier = ('\u{1F3FB}'..='\u{1F3FF}').contains(&next);
    let selector = ('\u{FE00}'..='\u{FE0F}').contains(&next);
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    prev != zwj
        && next != zwj
        && !modifier
        && !selector
        && next.width().unwrap_or(0) > 0
        && !(regional(prev) && regional(next))
}

/// The start of `s` in at most `max` cells, ending in "…" when something was left out.
pub fn cut(s: &str, max: usize) -> String {
    if cells(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut end = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if prev.is_none_or(|p| may_cut(p, c)) && i > 0 {
            if cells(&s[..i]) + 1 > max {
                break;
            }
            end = i;
        }
        prev = Some(c);
    }
    format!("{}…", &s[..end])
}

/// Like [`cut`], but between words when a space leaves at least half the room used, so a
/// preview does not end in the middle of a word ("first salary negot…").
pub fn cut_words(s: &str, max: usize) -> String {
    let cut = cut(s, max);
    let Some(kept) = cut.strip_suffix('…') else {
        return cut;
    };
    if s[kept.len()..].starts_with(' ') {
        return format!("{}…", kept.trim_end());
    }
    match kept.rfind(' ') {
        Some(at) if cells(&kept[..at]) * 2 >= max => {
            let words = kept[..at].trim_end_matches([' ', ',', ';', ':', '.', '-', '—']);
            format!("{words}…")
        }
        _ => cut,
    }
}

/// `s` cut to `w` cells and padded with spaces to exactly `w`, so the next column lines up.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = cut(s, w);
    let used = cells(&out);
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_names_take_their_real_width() {
        assert_eq!(cells("田中 さくら"), 11);
        assert_eq!(cells("Zoë 👩🏽‍💻"), 6);
        assert_eq!(cells("🇫🇷"), 2);
        assert_eq!(cells(&fit("田中 さくら", 14)), 14);
        assert_eq!(cells(&fit("Zoë 👩🏽‍💻", 14)), 14);
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
            assert!(cells(&c) <= max, "{max}: {c:?}");
        }
    }

    #[test]
    fn cuts_fit_and_never_split_a_character() {
        assert_eq!(cut("田中 さくら", 6), "田中 …");
        assert_eq!(cut("田中 さくら", 5), "田中…");
        assert_eq!(cut("Zoë 👩🏽‍💻 and more", 6), "Zoë …");
        assert_eq!(cut("Zoë 👩🏽‍💻 and more", 7), "Zoë 👩🏽‍💻…");
        assert_eq!(cut("ab🇫🇷cd", 4), "ab…");
        assert_eq!(cut("e\u{301}te\u{301}", 2), "e\u{301}…");
        assert_eq!(cut("short", 5), "short");
        assert_eq!(cut("abc", 0), "");
        for max in 1..20 {
            for s in [
                "田中 さくら",
                "Zoë 👩🏽‍💻 codes",
                "🇫🇷🇩🇪 flags",
                "plain words here",
            ] {
                let c = cut(s, max);
                assert!(cells(&c) <= max, "{s:?} at {max}: {c:?}");
                assert_eq!(cells(&fit(s, max)), max, "{s:?} at {max}");
            }
        }
    }
}
