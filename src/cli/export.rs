//! `mentorlog export`: the whole journal as JSON (what import reads), or Markdown to read,
//! to standard output, a new file, or one file per relationship and entry in a folder; with
//! `--encrypt`, one age file (see `age_file`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::age_file::{Encrypt, Out};
use super::commands::since_date;
use super::progress::OnStderr;
use super::{Format, pick_relationship, tell_left_out};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::Store;
use crate::text::sanitize_line;

pub fn export(
    db: &Path,
    format: Format,
    with: Option<&str>,
    since: Option<String>,
    out: Option<PathBuf>,
    include_private: bool,
    encrypt: Option<Encrypt>,
) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    if format == Format::Json && (with.is_some() || since.is_some()) {
        return Err(Error::Usage(
            "the JSON export is always the whole journal (it is what import reads); --with and --since narrow the Markdown export".into(),
        ));
    }
    let folder = out
        .as_deref()
        .filter(|p| p.is_dir() && format == Format::Markdown)
        .map(Path::to_path_buf);
    if out.as_deref().is_some_and(|p| p.is_dir()) && format == Format::Json {
        return Err(Error::Usage(
            "the JSON export is one file: give --out a file name, not a folder".into(),
        ));
    }
    if encrypt.is_some() {
        if folder.is_some() {
            return Err(Error::Usage(
                "--encrypt writes one file: give --out a file name, not a folder; nothing was written."
                    .into(),
            ));
        }
        if out.is_none() && std::io::stdout().is_terminal() {
            return Err(Error::Usage(
                "an encrypted export is not for reading on the terminal: give --out FILE, or send \
                 it to a file or another program (`mentorlog export --encrypt … > export.age`). \
                 Nothing was written."
                    .into(),
            ));
        }
    }
    // Settled before any file is made: a bad recipient leaves nothing behind.
    let sealing = encrypt.map(Encrypt::sealing).transpose()?;
    let sink: Box<dyn Write> = match &out {
        _ if folder.is_some() => Box::new(std::io::sink()),
        Some(path) => {
            let file = crate::store::create_new_file(path, "give --out another name")?;
            Box::new(std::io::BufWriter::new(file))
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink = Out::new(sink, sealing.as_ref())?;
    let now = crate::share::now_from_env().map_err(Error::Usage)?;
    // Drawn only when the export does not stream to the same terminal meanwhile.
    let progress = OnStderr::when(out.is_some() || !std::io::stdout().is_terminal());
    match format {
        Format::Json => {
            let n = store.export_json_with(&mut sink, &now.to_rfc3339(), &progress)?;
            sink.finish()?;
            // The JSON export is complete: rows mentorlog cannot read are in it as they are,
            // and said so (import will refuse them).
            let unreadable = store.audit_with(&progress)?.len();
            progress.finish();
            if let Some(path) = &out {
                eprintln!(
                    "Exported {} to {}{}.",
                    crate::words::count(n, "row", "rows"),
                    sanitize_line(&path.display().to_string()),
                    if sealing.is_some() { ", encrypted" } else { "" }
                );
            }
            if unreadable > 0 {
                let one = unreadable == 1;
                eprintln!(
                    "{}",
                    sanitize_line(&format!(
                        "{unreadable} {} mentorlog cannot read {} in the export as {} stored; `mentorlog check` lists {}.",
                        if one { "entry" } else { "entries" },
                        if one { "is" } else { "are" },
                        if one { "it is" } else { "they are" },
                        if one { "it" } else { "them" },
                    ))
                );
            }
        }
        Format::Markdown => {
            let rels = match with {
                Some(name) => vec![pick_relationship(&store, Some(name))?],
                None => store.relationships()?,
            };
            let today = now.date_naive();
            let since = since_date(since, today)?;
            progress.begin("writing the Markdown", None);
            // One person's export is theirs alone; the whole journal's ends with the
            // reflections tied to no relationship.
            let write = if with.is_some() {
                crate::share::relationships_markdown
            } else {
                crate::share::journal_markdown
            };
            let files = write(
                &store,
                &rels,
                since,
                today,
                include_private,
                &mut sink,
                folder.as_deref(),
            )?;
            sink.finish()?;
            progress.finish();
            if let Some(dir) = &folder {
                eprintln!(
                    "Wrote {files} files into {}.",
                    sanitize_line(&dir.display().to_string())
                );
            }
            tell_left_out(&store);
        }
    }
    Ok(0)
}
