//! Exports that stay encrypted: `export --encrypt` writes an age file, to X25519 recipients
//! (`age1…`) or to a passphrase, and `import` reads one back. Decrypted text exists only in
//! memory, on its way into the import; it is never written to a file.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::passphrase::{can_ask, from_command};
use crate::domain::Passphrase;
use crate::error::{Error, Result};
use crate::text::sanitize_line;

/// The command that prints the passphrase of an encrypted export, for scripts and password
/// managers.
pub const PASSPHRASE_COMMAND: &str = "MENTORLOG_EXPORT_PASSPHRASE_COMMAND";

/// How every age file begins.
const HEADER: &[u8] = b"age-encryption.org/v1";

/// `--encrypt` with its `--recipient` and `--recipients-file` options.
#[derive(Debug, Default)]
pub struct Encrypt {
    pub recipients: Vec<String>,
    pub files: Vec<PathBuf>,
}

impl Encrypt {
    /// What to encrypt to: the recipients when any are given, else a new passphrase.
    pub fn sealing(self) -> Result<Sealing> {
        sealing(recipients(&self.recipients, &self.files)?)
    }
}

/// What an encrypted export is encrypted to.
pub enum Sealing {
    Recipients(Vec<age::x25519::Recipient>),
    Passphrase(Passphrase),
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// The recipients given with `--recipient` and in `--recipients-file` files (one a line,
/// `#` comments and blank lines skipped). A bad one is named, and nothing is written.
fn recipients(given: &[String], files: &[PathBuf]) -> Result<Vec<age::x25519::Recipient>> {
    let parse = |text: &str, from: &str| {
        text.trim().parse::<age::x25519::Recipient>().map_err(|_| {
            Error::Usage(format!(
                "{from}`{}` is not an age recipient (they look like age1… and come from \
                 `age-keygen -y`); nothing was written.",
                sanitize_line(text.trim())
            ))
        })
    };
    let mut all = Vec::new();
    for text in given {
        all.push(parse(text, "")?);
    }
    for file in files {
        let list = std::fs::read_to_string(file).map_err(|e| {
            Error::Usage(format!(
                "cannot read the recipients file {} ({e}); nothing was written.",
                shown(file)
            ))
        })?;
        for (n, line) in list.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            all.push(parse(line, &format!("{} line {}: ", shown(file), n + 1))?);
        }
    }
    Ok(all)
}

/// What the export is encrypted to: the recipients when there are any, else a new passphrase
/// from [`PASSPHRASE_COMMAND`] or asked twice on the terminal.
fn sealing(recipients: Vec<age::x25519::Recipient>) -> Result<Sealing> {
    if !recipients.is_empty() {
        return Ok(Sealing::Recipients(recipients));
    }
    if let Some(given) = from_command(PASSPHRASE_COMMAND) {
        return given.map(Sealing::Passphrase);
    }
    if !can_ask() {
        return Err(Error::Usage(format!(
            "--encrypt needs something to encrypt to, and there is no terminal to ask for a \
             passphrase on. Nothing was written: give --recipient age1… (or --recipients-file), \
             or set {PASSPHRASE_COMMAND} to a command that prints the passphrase."
        )));
    }
    eprintln!(
        "The export is encrypted with a passphrase: a forgotten one cannot be recovered, and \
         the export cannot be read without it."
    );
    match super::passphrase::ask_twice("Passphrase for the export: ", cancelled)? {
        Some(chosen) => Ok(Sealing::Passphrase(chosen)),
        None => Err(Error::Usage(
            "no passphrase was agreed; nothing was written.".into(),
        )),
    }
}

fn cancelled() -> Error {
    Error::Usage("cancelled; nothing was written.".into())
}

fn secret(p: &Passphrase) -> SecretString {
    SecretString::from(p.as_str().to_string())
}

/// Where an export goes: as it is, or through age.
pub enum Out<W: Write> {
    Plain(W),
    Sealed(age::stream::StreamWriter<W>),
}

impl<W: Write> Out<W> {
    /// `out` as it is, or encrypted as `sealing` says.
    pub fn new(out: W, sealing: Option<&Sealing>) -> Result<Out<W>> {
        let Some(sealing) = sealing else {
            return Ok(Out::Plain(out));
        };
        let encryptor = match sealing {
            Sealing::Passphrase(p) => age::Encryptor::with_user_passphrase(secret(p)),
            Sealing::Recipients(list) => {
                age::Encryptor::with_recipients(list.iter().map(|r| r as &dyn age::Recipient))
                    .map_err(|e| Error::Usage(format!("cannot encrypt the export ({e})")))?
            }
        };
        let writer = encryptor
            .wrap_output(out)
            .map_err(|e| Error::io("cannot write the export", e))?;
        Ok(Out::Sealed(writer))
    }

    /// Ends the export: an encrypted one is complete only after this.
    pub fn finish(self) -> Result<()> {
        let io = |e| Error::io("cannot write the export", e);
        match self {
            Out::Plain(mut w) => w.flush().map_err(io),
            Out::Sealed(w) => w.finish().and_then(|mut w| w.flush()).map_err(io),
        }
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Plain(w) => w.write(buf),
            Out::Sealed(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Plain(w) => w.flush(),
            Out::Sealed(w) => w.flush(),
        }
    }
}

