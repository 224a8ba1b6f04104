//! Copies: every file mentorlog writes besides the journal itself.
//!
//! A copy is written under a temporary name in the folder it is meant for, made durable, and
//! only then linked to its real name, which is never overwritten. A copy cut short (kill -9,
//! power loss) is therefore never found under its real name; its temporary is recognisably
//! ours (`.<name>.mentorlog-tmp-<pid>-<id>`) and removed on a later start.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::APPLICATION_ID;
use super::files::{Sidecars, check_header, create_private_file, remove_with_sidecars};
use crate::domain::Passphrase;
use crate::error::{Error, Result};

/// Marks a temporary file of ours; the writer's process id follows it.
const TMP_MARK: &str = ".mentorlog-tmp-";
/// A temporary older than this is removed even if its process id is in use again.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A fresh temporary name beside `dest`, unique to this process and attempt.
fn temp_name_for(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "copy".into());
    // Keeps the whole name well under the 255 bytes a file name may have.
    let short: String = name.chars().take(80).collect();
    folder_of(dest).join(format!(
        ".{short}{TMP_MARK}{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ))
}

/// The process id written into a temporary's name by [`temp_name_for`] or by
/// `create_journal`, when `name` is one of ours.
fn temp_owner(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let rest = if let Some(at) = name.rfind(TMP_MARK) {
        &name[at + TMP_MARK.len()..]
    } else if let Some(at) = name.rfind(".creating-") {
        &name[at + ".creating-".len()..]
    } else {
        return None;
    };
    // The process id, then the attempt's id (and SQLite's sidecar suffixes).
    let (pid, id) = rest.split_once('-')?;
    if id.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Removes, from the folder of `path`, the temporaries a killed or crashed mentorlog left:
/// ours by name, and their writer gone or them untouched for a quarter of an hour. Also the
/// `.restoring-<id>` copies older versions left behind.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER)
        };
        let stale = match temp_owner(&name) {
            Some(pid) => !process_alive(pid) || old(),
            None => name.starts_with(".restoring-") && old(),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary of ours; removed (with SQLite's sidecars and any copy named after it) when
/// dropped, unless it was linked into place first.
pub struct Temporary {
    path: PathBuf,
}

impl Temporary {
    /// An empty owner-only file under a fresh temporary name beside `dest`.
    pub(super) fn create_beside(dest: &Path) -> Result<Temporary> {
        let path = temp_name_for(dest);
        create_private_file(&path).map_err(|e| {
            let folder = folder_of(dest).display().to_string();
            let folder = crate::text::sanitize_line(&folder);
            match e.kind() {
                // Mistakes in a path someone typed: said as such, with what to do.
                std::io::ErrorKind::NotFound => Error::Usage(format!(
                    "cannot write in the folder {folder}: it does not exist. Nothing was \
                     written: create the folder first, or choose another place."
                )),
                std::io::ErrorKind::PermissionDenied => Error::Usage(format!(
                    "cannot write in the folder {folder} ({e}). Nothing was written: choose \
                     a folder you may write to."
                )),
                _ => Error::io(format!("cannot write in the folder {folder}"), e),
            }
        })?;
        Ok(Temporary { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes what was written to the temporary durable.
    pub(super) fn sync(&self) -> Result<()> {
        sync_file(&self.path)
    }

    /// Makes the temporary durable and gives it the name `dest`, which must not exist
    /// (an `AlreadyExists` I/O error otherwise); then makes the folder's entry durable too.
    pub(super) fn place_at(self, dest: &Path) -> Result<()> {
        sync_file(&self.path)?;
        link_without_overwriting(&self.path, dest).map_err(|e| {
            Error::io(
                if e.kind() == ErrorKind::AlreadyExists {
                    format!(
                        "{} already exists; mentorlog never overwrites a file",
                        dest.display()
                    )
                } else {
                    format!("cannot write {}", dest.display())
                },
                e,
            )
        })?;
        sync_folder(folder_of(dest));
        Ok(())
    }

    /// Makes the temporary durable and puts it in place of `dest` in one rename, then makes
    /// the folder's entry durable: `dest` is the old file or this one, never anything between.
    pub(super) fn put_in_place_of(self, dest: &Path) -> Result<()> {
        sync_file(&self.path)?;
        fs::rename(&self.path, dest)
            .map_err(|e| Error::io(format!("cannot replace {}", dest.display()), e))?;
        sync_folder(folder_of(dest));
        Ok(())
    }

    /// Like [`Temporary::place_at`], at `base` or, when that exists, `base-1`, `base-2`, ...
    fn place_at_free_name(self, base: &Path) -> Result<PathBuf> {
        sync_file(&self.path)?;
        for n in 0..1000 {
            let dest = if n == 0 {
                base.to_path_buf()
            } else {
                PathBuf::from(format!("{}-{n}", base.display()))
            };
            match link_without_overwriting(&self.path, &dest) {
                Ok(()) => {
                    sync_folder(folder_of(&dest));
                    return Ok(dest);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(format!("cannot write {}", dest.display()), e)),
            }
        }
        Err(Error::Usage(format!(
            "too many copies named {}*; move some of them away",
            base.display()
        )))
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        remove_with_sidecars(&self.path);
        // A migration of a staged copy leaves its own copy named after it.
        let prefix = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        if let (Some(prefix), Ok(entries)) = (prefix, fs::read_dir(folder_of(&self.path))) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

fn sync_file(path: &Path) -> Result<()> {
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("cannot make {} durable", path.display()), e))
}

/// Makes a new name in `dir` durable. Some file systems cannot sync a folder; the copy itself
/// is durable already, so that is not worth failing for.
fn sync_folder(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Gives `from` the additional name `to`, failing with `AlreadyExists` rather than replacing
/// anything. A hard link first; where the file system has none (FAT on a USB stick), a rename
/// that refuses to replace.
fn link_without_overwriting(from: &Path, to: &Path) -> std::io::Result<()> {
    let err = match fs::hard_link(from, to) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(e),
        Err(e) => e,
    };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
        if let (Ok(a), Ok(b)) = (c(from), c(to)) {
            // SAFETY: two valid NUL-terminated paths, relative to the current folder.
            let rc = unsafe {
                libc::renameat2(
                    libc::AT_FDCWD,
                    a.as_ptr(),
                    libc::AT_FDCWD,
                    b.as_ptr(),
                    libc::RENAME_NOREPLACE,
                )
            };
            if rc == 0 {
                return Ok(());
            }
            let e = std::io::Error::last_os_error();
            if e.kind() == ErrorKind::AlreadyExists {
                return Err(e);
            }
        }
    }
    if to.symlink_metadata().is_ok() {
        return Err(std::io::Error::new(
            ErrorKind::AlreadyExists,
            "the file exists",
        ));
    }
    fs::rename(from, to).map_err(|_| err)
}

/// Writes a new owner-only copy at `dest` through a temporary: `fill` writes the temporary.
/// `dest` is never overwritten, and never exists half-written.
fn write_new(dest: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    remove_stale_temporaries(dest);
    let tmp = Temporary::create_beside(dest)?;
    fill(tmp.path())?;
    tmp.place_at(dest)
}

/// `VACUUM INTO` a new owner-only file at `dest` (see [`write_new`]).
/// An encrypted journal's copy is encrypted with its passphrase, `key`.
pub(super) fn vacuum_into(conn: &Connection, key: Option<&Passphrase>, dest: &Path) -> Result<()> {
    write_new(dest, |tmp| copy_whole(conn, key, tmp))
}

/// A complete, compact copy of `conn`'s journal into the empty file `tmp`: `VACUUM INTO` for
/// a plain journal; for an encrypted one, SQLCipher's export to a file encrypted with the
/// same passphrase (`VACUUM INTO` would write it out unencrypted, or damaged). A read-only
/// connection (`mentorlog backup`, the daily copy) cannot write the file the export attaches:
/// there, the encrypted pages are copied as they are.
pub(super) fn copy_whole(conn: &Connection, key: Option<&Passphrase>, tmp: &Path) -> Result<()> {
    match key {
        Some(key) if conn.is_readonly(rusqlite::MAIN_DB)? => copy_pages(conn, Some(key), tmp),
        Some(key) => super::key::export_into(conn, tmp, Some(key)),
        None => {
            conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
            Ok(())
        }
    }
}

/// Copies every page of `src`'s main database into the empty file at `tmp`, as it is: unlike
/// `VACUUM INTO` this also keeps a journal with a damaged page, so it can be looked at later.
/// A copy of an encrypted journal is encrypted with its passphrase, `key`. The copy is a file
/// alone (not in write-ahead mode), so a look at it later leaves nothing beside it.
fn copy_pages(src: &Connection, key: Option<&Passphrase>, tmp: &Path) -> Result<()> {
    let mut out = Connection::open(tmp)?;
    super::key::apply(&out, key)?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut out)?;
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => {}
            other => {
                return Err(Error::Usage(format!(
                    "the copy could not be finished ({other:?}); nothing was changed, try again"
                )));
            }
        }
    }
    out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    out.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Keeps a copy of the journal as it was before a migration, next to it.
pub(super) fn backup_before_migration(
    conn: &Connection,
    key: Option<&Passphrase>,
    path: &Path,
    version: i64,
) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".backup-v{version}-{stamp}"));
    let base = PathBuf::from(&name);
    remove_stale_temporaries(&base);
    let tmp = Temporary::create_beside(&base)?;
    copy_whole(conn, key, tmp.path())?;
    tmp.place_at_free_name(&base)
}

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

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn temporaries_are_recognised_by_name_with_their_process_id() {
        let id = "0192f0c4a1b27c3d8e9f0a1b2c3d4e5f";
        assert_eq!(temp_owner(&format!(".copy.db{TMP_MARK}42-{id}")), Some(42));
        assert_eq!(
            temp_owner(&format!(".journal.db{TMP_MARK}7-{id}-journal")),
            Some(7)
        );
        assert_eq!(temp_owner(".journal.db.creating-99-abc"), Some(99));
        for not_ours in [
            "journal.db",
            &format!("copy.db{TMP_MARK}42-{id}"),
            &format!(".copy.db{TMP_MARK}x1-{id}"),
            &format!(".copy.db{TMP_MARK}42-"),
            ".journal.db.backup-20261122T100000",
        ] {
            assert_eq!(temp_owner(not_ours), None, "{not_ours}");
        }
    }

    #[test]
    fn a_copy_never_replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("taken.db");
        fs::write(&dest, b"someone's file").unwrap();
        let err = write_new(&dest, |tmp| {
            fs::write(tmp, b"new content").map_err(|e| Error::io("test", e))
        })
        .unwrap_err();
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == ErrorKind::AlreadyExists),
            "{err}"
        );
        assert_eq!(fs::read(&dest).unwrap(), b"someone's file");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary left behind");

        let fresh = dir.path().join("fresh.db");
        write_new(&fresh, |tmp| {
            fs::write(tmp, b"new content").map_err(|e| Error::io("test", e))
        })
        .unwrap();
        assert_eq!(fs::read(&fresh).unwrap(), b"new content");
        assert_eq!(
            fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
