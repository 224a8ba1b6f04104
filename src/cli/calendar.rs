//! `mentorlog calendar`: planned meetings, due check-ins, milestones and goal targets as an
//! iCalendar file, to standard output or a new file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{pick_relationship, tell_left_out};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::sanitize_line;

pub fn calendar(
    db: &Path,
    with: Option<&str>,
    out: Option<PathBuf>,
    include_private: bool,
) -> Result<u8> {
    let store = Store::open_read_only(db)?;
    let relationships = match with {
        Some(name) => vec![pick_relationship(&store, Some(name))?],
        None => store.relationships()?,
    };
    let now = crate::share::now_from_env().map_err(Error::Usage)?;
    let today = now.date_naive();
    let (text, events) = crate::share::calendar::calendar_ics(
        &store,
        &relationships,
        now.to_utc(),
        today,
        include_private,
    )?;
    let running = relationships
        .iter()
        .any(|r| r.status == crate::domain::RelationshipStatus::Active);
    if events == 0 && !running {
        eprintln!(
            "The calendar has no events: it holds what lies ahead of running relationships, and none is running (a closed one can be reopened with `mentorlog reopen --with NAME`)."
        );
    } else if events == 0 {
        eprintln!(
            "Nothing to put in a calendar yet: no next meeting planned, no check-in agreed, and no open goal or milestone with a date. The file has no events."
        );
    }
    let events = crate::words::count(events, "event", "events");
    match &out {
        Some(path) => {
            let shown = sanitize_line(&path.display().to_string());
            let mut file = crate::store::create_new_file(path, "give --out another name")?;
            if let Err(e) = file
                .write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
            {
                // Half a calendar would import as a calendar with events missing.
                drop(file);
                let _ = std::fs::remove_file(path);
                return Err(Error::io(
                    format!(
                        "could not write {shown} (nothing was kept; try again, or another place)"
                    ),
                    e,
                ));
            }
            eprintln!("Wrote {events} to {shown}.");
        }
        None => {
            // Written as it is: the lines end in CRLF, which the terminal clean-up of `print`
            // would not keep, and every text in it was cleaned when the events were made.
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // Half a calendar would import as a calendar with events missing: say so.
                return Err(Error::io(
                    "could not write the calendar to standard output (what was written is \
                     incomplete; try again, or write it to a file with --out FILE)",
                    e,
                ));
            }
        }
    }
    tell_left_out(&store);
    Ok(0)
}
