//! The one text engine behind every field: a string and a cursor that moves and deletes by
//! what a person sees as one character (an extended grapheme cluster: 🇫🇷, 👍🏽, कि, e + ◌́),
//! words by Unicode word boundaries, undo and redo, pastes with their line breaks kept, a size
//! limit, and Up / Down by wrapped line. [`Editor`] is the long-text face of it (meeting notes,
//! reflections); [`super::input::TextInput`] is the one-line face, the same engine.

use std::cell::{Ref, RefCell};

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::input::InputEdit;
use crate::text::{WrapCache, WrappedLine, cluster_width, cursor_in};

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

/// Pasted or typed line ends made plain: CRLF and a lone CR (what terminals send for a
/// pasted newline) become LF.
pub fn plain_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunState {
    run: Run,
    /// Edits in the current undo step.
    count: usize,
}

/// A text being edited. The cursor is a byte index on a grapheme-cluster boundary.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    text: String,
    cursor: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    undo_bytes: usize,
    run: Option<RunState>,
    /// The column Up and Down aim for, kept across a run of vertical moves.
    goal: Option<usize>,
    /// What the last word or line deletion took, for Ctrl-Y (readline's kill and yank).
    killed: String,
    /// The text's wrapped lines from the last time they were asked for: drawing a frame then
    /// costs what the screen shows, not what the text holds.
    wrapped: RefCell<WrapCache>,
}

/// Two editors are equal when they hold the same text with the cursor at the same place;
/// the undo history is how they got there, not what they are.
impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.text == other.text && self.cursor == other.cursor
    }
}

impl Eq for Editor {}

/// The boundary after `at` (`at` itself at the end of the text).
fn next_boundary(text: &str, at: usize) -> usize {
    GraphemeCursor::new(at, text.len(), true)
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len())
}

/// The boundary before `at` (0 at the start of the text).
fn prev_boundary(text: &str, at: usize) -> usize {
    GraphemeCursor::new(at, text.len(), true)
        .prev_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(0)
}

fn is_boundary(text: &str, at: usize) -> bool {
    text.is_char_boundary(at)
        && GraphemeCursor::new(at, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true)
}

/// `at`, or the end of the cluster it falls inside (an insertion can join what follows it,
/// a deletion can join its two sides: 🇫 x 🇷 without the x is one flag).
fn snap_forward(text: &str, at: usize) -> usize {
    if is_boundary(text, at) {
        at
    } else {
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        next_boundary(text, at)
    }
}

