//! The passphrase prompt and the first run's offer in the terminal, before the app opens:
//! set the terminal up, draw and take keys until the journal is open (or created), and give
//! the terminal back, also on an error or a panic. A wrong passphrase changes nothing on
//! disk; the loop says so and asks again.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use super::{
    EventSource, Next, PANIC_EXIT, TICK, TerminalEvents, enter_terminal, install_panic_hook,
    leave_terminal, tty,
};
use crate::app::unlock::{Submit, UnlockForm};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::ui::theme::Theme;

/// How the screens before the app ended.
pub enum Outcome {
    /// The journal is open: the app starts on it.
    Opened(Box<Store>),
    /// Leave with this exit code: 0 when the person quit, 128+n after a signal, 129 when the
    /// terminal went away, 101 after a panic. Nothing was created or changed.
    Exit(u8),
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Opened(_) => f.write_str("Opened"),
            Outcome::Exit(code) => write!(f, "Exit({code})"),
        }
    }
}

/// Asks for the passphrase of the encrypted journal at `db` and opens it.
pub fn unlock(db: &Path, theme: Theme) -> Result<Outcome> {
    in_terminal(db, UnlockForm::unlock(db), theme)
}

/// The first run: offers to encrypt the new journal at `db`, then creates it, encrypted
/// or not as the person chose.
pub fn first_run(db: &Path, theme: Theme) -> Result<Outcome> {
    in_terminal(db, UnlockForm::offer(db), theme)
}

/// The loop: draw, wait for a key, act on it. A passphrase is tried with "Opening…" on
/// screen (deriving the key takes a moment).
pub fn run<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    form: &mut UnlockForm,
    theme: &Theme,
    events: &mut E,
    db: &Path,
) -> Result<Outcome>
where
    B::Error: Send + Sync + 'static,
{
    let broken = |e: B::Error| Error::io("the terminal stopped working", io::Error::other(e));
    loop {
        if events.resumed() {
            // A failed clear shows itself in the draw just below.
            let _ = terminal.clear();
        }
        terminal
            .draw(|f| crate::ui::unlock::render(form, f, theme))
            .map_err(broken)?;
        if let Some(sig) = events.signal() {
            return Ok(Outcome::Exit(128u8.saturating_add(sig as u8)));
        }
        let submit = match events.next(TICK) {
            Ok(Next::Event(Event::Key(key))) => form.key(key),
            Ok(Next::Event(Event::Paste(text))) => {
                form.paste(&text);
                Submit::Nothing
            }
            Ok(Next::Event(_) | Next::Timeout) => Submit::Nothing,
            Ok(Next::End) => Submit::Quit,
            Ok(Next::Gone) => return Ok(Outcome::Exit(128 + libc::SIGHUP as u8)),
            Err(e) => return Err(Error::io("the terminal stopped working", e)),
        };
        let use_it = |terminal: &mut Terminal<B>, form: &UnlockForm| {
            // The note that the key is being derived shows before the wait.
            terminal
                .draw(|f| crate::ui::unlock::render(form, f, theme))
                .map(drop)
                .map_err(broken)
        };
        match submit {
            Submit::Nothing => {}
            Submit::Quit => return Ok(Outcome::Exit(0)),
            Submit::Plain => return Store::open(db).map(|s| Outcome::Opened(Box::new(s))),
            Submit::Open(passphrase) => {
                use_it(terminal, form)?;
                match Store::unlock(db, &passphrase) {
                    Ok(store) => return Ok(Outcome::Opened(Box::new(store))),
                    Err(Error::WrongPassphrase { .. }) => form.wrong(),
                    Err(e) => return Err(e),
                }
            }
            Submit::Create(passphrase) => {
                use_it(terminal, form)?;
                return Store::create_encrypted(db, &passphrase)
                    .map(|s| Outcome::Opened(Box::new(s)));
            }
        }
    }
}

/// [`run`] in the real terminal, given back afterwards whatever happens.
fn in_terminal(db: &Path, mut form: UnlockForm, theme: Theme) -> Result<Outcome> {
    let mut events =
        TerminalEvents::new().map_err(|e| Error::io("cannot listen for signals", e))?;
    install_panic_hook();
    let setup = enter_terminal().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
    let mut terminal = match setup {
        Ok(terminal) => terminal,
        Err(e) => {
            let _ = leave_terminal();
            return Err(Error::io("cannot set up the terminal", e));
        }
    };
    // The alternate screen may hold leftovers (a session killed before it could leave it).
    let _ = terminal.clear();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        run(&mut terminal, &mut form, &theme, &mut events, db)
    }));
    let _ = leave_terminal();
    // The terminal's own drop prints if showing the cursor fails, which would panic on a
    // terminal that is gone.
    std::mem::forget(terminal);
    match outcome {
        // The hook has given the terminal back and printed the message.
        Err(_) => Ok(Outcome::Exit(PANIC_EXIT)),
        // Nothing more is written to a terminal that is gone, not even an error.
        Ok(Err(_)) if tty::gone() => Ok(Outcome::Exit(128 + libc::SIGHUP as u8)),
        Ok(result) => result,
    }
}
