//! The whole-journal read behind `mentorlog check`: every row of every table goes through
//! the very decoders the screens and commands use, so "check says ok" means every reader can
//! read every row, and a row a reader leaves out is always on check's list.

use std::collections::HashSet;

use rusqlite::Row;

use super::bad_rows::BadRow;
use super::{
    Store, agreement_history, checkins, drafts, goals, journal, lifecycle, relationships,
    resources, search, skills, timeline,
};
use crate::error::Result;
use crate::progress::{Progress, Unseen};

type Decode = fn(&Row<'_>) -> rusqlite::Result<()>;

/// Runs a decoder for its verdict only.
macro_rules! check_with {
    ($f:path) => {
        (|row: &Row<'_>| $f(row).map(|_| ())) as Decode
    };
}

fn meeting_line(row: &Row<'_>) -> rusqlite::Result<()> {
    timeline::timeline_from_row(journal::EntryKind::Meeting, row).map(|_| ())
}

fn reflection_line(row: &Row<'_>) -> rusqlite::Result<()> {
    timeline::timeline_from_row(journal::EntryKind::Reflection, row).map(|_| ())
}

/// Every table's rows, as (table, SQL reading the columns a reader reads, key columns,
/// decoder). Tables the readers never decode a value from (the tag index, the text index)
/// are not listed: nothing in them can stop a screen.
fn readers() -> Vec<(&'static str, String, &'static [usize], Decode)> {
    vec![
        (
            "profile",
            "SELECT name, created_at, updated_at, id FROM profile".to_string(),
            &[3],
            check_with!(relationships::profile_from_row),
        ),
        (
            "relationship",
            format!(
                "SELECT {} FROM relationship ORDER BY rowid",
                relationships::RELATIONSHIP_COLUMNS
            ),
            &[0],
            check_with!(relationships::relationship_from_row),
        ),
        (
            "answer",
            format!(
                "SELECT {} FROM answer ORDER BY rowid",
                relationships::ANSWER_COLUMNS
            ),
            &[0, 1],
            check_with!(relationships::answer_from_row),
        ),
        (
            "draft",
            format!("SELECT {} FROM draft ORDER BY rowid", drafts::DRAFT_COLUMNS),
            &[0],
            check_with!(drafts::draft_from_row),
        ),
        (
            "meeting",
            format!(
                "SELECT {} FROM meeting ORDER BY rowid",
                journal::MEETING_COLUMNS
            ),
            &[0],
            check_with!(journal::meeting_from_row),
        ),
        (
            "meeting",
            format!(
                "SELECT {} FROM meeting e ORDER BY rowid",
                timeline::timeline_columns("held_at", "notes")
            ),
            &[0],
            meeting_line,
        ),
        (
            "action_item",
            format!(
                "SELECT {} FROM action_item ORDER BY rowid",
                journal::ACTION_COLUMNS
            ),
            &[0],
            check_with!(journal::action_from_row),
        ),
        (
            "reflection",
            format!(
                "SELECT {} FROM reflection ORDER BY rowid",
                journal::REFLECTION_COLUMNS
            ),
            &[0],
            check_with!(journal::reflection_from_row),
        ),
        (
            "reflection",
            format!(
                "SELECT {} FROM reflection e ORDER BY rowid",
                timeline::timeline_columns("written_at", "body")
            ),
            &[0],
            reflection_line,
        ),
        (
            "goal",
            format!("SELECT {} FROM goal g ORDER BY rowid", goals::GOAL_COLUMNS),
            &[0],
            check_with!(goals::goal_from_row),
        ),
        (
            "milestone",
            format!(
                "SELECT {} FROM milestone ORDER BY rowid",
                goals::MILESTONE_COLUMNS
            ),
            &[0],
            check_with!(goals::milestone_from_row),
        ),
        (
            "goal_update",
            format!(
                "SELECT {} FROM goal_update ORDER BY rowid",
                goals::UPDATE_COLUMNS
            ),
            &[0],
            check_with!(goals::update_from_row),
        ),
        (
            "checkin",
            format!(
                "SELECT {} FROM checkin ORDER BY rowid",
                checkins::CHECKIN_COLUMNS
            ),
            &[0],
            check_with!(checkins::checkin_from_row),
        ),
        (
            "checkin_plan",
            format!(
                "SELECT {} FROM checkin_plan ORDER BY rowid",
                checkins::PLAN_COLUMNS
            ),
            &[7],
            check_with!(checkins::plan_from_row),
        ),
        (
            "arc_review",
            format!(
                "SELECT {} FROM arc_review ORDER BY rowid",
                checkins::ARC_COLUMNS
            ),
            &[2, 0, 1],
            check_with!(checkins::arc_from_row),
        ),
        (
            "survey",
            format!(
                "SELECT {} FROM survey ORDER BY rowid",
                checkins::SURVEY_COLUMNS
            ),
            &[0],
            check_with!(checkins::survey_from_row),
        ),
        (
            "pair_review",
            format!(
                "SELECT {} FROM pair_review ORDER BY rowid",
                search::PAIR_REVIEW_COLUMNS
            ),
            &[1, 0],
            check_with!(search::pair_review_from_row),
        ),
        (
            "resource",
            format!(
                "SELECT {} FROM resource ORDER BY rowid",
                resources::RESOURCE_COLUMNS
            ),
            &[0],
            check_with!(resources::resource_from_row),
        ),
        (
            "life_event",
            format!(
                "SELECT {} FROM life_event ORDER BY rowid",
                lifecycle::LIFE_EVENT_COLUMNS
            ),
            &[0],
            check_with!(lifecycle::life_event_from_row),
        ),
        (
            "agreement_version",
            format!(
                "SELECT {} FROM agreement_version ORDER BY rowid",
                agreement_history::VERSION_COLUMNS
            ),
            &[0, 1],
            check_with!(agreement_history::version_from_row),
        ),
        (
            "answer_change",
            format!(
                "SELECT {} FROM answer_change ORDER BY rowid",
                agreement_history::CHANGE_COLUMNS
            ),
            &[0, 1, 2],
            check_with!(agreement_history::change_from_row),
        ),
        (
            "signoff",
            format!(
                "SELECT {} FROM signoff ORDER BY rowid",
                agreement_history::SIGNOFF_COLUMNS
            ),
            &[0, 1, 2],
            check_with!(agreement_history::signoff_from_row),
        ),
        (
            "skill",
            format!("SELECT {} FROM skill ORDER BY rowid", skills::SKILL_COLUMNS),
            &[0],
            check_with!(skills::skill_from_row),
        ),
        (
            "skill_rating",
            "SELECT skill_id, point, rating, rated_on FROM skill_rating ORDER BY rowid".to_string(),
            &[0, 1],
            check_with!(skills::rating_from_row),
        ),
    ]
}

/// Every row of the journal that a reader cannot read, each once (the first field that fails),
/// in table order. Nothing is changed.
pub fn audit(store: &Store) -> Result<Vec<BadRow>> {
    store.audit_with(&Unseen)
}

impl Store {
    /// [`audit`], telling `progress` of every row it reads: one stage, "reading every
    /// entry", whose total is the number of row reads (an entry is read as itself, as its
    /// line in the timeline, and from the search index).
    pub fn audit_with(&self, progress: &dyn Progress) -> Result<Vec<BadRow>> {
        audit_rows(self, progress)
    }
}

fn audit_rows(store: &Store, progress: &dyn Progress) -> Result<Vec<BadRow>> {
    let readers = readers();
    let mut total = 0u64;
    for table in readers
        .iter()
        .map(|(table, ..)| *table)
        .chain(std::iter::once("search_doc"))
    {
        // Table names come from the list above, never from the journal.
        let n: i64 = store
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        total += n.max(0) as u64;
    }
    progress.begin("reading every entry", Some(total));
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut keep = |bad: BadRow, out: &mut Vec<BadRow>| {
        if seen.insert((bad.table, bad.id.clone())) {
            out.push(bad);
        }
    };
    for (table, sql, key, decode) in readers {
        let mut stmt = store.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            progress.advance(1);
            if let Err(e) = decode(row) {
                keep(BadRow::new(table, row, key, &e), &mut out);
            }
        }
    }
    // The search index holds its own copy of each entry's time and privacy.
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {}, '' FROM search_doc d ORDER BY d.rowid",
        search::HIT_COLUMNS
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        progress.advance(1);
        if let Err(e) = search::hit_from_row(row) {
            keep(search::search_bad_row(row, &e), &mut out);
        }
    }
    Ok(out)
}
