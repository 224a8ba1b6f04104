//! A passphrase: kept only in memory, never printed, and overwritten when dropped.

use std::fmt;

/// The passphrase of an encrypted journal (or of an encrypted export). `Debug` never shows
/// it, and its bytes are overwritten with zeros when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

/// Why a passphrase was refused before it was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Empty,
    /// Holds a NUL byte, which SQLCipher would cut the passphrase at.
    Nul,
    /// Holds another control character (a tab, a line break, an escape): one entry path may
    /// keep it where another cannot type it, so the passphrase could not be given again.
    Control,
    /// Written as `x'…'`, which SQLCipher would take as a raw key and use without deriving
    /// anything from it (no protection against guessing).
    RawKeyForm,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refused::Empty => "The passphrase cannot be empty",
            Refused::Nul => "A passphrase cannot hold a NUL character",
            Refused::Control => {
                "A passphrase cannot hold a control character (a tab, a line break, an escape)"
            }
            Refused::RawKeyForm => {
                "A passphrase written as x'…' would be taken as a raw key: add a character to it"
            }
        })
    }
}

impl Passphrase {
    /// A passphrase as typed. Leading and trailing spaces count (they were typed); an empty
    /// one, or one with a NUL byte, is refused.
    pub fn new(text: String) -> Result<Passphrase, Refused> {
        let candidate = Passphrase(text);
        if candidate.0.is_empty() {
            return Err(Refused::Empty);
        }
        if candidate.0.contains('\0') {
            return Err(Refused::Nul);
        }
        if candidate.0.chars().any(char::is_control) {
            return Err(Refused::Control);
        }
        let raw = candidate.0.as_bytes();
        if raw.len() >= 3
            && raw[0].eq_ignore_ascii_case(&b'x')
            && raw[1] == b'\''
            && raw.ends_with(b"'")
        {
            return Err(Refused::RawKeyForm);
        }
        Ok(candidate)
    }

    /// A passphrase printed by a command (a password manager): one line, its line end (`\n`
    /// or `\r\n`) not part of it.
    pub fn from_command_output(mut text: String) -> Result<Passphrase, Refused> {
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Passphrase::new(text)
    }

    /// A key given as it is, unchecked: for the benchmarks, which open a copy with a raw
    /// key (`x'…'`) to measure a start without the key derivation. Never for a person's input.
    #[doc(hidden)]
    pub fn unchecked(text: String) -> Passphrase {
        Passphrase(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        // SAFETY: zeros are valid UTF-8, so the string stays valid while it is overwritten.
        let bytes = unsafe { self.0.as_bytes_mut() };
        for b in bytes.iter_mut() {
            // A volatile write is not optimised away although the memory is freed next.
            unsafe { std::ptr::write_volatile(b, 0) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_nul_passphrases_are_refused() {
        assert_eq!(Passphrase::new(String::new()), Err(Refused::Empty));
        assert_eq!(Passphrase::new("a\0b".into()), Err(Refused::Nul));
        assert_eq!(
            Passphrase::from_command_output("\n".into()),
            Err(Refused::Empty)
        );
        assert_eq!(Passphrase::new(" x ".into()).unwrap().as_str(), " x ");
        let raw = format!("x'{}'", "ab".repeat(32));
        assert_eq!(Passphrase::new(raw.clone()), Err(Refused::RawKeyForm));
        assert_eq!(
            Passphrase::new(raw.to_uppercase()),
            Err(Refused::RawKeyForm)
        );
        assert!(Passphrase::new(format!(" {raw}")).is_ok());
    }

    #[test]
    fn a_command_line_loses_its_line_end_only() {
        let p = Passphrase::from_command_output("correct horse \r\n".into()).unwrap();
        assert_eq!(p.as_str(), "correct horse ");
        assert_eq!(
            Passphrase::from_command_output("two\nlines\n".into()),
            Err(Refused::Control),
            "a command that prints two lines is refused"
        );
        assert_eq!(Passphrase::new("tab\there".into()), Err(Refused::Control));
        assert_eq!(Passphrase::new("esc\u{1b}[A".into()), Err(Refused::Control));
    }

    #[test]
    fn debug_never_shows_it() {
        let p = Passphrase::new("hunter2".into()).unwrap();
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
