//! The journal as a file: header checks before SQLite touches it, private permissions, what
//! keeps it from being opened, and atomic creation (copies are in `copies`).

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::APPLICATION_ID;
use super::copies::remove_stale_temporaries;
use crate::error::{Blocked, Error, Result};

const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Reads the 100-byte SQLite header without opening the database and refuses files that are
/// empty, not SQLite, shorter than the header says, or stamped by another application.
/// The schema version (`user_version`) an SQLite file's header records, read from its first
/// bytes without opening it; `None` when the file cannot be read or is not SQLite. A journal
/// in write-ahead mode may have a newer one in its log: the file is at least this version.
pub(super) fn recorded_version(path: &Path) -> Option<i64> {
    use std::io::Read;
    let mut header = [0u8; 64];
    fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    if &header[..16] != HEADER_MAGIC {
        return None;
    }
    Some(i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ])))
}

/// Whether the file at `path` is plain SQLite or encrypted, by its first bytes; `None` when
/// it cannot be read or is neither.
pub(super) fn sealing(path: &Path) -> Option<super::key::Sealing> {
    check_header(path).ok()
}

/// The smallest encrypted journal: one page of the smallest size SQLCipher writes.
const MIN_ENCRYPTED: u64 = 512;

pub(super) fn check_header(path: &Path) -> Result<super::key::Sealing> {
    let owned = || path.to_path_buf();
    if path.is_dir() {
        // A typed path that names the folder: a mistake to fix, not a failure.
        let shown = crate::text::sanitize_line(&path.display().to_string());
        return Err(Error::Usage(format!(
            "{shown} is a folder, not a journal file. Give the path of the file itself \
             (such as {}).",
            crate::text::sanitize_line(&path.join("journal.db").display().to_string())
        )));
    }
    let mut file = fs::File::open(path).map_err(|e| io_error(path, "cannot open", e))?;
    let len = file
        .metadata()
        .map_err(|e| io_error(path, "cannot read", e))?
        .len();
    if len == 0 {
        return Err(Error::EmptyFile { path: owned() });
    }
    let mut header = [0u8; HEADER_LEN];
    let mut read = 0;
    while read < HEADER_LEN {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(path, "cannot read", e)),
        }
    }
    if read < HEADER_MAGIC.len() || &header[..16] != HEADER_MAGIC {
        // An encrypted journal has no readable header at all: whole pages of what looks like
        // random bytes. Only its passphrase tells it from a file that is not a journal.
        if len >= MIN_ENCRYPTED && len % MIN_ENCRYPTED == 0 {
            return Ok(super::key::Sealing::Encrypted);
        }
        return Err(Error::NotSqlite { path: owned() });
    }
    if read < HEADER_LEN {
        return Err(Error::Truncated {
            path: owned(),
            expected: HEADER_LEN as u64,
            actual: len,
        });
    }
    let raw_page = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw_page == 1 {
        65_536
    } else {
        u64::from(raw_page)
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(Error::NotSqlite { path: owned() });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    // The page count in the header is only trustworthy when its "valid for" stamp matches.
    let pages = u64::from(be32(28));
    let pages_valid = be32(24) == be32(92) && pages > 0;
    let expected = if pages_valid {
        pages * page_size
    } else {
        page_size
    };
    if len < expected || len % page_size != 0 {
        return Err(Error::Truncated {
            path: owned(),
            expected: expected.max(len.div_ceil(page_size) * page_size),
            actual: len,
        });
    }
    let app_id = be32(68) as i32;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Error::ForeignDatabase {
            path: owned(),
            detail: format!("application id {app_id:#x}"),
        });
    }
    Ok(super::key::Sealing::Plain)
}

