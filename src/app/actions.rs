//! The open action items of every relationship, grouped by owner.

use std::collections::HashMap;

use chrono::Utc;
use uuid::Uuid;

use super::journal::{go_to, open_view};
use super::{Action, App, Origin, Screen};
use crate::domain::{ActionItem, Owner};
use crate::error::Result;
use crate::store::{EntryKind, Store};

/// Every open action item across relationships, grouped by owner.
#[derive(Debug, Clone)]
pub struct ActionsView {
    /// Grouped me, them, both; soonest due first within a group.
    pub items: Vec<ActionItem>,
    pub names: HashMap<Uuid, String>,
    pub cursor: usize,
    /// Where Esc goes.
    pub back: Box<Origin>,
}

impl ActionsView {
    pub fn load(store: &Store) -> Result<ActionsView> {
        let names = store
            .relationships()?
            .into_iter()
            .map(|r| (r.id, r.display_name().to_string()))
            .collect();
        let mut items = store.open_action_items()?;
        let rank = |o: Owner| Owner::ALL.iter().position(|x| *x == o).unwrap_or(0);
        // Stable: the store's due order is kept inside each group.
        items.sort_by_key(|a| rank(a.owner));
        Ok(ActionsView {
            items,
            names,
            cursor: 0,
            back: Box::new(Origin::Home(None)),
        })
    }

    pub fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.items.len());
    }

    pub fn selected(&self) -> Option<&ActionItem> {
        self.items.get(self.cursor)
    }
}

pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Actions(a) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up => a.move_by(-1),
        Action::Down => a.move_by(1),
        Action::PageUp => a.move_by(-10),
        Action::PageDown => a.move_by(10),
        Action::First => a.cursor = 0,
        Action::Last => a.move_by(isize::MAX),
        Action::Back => {
            let back = *a.back.clone();
            return go_to(app, store, back);
        }
        Action::Toggle => {
            if let Some(item) = a.items.get_mut(a.cursor) {
                let done = item.done_at.is_none();
                store.set_action_done(item.id, done, now)?;
                item.done_at = done.then_some(now);
                let text = crate::text::truncate(&item.text, 40);
                app.info(if done {
                    format!(
                        "{} {} again opens it again.",
                        crate::words::sentence(format!("Done: {text}")),
                        app.key_label(
                            crate::config::Context::Actions,
                            crate::config::Command::Toggle
                        )
                    )
                } else {
                    crate::words::sentence(format!("Open again: {text}"))
                });
            }
        }
        Action::Confirm => {
            if let Some(m) = a.selected().and_then(|i| i.meeting_id) {
                let here = Origin::Actions(a.back.clone());
                return open_view(app, store, EntryKind::Meeting, m, here);
            }
            app.info("This item stands alone: it came from no meeting.");
        }
        _ => {}
    }
    Ok(())
}
