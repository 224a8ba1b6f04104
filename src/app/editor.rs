//! The multi-line editor of long texts (meeting notes, reflections): soft wrap, undo and
//! redo, pastes, and a cursor that moves by what a person sees as one character (a base
//! character with its combining marks, an emoji joined with zero-width joiners).

use unicode_width::UnicodeWidthChar;

use super::input::InputEdit;
use crate::text::{cursor_in, wrap};

/// The largest text one entry holds: 1 MiB, the same limit as `mentorlog reflect`.
/// A paste that would go past it is refused whole, with a message; nothing is cut.
pub use crate::domain::MAX_TEXT_BYTES;

/// How many bytes of undo history are kept; the oldest steps go first.
const UNDO_BUDGET: usize = 32 << 20;

/// A refused change, with the reason to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorRefusal {
    /// The text would pass [`MAX_TEXT_BYTES`]; `size` is what it would have been.
    TooLong { size: usize },
}

impl EditorRefusal {
    pub fn message(&self) -> String {
        match self {
            EditorRefusal::TooLong { size } => format!(
                "Not pasted: the text would be {}, and one entry holds at most {}. \
                 Nothing was changed; paste a shorter part, or keep long documents in a file and link them.",
                human_size(*size),
                human_size(MAX_TEXT_BYTES)
            ),
        }
    }
}

/// "1.0 MiB", "312 KiB", "80 bytes".
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else if bytes >= 1 << 10 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    None,
    Typing,
    Deleting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    text: String,
    cursor: usize,
}

/// A long text being edited. The cursor is a byte index on a character boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    cursor: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    undo_bytes: usize,
    run: Option<RunState>,
    /// The column Up and Down aim for, kept across a run of vertical moves.
    goal: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunState {
    run: Run,
    /// Edits in the current undo step.
    count: usize,
}

/// Zero-width characters that belong to the character before them: combining marks,
/// variation selectors, zero-width joiners.
fn joins_previous(c: char) -> bool {
    !c.is_control() && c.width() == Some(0)
}

const ZWJ: char = '\u{200D}';

