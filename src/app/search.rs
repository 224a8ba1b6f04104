//! Search from anywhere (`/`): the query is read at every keystroke, results open with Enter.

use std::collections::HashMap;

use uuid::Uuid;

use super::input::{InputEdit, TextInput};
use super::screens::{EntryView, Origin};
use super::{Action, App, Screen};
use crate::error::Result;
use crate::store::{EntryKind, Hit, HitKind, Query, Store};

/// The search screen.
#[derive(Debug, Clone)]
pub struct SearchView {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub cursor: usize,
    pub names: HashMap<Uuid, String>,
    /// What could not be read in the query ("kind:poem is not a kind…").
    pub problems: Vec<String>,
    /// Pair review: private entries are never searched or shown.
    pub review: bool,
    /// Where Esc goes.
    pub back: Box<Origin>,
}

/// How many hits are shown.
pub const LIMIT: usize = 200;

impl SearchView {
    pub fn open(store: &Store, back: Origin, review: bool) -> Result<SearchView> {
        let names = store
            .relationships()?
            .into_iter()
            .map(|r| (r.id, r.display_name().to_string()))
            .collect();
        let mut v = SearchView {
            input: TextInput::default(),
            hits: Vec::new(),
            cursor: 0,
            names,
            problems: Vec::new(),
            review,
            back: Box::new(back),
        };
        v.run(store)?;
        Ok(v)
    }

    /// Runs the query as typed.
    pub fn run(&mut self, store: &Store) -> Result<()> {
        let q = Query::parse(self.input.text());
        self.problems = q.problems.clone();
        let with: Option<Vec<Uuid>> = q.with.as_ref().map(|w| {
            let w = w.to_lowercase();
            self.names
                .iter()
                .filter(|(_, n)| n.to_lowercase().starts_with(&w))
                .map(|(id, _)| *id)
                .collect()
        });
        if let (Some(ids), Some(w)) = (&with, &q.with)
            && ids.is_empty()
        {
            self.problems.push(format!("with:{w} matches nobody"));
        }
        self.hits = store.search(&q, with.as_deref(), !self.review, LIMIT)?;
        self.cursor = self.cursor.min(self.hits.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.cursor)
    }
}

pub(super) fn open(app: &mut App, store: &mut Store) -> Result<()> {
    let review = matches!(app.screen, Screen::Review(_));
    let back = super::journal::origin_here(app);
    app.screen = Screen::Search(Box::new(SearchView::open(store, back, review)?));
    Ok(())
}

pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::Search(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Back => {
            let back = *v.back.clone();
            return super::journal::go_to(app, store, back);
        }
        Action::Up => v.cursor = v.cursor.saturating_sub(1),
        Action::Down => v.cursor = (v.cursor + 1).min(v.hits.len().saturating_sub(1)),
        Action::PageUp => v.cursor = v.cursor.saturating_sub(10),
        Action::PageDown => v.cursor = (v.cursor + 10).min(v.hits.len().saturating_sub(1)),
        Action::Edit(InputEdit::Up | InputEdit::Down) => {}
        Action::Edit(e) if v.input.apply(&e) => {
            v.cursor = 0;
            v.run(store)?;
        }
        Action::Paste(p) => {
            v.input.insert_str(&p.replace(['\n', '\r', '\t'], " "));
            v.cursor = 0;
            v.run(store)?;
        }
        Action::Confirm if v.review => {
            // Pair review stays on one screen: results are listed, not opened.
            let back = *v.back.clone();
            super::journal::go_to(app, store, back)?;
            app.info("In pair review, results are listed only; L leaves the review to open them.");
        }
        Action::Confirm => {
            if let Some(hit) = v.selected().cloned() {
                return open_hit(app, store, &hit);
            }
        }
        _ => {}
    }
    Ok(())
}

fn open_hit(app: &mut App, store: &mut Store, hit: &Hit) -> Result<()> {
    let id = |s: &str| Uuid::parse_str(s).ok();
    let origin = Origin::Home(hit.relationship_id);
    match hit.kind {
        HitKind::Meeting | HitKind::Reflection | HitKind::ActionItem => {
            let (kind, target) = match hit.kind {
                HitKind::Meeting => (EntryKind::Meeting, id(&hit.id)),
                HitKind::Reflection => (EntryKind::Reflection, id(&hit.id)),
                _ => (EntryKind::Meeting, hit.parent.as_deref().and_then(id)),
            };
            match target.and_then(|t| EntryView::load(store, kind, t, origin).transpose()) {
                Some(view) => app.screen = Screen::View(Box::new(view?)),
                None => app.info("This action item stands alone: a shows it with the others."),
            }
        }
        HitKind::Goal | HitKind::Milestone => {
            let goal = if hit.kind == HitKind::Goal {
                id(&hit.id)
            } else {
                hit.parent.as_deref().and_then(id)
            };
            if let Some(goal) = goal {
                let board = super::goals::GoalBoard::load(store, None)?;
                if let Some(v) = super::goals::GoalView::load(store, goal, board)? {
                    app.screen = Screen::GoalDetail(Box::new(v));
                }
            }
        }
        HitKind::Answer => {
            if let Some(rel) = hit
                .relationship_id
                .and_then(|r| store.relationship(r).transpose())
            {
                let view = super::AgreementView::load(store, rel?, app.content)?;
                app.screen = Screen::Agreement(view);
            }
        }
        HitKind::Resource => {
            let found = match hit.relationship_id {
                Some(rel) => {
                    super::resources::ResourcesView::load(store, rel, id(&hit.id), origin)?
                }
                None => None,
            };
            match found {
                Some(v) => super::resources::show(app, store, v)?,
                None => app.error("That resource's relationship is no longer in the journal."),
            }
        }
    }
    Ok(())
}
