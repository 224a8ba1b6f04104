//! The goal board with 1,000 goals of 20 progress updates each (and 0-5 milestones): read it
//! from the store, and open it on screen at 80x24; one goal's detail with its chart.

use std::time::Duration;

use chrono::{Local, TimeZone};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mentorlog::app::{Action, App, Screen, Settings, update};
use mentorlog::generate::{generate, generate_goals};
use mentorlog::store::Store;
use mentorlog::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn goals(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("goals.db");
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, 200, 5).unwrap();
    generate_goals(&mut store, 1_000, 20, 5).unwrap();
    let now = Local.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    let mut home = App::new(&mut store, now, Settings::default()).unwrap();
    // What the app offers at start (a relationship past its planned end) would take the keys.
    home.popups.clear();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();

    let mut group = c.benchmark_group("goals");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("summaries_1000x20", |b| {
        b.iter(|| store.goal_summaries(None).unwrap())
    });
    group.bench_function("board_frame_1000x20", |b| {
        b.iter_batched(
            || home.clone(),
            |mut app| {
                update(&mut app, &mut store, Action::OpenGoals);
                terminal.draw(|f| ui::render(&app, f)).unwrap();
                app
            },
            BatchSize::SmallInput,
        )
    });
    let mut board = home.clone();
    update(&mut board, &mut store, Action::OpenGoals);
    assert!(matches!(board.screen, Screen::Goals(_)));
    group.bench_function("detail_frame_1000x20", |b| {
        b.iter_batched(
            || board.clone(),
            |mut app| {
                update(&mut app, &mut store, Action::Confirm);
                terminal.draw(|f| ui::render(&app, f)).unwrap();
                app
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, goals);
criterion_main!(benches);
