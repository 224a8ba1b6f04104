//! A list of labelled fields with one cursor: the shape of the meeting and reflection forms
//! and the timeline's filter panel. Tab and the arrows move between fields; long texts use
//! the [`Editor`].

use std::collections::BTreeMap;

use super::editor::{Editor, EditorRefusal};
use super::input::{InputEdit, TextInput};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// One line of text.
    Line(TextInput),
    /// A long text with the multi-line editor.
    Long(Editor),
    /// A typed date (checked when the cursor leaves the field, and on save).
    Date(TextInput),
    /// A whole number.
    Number(TextInput),
    /// One of a few options (id, label); ← → or Space change it.
    Pick {
        options: Vec<(String, String)>,
        at: usize,
    },
    /// Yes or no; Space or Enter flips it.
    Flag(bool),
    /// A tick box with its own text (an item to carry forward); Space or Enter flips it.
    Check(bool, String),
}

impl Value {
    /// The value as a string, for drafts and change detection.
    pub fn as_string(&self) -> String {
        match self {
            Value::Line(t) | Value::Date(t) | Value::Number(t) => t.text().to_string(),
            Value::Long(e) => e.text().to_string(),
            Value::Pick { options, at } => {
                options.get(*at).map(|o| o.0.clone()).unwrap_or_default()
            }
            Value::Flag(b) | Value::Check(b, _) => if *b { "yes" } else { "no" }.to_string(),
        }
    }

    /// Sets the value from its string form (a draft); unknown picks keep the current one.
    pub fn set_string(&mut self, s: &str) {
        match self {
            Value::Line(t) | Value::Date(t) | Value::Number(t) => *t = TextInput::new(s),
            Value::Long(e) => *e = Editor::new(s),
            Value::Pick { options, at } => {
                if let Some(i) = options.iter().position(|o| o.0 == s) {
                    *at = i;
                }
            }
            Value::Flag(b) | Value::Check(b, _) => *b = s == "yes",
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(
            self,
            Value::Line(_) | Value::Long(_) | Value::Date(_) | Value::Number(_)
        )
    }
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub value: Value,
    /// Shown dimmed beside an empty field, or under the focused one.
    pub hint: Option<String>,
}

/// What a key did to the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Nothing,
    Moved,
    Changed,
    Refused(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub fields: Vec<Field>,
    pub cursor: usize,
}

impl Fields {
    pub fn push(&mut self, key: &str, label: &str, value: Value, hint: Option<&str>) {
        self.fields.push(Field {
            key: key.to_string(),
            label: label.to_string(),
            value,
            hint: hint.map(str::to_string),
        });
    }

    pub fn insert(&mut self, at: usize, key: &str, label: &str, value: Value, hint: Option<&str>) {
        self.fields.insert(
            at,
            Field {
                key: key.to_string(),
                label: label.to_string(),
                value,
                hint: hint.map(str::to_string),
            },
        );
    }

    pub fn current(&self) -> Option<&Field> {
        self.fields.get(self.cursor)
    }

