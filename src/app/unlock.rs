//! Before the app opens: the passphrase of an encrypted journal, and on the first run the
//! offer to encrypt the new journal. A small form (what is typed, a message, the stage) and
//! its keys; trying the passphrase and drawing are done by the terminal loop and the screen.
//!
//! What is typed is never shown (the screen draws one dot per character), and it is wiped
//! from memory once it is used or cleared.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::Passphrase;
use crate::domain::secret::Refused;

/// Room kept for typing, so the text is not moved (and left behind) as it grows.
const ROOM: usize = 256;

/// Where the form is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// An encrypted journal: its passphrase.
    Unlock,
    /// A new journal: keep it encrypted, or not now. `encrypt` is the highlighted choice.
    Offer { encrypt: bool },
    /// A new journal to encrypt: its passphrase.
    New,
    /// The same passphrase again, to be sure of it.
    Again { first: Passphrase },
}

/// What the form says under the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// The passphrase did not open the journal.
    Wrong,
    /// Enter on an empty field.
    Empty,
    /// The second passphrase was not the first.
    Differ,
    /// A pasted NUL character.
    Nul,
    /// Written as x'…', which the encryption would take as a raw key.
    RawKey,
}

impl Message {
    pub fn text(self) -> &'static str {
        match self {
            Message::Wrong => "That passphrase does not open this journal. Try again.",
            Message::Empty => "The passphrase cannot be empty. Type it, then press Enter.",
            Message::Differ => {
                "The two passphrases were not the same. Choose one again and type it twice."
            }
            Message::Nul => {
                "A passphrase cannot hold a control character. Type it again without it."
            }
            Message::RawKey => {
                "A passphrase written as x'…' would be taken as a raw key. Add a character to it."
            }
        }
    }
}

/// What the loop does while a passphrase is being used (deriving the key takes a moment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Opening,
    Creating,
}

/// What a key asks of the loop.
#[derive(Debug, PartialEq, Eq)]
pub enum Submit {
    /// Nothing beyond a redraw.
    Nothing,
    /// Open the journal with this passphrase.
    Open(Passphrase),
    /// Create the new journal, encrypted with this passphrase.
    Create(Passphrase),
    /// Create the new journal without encryption.
    Plain,
    /// Leave without opening or creating anything.
    Quit,
}

/// The form: the journal it is for, the stage, the typed text and the message. Its `Debug`
/// never shows what was typed.
pub struct UnlockForm {
    /// The journal's path as shown.
    pub journal: String,
    pub stage: Stage,
    typed: String,
    pub message: Option<Message>,
    pub busy: Option<Busy>,
}

impl std::fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockForm")
            .field("journal", &self.journal)
            .field("stage", &self.stage)
            .field(
                "typed",
                &format_args!("({} characters)", self.typed.chars().count()),
            )
            .field("message", &self.message)
            .field("busy", &self.busy)
            .finish()
    }
}

impl UnlockForm {
    /// The passphrase prompt of the encrypted journal at `journal`.
    pub fn unlock(journal: &std::path::Path) -> UnlockForm {
        UnlockForm::at(journal, Stage::Unlock)
    }

    /// The first run's offer to encrypt the new journal at `journal`.
    pub fn offer(journal: &std::path::Path) -> UnlockForm {
        UnlockForm::at(journal, Stage::Offer { encrypt: true })
    }

    fn at(journal: &std::path::Path, stage: Stage) -> UnlockForm {
        UnlockForm {
            journal: crate::text::sanitize_line(&journal.display().to_string()),
            stage,
            typed: String::with_capacity(ROOM),
            message: None,
            busy: None,
        }
    }

    /// How many characters are typed: the screen shows as many dots, never the text.
    pub fn typed_len(&self) -> usize {
        self.typed.chars().count()
    }

    /// Whether this stage has a field to type in.
    pub fn typing(&self) -> bool {
        !matches!(self.stage, Stage::Offer { .. })
    }

