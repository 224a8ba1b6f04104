//! Keys: the actions that can be rebound, key bindings as written in the config, and the
//! effective set (defaults patched by the config file).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Actions whose keys can be changed in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyAction {
    Quit,
    Help,
    NewRelationship,
    Timeline,
    Edit,
    Save,
    NewMeeting,
    NewReflection,
    ActionItems,
    ExternalEditor,
    Goals,
    UpdateProgress,
}

impl KeyAction {
    pub const ALL: [KeyAction; 12] = [
        KeyAction::Quit,
        KeyAction::Help,
        KeyAction::NewRelationship,
        KeyAction::Timeline,
        KeyAction::Edit,
        KeyAction::Save,
        KeyAction::NewMeeting,
        KeyAction::NewReflection,
        KeyAction::ActionItems,
        KeyAction::ExternalEditor,
        KeyAction::Goals,
        KeyAction::UpdateProgress,
    ];

    pub fn id(self) -> &'static str {
        match self {
            KeyAction::Quit => "quit",
            KeyAction::Help => "help",
            KeyAction::NewRelationship => "new_relationship",
            KeyAction::Timeline => "timeline",
            KeyAction::Edit => "edit",
            KeyAction::Save => "save",
            KeyAction::NewMeeting => "new_meeting",
            KeyAction::NewReflection => "new_reflection",
            KeyAction::ActionItems => "action_items",
            KeyAction::ExternalEditor => "external_editor",
            KeyAction::Goals => "goals",
            KeyAction::UpdateProgress => "update_progress",
        }
    }

    fn default_key(self) -> &'static str {
        match self {
            KeyAction::Quit => "q",
            KeyAction::Help => "?",
            KeyAction::NewRelationship => "n",
            KeyAction::Timeline => "t",
            KeyAction::Edit => "e",
            KeyAction::Save => "ctrl-s",
            KeyAction::NewMeeting => "m",
            KeyAction::NewReflection => "r",
            KeyAction::ActionItems => "a",
            KeyAction::ExternalEditor => "ctrl-g",
            KeyAction::Goals => "g",
            KeyAction::UpdateProgress => "p",
        }
    }
}

/// A key with its modifiers, as written in the config ("ctrl-s", "q", "f1").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    /// Parses "q", "?", "ctrl-s", "alt-x", "f1", "enter", "pagedown".
    pub fn parse(s: &str) -> Option<KeyBinding> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if modifiers.is_empty() {
                c
            } else {
                c.to_ascii_lowercase()
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(KeyBinding { code, modifiers })
    }

    /// Whether a key event is this binding. Shift is ignored for characters ("?" is shift-/).
    pub fn matches(&self, key: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, key.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let same = if self.modifiers.is_empty() {
                    a == b
                } else {
                    a.eq_ignore_ascii_case(&b)
                };
                same && key.modifiers & relevant == self.modifiers & relevant
            }
            (a, b) => a == b && key.modifiers & relevant == self.modifiers & relevant,
        }
    }

    /// How the binding is shown in help and footers: "q", "Ctrl-S", "F1".
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) if !self.modifiers.is_empty() => out.push(c.to_ascii_uppercase()),
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => {
                let _ = write!(out, "F{n}");
            }
            other => {
                let _ = write!(out, "{other:?}");
            }
        }
        out
    }
}

/// The effective keys: defaults patched by the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub(super) bindings: BTreeMap<KeyAction, KeyBinding>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys {
            bindings: KeyAction::ALL
                .into_iter()
                .map(|a| {
                    (
                        a,
                        KeyBinding::parse(a.default_key()).expect("default keys parse"),
                    )
                })
                .collect(),
        }
    }
}

impl Keys {
    pub fn get(&self, action: KeyAction) -> KeyBinding {
        self.bindings[&action]
    }

    pub fn is(&self, action: KeyAction, key: &KeyEvent) -> bool {
        self.get(action).matches(key)
    }

    pub fn label(&self, action: KeyAction) -> String {
        self.get(action).label()
    }
}

pub(super) fn binding_text(b: KeyBinding) -> String {
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    match b.code {
        KeyCode::Char(' ') => out.push_str("space"),
        KeyCode::Char(c) => out.push(c),
        KeyCode::F(n) => {
            let _ = write!(out, "f{n}");
        }
        other => out.push_str(&format!("{other:?}").to_ascii_lowercase()),
    }
    out
}