/// Whether the file at `path` is an age file (by its first line).
pub fn is_age(path: &Path) -> bool {
    let mut start = [0u8; HEADER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| start == HEADER)
}

/// The decrypted content of the age file at `path`, read as it is imported: with the
/// identities in the file `identity`, else with a passphrase from [`PASSPHRASE_COMMAND`] or
/// the terminal (three tries). A wrong key is refused before anything is read.
pub fn open(path: &Path, identity: Option<&Path>) -> Result<Box<dyn Read>> {
    let decryptor = || {
        let file = std::fs::File::open(path).map_err(|e| {
            Error::Usage(format!(
                "cannot read {} ({e}); nothing was written",
                shown(path)
            ))
        })?;
        age::Decryptor::new_buffered(BufReader::new(file)).map_err(|e| {
            Error::Usage(format!(
                "{} is not an encrypted export mentorlog can read ({e}); nothing was written.",
                shown(path)
            ))
        })
    };
    if let Some(identity) = identity {
        let identities = identities(identity)?;
        let found = decryptor()?.decrypt(identities.iter().map(|i| i.as_ref() as _));
        return found
            .map(|r| Box::new(r) as Box<dyn Read>)
            .map_err(|e| refused(path, Some(identity), e));
    }
    if !decryptor()?.is_scrypt() {
        return Err(Error::Usage(format!(
            "{} is encrypted to age recipients, not to a passphrase. Nothing was written: give \
             --identity with the file that holds the matching AGE-SECRET-KEY-1… key.",
            shown(path)
        )));
    }
    let with = |p: &Passphrase| -> Result<std::result::Result<Box<dyn Read>, _>> {
        let identity = age::scrypt::Identity::new(secret(p));
        Ok(decryptor()?
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map(|r| Box::new(r) as Box<dyn Read>))
    };
    if let Some(given) = from_command(PASSPHRASE_COMMAND) {
        return with(&given?)?.map_err(|e| refused(path, None, e));
    }
    if !can_ask() {
        return Err(Error::Usage(format!(
            "{} is encrypted with a passphrase, and there is no terminal to ask for it on. \
             Nothing was written: run this on a terminal, or set {PASSPHRASE_COMMAND} to a \
             command that prints it.",
            shown(path)
        )));
    }
    let opened = super::passphrase::ask_until(
        format!("Passphrase for {}: ", shown(path)),
        "That passphrase does not open the export. Try again: ",
        cancelled,
        |candidate| match with(&candidate)? {
            Err(e) if wrong_key(&e) => Ok(None),
            found => found.map(Some).map_err(|e| refused(path, None, e)),
        },
    )?;
    opened.ok_or_else(|| refused(path, None, age::DecryptError::DecryptionFailed))
}

/// Whether the key given simply is not the one the file was encrypted to.
fn wrong_key(e: &age::DecryptError) -> bool {
    use age::DecryptError as D;
    matches!(
        e,
        D::NoMatchingKeys | D::DecryptionFailed | D::KeyDecryptionFailed
    )
}

/// Why the age file at `path` could not be opened, and what to do.
fn refused(path: &Path, identity: Option<&Path>, e: age::DecryptError) -> Error {
    use age::DecryptError as D;
    let file = shown(path);
    Error::Usage(match (e, identity) {
        (e, Some(id)) if wrong_key(&e) => format!(
            "no key in {} opens {file}; nothing was written. Give --identity the file with the \
             key the export was encrypted to; if it was encrypted with a passphrase, leave out \
             --identity to be asked for it.",
            shown(id)
        ),
        (e, None) if wrong_key(&e) => format!(
            "that passphrase does not open {file}; nothing was written. Try again with the passphrase \
             the export was made with: a forgotten one cannot be recovered."
        ),
        (D::ExcessiveWork { required, .. }, _) => format!(
            "{file} asks for more work to open (2^{required}) than this computer would do in a \
             reasonable time; nothing was written."
        ),
        (e, _) => format!("{file} could not be decrypted ({e}); nothing was written."),
    })
}

/// The identities in an age identity file (`AGE-SECRET-KEY-1…` lines).
fn identities(path: &Path) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>> {
    let bad = |why: String| {
        Error::Usage(format!(
            "{} is not an age identity file ({why}): it should hold AGE-SECRET-KEY-1… lines, as \
             `age-keygen` writes them. Nothing was written.",
            shown(path)
        ))
    };
    let file = std::fs::File::open(path).map_err(|e| {
        Error::Usage(format!(
            "cannot read the identity file {} ({e}); nothing was written.",
            shown(path)
        ))
    })?;
    let reader: Box<dyn BufRead> = Box::new(BufReader::new(file));
    let list = age::IdentityFile::from_buffer(reader)
        .map_err(|e| bad(e.to_string()))?
        .into_identities()
        .map_err(|e| bad(e.to_string()))?;
    if list.is_empty() {
        return Err(bad("it holds no key".into()));
    }
    Ok(list)
}
