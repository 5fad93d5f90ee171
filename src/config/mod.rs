//! The config file: where it is, what it holds, and every problem in it reported with the
//! file, line and column and what was expected.
//!
//! Forgiving in form (every key optional, built-in defaults for the rest), strict in content
//! (an unknown key, a bad value, a key bound twice is an error, never ignored).

pub mod date;
pub mod filter;
pub mod keys;

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};
use toml::Spanned;

pub use filter::{parse_level, parse_levels, LevelFilter, LevelName};
pub use keys::{Key, KeyCode, KeyParseError};

use crate::cable::Level;

/// The name of the program's folders.
pub const APP_NAME: &str = "cable-reader";
/// The environment variable naming a config file.
pub const CONFIG_ENV: &str = "CABLE_READER_CONFIG";
/// The config file's name inside its folder.
pub const CONFIG_FILE_NAME: &str = "config.toml";

// ---------------------------------------------------------------------------------------------
// Where things are

/// The environment the program's paths are found from: the variables it reads and the
/// platform folders of the `directories` crate. `Environment::system()` reads the real ones;
/// tests build one by hand, so they never touch the real environment or home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, OsString>,
    platform: PlatformDirs,
}

/// The `directories` crate's folders for cable-reader, or stand-ins for them in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlatformDirs {
    pub config_dir: Option<PathBuf>,
    /// Linux only (`~/.local/state/cable-reader`); `None` elsewhere.
    pub state_dir: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

impl Environment {
    /// The variables cable-reader reads.
    pub const VARIABLES: [&'static str; 4] = [
        CONFIG_ENV,
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "XDG_DATA_HOME",
    ];

    /// The real environment and the platform's folders.
    pub fn system() -> Environment {
        let mut env = Environment::empty();
        for name in Environment::VARIABLES {
            if let Some(value) = std::env::var_os(name) {
                env.vars.insert(name.to_owned(), value);
            }
        }
        if let Some(dirs) = directories::ProjectDirs::from("", "", APP_NAME) {
            env.platform = PlatformDirs {
                config_dir: Some(dirs.config_dir().to_path_buf()),
                state_dir: dirs.state_dir().map(Path::to_path_buf),
                data_dir: Some(dirs.data_dir().to_path_buf()),
            };
        }
        env
    }

    /// No variables and no platform folders.
    pub fn empty() -> Environment {
        Environment::default()
    }

    pub fn with_var(mut self, name: &str, value: impl Into<OsString>) -> Environment {
        self.vars.insert(name.to_owned(), value.into());
        self
    }

    pub fn with_platform_dirs(mut self, platform: PlatformDirs) -> Environment {
        self.platform = platform;
        self
    }

    pub fn platform(&self) -> &PlatformDirs {
        &self.platform
    }

    /// A variable's value; an empty value counts as unset.
    pub fn var(&self, name: &str) -> Option<&OsStr> {
        self.vars
            .get(name)
            .map(OsString::as_os_str)
            .filter(|value| !value.is_empty())
    }

    /// An XDG base-directory variable: set, non-empty and absolute (the spec says to ignore
    /// relative paths).
    pub fn xdg_dir(&self, name: &str) -> Option<PathBuf> {
        self.var(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    }
}

/// Which rule chose the config path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathOrigin {
    /// `--config FILE`.
    Flag,
    /// `$CABLE_READER_CONFIG`.
    EnvVar,
    /// `$XDG_CONFIG_HOME/cable-reader/config.toml`.
    XdgConfigHome,
    /// The `directories` crate's config folder.
    Platform,
}

impl PathOrigin {
    /// Whether the user named the file: then a missing file is an error, not "use defaults".
    pub fn is_explicit(self) -> bool {
        matches!(self, PathOrigin::Flag | PathOrigin::EnvVar)
    }
}

impl fmt::Display for PathOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathOrigin::Flag => "--config",
            PathOrigin::EnvVar => "$CABLE_READER_CONFIG",
            PathOrigin::XdgConfigHome => "$XDG_CONFIG_HOME",
            PathOrigin::Platform => "the platform's config folder",
        })
    }
}

/// The config file to use and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    pub path: PathBuf,
    pub origin: PathOrigin,
}

