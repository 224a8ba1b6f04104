//! The closing review (its parts), the reminder that one waits, and the closing summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::widgets::{self, prose_lines};
use crate::app::App;
use crate::app::closing::ClosingReview;
use crate::app::closing_summary::SummaryView;
use crate::app::fields::{FieldId, Value};
use crate::config::{Command, Context};
use crate::domain::closing::ClosingPart;
use crate::share::ClosingSummary;
use crate::text::sanitize_line;

type Drawn = (String, String, Vec<(String, String)>);

/// The lines shown from `scroll` in `height` rows; when more follow, the last row says so.
fn scrolled(
    lines: Vec<Line<'static>>,
    scroll: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let top = scroll.min(lines.len().saturating_sub(height));
    let more = lines.len() > top + height;
    let mut shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    if more && height > 1 {
        shown.pop();
        shown.push(Line::styled("↓ more below", theme.dim));
    }
    shown
}

/// A heading line.
fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(text.to_string(), theme.accent)
}

/// `label: text`, wrapped to `w`, the text sanitised; "(private)" after a private one.
fn labelled(label: &str, text: &str, private: bool, w: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mark = if private { " (private)" } else { "" };
    prose_lines(
        &format!("{label}: {}{mark}", crate::text::sanitize(text.trim())),
        w,
        theme.base,
    )
}

/// What the two set out to do beside what happened; with `full`, also the last pulse, the
/// closing reflections and the thank-you note.
fn summary_lines(
    app: &App,
    s: &ClosingSummary,
    w: u16,
    full: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let today = app.now.date_naive();
    let mut lines = Vec::new();
    let name = sanitize_line(s.relationship.display_name());
    let span = s.span(|d| app.date(d), today);
    let who = if span.is_empty() {
        format!("You and {name}.")
    } else {
        format!("You and {name}, {span}.")
    };
    lines.extend(prose_lines(&who, w, theme.base));
    if !s.close_reason.trim().is_empty() {
        lines.extend(labelled("Why it closed", &s.close_reason, true, w, theme));
    }
    lines.extend(prose_lines(app.content.no_fault.trim(), w, theme.dim));
    lines.push(Line::raw(""));

    lines.push(heading("What you set out to do", theme));
    match &s.intended_result {
        Some(a) => lines.extend(labelled("Intended result", &a.text, a.private, w, theme)),
        None => lines.extend(prose_lines(
            "Intended result: not written down.",
            w,
            theme.dim,
        )),
    }
    if let Some(a) = &s.focus {
        lines.extend(labelled("Focus", &a.text, a.private, w, theme));
    }
    if !s.topics.trim().is_empty() {
        lines.extend(labelled("Topics", &s.topics, false, w, theme));
    }
    lines.push(Line::raw(""));

    lines.push(heading("What happened", theme));
    let c = &s.counts;
    lines.extend(prose_lines(
        &format!("Goals: {}", c.goals_phrase()),
        w,
        theme.base,
    ));
    for (mark, list) in [
        ("✓ ", &c.goals_achieved),
        ("✗ ", &c.goals_dropped),
        ("· ", &c.goals_open),
    ] {
        for title in list {
            let text =
                crate::text::truncate(&format!("  {mark}{}", sanitize_line(title)), usize::from(w));
            lines.push(Line::styled(text, theme.base));
        }
    }
    lines.extend(prose_lines(
        &format!("Meetings: {}", c.meetings_phrase()),
        w,
        theme.base,
    ));
    lines.extend(prose_lines(
        &format!("Check-ins: {}", c.checkins_phrase()),
        w,
        theme.base,
    ));
    lines.push(Line::raw(""));
    lines.push(heading("Agreement and reality", theme));
    lines.extend(super::reality::reality_lines(
        &s.reality,
        s.relationship.display_name(),
        usize::from(w),
        theme,
    ));
    if !full {
        return lines;
    }
    lines.push(Line::raw(""));

    lines.push(heading("A last pulse", theme));
    let pulse = s.pulse_lines(app.content);
    if pulse.is_empty() {
        lines.extend(prose_lines("No closing pulse was taken.", w, theme.dim));
    }
    for (text, n) in pulse {
        lines.extend(prose_lines(
            &format!("{n} of 5 — {}", sanitize_line(&text)),
            w,
            theme.base,
        ));
    }
    if let Some(p) = s.pulse.as_ref().filter(|p| !p.note.trim().is_empty()) {
        lines.extend(prose_lines(
            &crate::text::sanitize(p.note.trim()),
            w,
            theme.base,
        ));
    }
    lines.push(Line::raw(""));

    lines.push(heading("Looking back", theme));
    if s.writings.is_empty() {
        lines.extend(prose_lines(
            "No closing reflection or thank-you note was written.",
            w,
            theme.dim,
        ));
    }
    for wr in &s.writings {
        let mark = if wr.private {
            " (private)"
        } else {
            " (shared)"
        };
        let label = if wr.part == ClosingPart::Thanks {
            "Thank-you note".to_string()
        } else {
            sanitize_line(&wr.prompt)
        };
        lines.extend(prose_lines(&format!("{label}{mark}"), w, theme.dim));
        lines.extend(prose_lines(&crate::text::sanitize(&wr.body), w, theme.base));
        lines.push(Line::raw(""));
    }
    lines
}

