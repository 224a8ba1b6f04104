//! Long texts in the person's own editor ($VISUAL, then $EDITOR): the text goes to a private
//! temp file (mode 0600, in the journal's own directory, or for an encrypted journal in the
//! private in-memory folder `$XDG_RUNTIME_DIR`), the editor runs, the file is read back and
//! removed. Any failure leaves the text as it was and says why.

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

/// Where the editor's file goes for a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The folder of the temp file (`None`: the system's temp folder).
    pub dir: Option<PathBuf>,
    /// The journal is encrypted but the file would be written in plain text on disk: the
    /// person is asked before their text goes there.
    pub ask_first: bool,
}

/// Where the editor's file goes: beside a plain journal; for an encrypted one, in `runtime`
/// (a private in-memory folder, see [`private_runtime_dir`]) when there is one, else beside
/// the journal after asking.
pub fn place(journal_dir: Option<PathBuf>, encrypted: bool, runtime: Option<PathBuf>) -> Place {
    match (encrypted, runtime) {
        (true, Some(dir)) => Place {
            dir: Some(dir),
            ask_first: false,
        },
        (encrypted, _) => Place {
            dir: journal_dir,
            ask_first: encrypted,
        },
    }
}

/// `$XDG_RUNTIME_DIR`, when it is a folder only this user can open and it lives in memory: an
/// absolute path to a directory owned by the user, mode 0700, on a tmpfs or ramfs (as on most
/// Linux desktops, where it is emptied at logout).
pub fn runtime_dir_from_env() -> Option<PathBuf> {
    private_runtime_dir(std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from))
}

/// `value` when it names a directory owned by this user with mode 0700, in memory (see
/// [`runtime_dir_from_env`]).
pub fn private_runtime_dir(value: Option<PathBuf>) -> Option<PathBuf> {
    let dir = value.filter(|d| d.is_absolute())?;
    let meta = std::fs::metadata(&dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        (meta.is_dir() && meta.uid() == me && meta.mode() & 0o777 == 0o700 && in_memory(&dir))
            .then_some(dir)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Whether the folder `dir` is on a file system that lives in memory (tmpfs or ramfs), so a
/// file written there never reaches a disk (unless the system swaps it out).
#[cfg(target_os = "linux")]
pub fn in_memory(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::zeroed();
    // SAFETY: a valid NUL-terminated path and writable memory of the right type; the struct
    // is read only when statfs returns 0.
    if unsafe { libc::statfs(c_path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: statfs returned 0, so it filled the struct.
    let kind = unsafe { stat.assume_init() }.f_type;
    // The field's and the constant's types differ between platforms.
    #[allow(clippy::unnecessary_cast)]
    let (kind, tmpfs) = (kind as i64, libc::TMPFS_MAGIC as i64);
    // ramfs's magic number (linux/magic.h), which the libc crate does not name.
    const RAMFS_MAGIC: i64 = 0x8584_58f6;
    kind == tmpfs || kind == RAMFS_MAGIC
}

/// Elsewhere, no folder is known to live in memory: the person is always asked.
#[cfg(not(target_os = "linux"))]
pub fn in_memory(_dir: &Path) -> bool {
    false
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
    fn an_encrypted_journal_edits_in_the_private_runtime_folder_or_asks_first() {
        use std::os::unix::fs::PermissionsExt;
        // /dev/shm is a tmpfs on Linux, as a desktop's $XDG_RUNTIME_DIR is.
        let dir = tempfile::tempdir_in("/dev/shm").expect("this test needs /dev/shm (a tmpfs)");
        let runtime = dir.path().join("run");
        std::fs::create_dir(&runtime).unwrap();
        let set = |mode| {
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(mode)).unwrap()
        };
        set(0o700);
        assert_eq!(
            private_runtime_dir(Some(runtime.clone())),
            Some(runtime.clone())
        );
        set(0o755);
        assert_eq!(
            private_runtime_dir(Some(runtime.clone())),
            None,
            "others can look in"
        );
        set(0o700);
        assert_eq!(
            private_runtime_dir(Some("run".into())),
            None,
            "not absolute"
        );
        assert_eq!(private_runtime_dir(Some(dir.path().join("gone"))), None);
        assert_eq!(private_runtime_dir(None), None);
        // The build folder is on a disk: private, but not in memory.
        let on_disk = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
        let disk_run = on_disk.path().join("run");
        std::fs::create_dir(&disk_run).unwrap();
        std::fs::set_permissions(&disk_run, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(!in_memory(&disk_run));
        assert_eq!(private_runtime_dir(Some(disk_run)), None, "on a disk");
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(private_runtime_dir(Some(file)), None, "not a folder");

        let journal = Some(dir.path().to_path_buf());
        let private = place(journal.clone(), true, Some(runtime.clone()));
        assert_eq!(private.dir.as_deref(), Some(runtime.as_path()));
        assert!(!private.ask_first);
        let asks = place(journal.clone(), true, None);
        assert_eq!(asks.dir, journal);
        assert!(asks.ask_first);
        let plain = place(journal.clone(), false, Some(runtime));
        assert_eq!(plain.dir, journal, "a plain journal keeps its own folder");
        assert!(!plain.ask_first);
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
