//! Starting the full-screen app: on the journal, or on the example journal of `--demo`.
//! The one part of the command line that knows the app.

use std::path::Path;

use super::print;
use crate::app::{App, Settings};
use crate::config::Config;
use crate::error::Result;
use crate::store::Store;

/// `mentorlog` with no command: the full-screen app on the journal at `db`.
pub fn journal(db: &Path, config: &Config) -> Result<u8> {
    let settings = Settings::from_config(config);
    let mut store = match open(db, &settings)? {
        Ok(store) => store,
        // Left before the journal was open: nothing was created or changed.
        Err(code) => return Ok(code),
    };
    // The day's copy is made beside the app once its first frame is on screen; a failure
    // never keeps the journal from opening (the next start tries again).
    let copy = crate::backup::DailyCopy::due(db, chrono::Local::now().date_naive());
    // MENTORLOG_NOW sets the app's clock too (the terminal loop keeps it running).
    let now = crate::share::now_from_env().map_err(crate::error::Error::Usage)?;
    let mut app = App::new(&mut store, now, settings)
        .map_err(|e| crate::health::explain_start_failure(&store, e))?;
    crate::tui::run_terminal(&mut app, &mut store, copy)
}

/// Opens the journal at `db` for the app: a new one after the offer to encrypt it, an
/// encrypted one with its passphrase (from MENTORLOG_PASSPHRASE_COMMAND, else asked on the
/// screen). The exit code instead when the person left before it was open (0), or a signal
/// or a closed terminal ended the screens.
fn open(db: &Path, settings: &Settings) -> Result<std::result::Result<Store, u8>> {
    use crate::tui::unlock::{self, Outcome};
    let theme = crate::ui::theme::Theme::new(settings.colors, settings.theme);
    let outcome = if !db.exists() {
        // A new journal is only created with a terminal to use it.
        crate::tui::require_terminal()?;
        unlock::first_run(db, theme)?
    } else if crate::store::is_encrypted(db) && crate::store::remembered(db).is_none() {
        if let Some(passphrase) = super::passphrase::from_command(super::passphrase::COMMAND) {
            return Store::unlock(db, &passphrase?).map(Ok);
        }
        crate::tui::require_terminal()?;
        unlock::unlock(db, theme)?
    } else {
        // A bad journal is reported here, before any screen opens.
        return Store::open(db).map(Ok);
    };
    Ok(match outcome {
        Outcome::Opened(store) => Ok(*store),
        Outcome::Exit(code) => Err(code),
    })
}

/// `mentorlog --demo`: the example journal in a private temporary folder, removed afterwards.
pub fn demo(config: &Config) -> Result<u8> {
    crate::tui::require_terminal()?;
    let dir = std::env::temp_dir().join(format!(
        "mentorlog-demo-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    crate::store::ensure_private_dir(&dir)?;
    // Also if the process has to be ended while stuck (see tui): the folder never stays.
    crate::tui::remove_on_forced_exit(dir.clone());
    let result = (|| {
        let mut store = Store::open(&dir.join("journal.db"))?;
        let now = chrono::Local::now();
        crate::demo::fill(&mut store, now)?;
        let mut app = App::new(&mut store, now, Settings::from_config(config))?;
        if app.popup().is_none() {
            app.info("This is an example journal: nothing here is saved once you quit.");
        }
        crate::tui::run_terminal(&mut app, &mut store, crate::backup::DailyCopy::none())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(0) = result {
        print("That was the demo journal; it is gone now. Run `mentorlog` to start your own.\n");
    }
    result
}
