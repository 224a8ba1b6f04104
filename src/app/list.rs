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
}
