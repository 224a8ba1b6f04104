//! `Store`: the one owner of the SQLite connection.
//!
//! Opening checks a file before SQLite may change it: a file that is empty, not SQLite,
//! truncated, another application's, from a newer mentorlog, or whose schema is not exactly
//! what our migrations make (see `schema`) is refused and left byte-for-byte untouched.
//! Commands that only read open the journal read-only, so a full disk or a read-only file
//! does not stop them; when a journal cannot be written, the error names the cause (all in
//! `open`). An encrypted journal opens only with its passphrase (`key`), and `seal` turns a
//! journal into an encrypted one and back. A new journal is built under a temporary name and
//! linked into place only when complete. Every write is one `BEGIN IMMEDIATE` transaction.

mod agreement_history;
mod audit;
mod bad_rows;
mod checkins;
mod drafts;
pub use audit::audit;
pub use bad_rows::{BadRow, left_out_notice, unless_bad};
pub use checkins::{DueRow, Survey, local_day};
pub use drafts::Draft;
pub use goals::{GoalSummary, LinkedReflection};
pub use journal::EntryKind;
pub use meeting_goals::{GoalMeeting, MeetingGoal};
pub use review::ReviewItems;
pub use search::{Hit, HitKind, Query};
pub use timeline::{CheckinRows, TimelineCursor, TimelineEntry, TimelineFilter};
pub use timeline_rows::{TimelineKind, TimelineRow};
mod copies;
mod packed;
pub use copies::Temporary;
pub use packed::{Claim, StopCopy, compressed_snapshot, is_compressed, unpack};
mod files;
mod key;
pub(crate) use key::apply as apply_key;
pub use key::{Sealing, forget, is_encrypted, remember, remembered, try_passphrase};
mod seal;
pub use files::{create_new_file, create_private_file, ensure_private_dir};
pub use seal::{Conversion, convert, others_have_it_open};
mod goals;
mod journal;
mod lifecycle;
mod meeting_goals;
mod migrate;
mod not_now;
mod open;
pub(crate) use open::open_error;
use open::{configure, harden, open_checked, open_to_write};
mod reality;
mod relationships;
mod resources;
mod restoring;
mod review;
mod schema;
mod search;
mod skills;
mod timeline;
mod timeline_rows;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::domain::Passphrase;
use crate::error::{Error, Result};

pub use relationships::{RelationshipOverview, RelationshipWithAnswers};

/// Marks a file as a mentorlog journal ("MLOG").
pub const APPLICATION_ID: i32 = 0x4D4C_4F47;

use migrate::migrate;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};

/// How long a write waits for another mentorlog holding the journal.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The journal. Concrete on purpose: tests use a real SQLite, in memory or in a temp dir.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// Rows readers left out because they could not be decoded.
    skipped: std::cell::RefCell<bad_rows::SkipLog>,
    /// The passphrase of an encrypted journal; `None` for a plain one.
    key: Option<Passphrase>,
}

