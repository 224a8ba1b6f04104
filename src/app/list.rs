//! Moving through a list: one rule for every list's cursor, and for which rows show.

/// `cursor` moved by `delta` rows in a list of `len` rows, kept inside the list.
pub fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// The first row shown when `height` rows fit and the cursor is on `cursor`: the list
/// scrolls just enough to keep the cursor on the last row shown.
pub fn first_shown(cursor: usize, height: usize) -> usize {
    (cursor + 1).saturating_sub(height)
}

/// A text's scroll offset after a scrolling key: a line, a page of 10, or the top. Where the
/// end is, the drawing decides (it clamps the offset to what it holds).
pub fn scrolled(scroll: usize, action: &super::Action) -> usize {
    use super::Action;
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll.saturating_add(10),
        Action::First => 0,
        _ => scroll,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_list() {
        assert_eq!(moved(0, -1, 5), 0);
        assert_eq!(moved(3, 10, 5), 4);
        assert_eq!(moved(3, -2, 5), 1);
        assert_eq!(moved(0, 1, 0), 0, "an empty list keeps the cursor at 0");
        assert_eq!(first_shown(0, 10), 0);
        assert_eq!(first_shown(14, 10), 5);
        assert_eq!(first_shown(3, 0), 4);
    }

    #[test]
    fn a_text_scrolls_by_a_line_a_page_and_to_the_top() {
        use crate::app::Action;
        assert_eq!(scrolled(0, &Action::Up), 0);
        assert_eq!(scrolled(3, &Action::Down), 4);
        assert_eq!(scrolled(3, &Action::PageUp), 0);
        assert_eq!(scrolled(3, &Action::PageDown), 13);
        assert_eq!(scrolled(30, &Action::First), 0);
    }
}
