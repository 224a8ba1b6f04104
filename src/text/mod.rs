//! Text helpers shared by the terminal UI, the app and the command line: sanitising,
//! measuring and wrapping.

pub mod markdown;
mod width;
mod wrap;

pub use width::{Clusters, cluster_width, clusters, cut_words, fit, truncate, width};
pub use wrap::{WrapCache, WrappedLine, cursor_in, line_text, wrap, wrap_first};

/// Replaces everything that could steer a terminal (ESC, BEL, other C0 and C1 controls, DEL,
/// bidi overrides and isolates) with a visible stand-in, keeping newlines and tabs.
/// Entry text is stored exactly as typed; this runs only on the way to a terminal.
///
/// ```
/// use mentorlog::text::sanitize;
/// assert_eq!(sanitize("hi\x1b[2J there\nok"), "hi\u{FFFD}[2J there\nok");
/// ```
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else if is_unsafe(c) {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`sanitize`], but also folds newlines and tabs into spaces, for one-line displays.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace(['\n', '\t', '\r'], " ")
}

/// True for characters that must not reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Escapes, in JSON text that serde_json wrote, the characters it leaves raw but a terminal
/// would obey: DEL, C1 controls (U+0080–U+009F) and bidi controls (U+202A–U+202E,
/// U+2066–U+2069, and the marks U+200E, U+200F, U+061C) become `\uXXXX`. (serde_json already
/// escapes C0 controls such as ESC and BEL.) They can only stand inside JSON
/// strings, so the result is the same JSON value.
///
/// ```
/// use mentorlog::text::escape_json_controls;
/// assert_eq!(escape_json_controls("\"a\u{9b}b\u{202e}\""), r#""a\u009bb\u202e""#);
/// ```
pub fn escape_json_controls(json: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| matches!(c, '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    if !json.chars().any(needs) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The start of `s` in at most `max` cells, cut only between words and ending with "…" when
/// something was left out. A first word wider than `max` is kept whole rather than split.
/// Runs of spaces between the kept words become one space.
///
/// ```
/// use mentorlog::text::truncate_words;
/// assert_eq!(truncate_words("realistic for a first role", 20), "realistic for a…");
/// assert_eq!(truncate_words("short enough", 20), "short enough");
/// ```
pub fn truncate_words(s: &str, max: usize) -> String {
    let s = s.trim();
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        // Room for the word, a space before it, and the "…" after it.
        let room = width(&out) + usize::from(!out.is_empty()) + width(word) + 1;
        if !out.is_empty() && room > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // "question, …" reads as if a list went on: end on the word itself.
    let kept = out.trim_end_matches([',', ';', ':', '-', '–', '—']).len();
    out.truncate(kept);
    out.push('…');
    out
}

/// The text with its first letter in upper case ("check-in due" → "Check-in due").
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escapes_c1_and_bidi_but_keeps_text() {
        let hostile = "a\x1b[2Jb\x07c\u{9b}31md\u{202E}e\x1b]52;c;aGk=\x07f";
        let clean = sanitize(hostile);
        assert!(!clean.contains('\x1b'));
        assert!(!clean.contains('\x07'));
        assert!(!clean.contains('\u{9b}'));
        assert!(!clean.contains('\u{202E}'));
        assert!(clean.starts_with('a') && clean.ends_with('f'));
        assert_eq!(sanitize("héllo 世界\nnext\tline"), "héllo 世界\nnext\tline");
        assert_eq!(sanitize_line("one\ntwo"), "one two");
    }

    #[test]
    fn truncate_words_never_cuts_a_word() {
        let line = "Not sure the plan is realistic for a first year in the new team";
        for max in 1..=width(line) + 2 {
            let cut = truncate_words(line, max);
            let kept = cut.trim_end_matches('…');
            // Every kept word is a whole word of the line, in order.
            let words: Vec<&str> = line.split(' ').collect();
            let got: Vec<&str> = kept.split(' ').collect();
            assert_eq!(&words[..got.len()], &got[..], "max {max}: {cut}");
            if max >= 4 {
                assert!(width(&cut) <= max, "max {max}: {cut}");
            }
        }
        assert_eq!(truncate_words("one two, three four", 10), "one two…");
        assert_eq!(truncate_words("  spaced   out  ", 40), "spaced   out");
        assert_eq!(truncate_words("Überlänge", 3), "Überlänge…");
        assert_eq!(truncate_words("世界 世界 世界", 7), "世界…");
    }

    #[test]
    fn json_escapes_del_c1_and_bidi_and_stays_the_same_value() {
        let raw = "a\u{7f}b\u{85}c\u{9b}d\u{202e}e\u{2066}f\u{200f}g é世";
        let json = serde_json::to_string(raw).unwrap();
        let escaped = escape_json_controls(&json);
        assert!(escaped.chars().all(|c| !is_unsafe(c)), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, raw);
        assert!(escaped.contains("é世"), "other text stays as it is");
    }

    #[test]
    fn width_and_truncate_respect_wide_characters() {
        assert_eq!(width("世界"), 4);
        assert_eq!(truncate("世界世界", 5), "世界…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 0), "");
    }
}
