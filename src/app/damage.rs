//! A damaged journal in the app: stop writing, show the notice, and keep every unsaved text
//! in a private file beside the journal (see [`crate::health`]).

use super::walkthrough::Walkthrough;
use super::{App, Popup, Screen};
use crate::health::Damage;
use crate::store::Store;

/// The journal failed its check: nothing more is written to it (every write now fails as
/// on a read-only file), and the notice covers whatever popup was open until it is read.
pub(super) fn journal_damaged(app: &mut App, store: &mut Store, damage: Damage) {
    // Should this fail, writes still reach the damaged file; the notice says to stop anyway.
    let _ = store.stop_writing();
    app.damage = Some(damage);
    show_damage(app);
    // What is on screen now is kept beside the journal, not in it.
    if let Err(e) = rescue_unsaved(app) {
        app.error(format!(
            "Your text could not be copied beside the journal ({e}): copy it somewhere safe."
        ));
    }
}

fn show_damage(app: &mut App) {
    if !matches!(app.popup(), Some(Popup::Damaged { .. })) {
        app.push_popup(Popup::Damaged {});
    }
}

/// A save failed because the journal is damaged: keep the text in the rescue file and say so.
pub(super) fn not_saved(app: &mut App) {
    match rescue_unsaved(app) {
        Ok(Some(_)) => {
            // The notice comes back, now naming the file the text went to.
            app.error("Not saved: the journal is damaged. Your text is here and in a file beside it.");
            show_damage(app);
        }
        Ok(None) => app.error(
            "Not saved: the journal is damaged, so mentorlog writes nothing more to it.",
        ),
        Err(e) => app.error(format!(
            "Not saved: the journal is damaged, and the text could not be copied beside it ({e}). It is still here: copy it somewhere safe."
        )),
    }
}

/// The text of the form on screen that is not saved, with a heading naming the form.
fn unsaved_text(app: &App) -> Option<(String, String)> {
    fn fields_text(fields: &super::fields::Fields) -> String {
        fields
            .fields
            .iter()
            .filter(|f| f.value.is_text())
            .map(|f| (f.label.as_str(), f.value.as_string()))
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(label, v)| format!("{label}:\n{v}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    }
    let (heading, text) = match &app.screen {
        Screen::Entry(w) if w.form.changed() => (
            format!("{} ({})", w.form.describe(), w.form.draft_key()),
            fields_text(&w.form.fields),
        ),
        Screen::GoalForm(f) if f.changed() => {
            (format!("goal ({})", f.draft_key()), fields_text(&f.fields))
        }
        Screen::Onboarding(w) if w.dirty => (
            format!(
                "walk-through: {} ({})",
                w.step().label(app.content),
                Walkthrough::draft_key_for(&w.relationship, w.step())
            ),
            w.form
                .to_draft()
                .fields
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| format!("{k}:\n{v}\n"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some((heading, text))
}

/// With a damaged journal, the unsaved text on screen goes to a private file beside it.
/// Returns that file, if there is text to keep.
pub(super) fn rescue_unsaved(app: &mut App) -> std::io::Result<Option<std::path::PathBuf>> {
    let Some(journal) = app.damage.as_ref().map(|d| d.journal.clone()) else {
        return Ok(None);
    };
    let Some((heading, text)) = unsaved_text(app) else {
        return Ok(app.rescue.path.clone());
    };
    let stamp = app.now.format("%Y%m%d-%H%M%S").to_string();
    app.rescue.keep(&journal, &heading, text, &stamp).map(Some)
}

/// Quitting with a damaged journal: never blocked, and the unsaved text is kept beside the
/// journal, or printed to the shell when even that fails.
pub(super) fn quit(app: &mut App, damage: &Damage) {
    use crate::text::{sanitize, sanitize_line};
    let kept = match rescue_unsaved(app) {
        Ok(Some(p)) => format!(
            " Your unsaved text is kept in {}.",
            sanitize_line(&p.to_string_lossy())
        ),
        Ok(None) => String::new(),
        Err(e) => match unsaved_text(app) {
            Some((_, text)) => format!(
                " Your unsaved text could not be written beside it ({e}), so here it is:\n\n{}\n",
                sanitize(&text)
            ),
            None => String::new(),
        },
    };
    app.farewell = Some(format!(
        "The journal is damaged, so mentorlog wrote nothing more to it.{kept}\n{}",
        damage.way_back()
    ));
    app.should_quit = true;
}
