//! Colours and emphasis. Markings use the banner colours of US documents (U green, SBU
//! purple, C blue, S red, TS orange) as badges: a fixed foreground on a fixed background,
//! so they read the same on light and dark terminals. Everything else uses the terminal's
//! own foreground with modifiers, or named colours as backgrounds. With `NO_COLOR` set,
//! only modifiers (bold, reverse, underline, italic) are used.

use ratatui::style::{Color, Modifier, Style};

use crate::cable::{Level, SpanKind};
use crate::config::Colour;

fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The config's colour as ratatui's (the names match one to one).
fn to_color(colour: Colour) -> Color {
    match colour {
        Colour::Reset => Color::Reset,
        Colour::Black => Color::Black,
        Colour::Red => Color::Red,
        Colour::Green => Color::Green,
        Colour::Yellow => Color::Yellow,
        Colour::Blue => Color::Blue,
        Colour::Magenta => Color::Magenta,
        Colour::Cyan => Color::Cyan,
        Colour::Gray => Color::Gray,
        Colour::DarkGray => Color::DarkGray,
        Colour::LightRed => Color::LightRed,
        Colour::LightGreen => Color::LightGreen,
        Colour::LightYellow => Color::LightYellow,
        Colour::LightBlue => Color::LightBlue,
        Colour::LightMagenta => Color::LightMagenta,
        Colour::LightCyan => Color::LightCyan,
        Colour::White => Color::White,
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// Black or white, whichever reads over `background`.
fn readable_over(background: Colour) -> Color {
    let light = match background {
        Colour::Rgb(r, g, b) => {
            // Relative luminance, roughly (ITU-R BT.601 weights).
            u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 > 140_000
        }
        Colour::Black
        | Colour::Red
        | Colour::Blue
        | Colour::Magenta
        | Colour::DarkGray
        | Colour::Reset => false,
        _ => true,
    };
    if light {
        Color::Black
    } else {
        Color::White
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Each level's badge: (foreground, background), lowest level first.
    levels: [(Color, Color); 5],
}

/// The banner colours of US documents as badges that read on dark and light terminals.
const BANNER_COLOURS: [(Color, Color); 5] = [
    (Color::Black, Color::Green),
    (Color::White, Color::Magenta),
    (Color::White, Color::Blue),
    (Color::White, Color::Red),
    (Color::Black, Color::Indexed(208)),
];

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            color: true,
            levels: BANNER_COLOURS,
        }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something (https://no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: !no_color_requested(),
            ..Theme::default()
        }
    }

    pub fn no_color() -> Theme {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// The config's theme and colours; `NO_COLOR` still wins. A level colour the config
    /// names becomes the badge's background, with black or white over it, whichever reads.
    pub fn from_config(config: &crate::config::Config) -> Theme {
        use crate::config::Theme as Named;
        let mut theme = Theme::from_env();
        if config.theme == Named::Monochrome {
            theme.color = false;
        }
        for level in Level::ALL {
            let configured = config.colours.get(level as usize).copied().flatten();
            let colour = match (configured, config.theme) {
                (Some(colour), _) => colour,
                (None, Named::Light) => config.theme.level_colour(level),
                (None, _) => continue,
            };
            if let Some(slot) = theme.levels.get_mut(level as usize) {
                let background = to_color(colour);
                *slot = (readable_over(colour), background);
            }
        }
        theme
    }

    /// A level's banner colours: (foreground, background).
    fn level_colors(&self, level: Level) -> (Color, Color) {
        self.levels
            .get(level as usize)
            .copied()
            .unwrap_or((Color::White, Color::Black))
    }

    /// A marking such as `(S//NF)`; unmarked paragraphs are dimmed.
    pub fn marking(&self, level: Option<Level>) -> Style {
        match (level, self.color) {
            (None, _) => self.dim(),
            (Some(level), true) => {
                let (fg, bg) = self.level_colors(level);
                Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
            }
            (Some(_), false) => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The classification banner across the header.
    pub fn banner(&self, level: Option<Level>) -> Style {
        match (level, self.color) {
            (Some(level), true) => {
                let (fg, bg) = self.level_colors(level);
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

    /// The line a warning is about, after Enter in the warnings list.
    pub fn warning_line(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::LightRed)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// A reference whose cable is in the collection (`r` opens it).
    pub fn reference_found(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Theme as Named};

    #[test]
    fn the_config_chooses_colours_and_monochrome() {
        let mut config = Config::default();
        let dark = Theme::from_config(&config);
        assert_eq!(dark.levels, BANNER_COLOURS);

        config.colours[Level::Secret as usize] = Some(Colour::Rgb(0xff, 0xee, 0x00));
        config.colours[Level::Confidential as usize] = Some(Colour::Blue);
        let custom = Theme::from_config(&config);
        assert_eq!(
            custom.level_colors(Level::Secret),
            (Color::Black, Color::Rgb(0xff, 0xee, 0x00)),
            "dark text on a light colour"
        );
        assert_eq!(
            custom.level_colors(Level::Confidential),
            (Color::White, Color::Blue)
        );

        config.theme = Named::Light;
        let light = Theme::from_config(&config);
        assert_eq!(
            light.level_colors(Level::Unclassified),
            (Color::White, Color::Rgb(0x00, 0x7a, 0x33))
        );

        config.theme = Named::Monochrome;
        assert!(!Theme::from_config(&config).color);
    }
}
