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
        "{path} could not be read as a journal: {reason}\n\
         mentorlog left it untouched. Restore it from a backup ({path}.backup-*), or move it aside."
    )]
    Damaged { path: PathBuf, reason: String },

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

    #[error("the journal could not be written or read: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error(
        "this {} could not be read ({}: {}). mentorlog left it as it is; \
         `mentorlog check` lists every entry that cannot be read",
        .0.table.replace('_', " "), .0.field, .0.why
    )]
    BadRow(Box<crate::store::BadRow>),

    #[error("an answer in the journal could not be decoded: {0}")]
    Decode(String),

    /// Not a failure: an import run with --dry-run rolls back and carries its report out.
    #[error("dry run")]
    DryRun(Box<crate::exchange::ImportReport>),
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
