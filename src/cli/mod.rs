//! The command line: flags, and the subcommands that run without the full-screen app.
//!
//! `run` reads the config and hands each subcommand to its function: the quick captures in
//! `capture`, the export in `export`, the rest in `commands`. Only `launch` (the full-screen
//! app and the demo) uses the app; `pick` finds the relationship a `--with` means; `progress`
//! draws the progress of long work on a terminal.

mod age_file;
mod calendar;
pub mod capture;
mod commands;
mod export;
mod launch;
mod life;
pub mod passphrase;
mod pick;
mod progress;
mod seal;
mod summary;

pub use pick::pick_relationship;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{Config, Paths};
use crate::domain::LifeKind;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "mentorlog",
    version,
    about = "A private, offline journal for a mentoring relationship.",
    long_about = "A private, offline journal for a mentoring relationship.\n\n\
        Run without a command to open the journal: the first time, it walks you through the \
        questions to agree before a mentoring relationship starts and keeps the answers as \
        your agreement. Everything stays in one file on this computer."
)]
pub struct Cli {
    /// The journal file [default: <data dir>/mentorlog/journal.db].
    #[arg(long, global = true, env = "MENTORLOG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file [default: <config dir>/mentorlog/config.toml].
    #[arg(long, global = true, env = "MENTORLOG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Open a temporary example journal (a mentee, her mentor, four months of entries) to see
    /// every screen; the real journal is not touched.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an agreement to share with the other person.
    Agreement {
        /// Whose agreement (the other person's name; a unique start of it is enough; for two of
        /// the same name, the id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Include your private answers (your own questions as mentee or mentor).
        #[arg(long)]
        include_private: bool,
    },
    /// Print the effective configuration as a commented config file.
    Config,
    /// Write a reflection (private unless --shared). The text comes from the argument or stdin.
    Reflect {
        /// The reflection; read from standard input when left out or given as "-".
        text: Option<String>,
        /// Tie it to a relationship (the other person's name; for two of the same name, the id or
        /// NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Tag it (repeatable); #tags in the text count too.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Show it in shared views (reflections are private by default).
        #[arg(long)]
        shared: bool,
        /// Flag it to bring up at the next meeting.
        #[arg(long)]
        bring_up: bool,
    },
    /// Log a meeting with someone (shared unless --private).
    Meeting {
        /// The other person's name (a unique start of it is enough; for two of the same name, the
        /// id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: String,
        /// When it was held: today, yesterday, mon, -3d, 2026-11-03 [default: now].
        #[arg(long, value_name = "DATE")]
        when: Option<String>,
        /// Notes of the meeting.
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Outcomes and decisions.
        #[arg(long, value_name = "TEXT")]
        outcomes: Option<String>,
        /// Keep it out of shared views.
        #[arg(long)]
        private: bool,
        /// Who reached out for it: me, or them (the other person). Not said when left out.
        #[arg(long, value_name = "WHO", value_parser = ["me", "them"])]
        reached_out: Option<String>,
    },
    /// List due and overdue check-ins, for shell prompts, cron and notify-send.
    /// Exit code 0: nothing is due; 1: something is; 2: an error.
    Due {
        /// Print JSON (every active relationship, with its state).
        #[arg(long)]
        json: bool,
        /// Print nothing; only the exit code tells.
        #[arg(long, conflicts_with = "json")]
        quiet: bool,
    },
    /// Export the journal: JSON (complete: every table, id and timestamp; for backups and
    /// moving) or Markdown (one readable document; private entries only with --include-private).
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Markdown only: one relationship (the other person's name; for two of the same name, the
        /// id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Markdown only: entries from this day (2026-09-01, -3m).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Write to this file (never overwritten) instead of standard output.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Markdown: include private entries and answers.
        #[arg(long)]
        include_private: bool,
        /// Write an encrypted (age) file: to the --recipient keys, else to a passphrase (asked
        /// twice, or printed by MENTORLOG_EXPORT_PASSPHRASE_COMMAND).
        #[arg(long)]
        encrypt: bool,
        /// With --encrypt: an age public key (age1…) to encrypt to (repeatable).
        #[arg(long = "recipient", value_name = "AGE1…", requires = "encrypt")]
        recipients: Vec<String>,
        /// With --encrypt: a file of age public keys, one a line (# comments).
        #[arg(long, value_name = "FILE", requires = "encrypt")]
        recipients_file: Vec<PathBuf>,
    },
    /// Import a mentorlog JSON export (merged by id), or a jrnl / tui-journal JSON export (as
    /// reflections); an encrypted (age) export is decrypted in memory first.
    Import {
        file: PathBuf,
        /// Say what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// For an export encrypted to age recipients: the age identity file with the key
        /// (AGE-SECRET-KEY-1…). Without it, the passphrase is asked for, or printed by
        /// MENTORLOG_EXPORT_PASSPHRASE_COMMAND.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Write a consistent copy of the journal (beside it, or at PATH, or into the folder PATH).
    Backup {
        /// Where to write it [default: beside the journal, named by the time].
        path: Option<PathBuf>,
    },
    /// Replace the journal with a backup, after checking the backup; the current journal is
    /// kept beside it as `<journal>.before-restore-<time>`.
    Restore {
        /// The backup to restore.
        path: PathBuf,
    },
    /// Check the journal's integrity, read every entry and list any that cannot be read, and say
    /// what it holds. Exit code 1 when something is wrong.
    Check,
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output: `mentorlog man > mentorlog.1`.
    Man,
    /// Write the pair review of a relationship (shared entries only unless --include-private).
    Review {
        /// The other person's name (a unique start of it is enough; for two of the same name, the
        /// id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// From this day: 2026-09-01, -3m [default: the start of the relationship].
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Include private meetings (left out by default).
        #[arg(long)]
        include_private: bool,
    },
    /// List goals with their status and progress (every relationship's, or one's).
    Goals {
        /// Only this relationship's goals (the other person's name; for two of the same name, the
        /// id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Pause a relationship (a holiday, a busy month): no check-in, review or survey reminders
    /// until it is resumed.
    Pause(LifeChange),
    /// Resume a paused relationship: check-ins count again from today.
    Resume(LifeChange),
    /// Close a relationship (it stays readable); its closing review waits in mentorlog.
    Close(LifeChange),
    /// Reopen a closed relationship: active again, check-ins count from today.
    Reopen(LifeChange),
    /// Write a calendar file (iCalendar, for any calendar application) of the planned next
    /// meetings, the next due check-ins, and the dates of open goals and their milestones.
    /// Import it again after a change: each event keeps its identity, so it moves instead of
    /// appearing twice.
    Calendar {
        /// Only this relationship (the other person's name; a unique start of it is enough;
        /// for two of the same name, the id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Write to this file (never overwritten), e.g. mentoring.ics, instead of standard
        /// output.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Include the meetings planned at private meetings (marked private).
        #[arg(long)]
        include_private: bool,
    },
    /// Write the closing summary of a closed relationship as Markdown: what you set out to do
    /// beside what happened, the last pulse, and the closing words you chose to share.
    Summary {
        /// The other person's name (a unique start of it is enough; for two of the same name, the
        /// id or NAME@START-DATE a message shows).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Include the private parts (private reflections and answers, why it closed).
        #[arg(long)]
        include_private: bool,
    },
    /// Encrypt the journal with a passphrase (asked twice on a terminal; else printed by
    /// MENTORLOG_PASSPHRASE_COMMAND). A forgotten passphrase cannot be recovered.
    Encrypt {
        /// Also remove the copies made before (daily copies, backups) that are not encrypted.
        #[arg(long)]
        remove_plain_copies: bool,
    },
    /// Turn an encrypted journal back into a plain file (its passphrase is asked first).
    Decrypt,
    /// Change the passphrase of an encrypted journal (without a terminal, the new one is printed
    /// by MENTORLOG_NEW_PASSPHRASE_COMMAND).
    Passphrase,
}

/// Whose relationship changes, and why.
#[derive(Debug, clap::Args)]
pub struct LifeChange {
    /// The other person's name (a unique start of it is enough; for two of the same name, the
    /// id or NAME@START-DATE a message shows).
    #[arg(long, value_name = "NAME")]
    pub with: String,
    /// Why, in a few words (kept with the change).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

fn non_empty(p: Option<PathBuf>) -> Option<PathBuf> {
    p.filter(|p| !p.as_os_str().is_empty())
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let (config_path, explicit) = match non_empty(cli.config) {
        Some(p) => (p, true),
        None => (Paths::default_config_file()?, false),
    };
    let mut config = Config::load(&config_path, explicit)?;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        config.colors = false;
    }
    if cli.demo {
        return launch::demo(&config);
    }
    let db = Paths::resolve_db(non_empty(cli.db), &config)?;
    // Every command that opens an encrypted journal gets its passphrase first (from
    // MENTORLOG_PASSPHRASE_COMMAND, else asked on a terminal), so a wrong one stops it before
    // anything is done. `encrypt` asks only when it has something to do.
    if let Some(Command::Due { json, quiet }) = &cli.command
        && (*json || *quiet)
    {
        // A shell prompt or a script runs these with a terminal attached: they never stop
        // to ask, and say so with exit code 2.
        passphrase::never_ask();
    }
    if cli.command.as_ref().is_some_and(|c| {
        !matches!(
            c,
            Command::Config | Command::Completions { .. } | Command::Man | Command::Encrypt { .. }
        )
    }) {
        unlock(&db).map_err(passphrase::explain)?;
    }
    if !matches!(
        cli.command,
        Some(Command::Config | Command::Completions { .. } | Command::Man)
    ) {
        // A journal from an earlier version is updated once, with its stages shown on a
        // terminal; should that fail, opening it below says why.
        let progress = progress::OnStderr::new();
        let _ = Store::update_older(&db, &progress);
        crate::progress::Progress::finish(&progress);
    }
    let Some(command) = cli.command else {
        return launch::journal(&db, &config);
    };
    let result = match command {
        Command::Config => {
            print(&config.to_commented_toml(&db));
            Ok(0)
        }
        Command::Reflect {
            text,
            with,
            tags,
            shared,
            bring_up,
        } => commands::reflect(&db, text, with.as_deref(), &tags, shared, bring_up),
        Command::Meeting {
            with,
            when,
            notes,
            outcomes,
            private,
            reached_out,
        } => commands::meeting(
            &db,
            &with,
            when.as_deref(),
            notes,
            outcomes,
            private,
            reached_out.as_deref(),
        ),
        Command::Due { json, quiet } => commands::due(&db, json, quiet),
        Command::Export {
            format,
            with,
            since,
            out,
            include_private,
            encrypt,
            recipients,
            recipients_file,
        } => export::export(
            &db,
            format,
            with.as_deref(),
            since,
            out,
            include_private,
            encrypt.then_some(age_file::Encrypt {
                recipients,
                files: recipients_file,
            }),
        ),
        Command::Import {
            file,
            dry_run,
            identity,
        } => commands::import(&db, &file, dry_run, identity.as_deref()),
        Command::Backup { path } => commands::backup(&db, path.as_deref()),
        Command::Restore { path } => commands::restore(&db, &path),
        Command::Completions { shell } => commands::completions(shell),
        Command::Man => commands::man(),
        Command::Check => commands::check(&db),
        Command::Review {
            with,
            since,
            format,
            include_private,
        } => commands::review(&db, with.as_deref(), since, format, include_private),
        Command::Goals { with, json } => commands::goals(&db, with.as_deref(), json),
        Command::Agreement {
            with,
            format,
            include_private,
        } => commands::agreement(&db, with.as_deref(), format, include_private),
        Command::Pause(c) => life::change(&db, LifeKind::Paused, &c.with, c.reason.as_deref()),
        Command::Resume(c) => life::change(&db, LifeKind::Resumed, &c.with, c.reason.as_deref()),
        Command::Close(c) => life::change(&db, LifeKind::Closed, &c.with, c.reason.as_deref()),
        Command::Reopen(c) => life::change(&db, LifeKind::Reopened, &c.with, c.reason.as_deref()),
        Command::Summary {
            with,
            include_private,
        } => summary::summary(&db, with.as_deref(), include_private),
        Command::Calendar {
            with,
            out,
            include_private,
        } => calendar::calendar(&db, with.as_deref(), non_empty(out), include_private),
        Command::Encrypt {
            remove_plain_copies,
        } => seal::encrypt(&db, remove_plain_copies),
        Command::Decrypt => seal::decrypt(&db),
        Command::Passphrase => seal::change(&db),
    };
    // A wrong passphrase printed by MENTORLOG_PASSPHRASE_COMMAND is said as such.
    result.map_err(passphrase::explain)
}

/// The passphrase of the encrypted journal at `db` (see [`passphrase::unlock`]). With a
/// write-ahead log beside it, opening it would rebuild the log's index before a wrong
/// passphrase is found out: the passphrase is checked first, on the file alone.
pub(crate) fn unlock(db: &std::path::Path) -> Result<()> {
    passphrase::unlock(db)?;
    // Beside the file itself when `db` is a symbolic link, where SQLite puts it.
    let real = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let mut log = real.into_os_string();
    log.push("-shm");
    match crate::store::remembered(db) {
        Some(key) if std::path::Path::new(&log).exists() => crate::store::try_passphrase(db, &key),
        _ => Ok(()),
    }
}

/// Says once, on stderr, how many rows the command left out because it could not read them.
pub(crate) fn tell_left_out(store: &Store) {
    let n = store.take_left_out();
    if n > 0 {
        eprintln!(
            "mentorlog: {}",
            crate::text::sanitize_line(&crate::store::left_out_notice(n))
        );
    }
}

pub(crate) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // Every writer cleans the text it takes from the journal; this is the net under them all
    // (JSON is already escaped, so it passes unchanged).
    let text = crate::text::sanitize(text);
    // A closed pipe (`mentorlog agreement | head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
