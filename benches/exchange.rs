//! Export and import at 100k entries: the JSON export to a sink (streamed: memory stays flat,
//! printed as the peak resident size before and after), and importing that export into an
//! empty journal.

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mentorlog::exchange::import;
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::Store;

fn peak_rss_mib() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

fn exchange(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, 200, 9).unwrap();
    generate_entries(&mut store, 100_000, 9).unwrap();
    generate_goals(&mut store, 1_000, 20, 9).unwrap();
    let before = peak_rss_mib();
    let mut sink = std::io::sink();
    let rows = store
        .export_json(&mut sink, "2026-11-22T10:00:00+00:00")
        .unwrap();
    let after = peak_rss_mib();
    eprintln!(
        "export/100k: {rows} rows; peak resident size {before:.0} MiB before, {after:.0} MiB after"
    );
    let mut text = Vec::new();
    store
        .export_json(&mut text, "2026-11-22T10:00:00+00:00")
        .unwrap();
    eprintln!(
        "export/100k: {:.1} MiB of JSON",
        text.len() as f64 / 1048576.0
    );
    let text = String::from_utf8(text).unwrap();

    let mut group = c.benchmark_group("exchange");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("export_json_100k", |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            store
                .export_json(&mut sink, "2026-11-22T10:00:00+00:00")
                .unwrap()
        })
    });
    group.bench_function("import_json_100k_into_empty", |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let s = Store::open(&d.path().join("fresh.db")).unwrap();
                (d, s)
            },
            |(d, mut s)| {
                import(&mut s, &text, false, "2026-11-22T10:00:00Z").unwrap();
                drop(s);
                d
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, exchange);
criterion_main!(benches);
