//! What the file holds, once read: the theme, colours, key bindings and settings, with
//! their built-in defaults.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use super::date;
use super::filter::LevelFilter;
use super::keys::Key;
use crate::cable::Level;
use crate::corpus::sort::SortKey;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    /// No colours: levels are told apart by their markings alone.
    Monochrome,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
            Theme::Monochrome => "monochrome",
        }
    }

    /// The colour of a level's marking when the config names none: the banner colours of US
    /// documents (U green, SBU purple, C blue, S red, TS orange), tuned to the background.
    pub fn level_colour(self, level: Level) -> Colour {
        match (self, level) {
            (Theme::Monochrome, _) => Colour::Reset,
            (Theme::Dark, Level::Unclassified) => Colour::Green,
            (Theme::Dark, Level::SensitiveButUnclassified) => Colour::Magenta,
            (Theme::Dark, Level::Confidential) => Colour::LightBlue,
            (Theme::Dark, Level::Secret) => Colour::LightRed,
            (Theme::Dark, Level::TopSecret) => Colour::Rgb(0xff, 0x8c, 0x00),
            (Theme::Light, Level::Unclassified) => Colour::Rgb(0x00, 0x7a, 0x33),
            (Theme::Light, Level::SensitiveButUnclassified) => Colour::Rgb(0x80, 0x00, 0x80),
            (Theme::Light, Level::Confidential) => Colour::Rgb(0x00, 0x33, 0xa0),
            (Theme::Light, Level::Secret) => Colour::Rgb(0xc8, 0x10, 0x2e),
            (Theme::Light, Level::TopSecret) => Colour::Rgb(0xc0, 0x50, 0x00),
        }
    }
}

/// A terminal colour: one of the 16 named ones, the terminal's default, or 24-bit.
/// (Named like ratatui's `Color`, so the app maps it one to one.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// The terminal's own foreground.
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Rgb(u8, u8, u8),
}

const COLOUR_NAMES: [(&str, Colour); 17] = [
    ("default", Colour::Reset),
    ("black", Colour::Black),
    ("red", Colour::Red),
    ("green", Colour::Green),
    ("yellow", Colour::Yellow),
    ("blue", Colour::Blue),
    ("magenta", Colour::Magenta),
    ("cyan", Colour::Cyan),
    ("gray", Colour::Gray),
    ("darkgray", Colour::DarkGray),
    ("lightred", Colour::LightRed),
    ("lightgreen", Colour::LightGreen),
    ("lightyellow", Colour::LightYellow),
    ("lightblue", Colour::LightBlue),
    ("lightmagenta", Colour::LightMagenta),
    ("lightcyan", Colour::LightCyan),
    ("white", Colour::White),
];

/// What a colour may be, for messages and the commented default.
pub const COLOUR_NAMES_HELP: &str = "a name (default, black, red, green, yellow, blue, \
magenta or purple, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, \
lightmagenta, lightcyan, white, orange) or \"#rrggbb\"";

impl std::str::FromStr for Colour {
    type Err = String;

    fn from_str(text: &str) -> Result<Colour, String> {
        let wanted = || format!("unknown colour `{text}`, expected {COLOUR_NAMES_HELP}");
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(wanted());
            }
            let byte = |at: usize| {
                hex.get(at..at + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                    .ok_or_else(wanted)
            };
            return Ok(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        let name: String = text
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .collect::<String>()
            .to_ascii_lowercase()
            .replace("grey", "gray");
        match name.as_str() {
            "purple" => return Ok(Colour::Magenta),
            "orange" => return Ok(Colour::Rgb(0xff, 0x8c, 0x00)),
            "reset" => return Ok(Colour::Reset),
            _ => {}
        }
        COLOUR_NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, colour)| *colour)
            .ok_or_else(wanted)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Colour::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            named => {
                let name = COLOUR_NAMES
                    .iter()
                    .find(|(_, colour)| colour == named)
                    .map(|(name, _)| *name)
                    .unwrap_or("default");
                f.write_str(name)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One action of the app's keymap, as the app describes it to the config: its name (the key
/// in `[keys]`), the context it applies in (keys may repeat across contexts, never within
/// one), what it does, and its default keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec<'a> {
    pub name: &'a str,
    /// e.g. `"reader"`, `"search"`, `"bookmarks"`: bindings conflict only within a context.
    pub context: &'a str,
    pub description: &'a str,
    pub default_keys: &'a [Key],
}

/// The `[keys]` table: actions whose keys the user replaced (an empty list unbinds one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyBindings {
    pub(super) overrides: BTreeMap<String, Vec<Key>>,
}

