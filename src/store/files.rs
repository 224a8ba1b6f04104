//! The journal as a file: header checks before SQLite touches it, private permissions,
//! atomic creation and backups.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::APPLICATION_ID;
use crate::error::{Error, Result};

const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Reads the 100-byte SQLite header without opening the database and refuses files that are
/// empty, not SQLite, shorter than the header says, or stamped by another application.
pub(super) fn check_header(path: &Path) -> Result<()> {
    let owned = || path.to_path_buf();
    let mut file = fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot open {}", path.display()), e))?;
    let len = file
        .metadata()
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?
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
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
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
    remove_stale_attempts(dir, &name);
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

/// A creation cut short (power loss, kill -9) leaves its temporary file behind; one older than
/// ten minutes belongs to nobody and is removed.
fn remove_stale_attempts(dir: &Path, name: &str) {
    let prefix = format!(".{name}.creating-");
    let Ok(entries) = fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if stale && entry.file_name().to_string_lossy().starts_with(&prefix) {
            remove_with_sidecars(&entry.path());
        }
    }
}

fn remove_with_sidecars(path: &Path) {
    let _ = fs::remove_file(path);
    for side in sidecars(path) {
        let _ = fs::remove_file(side);
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

/// `VACUUM INTO` a new owner-only file.
pub(super) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    create_private_file(dest)
        .map_err(|e| Error::io(format!("cannot create the backup {}", dest.display()), e))?;
    let dest_str = dest.to_string_lossy();
    if let Err(e) = conn.execute("VACUUM INTO ?1", [dest_str.as_ref()]) {
        let _ = fs::remove_file(dest);
        return Err(e.into());
    }
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
    let mut dest = PathBuf::from(&name);
    let mut n = 1;
    while dest.exists() {
        dest = PathBuf::from(format!("{}-{n}", name.to_string_lossy()));
        n += 1;
    }
    vacuum_into(conn, &dest)?;
    Ok(dest)
}
