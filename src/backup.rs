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
    store.backup_to(&dest)?;
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
    store.backup_to(&target)?;
    Ok(target)
}

/// Row counts of what a journal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, i64)>);

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(what, n)| format!("{n} {what}"))
            .collect();
        write!(f, "{}", parts.join(", "))
    }
}

/// `mentorlog check`: SQLite's integrity check, the foreign keys, every row read through the
/// decoders the app uses (each one that cannot be read is listed), and what the journal
/// holds. `Ok((true, report))` when all is well.
pub fn check(store: &Store) -> Result<(bool, String)> {
    use crate::text::sanitize_line;
    let integrity = store.integrity_check()?;
    let broken_links = store.foreign_key_problems()?;
    let unreadable = crate::store::audit(store)?;
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
/// mentorlog, integrity ok), keeps the current journal as a backup, and puts the copy in its
/// place. Returns (the kept copy of the current journal, the restored counts).
pub fn restore(journal: &Path, from: &Path, stamp: &str) -> Result<(Option<PathBuf>, Counts)> {
    if !from.exists() {
        return Err(Error::Usage(format!("{} does not exist", from.display())));
    }
    let backup = Store::open_existing(from)?;
    let integrity = backup.integrity_check()?;
    if integrity != "ok" {
        return Err(Error::Usage(format!(
            "{} fails the integrity check ({integrity}); nothing was changed",
            from.display()
        )));
    }
    drop(backup);
    let dir = journal.parent().unwrap_or(Path::new("."));
    crate::store::ensure_private_dir(dir)?;
    // A fresh, consistent copy of the backup beside the journal, moved into place at once.
    let tmp = dir.join(format!(".restoring-{}", uuid::Uuid::now_v7().simple()));
    Store::open_existing(from)?.backup_to(&tmp)?;
    let kept = if journal.exists() {
        let current = Store::open_existing(journal)?;
        let kept = with_suffix(journal, &format!(".before-restore-{stamp}"));
        current.backup_to(&kept)?;
        current.checkpoint()?;
        drop(current);
        Some(kept)
    } else {
        None
    };
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(journal, side));
    }
    std::fs::rename(&tmp, journal).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(
            format!("cannot put the restored journal at {}", journal.display()),
            e,
        )
    })?;
    let restored = Store::open_existing(journal)?;
    let counts = restored.counts()?;
    Ok((kept, counts))
}
