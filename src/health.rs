//! The journal's health: SQLite's quick check, run where it costs the person nothing (on a
//! second, read-only connection after the first frame, or before a command writes), the
//! newest daily copy that passes the same check, and what to say and do when the journal is
//! damaged: stop writing to it, and keep every typed text in a private file beside it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::sanitize_line;

/// A journal SQLite found damaged, and the way back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub journal: PathBuf,
    /// What SQLite's check said, made safe for a terminal.
    pub finding: String,
    /// The newest daily copy beside the journal that passes its own check.
    pub good_copy: Option<PathBuf>,
}

impl Damage {
    /// The command that puts the good copy back, ready to paste into a shell.
    pub fn restore_command(&self) -> Option<String> {
        self.good_copy
            .as_ref()
            .map(|p| format!("mentorlog restore {}", shell_quoted(p)))
    }

    /// The day a daily copy was made, from its name (`<journal>.daily-YYYY-MM-DD`, with
    /// `.zst` when compressed).
    pub fn good_copy_day(&self) -> Option<String> {
        let name = self.good_copy.as_ref()?.file_name()?.to_string_lossy();
        crate::backup::day_of_copy(&name).map(|d| d.format("%Y-%m-%d").to_string())
    }

    /// What to do next, in a sentence or two (the last part of every message about it).
    pub fn way_back(&self) -> String {
        match (self.restore_command(), self.good_copy_day()) {
            (Some(command), day) => format!(
                "The newest daily copy that passes its check is from {}; to go back to it, run: {command}",
                day.unwrap_or_else(|| "an earlier day".into())
            ),
            (None, _) => "No daily copy beside it passes its check. Run `mentorlog check` to see \
                          what is damaged, and save what can still be read with \
                          `mentorlog export --out FILE` before you move the journal aside."
                .to_string(),
        }
    }

    /// The message a command that would write prints before refusing.
    pub fn refusal(&self) -> String {
        format!(
            "the journal {} is damaged (SQLite's check says: {}). Nothing was written to it.\n{}",
            sanitize_line(&self.journal.to_string_lossy()),
            self.finding,
            self.way_back()
        )
    }
}

