//! A goal or a meeting opened from the pair review: read together, never edited, and the
//! review's place (highlight and scroll) kept for the way back. Pair mode stays on: the
//! screen is still the review, so leaving it is still the review's key.

use super::review::ReviewRow;
use super::{Action, App, Screen};
use crate::error::Result;
use crate::review::{GoalDrill, MeetingDrill};
use crate::store::{EntryKind, Store};

/// What is open, and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct Drill {
    pub open: Opened,
    pub scroll: usize,
}

#[derive(Debug, Clone)]
pub enum Opened {
    Goal(Box<GoalDrill>),
    /// Drawn as the entry view draws a meeting: the same words in and out of pair review.
    Meeting(Box<super::EntryView>),
}

/// The meeting as the entry view reads it; nothing is editable from here.
fn meeting_view(
    m: MeetingDrill,
    with: &str,
    role: Option<crate::domain::Role>,
) -> super::EntryView {
    super::EntryView {
        kind: EntryKind::Meeting,
        id: m.meeting.id,
        meeting: Some(m.meeting),
        items: m.items,
        goals: m.goals,
        reflection: None,
        about: None,
        with: Some(with.to_string()),
        role,
        scroll: 0,
        origin: super::Origin::Home(None),
    }
}

/// Opens the highlighted goal or meeting.
pub(super) fn open(app: &mut App, store: &mut Store) -> Result<()> {
    use crate::config::{Command, Context};
    let down = app.key_label(Context::Review, Command::Down);
    let up = app.key_label(Context::Review, Command::Up);
    let open = app.key_label(Context::Review, Command::Confirm);
    let Screen::Review(v) = &mut app.screen else {
        return Ok(());
    };
    let opened = match v.highlighted() {
        Some(ReviewRow::Goal(i)) => v
            .data
            .goal_drill(store, i)?
            .map(|g| Opened::Goal(Box::new(g))),
        Some(ReviewRow::Meeting(i)) => v.data.meeting_drill(store, i)?.map(|m| {
            let rel = &v.data.relationship;
            Opened::Meeting(Box::new(meeting_view(m, rel.display_name(), rel.my_role)))
        }),
        None => {
            let how = if v.selected.is_some() {
                format!("{up} brings the highlight back into view")
            } else {
                format!("{down} highlights the first goal or meeting")
            };
            app.info(format!("{how}; then {open} opens it."));
            return Ok(());
        }
    };
    match opened {
        Some(open) => v.drill = Some(Drill { open, scroll: 0 }),
        None => app.info("It cannot be opened here: it may have been moved to the trash."),
    }
    Ok(())
}

/// Keys while a goal or meeting is open (leaving pair review is the review's).
pub(super) fn action(app: &mut App, action: Action) -> Result<()> {
    let Screen::Review(v) = &mut app.screen else {
        return Ok(());
    };
    let Some(d) = &mut v.drill else {
        return Ok(());
    };
    match action {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First => {
            d.scroll = super::list::scrolled(d.scroll, &action);
        }
        Action::Back => v.drill = None,
        _ => {}
    }
    Ok(())
}
