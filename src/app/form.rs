//! A walk-through step's form: a [`Fields`] list like every other form's (choice groups are
//! [`Value::Choices`] fields, answers are text fields), drawn one row per option or field,
//! with what only the walk-through has: headings between parts, and text fields that tick a
//! choice when typed in ("until a date"). Drafts save it as a [`FormDraft`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::editor::Editor;
use super::fields::{Choice, Choices, Field, FieldId, Fields, Value};
use super::input::InputEdit;

pub use super::fields::FieldKind;

/// One drawn row of a form: an option of a choice group, or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row<'a> {
    Choice {
        choices: &'a Choices,
        option: &'a Choice,
    },
    Field(&'a Field),
}

/// Why a key did nothing in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotADigit(char),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub fields: Fields,
    /// Headings drawn above a field, by field index, when a step has more than one part.
    pub titles: Vec<(usize, String)>,
    /// Typing in the field also ticks this choice (group, id): "until a date", "custom".
    selects: Vec<(FieldId, usize, String)>,
}

/// The typed state of a form, saved as a draft while the user works on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub chosen: Vec<(usize, String)>,
    pub fields: BTreeMap<String, String>,
    pub cursor: usize,
}

impl Form {
    /// A new choice group; its options follow with [`Form::choice`] before the next field.
    pub fn group(&mut self, multi: bool) -> usize {
        let g = self.groups().count();
        self.fields.push(
            FieldId::Choices(g),
            "",
            Value::Choices(Choices {
                multi,
                ..Choices::default()
            }),
            None,
        );
        g
    }

    /// A heading above the next field added.
    pub fn title(&mut self, text: &str) {
        self.titles
            .push((self.fields.fields.len(), text.to_string()));
    }

    /// The heading above row `i`, if any.
    pub fn title_before(&self, i: usize) -> Option<&str> {
        let (f, option) = *self.rows().get(i)?;
        if option.is_some_and(|o| o > 0) {
            return None;
        }
        self.titles
            .iter()
            .find(|(at, _)| *at == f)
            .map(|(_, t)| t.as_str())
    }

    pub fn choice(&mut self, group: usize, id: &str, label: &str, detail: Option<&str>, on: bool) {
        if let Some(c) = self.group_mut(group) {
            c.options.push(Choice {
                id: id.to_string(),
                label: label.to_string(),
                detail: detail.map(str::to_string),
                on,
            });
        }
    }

    pub fn field(
        &mut self,
        key: FieldId,
        label: &str,
        value: &str,
        kind: FieldKind,
        selects: Option<(usize, &str)>,
    ) {
        self.fields.push(key, label, kind.value(value), None);
        if let Some((g, id)) = selects {
            self.selects.push((key, g, id.to_string()));
        }
    }

    /// The choice groups, in order.
    fn groups(&self) -> impl Iterator<Item = &Choices> {
        self.fields.fields.iter().filter_map(|f| match &f.value {
            Value::Choices(c) => Some(c),
            _ => None,
        })
    }

    fn group_mut(&mut self, group: usize) -> Option<&mut Choices> {
        self.fields
            .fields
            .iter_mut()
            .filter_map(|f| match &mut f.value {
                Value::Choices(c) => Some(c),
                _ => None,
            })
            .nth(group)
    }

    /// Every drawn row: (field index, option index in a choice group).
    fn rows(&self) -> Vec<(usize, Option<usize>)> {
        let mut rows = Vec::new();
        for (i, f) in self.fields.fields.iter().enumerate() {
            match &f.value {
                Value::Choices(c) => rows.extend((0..c.options.len()).map(|o| (i, Some(o)))),
                _ => rows.push((i, None)),
            }
        }
        rows
    }

    /// How many rows the form draws.
    pub fn len(&self) -> usize {
        self.rows().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let (f, option) = *self.rows().get(i)?;
        let field = self.fields.fields.get(f)?;
        Some(match (&field.value, option) {
            (Value::Choices(choices), Some(o)) => Row::Choice {
                choices,
                option: choices.options.get(o)?,
            },
            _ => Row::Field(field),
        })
    }

    /// The row under the cursor.
    pub fn cursor(&self) -> usize {
        let f = self.fields.cursor;
        let at = match self.fields.current().map(|f| &f.value) {
            Some(Value::Choices(c)) => Some(c.at),
            _ => None,
        };
        self.rows()
            .iter()
            .position(|&(i, o)| i == f && (o.is_none() || o == at))
            .unwrap_or(0)
    }

