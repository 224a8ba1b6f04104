//! `render(&App, &mut Frame)`: reads the state, never changes it.

mod actions;
mod agreement;
mod cells;
mod closing;
mod due;
pub mod entry;
mod goals;
mod health;
mod home;
mod home_detail;
mod life;
mod prep;
pub mod reality;
mod resources;
mod review;
mod review_drill;
mod review_sections;
mod search;
mod skills;
mod survey;
pub mod theme;
mod timeline;
pub mod unlock;
mod view;
mod walkthrough;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Popup, Screen, StatusKind, keymap};
use crate::config::{Command, Context};
use crate::text::{truncate, width};
use theme::Theme;

/// The smallest window mentorlog draws its screens in; anything smaller gets a notice.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = Theme::new(app.settings.colors, app.settings.theme);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text =
            format!("Make the window larger: mentorlog needs {MIN_WIDTH}×{MIN_HEIGHT} at least.");
        frame.render_widget(
            Paragraph::new(widgets::prose_lines(&text, area.width, theme.base)),
            area,
        );
        return;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height(app, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    let (title, right, hints) = match &app.screen {
        Screen::Onboarding(w) => walkthrough::render(app, w, frame, body, &theme),
        Screen::Home(h) => home::render(app, h, frame, body, &theme),
        Screen::Agreement(v) => agreement::render(app, v, frame, body, &theme),
        Screen::Timeline(t) => timeline::render(app, t, frame, body, &theme),
        Screen::Entry(w) => entry::render(app, w, frame, body, &theme),
        Screen::View(v) => view::render(app, v, frame, body, &theme),
        Screen::Actions(a) => actions::render(app, a, frame, body, &theme),
        Screen::Goals(b) => goals::render_board(app, b, frame, body, &theme),
        Screen::GoalDetail(v) => goals::render_detail(app, v, frame, body, &theme),
        Screen::GoalForm(f) => goals::render_form(app, f, frame, body, &theme),
        Screen::Survey(f) => survey::render_survey(app, f, frame, body, &theme),
        Screen::Pulse(v) => survey::render_pulse(app, v, frame, body, &theme),
        Screen::Search(v) => review::render_search(app, v, frame, body, &theme),
        Screen::Review(v) => review::render_review(app, v, frame, body, &theme),
        Screen::Prep(v) => review::render_prep(app, v, frame, body, &theme),
        Screen::Resources(v) => resources::render_resources(app, v, frame, body, &theme),
        Screen::Skills(v) => skills::render(app, v, frame, body, &theme),
        Screen::ClosingReview(r) => closing::render_review(app, r, frame, body, &theme),
        Screen::ClosingSummary(v) => closing::render_summary(app, v, frame, body, &theme),
    };
    let hints = match app.popup() {
        Some(popup) => app.settings.keys.footer(keymap::popup_context(popup)),
        None => hints,
    };
    draw_header(frame, header, &title, &right, &theme);
    draw_status(app, frame, status, &theme);
    draw_footer(frame, footer, &hints, &theme);
    // Bottom first: a popup opened over another lies on top of it.
    for popup in &app.popups {
        match popup {
            Popup::Help => draw_help(app, frame, &theme),
            Popup::Damaged { .. } => health::draw_popup(app, frame, &theme),
            p => draw_popup(app, frame, p, &theme),
        }
    }
}

