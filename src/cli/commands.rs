//! The subcommands that read or write the journal without a screen, one function each (the
//! export has its own file).

use std::path::Path;

use super::progress::OnStderr;
use super::{Cli, Format, pick_relationship, print, tell_left_out};
use crate::content::Content;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::Store;

/// `mentorlog reflect`.
pub fn reflect(
    db: &Path,
    text: Option<String>,
    with: Option<&str>,
    tags: &[String],
    shared: bool,
    bring_up: bool,
) -> Result<u8> {
    let mut store = Store::open_existing(db)?;
    let message = super::capture::reflect(
        &mut store,
        chrono::Local::now(),
        text,
        with,
        tags,
        shared,
        bring_up,
    )?;
    print(&message);
    tell_left_out(&store);
    Ok(0)
}

/// `mentorlog meeting`.
pub fn meeting(
    db: &Path,
    with: &str,
    when: Option<&str>,
    notes: Option<String>,
    outcomes: Option<String>,
    private: bool,
    reached_out: Option<&str>,
) -> Result<u8> {
    let mut store = Store::open_existing(db)?;
    let message = super::capture::meeting(
        &mut store,
        chrono::Local::now(),
        with,
        when,
        super::capture::MeetingText {
            notes: notes.unwrap_or_default(),
            outcomes: outcomes.unwrap_or_default(),
        },
        private,
        reached_out,
    )?;
    print(&message);
    tell_left_out(&store);
    Ok(0)
}

/// `mentorlog due`: exit code 1 when something is due.
pub fn due(db: &Path, json: bool, quiet: bool) -> Result<u8> {
    // Every failure is exit code 2 here, so a prompt or a cron job can tell it apart.
    let store = Store::open_read_only(db).map_err(|e| match e {
        // Said as they are (the command line adds which command gave a wrong passphrase).
        e @ (Error::WrongPassphrase { .. } | Error::Locked { .. }) => e,
        e => Error::Usage(e.to_string()),
    })?;
    let now = crate::share::now_from_env().map_err(Error::Usage)?;
    let (text, due) = crate::share::due_report(&store, now.date_naive(), json)
        .map_err(|e| Error::Usage(e.to_string()))?;
    if !quiet {
        print(&text);
        tell_left_out(&store);
    }
    Ok(u8::from(due))
}

/// `mentorlog import`; an encrypted export is decrypted as it is read, before the journal is
/// opened, so a wrong key leaves it untouched.
pub fn import(db: &Path, file: &Path, dry_run: bool, identity: Option<&Path>) -> Result<u8> {
    let plain = std::fs::File::open(file).map_err(|e| {
        Error::Usage(format!(
            "cannot read {} ({e}); nothing was written",
            file.display()
        ))
    })?;
    let size = plain.metadata().ok().map(|m| m.len()).filter(|&n| n > 0);
    let input: Box<dyn std::io::Read> = if super::age_file::is_age(file) {
        super::age_file::open(file, identity)?
    } else if identity.is_some() {
        return Err(Error::Usage(format!(
            "{} is not encrypted, so --identity has nothing to open; leave it out. Nothing was \
             written.",
            crate::text::sanitize_line(&file.display().to_string())
        )));
    } else {
        Box::new(plain)
    };
    let now = crate::share::now_from_env()
        .map_err(Error::Usage)?
        .with_timezone(&chrono::Utc);
    let created = !db.exists() && !dry_run;
    let progress = OnStderr::new();
    let mut input = input;
    let mut import = |store: &mut Store, dry_run| {
        crate::exchange::import_reader_with(store, &mut input, size, dry_run, now, &progress)
    };
    let report = if db.exists() {
        let mut store = Store::open_existing(db)?;
        import(&mut store, dry_run)?
    } else if dry_run {
        // Nothing to create for a dry run: what it would add to a new journal.
        let mut store = Store::open_in_memory()?;
        import(&mut store, true)?
    } else {
        // A new computer: the journal is made from what the file brings; a refused
        // file leaves no journal behind.
        let mut store = Store::open(db)?;
        match import(&mut store, false) {
            Ok(report) => report,
            Err(e) => {
                drop(store);
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = db.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
                return Err(e);
            }
        }
    };
    progress.finish();
    print(&report.summary(dry_run));
    if created {
        print(&format!("This made a new journal at {}.\n", db.display()));
        if super::age_file::is_age(file) {
            print(
                "The new journal is not encrypted, though the export was: `mentorlog encrypt` \
                 encrypts it.\n",
            );
        }
    }
    Ok(0)
}

