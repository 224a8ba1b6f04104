//! Entry forms kept as drafts: written while the person types, and rebuilt after a crash.

use std::collections::BTreeMap;

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::entry::EntryForm;
use super::fields::FieldId;
use super::private_words::private_items;
use crate::content::Content;
use crate::domain::{Meeting, Owner};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// The prefix of every entry draft key: `entry:{meeting|reflection}:{id}`.
pub const DRAFT_PREFIX: &str = "entry:";

/// Everything needed to rebuild a form after a crash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    pub kind: String,
    pub id: Uuid,
    pub existing: bool,
    pub created_at: DateTime<Utc>,
    pub prompt: Option<String>,
    pub meeting_id: Option<Uuid>,
    pub action_ids: Vec<Uuid>,
    pub carried: Vec<Uuid>,
    pub values: BTreeMap<String, String>,
    pub cursor: usize,
}

impl EntryForm {
    /// True when something differs from what is in the journal.
    pub fn changed(&self) -> bool {
        self.fields.values() != self.saved
    }

    /// True when something changed since the last draft was written.
    pub fn needs_draft(&self) -> bool {
        self.fields.values() != self.drafted
    }

    pub fn draft_key(&self) -> String {
        let kind = match self.kind {
            EntryKind::Meeting => "meeting",
            EntryKind::Reflection => "reflection",
        };
        format!("{DRAFT_PREFIX}{kind}:{}", self.id)
    }

    pub fn to_draft(&self) -> EntryDraft {
        EntryDraft {
            kind: match self.kind {
                EntryKind::Meeting => "meeting".into(),
                EntryKind::Reflection => "reflection".into(),
            },
            id: self.id,
            existing: self.existing,
            created_at: self.created_at,
            prompt: self.prompt.clone(),
            meeting_id: self.meeting_id,
            action_ids: self.action_ids.clone(),
            carried: self.carried.iter().map(|a| a.id).collect(),
            values: self.fields.values(),
            cursor: self.fields.cursor,
        }
    }

    /// Writes the draft when anything changed since the last one.
    pub fn save_draft(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        if !self.needs_draft() {
            return Ok(());
        }
        if !self.changed() {
            store.delete_draft(&self.draft_key())?;
        } else {
            let body = serde_json::to_string(&self.to_draft())
                .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
            store.save_draft(&self.draft_key(), &body, now)?;
        }
        self.drafted = self.fields.values();
        Ok(())
    }

    /// Rebuilds a form from a draft. `None` when the draft cannot be read (it is left alone).
    pub fn from_draft(
        store: &Store,
        draft: &EntryDraft,
        now: DateTime<Local>,
        content: &Content,
    ) -> Result<Option<EntryForm>> {
        let mut form = match draft.kind.as_str() {
            "meeting" => {
                let existing = if draft.existing {
                    store.meeting(draft.id)?
                } else {
                    None
                };
                let mut form = match &existing {
                    Some(m) => EntryForm::edit_meeting(store, m, now.date_naive(), content)?,
                    None => {
                        let with = draft
                            .values
                            .get(&FieldId::With.to_string())
                            .and_then(|w| Uuid::parse_str(w).ok());
                        let mut f = EntryForm::new_meeting(store, with, now, content)?;
                        let all_open = store.open_action_items()?;
                        f.carried = draft
                            .carried
                            .iter()
                            .filter_map(|id| all_open.iter().find(|a| a.id == *id).cloned())
                            .collect();
                        f.private_carried = private_items(store, &f.carried)?;
                        let blank = Meeting::new(
                            with.unwrap_or_else(Uuid::nil),
                            now.with_timezone(&Utc),
                            now.with_timezone(&Utc),
                        );
                        f.build_meeting(&blank, &[], content, true);
                        f
                    }
                };
                form.id = draft.id;
                form.existing = existing.is_some();
                // Rows for every action item the draft had.
                let other = form.other_name();
                let known = form.action_ids.len();
                if let Some(pos) = form
                    .fields
                    .fields
                    .iter()
                    .position(|f| f.key == FieldId::ActionText(known))
                {
                    form.fields.fields.remove(pos);
                }
                for (i, id) in draft.action_ids.iter().enumerate().skip(known) {
                    form.push_action_rows(i, "", Owner::Me, None, &other);
                    form.action_ids.push(*id);
                }
                form.push_empty_action_row();
                form
            }
            "reflection" => {
                let existing = if draft.existing {
                    store.reflection(draft.id)?
                } else {
                    None
                };
                let mut form = match &existing {
                    Some(r) => EntryForm::edit_reflection(store, r)?,
                    None => {
                        let mut f = EntryForm::new_reflection(
                            store,
                            None,
                            draft.meeting_id,
                            now,
                            content,
                            0,
                        )?;
                        f.saved = f.fields.values();
                        f
                    }
                };
                form.id = draft.id;
                form.existing = existing.is_some();
                form.prompt = draft.prompt.clone();
                form.meeting_id = draft.meeting_id;
                form
            }
            _ => return Ok(None),
        };
        form.created_at = draft.created_at;
        form.fields.apply_values(&draft.values);
        if form.kind == EntryKind::Meeting {
            // The draft may be with another person than the meeting was: their goals' rows,
            // then the draft's ticks on them.
            form.follow_goals();
            form.fields.apply_values(&draft.values);
        }
        form.fields.move_to(draft.cursor);
        form.drafted = form.fields.values();
        Ok(Some(form))
    }
}
