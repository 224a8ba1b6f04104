//! `update` for the journal screens: writing meetings and reflections, reading them, the
//! timeline's filters and trash, and the action items.

use chrono::{Local, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

use super::entry::{EntryDraft, EntryForm};
use super::fields::{Effect, FieldId, Fields, Value, date_hint};
use super::input::TextInput;
use super::screens::{ActionsView, EntryView, Home, Origin, Timeline, Writing};
use super::{Action, App, Popup, Screen};
use crate::domain::dates::{Direction, parse_date};
use crate::error::Result;
use crate::store::{EntryKind, Store, TimelineFilter};

/// Where a new screen opened from here should go back to.
fn origin_here(app: &App) -> Origin {
    match &app.screen {
        Screen::Home(h) => Origin::Home(h.selected().map(|o| o.relationship.id)),
        Screen::Timeline(t) => Origin::Timeline(Box::new(t.clone())),
        Screen::Actions(_) => Origin::Actions,
        Screen::View(v) => v.origin.clone(),
        Screen::Entry(w) => w.origin.clone(),
        Screen::GoalDetail(v) => Origin::Goal(v.goal().id),
        _ => Origin::Home(None),
    }
}

/// The relationship the current screen is about, if any.
fn relationship_here(app: &App) -> Option<Uuid> {
    match &app.screen {
        Screen::Home(h) => h.selected().map(|o| o.relationship.id),
        Screen::Timeline(t) => t.selected().and_then(|e| e.relationship_id),
        Screen::View(v) => v.relationship_id(),
        Screen::Actions(a) => a.selected().map(|i| i.relationship_id),
        Screen::Goals(b) => b.selected().map(|g| g.goal.relationship_id),
        Screen::GoalDetail(v) => Some(v.goal().relationship_id),
        _ => None,
    }
}

pub(super) fn go_to(app: &mut App, store: &mut Store, origin: Origin) -> Result<()> {
    app.screen = match origin {
        Origin::Home(select) => {
            let mut home = Home::load(store, app.now.date_naive())?;
            if let Some(id) = select {
                home.select(id);
            }
            Screen::Home(home)
        }
        Origin::Timeline(mut t) => {
            t.reload(store)?;
            Screen::Timeline(*t)
        }
        Origin::Actions => Screen::Actions(ActionsView::load(store)?),
        Origin::Goal(id) => {
            let board = super::goals::GoalBoard::load(store, None)?;
            match super::goals::GoalView::load(store, id, board.clone())? {
                Some(v) => Screen::GoalDetail(Box::new(v)),
                None => Screen::Goals(board),
            }
        }
    };
    Ok(())
}

fn open_view(
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

pub(super) fn new_meeting(app: &mut App, store: &mut Store) -> Result<()> {
    if store.relationships()?.is_empty() {
        app.error(
            "A meeting is always with someone: add a relationship first (n on the home screen).",
        );
        return Ok(());
    }
    let with = relationship_here(app);
    let origin = origin_here(app);
    let form = EntryForm::new_meeting(store, with, app.now, app.content)?;
    if !form.carried.is_empty() {
        let n = form.carried.len();
        app.info(format!(
            "{n} open action item{} from the last meeting {} listed to carry forward: Space unticks one.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ));
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

pub(super) fn new_reflection(app: &mut App, store: &mut Store) -> Result<()> {
    let with = relationship_here(app);
    let meeting = match &app.screen {
        Screen::View(v) if v.kind == EntryKind::Meeting => Some(v.id),
        _ => None,
    };
    let goal = match &app.screen {
        Screen::GoalDetail(v) => Some(v.goal().id),
        _ => None,
    };
    let origin = origin_here(app);
    app.prompt_turn += 1;
    let mut form =
        EntryForm::new_reflection(store, with, meeting, app.now, app.content, app.prompt_turn)?;
    if let Some(goal) = goal
        && let Some(v) = form.fields.get_mut(FieldId::Goal)
    {
        v.set_string(&goal.to_string());
        form.saved = form.fields.values();
        form.drafted = form.saved.clone();
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

pub(super) fn open_actions(app: &mut App, store: &mut Store) -> Result<()> {
    let mut view = ActionsView::load(store)?;
    if let Screen::Home(h) = &app.screen {
        view.origin_home = h.selected().map(|o| o.relationship.id);
    }
    app.screen = Screen::Actions(view);
    Ok(())
}

fn edit_entry(
    app: &mut App,
    store: &mut Store,
    kind: EntryKind,
    id: Uuid,
    origin: Origin,
) -> Result<()> {
    let form = match kind {
        EntryKind::Meeting => match store.meeting(id)? {
            Some(m) => EntryForm::edit_meeting(store, &m, app.now.date_naive(), app.content)?,
            None => return open_view(app, store, kind, id, origin),
        },
        EntryKind::Reflection => match store.reflection(id)? {
            Some(r) => EntryForm::edit_reflection(store, &r)?,
            None => return open_view(app, store, kind, id, origin),
        },
    };
    // An unsaved edit of this entry from before a crash is picked up again.
    let mut form = form;
    if let Some(d) = store.draft(&form.draft_key())?
        && let Ok(draft) = serde_json::from_str::<EntryDraft>(&d.body)
        && let Some(restored) = EntryForm::from_draft(store, &draft, app.now, app.content)?
    {
        form = restored;
        app.info("Your unsaved changes to this entry were restored.");
    }
    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
    Ok(())
}

/// Leaves a form without saving: the draft goes, the entry (if any) is shown again.
pub(super) fn leave_entry(app: &mut App, store: &mut Store) -> Result<()> {
    let Screen::Entry(w) = &app.screen else {
        return Ok(());
    };
    store.delete_draft(&w.form.draft_key())?;
    let (kind, id, existing, origin) = (w.form.kind, w.form.id, w.form.existing, w.origin.clone());
    if existing {
        open_view(app, store, kind, id, origin)
    } else {
        go_to(app, store, origin)
    }
}

/// Saves the form. `confirmed`: the person has just seen and agreed to share what it takes
/// from private entries.
fn save_entry(app: &mut App, store: &mut Store, confirmed: bool) -> Result<()> {
    let now = app.now;
    let utc = now.with_timezone(&Utc);
    let content = app.content;
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    let message = match form.kind {
        EntryKind::Meeting => match form.read_meeting(now, content) {
            Err((at, why)) => {
                form.fields.move_to(at);
                form.error = Some(why);
                return Ok(());
            }
            Ok((m, items, carried)) => {
                let (lines, _) = form.unconfirmed_private_lines();
                if !confirmed && !lines.is_empty() {
                    // Words from a private reflection are shared only once the person has
                    // seen them exactly and said yes.
                    app.popup = Some(Popup::SharePrivate {
                        name: form.other_name(),
                        lines,
                        scroll: 0,
                    });
                    return Ok(());
                }
                store.save_meeting_from_form(&m, &items, &carried, utc)?;
                let n = items.len() + carried.len();
                let day = m.held_at.with_timezone(&Local).date_naive();
                format!(
                    "Saved: {} on {}{}.",
                    form.describe(),
                    day.format(&app.settings.date_format),
                    match n {
                        0 => String::new(),
                        1 => ", with 1 action item".to_string(),
                        n => format!(", with {n} action items"),
                    }
                )
            }
        },
        EntryKind::Reflection => match form.read_reflection(now) {
            Err((at, why)) => {
                form.fields.move_to(at);
                form.error = Some(why);
                return Ok(());
            }
            Ok(r) => {
                store.save_reflection(&r, utc)?;
                format!(
                    "Saved: reflection ({}{}).",
                    if r.private { "private" } else { "shared" },
                    if r.bring_up {
                        ", to bring up next meeting"
                    } else {
                        ""
                    }
                )
            }
        },
    };
    store.delete_draft(&form.draft_key())?;
    let (kind, id, origin) = (form.kind, form.id, w.origin.clone());
    open_view(app, store, kind, id, origin)?;
    app.info(message);
    Ok(())
}

/// Leaving a field: a date that does not read is refused in place.
fn leave_field(app: &mut App, store: &mut Store, delta: isize, vertical: bool) -> Result<()> {
    let now = app.now;
    let width = super::entry::text_width(app.size.0);
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    if vertical && form.fields.on_long() {
        form.fields.vertical(delta, width);
        return Ok(());
    }
    if let Err(why) = form.check_current(now) {
        form.error = Some(why);
        return Ok(());
    }
    form.error = None;
    form.fields.step(delta);
    form.save_draft(store, now.with_timezone(&Utc))
}

pub(super) fn entry_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let content = app.content;
    match action {
        Action::Save => return save_entry(app, store, false),
        Action::Back => {
            if let Screen::Entry(w) = &app.screen
                && w.form.changed()
            {
                app.popup = Some(Popup::DiscardEntry);
                return Ok(());
            }
            return leave_entry(app, store);
        }
        Action::Next => return leave_field(app, store, 1, false),
        Action::Prev => return leave_field(app, store, -1, false),
        Action::Down => return leave_field(app, store, 1, true),
        Action::Up => return leave_field(app, store, -1, true),
        Action::PageDown => return leave_field(app, store, 5, false),
        Action::PageUp => return leave_field(app, store, -5, false),
        _ => {}
    }
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    let form = &mut w.form;
    let effect = match action {
        Action::Confirm => {
            if form
                .fields
                .current()
                .is_some_and(|f| !matches!(f.value, Value::Long(_) | Value::Flag(_)))
            {
                return leave_field(app, store, 1, false);
            }
            form.fields.enter()
        }
        Action::Edit(edit) => form.fields.edit(&edit),
        Action::Paste(text) => form.fields.paste(&text),
        Action::Undo => form.fields.undo(false),
        Action::Redo => form.fields.undo(true),
        Action::NextPrompt if form.kind == EntryKind::Reflection => {
            form.next_prompt(content);
            Effect::Moved
        }
        Action::ExternalEdit => {
            if let Some(super::fields::Field {
                value: Value::Long(e),
                ..
            }) = form.fields.current()
            {
                app.external = Some(e.text().to_string());
            } else {
                app.info("Your editor opens the long texts (agenda, notes, outcomes, the reflection): move to one first.");
            }
            return Ok(());
        }
        Action::ExternalEdited(Ok(text)) => match form.fields.replace_current_long(&text) {
            Ok(true) => {
                app.info("Text taken from your editor (undo with Ctrl-U).");
                Effect::Changed
            }
            Ok(false) => Effect::Nothing,
            Err(r) => Effect::Refused(r.message()),
        },
        Action::ExternalEdited(Err(why)) => Effect::Refused(why),
        _ => Effect::Nothing,
    };
    let Screen::Entry(w) = &mut app.screen else {
        return Ok(());
    };
    match effect {
        Effect::Changed => {
            w.form.error = None;
            w.form.after_change(content);
        }
        Effect::Refused(why) => w.form.error = Some(why),
        Effect::Moved | Effect::Nothing => {}
    }
    Ok(())
}

pub(super) fn view_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let Screen::View(v) = &mut app.screen else {
        return Ok(());
    };
    match action {
        Action::Up => v.scroll = v.scroll.saturating_sub(1),
        Action::Down => v.scroll += 1,
        Action::PageUp => v.scroll = v.scroll.saturating_sub(10),
        Action::PageDown => v.scroll += 10,
        Action::First => v.scroll = 0,
        Action::Back => {
            let origin = v.origin.clone();
            return go_to(app, store, origin);
        }
        Action::EditEntry | Action::Confirm => {
            let (kind, id, origin) = (v.kind, v.id, v.origin.clone());
            return edit_entry(app, store, kind, id, origin);
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

fn filter_panel(t: &Timeline, today: chrono::NaiveDate) -> Fields {
    let mut f = Fields::default();
    let mut people = vec![(String::new(), "everyone".to_string())];
    let mut names: Vec<(&Uuid, &String)> = t.names.iter().collect();
    names.sort_by(|a, b| a.1.cmp(b.1));
    people.extend(names.into_iter().map(|(id, n)| (id.to_string(), n.clone())));
    let with = t
        .filter
        .relationship
        .map(|r| r.to_string())
        .unwrap_or_default();
    let at = people.iter().position(|p| p.0 == with).unwrap_or(0);
    f.push(
        FieldId::With,
        "With",
        Value::Pick {
            options: people,
            at,
        },
        Some("← → to change"),
    );
    let kinds = vec![
        (String::new(), "meetings and reflections".to_string()),
        ("meeting".to_string(), "meetings".to_string()),
        ("reflection".to_string(), "reflections".to_string()),
    ];
    let kind_at = match t.filter.kind {
        None => 0,
        Some(EntryKind::Meeting) => 1,
        Some(EntryKind::Reflection) => 2,
    };
    f.push(
        FieldId::Kind,
        "Kind",
        Value::Pick {
            options: kinds,
            at: kind_at,
        },
        Some("← → to change"),
    );
    let shows = vec![
        ("all".to_string(), "private and shared".to_string()),
        ("shared".to_string(), "shared only".to_string()),
        ("private".to_string(), "private only".to_string()),
    ];
    let show_at = if t.filter.private_only {
        2
    } else if t.filter.include_private {
        0
    } else {
        1
    };
    f.push(
        FieldId::Show,
        "Show",
        Value::Pick {
            options: shows,
            at: show_at,
        },
        Some("← → to change"),
    );
    let tag = t
        .filter
        .tag
        .clone()
        .map(|t| format!("#{t}"))
        .unwrap_or_default();
    f.push(
        FieldId::Tag,
        "Tag",
        Value::Line(TextInput::new(tag)),
        Some("#career (one tag)"),
    );
    let day = |d: Option<chrono::DateTime<Utc>>, end: bool| {
        d.map(|d| {
            let local = d.with_timezone(&Local).date_naive();
            let local = if end {
                local.pred_opt().unwrap_or(local)
            } else {
                local
            };
            local.format("%Y-%m-%d").to_string()
        })
        .unwrap_or_default()
    };
    f.push(
        FieldId::From,
        "From",
        Value::Date(TextInput::new(day(t.filter.from, false))),
        Some(&date_hint(today, "-3m, ", "-3m", "")),
    );
    f.push(
        FieldId::To,
        "To",
        Value::Date(TextInput::new(day(t.filter.until, true))),
        Some(&date_hint(today, "today, ", "-1m", "")),
    );
    f
}

/// Reads the filter panel; `Err` says which field is wrong.
fn read_panel(
    f: &Fields,
    base: &TimelineFilter,
    now: chrono::DateTime<Local>,
) -> std::result::Result<TimelineFilter, (usize, String)> {
    let today = now.date_naive();
    let midnight = |d: chrono::NaiveDate| {
        Local
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .map(|l| l.with_timezone(&Utc))
    };
    let date = |key: FieldId,
                at: usize|
     -> std::result::Result<Option<chrono::NaiveDate>, (usize, String)> {
        let text = f.string(key);
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_date(&text, today, Direction::Past)
            .map(Some)
            .map_err(|e| (at, e))
    };
    let from = date(FieldId::From, 4)?;
    let to = date(FieldId::To, 5)?;
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err((
            5,
            format!("The range ends ({b}) before it starts ({a}): swap them or clear one."),
        ));
    }
    let tag_text = f.string(FieldId::Tag);
    let tag = tag_text.trim().trim_start_matches('#').to_lowercase();
    if tag.contains(char::is_whitespace) {
        return Err((3, "One tag at a time, like #career.".into()));
    }
    let show = f.string(FieldId::Show);
    Ok(TimelineFilter {
        relationship: Uuid::parse_str(&f.string(FieldId::With)).ok(),
        kind: match f.string(FieldId::Kind).as_str() {
            "meeting" => Some(EntryKind::Meeting),
            "reflection" => Some(EntryKind::Reflection),
            _ => None,
        },
        include_private: show != "shared",
        private_only: show == "private",
        tag: (!tag.is_empty()).then_some(tag),
        from: from.and_then(midnight),
        until: to.and_then(|d| d.succ_opt()).and_then(midnight),
        trash: base.trash,
    })
}

pub(super) fn timeline_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now;
    let Screen::Timeline(t) = &mut app.screen else {
        return Ok(());
    };
    if let Some(panel) = &mut t.panel {
        match action {
            Action::Back => t.panel = None,
            Action::Next | Action::Down => {
                panel.step(1);
            }
            Action::Prev | Action::Up => {
                panel.step(-1);
            }
            Action::Edit(e) => {
                panel.edit(&e);
            }
            Action::Paste(p) => {
                panel.paste(&p);
            }
            Action::Confirm | Action::Save => match read_panel(panel, &t.filter, now) {
                Ok(filter) => {
                    t.filter = filter;
                    t.panel = None;
                    t.cursor = 0;
                    t.reload(store)?;
                    let n = t.entries.len();
                    app.info(if n == 0 {
                        "Nothing matches these filters: f changes them, x clears them.".to_string()
                    } else {
                        "Filtered: x clears the filters.".to_string()
                    });
                }
                Err((at, why)) => {
                    panel.move_to(at);
                    app.error(why);
                }
            },
            _ => {}
        }
        return Ok(());
    }
    let page = 10;
    match action {
        Action::Up => t.move_by(store, -1)?,
        Action::Down => t.move_by(store, 1)?,
        Action::PageUp => t.move_by(store, -page)?,
        Action::PageDown => t.move_by(store, page)?,
        Action::First => t.cursor = 0,
        Action::Back if t.filter.trash => {
            let mut fresh = Timeline::load(store)?;
            fresh.filter = TimelineFilter {
                trash: false,
                ..t.filter.clone()
            };
            fresh.undo = t.undo;
            fresh.reload(store)?;
            app.screen = Screen::Timeline(fresh);
        }
        Action::Back => return go_to(app, store, Origin::Home(None)),
        Action::Filter if !t.filter.trash => t.panel = Some(filter_panel(t, now.date_naive())),
        Action::ClearFilter if !t.filter.trash => {
            t.filter = TimelineFilter {
                include_private: true,
                ..TimelineFilter::default()
            };
            t.cursor = 0;
            t.reload(store)?;
            app.info("Filters cleared: every meeting and reflection is listed.");
        }
        Action::Confirm | Action::Restore if t.filter.trash => {
            if let Some(e) = t.selected().cloned() {
                store.set_trashed(e.kind, e.id, false, now.with_timezone(&Utc))?;
                t.reload(store)?;
                app.info("Restored: it is back in the timeline.");
            }
        }
        Action::EmptyTrash if t.filter.trash => {
            let count = store.trash_count()?;
            if count == 0 {
                app.info("The trash is already empty.");
            } else {
                app.popup = Some(Popup::EmptyTrash { count });
            }
        }
        Action::OpenTrash if !t.filter.trash => {
            let mut trash = Timeline::load(store)?;
            trash.filter = TimelineFilter {
                trash: true,
                include_private: true,
                ..TimelineFilter::default()
            };
            trash.undo = t.undo;
            trash.reload(store)?;
            app.screen = Screen::Timeline(trash);
        }
        Action::Confirm if !t.filter.trash => {
            if let Some(e) = t.selected().cloned() {
                let origin = Origin::Timeline(Box::new(t.clone()));
                return open_view(app, store, e.kind, e.id, origin);
            }
        }
        Action::EditEntry if !t.filter.trash => {
            if let Some(e) = t.selected().cloned() {
                let origin = Origin::Timeline(Box::new(t.clone()));
                return edit_entry(app, store, e.kind, e.id, origin);
            }
        }
        Action::TrashEntry if !t.filter.trash => {
            if let Some(e) = t.selected().cloned() {
                store.set_trashed(e.kind, e.id, true, now.with_timezone(&Utc))?;
                t.undo = Some((e.kind, e.id));
                t.reload(store)?;
                app.info("Moved to the trash: u brings it back; T shows the trash.");
            }
        }
        Action::UndoTrash if !t.filter.trash => match t.undo.take() {
            Some((kind, id)) => {
                store.set_trashed(kind, id, false, now.with_timezone(&Utc))?;
                t.reload(store)?;
                if let Some(i) = t.entries.iter().position(|e| e.id == id) {
                    t.cursor = i;
                }
                app.info("Brought back from the trash.");
            }
            None => app.info("Nothing to undo: u brings back the entry last moved to the trash."),
        },
        _ => {}
    }
    Ok(())
}

pub(super) fn actions_action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
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
        Action::Back => {
            let select = a.origin_home;
            return go_to(app, store, Origin::Home(select));
        }
        Action::Toggle => {
            if let Some(item) = a.items.get_mut(a.cursor) {
                let done = item.done_at.is_none();
                store.set_action_done(item.id, done, now)?;
                item.done_at = done.then_some(now);
                let text = crate::text::truncate(&item.text, 40);
                app.info(if done {
                    format!("Done: {text}. Space again opens it again.")
                } else {
                    format!("Open again: {text}.")
                });
            }
        }
        Action::Confirm => {
            if let Some(m) = a.selected().and_then(|i| i.meeting_id) {
                return open_view(app, store, EntryKind::Meeting, m, Origin::Actions);
            }
            app.info("This item stands alone: it came from no meeting.");
        }
        _ => {}
    }
    Ok(())
}

/// The popups of the journal screens.
pub(super) fn popup_action(
    app: &mut App,
    store: &mut Store,
    popup: Popup,
    action: Action,
) -> Result<bool> {
    match (popup, action) {
        (Popup::SharePrivate { .. }, Action::Yes) => {
            app.popup = None;
            if let Screen::Entry(w) = &mut app.screen {
                w.form.confirm_private_lines();
            }
            save_entry(app, store, true)?;
        }
        (
            Popup::SharePrivate {
                name,
                lines,
                scroll,
            },
            dir @ (Action::Up | Action::Down),
        ) => {
            let scroll = if dir == Action::Up {
                scroll.saturating_sub(1)
            } else {
                scroll + 1
            };
            app.popup = Some(Popup::SharePrivate {
                name,
                lines,
                scroll,
            });
        }
        (Popup::SharePrivate { .. }, Action::No | Action::Back | Action::Quit) => {
            app.popup = None;
            if let Screen::Entry(w) = &mut app.screen
                && let (_, Some(at)) = w.form.unconfirmed_private_lines()
            {
                w.form.fields.move_to(at);
            }
            app.info(
                "Not saved. Edit the marked lines, or make the meeting private; Ctrl-S saves.",
            );
        }
        (Popup::DiscardEntry, Action::Yes) => {
            app.popup = None;
            leave_entry(app, store)?;
            app.info("Changes discarded.");
        }
        (Popup::ResumeDraft { key, what, .. }, Action::Yes) => {
            app.popup = None;
            let draft = store.draft(&key)?;
            if key.starts_with(super::goals::DRAFT_PREFIX) {
                let parsed = draft
                    .as_ref()
                    .and_then(|d| serde_json::from_str::<super::goals::GoalDraft>(&d.body).ok());
                match parsed {
                    Some(d) => {
                        let form = super::goals::GoalForm::from_draft(
                            store,
                            &d,
                            app.now.with_timezone(&Utc),
                            app.content,
                        )?;
                        app.screen = Screen::GoalForm(Box::new(form));
                        app.info("Your unsaved goal is back: Ctrl-S saves it.");
                    }
                    None => app.error(
                        "That goal draft could not be read (it was kept): discard it, or write the goal again.",
                    ),
                }
                return Ok(true);
            }
            let parsed = draft
                .as_ref()
                .and_then(|d| serde_json::from_str::<EntryDraft>(&d.body).ok());
            let form = match &parsed {
                Some(d) => EntryForm::from_draft(store, d, app.now, app.content)?,
                None => None,
            };
            match form {
                Some(form) => {
                    let origin = origin_here(app);
                    app.screen = Screen::Entry(Box::new(Writing { form, origin }));
                    app.info(format!("Your unsaved {what} is back: Ctrl-S saves it."));
                }
                None => app.error(format!(
                    "That {what} draft could not be read (it was kept): discard it, or write it again."
                )),
            }
        }
        (Popup::ResumeDraft { key, what, .. }, Action::No) => {
            app.popup = None;
            store.delete_draft(&key)?;
            app.info(format!("The unsaved {what} was discarded."));
            app.offer_entry_draft(store)?;
        }
        (Popup::ResumeDraft { what, .. }, Action::Back) => {
            app.popup = None;
            app.info(format!(
                "The unsaved {what} is kept; mentorlog offers it again next time."
            ));
        }
        (Popup::EmptyTrash { .. }, Action::Yes) => {
            app.popup = None;
            let n = store.empty_trash()?;
            if let Screen::Timeline(t) = &mut app.screen {
                t.reload(store)?;
            }
            app.info(format!(
                "{n} entr{} deleted for good.",
                if n == 1 { "y" } else { "ies" }
            ));
        }
        _ => return Ok(false),
    }
    Ok(true)
}