/// Why a journal that SQLite could not open or write is blocked, from SQLite's answer and a
/// look at the file and its file system (SQLite reports a full disk or a read-only file
/// system as a plain I/O error in some places).
pub(super) fn diagnose(path: &Path, code: Option<rusqlite::ErrorCode>) -> Blocked {
    use rusqlite::ErrorCode as C;
    match code {
        Some(C::DiskFull) => return Blocked::DiskFull,
        Some(C::DatabaseBusy | C::DatabaseLocked) => return Blocked::Busy,
        _ => {}
    }
    if let Some(fs) = file_system(journal_dir(path)) {
        if fs.read_only {
            return Blocked::ReadOnly;
        }
        if fs.full {
            return Blocked::DiskFull;
        }
    }
    match OpenOptions::new().read(true).write(true).open(path) {
        Err(e) if e.kind() == ErrorKind::ReadOnlyFilesystem => return Blocked::ReadOnly,
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            // An immutable file refuses writing even to root, and SQLite calls it read-only.
            return if code == Some(C::ReadOnly) {
                Blocked::ReadOnly
            } else {
                Blocked::PermissionDenied
            };
        }
        _ => {}
    }
    match code {
        Some(C::ReadOnly) => Blocked::ReadOnly,
        Some(C::PermissionDenied) => Blocked::PermissionDenied,
        _ => Blocked::CannotOpen,
    }
}

/// True when the journal's write-ahead log index (`-shm`) is beside it: beside the file
/// itself when `path` is a symbolic link, where SQLite puts it.
pub(super) fn has_log_index(path: &Path) -> bool {
    let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    sidecars(&real)[1].exists()
}

/// True when the journal has no write-ahead log with anything in it beside it.
pub(super) fn no_log(path: &Path) -> bool {
    let [wal, _] = sidecars(path);
    fs::metadata(wal).map_or(true, |m| m.len() == 0)
}

/// An SQLite URI that opens `path` as an immutable file (no locks, no -wal or -shm).
pub(super) fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Turns a failure to open or read the journal file into its cause.
pub(super) fn io_error(path: &Path, context: &str, e: std::io::Error) -> Error {
    let cause = match e.kind() {
        ErrorKind::PermissionDenied => Some(Blocked::PermissionDenied),
        ErrorKind::ReadOnlyFilesystem => Some(Blocked::ReadOnly),
        ErrorKind::StorageFull => Some(Blocked::DiskFull),
        _ => None,
    };
    match cause {
        Some(cause) => Error::Blocked {
            path: path.to_path_buf(),
            cause,
            detail: e.to_string(),
        },
        None => Error::io(format!("{context} {}", path.display()), e),
    }
}

/// True when the file system holding the journal has no room left for a write.
pub(super) fn no_space_left(path: &Path) -> bool {
    file_system(journal_dir(path)).is_some_and(|fs| fs.full)
}

fn journal_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

struct FileSystem {
    read_only: bool,
    full: bool,
}

/// Whether the file system holding `dir` is mounted read-only, or has no block left.
fn file_system(dir: &Path) -> Option<FileSystem> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::zeroed();
    // SAFETY: `c_path` is a valid NUL-terminated string and `stat` is writable memory of the
    // right type; statvfs only writes into it, and we read it only when it returns 0.
    let rc = unsafe { libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    // SAFETY: statvfs returned 0, so it filled the struct.
    let stat = unsafe { stat.assume_init() };
    // The field types differ between platforms (u32 on some 32-bit ones).
    #[allow(clippy::useless_conversion)]
    Some(FileSystem {
        read_only: stat.f_flag & libc::ST_RDONLY != 0,
        // A few pages: SQLite cannot write a transaction or grow its index in less.
        full: u64::from(stat.f_bavail) * u64::from(stat.f_frsize) < 64 * 1024,
    })
}

/// Creates a directory (and its parents) for the journal; the journal's own directory is 0700.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .map_err(|e| Error::io(format!("cannot make {} private", dir.display()), e))
}

