//! Session prep: one person, before a meeting — what to bring to it.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{Action, App, Screen};
use crate::domain::{ActionItem, Checkin, Meeting, Reflection, Relationship};
use crate::error::Result;
use crate::review::local_midnight;
use crate::store::{DueRow, GoalSummary, Store};

/// The latest contact of a relationship, as prep names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastContact<'a> {
    Meeting(&'a Meeting),
    Checkin(&'a Checkin),
}

/// Before a meeting: what to bring to it.
#[derive(Debug, Clone)]
pub struct PrepView {
    pub relationship: Relationship,
    pub last_meeting: Option<Meeting>,
    /// The latest quick check-in (it may be newer than the last meeting).
    pub last_checkin: Option<Checkin>,
    pub open_items: Vec<ActionItem>,
    /// Those of `open_items` that belong to a private meeting.
    pub private_items: std::collections::HashSet<Uuid>,
    pub bring_up: Vec<Reflection>,
    /// Goals with an update since the last meeting.
    pub moved: Vec<GoalSummary>,
    /// Open goals whose target is within two weeks, or past.
    pub near: Vec<GoalSummary>,
    pub due: Option<DueRow>,
    /// The relationship's resources, private ones too (prep is the person's own view).
    pub resources: Vec<crate::domain::Resource>,
    pub scroll: usize,
    /// Where Esc goes.
    pub back: super::Origin,
}

impl PrepView {
    pub fn load(store: &Store, relationship: Uuid, today: NaiveDate) -> Result<Option<PrepView>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        let now = local_midnight(today.succ_opt().unwrap_or(today));
        let last_meeting = store.last_meeting(relationship, now)?;
        let last_checkin = store.last_checkin(relationship, now)?;
        let since = last_meeting.as_ref().map(|m| m.held_at);
        let open_items = store.open_action_items_of(relationship)?;
        let private_items = super::private_words::private_items(store, &open_items)?;
        let bring_up = store.bring_up_reflections(relationship, since)?;
        let mut moved = Vec::new();
        let mut near = Vec::new();
        for g in store.goal_summaries(Some(relationship))? {
            if !g.goal.status.is_open() {
                continue;
            }
            if since.is_none_or(|s| g.last_activity > s) && g.last_update.is_some() {
                moved.push(g.clone());
            }
            if g.goal
                .target_on
                .is_some_and(|t| (t - today).num_days() <= 14)
            {
                near.push(g);
            }
        }
        let due = store
            .due_rows(today)?
            .into_iter()
            .find(|r| r.relationship.id == relationship);
        Ok(Some(PrepView {
            relationship: rel,
            last_meeting,
            last_checkin,
            open_items,
            private_items,
            bring_up,
            moved,
            near,
            due,
            resources: store.resources(relationship, true)?,
            scroll: 0,
            back: super::Origin::Home(Some(relationship)),
        }))
    }

    /// The last contact: the latest meeting or check-in (the meeting when both are at the
    /// same moment, as it says more).
    pub fn last_contact(&self) -> Option<LastContact<'_>> {
        match (&self.last_meeting, &self.last_checkin) {
            (Some(m), Some(c)) if c.at > m.held_at => Some(LastContact::Checkin(c)),
            (Some(m), _) => Some(LastContact::Meeting(m)),
            (None, Some(c)) => Some(LastContact::Checkin(c)),
            (None, None) => None,
        }
    }

    /// The agenda this prep suggests, as text for a new meeting.
    pub fn agenda(&self) -> String {
        let mut lines = Vec::new();
        for r in &self.bring_up {
            // The first words of the first line with text, cut between words. A private
            // reflection's line is marked: the meeting form asks before sharing it.
            let first = r.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let words = crate::text::truncate_words(first, 80);
            if r.private {
                lines.push(format!("- {} {words}", super::private_words::FROM_PRIVATE));
            } else {
                lines.push(format!("- {words}"));
            }
        }
        for g in &self.moved {
            lines.push(format!("- Progress on: {} ({}%)", g.goal.title, g.progress));
        }
        for g in &self.near {
            if !self.moved.iter().any(|m| m.goal.id == g.goal.id) {
                lines.push(format!("- Target coming up: {}", g.goal.title));
            }
        }
        for a in &self.open_items {
            if self.private_items.contains(&a.id) {
                let mark = super::private_words::FROM_PRIVATE_MEETING;
                lines.push(format!("- {mark} Open: {}", a.text));
            } else {
                lines.push(format!("- Open: {}", a.text));
            }
        }
        lines.join("\n")
    }
}

pub(super) fn open_prep(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
) -> Result<()> {
    let Some(id) = relationship else {
        app.info("Choose a relationship first.");
        return Ok(());
    };
    if let Some(mut v) = PrepView::load(store, id, app.now.date_naive())? {
        v.back = super::journal::origin_here(app);
        app.screen = Screen::Prep(Box::new(v));
    }
    Ok(())
}

pub(super) fn prep_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::Prep(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First => {
            v.scroll = super::list::scrolled(v.scroll, &action);
        }
        Action::Back => {
            let back = v.back.clone();
            super::journal::go_to(app, store, back)?;
        }
        Action::NewMeeting => {
            let (id, agenda) = (v.relationship.id, v.agenda());
            let private_lines = v.bring_up.iter().any(|r| r.private) || !v.private_items.is_empty();
            let mut form =
                super::entry::EntryForm::new_meeting(store, Some(id), app.now, app.content)?;
            if let Some(field) = form.fields.get_mut(super::fields::FieldId::Agenda) {
                field.set_string(&agenda);
            }
            let origin = super::Origin::Home(Some(id));
            app.screen = Screen::Entry(Box::new(super::Writing { form, origin }));
            if private_lines {
                app.info(
                    "Agenda from the prep. Private lines are marked: a shared save asks first.",
                );
            } else {
                app.info(format!(
                    "The agenda comes from the prep: change anything, {} saves.",
                    app.key_label(crate::config::Context::Entry, crate::config::Command::Save)
                ));
            }
        }
        _ => {}
    }
    Ok(())
}