/// The closing review: a line saying which part, then the part.
pub fn render_review(
    app: &App,
    r: &ClosingReview,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> Drawn {
    let hints = app.settings.keys.footer(Context::ClosingReview);
    let title = "Closing review".to_string();
    let part = r.part();
    let right = format!("{} of {}", part.number(), ClosingPart::ALL.len());
    if area.height < 3 {
        return (title, right, hints);
    }
    let error_h = match &r.error {
        Some(e) => prose_lines(e, area.width, theme.error).len().min(3) as u16,
        None => 0,
    };
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(error_h),
    ])
    .areas(area);
    let name = sanitize_line(&r.name);
    frame.render_widget(
        Paragraph::new(Line::styled(
            crate::text::truncate(
                &format!("{} · closing with {name}", part.label()),
                usize::from(top.width),
            ),
            theme.title,
        )),
        top,
    );
    if let Some(e) = &r.error {
        frame.render_widget(
            Paragraph::new(prose_lines(e, bottom.width, theme.error)),
            bottom,
        );
    }
    match part {
        ClosingPart::LookBack => {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.dim);
            let inner = block.inner(body).inner(Margin::new(1, 0));
            frame.render_widget(block, body);
            let mut lines = summary_lines(app, &r.summary, inner.width, false, theme);
            lines.push(Line::raw(""));
            let go_on = app.key_named(Context::ClosingReview, "enter");
            lines.extend(prose_lines(
                &format!(
                    "{go_on} goes on: a last pulse, a few words looking back, and a thank-you note."
                ),
                inner.width,
                theme.dim,
            ));
            let height = usize::from(inner.height);
            frame.render_widget(
                Paragraph::new(scrolled(lines, r.scroll, height, theme)),
                inner,
            );
        }
        ClosingPart::Pulse => {
            if let Some(form) = &r.survey {
                let _ = super::survey::render_survey(app, form, frame, body, theme);
            }
        }
        _ => draw_writing(r, frame, body, theme),
    }
    (title, right, hints)
}

