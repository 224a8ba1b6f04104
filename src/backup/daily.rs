//! The daily copy: on the first start of each day, a compressed copy of the journal beside it,
//! `<journal>.daily-YYYY-MM-DD.zst`, the last seven kept. It is made after the first frame is
//! on screen, on a thread of its own at a lower priority, from a read-only connection of its
//! own, so neither the first frame nor a keystroke nor a save waits for it.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use super::with_suffix;
use crate::error::{Error, Result};
use crate::store::{Claim, StopCopy, Store};

/// How many daily copies are kept.
pub const KEEP_DAILY: usize = 7;

/// zstd's level for the daily copy, chosen by measurement (`MENTORLOG_BENCH_LEVELS=1,3,6
/// cargo bench --bench copies -- 100k`): on a generated 100k-entry journal, level 1 made a
/// copy of 0.227 of the journal in about half the time level 3 took for 0.226 (level 6: 0.212
/// in five times as long).
pub const LEVEL: i32 = 1;

/// How much nicer than the app the copying thread is (Linux: its own scheduling priority).
const NICENESS: libc::c_int = 10;

/// The day's compressed copy of `journal`.
pub fn daily_name(journal: &Path, day: NaiveDate) -> PathBuf {
    with_suffix(journal, &format!(".daily-{}.zst", day.format("%Y-%m-%d")))
}

/// The day's copy as earlier versions of mentorlog wrote it (an SQLite file as it is).
fn plain_daily_name(journal: &Path, day: NaiveDate) -> PathBuf {
    with_suffix(journal, &format!(".daily-{}", day.format("%Y-%m-%d")))
}

/// The day a daily copy's file name says, for `<journal>.daily-YYYY-MM-DD` (as earlier
/// versions wrote them) and `<journal>.daily-YYYY-MM-DD.zst`.
pub fn day_of_copy(name: &str) -> Option<NaiveDate> {
    let day = name.rsplit_once(".daily-")?.1;
    let day = day.strip_suffix(".zst").unwrap_or(day);
    // Exactly the form written: a name with anything more is not a copy.
    (day.len() == 10)
        .then(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .flatten()
}

/// The daily copies of a journal, compressed or not, oldest first.
pub fn daily_backups(journal: &Path) -> Vec<PathBuf> {
    let dir = match journal.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        Some(_) => Path::new("."),
        None => return Vec::new(),
    };
    let Some(name) = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return Vec::new();
    };
    let prefix = format!("{name}.daily-");
    let mut found: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let file = e.file_name().to_string_lossy().into_owned();
                    let day = file.strip_prefix(&prefix).and(day_of_copy(&file))?;
                    Some((day, e.path()))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// The file whose lock says one mentorlog is making the day's copy.
fn claim_name(journal: &Path) -> PathBuf {
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal".into());
    let dir = journal.parent().unwrap_or(Path::new("."));
    dir.join(format!(".{name}.daily-copy.lock"))
}

/// Makes the day's copy of the journal at `journal` unless it is there already (in either
/// form) or another mentorlog is making it, then keeps the last seven. Returns the new copy,
/// if this call made one. `stop` ends it early, leaving nothing under the copy's name.
pub fn make(journal: &Path, today: NaiveDate, stop: &StopCopy) -> Result<Option<PathBuf>> {
    // An encrypted journal's copy is encrypted too, and kept as it is (it would not shrink).
    let dest = if crate::store::is_encrypted(journal) {
        plain_daily_name(journal, today)
    } else {
        daily_name(journal, today)
    };
    let there = || dest.exists() || plain_daily_name(journal, today).exists();
    if there() {
        return Ok(None);
    }
    let Some(claim) = Claim::take(&claim_name(journal))? else {
        // Another mentorlog is making it right now.
        return Ok(None);
    };
    // Made by another while this one was looking (its claim's file goes too).
    if there() {
        claim.done();
        return Ok(None);
    }
    match crate::store::compressed_snapshot(journal, &dest, LEVEL, stop) {
        Ok(true) => {}
        Ok(false) => return Err(Error::Usage("the daily copy was stopped".into())),
        // Another mentorlog made it after all (a file system without locks).
        Err(e) if super::already_exists(&e) => return Ok(None),
        Err(e) => return Err(e),
    }
    claim.done();
    keep_the_last(journal, KEEP_DAILY);
    Ok(Some(dest))
}

