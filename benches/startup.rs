//! Start-up to the first frame, in the process: open the journal file, build the app, draw one
//! 80x24 frame. On journals shaped like the ones people keep (a few to 50 relationships, up to
//! 100,000 entries), apart on a journal of 1,000 relationships, and the first start of a day,
//! when the daily copy is due. The whole process, launch to the first frame on a terminal, is
//! measured by `benches/process.rs`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Local;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorlog::app::{App, Settings};
use mentorlog::backup::DailyCopy;
use mentorlog::store::Store;
use mentorlog::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "shared/journals.rs"]
mod journals;
use journals::{MANY, TYPICAL, case, journal, now};

fn draw(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| ui::render(app, f)).unwrap();
}

/// An ordinary start: today's daily copy is already made, so there is none to take.
fn first_frame(path: &Path) {
    let mut store = Store::open(path).expect("journal opens");
    let app = App::new(&mut store, now(), Settings::default()).expect("app starts");
    draw(&app);
}

/// The first start of a day: what `cli::launch::journal` and the terminal loop do up to the
/// first frame with the daily copy due: the copy is started once the frame is drawn, on a
/// thread of its own, so the frame never waits for it. The copy is stopped and waited for when
/// the returned guard is dropped, outside the measured time.
fn first_frame_of_the_day(path: &Path) -> CopyGuard {
    let mut store = Store::open(path).expect("journal opens");
    let mut copy = DailyCopy::due(path, Local::now().date_naive());
    let app = App::new(&mut store, now(), Settings::default()).expect("app starts");
    draw(&app);
    copy.start_once();
    CopyGuard(copy)
}

/// Stops a started daily copy and waits for it, so it never runs into the next start.
struct CopyGuard(DailyCopy);

impl Drop for CopyGuard {
    fn drop(&mut self) {
        self.0.stop();
        let _ = self.0.wait();
    }
}

/// Removes today's daily copy, so the next start is the first of the day.
fn remove_todays_copy(path: &Path) {
    let today = format!(".daily-{}", Local::now().date_naive().format("%Y-%m-%d"));
    for copy in mentorlog::backup::daily_backups(path) {
        if copy.to_string_lossy().contains(&today) {
            std::fs::remove_file(&copy).unwrap();
        }
    }
}

/// The generated journals, each made the first time a case that runs asks for it (so a
/// filtered run makes only what it measures).
struct Journals {
    dir: tempfile::TempDir,
    made: RefCell<HashMap<(usize, usize), PathBuf>>,
}

impl Journals {
    fn get(&self, (entries, relationships): (usize, usize)) -> PathBuf {
        self.made
            .borrow_mut()
            .entry((entries, relationships))
            .or_insert_with(|| journal(self.dir.path(), entries, relationships))
            .clone()
    }
}

fn startup(c: &mut Criterion) {
    let journals = Journals {
        dir: tempfile::tempdir().unwrap(),
        made: RefCell::new(HashMap::new()),
    };

    let mut group = c.benchmark_group("startup_first_frame");
    group.sample_size(30);
    for (entries, relationships) in TYPICAL {
        group.bench_function(
            BenchmarkId::from_parameter(case(entries, relationships)),
            |b| {
                let path = journals.get((entries, relationships));
                b.iter(|| first_frame(&path))
            },
        );
    }
    group.finish();

    let (entries, relationships) = MANY;
    let mut group = c.benchmark_group("startup_many_relationships");
    group.sample_size(20);
    group.bench_function(
        BenchmarkId::from_parameter(case(entries, relationships)),
        |b| {
            let path = journals.get(MANY);
            b.iter(|| first_frame(&path))
        },
    );
    group.finish();

    let mut group = c.benchmark_group("startup_first_of_the_day");
    group.sample_size(10);
    for (entries, relationships) in TYPICAL {
        group.bench_function(
            BenchmarkId::from_parameter(case(entries, relationships)),
            |b| {
                let path = journals.get((entries, relationships));
                b.iter_batched(
                    || remove_todays_copy(&path),
                    |()| first_frame_of_the_day(&path),
                    BatchSize::PerIteration,
                )
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = startup
}
criterion_main!(benches);
