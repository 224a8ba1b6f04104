//! `mentorlog encrypt`, `decrypt` and `passphrase`: the journal turned into an encrypted file,
//! back into a plain one, or given a new passphrase, each written whole beside it and swapped
//! in (see [`crate::store::convert`]). And the copies made before, which keep the form they
//! were made in: the plain ones are named, and removed when asked.

use std::path::{Path, PathBuf};

use super::passphrase;
use super::print;
use crate::error::{Error, Result};
use crate::store::Store;

fn shown(path: &Path) -> String {
    crate::text::sanitize_line(&path.display().to_string())
}

/// The journal's file itself when `db` is a symbolic link (a journal in a synced folder):
/// it is converted, and its copies and SQLite's files lie beside it, not beside the link.
fn real(db: &Path) -> PathBuf {
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

/// `mentorlog encrypt [--remove-plain-copies]`.
pub fn encrypt(db: &Path, remove_plain_copies: bool) -> Result<u8> {
    let db = &real(db);
    if !db.exists() {
        return Err(Error::Usage(format!(
            "there is no journal at {} yet; nothing was changed. Run `mentorlog` once to make \
             it: its walk-through offers to encrypt it from the start.",
            shown(db)
        )));
    }
    if crate::store::is_encrypted(db) {
        if remove_plain_copies {
            // The plain copies may be all that is left of a forgotten passphrase: they go only
            // once the passphrase has opened the journal.
            super::unlock(db)?;
            drop(Store::open_read_only(db)?);
            print(&remove(db));
            return Ok(0);
        }
        return Err(Error::Usage(format!(
            "{} is encrypted already; nothing was changed. To change its passphrase, run \
             `mentorlog passphrase`; to make it a plain file again, `mentorlog decrypt`.",
            shown(db)
        )));
    }
    // A journal in use, or one that cannot be opened, is said before a passphrase is chosen.
    refuse_if_open(db)?;
    drop(Store::open_existing(db)?);
    let new = passphrase::new_passphrase(passphrase::COMMAND)?;
    let done = crate::store::convert(db, Some(&new))?;
    let mut said = format!(
        "The journal is encrypted: {}.\nKeep the passphrase safe: a forgotten passphrase \
         cannot be recovered, and nothing in the journal can be read without it.\n",
        done.counts
    );
    said.push_str(&if remove_plain_copies {
        remove(db)
    } else {
        name_plain_copies(db)
    });
    print(&said);
    Ok(0)
}

/// `mentorlog decrypt`: the journal's passphrase is known already (see `run`).
pub fn decrypt(db: &Path) -> Result<u8> {
    let db = &real(db);
    if db.exists() && !crate::store::is_encrypted(db) {
        return Err(Error::Usage(format!(
            "{} is not encrypted; nothing was changed.",
            shown(db)
        )));
    }
    refuse_if_open(db)?;
    let done = crate::store::convert(db, None)?;
    let mut said = format!(
        "The journal is a plain file now: {}. Anyone who can read the file can read \
         everything in it.\n",
        done.counts
    );
    let sealed = copies(db).into_iter().filter(|c| !c.plain).count();
    if sealed > 0 {
        said.push_str(&format!(
            "{} beside it {} still encrypted, with the passphrase the journal had.\n",
            count(
                sealed,
                "copy made before (daily copies, backups)",
                "copies made before (daily copies, backups)"
            ),
            if sealed == 1 { "is" } else { "are" }
        ));
    }
    print(&said);
    Ok(0)
}

/// `mentorlog passphrase`: the current passphrase is known already (see `run`).
pub fn change(db: &Path) -> Result<u8> {
    let db = &real(db);
    if db.exists() && !crate::store::is_encrypted(db) {
        return Err(Error::Usage(format!(
            "{} is not encrypted, so it has no passphrase; nothing was changed. To encrypt it, \
             run `mentorlog encrypt`.",
            shown(db)
        )));
    }
    refuse_if_open(db)?;
    // Opening it checks the current passphrase before a new one is asked for.
    let old = Store::open_existing(db)?
        .key()
        .cloned()
        .ok_or_else(|| Error::Locked {
            path: db.to_path_buf(),
        })?;
    let new = passphrase::new_passphrase(passphrase::NEW_COMMAND)?;
    if new.as_str() == old.as_str() {
        return Err(Error::Usage(
            "the new passphrase is the same as the current one; nothing changed.".into(),
        ));
    }
    let done = crate::store::convert(db, Some(&new))?;
    print(&format!(
        "The passphrase is changed: the journal opens with the new one only ({}).\nCopies \
         made before (daily copies, backups) keep the passphrase they were made with. If a \
         password manager gives mentorlog the passphrase (MENTORLOG_PASSPHRASE_COMMAND), put \
         the new one there too.\n",
        done.counts
    ));
    Ok(0)
}

/// The same refusal as the conversion's, said before a passphrase is chosen, and before this
/// process opens the journal (see [`crate::store::others_have_it_open`]).
fn refuse_if_open(db: &Path) -> Result<()> {
    match crate::store::others_have_it_open(db) {
        Some(pid) => Err(Error::Usage(format!(
            "another program (process {pid}, perhaps another mentorlog) has {} open. Nothing \
             was changed: quit it, then run this again.",
            shown(db)
        ))),
        None => Ok(()),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A copy of the journal beside it, and whether it is readable without a passphrase.
struct Copy {
    path: PathBuf,
    plain: bool,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The copies mentorlog made beside the journal (daily copies, backups, the journal kept
/// before a restore or a migration), by name, with what their first bytes say: a compressed
/// copy or an SQLite file is plain, anything else is taken as encrypted.
fn copies(db: &Path) -> Vec<Copy> {
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Copy> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&name)?;
            let ours = ["daily-", "backup-", "before-restore-", "rescued-"]
                .iter()
                .any(|kind| rest.strip_prefix('.').is_some_and(|r| r.starts_with(kind)));
            let companion = ["-wal", "-shm", "-journal"]
                .iter()
                .any(|side| rest.ends_with(side));
            (ours && !companion).then(|| e.path())
        })
        .map(|path| Copy {
            plain: is_plain(&path),
            path,
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

fn is_plain(path: &Path) -> bool {
    use std::io::Read;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    if let Some(name) = name.filter(|n| n.contains(".rescued-")) {
        // Texts rescued beside a damaged journal: plain text, unless kept as an age file.
        return name.ends_with(".txt");
    }
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    read.is_ok() && (&head == SQLITE_MAGIC || crate::store::is_compressed(path))
}

/// What to say about the plain copies left beside a journal that is encrypted now.
fn name_plain_copies(db: &Path) -> String {
    let plain: Vec<Copy> = copies(db).into_iter().filter(|c| c.plain).collect();
    if plain.is_empty() {
        return String::new();
    }
    let mut said = format!(
        "{} made before {} not encrypted and still {} everything in plain text:\n",
        count(plain.len(), "copy", "copies"),
        if plain.len() == 1 { "is" } else { "are" },
        if plain.len() == 1 { "holds" } else { "hold" },
    );
    for c in &plain {
        said.push_str(&format!("  {}\n", shown(&c.path)));
    }
    said.push_str(
        "Remove them with `mentorlog encrypt --remove-plain-copies`, or move them somewhere \
         safe.\n",
    );
    said
}

/// Removes the plain copies beside the journal (and what SQLite left beside them), and says
/// how many went.
fn remove(db: &Path) -> String {
    let mut removed = 0;
    let mut kept = Vec::new();
    for c in copies(db).into_iter().filter(|c| c.plain) {
        match std::fs::remove_file(&c.path) {
            Ok(()) => {
                removed += 1;
                for side in ["-wal", "-shm", "-journal"] {
                    let mut p = c.path.as_os_str().to_owned();
                    p.push(side);
                    let _ = std::fs::remove_file(p);
                }
            }
            Err(e) => kept.push(format!("  {} ({e})\n", shown(&c.path))),
        }
    }
    let mut said = match removed {
        0 => "There were no plain copies beside it to remove.\n".to_string(),
        n => format!(
            "Removed {} made before.\n",
            count(n, "plain copy", "plain copies")
        ),
    };
    if !kept.is_empty() {
        said.push_str("These could not be removed; remove them yourself:\n");
        said.extend(kept);
    }
    said
}