fn snap_back(text: &str, at: usize) -> usize {
    if is_boundary(text, at) {
        at
    } else {
        let mut at = at;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        prev_boundary(text, at)
    }
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

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

    /// The text wrapped to `max` cells (what [`crate::text::wrap`] gives), kept until the
    /// text or the width changes; after an edit, only the lines around it are wrapped again.
    pub fn wrapped(&self, max: usize) -> Ref<'_, [WrappedLine]> {
        self.wrapped.borrow_mut().lines(&self.text, max);
        Ref::map(self.wrapped.borrow(), |c| c.kept_lines())
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
        self.goal = None;
        self.step_alone();
        self.text = text.to_string();
        self.cursor = self.text.len();
        Ok(true)
    }

    /// The start of the word before the cursor (Unicode word boundaries; spaces and
    /// punctuation between are passed over).
    fn word_left(&self) -> usize {
        let before = &self.text[..self.cursor];
        before
            .split_word_bound_indices()
            .rev()
            .find(|(_, s)| is_word(s))
            .map_or(0, |(i, _)| snap_back(&self.text, i))
    }

    /// The end of the word after the cursor.
    fn word_right(&self) -> usize {
        let after = &self.text[self.cursor..];
        after
            .split_word_bound_indices()
            .find(|(_, s)| is_word(s))
            .map_or(self.text.len(), |(i, s)| {
                snap_forward(&self.text, self.cursor + i + s.len())
            })
    }

    // A CR counts as a line end too: text from before line ends were made plain may hold
    // CRLF, and the cursor must not stop between its two halves.
    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| at + i)
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

    /// A change that is an undo step of its own.
    fn step_alone(&mut self) {
        self.end_run();
        self.checkpoint(Run::None);
        self.end_run();
    }

    fn end_run(&mut self) {
        self.run = None;
    }

    /// Removes `range` as one undo step (`run`: joined with neighbouring single deletions),
    /// leaving the cursor at its start.
    fn remove(&mut self, start: usize, end: usize, run: Run) -> bool {
        if start >= end {
            return false;
        }
        if run == Run::Deleting {
            self.checkpoint(Run::Deleting);
        } else {
            self.step_alone();
            self.killed = self.text[start..end].to_string();
        }
        self.text.replace_range(start..end, "");
        self.cursor = snap_back(&self.text, start);
        true
    }

    /// Applies one edit; returns whether the text changed, or why it was refused.
    pub fn apply(&mut self, edit: &InputEdit) -> Result<bool, EditorRefusal> {
        if !matches!(edit, InputEdit::Up | InputEdit::Down) {
            self.goal = None;
        }
        let moved_to = |e: &mut Editor, to: usize| {
            e.end_run();
            e.cursor = to;
            Ok(false)
        };
        match edit {
            InputEdit::Insert(c) => {
                let c = if *c == '\r' { '\n' } else { *c };
                let size = self.text.len() + c.len_utf8();
                if size > MAX_TEXT_BYTES {
                    return Err(EditorRefusal::TooLong { size });
                }
                // A space or a new line closes the word typed before it as one undo step.
                if c.is_whitespace() {
                    self.step_alone();
                } else {
                    self.checkpoint(Run::Typing);
                }
                self.text.insert(self.cursor, c);
                self.cursor = snap_forward(&self.text, self.cursor + c.len_utf8());
                Ok(true)
            }
            InputEdit::Backspace => {
                let start = prev_boundary(&self.text, self.cursor);
                Ok(self.remove(start, self.cursor, Run::Deleting))
            }
            InputEdit::Delete => {
                let end = next_boundary(&self.text, self.cursor);
                Ok(self.remove(self.cursor, end, Run::Deleting))
            }
            InputEdit::DeleteWord => Ok(self.remove(self.word_left(), self.cursor, Run::None)),
            InputEdit::DeleteWordForward => {
                Ok(self.remove(self.cursor, self.word_right(), Run::None))
            }
            InputEdit::DeleteToStart => {
                Ok(self.remove(self.line_start(self.cursor), self.cursor, Run::None))
            }
            InputEdit::DeleteToEnd => {
                Ok(self.remove(self.cursor, self.line_end(self.cursor), Run::None))
            }
            InputEdit::Left => moved_to(self, prev_boundary(&self.text, self.cursor)),
            InputEdit::Right => moved_to(self, next_boundary(&self.text, self.cursor)),
            InputEdit::WordLeft => moved_to(self, self.word_left()),
            InputEdit::WordRight => moved_to(self, self.word_right()),
            InputEdit::Home => moved_to(self, self.line_start(self.cursor)),
            InputEdit::End => moved_to(self, self.line_end(self.cursor)),
            InputEdit::Undo => Ok(self.undo()),
            InputEdit::Redo => Ok(self.redo()),
            InputEdit::Yank => {
                let killed = std::mem::take(&mut self.killed);
                let pasted = self.paste(&killed);
                self.killed = killed;
                pasted
            }
            // Vertical moves need the wrap width: see `move_vertical`.
            InputEdit::Up | InputEdit::Down => Ok(false),
        }
    }

    /// Inserts pasted text at the cursor as one undo step. Line ends become `\n` (terminals
    /// send a pasted newline as CR), tabs four spaces. Refused whole when the text would pass
    /// [`MAX_TEXT_BYTES`].
    pub fn paste(&mut self, pasted: &str) -> Result<bool, EditorRefusal> {
        // Cleaning can at most halve a paste (only "\r\n" shrinks): one that is far too long
        // is refused before any work on it, so a pasted 5 MB file does not hold up the screen.
        if self.text.len() + pasted.len() / 2 > MAX_TEXT_BYTES {
            return Err(EditorRefusal::TooLong {
                size: self.text.len() + pasted.len(),
            });
        }
        let clean = plain_line_ends(pasted).replace('\t', "    ");
        if clean.is_empty() {
            return Ok(false);
        }
        let size = self.text.len() + clean.len();
        if size > MAX_TEXT_BYTES {
            return Err(EditorRefusal::TooLong { size });
        }
        self.goal = None;
        self.step_alone();
        self.text.insert_str(self.cursor, &clean);
        self.cursor = snap_forward(&self.text, self.cursor + clean.len());
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
        self.cursor = snap_back(&self.text, snap.cursor.min(self.text.len()));
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
        self.cursor = snap_back(&self.text, snap.cursor.min(self.text.len()));
        self.end_run();
        true
    }

    /// Moves up (`delta` < 0) or down one wrapped line at `width` columns, aiming for the
    /// same column. Returns false when already on the first (or last) line, so the caller
    /// can move to the field above (or below).
    pub fn move_vertical(&mut self, delta: isize, width: usize) -> bool {
        self.end_run();
        // What the move needs from the wrapped lines: the column, the line aimed at, and
        // whether a line follows it.
        let (col, line, more) = {
            let lines = self.wrapped(width);
            let (row, col) = cursor_in(&self.text, &lines, self.cursor, width);
            let target = usize::try_from(row as isize + delta).ok();
            let line = target.and_then(|t| lines.get(t).copied());
            let more = target.is_some_and(|t| t + 1 < lines.len());
            (col, line, more)
        };
        let goal = *self.goal.get_or_insert(col);
        let Some(line) = line else {
            return false;
        };
        let mut used = 0;
        let mut pos = line.start;
        for (i, g) in self.text[line.start..line.end].grapheme_indices(true) {
            let w = cluster_width(g);
            if used + w > goal {
                break;
            }
            used += w;
            pos = line.start + i + g.len();
            if used == goal {
                break;
            }
        }
        let mut pos = snap_forward(&self.text, pos);
        // A hanging space at a wrap belongs to the line above; stay before it.
        if pos > line.start
            && pos == line.end
            && !line.hard
            && more
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
    use crate::text::wrap;
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
        // e + combining acute, then a woman-technologist emoji joined by a ZWJ, then CJK.
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
    fn flags_skin_tones_and_devanagari_are_one_step_each() {
        let mut e = Editor::new("🇫🇷👍🏽कि");
        e.apply(&InputEdit::Backspace).unwrap();
        assert_eq!(e.text(), "🇫🇷👍🏽", "कि (ka + vowel sign i) goes whole");
        e.apply(&InputEdit::Left).unwrap();
        assert_eq!(e.cursor(), "🇫🇷".len(), "👍🏽 is one step");
        e.apply(&InputEdit::Backspace).unwrap();
        assert_eq!(e.text(), "👍🏽", "the flag goes whole");
        // Typing a regional indicator before a flag makes a new pair: the cursor stays on a
        // boundary, after it.
        e.apply(&InputEdit::Home).unwrap();
        e.apply(&InputEdit::Insert('🇩')).unwrap();
        assert!(is_boundary(e.text(), e.cursor()));
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
    fn line_keys_work_on_the_current_line() {
        let mut e = Editor::new("first\nsecond line");
        e.apply(&InputEdit::Home).unwrap();
        assert_eq!(e.cursor(), 6);
        e.apply(&InputEdit::DeleteToEnd).unwrap();
        assert_eq!(e.text(), "first\n", "Ctrl-K keeps the line above");
        e.apply(&InputEdit::Undo).unwrap();
        e.apply(&InputEdit::End).unwrap();
        e.apply(&InputEdit::DeleteToStart).unwrap();
        assert_eq!(e.text(), "first\n");
        e.apply(&InputEdit::WordLeft).unwrap();
        assert_eq!(e.cursor(), 0);
        e.apply(&InputEdit::WordRight).unwrap();
        assert_eq!(e.cursor(), 5);
    }

    #[test]
    fn words_follow_unicode_word_boundaries() {
        let mut e = Editor::new("grow, my network…  ");
        assert!(e.apply(&InputEdit::DeleteWord).unwrap());
        assert_eq!(e.text(), "grow, my ");
        e.apply(&InputEdit::WordLeft).unwrap();
        e.apply(&InputEdit::WordLeft).unwrap();
        assert_eq!(e.cursor(), 0);
        assert!(e.apply(&InputEdit::DeleteWordForward).unwrap());
        assert_eq!(e.text(), ", my ", "Alt-D deletes to the end of the word");
        e.apply(&InputEdit::WordRight).unwrap();
        assert_eq!(e.cursor(), 4, "to the end of 'my', past the comma");
    }

    #[test]
    fn ctrl_y_puts_back_what_a_word_or_line_deletion_took() {
        let mut e = Editor::new("grow my network");
        e.apply(&InputEdit::DeleteWord).unwrap();
        e.apply(&InputEdit::Home).unwrap();
        assert!(e.apply(&InputEdit::Yank).unwrap());
        assert_eq!(e.text(), "networkgrow my ");
        e.apply(&InputEdit::Backspace).unwrap();
        assert!(
            e.apply(&InputEdit::Yank).unwrap(),
            "a single Backspace is not kept"
        );
        assert_eq!(e.text(), "networnetworkgrow my ");
        e.apply(&InputEdit::Undo).unwrap();
        assert_eq!(e.text(), "networgrow my ", "a yank is one undo step");
    }

    #[test]
    fn undo_and_redo_are_edits_too() {
        let mut e = typed("plan");
        assert!(e.apply(&InputEdit::Undo).unwrap());
        assert_eq!(e.text(), "");
        assert!(e.apply(&InputEdit::Redo).unwrap());
        assert_eq!(e.text(), "plan");
        assert!(!e.apply(&InputEdit::Redo).unwrap());
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
            for (op, c) in ops {
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
                prop_assert!(is_boundary(e.text(), e.cursor()));
                let lines = wrap(e.text(), width);
                // The kept lines, wrapped again only around each edit, are the lines the
                // whole text wraps to.
                prop_assert_eq!(&*e.wrapped(width), &lines[..]);
                let (row, _) = cursor_in(e.text(), &lines, e.cursor(), width);
                prop_assert!(row <= lines.len());
            }
            // Undoing everything always returns to the empty text.
            while e.undo() {}
            prop_assert_eq!(e.text(), "");
        }
    }
}
