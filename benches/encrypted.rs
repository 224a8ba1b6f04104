//! An encrypted journal next to the same journal plain, at 1k, 10k and 100k entries: the key
//! derivation on its own, then (with the key derived) the first frame, a timeline page, a
//! search keystroke and a durable save.
//!
//! The data: the `Shape::typical` journals of `startup` (benches/shared/journals.rs), made once
//! per run, then encrypted with a passphrase (`store::convert`). The plain journal measured is
//! that encrypted file decrypted again (`convert` to plain), so both went through the same
//! export and hold the same rows in the same page order: only the encryption differs.
//!
//! SQLCipher derives the key once per connection, when the first page is read. The first frame
//! opens the file each time, so it is measured on a third copy keyed with a raw 256-bit key
//! (`x'…'`, which SQLCipher uses without a derivation) as well as with the passphrase: the
//! first is the frame after the key is derived, the difference is the derivation.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use mentorlog::app::{Action, App, Screen, Settings, update};
use mentorlog::domain::{Passphrase, Reflection};
use mentorlog::store::{self, CheckinRows, Store, TimelineCursor, TimelineFilter};
use mentorlog::{tui, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::Connection;

#[path = "shared/journals.rs"]
#[allow(dead_code)] // The journal of many relationships is not measured here.
mod journals;
use journals::{TYPICAL, journal, now};

const PASSPHRASE: &str = "a long passphrase for the benches";
/// A raw key: SQLCipher takes `x'` and 64 hex digits as the key itself, with no derivation.
const RAW_KEY: &str = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'";
const PAGE: usize = 50;
const QUERIES: [&str; 3] = ["growth feedback", "confid", "kind:reflection career"];

fn passphrase() -> Passphrase {
    Passphrase::new(PASSPHRASE.into()).unwrap()
}

fn raw_key() -> Passphrase {
    Passphrase::unchecked(RAW_KEY.into())
}

fn label(entries: usize) -> String {
    format!("{}k", entries / 1_000)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Plain,
    Encrypted,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Plain => "plain",
            Kind::Encrypted => "encrypted",
        }
    }
}

/// One generated journal in three files of the same content.
struct Copies {
    plain: PathBuf,
    /// Encrypted with [`PASSPHRASE`] (remembered for this process).
    encrypted: PathBuf,
    /// Encrypted with [`RAW_KEY`] (remembered for this process).
    raw: PathBuf,
}

fn copy_with_key(from: &Path, to: &Path, key: Option<&Passphrase>) {
    std::fs::copy(from, to).unwrap();
    store::remember(to, passphrase());
    store::convert(to, key).unwrap();
}

fn mib(path: &Path) -> f64 {
    std::fs::metadata(path).unwrap().len() as f64 / (1024.0 * 1024.0)
}

fn make(dir: &Path, entries: usize, relationships: usize) -> Copies {
    let start = Instant::now();
    let generated = journal(dir, entries, relationships);
    let made = start.elapsed();
    let encrypted = generated.with_extension("encrypted.db");
    std::fs::copy(&generated, &encrypted).unwrap();
    let start = Instant::now();
    store::convert(&encrypted, Some(&passphrase())).unwrap();
    let converted = start.elapsed();
    let plain = generated.with_extension("plain.db");
    copy_with_key(&encrypted, &plain, None);
    let raw = generated.with_extension("raw.db");
    copy_with_key(&encrypted, &raw, Some(&raw_key()));
    eprintln!(
        "encrypted/{}: generated in {:.1} s, encrypted in {:.1} s; {:.1} MiB as generated, \
         {:.1} MiB encrypted, {:.1} MiB plain after the same export",
        label(entries),
        made.as_secs_f64(),
        converted.as_secs_f64(),
        mib(&generated),
        mib(&encrypted),
        mib(&plain)
    );
    std::fs::remove_file(&generated).unwrap();
    Copies {
        plain,
        encrypted,
        raw,
    }
}

