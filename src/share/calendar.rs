//! `mentorlog calendar`: planned meetings, due check-ins, milestones and goal targets as an
//! iCalendar file (RFC 5545) any calendar application can import.
//!
//! Every event is a whole day. Its UID is made from what the event is (the meeting that
//! planned it, the relationship's check-in, the milestone, the goal's target), never from its
//! date, so importing a newer file moves the event instead of adding a second one.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::checkin::dated_summary;
use crate::domain::{Relationship, RelationshipStatus};
use crate::error::Result;
use crate::store::Store;
use crate::text::{sanitize, sanitize_line, truncate_words};

/// How long a summary may be: calendars show it in a small box.
const SUMMARY_WIDTH: usize = 60;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub uid: String,
    pub day: NaiveDate,
    /// Short, one line, already cleaned.
    pub summary: String,
    /// Cleaned; may hold newlines.
    pub description: String,
    /// Kept out of what others see when the calendar is shared.
    pub private: bool,
}

/// The events of `relationships` (the running ones among them) on or after `today`: the next
/// meeting each latest meeting planned, each one's next check-in, and the dated milestones
/// and targets of open goals (those gone by sit on today, saying since when). Without
/// `include_private` nothing comes from a private meeting: not its plan, and not the
/// check-in's day or last contact either. Descriptions give dates, never "N days ago": the
/// file is read long after it was written. In day order.
pub fn calendar_events(
    store: &Store,
    relationships: &[Relationship],
    today: NaiveDate,
    include_private: bool,
) -> Result<Vec<CalendarEvent>> {
    let running: Vec<&Relationship> = relationships
        .iter()
        .filter(|r| r.status == RelationshipStatus::Active)
        .collect();
    let find = |id: Uuid| running.iter().copied().find(|r| r.id == id);
    let name = |r: &Relationship| sanitize_line(r.display_name());
    let mut events = Vec::new();

    let mut planned_shown = Vec::new();
    for p in store.planned_meetings(today, include_private)? {
        let Some(rel) = find(p.relationship_id) else {
            continue;
        };
        planned_shown.push((rel.id, p.on));
        let held = crate::store::local_day(p.held_at).format("%Y-%m-%d");
        events.push(CalendarEvent {
            uid: format!("{}-next-meeting@mentorlog", p.meeting_id),
            day: p.on,
            summary: short(&format!("Mentoring meeting with {}", name(rel))),
            description: if p.private {
                format!("Planned at the meeting of {held} (private).")
            } else {
                format!("Planned at the meeting of {held}.")
            },
            private: p.private,
        });
    }

    let due_rows = if include_private {
        store.due_rows(today)?
    } else {
        store.shared_due_rows(today)?
    };
    for row in due_rows {
        let Some(rel) = find(row.relationship.id) else {
            continue;
        };
        let Some(state) = row.state else {
            continue;
        };
        // The meeting already stands for the check-in it is due by.
        if state
            .planned_meeting
            .is_some_and(|p| planned_shown.contains(&(rel.id, p)))
        {
            continue;
        }
        let who = name(rel);
        let detail = dated_summary(&state, row.cadence, row.plan.schedule, row.initiator, &who);
        let wanted = state.snoozed_until.unwrap_or(state.next_due);
        // Overdue: still to do, so it sits on today rather than in the past.
        let (day, description) = if wanted < today {
            let since = state.next_due.format("%Y-%m-%d");
            (today, format!("Due since {since}: {detail}."))
        } else {
            (wanted, format!("{}.", crate::text::capitalise(&detail)))
        };
        events.push(CalendarEvent {
            uid: format!("{}-checkin@mentorlog", rel.id),
            day,
            summary: short(&format!("Check-in with {who}")),
            description,
            private: false,
        });
    }

    for g in store.goal_summaries(None)? {
        let goal = &g.goal;
        let Some(rel) = find(goal.relationship_id) else {
            continue;
        };
        if !goal.status.is_open() {
            continue;
        }
        let title = sanitize_line(&goal.title);
        let with = name(rel);
        if let Some(target) = goal.target_on {
            let (day, since) = not_before(target, today);
            events.push(CalendarEvent {
                uid: format!("{}-target@mentorlog", goal.id),
                day,
                summary: short(&format!("Goal target: {title}")),
                description: format!("{since}A goal with {with}: {title}."),
                private: false,
            });
        }
        for m in store.milestones(goal.id)? {
            if m.done_at.is_some() {
                continue;
            }
            let Some(due) = m.due.and_then(|d| d.date(rel.agreed_on)) else {
                continue;
            };
            let (day, since) = not_before(due, today);
            events.push(CalendarEvent {
                uid: format!("{}-milestone@mentorlog", m.id),
                day,
                summary: short(&format!("Milestone: {}", sanitize_line(&m.text))),
                description: format!("{since}On the way to the goal with {with}: {title}."),
                private: false,
            });
        }
    }
    events.sort_by(|a, b| (a.day, &a.uid).cmp(&(b.day, &b.uid)));
    Ok(events)
}

