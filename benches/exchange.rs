//! Export and import on generated journals: the JSON export to a sink at 100k entries
//! (streamed: memory stays flat, printed as the peak resident size before and after), and
//! importing an export into an empty journal at 1k, 10k and 100k entries (streamed too).
//!
//! The readable record too: the Markdown export of the whole journal (every relationship's
//! agreement, meetings, goals, check-ins, surveys and reflections) at 1k, 10k and 100k entries.
//!
//! `MENTORLOG_BENCH_EXPORT=PATH` also writes the 100k export to PATH, to measure the binary:
//! `/usr/bin/time -v mentorlog --db new.db import PATH`.

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mentorlog::exchange::import_reader;
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::Store;

fn peak_rss_mib() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

const EXPORTED_AT: &str = "2026-11-22T10:00:00+00:00";

/// A generated journal of `entries` meetings and reflections (with relationships, answers,
/// action items, goals, milestones and updates in proportion).
fn journal(path: &std::path::Path, entries: usize) -> Store {
    let mut store = Store::open(path).unwrap();
    generate(&mut store, (entries / 500).max(20), 9).unwrap();
    generate_entries(&mut store, entries, 9).unwrap();
    generate_goals(&mut store, (entries / 100).max(10), 20, 9).unwrap();
    store
}

fn export_text(store: &Store) -> Vec<u8> {
    let mut text = Vec::new();
    store.export_json(&mut text, EXPORTED_AT).unwrap();
    text
}

/// The Markdown export of the whole journal, shared entries only, to a sink.
fn bench_markdown(c: &mut Criterion, name: &str, store: &Store) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let rels = store.relationships().unwrap();
    let mut group = c.benchmark_group("exchange");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            mentorlog::share::journal_markdown(store, &rels, None, today, false, &mut sink, None)
                .unwrap()
        })
    });
    group.finish();
}

fn bench_import(c: &mut Criterion, name: &str, text: &[u8], samples: usize) {
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    let mut group = c.benchmark_group("exchange");
    group.sample_size(samples);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(name, |b| {
        b.iter_batched(
            || {
                let d = tempfile::tempdir().unwrap();
                let s = Store::open(&d.path().join("fresh.db")).unwrap();
                (d, s)
            },
            |(d, mut s)| {
                import_reader(&mut s, text, false, now).unwrap();
                drop(s);
                d
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn exchange(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (entries, name) in [
        (1_000, "import_json_1k_into_empty"),
        (10_000, "import_json_10k_into_empty"),
    ] {
        let store = journal(&dir.path().join(format!("{entries}.db")), entries);
        let text = export_text(&store);
        bench_markdown(c, &format!("export_markdown_{}k", entries / 1000), &store);
        drop(store);
        bench_import(c, name, &text, 10);
    }

    let store = journal(&dir.path().join("big.db"), 100_000);
    let before = peak_rss_mib();
    let mut sink = std::io::sink();
    let rows = store.export_json(&mut sink, EXPORTED_AT).unwrap();
    let after = peak_rss_mib();
    eprintln!(
        "export/100k: {rows} rows; peak resident size {before:.0} MiB before, {after:.0} MiB after"
    );
    let text = export_text(&store);
    eprintln!(
        "export/100k: {:.1} MiB of JSON",
        text.len() as f64 / 1048576.0
    );
    if let Some(path) = std::env::var_os("MENTORLOG_BENCH_EXPORT") {
        std::fs::write(&path, &text).unwrap();
        eprintln!("export/100k: written to {}", path.to_string_lossy());
    }
    {
        let mut group = c.benchmark_group("exchange");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(20));
        group.bench_function("export_json_100k", |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                store.export_json(&mut sink, EXPORTED_AT).unwrap()
            })
        });
        group.finish();
    }
    bench_markdown(c, "export_markdown_100k", &store);
    bench_import(c, "import_json_100k_into_empty", &text, 10);
}

criterion_group!(benches, exchange);
criterion_main!(benches);