fn draw_header(frame: &mut Frame, area: Rect, title: &str, right: &str, theme: &Theme) {
    let w = usize::from(area.width);
    let right_w = cells::cells(right);
    // Titles can hold a name ("Meeting with …"), measured as drawn (an emoji name is 2 cells).
    let left = cells::cut(
        &format!(" mentorlog · {}", crate::text::sanitize_line(title)),
        w.saturating_sub(right_w + 2),
    );
    let gap = w.saturating_sub(cells::cells(&left) + right_w + 1);
    let line = Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(format!("{right} "), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The status message as lines of at most `w` cells, indented by one.
fn status_lines(app: &App, w: u16) -> Vec<String> {
    let Some(status) = &app.status else {
        return Vec::new();
    };
    let text = crate::text::sanitize_line(&status.text);
    widgets::prose_lines(
        text.trim(),
        w.saturating_sub(2),
        ratatui::style::Style::default(),
    )
    .into_iter()
    .map(|l| {
        format!(
            " {}",
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        )
    })
    .collect()
}

/// One line for the status message, two when it does not fit on one.
fn status_height(app: &App, w: u16) -> u16 {
    if status_lines(app, w).len() > 1 { 2 } else { 1 }
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(status) = &app.status else {
        return;
    };
    let style = match status.kind {
        StatusKind::Info => theme.ok,
        StatusKind::Error => theme.error,
    };
    let mut lines = status_lines(app, area.width);
    let height = usize::from(area.height);
    if lines.len() > height && height > 0 {
        // What does not fit ends the last line with "…".
        let rest = lines.split_off(height - 1).concat();
        lines.push(truncate(&rest, usize::from(area.width)));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Key hints: pairs of (key, what). When the line is too narrow, hints are dropped from the
/// end, but the last one (how to get help) stays whenever it fits.
fn draw_footer(frame: &mut Frame, area: Rect, hints: &[(String, String)], theme: &Theme) {
    let piece = |(key, what): &(String, String)| width(key) + width(what) + 3;
    let room = usize::from(area.width).saturating_sub(1);
    let total: usize = hints.iter().map(piece).sum();
    let keep_last = hints
        .last()
        .filter(|(_, what)| what == "help" && total > room);
    let mut budget = room.saturating_sub(keep_last.map_or(0, piece));
    let mut shown: Vec<&(String, String)> = Vec::new();
    for h in &hints[..hints.len() - usize::from(keep_last.is_some())] {
        if piece(h) > budget {
            break;
        }
        budget -= piece(h);
        shown.push(h);
    }
    if let Some(h) = keep_last.filter(|h| piece(h) <= room) {
        shown.push(h);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in shown {
        spans.push(Span::styled(key.clone(), theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys of the screen below, as wide as the terminal and the words need; words that do
/// not fit are wrapped under themselves, never cut. Taller than the terminal, it scrolls
/// (↑ ↓ PgUp PgDn) with a mark saying how much is below.
fn draw_help(app: &App, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    let page = keymap::help_page(app, area.width);
    let key_w = page.key_w;
    let total = page.lines.len();
    let window = keymap::help_window(total, area.height);
    let first = window.map_or(0, |rows| app.help_scroll.min(total.saturating_sub(rows)));
    let shown = window.unwrap_or(total);
    let mut lines: Vec<Line> = page
        .lines
        .iter()
        .skip(first)
        .take(shown)
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), theme.key),
                Span::styled(what.clone(), theme.base),
            ])
        })
        .collect();
    match window {
        Some(rows) => {
            let below = total.saturating_sub(first + rows);
            let mark = if below > 0 {
                format!(" ↓ {below} more below (↑↓ PgUp PgDn scroll)")
            } else {
                format!(" ↑ {first} more above · Esc closes")
            };
            // In a narrow window the short form, so the count and the arrow always show.
            let room = page.width.min(usize::from(area.width)).saturating_sub(2);
            let mark = if crate::text::width(&mark) > room {
                if below > 0 {
                    format!(" ↓ {below} more")
                } else {
                    format!(" ↑ {first} more")
                }
            } else {
                mark
            };
            lines.push(Line::styled(mark, theme.dim));
        }
        // The footer says it too; here only when there is room.
        None if total + 4 <= usize::from(area.height) => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(" Any key closes this help.", theme.dim));
        }
        None => {}
    }
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = widgets::popup_area(
        frame,
        u16::try_from(page.width).unwrap_or(u16::MAX),
        h,
        "Keys",
        theme,
    );
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A key's name as a popup shows it, from the key table (so a rebinding shows): " y ".
fn popup_key(app: &App, context: Context, command: Command) -> String {
    format!(" {} ", app.key_label(context, command))
}

fn draw_popup(app: &App, frame: &mut Frame, popup: &Popup, theme: &Theme) {
    let date_format = app.settings.date_format.as_str();
    let context = keymap::popup_context(popup);
    let key = |command| popup_key(app, context, command);
    match popup {
        Popup::Confirm { ask, .. } => draw_confirm(app, frame, ask, theme),
        Popup::ClosingOffer { name, .. } => closing::draw_offer(app, frame, name, theme),
        Popup::ResumeDraft { what, at, .. } => {
            let message =
                format!("An unsaved {what} from {at} was kept when mentorlog last stopped.");
            let inner = widgets::popup_area(frame, 60, 8, "Unsaved work", theme);
            let mut lines =
                widgets::prose_lines(&message, inner.width.saturating_sub(2), theme.base);
            for l in &mut lines {
                l.spans.insert(0, Span::raw(" "));
            }
            lines.push(Line::raw(""));
            for (k, what) in [
                (key(Command::Yes), "resume it"),
                (key(Command::No), "discard it"),
                (key(Command::Back), "decide later (it is kept)"),
            ] {
                lines.push(Line::from(vec![
                    Span::styled(k, theme.key),
                    Span::raw(what),
                ]));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Popup::GoalStatus { from, cursor, .. } => {
            let inner = widgets::popup_area(
                frame,
                50,
                from.next().len() as u16 + 5,
                "Change the status",
                theme,
            );
            let mut lines = vec![
                Line::styled(format!(" Now {}. It can become:", from.id()), theme.dim),
                Line::raw(""),
            ];
            for (i, s) in from.next().iter().enumerate() {
                let selected = i == *cursor;
                let what = match s {
                    crate::domain::GoalStatus::Active => "active: working on it",
                    crate::domain::GoalStatus::Proposed => "proposed: to agree on",
                    crate::domain::GoalStatus::Paused => "paused: on hold for now",
                    crate::domain::GoalStatus::Achieved => "achieved: reached it",
                    crate::domain::GoalStatus::Dropped => "dropped: no longer pursued",
                };
                lines.push(Line::styled(
                    format!("{}{what}", if selected { " › " } else { "   " }),
                    if selected { theme.selected } else { theme.base },
                ));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Popup::FinalRating { .. } => {
            let inner = widgets::popup_area(frame, 60, 8, "Reached it", theme);
            let mut lines = widgets::prose_lines(
                "How close to this goal do you feel now, from 1 (not at all) to 5 (fully there)? It is shown beside where you started.",
                inner.width.saturating_sub(2),
                theme.base,
            );
            for l in &mut lines {
                l.spans.insert(0, Span::raw(" "));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled(key(Command::Rate), theme.key),
                Span::raw("rate · "),
                Span::styled(app.key_label(context, Command::Confirm), theme.key),
                Span::raw(" skip · "),
                Span::styled(app.key_label(context, Command::Back), theme.key),
                Span::raw(" cancel"),
            ]));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Popup::Due { items, at, panel } => {
            due::draw_due(frame, items, *at, panel.as_ref(), theme);
        }
        Popup::Arc {
            name,
            point,
            end,
            reality,
            panel,
            ..
        } => {
            let date = |d: chrono::NaiveDate| d.format(date_format).to_string();
            let reality = reality.as_ref().map(|r| r.0.as_ref());
            let arc = due::ArcLook {
                name,
                point: *point,
                end: *end,
                reality,
            };
            due::draw_arc(frame, &arc, &date, panel.as_ref(), theme);
        }
        Popup::SurveyOffer { name, why, .. } => {
            let message = format!(
                "{why} with {}: a few statements rated 1 to 5, about a minute. It shows how the relationship is going, for both of you.",
                crate::text::sanitize_line(name)
            );
            draw_yes_no(
                app,
                frame,
                context,
                "Pulse survey",
                &message,
                "take it now",
                "skip this one",
                theme,
            );
        }
        Popup::SignOff {
            who,
            name,
            version,
            fields,
            ..
        } => agreement::draw_signoff(app, frame, *who, name, *version, fields, theme),
        Popup::Plan { name, fields, .. } => {
            let title = format!("Check-ins with {}", crate::text::sanitize_line(name));
            let inner = widgets::popup_area(frame, 72, 8, &title, theme);
            let [top, help] = ratatui::layout::Layout::vertical([
                ratatui::layout::Constraint::Min(1),
                ratatui::layout::Constraint::Length(1),
            ])
            .areas(inner);
            entry::draw_fields(frame, top, fields, None, theme);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        " {} saves · {} cancels",
                        app.key_label(context, Command::Confirm),
                        app.settings.keys.hint_named(context, "back").0
                    ),
                    theme.dim,
                )),
                help,
            );
        }
        Popup::SharePrivate {
            name,
            lines,
            scroll,
        } => {
            let keys = [key(Command::Yes), key(Command::No)];
            entry::draw_share_private(frame, name, lines, *scroll, &keys, theme);
        }
        Popup::Life {
            name, now, fields, ..
        } => life::draw(app, frame, name, now, fields, theme),
        Popup::Help | Popup::Damaged { .. } => {}
    }
}

/// A yes/no question, in the words it carries.
fn draw_confirm(app: &App, frame: &mut Frame, ask: &crate::app::Ask, theme: &Theme) {
    let context = Context::ConfirmPopup;
    draw_yes_no(
        app,
        frame,
        context,
        &ask.title,
        &ask.message,
        &ask.yes,
        &ask.no,
        theme,
    );
}

/// A yes/no question; the keys named are the context's in the key table.
#[allow(clippy::too_many_arguments)]
fn draw_yes_no(
    app: &App,
    frame: &mut Frame,
    context: Context,
    title: &str,
    message: &str,
    yes: &str,
    no: &str,
    theme: &Theme,
) {
    let key = |command| popup_key(app, context, command);
    // Tall enough for the whole message and the three keys below it.
    let width = 60.min(frame.area().width).saturating_sub(4);
    let mut lines = widgets::prose_lines(message, width, theme.base);
    let height = u16::try_from(lines.len() + 6).unwrap_or(u16::MAX).max(8);
    let inner = widgets::popup_area(frame, 60, height, title, theme);
    for l in &mut lines {
        l.spans.insert(0, Span::raw(" "));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(key(Command::Yes), theme.key),
        Span::raw(yes),
    ]));
    lines.push(Line::from(vec![
        Span::styled(key(Command::No), theme.key),
        Span::raw(no),
    ]));
    lines.push(Line::from(vec![
        Span::styled(key(Command::Back), theme.key),
        Span::raw("cancel"),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A (key, what) hint pair.
pub(crate) fn hint(key: impl Into<String>, what: impl Into<String>) -> (String, String) {
    (key.into(), what.into())
}
