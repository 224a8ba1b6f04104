//! The skills screen: the skills one person wants to develop in a relationship (from its
//! focus topics and their own list), each rated 1 to 5 at the start, the midpoint and the
//! end. Ratings go to the point the relationship is at now unless the person picks another.

use chrono::Utc;
use uuid::Uuid;

use super::fields::{Effect, FieldId, Fields, Value};
use super::input::TextInput;
use super::journal::{go_to, origin_here};
use super::{Action, App, Origin, Screen};
use crate::config::{Command, Context};
use crate::domain::skill::{Skill, SkillPoint, SkillProgress, check_name, current_point};
use crate::error::Result;
use crate::store::Store;

/// A relationship's skills, and the focus topics not yet among them.
#[derive(Debug, Clone)]
pub struct SkillsView {
    pub relationship: Uuid,
    /// The other person's name.
    pub name: String,
    /// Every skill, private ones too: this screen is the person's own.
    pub skills: Vec<SkillProgress>,
    /// The relationship's focus topics (id, label), offered as skills.
    pub topics: Vec<(String, String)>,
    /// Focus topics no skill came from yet: listed after the skills, Enter adds one.
    pub suggestions: Vec<(String, String)>,
    /// Over the skills, then the suggestions.
    pub cursor: usize,
    /// The point the rating keys rate.
    pub point: SkillPoint,
    /// The point the relationship is at today.
    pub current: SkillPoint,
    /// Adding or changing a skill, while open.
    pub panel: Option<SkillPanel>,
    /// The skill last removed, for undo.
    pub trashed: Option<Uuid>,
    /// Where Esc goes.
    pub back: Origin,
}

/// The add / change panel.
#[derive(Debug, Clone)]
pub struct SkillPanel {
    /// The skill being changed; None adds one.
    pub editing: Option<Uuid>,
    pub fields: Fields,
    /// The values the panel opened with: Esc after a change asks once before dropping it.
    pub start: std::collections::BTreeMap<String, String>,
    /// Esc was pressed once with changes: a second Esc leaves without saving.
    pub leaving: bool,
}

impl SkillsView {
    /// The view of `relationship` on `today`; None when it is no longer in the journal.
    pub fn load(
        store: &Store,
        relationship: Uuid,
        today: chrono::NaiveDate,
        back: Origin,
    ) -> Result<Option<SkillsView>> {
        let Some(rel) = store.relationship(relationship)? else {
            return Ok(None);
        };
        let content = crate::content::Content::get();
        let end = rel
            .agreed_on
            .and_then(|start| Some((start, store.agreement(relationship).ok()?)))
            .and_then(|(start, a)| a.planned_end(start));
        let current = current_point(rel.agreed_on, end, rel.life(), today);
        let topics = rel
            .topics
            .iter()
            .map(|t| (t.clone(), content.topic_label(t).unwrap_or(t).to_string()))
            .collect();
        let mut view = SkillsView {
            relationship,
            name: rel.display_name().to_string(),
            skills: Vec::new(),
            topics,
            suggestions: Vec::new(),
            cursor: 0,
            point: current,
            current,
            panel: None,
            trashed: None,
            back,
        };
        view.reload(store, None)?;
        Ok(Some(view))
    }

    /// Reads the skills again, with `select` (else the same row) highlighted.
    fn reload(&mut self, store: &Store, select: Option<Uuid>) -> Result<()> {
        let was = select.or_else(|| self.selected().map(|s| s.skill.id));
        self.skills = store.skills(self.relationship, true)?;
        self.suggestions = self
            .topics
            .iter()
            .filter(|(id, _)| {
                !self
                    .skills
                    .iter()
                    .any(|s| s.skill.topic.as_deref() == Some(id))
            })
            .cloned()
            .collect();
        if let Some(i) = was.and_then(|id| self.skills.iter().position(|s| s.skill.id == id)) {
            self.cursor = i;
        }
        self.cursor = self.cursor.min(self.rows().saturating_sub(1));
        Ok(())
    }

    /// How many rows the list has: skills, then suggestions.
    pub fn rows(&self) -> usize {
        self.skills.len() + self.suggestions.len()
    }

    /// The highlighted skill, if the cursor is on one.
    pub fn selected(&self) -> Option<&SkillProgress> {
        self.skills.get(self.cursor)
    }

    /// The highlighted focus topic, if the cursor is on one.
    pub fn suggestion(&self) -> Option<&(String, String)> {
        self.cursor
            .checked_sub(self.skills.len())
            .and_then(|i| self.suggestions.get(i))
    }

