//! Compressed copies: a snapshot of the journal taken on a read-only connection of its own (so
//! it can be made beside the app, which keeps saving), compressed with zstd, and read back for
//! a restore or a check. Written like every copy (see `copies`): under a temporary name,
//! durable, then linked to a name that is never overwritten.

use std::fs;
use std::io::{self, BufWriter, ErrorKind, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, InterruptHandle, OpenFlags};

use super::copies::{Temporary, remove_stale_temporaries};
use crate::error::{Error, Result};

/// The four bytes every zstd frame starts with.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// How much is read and compressed at a time (and how often a stop is looked for).
const CHUNK: usize = 1 << 20;

/// True when the file at `path` is zstd-compressed (by its first bytes, not its name).
pub fn is_compressed(path: &Path) -> bool {
    let mut head = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == ZSTD_MAGIC
}

/// Stops a copy being made on another thread: SQLite's snapshot is interrupted, the
/// compression ends at its next chunk, and the temporaries are removed.
#[derive(Clone, Default)]
pub struct StopCopy {
    stopped: Arc<AtomicBool>,
    sqlite: Arc<Mutex<Option<InterruptHandle>>>,
}

impl StopCopy {
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        if let Ok(handle) = self.sqlite.lock()
            && let Some(handle) = handle.as_ref()
        {
            handle.interrupt();
        }
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    fn check(&self) -> Result<()> {
        if self.is_stopped() {
            return Err(Error::Usage("the copy was stopped".into()));
        }
        Ok(())
    }

    fn watch(&self, conn: Option<&Connection>) {
        if let Ok(mut handle) = self.sqlite.lock() {
            *handle = conn.map(Connection::get_interrupt_handle);
        }
    }
}

/// Writes a compressed snapshot of the journal at `journal` as a new file at `dest` (never
/// overwritten; an `AlreadyExists` I/O error when it is there). The snapshot is read on a
/// read-only connection of its own: in write-ahead mode, writers go on meanwhile.
/// `Ok(false)` when `stop` stopped it; nothing is left under `dest` then.
pub fn compressed_snapshot(
    journal: &Path,
    dest: &Path,
    level: i32,
    stop: &StopCopy,
) -> Result<bool> {
    match snapshot(journal, dest, level, stop) {
        Ok(()) => Ok(true),
        Err(_) if stop.is_stopped() => Ok(false),
        Err(e) => Err(e),
    }
}

fn snapshot(journal: &Path, dest: &Path, level: i32, stop: &StopCopy) -> Result<()> {
    remove_stale_temporaries(dest);
    let plain = Temporary::create_beside(dest)?;
    let key = super::key::key_for(journal, super::files::check_header(journal)?, None)?;
    {
        let conn = Connection::open_with_flags(
            journal,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| super::open_error(journal, &e))?;
        super::key::apply(&conn, key.as_ref())?;
        super::harden(&conn)?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        if key.is_some() {
            super::key::verify(&conn, journal)?;
        }
        stop.watch(Some(&conn));
        let made = stop
            .check()
            .and_then(|()| super::copies::copy_whole(&conn, key.as_ref(), plain.path()));
        stop.watch(None);
        made?;
    }
    stop.check()?;
    if key.is_some() {
        // Encrypted pages do not compress: the copy is kept as it is, encrypted.
        return plain.place_at(dest);
    }
    let packed = Temporary::create_beside(dest)?;
    compress(plain.path(), packed.path(), level, stop)?;
    drop(plain);
    packed.place_at(dest)
}

/// Compresses the file `from` into the (empty) file `to`, a chunk at a time.
fn compress(from: &Path, to: &Path, level: i32, stop: &StopCopy) -> Result<()> {
    let io_err = |what: &str, path: &Path| {
        let what = format!("cannot {what} {}", path.display());
        move |e: io::Error| Error::io(what, e)
    };
    let mut input = fs::File::open(from).map_err(io_err("read", from))?;
    let len = input.metadata().map_err(io_err("read", from))?.len();
    let output = fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(io_err("write", to))?;
    let mut encoder = zstd::stream::write::Encoder::new(BufWriter::new(output), level)
        .map_err(io_err("compress", from))?;
    // A copy damaged later is recognised when it is read back.
    encoder
        .include_checksum(true)
        .and_then(|()| encoder.set_pledged_src_size(Some(len)))
        .map_err(io_err("compress", from))?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        stop.check()?;
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err("read", from)(e)),
        };
        encoder.write_all(&buf[..n]).map_err(io_err("write", to))?;
    }
    let mut output = encoder.finish().map_err(io_err("write", to))?;
    output.flush().map_err(io_err("write", to))?;
    Ok(())
}