/// A writing part: its prompt, the text, and private or shared.
fn draw_writing(r: &ClosingReview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let Some(body) = r.writing.fields.iter().find(|f| f.key == FieldId::Body) else {
        return;
    };
    let cursor = r.writing.current_key();
    let mut prompt = prose_lines(&sanitize_line(&body.label), inner.width, theme.accent);
    // The text gets at least two lines and the choice one; a long prompt gives way, and says
    // it was cut.
    let room = usize::from(inner.height.saturating_sub(2 + 1).max(1));
    if prompt.len() > room {
        prompt.truncate(room);
        if let Some(last) = prompt.last_mut() {
            let cut: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = crate::text::truncate(&format!("{cut} …"), usize::from(inner.width));
            *last = Line::styled(cut, theme.accent);
        }
    }
    let prompt_h = prompt.len() as u16;
    let [p, text, _, keep] = Layout::vertical([
        Constraint::Length(prompt_h),
        Constraint::Min(1),
        Constraint::Length(u16::from(inner.height > prompt_h + 4)),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(prompt), p);
    if let Value::Long(e) = &body.value {
        widgets::text_field(
            frame,
            text,
            e.text(),
            e.cursor(),
            cursor == Some(FieldId::Body),
            theme,
        );
    }
    if let Some(Value::Pick { options, at }) = r.writing.get(FieldId::Private) {
        let focused = cursor == Some(FieldId::Private);
        let value = options.get(*at).map_or("", |o| o.1.as_str());
        let style = if focused { theme.selected } else { theme.base };
        let line = Line::from(vec![
            Span::styled(
                if focused {
                    "› Keep it "
                } else {
                    "  Keep it "
                },
                style,
            ),
            Span::styled(
                format!("‹ {value} ›"),
                if focused { style } else { theme.accent },
            ),
        ]);
        frame.render_widget(Paragraph::new(line), keep);
    }
}

/// The closing summary screen.
pub fn render_summary(
    app: &App,
    v: &SummaryView,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> Drawn {
    let s = &v.summary;
    let name = sanitize_line(s.relationship.display_name());
    let mut hints = app.settings.keys.footer(Context::ClosingSummary);
    if !v.unfinished {
        let continue_key = app.key_label(Context::ClosingSummary, Command::ContinueClosing);
        hints.retain(|(k, _)| *k != continue_key);
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(Span::styled(format!(" You and {name} "), theme.title));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let title = "Closing summary".to_string();
    if inner.height == 0 || inner.width == 0 {
        return (title, String::new(), hints);
    }
    let mut lines = Vec::new();
    if v.unfinished {
        let key = app.key_label(Context::ClosingSummary, Command::ContinueClosing);
        lines.extend(prose_lines(
            &format!("The closing review is not finished: {key} carries on with it."),
            inner.width,
            theme.error,
        ));
        lines.push(Line::raw(""));
    }
    lines.extend(summary_lines(app, s, inner.width, true, theme));
    lines.extend(prose_lines(
        &format!(
            "To share it: mentorlog summary --with \"{name}\" writes it as Markdown, private parts left out."
        ),
        inner.width,
        theme.dim,
    ));
    let height = usize::from(inner.height);
    let right = String::new();
    frame.render_widget(
        Paragraph::new(scrolled(lines, v.scroll, height, theme)),
        inner,
    );
    (title, right, hints)
}

/// The reminder that a closing review waits.
pub fn draw_offer(app: &App, frame: &mut Frame, name: &str, theme: &Theme) {
    let key = |command| {
        let k = app.key_label(Context::ClosingOfferPopup, command);
        if k.is_empty() { k } else { format!(" {k}  ") }
    };
    let message = format!(
        "The relationship with {} is closed; its closing review is waiting: a look back, a last pulse and a few words, each part skippable.",
        sanitize_line(name)
    );
    let inner = widgets::popup_area(frame, 60, 9, "Closing review", theme);
    let mut lines = prose_lines(&message, inner.width.saturating_sub(2), theme.base);
    for l in &mut lines {
        l.spans.insert(0, Span::raw(" "));
    }
    lines.push(Line::raw(""));
    for (command, what) in [
        (Command::Yes, "carry on now"),
        (Command::No, "later: asked again tomorrow"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(key(command), theme.key),
            Span::raw(what),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
