//! Typed text on its way into a Markdown document: escaped so that it reads as the words typed
//! and never becomes structure. A line `## Notes` in someone's notes stays text; `[x](y)` is no
//! link, `<b>` no HTML, `1. ` no list. Web and e-mail addresses are escaped too, so viewers that
//! turn them into links on their own (GitHub's `https://x`, `www.x`, `me@x`) leave them as
//! typed text. Every function also sanitises for the terminal.

/// Characters escaped wherever they stand: they open emphasis, code, links, HTML, headings,
/// quotes, tables and strike-through; `$` opens maths on GitHub and `@` an e-mail link or a
/// mention.
fn always(c: char) -> bool {
    matches!(
        c,
        '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '$' | '@'
    )
}

/// True when the character at `i` would let a viewer see a web address: the `:` of `://` and
/// the `.` after `www`. Escaped, the address reads the same but is no link.
fn starts_address(chars: &[char], i: usize) -> bool {
    match chars[i] {
        ':' => chars.get(i + 1..i + 3) == Some(&['/', '/']),
        '.' => i >= 3 && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w')),
        _ => false,
    }
}

/// True when the text after a '&' would make it a character reference: `amp;`, `#169;`.
fn starts_entity(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['#']).unwrap_or(rest);
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Escapes one line's characters; `at_start` when the line begins a Markdown line (where
/// `-`, `+`, `=` and `1.` mean structure).
fn escape_into(out: &mut String, line: &str, at_start: bool) {
    let chars: Vec<char> = line.chars().collect();
    // Digits at the very start followed by '.' or ')' would start an ordered list.
    let digits = if at_start {
        chars.iter().take_while(|c| c.is_ascii_digit()).count()
    } else {
        0
    };
    for (i, &c) in chars.iter().enumerate() {
        let escape = always(c)
            || (at_start && i == 0 && matches!(c, '-' | '+' | '='))
            || (digits > 0 && i == digits && matches!(c, '.' | ')'))
            || (c == '&' && starts_entity(&chars[i + 1..]))
            || starts_address(&chars, i);
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// One line of typed text for inside a Markdown line (a list item, a heading, a table cell):
/// sanitised, newlines folded to spaces, trimmed, and escaped.
///
/// ```
/// use mentorlog::text::markdown::inline;
/// assert_eq!(inline("[click](x) *now*"), "\\[click\\](x) \\*now\\*");
/// ```
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, super::sanitize_line(text).trim(), false);
    out
}

/// One line of typed text that begins a Markdown line or a list item's text (a name first in
/// a sentence, "- Sam can give …"): like [`inline`], and a start that would make a list, a
/// nested list or a heading underline (`-`, `+`, `=`, `1.`) is escaped too.
///
/// ```
/// use mentorlog::text::markdown::line_start;
/// assert_eq!(line_start("1. Ana"), "1\\. Ana");
/// assert_eq!(line_start("- Sam"), "\\- Sam");
/// ```
pub fn line_start(text: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, super::sanitize_line(text).trim(), true);
    out
}

/// Typed text as Markdown paragraphs: each line keeps its own line (a hard break), blank lines
/// separate paragraphs, leading spaces (which would make code) are dropped, and every line is
/// escaped so none can become a heading, list, quote, fence, rule, link or HTML.
///
/// ```
/// use mentorlog::text::markdown::block;
/// assert_eq!(block("## Notes\n- not a list"), "\\#\\# Notes\\\n\\- not a list");
/// ```
pub fn block(text: &str) -> String {
    let clean = super::sanitize(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in clean.split('\n') {
        let line = line.replace('\t', "    ");
        let line = line.trim();
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        let mut escaped = String::new();
        escape_into(&mut escaped, line, true);
        if let Some(p) = paragraphs.last_mut() {
            p.push(escaped);
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_that_mean_structure_are_escaped() {
        assert_eq!(block("# one\n> two"), "\\# one\\\n\\> two");
        assert_eq!(block("- a\n+ b\n* c"), "\\- a\\\n\\+ b\\\n\\* c");
        assert_eq!(block("1. first\n2) second"), "1\\. first\\\n2\\) second");
        assert_eq!(block("===\n---"), "\\===\\\n\\---");
        assert_eq!(block("```\ncode\n~~~"), "\\`\\`\\`\\\ncode\\\n\\~\\~\\~");
        assert_eq!(block("    indented"), "indented");
    }

    #[test]
    fn the_same_characters_inside_a_line_stay_as_they_read() {
        assert_eq!(
            block("well - and + 1. ok = fine"),
            "well - and + 1. ok = fine"
        );
        assert_eq!(inline("R&D, 3 + 4 = 7"), "R&D, 3 + 4 = 7");
        assert_eq!(inline("&amp; &#169;"), "\\&amp; \\&\\#169;");
        assert_eq!(inline("<b>hi</b>"), "\\<b\\>hi\\</b\\>");
        assert_eq!(inline("![img](x)"), "\\!\\[img\\](x)");
    }

    #[test]
    fn paragraphs_and_lines_are_kept() {
        assert_eq!(block("one\ntwo\n\n\n\nthree\n"), "one\\\ntwo\n\nthree");
        assert_eq!(block("ends with \\"), "ends with \\\\");
        assert_eq!(block(""), "");
        assert_eq!(inline("a\nb"), "a b");
    }

    #[test]
    fn addresses_and_maths_are_no_links_but_read_the_same() {
        assert_eq!(inline("see https://e.com/x"), "see https\\://e.com/x");
        assert_eq!(inline("[x](http://e.com)"), "\\[x\\](http\\://e.com)");
        assert_eq!(inline("ftp://f"), "ftp\\://f");
        assert_eq!(inline("go to www.e.com"), "go to www\\.e.com");
        assert_eq!(inline("WWW.E.COM"), "WWW\\.E.COM");
        assert_eq!(inline("me@e.com"), "me\\@e.com");
        assert_eq!(inline("mailto:me@e.com"), "mailto:me\\@e.com");
        assert_eq!(inline("costs $5 or $x$"), "costs \\$5 or \\$x\\$");
        // Colons and dots elsewhere stay as they are.
        assert_eq!(inline("at 10:30. Done."), "at 10:30. Done.");
        assert_eq!(block("https://e.com"), "https\\://e.com");
    }

    #[test]
    fn a_line_start_cannot_make_a_list() {
        assert_eq!(line_start("1. Ana"), "1\\. Ana");
        assert_eq!(line_start("- Sam can give"), "\\- Sam can give");
        assert_eq!(line_start("+ X"), "\\+ X");
        assert_eq!(line_start("# Y"), "\\# Y");
        assert_eq!(line_start("=="), "\\==");
        assert_eq!(line_start("Sam - 1. fine"), "Sam - 1. fine");
        assert_eq!(inline("1. Ana"), "1. Ana");
    }

    #[test]
    fn terminal_controls_never_reach_the_document() {
        assert_eq!(inline("x\x1b[2Jy"), "x\u{FFFD}\\[2Jy");
    }
}
