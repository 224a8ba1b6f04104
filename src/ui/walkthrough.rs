//! The walk-through screens: one step with its guidance and form, and the review page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::hint;
use super::theme::Theme;
use super::widgets::{self, AnswerRow};
use crate::app::App;
use crate::app::editor::Editor;
use crate::app::fields::{Field, Value};
use crate::app::form::{Form, Row};
use crate::app::steps::{self, Step};
use crate::app::walkthrough::{WalkMode, Walkthrough};
use crate::config::{Command, Context};
use crate::text::{sanitize_line, truncate, width};

type Rendered = (String, String, Vec<(String, String)>);

pub fn render(
    app: &App,
    w: &Walkthrough,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> Rendered {
    let content = app.content;
    let step = w.step();
    let title = match w.mode {
        WalkMode::EditOne => format!("Agreement with {}", w.relationship.display_name()),
        _ if w.with_profile => "Getting started".to_string(),
        _ if !w.relationship.other_name.trim().is_empty() => {
            format!("New relationship with {}", w.relationship.display_name())
        }
        _ => "New relationship".to_string(),
    };
    let right = match w.mode {
        WalkMode::EditOne => "changing one answer".to_string(),
        _ => w.progress(),
    };
    let (heading, guidance, private) = texts(step, app);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(
                " {} ",
                truncate(&heading, usize::from(area.width.saturating_sub(6)))
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let reminders = matches!(step, Step::Question(id) if id == "boundaries");
    let (main, side) = if reminders && inner.width >= 76 {
        let [m, s] = Layout::horizontal([Constraint::Min(30), Constraint::Length(34)])
            .spacing(2)
            .areas(inner);
        (m, Some(s))
    } else {
        (inner, None)
    };

    let mut top: Vec<Line> = widgets::prose_lines(&guidance, main.width, theme.dim);
    let top_room = usize::from(main.height.saturating_sub(1) / 2 + 1);
    if *step == Step::Review {
        // Ending is part of what is agreed: said whole before the pair confirms, in place of
        // the guidance when both do not fit.
        let no_fault = widgets::prose_lines(&content.no_fault, main.width, theme.accent);
        if top.len() + no_fault.len() > top_room {
            top = no_fault;
        } else {
            top.extend(no_fault);
        }
    }
    if private {
        top.extend(widgets::prose_lines(
            "Private: only you see this answer. It stays out of anything you share.",
            main.width,
            theme.accent,
        ));
    }
    if !top.is_empty() {
        top.push(Line::raw(""));
    }
    let error_lines = w
        .error
        .as_deref()
        .map(|e| widgets::prose_lines(e, main.width, theme.error))
        .unwrap_or_default();
    let mut bottom_lines = error_lines;
    if reminders && side.is_none() && main.height >= 14 {
        bottom_lines.extend(reminder_lines(app, main.width, theme));
    }
    let top_h = (top.len() as u16).min(top_room as u16);
    let bottom_h = (bottom_lines.len() as u16).min(main.height.saturating_sub(top_h + 1));
    // Short forms take only the rows they need, so a message sits right under them.
    let fills = matches!(step, Step::Welcome | Step::Review) || lone_long_field(&w.form).is_some();
    let form_h = if fills {
        Constraint::Min(1)
    } else {
        let room = main.height.saturating_sub(top_h + bottom_h);
        let needed = form_items(&w.form).len() as u16 + u16::from(bottom_h > 0);
        Constraint::Length(needed.min(room).max(1))
    };
    let [top_area, form_area, bottom_area, _] = Layout::vertical([
        Constraint::Length(top_h),
        form_h,
        Constraint::Length(bottom_h),
        if fills {
            Constraint::Length(0)
        } else {
            Constraint::Fill(1)
        },
    ])
    .areas(main);
    frame.render_widget(Paragraph::new(top), top_area);
    frame.render_widget(Paragraph::new(bottom_lines), bottom_area);
    if let Some(side) = side {
        frame.render_widget(Paragraph::new(reminder_lines(app, side.width, theme)), side);
    }

    match step {
        Step::Welcome => {
            let mut lines =
                widgets::prose_lines(&content.welcome.body, form_area.width, theme.base);
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled("Enter", theme.key),
                Span::raw(
                    " to begin. It takes about ten minutes; every step but three can be skipped.",
                ),
            ]));
            frame.render_widget(
                Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
                form_area,
            );
        }
        Step::Review => {
            let rows: Vec<AnswerRow> = w
                .answer_steps()
                .iter()
                .map(|s| AnswerRow {
                    label: s.label(content),
                    value: steps::summary(
                        s,
                        &w.profile_name,
                        &w.relationship,
                        &w.agreement,
                        content,
                    ),
                    private: is_private(s, app),
                })
                .collect();
            widgets::answer_list(
                frame,
                form_area,
                &rows,
                w.review_cursor,
                Some("✓ Save the agreement"),
                theme,
            );
        }
        _ => draw_form(frame, form_area, &w.form, theme),
    }
    (title, right, hints(app, w))
}

