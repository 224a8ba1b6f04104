//! The edits every text field understands, and [`TextInput`]: a field's text and cursor,
//! the same engine as the long-text [`Editor`] (clusters, words, undo and redo), with the
//! plain `bool` answers short fields need.

use super::editor::{Editor, EditorRefusal, plain_line_ends};

/// One edit of a text field. The keys that make them are in `edit_keys`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputEdit {
    Insert(char),
    /// Delete the character (grapheme cluster) before the cursor.
    Backspace,
    /// Delete the character after the cursor.
    Delete,
    Left,
    Right,
    /// To the start of the line.
    Home,
    /// To the end of the line.
    End,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete to the end of the word after the cursor.
    DeleteWordForward,
    /// Delete from the start of the line to the cursor.
    DeleteToStart,
    /// Delete from the cursor to the end of the line.
    DeleteToEnd,
    /// To the start of the word before the cursor.
    WordLeft,
    /// To the end of the word after the cursor.
    WordRight,
    /// Up and Down inside a long text (a one-line field ignores them).
    Up,
    Down,
    /// Take back the last change (a word of typing, a deletion, a paste).
    Undo,
    /// Bring back what Undo took.
    Redo,
    /// Insert what the last word or line deletion took (readline's yank).
    Yank,
}

/// Text being typed in a field. The cursor is a byte index on a grapheme-cluster boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    engine: Editor,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        TextInput {
            engine: Editor::new(text),
        }
    }

    pub fn text(&self) -> &str {
        self.engine.text()
    }

    pub fn cursor(&self) -> usize {
        self.engine.cursor()
    }

    pub fn is_empty(&self) -> bool {
        self.engine.is_blank()
    }

    /// Applies one edit; returns whether the text changed (an edit past the size limit
    /// changes nothing).
    pub fn apply(&mut self, edit: &InputEdit) -> bool {
        self.engine.apply(edit).unwrap_or(false)
    }

    /// Inserts pasted text at the cursor as one undo step; CR and CRLF become LF.
    pub fn insert_str(&mut self, s: &str) {
        self.paste(s);
    }

    /// Like [`TextInput::insert_str`]; returns whether anything was inserted.
    pub fn paste(&mut self, s: &str) -> bool {
        self.engine.paste(s).unwrap_or(false)
    }

    pub fn undo(&mut self) -> bool {
        self.engine.undo()
    }

    pub fn redo(&mut self) -> bool {
        self.engine.redo()
    }

    pub fn is_blank(&self) -> bool {
        self.engine.is_blank()
    }

    pub fn can_undo(&self) -> bool {
        self.engine.can_undo()
    }

    /// Replaces the whole text as one undoable step.
    pub fn replace_all(&mut self, text: &str) -> Result<bool, EditorRefusal> {
        self.engine.replace_all(text)
    }

    /// Up or Down by wrapped line at `width` cells; false at the first (last) line.
    pub fn move_vertical(&mut self, delta: isize, width: usize) -> bool {
        self.engine.move_vertical(delta, width)
    }

    /// The engine itself, with the long-text answers (refusals as values).
    pub fn editor(&self) -> &Editor {
        &self.engine
    }

    pub fn into_editor(self) -> Editor {
        self.engine
    }
}

impl From<Editor> for TextInput {
    fn from(engine: Editor) -> TextInput {
        TextInput { engine }
    }
}

impl From<TextInput> for Editor {
    fn from(input: TextInput) -> Editor {
        input.engine
    }
}

/// Pasted text for a one-line field: each line break (CRLF, CR or LF) and tab becomes one
/// space, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    plain_line_ends(text)
        .replace(['\n', '\t'], " ")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_respect_multibyte_characters() {
        let mut t = TextInput::new("héllo");
        t.apply(&InputEdit::Backspace);
        assert_eq!(t.text(), "héll");
        t.apply(&InputEdit::Home);
        t.apply(&InputEdit::Right);
        t.apply(&InputEdit::Right);
        t.apply(&InputEdit::Backspace);
        assert_eq!(t.text(), "hll");
        t.apply(&InputEdit::Insert('世'));
        assert_eq!(t.text(), "h世ll");
        t.apply(&InputEdit::Delete);
        assert_eq!(t.text(), "h世l");
        t.apply(&InputEdit::End);
        t.insert_str(" a\r\nb\rc");
        assert_eq!(
            t.text(),
            "h世l a\nb\nc",
            "pasted line breaks are kept as LF"
        );
    }

    #[test]
    fn word_and_line_deletion() {
        let mut t = TextInput::new("grow my network  ");
        assert!(t.apply(&InputEdit::DeleteWord));
        assert_eq!(t.text(), "grow my ");
        assert!(t.apply(&InputEdit::DeleteToStart));
        assert_eq!(t.text(), "");
        assert!(!t.apply(&InputEdit::Backspace));
    }

    #[test]
    fn one_line_fields_undo_too() {
        let mut t = TextInput::new("Sam");
        t.apply(&InputEdit::DeleteToStart);
        assert_eq!(t.text(), "");
        assert!(t.apply(&InputEdit::Undo));
        assert_eq!(t.text(), "Sam");
        assert!(t.apply(&InputEdit::Redo));
        assert_eq!(t.text(), "");
    }

    #[test]
    fn a_pasted_line_break_is_one_space_on_one_line() {
        assert_eq!(one_line("a\rb\r\nc\n"), "a b c");
    }
}
