//! The journal's health check: SQLite's quick check on a second, read-only connection (what
//! the app runs beside the first frame) and on the open store (what `reflect` and `meeting`
//! run before writing), at 10k and 100k generated rows.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorlog::generate::generate;
use mentorlog::health;
use mentorlog::store::Store;

fn journal(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("journal-{rows}.db"));
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, rows, 42).unwrap();
    store.checkpoint().unwrap();
    path
}

fn quick_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("health");
    group.measurement_time(Duration::from_secs(8));
    group.sample_size(20);
    for (id, rows) in [("10k_rows", 10_000), ("100k_rows", 100_000)] {
        let path = journal(dir.path(), rows);
        let file_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1_048_576.0;
        eprintln!("{id}: the journal is {file_mb:.1} MiB");
        // The app: its own store holds the file open while the check reads it.
        let store = Store::open(&path).unwrap();
        group.bench_with_input(
            BenchmarkId::new("quick_check_read_only_connection", id),
            &path,
            |b, p| b.iter(|| assert!(health::check_file(p).is_none())),
        );
        group.bench_with_input(
            BenchmarkId::new("refuse_if_damaged_on_the_store", id),
            &store,
            |b, s| b.iter(|| health::refuse_if_damaged(s).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, quick_check);
criterion_main!(benches);
