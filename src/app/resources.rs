//! The resources screen: one relationship's books, links, courses and people to meet, with
//! who offered each and where it stands, and the form that adds or edits one.

use std::collections::BTreeMap;

use chrono::Utc;
use uuid::Uuid;

use super::fields::{Effect, FieldId, Fields, Value};
use super::input::TextInput;
use super::{Action, App, Origin, Screen};
use crate::domain::{Resource, ResourceKind, ResourceState, Side};
use crate::error::Result;
use crate::store::Store;

/// A relationship's resources. This screen is the journal owner's own, so private resources
/// show here (marked); shared views leave them out.
#[derive(Debug, Clone)]
pub struct ResourcesView {
    pub relationship: Uuid,
    /// The other person's name.
    pub name: String,
    pub resources: Vec<Resource>,
    pub cursor: usize,
    /// The form adding or editing one, while open.
    pub form: Option<ResourceForm>,
    /// The resource last moved to the trash, for undo.
    pub trashed: Option<Uuid>,
    /// Where Esc goes.
    pub back: Box<Origin>,
}

/// Adding or editing one resource.
#[derive(Debug, Clone)]
pub struct ResourceForm {
    /// The resource as it was when the form opened (a new one as it starts).
    pub resource: Resource,
    /// False while adding.
    pub existing: bool,
    pub fields: Fields,
    /// Why the last save was refused, shown under the field to fix.
    pub error: Option<String>,
    /// The values when the form opened, to tell whether anything changed.
    start: BTreeMap<String, String>,
    /// The values last written as a draft.
    drafted: BTreeMap<String, String>,
}

/// Drafts of the resource form are kept under this prefix and the relationship's id: one
/// unsaved resource per relationship, offered again when its resources are opened.
pub const DRAFT_PREFIX: &str = "resource:";

/// What a draft of the form holds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ResourceDraft {
    pub id: Uuid,
    pub existing: bool,
    pub values: BTreeMap<String, String>,
}

fn draft_key(relationship: Uuid) -> String {
    format!("{DRAFT_PREFIX}{relationship}")
}

impl ResourceForm {
    /// The form for `resource`; `name` is the other person's.
    pub fn new(resource: Resource, existing: bool, name: &str) -> ResourceForm {
        let r = &resource;
        let mut f = Fields::default();
        let pick = |options: Vec<(String, String)>, at: usize| Value::Pick { options, at };
        f.push(
            FieldId::Kind,
            "Kind",
            pick(
                ResourceKind::ALL
                    .iter()
                    .map(|k| (k.id().to_string(), k.label().to_string()))
                    .collect(),
                ResourceKind::ALL
                    .iter()
                    .position(|k| *k == r.kind)
                    .unwrap_or(0),
            ),
            Some("← → to change"),
        );
        f.push(
            FieldId::Title,
            "Title",
            Value::Line(TextInput::new(&r.title)),
            Some("a title, or the person's name"),
        );
        f.push(
            FieldId::Detail,
            "Detail",
            Value::Line(TextInput::new(&r.detail)),
            Some(r.kind.detail_hint()),
        );
        let them = crate::text::sanitize_line(name);
        f.push(
            FieldId::OfferedBy,
            "Offered by",
            pick(
                vec![
                    (Side::Other.id().to_string(), them),
                    (Side::Me.id().to_string(), "me".to_string()),
                ],
                usize::from(r.offered_by == Side::Me),
            ),
            Some("← → to change"),
        );
        f.push(
            FieldId::Status,
            "State",
            pick(
                ResourceState::ALL
                    .iter()
                    .map(|s| (s.id().to_string(), s.label().to_string()))
                    .collect(),
                ResourceState::ALL
                    .iter()
                    .position(|s| *s == r.state)
                    .unwrap_or(0),
            ),
            Some("← → to change"),
        );
        f.push(
            FieldId::Note,
            "Note",
            Value::Line(TextInput::new(&r.note)),
            Some("what it was useful for, or why not"),
        );
        f.push(
            FieldId::Private,
            "Private",
            Value::Flag(r.private),
            Some("kept out of shared views"),
        );
        f.cursor = if existing { 0 } else { 1 };
        ResourceForm {
            start: f.values(),
            drafted: f.values(),
            resource,
            existing,
            fields: f,
            error: None,
        }
    }

    /// True when something was changed since the form opened.
    pub fn changed(&self) -> bool {
        self.fields.values() != self.start
    }

    /// The resource as the fields describe it now.
    pub fn read(&self) -> Resource {
        let f = &self.fields;
        let mut r = self.resource.clone();
        r.kind = ResourceKind::from_id(&f.string(FieldId::Kind)).unwrap_or(r.kind);
        r.title = f.string(FieldId::Title);
        r.detail = f.string(FieldId::Detail);
        r.offered_by = Side::from_id(&f.string(FieldId::OfferedBy)).unwrap_or(r.offered_by);
        r.state = ResourceState::from_id(&f.string(FieldId::Status)).unwrap_or(r.state);
        r.note = f.string(FieldId::Note);
        r.private = f.flag(FieldId::Private);
        r
    }

