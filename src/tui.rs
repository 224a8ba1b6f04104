//! The terminal: setup and teardown, signals, suspend, and the loop (generic over the
//! backend and the event source, so tests drive the real app on `TestBackend`).
//!
//! Every way out keeps what was typed and gives the terminal back: quitting, a termination
//! signal (exit 128+n), the terminal going away (a closed window or connection: exit 129,
//! nothing more written to it), and a panic (exit 101).

mod tty;
pub mod unlock;

use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use tty::remove_on_forced_exit;

use crate::app::{Action, App, keymap, update};
use crate::backup::DailyCopy;
use crate::store::Store;
use crate::ui;

/// How often the loop wakes without input, to autosave and follow the clock.
const TICK: Duration = Duration::from_millis(500);
/// How often a draft is autosaved while typing goes on without a pause.
const AUTOSAVE_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(2);

/// What the next wait for input gave.
pub enum Next {
    Event(Event),
    Timeout,
    /// A scripted source has nothing more.
    End,
    /// The terminal is gone (a closed window, a dropped connection): input ended for good.
    Gone,
}

/// Where the loop gets input, time and signals from.
pub trait EventSource {
    fn next(&mut self, timeout: Duration) -> io::Result<Next>;
    /// The current time; the app never reads the system clock itself.
    fn now(&mut self) -> DateTime<Local>;
    /// A pending termination signal (SIGTERM, SIGHUP, SIGINT), if one arrived.
    fn signal(&mut self) -> Option<i32> {
        None
    }
    /// Ctrl-Z: give the terminal back, stop, and take it again after `fg`.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// True once after the process was stopped and continued (SIGSTOP or a shell's job
    /// control, then SIGCONT): the terminal is set up again, and the loop redraws all of it,
    /// since anything may have been written to the screen meanwhile.
    fn resumed(&mut self) -> bool {
        false
    }
    /// Runs $VISUAL / $EDITOR on `text` (the terminal is handed over meanwhile).
    fn external_edit(&mut self, text: &str, dir: &std::path::Path) -> Result<String, String> {
        crate::external::edit(text, dir, crate::external::editor_from_env().as_deref())
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Quit,
    Signal(i32),
    EventsEnded,
    /// The terminal went away; drafts were saved.
    TerminalGone,
}

/// Turns one terminal event into an action and applies it.
pub fn handle_event(app: &mut App, store: &mut Store, event: Event) {
    let action = match event {
        Event::Key(key) => keymap::map(app, key),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    };
    if let Some(action) = action {
        update(app, store, action);
    }
}

/// The loop: draw, wait for an event, update. Drafts are saved before any exit.
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    store: &mut Store,
    events: &mut E,
) -> io::Result<Stop>
where
    B::Error: Send + Sync + 'static,
{
    run_with(terminal, app, store, events, &mut DailyCopy::none())
}

