//! Reading one meeting or reflection.

use chrono::Utc;
use uuid::Uuid;

use super::journal::{go_to, open_view};
use super::timeline::Timeline;
use super::writing::edit_entry;
use super::{Action, App, Origin, Screen};
use crate::domain::{ActionItem, Meeting, Reflection};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// One saved meeting or reflection, read in full.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub kind: EntryKind,
    pub id: Uuid,
    pub meeting: Option<Meeting>,
    pub items: Vec<ActionItem>,
    /// The goals a meeting worked on.
    pub goals: Vec<crate::store::MeetingGoal>,
    pub reflection: Option<Reflection>,
    /// The meeting a reflection is about, if any.
    pub about: Option<Meeting>,
    /// The other person's name.
    pub with: Option<String>,
    /// The journal owner's role with them: a prompt is shown in the wording for it.
    pub role: Option<crate::domain::Role>,
    pub scroll: usize,
    pub origin: Origin,
}

impl EntryView {
    /// `None` when the entry is gone (trashed elsewhere).
    pub fn load(
        store: &Store,
        kind: EntryKind,
        id: Uuid,
        origin: Origin,
    ) -> Result<Option<EntryView>> {
        let (meeting, items, reflection) = match kind {
            EntryKind::Meeting => {
                let Some(m) = store.meeting(id)? else {
                    return Ok(None);
                };
                let items = store.meeting_action_items(id)?;
                (Some(m), items, None)
            }
            EntryKind::Reflection => {
                let Some(r) = store.reflection(id)? else {
                    return Ok(None);
                };
                (None, Vec::new(), Some(r))
            }
        };
        let goals = match kind {
            EntryKind::Meeting => store.meeting_goals(id)?,
            EntryKind::Reflection => Vec::new(),
        };
        let rel = meeting
            .as_ref()
            .map(|m| m.relationship_id)
            .or_else(|| reflection.as_ref().and_then(|r| r.relationship_id));
        // The name and the meeting are shown on the side: one that cannot be read is left out.
        let other = match rel {
            Some(r) => crate::store::unless_bad(store.relationship(r))?,
            None => None,
        };
        let with = other.as_ref().map(|r| r.display_name().to_string());
        let role = other.and_then(|r| r.my_role);
        let about = match reflection.as_ref().and_then(|r| r.meeting_id) {
            Some(m) => crate::store::unless_bad(store.meeting(m))?,
            None => None,
        };
        Ok(Some(EntryView {
            kind,
            id,
            meeting,
            items,
            goals,
            reflection,
            about,
            with,
            role,
            scroll: 0,
            origin,
        }))
    }

    pub fn relationship_id(&self) -> Option<Uuid> {
        self.meeting
            .as_ref()
            .map(|m| m.relationship_id)
            .or_else(|| self.reflection.as_ref().and_then(|r| r.relationship_id))
    }
}

pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::View(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First => {
            v.scroll = super::list::scrolled(v.scroll, &action);
        }
        Action::Back => {
            let origin = v.origin.clone();
            return go_to(app, store, origin);
        }
        Action::EditEntry | Action::Confirm => {
            let (kind, id, origin) = (v.kind, v.id, v.origin.clone());
            return edit_entry(app, store, kind, id, origin);
        }
        Action::OlderEntry | Action::NewerEntry => {
            let older = action == Action::OlderEntry;
            return neighbour(app, store, older);
        }
        Action::TrashEntry => {
            let (kind, id, origin) = (v.kind, v.id, v.origin.clone());
            store.set_trashed(kind, id, true, app.now.with_timezone(&Utc))?;
            go_to(app, store, origin)?;
            if let Screen::Timeline(t) = &mut app.screen {
                t.undo = Some((kind, id));
                app.info("Moved to the trash: u brings it back; T shows the trash.");
            } else {
                app.info("Moved to the trash: the timeline's trash (t, then T) brings it back.");
            }
        }
        _ => {}
    }
    Ok(())
}

/// Opens the entry next to the one read, as the timeline it was opened from lists them (its
/// filter kept), or as the whole timeline does; at either end, says so.
fn neighbour(app: &mut App, store: &mut Store, older: bool) -> Result<()> {
    let Screen::View(v) = &app.screen else {
        return Ok(());
    };
    let (id, origin) = (v.id, v.origin.clone());
    let mut timeline = match &origin {
        Origin::Timeline(t) => (**t).clone(),
        _ => Timeline::load(store)?,
    };
    // Find the entry read, reading older pages as needed.
    timeline.reload(store)?;
    while !timeline.entries.iter().any(|e| e.id == id) && !timeline.complete {
        let loaded = timeline.entries.len();
        timeline.cursor = loaded.saturating_sub(1);
        timeline.move_by(store, 1)?;
        if timeline.entries.len() == loaded {
            break;
        }
    }
    let Some(i) = timeline.entries.iter().position(|e| e.id == id) else {
        app.info("This entry is not on the timeline (its filter leaves it out).");
        return Ok(());
    };
    timeline.cursor = i;
    // The next entry: check-ins between are stepped over (they open over the timeline only).
    let mut next = None;
    loop {
        let at = timeline.cursor;
        timeline.move_by(store, if older { 1 } else { -1 })?;
        if timeline.cursor == at {
            break;
        }
        if let Some(e) = timeline.selected()
            && let Some(kind) = e.entry()
        {
            next = Some((kind, e.id));
            break;
        }
    }
    let Some((kind, id)) = next else {
        app.info(if older {
            "This is the oldest entry: there is none before it."
        } else {
            "This is the newest entry: there is none after it."
        });
        return Ok(());
    };
    let origin = match origin {
        Origin::Timeline(_) => Origin::Timeline(Box::new(timeline)),
        other => other,
    };
    open_view(app, store, kind, id, origin)
}