    fn panel_for(&self, skill: Option<&Skill>) -> SkillPanel {
        let mut f = Fields::default();
        f.push(
            FieldId::Name,
            "Skill",
            Value::Line(TextInput::new(skill.map_or("", |s| s.name.as_str()))),
            Some("what you want to get better at"),
        );
        let mut options = vec![(String::new(), "none: one of my own".to_string())];
        options.extend(self.topics.iter().cloned());
        let at = skill
            .and_then(|s| s.topic.as_deref())
            .and_then(|t| options.iter().position(|(id, _)| id == t))
            .unwrap_or(0);
        f.push(
            FieldId::Topic,
            "Focus topic",
            Value::Pick { options, at },
            Some("← → to change"),
        );
        f.push(
            FieldId::Private,
            "Who sees it",
            Value::Pick {
                options: vec![
                    ("shared".into(), "shared: shown in pair review".into()),
                    ("private".into(), "private: only on this screen".into()),
                ],
                at: usize::from(skill.is_some_and(|s| s.private)),
            },
            Some("← → to change"),
        );
        SkillPanel {
            editing: skill.map(|s| s.id),
            start: f.values(),
            fields: f,
            leaving: false,
        }
    }
}

/// Opens the skills of the highlighted relationship.
pub(super) fn open(app: &mut App, store: &mut Store, relationship: Option<Uuid>) -> Result<()> {
    let Some(id) = relationship else {
        app.info(format!(
            "Choose a relationship first: skills belong to one ({} adds a relationship).",
            app.key_label(Context::Home, Command::NewRelationship)
        ));
        return Ok(());
    };
    let back = origin_here(app);
    open_at(app, store, id, back)?;
    if let Screen::Skills(v) = &app.screen
        && v.skills.is_empty()
    {
        let text = first_words(app, v);
        app.info(text);
    }
    Ok(())
}

/// What to do on an empty list.
fn first_words(app: &App, v: &SkillsView) -> String {
    let add = app.key_label(Context::Skills, Command::NewSkill);
    if v.suggestions.is_empty() {
        format!("No skills yet: {add} adds one you want to develop.")
    } else {
        format!("No skills yet: Enter turns a focus topic into one, {add} adds one of your own.")
    }
}

/// Opens the skills of `relationship`, going back to `back`.
pub(super) fn open_at(
    app: &mut App,
    store: &mut Store,
    relationship: Uuid,
    back: Origin,
) -> Result<()> {
    match SkillsView::load(store, relationship, app.now.date_naive(), back.clone())? {
        Some(v) => app.screen = Screen::Skills(Box::new(v)),
        None => {
            go_to(app, store, back)?;
            app.error("That relationship is no longer in the journal.");
        }
    }
    Ok(())
}

/// Keys on the skills screen.
pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let today = app.now.date_naive();
    let add_key = app.key_label(Context::Skills, Command::NewSkill);
    let undo_key = app.key_label(Context::Skills, Command::UndoTrash);
    let Screen::Skills(v) = &mut app.screen else {
        return Ok(());
    };
    if v.panel.is_some() {
        return panel_action(app, store, action);
    }
    let rows = v.rows();
    match action {
        Action::Up => v.cursor = super::list::moved(v.cursor, -1, rows),
        Action::Down => v.cursor = super::list::moved(v.cursor, 1, rows),
        Action::PageUp => v.cursor = super::list::moved(v.cursor, -10, rows),
        Action::PageDown => v.cursor = super::list::moved(v.cursor, 10, rows),
        Action::First => v.cursor = 0,
        Action::Last => v.cursor = rows.saturating_sub(1),
        Action::Next => v.point = v.point.next(),
        Action::Prev => v.point = v.point.prev(),
        Action::Back => {
            let back = v.back.clone();
            return go_to(app, store, back);
        }
        Action::Rate(n) => {
            let Some(s) = v.selected() else {
                let text = if v.suggestion().is_some() {
                    "Add it first: Enter turns this focus topic into a skill to rate.".to_string()
                } else {
                    format!("Add a skill first: {add_key} adds one, then 1-5 rates it.")
                };
                app.info(text);
                return Ok(());
            };
            let (id, point) = (s.skill.id, v.point);
            store.rate_skill(id, point, n, today, now)?;
            v.reload(store, Some(id))?;
            if let Some(s) = v.selected() {
                let name = crate::text::truncate(&s.skill.name, 40);
                // Before beside after once there are two points to compare.
                let text = match (s.before(), s.now()) {
                    (Some(b), Some(a)) if b.point != a.point => format!(
                        "Rated {n} at the {}: {name}, {}.",
                        point.label(),
                        s.before_after()
                    ),
                    _ => format!("Rated {n} at the {}: {name}.", point.label()),
                };
                app.info(text);
            }
        }
        Action::NewSkill => v.panel = Some(v.panel_for(None)),
        Action::Confirm | Action::EditEntry => {
            if let Some(s) = v.selected() {
                let skill = s.skill.clone();
                v.panel = Some(v.panel_for(Some(&skill)));
            } else if let Some((topic, label)) = v.suggestion().cloned() {
                if action == Action::EditEntry {
                    return Ok(());
                }
                let skill = new_skill(v.relationship, label, Some(topic), false, now);
                store.save_skill(&skill, now)?;
                v.reload(store, Some(skill.id))?;
                let text = format!(
                    "Added: {}. 1-5 rates it at the {}.",
                    crate::text::truncate(&skill.name, 40),
                    v.point.label()
                );
                app.info(text);
            } else {
                v.panel = Some(v.panel_for(None));
            }
        }
        Action::TrashEntry => {
            if let Some(s) = v.selected() {
                let (id, name) = (s.skill.id, s.skill.name.clone());
                store.trash_skill(id, now)?;
                v.trashed = Some(id);
                v.reload(store, None)?;
                app.info(format!(
                    "Removed: {}. {undo_key} brings it back with its ratings.",
                    crate::text::truncate(&name, 40)
                ));
            }
        }
        Action::UndoTrash => match v.trashed {
            Some(id) => {
                store.restore_skill(id, now)?;
                v.trashed = None;
                v.reload(store, Some(id))?;
                app.info("Brought back, with its ratings.");
            }
            None => app.info("Nothing to bring back: no skill was removed here."),
        },
        _ => {}
    }
    Ok(())
}