/// [`run`], starting the day's copy (when one is due) once the first frame is on screen.
/// The copy may still be running when this returns: the caller waits for it or stops it.
pub fn run_with<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    store: &mut Store,
    events: &mut E,
    copy: &mut DailyCopy,
) -> io::Result<Stop>
where
    B::Error: Send + Sync + 'static,
{
    let mut last_save = events.now();
    let mut health = crate::health::Watch::default();
    loop {
        if events.resumed() {
            // A failed clear shows itself in the draw just below.
            let _ = terminal.clear();
        }
        if let Some(damage) = health.finished() {
            update(app, store, Action::JournalDamaged(damage));
        }
        if let Ok(size) = terminal.size() {
            app.size = (size.width, size.height);
        }
        if let Err(e) = terminal.draw(|f| ui::render(app, f)) {
            // The terminal went away (a closed window): keep what was typed, then stop.
            update(app, store, Action::Shutdown);
            return Err(io::Error::other(e));
        }
        // The journal's check and the day's copy run beside the app, after the first frame
        // is on screen.
        health.start_once(store.path());
        copy.start_once();
        if app.should_quit {
            return Ok(Stop::Quit);
        }
        if let Some(sig) = events.signal() {
            update(app, store, Action::Shutdown);
            return Ok(Stop::Signal(sig));
        }
        let next = match events.next(TICK) {
            Ok(next) => next,
            Err(e) => {
                // Input is gone (a closed terminal): keep what was typed, then stop.
                update(app, store, Action::Shutdown);
                return Err(e);
            }
        };
        app.now = events.now();
        match next {
            Next::Event(event) => handle_event(app, store, event),
            Next::Timeout => {}
            Next::End => {
                update(app, store, Action::Shutdown);
                return Ok(Stop::EventsEnded);
            }
            Next::Gone => {
                update(app, store, Action::Shutdown);
                return Ok(Stop::TerminalGone);
            }
        }
        if app.now - last_save >= AUTOSAVE_EVERY || app.now < last_save {
            update(app, store, Action::Tick);
            last_save = app.now;
        }
        if let Some(text) = app.external.take() {
            // Whatever happens in the editor, the text typed so far is in the draft first.
            update(app, store, Action::Tick);
            let dir = app.private_dir.clone().unwrap_or_else(std::env::temp_dir);
            let result = events.external_edit(&text, &dir);
            terminal.clear().map_err(io::Error::other)?;
            update(app, store, Action::ExternalEdited(result));
        }
        if app.suspend_requested {
            app.suspend_requested = false;
            events.suspend()?;
            terminal.clear().map_err(io::Error::other)?;
        }
    }
}

/// How long one wait for input lasts at most before the flags are looked at again.
const SLICE: Duration = Duration::from_millis(100);

/// Real input from the terminal, with signal flags.
pub struct TerminalEvents {
    signal: Arc<AtomicUsize>,
    /// Set by SIGCONT: the process was stopped and has just been continued.
    continued: Arc<AtomicBool>,
    /// Keeps the watcher (see `tty`) watching while the screens are open.
    watching: Arc<AtomicBool>,
    /// A key that panics on purpose (MENTORLOG_PANIC_ON_KEY, for tests).
    panic_key: Option<KeyCode>,
    /// How far the app's clock is from the system's (`MENTORLOG_NOW`; zero without it).
    clock_offset: chrono::Duration,
}

/// How far `MENTORLOG_NOW` sets the app's clock from the system's: the clock starts at that
/// time and runs on from it, so people (and tests) can see what would be due then. Zero
/// when it is not set.
pub fn clock_offset_from_env() -> Result<chrono::Duration, String> {
    match std::env::var("MENTORLOG_NOW") {
        Ok(v) if !v.trim().is_empty() => {
            let then = crate::share::now_from_env()?;
            Ok(then - Local::now())
        }
        _ => Ok(chrono::Duration::zero()),
    }
}

impl TerminalEvents {
    /// Registers SIGTERM, SIGHUP and SIGINT so the loop can save and restore before exiting,
    /// SIGCONT so it can redraw after a stop, and starts the watcher.
    pub fn new() -> io::Result<TerminalEvents> {
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
        }
        let continued = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&continued))?;
        let watching = Arc::new(AtomicBool::new(true));
        tty::start_watcher(Arc::clone(&signal), Arc::clone(&watching));
        // If this fails, reading works as before, only deaf to signals while crossterm
        // waits for the rest of an escape sequence.
        let _ = tty::own_nonblocking_input();
        Ok(TerminalEvents {
            signal,
            continued,
            watching,
            panic_key: panic_key_from_env(),
            // Checked when the app started (a bad value stops it there).
            clock_offset: clock_offset_from_env().unwrap_or_default(),
        })
    }
}

impl Drop for TerminalEvents {
    fn drop(&mut self) {
        self.watching.store(false, Ordering::Relaxed);
    }
}

