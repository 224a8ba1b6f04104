//! The editing keys of every text field, one-line and long, as one table: the keys a terminal
//! user knows from readline and emacs (bash, zsh, Python's prompt). The same table maps keys
//! to edits and writes the help, so the two cannot disagree.
//!
//! Undo is Ctrl-_ (readline's undo; terminals send the same byte for Ctrl-/ and Ctrl-7), since
//! Ctrl-Z suspends. Redo is Alt-_ (emacs pairs undo and redo on the same key) or Ctrl-R;
//! Ctrl-Y is not redo: readline users expect it to put back what Ctrl-K, Ctrl-U or Ctrl-W took.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, InputEdit};

/// A key with the modifiers that matter (Ctrl, Alt); Shift is part of the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    /// Listed in the help. Keys that go without saying (arrows, Home, End, Backspace, Delete)
    /// and the same key as some terminals send it (Ctrl-H, Ctrl-7) work but are not listed,
    /// so the help stays short; the README lists them all.
    pub shown: bool,
}

const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        ctrl: false,
        alt: false,
        shown: true,
    }
}

const fn ctrl(code: KeyCode) -> Chord {
    Chord {
        ctrl: true,
        ..key(code)
    }
}

const fn alt(code: KeyCode) -> Chord {
    Chord {
        alt: true,
        ..key(code)
    }
}

const fn unlisted(chord: Chord) -> Chord {
    Chord {
        shown: false,
        ..chord
    }
}

const fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

/// One line of the table: one edit or a pair (left / right), its keys, and its words.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub edits: &'static [(InputEdit, &'static [Chord])],
    pub words: &'static str,
    /// Only in long texts (a one-line field leaves the key to the form: Enter moves on).
    pub long_only: bool,
}

const fn row(edits: &'static [(InputEdit, &'static [Chord])], words: &'static str) -> Row {
    Row {
        edits,
        words,
        long_only: false,
    }
}

/// Every editing key, in the order the help lists them.
pub const TABLE: &[Row] = &[
    row(
        &[
            (
                InputEdit::Left,
                &[ctrl(ch('b')), unlisted(key(KeyCode::Left))],
            ),
            (
                InputEdit::Right,
                &[ctrl(ch('f')), unlisted(key(KeyCode::Right))],
            ),
        ],
        "a character left / right",
    ),
    row(
        &[
            (InputEdit::WordLeft, &[alt(ch('b')), ctrl(KeyCode::Left)]),
            (InputEdit::WordRight, &[alt(ch('f')), ctrl(KeyCode::Right)]),
        ],
        "a word left / right",
    ),
    row(
        &[
            (
                InputEdit::Home,
                &[ctrl(ch('a')), unlisted(key(KeyCode::Home))],
            ),
            (
                InputEdit::End,
                &[ctrl(ch('e')), unlisted(key(KeyCode::End))],
            ),
        ],
        "to the start / end of the line",
    ),
    row(
        &[
            (
                InputEdit::Backspace,
                &[unlisted(key(KeyCode::Backspace)), unlisted(ctrl(ch('h')))],
            ),
            (
                InputEdit::Delete,
                &[ctrl(ch('d')), unlisted(key(KeyCode::Delete))],
            ),
        ],
        "delete the character after the cursor",
    ),
    row(
        &[(
            InputEdit::DeleteWord,
            &[
                ctrl(ch('w')),
                unlisted(alt(KeyCode::Backspace)),
                unlisted(ctrl(KeyCode::Backspace)),
            ],
        )],
        "delete the word before the cursor",
    ),
    row(
        &[(InputEdit::DeleteWordForward, &[alt(ch('d'))])],
        "delete the word after the cursor",
    ),
    row(
        &[
            (InputEdit::DeleteToStart, &[ctrl(ch('u'))]),
            (InputEdit::DeleteToEnd, &[ctrl(ch('k'))]),
        ],
        "delete to the start / end of the line",
    ),
    row(
        &[(InputEdit::Yank, &[ctrl(ch('y'))])],
        "put back what a word or line deletion took",
    ),
    row(
        &[
            (
                InputEdit::Undo,
                &[
                    ctrl(ch('_')),
                    unlisted(ctrl(ch('/'))),
                    unlisted(ctrl(ch('7'))),
                    unlisted(ctrl(ch('-'))),
                ],
            ),
            (InputEdit::Redo, &[alt(ch('_')), unlisted(ctrl(ch('r')))]),
        ],
        "undo / redo",
    ),
    Row {
        edits: &[(
            InputEdit::Insert('\n'),
            &[
                key(KeyCode::Enter),
                unlisted(alt(KeyCode::Enter)),
                unlisted(ctrl(ch('j'))),
            ],
        )],
        words: "a new line in a long text (Tab moves on)",
        long_only: true,
    },
];

