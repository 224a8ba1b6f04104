//! What a restore needs of the store: a private, checked copy of the backup staged beside the
//! journal (in the journal's encryption), and the journal's content replaced with it in one
//! step, under its write lock, with the journal as it was kept first.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::APPLICATION_ID;
use super::copies::{Temporary, copy_pages, copy_whole, remove_stale_temporaries};
use super::files::{Sidecars, check_header};
use crate::domain::Passphrase;
use crate::error::{Error, Result};

/// How long a restore waits for other mentorlogs' writes to the journal before giving up.
const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

impl super::Store {
    /// The size of the journal's pages, in bytes.
    pub fn page_size(&self) -> Result<i64> {
        // For an encrypted journal SQLCipher answers with its own page size, as text.
        let size: rusqlite::types::Value =
            self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        match size {
            rusqlite::types::Value::Integer(n) => Ok(n),
            rusqlite::types::Value::Text(t) => t
                .trim()
                .parse()
                .map_err(|_| Error::Usage(format!("SQLite gave the page size as {t:?}"))),
            other => Err(Error::Usage(format!(
                "SQLite gave the page size as {other:?}"
            ))),
        }
    }

    /// A private copy of the file `from` (which is only read), as a temporary beside
    /// `journal`, with pages of `page_size` bytes when given. The file's header is checked
    /// first, so a file that is not a journal is refused under its own name.
    ///
    /// An encrypted `from` is opened with the first of `keys` that opens it
    /// ([`Error::WrongPassphrase`] when none does, [`Error::Locked`] when none is given).
    /// The copy is encrypted as `to` says: `Some(Some(key))` with that passphrase,
    /// `Some(None)` plain, `None` as `from` is. Returns the copy and its passphrase.
    pub fn stage_copy(
        from: &Path,
        journal: &Path,
        page_size: Option<i64>,
        keys: &[Passphrase],
        to: Option<Option<&Passphrase>>,
    ) -> Result<(Temporary, Option<Passphrase>)> {
        let sealing = check_header(from)?;
        // The backup is only read: no -wal/-shm of ours may stay beside it afterwards.
        let companions = Sidecars::note(from);
        let staged = Self::stage_copy_from(from, sealing, journal, page_size, keys, to);
        companions.remove_new_empty();
        staged
    }

