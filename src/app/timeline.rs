//! The timeline screen: meetings, reflections and quick check-ins newest first, its filters and
//! its trash.

use std::collections::HashMap;

use chrono::{Local, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

use super::fields::{FieldId, Fields, Value, date_hint};
use super::input::TextInput;
use super::journal::{go_to, open_view};
use super::writing::edit_entry;
use super::{Action, App, Origin, Popup, Screen};
use crate::domain::Checkin;
use crate::domain::dates::{Direction, parse_date};
use crate::error::Result;
use crate::store::{CheckinRows, EntryKind, Store, TimelineFilter, TimelineKind, TimelineRow};

/// Meetings, reflections and check-ins, newest first, read from the store a page at a time.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub entries: Vec<TimelineRow>,
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
    /// The check-in being read, over the list (Esc or Enter closes it).
    pub reading: Option<Checkin>,
    /// Where Esc goes.
    pub back: Box<Origin>,
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
        let filter = Timeline::everything();
        let entries = store.timeline_rows(&filter, None, Timeline::PAGE)?;
        Ok(Timeline {
            complete: entries.len() < Timeline::PAGE,
            entries,
            cursor: 0,
            names,
            filter,
            panel: None,
            undo: None,
            reading: None,
            back: Box::new(Origin::Home(None)),
        })
    }

    /// The unfiltered timeline: every entry, private ones too, and the check-ins.
    pub fn everything() -> TimelineFilter {
        TimelineFilter {
            include_private: true,
            checkins: CheckinRows::With,
            ..TimelineFilter::default()
        }
    }

    /// Reads the list again (after an edit, a trash, a filter), keeping the cursor's place.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        let keep = self.cursor;
        self.entries = store.timeline_rows(&self.filter, None, Timeline::PAGE)?;
        self.complete = self.entries.len() < Timeline::PAGE;
        self.cursor = 0;
        self.move_by(store, keep as isize)
    }

    /// Moves, reading the next page first when the move would pass the loaded entries.
    pub fn move_by(&mut self, store: &Store, delta: isize) -> Result<()> {
        let wanted = self.cursor.saturating_add_signed(delta);
        while wanted + 1 >= self.entries.len() && !self.complete {
            let after = self.entries.last().map(|e| e.cursor());
            let page = store.timeline_rows(&self.filter, after, Timeline::PAGE)?;
            self.complete = page.len() < Timeline::PAGE;
            self.entries.extend(page);
        }
        self.cursor = super::list::moved(0, wanted as isize, self.entries.len());
        Ok(())
    }

    pub fn selected(&self) -> Option<&TimelineRow> {
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
        (String::new(), "everything".to_string()),
        ("meeting".to_string(), "meetings".to_string()),
        ("reflection".to_string(), "reflections".to_string()),
        ("checkin".to_string(), "check-ins".to_string()),
    ];
    let kind_at = match (t.filter.kind, t.filter.checkins) {
        (_, CheckinRows::Only) => 3,
        (None, _) => 0,
        (Some(EntryKind::Meeting), _) => 1,
        (Some(EntryKind::Reflection), _) => 2,
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
    let kind = f.string(FieldId::Kind);
    Ok(TimelineFilter {
        relationship: Uuid::parse_str(&f.string(FieldId::With)).ok(),
        kind: match kind.as_str() {
            "meeting" => Some(EntryKind::Meeting),
            "reflection" => Some(EntryKind::Reflection),
            _ => None,
        },
        // Check-ins are listed with everything, or alone; a kind of entry leaves them out.
        checkins: match kind.as_str() {
            "" => CheckinRows::With,
            "checkin" => CheckinRows::Only,
            _ => CheckinRows::Without,
        },
        include_private: show != "shared",
        private_only: show == "private",
        tag: (!tag.is_empty()).then_some(tag),
        from: from.and_then(midnight),
        until: to.and_then(|d| d.succ_opt()).and_then(midnight),
        trash: base.trash,
    })
}

