//! `mentorlog summary`: the closing summary of a closed relationship as Markdown, to keep or
//! to give the other person. Private parts only with `--include-private`.

use std::path::Path;

use super::{pick_relationship, print, tell_left_out};
use crate::content::Content;
use crate::domain::RelationshipStatus;
use crate::error::{Error, Result};
use crate::share::{ClosingSummary, summary_markdown};
use crate::store::Store;

/// Prints the closing summary of the relationship `with` names.
pub fn summary(db: &Path, with: Option<&str>, include_private: bool) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let rel = pick_relationship(&store, with)?;
    if rel.status != RelationshipStatus::Closed {
        let name = crate::text::sanitize_line(rel.display_name());
        return Err(Error::Usage(format!(
            "The relationship with {name} is not closed, so it has no closing summary yet. \
             `mentorlog review --with \"{name}\"` writes how it is going; closing it \
             (`mentorlog close --with \"{name}\"`) leads to the closing review and its summary."
        )));
    }
    let today = crate::share::now_from_env()
        .map_err(Error::Usage)?
        .date_naive();
    let content = Content::get();
    let summary = ClosingSummary::load(&store, rel.id, today, include_private, content)?
        .ok_or_else(|| Error::Usage("that relationship is no longer in the journal".into()))?;
    print(&summary_markdown(&summary, content, today));
    tell_left_out(&store);
    Ok(0)
}