/// Creates an empty file readable and writable by its owner only, failing if it exists.
pub fn create_private_file(path: &Path) -> std::io::Result<fs::File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// Creates a private file for something mentorlog writes out (an export), never replacing
/// one. A file that is already there, a missing folder or a folder that may not be written
/// are mistakes the person can fix, so they are usage errors that say what to do; `rename`
/// says how to choose another name (e.g. "give --out another name").
pub fn create_new_file(path: &Path, rename: &str) -> Result<fs::File> {
    create_private_file(path).map_err(|e| {
        let shown = crate::text::sanitize_line(&path.display().to_string());
        match e.kind() {
            ErrorKind::AlreadyExists => Error::Usage(format!(
                "{shown} already exists, and mentorlog never overwrites a file (there is no \
                 --force). Nothing was written: {rename}, or move or remove that file first."
            )),
            ErrorKind::NotFound
                if path
                    .parent()
                    .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir()) =>
            {
                Error::Usage(format!(
                    "cannot create {shown}: its folder does not exist. Nothing was written: create \
                 the folder first, or {rename}."
                ))
            }
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Error::Usage(format!(
                "cannot create {shown}: that folder may not be written ({e}). Nothing was \
                 written: {rename} in a folder you can write to."
            )),
            _ => Error::io(format!("cannot create {shown}"), e),
        }
    })
}

/// The -wal and -shm SQLite makes beside a journal in write-ahead mode, as they were before
/// opening it, so that a refused file is left with no new companions.
pub(super) struct Sidecars {
    new: Vec<PathBuf>,
}

impl Sidecars {
    pub(super) fn note(path: &Path) -> Sidecars {
        Sidecars {
            new: sidecars(path).into_iter().filter(|p| !p.exists()).collect(),
        }
    }

    /// Removes the companions that did not exist before and hold nothing (an empty log; the
    /// shared-memory index is only ever rebuilt from the log).
    pub(super) fn remove_new_empty(&self) {
        let wal_empty = self
            .new
            .iter()
            .find(|p| p.as_os_str().to_string_lossy().ends_with("-wal"))
            .is_none_or(|wal| fs::metadata(wal).map_or(true, |m| m.len() == 0));
        if wal_empty {
            for p in &self.new {
                let _ = fs::remove_file(p);
            }
        }
    }
}

fn sidecars(path: &Path) -> [PathBuf; 2] {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let mut shm = path.as_os_str().to_owned();
    shm.push("-shm");
    [PathBuf::from(wal), PathBuf::from(shm)]
}

/// Builds a new journal under a temporary name and links it into place only once it is
/// complete, so a crash during creation never leaves a half-made journal at `path`.
/// With `key`, the journal is encrypted from its first page.
pub(super) fn create_journal(
    path: &Path,
    key: Option<&crate::domain::Passphrase>,
    init: impl FnOnce(&Connection) -> Result<()>,
) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new(""));
    ensure_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".into());
    // Unique per attempt, so two first starts at once never touch each other's file.
    let tmp = dir.join(format!(
        ".{name}.creating-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    remove_stale_temporaries(path);
    create_private_file(&tmp)
        .map_err(|e| Error::io(format!("cannot create the journal {}", path.display()), e))?;
    let built = (|| -> Result<()> {
        let conn = Connection::open(&tmp)?;
        super::key::apply(&conn, key)?;
        init(&conn)?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    if let Err(e) = built {
        remove_with_sidecars(&tmp);
        return Err(e);
    }
    let linked = fs::hard_link(&tmp, path);
    remove_with_sidecars(&tmp);
    match linked {
        Ok(()) => Ok(()),
        // Another mentorlog created it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(
            format!("cannot create the journal {}", path.display()),
            e,
        )),
    }
}

/// Brings an existing journal (and its -wal/-shm) back to owner-only permissions.
pub(super) fn tighten_permissions(path: &Path) {
    let mut all = vec![path.to_path_buf()];
    all.extend(sidecars(path));
    for p in all {
        if let Ok(meta) = fs::metadata(&p)
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o600));
        }
    }
}

pub(super) fn remove_with_sidecars(path: &Path) {
    let _ = fs::remove_file(path);
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(side);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}
