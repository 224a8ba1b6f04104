//! The screens before the app opens: the passphrase of an encrypted journal, and on the
//! first run the offer to encrypt the new journal and its new passphrase. A passphrase is
//! drawn as one dot per character, never as its text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::theme::Theme;
use super::widgets::prose_lines;
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::unlock::{Busy, Stage, UnlockForm};
use crate::text::{truncate, width};

/// What a typed character is drawn as.
const DOT: char = '•';

const OFFER: &str = "mentorlog can keep this journal encrypted with a passphrase. Everything \
in it is then encrypted: your reflections, drafts, answers and the search index. The \
passphrase is asked for each time mentorlog opens the journal.\n\n\
This protects your journal when the computer is lost or stolen, when the file is copied, and \
in a backup folder in the cloud. It does not protect against someone using this computer while \
the journal is open.\n\n\
A forgotten passphrase cannot be recovered, by you or anyone else: without it the journal \
cannot be read. Keep it somewhere safe, such as a password manager.\n\n\
You can also decide later with `mentorlog encrypt`, but now is best: a journal encrypted from \
its first line never leaves plain text on the disk.";

const CHOOSE: &str = "Choose the passphrase that will open this journal, then press Enter. \
What you type shows only as dots.\n\n\
A forgotten passphrase cannot be recovered, by you or anyone else. Keep it somewhere safe.";

const AGAIN: &str = "Type the same passphrase once more, to be sure of it, then press Enter.\n\n\
A forgotten passphrase cannot be recovered, by you or anyone else. Keep it somewhere safe.";

pub fn render(form: &UnlockForm, frame: &mut Frame, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text =
            format!("Make the window larger: mentorlog needs {MIN_WIDTH}×{MIN_HEIGHT} at least.");
        frame.render_widget(
            Paragraph::new(prose_lines(&text, area.width, theme.base)),
            area,
        );
        return;
    }
    let [header, body, _, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (title, heading, hints) = match form.stage {
        Stage::Unlock => (
            "Encrypted journal",
            "This journal is encrypted",
            vec![("Enter", "open"), ("Esc", "quit")],
        ),
        Stage::Offer { .. } => (
            "Getting started",
            "Keep this journal encrypted?",
            vec![
                ("↑↓", "choose"),
                ("Enter", "pick"),
                ("Esc", "not now"),
                ("Ctrl-C", "quit"),
            ],
        ),
        Stage::New | Stage::Again { .. } => (
            "Getting started",
            "Choose a passphrase",
            vec![("Enter", "go on"), ("Esc", "back"), ("Ctrl-C", "quit")],
        ),
    };
    let w = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!(" mentorlog · {title}"), w),
            theme.title,
        )),
        header,
    );
    draw_body(form, frame, body, heading, theme);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in hints {
        let piece = width(key) + width(what) + 3;
        if used + piece > w {
            break;
        }
        used += piece;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), footer);
}

fn draw_body(form: &UnlockForm, frame: &mut Frame, area: Rect, heading: &str, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(
                " {} ",
                truncate(heading, usize::from(area.width.saturating_sub(6)))
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let prose = match &form.stage {
        Stage::Unlock => format!(
            "The journal at {} is encrypted. Type its passphrase, then press Enter.",
            form.journal
        ),
        Stage::Offer { .. } => OFFER.to_string(),
        Stage::New => CHOOSE.to_string(),
        Stage::Again { .. } => AGAIN.to_string(),
    };
    let prose = prose_lines(&prose, inner.width, theme.base);
    // The field (or the choices) and the message stay on screen; the prose gives way.
    let mut tail: Vec<Line> = vec![Line::raw("")];
    let mut field_row = None;
    match &form.stage {
        Stage::Offer { encrypt } => {
            for (here, what) in [
                (*encrypt, "Encrypt it with a passphrase"),
                (!*encrypt, "Not now"),
            ] {
                tail.push(Line::styled(
                    format!("{}{what}", if here { "› " } else { "  " }),
                    if here { theme.selected } else { theme.base },
                ));
            }
        }
        stage => {
            let label = match stage {
                Stage::Again { .. } => "Type it again: ",
                Stage::New => "New passphrase: ",
                _ => "Passphrase: ",
            };
            let (dots, cells) = masked(form.typed_len(), inner.width, label);
            field_row = Some((tail.len(), width(label) + cells));
            tail.push(Line::from(vec![
                Span::styled(label, theme.accent),
                Span::styled(dots, theme.base),
            ]));
        }
    }
    let note = match (form.busy, form.message) {
        (Some(Busy::Opening), _) => Some(("Opening the journal…".to_string(), theme.dim)),
        (Some(Busy::Creating), _) => Some(("Creating the journal…".to_string(), theme.dim)),
        (None, Some(m)) => Some((m.text().to_string(), theme.error)),
        (None, None) => None,
    };
    if let Some((text, style)) = note {
        tail.push(Line::raw(""));
        tail.extend(prose_lines(&text, inner.width, style));
    }
    let height = usize::from(inner.height);
    // At the smallest sizes the field comes first, then as much of the message as fits.
    tail.truncate(height);
    let room = height - tail.len();
    let shown = prose.len().min(room);
    let field_at = field_row.map(|(row, col)| (shown + row, col));
    let lines: Vec<Line> = prose.into_iter().take(shown).chain(tail).collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((row, col)) = field_at
        && form.busy.is_none()
        && row < height
    {
        let x = inner.x + u16::try_from(col).unwrap_or(u16::MAX).min(inner.width - 1);
        frame.set_cursor_position(Position::new(x, inner.y + row as u16));
    }
}

/// `typed` dots after `label`, in at most the room `width` leaves (a cell is kept for the
/// cursor): the last ones, after a "…", when they do not all fit. Also returns their width.
fn masked(typed: usize, inner_width: u16, label: &str) -> (String, usize) {
    let room = usize::from(inner_width)
        .saturating_sub(width(label))
        .saturating_sub(1);
    let dots: String = if typed <= room {
        std::iter::repeat_n(DOT, typed).collect()
    } else if room == 0 {
        String::new()
    } else {
        std::iter::once('…')
            .chain(std::iter::repeat_n(DOT, room - 1))
            .collect()
    };
    let cells = dots.chars().count();
    (dots, cells)
}
