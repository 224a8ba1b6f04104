//! Search at 1k, 10k and 100k entries: every keystroke of typed queries, measured as the app
//! runs it (parse, narrow in FTS5, fuzzy-rank the best 2,000, draw at 80x24), with the 95th
//! percentile printed; and session prep and pair review on the largest journal.

use std::time::{Duration, Instant};

use chrono::{Local, TimeZone};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mentorlog::app::{Action, App, Screen, Settings, update};
use mentorlog::generate::{generate, generate_entries, generate_goals};
use mentorlog::store::Store;
use mentorlog::{tui, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const QUERIES: [&str; 3] = ["growth feedback", "confid", "kind:reflection career"];

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let settings = Settings {
        survey_every_days: 0,
        ..Settings::default()
    };
    let mut group = c.benchmark_group("search");
    group.measurement_time(Duration::from_secs(5));
    for (id, entries) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        let path = dir.path().join(format!("search-{entries}.db"));
        let mut store = Store::open(&path).unwrap();
        generate(&mut store, 50, 3).unwrap();
        generate_entries(&mut store, entries, 3).unwrap();
        generate_goals(&mut store, entries / 100, 5, 3).unwrap();
        let mut home = App::new(&mut store, now, settings.clone()).unwrap();
        home.popups.clear();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();

        // Every keystroke of the queries, 10 rounds: the 95th percentile.
        let mut times = Vec::new();
        for _ in 0..10 {
            for q in QUERIES {
                let mut app = home.clone();
                update(&mut app, &mut store, Action::OpenSearch);
                for ch in q.chars() {
                    let start = Instant::now();
                    tui::handle_event(&mut app, &mut store, key(ch));
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    times.push(start.elapsed());
                }
                assert!(matches!(app.screen, Screen::Search(_)));
            }
        }
        times.sort();
        let p95 = times[times.len() * 95 / 100];
        let p50 = times[times.len() / 2];
        eprintln!(
            "search/keystroke/{id}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} keystrokes",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3,
            times.len()
        );

        let mut typed = home.clone();
        update(&mut typed, &mut store, Action::OpenSearch);
        for ch in "growth feedbac".chars() {
            tui::handle_event(&mut typed, &mut store, key(ch));
        }
        group.bench_function(BenchmarkId::new("keystroke_two_words", id), |b| {
            b.iter_batched(
                || typed.clone(),
                |mut app| {
                    tui::handle_event(&mut app, &mut store, key('k'));
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
        // The busiest relationship: prep and pair review.
        group.bench_function(BenchmarkId::new("prep_frame", id), |b| {
            b.iter_batched(
                || home.clone(),
                |mut app| {
                    update(&mut app, &mut store, Action::OpenPrep);
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function(BenchmarkId::new("review_frame", id), |b| {
            b.iter_batched(
                || home.clone(),
                |mut app| {
                    update(&mut app, &mut store, Action::OpenReview);
                    terminal.draw(|f| ui::render(&app, f)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
