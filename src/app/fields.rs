//! A list of labelled fields with one cursor: the shape of the meeting, reflection, goal and
//! survey forms, the popup panels, and (through [`super::form::Form`], which draws a choice
//! group a row per option) the walk-through's steps. Tab and the arrows move between fields;
//! long texts use the [`Editor`].
//!
//! A field is named by a [`FieldId`]; its string form is only how drafts are saved.

use std::collections::BTreeMap;

use super::editor::{Editor, EditorRefusal};
use super::input::{InputEdit, TextInput};

mod choices;
mod dates;
mod id;
pub mod reached;
pub use choices::{Choice, Choices};
pub use dates::{date_hint, not_a_date, read_date};
pub use id::FieldId;

/// What a text field accepts: one set of rules for the walk-through's fields and every
/// other form's (a [`Value`]'s text kinds map onto it with [`Value::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text; `multiline` fields keep line breaks and wrap.
    Text { multiline: bool },
    /// Digits only.
    Number,
    /// A date, read when the field is left or the form saved.
    Date,
}

impl FieldKind {
    /// A typed character this field does not take: a number field takes digits only.
    pub fn refuses(self, c: char) -> bool {
        self == FieldKind::Number && !c.is_ascii_digit()
    }

    /// An empty or filled field of this kind.
    pub fn value(self, text: &str) -> Value {
        match self {
            FieldKind::Text { multiline: false } => Value::Line(TextInput::new(text)),
            FieldKind::Text { multiline: true } => Value::Long(Editor::new(text)),
            FieldKind::Number => Value::Number(TextInput::new(text)),
            FieldKind::Date => Value::Date(TextInput::new(text)),
        }
    }