/// Finds the config file: `--config FILE`, else `$CABLE_READER_CONFIG`, else
/// `$XDG_CONFIG_HOME/cable-reader/config.toml` (on macOS too), else the `directories` config
/// folder.
pub fn config_location(
    flag: Option<&Path>,
    env: &Environment,
) -> Result<ConfigLocation, ConfigError> {
    if let Some(path) = flag {
        return Ok(ConfigLocation {
            path: path.to_path_buf(),
            origin: PathOrigin::Flag,
        });
    }
    if let Some(path) = env.var(CONFIG_ENV) {
        return Ok(ConfigLocation {
            path: PathBuf::from(path),
            origin: PathOrigin::EnvVar,
        });
    }
    if let Some(dir) = env.xdg_dir("XDG_CONFIG_HOME") {
        return Ok(ConfigLocation {
            path: dir.join(APP_NAME).join(CONFIG_FILE_NAME),
            origin: PathOrigin::XdgConfigHome,
        });
    }
    match &env.platform.config_dir {
        Some(dir) => Ok(ConfigLocation {
            path: dir.join(CONFIG_FILE_NAME),
            origin: PathOrigin::Platform,
        }),
        None => Err(ConfigError::NoConfigDir),
    }
}

// ---------------------------------------------------------------------------------------------
// What the file holds

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
    overrides: BTreeMap<String, Vec<Key>>,
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
    /// Whether the routing header (VZCZC ..., FM/TO/INFO) shows above the cable's header.
    pub show_routing: bool,
    /// Wrap width in columns; 0 wraps at the pane's width.
    pub wrap_width: u16,
    pub date_format: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: Theme::Dark,
            colours: [None; 5],
            keys: KeyBindings::default(),
            filter: LevelFilter::all(),
            show_routing: false,
            wrap_width: 0,
            date_format: date::DEFAULT_DATE_FORMAT.to_owned(),
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

// ---------------------------------------------------------------------------------------------
// Errors

/// One problem in a config file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// The line of the file, to show under the message.
    pub source_line: String,
}

impl Problem {
    fn at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column, source_line) = line_column(text, offset);
        Problem {
            line,
            column,
            message: message.into(),
            source_line,
        }
    }
}

/// 1-based line and character column of a byte offset, and that line's text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.matches('\n').count() + 1;
    let column = text
        .get(line_start..offset)
        .map_or(0, |prefix| prefix.chars().count())
        + 1;
    let rest = text.get(line_start..).unwrap_or_default();
    let source_line = rest.lines().next().unwrap_or_default().to_owned();
    (line, column, source_line)
}

/// Everything that can go wrong with the config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("config file {} does not exist (named by {origin})", path.display())]
    Missing { path: PathBuf, origin: PathOrigin },
    #[error("no place for the config file: set {CONFIG_ENV} or XDG_CONFIG_HOME, or pass --config")]
    NoConfigDir,
    #[error("{}", render_problems(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("{} already exists; pass --force to overwrite it", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write config file {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

