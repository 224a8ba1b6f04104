//! The editing keys of every text field: the table is `config::edit_table` (so the config's
//! clash check sees it); here its named edits become the field's edits.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, InputEdit};
pub use crate::config::edit_table::{Chord, EditKey, Row, TABLE, help_rows};

/// The field's edit for an edit of the table.
pub fn edit(key: EditKey) -> InputEdit {
    match key {
        EditKey::Left => InputEdit::Left,
        EditKey::Right => InputEdit::Right,
        EditKey::WordLeft => InputEdit::WordLeft,
        EditKey::WordRight => InputEdit::WordRight,
        EditKey::Home => InputEdit::Home,
        EditKey::End => InputEdit::End,
        EditKey::Backspace => InputEdit::Backspace,
        EditKey::Delete => InputEdit::Delete,
        EditKey::DeleteWord => InputEdit::DeleteWord,
        EditKey::DeleteWordForward => InputEdit::DeleteWordForward,
        EditKey::DeleteToStart => InputEdit::DeleteToStart,
        EditKey::DeleteToEnd => InputEdit::DeleteToEnd,
        EditKey::Yank => InputEdit::Yank,
        EditKey::Undo => InputEdit::Undo,
        EditKey::Redo => InputEdit::Redo,
        EditKey::NewLine => InputEdit::Insert('\n'),
    }
}

/// The first key listed for an edit ("Ctrl-_" for undo), for hints and messages.
pub fn label(edit_: &InputEdit) -> String {
    TABLE
        .iter()
        .flat_map(|r| r.edits.iter())
        .find(|(e, _)| edit(*e) == *edit_)
        .map_or_else(String::new, |(e, _)| crate::config::edit_table::label(*e))
}

/// The edit a key makes in a text field (`long`: a multi-line text), or None for keys that
/// are not editing (Tab, Esc, ↑ ↓, Enter in a one-line field: the form decides).
pub fn map(long: bool, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for row in TABLE.iter().filter(|r| long || !r.long_only) {
        for (e, chords) in row.edits {
            if chords.iter().any(|c| c.matches(&key)) {
                return Some(Action::Edit(edit(*e)));
            }
        }
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if !ctrl && !alt => Some(Action::Edit(InputEdit::Insert(c))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(c: char) -> KeyCode {
        KeyCode::Char(c)
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_does_two_things() {
        let all: Vec<(Chord, &EditKey)> = TABLE
            .iter()
            .flat_map(|r| r.edits.iter())
            .flat_map(|(e, chords)| chords.iter().map(move |c| (*c, e)))
            .collect();
        for (i, (a, _)) in all.iter().enumerate() {
            for (b, _) in &all[i + 1..] {
                assert!(
                    !(a.code == b.code && a.ctrl == b.ctrl && a.alt == b.alt),
                    "{} is bound twice",
                    a.label()
                );
            }
        }
    }

    #[test]
    fn the_readline_keys_edit_in_every_field() {
        use KeyModifiers as M;
        for long in [false, true] {
            let edit = |code, m| map(long, press(code, m));
            assert_eq!(
                edit(ch('u'), M::CONTROL),
                Some(Action::Edit(InputEdit::DeleteToStart))
            );
            assert_eq!(
                edit(ch('k'), M::CONTROL),
                Some(Action::Edit(InputEdit::DeleteToEnd))
            );
            assert_eq!(
                edit(ch('7'), M::CONTROL),
                Some(Action::Edit(InputEdit::Undo)),
                "Ctrl-_ as a terminal sends it"
            );
            assert_eq!(
                edit(ch('_'), M::ALT | M::SHIFT),
                Some(Action::Edit(InputEdit::Redo))
            );
            assert_eq!(
                edit(KeyCode::Backspace, M::ALT),
                Some(Action::Edit(InputEdit::DeleteWord))
            );
            assert_eq!(
                edit(ch('D'), M::ALT | M::SHIFT),
                Some(Action::Edit(InputEdit::DeleteWordForward))
            );
            assert_eq!(
                edit(ch('Q'), M::SHIFT),
                Some(Action::Edit(InputEdit::Insert('Q')))
            );
            assert_eq!(edit(KeyCode::Tab, M::NONE), None, "Tab moves on");
            assert_eq!(edit(ch('z'), M::CONTROL), None, "Ctrl-Z stays suspend");
        }
        assert_eq!(
            map(true, press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Edit(InputEdit::Insert('\n')))
        );
        assert_eq!(
            map(false, press(KeyCode::Enter, KeyModifiers::NONE)),
            None,
            "Enter in a one-line field is the form's"
        );
    }

    #[test]
    fn the_help_lists_every_shown_key() {
        let short = help_rows(false);
        let long = help_rows(true);
        assert_eq!(long.len(), short.len() + 1);
        let text: String = long.iter().map(|(k, w)| format!("{k} {w}\n")).collect();
        for row in TABLE {
            for (_, chords) in row.edits {
                for c in chords.iter().filter(|c| c.shown) {
                    let name = c.label();
                    let key = name.rsplit('-').next().unwrap_or(&name);
                    assert!(text.contains(key), "{name} missing:\n{text}");
                }
            }
        }
        assert!(text.contains("Ctrl-B/F a character left / right"), "{text}");
        assert!(
            text.contains("Alt-B/F  Ctrl-←/→ a word left / right"),
            "{text}"
        );
        assert!(text.contains("Ctrl-_/Alt-_ undo / redo"), "{text}");
        assert!(!short.iter().any(|(k, _)| k.contains("Enter")));
    }
}