/// Removes the oldest daily copies, whichever form, until `keep` are left.
fn keep_the_last(journal: &Path, keep: usize) {
    let all = daily_backups(journal);
    if all.len() <= keep {
        return;
    }
    for old in &all[..all.len() - keep] {
        let _ = std::fs::remove_file(old);
        // An older plain copy someone opened with SQLite may have companions.
        for side in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(with_suffix(old, side));
        }
    }
}

/// On the first start of a day: the day's copy, made here and now (see [`make`]). The app
/// makes it in the background instead ([`DailyCopy`]).
pub fn daily(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>> {
    match store.path() {
        Some(journal) => make(journal, today, &StopCopy::default()),
        None => Ok(None),
    }
}

/// The day's copy as the app makes it: due when the app starts, started once after the first
/// frame is on screen ([`DailyCopy::start_once`]), and waited for or stopped when it ends.
#[derive(Default)]
pub struct DailyCopy {
    due: Option<(PathBuf, NaiveDate)>,
    stop: StopCopy,
    running: Option<JoinHandle<Result<Option<PathBuf>>>>,
}

impl DailyCopy {
    /// No copy (a journal in memory, the demo, tests).
    pub fn none() -> DailyCopy {
        DailyCopy::default()
    }

    /// The day's copy of the journal at `journal`, not started yet.
    pub fn due(journal: &Path, today: NaiveDate) -> DailyCopy {
        DailyCopy {
            due: Some((journal.to_path_buf(), today)),
            ..DailyCopy::default()
        }
    }

    /// Starts the copy on a thread of its own, once; later calls do nothing. When no thread
    /// can be started there is no copy this time (the next start makes it).
    pub fn start_once(&mut self) {
        let Some((journal, today)) = self.due.take() else {
            return;
        };
        let stop = self.stop.clone();
        self.running = std::thread::Builder::new()
            .name("mentorlog-daily-copy".into())
            .spawn(move || {
                lower_priority();
                make(&journal, today, &stop)
            })
            .ok();
    }

    /// True once [`DailyCopy::start_once`] has started it.
    pub fn started(&self) -> bool {
        self.running.is_some()
    }

    /// True while the copy is being made.
    pub fn is_running(&self) -> bool {
        self.running.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Asks the copy to stop; it removes what it wrote and ends soon after.
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// Waits for the copy to end: `None` if it was never started, else what it gave.
    pub fn wait(&mut self) -> Option<Result<Option<PathBuf>>> {
        let handle = self.running.take()?;
        Some(
            handle
                .join()
                .unwrap_or_else(|_| Err(Error::Usage("the daily copy failed".into()))),
        )
    }
}

/// Lowers the calling thread's priority, so the app's own thread comes first.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no arguments; setpriority on this thread's id changes only this
        // thread's niceness (Linux keeps one per thread), and a failure changes nothing.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, tid, NICENESS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_known_by_their_day_in_either_form() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21);
        assert_eq!(day_of_copy("j.db.daily-2026-11-21"), day);
        assert_eq!(day_of_copy("j.db.daily-2026-11-21.zst"), day);
        for not_a_copy in [
            "j.db.daily-2026-11-21-wal",
            "j.db.daily-2026-11-21.zst.part",
            "j.db.daily-21-11-2026",
            "j.db.backup-2026-11-21",
        ] {
            assert_eq!(day_of_copy(not_a_copy), None, "{not_a_copy}");
        }
    }
}