    /// The passphrase did not open the journal: say so and ask again.
    pub fn wrong(&mut self) {
        self.busy = None;
        self.message = Some(Message::Wrong);
        self.wipe();
    }

    /// Applies one key.
    pub fn key(&mut self, key: KeyEvent) -> Submit {
        if key.kind == KeyEventKind::Release || self.busy.is_some() {
            return Submit::Nothing;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
            self.wipe();
            return Submit::Quit;
        }
        if let Stage::Offer { encrypt } = self.stage {
            return match key.code {
                KeyCode::Up
                | KeyCode::Down
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Tab
                | KeyCode::BackTab => {
                    self.stage = Stage::Offer { encrypt: !encrypt };
                    Submit::Nothing
                }
                KeyCode::Enter if encrypt => self.go(Stage::New),
                KeyCode::Char('e' | 'E' | 'y' | 'Y') if !ctrl => self.go(Stage::New),
                KeyCode::Enter | KeyCode::Esc => Submit::Plain,
                KeyCode::Char('n' | 'N') if !ctrl => Submit::Plain,
                _ => Submit::Nothing,
            };
        }
        match key.code {
            KeyCode::Enter => self.enter(),
            KeyCode::Esc => match self.stage {
                Stage::Unlock => {
                    self.wipe();
                    Submit::Quit
                }
                _ => self.go(Stage::Offer { encrypt: true }),
            },
            KeyCode::Backspace => {
                self.typed.pop();
                Submit::Nothing
            }
            KeyCode::Char('u' | 'U') if ctrl => {
                self.wipe();
                Submit::Nothing
            }
            KeyCode::Char(c)
                if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) && !c.is_control() =>
            {
                self.typed.push(c);
                Submit::Nothing
            }
            _ => Submit::Nothing,
        }
    }

    /// Pasted text goes into the field (a password manager's copy), without line ends.
    pub fn paste(&mut self, text: &str) {
        if self.typing() && self.busy.is_none() {
            self.typed
                .extend(text.chars().filter(|c| *c != '\n' && *c != '\r'));
        }
    }

    /// Moves to `stage`, with an empty field and no message.
    fn go(&mut self, stage: Stage) -> Submit {
        self.wipe();
        self.message = None;
        self.stage = stage;
        Submit::Nothing
    }

    fn enter(&mut self) -> Submit {
        let typed = std::mem::replace(&mut self.typed, String::with_capacity(ROOM));
        let passphrase = match Passphrase::new(typed) {
            Ok(p) => p,
            Err(refused) => {
                self.message = Some(match refused {
                    Refused::Empty => Message::Empty,
                    Refused::Nul | Refused::Control => Message::Nul,
                    Refused::RawKeyForm => Message::RawKey,
                });
                return Submit::Nothing;
            }
        };
        self.message = None;
        match std::mem::replace(&mut self.stage, Stage::Unlock) {
            Stage::Unlock => {
                self.busy = Some(Busy::Opening);
                Submit::Open(passphrase)
            }
            Stage::New => {
                self.stage = Stage::Again { first: passphrase };
                Submit::Nothing
            }
            Stage::Again { first } if first == passphrase => {
                self.stage = Stage::Again { first };
                self.busy = Some(Busy::Creating);
                Submit::Create(passphrase)
            }
            Stage::Again { .. } => {
                self.stage = Stage::New;
                self.message = Some(Message::Differ);
                Submit::Nothing
            }
            offer @ Stage::Offer { .. } => {
                self.stage = offer;
                Submit::Nothing
            }
        }
    }

    /// Empties the field, overwriting what was typed.
    fn wipe(&mut self) {
        let old = std::mem::replace(&mut self.typed, String::with_capacity(ROOM));
        // A passphrase overwrites its text when dropped; an empty one is refused, and
        // dropped (so overwritten) inside the refusal all the same.
        drop(Passphrase::new(old));
    }
}