/// MENTORLOG_PANIC_ON_KEY=F12 (any F1–F24) makes that key panic, so tests can check what a
/// crash leaves behind (the terminal given back, drafts saved, exit code 101). Test-only.
fn panic_key_from_env() -> Option<KeyCode> {
    let value = std::env::var("MENTORLOG_PANIC_ON_KEY").ok()?;
    let n: u8 = value.strip_prefix('F')?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.signal.load(Ordering::Relaxed) != 0 || self.continued.load(Ordering::Relaxed) {
                return Ok(Next::Timeout);
            }
            // crossterm spins forever on a terminal that is gone: look before it reads.
            if tty::gone() {
                return Ok(Next::Gone);
            }
            // What crossterm has already read (the rest of a burst of keys, a resize) first.
            if event::poll(Duration::ZERO)? {
                let event = event::read()?;
                if let (Some(code), Event::Key(key)) = (self.panic_key, &event)
                    && key.code == code
                {
                    panic!("MENTORLOG_PANIC_ON_KEY: the panic a test asked for");
                }
                return Ok(Next::Event(event));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(Next::Timeout);
            }
            // Ends early on input, a hang-up, or any signal (a resize, a stop, a termination).
            if tty::wait(left.min(SLICE)) == tty::Input::Gone {
                return Ok(Next::Gone);
            }
        }
    }

    fn now(&mut self) -> DateTime<Local> {
        Local::now() + self.clock_offset
    }

    fn signal(&mut self) -> Option<i32> {
        match self.signal.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n as i32),
        }
    }

    fn external_edit(&mut self, text: &str, dir: &std::path::Path) -> Result<String, String> {
        if let Err(e) = leave_terminal() {
            return Err(format!(
                "Could not hand the terminal to your editor ({e}). Your text is unchanged."
            ));
        }
        tty::HANDED_OVER.store(true, Ordering::Relaxed);
        tty::set_input_blocking(true);
        let result =
            crate::external::edit(text, dir, crate::external::editor_from_env().as_deref());
        tty::set_input_blocking(false);
        tty::HANDED_OVER.store(false, Ordering::Relaxed);
        if let Err(e) = enter_terminal() {
            return Err(format!(
                "The terminal could not be taken back ({e}). Your text is unchanged."
            ));
        }
        result
    }

    fn suspend(&mut self) -> io::Result<()> {
        leave_terminal()?;
        // SIGTSTP's default action stops us here; `fg` continues from the next line.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        // The SIGCONT of that `fg` is answered here already.
        self.continued.store(false, Ordering::Relaxed);
        enter_terminal()
    }

    fn resumed(&mut self) -> bool {
        if !self.continued.swap(false, Ordering::Relaxed) {
            return false;
        }
        // A shell may have reset the terminal while we were stopped (cooked mode, its own
        // screen): set it up again from scratch. crossterm skips raw mode if it believes it
        // is on already, so it is turned off first.
        let _ = disable_raw_mode();
        let _ = enter_terminal();
        true
    }
}

fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Gives the terminal back: normal screen, visible cursor, cooked mode. Every step is tried
/// even when an earlier one fails (the terminal may be gone).
fn leave_terminal() -> io::Result<()> {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = out.flush();
    disable_raw_mode()
}

/// Gives the terminal back before a panic's message is printed. Installed once; unlike
/// ratatui's own hook it never prints (printing to a terminal that is gone would panic
/// again inside the hook, which aborts).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = leave_terminal();
            previous(info);
        }));
    });
}

/// The screens need a terminal on both ends; say so before anything is created.
pub fn require_terminal() -> crate::error::Result<()> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(crate::error::Error::Usage(
            "mentorlog's journal screens need a terminal. For scripts, use a subcommand: `mentorlog --help` lists them.".into(),
        ));
    }
    Ok(())
}

/// The exit code after a panic, as Rust's own.
const PANIC_EXIT: u8 = 101;