    pub fn current_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.cursor)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|f| f.key == key).map(|f| &f.value)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.value)
    }

    /// A field's value as a string ("" when there is no such field).
    pub fn string(&self, key: &str) -> String {
        self.get(key).map(Value::as_string).unwrap_or_default()
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(
            self.get(key),
            Some(Value::Flag(true) | Value::Check(true, _))
        )
    }

    /// Every value by key.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|f| (f.key.clone(), f.value.as_string()))
            .collect()
    }

    pub fn apply_values(&mut self, values: &BTreeMap<String, String>) {
        for f in &mut self.fields {
            if let Some(v) = values.get(&f.key) {
                f.value.set_string(v);
            }
        }
    }

    pub fn move_to(&mut self, i: usize) {
        self.cursor = i.min(self.fields.len().saturating_sub(1));
    }

    /// Moves to the next (`delta` = 1) or previous field.
    pub fn step(&mut self, delta: isize) -> bool {
        let last = self.fields.len().saturating_sub(1) as isize;
        let to = (self.cursor as isize + delta).clamp(0, last) as usize;
        let moved = to != self.cursor;
        self.cursor = to;
        moved
    }

    /// True when the cursor is in a field that takes typed characters.
    pub fn typing(&self) -> bool {
        self.current().is_some_and(|f| f.value.is_text())
    }

    pub fn on_long(&self) -> bool {
        matches!(
            self.current(),
            Some(Field {
                value: Value::Long(_),
                ..
            })
        )
    }

    /// Up or Down: inside a long text by wrapped line (at `width` columns), else to the
    /// field above or below.
    pub fn vertical(&mut self, delta: isize, width: usize) -> Effect {
        if let Some(Field {
            value: Value::Long(e),
            ..
        }) = self.current_mut()
            && e.move_vertical(delta, width)
        {
            return Effect::Moved;
        }
        if self.step(delta) {
            Effect::Moved
        } else {
            Effect::Nothing
        }
    }

    /// Applies a text edit, or changes a pick (← →) or flag.
    pub fn edit(&mut self, edit: &InputEdit) -> Effect {
        let Some(field) = self.current_mut() else {
            return Effect::Nothing;
        };
        match &mut field.value {
            Value::Line(t) | Value::Date(t) => changed(t.apply(edit)),
            Value::Number(t) => match edit {
                InputEdit::Insert(c) if !c.is_ascii_digit() => Effect::Refused(format!(
                    "Only digits go here ({c:?} was not typed): a whole number, like 45."
                )),
                _ => changed(t.apply(edit)),
            },
            Value::Long(e) => match e.apply(edit) {
                Ok(c) => changed(c),
                Err(r) => Effect::Refused(r.message()),
            },
            Value::Pick { options, at } => match edit {
                InputEdit::Left => cycle(options.len(), at, -1),
                InputEdit::Right | InputEdit::Insert(' ') => cycle(options.len(), at, 1),
                _ => Effect::Nothing,
            },
            Value::Flag(b) | Value::Check(b, _) => match edit {
                InputEdit::Insert(' ') | InputEdit::Left | InputEdit::Right => {
                    *b = !*b;
                    Effect::Changed
                }
                _ => Effect::Nothing,
            },
        }
    }

    /// Enter: a new line in a long text, a flip of a flag, otherwise the next field.
    pub fn enter(&mut self) -> Effect {
        match self.current_mut().map(|f| &mut f.value) {
            Some(Value::Long(e)) => match e.apply(&InputEdit::Insert('\n')) {
                Ok(c) => changed(c),
                Err(r) => Effect::Refused(r.message()),
            },
            Some(Value::Flag(b) | Value::Check(b, _)) => {
                *b = !*b;
                Effect::Changed
            }
            _ => {
                if self.step(1) {
                    Effect::Moved
                } else {
                    Effect::Nothing
                }
            }
        }
    }

    /// Pastes into the field under the cursor: long texts keep line breaks, one-line fields
    /// get them as spaces, number fields keep only digits.
    pub fn paste(&mut self, text: &str) -> Effect {
        let Some(field) = self.current_mut() else {
            return Effect::Nothing;
        };
        let one_line = || super::input::one_line(text);
        match &mut field.value {
            Value::Long(e) => match e.paste(text) {
                Ok(c) => changed(c),
                Err(r) => Effect::Refused(r.message()),
            },
            Value::Line(t) | Value::Date(t) => {
                let clean = one_line();
                if clean.len() + t.text().len() > 4096 {
                    return Effect::Refused(
                        "Not pasted: this field holds one line of up to 4 KiB. Long text belongs in the notes."
                            .into(),
                    );
                }
                t.insert_str(&clean);
                changed(!clean.is_empty())
            }
            Value::Number(t) => {
                let digits: String = text.chars().filter(char::is_ascii_digit).take(9).collect();
                t.insert_str(&digits);
                changed(!digits.is_empty())
            }
            _ => {
                Effect::Refused("Pasted text goes into a text field: move to one with Tab.".into())
            }
        }
    }

    pub fn undo(&mut self, redo: bool) -> Effect {
        match self.current_mut().map(|f| &mut f.value) {
            Some(Value::Long(e)) => changed(if redo { e.redo() } else { e.undo() }),
            _ => Effect::Nothing,
        }
    }

    /// Replaces the text of the long field under the cursor (the external editor's result).
    pub fn replace_long(&mut self, key: &str, text: &str) -> Result<bool, EditorRefusal> {
        match self.get_mut(key) {
            Some(Value::Long(e)) => e.replace_all(text),
            _ => Ok(false),
        }
    }
}

fn changed(c: bool) -> Effect {
    if c { Effect::Changed } else { Effect::Nothing }
}

fn cycle(len: usize, at: &mut usize, delta: isize) -> Effect {
    if len < 2 {
        return Effect::Nothing;
    }
    *at = (*at as isize + delta).rem_euclid(len as isize) as usize;
    Effect::Changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Fields {
        let mut f = Fields::default();
        f.push("title", "Title", Value::Line(TextInput::default()), None);
        f.push("notes", "Notes", Value::Long(Editor::default()), None);
        f.push(
            "who",
            "Who",
            Value::Pick {
                options: vec![("me".into(), "me".into()), ("them".into(), "them".into())],
                at: 0,
            },
            None,
        );
        f.push(
            "minutes",
            "Minutes",
            Value::Number(TextInput::default()),
            None,
        );
        f.push("private", "Private", Value::Flag(false), None);
        f
    }

    #[test]
    fn every_kind_of_field_edits_and_round_trips_through_values() {
        let mut f = sample();
        f.paste("a\nb");
        assert_eq!(f.string("title"), "a b");
        f.step(1);
        f.paste("line one\r\nline two");
        assert_eq!(f.enter(), Effect::Changed);
        assert_eq!(f.string("notes"), "line one\nline two\n");
        f.step(1);
        assert_eq!(f.edit(&InputEdit::Right), Effect::Changed);
        assert_eq!(f.string("who"), "them");
        f.step(1);
        assert!(matches!(
            f.edit(&InputEdit::Insert('x')),
            Effect::Refused(_)
        ));
        f.paste("4a5");
        assert_eq!(f.string("minutes"), "45");
        f.step(1);
        f.enter();
        assert!(f.flag("private"));
        let values = f.values();
        let mut fresh = sample();
        fresh.apply_values(&values);
        assert_eq!(fresh.values(), values);
    }

    #[test]
    fn up_and_down_move_inside_a_long_text_before_leaving_it() {
        let mut f = sample();
        f.step(1);
        f.paste("one\ntwo");
        assert_eq!(f.vertical(-1, 20), Effect::Moved);
        assert_eq!(f.cursor, 1, "still in the notes, on their first line");
        f.vertical(-1, 20);
        assert_eq!(f.cursor, 0, "then up to the title");
    }
}