impl KeyBindings {
    /// The user's keys for an action, if the config names it.
    pub fn get(&self, action: &str) -> Option<&[Key]> {
        self.overrides.get(action).map(Vec::as_slice)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Key])> {
        self.overrides
            .iter()
            .map(|(action, keys)| (action.as_str(), keys.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }
}

/// One action's keys after the config is applied, for the keymap and the `?` overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding<'a> {
    pub action: &'a str,
    pub context: &'a str,
    pub description: &'a str,
    pub keys: Vec<Key>,
    /// Whether the config changed this action's keys (the overlay may mark it).
    pub remapped: bool,
}

/// Everything the config file sets, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    /// Colours the file names, per level (index `Level as usize`); the theme's for the rest.
    pub colours: [Option<Colour>; 5],
    pub keys: KeyBindings,
    /// The classification filter a cable opens with.
    pub filter: LevelFilter,
    /// The handling caveats shown when a cable opens (`[filter] caveats`).
    pub caveats: super::caveats::CaveatFilter,
    /// Whether the routing header (VZCZC ..., FM/TO/INFO) shows above the cable's header.
    pub show_routing: bool,
    /// Whether the reader takes the mouse (wheel, clicks) at start; `M` toggles it.
    pub mouse: bool,
    /// Wrap width in columns; 0 wraps at the pane's width.
    pub wrap_width: u16,
    pub date_format: String,
    /// How collections are listed: the `[corpus]` table.
    pub corpus: CorpusSettings,
}

/// The `[corpus]` table: where summaries are cached and how a list starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusSettings {
    /// Where summaries are cached; `None`: `$XDG_CACHE_HOME/cable-reader`, else the
    /// platform's cache folder.
    pub cache_dir: Option<std::path::PathBuf>,
    pub sort: SortKey,
    pub reverse: bool,
    /// The limit a list starts with (checked: it parses); empty for none.
    pub limit: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: Theme::Dark,
            colours: [None; 5],
            keys: KeyBindings::default(),
            filter: LevelFilter::all(),
            caveats: super::caveats::CaveatFilter::default(),
            show_routing: false,
            mouse: true,
            wrap_width: 0,
            date_format: date::DEFAULT_DATE_FORMAT.to_owned(),
            corpus: CorpusSettings::default(),
        }
    }
}

impl Config {
    /// The colour of a level's marking: the file's, else the theme's.
    pub fn level_colour(&self, level: Level) -> Colour {
        self.colours
            .get(level as usize)
            .copied()
            .flatten()
            .unwrap_or_else(|| self.theme.level_colour(level))
    }

    /// The keymap after the config: each action with its keys (the file's, else the
    /// default), in the order given. Conflicts were refused when the file was read with the
    /// same actions.
    pub fn keymap<'a>(&self, actions: &[ActionSpec<'a>]) -> Vec<Binding<'a>> {
        actions
            .iter()
            .map(|action| {
                let custom = self.keys.get(action.name);
                Binding {
                    action: action.name,
                    context: action.context,
                    description: action.description,
                    keys: custom.unwrap_or(action.default_keys).to_vec(),
                    remapped: custom.is_some(),
                }
            })
            .collect()
    }

    /// Formats a cable date with `date_format`.
    pub fn format_datetime(&self, datetime: &crate::cable::DateTime) -> String {
        date::format_datetime(datetime, &self.date_format)
    }
}
