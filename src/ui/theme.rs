//! Colours and emphasis. Markings use the banner colours of US documents (U green, SBU
//! purple, C blue, S red, TS orange) as badges: a fixed foreground on a fixed background,
//! so they read the same on light and dark terminals. Everything else uses the terminal's
//! own foreground with modifiers, or named colours as backgrounds. With `NO_COLOR` set,
//! only modifiers (bold, reverse, underline, italic) are used.

use ratatui::style::{Color, Modifier, Style};

use crate::cable::{Level, SpanKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something (https://no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn no_color() -> Theme {
        Theme { color: false }
    }

    /// A level's banner colours: (foreground, background).
    fn level_colors(level: Level) -> (Color, Color) {
        match level {
            Level::Unclassified => (Color::Black, Color::Green),
            Level::SensitiveButUnclassified => (Color::White, Color::Magenta),
            Level::Confidential => (Color::White, Color::Blue),
            Level::Secret => (Color::White, Color::Red),
            Level::TopSecret => (Color::Black, Color::Indexed(208)),
        }
    }

    /// A marking such as `(S//NF)`; unmarked paragraphs are dimmed.
    pub fn marking(&self, level: Option<Level>) -> Style {
        match (level, self.color) {
            (None, _) => self.dim(),
            (Some(level), true) => {
                let (fg, bg) = Theme::level_colors(level);
                Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
            }
            (Some(_), false) => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The classification banner across the header.
    pub fn banner(&self, level: Option<Level>) -> Style {
        match (level, self.color) {
            (Some(level), true) => {
                let (fg, bg) = Theme::level_colors(level);
                Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
            }
            _ => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn search_match(&self, current: bool) -> Style {
        let style = if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        };
        if current {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        }
    }

    /// The mark in a list's gutter for rows with search matches.
    pub fn match_mark(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Text inside a Summary or Comment span.
    pub fn span_text(&self, _kind: SpanKind) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// The bar beside lines of a span, and the span's tag in the list.
    pub fn span_mark(&self, kind: SpanKind) -> Style {
        match (kind, self.color) {
            (SpanKind::Summary, true) => Style::new().fg(Color::Cyan),
            (SpanKind::Comment, true) => Style::new().fg(Color::Yellow),
            (_, false) => Style::new(),
        }
        .add_modifier(Modifier::ITALIC)
    }

    pub fn span_bar(kind: SpanKind, color: bool) -> &'static str {
        match (kind, color) {
            (SpanKind::Summary, true) | (SpanKind::Comment, true) => "▎",
            (SpanKind::Summary, false) => "│",
            (SpanKind::Comment, false) => "┆",
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn number(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, true) => Style::new().fg(Color::DarkGray),
            (false, false) => Style::new(),
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    pub fn key(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
