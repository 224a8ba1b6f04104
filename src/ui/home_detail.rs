//! The details of the relationship highlighted on home: what it is about, how it is meant to
//! run, where its check-ins stand, its active goals, and the agreement beside what happened.

use ratatui::text::{Line, Span};

use super::cells;
use super::theme::Theme;
use super::widgets;
use crate::app::{App, Home};
use crate::config::{Command, Context};
use crate::domain::LifeState;
use crate::store::RelationshipOverview;
use crate::text::sanitize_line;

/// Where the selected relationship's check-ins stand: "check-in overdue by 9 days", then
/// "last contact 23 days ago · agreed every 2 weeks · you reach out".
pub(super) fn checkin_lines(
    home: &Home,
    o: &RelationshipOverview,
    w: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    use crate::domain::checkin::{due_phrase, summary};
    let Some(row) = home.due_row(o.relationship.id) else {
        return Vec::new();
    };
    let Some(state) = row.state else {
        return Vec::new();
    };
    let name = sanitize_line(o.relationship.display_name());
    let phrase = due_phrase(&state);
    let detail = summary(
        &state,
        row.cadence,
        row.plan.schedule,
        row.initiator,
        &name,
        home.today,
    );
    let style = if state.due { theme.error } else { theme.dim };
    let phrase = crate::text::capitalise(&phrase);
    // The detail wraps under the phrase rather than losing its end ("…said they'd reach out").
    let mut lines: Vec<Line<'static>> =
        widgets::prose_lines(&format!("{phrase} · {detail}"), w, theme.dim);
    if let Some(first) = lines.first_mut() {
        let text: String = first.spans.iter().map(|s| s.content.as_ref()).collect();
        if let Some(rest) = text.strip_prefix(phrase.as_str()) {
            *first = Line::from(vec![
                Span::styled(phrase.clone(), style),
                Span::styled(rest.to_string(), theme.dim),
            ]);
        }
    }
    let averages = home
        .detail_of(o.relationship.id)
        .map(|d| d.pulse.as_slice())
        .unwrap_or_default();
    if let Some(avg) = averages.last() {
        lines.push(Line::styled(
            format!("Pulse {avg:.1} of 5 (v shows the trends)"),
            theme.dim,
        ));
    }
    if let Some(risk) =
        crate::domain::checkin::at_risk(averages, Some(&state), row.cadence.map(|c| c.days()))
    {
        lines.push(Line::styled(crate::text::capitalise(&risk), theme.error));
    }
    lines
}

/// The agreement beside what happened, in the `spare` lines the details leave: a heading and
/// the sentences (as many lines of them as fit), then the month chart when all of it fits too.
pub(super) fn reality_lines(
    home: &Home,
    o: &RelationshipOverview,
    w: u16,
    spare: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(r) = home
        .detail_of(o.relationship.id)
        .and_then(|d| d.reality.as_ref())
    else {
        return Vec::new();
    };
    if spare < 2 {
        return Vec::new();
    }
    let name = o.relationship.display_name();
    let w = usize::from(w);
    let mut all = super::reality::reality_lines(r, name, w, theme);
    let chart = super::reality::month_chart(r, w, theme).len();
    let sentences = all.len() - chart;
    let mut lines = vec![Line::styled("Agreement and reality", theme.accent)];
    if spare - 1 < all.len() {
        all.truncate(sentences.min(spare - 1));
    }
    lines.extend(all);
    lines
}

/// The selected relationship's active goals with gauges (at most three, then a count).
pub(super) fn goal_lines(
    home: &Home,
    o: &RelationshipOverview,
    w: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let active: &[crate::store::GoalSummary] = home
        .detail_of(o.relationship.id)
        .map(|d| d.goals.as_slice())
        .unwrap_or_default();
    let mut lines = Vec::new();
    for g in active.iter().take(3) {
        let bar = crate::domain::goal::gauge(g.progress, 10);
        let room = usize::from(w).saturating_sub(crate::text::width(&bar) + 2);
        lines.push(Line::from(vec![
            Span::styled(bar, theme.ok),
            Span::raw("  "),
            Span::styled(cells::cut(&sanitize_line(&g.goal.title), room), theme.base),
        ]));
    }
    if active.len() > 3 {
        lines.push(Line::styled(
            format!(
                "and {} more active goals: g shows them all",
                active.len() - 3
            ),
            theme.dim,
        ));
    }
    lines
}

/// A few lines on the selected relationship: what it is about and how it is meant to run.
pub(super) fn detail_lines(
    app: &App,
    home: &Home,
    o: &RelationshipOverview,
    w: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let r = &o.relationship;
    let name = sanitize_line(r.display_name());
    let mut first = name.clone();
    if let Some(role) = r.my_role {
        first.push_str(&format!(" · you are the {}", role.label().to_lowercase()));
    }
    if let Some(m) = r.model.as_deref().and_then(|m| app.content.model(m)) {
        first.push_str(&format!(" · {} mentoring", m.name.to_lowercase()));
    }
    let mut lines = vec![Line::styled(
        cells::cut(&first, usize::from(w)),
        theme.accent,
    )];
    // The cadence and who reaches out are on the check-in line below.
    let mut plan = Vec::new();
    let last = home.detail_of(r.id).and_then(|d| d.last_change.as_ref());
    match r.life() {
        LifeState::Paused { since } => {
            // Why nothing is asked, and how to start again; in a narrow window the short form
            // first (the details box may show only its first lines), then the reason.
            let state = crate::app::life::state_words(app, r, last, true);
            let key = app.key_label(Context::Home, Command::LifeChange);
            let full = crate::text::capitalise(&format!(
                "{state}: no reminders until you resume it with {key}."
            ));
            let fits = |t: &String| crate::text::width(t) <= usize::from(w);
            if fits(&full) {
                lines.push(Line::styled(full, theme.accent));
            } else {
                let since = app.date(since);
                let short = [
                    format!("Paused since {since}: no reminders until you resume it ({key})"),
                    format!("Paused since {since} · {key} resumes"),
                ]
                .into_iter()
                .find(fits)
                .unwrap_or_else(|| format!("Paused · {key} resumes"));
                lines.push(Line::styled(
                    cells::cut(&short, usize::from(w)),
                    theme.accent,
                ));
                let why = last
                    .filter(|e| e.kind == crate::domain::LifeKind::Paused)
                    .map(|e| e.reason.trim())
                    .filter(|r| !r.is_empty());
                if let Some(why) = why {
                    lines.extend(widgets::prose_lines(
                        &format!("Why: {}", sanitize_line(why)),
                        w,
                        theme.dim,
                    ));
                }
            }
        }
        LifeState::Closed { .. } => {
            let state = crate::app::life::state_words(app, r, last, false);
            plan.push(format!("{state}: kept to read"));
        }
        _ => {}
    }
    // The focus follows the pause line: in a low window, knowing why nothing is asked
    // matters more.
    if let Some(focus) = &o.focus {
        lines.extend(
            widgets::prose_lines(&format!("Focus: {}", sanitize_line(focus)), w, theme.base)
                .into_iter()
                .take(2),
        );
    }
    if let Some(end) = o.planned_end() {
        plan.push(format!("planned to end {}", app.date(end)));
    }
    if o.focus.is_none() && plan.is_empty() && o.cadence.is_none() {
        lines.push(Line::styled(
            "Most of the agreement is still open: Enter opens it to fill in the rest.",
            theme.dim,
        ));
    }
    if !plan.is_empty() {
        let mut text = plan.join(" · ");
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        lines.push(Line::styled(cells::cut(&text, usize::from(w)), theme.dim));
    }
    lines
}