    /// `from` opened to read, with the first of `keys` that opens it when it is encrypted.
    fn open_copy(
        from: &Path,
        sealing: super::key::Sealing,
        keys: &[Passphrase],
    ) -> Result<(Connection, Option<Passphrase>)> {
        let open = |key: Option<&Passphrase>| -> Result<Connection> {
            let src = Connection::open_with_flags(
                from,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| Error::Damaged {
                path: from.to_path_buf(),
                reason: e.to_string(),
            })?;
            super::key::apply(&src, key)?;
            super::harden(&src)?;
            src.busy_timeout(super::BUSY_TIMEOUT)?;
            if key.is_some() {
                super::key::verify(&src, from)?;
            }
            Ok(src)
        };
        if sealing == super::key::Sealing::Plain {
            return Ok((open(None)?, None));
        }
        if keys.is_empty() {
            return Err(Error::Locked {
                path: from.to_path_buf(),
            });
        }
        for key in keys {
            match open(Some(key)) {
                Ok(src) => return Ok((src, Some(key.clone()))),
                Err(Error::WrongPassphrase { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(Error::WrongPassphrase {
            path: from.to_path_buf(),
        })
    }

    fn stage_copy_from(
        from: &Path,
        sealing: super::key::Sealing,
        journal: &Path,
        page_size: Option<i64>,
        keys: &[Passphrase],
        to: Option<Option<&Passphrase>>,
    ) -> Result<(Temporary, Option<Passphrase>)> {
        let (src, from_key) = Self::open_copy(from, sealing, keys)?;
        let read = |sql: &str| -> Result<i64> {
            src.query_row(sql, [], |r| r.get(0))
                .map_err(|e| Error::Damaged {
                    path: from.to_path_buf(),
                    reason: e.to_string(),
                })
        };
        let app_id = read("PRAGMA application_id")?;
        let version = read("PRAGMA user_version")?;
        if app_id != i64::from(APPLICATION_ID) {
            return Err(Error::ForeignDatabase {
                path: from.to_path_buf(),
                detail: format!("application id {app_id:#x}, not mentorlog's"),
            });
        }
        if version > super::SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: from.to_path_buf(),
                found: version,
                supported: super::SCHEMA_VERSION,
            });
        }
        let to_key: Option<Passphrase> = match to {
            Some(k) => k.cloned(),
            None => from_key.clone(),
        };
        remove_stale_temporaries(journal);
        let tmp = Temporary::create_beside(journal)?;
        let damaged = |e: Error| match e {
            Error::Sqlite(e) => Error::Damaged {
                path: from.to_path_buf(),
                reason: e.to_string(),
            },
            other => other,
        };
        if from_key.is_none() && to_key.is_none() {
            if let Some(size) = page_size {
                // The next VACUUM INTO writes pages of this size (an integer from SQLite itself).
                src.execute_batch(&format!("PRAGMA page_size = {size}"))?;
            }
            copy_whole(&src, None, tmp.path()).map_err(damaged)?;
        } else {
            // `src` may only read: the export runs on a connection to the new file.
            super::key::export_file_into(from, from_key.as_ref(), tmp.path(), to_key.as_ref())
                .map_err(damaged)?;
        }
        Ok((tmp, to_key))
    }

    /// Puts a staged, checked and closed copy in place as the journal at `journal`, which
    /// must not exist yet: durable first, then linked, never over another file.
    pub fn place_staged(staged: Temporary, journal: &Path) -> Result<()> {
        staged.place_at(journal)
    }

    /// Replaces everything in this journal with the content of `source`, through SQLite's
    /// online backup, in one step under the journal's write lock: every connection open on
    /// the journal, in any process, sees the new content, and what they write afterwards
    /// lands in the real file. While the lock is held (nothing else can commit), the journal
    /// as it is being replaced is kept at `keep_as` (or `keep_as-N`); returns that name.
    pub fn replace_contents_with(&mut self, source: &Self, keep_as: &Path) -> Result<PathBuf> {
        use rusqlite::backup::{Backup, StepResult};
        let journal = self
            .path()
            .ok_or_else(|| Error::Usage("an in-memory journal cannot be restored into".into()))?
            .to_path_buf();
        if self.page_size()? != source.page_size()? {
            return Err(Error::Usage(format!(
                "the backup's pages are {} bytes and the journal's {}; nothing was changed",
                source.page_size()?,
                self.page_size()?
            )));
        }
        let busy = || {
            Error::Usage(format!(
                "another mentorlog kept writing to {} for {} seconds; nothing was changed. \
                 Try the restore again in a moment.",
                journal.display(),
                RESTORE_WAIT.as_secs()
            ))
        };
        let backup = Backup::new(&source.conn, &mut self.conn)?;
        // Zero pages: only takes the journal's write lock (waiting for other writers), and
        // holds it until the copy below is done or abandoned.
        let started = std::time::Instant::now();
        loop {
            match backup.step(0)? {
                StepResult::More | StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if started.elapsed() < RESTORE_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => return Err(busy()),
            }
        }
        // Nothing can commit now: keep exactly what is about to be replaced.
        let kept = {
            let reader = Connection::open_with_flags(
                &journal,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            super::key::apply(&reader, self.key.as_ref())?;
            reader.busy_timeout(super::BUSY_TIMEOUT)?;
            remove_stale_temporaries(keep_as);
            let tmp = Temporary::create_beside(keep_as)?;
            copy_pages(&reader, self.key.as_ref(), tmp.path())?;
            drop(reader);
            tmp.place_at_free_name(keep_as)?
        };
        // Every page at once: readers see the old journal or the new one, nothing between.
        let unfinished = |why: String| {
            Error::Usage(format!(
                "the restore could not finish ({why}); the journal is unchanged, and a copy of \
                 it is at {}",
                kept.display()
            ))
        };
        match backup.step(-1) {
            Ok(StepResult::Done) => {}
            Ok(other) => return Err(unfinished(format!("{other:?}"))),
            Err(e) => return Err(unfinished(e.to_string())),
        }
        drop(backup);
        // Moves the restored pages from the log into the file when no one is reading.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        Ok(kept)
    }
}
