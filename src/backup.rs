//! Backups: a daily copy on the first start of each day (compressed, the last seven kept;
//! see `daily`), copies on demand, restoring one after checking it, and an integrity check with row counts.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::Store;

mod daily;

pub use daily::{DailyCopy, KEEP_DAILY, LEVEL, daily, daily_backups, daily_name, day_of_copy};

fn with_suffix(journal: &Path, suffix: &str) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `mentorlog backup [PATH]`: a consistent copy (0600) at PATH, into PATH when it is a
/// folder, or beside the journal. Never overwrites.
pub fn backup(store: &Store, dest: Option<&Path>, stamp: &str) -> Result<PathBuf> {
    let journal = store.path().ok_or_else(|| {
        Error::Usage("this journal lives in memory; there is nothing to back up".into())
    })?;
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal.db".into());
    let target = match dest {
        Some(p) if p.is_dir() => p.join(format!("{name}.backup-{stamp}")),
        Some(p) => p.to_path_buf(),
        None => with_suffix(journal, &format!(".backup-{stamp}")),
    };
    if target.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; mentorlog never overwrites a file. Choose another name.",
            target.display()
        )));
    }
    store.backup_to(&target).map_err(|e| {
        if already_exists(&e) {
            Error::Usage(format!(
                "{} already exists; mentorlog never overwrites a file. Choose another name.",
                target.display()
            ))
        } else {
            e
        }
    })?;
    Ok(target)
}

/// Whether a copy was not made because a file already had its name.
fn already_exists(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists)
}

pub use crate::store::Counts;

/// `mentorlog check`: SQLite's integrity check, the foreign keys, every row read through the
/// decoders the app uses (each one that cannot be read is listed), and what the journal
/// holds. `Ok((true, report))` when all is well.
pub fn check(store: &Store) -> Result<(bool, String)> {
    check_with(store, &crate::progress::Unseen)
}

/// [`check`], telling `progress` what it is doing: the whole file, the links, every entry
/// (counted row by row), then what the journal holds.
pub fn check_with(
    store: &Store,
    progress: &dyn crate::progress::Progress,
) -> Result<(bool, String)> {
    use crate::text::sanitize_line;
    progress.begin("checking the whole file", None);
    let integrity = store.integrity_check()?;
    progress.begin("checking the links between entries", None);
    let broken_links = store.foreign_key_problems()?;
    let unreadable = store.audit_with(progress)?;
    progress.begin("counting what the journal holds", None);
    let counts = store.counts()?;
    let ok = integrity == "ok" && broken_links == 0 && unreadable.is_empty();
    let mut report = String::new();
    report.push_str(&format!(
        "integrity: {}\n",
        if integrity == "ok" {
            "ok".to_string()
        } else {
            sanitize_line(&integrity)
        }
    ));
    report.push_str(&format!(
        "links between entries: {}\n",
        if broken_links == 0 {
            "ok".to_string()
        } else {
            format!("{broken_links} broken")
        }
    ));
    if unreadable.is_empty() {
        report.push_str("every entry reads: ok\n");
    } else {
        report.push_str(&format!(
            "entries that cannot be read: {} (left out of every screen and command)\n",
            unreadable.len()
        ));
        for bad in &unreadable {
            report.push_str(&format!("  {}\n", sanitize_line(&bad.to_string())));
        }
    }
    report.push_str(&format!("journal version: {}\n", store.schema_version()?));
    report.push_str(&format!("holds: {counts}\n"));
    if integrity != "ok" || broken_links != 0 {
        report.push_str(
            "Something is wrong: restore the newest good backup with `mentorlog restore PATH` \
             (the daily ones sit beside the journal).\n",
        );
    } else if !unreadable.is_empty() {
        report.push_str(
            "mentorlog leaves these entries as they are. To get them back, restore a backup from \
             before they changed (`mentorlog restore PATH`; the daily ones sit beside the \
             journal), or correct the listed field in the file with an SQLite tool.\n",
        );
    }
    Ok((ok, report))
}

