//! The terminal: setup and teardown, signals, suspend, and the loop (generic over the
//! backend and the event source, so tests drive the real app on `TestBackend`).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Local};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, keymap, update};
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
    let mut last_save = events.now();
    let mut health = crate::health::Watch::default();
    loop {
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
        // The journal's check runs beside the app, after the first frame is on screen.
        health.start_once(store.path());
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

/// Real input from the terminal, with signal flags.
pub struct TerminalEvents {
    signal: Arc<AtomicUsize>,
}

impl TerminalEvents {
    /// Registers SIGTERM, SIGHUP and SIGINT so the loop can save and restore before exiting.
    pub fn new() -> io::Result<TerminalEvents> {
        let signal = Arc::new(AtomicUsize::new(0));
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
        }
        Ok(TerminalEvents { signal })
    }
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        // Poll in short slices so a signal is noticed quickly.
        let slice = Duration::from_millis(100);
        let mut waited = Duration::ZERO;
        while waited < timeout {
            if self.signal.load(Ordering::Relaxed) != 0 {
                return Ok(Next::Timeout);
            }
            if event::poll(slice)? {
                return Ok(Next::Event(event::read()?));
            }
            waited += slice;
        }
        Ok(Next::Timeout)
    }

    fn now(&mut self) -> DateTime<Local> {
        Local::now()
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
        let result =
            crate::external::edit(text, dir, crate::external::editor_from_env().as_deref());
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
        enter_terminal()
    }
}

fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

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

/// Runs the interactive app in the real terminal. Returns the process exit code.
pub fn run_terminal(app: &mut App, store: &mut Store) -> crate::error::Result<u8> {
    require_terminal()?;
    let mut events = TerminalEvents::new()
        .map_err(|e| crate::error::Error::io("cannot listen for signals", e))?;
    let mut terminal = ratatui::try_init()
        .map_err(|e| crate::error::Error::io("cannot set up the terminal", e))?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    // The alternate screen may hold leftovers (a session killed before it could leave it).
    let _ = terminal.clear();
    let result = run(&mut terminal, app, store, &mut events);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(Stop::Signal(sig)) => Ok(128u8.saturating_add(sig as u8)),
        Ok(_) => {
            if let Some(farewell) = &app.farewell {
                println!("{farewell}");
            }
            Ok(0)
        }
        Err(e) => Err(crate::error::Error::io("the terminal stopped working", e)),
    }
}
