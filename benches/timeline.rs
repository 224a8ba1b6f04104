//! The journal at scale: the timeline's first page and a page-down deep into 1k, 10k and 100k
//! entries (with quick check-ins among them, as the screen lists them), in the store and on the
//! screen (open the timeline and draw it at 80x24; a
//! page-down that reads the next page and draws), a tag filter, one durable save
//! (synchronous=FULL) of a reflection, and drawing and typing into a 1 MiB reflection.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, TimeZone, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mentorlog::app::{Action, App, Screen, Settings, update};
use mentorlog::domain::Reflection;
use mentorlog::generate::{Shape, generate_journal};
use mentorlog::store::{CheckinRows, Store, TimelineCursor, TimelineFilter};
use mentorlog::{tui, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PAGE: usize = 50;

fn journal(dir: &Path, entries: usize) -> PathBuf {
    let path = dir.join(format!("journal-{entries}.db"));
    let mut store = Store::open(&path).unwrap();
    // One check-in for every twenty entries, in the months before the newest entries.
    let shape = Shape {
        relationships: 40,
        entries,
        goals: 0,
        updates_each: 0,
        checkins: entries / 20,
    };
    generate_journal(&mut store, shape, 11).unwrap();
    path
}

/// A cursor about four-fifths of the way down the timeline.
fn deep_cursor(store: &Store, filter: &TimelineFilter, entries: usize) -> TimelineCursor {
    let mut cursor = None;
    let mut seen = 0;
    while seen < entries * 4 / 5 {
        let page = store.timeline_rows(filter, cursor, 1_000).unwrap();
        seen += page.len();
        cursor = Some(page.last().unwrap().cursor());
    }
    cursor.unwrap()
}

fn timeline(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let all = TimelineFilter {
        include_private: true,
        checkins: CheckinRows::With,
        ..TimelineFilter::default()
    };
    let mut group = c.benchmark_group("timeline");
    group.measurement_time(Duration::from_secs(5));
    for (id, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let path = journal(dir.path(), entries);
        let store = Store::open(&path).unwrap();
        group.bench_with_input(BenchmarkId::new("first_page", id), &store, |b, s| {
            b.iter(|| s.timeline_rows(&all, None, PAGE).unwrap())
        });
        let deep = deep_cursor(&store, &all, entries);
        group.bench_with_input(BenchmarkId::new("page_down_deep", id), &store, |b, s| {
            b.iter(|| s.timeline_rows(&all, Some(deep), PAGE).unwrap())
        });
        let checkins = TimelineFilter {
            checkins: CheckinRows::Only,
            ..all.clone()
        };
        group.bench_with_input(
            BenchmarkId::new("first_page_checkins_only", id),
            &store,
            |b, s| b.iter(|| s.timeline_rows(&checkins, None, PAGE).unwrap()),
        );
        let tagged = TimelineFilter {
            include_private: true,
            tag: Some("growth".into()),
            ..TimelineFilter::default()
        };
        group.bench_with_input(BenchmarkId::new("first_page_tag", id), &store, |b, s| {
            b.iter(|| s.timeline_rows(&tagged, None, PAGE).unwrap())
        });
        let shared = TimelineFilter {
            checkins: CheckinRows::With,
            ..TimelineFilter::default()
        };
        group.bench_with_input(
            BenchmarkId::new("first_page_shared_only", id),
            &store,
            |b, s| b.iter(|| s.timeline_rows(&shared, None, PAGE).unwrap()),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("screen");
    group.measurement_time(Duration::from_secs(5));
    let now = Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    for (id, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let path = dir.path().join(format!("journal-{entries}.db"));
        let mut store = Store::open(&path).unwrap();
        let mut home = App::new(&mut store, now, Settings::default()).unwrap();
        // What the app offers at start (a relationship past its planned end) would take the keys.
        home.popups.clear();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        group.bench_function(BenchmarkId::new("timeline_first_frame", id), |b| {
            b.iter_batched(
                || home.clone(),
                |mut app| {
                    update(&mut app, &mut store, Action::OpenTimeline);
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
        // At the last loaded entry, so the page-down reads the next page from the store.
        let mut at_edge = home.clone();
        update(&mut at_edge, &mut store, Action::OpenTimeline);
        let Screen::Timeline(t) = &mut at_edge.screen else {
            panic!("the timeline did not open");
        };
        t.cursor = t.entries.len() - 1;
        group.bench_function(BenchmarkId::new("timeline_page_down_frame", id), |b| {
            b.iter_batched(
                || at_edge.clone(),
                |mut app| {
                    update(&mut app, &mut store, Action::PageDown);
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
    }
    // A reflection of 1 MiB less a little (the largest an entry holds): draw it, type into it.
    {
        let path = dir.path().join("journal-1000.db");
        let mut store = Store::open(&path).unwrap();
        let mut app = App::new(&mut store, now, Settings::default()).unwrap();
        app.popups.clear();
        update(&mut app, &mut store, Action::NewReflection);
        let big = "A long paragraph about the week, pasted from elsewhere. ".repeat(18_000);
        update(&mut app, &mut store, Action::Paste(big));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        // As in use, the reflection is on screen before a key is typed into it (so each case,
        // also run alone, starts from a drawn app).
        terminal.draw(|f| ui::render(&app, f)).unwrap();
        group.bench_function("draw_1mib_reflection", |b| {
            b.iter(|| {
                terminal.draw(|f| ui::render(&app, f)).unwrap();
            })
        });
        group.bench_function("type_and_draw_1mib_reflection", |b| {
            b.iter_batched(
                || app.clone(),
                |mut app| {
                    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
                    tui::handle_event(&mut app, &mut store, Event::Key(key));
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::LargeInput,
            )
        });
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
