//! Small pieces of English for messages: counts ("1 word", "3 words") and sentences that end
//! in exactly one full stop.

/// `n` and the noun, singular for one: `count(1, "word", "words")` is "1 word".
///
/// ```
/// use mentorlog::words::count;
/// assert_eq!(count(1, "entry", "entries"), "1 entry");
/// assert_eq!(count(0, "entry", "entries"), "0 entries");
/// ```
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + TryInto<i64> + Copy,
{
    let singular = n.try_into().ok() == Some(1);
    format!("{n} {}", if singular { one } else { many })
}

/// Ends `text` with a full stop unless it already ends a sentence (".", "…", "!", "?"), so a
/// message built from a cut title or an error does not end in "…." or "..".
///
/// ```
/// use mentorlog::words::sentence;
/// assert_eq!(sentence("Done: Update the CV"), "Done: Update the CV.");
/// assert_eq!(sentence("Done: Update the…"), "Done: Update the…");
/// ```
pub fn sentence(text: impl Into<String>) -> String {
    let mut text = text.into();
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if !text.is_empty() && !text.ends_with(['.', '…', '!', '?']) {
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1_usize, "word", "words"), "1 word");
        assert_eq!(count(2_u32, "word", "words"), "2 words");
        assert_eq!(count(0_u32, "survey", "surveys"), "0 surveys");
        assert_eq!(count(1_i64, "day", "days"), "1 day");
        assert_eq!(
            count(u32::MAX, "relationship", "relationships"),
            "4294967295 relationships"
        );
    }

    #[test]
    fn a_sentence_gets_one_full_stop() {
        assert_eq!(sentence("Saved"), "Saved.");
        assert_eq!(sentence("Saved."), "Saved.");
        assert_eq!(sentence("Saved "), "Saved.");
        assert_eq!(
            sentence("Open again: call Sam about the…"),
            "Open again: call Sam about the…"
        );
        assert_eq!(sentence("Well done!"), "Well done!");
        assert_eq!(sentence("Ready?"), "Ready?");
        assert_eq!(sentence(""), "");
    }
}
