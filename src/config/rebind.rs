//! The config file's `[keys]` entries applied to the table, and the check that refuses a key
//! that would do two things in one context (the text editing keys included).

use crossterm::event::{KeyCode, KeyEvent};

use super::key_binding::KeyBinding;
use super::keys::{Command, Context, Keys};

impl Keys {
    /// Applies one `[keys]` entry: `name` (every context with a key of that name) or
    /// `context.name`. Returns the rows it changed, or why the name is not known.
    pub fn set(&mut self, name: &str, keys: Vec<KeyBinding>) -> Result<Vec<usize>, String> {
        let (context, action) = match name.split_once('.') {
            Some((c, a)) => {
                let context = Context::ALL
                    .into_iter()
                    .filter(|c| *c != Context::Always)
                    .find(|x| x.id() == c)
                    .ok_or_else(|| {
                        let known: Vec<_> = Context::ALL[1..].iter().map(|c| c.id()).collect();
                        format!(
                            "unknown key action {name:?}: there is no screen called {c:?}; the screens are {}",
                            known.join(", ")
                        )
                    })?;
                (Some(context), a)
            }
            None => (None, name),
        };
        let found: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.name == action
                    && r.command != Command::Typing
                    && r.context != Context::Always
                    && context.is_none_or(|c| c == r.context)
            })
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            let mut known: Vec<&str> = self
                .rows
                .iter()
                .filter(|r| {
                    r.command != Command::Typing
                        && r.context != Context::Always
                        && context.is_none_or(|c| c == r.context)
                })
                .map(|r| r.name)
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "unknown key action {name:?}; the actions{} are {}",
                context.map_or(String::new(), |c| format!(" {}", c.place())),
                known.join(", ")
            ));
        }
        for &i in &found {
            self.rows[i].keys = keys.clone();
        }
        self.changed.push((name.to_string(), keys));
        Ok(found)
    }

    /// Why the keys of one changed row cannot stay: a key taken by another command in a
    /// context where the row applies, or a letter in a context where letters are typed.
    pub fn clash(&self, index: usize) -> Option<String> {
        self.clash_of(index, false)
    }

    /// Like [`Keys::clash`]; `fixed_too` also checks the row's fixed keys (for the table's
    /// own test).
    fn clash_of(&self, index: usize, fixed_too: bool) -> Option<String> {
        let row = &self.rows[index];
        let fixed: &[KeyBinding] = if fixed_too { &row.fixed } else { &[] };
        let contexts: Vec<Context> = match row.context {
            Context::Global => Context::ALL
                .into_iter()
                .filter(|c| c.takes_global())
                .collect(),
            c => vec![c],
        };
        for key in row.keys.iter().chain(fixed) {
            let event = KeyEvent::new(key.code, key.modifiers);
            let plain = key.modifiers.is_empty() && matches!(key.code, KeyCode::Char(_));
            for &context in &contexts {
                if plain && context.is_typing() && row.command != Command::Typing {
                    return Some(format!(
                        "`{}` is typed as text {}; choose a key with ctrl- or alt-",
                        key.label(),
                        context.place()
                    ));
                }
                // Keys of the text editing table are taken in every context with text fields
                // (Enter aside: in a one-line field it is the form's, and the rows name it).
                let editing = (context.is_typing() || context == Context::Walkthrough)
                    && row.command != Command::Typing;
                if let Some(edit) = editing
                    .then(|| super::edit_table::row_of(false, &event))
                    .flatten()
                {
                    return Some(format!(
                        "`{}` is already '{}' {}; choose another key",
                        key.label(),
                        edit.words,
                        context.place()
                    ));
                }
                let taken = self.scope(context).enumerate().find(|(_, other)| {
                    !std::ptr::eq(*other, row)
                        && other.command != row.command
                        && other.matches(&event)
                });
                if let Some((_, other)) = taken {
                    return Some(format!(
                        "`{}` is already '{}' {}; choose another key",
                        key.label(),
                        other.long,
                        context.place()
                    ));
                }
            }
        }
        None
    }
}

/// Checks the default table: no key does two things in one context.
pub fn default_clashes() -> Vec<String> {
    let keys = Keys::default();
    (0..keys.rows.len())
        .filter_map(|i| keys.clash_of(i, true))
        .collect()
}