fn is_private(step: &Step, app: &App) -> bool {
    matches!(step, Step::Question(id) if app.content.question(id).is_some_and(|q| q.private))
}

/// The heading, guidance and privacy of a step.
fn texts(step: &Step, app: &App) -> (String, String, bool) {
    let c = app.content;
    let pick = |t: &crate::content::StepText| (t.title.clone(), t.guidance.clone(), false);
    match step {
        Step::Welcome => (c.welcome.title.clone(), String::new(), false),
        Step::Name => pick(&c.steps.name),
        Step::Role => pick(&c.steps.role),
        Step::Other => pick(&c.steps.other),
        Step::Model => pick(&c.steps.model),
        Step::Topics => pick(&c.steps.topics),
        Step::Review => pick(&c.steps.review),
        Step::Question(id) => match c.question(id) {
            Some(q) => (q.text.clone(), q.guidance.clone(), q.private),
            None => (id.clone(), String::new(), false),
        },
    }
}

/// What mentoring is, and under it what it is not: the two lists side by side with the
/// boundaries question, so the pair agrees its boundaries against both.
fn reminder_lines(app: &App, w: u16, theme: &Theme) -> Vec<Line<'static>> {
    let c = app.content;
    let mut lines = vec![Line::styled("Mentoring is:", theme.accent)];
    bullets(&mut lines, &c.mentoring_is, w, theme);
    lines.push(Line::styled("Mentoring is not:", theme.accent));
    bullets(&mut lines, &c.reminders, w, theme);
    lines
}

fn bullets(lines: &mut Vec<Line<'static>>, items: &[String], w: u16, theme: &Theme) {
    for r in items {
        let wrapped = widgets::prose_lines(r, w.saturating_sub(2), theme.dim);
        for (i, mut l) in wrapped.into_iter().enumerate() {
            l.spans
                .insert(0, Span::styled(if i == 0 { "• " } else { "  " }, theme.dim));
            lines.push(l);
        }
    }
}

/// The answer of a step whose whole form is one long-text field.
fn lone_long_field(form: &Form) -> Option<&Editor> {
    match form.fields.fields.as_slice() {
        [
            Field {
                value: Value::Long(e),
                ..
            },
        ] => Some(e),
        _ => None,
    }
}

fn form_items(form: &Form) -> Vec<Item> {
    let mut items = Vec::new();
    for i in 0..form.len() {
        if let Some(t) = form.title_before(i) {
            items.push(Item::Title(t.to_string()));
        }
        items.push(Item::Row(i));
    }
    items
}

/// One drawn line of a form: a group title, or a row.
enum Item {
    Title(String),
    Row(usize),
}

fn draw_form(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    if area.height == 0 || area.width < 4 {
        return;
    }
    // A lone long-text field gets the whole area, boxed so it is clear where typing goes.
    if let Some(input) = lone_long_field(form) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.accent)
            .title_bottom(Span::styled(" Enter: new line · Tab: go on ", theme.dim));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        widgets::text_field(frame, inner, input.text(), input.cursor(), true, theme);
        return;
    }
    let items = form_items(form);
    let height = usize::from(area.height);
    let cursor_item = items
        .iter()
        .position(|it| matches!(it, Item::Row(i) if *i == form.cursor()))
        .unwrap_or(0);
    let top = (cursor_item + 1).saturating_sub(height);
    let w = usize::from(area.width);
    for (line_no, item) in items.iter().enumerate().skip(top).take(height) {
        let y = area.y + (line_no - top) as u16;
        let line_area = Rect::new(area.x, y, area.width, 1);
        match item {
            Item::Title(t) => {
                frame.render_widget(
                    Paragraph::new(Span::styled(truncate(t, w), theme.accent)),
                    line_area,
                );
            }
            Item::Row(i) => draw_row(frame, line_area, form, *i, theme),
        }
    }
    if top > 0 || top + height < items.len() {
        let more = if top + height < items.len() {
            "↓ more"
        } else {
            "↑ more"
        };
        let x = area.right().saturating_sub(width(more) as u16);
        let y = area.bottom().saturating_sub(1);
        frame.render_widget(
            Paragraph::new(Span::styled(more, theme.dim)),
            Rect::new(x, y, width(more) as u16, 1),
        );
    }
}