    /// Pasted text as this field keeps it: long text keeps its line breaks (a terminal's CR
    /// and CRLF become LF) and gets tabs as four spaces, one-line fields get them as spaces, number fields keep only
    /// digits (nine at most).
    pub fn clean_paste(self, text: &str) -> String {
        match self {
            FieldKind::Text { multiline: true } => text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\t', "    "),
            FieldKind::Number => text.chars().filter(char::is_ascii_digit).take(9).collect(),
            // A line break pasted into one line (CR, LF or CRLF) becomes one space.
            FieldKind::Text { multiline: false } | FieldKind::Date => super::input::one_line(text),
        }
    }
}

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
    /// A group of options drawn one a row (the walk-through's radio buttons and tick boxes);
    /// Space ticks the option under the cursor.
    Choices(Choices),
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
            Value::Choices(c) => c.chosen().join(","),
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
            Value::Choices(c) => {
                for o in &mut c.options {
                    o.on = s.split(',').any(|id| id == o.id);
                }
            }
        }
    }

    /// A text value's text and cursor; `None` for choices and flags.
    pub fn text_and_cursor(&self) -> Option<(&str, usize)> {
        match self {
            Value::Line(t) | Value::Date(t) | Value::Number(t) => Some((t.text(), t.cursor())),
            Value::Long(e) => Some((e.text(), e.cursor())),
            _ => None,
        }
    }

    /// The rules a text value follows; `None` for choices and flags.
    pub fn kind(&self) -> Option<FieldKind> {
        match self {
            Value::Line(_) => Some(FieldKind::Text { multiline: false }),
            Value::Long(_) => Some(FieldKind::Text { multiline: true }),
            Value::Date(_) => Some(FieldKind::Date),
            Value::Number(_) => Some(FieldKind::Number),
            _ => None,
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
    pub key: FieldId,
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
    pub fn push(&mut self, key: FieldId, label: &str, value: Value, hint: Option<&str>) {
        self.fields.push(Field {
            key,
            label: label.to_string(),
            value,
            hint: hint.map(str::to_string),
        });
    }

    pub fn insert(
        &mut self,
        at: usize,
        key: FieldId,
        label: &str,
        value: Value,
        hint: Option<&str>,
    ) {
        self.fields.insert(
            at,
            Field {
                key,
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

    /// The key of the field under the cursor.
    pub fn current_key(&self) -> Option<FieldId> {
        self.current().map(|f| f.key)
    }

    /// Where a field is in the list.
    pub fn position(&self, key: FieldId) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: FieldId) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn get(&self, key: FieldId) -> Option<&Value> {
        self.fields.iter().find(|f| f.key == key).map(|f| &f.value)
    }

    pub fn get_mut(&mut self, key: FieldId) -> Option<&mut Value> {
        self.fields
            .iter_mut()
            .find(|f| f.key == key)
            .map(|f| &mut f.value)
    }

    /// A field's value as a string ("" when there is no such field).
    pub fn string(&self, key: FieldId) -> String {
        self.get(key).map(Value::as_string).unwrap_or_default()
    }

    pub fn flag(&self, key: FieldId) -> bool {
        matches!(
            self.get(key),
            Some(Value::Flag(true) | Value::Check(true, _))
        )
    }

    /// Every value by the saved form of its key: what a draft holds.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .map(|f| (f.key.to_string(), f.value.as_string()))
            .collect()
    }

    /// Restores saved values (a draft); keys this form does not have are left out.
    pub fn apply_values(&mut self, values: &BTreeMap<String, String>) {
        for (key, v) in values {
            if let Some(value) = FieldId::parse(key).and_then(|k| self.get_mut(k)) {
                value.set_string(v);
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
                InputEdit::Insert(c) if FieldKind::Number.refuses(*c) => Effect::Refused(format!(
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
            Value::Choices(c) => match edit {
                InputEdit::Insert(' ') => changed(c.toggle(c.at)),
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
        let kind = field.value.kind();
        match &mut field.value {
            // The editor cleans a paste itself, after refusing one too large to take:
            // cleaning megabytes first would keep the next frame waiting.
            Value::Long(e) => match e.paste(text) {
                Ok(c) => changed(c),
                Err(r) => Effect::Refused(r.message()),
            },
            Value::Line(t) | Value::Date(t) | Value::Number(t) => {
                let clean = kind.map(|k| k.clean_paste(text)).unwrap_or_default();
                if clean.len() + t.text().len() > 4096 {
                    return Effect::Refused(
                        "Not pasted: this field holds one line of up to 4 KiB. Long text belongs in the notes."
                            .into(),
                    );
                }
                t.insert_str(&clean);
                changed(!clean.is_empty())
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
    pub fn replace_current_long(&mut self, text: &str) -> Result<bool, EditorRefusal> {
        match self.current_mut().map(|f| &mut f.value) {
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
    use crate::domain::dates::{Direction, parse_date};
    use chrono::NaiveDate;

    fn sample() -> Fields {
        let mut f = Fields::default();
        f.push(
            FieldId::Title,
            "Title",
            Value::Line(TextInput::default()),
            None,
        );
        f.push(
            FieldId::Notes,
            "Notes",
            Value::Long(Editor::default()),
            None,
        );
        f.push(
            FieldId::ActionOwner(0),
            "Who",
            Value::Pick {
                options: vec![("me".into(), "me".into()), ("them".into(), "them".into())],
                at: 0,
            },
            None,
        );
        f.push(
            FieldId::Duration,
            "Minutes",
            Value::Number(TextInput::default()),
            None,
        );
        f.push(FieldId::Private, "Private", Value::Flag(false), None);
        f
    }

    #[test]
    fn every_kind_of_field_edits_and_round_trips_through_values() {
        let mut f = sample();
        f.paste("a\nb");
        assert_eq!(f.string(FieldId::Title), "a b");
        f.step(1);
        f.paste("line one\r\nline two");
        assert_eq!(f.enter(), Effect::Changed);
        assert_eq!(f.string(FieldId::Notes), "line one\nline two\n");
        f.step(1);
        assert_eq!(f.edit(&InputEdit::Right), Effect::Changed);
        assert_eq!(f.string(FieldId::ActionOwner(0)), "them");
        f.step(1);
        assert!(matches!(
            f.edit(&InputEdit::Insert('x')),
            Effect::Refused(_)
        ));
        f.paste("4a5");
        assert_eq!(f.string(FieldId::Duration), "45");
        f.step(1);
        f.enter();
        assert!(f.flag(FieldId::Private));
        let values = f.values();
        let mut fresh = sample();
        fresh.apply_values(&values);
        assert_eq!(fresh.values(), values);
    }

    /// Drafts saved by the version that named fields by strings load into the typed keys.
    #[test]
    fn a_draft_written_with_string_keys_still_loads() {
        let saved: BTreeMap<String, String> = [
            ("title", "Kept title"),
            ("notes", "kept notes"),
            ("action.0.owner", "them"),
            ("duration", "45"),
            ("private", "yes"),
            ("no.such.field", "ignored"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut f = sample();
        f.apply_values(&saved);
        assert_eq!(f.string(FieldId::Title), "Kept title");
        assert_eq!(f.string(FieldId::Notes), "kept notes");
        assert_eq!(f.string(FieldId::ActionOwner(0)), "them");
        assert_eq!(f.string(FieldId::Duration), "45");
        assert!(f.flag(FieldId::Private));
        let mut again = f.values();
        again.insert("no.such.field".into(), "ignored".into());
        assert_eq!(again, saved, "saved again under the same names");
    }

    #[test]
    fn date_examples_count_from_today_and_refusals_stay_short() {
        let today = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        assert_eq!(
            date_hint(today, "fri, +2w, ", "+2w", " (optional)"),
            "fri, +2w, 2030-01-15 (optional)"
        );
        let later = NaiveDate::from_ymd_opt(2031, 6, 30).unwrap();
        assert_eq!(date_hint(later, "", "+3m", ""), "2031-09-30");
        let refusal = not_a_date("32nd of never", today, Direction::Future);
        assert_eq!(
            refusal,
            "\"32nd of never\" is not a date: try tomorrow, fri, +2w or 2030-01-15."
        );
        assert!(refusal.chars().count() < 80, "fits one line of a wide form");
        for example in ["tomorrow", "fri", "+2w", "2030-01-15"] {
            assert!(
                parse_date(example, today, Direction::Future).is_ok(),
                "{example}"
            );
        }
        let past = not_a_date("x", today, Direction::Past);
        assert!(past.ends_with("2029-12-25."), "{past}");
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
