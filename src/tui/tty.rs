//! Watching the terminal's input side without reading it.
//!
//! crossterm reads the terminal in a loop that only ends on a whole event or "no data yet":
//! when the terminal is gone (a closed window, a dropped ssh connection, a killed tmux
//! server) every read returns 0 bytes or EIO at once, and that loop spins forever, with no
//! way for the app to notice a signal. So the app never hands control to crossterm while the
//! terminal may be gone: it asks the kernel first (`poll(2)` on the same file descriptor,
//! which reports a hang-up without reading anything), and waits for input here, where a
//! signal interrupts the wait.
//!
//! Standard input is also made non-blocking (on a description of its own, see
//! [`own_nonblocking_input`]), so crossterm never sits in `read()` waiting for the rest of an
//! escape sequence, deaf to signals.
//!
//! The look cannot cover a terminal that goes while crossterm is already reading (in the
//! middle of a paste, say). For that a watcher thread looks too: once the terminal is gone it
//! puts an empty, never-ending pipe on standard input in its place, where crossterm's next
//! read finds "no data yet" and returns, and the loop ends as usual, drafts saved. Should a
//! termination signal or the hang-up still be unanswered after [`GRACE`], the watcher removes
//! what must not stay behind and ends the process (drafts are autosaved every two seconds).

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

/// How long a termination signal or a hang-up may go unanswered before the watcher ends
/// the process itself. Longer than a write waits for another mentorlog's lock (5 s), so the
/// last save of the drafts is never cut short while it waits its turn.
pub const GRACE: Duration = Duration::from_secs(6);

/// How often the watcher looks.
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// The terminal mentorlog reads: standard input (the screens only start when it is one).
const TTY: libc::c_int = libc::STDIN_FILENO;

/// Set once the terminal is gone and standard input has been replaced by the quiet pipe.
static GONE: AtomicBool = AtomicBool::new(false);

/// Set while the terminal is handed to the person's editor: the editor gets the signals too,
/// and a termination is answered when it closes, so the watcher waits meanwhile.
pub static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Waits up to `timeout` for input on the terminal, without reading it. Returns early on
/// input, on a hang-up, and when a signal arrives.
pub fn wait(timeout: Duration) -> Input {
    if GONE.load(Ordering::Relaxed) {
        return Input::Gone;
    }
    let mut fd = libc::pollfd {
        fd: TTY,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, and its count is 1.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if GONE.load(Ordering::Relaxed) {
        return Input::Gone;
    }
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

/// Puts standard input on an open file description of the terminal of its own, in
/// non-blocking mode. With blocking reads, crossterm sits in `read()` whenever what it has
/// read is not a whole event yet (half an escape sequence, a paste whose end has not come),
/// deaf to signals until more comes. Non-blocking, it returns at once and the loop looks at
/// its flags. A description of its own keeps the mode away from the shell, which shares the
/// one it handed down.
///
/// Done once: crossterm watches the description standard input had when it first read, and
/// a second one put in its place would never be reported ready (the passphrase screen and
/// the app each set the terminal up).
pub fn own_nonblocking_input() -> std::io::Result<()> {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.load(Ordering::Relaxed) {
        return Ok(());
    }
    own_input_once()?;
    DONE.store(true, Ordering::Relaxed);
    Ok(())
}

fn own_input_once() -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let mut name = [0 as libc::c_char; 512];
    // SAFETY: the buffer and its length are valid; ttyname_r writes a C string into it.
    let rc = unsafe { libc::ttyname_r(TTY, name.as_mut_ptr(), name.len()) };
    if rc != 0 {
        return Err(std::io::Error::from_raw_os_error(rc));
    }
    // SAFETY: ttyname_r succeeded, so the buffer holds a terminated string.
    let path = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
        .open(std::ffi::OsStr::from_bytes(path.to_bytes()))?;
    // SAFETY: both descriptors are open; dup2 replaces standard input with the new one.
    if unsafe { libc::dup2(file.as_raw_fd(), TTY) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Blocking reads (for the editor the terminal is handed to, which expects them), or not.
pub fn set_input_blocking(blocking: bool) {
    // SAFETY: fcntl on standard input; a failure leaves its flags as they were.
    unsafe {
        let flags = libc::fcntl(TTY, libc::F_GETFL);
        if flags >= 0 {
            let flags = if blocking {
                flags & !libc::O_NONBLOCK
            } else {
                flags | libc::O_NONBLOCK
            };
            libc::fcntl(TTY, libc::F_SETFL, flags);
        }
    }
}

/// True when the terminal is gone (looks without waiting).
pub fn gone() -> bool {
    wait(Duration::ZERO) == Input::Gone
}

/// Puts an empty pipe whose writing end stays open on standard input, in place of the gone
/// terminal: reading it says "no data yet" (non-blocking) instead of "end of input" forever.
fn quiet_input() {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: a valid array of two descriptors for pipe2 to fill.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } != 0 {
        return;
    }
    // SAFETY: fds[0] is open; dup2 replaces standard input with it. The writing end is kept
    // open on purpose (closed, reading would say "end of input" again).
    unsafe {
        libc::dup2(fds[0], TTY);
        libc::close(fds[0]);
    }
    GONE.store(true, Ordering::Relaxed);
}

/// Folders removed if the watcher has to end the process (the demo's temporary journal).
static REMOVE_ON_FORCED_EXIT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Registers a folder the watcher removes before it ends the process.
pub fn remove_on_forced_exit(dir: PathBuf) {
    if let Ok(mut dirs) = REMOVE_ON_FORCED_EXIT.lock() {
        dirs.push(dir);
    }
}

/// Starts the watcher. `signal` holds the number of a pending termination signal (0 for
/// none); the watcher stops once `active` is false (the screens have closed normally).
pub fn start_watcher(signal: Arc<AtomicUsize>, active: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("mentorlog-watcher".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            while active.load(Ordering::Relaxed) {
                std::thread::sleep(WATCH_EVERY);
                let gone = gone();
                if gone && !GONE.load(Ordering::Relaxed) {
                    quiet_input();
                }
                let sig = signal.load(Ordering::Relaxed);
                if (sig == 0 && !gone) || HANDED_OVER.load(Ordering::Relaxed) {
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
    // can be done without crossterm, whose locks the stuck thread may hold. Written directly:
    // the standard output's lock may be held by that thread too.
    let leave = b"\x1b[?2004l\x1b[?1049l\x1b[?25h";
    // SAFETY: a valid buffer and its length; a failed write is of no consequence here.
    let _ = unsafe { libc::write(libc::STDOUT_FILENO, leave.as_ptr().cast(), leave.len()) };
    // SAFETY: _exit ends the process at once; nothing here is used afterwards.
    unsafe { libc::_exit(128 + sig) }
}
