//! The text engine against `unicode-segmentation` as the oracle: on random text mixing flags,
//! skin tones, Devanagari, combining marks, CJK, Hangul jamo and CRLF, and random edits, the
//! cursor always sits on a grapheme-cluster boundary, and ←, →, Backspace and Delete move over
//! or remove exactly one cluster as the crate draws them.

use mentorlog::app::InputEdit;
use mentorlog::app::editor::Editor;
use mentorlog::app::input::TextInput;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces that are easy to split wrongly, and some plain ones between them.
const PIECES: &[&str] = &[
    "🇫🇷",
    "🇩🇪",
    "🇫",
    "👍",
    "🏽",
    "👍🏽",
    "👩\u{200D}💻",
    "\u{200D}",
    "कि",
    "क",
    "ि",
    "्",
    "ष",
    "e",
    "\u{301}",
    "\u{308}",
    "世",
    "界",
    "ᄀ",
    "ᅡ",
    "각",
    "\r\n",
    "\r",
    "\n",
    " ",
    "a",
    ",",
    "\u{FE0F}",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
enum Op {
    Edit(InputEdit),
    Paste(String),
    Vertical(isize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let edits = prop_oneof![
        Just(InputEdit::Left),
        Just(InputEdit::Right),
        Just(InputEdit::Backspace),
        Just(InputEdit::Delete),
        Just(InputEdit::Home),
        Just(InputEdit::End),
        Just(InputEdit::WordLeft),
        Just(InputEdit::WordRight),
        Just(InputEdit::DeleteWord),
        Just(InputEdit::DeleteWordForward),
        Just(InputEdit::DeleteToStart),
        Just(InputEdit::DeleteToEnd),
        Just(InputEdit::Undo),
        Just(InputEdit::Redo),
        Just(InputEdit::Yank),
        proptest::sample::select(PIECES)
            .prop_map(|p| InputEdit::Insert(p.chars().next().unwrap_or('a'))),
    ];
    prop_oneof![
        6 => edits.prop_map(Op::Edit),
        1 => proptest::sample::select(PIECES).prop_map(|p| Op::Paste(p.repeat(2))),
        1 => (prop_oneof![Just(-1isize), Just(1isize)], 1usize..12).prop_map(|(d, w)| Op::Vertical(d, w)),
    ]
}

fn boundaries(text: &str) -> Vec<usize> {
    text.grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn boundary_before(text: &str, at: usize) -> usize {
    boundaries(text)
        .into_iter()
        .rev()
        .find(|b| *b < at)
        .unwrap_or(0)
}

fn boundary_after(text: &str, at: usize) -> usize {
    boundaries(text)
        .into_iter()
        .find(|b| *b > at)
        .unwrap_or(text.len())
}

/// Checks one step against the oracle: (text, cursor) before and after `op`.
fn check(op: &Op, before: (&str, usize), after: (&str, usize)) -> Result<(), TestCaseError> {
    let (text, cursor) = before;
    let (new_text, new_cursor) = after;
    prop_assert!(
        boundaries(new_text).contains(&new_cursor),
        "after {op:?} the cursor {new_cursor} is inside a cluster of {new_text:?}"
    );
    match op {
        Op::Edit(InputEdit::Left) => {
            prop_assert_eq!(new_text, text);
            prop_assert_eq!(new_cursor, boundary_before(text, cursor));
        }
        Op::Edit(InputEdit::Right) => {
            prop_assert_eq!(new_text, text);
            prop_assert_eq!(new_cursor, boundary_after(text, cursor));
        }
        Op::Edit(InputEdit::Backspace) => {
            let start = boundary_before(text, cursor);
            let expected = format!("{}{}", &text[..start], &text[cursor..]);
            prop_assert_eq!(new_text, expected.as_str(), "one cluster removed");
            if boundaries(new_text).contains(&start) {
                prop_assert_eq!(new_cursor, start);
            }
        }
        Op::Edit(InputEdit::Delete) => {
            let end = boundary_after(text, cursor);
            let expected = format!("{}{}", &text[..cursor], &text[end..]);
            prop_assert_eq!(new_text, expected.as_str(), "one cluster removed");
            if boundaries(new_text).contains(&cursor) {
                prop_assert_eq!(new_cursor, cursor);
            }
        }
        _ => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_long_text_editor_moves_and_deletes_by_cluster(start in text(), ops in proptest::collection::vec(op(), 0..60)) {
        let mut e = Editor::new(start.clone());
        prop_assert!(boundaries(e.text()).contains(&e.cursor()));
        for op in &ops {
            let before = (e.text().to_string(), e.cursor());
            match op {
                Op::Edit(edit) => { let _ = e.apply(edit); }
                Op::Paste(p) => { let _ = e.paste(p); }
                Op::Vertical(delta, width) => { e.move_vertical(*delta, *width); }
            }
            check(op, (&before.0, before.1), (e.text(), e.cursor()))?;
            prop_assert!(!matches!(op, Op::Paste(_)) || !e.text().contains('\r') || before.0.contains('\r'),
                "a paste brings no CR");
        }
        // Every change can be taken back.
        while e.undo() {}
        prop_assert_eq!(e.text(), start.as_str());
    }

    #[test]
    fn one_line_fields_move_and_delete_by_cluster(start in text(), ops in proptest::collection::vec(op(), 0..60)) {
        let mut t = TextInput::new(start.clone());
        for op in &ops {
            let before = (t.text().to_string(), t.cursor());
            match op {
                Op::Edit(edit) => { t.apply(edit); }
                Op::Paste(p) => t.insert_str(p),
                Op::Vertical(..) => continue,
            }
            check(op, (&before.0, before.1), (t.text(), t.cursor()))?;
        }
        while t.undo() {}
        prop_assert_eq!(t.text(), start.as_str());
    }
}

#[test]
fn the_clusters_the_issue_named_go_whole() {
    for (text, what) in [
        ("🇫🇷", "a flag"),
        ("👍🏽", "a skin-toned thumb"),
        ("कि", "ka with the vowel sign i"),
        ("e\u{301}", "e with a combining accent"),
        ("\r\n", "CRLF"),
    ] {
        let mut t = TextInput::new(format!("x{text}"));
        t.apply(&InputEdit::Left);
        assert_eq!(t.cursor(), 1, "← steps over {what} at once");
        let mut t = TextInput::new(format!("x{text}"));
        t.apply(&InputEdit::Backspace);
        assert_eq!(t.text(), "x", "Backspace removes {what} whole");
    }
}
