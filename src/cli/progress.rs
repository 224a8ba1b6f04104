//! Progress of long command-line work (a check, an import, an export, a copy), drawn on stderr
//! while the work runs and cleared before the command prints its result.
//!
//! Drawn only when stderr is a terminal someone reads: redirected, piped, or on a `dumb`
//! terminal, not one byte is written, so scripts, logs and cron mails see exactly what they
//! saw before. A wait of unknown length shows a spinner that turns on its own (SQLite's
//! integrity check or a copy gives no count while it runs); counted work shows a bar.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::Progress;

/// How often a spinner turns while the work gives no news.
const TICK: Duration = Duration::from_millis(120);

/// Progress drawn on stderr when it is a terminal; gone when finished or dropped (also on an
/// error, before the message about it is printed).
pub struct OnStderr {
    shown: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl OnStderr {
    /// Progress drawn when stderr is a terminal.
    pub fn new() -> OnStderr {
        OnStderr::when(true)
    }

    /// Progress drawn when stderr is a terminal and `also` holds (for example: the command's
    /// own output does not stream to that same terminal meanwhile).
    pub fn when(also: bool) -> OnStderr {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        OnStderr {
            shown: also && !dumb && std::io::stderr().is_terminal(),
            bar: Mutex::new(None),
        }
    }

    fn bar(&self) -> std::sync::MutexGuard<'_, Option<ProgressBar>> {
        // A bar is only drawn; a panic elsewhere while it was locked leaves nothing to mend.
        self.bar.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn counted() -> ProgressStyle {
    ProgressStyle::with_template("{msg}  [{bar:30}] {percent:>3}%  {elapsed}")
        .expect("the bar's template is valid")
        .progress_chars("=> ")
}

fn waiting() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}  {elapsed}")
        .expect("the spinner's template is valid")
        .tick_chars("|/-\\ ")
}

impl Progress for OnStderr {
    fn begin(&self, what: &str, total: Option<u64>) {
        if !self.shown {
            return;
        }
        let style = if total.is_some() {
            counted()
        } else {
            waiting()
        };
        let mut slot = self.bar();
        // Each stage is a bar of its own, made whole before its first drawing, on the line
        // the stage before it leaves clear.
        if let Some(before) = slot.take() {
            before.finish_and_clear();
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr())
            .with_style(style)
            .with_message(what.to_string());
        // Drawn now, however short the stage; a wait then turns on its own.
        bar.tick();
        if total.is_none() {
            bar.enable_steady_tick(TICK);
        }
        *slot = Some(bar);
    }

    fn advance(&self, steps: u64) {
        if let Some(bar) = self.bar().as_ref() {
            bar.inc(steps);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar().take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for OnStderr {
    fn drop(&mut self) {
        self.finish();
    }
}
