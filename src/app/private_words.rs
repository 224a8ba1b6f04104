//! Words from private entries on their way into a shared one: session prep marks the lines it
//! takes from a private reflection or a private meeting, and a shared meeting that still holds
//! them is saved only after the person has seen the exact words and said yes.

use std::collections::HashSet;

use uuid::Uuid;

use super::entry::EntryForm;
use super::fields::{FieldId, Value};
use crate::domain::ActionItem;
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// Marks a line that session prep took from a private reflection. A shared meeting that still
/// holds such a line is saved only after the person has seen the exact words and said yes.
pub const FROM_PRIVATE: &str = "[from a private reflection]";

/// The same mark for a line taken from a private meeting (one of its open action items).
pub const FROM_PRIVATE_MEETING: &str = "[from a private meeting]";

const MARKS: [&str; 2] = [FROM_PRIVATE, FROM_PRIVATE_MEETING];

fn has_mark(text: &str) -> bool {
    MARKS.iter().any(|m| text.contains(m))
}

/// A line as it would be shared: the private marks taken out.
fn without_mark(line: &str) -> String {
    MARKS.iter().fold(line.to_string(), |l, m| {
        l.replace(&format!("{m} "), "").replace(m, "")
    })
}

/// The ids of those `items` that belong to a private meeting (or to one no longer in the
/// journal, which pair review does not show either).
pub fn private_items(store: &Store, items: &[ActionItem]) -> Result<HashSet<Uuid>> {
    // Each meeting's flag once, in one narrow query: prep can list thousands of open items.
    let mut meetings: Vec<Uuid> = items.iter().filter_map(|a| a.meeting_id).collect();
    meetings.sort_unstable();
    meetings.dedup();
    let private = store.private_or_gone_meetings(&meetings)?;
    Ok(items
        .iter()
        .filter(|a| a.meeting_id.is_some_and(|m| private.contains(&m)))
        .map(|a| a.id)
        .collect())
}

impl EntryForm {
    /// What a shared meeting would share from private entries, as it would be shared: lines
    /// that still carry a private mark (the mark taken out), and ticked action items carried
    /// forward from a private meeting; with the index of the first field holding one.
    /// Nothing for a private meeting or a reflection.
    pub fn unconfirmed_private_lines(&self) -> (Vec<String>, Option<usize>) {
        let mut lines = Vec::new();
        let mut first = None;
        if self.kind != EntryKind::Meeting || self.fields.flag(FieldId::Private) {
            return (lines, first);
        }
        for (i, f) in self.fields.fields.iter().enumerate() {
            if !matches!(f.value, Value::Line(_) | Value::Long(_)) {
                continue;
            }
            let text = f.value.as_string();
            for line in text.lines().filter(|l| has_mark(l)) {
                first.get_or_insert(i);
                lines.push(without_mark(line));
            }
        }
        for (i, a) in self.carried.iter().enumerate() {
            let key = FieldId::Carry(i);
            if self.private_carried.contains(&a.id) && self.fields.flag(key) {
                if let Some(at) = self.fields.position(key) {
                    first.get_or_insert(at);
                }
                lines.push(format!("Action item carried forward: {}", a.text));
            }
        }
        (lines, first)
    }

    /// The person saw the marked lines and said to share them as written: the marks go, the
    /// words stay (undo brings the marks back).
    pub fn confirm_private_lines(&mut self) {
        for f in &mut self.fields.fields {
            let text = f.value.as_string();
            if !has_mark(&text) {
                continue;
            }
            let shared = text
                .split('\n')
                .map(without_mark)
                .collect::<Vec<_>>()
                .join("\n");
            match &mut f.value {
                Value::Long(e) => {
                    // Shorter than before, so never over the size limit.
                    let _ = e.replace_all(&shared);
                }
                other => other.set_string(&shared),
            }
        }
    }
}