/// The journals, each made the first time a case that runs asks for it (so a filtered run
/// makes only what it measures), and one open store of each kind and size.
struct Journals {
    dir: tempfile::TempDir,
    made: RefCell<HashMap<usize, Copies>>,
    stores: RefCell<HashMap<(usize, Kind), Store>>,
}

impl Journals {
    fn path(&self, (entries, relationships): (usize, usize), which: &str) -> PathBuf {
        let mut made = self.made.borrow_mut();
        let copies = made
            .entry(entries)
            .or_insert_with(|| make(self.dir.path(), entries, relationships));
        match which {
            "plain" => copies.plain.clone(),
            "encrypted" => copies.encrypted.clone(),
            _ => copies.raw.clone(),
        }
    }

    /// Runs `f` on the open store of `kind` at `size`, opened (and its key derived) once.
    fn with_store<T>(
        &self,
        size: (usize, usize),
        kind: Kind,
        f: impl FnOnce(&mut Store) -> T,
    ) -> T {
        let path = self.path(size, kind.name());
        let mut stores = self.stores.borrow_mut();
        let store = stores
            .entry((size.0, kind))
            .or_insert_with(|| Store::open(&path).unwrap());
        f(store)
    }
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| ui::render(app, f)).unwrap();
}

/// What `startup_first_frame` measures: open the journal file, build the app, draw 80x24.
fn first_frame(path: &Path) {
    let mut store = Store::open(path).expect("journal opens");
    let app = App::new(&mut store, now(), Settings::default()).expect("app starts");
    draw(&app, &mut Terminal::new(TestBackend::new(80, 24)).unwrap());
}

/// SQLCipher's settings as an encrypted connection reports them.
fn report_cipher(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    let read = |pragma: &str| -> String {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap_or_else(|e| format!("({e})"))
    };
    for pragma in [
        "cipher_version",
        "cipher_provider",
        "cipher_provider_version",
        "kdf_iter",
        "cipher_default_kdf_iter",
        "cipher_kdf_algorithm",
        "cipher_hmac_algorithm",
        "cipher_page_size",
    ] {
        eprintln!("encrypted/cipher: {pragma} = {}", read(pragma));
    }
}

