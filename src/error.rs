//! The library's error type. Every variant a user can cause says what to do next.

use std::path::PathBuf;

/// Exit code for errors a user can fix (bad config, a file that is not a journal, bad arguments).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{path} is not a mentorlog journal: it is not an SQLite database.\n\
         mentorlog left it untouched. Point --db (or MENTORLOG_DB) at your journal, \
         or move this file aside and start mentorlog again to create a new one."
    )]
    NotSqlite { path: PathBuf },

    #[error(
        "{path} is encrypted, or it is not an SQLite file at all: only its passphrase can tell.\n\
         mentorlog left it untouched. To open an encrypted journal, run mentorlog on a terminal \
         to be asked for the passphrase, or set MENTORLOG_PASSPHRASE_COMMAND to a command that \
         prints it (for example `pass show mentorlog`)."
    )]
    Locked { path: PathBuf },

    #[error(
        "that passphrase does not open {path}.\n\
         mentorlog left the file untouched. Try again with the passphrase it was encrypted with. \
         A forgotten passphrase cannot be recovered: to start again from a backup whose \
         passphrase you know, move this file aside (`mv {path} {path}.locked`), then run \
         `mentorlog restore BACKUP`. If this file is not your journal, point --db at the journal."
    )]
    WrongPassphrase { path: PathBuf },

    #[error(
        "{path} is an empty file, not a journal.\n\
         mentorlog left it untouched. If your journal should be here, restore it from a backup \
         ({path}.backup-*); otherwise delete the empty file and start mentorlog again."
    )]
    EmptyFile { path: PathBuf },

    #[error(
        "{path} looks truncated or damaged: its header describes {expected} bytes but the file has {actual}.\n\
         mentorlog left it untouched. Restore it from a backup ({path}.backup-*), \
         or move it aside to start a new journal."
    )]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },

    #[error(
        "{path} is an SQLite database of another application ({detail}).\n\
         mentorlog left it untouched. Point --db (or MENTORLOG_DB) at a mentorlog journal, \
         or at a path that does not exist yet to create a new one."
    )]
    ForeignDatabase { path: PathBuf, detail: String },

    #[error(
        "{path} was written by a newer mentorlog (journal version {found}; this mentorlog knows up to {supported}).\n\
         mentorlog left it untouched. Install the newer mentorlog to open it."
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{path} is from an older mentorlog (journal version {found}; this one writes {supported}) \
         and could not be upgraded now, because it cannot be written.\n\
         The journal itself is fine. Make it writable (free disk space, permissions), then run \
         `mentorlog` once: it keeps a copy of the old journal and upgrades it."
    )]
    OlderSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{path} could not be read as a journal: {reason}\n\
         mentorlog left it untouched. Restore it from a backup ({path}.backup-*), or move it aside."
    )]
    Damaged { path: PathBuf, reason: String },

    /// The file is not damaged but cannot be used right now: a full disk, a read-only or
    /// locked file, missing permissions.
    #[error("{}", blocked_message(path, *cause, detail))]
    Blocked {
        path: PathBuf,
        cause: Blocked,
        detail: String,
    },

    #[error(
        "{path} is not exactly the journal mentorlog makes: its structure differs from \
         journal version {version}:\n{differences}\n\
         Something other than mentorlog changed it, and what was added could run with your \
         private text, so mentorlog will not use it and left the file untouched. \
         Restore a backup with `mentorlog restore PATH` (the daily copies sit beside the \
         journal), or move the file aside and start mentorlog to make a new journal."
    )]
    SchemaMismatch {
        path: PathBuf,
        version: i64,
        differences: String,
    },

    #[error(
        "no journal at {path} yet. Run `mentorlog` once to create it and answer the walk-through."
    )]
    NoJournal { path: PathBuf },

    #[error(
        "the config file {path} has a problem:\n{message}\nFix the file (or move it aside) and try again; `mentorlog config` prints every key with its default."
    )]
    Config { path: PathBuf, message: String },

    #[error("{0}")]
    Usage(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),

    #[error(
        "this {} could not be read ({}: {}). mentorlog left it as it is; \
         `mentorlog check` lists every entry that cannot be read",
        .0.table.replace('_', " "), .0.field, .0.why
    )]
    BadRow(Box<BadRow>),

    #[error("an answer in the journal could not be decoded: {0}")]
    Decode(String),
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// The process exit code for this error: 2 for everything a user can fix, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Sqlite(_) | Error::Io { .. } | Error::Decode(_) | Error::BadRow(_) => 1,
            _ => EXIT_USAGE,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One row the journal holds but mentorlog cannot read: which, where, and why (already
/// cleaned for a terminal). The store finds them; it lives here because errors carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The table it lives in.
    pub table: &'static str,
    /// Its key as stored (cleaned and shortened).
    pub id: String,
    /// The first field that could not be read.
    pub field: String,
    /// The value and what is wrong with it.
    pub why: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}, {}: {}",
            self.table, self.id, self.field, self.why
        )
    }
}