/// The compressed copy `from` (only read), decompressed into a private temporary beside
/// `beside`. A copy cut short or damaged is refused with what to do instead.
pub fn unpack(from: &Path, beside: &Path) -> Result<Temporary> {
    remove_stale_temporaries(beside);
    let tmp = Temporary::create_beside(beside)?;
    let shown = crate::text::sanitize_line(&from.display().to_string());
    let input = fs::File::open(from).map_err(|e| Error::io(format!("cannot read {shown}"), e))?;
    let output = fs::OpenOptions::new()
        .write(true)
        .open(tmp.path())
        .map_err(|e| Error::io(format!("cannot write {}", tmp.path().display()), e))?;
    let mut output = BufWriter::new(output);
    let unpacked = zstd::stream::read::Decoder::new(input)
        .and_then(|mut decoder| io::copy(&mut decoder, &mut output))
        .and_then(|_| output.flush());
    match unpacked {
        Ok(()) => Ok(tmp),
        // Writing the temporary failed (a full disk): said as such.
        Err(e) if e.kind() == ErrorKind::StorageFull => Err(Error::io(
            format!("cannot unpack {shown} beside the journal"),
            e,
        )),
        Err(e) => Err(Error::Usage(format!(
            "{shown} is a compressed copy that is cut short or damaged ({e}). Nothing was \
             changed: use another copy (the daily ones sit beside the journal)."
        ))),
    }
}

/// Held by the one mentorlog doing a piece of work only one may do at a time (the day's copy):
/// an advisory lock on a small file of its own, released by the system even when the holder is
/// killed.
pub struct Claim {
    _file: fs::File,
    path: PathBuf,
}

impl Claim {
    /// Takes the claim at `path` (creating its file), or `Ok(None)` when another holds it.
    /// Where the file system has no locks, the claim is taken anyway: a copy's name, never
    /// overwritten, still keeps two from both placing theirs.
    pub fn take(path: &Path) -> Result<Option<Claim>> {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(path)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        // SAFETY: flock on a descriptor this function owns; it only sets a lock.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc != 0 && io::Error::last_os_error().kind() == ErrorKind::WouldBlock {
            return Ok(None);
        }
        Ok(Some(Claim {
            _file: file,
            path: path.to_path_buf(),
        }))
    }

    /// The work is done: removes the claim's file and releases it. (A claim released without
    /// this, after a failure, keeps its file for the next attempt.)
    pub fn done(self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_is_held_by_one_at_a_time_and_its_file_goes_when_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".claim");
        let first = Claim::take(&path).unwrap().expect("free");
        assert!(Claim::take(&path).unwrap().is_none(), "held by the first");
        drop(first);
        let again = Claim::take(&path).unwrap().expect("released on drop");
        again.done();
        assert!(!path.exists());
    }

    #[test]
    fn compressed_files_are_known_by_their_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let packed = dir.path().join("copy");
        fs::write(&packed, zstd::encode_all(&b"some text"[..], 3).unwrap()).unwrap();
        assert!(is_compressed(&packed));
        let plain = dir.path().join("copy.zst");
        fs::write(&plain, b"SQLite format 3\0").unwrap();
        assert!(!is_compressed(&plain), "not by the name");
        assert!(!is_compressed(&dir.path().join("missing")));
    }

    #[test]
    fn a_cut_short_compressed_copy_is_refused_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let whole = zstd::encode_all(&vec![7u8; 200_000][..], 3).unwrap();
        let cut = dir.path().join("copy.zst");
        fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
        let err = unpack(&cut, &dir.path().join("journal.db"))
            .err()
            .expect("refused");
        assert!(err.to_string().contains("cut short or damaged"), "{err}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