/// The day an open milestone or target sits on: its own, or today when that has gone by
/// (still to do, so not hidden in the past), with the words that say since when.
fn not_before(day: NaiveDate, today: NaiveDate) -> (NaiveDate, String) {
    if day < today {
        (today, format!("Overdue since {}. ", day.format("%Y-%m-%d")))
    } else {
        (day, String::new())
    }
}

/// A summary short enough for a calendar's box.
fn short(text: &str) -> String {
    truncate_words(text, SUMMARY_WIDTH)
}

/// The events as an iCalendar file: CRLF line ends, lines folded at 75 octets, TEXT values
/// escaped; `stamp` is when it was written (DTSTAMP, UTC).
pub fn ics(events: &[CalendarEvent], stamp: DateTime<Utc>) -> String {
    // A later file's events carry a higher SEQUENCE (the minutes since 2026 began), so a
    // calendar that already has an event takes the re-imported one as its newer version.
    let sequence = (stamp.timestamp() - 1_767_225_600).max(0) / 60;
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//mentorlog//mentorlog {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:mentorlog");
    for e in events {
        let next_day = e.day.succ_opt().unwrap_or(e.day);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&e.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("LAST-MODIFIED:{stamp}"));
        line(&format!("SEQUENCE:{sequence}"));
        line(&format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")));
        line(&format!(
            "SUMMARY:{}",
            escape_text(&sanitize_line(&e.summary))
        ));
        if !e.description.is_empty() {
            line(&format!(
                "DESCRIPTION:{}",
                escape_text(&sanitize(&e.description))
            ));
        }
        if e.private {
            line("CLASS:PRIVATE");
        }
        // A reminder of a day, not a busy block of time.
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// `mentorlog calendar`: the events of `relationships` as an iCalendar file, and how many.
pub fn calendar_ics(
    store: &Store,
    relationships: &[Relationship],
    now: DateTime<Utc>,
    today: NaiveDate,
    include_private: bool,
) -> Result<(String, usize)> {
    let events = calendar_events(store, relationships, today, include_private)?;
    Ok((ics(&events, now), events.len()))
}

/// A TEXT value as RFC 5545 writes it (section 3.3.11): backslash, semicolon and comma
/// escaped, a newline as `\n`; other control characters have been cleaned away before.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545 section 3.1): the rest goes on lines that
/// begin with a space, and a character is never cut between its bytes.
pub fn fold(line: &str) -> String {
    const MAX: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / MAX * 3);
    let mut room = MAX;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > room {
            out.push_str("\r\n ");
            // The space that begins a folded line counts toward its 75 octets.
            room = MAX - 1;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape_text("a\\b; c, d\ne\r"),
            "a\\\\b\\; c\\, d\\ne",
            "backslash first, so the escapes it adds are not escaped again"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert!(parts.len() > 1);
        for (i, p) in parts.iter().enumerate() {
            assert!(p.len() <= 75, "line {i} is {} octets", p.len());
            assert_eq!(i > 0, p.starts_with(' '));
        }
        let unfolded: String = parts
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:x"), "SHORT:x");
        // Exactly 75 octets stays one line.
        let full = "X".repeat(75);
        assert_eq!(fold(&full), full);
    }

    #[test]
    fn the_file_has_crlf_lines_and_all_day_events() {
        let e = CalendarEvent {
            uid: "u1@mentorlog".into(),
            day: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            summary: "Check-in with Sam".into(),
            description: String::new(),
            private: true,
        };
        let stamp = "2026-12-02T08:30:00Z".parse().unwrap();
        let text = ics(&[e], stamp);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "every line ends CRLF"
        );
        assert!(text.contains("\r\nDTSTAMP:20261202T083000Z\r\n"));
        // Minutes since 2026-01-01T00:00Z: a later export is a newer version of each event.
        assert!(text.contains("\r\nSEQUENCE:482910\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTART;VALUE=DATE:20261231\r\n"));
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(text.contains("\r\nCLASS:PRIVATE\r\n"));
        assert!(!text.contains("DESCRIPTION"), "no empty description");
    }
}
