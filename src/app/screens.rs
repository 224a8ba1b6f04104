//! State of the home screen and the agreement screen.

use crate::domain::{Agreement, Relationship};
use crate::error::Result;
use std::collections::HashMap;

use uuid::Uuid;

use crate::store::{RelationshipOverview, Store, TimelineEntry, TimelineFilter};

use super::steps::{self, Step};

/// The list of relationships.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub relationships: Vec<RelationshipOverview>,
    pub cursor: usize,
    /// A new relationship whose walk-through was left unfinished.
    pub unfinished: Option<Relationship>,
}

impl Home {
    pub fn load(store: &Store) -> Result<Home> {
        Ok(Home {
            relationships: store.relationship_overviews()?,
            cursor: 0,
            unfinished: store.latest_draft_relationship()?,
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
        })
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
}
