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
    // A bad journal is reported first; a new one is only created with a terminal to use it.
    if !db.exists() {
        crate::tui::require_terminal()?;
    }
    let mut store = Store::open(db)?;
    // The day's copy is made beside the app once its first frame is on screen; a failure
    // never keeps the journal from opening (the next start tries again).
    let copy = crate::backup::DailyCopy::due(db, chrono::Local::now().date_naive());
    // MENTORLOG_NOW sets the app's clock too (the terminal loop keeps it running).
    let now = crate::share::now_from_env().map_err(crate::error::Error::Usage)?;
    let mut app = App::new(&mut store, now, Settings::from_config(config))
        .map_err(|e| crate::health::explain_start_failure(&store, e))?;
    crate::tui::run_terminal(&mut app, &mut store, copy)
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