/// `mentorlog restore PATH`: checks the backup (a mentorlog journal, not newer than this
/// mentorlog, integrity ok; a compressed daily copy is unpacked first) on a private copy of it, then puts its content in the journal.
///
/// An existing journal is written through SQLite's online backup, under its own write lock,
/// so a mentorlog that has it open sees the restored journal and keeps saving into the real
/// file; the journal as it was replaced is kept as `<journal>.before-restore-<stamp>`. With no
/// journal yet (a new computer), the checked copy becomes the journal, in a private folder.
/// `from` is only read. Returns (the kept copy of the replaced journal, the restored counts).
pub fn restore(journal: &Path, from: &Path, stamp: &str) -> Result<(Option<PathBuf>, Counts)> {
    if !from.exists() {
        return Err(Error::Usage(format!("{} does not exist", from.display())));
    }
    let dir = journal.parent().unwrap_or(Path::new("."));
    crate::store::ensure_private_dir(dir)?;
    let mut live = if journal.exists() {
        Some(Store::open_existing(journal).map_err(|e| match e {
            // A journal that cannot be read cannot be written through either.
            Error::Damaged { .. }
            | Error::Truncated { .. }
            | Error::EmptyFile { .. }
            | Error::NotSqlite { .. } => Error::Usage(format!(
                "{e}\nNothing was restored. To restore over it, move it aside first (for \
                 example `mv {j} {j}.damaged`) and run the restore again: with no journal \
                 there, restore makes a new one from the backup.",
                j = journal.display()
            )),
            other => other,
        })?)
    } else {
        None
    };
    let page_size = live.as_ref().map(Store::page_size).transpose()?;
    // A compressed copy (a daily one) is unpacked into a private temporary first, and is then
    // checked and restored like any other.
    let unpacked = if crate::store::is_compressed(from) {
        Some(crate::store::unpack(from, journal)?)
    } else {
        None
    };
    let source = unpacked.as_ref().map_or(from, |t| t.path());
    // Messages about a private copy name the file the person gave.
    let named = |e: Error, private: &Path| {
        Error::Usage(
            e.to_string()
                .replace(&private.display().to_string(), &from.display().to_string()),
        )
    };
    // An encrypted backup opens with its own passphrase (given for it) or the journal's. The
    // copy restored takes the journal's encryption: a backup restored into an encrypted
    // journal is encrypted with its passphrase, into a plain one plain. With no journal yet,
    // it stays as it is.
    let live_key = live.as_ref().and_then(|s| s.key().cloned());
    let keys: Vec<crate::domain::Passphrase> = crate::store::remembered(from)
        .into_iter()
        .chain(live_key.clone())
        .collect();
    let to = live.as_ref().map(|_| live_key.as_ref());
    let (staged, staged_key) =
        Store::stage_copy(source, journal, page_size, &keys, to).map_err(|e| match &unpacked {
            Some(tmp) => named(e, tmp.path()),
            None => e,
        })?;
    let under_its_name = |e: Error| named(e, staged.path());
    let backup = Store::open_with(staged.path(), staged_key.as_ref()).map_err(under_its_name)?;
    let integrity = backup.integrity_check().map_err(under_its_name)?;
    if integrity != "ok" {
        return Err(Error::Usage(format!(
            "{} fails the integrity check ({}); nothing was changed",
            from.display(),
            crate::text::sanitize_line(&integrity)
        )));
    }
    match live.as_mut() {
        Some(live) => {
            let keep_as = with_suffix(journal, &format!(".before-restore-{stamp}"));
            let kept = live.replace_contents_with(&backup, &keep_as)?;
            Ok((Some(kept), live.counts()?))
        }
        None => {
            // Everything into the file itself, and the log closed, before it gets its name.
            backup.checkpoint()?;
            drop(backup);
            Store::place_staged(staged, journal)?;
            let restored = match &staged_key {
                Some(k) => Store::unlock(journal, k)?,
                None => Store::open_existing(journal)?,
            };
            Ok((None, restored.counts()?))
        }
    }
}
