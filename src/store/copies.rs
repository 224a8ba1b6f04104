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

use super::files::{create_private_file, remove_with_sidecars};
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
    pub(super) fn place_at_free_name(self, base: &Path) -> Result<PathBuf> {
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
pub(super) fn copy_pages(src: &Connection, key: Option<&Passphrase>, tmp: &Path) -> Result<()> {
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
