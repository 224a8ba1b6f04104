//! One agreement on one screen; any answer can be changed from here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets::{self, AnswerRow};
use crate::app::steps::{self, Step};
use crate::app::{AgreementView, App};
use crate::config::Context;
use crate::domain::versions::{self, VersionFor};
use crate::domain::{RelationshipStatus, Side};
use crate::text::sanitize_line;

pub fn render(
    app: &App,
    view: &AgreementView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let content = app.content;
    let rel = &view.relationship;
    let name = sanitize_line(rel.display_name());
    let title = format!("Agreement with {name}");
    let right = rel
        .agreed_on
        .map(|d| format!("agreed {}", app.date(d)))
        .unwrap_or_default();

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut intro = Vec::new();
    // Wrapped when there is room; a low window keeps its lines for the answers.
    let tall = inner.height >= 16;
    let mut say = |text: &str, style| {
        if tall {
            intro.extend(widgets::prose_lines(text, inner.width, style));
        } else {
            intro.push(Line::styled(
                cells::cut(text, usize::from(inner.width)),
                style,
            ));
        }
    };
    if let Some(role) = rel.my_role {
        let plan = view
            .agreement
            .planned_end(rel.agreed_on.unwrap_or_else(|| app.now.date_naive()))
            .map(|d| format!(", planned to end {}", app.date(d)))
            .unwrap_or_default();
        let text = format!(
            "You are the {} in this relationship{plan}.",
            role.label().to_lowercase()
        );
        say(&text, theme.dim);
    }
    for (text, style) in version_lines(app, view, tall) {
        say(&text, if style { theme.accent } else { theme.base });
    }
    if tall {
        say(&content.no_fault, theme.dim);
    }
    // The question is a reminder; in a low window the answers need the room. The history,
    // asked for, always gets its room.
    let detail_lines: Vec<Line> = if view.show_history {
        // In a low window every line goes to the values.
        std::iter::once(Line::raw(""))
            .filter(|_| tall)
            .chain(history_lines(app, view, inner.width, theme))
            .collect()
    } else {
        view.selected()
            .and_then(|s| question_text(s, app))
            .filter(|_| tall)
            .map(|t| {
                // A blank line keeps the question apart from the last answer.
                std::iter::once(Line::raw(""))
                    .chain(widgets::prose_lines(&t, inner.width, theme.dim))
                    .collect()
            })
            .unwrap_or_default()
    };
    let detail_room = if view.show_history {
        inner.height / 2
    } else {
        inner.height / 3
    };
    let detail_h = (detail_lines.len() as u16).min(detail_room);
    let [intro_area, list_area, detail_area] = Layout::vertical([
        Constraint::Length(intro.len() as u16 + 1),
        Constraint::Min(1),
        Constraint::Length(detail_h),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(intro), intro_area);
    frame.render_widget(Paragraph::new(detail_lines), detail_area);

    let rows: Vec<AnswerRow> = view
        .steps
        .iter()
        .map(|s| AnswerRow {
            label: s.label(content),
            value: steps::summary(s, &app.profile_name, rel, &view.agreement, content),
            private: matches!(s, Step::Question(id) if view.agreement.answers.get(id).is_some_and(|a| a.private)
                || content.question(id).is_some_and(|q| q.private)),
        })
        .collect();
    draw_answers(frame, list_area, &rows, view.cursor, theme);

    let hints = app.settings.keys.footer(Context::Agreement);
    (title, right, hints)
}

/// The version, where it was made, and who signed it; a revision in progress says what a
/// change will do. `true` marks a line that asks for something. A low window gets one short
/// line for the version.
fn version_lines(app: &App, view: &AgreementView, tall: bool) -> Vec<(String, bool)> {
    let date = |d| app.date(d);
    let rel = &view.relationship;
    let mut out = Vec::new();
    if rel.status == RelationshipStatus::Draft {
        return out;
    }
    let me = if app.profile_name.trim().is_empty() {
        "you"
    } else {
        app.profile_name.trim()
    };
    let number = view.history.current().map_or(1, |v| v.number);
    if tall {
        let label = view.history.current().map_or_else(
            || "Version 1".to_string(),
            |v| versions::version_label(v, &date),
        );
        out.push((format!("{label}."), false));
        out.push((
            versions::signoff_line(&view.history, number, me, rel.display_name(), &date),
            false,
        ));
    } else {
        out.push((
            format!(
                "Version {number} · {}",
                versions::signoff_short(&view.history, number)
            ),
            false,
        ));
    }
    if let Some(note) = &view.revising {
        let what = match view.next_change(app.now.date_naive()) {
            VersionFor::Open(n) => format!("a change makes version {n}"),
            VersionFor::Current(n) => format!("changes go into version {n}"),
        };
        let text = if tall {
            format!(
                "Revising ({}): {what}; sign it together when you are done.",
                note.trim()
            )
        } else {
            format!("Revising: {what}")
        };
        out.push((text, true));
    }
    out
}

/// The highlighted answer's history: every value it had, with its day and version.
fn history_lines(app: &App, view: &AgreementView, w: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(step) = view.selected() else {
        return Vec::new();
    };
    let label = sanitize_line(&step.label(app.content));
    let Step::Question(id) = step else {
        return vec![Line::styled(
            cells::cut(
                &format!("{label}: set in the walk-through; only the answers keep a history."),
                usize::from(w),
            ),
            theme.dim,
        )];
    };
    let changes = view.history.changes_of(id);
    let count = match changes.len() {
        0 => "no change kept yet.".to_string(),
        1 => "one value.".to_string(),
        n => format!("{n} values, the latest first."),
    };
    // A narrow window names the answer only on its highlighted row.
    let head = if w >= 50 {
        format!("History of {label}: {count}")
    } else {
        format!("History: {count}")
    };
    let mut out = vec![Line::styled(
        cells::cut(&head, usize::from(w)),
        theme.accent,
    )];
    for c in changes.iter().rev() {
        let day = app.date(crate::store::local_day(c.changed_at));
        let head = format!("{day}  v{}  ", c.version);
        let room = usize::from(w).saturating_sub(cells::cells(&head)).max(1);
        let private = if c.private { " (private)" } else { "" };
        let value = sanitize_line(&c.value.summary(view.relationship.display_name()));
        out.push(Line::from(vec![
            Span::styled(head, theme.dim),
            Span::styled(
                cells::cut(&value, room.saturating_sub(cells::cells(private)).max(1)),
                theme.base,
            ),
            Span::styled(private, theme.dim),
        ]));
    }
    out
}

/// The question behind the highlighted answer, shown in full under the list.
fn question_text(step: &Step, app: &App) -> Option<String> {
    let Step::Question(id) = step else {
        return None;
    };
    Some(app.content.question(id)?.text.clone())
}

/// The answers, label then value; the highlighted answer wraps in full so it can be read
/// without opening it, the others are cut to one line. Scrolled to keep the highlight in view.
fn draw_answers(frame: &mut Frame, area: Rect, rows: &[AnswerRow], selected: usize, theme: &Theme) {
    if area.width < 4 || area.height == 0 {
        return;
    }
    let w = usize::from(area.width);
    let label_w = rows
        .iter()
        .map(|r| cells::cells(&r.label))
        .max()
        .unwrap_or(0)
        .clamp(8, 22)
        .min(w / 3);
    let mut lines: Vec<Line> = Vec::new();
    let mut at = (0, 0);
    for (i, r) in rows.iter().enumerate() {
        let chosen = i == selected;
        let style = if chosen { theme.selected } else { theme.base };
        let value = r.value.as_deref().unwrap_or("— not answered");
        let value_style = if r.value.is_some() {
            style
        } else {
            style.patch(theme.dim)
        };
        let privacy = if r.private { " (private)" } else { "" };
        let room = w.saturating_sub(label_w + 4 + cells::cells(privacy)).max(1);
        let label = cells::fit(&sanitize_line(&r.label), label_w);
        let parts: Vec<String> = if chosen {
            widgets::prose_lines(value, room as u16, value_style)
                .into_iter()
                .map(|l| l.spans.into_iter().map(|s| s.content).collect())
                .collect()
        } else {
            vec![cells::cut(&sanitize_line(value), room)]
        };
        let start = lines.len();
        for (n, part) in parts.iter().enumerate() {
            let first = n == 0;
            let marker = if chosen && first { "› " } else { "  " };
            let mut spans = vec![
                Span::styled(marker, style),
                Span::styled(
                    if first {
                        label.clone()
                    } else {
                        " ".repeat(label_w)
                    },
                    style.patch(theme.accent),
                ),
                Span::styled("  ", style),
                Span::styled(part.clone(), value_style),
            ];
            if first {
                spans.push(Span::styled(privacy, theme.dim));
            }
            lines.push(Line::from(spans));
        }
        if chosen {
            at = (start, lines.len());
        }
    }
    let height = usize::from(area.height);
    // The whole highlighted answer when it fits, else its beginning.
    let top = at.1.saturating_sub(height).min(at.0);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// The sign-off popup: whose, which version, and the day (today unless changed).
pub fn draw_signoff(
    app: &App,
    frame: &mut Frame,
    who: Side,
    name: &str,
    version: u32,
    fields: &crate::app::fields::Fields,
    theme: &Theme,
) {
    let name = sanitize_line(name);
    let text = match who {
        Side::Me => format!(
            "You agree to version {version} of this agreement. The day is today unless you change it."
        ),
        Side::Other => format!(
            "{name} agreed to version {version}: note the day they said so (today, or earlier if you note it afterwards)."
        ),
    };
    let w = frame.area().width.min(64).saturating_sub(4);
    let mut lines = widgets::prose_lines(&text, w, theme.base);
    for l in &mut lines {
        l.spans.insert(0, Span::raw(" "));
    }
    let title = match who {
        Side::Me => "Sign the agreement".to_string(),
        Side::Other => format!("{name}'s sign-off"),
    };
    let inner = widgets::popup_area(frame, 64, lines.len() as u16 + 6, &title, theme);
    let text_h = lines.len() as u16 + 1;
    let [top, field, help] = Layout::vertical([
        Constraint::Length(text_h),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(lines), top);
    super::entry::draw_fields(frame, field, fields, None, theme);
    let context = Context::PanelPopup;
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                " {} saves · {} goes back",
                app.key_label(context, crate::config::Command::Confirm),
                app.settings.keys.hint_named(context, "back").0
            ),
            theme.dim,
        )),
        help,
    );
}
