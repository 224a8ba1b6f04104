//! `Store`: the one owner of the SQLite connection.
//!
//! Opening checks a file before SQLite may change it: a file that is empty, not SQLite,
//! truncated, another application's, or from a newer mentorlog is refused and left
//! byte-for-byte untouched. A new journal is built under a temporary name and linked into
//! place only when complete. Every write is one `BEGIN IMMEDIATE` transaction.

mod audit;
mod bad_rows;
mod checkins;
mod drafts;
pub use audit::audit;
pub use bad_rows::{BadRow, left_out_notice, unless_bad};
pub use checkins::{DueRow, Survey, local_day};
pub use drafts::Draft;
pub use goals::{GoalSummary, LinkedReflection};
pub use journal::{EntryKind, TimelineCursor, TimelineEntry, TimelineFilter};
pub use search::{Hit, HitKind, Query};
mod files;
pub use files::{create_private_file, ensure_private_dir};
mod goals;
mod journal;
mod relationships;
mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use relationships::{RelationshipOverview, RelationshipWithAnswers};

/// Marks a file as a mentorlog journal ("MLOG").
pub const APPLICATION_ID: i32 = 0x4D4C_4F47;

/// Ordered schema migrations; a journal's `user_version` is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_initial.sql"),
    include_str!("../../assets/migrations/0002_drafts.sql"),
    include_str!("../../assets/migrations/0003_journal.sql"),
    include_str!("../../assets/migrations/0004_entry_tags.sql"),
    include_str!("../../assets/migrations/0005_goals.sql"),
    include_str!("../../assets/migrations/0006_checkins.sql"),
    include_str!("../../assets/migrations/0007_search.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a write waits for another mentorlog holding the journal.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The journal. Concrete on purpose: tests use a real SQLite, in memory or in a temp dir.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// Rows readers left out because they could not be decoded.
    skipped: std::cell::RefCell<bad_rows::SkipLog>,
}

impl Store {
    /// Opens the journal at `path`, creating it (and a private directory for it) when missing.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            files::create_journal(path, |conn| {
                configure(conn)?;
                migrate(conn, path, false)
            })?;
        }
        Store::open_existing(path)
    }

    /// Opens a journal that must already exist; used by commands that only read.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::NoJournal {
                path: path.to_path_buf(),
            });
        }
        files::check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| damaged(path, &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        check_identity(&conn, path)?;
        configure(&conn)?;
        files::tighten_permissions(path);
        migrate(&conn, path, true)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            skipped: bad_rows::new_log(),
        })
    }

    /// A journal that lives only in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&conn, Path::new(":memory:"), false)?;
        Ok(Store {
            conn,
            path: None,
            skipped: bad_rows::new_log(),
        })
    }

    /// The file behind this store, if any.
    /// Makes later writes fail the way a full disk or a read-only file does, for tests of
    /// what the app does then. `Fault::None` undoes it.
    #[doc(hidden)]
    pub fn simulate_fault(&self, fault: Fault) -> Result<()> {
        let sql = match fault {
            Fault::DiskFull => {
                let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
                format!("PRAGMA query_only = 0; PRAGMA max_page_count = {pages};")
            }
            Fault::ReadOnly => "PRAGMA query_only = 1;".to_string(),
            Fault::None => "PRAGMA query_only = 0; PRAGMA max_page_count = 1073741823;".to_string(),
        };
        self.conn.execute_batch(&sql)?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's own integrity check: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// How many rows break a foreign key (0 when every link holds).
    pub fn foreign_key_problems(&self) -> Result<usize> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let n = stmt.query_map([], |_| Ok(()))?.count();
        Ok(n)
    }

    /// What the journal holds, by kind (entries in the trash not counted).
    pub fn counts(&self) -> Result<crate::backup::Counts> {
        let mut out = Vec::new();
        for (what, sql) in [
            (
                "relationships",
                "SELECT count(*) FROM relationship WHERE deleted_at IS NULL AND status != 'draft'",
            ),
            (
                "meetings",
                "SELECT count(*) FROM meeting WHERE deleted_at IS NULL",
            ),
            (
                "action items",
                "SELECT count(*) FROM action_item WHERE deleted_at IS NULL",
            ),
            (
                "reflections",
                "SELECT count(*) FROM reflection WHERE deleted_at IS NULL",
            ),
            (
                "goals",
                "SELECT count(*) FROM goal WHERE deleted_at IS NULL",
            ),
            (
                "check-ins",
                "SELECT count(*) FROM checkin WHERE deleted_at IS NULL",
            ),
            ("surveys", "SELECT count(*) FROM survey"),
        ] {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            out.push((what, n));
        }
        Ok(crate::backup::Counts(out))
    }

    /// Moves everything from the write-ahead log into the file and empties the log.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Writes a consistent copy of the journal to `dest` (which must not exist), mode 0600.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        files::vacuum_into(&self.conn, dest)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction; it is durable once this returns Ok.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

fn damaged(path: &Path, e: &rusqlite::Error) -> Error {
    Error::Damaged {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Refuses files that are SQLite but not ours, or newer than this build, before any write.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| damaged(path, &e))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    if app_id != 0 && app_id != i64::from(APPLICATION_ID) {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
            detail: format!("application id {app_id:#x}"),
        });
    }
    if app_id == 0 && (version != 0 || objects != 0) {
        return Err(Error::ForeignDatabase {
            path: path.to_path_buf(),
            detail: format!("{objects} tables or indexes, none of them mentorlog's"),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::Usage(format!(
            "the journal could not switch to write-ahead logging (SQLite answered {mode:?}); \
             is the file on a network or read-only file system?"
        )));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Applies the migrations the file lacks, in one transaction, after backing up an existing
/// journal. The version is re-read inside the transaction, so two instances never both migrate.
fn migrate(conn: &Connection, path: &Path, existing: bool) -> Result<()> {
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if before >= SCHEMA_VERSION {
        return Ok(());
    }
    if existing && before > 0 {
        files::backup_before_migration(conn, path, before)?;
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
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// A write failure to simulate: see [`Store::simulate_fault`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    DiskFull,
    ReadOnly,
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_is_at_the_current_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.integrity_check().unwrap(), "ok");
        let app: i32 = store
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let store = Store::open_in_memory().unwrap();
        migrate(&store.conn, Path::new(":memory:"), false).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
}