    /// Puts the cursor on the first chosen option, or the first row.
    pub fn focus_first_chosen(&mut self) {
        let first = (0..self.len())
            .find(|&i| matches!(self.row(i), Some(Row::Choice { option, .. }) if option.on))
            .unwrap_or(0);
        self.move_to(first);
    }

    pub fn current(&self) -> Option<Row<'_>> {
        self.row(self.cursor())
    }

    /// True when the cursor is in a text field (typing goes there).
    pub fn on_field(&self) -> bool {
        self.current_kind().is_some()
    }

    /// What the text field under the cursor takes; `None` on a choice.
    pub fn current_kind(&self) -> Option<FieldKind> {
        match self.current() {
            Some(Row::Field(f)) => f.value.kind(),
            _ => None,
        }
    }

    /// The long answer under the cursor.
    fn current_long(&mut self) -> Option<&mut Editor> {
        match self.fields.current_mut().map(|f| &mut f.value) {
            Some(Value::Long(e)) => Some(e),
            _ => None,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.is_empty() {
            return;
        }
        let last = self.len() as isize - 1;
        self.move_to((self.cursor() as isize + delta).clamp(0, last) as usize);
    }

    /// Up or Down: inside a long answer by the lines drawn at `width` cells while there is a
    /// line to go to (as in a meeting's notes), else to the row above or below. True when the
    /// cursor moved inside the text.
    pub fn vertical(&mut self, delta: isize, width: usize) -> bool {
        if self
            .current_long()
            .is_some_and(|e| e.move_vertical(delta, width))
        {
            return true;
        }
        self.move_by(delta);
        false
    }

    pub fn move_to(&mut self, index: usize) {
        let rows = self.rows();
        let Some(&(f, option)) = rows.get(index.min(rows.len().saturating_sub(1))) else {
            return;
        };
        self.fields.move_to(f);
        if let (Some(o), Some(Value::Choices(c))) =
            (option, self.fields.current_mut().map(|f| &mut f.value))
        {
            c.at = o;
        }
    }

    fn current_choices(&mut self) -> Option<&mut Choices> {
        match self.fields.current_mut().map(|f| &mut f.value) {
            Some(Value::Choices(c)) => Some(c),
            _ => None,
        }
    }

    /// Space: flips a multi-select choice, or picks a single-select one. Returns whether
    /// anything changed.
    pub fn toggle(&mut self) -> bool {
        self.current_choices().is_some_and(|c| c.toggle(c.at))
    }

    /// Enter on a single-select choice picks it.
    pub fn pick_current_if_single(&mut self) -> bool {
        match self.current_choices() {
            Some(c) if !c.multi => c.pick(c.at),
            _ => false,
        }
    }

    /// Typing in a field that belongs to a choice ("until a date") selects that choice.
    fn select_for_field(&mut self) {
        let Some(key) = self.fields.current_key() else {
            return;
        };
        let Some((_, g, id)) = self.selects.iter().find(|(k, _, _)| *k == key).cloned() else {
            return;
        };
        if let Some(c) = self.group_mut(g)
            && let Some(i) = c.options.iter().position(|o| o.id == id)
        {
            c.pick(i);
        }
    }

    /// Applies an edit to the field under the cursor.
    pub fn edit(&mut self, edit: &InputEdit) -> Result<bool, Refusal> {
        let Some(kind) = self.current_kind() else {
            return Ok(false);
        };
        if let InputEdit::Insert(c) = edit
            && kind.refuses(*c)
        {
            return Err(Refusal::NotADigit(*c));
        }
        // The engine's own refusals (a text past its size) leave the text as it was.
        let changed = self.fields.edit(edit) == super::fields::Effect::Changed;
        if changed {
            self.select_for_field();
        }
        Ok(changed)
    }

    /// Pastes into the field under the cursor; newlines become spaces in one-line fields and
    /// non-digits are dropped from number fields.
    pub fn paste(&mut self, text: &str) -> bool {
        if !self.on_field() {
            return false;
        }
        let pasted = self.fields.paste(text) == super::fields::Effect::Changed;
        if pasted {
            self.select_for_field();
        }
        pasted
    }

    /// The ids chosen in a group, in row order.
    pub fn chosen(&self, group: usize) -> Vec<String> {
        self.groups()
            .nth(group)
            .map(Choices::chosen)
            .unwrap_or_default()
    }

    /// The single id chosen in a group.
    pub fn chosen_one(&self, group: usize) -> Option<String> {
        self.chosen(group).into_iter().next()
    }

    /// A field's text by key ("" when there is no such field).
    pub fn value(&self, key: FieldId) -> &str {
        self.fields
            .get(key)
            .and_then(Value::text_and_cursor)
            .map_or("", |(text, _)| text)
    }

    pub fn to_draft(&self) -> FormDraft {
        let mut draft = FormDraft {
            cursor: self.cursor(),
            ..FormDraft::default()
        };
        for (g, c) in self.groups().enumerate() {
            draft
                .chosen
                .extend(c.chosen().into_iter().map(|id| (g, id)));
        }
        for f in &self.fields.fields {
            if let Some((text, _)) = f.value.text_and_cursor() {
                draft.fields.insert(f.key.to_string(), text.to_string());
            }
        }
        draft
    }

    /// Restores a draft onto a freshly built form of the same step.
    pub fn apply_draft(&mut self, draft: &FormDraft) {
        let mut g = 0;
        for f in &mut self.fields.fields {
            match &mut f.value {
                Value::Choices(c) => {
                    for o in &mut c.options {
                        o.on = draft.chosen.iter().any(|(dg, id)| *dg == g && *id == o.id);
                    }
                    g += 1;
                }
                value => {
                    if let Some(text) = draft.fields.get(&f.key.to_string()) {
                        value.set_string(text);
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
        assert_eq!(f.cursor(), 0);
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
        use crate::app::input::TextInput;
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
            assert_eq!(walk.fields, form, "one field model: {kind:?}");
        }
    }

    /// A draft saved before choice groups were fields of the field list still loads.
    #[test]
    fn a_draft_saved_in_the_earlier_format_restores_choices_text_and_cursor() {
        let saved = r#"{"chosen":[[0,"until"]],"fields":{"until":"2027-03-01"},"cursor":2}"#;
        let mut f = duration_like();
        f.apply_draft(&serde_json::from_str(saved).unwrap());
        assert_eq!(f.chosen_one(0).as_deref(), Some("until"));
        assert_eq!(f.value(FieldId::Until), "2027-03-01");
        assert_eq!(f.cursor(), 2);
        assert!(f.on_field());
        assert_eq!(serde_json::to_string(&f.to_draft()).unwrap(), saved);
    }

    /// Choice groups are fields of the one field list: a row per option, the cursor on an
    /// option, and the group's value the ids ticked.
    #[test]
    fn a_choice_group_is_one_field_with_a_row_per_option() {
        let mut f = Form::default();
        f.title("Who?");
        let who = f.group(false);
        f.choice(who, "me", "I do", None, false);
        f.choice(who, "them", "They do", Some("detail"), false);
        f.title("How often?");
        f.field(FieldId::Every, "Every", "", FieldKind::Number, None);
        let unit = f.group(true);
        f.choice(unit, "days", "days", None, false);
        f.choice(unit, "weeks", "weeks", None, false);
        assert_eq!(f.fields.fields.len(), 3);
        assert_eq!(f.len(), 5);
        assert_eq!(f.title_before(0), Some("Who?"));
        assert_eq!(f.title_before(1), None);
        assert_eq!(f.title_before(2), Some("How often?"));
        f.move_to(1);
        assert!(f.pick_current_if_single());
        assert!(matches!(f.current(), Some(Row::Choice { option, .. }) if option.id == "them"));
        f.move_by(2);
        assert_eq!(f.fields.current_key(), Some(FieldId::Choices(1)));
        f.toggle();
        f.move_by(1);
        f.toggle();
        assert_eq!(f.fields.string(FieldId::Choices(0)), "them");
        assert_eq!(f.fields.string(FieldId::Choices(1)), "days,weeks");
        assert_eq!(f.cursor(), 4);
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
        assert_eq!(f.cursor(), 0);
        assert!(f.vertical(1, 20));
        assert!(
            !f.vertical(1, 20),
            "from the last line Down goes to the next row"
        );
        assert_eq!(f.cursor(), 1);
        assert!(!f.vertical(-1, 20));
        assert_eq!(f.cursor(), 0);
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