fn keystroke(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn search_settings() -> Settings {
    Settings {
        survey_every_days: 0,
        ..Settings::default()
    }
}

/// The home screen as a search starts from it.
fn home(store: &mut Store) -> App {
    let mut app = App::new(store, now(), search_settings()).unwrap();
    app.popups.clear();
    app
}

/// As benches/search.rs: every keystroke of the queries, 10 rounds, printed with its 50th
/// and 95th percentile.
fn keystroke_percentiles(id: &str, store: &mut Store) {
    let start_screen = home(store);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut times = Vec::new();
    for _ in 0..10 {
        for q in QUERIES {
            let mut app = start_screen.clone();
            update(&mut app, store, Action::OpenSearch);
            for ch in q.chars() {
                let start = Instant::now();
                tui::handle_event(&mut app, store, keystroke(ch));
                draw(&app, &mut terminal);
                times.push(start.elapsed());
            }
            assert!(matches!(app.screen, Screen::Search(_)));
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "encrypted/search_keystroke/{id}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} keystrokes",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(*times.last().unwrap()),
        times.len()
    );
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

fn encrypted(c: &mut Criterion) {
    let journals = Journals {
        dir: tempfile::tempdir().unwrap(),
        made: RefCell::new(HashMap::new()),
        stores: RefCell::new(HashMap::new()),
    };
    let mut group = c.benchmark_group("encrypted");

    // The derivation: checking a passphrase against a small encrypted journal, read-only,
    // with the passphrase (one PBKDF2 derivation) and with the raw key (none).
    {
        let tiny = journals.dir.path().join("tiny.db");
        drop(Store::create_encrypted(&tiny, &passphrase()).unwrap());
        report_cipher(&tiny);
        let tiny_raw = journals.dir.path().join("tiny-raw.db");
        copy_with_key(&tiny, &tiny_raw, Some(&raw_key()));
        group.sample_size(20);
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function("key_derivation/passphrase", |b| {
            b.iter(|| store::try_passphrase(&tiny, &passphrase()).unwrap())
        });
        group.bench_function("key_derivation/raw_key", |b| {
            b.iter(|| store::try_passphrase(&tiny_raw, &raw_key()).unwrap())
        });
    }

    // Open the file, build the app, draw the first frame: plain, encrypted after the key is
    // derived (the raw key), and encrypted with the derivation (the passphrase).
    for size in TYPICAL {
        let id = label(size.0);
        for (name, which) in [
            ("first_frame/plain", "plain"),
            ("first_frame/encrypted", "raw"),
            ("first_frame/encrypted_with_derivation", "encrypted"),
        ] {
            if which == "encrypted" {
                group.sample_size(20);
                group.sampling_mode(SamplingMode::Flat);
            } else {
                group.sample_size(50);
                group.sampling_mode(SamplingMode::Auto);
            }
            group.bench_function(BenchmarkId::new(name, &id), |b| {
                let path = journals.path(size, which);
                b.iter(|| first_frame(&path))
            });
        }
    }
    group.sample_size(50);
    group.sampling_mode(SamplingMode::Auto);

    // The timeline's first page and a page four-fifths of the way down, from the store.
    let all = TimelineFilter {
        include_private: true,
        checkins: CheckinRows::With,
        ..TimelineFilter::default()
    };
    for size in TYPICAL {
        let id = label(size.0);
        for kind in [Kind::Plain, Kind::Encrypted] {
            group.bench_function(
                BenchmarkId::new(format!("timeline_page/{}", kind.name()), &id),
                |b| {
                    journals.with_store(size, kind, |s| {
                        b.iter(|| s.timeline_rows(&all, None, PAGE).unwrap())
                    })
                },
            );
            let deep = RefCell::new(None);
            group.bench_function(
                BenchmarkId::new(format!("timeline_page_deep/{}", kind.name()), &id),
                |b| {
                    journals.with_store(size, kind, |s| {
                        let deep = *deep
                            .borrow_mut()
                            .get_or_insert_with(|| deep_cursor(s, &all, size.0));
                        b.iter(|| s.timeline_rows(&all, Some(deep), PAGE).unwrap())
                    })
                },
            );
        }
    }

    // A search keystroke as the app runs it and draws it, with the percentiles of every
    // keystroke of typed queries printed first.
    for size in TYPICAL {
        let id = label(size.0);
        for kind in [Kind::Plain, Kind::Encrypted] {
            let printed = Cell::new(false);
            let typed = RefCell::new(None);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            group.bench_function(
                BenchmarkId::new(format!("search_keystroke/{}", kind.name()), &id),
                |b| {
                    journals.with_store(size, kind, |store| {
                        if !printed.replace(true) {
                            keystroke_percentiles(&format!("{}/{id}", kind.name()), store);
                        }
                        let mut typed = typed.borrow_mut();
                        let typed = typed.get_or_insert_with(|| {
                            let mut app = home(store);
                            update(&mut app, store, Action::OpenSearch);
                            for ch in "growth feedbac".chars() {
                                tui::handle_event(&mut app, store, keystroke(ch));
                            }
                            app
                        });
                        b.iter_batched(
                            || typed.clone(),
                            |mut app| {
                                tui::handle_event(&mut app, store, keystroke('k'));
                                draw(&app, &mut terminal);
                                app
                            },
                            BatchSize::SmallInput,
                        )
                    })
                },
            );
        }
    }

    // One durable save of a reflection (write-ahead log, synchronous = FULL).
    for size in TYPICAL {
        let id = label(size.0);
        for kind in [Kind::Plain, Kind::Encrypted] {
            group.bench_function(
                BenchmarkId::new(format!("durable_save/{}", kind.name()), &id),
                |b| {
                    journals.with_store(size, kind, |store| {
                        b.iter(|| {
                            let r = Reflection::new(
                                "A short reflection about today's session #growth",
                                Utc::now(),
                            );
                            store.save_reflection(&r, Utc::now()).unwrap();
                        })
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = encrypted
}
criterion_main!(benches);
