//! Opening a journal file: checked before anything is written (header, key, identity,
//! version, schema), then configured and brought up to this build's version.

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::migrate::migrate_telling;
use super::{APPLICATION_ID, BUSY_TIMEOUT, SCHEMA_VERSION, copies, files, key, schema};
use crate::domain::Passphrase;
use crate::error::{Blocked, Error, Result};

/// Opens an existing journal to read and write it: checked (see [`open_checked`]), configured,
/// owner-only, and brought up to this build's version (its stages told to `progress`).
/// `given` is the passphrase to try for an encrypted journal (else the one remembered).
pub(super) fn open_to_write(
    path: &Path,
    given: Option<&Passphrase>,
    progress: &dyn crate::progress::Progress,
) -> Result<(Connection, Option<Passphrase>)> {
    let (conn, key) = open_checked(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        false,
        given,
    )?;
    configure(&conn).map_err(|e| write_error(path, e))?;
    files::tighten_permissions(path);
    migrate_telling(&conn, path, true, key.as_ref(), progress).map_err(|e| write_error(path, e))?;
    Ok((conn, key))
}

/// Opens an existing journal with `flags` and checks it, all before anything is written:
/// the header, the application id and version, and the schema.
/// `immutable` reads the file alone, without locks or a write-ahead log: only for a file
/// nobody can be writing.
pub(super) fn open_checked(
    path: &Path,
    flags: OpenFlags,
    immutable: bool,
    given: Option<&Passphrase>,
) -> Result<(Connection, Option<Passphrase>)> {
    if !path.exists() {
        return Err(Error::NoJournal {
            path: path.to_path_buf(),
        });
    }
    let sealing = files::check_header(path)?;
    let key = key::key_for(path, sealing, given)?;
    // Copies cut short by a crash or kill -9 are removed on the next start of any command.
    copies::remove_stale_temporaries(path);
    let sidecars = files::Sidecars::note(path);
    let conn = if immutable {
        Connection::open_with_flags(files::immutable_uri(path), flags)
    } else {
        Connection::open_with_flags(path, flags)
    }
    .map_err(|e| open_error(path, &e))?;
    let checked = (|| -> Result<()> {
        key::apply(&conn, key.as_ref())?;
        // A file refused below must stay as it is: closing this connection must not
        // checkpoint a write-ahead log into it.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        harden(&conn)?;
        if key.is_some() {
            key::verify(&conn, path)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The version and the schema from one snapshot, so another mentorlog migrating at
        // this moment is seen before or after, never half-way.
        conn.execute_batch("BEGIN DEFERRED")?;
        let seen =
            check_identity(&conn, path).and_then(|version| schema::verify(&conn, path, version));
        match seen {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        if flags.contains(OpenFlags::SQLITE_OPEN_READ_WRITE) {
            writable(&conn, path)?;
        }
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        Ok(())
    })();
    match checked {
        Ok(()) => Ok((conn, key)),
        Err(e) => {
            drop(conn);
            sidecars.remove_new_empty();
            Err(e)
        }
    }
}

/// Refuses, naming the cause, a journal opened to write that cannot be written: SQLite falls
/// back to reading when the file cannot be written, and every save would fail then (the
/// commands that only read open it read-only and work).
fn writable(conn: &Connection, path: &Path) -> Result<()> {
    let blocked = if conn.is_readonly(rusqlite::MAIN_DB)? {
        Some((
            files::diagnose(path, Some(rusqlite::ErrorCode::ReadOnly)),
            "it can only be opened for reading",
        ))
    } else if files::no_space_left(path) {
        Some((Blocked::DiskFull, "no space left on the device"))
    } else {
        None
    };
    match blocked {
        Some((cause, detail)) => Err(Error::Blocked {
            path: path.to_path_buf(),
            cause,
            detail: detail.into(),
        }),
        None => Ok(()),
    }
}

/// Settings every connection gets right after opening, before it reads the schema's SQL:
/// functions and virtual tables named in the file's schema are not trusted.
pub(super) fn harden(conn: &Connection) -> Result<()> {
    conn.execute_batch("PRAGMA trusted_schema = OFF;")?;
    Ok(())
}

/// An error met while opening: only a file SQLite finds damaged is called damaged; a full
/// disk, a read-only or locked file or a permission problem is named as such.
pub(crate) fn open_error(path: &Path, e: &rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        code => Error::Blocked {
            path: path.to_path_buf(),
            cause: files::diagnose(path, code),
            detail: e.to_string(),
        },
    }
}

/// A failed write while opening (the journal mode, a migration), named by its cause when
/// the cause is the file or its disk.
fn write_error(path: &Path, e: Error) -> Error {
    use rusqlite::ErrorCode as C;
    match &e {
        Error::Sqlite(inner)
            if matches!(
                inner.sqlite_error_code(),
                Some(
                    C::DiskFull
                        | C::ReadOnly
                        | C::DatabaseBusy
                        | C::DatabaseLocked
                        | C::CannotOpen
                        | C::SystemIoFailure
                        | C::PermissionDenied
                        | C::DatabaseCorrupt
                        | C::NotADatabase
                )
            ) =>
        {
            open_error(path, inner)
        }
        _ => e,
    }
}

/// Refuses files that are SQLite but not ours, or newer than this build, before any write.
/// Returns the file's schema version.
fn check_identity(conn: &Connection, path: &Path) -> Result<i64> {
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| open_error(path, &e))
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
    Ok(version)
}

/// Settings of a connection that writes. `secure_delete` overwrites deleted text with zeros,
/// so what is removed for good is not left in free space.
pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::Usage(format!(
            "the journal could not switch to write-ahead logging (SQLite answered {mode:?}); \
             is the file on a network or read-only file system?"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )?;
    Ok(())
}
