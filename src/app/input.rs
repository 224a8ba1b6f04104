//! A text field: a string and a cursor, edited by [`InputEdit`]s.

/// One edit of a text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputEdit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWord,
    /// Ctrl-U: delete everything before the cursor (in a long text, to the line start).
    DeleteToStart,
    /// Ctrl-← / Alt-b: to the start of the word before the cursor.
    WordLeft,
    /// Ctrl-→ / Alt-f: to the end of the word after the cursor.
    WordRight,
    /// Up and Down inside a long text (a one-line field ignores them).
    Up,
    Down,
}

/// Text being typed. The cursor is a byte index on a character boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.len();
        TextInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Applies one edit; returns whether the text changed.
    pub fn apply(&mut self, edit: &InputEdit) -> bool {
        match edit {
            InputEdit::Insert(c) => {
                self.text.insert(self.cursor, *c);
                self.cursor += c.len_utf8();
                true
            }
            InputEdit::Backspace => match self.text[..self.cursor].chars().next_back() {
                Some(c) => {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                    true
                }
                None => false,
            },
            InputEdit::Delete => {
                if self.cursor < self.text.len() {
                    self.text.remove(self.cursor);
                    true
                } else {
                    false
                }
            }
            InputEdit::Left => {
                if let Some(c) = self.text[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
                false
            }
            InputEdit::Right => {
                if let Some(c) = self.text[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                false
            }
            InputEdit::Home => {
                self.cursor = 0;
                false
            }
            InputEdit::End => {
                self.cursor = self.text.len();
                false
            }
            InputEdit::DeleteWord => {
                let before = &self.text[..self.cursor];
                let trimmed = before.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                if start == self.cursor {
                    return false;
                }
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                true
            }
            InputEdit::WordLeft => {
                let trimmed = self.text[..self.cursor].trim_end();
                self.cursor = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                false
            }
            InputEdit::WordRight => {
                let after = &self.text[self.cursor..];
                let skip = after.len() - after.trim_start().len();
                let rest = &after[skip..];
                self.cursor += skip + rest.find(char::is_whitespace).unwrap_or(rest.len());
                false
            }
            InputEdit::Up | InputEdit::Down => false,
            InputEdit::DeleteToStart => {
                if self.cursor == 0 {
                    return false;
                }
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
                true
            }
        }
    }

    /// Inserts pasted text at the cursor (carriage returns dropped).
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s.chars().filter(|c| *c != '\r').collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }
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
        t.insert_str(" a\r\nb");
        assert_eq!(t.text(), "h世l a\nb");
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
}
