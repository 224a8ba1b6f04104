//! Watching the terminal's input side without reading it.
//!
//! crossterm reads the terminal in a loop that only ends on a key or "no data yet": when the
//! terminal is gone (a closed window, a dropped ssh connection, a killed tmux server) every
//! read returns 0 bytes or EIO at once, and that loop spins forever, with no way for the app
//! to notice a signal. So the app never hands control to crossterm while the terminal may be
//! gone: it asks the kernel first (`poll(2)` on the same file descriptor, which reports a
//! hang-up without reading anything), and waits for input here, where a signal interrupts
//! the wait.
//!
//! A watchdog thread is the backstop for the one moment this cannot cover (the terminal
//! going away between that look and crossterm's read): if a termination signal or a hang-up
//! is still unanswered after [`GRACE`], it removes what must not stay behind and ends the
//! process. Drafts are autosaved every two seconds, so even then little typing is lost.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the terminal's input side is like right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes are waiting to be read.
    Ready,
    /// Nothing yet (or the wait was cut short by a signal).
    Quiet,
    /// The terminal is gone: input has ended for good.
    Gone,
}

/// How long a termination signal or a hang-up may go unanswered before the watchdog ends
/// the process itself.
pub const GRACE: Duration = Duration::from_secs(3);

/// The terminal mentorlog reads: standard input (the screens only start when it is one).
const TTY: libc::c_int = libc::STDIN_FILENO;

/// Waits up to `timeout` for input on the terminal, without reading it. Returns early on
/// input, on a hang-up, and when a signal arrives.
pub fn wait(timeout: Duration) -> Input {
    let mut fd = libc::pollfd {
        fd: TTY,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, and its count is 1.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        // EINTR (a signal) comes back as quiet: the caller looks at its signal flags next.
        return match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EINTR) | Some(libc::EAGAIN) => Input::Quiet,
            _ => Input::Gone,
        };
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Gone
    } else if fd.revents & libc::POLLIN != 0 {
        Input::Ready
    } else {
        Input::Quiet
    }
}

/// True when the terminal is gone (looks without waiting).
pub fn gone() -> bool {
    wait(Duration::ZERO) == Input::Gone
}

/// Set while the terminal is handed to the person's editor: the editor gets the signals too,
/// and a termination is answered when it closes, so the watchdog waits meanwhile.
pub static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Folders removed if the watchdog has to end the process (the demo's temporary journal).
static REMOVE_ON_FORCED_EXIT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a folder the watchdog removes before it ends the process.
pub fn remove_on_forced_exit(dir: PathBuf) {
    if let Ok(mut dirs) = REMOVE_ON_FORCED_EXIT.lock() {
        dirs.push(dir);
    }
}

/// Starts the watchdog. `signal` holds the number of a pending termination signal (0 for
/// none); the watchdog stops once `active` is false (the screens have closed normally).
pub fn start_watchdog(signal: Arc<AtomicUsize>, active: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("mentorlog-watchdog".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            while active.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let sig = signal.load(Ordering::Relaxed);
                if (sig == 0 && !gone()) || HANDED_OVER.load(Ordering::Relaxed) {
                    since = None;
                    continue;
                }
                let first = *since.get_or_insert_with(Instant::now);
                if first.elapsed() >= GRACE && active.load(Ordering::Relaxed) {
                    forced_exit(if sig == 0 { libc::SIGHUP } else { sig as i32 });
                }
            }
        });
    // Without the thread the app still works; only the backstop is missing.
    drop(spawned);
}

fn forced_exit(sig: i32) -> ! {
    if let Ok(dirs) = REMOVE_ON_FORCED_EXIT.lock() {
        for dir in dirs.iter() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    // The terminal may still be there (a signal, not a hang-up): give it back as well as
    // can be done without crossterm, whose locks the stuck thread may hold.
    // Written directly: the standard output's lock may be held by that thread too.
    let leave = b"\x1b[?2004l\x1b[?1049l\x1b[?25h";
    // SAFETY: a valid buffer and its length; a failed write is of no consequence here.
    let _ = unsafe { libc::write(libc::STDOUT_FILENO, leave.as_ptr().cast(), leave.len()) };
    // SAFETY: _exit ends the process at once; nothing here is used afterwards.
    unsafe { libc::_exit(128 + sig) }
}
