//! Handing a long text to the person's own editor. For an encrypted journal on a computer
//! with no private in-memory folder, the editor's file would be plain text on disk: the
//! person is told, and the text goes there only on yes.

use super::App;
use super::popup::{Ask, Popup, Then};

impl App {
    /// Sends `text` to the external editor (the terminal layer takes it from `external`), or
    /// first asks, when its file would lie unencrypted beside an encrypted journal.
    pub(crate) fn open_editor(&mut self, text: String) {
        if !self.editor_asks {
            self.external = Some(text);
            return;
        }
        let dir = self.private_dir.clone().unwrap_or_else(std::env::temp_dir);
        let dir = crate::text::sanitize_line(&dir.display().to_string());
        self.editor_waiting = Some(text);
        self.push_popup(Popup::Confirm {
            ask: Ask::new(
                "Write it in plain text?",
                format!(
                    "Your journal is encrypted, but this computer has no private in-memory \
                     folder ($XDG_RUNTIME_DIR), so the editor's file would be written in plain \
                     text to {dir} for as long as the editor is open. Open the editor anyway?"
                ),
                "open the editor anyway",
                "keep writing here",
            ),
            on_yes: Then::OpenEditor,
            on_no: Then::KeepInApp,
        });
    }
}
