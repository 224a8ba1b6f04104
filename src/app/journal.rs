//! Going back: where a screen opened from here returns to, and opening a screen from an
//! [`Origin`].

use uuid::Uuid;

use super::screens::{ActionsView, EntryView, Home, Origin};
use super::{App, Screen};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// Where a new screen opened from here should go back to.
pub(super) fn origin_here(app: &App) -> Origin {
    match &app.screen {
        Screen::Home(h) => Origin::Home(h.selected().map(|o| o.relationship.id)),
        Screen::Timeline(t) => Origin::Timeline(Box::new(t.clone())),
        Screen::Actions(a) => Origin::Actions(a.back.clone()),
        Screen::View(v) => Origin::View {
            kind: v.kind,
            id: v.id,
            back: Box::new(v.origin.clone()),
        },
        Screen::Entry(w) => w.origin.clone(),
        Screen::Goals(b) => Origin::Goals(Box::new(b.clone())),
        Screen::GoalDetail(v) => Origin::Goal(v.clone()),
        Screen::Review(_)
        | Screen::Prep(_)
        | Screen::Pulse(_)
        | Screen::Search(_)
        | Screen::Agreement(_)
        | Screen::Resources(_) => Origin::Kept(Box::new(app.screen.clone())),
        Screen::Skills(v) => Origin::Skills(v.relationship, Box::new(v.back.clone())),
        Screen::Survey(_) | Screen::GoalForm(_) | Screen::Onboarding(_) => Origin::Home(None),
        Screen::ClosingSummary(_) => Origin::Kept(Box::new(app.screen.clone())),
        Screen::ClosingReview(r) => r.back.clone(),
    }
}

pub(super) fn go_to(app: &mut App, store: &mut Store, origin: Origin) -> Result<()> {
    app.screen = match origin {
        Origin::Home(select) => Screen::Home(Home::load_at(
            store,
            app.now.date_naive(),
            select.or(app.home_at),
        )?),
        Origin::Timeline(mut t) => {
            t.reload(store)?;
            Screen::Timeline(*t)
        }
        Origin::Actions(back) => {
            let mut view = ActionsView::load(store)?;
            view.back = back;
            Screen::Actions(view)
        }
        Origin::View { kind, id, back } => {
            return open_view(app, store, kind, id, *back);
        }
        Origin::Goals(board) => Screen::Goals(super::goals::reload_board(store, *board)?),
        Origin::Goal(v) => match super::goals::reload_view(store, *v)? {
            Ok(v) => Screen::GoalDetail(Box::new(v)),
            Err(board) => Screen::Goals(board),
        },
        Origin::Kept(screen) => *screen,
        Origin::Skills(id, back) => return super::skills::open_at(app, store, id, *back),
    };
    Ok(())
}

pub(super) fn open_view(
    app: &mut App,
    store: &mut Store,
    kind: EntryKind,
    id: Uuid,
    origin: Origin,
) -> Result<()> {
    match EntryView::load(store, kind, id, origin.clone())? {
        Some(view) => app.screen = Screen::View(Box::new(view)),
        None => {
            go_to(app, store, origin)?;
            app.error("That entry is no longer in the journal (it may be in the trash: T on the timeline).");
        }
    }
    Ok(())
}

pub(super) fn open_actions(app: &mut App, store: &mut Store) -> Result<()> {
    let mut view = ActionsView::load(store)?;
    view.back = Box::new(origin_here(app));
    app.screen = Screen::Actions(view);
    Ok(())
}
