//! Passphrases on the command line: printed by the command in `MENTORLOG_PASSPHRASE_COMMAND`
//! (a password manager), or asked on the terminal with nothing shown. With neither (cron, a
//! script), a refusal that says how to give one, and exit code 2.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::Passphrase;
use crate::domain::secret::Refused;
use crate::error::{Error, Result};

/// The command that prints the journal's passphrase.
pub const COMMAND: &str = "MENTORLOG_PASSPHRASE_COMMAND";
/// The command that prints the new passphrase for `mentorlog passphrase` without a terminal.
pub const NEW_COMMAND: &str = "MENTORLOG_NEW_PASSPHRASE_COMMAND";

/// How many times a person is asked before mentorlog gives up.
const TRIES: usize = 3;

/// Set for commands that must never stop to ask (`due --quiet` in a shell prompt).
static NEVER_ASK: AtomicBool = AtomicBool::new(false);
/// Set when the journal's passphrase came from [`COMMAND`].
static FROM_COMMAND: AtomicBool = AtomicBool::new(false);

/// From now on, this process never asks on the terminal: without [`COMMAND`], an encrypted
/// journal is refused (exit code 2) instead. For `due --quiet` and `due --json`, which shell
/// prompts and scripts run with a terminal attached.
pub fn never_ask() {
    NEVER_ASK.store(true, Ordering::SeqCst);
}

/// A wrong passphrase that [`COMMAND`] printed, said as such: trying again will not help,
/// the command has to change.
pub fn explain(e: Error) -> Error {
    match e {
        Error::WrongPassphrase { path } if FROM_COMMAND.load(Ordering::SeqCst) => {
            let command = std::env::var(COMMAND).unwrap_or_default();
            Error::Usage(format!(
                "the passphrase that {COMMAND} (`{}`) printed does not open {}.\n\
                 mentorlog left the file untouched. If the passphrase was changed, make the \
                 command print the new one, or unset {COMMAND} to be asked on the terminal.",
                crate::text::sanitize_line(&command),
                crate::text::sanitize_line(&path.display().to_string())
            ))
        }
        other => other,
    }
}

/// The passphrase printed by the command in the environment variable `var`; `None` when the
/// variable is unset or empty. The command runs through `sh -c`, with no input; its errors
/// go to the terminal as they are.
pub fn from_command(var: &str) -> Option<Result<Passphrase>> {
    let command = std::env::var(var).ok().filter(|c| !c.trim().is_empty())?;
    let shown = crate::text::sanitize_line(&command);
    let failed = |why: String| {
        Error::Usage(format!(
            "{var} (`{shown}`) {why}. Nothing was changed: make it print the passphrase on one \
             line, or unset {var} to be asked on the terminal."
        ))
    };
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output();
    Some(match output {
        Err(e) => Err(failed(format!("could not be run ({e})"))),
        Ok(out) if !out.status.success() => Err(failed(match out.status.code() {
            Some(code) => format!("failed (exit status {code})"),
            None => "was stopped by a signal".into(),
        })),
        Ok(out) => match String::from_utf8(out.stdout) {
            Err(_) => Err(failed("printed something that is not text".into())),
            Ok(text) => Passphrase::from_command_output(text).map_err(|r| match r {
                Refused::Empty => failed("printed an empty passphrase".into()),
                Refused::Nul => failed("printed a NUL byte".into()),
                Refused::Control => failed(
                    "printed more than one line, or a control character, with the passphrase"
                        .into(),
                ),
                Refused::RawKeyForm => failed(
                    "printed a passphrase written as x'…', which the encryption would take as a \
                     raw key"
                        .into(),
                ),
            }),
        },
    })
}

/// The terminal to ask on: `/dev/tty`, when standard input or standard error is a terminal.
/// A script, cron, or a test whose output is captured is never asked.
fn terminal() -> Option<std::fs::File> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() && !std::io::stderr().is_terminal() {
        return None;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
}

/// Whether a passphrase can be asked for on a terminal.
pub fn can_ask() -> bool {
    !NEVER_ASK.load(Ordering::SeqCst) && terminal().is_some()
}

/// Puts the terminal back as it was when dropped.
struct Quiet {
    fd: i32,
    before: libc::termios,
}

impl Drop for Quiet {
    fn drop(&mut self) {
        // SAFETY: restores settings read from this descriptor by tcgetattr.
        unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.before) };
    }
}

/// Asks for a passphrase on the terminal, showing nothing of it. Backspace and Ctrl-U edit;
/// Ctrl-C or Ctrl-D on an empty line cancel (`Ok(None)`).
pub fn ask(prompt: &str) -> Result<Option<String>> {
    use std::os::unix::io::AsRawFd;
    let Some(mut tty) = terminal() else {
        return Err(Error::Usage(
            "there is no terminal to ask for the passphrase on".into(),
        ));
    };
    let io = |e| Error::io("cannot ask on the terminal", e);
    let fd = tty.as_raw_fd();
    // SAFETY: a zeroed termios is a valid value; tcgetattr fills it from this descriptor.
    let mut settings: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut settings) } != 0 {
        return Err(io(std::io::Error::last_os_error()));
    }
    let quiet = Quiet {
        fd,
        before: settings,
    };
    settings.c_lflag &= !(libc::ECHO | libc::ICANON | libc::ISIG);
    settings.c_cc[libc::VMIN] = 1;
    settings.c_cc[libc::VTIME] = 0;
    // SAFETY: settings derived from the ones read above, on the same descriptor.
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &settings) } != 0 {
        return Err(io(std::io::Error::last_os_error()));
    }
    tty.write_all(prompt.as_bytes()).map_err(io)?;
    tty.flush().map_err(io)?;
    let mut typed: Vec<u8> = Vec::new();
    let mut byte = [0u8; 1];
    let answer = loop {
        match tty.read(&mut byte) {
            Ok(0) => break None,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        }
        match byte[0] {
            b'\r' | b'\n' => break Some(typed),
            0x03 => break None,
            0x04 if typed.is_empty() => break None,
            0x7f | 0x08 => {
                // One character back, however many bytes it took.
                while let Some(b) = typed.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
            }
            0x15 => typed.clear(),
            b => typed.push(b),
        }
    };
    drop(quiet);
    let _ = tty.write_all(b"\r\n");
    let answer = answer.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    Ok(answer)
}

