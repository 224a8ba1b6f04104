//! Long texts in the person's own editor ($VISUAL, then $EDITOR): the text goes to a private
//! temp file (mode 0600, in the journal's own directory), the editor runs, the file is read
//! back and removed. Any failure leaves the text as it was and says why.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command from the environment: $VISUAL, then $EDITOR.
pub fn editor_from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// Removes the temp file however the edit ends.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn create_private(dir: &Path) -> std::io::Result<(TempFile, std::fs::File)> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut last = None;
    for n in 0..20u32 {
        let name = format!(
            ".mentorlog-edit-{}-{}-{n}.md",
            std::process::id(),
            uuid::Uuid::now_v7().simple()
        );
        let path = dir.join(name);
        match opts.open(&path) {
            Ok(f) => return Ok((TempFile(path), f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temp name")))
}

/// Runs `editor` on `text` in a private temp file under `dir`. `Ok` is the edited text; `Err`
/// says why the text was kept as it was, and what to do.
///
/// `editor` may carry arguments (`code --wait`); it runs through `sh -c`, as git does.
pub fn edit(text: &str, dir: &Path, editor: Option<&str>) -> Result<String, String> {
    let Some(editor) = editor else {
        return Err(
            "No editor is set: set VISUAL or EDITOR (for example EDITOR=nano). Your text is unchanged."
                .into(),
        );
    };
    let (file, mut handle) = create_private(dir).map_err(|e| {
        format!(
            "Could not make a private temp file in {} ({e}). Your text is unchanged.",
            dir.display()
        )
    })?;
    handle
        .write_all(text.as_bytes())
        .and_then(|()| handle.sync_all())
        .map_err(|e| format!("Could not write the temp file ({e}). Your text is unchanged."))?;
    drop(handle);
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("mentorlog-editor")
        .arg(&file.0)
        .status()
        .map_err(|e| {
            format!("Could not start a shell to run {editor:?} ({e}). Your text is unchanged.")
        })?;
    if !status.success() {
        let why = match status.code() {
            Some(127) => format!("{editor:?} was not found"),
            Some(code) => format!("{editor:?} exited with code {code}"),
            None => format!("{editor:?} was stopped by a signal"),
        };
        return Err(format!(
            "{why}, so your text is unchanged. Check VISUAL / EDITOR, or keep writing here."
        ));
    }
    let bytes = std::fs::read(&file.0).map_err(|e| {
        format!("Could not read the edited text back ({e}). Your text is unchanged.")
    })?;
    let edited = String::from_utf8(bytes).map_err(|_| {
        "The edited file is not UTF-8 text, so it was not taken. Your text is unchanged."
            .to_string()
    })?;
    // Editors add a final newline; a text that had none does not gain one.
    let edited = if !text.ends_with('\n') && edited.ends_with('\n') {
        edited.trim_end_matches('\n').to_string()
    } else {
        edited
    };
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn an_editor_that_succeeds_gives_its_text_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A stand-in editor: checks the file's mode, then appends a line.
        let script = dir.path().join("ed.sh");
        std::fs::write(
            &script,
            "#!/bin/sh\nmode=$(stat -c %a \"$1\")\n[ \"$mode\" = 600 ] || exit 9\nprintf 'more\\n' >> \"$1\"\n",
        )
        .unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let cmd = format!("sh {}", script.display());
        let out = edit("first\n", &work, Some(&cmd)).unwrap();
        assert_eq!(out, "first\nmore\n");
        assert_eq!(leftovers(&work), 0, "the temp file is removed");
    }

    #[test]
    fn failing_and_missing_editors_keep_the_text_and_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let err = edit("keep", dir.path(), Some("false")).unwrap_err();
        assert!(err.contains("exited with code 1"), "{err}");
        assert!(err.contains("unchanged"));
        let err = edit("keep", dir.path(), Some("no-such-editor-here")).unwrap_err();
        assert!(err.contains("was not found"), "{err}");
        let err = edit("keep", dir.path(), None).unwrap_err();
        assert!(err.contains("EDITOR"), "{err}");
        assert_eq!(leftovers(dir.path()), 0);
    }
}