impl Drop for UnlockForm {
    fn drop(&mut self) {
        self.wipe();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut UnlockForm, code: KeyCode) -> Submit {
        form.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn type_in(form: &mut UnlockForm, text: &str) {
        for c in text.chars() {
            assert_eq!(press(form, KeyCode::Char(c)), Submit::Nothing);
        }
    }

    #[test]
    fn a_typed_passphrase_is_offered_to_open_and_the_field_empties() {
        let mut form = UnlockForm::unlock(std::path::Path::new("j.db"));
        type_in(&mut form, "höse");
        assert_eq!(form.typed_len(), 4);
        press(&mut form, KeyCode::Backspace);
        type_in(&mut form, "e");
        let Submit::Open(p) = press(&mut form, KeyCode::Enter) else {
            panic!("Enter should offer the passphrase");
        };
        assert_eq!(p.as_str(), "höse");
        assert_eq!(form.typed_len(), 0);
        assert_eq!(form.busy, Some(Busy::Opening));
        form.wrong();
        assert_eq!(form.message, Some(Message::Wrong));
        assert_eq!(form.busy, None);
    }

    #[test]
    fn empty_enter_is_refused_and_esc_or_ctrl_c_quit() {
        let mut form = UnlockForm::unlock(std::path::Path::new("j.db"));
        assert_eq!(press(&mut form, KeyCode::Enter), Submit::Nothing);
        assert_eq!(form.message, Some(Message::Empty));
        assert_eq!(press(&mut form, KeyCode::Esc), Submit::Quit);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(form.key(ctrl_c), Submit::Quit);
    }

    #[test]
    fn a_new_passphrase_is_asked_twice_and_must_match() {
        let mut form = UnlockForm::offer(std::path::Path::new("j.db"));
        assert_eq!(press(&mut form, KeyCode::Enter), Submit::Nothing);
        assert_eq!(form.stage, Stage::New);
        type_in(&mut form, "one");
        press(&mut form, KeyCode::Enter);
        assert!(matches!(form.stage, Stage::Again { .. }));
        type_in(&mut form, "two");
        assert_eq!(press(&mut form, KeyCode::Enter), Submit::Nothing);
        assert_eq!(form.stage, Stage::New);
        assert_eq!(form.message, Some(Message::Differ));
        type_in(&mut form, "same");
        press(&mut form, KeyCode::Enter);
        type_in(&mut form, "same");
        let Submit::Create(p) = press(&mut form, KeyCode::Enter) else {
            panic!("matching passphrases should create the journal");
        };
        assert_eq!(p.as_str(), "same");
    }

    #[test]
    fn the_offer_is_skipped_with_not_now_or_esc() {
        let mut form = UnlockForm::offer(std::path::Path::new("j.db"));
        press(&mut form, KeyCode::Down);
        assert_eq!(form.stage, Stage::Offer { encrypt: false });
        assert_eq!(press(&mut form, KeyCode::Enter), Submit::Plain);
        let mut form = UnlockForm::offer(std::path::Path::new("j.db"));
        assert_eq!(press(&mut form, KeyCode::Esc), Submit::Plain);
        // Esc while choosing a passphrase goes back to the offer.
        press(&mut form, KeyCode::Enter);
        type_in(&mut form, "abc");
        press(&mut form, KeyCode::Esc);
        assert_eq!(form.stage, Stage::Offer { encrypt: true });
        assert_eq!(form.typed_len(), 0);
    }

    #[test]
    fn a_paste_loses_its_line_end() {
        let mut form = UnlockForm::unlock(std::path::Path::new("j.db"));
        form.paste("secret\n");
        let Submit::Open(p) = press(&mut form, KeyCode::Enter) else {
            panic!("Enter should offer the passphrase");
        };
        assert_eq!(p.as_str(), "secret");
    }
}