impl Store {
    /// Opens the journal at `path`, creating it (and a private directory for it) when missing.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            files::create_journal(path, None, |conn| {
                harden(conn)?;
                configure(conn)?;
                migrate(conn, path, false)
            })?;
        }
        Store::open_existing(path)
    }

    /// Creates a new journal at `path`, encrypted with `passphrase` from its first byte (no
    /// plain page of it is ever written), and opens it. The passphrase is remembered for this
    /// process. Fails when `path` exists.
    pub fn create_encrypted(path: &Path, passphrase: &Passphrase) -> Result<Store> {
        if path.exists() {
            return Err(Error::Usage(format!(
                "{} exists already; nothing was changed. To encrypt it, run `mentorlog encrypt`.",
                path.display()
            )));
        }
        files::create_journal(path, Some(passphrase), |conn| {
            harden(conn)?;
            configure(conn)?;
            migrate(conn, path, false)
        })?;
        Store::unlock(path, passphrase)
    }

    /// Opens the existing journal at `path` with `passphrase` (which a plain journal does not
    /// need), and remembers it for this process when it opens the journal. A wrong one is
    /// [`Error::WrongPassphrase`], and the file is not changed by the try.
    pub fn unlock(path: &Path, passphrase: &Passphrase) -> Result<Store> {
        // With a write-ahead log beside it, opening would rebuild the log's index before a
        // wrong passphrase is found out: a typed one is checked on the file alone first.
        if files::has_log_index(path) && key::is_encrypted(path) {
            key::try_passphrase(path, passphrase)?;
        }
        let store = Store::open_with(path, Some(passphrase))?;
        if let Some(k) = &store.key {
            remember(path, k.clone());
        }
        Ok(store)
    }

    /// Opens the existing journal at `path` to write it, with `key` when it is encrypted
    /// (else the passphrase remembered for it), remembering nothing.
    pub(crate) fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let (conn, key) = open_to_write(path, key, &crate::progress::Unseen)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            skipped: bad_rows::new_log(),
            key,
        })
    }

    /// Whether this journal is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub(crate) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Opens a journal that must already exist, to read and write it. Before anything is
    /// written (the journal mode, a migration), the file is checked: ours, not newer than
    /// this build, and its schema exactly what our migrations make for its version.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_with(path, None)
    }

    /// Brings a journal older than this build up to date, telling `progress` what it does
    /// (a copy first, then the update; seconds for a large journal, once). Opens nothing when
    /// the file's header says it is current, or the file is missing or not a journal: opening
    /// it afterwards says what is wrong. An update that fails here is tried again, and
    /// reported, by the open that follows.
    pub fn update_older(path: &Path, progress: &dyn crate::progress::Progress) -> Result<()> {
        match files::recorded_version(path) {
            Some(v) if v > 0 && v < SCHEMA_VERSION => {}
            _ => return Ok(()),
        }
        open_to_write(path, None, progress).map(drop)
    }

    /// Opens a journal that must already exist for reading only: nothing is written to it,
    /// not even the journal mode, so commands that only read work on a full disk or a
    /// read-only file. A journal older than this build is refused with a word to run
    /// mentorlog once, which upgrades it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, key) = match open_checked(path, flags, false, None) {
            Ok(opened) => opened,
            // A journal in write-ahead mode needs its -shm beside it, which cannot be made on
            // a read-only or full file system. With no log there, nobody is writing it (a
            // writer keeps one), and it is read as the file alone.
            Err(Error::Blocked { .. }) if files::no_log(path) => {
                open_checked(path, flags | OpenFlags::SQLITE_OPEN_URI, true, None)?
            }
            Err(e) => return Err(e),
        };
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(path, &e))?;
        if version < SCHEMA_VERSION {
            // Reading needs the current schema: upgrade it, when the file can be written.
            drop(conn);
            return Store::open_existing(path).map_err(|e| match e {
                Error::Blocked { .. } => Error::OlderSchema {
                    path: path.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                },
                other => other,
            });
        }
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            skipped: bad_rows::new_log(),
            key,
        })
    }

    /// A journal that lives only in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        key::apply(&conn, None)?;
        harden(&conn)?;
        configure(&conn)?;
        migrate(&conn, Path::new(":memory:"), false)?;
        Ok(Store {
            conn,
            path: None,
            skipped: bad_rows::new_log(),
            key: None,
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
    pub fn counts(&self) -> Result<Counts> {
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
        Ok(Counts(out))
    }

    /// Moves everything from the write-ahead log into the file and empties the log.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// After text was deleted for good: copies the write-ahead log into the file (where
    /// `secure_delete` has zeroed what was deleted) and empties the log, which still holds
    /// the pages as they were. Best effort: the deletion is already durable, and when another
    /// mentorlog is reading, the log is emptied by a later call or when the last one closes.
    pub(crate) fn scrub(&self) {
        if self.path.is_none() {
            return;
        }
        let _ = self.conn.busy_timeout(Duration::from_millis(250));
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
    }

    /// Writes a consistent copy of the journal to `dest` (which must not exist), mode 0600.
    /// An encrypted journal's copy is encrypted with the same passphrase.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copies::vacuum_into(&self.conn, self.key.as_ref(), dest)
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

/// A write failure to simulate: see [`Store::simulate_fault`].
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    DiskFull,
    ReadOnly,
    None,
}

/// Row counts of what a journal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, i64)>);

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(what, n)| format!("{n} {what}"))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
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

    fn pragma(store: &Store, name: &str) -> i64 {
        store
            .conn
            .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn every_connection_distrusts_the_schema_and_writers_zero_deleted_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let writer = Store::open(&path).unwrap();
        assert_eq!(pragma(&writer, "trusted_schema"), 0);
        assert_eq!(pragma(&writer, "secure_delete"), 1);
        let reader = Store::open_read_only(&path).unwrap();
        assert_eq!(pragma(&reader, "trusted_schema"), 0);
        assert!(reader.conn.is_readonly(rusqlite::MAIN_DB).unwrap());
        let memory = Store::open_in_memory().unwrap();
        assert_eq!(pragma(&memory, "trusted_schema"), 0);
        assert_eq!(pragma(&memory, "secure_delete"), 1);
        let secure: i64 = memory
            .conn
            .query_row(
                "SELECT v FROM search_fts_config WHERE k = 'secure-delete'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(secure, 1, "the search index forgets deleted words at once");
    }

    #[test]
    fn an_older_journal_opened_to_read_is_upgraded_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0]).unwrap();
            c.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
            ))
            .unwrap();
        }
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let store = Store::open_in_memory().unwrap();
        migrate(&store.conn, Path::new(":memory:"), false).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
}
