//! The journal as a file: header checks before SQLite touches it, private permissions,
//! atomic creation and backups.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::APPLICATION_ID;
use crate::error::{Blocked, Error, Result};

const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Reads the 100-byte SQLite header without opening the database and refuses files that are
/// empty, not SQLite, shorter than the header says, or stamped by another application.
pub(super) fn check_header(path: &Path) -> Result<()> {
    let owned = || path.to_path_buf();
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
    Ok(())
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
pub(super) fn create_journal(
    path: &Path,
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

// ---- Copies: every file mentorlog writes besides the journal itself ------------------------
//
// A copy is written under a temporary name in the folder it is meant for, made durable, and
// only then linked to its real name, which is never overwritten. A copy cut short (kill -9,
// power loss) is therefore never found under its real name; its temporary is recognisably
// ours (`.<name>.mentorlog-tmp-<pid>-<id>`) and removed on a later start.

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

fn remove_with_sidecars(path: &Path) {
    let _ = fs::remove_file(path);
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(side);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

/// A temporary of ours; removed (with SQLite's sidecars and any copy named after it) when
/// dropped, unless it was linked into place first.
pub struct Temporary {
    path: PathBuf,
}

impl Temporary {
    /// An empty owner-only file under a fresh temporary name beside `dest`.
    fn create_beside(dest: &Path) -> Result<Temporary> {
        let path = temp_name_for(dest);
        create_private_file(&path).map_err(|e| {
            Error::io(
                format!("cannot write in the folder {}", folder_of(dest).display()),
                e,
            )
        })?;
        Ok(Temporary { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the temporary durable and gives it the name `dest`, which must not exist
    /// (an `AlreadyExists` I/O error otherwise); then makes the folder's entry durable too.
    fn place_at(self, dest: &Path) -> Result<()> {
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
pub(super) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    write_new(dest, |tmp| {
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
        Ok(())
    })
}

/// Copies every page of `src`'s main database into the empty file at `tmp`, as it is: unlike
/// `VACUUM INTO` this also keeps a journal with a damaged page, so it can be looked at later.
fn copy_pages(src: &Connection, tmp: &Path) -> Result<()> {
    let mut out = Connection::open(tmp)?;
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
    out.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Keeps a copy of the journal as it was before a migration, next to it.
pub(super) fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: i64,
) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".backup-v{version}-{stamp}"));
    let base = PathBuf::from(&name);
    remove_stale_temporaries(&base);
    let tmp = Temporary::create_beside(&base)?;
    conn.execute("VACUUM INTO ?1", [tmp.path().to_string_lossy().as_ref()])?;
    tmp.place_at_free_name(&base)
}

/// How long a restore waits for other mentorlogs' writes to the journal before giving up.
const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

impl super::Store {
    /// The size of the journal's pages, in bytes.
    pub fn page_size(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
    }

    /// A private copy of the file `from` (which is only read), as a temporary beside
    /// `journal`, with pages of `page_size` bytes when given. The file's header is checked
    /// first, so a file that is not a journal is refused under its own name.
    pub fn stage_copy(from: &Path, journal: &Path, page_size: Option<i64>) -> Result<Temporary> {
        check_header(from)?;
        // The backup is only read: no -wal/-shm of ours may stay beside it afterwards.
        let companions = Sidecars::note(from);
        let staged = Self::stage_copy_from(from, journal, page_size);
        companions.remove_new_empty();
        staged
    }

    fn stage_copy_from(from: &Path, journal: &Path, page_size: Option<i64>) -> Result<Temporary> {
        let src = Connection::open_with_flags(
            from,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Damaged {
            path: from.to_path_buf(),
            reason: e.to_string(),
        })?;
        src.busy_timeout(super::BUSY_TIMEOUT)?;
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
        if let Some(size) = page_size {
            // The next VACUUM INTO writes pages of this size (an integer from SQLite itself).
            src.execute_batch(&format!("PRAGMA page_size = {size}"))?;
        }
        remove_stale_temporaries(journal);
        let tmp = Temporary::create_beside(journal)?;
        src.execute("VACUUM INTO ?1", [tmp.path().to_string_lossy().as_ref()])
            .map_err(|e| Error::Damaged {
                path: from.to_path_buf(),
                reason: e.to_string(),
            })?;
        Ok(tmp)
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
            reader.busy_timeout(super::BUSY_TIMEOUT)?;
            remove_stale_temporaries(keep_as);
            let tmp = Temporary::create_beside(keep_as)?;
            copy_pages(&reader, tmp.path())?;
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
