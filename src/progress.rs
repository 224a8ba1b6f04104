//! How long work tells how far it has got, without knowing who is watching.
//!
//! The work (a check, an import, an export, a copy) calls [`Progress::begin`] at each stage
//! and [`Progress::advance`] as it goes; whoever asked for the work decides what to show (the
//! command line draws a bar on a terminal, a test records the calls, everything else passes
//! [`Unseen`]). Only the one who shows it ends it, with [`Progress::finish`], right before it
//! prints its own result: a stage of the work never does, so one piece of work may call
//! another (check runs the audit) without the display flickering off in between.

use std::io::Read;

/// The receiver of a piece of work's progress.
pub trait Progress {
    /// A stage starts (and the one before it ends): `what` says in plain words what is being
    /// done ("reading every entry"); `total` is how many steps it takes (rows, bytes) when that
    /// is known, `None` for a wait whose length nobody can tell.
    fn begin(&self, what: &str, total: Option<u64>);
    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64);
    /// The whole work is over: whatever showed it goes away.
    fn finish(&self);
}

/// Progress nobody watches: every call does nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unseen;

impl Progress for Unseen {
    fn begin(&self, _what: &str, _total: Option<u64>) {}
    fn advance(&self, _steps: u64) {}
    fn finish(&self) {}
}

/// A reader that advances `progress` by every byte read through it (an import's file, read
/// as a stream, tells how far through the file it is).
pub struct Reading<'p, R> {
    inner: R,
    progress: &'p dyn Progress,
}

impl<'p, R> Reading<'p, R> {
    pub fn new(inner: R, progress: &'p dyn Progress) -> Reading<'p, R> {
        Reading { inner, progress }
    }
}

impl<R: Read> Read for Reading<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    struct Bytes(Cell<u64>);

    impl Progress for Bytes {
        fn begin(&self, _: &str, _: Option<u64>) {}
        fn advance(&self, steps: u64) {
            self.0.set(self.0.get() + steps);
        }
        fn finish(&self) {}
    }

    #[test]
    fn reading_advances_by_every_byte_read() {
        let seen = Bytes(Cell::new(0));
        let mut text = String::new();
        Reading::new(&b"twelve bytes"[..], &seen)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "twelve bytes");
        assert_eq!(seen.0.get(), 12);
    }
}