/// Why a sound journal cannot be used at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    DiskFull,
    ReadOnly,
    PermissionDenied,
    Busy,
    /// Opening failed for another reason (a missing folder, an I/O error).
    CannotOpen,
}

/// What only reads the journal, and so still works when it cannot be written.
const READERS: &str = "export, check, due, agreement, review, goals and backup";

fn blocked_message(path: &std::path::Path, cause: Blocked, detail: &str) -> String {
    let path = path.display();
    match cause {
        Blocked::DiskFull => format!(
            "the disk that holds {path} is full, so mentorlog cannot write to it ({detail}).\n\
             The journal itself is fine. Free some space on that disk, then try again; \
             the commands that only read the journal ({READERS}) still work."
        ),
        Blocked::ReadOnly => format!(
            "{path} is read-only (the file, its folder or the file system it is on), so \
             mentorlog cannot write to it ({detail}).\n\
             The journal itself is fine. Make it writable again (the file's permissions and \
             attributes, or mount the disk read-write), then try again; the commands that only \
             read the journal ({READERS}) still work."
        ),
        Blocked::PermissionDenied => format!(
            "mentorlog is not allowed to open {path} ({detail}).\n\
             The journal itself is fine. Check that the file and its folder belong to you and \
             that you may read and write them (`ls -l`), then try again."
        ),
        Blocked::Busy => format!(
            "{path} is locked by another program, perhaps another mentorlog ({detail}).\n\
             The journal itself is fine. Try again in a moment; if it stays locked, close the \
             other mentorlog."
        ),
        Blocked::CannotOpen => format!(
            "{path} could not be opened ({detail}).\n\
             mentorlog left it untouched. Check that the disk is there and working, then try \
             again."
        ),
    }
}

/// An SQLite error in words that name the cause and what to do; only a damaged file is
/// sent to the backups.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    // SQLITE_READONLY_DBMOVED: the file was replaced while it was open (by `mentorlog
    // encrypt`, `decrypt` or `passphrase`, which swap in a new file).
    const DB_MOVED: std::ffi::c_int = 1032;
    if e.sqlite_error_code() == Some(C::ReadOnly)
        && matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == DB_MOVED)
    {
        return format!(
            "the journal file was replaced while this was running (by `mentorlog encrypt`, \
             `decrypt` or `passphrase`, perhaps), so this was not saved ({e}). Run it again: \
             it opens the journal as it is now"
        );
    }
    match e.sqlite_error_code() {
        Some(C::DiskFull) => format!(
            "the disk that holds the journal is full, so it could not be written ({e}). \
             Nothing already saved is lost: free some space on that disk, then try again"
        ),
        Some(C::ReadOnly) => format!(
            "the journal is read-only, so it could not be written ({e}). Nothing already saved \
             is lost: make the file, its folder and its disk writable again, then try again"
        ),
        Some(C::PermissionDenied) | Some(C::AuthorizationForStatementDenied) => format!(
            "mentorlog is not allowed to write the journal ({e}). Check that the file and its \
             folder belong to you, then try again"
        ),
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => format!(
            "another program (perhaps another mentorlog) holds the journal ({e}); try again in \
             a moment"
        ),
        Some(C::CannotOpen) | Some(C::SystemIoFailure) => format!(
            "the journal could not be written or read ({e}). Check that its disk is there, \
             working and not full, then try again"
        ),
        Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => format!(
            "the journal is damaged ({e}). Run `mentorlog check`; if it finds damage, restore \
             the newest good backup with `mentorlog restore PATH`"
        ),
        _ => format!("the journal could not be written or read: {e}"),
    }
}

impl Error {
    /// The message, made safe for a terminal: errors can quote text from the journal, a config
    /// file or an import (a name, an answer a decoder could not read), so escape sequences,
    /// C1 controls and bidi overrides are replaced. Newlines are kept.
    pub fn for_terminal(&self) -> String {
        crate::text::sanitize(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_for_the_terminal_carry_no_control_characters() {
        let hostile = "unknown variant `x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}y`";
        for e in [
            Error::Decode(hostile.into()),
            Error::Usage(hostile.into()),
            Error::Damaged {
                path: PathBuf::from("j\u{1b}[2J.db"),
                reason: hostile.into(),
            },
            Error::Config {
                path: PathBuf::from("config.toml"),
                message: hostile.into(),
            },
        ] {
            let raw = e.to_string();
            assert!(raw.contains('\u{1b}'), "the test text is hostile");
            let shown = e.for_terminal();
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
                assert!(!shown.contains(bad), "{bad:?} in {shown:?}");
            }
            assert!(shown.contains("unknown variant") && shown.contains("owned"));
        }
    }
}