impl Editor {
    pub fn new(text: impl Into<String>) -> Editor {
        let text = text.into();
        Editor {
            cursor: text.len(),
            text,
            ..Editor::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Replaces the whole text as one undoable step (the external editor's result).
    pub fn replace_all(&mut self, text: &str) -> Result<bool, EditorRefusal> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(EditorRefusal::TooLong { size: text.len() });
        }
        if text == self.text {
            return Ok(false);
        }
        self.checkpoint(Run::None);
        self.text = text.to_string();
        self.cursor = self.text.len();
        Ok(true)
    }

    /// The start of the character cluster that ends at `at`.
    fn cluster_start(&self, at: usize) -> usize {
        let mut i = at;
        let before = &self.text[..at];
        let mut chars = before.char_indices().rev().peekable();
        while let Some((idx, c)) = chars.next() {
            i = idx;
            let joined_to_previous =
                joins_previous(c) || chars.peek().is_some_and(|(_, p)| *p == ZWJ) || c == ZWJ;
            if !joined_to_previous {
                break;
            }
        }
        i
    }

    /// The end of the character cluster that starts at `at`.
    fn cluster_end(&self, at: usize) -> usize {
        let mut chars = self.text[at..].char_indices();
        let Some((_, first)) = chars.next() else {
            return at;
        };
        let mut end = at + first.len_utf8();
        let mut prev = first;
        for (i, c) in chars {
            if joins_previous(c) || prev == ZWJ {
                end = at + i + c.len_utf8();
                prev = c;
            } else {
                break;
            }
        }
        end
    }

    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skip_space = after.len() - after.trim_start().len();
        let rest = &after[skip_space..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.cursor + skip_space + word
    }

    /// Saves the state before a change, starting a new undo step unless the change continues
    /// the current run of typing or deleting.
    fn checkpoint(&mut self, run: Run) {
        self.redo.clear();
        let continues = self
            .run
            .is_some_and(|r| r.run == run && run != Run::None && r.count < 40);
        if continues {
            if let Some(r) = &mut self.run {
                r.count += 1;
            }
            return;
        }
        let snap = Snapshot {
            text: self.text.clone(),
            cursor: self.cursor,
        };
        self.undo_bytes += snap.text.len();
        self.undo.push(snap);
        while self.undo_bytes > UNDO_BUDGET && self.undo.len() > 1 {
            let old = self.undo.remove(0);
            self.undo_bytes -= old.text.len();
        }
        self.run = Some(RunState { run, count: 1 });
    }

    fn end_run(&mut self) {
        self.run = None;
    }

    /// Applies one edit; returns whether the text changed, or why it was refused.
    pub fn apply(&mut self, edit: &InputEdit) -> Result<bool, EditorRefusal> {
        if !matches!(edit, InputEdit::Up | InputEdit::Down) {
            self.goal = None;
        }
        match edit {
            InputEdit::Insert(c) => {
                if self.text.len() + c.len_utf8() > MAX_TEXT_BYTES {
                    return Err(EditorRefusal::TooLong {
                        size: self.text.len() + c.len_utf8(),
                    });
                }
                // A space or a new line closes the word typed before it as one undo step.
                if c.is_whitespace() {
                    self.end_run();
                    self.checkpoint(Run::None);
                    self.end_run();
                } else {
                    self.checkpoint(Run::Typing);
                }
                self.text.insert(self.cursor, *c);
                self.cursor += c.len_utf8();
                Ok(true)
            }
            InputEdit::Backspace => {
                if self.cursor == 0 {
                    return Ok(false);
                }
                let start = self.cluster_start(self.cursor);
                self.checkpoint(Run::Deleting);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Ok(true)
            }
            InputEdit::Delete => {
                if self.cursor >= self.text.len() {
                    return Ok(false);
                }
                let end = self.cluster_end(self.cursor);
                self.checkpoint(Run::Deleting);
                self.text.replace_range(self.cursor..end, "");
                Ok(true)
            }
            InputEdit::DeleteWord => {
                let start = self.word_left();
                if start == self.cursor {
                    return Ok(false);
                }
                self.end_run();
                self.checkpoint(Run::None);
                self.end_run();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Ok(true)
            }
            InputEdit::DeleteToStart => {
                let start = self.line_start(self.cursor);
                if start == self.cursor {
                    return Ok(false);
                }
                self.end_run();
                self.checkpoint(Run::None);
                self.end_run();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Ok(true)
            }
            InputEdit::Left => {
                self.end_run();
                if self.cursor > 0 {
                    self.cursor = self.cluster_start(self.cursor);
                }
                Ok(false)
            }
            InputEdit::Right => {
                self.end_run();
                self.cursor = self.cluster_end(self.cursor);
                Ok(false)
            }
            InputEdit::WordLeft => {
                self.end_run();
                self.cursor = self.word_left();
                Ok(false)
            }
            InputEdit::WordRight => {
                self.end_run();
                self.cursor = self.word_right();
                Ok(false)
            }
            InputEdit::Home => {
                self.end_run();
                self.cursor = self.line_start(self.cursor);
                Ok(false)
            }
            InputEdit::End => {
                self.end_run();
                self.cursor = self.text[self.cursor..]
                    .find('\n')
                    .map_or(self.text.len(), |i| self.cursor + i);
                Ok(false)
            }
            // Vertical moves need the wrap width: see `move_vertical`.
            InputEdit::Up | InputEdit::Down => Ok(false),
        }
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Inserts pasted text at the cursor as one undo step. Line ends become `\n`, tabs four
    /// spaces. Refused whole when the text would pass [`MAX_TEXT_BYTES`].
    pub fn paste(&mut self, pasted: &str) -> Result<bool, EditorRefusal> {
        // Cleaning can at most halve a paste (only "\r\n" shrinks): one that is far too long
        // is refused before any work on it, so a pasted 5 MB file does not hold up the screen.
        if self.text.len() + pasted.len() / 2 > MAX_TEXT_BYTES {
            return Err(EditorRefusal::TooLong {
                size: self.text.len() + pasted.len(),
            });
        }
        let clean = pasted
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ");
        if clean.is_empty() {
            return Ok(false);
        }
        let size = self.text.len() + clean.len();
        if size > MAX_TEXT_BYTES {
            return Err(EditorRefusal::TooLong { size });
        }
        self.goal = None;
        self.end_run();
        self.checkpoint(Run::None);
        self.end_run();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        Ok(true)
    }

    pub fn undo(&mut self) -> bool {
        let Some(snap) = self.undo.pop() else {
            return false;
        };
        self.undo_bytes -= snap.text.len();
        self.redo.push(Snapshot {
            text: std::mem::replace(&mut self.text, snap.text),
            cursor: self.cursor,
        });
        self.cursor = snap.cursor.min(self.text.len());
        self.end_run();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(snap) = self.redo.pop() else {
            return false;
        };
        let current = Snapshot {
            text: std::mem::replace(&mut self.text, snap.text),
            cursor: self.cursor,
        };
        self.undo_bytes += current.text.len();
        self.undo.push(current);
        self.cursor = snap.cursor.min(self.text.len());
        self.end_run();
        true
    }

    /// Moves up (`delta` < 0) or down one wrapped line at `width` columns, aiming for the
    /// same column. Returns false when already on the first (or last) line, so the caller
    /// can move to the field above (or below).
    pub fn move_vertical(&mut self, delta: isize, width: usize) -> bool {
        self.end_run();
        let lines = wrap(&self.text, width);
        let (row, col) = cursor_in(&self.text, &lines, self.cursor, width);
        let goal = *self.goal.get_or_insert(col);
        let target = row as isize + delta;
        if target < 0 || target as usize >= lines.len() {
            return false;
        }
        let line = lines[target as usize];
        let mut used = 0;
        let mut pos = line.start;
        for (i, c) in self.text[line.start..line.end].char_indices() {
            let w = crate::text::cell_width(c);
            if used + w > goal {
                break;
            }
            used += w;
            pos = line.start + i + c.len_utf8();
            if used == goal {
                break;
            }
        }
        // Never stop inside a cluster.
        while pos < self.text.len() && self.text[pos..].chars().next().is_some_and(joins_previous) {
            pos = self.cluster_end(pos);
        }
        // A hanging space at a wrap belongs to the line above; stay before it.
        if pos > line.start
            && pos == line.end
            && !line.hard
            && target as usize + 1 < lines.len()
            && self.text[..pos].ends_with(' ')
        {
            pos -= 1;
        }
        self.cursor = pos;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(text: &str) -> Editor {
        let mut e = Editor::default();
        for c in text.chars() {
            e.apply(&InputEdit::Insert(c)).unwrap();
        }
        e
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time_and_redo_brings_it_back() {
        let mut e = typed("grow my network");
        assert!(e.undo());
        assert_eq!(e.text(), "grow my ");
        assert!(e.undo());
        assert_eq!(e.text(), "grow my");
        e.undo();
        e.undo();
        assert_eq!(e.text(), "grow");
        assert!(e.redo());
        assert!(e.redo());
        assert_eq!(e.text(), "grow my");
        e.apply(&InputEdit::Insert('!')).unwrap();
        assert!(!e.redo(), "typing clears the redo history");
        while e.undo() {}
        assert_eq!(e.text(), "");
    }

    #[test]
    fn a_paste_is_one_undo_step_with_line_ends_made_plain() {
        let mut e = Editor::new("a");
        e.paste("b\r\nc\rd\te").unwrap();
        assert_eq!(e.text(), "ab\nc\nd    e");
        e.undo();
        assert_eq!(e.text(), "a");
        assert_eq!(e.cursor(), 1);
    }

    #[test]
    fn clusters_move_and_delete_as_one() {
        // e + combining acute, then a family emoji joined by ZWJs, then a wide CJK char.
        let text = "e\u{301}👩\u{200D}💻世";
        let mut e = Editor::new(text);
        e.apply(&InputEdit::Left).unwrap();
        assert_eq!(e.cursor(), text.len() - '世'.len_utf8());
        e.apply(&InputEdit::Left).unwrap();
        assert_eq!(e.cursor(), 3, "the whole emoji sequence is one step");
        e.apply(&InputEdit::Backspace).unwrap();
        assert_eq!(e.text(), "👩\u{200D}💻世", "e and its accent go together");
        e.apply(&InputEdit::Delete).unwrap();
        assert_eq!(e.text(), "世");
    }

    #[test]
    fn vertical_moves_follow_the_soft_wrap() {
        let mut e = Editor::new("grow my network today");
        // wrapped at 8: "grow my " / "network " / "today"
        e.apply(&InputEdit::Home).unwrap();
        e.apply(&InputEdit::Right).unwrap();
        e.apply(&InputEdit::Right).unwrap();
        assert!(e.move_vertical(1, 8));
        assert_eq!(e.cursor(), 10, "two columns into 'network'");
        assert!(e.move_vertical(1, 8));
        assert_eq!(&e.text()[e.cursor()..], "day");
        assert!(!e.move_vertical(1, 8), "the last line reports the edge");
        assert!(e.move_vertical(-2, 8));
        assert_eq!(e.cursor(), 2);
    }

    #[test]
    fn pastes_past_the_limit_are_refused_whole() {
        let mut e = Editor::new("keep me");
        let big = "x".repeat(5 * 1024 * 1024);
        let err = e.paste(&big).unwrap_err();
        assert_eq!(e.text(), "keep me");
        assert!(err.message().contains("5.0 MiB"), "{}", err.message());
        assert!(err.message().contains("1.0 MiB"));
        let fits = "y".repeat(MAX_TEXT_BYTES - e.text().len());
        assert!(e.paste(&fits).unwrap());
        assert!(e.apply(&InputEdit::Insert('z')).is_err());
    }

    #[test]
    fn home_end_and_delete_to_start_work_on_the_current_line() {
        let mut e = Editor::new("first\nsecond line");
        e.apply(&InputEdit::Home).unwrap();
        assert_eq!(e.cursor(), 6);
        e.apply(&InputEdit::End).unwrap();
        e.apply(&InputEdit::DeleteToStart).unwrap();
        assert_eq!(e.text(), "first\n");
        e.apply(&InputEdit::WordLeft).unwrap();
        assert_eq!(e.cursor(), 0);
        e.apply(&InputEdit::WordRight).unwrap();
        assert_eq!(e.cursor(), 5);
    }

    fn edit_strategy() -> impl Strategy<Value = (u8, char)> {
        (
            0u8..16,
            prop_oneof![
                Just('a'),
                Just(' '),
                Just('\n'),
                Just('世'),
                Just('\u{301}'),
                Just('\u{200D}'),
                Just('👩'),
                Just('\x1b'),
            ],
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn random_keys_keep_the_editor_consistent(ops in proptest::collection::vec(edit_strategy(), 0..120), width in 1usize..30) {
            let mut e = Editor::default();
            let mut history = vec![String::new()];
            for (op, c) in ops {
                let before = e.text().to_string();
                match op {
                    0..=5 => { e.apply(&InputEdit::Insert(c)).unwrap(); }
                    6 => { e.apply(&InputEdit::Backspace).unwrap(); }
                    7 => { e.apply(&InputEdit::Delete).unwrap(); }
                    8 => { e.apply(&InputEdit::Left).unwrap(); }
                    9 => { e.apply(&InputEdit::Right).unwrap(); }
                    10 => { e.move_vertical(-1, width); }
                    11 => { e.move_vertical(1, width); }
                    12 => { e.undo(); }
                    13 => { e.redo(); }
                    14 => { e.paste(&format!("{c}{c}\r\n")).unwrap(); }
                    _ => { e.apply(&InputEdit::DeleteWord).unwrap(); }
                }
                prop_assert!(e.text().is_char_boundary(e.cursor()));
                prop_assert!(e.cursor() <= e.text().len());
                if e.text() != before && op != 12 && op != 13 {
                    history.push(e.text().to_string());
                }
                let lines = wrap(e.text(), width);
                let (row, _) = cursor_in(e.text(), &lines, e.cursor(), width);
                prop_assert!(row <= lines.len());
            }
            // Undoing everything always returns to the empty text.
            while e.undo() {}
            prop_assert_eq!(e.text(), "");
        }
    }
}
