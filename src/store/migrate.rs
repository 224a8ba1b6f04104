//! The journal's versions: the migrations in order, and bringing a journal up to this build's
//! version (a copy kept first, all of it in one transaction, the space an update frees given
//! back).

use std::path::Path;

use rusqlite::Connection;

use super::{APPLICATION_ID, copies};
use crate::error::Result;

/// Every migration, in order: a journal's `user_version` is how many were applied, and its
/// schema is what the first that many make. Public for
/// tests and benchmarks that build a journal as an earlier version left it.
#[doc(hidden)]
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_initial.sql"),
    include_str!("../../assets/migrations/0002_drafts.sql"),
    include_str!("../../assets/migrations/0003_journal.sql"),
    include_str!("../../assets/migrations/0004_entry_tags.sql"),
    include_str!("../../assets/migrations/0005_goals.sql"),
    include_str!("../../assets/migrations/0006_checkins.sql"),
    include_str!("../../assets/migrations/0007_search.sql"),
    include_str!("../../assets/migrations/0008_secure_delete.sql"),
    include_str!("../../assets/migrations/0009_search_without_copy.sql"),
    include_str!("../../assets/migrations/0010_whole_relationship.sql"),
    include_str!("../../assets/migrations/0011_looking_back.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations the file lacks, in one transaction, after backing up an existing
/// journal. The version is re-read inside the transaction, so two instances never both migrate.
pub(super) fn migrate(conn: &Connection, path: &Path, existing: bool) -> Result<()> {
    migrate_telling(conn, path, existing, None, &crate::progress::Unseen)
}

/// [`migrate`], saying each stage of the one-time update to `progress`.
pub(super) fn migrate_telling(
    conn: &Connection,
    path: &Path,
    existing: bool,
    key: Option<&crate::domain::Passphrase>,
    progress: &dyn crate::progress::Progress,
) -> Result<()> {
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if before >= SCHEMA_VERSION {
        return Ok(());
    }
    if existing && before > 0 {
        progress.begin(
            "keeping a copy of the journal as it is, before updating it (once)",
            None,
        );
        copies::backup_before_migration(conn, key, path, before)?;
        progress.begin("updating the journal to this version of mentorlog", None);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<()> {
        let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version > current {
                conn.execute_batch(sql)?;
            }
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))?;
        Ok(())
    })();
    match result {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    if existing && before < COMPACTED_AT {
        progress.begin("giving back the space the old search index took", None);
        compact(conn);
    }
    Ok(())
}

/// The version whose migration frees much of an older journal (the search index's copy of
/// every text): opening a journal from before it rewrites the file once, to give that space
/// back.
const COMPACTED_AT: i64 = 9;

/// Rewrites the journal without its free pages (VACUUM) and empties the write-ahead log.
/// Best effort, after the migration is committed: VACUUM is one transaction, so a crash or a
/// full disk leaves the migrated journal as it was, only larger.
fn compact(conn: &Connection) {
    if conn.execute_batch("VACUUM").is_ok() {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}