fn new_skill(
    relationship: Uuid,
    name: String,
    topic: Option<String>,
    private: bool,
    now: chrono::DateTime<Utc>,
) -> Skill {
    Skill {
        id: Uuid::now_v7(),
        relationship_id: relationship,
        name,
        topic,
        position: 0,
        private,
        created_at: now,
        updated_at: now,
    }
}

/// Keys in the add / change panel. A refused name keeps everything typed.
fn panel_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Skills(v) = &mut app.screen else {
        return Ok(());
    };
    let Some(panel) = &mut v.panel else {
        return Ok(());
    };
    let effect = match action {
        Action::Back if panel.leaving || panel.fields.values() == panel.start => {
            v.panel = None;
            return Ok(());
        }
        Action::Back => {
            // Nothing typed is dropped by one key: the first Esc says so, the second leaves.
            panel.leaving = true;
            app.error("Not saved yet: Enter saves it, Esc again leaves without saving.");
            return Ok(());
        }
        Action::Next | Action::Down => {
            panel.fields.step(1);
            None
        }
        Action::Prev | Action::Up => {
            panel.fields.step(-1);
            None
        }
        Action::Edit(e) => Some(panel.fields.edit(&e)),
        Action::Paste(p) => Some(panel.fields.paste(&p)),
        Action::Confirm | Action::Save => return save_panel(app, store, now),
        _ => None,
    };
    if let Some(Effect::Refused(why)) = effect {
        app.error(why);
    }
    if let Screen::Skills(v) = &mut app.screen
        && let Some(panel) = &mut v.panel
    {
        panel.leaving = false;
    }
    Ok(())
}

fn save_panel(app: &mut App, store: &mut Store, now: chrono::DateTime<Utc>) -> Result<()> {
    let Screen::Skills(v) = &mut app.screen else {
        return Ok(());
    };
    let Some(panel) = &mut v.panel else {
        return Ok(());
    };
    let topic = Some(panel.fields.string(FieldId::Topic)).filter(|t| !t.is_empty());
    let typed = panel.fields.string(FieldId::Name);
    // A focus topic with no name of its own is the skill's name.
    let typed = if typed.trim().is_empty() {
        topic
            .as_ref()
            .and_then(|t| v.topics.iter().find(|(id, _)| id == t))
            .map_or(typed, |(_, label)| label.clone())
    } else {
        typed
    };
    let name = match check_name(&typed) {
        Ok(name) => name,
        Err(why) => {
            panel.fields.move_to(0);
            app.error(why);
            return Ok(());
        }
    };
    let private = panel.fields.string(FieldId::Private) == "private";
    let skill = match panel
        .editing
        .and_then(|id| v.skills.iter().find(|s| s.skill.id == id))
    {
        Some(s) => Skill {
            name,
            topic,
            private,
            ..s.skill.clone()
        },
        None => new_skill(v.relationship, name, topic, private, now),
    };
    store.save_skill(&skill, now)?;
    let added = panel.editing.is_none();
    v.panel = None;
    v.reload(store, Some(skill.id))?;
    let name = crate::text::truncate(&skill.name, 40);
    let text = match (added, skill.private) {
        (true, _) => format!("Added: {name}. 1-5 rates it at the {}.", v.point.label()),
        (false, true) => format!("Saved: {name}, private (never in pair review)."),
        (false, false) => format!("Saved: {name}."),
    };
    app.info(text);
    Ok(())
}