/// Runs the interactive app in the real terminal, making the day's copy (when `copy` is due)
/// beside it. Returns the process exit code.
pub fn run_terminal(
    app: &mut App,
    store: &mut Store,
    mut copy: DailyCopy,
) -> crate::error::Result<u8> {
    require_terminal()?;
    let mut events = TerminalEvents::new()
        .map_err(|e| crate::error::Error::io("cannot listen for signals", e))?;
    install_panic_hook();
    let setup = enter_terminal().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
    let mut terminal = match setup {
        Ok(terminal) => terminal,
        Err(e) => {
            let _ = leave_terminal();
            return Err(crate::error::Error::io("cannot set up the terminal", e));
        }
    };
    // The alternate screen may hold leftovers (a session killed before it could leave it).
    let _ = terminal.clear();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        run_with(&mut terminal, app, store, &mut events, &mut copy)
    }));
    let outcome = match outcome {
        Ok(result) => result,
        Err(_) => {
            copy.stop();
            // The hook has given the terminal back and printed the message. Keep what was
            // typed; a second panic, in the save itself, ends the attempt (no loop).
            let _ = catch_unwind(AssertUnwindSafe(|| update(app, store, Action::Shutdown)));
            let _ = leave_terminal();
            std::mem::forget(terminal);
            return Ok(PANIC_EXIT);
        }
    };
    let _ = leave_terminal();
    // The terminal's own drop shows the cursor again (done above) and prints if that fails,
    // which would panic on a terminal that is gone.
    std::mem::forget(terminal);
    match outcome {
        Ok(Stop::Signal(sig)) => {
            stop_copy(&mut copy);
            Ok(128u8.saturating_add(sig as u8))
        }
        // Nothing more is written to a terminal that is gone, not even an error.
        Ok(Stop::TerminalGone) => {
            stop_copy(&mut copy);
            Ok(128 + libc::SIGHUP as u8)
        }
        Err(_) if tty::gone() => {
            stop_copy(&mut copy);
            Ok(128 + libc::SIGHUP as u8)
        }
        Ok(Stop::Quit | Stop::EventsEnded) => {
            if let Some(farewell) = &app.farewell {
                let mut out = io::stdout();
                let _ = writeln!(out, "{}", crate::text::sanitize(farewell));
                let _ = out.flush();
            }
            Ok(finish_copy(&mut copy, &mut events))
        }
        Err(e) => {
            stop_copy(&mut copy);
            Err(crate::error::Error::io("the terminal stopped working", e))
        }
    }
}

/// How long a copy about to finish is waited for without a word.
const QUIET_WAIT: Duration = Duration::from_millis(300);
/// How long a stopped copy gets to remove what it wrote before the process ends anyway (a
/// temporary left then is removed on the next start).
const STOP_WAIT: Duration = Duration::from_secs(1);

/// After quitting: waits for the day's copy if it is still being made, saying so once it
/// takes more than a moment. A termination signal (Ctrl-C) or the terminal going away stops
/// the wait and the copy; the next start makes it then. Returns the exit code.
fn finish_copy(copy: &mut DailyCopy, events: &mut TerminalEvents) -> u8 {
    let started = Instant::now();
    let mut said = false;
    while copy.is_running() {
        if let Some(sig) = events.signal() {
            stop_copy(copy);
            return 128u8.saturating_add(sig as u8);
        }
        if tty::gone() {
            stop_copy(copy);
            return 128 + libc::SIGHUP as u8;
        }
        if !said && started.elapsed() >= QUIET_WAIT {
            said = true;
            let mut err = io::stderr();
            let _ = writeln!(
                err,
                "Finishing today's copy of the journal... (Ctrl-C skips it; the next start makes it then.)"
            );
            let _ = err.flush();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Finished (or failed, which the next start tries again): nothing more to say.
    let _ = copy.wait();
    0
}

/// Stops the day's copy and gives it a moment to remove what it wrote.
fn stop_copy(copy: &mut DailyCopy) {
    copy.stop();
    let deadline = Instant::now() + STOP_WAIT;
    while copy.is_running() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    if !copy.is_running() {
        let _ = copy.wait();
    }
}
