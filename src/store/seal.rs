//! Encrypting, decrypting and changing the passphrase of a journal: a complete new file is
//! written beside it (SQLCipher's export), checked, made durable and put in the journal's
//! place in one rename. Killed at any moment, the journal is the old file or the new one,
//! whole, opened by exactly one passphrase; the half-written copy is removed on a later start.

use std::fs;
use std::path::Path;

use super::copies::Temporary;
use super::{Counts, Store, files};
use crate::domain::Passphrase;
use crate::error::{Error, Result};

/// What a conversion did: the journal's content, which is the same before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    pub counts: Counts,
    /// Whether the journal is encrypted now.
    pub encrypted: bool,
}

/// The process id of another program that has the journal at `path` open (another
/// mentorlog, or an SQLite tool), if any: each connection to a journal in write-ahead mode
/// holds a shared lock on one byte of its `-shm` file for as long as it is open.
///
/// Never to be asked while this process has a connection open on the journal: closing the
/// `-shm` this opens drops every lock the process holds on it, that connection's too.
pub fn others_have_it_open(path: &Path) -> Option<u32> {
    use std::os::unix::io::AsRawFd;
    // Beside the file itself when `path` is a symbolic link, where SQLite puts it.
    let real = fs::canonicalize(path).ok()?;
    let mut shm = real.into_os_string();
    shm.push("-shm");
    let file = fs::OpenOptions::new().read(true).open(shm).ok()?;
    // SQLite's "dead man switch" byte: 120 bytes of locks' base, then eight lock slots.
    const DMS: libc::off_t = 128;
    // SAFETY: a zeroed flock is a valid value of the struct; fcntl only reads and writes it.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = DMS;
    lock.l_len = 1;
    // SAFETY: F_GETLK on a descriptor this function owns, with a valid flock to fill in. It
    // sets no lock; locks held by this process itself are never reported.
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    if rc != 0 || lock.l_type == libc::F_UNLCK as libc::c_short {
        return None;
    }
    u32::try_from(lock.l_pid).ok().filter(|pid| *pid > 0)
}

/// Turns the journal at `path` into one encrypted with `to`, or into a plain one with
/// `None`. The journal is opened with the passphrase remembered for it (see
/// [`super::remember`]); afterwards the new one is remembered in its place. A `path` that is
/// a symbolic link is followed: the file it points to is converted, the link kept.
///
/// Refused, with nothing changed, while another program has the journal open: what it wrote
/// afterwards would go to the old file and be lost. From the moment it is opened until the
/// new file is in its place, the journal is held so that no other program can read or write
/// it: another mentorlog waits, then fails saying the journal is locked (a long conversion
/// may make it fail; nothing it was given is taken and lost).
pub fn convert(path: &Path, to: Option<&Passphrase>) -> Result<Conversion> {
    let real = fs::canonicalize(path).map_err(|e| files::io_error(path, "cannot open", e))?;
    let path = real.as_path();
    // Asked before this process opens the journal: a look at the -shm while a connection of
    // ours is open would drop that connection's locks on it.
    refuse_if_open(path)?;
    let store = Store::open_existing(path)?;
    if store.key.is_none() && to.is_none() {
        return Err(Error::Usage(format!(
            "{} is not encrypted; nothing was changed.",
            path.display()
        )));
    }
    hold(&store, path)?;
    let counts = store.counts()?;
    super::copies::remove_stale_temporaries(path);
    let tmp = Temporary::create_beside(path)?;
    super::key::export_into(&store.conn, tmp.path(), to)?;
    tmp.sync()?;
    check_copy(tmp.path(), to, &counts)?;
    // Still held (and with no write-ahead log or index left beside it): no other program
    // can have opened the old file in the meantime, so nothing can be written to it once
    // the new one is in its place.
    tmp.put_in_place_of(path)?;
    let Store { conn, .. } = store;
    conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
    match to {
        Some(k) => super::remember(path, k.clone()),
        None => super::forget(path),
    }
    Ok(Conversion {
        counts,
        encrypted: to.is_some(),
    })
}

/// Takes the journal for this connection alone until it closes: an exclusive lock on the
/// file (kept, in exclusive locking mode), everything in the write-ahead log copied into the
/// file, and the log and its index removed (out of write-ahead mode; the journal's mode is
/// set again the next time it is opened), so the file alone holds the journal.
fn hold(store: &Store, path: &Path) -> Result<()> {
    let busy = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::Usage(format!(
                "another program (perhaps another mentorlog) is using {}. Nothing was \
                 changed: quit it, then run this again.",
                path.display()
            ))
        }
        _ => Error::Sqlite(e),
    };
    let conn = &store.conn;
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;")
        .map_err(busy)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = MEMORY", [], |r| r.get(0))
        .map_err(busy)?;
    if !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::Usage(format!(
            "{} could not be taken for the conversion (SQLite answered {mode:?}). Nothing \
             was changed: quit any other program using it, then run this again.",
            path.display()
        )));
    }
    // Leaving write-ahead mode rewrote the header; the lock is kept from that write on.
    conn.execute_batch("BEGIN IMMEDIATE; COMMIT;")
        .map_err(busy)?;
    Ok(())
}

fn refuse_if_open(path: &Path) -> Result<()> {
    match others_have_it_open(path) {
        Some(pid) => Err(Error::Usage(format!(
            "another program (process {pid}, perhaps another mentorlog) has {} open. Nothing \
             was changed: quit it, then run this again.",
            path.display()
        ))),
        None => Ok(()),
    }
}

/// The new file opens with its passphrase, passes SQLite's integrity check and holds exactly
/// what the journal holds.
fn check_copy(copy: &Path, key: Option<&Passphrase>, counts: &Counts) -> Result<()> {
    let store = Store::open_with(copy, key)?;
    let integrity = store.integrity_check()?;
    let copied = store.counts()?;
    if integrity != "ok" || copied != *counts {
        return Err(Error::Usage(format!(
            "the new copy of the journal did not come out whole (integrity: {integrity}; \
             holds {copied}, the journal {counts}). Nothing was changed."
        )));
    }
    Ok(())
}
