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
pub fn others_have_it_open(path: &Path) -> Option<u32> {
    use std::os::unix::io::AsRawFd;
    let mut shm = path.as_os_str().to_owned();
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
/// [`super::remember`]); afterwards the new one is remembered in its place.
///
/// Refused, with nothing changed, while another program has the journal open: what it wrote
/// afterwards would go to the old file and be lost.
pub fn convert(path: &Path, to: Option<&Passphrase>) -> Result<Conversion> {
    let store = Store::open_existing(path)?;
    if store.key.is_none() && to.is_none() {
        return Err(Error::Usage(format!(
            "{} is not encrypted; nothing was changed.",
            path.display()
        )));
    }
    refuse_if_open(path)?;
    let counts = store.counts()?;
    // Everything into the file itself first: the export reads the committed journal.
    store.checkpoint()?;
    super::copies::remove_stale_temporaries(path);
    let tmp = Temporary::create_beside(path)?;
    super::key::export_into(&store.conn, store.key.as_ref(), tmp.path(), to)?;
    check_copy(tmp.path(), to, &counts)?;
    // Closing the last connection empties and removes the write-ahead log, which belongs to
    // the old file and must not be read with the new one.
    let Store { conn, .. } = store;
    conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
    refuse_if_open(path)?;
    tmp.put_in_place_of(path)?;
    files::remove_empty_log(path);
    match to {
        Some(k) => super::remember(path, k.clone()),
        None => super::forget(path),
    }
    Ok(Conversion {
        counts,
        encrypted: to.is_some(),
    })
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