fn draw_row(frame: &mut Frame, area: Rect, form: &Form, i: usize, theme: &Theme) {
    let focused = form.cursor() == i;
    let marker = if focused { "› " } else { "  " };
    let w = usize::from(area.width);
    match form.row(i) {
        Some(Row::Choice { choices, option }) => {
            let (label, detail) = (&option.label, &option.detail);
            let mark = match (choices.multi, option.on) {
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
                (false, true) => "(•) ",
                (false, false) => "( ) ",
            };
            let style = if focused { theme.selected } else { theme.base };
            let label_w = choices
                .options
                .iter()
                .filter(|o| o.detail.is_some())
                .map(|o| width(&o.label))
                .max()
                .unwrap_or(0);
            let pad = label_w.saturating_sub(width(label));
            let head = format!(
                "{marker}{mark}{}{}",
                sanitize_line(label),
                " ".repeat(if detail.is_some() { pad } else { 0 })
            );
            let mut spans = vec![Span::styled(truncate(&head, w), style)];
            if let Some(d) = detail {
                let room = w.saturating_sub(width(&head) + 2);
                if room > 8 {
                    spans.push(Span::styled(format!("  {}", truncate(d, room)), theme.dim));
                }
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), area);
        }
        Some(Row::Field(Field { label, value, .. })) => {
            let head = if label.is_empty() {
                marker.to_string()
            } else {
                format!("{marker}{label}: ")
            };
            let head_w = (width(&head) as u16).min(area.width / 2);
            let style = if focused { theme.accent } else { theme.base };
            frame.render_widget(
                Paragraph::new(Span::styled(truncate(&head, usize::from(head_w)), style)),
                Rect::new(area.x, area.y, head_w, 1),
            );
            let field = Rect::new(
                area.x + head_w,
                area.y,
                area.width.saturating_sub(head_w),
                1,
            );
            let (text, cursor) = value.text_and_cursor().unwrap_or(("", 0));
            widgets::text_field(frame, field, text, cursor, focused, theme);
        }
        None => {}
    }
}

fn hints(app: &App, w: &Walkthrough) -> Vec<(String, String)> {
    let keys = &app.settings.keys;
    if *w.step() == Step::Review {
        return keys.footer(Context::WalkthroughReview);
    }
    let c = Context::Walkthrough;
    let key = |command| keys.label(c, command);
    // While typing, letters are text: help and quit are the keys that cannot be typed.
    let (help, quit) = if app.typing() {
        (
            keys.label(Context::Always, Command::Help),
            keys.label(Context::Always, Command::Quit),
        )
    } else {
        let quit = keys
            .binding(Context::Global, Command::Quit)
            .filter(|b| !b.modifiers.is_empty())
            .map_or_else(|| keys.label(Context::Always, Command::Quit), |b| b.label());
        (key(Command::Help), quit)
    };
    let mut out = Vec::new();
    // In a long answer Enter makes a new line, as in every long text; Tab goes on.
    let long = lone_long_field(&w.form).is_some();
    match (w.step(), w.mode) {
        (Step::Welcome, _) => out.push(hint(key(Command::Confirm), "begin")),
        (_, WalkMode::EditOne) => {
            let save = if long {
                key(Command::Next)
            } else {
                key(Command::Confirm)
            };
            out.push(hint(save, "save"));
            out.push(hint(key(Command::Back), "cancel"));
            if !w.form.on_field() {
                out.push(hint(key(Command::Toggle), "tick"));
            }
        }
        (_, mode) => {
            let single =
                matches!(w.form.current(), Some(Row::Choice { choices, .. }) if !choices.multi);
            if long {
                out.push(hint(key(Command::Confirm), "new line"));
            } else {
                let label = match (single, w.next_part(app.content)) {
                    (true, Some(_)) => "choose ↓",
                    (true, None) => "choose, next",
                    (false, _) => "next",
                };
                out.push(hint(key(Command::Confirm), label));
            }
            if matches!(w.form.current(), Some(Row::Choice { .. })) {
                out.push(hint(
                    key(Command::Toggle),
                    if single { "choose" } else { "tick" },
                ));
            }
            if long && w.step().required() {
                out.push(hint("Tab", "next"));
            } else if !w.step().required() {
                let answered = steps::summary(
                    w.step(),
                    &w.profile_name,
                    &w.relationship,
                    &w.agreement,
                    app.content,
                )
                .is_some();
                out.push(hint(
                    key(Command::Next),
                    if answered || w.changed {
                        "next"
                    } else {
                        "skip"
                    },
                ));
            }
            out.push(hint(
                key(Command::Back),
                if mode == WalkMode::Revisit {
                    "review"
                } else {
                    "back"
                },
            ));
        }
    }
    out.push(hint(help, "help"));
    out.push(hint(quit, "quit"));
    out
}