/// `mentorlog backup`.
pub fn backup(db: &Path, path: Option<&Path>) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
    let progress = OnStderr::new();
    progress.begin("writing the copy", None);
    let dest = crate::backup::backup(&store, path, &stamp)?;
    progress.begin("counting what it holds", None);
    let counts = store.counts()?;
    progress.finish();
    print(&format!("Backed up to {} ({counts}).\n", dest.display()));
    Ok(0)
}

/// `mentorlog restore`.
pub fn restore(db: &Path, path: &Path) -> Result<u8> {
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
    backup_passphrase_from_command(db, path)?;
    let attempt = || {
        let progress = OnStderr::new();
        progress.begin("checking the backup and restoring it", None);
        let restored = crate::backup::restore(db, path, &stamp);
        progress.finish();
        restored
    };
    let (kept, counts) = match attempt() {
        // An encrypted backup the passphrases known do not open (one from before a
        // passphrase change): its own passphrase, asked for, then once more.
        Err(e @ (Error::WrongPassphrase { .. } | Error::Locked { .. })) if names(&e, path) => {
            ask_backup_passphrase(path, e)?;
            attempt()?
        }
        other => other?,
    };
    let had_journal = kept.is_some();
    let kept = match kept {
        Some(k) => format!(" The journal it replaced is kept as {}.", k.display()),
        None => " There was no journal there yet: this is it now.".into(),
    };
    let form = match (
        crate::store::is_encrypted(path),
        crate::store::is_encrypted(db),
    ) {
        (_, true) if had_journal => {
            " The journal is encrypted: it opens with the passphrase it had, as before."
        }
        (_, true) => " The journal is encrypted: it opens with the backup's passphrase.",
        (true, false) => {
            " The backup was encrypted, but the journal is not: `mentorlog encrypt` encrypts it."
        }
        (false, false) => "",
    };
    print(&format!(
        "Restored {} into {} ({counts}).{kept}{form}\n",
        path.display(),
        db.display()
    ));
    Ok(0)
}

/// Whether the passphrase error `e` is about the file at `path`.
fn names(e: &Error, path: &Path) -> bool {
    matches!(e, Error::WrongPassphrase { path: p } | Error::Locked { path: p } if p == path)
}

/// Without a journal passphrase to try on an encrypted backup (the journal is plain or not
/// there yet), the one MENTORLOG_PASSPHRASE_COMMAND prints is tried on the backup.
fn backup_passphrase_from_command(db: &Path, backup: &Path) -> Result<()> {
    use crate::store::{is_encrypted, remember, remembered};
    if !is_encrypted(backup) || remembered(backup).is_some() || remembered(db).is_some() {
        return Ok(());
    }
    if let Some(given) = super::passphrase::from_command(super::passphrase::COMMAND) {
        remember(backup, given?);
    }
    Ok(())
}