fn render_problems(path: &Path, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (n, problem) in problems.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let gutter = problem.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_pad: String = problem
            .source_line
            .chars()
            .take(problem.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(
            "{}:{}:{}: {}\n{pad} |\n{gutter} | {}\n{pad} | {caret_pad}^",
            path.display(),
            problem.line,
            problem.column,
            problem.message,
            problem.source_line,
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    theme: Theme,
    #[serde(alias = "colours")]
    colors: RawColours,
    keys: BTreeMap<Spanned<String>, Spanned<RawKeys>>,
    filter: Option<Spanned<RawFilter>>,
    show_routing: bool,
    wrap_width: Option<Spanned<i64>>,
    date_format: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawColours {
    #[serde(rename = "U", alias = "u")]
    u: Option<Colour>,
    #[serde(rename = "SBU", alias = "sbu")]
    sbu: Option<Colour>,
    #[serde(rename = "C", alias = "c")]
    c: Option<Colour>,
    #[serde(rename = "S", alias = "s")]
    s: Option<Colour>,
    #[serde(rename = "TS", alias = "ts")]
    ts: Option<Colour>,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawFilter {
    levels: Option<Vec<Spanned<String>>>,
    min_level: Option<LevelName>,
    show_unmarked: bool,
}

impl Default for RawFilter {
    fn default() -> RawFilter {
        RawFilter {
            levels: None,
            min_level: None,
            show_unmarked: true,
        }
    }
}

/// `"j"` or `["j", "down"]`.
#[derive(Debug)]
enum RawKeys {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for RawKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawKeys;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key such as \"j\" or a list of keys such as [\"j\", \"down\"]")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawKeys, E> {
                Ok(RawKeys::One(text.to_owned()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    keys.push(key);
                }
                Ok(RawKeys::Many(keys))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Reads a config file's text. `path` is only for messages. `actions` are the app's
/// keymap: `[keys]` may name only these, and no key may end up bound to two actions of one
/// context (counting the defaults of actions the file leaves alone).
pub fn parse_config(
    text: &str,
    path: &Path,
    actions: &[ActionSpec<'_>],
) -> Result<Config, ConfigError> {
    let invalid = |problems: Vec<Problem>| ConfigError::Invalid {
        path: path.to_path_buf(),
        problems,
    };
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            let message = error
                .message()
                .trim()
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            return Err(invalid(vec![Problem::at(text, offset, message)]));
        }
    };
    let mut problems = Vec::new();
    let mut config = Config {
        theme: raw.theme,
        colours: [
            raw.colors.u,
            raw.colors.sbu,
            raw.colors.c,
            raw.colors.s,
            raw.colors.ts,
        ],
        show_routing: raw.show_routing,
        ..Config::default()
    };

    if let Some(width) = raw.wrap_width {
        let value = *width.get_ref();
        match u16::try_from(value) {
            Ok(columns) if columns == 0 || (10..=1000).contains(&columns) => {
                config.wrap_width = columns;
            }
            _ => problems.push(Problem::at(
                text,
                width.span().start,
                format!("wrap_width {value} is out of range, expected 0 (the pane's width) or 10 to 1000 columns"),
            )),
        }
    }

    if let Some(format) = raw.date_format {
        let span = format.span();
        if let Err((at, message)) = date::check_format(format.get_ref()) {
            // The span includes the opening quote; offsets hold for strings without escapes.
            let offset = (span.start + 1 + at).min(span.end.saturating_sub(1));
            problems.push(Problem::at(text, offset, message));
        }
        config.date_format = format.into_inner();
    }

    if let Some(filter) = raw.filter {
        let span = filter.span();
        let filter = filter.into_inner();
        let problems_before = problems.len();
        let levels: Option<Vec<Level>> = filter.levels.map(|levels| {
            levels
                .into_iter()
                .filter_map(|level| match parse_level(level.get_ref()) {
                    Ok(level) => Some(level),
                    Err(message) => {
                        problems.push(Problem::at(text, level.span().start, message));
                        None
                    }
                })
                .collect()
        });
        config.filter = LevelFilter::from_parts(
            levels.as_deref(),
            filter.min_level.map(|level| level.0),
            filter.show_unmarked,
        );
        let hides_all = config.filter.levels().next().is_none() && !config.filter.show_unmarked;
        if hides_all && problems.len() == problems_before {
            problems.push(Problem::at(
                text,
                span.start,
                "this filter hides every paragraph, expected at least one level shown (`levels`, `min_level`) or `show_unmarked = true`",
            ));
        }
    }

    config.keys = read_keys(text, raw.keys, actions, &mut problems);

    if problems.is_empty() {
        Ok(config)
    } else {
        problems.sort_by_key(|problem| (problem.line, problem.column));
        Err(invalid(problems))
    }
}

fn read_keys(
    text: &str,
    raw: BTreeMap<Spanned<String>, Spanned<RawKeys>>,
    actions: &[ActionSpec<'_>],
    problems: &mut Vec<Problem>,
) -> KeyBindings {
    let known: Vec<&str> = actions.iter().map(|action| action.name).collect();
    let mut bindings = KeyBindings::default();
    // Where each of the file's keys was written, to point at it in conflicts.
    let mut written: BTreeMap<(String, Key), Range<usize>> = BTreeMap::new();

    for (action, keys) in raw {
        let action_span = action.span();
        let action = action.into_inner();
        if !known.contains(&action.as_str()) {
            let expected = if known.is_empty() {
                "no remappable actions are known".to_owned()
            } else {
                format!("expected one of {}", known.join(", "))
            };
            problems.push(Problem::at(
                text,
                action_span.start,
                format!("unknown action `{action}` in [keys], {expected}"),
            ));
            continue;
        }
        let keys_span = keys.span();
        let entries: Vec<(String, Range<usize>)> = match keys.into_inner() {
            RawKeys::One(key) => vec![(key, keys_span)],
            RawKeys::Many(keys) => keys
                .into_iter()
                .map(|key| {
                    let span = key.span();
                    (key.into_inner(), span)
                })
                .collect(),
        };
        let mut parsed: Vec<Key> = Vec::new();
        for (spelling, span) in entries {
            match spelling.parse::<Key>() {
                Ok(key) if parsed.contains(&key) => problems.push(Problem::at(
                    text,
                    span.start,
                    format!("key `{key}` is listed twice for `{action}`, expected each key once"),
                )),
                Ok(key) => {
                    written.insert((action.clone(), key), span);
                    parsed.push(key);
                }
                Err(error) => problems.push(Problem::at(text, span.start, error.0)),
            }
        }
        bindings.overrides.insert(action, parsed);
    }

    // Each key may do one thing per context, the defaults of untouched actions included.
    let mut owner: BTreeMap<(&str, Key), &str> = BTreeMap::new();
    for action in actions {
        let custom = bindings.overrides.get(action.name);
        let keys = custom.map_or(action.default_keys, Vec::as_slice);
        for key in keys {
            let Some(other) = owner.insert((action.context, *key), action.name) else {
                continue;
            };
            owner.insert((action.context, *key), other);
            let here = written.get(&(action.name.to_owned(), *key));
            let there = written.get(&(other.to_owned(), *key));
            let Some(span) = here.or(there) else {
                problems.push(Problem::at(
                    text,
                    0,
                    format!(
                        "the built-in keymap binds `{key}` to both `{other}` and `{}`; this is a bug in cable-reader",
                        action.name
                    ),
                ));
                continue;
            };
            let by_default = match (here, there) {
                (None, _) => Some(action.name),
                (_, None) => Some(other),
                _ => None,
            };
            let hint = by_default.map_or(String::new(), |name| {
                format!(
                    " (`{name}` has it by default; give `{name}` other keys in [keys] to free it)"
                )
            });
            let offset = span.start;
            let message = format!(
                "key `{key}` is bound to both `{other}` and `{}`{hint}, expected each key to do one thing",
                action.name
            );
            problems.push(Problem::at(text, offset, message));
        }
    }
    bindings
}

/// Reads the config at `location`. A missing file gives the defaults, unless the user named
/// it (`--config`, `$CABLE_READER_CONFIG`): then it is an error.
pub fn load_config(
    location: &ConfigLocation,
    actions: &[ActionSpec<'_>],
) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(&location.path) {
        Ok(text) => parse_config(&text, &location.path, actions),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if location.origin.is_explicit() {
                Err(ConfigError::Missing {
                    path: location.path.clone(),
                    origin: location.origin,
                })
            } else {
                Ok(Config::default())
            }
        }
        Err(source) => Err(ConfigError::Read {
            path: location.path.clone(),
            source,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The commented default and `cable-reader config ...`

fn toml_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        name.to_owned()
    } else {
        toml_string(name)
    }
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_keys(keys: &[Key]) -> String {
    let spelled: Vec<String> = keys
        .iter()
        .map(|key| toml_string(&key.to_string()))
        .collect();
    format!("[{}]", spelled.join(", "))
}

/// The commented default config: every setting, commented out, with its default value and
/// what it may be. Uncommenting any line keeps the file valid.
pub fn default_config_text(actions: &[ActionSpec<'_>]) -> String {
    let defaults = Config::default();
    let mut out = String::new();
    out.push_str(&format!(
        "# cable-reader configuration.\n\
         #\n\
         # Every setting is optional: a line left commented out keeps the built-in default\n\
         # shown here. `cable-reader config check` validates this file and names the line\n\
         # and column of any problem; the reader refuses to start on a broken file.\n\
         \n\
         # Colour theme: \"dark\", \"light\" or \"monochrome\" (no colours).\n\
         # theme = \"{}\"\n\
         \n\
         # Show the routing header (VZCZC..., FM, TO, INFO) above the cable's own header.\n\
         # show_routing = {}\n\
         \n\
         # Wrap text at this many columns (10 to 1000); 0 wraps at the pane's width.\n\
         # wrap_width = {}\n\
         \n\
         # How dates are shown, in UTC. Directives: {}.\n\
         # date_format = {}\n\
         \n\
         # The classification filter a cable opens with. Keys 1-5, u, f and 0 change it in the\n\
         # reader.\n\
         [filter]\n\
         # Levels to show, any of \"U\", \"SBU\", \"C\", \"S\", \"TS\".\n\
         # levels = [\"U\", \"SBU\", \"C\", \"S\", \"TS\"]\n\
         # Show only this level and above (narrows `levels`).\n\
         # min_level = \"U\"\n\
         # Show paragraphs that carry no classification marking.\n\
         # show_unmarked = true\n\
         \n\
         # Colours of the classification markings and banner, per level: {}.\n\
         # Levels left out take the theme's colour (shown: the dark theme's).\n\
         [colors]\n",
        defaults.theme.name(),
        defaults.show_routing,
        defaults.wrap_width,
        date::DIRECTIVES,
        toml_string(&defaults.date_format),
        COLOUR_NAMES_HELP,
    ));
    for level in Level::ALL {
        out.push_str(&format!(
            "# {} = \"{}\"\n",
            level.abbreviation(),
            Theme::Dark.level_colour(level)
        ));
    }
    out.push_str(&format!(
        "\n\
         # Key bindings: action = \"key\" or [\"key\", \"key\"]. A binding replaces the\n\
         # action's default keys; `action = []` unbinds it. A key may do one thing per\n\
         # context. Keys: {}.\n\
         [keys]\n",
        keys::KEY_NAMES
    ));
    let width = actions
        .iter()
        .map(|action| toml_key(action.name).len() + 3 + toml_keys(action.default_keys).len())
        .max()
        .unwrap_or(0);
    let mut context = None;
    for action in actions {
        if context != Some(action.context) {
            out.push_str(&format!("\n# {}\n", action.context));
            context = Some(action.context);
        }
        let line = format!(
            "{} = {}",
            toml_key(action.name),
            toml_keys(action.default_keys)
        );
        out.push_str(&format!(
            "# {line:<width$}  # {}\n",
            action.description.replace('\n', " ")
        ));
    }
    out.lines().map(wrap_comment).collect()
}

/// Wraps a long `# ` comment line at 88 columns; other lines pass with their newline.
fn wrap_comment(line: &str) -> String {
    const WIDTH: usize = 88;
    let Some(prose) = line
        .strip_prefix("# ")
        .filter(|_| line.chars().count() > WIDTH)
    else {
        return format!("{line}\n");
    };
    let mut out = String::new();
    let mut current = String::from("#");
    for word in prose.split(' ') {
        if current.len() > 1 && current.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&current);
            out.push('\n');
            current = String::from("#");
        }
        current.push(' ');
        current.push_str(word);
    }
    out.push_str(&current);
    out.push('\n');
    out
}

/// `cable-reader config path|init|check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigCommand {
    /// Print the path of the config file in use.
    Path,
    /// Write the commented default there; `force` overwrites an existing file.
    Init { force: bool },
    /// Validate the file.
    Check,
}

/// Runs a `config` subcommand. `Ok` is the text to print on stdout (exit 0); `Err` is the
/// message for stderr (exit non-zero).
pub fn run_config_command(
    command: ConfigCommand,
    flag: Option<&Path>,
    env: &Environment,
    actions: &[ActionSpec<'_>],
) -> Result<String, ConfigError> {
    let location = config_location(flag, env)?;
    let path = &location.path;
    match command {
        ConfigCommand::Path => Ok(format!("{}\n", path.display())),
        ConfigCommand::Init { force } => {
            if !force && std::fs::symlink_metadata(path).is_ok() {
                return Err(ConfigError::Exists { path: path.clone() });
            }
            let write_error = |source| ConfigError::Write {
                path: path.clone(),
                source,
            };
            if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(write_error)?;
            }
            crate::state::atomic::write_atomic(path, default_config_text(actions).as_bytes())
                .map_err(write_error)?;
            Ok(format!("wrote {}\n", path.display()))
        }
        ConfigCommand::Check => {
            if !location.origin.is_explicit() && !path.exists() {
                return Ok(format!(
                    "{}: no config file; the built-in defaults apply\n",
                    path.display()
                ));
            }
            load_config(&location, actions)?;
            Ok(format!("{}: ok\n", path.display()))
        }
    }
}
