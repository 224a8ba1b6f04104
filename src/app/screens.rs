//! State of the home screen and the agreement screen.

use crate::domain::{Agreement, Relationship};
use crate::error::Result;
use std::collections::HashMap;

use uuid::Uuid;

use crate::domain::{ActionItem, Meeting, Owner, Reflection};
use crate::store::{EntryKind, RelationshipOverview, Store, TimelineEntry, TimelineFilter};

use super::fields::Fields;

use super::steps::{self, Step};

/// The list of relationships.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub relationships: Vec<RelationshipOverview>,
    pub cursor: usize,
    /// A new relationship whose walk-through was left unfinished.
    pub unfinished: Option<Relationship>,
    /// Every goal, for the active ones under the selected relationship.
    pub goals: Vec<crate::store::GoalSummary>,
    /// Each active relationship's check-in state.
    pub due: Vec<crate::store::DueRow>,
    /// The day `due` was computed for.
    pub today: chrono::NaiveDate,
    /// Each active relationship's pulse survey averages, oldest first.
    pub pulse: HashMap<Uuid, Vec<f64>>,
}

impl Home {
    pub fn load(store: &Store, today: chrono::NaiveDate) -> Result<Home> {
        Ok(Home {
            relationships: store.relationship_overviews()?,
            cursor: 0,
            unfinished: store.latest_draft_relationship()?,
            goals: store.goal_summaries(None)?,
            pulse: {
                let mut pulse = HashMap::new();
                for r in store.relationships()? {
                    let averages: Vec<f64> = store
                        .surveys(r.id)?
                        .iter()
                        .filter_map(|s| crate::domain::checkin::average(&s.scores))
                        .collect();
                    if !averages.is_empty() {
                        pulse.insert(r.id, averages);
                    }
                }
                pulse
            },
            due: store.due_rows(today)?,
            today,
        })
    }

    /// Puts the cursor on a relationship, when it is listed.
    pub fn select(&mut self, id: uuid::Uuid) {
        if let Some(i) = self
            .relationships
            .iter()
            .position(|o| o.relationship.id == id)
        {
            self.cursor = i;
        }
    }

    pub fn selected(&self) -> Option<&RelationshipOverview> {
        self.relationships.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.relationships.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }
}

/// One agreement, read on one screen.
#[derive(Debug, Clone)]
pub struct AgreementView {
    pub relationship: Relationship,
    pub agreement: Agreement,
    pub steps: Vec<Step>,
    pub cursor: usize,
}

impl AgreementView {
    pub fn load(
        store: &Store,
        relationship: Relationship,
        content: &crate::content::Content,
    ) -> Result<AgreementView> {
        let agreement = store.agreement(relationship.id)?;
        let steps = steps::steps_for(false, relationship.my_role, content)
            .into_iter()
            .filter(|s| *s != Step::Review)
            .collect();
        Ok(AgreementView {
            relationship,
            agreement,
            steps,
            cursor: 0,
        })
    }

    pub fn selected(&self) -> Option<&Step> {
        self.steps.get(self.cursor)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.steps.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }
}

/// Meetings and reflections, newest first, read from the store a page at a time.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub cursor: usize,
    /// No older entries are left to load.
    pub complete: bool,
    /// The other person's name for each relationship id, for the "with" column.
    pub names: HashMap<Uuid, String>,
    pub filter: TimelineFilter,
    /// The filter panel, while it is open.
    pub panel: Option<Fields>,
    /// The entry last moved to the trash, for `u`.
    pub undo: Option<(EntryKind, Uuid)>,
    /// Where Esc goes.
    pub back: Box<Origin>,
}

/// A form being written, and where it came from.
#[derive(Debug, Clone)]
pub struct Writing {
    pub form: super::entry::EntryForm,
    pub origin: Origin,
}

