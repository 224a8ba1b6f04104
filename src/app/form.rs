//! A step's form: choices (single or multi-select groups) and text fields, one cursor.
//! Its text fields are named by the same [`FieldId`] as every other form's, and drafts save
//! them by the same string form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fields::FieldId;
use super::input::{InputEdit, TextInput};

pub use super::fields::FieldKind;

/// A group of choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub multi: bool,
}

/// One line of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Choice {
        group: usize,
        id: String,
        label: String,
        detail: Option<String>,
        on: bool,
    },
    Field {
        key: FieldId,
        label: String,
        input: TextInput,
        kind: FieldKind,
        /// Typing here also selects this choice (group, id): "until a date", "custom".
        selects: Option<(usize, String)>,
    },
}

/// Why a key did nothing in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotADigit(char),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub groups: Vec<Group>,
    pub rows: Vec<Row>,
    pub cursor: usize,
    /// Headings drawn above a row, by row index, when a step has more than one part.
    pub titles: Vec<(usize, String)>,
}

/// The typed state of a form, saved as a draft while the user works on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub chosen: Vec<(usize, String)>,
    pub fields: BTreeMap<String, String>,
    pub cursor: usize,
}

impl Form {
    pub fn group(&mut self, multi: bool) -> usize {
        self.groups.push(Group { multi });
        self.groups.len() - 1
    }

    /// A heading above the next row added.
    pub fn title(&mut self, text: &str) {
        self.titles.push((self.rows.len(), text.to_string()));
    }

