//! Encryption at rest: which journals are encrypted, the passphrases this process was given,
//! and how every connection is keyed.
//!
//! An encrypted journal is an SQLCipher file: every page, the write-ahead log and every copy
//! mentorlog makes of it are encrypted with a key derived from the passphrase (SQLCipher's
//! default: PBKDF2-HMAC-SHA512, 256,000 iterations, a random salt per file). Nothing of it is
//! readable without the passphrase, and there is no way around a forgotten one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

use crate::domain::Passphrase;
use crate::error::{Error, Result};

/// The passphrases this process was given, by journal file (the command line asks once, at
/// the start; every open of that file afterwards uses it).
static KEYRING: Mutex<Vec<(PathBuf, Passphrase)>> = Mutex::new(Vec::new());

fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Remembers `passphrase` as the one of the journal at `path`, for every later open.
pub fn remember(path: &Path, passphrase: Passphrase) {
    let id = identity(path);
    let mut ring = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    ring.retain(|(p, _)| *p != id);
    ring.push((id, passphrase));
}

/// Forgets the passphrase of the journal at `path`.
pub fn forget(path: &Path) {
    let id = identity(path);
    KEYRING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|(p, _)| *p != id);
}

/// The passphrase remembered for the journal at `path`, if any.
pub fn remembered(path: &Path) -> Option<Passphrase> {
    let id = identity(path);
    KEYRING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(_, k)| k.clone())
}

/// Settings every connection gets first, before anything is read: SQLCipher says nothing on
/// stderr (it would draw over the full-screen app), temporary tables and sorts stay in
/// memory (never plain text in a temp file), and, for an encrypted file, its key.
pub(crate) fn apply(conn: &Connection, key: Option<&Passphrase>) -> Result<()> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA temp_store = MEMORY;")?;
    if let Some(key) = key {
        conn.pragma_update(None, "key", key.as_str())?;
    }
    Ok(())
}

/// Whether the file at `path` is encrypted, by its first bytes: every SQLite file starts with
/// the same sixteen, an SQLCipher file with its random salt. `Ok(false)` for a missing file.
pub fn is_encrypted(path: &Path) -> bool {
    matches!(super::files::sealing(path), Some(Sealing::Encrypted))
}

/// What a journal file's first bytes say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    /// A plain SQLite file.
    Plain,
    /// No SQLite header, and whole pages: an encrypted journal (or random bytes, which only
    /// a passphrase can tell apart).
    Encrypted,
}

/// The key to open the file at `path` with: none for a plain file; for an encrypted one,
/// `given`, else the one remembered, else a refusal that says how to give it.
pub(crate) fn key_for(
    path: &Path,
    sealing: Sealing,
    given: Option<&Passphrase>,
) -> Result<Option<Passphrase>> {
    match sealing {
        Sealing::Plain => Ok(None),
        Sealing::Encrypted => match given.cloned().or_else(|| remembered(path)) {
            Some(k) => Ok(Some(k)),
            None => Err(Error::Locked {
                path: path.to_path_buf(),
            }),
        },
    }
}

/// The first read of an encrypted file: SQLCipher derives the key and checks it against the
/// first page. A wrong passphrase (or a file that is not a journal at all) fails here.
pub(crate) fn verify(conn: &Connection, path: &Path) -> Result<()> {
    use rusqlite::ErrorCode as C;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sqlite_error_code(), Some(C::NotADatabase)) => {
            Err(Error::WrongPassphrase {
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(super::open_error(path, &e)),
    }
}

/// Writes a complete copy of `conn`'s main database into the new empty file `dest`,
/// encrypted with `to` (plain with `None`), through SQLCipher's export: every table, index,
/// trigger and the search index, and the application id and version. Nothing of the copy is
/// ever on disk in another form than the one asked for.
pub(crate) fn export_into(
    conn: &Connection,
    from: Option<&Passphrase>,
    dest: &Path,
    to: Option<&Passphrase>,
) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
    if conn.is_readonly(c"main")? {
        return export_from_read_only(conn, from, dest, to, version, app_id);
    }
    conn.execute(
        "ATTACH DATABASE ?1 AS sealed_copy KEY ?2",
        rusqlite::params![dest.to_string_lossy(), to.map_or("", Passphrase::as_str)],
    )?;
    let exported = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('sealed_copy')", [], |_| Ok(()))?;
        // Integers read from SQLite itself.
        conn.execute_batch(&format!(
            "PRAGMA sealed_copy.user_version = {version}; \
             PRAGMA sealed_copy.application_id = {app_id};"
        ))?;
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE sealed_copy");
    exported?;
    detached?;
    Ok(())
}

/// [`export_into`] from a connection opened to read only, which cannot attach a file to
/// write: the copy's own connection reads the journal (with `from`, its passphrase) instead.
fn export_from_read_only(
    conn: &Connection,
    from: Option<&Passphrase>,
    dest: &Path,
    to: Option<&Passphrase>,
    version: i64,
    app_id: i64,
) -> Result<()> {
    let source = conn
        .path()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Error::Usage("a journal in memory cannot be copied this way".into()))?
        .to_string();
    let out = Connection::open(dest)?;
    apply(&out, to)?;
    out.execute(
        "ATTACH DATABASE ?1 AS journal KEY ?2",
        rusqlite::params![source, from.map_or("", Passphrase::as_str)],
    )?;
    let exported = (|| -> Result<()> {
        out.query_row("SELECT sqlcipher_export('main', 'journal')", [], |_| Ok(()))?;
        // Integers read from SQLite itself.
        out.execute_batch(&format!(
            "PRAGMA main.user_version = {version}; PRAGMA main.application_id = {app_id};"
        ))?;
        Ok(())
    })();
    let detached = out.execute_batch("DETACH DATABASE journal");
    exported?;
    detached?;
    out.close().map_err(|(_, e)| Error::Sqlite(e))?;
    Ok(())
}

/// Whether `passphrase` opens the encrypted file at `path`: [`Error::WrongPassphrase`] when
/// it does not. The file is read alone (no lock, no log beside it created) and never written.
pub fn try_passphrase(path: &Path, passphrase: &Passphrase) -> Result<()> {
    let conn = Connection::open_with_flags(
        super::files::immutable_uri(path),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| super::open_error(path, &e))?;
    apply(&conn, Some(passphrase))?;
    verify(&conn, path)
}