/// A path as one shell word: as it is when it holds nothing a shell treats specially,
/// else in single quotes.
fn shell_quoted(path: &Path) -> String {
    let s = sanitize_line(&path.to_string_lossy());
    let plain = s
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+:,@%=".contains(c));
    if plain && !s.is_empty() {
        s
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs `PRAGMA quick_check` on a connection. `Ok(None)` when the file is sound,
/// `Ok(Some(finding))` when it is damaged; other failures (a busy or unreadable file) are
/// errors, not damage.
fn quick_check(conn: &Connection) -> Result<Option<String>> {
    let found = (|| -> rusqlite::Result<Vec<String>> {
        // At most three findings: the first says enough.
        let mut stmt = conn.prepare("PRAGMA quick_check(3)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match found {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(None),
        Ok(rows) => Ok(Some(first_finding(&rows))),
        Err(rusqlite::Error::SqliteFailure(f, msg))
            if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
        {
            Ok(Some(sanitize_line(
                &msg.unwrap_or_else(|| "the file cannot be read".into()),
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// The first line of SQLite's findings that says something (not the "*** in database main
/// ***" heading), made safe for a terminal.
fn first_finding(rows: &[String]) -> String {
    let first = rows
        .iter()
        .flat_map(|r| r.lines())
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("***"))
        .unwrap_or("the check failed");
    sanitize_line(first)
}

/// Opens a file for reading only, without ever creating or changing anything beside it. An
/// encrypted file is opened with the passphrase remembered for the journal `key_of`.
fn open_read_only(path: &Path, key_of: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let key = crate::store::is_encrypted(path)
        .then(|| crate::store::remembered(key_of))
        .flatten();
    crate::store::apply_key(&conn, key.as_ref())?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Checks the journal at `path` on its own read-only connection. `None` when it is sound
/// (or cannot be checked at all: the open journal then speaks for itself).
pub fn check_file(path: &Path) -> Option<String> {
    let conn = open_read_only(path, path).ok()?;
    quick_check(&conn).ok().flatten()
}

/// True when `path` is a mentorlog journal this build can open that passes its check.
fn good_copy(path: &Path, journal: &Path) -> bool {
    let Ok(conn) = open_read_only(path, journal) else {
        return false;
    };
    let ours = conn
        .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
        .is_ok_and(|id| id == crate::store::APPLICATION_ID);
    let version_ok = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|v| (1..=crate::store::SCHEMA_VERSION).contains(&v));
    ours && version_ok && matches!(quick_check(&conn), Ok(None))
}

/// True when the daily copy at `path` is good: as it is, or, compressed, unpacked into a
/// private temporary beside `journal` that is removed again.
fn good_daily_copy(path: &Path, journal: &Path) -> bool {
    if !crate::store::is_compressed(path) {
        return good_copy(path, journal);
    }
    match crate::store::unpack(path, journal) {
        Ok(unpacked) => good_copy(unpacked.path(), journal),
        Err(_) => false,
    }
}

/// The newest daily copy of `journal` (compressed or not) that passes its own check.
pub fn newest_good_copy(journal: &Path) -> Option<PathBuf> {
    crate::backup::daily_backups(journal)
        .into_iter()
        .rev()
        .find(|p| good_daily_copy(p, journal))
}

/// The whole check of the journal at `path`: `Some` with the way back when it is damaged.
/// This is what the background thread runs; tests call it directly.
pub fn examine(path: &Path) -> Option<Damage> {
    let finding = check_file(path)?;
    Some(Damage {
        journal: path.to_path_buf(),
        finding,
        good_copy: newest_good_copy(path),
    })
}

/// The check of a journal the app has open, running on a thread of its own so the first
/// frame never waits for it. The terminal loop asks [`Watch::finished`] on every turn.
#[derive(Debug, Default)]
pub struct Watch {
    started: bool,
    running: Option<JoinHandle<Option<Damage>>>,
}

impl Watch {
    /// Starts the check once (later calls do nothing); a journal in memory is not checked.
    pub fn start_once(&mut self, journal: Option<&Path>) {
        if self.started {
            return;
        }
        self.started = true;
        let Some(path) = journal.map(Path::to_path_buf) else {
            return;
        };
        self.running = std::thread::Builder::new()
            .name("mentorlog-health".into())
            .spawn(move || examine(&path))
            .ok();
    }

    /// The damage found, once, when the check has finished and found some.
    pub fn finished(&mut self) -> Option<Damage> {
        if !self.running.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        self.running.take()?.join().ok().flatten()
    }
}

/// For commands that write (reflect, meeting, import, restore into it): refuses, with the
/// way back, when the journal fails SQLite's quick check. Nothing is written either way.
pub fn refuse_if_damaged(store: &Store) -> Result<()> {
    match damage_of(store)? {
        Some(damage) => Err(Error::Usage(damage.refusal())),
        None => Ok(()),
    }
}

/// The check of an open store, on its own connection: `Some` when it is damaged.
pub fn damage_of(store: &Store) -> Result<Option<Damage>> {
    let Some(finding) = quick_check(&store.conn)? else {
        return Ok(None);
    };
    Ok(Some(Damage {
        journal: store.path().map(Path::to_path_buf).unwrap_or_default(),
        finding,
        good_copy: store.path().and_then(newest_good_copy),
    }))
}

/// Refuses a command's write on a damaged journal like [`refuse_if_damaged`], keeping the
/// text it brought in a rescue file beside the journal and saying where.
pub fn refuse_if_damaged_keeping(store: &Store, what: &str, text: &str, stamp: &str) -> Result<()> {
    let Some(damage) = damage_of(store)? else {
        return Ok(());
    };
    let kept = match Rescue::default().keep(&damage.journal, what, text.to_string(), stamp) {
        Ok(path) => format!(
            "\nYour text is kept in {}.",
            sanitize_line(&path.to_string_lossy())
        ),
        Err(e) => format!("\nYour text could not be kept beside the journal ({e})."),
    };
    Err(Error::Usage(format!("{}{kept}", damage.refusal())))
}

/// When the app cannot even start because a read hit damage, says so with the way back;
/// any other error is passed on as it is.
pub fn explain_start_failure(store: &Store, e: Error) -> Error {
    let corrupt = matches!(
        &e,
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    );
    match corrupt.then(|| damage_of(store)) {
        Some(Ok(Some(damage))) => Error::Usage(format!(
            "the journal {} is damaged (SQLite's check says: {}), so mentorlog cannot show it.\n{}",
            sanitize_line(&damage.journal.to_string_lossy()),
            damage.finding,
            damage.way_back()
        )),
        _ => e,
    }
}

impl Store {
    /// From now on every write fails the way it does on a read-only file; reads go on.
    /// Used when the journal is found damaged, so nothing written can make it worse.
    pub fn stop_writing(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA query_only = 1;")?;
        Ok(())
    }
}

/// Texts that could not be saved to a damaged journal, kept in one private file (0600)
/// beside it, rewritten whole each time so it always holds the latest of every text.
#[derive(Debug, Clone, Default)]
pub struct Rescue {
    /// The file, once something was written to it.
    pub path: Option<PathBuf>,
    /// Each unsaved text by the key of the form it came from.
    texts: BTreeMap<String, String>,
}

impl Rescue {
    /// Keeps `text` (replacing an earlier version from the same form) and rewrites the file.
    /// Returns where it is.
    pub fn keep(
        &mut self,
        journal: &Path,
        key: &str,
        text: String,
        stamp: &str,
    ) -> std::io::Result<PathBuf> {
        if let Some(path) = &self.path
            && self.texts.get(key) == Some(&text)
        {
            return Ok(path.clone());
        }
        self.texts.insert(key.to_string(), text);
        // Beside an encrypted journal, the texts are kept encrypted to its passphrase, as an
        // age file (`age -d` reads it): never in plain text.
        let passphrase = if crate::store::is_encrypted(journal) {
            Some(crate::store::remembered(journal).ok_or_else(|| {
                std::io::Error::other("the journal is encrypted and its passphrase is not known")
            })?)
        } else {
            None
        };
        let suffix = if passphrase.is_some() {
            ".txt.age"
        } else {
            ".txt"
        };
        let path = match &self.path {
            Some(p) => p.clone(),
            // A name no earlier rescue has: those files are never written over.
            None => (1..)
                .map(|n| {
                    let mut name = journal.as_os_str().to_owned();
                    match n {
                        1 => name.push(format!(".rescued-{stamp}{suffix}")),
                        n => name.push(format!(".rescued-{stamp}-{n}{suffix}")),
                    }
                    PathBuf::from(name)
                })
                .find(|p| !p.exists())
                .expect("some name is free"),
        };
        let mut body = String::from(
            "mentorlog could not save these texts: the journal beside this file is damaged.\n\
             Once the journal is restored, copy them back into mentorlog.\n",
        );
        for (key, text) in &self.texts {
            body.push_str(&format!("\n== {key} ==\n{text}\n"));
        }
        // A new private file, then renamed over the old one: the file is never half written.
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".tmp-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        let written = (|| {
            let bytes = match &passphrase {
                Some(p) => encrypt_to(p, body.as_bytes())?,
                None => body.into_bytes(),
            };
            let mut file = crate::store::create_private_file(&tmp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        self.path = Some(path.clone());
        Ok(path)
    }
}

/// `plain` as an age file that `passphrase` opens.
fn encrypt_to(passphrase: &crate::domain::Passphrase, plain: &[u8]) -> std::io::Result<Vec<u8>> {
    let secret = age::secrecy::SecretString::from(passphrase.as_str().to_owned());
    let recipient = age::scrypt::Recipient::new(secret);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_only_when_a_shell_needs_it() {
        assert_eq!(
            shell_quoted(Path::new("/home/a/journal.db.daily-2026-11-21")),
            "/home/a/journal.db.daily-2026-11-21"
        );
        assert_eq!(
            shell_quoted(Path::new("/home/a b/it's.db")),
            r"'/home/a b/it'\''s.db'"
        );
    }

    #[test]
    fn the_day_of_a_daily_copy_comes_from_its_name() {
        let d = Damage {
            journal: "j.db".into(),
            finding: "x".into(),
            good_copy: Some("dir/j.db.daily-2026-11-21".into()),
        };
        assert_eq!(d.good_copy_day().as_deref(), Some("2026-11-21"));
        assert!(d.way_back().contains("from 2026-11-21"));
        assert!(
            d.way_back()
                .ends_with("run: mentorlog restore dir/j.db.daily-2026-11-21")
        );
    }

    #[test]
    fn a_sound_journal_passes_and_is_not_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(check_file(&path), None);
        assert!(refuse_if_damaged(&store).is_ok());
        assert_eq!(examine(&path), None);
    }

    #[test]
    fn the_finding_shown_is_the_first_line_that_says_something() {
        let rows = vec![
            "*** in database main ***\nTree 3 page 9 cell 1: bad\nTree 3 page 9 cell 0: bad"
                .to_string(),
        ];
        assert_eq!(first_finding(&rows), "Tree 3 page 9 cell 1: bad");
        assert_eq!(first_finding(&[]), "the check failed");
    }

    #[test]
    fn rescued_texts_are_private_never_written_over_and_keep_every_form() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        let mut first = Rescue::default();
        let a = first
            .keep(&journal, "reflection", "one".into(), "s")
            .unwrap();
        let a2 = first.keep(&journal, "goal", "two".into(), "s").unwrap();
        assert_eq!(a, a2, "one file per session");
        let kept = std::fs::read_to_string(&a).unwrap();
        assert!(kept.contains("one") && kept.contains("two"), "{kept}");
        let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let b = Rescue::default()
            .keep(&journal, "reflection", "three".into(), "s")
            .unwrap();
        assert_ne!(a, b, "a second session never writes over the first's file");
        assert!(std::fs::read_to_string(&a).unwrap().contains("one"));
    }

    #[test]
    fn rescued_texts_beside_an_encrypted_journal_are_encrypted_to_its_passphrase() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal.db");
        let pass = crate::domain::Passphrase::new("rescue me".into()).unwrap();
        drop(Store::create_encrypted(&journal, &pass).unwrap());
        let kept = Rescue::default()
            .keep(&journal, "reflection", "unsaved-marker-words".into(), "s")
            .unwrap();
        assert!(kept.to_string_lossy().ends_with(".rescued-s.txt.age"));
        let bytes = std::fs::read(&kept).unwrap();
        assert!(bytes.starts_with(b"age-encryption.org/v1"));
        assert!(!bytes.windows(12).any(|w| w == b"unsaved-mark"));
        let identity =
            age::scrypt::Identity::new(age::secrecy::SecretString::from("rescue me".to_owned()));
        let decryptor = age::Decryptor::new(&bytes[..]).unwrap();
        let mut plain = String::new();
        decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .unwrap()
            .read_to_string(&mut plain)
            .unwrap();
        assert!(plain.contains("unsaved-marker-words"), "{plain}");
    }

    #[test]
    fn a_stopped_store_refuses_writes_and_still_reads() {
        let mut store = Store::open_in_memory().unwrap();
        store.stop_writing().unwrap();
        let t = chrono::Utc::now();
        assert!(store.save_profile_name("Ada", t).is_err());
        assert!(store.profile().unwrap().is_none());
    }
}
