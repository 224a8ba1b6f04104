//! The editing keys of every text field, one-line and long, as one table: the keys a terminal
//! user knows from readline and emacs (bash, zsh, Python's prompt). The same table maps keys
//! to edits (`app::edit_keys`), writes the help, and is checked against the key table so a
//! rebinding in a text field cannot take an editing key.
//!
//! Undo is Ctrl-_ (readline's undo; terminals send the same byte for Ctrl-/ and Ctrl-7), since
//! Ctrl-Z suspends. Redo is Alt-_ (emacs pairs undo and redo on the same key) or Ctrl-R;
//! Ctrl-Y is not redo: readline users expect it to put back what Ctrl-K, Ctrl-U or Ctrl-W took.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An edit the text fields make, as the table names it; `app::edit_keys` turns it into the
/// field's edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Backspace,
    Delete,
    DeleteWord,
    DeleteWordForward,
    DeleteToStart,
    DeleteToEnd,
    Yank,
    Undo,
    Redo,
    /// A new line (long texts only).
    NewLine,
}

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
    pub edits: &'static [(EditKey, &'static [Chord])],
    pub words: &'static str,
    /// Only in long texts (a one-line field leaves the key to the form: Enter moves on).
    pub long_only: bool,
}

const fn row(edits: &'static [(EditKey, &'static [Chord])], words: &'static str) -> Row {
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
                EditKey::Left,
                &[ctrl(ch('b')), unlisted(key(KeyCode::Left))],
            ),
            (
                EditKey::Right,
                &[ctrl(ch('f')), unlisted(key(KeyCode::Right))],
            ),
        ],
        "a character left / right",
    ),
    row(
        &[
            (EditKey::WordLeft, &[alt(ch('b')), ctrl(KeyCode::Left)]),
            (EditKey::WordRight, &[alt(ch('f')), ctrl(KeyCode::Right)]),
        ],
        "a word left / right",
    ),
    row(
        &[
            (
                EditKey::Home,
                &[ctrl(ch('a')), unlisted(key(KeyCode::Home))],
            ),
            (EditKey::End, &[ctrl(ch('e')), unlisted(key(KeyCode::End))]),
        ],
        "to the start / end of the line",
    ),
    row(
        &[
            (
                EditKey::Backspace,
                &[unlisted(key(KeyCode::Backspace)), unlisted(ctrl(ch('h')))],
            ),
            (
                EditKey::Delete,
                &[ctrl(ch('d')), unlisted(key(KeyCode::Delete))],
            ),
        ],
        "delete the character after the cursor",
    ),
    row(
        &[(
            EditKey::DeleteWord,
            &[
                ctrl(ch('w')),
                unlisted(alt(KeyCode::Backspace)),
                unlisted(ctrl(KeyCode::Backspace)),
            ],
        )],
        "delete the word before the cursor",
    ),
    row(
        &[(EditKey::DeleteWordForward, &[alt(ch('d'))])],
        "delete the word after the cursor",
    ),
    row(
        &[
            (EditKey::DeleteToStart, &[ctrl(ch('u'))]),
            (EditKey::DeleteToEnd, &[ctrl(ch('k'))]),
        ],
        "delete to the start / end of the line",
    ),
    row(
        &[(EditKey::Yank, &[ctrl(ch('y'))])],
        "put back what a word or line deletion took",
    ),
    row(
        &[
            (
                EditKey::Undo,
                &[
                    ctrl(ch('_')),
                    unlisted(ctrl(ch('/'))),
                    unlisted(ctrl(ch('7'))),
                    unlisted(ctrl(ch('-'))),
                ],
            ),
            (EditKey::Redo, &[alt(ch('_')), unlisted(ctrl(ch('r')))]),
        ],
        "undo / redo",
    ),
    Row {
        edits: &[(
            EditKey::NewLine,
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
    /// Whether a key press is this chord (Shift is part of the character).
    pub fn matches(&self, key: &KeyEvent) -> bool {
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
pub fn label(edit: EditKey) -> String {
    TABLE
        .iter()
        .flat_map(|r| r.edits.iter())
        .find(|(e, _)| *e == edit)
        .and_then(|(_, chords)| chords.iter().find(|c| c.shown))
        .map_or_else(String::new, Chord::label)
}

/// The editing row a key press belongs to (`long`: in a long text), for the clash check.
pub fn row_of(long: bool, key: &KeyEvent) -> Option<&'static Row> {
    TABLE.iter().filter(|r| long || !r.long_only).find(|r| {
        r.edits
            .iter()
            .any(|(_, chords)| chords.iter().any(|c| c.matches(key)))
    })
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
