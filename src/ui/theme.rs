//! Colours and emphasis. Without colours (NO_COLOR, `colors = false`) only bold, reverse and
//! underline are used, so every state stays visible.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub accent: Style,
    pub dim: Style,
    pub selected: Style,
    pub error: Style,
    pub ok: Style,
    pub key: Style,
    pub field: Style,
}

impl Theme {
    pub fn new(colors: bool, name: ThemeName) -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        if !colors {
            return Theme {
                base: Style::default(),
                title: bold,
                accent: bold,
                dim: Style::default(),
                selected: Style::default().add_modifier(Modifier::REVERSED),
                error: bold,
                ok: bold,
                key: bold,
                field: Style::default().add_modifier(Modifier::UNDERLINED),
            };
        }
        let (accent, dim, field_bg) = match name {
            ThemeName::Dark => (Color::Cyan, Color::Gray, Color::Indexed(236)),
            ThemeName::Light => (Color::Blue, Color::DarkGray, Color::Indexed(254)),
        };
        Theme {
            base: Style::default(),
            title: bold.fg(accent),
            accent: Style::default().fg(accent),
            dim: Style::default().fg(dim),
            selected: Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: bold.fg(Color::Red),
            ok: Style::default().fg(Color::Green),
            key: bold.fg(accent),
            field: Style::default().bg(field_bg),
        }
    }
}
