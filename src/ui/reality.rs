//! "Agreement and reality" as lines for any screen: the four sentences, word-wrapped, and a
//! small chart of the minutes logged each month against the hours agreed.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::domain::reality::{Reality, hours_and_minutes};
use crate::text::sanitize_line;

/// The chart's bar width, in cells.
const BAR: usize = 12;

/// The newest months the chart shows at most.
const MONTHS: usize = 6;

/// The sentences (wrapped to `w`, each line indented by two), then the monthly chart when
/// any meeting has a length or time was agreed.
pub fn reality_lines(r: &Reality, other: &str, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let other = sanitize_line(other);
    let mut lines = Vec::new();
    let room = w.saturating_sub(2).max(10);
    for s in r.sentences(&other) {
        for l in super::widgets::prose_lines(&s, room as u16, theme.base) {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::styled(format!("  {text}"), theme.base));
        }
    }
    lines.extend(month_chart(r, w, theme));
    lines
}

/// One line per month (the newest [`MONTHS`]): the minutes logged as a bar, with `│` where
/// the agreed hours reach.
pub fn month_chart(r: &Reality, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let agreed = r
        .terms
        .time
        .and_then(|t| t.shared_hours())
        .map(|h| h.saturating_mul(60));
    let logged = r.months.iter().any(|m| m.minutes > 0);
    if (!logged && agreed.is_none()) || r.months.is_empty() || w < 24 {
        return Vec::new();
    }
    let shown = &r.months[r.months.len().saturating_sub(MONTHS)..];
    let most = shown
        .iter()
        .map(|m| m.minutes)
        .chain(agreed)
        .max()
        .unwrap_or(0)
        .max(1);
    let cells = |minutes: u32| (minutes as usize * BAR).div_ceil(most as usize).min(BAR);
    let mark = agreed.map(cells);
    let mut lines = Vec::new();
    for m in shown {
        let filled = cells(m.minutes);
        let bar: String = (0..BAR)
            .map(|i| match (i < filled, mark) {
                (_, Some(k)) if k > 0 && i == k - 1 && i >= filled => '│',
                (true, _) => '█',
                (false, _) => '·',
            })
            .collect();
        let label = m.month.format("%b %Y").to_string();
        let amount = if m.minutes == 0 {
            "—".to_string()
        } else {
            hours_and_minutes(m.minutes)
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {label}  "), theme.dim),
            Span::styled(bar, theme.ok),
            Span::styled(format!("  {amount}"), theme.base),
        ]));
    }
    if let Some(a) = agreed {
        lines.push(Line::styled(
            format!("  │ marks the {} a month agreed", hours_and_minutes(a)),
            theme.dim,
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reality::{AgreedTerms, AgreedTime, Contact, ContactWay};
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn the_chart_marks_the_agreed_hours() {
        let terms = AgreedTerms {
            start: d(9, 1),
            cadence: None,
            initiator: None,
            time: Some(AgreedTime::Together(2)),
            planned_end: None,
            closed_on: None,
            pauses: Vec::new(),
        };
        let meeting = |day, minutes| Contact {
            day,
            way: ContactWay::Meeting {
                minutes: Some(minutes),
            },
            reached_out: None,
        };
        let r = Reality::new(
            terms,
            &[meeting(d(9, 3), 60), meeting(d(10, 2), 180)],
            d(11, 5),
        );
        let theme = Theme::new(false, crate::config::ThemeName::Dark);
        let lines = text(&month_chart(&r, 60, &theme));
        // 180 minutes fill the bar; the agreed 120 reach 8 of 12 cells.
        assert_eq!(lines[0], "  Sep 2026  ████···│····  1 h");
        assert_eq!(lines[1], "  Oct 2026  ████████████  3 h");
        assert_eq!(lines[2], "  Nov 2026  ·······│····  —");
        assert_eq!(lines[3], "  │ marks the 2 h a month agreed");
    }
}