/// Asks on the terminal for the passphrase of the encrypted backup at `path`, which the
/// passphrases known did not open (`e` says so), checking each answer (up to three); the one
/// that opens it is remembered for it. Without a terminal, `e` with what to do.
fn ask_backup_passphrase(path: &Path, e: Error) -> Result<()> {
    use super::passphrase::{COMMAND, can_ask};
    let shown = crate::text::sanitize_line(&path.display().to_string());
    if !can_ask() {
        return Err(match e {
            Error::WrongPassphrase { .. } => Error::Usage(format!(
                "the backup {shown} does not open with the journal's passphrase (or the one \
                 {COMMAND} printed): it may be from before a passphrase change. Nothing was \
                 restored. Run the restore on a terminal to be asked for the backup's \
                 passphrase; or, with no encrypted journal in the way, set {COMMAND} to a \
                 command that prints the backup's passphrase."
            )),
            other => other,
        });
    }
    let opened = super::passphrase::ask_until(
        format!("Passphrase of the backup {shown}: "),
        "That passphrase does not open the backup. Try again: ",
        || Error::Usage("cancelled; nothing was restored.".into()),
        |candidate| match crate::store::try_passphrase(path, &candidate) {
            Ok(()) => {
                crate::store::remember(path, candidate);
                Ok(Some(()))
            }
            Err(Error::WrongPassphrase { .. }) => Ok(None),
            Err(other) => Err(other),
        },
    )?;
    opened.ok_or_else(|| Error::WrongPassphrase {
        path: path.to_path_buf(),
    })
}

/// `mentorlog completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<u8> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mentorlog", &mut out);
    print(&String::from_utf8_lossy(&out));
    Ok(0)
}

/// `mentorlog man`.
pub fn man() -> Result<u8> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Error::io("cannot write the man page", e))?;
    print(&String::from_utf8_lossy(&out));
    Ok(0)
}

/// `mentorlog check`: exit code 1 when something is wrong with the journal.
pub fn check(db: &Path) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let progress = OnStderr::new();
    let (ok, report) = crate::backup::check_with(&store, &progress)?;
    progress.finish();
    print(&report);
    Ok(if ok { 0 } else { 1 })
}

/// A `--since` date, in the past (a date or words like "3 months ago").
pub fn since_date(
    since: Option<String>,
    today: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>> {
    since
        .map(|s| {
            crate::domain::dates::parse_date(&s, today, crate::domain::dates::Direction::Past)
                .map_err(|e| Error::Usage(format!("--since: {e}")))
        })
        .transpose()
}

/// `mentorlog review`.
pub fn review(
    db: &Path,
    with: Option<&str>,
    since: Option<String>,
    format: Format,
    include_private: bool,
) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let rel = pick_relationship(&store, with)?;
    let today = crate::share::now_from_env()
        .map_err(Error::Usage)?
        .date_naive();
    let since = since_date(since, today)?;
    let data = crate::review::ReviewData::load(
        &store,
        rel.id,
        crate::review::Period::SinceStart,
        since,
        today,
        include_private,
    )?
    .ok_or_else(|| Error::Usage("that relationship is no longer in the journal".into()))?;
    let text = match format {
        Format::Markdown => crate::share::review_markdown(&data, Content::get()),
        Format::Json => crate::share::review_json(&data)?,
    };
    print(&text);
    tell_left_out(&store);
    Ok(0)
}

/// `mentorlog goals`.
pub fn goals(db: &Path, with: Option<&str>, json: bool) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let only = match with {
        Some(name) => Some(pick_relationship(&store, Some(name))?.id),
        None => None,
    };
    let today = chrono::Local::now().date_naive();
    let text = if json {
        crate::share::goals_json(&store, only, today)?
    } else {
        crate::share::goals_text(&store, only, today)?
    };
    print(&text);
    tell_left_out(&store);
    Ok(0)
}

/// `mentorlog agreement`.
pub fn agreement(
    db: &Path,
    with: Option<&str>,
    format: Format,
    include_private: bool,
) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let rel = pick_relationship(&store, with)?;
    let agreement = store.agreement(rel.id)?;
    let history = store.agreement_history(rel.id)?;
    let me = store.profile_name()?.unwrap_or_default();
    let content = Content::get();
    let text = match format {
        Format::Markdown => {
            crate::share::markdown(&me, &rel, &agreement, &history, content, include_private)
        }
        Format::Json => {
            crate::share::json(&me, &rel, &agreement, &history, content, include_private)
        }
    };
    print(&text);
    tell_left_out(&store);
    Ok(0)
}
