//! The daily copy (a snapshot by `VACUUM INTO`, then compressed) on generated journals of 1k,
//! 10k and 100k entries, shaped like the exchange benchmark's. Before each size's timing, the
//! journal's size, one compressed copy's size and what the seven kept copies cost next to the
//! journal are printed.
//!
//! `cargo bench --bench copies -- 10k --warm-up-time 1 --measurement-time 3`
//!
//! With `MENTORLOG_BENCH_LEVELS=1,3,6,9` each size is also copied once at each of those zstd
//! levels, and the time and size of each are printed (how the level was chosen).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mentorlog::backup::{KEEP_DAILY, LEVEL};
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::{StopCopy, Store, compressed_snapshot};

/// A generated journal of `entries` meetings and reflections (with relationships, answers,
/// action items, goals, milestones and updates in proportion), as in benches/exchange.rs.
fn journal(path: &Path, entries: usize) {
    let mut store = Store::open(path).unwrap();
    generate(&mut store, (entries / 500).max(20), 9).unwrap();
    generate_entries(&mut store, entries, 9).unwrap();
    generate_goals(&mut store, (entries / 100).max(10), 20, 9).unwrap();
    store.checkpoint().unwrap();
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// One copy of `journal` at `level` into `dest` (removed first); its time and size.
fn copy_once(journal: &Path, dest: &Path, level: i32) -> (Duration, u64) {
    let _ = std::fs::remove_file(dest);
    let t = Instant::now();
    assert!(compressed_snapshot(journal, dest, level, &StopCopy::default()).unwrap());
    let took = t.elapsed();
    (took, std::fs::metadata(dest).unwrap().len())
}

fn levels_from_env() -> Vec<i32> {
    std::env::var("MENTORLOG_BENCH_LEVELS")
        .ok()
        .map(|v| v.split(',').filter_map(|l| l.trim().parse().ok()).collect())
        .unwrap_or_default()
}

fn bench_copies(c: &mut Criterion) {
    let mut group = c.benchmark_group("copies");
    group.sample_size(10);
    for (name, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let id = format!("daily_{name}");
        // Only the sizes asked for are generated (100k takes a while).
        if !filter_matches(&id) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("journal.db");
        journal(&db, entries);
        let dest: PathBuf = dir.path().join("journal.db.daily-2026-11-22.zst");
        let size = std::fs::metadata(&db).unwrap().len();
        let (took, copy) = copy_once(&db, &dest, LEVEL);
        let seven = copy * KEEP_DAILY as u64;
        println!(
            "{name} entries: journal {}, one daily copy {} (level {LEVEL}, {:.3} of the journal, \
             made in {took:.2?}), seven kept {} = {:.2} x the journal",
            mib(size),
            mib(copy),
            copy as f64 / size as f64,
            mib(seven),
            seven as f64 / size as f64
        );
        for level in levels_from_env() {
            let (took, copy) = copy_once(&db, &dest, level);
            println!(
                "{name} entries, level {level}: {took:.2?}, {} ({:.3} of the journal)",
                mib(copy),
                copy as f64 / size as f64
            );
        }
        group.bench_function(&id, |b| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_file(&dest);
                },
                |()| assert!(compressed_snapshot(&db, &dest, LEVEL, &StopCopy::default()).unwrap()),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Whether criterion's name filter (the first argument that is not an option or an option's
/// value; a plain name or names separated by `|`) selects `id`.
fn filter_matches(id: &str) -> bool {
    let takes_value = [
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--save-baseline",
        "--baseline",
        "--profile-time",
    ];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if takes_value.contains(&a.as_str()) {
            args.next();
        } else if !a.starts_with('-') {
            // Alternatives (`1k|10k`) as criterion's filter takes them.
            let name = format!("copies/{id}");
            return a.split('|').any(|part| name.contains(part));
        }
    }
    true
}

criterion_group!(benches, bench_copies);
criterion_main!(benches);
