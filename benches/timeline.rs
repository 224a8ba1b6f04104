//! The journal at scale: the timeline's first page and a page-down deep into 1k, 10k and 100k
//! entries, and one durable save (synchronous=FULL) of a reflection.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorlog::domain::Reflection;
use mentorlog::generate::{generate, generate_entries};
use mentorlog::store::{Store, TimelineCursor, TimelineFilter};

const PAGE: usize = 50;

fn journal(dir: &Path, entries: usize) -> PathBuf {
    let path = dir.join(format!("journal-{entries}.db"));
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, 200, 11).unwrap();
    generate_entries(&mut store, entries, 11).unwrap();
    path
}

/// A cursor about four-fifths of the way down the timeline.
fn deep_cursor(store: &Store, filter: &TimelineFilter, entries: usize) -> TimelineCursor {
    let mut cursor = None;
    let mut seen = 0;
    while seen < entries * 4 / 5 {
        let page = store.timeline_page(filter, cursor, 1_000).unwrap();
        seen += page.len();
        cursor = Some(page.last().unwrap().cursor());
    }
    cursor.unwrap()
}

fn timeline(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let all = TimelineFilter {
        include_private: true,
        ..TimelineFilter::default()
    };
    let mut group = c.benchmark_group("timeline");
    group.measurement_time(Duration::from_secs(5));
    for (id, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let path = journal(dir.path(), entries);
        let store = Store::open(&path).unwrap();
        group.bench_with_input(BenchmarkId::new("first_page", id), &store, |b, s| {
            b.iter(|| s.timeline_page(&all, None, PAGE).unwrap())
        });
        let deep = deep_cursor(&store, &all, entries);
        group.bench_with_input(BenchmarkId::new("page_down_deep", id), &store, |b, s| {
            b.iter(|| s.timeline_page(&all, Some(deep), PAGE).unwrap())
        });
        let shared = TimelineFilter::default();
        group.bench_with_input(
            BenchmarkId::new("first_page_shared_only", id),
            &store,
            |b, s| b.iter(|| s.timeline_page(&shared, None, PAGE).unwrap()),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("save");
    let path = journal(dir.path(), 10_000);
    let mut store = Store::open(&path).unwrap();
    group.bench_function("durable_reflection_10k", |b| {
        b.iter(|| {
            let r = Reflection::new(
                "A short reflection about today's session #growth",
                Utc::now(),
            );
            store.save_reflection(&r, Utc::now()).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