pub(super) fn action(app: &mut App, store: &mut Store, action: Action) -> Result<()> {
    let now = app.now;
    let height = app.size.1;
    let Screen::Timeline(t) = &mut app.screen else {
        return Ok(());
    };
    if t.reading.is_some() {
        if matches!(action, Action::Back | Action::Confirm) {
            t.reading = None;
        }
        return Ok(());
    }
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
    let page = t.rows_shown(height) as isize;
    match action {
        Action::Up => t.move_by(store, -1)?,
        Action::Down => t.move_by(store, 1)?,
        Action::PageUp => t.move_by(store, -page)?,
        Action::PageDown => t.move_by(store, page)?,
        Action::First => t.cursor = 0,
        Action::Last => t.last(store)?,
        Action::Back if t.filter.trash => {
            let mut fresh = Timeline::load(store)?;
            fresh.filter = TimelineFilter {
                trash: false,
                ..t.filter.clone()
            };
            fresh.undo = t.undo;
            fresh.back = t.back.clone();
            fresh.reload(store)?;
            app.screen = Screen::Timeline(fresh);
        }
        Action::Back => {
            let back = *t.back.clone();
            return go_to(app, store, back);
        }
        Action::Filter if !t.filter.trash => t.panel = Some(filter_panel(t, now.date_naive())),
        Action::ClearFilter if !t.filter.trash => {
            t.filter = Timeline::everything();
            t.cursor = 0;
            t.reload(store)?;
            app.info("Filters cleared: every meeting, reflection and check-in is listed.");
        }
        Action::Confirm | Action::Restore if t.filter.trash => {
            // The trash holds entries only: check-ins are never moved there.
            if let Some((kind, id)) = t.selected().and_then(|e| Some((e.entry()?, e.id))) {
                store.set_trashed(kind, id, false, now.with_timezone(&Utc))?;
                t.reload(store)?;
                app.info("Restored: it is back in the timeline.");
            }
        }
        Action::EmptyTrash if t.filter.trash => {
            let count = store.trash_count()?;
            if count == 0 {
                app.info("The trash is already empty.");
            } else {
                app.push_popup(Popup::empty_trash(count));
            }
        }
        Action::OpenTrash if !t.filter.trash => {
            let mut trash = Timeline::load(store)?;
            trash.filter = TimelineFilter {
                trash: true,
                ..Timeline::everything()
            };
            trash.undo = t.undo;
            trash.back = t.back.clone();
            trash.reload(store)?;
            app.screen = Screen::Timeline(trash);
        }
        Action::Confirm if !t.filter.trash => match t.selected().map(|e| (e.kind, e.id)) {
            Some((TimelineKind::Entry(kind), id)) => {
                let origin = Origin::Timeline(Box::new(t.clone()));
                return open_view(app, store, kind, id, origin);
            }
            Some((TimelineKind::Checkin(_), id)) => match store.checkin(id)? {
                Some(c) => t.reading = Some(c),
                None => {
                    t.reload(store)?;
                    app.info("That check-in is no longer in the journal: the list is read again.");
                }
            },
            None => {}
        },
        Action::EditEntry | Action::TrashEntry
            if !t.filter.trash && t.selected().is_some_and(|e| e.entry().is_none()) =>
        {
            // A check-in is a quick note of contact that the rhythm counts: it is kept as
            // logged, neither edited nor moved to the trash here.
            app.info(
                "A check-in stays as it was logged: Enter reads it; meetings and reflections can be edited or moved to the trash.",
            );
        }
        Action::EditEntry if !t.filter.trash => {
            if let Some((kind, id)) = t.selected().and_then(|e| Some((e.entry()?, e.id))) {
                let origin = Origin::Timeline(Box::new(t.clone()));
                return edit_entry(app, store, kind, id, origin);
            }
        }
        Action::TrashEntry if !t.filter.trash => {
            if let Some((kind, id)) = t.selected().and_then(|e| Some((e.entry()?, e.id))) {
                store.set_trashed(kind, id, true, now.with_timezone(&Utc))?;
                t.undo = Some((kind, id));
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