fn cancelled() -> Error {
    Error::Usage("cancelled; nothing was changed.".into())
}

/// Makes the passphrase of the encrypted journal at `path` known to this process (see
/// [`crate::store::remember`]): from [`COMMAND`], else asked on the terminal (each answer
/// checked, up to three tries), else [`Error::Locked`]. Nothing to do for a plain or missing
/// journal, or one whose passphrase is known already.
pub fn unlock(path: &Path) -> Result<()> {
    if !crate::store::is_encrypted(path) || crate::store::remembered(path).is_some() {
        return Ok(());
    }
    if let Some(given) = from_command(COMMAND) {
        // Checked when the journal is opened: a wrong one is refused there, untouched.
        crate::store::remember(path, given?);
        FROM_COMMAND.store(true, Ordering::SeqCst);
        return Ok(());
    }
    if !can_ask() {
        return Err(Error::Locked {
            path: path.to_path_buf(),
        });
    }
    let shown = crate::text::sanitize_line(&path.display().to_string());
    let opened = ask_until(
        format!("Passphrase for {shown}: "),
        "That passphrase does not open this journal. Try again: ",
        cancelled,
        |candidate| match crate::store::try_passphrase(path, &candidate) {
            Ok(()) => {
                crate::store::remember(path, candidate);
                Ok(Some(()))
            }
            Err(Error::WrongPassphrase { .. }) => Ok(None),
            Err(e) => Err(e),
        },
    )?;
    opened.ok_or_else(|| Error::WrongPassphrase {
        path: path.to_path_buf(),
    })
}

/// Asks on the terminal for a passphrase until `open` takes it, up to three times. `open`
/// answers `Some` when the passphrase opened what it was for, `None` when it did not (then
/// `wrong` asks again); an error stops at once. `Ok(None)` when no try opened it; a
/// cancelled question is `cancelled()`.
pub fn ask_until<T>(
    first: String,
    wrong: &str,
    cancelled: fn() -> Error,
    mut open: impl FnMut(Passphrase) -> Result<Option<T>>,
) -> Result<Option<T>> {
    let mut prompt = first;
    for _ in 0..TRIES {
        let typed = ask(&prompt)?.ok_or_else(cancelled)?;
        match Passphrase::new(typed) {
            Err(refused) => prompt = format!("{refused}. Try again: "),
            Ok(candidate) => match open(candidate)? {
                Some(done) => return Ok(Some(done)),
                None => prompt = wrong.to_string(),
            },
        }
    }
    Ok(None)
}

/// Asks on the terminal for a new passphrase, twice, until both agree (up to three times).
/// `Ok(None)` when they never did; a cancelled question is `cancelled()`.
pub fn ask_twice(first: &str, cancelled: fn() -> Error) -> Result<Option<Passphrase>> {
    let mut prompt = first.to_string();
    for _ in 0..TRIES {
        let typed = ask(&prompt)?.ok_or_else(cancelled)?;
        let chosen = match Passphrase::new(typed) {
            Ok(p) => p,
            Err(refused) => {
                prompt = format!("{refused}. {first}");
                continue;
            }
        };
        let again = ask("Type it again: ")?.ok_or_else(cancelled)?;
        if again == chosen.as_str() {
            return Ok(Some(chosen));
        }
        prompt = format!("The two passphrases were not the same. {first}");
    }
    Ok(None)
}

/// What is said before a new passphrase is chosen.
pub const NO_RECOVERY: &str = "Choose a passphrase you will remember, or keep it in a password \
    manager: a forgotten passphrase cannot be recovered, by you, by mentorlog or by anyone, \
    and nothing in the journal can be read without it.";

/// A new passphrase: on a terminal, said after [`NO_RECOVERY`] and asked twice (until both
/// agree, up to three times); without one, printed by the command in `var`.
pub fn new_passphrase(var: &str) -> Result<Passphrase> {
    if can_ask() {
        eprintln!("{NO_RECOVERY}");
        if let Some(chosen) = ask_twice("New passphrase: ", cancelled)? {
            return Ok(chosen);
        }
        return Err(Error::Usage(
            "no passphrase was agreed; nothing was changed.".into(),
        ));
    }
    match from_command(var) {
        Some(given) => given,
        None => Err(Error::Usage(format!(
            "there is no terminal to ask for the new passphrase on. Nothing was changed: run \
             this on a terminal, or set {var} to a command that prints the new passphrase."
        ))),
    }
}