impl Chord {
    fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let same_code = match (self.code, key.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl || self.alt => {
                a == b.to_ascii_lowercase()
            }
            (a, b) => a == b,
        };
        same_code && ctrl == self.ctrl && alt == self.alt
    }

    /// "Ctrl-W", "Alt-Backspace", "←".
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Delete".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{name}"),
            (_, true) => format!("Alt-{name}"),
            _ => name,
        }
    }
}

/// The first key listed for an edit ("Ctrl-_" for undo), for hints and messages.
pub fn label(edit: &InputEdit) -> String {
    TABLE
        .iter()
        .flat_map(|r| r.edits.iter())
        .find(|(e, _)| e == edit)
        .and_then(|(_, chords)| chords.iter().find(|c| c.shown))
        .map_or_else(String::new, Chord::label)
}

/// The edit a key makes in a text field (`long`: a multi-line text), or None for keys that
/// are not editing (Tab, Esc, ↑ ↓, Enter in a one-line field: the form decides).
pub fn map(long: bool, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for row in TABLE.iter().filter(|r| long || !r.long_only) {
        for (edit, chords) in row.edits {
            if chords.iter().any(|c| c.matches(&key)) {
                return Some(Action::Edit(edit.clone()));
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

/// "Ctrl-B" and "Ctrl-F" as "Ctrl-B/F"; "←" and "→" as "←/→".
fn pair_label(a: &str, b: &str) -> String {
    match (a.rsplit_once('-'), b.rsplit_once('-')) {
        (Some((pa, ka)), Some((pb, kb))) if pa == pb && !ka.is_empty() && !kb.is_empty() => {
            format!("{pa}-{ka}/{kb}")
        }
        _ => format!("{a}/{b}"),
    }
}

/// The editing keys for the help: (keys, what they do). A pair's keys are listed together
/// ("Ctrl-B/F  ←/→": Ctrl-B or ← left, Ctrl-F or → right); an edit whose keys go without
/// saying (Backspace) is left out of its row.
pub fn help_rows(long: bool) -> Vec<(String, String)> {
    TABLE
        .iter()
        .filter(|r| long || !r.long_only)
        .map(|r| {
            let shown: Vec<Vec<String>> = r
                .edits
                .iter()
                .map(|(_, chords)| {
                    chords
                        .iter()
                        .filter(|c| c.shown)
                        .map(Chord::label)
                        .collect::<Vec<_>>()
                })
                .filter(|keys| !keys.is_empty())
                .collect();
            let keys = match shown.as_slice() {
                [a, b] if a.len() == b.len() => a
                    .iter()
                    .zip(b)
                    .map(|(a, b)| pair_label(a, b))
                    .collect::<Vec<_>>()
                    .join("  "),
                _ => shown
                    .iter()
                    .map(|k| k.join("  "))
                    .collect::<Vec<_>>()
                    .join(" / "),
            };
            (keys, r.words.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_does_two_things() {
        let all: Vec<(Chord, &InputEdit)> = TABLE
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