    /// The heading above row `i`, if any.
    pub fn title_before(&self, i: usize) -> Option<&str> {
        self.titles
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, t)| t.as_str())
    }

    pub fn choice(&mut self, group: usize, id: &str, label: &str, detail: Option<&str>, on: bool) {
        self.rows.push(Row::Choice {
            group,
            id: id.to_string(),
            label: label.to_string(),
            detail: detail.map(str::to_string),
            on,
        });
    }

    pub fn field(
        &mut self,
        key: FieldId,
        label: &str,
        value: &str,
        kind: FieldKind,
        selects: Option<(usize, &str)>,
    ) {
        self.rows.push(Row::Field {
            key,
            label: label.to_string(),
            input: TextInput::new(value),
            kind,
            selects: selects.map(|(g, id)| (g, id.to_string())),
        });
    }

    /// Puts the cursor on the first chosen option, or the first row.
    pub fn focus_first_chosen(&mut self) {
        self.cursor = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Choice { on: true, .. }))
            .unwrap_or(0);
    }

    pub fn current(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }

    /// True when the cursor is in a text field (typing goes there).
    pub fn on_field(&self) -> bool {
        matches!(self.current(), Some(Row::Field { .. }))
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() as isize - 1;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// Up or Down: inside a long answer by the lines drawn at `width` cells while there is a
    /// line to go to (as in a meeting's notes), else to the row above or below. True when the
    /// cursor moved inside the text.
    pub fn vertical(&mut self, delta: isize, width: usize) -> bool {
        if let Some(Row::Field {
            input,
            kind: FieldKind::Text { multiline: true },
            ..
        }) = self.rows.get_mut(self.cursor)
            && input.move_vertical(delta, width)
        {
            return true;
        }
        self.move_by(delta);
        false
    }

    pub fn move_to(&mut self, index: usize) {
        self.cursor = index.min(self.rows.len().saturating_sub(1));
    }

    /// Space: flips a multi-select choice, or picks a single-select one. Returns whether
    /// anything changed.
    pub fn toggle(&mut self) -> bool {
        let Some(Row::Choice { group, on, .. }) = self.rows.get(self.cursor) else {
            return false;
        };
        let (group, was_on) = (*group, *on);
        if self.groups[group].multi {
            if let Some(Row::Choice { on, .. }) = self.rows.get_mut(self.cursor) {
                *on = !was_on;
            }
            true
        } else {
            self.select_at(self.cursor)
        }
    }

    /// Enter on a single-select choice picks it.
    pub fn pick_current_if_single(&mut self) -> bool {
        match self.rows.get(self.cursor) {
            Some(Row::Choice { group, .. }) if !self.groups[*group].multi => {
                self.select_at(self.cursor)
            }
            _ => false,
        }
    }

    fn select_at(&mut self, index: usize) -> bool {
        let Some(Row::Choice { group, .. }) = self.rows.get(index) else {
            return false;
        };
        let group = *group;
        let mut changed = false;
        for (i, row) in self.rows.iter_mut().enumerate() {
            if let Row::Choice { group: g, on, .. } = row
                && *g == group
            {
                let want = i == index;
                changed |= *on != want;
                *on = want;
            }
        }
        changed
    }

    fn select_id(&mut self, group: usize, id: &str) {
        if let Some(i) = self.rows.iter().position(
            |r| matches!(r, Row::Choice { group: g, id: rid, .. } if *g == group && rid == id),
        ) {
            if self.groups[group].multi {
                if let Some(Row::Choice { on, .. }) = self.rows.get_mut(i) {
                    *on = true;
                }
            } else {
                self.select_at(i);
            }
        }
    }

    /// Typing in a field that belongs to a choice ("until a date") selects that choice.
    fn select_for_field(&mut self) {
        if let Some(Row::Field {
            selects: Some((g, id)),
            ..
        }) = self.rows.get(self.cursor)
        {
            let (g, id) = (*g, id.clone());
            self.select_id(g, &id);
        }
    }

    /// Applies an edit to the field under the cursor.
    pub fn edit(&mut self, edit: &InputEdit) -> Result<bool, Refusal> {
        let Some(Row::Field { input, kind, .. }) = self.rows.get_mut(self.cursor) else {
            return Ok(false);
        };
        if let InputEdit::Insert(c) = edit
            && kind.refuses(*c)
        {
            return Err(Refusal::NotADigit(*c));
        }
        let changed = input.apply(edit);
        if changed {
            self.select_for_field();
        }
        Ok(changed)
    }

    /// Pastes into the field under the cursor; newlines become spaces in one-line fields and
    /// non-digits are dropped from number fields.
    pub fn paste(&mut self, text: &str) -> bool {
        let Some(Row::Field { input, kind, .. }) = self.rows.get_mut(self.cursor) else {
            return false;
        };
        let clean = kind.clean_paste(text);
        if clean.is_empty() {
            return false;
        }
        input.insert_str(&clean);
        self.select_for_field();
        true
    }

    /// The ids chosen in a group, in row order.
    pub fn chosen(&self, group: usize) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|r| match r {
                Row::Choice {
                    group: g,
                    id,
                    on: true,
                    ..
                } if *g == group => Some(id.clone()),
                _ => None,
            })
            .collect()
    }

    /// The single id chosen in a group.
    pub fn chosen_one(&self, group: usize) -> Option<String> {
        self.chosen(group).into_iter().next()
    }

    /// A field's text by key ("" when there is no such field).
    pub fn value(&self, key: FieldId) -> &str {
        self.rows
            .iter()
            .find_map(|r| match r {
                Row::Field { key: k, input, .. } if *k == key => Some(input.text()),
                _ => None,
            })
            .unwrap_or("")
    }

    pub fn to_draft(&self) -> FormDraft {
        let mut draft = FormDraft {
            cursor: self.cursor,
            ..FormDraft::default()
        };
        for row in &self.rows {
            match row {
                Row::Choice {
                    group,
                    id,
                    on: true,
                    ..
                } => draft.chosen.push((*group, id.clone())),
                Row::Field { key, input, .. } => {
                    draft
                        .fields
                        .insert(key.to_string(), input.text().to_string());
                }
                Row::Choice { .. } => {}
            }
        }
        draft
    }

    /// Restores a draft onto a freshly built form of the same step.
    pub fn apply_draft(&mut self, draft: &FormDraft) {
        for row in &mut self.rows {
            match row {
                Row::Choice { group, id, on, .. } => {
                    *on = draft.chosen.iter().any(|(g, i)| g == group && i == id);
                }
                Row::Field { key, input, .. } => {
                    if let Some(text) = draft.fields.get(&key.to_string()) {
                        *input = TextInput::new(text.clone());
                    }
                }
            }
        }
        self.move_to(draft.cursor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration_like() -> Form {
        let mut f = Form::default();
        let g = f.group(false);
        f.choice(g, "3", "3 months", None, false);
        f.choice(g, "until", "until a date", None, false);
        f.field(
            FieldId::Until,
            "End date",
            "",
            FieldKind::Date,
            Some((g, "until")),
        );
        f
    }

    #[test]
    fn single_choice_is_exclusive_and_typing_selects() {
        let mut f = duration_like();
        assert!(f.toggle());
        assert_eq!(f.chosen_one(0).as_deref(), Some("3"));
        f.move_by(2);
        f.edit(&InputEdit::Insert('2')).unwrap();
        assert_eq!(f.chosen(0), vec!["until".to_string()]);
        assert_eq!(f.value(FieldId::Until), "2");
        f.move_by(-10);
        assert_eq!(f.cursor, 0);
    }

    #[test]
    fn multi_choice_flips_and_number_fields_refuse_letters() {
        let mut f = Form::default();
        let g = f.group(true);
        f.choice(g, "a", "A", None, false);
        f.choice(g, "b", "B", None, false);
        f.field(FieldId::Hours, "N", "", FieldKind::Number, None);
        f.toggle();
        f.move_by(1);
        f.toggle();
        f.move_by(-1);
        f.toggle();
        assert_eq!(f.chosen(g), vec!["b".to_string()]);
        f.move_by(2);
        assert_eq!(
            f.edit(&InputEdit::Insert('x')),
            Err(Refusal::NotADigit('x'))
        );
        assert!(f.paste("1a2"));
        assert_eq!(f.value(FieldId::Hours), "12");
    }

    /// The walk-through's fields and the other forms' follow one set of rules.
    #[test]
    fn a_walk_through_field_and_a_form_field_of_one_kind_take_the_same_text() {
        use crate::app::editor::Editor;
        use crate::app::fields::{Fields, Value};
        let kinds = [
            (
                FieldKind::Text { multiline: false },
                Value::Line(TextInput::default()),
            ),
            (
                FieldKind::Text { multiline: true },
                Value::Long(Editor::default()),
            ),
            (FieldKind::Date, Value::Date(TextInput::default())),
            (FieldKind::Number, Value::Number(TextInput::default())),
        ];
        for (kind, value) in kinds {
            assert_eq!(value.kind(), Some(kind));
            let mut walk = Form::default();
            walk.field(FieldId::Answer, "A", "", kind, None);
            let mut form = Fields::default();
            form.push(FieldId::Answer, "A", value, None);
            let pasted = "one\r\ntwo\rthree 4\t5";
            walk.paste(pasted);
            form.paste(pasted);
            assert_eq!(
                walk.value(FieldId::Answer),
                form.string(FieldId::Answer),
                "{kind:?}"
            );
            let typed_letter = walk.edit(&InputEdit::Insert('x')).is_err();
            let refused_letter = matches!(
                form.edit(&InputEdit::Insert('x')),
                crate::app::fields::Effect::Refused(_)
            );
            assert_eq!(typed_letter, refused_letter, "{kind:?}");
            assert_eq!(typed_letter, kind == FieldKind::Number);
        }
    }

    #[test]
    fn up_and_down_leave_a_long_answer_only_from_its_first_or_last_line() {
        let mut f = Form::default();
        f.field(
            FieldId::Answer,
            "",
            "",
            FieldKind::Text { multiline: true },
            None,
        );
        let g = f.group(false);
        f.choice(g, "a", "A", None, false);
        f.paste("one\ntwo");
        assert!(f.vertical(-1, 20), "up to the first line");
        assert!(
            !f.vertical(-1, 20),
            "no line above: the cursor stays on the first row"
        );
        assert_eq!(f.cursor, 0);
        assert!(f.vertical(1, 20));
        assert!(
            !f.vertical(1, 20),
            "from the last line Down goes to the next row"
        );
        assert_eq!(f.cursor, 1);
        assert!(!f.vertical(-1, 20));
        assert_eq!(f.cursor, 0);
    }

    #[test]
    fn drafts_restore_choices_fields_and_cursor() {
        let mut f = duration_like();
        f.move_by(2);
        f.paste("2027-03-01");
        let draft = f.to_draft();
        let json = serde_json::to_string(&draft).unwrap();
        let mut fresh = duration_like();
        fresh.apply_draft(&serde_json::from_str(&json).unwrap());
        assert_eq!(fresh, f);
    }
}
