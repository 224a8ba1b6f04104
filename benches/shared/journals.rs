//! The journals the start-up benches run on (`startup` in the process, `process` as a whole
//! program), made the same way so both measure the same screen.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, TimeZone};
use mentorlog::generate::{Shape, generate_journal};
use mentorlog::store::Store;

/// Journals as people keep them: (entries, relationships).
pub const TYPICAL: [(usize, usize); 3] = [(1_000, 5), (10_000, 20), (100_000, 50)];
/// A programme coordinator's journal, or a mentor's of many years.
pub const MANY: (usize, usize) = (10_000, 1_000);

/// The app's clock: three weeks after the newest generated day, so the screen does not change
/// with the calendar.
pub fn now() -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
}

/// A case's name: `10k_entries_20_relationships`.
pub fn case(entries: usize, relationships: usize) -> String {
    let count = |n: usize| {
        if n >= 1_000 && n.is_multiple_of(1_000) {
            format!("{}k", n / 1_000)
        } else {
            n.to_string()
        }
    };
    format!(
        "{}_entries_{}_relationships",
        count(entries),
        count(relationships)
    )
}

/// A generated journal file (seed 42) of `Shape::typical(relationships, entries)`: a profile,
/// so start-up opens the home screen, with two goals of eight updates and two check-ins per
/// relationship.
pub fn journal(dir: &Path, entries: usize, relationships: usize) -> PathBuf {
    let path = dir.join(format!("{}.db", case(entries, relationships)));
    let mut store = Store::open(&path).unwrap();
    generate_journal(&mut store, Shape::typical(relationships, entries), 42).unwrap();
    store.checkpoint().unwrap();
    path
}
