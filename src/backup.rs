//! Backups: a daily copy on the first start of each day (the last seven kept), copies on
//! demand, restoring one after checking it, and an integrity check with row counts.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::store::Store;

/// How many daily backups are kept.
pub const KEEP_DAILY: usize = 7;

fn with_suffix(journal: &Path, suffix: &str) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The daily backups of a journal, oldest first.
pub fn daily_backups(journal: &Path) -> Vec<PathBuf> {
    let Some(dir) = journal.parent() else {
        return Vec::new();
    };
    let Some(name) = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let prefix = format!("{name}.daily-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// On the first start of a day: a copy named `<journal>.daily-YYYY-MM-DD`, and only the last
/// seven kept. Returns the new copy, if one was made.
pub fn daily(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>> {
    let Some(journal) = store.path() else {
        return Ok(None);
    };
    let dest = with_suffix(journal, &format!(".daily-{}", today.format("%Y-%m-%d")));
    if dest.exists() {
        return Ok(None);
    }
    match store.backup_to(&dest) {
        Ok(()) => {}
        // Another mentorlog started at the same moment and made today's copy.
        Err(e) if already_exists(&e) => return Ok(None),
        Err(e) => return Err(e),
    }
    let all = daily_backups(journal);
    if all.len() > KEEP_DAILY {
        for old in &all[..all.len() - KEEP_DAILY] {
            let _ = std::fs::remove_file(old);
        }
    }
    Ok(Some(dest))
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
/// mentorlog, integrity ok) on a private copy of it, then puts its content in the journal.
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
    let staged = Store::stage_copy(from, journal, page_size)?;
    // Messages about the private copy name the file the person gave.
    let under_its_name = |e: Error| {
        Error::Usage(e.to_string().replace(
            &staged.path().display().to_string(),
            &from.display().to_string(),
        ))
    };
    let backup = Store::open_existing(staged.path()).map_err(under_its_name)?;
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
            let restored = Store::open_existing(journal)?;
            Ok((None, restored.counts()?))
        }
    }
}
