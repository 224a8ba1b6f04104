//! The whole process: from launching the built `mentorlog` binary on a journal until its first
//! frame has been written to an 80x24 pseudo-terminal. This holds what the in-process
//! `startup` bench leaves out: loading the binary, reading the config, entering the terminal
//! and writing the frame. The journals are the ones `startup` measures, with today's daily copy
//! already made (the ordinary start of a day that is not the first).
//!
//! Each launched process is ended by its pid (SIGTERM, then SIGKILL) as soon as its frame is
//! read, and also when the bench fails: a `Running` ends its process when dropped.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentorlog::store::Store;

#[path = "shared/journals.rs"]
mod journals;
use journals::{MANY, TYPICAL, case, now};

/// Journals as people keep them, (entries, relationships), and the many-relationships one.
const JOURNALS: [(usize, usize); 4] = [TYPICAL[0], TYPICAL[1], TYPICAL[2], MANY];
/// How long a launch may take before the bench gives up on it.
const PATIENCE: Duration = Duration::from_secs(30);

/// A generated journal, the `startup` bench's, with today's daily copy made.
fn journal(dir: &Path, entries: usize, relationships: usize) -> PathBuf {
    let path = journals::journal(dir, entries, relationships);
    todays_copy(&Store::open(&path).unwrap());
    path
}

/// Makes today's daily copy if it is not there yet (it is then not made by the launch).
fn todays_copy(store: &Store) {
    mentorlog::backup::daily(store, chrono::Local::now().date_naive()).unwrap();
}

/// A launched `mentorlog` on a pseudo-terminal. Dropping it ends the process.
struct Running {
    child: Child,
    terminal: File,
}

impl Running {
    /// Launches the binary on `journal` in the pseudo-terminal `(master, slave)` (see
    /// [`open_pty`]), with the config and data folders in `home`.
    fn launch((master, slave): (OwnedFd, OwnedFd), journal: &Path, home: &Path) -> Running {
        let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("pty descriptor copies"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_mentorlog"));
        command
            .arg("--db")
            .arg(journal)
            .env_clear()
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            // The clock of the in-process bench, so both draw the same screen on any day.
            .env("MENTORLOG_NOW", now().to_rfc3339())
            .stdin(stdio(&slave))
            .stdout(stdio(&slave))
            .stderr(stdio(&slave));
        // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
        // controlling terminal is the pseudo-terminal (already the child's standard input).
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("the built mentorlog starts");
        drop(slave);
        Running {
            child,
            terminal: File::from(master),
        }
    }

    /// Reads what the process writes until its first frame is complete: the home screen's
    /// title line, then the cursor hidden or placed, which ratatui writes at the end of a
    /// frame. Answers the cursor-position question the way a terminal does.
    fn wait_for_first_frame(&mut self) -> Vec<u8> {
        let started = Instant::now();
        let mut seen: Vec<u8> = Vec::new();
        let mut answered = 0;
        let mut buf = [0u8; 16 * 1024];
        loop {
            let left = PATIENCE.saturating_sub(started.elapsed());
            assert!(
                !left.is_zero() && self.readable(left),
                "no first frame within {PATIENCE:?}; the terminal showed:\n{}",
                String::from_utf8_lossy(&seen)
            );
            let n = match self.terminal.read(&mut buf) {
                Ok(n) => n,
                Err(e) => panic!(
                    "the terminal closed before the first frame ({e}); it showed:\n{}",
                    String::from_utf8_lossy(&seen)
                ),
            };
            assert!(n > 0, "the terminal closed before the first frame");
            seen.extend_from_slice(&buf[..n]);
            let asked = count(&seen, b"\x1b[6n");
            while answered < asked {
                self.terminal.write_all(b"\x1b[1;1R").unwrap();
                answered += 1;
            }
            if frame_complete(&seen) {
                return seen;
            }
        }
    }

    fn readable(&self, within: Duration) -> bool {
        use std::os::fd::AsRawFd;
        let mut poll = libc::pollfd {
            fd: self.terminal.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = within.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd for the duration of the call.
        unsafe { libc::poll(&mut poll, 1, ms) > 0 }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        if matches!(self.child.try_wait(), Ok(None)) {
            // SAFETY: a signal to our own child, which has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let asked = Instant::now();
            while asked.elapsed() < Duration::from_secs(3) {
                if !matches!(self.child.try_wait(), Ok(None)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The home screen's title, then the end of the frame (the cursor hidden or shown).
fn frame_complete(seen: &[u8]) -> bool {
    let Some(title) = find(seen, " mentorlog \u{b7} ".as_bytes()) else {
        return false;
    };
    let rest = &seen[title..];
    find(rest, b"\x1b[?25l").is_some() || find(rest, b"\x1b[?25h").is_some()
}

/// A pseudo-terminal of `cols` x `rows`: (the side the bench reads, the side the app gets).
fn open_pty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let mut master = -1;
    let mut slave = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors, which are owned from here on.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(made, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors are fresh and owned by nothing else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

fn process(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut group = c.benchmark_group("process_first_frame");
    group.sample_size(20);
    for (entries, relationships) in JOURNALS {
        // Made the first time the case runs (a filtered run makes only what it measures).
        let mut made: Option<PathBuf> = None;
        // MENTORLOG_BENCH_SHOW=1: print what the first launch wrote, to see what is measured.
        let mut show = std::env::var_os("MENTORLOG_BENCH_SHOW").is_some();
        group.bench_function(
            BenchmarkId::from_parameter(case(entries, relationships)),
            |b| {
                let p = made
                    .get_or_insert_with(|| journal(dir.path(), entries, relationships))
                    .as_path();
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Past midnight the day changes: keep today's copy made.
                        todays_copy(&Store::open(p).unwrap());
                        let pty = open_pty(80, 24);
                        let started = Instant::now();
                        let mut running = Running::launch(pty, p, &home);
                        let screen = running.wait_for_first_frame();
                        total += started.elapsed();
                        if show {
                            show = false;
                            eprintln!("{}", String::from_utf8_lossy(&screen));
                        }
                        drop(running);
                    }
                    total
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = process
}
criterion_main!(benches);
