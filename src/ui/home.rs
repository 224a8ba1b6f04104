//! The home screen: every relationship at a glance.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::hint;
use super::theme::Theme;
use super::widgets;
use crate::app::{App, Home};
use crate::config::KeyAction;
use crate::domain::{Initiator, RelationshipStatus};
use crate::text::sanitize_line;

pub fn render(
    app: &App,
    home: &Home,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) -> (String, String, Vec<(String, String)>) {
    let keys = &app.settings.keys;
    let name = sanitize_line(app.profile_name.trim());
    let title = if name.is_empty() {
        "Home".to_string()
    } else {
        format!("Hi, {name}")
    };
    let right = app.date(app.now.date_naive());
    let n = home.relationships.len();

    let mut notes: Vec<Line> = Vec::new();
    if let Some(u) = &home.unfinished {
        let who = if u.other_name.trim().is_empty() {
            "a new relationship".to_string()
        } else {
            format!("the relationship with {}", sanitize_line(u.display_name()))
        };
        notes.extend(widgets::prose_lines(
            &format!(
                "You started {who} and have not finished its walk-through: press {} to carry on.",
                keys.label(KeyAction::NewRelationship)
            ),
            area.width.saturating_sub(2),
            theme.accent,
        ));
    }
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(notes.len() as u16)]).areas(area);
    frame.render_widget(
        Paragraph::new(notes),
        notes_area.inner(ratatui::layout::Margin::new(1, 0)),
    );

    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(
            match n {
                1 => " 1 relationship ".to_string(),
                n => format!(" {n} relationships "),
            },
            theme.title,
        ));
    if n == 0 {
        let inner = block.inner(table_area);
        frame.render_widget(block, table_area);
        let text = format!(
            "No agreed relationships yet. Press {} to walk through the questions to agree before a new one starts.",
            keys.label(KeyAction::NewRelationship)
        );
        frame.render_widget(
            Paragraph::new(widgets::prose_lines(
                &text,
                inner.width.saturating_sub(2),
                theme.base,
            )),
            inner.inner(ratatui::layout::Margin::new(1, 1)),
        );
    } else {
        // Columns drop from the right of the middle as the window narrows.
        let wide = table_area.width >= 90;
        let medium = table_area.width >= 64;
        let mut header = vec!["With", "I am"];
        if medium {
            header.extend(["Model", "Since"]);
        }
        header.push("Check-ins");
        if wide {
            header.push("Planned end");
        }
        let rows: Vec<Row> =
            home.relationships
                .iter()
                .map(|o| {
                    let r = &o.relationship;
                    let model = r
                        .model
                        .as_deref()
                        .and_then(|m| app.content.model(m))
                        .map_or("—".to_string(), |m| m.name.clone());
                    let since = r.agreed_on.map_or("—".to_string(), |d| app.date(d));
                    let cadence = match (o.cadence, o.initiator) {
                        (Some(c), Some(Initiator::Me)) => format!("{} · I reach out", c.describe()),
                        (Some(c), Some(Initiator::Them)) => format!("{} · they do", c.describe()),
                        (Some(c), _) => c.describe(),
                        (None, _) => "not agreed".to_string(),
                    };
                    let mut name = sanitize_line(r.display_name());
                    if r.status == RelationshipStatus::Closed {
                        name.push_str(" (closed)");
                    }
                    let mut cells = vec![
                        Cell::from(name),
                        Cell::from(r.my_role.map_or("—", |x| x.label())),
                        Cell::from(model),
                        Cell::from(since),
                        Cell::from(cadence),
                    ];
                    if wide {
                        let end = o.planned_end().map(|d| app.date(d)).unwrap_or_else(|| {
                            o.duration.map_or("—".to_string(), |d| d.describe())
                        });
                        cells.push(Cell::from(end));
                    }
                    Row::new(cells)
                })
                .collect();
        let mut widths = vec![Constraint::Fill(1), Constraint::Length(6)];
        if medium {
            widths.extend([Constraint::Length(14), Constraint::Length(10)]);
        }
        widths.push(Constraint::Fill(2));
        if wide {
            widths.push(Constraint::Length(11));
        }
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.accent))
            .row_highlight_style(theme.selected)
            .highlight_symbol("› ")
            .column_spacing(2)
            .block(block);
        let mut state = TableState::default().with_selected(Some(home.cursor));
        frame.render_stateful_widget(table, table_area, &mut state);
    }

    let mut hints = Vec::new();
    if n > 0 {
        hints.push(hint("Enter", "open agreement"));
    }
    hints.push(hint(
        keys.label(KeyAction::NewRelationship),
        if home.unfinished.is_some() {
            "continue new"
        } else {
            "new relationship"
        },
    ));
    hints.push(hint(keys.label(KeyAction::Help), "help"));
    hints.push(hint(keys.label(KeyAction::Quit), "quit"));
    (title, right, hints)
}