    /// Keeps what is typed as a draft (autosaved on every tick), so a crash or a closed
    /// terminal loses at most a few seconds; an unchanged form leaves no draft.
    pub fn save_draft(&mut self, store: &mut Store, now: chrono::DateTime<Utc>) -> Result<()> {
        let values = self.fields.values();
        if values == self.drafted {
            return Ok(());
        }
        let key = draft_key(self.resource.relationship_id);
        if values == self.start {
            store.delete_draft(&key)?;
        } else {
            let draft = ResourceDraft {
                id: self.resource.id,
                existing: self.existing,
                values: values.clone(),
            };
            let body = serde_json::to_string(&draft)
                .map_err(|e| crate::error::Error::Decode(e.to_string()))?;
            store.save_draft(&key, &body, now)?;
        }
        self.drafted = values;
        Ok(())
    }

    /// The detail's hint follows the kind: an author for a book, how to reach a person.
    fn follow_kind(&mut self) {
        let kind = ResourceKind::from_id(&self.fields.string(FieldId::Kind));
        if let (Some(kind), Some(field)) = (kind, self.fields.field_mut(FieldId::Detail)) {
            field.hint = Some(kind.detail_hint().to_string());
        }
    }
}

impl ResourcesView {
    /// Saves the open form's draft, if a form is open.
    pub fn save_draft(&mut self, store: &mut Store, now: chrono::DateTime<Utc>) -> Result<()> {
        match &mut self.form {
            Some(form) => form.save_draft(store, now),
            None => Ok(()),
        }
    }

    /// Opens the form again from a draft left by a crash or a closed terminal; true when
    /// one was there.
    fn restore_draft(&mut self, store: &Store, now: chrono::DateTime<Utc>) -> Result<bool> {
        let Some(d) = store.draft(&draft_key(self.relationship))? else {
            return Ok(false);
        };
        let Ok(draft) = serde_json::from_str::<ResourceDraft>(&d.body) else {
            return Ok(false);
        };
        let base = if draft.existing {
            crate::store::unless_bad(store.resource(draft.id))?
        } else {
            None
        };
        let (base, existing) = match base {
            Some(r) => (r, true),
            None => {
                let mut fresh =
                    Resource::new(self.relationship, ResourceKind::Book, "", Side::Other, now);
                fresh.id = draft.id;
                (fresh, false)
            }
        };
        let mut form = ResourceForm::new(base, existing, &self.name);
        form.fields.apply_values(&draft.values);
        form.follow_kind();
        form.drafted = form.fields.values();
        self.form = Some(form);
        Ok(true)
    }

    /// The screen for one relationship, with the cursor on `select` when it is listed.
    /// `None` when the relationship is not in the journal.
    pub fn load(
        store: &Store,
        relationship: Uuid,
        select: Option<Uuid>,
        back: Origin,
    ) -> Result<Option<ResourcesView>> {
        let Some(rel) = crate::store::unless_bad(store.relationship(relationship))? else {
            return Ok(None);
        };
        let mut v = ResourcesView {
            relationship,
            name: rel.display_name().to_string(),
            resources: Vec::new(),
            cursor: 0,
            form: None,
            trashed: None,
            back: Box::new(back),
        };
        v.reload(store, select)?;
        Ok(Some(v))
    }

