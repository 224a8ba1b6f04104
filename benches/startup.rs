//! Start-up to first frame: open the journal file, build the app, draw one 80x24 frame.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, TimeZone};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorlog::app::{App, Settings};
use mentorlog::generate::generate;
use mentorlog::store::Store;
use mentorlog::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn first_frame(path: &Path) {
    let mut store = Store::open(path).expect("journal opens");
    let now = Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let app = App::new(&mut store, now, Settings::default()).expect("app starts");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| ui::render(&app, f)).unwrap();
}

/// A journal file with a profile (so start-up opens the home screen and writes nothing) and
/// about `rows` generated rows.
fn journal(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("journal-{rows}.db"));
    let mut store = Store::open(&path).unwrap();
    if rows == 0 {
        let t = chrono::Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        store.save_profile_name("Bench", t).unwrap();
    } else {
        generate(&mut store, rows, 42).unwrap();
    }
    path
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("startup_first_frame");
    group.measurement_time(Duration::from_secs(8));
    for (id, rows) in [
        ("empty", 0),
        ("1k_rows", 1_000),
        ("10k_rows", 10_000),
        ("100k_rows", 100_000),
    ] {
        let path = journal(dir.path(), rows);
        if rows >= 100_000 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::from_parameter(id), &path, |b, p| {
            b.iter(|| first_frame(p))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.bench_function("10k_rows_in_memory", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().unwrap();
            generate(&mut store, 10_000, 42).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
