//! The skills screen: each skill's ratings at the start, the midpoint and the end, and
//! before beside after.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::App;
use crate::app::list;
use crate::app::skills::SkillsView;
use crate::config::{Command, Context};
use crate::domain::skill::SkillPoint;
use crate::text::sanitize_line;

/// A rating column and the space before it: the rating sits under the middle of its name.
const COLUMN: usize = 6;

fn short(point: SkillPoint) -> &'static str {
    match point {
        SkillPoint::Start => "start",
        SkillPoint::Midpoint => " mid ",
        SkillPoint::End => " end ",
    }
}

/// The line above the list: which point the keys rate, and where the relationship is.
fn point_line(v: &SkillsView, w: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![
        Span::styled("Rating at the ", theme.base),
        Span::styled(v.point.label().to_string(), theme.accent),
    ];
    let narrow = w < 50;
    let tail = match (v.point == v.current, narrow) {
        (true, false) => " (where you are now)".to_string(),
        (true, true) => " (now)".to_string(),
        (false, false) => format!(" · you are at the {} now", v.current.label()),
        (false, true) => format!(" · now: {}", v.current.label()),
    };
    spans.push(Span::styled(tail, theme.dim));
    Line::from(spans)
}

pub fn render(
    app: &App,
    v: &SkillsView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let title = format!(" Skills · with {} ", sanitize_line(&v.name));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            cells::cut(&title, usize::from(area.width).saturating_sub(2)),
            theme.title,
        ));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let right = format!("now: {}", v.current.label());
    let hints = app.settings.keys.footer(if v.panel.is_some() {
        Context::PanelPopup
    } else {
        Context::Skills
    });
    if inner.height < 2 || inner.width < 10 {
        return ("Skills".into(), right, hints);
    }
    let w = usize::from(inner.width);
    // Before → after needs room; a narrow window shows the three ratings only.
    let wide = w >= 60;
    let tail_w = if wide { 20 } else { 0 };
    let name_w = w.saturating_sub(3 + 3 * COLUMN + tail_w);
    let mut lines: Vec<Line> = vec![point_line(v, w, theme), Line::raw("")];
    let mut cursor_line = 0;
    // On an empty list the focus topics come first, so the highlighted one shows in a
    // small window; the words that explain the screen follow.
    let mut explain = Vec::new();
    if v.skills.is_empty() {
        let add = app.key_label(Context::Skills, Command::NewSkill);
        let text = format!(
            "The skills you want to develop with {}: rate each from 1 (new to me) to 5 (at ease) at the start, the midpoint and the end, and see before beside after. {add} adds one of your own.",
            sanitize_line(&v.name)
        );
        explain = widgets::prose_lines(&text, inner.width, theme.base);
    } else {
        let mut head = vec![Span::styled(cells::fit("   Skill", 3 + name_w), theme.dim)];
        for p in SkillPoint::ALL {
            let style = if p == v.point {
                theme.accent.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.dim
            };
            head.push(Span::raw(" "));
            head.push(Span::styled(cells::fit(short(p), COLUMN - 1), style));
        }
        if wide {
            head.push(Span::styled("  before → now", theme.dim));
        }
        lines.push(Line::from(head));
        for (i, s) in v.skills.iter().enumerate() {
            let selected = i == v.cursor;
            let style = if selected { theme.selected } else { theme.base };
            let mark = if selected { " › " } else { "   " };
            let private = if s.skill.private { " (private)" } else { "" };
            let name = sanitize_line(&s.skill.name);
            let room = name_w.saturating_sub(cells::cells(private));
            let mut spans = vec![
                Span::styled(mark, style),
                Span::styled(cells::fit(&cells::cut(&name, room), room), style),
                Span::styled(private, theme.dim),
            ];
            for p in SkillPoint::ALL {
                let text = s.at(p).map_or("·".to_string(), |r| r.rating.to_string());
                let st = if p == v.point && selected {
                    theme.accent
                } else if s.at(p).is_some() {
                    theme.base
                } else {
                    theme.dim
                };
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    cells::fit(&format!("  {text}"), COLUMN - 1),
                    st,
                ));
            }
            if wide {
                spans.push(Span::styled(
                    format!("  {}", cells::cut(&s.before_after(), tail_w - 2)),
                    theme.ok,
                ));
            }
            if selected {
                cursor_line = lines.len();
            }
            lines.push(Line::from(spans));
        }
    }
    if !v.suggestions.is_empty() {
        if !v.skills.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            cells::cut(
                if w < 50 {
                    "Focus topics: Enter adds one"
                } else {
                    "Focus topics, not yet skills (Enter adds one)"
                },
                w,
            ),
            theme.dim,
        ));
        for (i, (_, label)) in v.suggestions.iter().enumerate() {
            let selected = v.skills.len() + i == v.cursor;
            let style = if selected { theme.selected } else { theme.base };
            if selected {
                cursor_line = lines.len();
            }
            lines.push(Line::styled(
                cells::cut(
                    &format!(
                        "{}+ {}",
                        if selected { " › " } else { "   " },
                        sanitize_line(label)
                    ),
                    w,
                ),
                style,
            ));
        }
    }
    if !explain.is_empty() {
        if !v.suggestions.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.extend(explain);
    }
    let height = usize::from(inner.height);
    let top = list::first_shown(cursor_line, height);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if let Some(panel) = &v.panel {
        let title = if panel.editing.is_some() {
            "Change the skill"
        } else {
            "Add a skill"
        };
        // A narrow window puts each label above its value: twice the rows.
        let n = panel.fields.fields.len() as u16;
        let h = if frame.area().width >= 60 {
            n + 4
        } else {
            2 * n + 4
        };
        let area = widgets::popup_area(frame, 64, h, title, theme);
        let [fields_area, help] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        super::entry::draw_fields(frame, fields_area, &panel.fields, None, theme);
        let text = format!(
            " {} saves · {} cancels",
            app.key_label(Context::PanelPopup, Command::Confirm),
            app.settings.keys.hint_named(Context::PanelPopup, "back").0
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), help);
    }
    ("Skills".into(), right, hints)
}

/// The pair review's skills: before beside after, one line a skill (none: no section).
pub(super) fn review_lines(
    d: &crate::review::ReviewData,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if d.skills.is_empty() {
        return lines;
    }
    // A blank line before it: it follows the goals (the next section brings its own).
    lines.push(Line::raw(""));
    lines.push(Line::styled("Skills (before → now)", theme.accent));
    for s in &d.skills {
        let tail = format!("  {}", s.before_after());
        // Names are short: before → now stays near them on a wide screen.
        let room = w.saturating_sub(cells::cells(&tail) + 2).min(36);
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {}",
                    cells::fit(&cells::cut(&sanitize_line(&s.skill.name), room), room)
                ),
                theme.base,
            ),
            Span::styled(tail, theme.ok),
        ]));
    }
    lines
}