    /// Reads the list again, keeping the cursor on `select` (or where it was).
    pub fn reload(&mut self, store: &Store, select: Option<Uuid>) -> Result<()> {
        let on = select.or_else(|| self.selected().map(|r| r.id));
        self.resources = store.resources(self.relationship, true)?;
        self.cursor = on
            .and_then(|id| self.resources.iter().position(|r| r.id == id))
            .unwrap_or(self.cursor)
            .min(self.resources.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected(&self) -> Option<&Resource> {
        self.resources.get(self.cursor)
    }

    fn move_by(&mut self, delta: isize) {
        self.cursor = super::list::moved(self.cursor, delta, self.resources.len());
    }
}

/// Opens the resources of `relationship` (the one highlighted on home), on `select`.
pub(super) fn open(
    app: &mut App,
    store: &mut Store,
    relationship: Option<Uuid>,
    select: Option<Uuid>,
) -> Result<()> {
    let Some(id) = relationship else {
        app.info("Choose a relationship first: resources belong to one.");
        return Ok(());
    };
    let back = super::journal::origin_here(app);
    match ResourcesView::load(store, id, select, back)? {
        Some(v) => show(app, store, v)?,
        None => app.error("That relationship is no longer in the journal."),
    }
    Ok(())
}

/// Shows the screen, with the form of an unsaved resource open again when one was left.
pub(super) fn show(app: &mut App, store: &Store, mut v: ResourcesView) -> Result<()> {
    let restored = v.restore_draft(store, app.now.with_timezone(&Utc))?;
    app.screen = Screen::Resources(Box::new(v));
    if restored {
        app.info(format!(
            "Your unsaved resource was kept: {} saves it, {} leaves it.",
            app.key_label(
                crate::config::Context::ResourceForm,
                crate::config::Command::Confirm
            ),
            app.key_named(crate::config::Context::ResourceForm, "leave")
        ));
    }
    Ok(())
}

/// Closes the form without saving (asked first when something changed), and drops its
/// draft.
pub(super) fn close_form(app: &mut App, store: &mut Store) -> Result<()> {
    if let Screen::Resources(v) = &mut app.screen {
        v.form = None;
        store.delete_draft(&draft_key(v.relationship))?;
    }
    Ok(())
}

/// Keys on the resources screen and in its form.
pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Resources(v) = &mut app.screen else {
        return Ok(());
    };
    if v.form.is_some() {
        return form_action(app, store, action);
    }
    match action {
        Action::Up => v.move_by(-1),
        Action::Down => v.move_by(1),
        Action::PageUp => v.move_by(-10),
        Action::PageDown => v.move_by(10),
        Action::First => v.cursor = 0,
        Action::Last => v.move_by(isize::MAX),
        Action::Back => {
            let back = *v.back.clone();
            return super::journal::go_to(app, store, back);
        }
        Action::NewResource => start_new(v, now),
        Action::Confirm | Action::EditEntry => match v.selected().cloned() {
            Some(r) => v.form = Some(ResourceForm::new(r, true, &v.name)),
            None if action == Action::Confirm => start_new(v, now),
            None => {}
        },
        Action::ChangeStatus => {
            if let Some(r) = v.selected().cloned() {
                let to = r.state.next();
                store.set_resource_state(r.id, to, now)?;
                v.reload(store, Some(r.id))?;
                let title = crate::text::truncate(&r.title, 40);
                app.info(format!("{title}: now {}.", to.label()));
            }
        }
        Action::TrashEntry => {
            if let Some(r) = v.selected().cloned() {
                store.trash_resource(r.id, now)?;
                v.trashed = Some(r.id);
                v.reload(store, None)?;
                let title = crate::text::truncate(&r.title, 40);
                let undo = app.key_label(
                    crate::config::Context::Resources,
                    crate::config::Command::UndoTrash,
                );
                app.info(format!(
                    "Moved to the trash: {title}. {undo} brings it back."
                ));
            }
        }
        Action::UndoTrash => match v.trashed.take() {
            Some(id) => {
                store.restore_resource(id, now)?;
                v.reload(store, Some(id))?;
                app.info("Brought back from the trash.");
            }
            None => app.info("Nothing was moved to the trash here."),
        },
        _ => {}
    }
    Ok(())
}

fn start_new(v: &mut ResourcesView, now: chrono::DateTime<Utc>) {
    let fresh = Resource::new(v.relationship, ResourceKind::Book, "", Side::Other, now);
    v.form = Some(ResourceForm::new(fresh, false, &v.name));
}

fn form_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now.with_timezone(&Utc);
    let Screen::Resources(v) = &mut app.screen else {
        return Ok(());
    };
    let Some(form) = v.form.as_mut() else {
        return Ok(());
    };
    match action {
        Action::Back => {
            if form.changed() {
                app.push_popup(super::popup::discard_resource());
            } else {
                return close_form(app, store);
            }
        }
        Action::Next | Action::Down => {
            form.fields.step(1);
        }
        Action::Prev | Action::Up => {
            form.fields.step(-1);
        }
        Action::Edit(e) => match form.fields.edit(&e) {
            Effect::Refused(why) => app.error(why),
            Effect::Changed => {
                form.error = None;
                form.follow_kind();
            }
            _ => {}
        },
        Action::Paste(p) => {
            if let Effect::Refused(why) = form.fields.paste(&p) {
                app.error(why);
            }
        }
        Action::Confirm | Action::Save => {
            let resource = form.read();
            if let Some(why) = resource.problem() {
                if let Some(i) = form.fields.position(FieldId::Title) {
                    form.fields.move_to(i);
                }
                form.error = Some(why.clone());
                app.error(why);
                return Ok(());
            }
            // The form stays open until the write is committed: a failed save keeps every
            // typed word where it was.
            let saved = store.save_resource(&resource, now)?;
            store.delete_draft(&draft_key(v.relationship))?;
            v.form = None;
            v.reload(store, Some(saved.id))?;
            let title = crate::text::truncate(&saved.title, 40);
            app.info(if saved.private {
                format!("Saved, private: {title} stays out of pair review and shared exports.")
            } else {
                format!("Saved: {title}.")
            });
        }
        _ => {}
    }
    Ok(())
}
