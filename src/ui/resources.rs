//! The resources screen and its form, and the resources sections of pair review and prep.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::review::section;
use super::theme::Theme;
use super::{cells, widgets};
use crate::app::App;
use crate::app::list;
use crate::app::resources::{ResourceForm, ResourcesView};
use crate::config::{Command, Context};
use crate::domain::{Resource, ResourceState, Side};
use crate::text::{sanitize_line, truncate, width};

/// A mark for each state, so the list reads at a glance without colour.
fn mark(state: ResourceState) -> &'static str {
    match state {
        ResourceState::Suggested => "•",
        ResourceState::Done => "✓",
        ResourceState::NotUseful => "✗",
    }
}

fn heading(state: ResourceState) -> &'static str {
    match state {
        ResourceState::Suggested => "Suggested",
        ResourceState::Done => "Done",
        ResourceState::NotUseful => "Not useful",
    }
}

/// "book · from Sam", "person to meet · found by me · private".
fn tail(r: &Resource, me: &str, them: &str) -> String {
    let who = match r.offered_by {
        Side::Other => format!("from {them}"),
        Side::Me => format!("from {me}"),
    };
    let private = if r.private { " · private" } else { "" };
    format!("{} · {who}{private}", r.kind.label())
}

/// One resource as a line: the title, and its tail at the right when there is room.
fn item_line(
    r: &Resource,
    lead: &str,
    tail_text: &str,
    w: usize,
    style: ratatui::style::Style,
    theme: &Theme,
) -> Line<'static> {
    let title = sanitize_line(&r.title);
    // When space is short the tail goes first, but a private one still says so.
    let short = if r.private { "private" } else { "" };
    let lead_w = width(lead);
    let (title_room, tail_text) = [tail_text, short]
        .into_iter()
        .find(|t| !t.is_empty() && w >= lead_w + 12 + width(t) + 2)
        .map_or((w.saturating_sub(lead_w), String::new()), |t| {
            (w - lead_w - width(t) - 2, t.to_string())
        });
    let title = truncate(&title, title_room);
    let gap = title_room.saturating_sub(width(&title));
    let mut spans = vec![
        Span::styled(lead.to_string(), style),
        Span::styled(title, style),
    ];
    if !tail_text.is_empty() {
        spans.push(Span::styled(
            format!("{}  {tail_text}", " ".repeat(gap)),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// The list's lines and the line of the highlighted resource's last detail line.
fn list_lines(v: &ResourcesView, w: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    let them = sanitize_line(&v.name);
    let mut last_state = None;
    for (i, r) in v.resources.iter().enumerate() {
        if last_state != Some(r.state) {
            let count = v.resources.iter().filter(|o| o.state == r.state).count();
            section(
                &mut lines,
                &format!("{} ({count})", heading(r.state)),
                theme,
            );
            last_state = Some(r.state);
        }
        let selected = i == v.cursor;
        let style = if selected { theme.selected } else { theme.base };
        let lead = format!("{} {} ", if selected { "›" } else { " " }, mark(r.state));
        lines.push(item_line(r, &lead, &tail(r, "me", &them), w, style, theme));
        if selected {
            for (label, text) in [("", &r.detail), ("note: ", &r.note)] {
                if !text.trim().is_empty() {
                    let line = format!("    {label}{}", sanitize_line(text.trim()));
                    lines.push(Line::styled(truncate(&line, w), theme.dim));
                }
            }
            cursor_line = lines.len() - 1;
        }
    }
    (lines, cursor_line)
}

pub fn render_resources(
    app: &App,
    v: &ResourcesView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let title = format!(" Resources and introductions · {} ", sanitize_line(&v.name));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            cells::cut(&title, usize::from(area.width.saturating_sub(2))),
            theme.title,
        ));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    if v.resources.is_empty() {
        let key = app.key_label(Context::Resources, Command::NewResource);
        let text = format!(
            "Nothing here yet.\n\nBooks, links, courses and people to meet that either of you suggests: {key} adds one, with who offered it and whether it was done or not useful."
        );
        let lines: Vec<Line> = text
            .split('\n')
            .flat_map(|p| match p {
                "" => vec![Line::raw("")],
                p => widgets::prose_lines(p, inner.width, theme.base),
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    } else {
        let (lines, cursor_line) = list_lines(v, w, theme);
        let height = usize::from(inner.height);
        let top = list::first_shown(cursor_line, height);
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }
    let private = v.resources.iter().filter(|r| r.private).count();
    let right = match private {
        0 => String::new(),
        n => format!("{n} private"),
    };
    if let Some(form) = &v.form {
        draw_form(app, form, frame, area, theme);
        let hints = app.settings.keys.footer(Context::ResourceForm);
        let right = if form.changed() { "not saved yet" } else { "" };
        return ("Resources".into(), right.into(), hints);
    }
    let mut hints = app.settings.keys.footer(Context::Resources);
    if v.resources.is_empty() {
        // Nothing to edit, move on or trash yet: only the keys that do something.
        let keys = &app.settings.keys;
        let idle = [Command::Confirm, Command::ChangeStatus, Command::Trash]
            .map(|c| keys.label(Context::Resources, c));
        hints.retain(|(key, _)| !idle.contains(key));
    }
    ("Resources".into(), right, hints)
}

/// The form, over the list: inside the screen's own area, so the header, the status line and
/// the key hints (drawn after the screen) never cover its edges.
fn draw_form(app: &App, form: &ResourceForm, frame: &mut Frame, area: Rect, theme: &Theme) {
    let title = if form.existing {
        format!(
            "Edit: {}",
            cells::cut(&sanitize_line(&form.resource.title), 40)
        )
    } else {
        "Add a resource".to_string()
    };
    // One line under the focused field for its hint or the refusal, one for the keys.
    let h = form.fields.fields.len() as u16 + 4;
    let (w, h) = (72.min(area.width), h.min(area.height));
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(ratatui::widgets::Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [fields_area, help] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    super::entry::draw_fields(
        frame,
        fields_area,
        &form.fields,
        form.error.as_deref(),
        theme,
    );
    let context = Context::ResourceForm;
    let text = format!(
        " {} saves · {} cancels",
        app.key_label(context, Command::Confirm),
        app.key_named(context, "leave")
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate(&text, usize::from(help.width)),
            theme.dim,
        )),
        help,
    );
}

/// The pair review's "Resources" section: shared ones only, unless the review was asked
/// to include private ones (the data holds only what may show).
pub fn review_lines(
    resources: &[Resource],
    hidden: usize,
    me: &str,
    them: &str,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // This section follows others: it starts with the blank line between sections.
    let mut lines = vec![
        Line::raw(""),
        Line::styled("Resources and introductions", theme.accent),
    ];
    if resources.is_empty() && hidden == 0 {
        lines.push(Line::styled("  None shared yet.", theme.dim));
    }
    let (me, them) = (sanitize_line(me), sanitize_line(them));
    let me = if me.trim().is_empty() {
        "me".to_string()
    } else {
        me
    };
    for r in resources {
        let lead = format!("  {} ", mark(r.state));
        let tail_text = format!("{}, {}", tail(r, &me, &them), r.state.label());
        lines.push(item_line(r, &lead, &tail_text, w, theme.base, theme));
    }
    if hidden > 0 {
        let text = format!("  {} not shown.", hidden_words(hidden));
        lines.push(Line::styled(truncate(&text, w), theme.dim));
    }
    // In one column the meetings follow: a blank line keeps the sections apart.
    lines.push(Line::raw(""));
    lines
}

/// Session prep's section: the suggestions still waiting, to follow up on.
pub fn prep_lines(
    resources: &[Resource],
    them: &str,
    add_key: &str,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::raw(""),
        Line::styled("Resources to follow up", theme.accent),
    ];
    let waiting: Vec<&Resource> = resources
        .iter()
        .filter(|r| r.state == ResourceState::Suggested)
        .collect();
    if waiting.is_empty() {
        let text = if resources.is_empty() {
            format!("  None yet: {add_key} on the home screen adds books, links, people to meet.")
        } else {
            "  Every suggestion is done or set aside.".to_string()
        };
        lines.push(Line::styled(truncate(&text, w), theme.dim));
    }
    let them = sanitize_line(them);
    for r in waiting {
        lines.push(item_line(
            r,
            "  • ",
            &tail(r, "me", &them),
            w,
            theme.base,
            theme,
        ));
    }
    lines
}

/// "1 private resource", "3 private resources".
pub fn hidden_words(n: usize) -> String {
    crate::words::count(n, "private resource", "private resources")
}