/// Where a screen goes back to: a record of the screen the person came from, which holds
/// where *it* goes back to in turn. Together they are the stack Esc walks down.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Home, with this relationship selected.
    Home(Option<Uuid>),
    Timeline(Box<Timeline>),
    Actions(Box<Origin>),
    /// A goal's detail screen.
    Goal(Uuid),
    /// Reading one entry (a reflection written from a meeting returns to the meeting).
    View {
        kind: EntryKind,
        id: Uuid,
        back: Box<Origin>,
    },
}

/// One saved meeting or reflection, read in full.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub kind: EntryKind,
    pub id: Uuid,
    pub meeting: Option<Meeting>,
    pub items: Vec<ActionItem>,
    pub reflection: Option<Reflection>,
    /// The meeting a reflection is about, if any.
    pub about: Option<Meeting>,
    /// The other person's name.
    pub with: Option<String>,
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
        let rel = meeting
            .as_ref()
            .map(|m| m.relationship_id)
            .or_else(|| reflection.as_ref().and_then(|r| r.relationship_id));
        // The name and the meeting are shown on the side: one that cannot be read is left out.
        let with = match rel {
            Some(r) => crate::store::unless_bad(store.relationship(r))?
                .map(|r| r.display_name().to_string()),
            None => None,
        };
        let about = match reflection.as_ref().and_then(|r| r.meeting_id) {
            Some(m) => crate::store::unless_bad(store.meeting(m))?,
            None => None,
        };
        Ok(Some(EntryView {
            kind,
            id,
            meeting,
            items,
            reflection,
            about,
            with,
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
        let last = self.items.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn selected(&self) -> Option<&ActionItem> {
        self.items.get(self.cursor)
    }
}

impl Timeline {
    /// How many entries one read brings in.
    pub const PAGE: usize = 100;

    pub fn load(store: &Store) -> Result<Timeline> {
        let names = store
            .relationships()?
            .into_iter()
            .map(|r| (r.id, r.display_name().to_string()))
            .collect();
        let filter = TimelineFilter {
            include_private: true,
            ..TimelineFilter::default()
        };
        let entries = store.timeline_page(&filter, None, Timeline::PAGE)?;
        Ok(Timeline {
            complete: entries.len() < Timeline::PAGE,
            entries,
            cursor: 0,
            names,
            filter,
            panel: None,
            undo: None,
            back: Box::new(Origin::Home(None)),
        })
    }

    /// Reads the list again (after an edit, a trash, a filter), keeping the cursor's place.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        let keep = self.cursor;
        self.entries = store.timeline_page(&self.filter, None, Timeline::PAGE)?;
        self.complete = self.entries.len() < Timeline::PAGE;
        self.cursor = 0;
        self.move_by(store, keep as isize)
    }

    /// Moves, reading the next page first when the move would pass the loaded entries.
    pub fn move_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        let wanted = (self.cursor as isize + delta).max(0) as usize;
        while wanted + 1 >= self.entries.len() && !self.complete {
            let after = self.entries.last().map(|e| e.cursor());
            let page = store.timeline_page(&self.filter, after, Timeline::PAGE)?;
            self.complete = page.len() < Timeline::PAGE;
            self.entries.extend(page);
        }
        self.cursor = wanted.min(self.entries.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected(&self) -> Option<&TimelineEntry> {
        self.entries.get(self.cursor)
    }

    /// How many rows the list shows on a terminal `height` rows tall: what is left after the
    /// header, status and footer lines, the frame, the filter line, and the preview below the
    /// list taken at its tallest. PgDn and PgUp move this far.
    pub fn rows_shown(&self, height: u16) -> usize {
        let inner = usize::from(height).saturating_sub(3 + 2);
        let summary = usize::from(!self.filter.trash && self.filter.narrows() && inner > 3);
        let inner = inner - summary;
        let preview = if inner >= 12 { 5 } else { 0 };
        inner.saturating_sub(preview).max(1)
    }

    /// Moves to the oldest entry, reading every page left.
    pub fn last(&mut self, store: &Store) -> Result<()> {
        self.move_by(store, isize::MAX / 2)
    }
}
