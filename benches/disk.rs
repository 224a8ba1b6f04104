//! The journal on disk: generated journals of 1k, 10k and 100k entries (the shape of
//! benches/exchange.rs), each printed with its size after a checkpoint, the size of its JSON
//! export, the ratio of the two and the biggest tables and indexes (SQLite's `dbstat`).
//! Timed: opening a journal of the previous schema version (8), which migrates it (the copy
//! before migrating, the migration, giving the space back), at 10k; at 100k once, printed.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::{APPLICATION_ID, MIGRATIONS, Store};
use rusqlite::Connection;

const EXPORTED_AT: &str = "2026-11-22T10:00:00+00:00";

/// A generated journal of `entries` meetings and reflections, as benches/exchange.rs makes it.
fn journal(path: &Path, entries: usize) -> Store {
    let mut store = Store::open(path).unwrap();
    generate(&mut store, (entries / 500).max(20), 9).unwrap();
    generate_entries(&mut store, entries, 9).unwrap();
    generate_goals(&mut store, (entries / 100).max(10), 20, 9).unwrap();
    store
}

/// Bytes written by the JSON export.
fn export_size(store: &Store) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    store.export_json(&mut count, EXPORTED_AT).unwrap();
    count.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The biggest tables and indexes of the journal at `path`, with their bytes, when this
/// SQLite has `dbstat`.
fn biggest(path: &Path, n: usize) -> Vec<(String, u64)> {
    let conn =
        Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let Ok(mut stmt) = conn.prepare(
        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT ?1",
    ) else {
        return Vec::new();
    };
    stmt.query_map([n as i64], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn report(label: &str, path: &Path, store: &Store) {
    store.checkpoint().unwrap();
    let size = std::fs::metadata(path).unwrap().len();
    let export = export_size(store);
    eprintln!(
        "disk/{label}: journal {:.1} MiB, JSON export {:.1} MiB, ratio {:.2}",
        mib(size),
        mib(export),
        size as f64 / export as f64
    );
    for (name, bytes) in biggest(path, 10) {
        eprintln!("  {name:<36} {:>8.1} MiB", mib(bytes));
    }
}

/// Copies the journal at `source` into a new version-8 journal at `dest`: every table of
/// entries copied row for row, the search index filled by version 8's own triggers.
fn at_version_8(source: &Path, dest: &Path) {
    let c = Connection::open(dest).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA secure_delete = ON;")
        .unwrap();
    for sql in &MIGRATIONS[..8] {
        c.execute_batch(sql).unwrap();
    }
    c.execute("ATTACH ?1 AS source", [source.to_str().unwrap()])
        .unwrap();
    let tables: Vec<String> = {
        let mut stmt = c
            .prepare(
                "SELECT name FROM source.sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%' ORDER BY rowid",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    c.execute_batch("BEGIN").unwrap();
    for t in tables {
        c.execute_batch(&format!(
            "INSERT INTO main.\"{t}\" SELECT * FROM source.\"{t}\";"
        ))
        .unwrap();
    }
    c.execute_batch(&format!(
        "COMMIT; DETACH source; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 8;"
    ))
    .unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

fn disk(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (label, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let path = dir.path().join(format!("{label}.db"));
        let store = journal(&path, entries);
        report(label, &path, &store);
        drop(store);

        let old = dir.path().join(format!("{label}-v8.db"));
        at_version_8(&path, &old);
        eprintln!(
            "disk/{label}: as version 8 {:.1} MiB",
            mib(std::fs::metadata(&old).unwrap().len())
        );
        for (name, bytes) in biggest(&old, 6) {
            eprintln!("  {name:<36} {:>8.1} MiB", mib(bytes));
        }
        match label {
            "10k" => {
                let mut group = c.benchmark_group("disk");
                group.sample_size(10);
                group.measurement_time(Duration::from_secs(20));
                group.bench_function("open_and_migrate_version_8_10k", |b| {
                    b.iter_batched(
                        || {
                            let d = tempfile::tempdir().unwrap();
                            let p = d.path().join("journal.db");
                            std::fs::copy(&old, &p).unwrap();
                            (d, p)
                        },
                        |(d, p)| {
                            drop(Store::open_existing(&p).unwrap());
                            d
                        },
                        BatchSize::PerIteration,
                    )
                });
                group.finish();
            }
            "100k" => {
                let start = Instant::now();
                let store = Store::open_existing(&old).unwrap();
                let took = start.elapsed();
                eprintln!(
                    "disk/100k: opening the version-8 journal (copy, migrate) took {:.1} s",
                    took.as_secs_f64()
                );
                report("100k-migrated", &old, &store);
                drop(store);
                // The share of that wait which is the one VACUUM: the same again, timed alone.
                let c = Connection::open(&old).unwrap();
                let start = Instant::now();
                c.execute_batch("PRAGMA secure_delete = ON; VACUUM;")
                    .unwrap();
                eprintln!(
                    "disk/100k: a VACUUM of the migrated journal alone took {:.1} s",
                    start.elapsed().as_secs_f64()
                );
            }
            _ => {}
        }
    }
}

criterion_group!(benches, disk);
criterion_main!(benches);
