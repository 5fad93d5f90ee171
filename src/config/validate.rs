//! Reading a config file: the raw TOML shapes, then every value checked, each problem kept
//! with its place.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::caveats::{parse_caveat, CaveatFilter};
use super::date;
use super::diagnostics::{ConfigError, Problem};
use super::filter::{parse_level, LevelFilter, LevelName};
use super::keys::Key;
use super::paths::ConfigLocation;
use super::schema::{ActionSpec, Colour, Config, KeyBindings, Theme};
use crate::cable::Level;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawConfig {
    theme: Theme,
    #[serde(alias = "colours")]
    colors: RawColours,
    keys: BTreeMap<Spanned<String>, Spanned<RawKeys>>,
    filter: Option<Spanned<RawFilter>>,
    show_routing: bool,
    mouse: Option<bool>,
    wrap_width: Option<Spanned<i64>>,
    date_format: Option<Spanned<String>>,
    corpus: RawCorpus,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawCorpus {
    cache_dir: Option<String>,
    sort: Option<Spanned<String>>,
    reverse: bool,
    limit: Option<Spanned<String>>,
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
    caveats: Option<Vec<Spanned<String>>>,
}

impl Default for RawFilter {
    fn default() -> RawFilter {
        RawFilter {
            levels: None,
            min_level: None,
            show_unmarked: true,
            caveats: None,
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
        mouse: raw.mouse.unwrap_or(true),
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

    read_corpus(text, raw.corpus, &mut config, &mut problems);

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
        if let Some(caveats) = filter.caveats {
            let indices: Vec<usize> = caveats
                .into_iter()
                .filter_map(|caveat| match parse_caveat(caveat.get_ref()) {
                    Ok(index) => Some(index),
                    Err(message) => {
                        problems.push(Problem::at(text, caveat.span().start, message));
                        None
                    }
                })
                .collect();
            config.caveats = CaveatFilter::only(&indices);
        }
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

/// The `[corpus]` table: the sort key must be one, the limit must parse (a mistake is
/// placed at its column inside the string).
fn read_corpus(text: &str, raw: RawCorpus, config: &mut Config, problems: &mut Vec<Problem>) {
    config.corpus.cache_dir = raw
        .cache_dir
        .filter(|dir| !dir.is_empty())
        .map(std::path::PathBuf::from);
    config.corpus.reverse = raw.reverse;
    if let Some(sort) = raw.sort {
        match sort.get_ref().parse() {
            Ok(key) => config.corpus.sort = key,
            Err(message) => problems.push(Problem::at(text, sort.span().start, message)),
        }
    }
    if let Some(limit) = raw.limit {
        let span = limit.span();
        let limit = limit.into_inner();
        match crate::corpus::limit::parse_limit(&limit) {
            Ok(_) => config.corpus.limit = limit,
            Err(error) => {
                // The span includes the opening quote; offsets hold for strings without
                // escapes.
                let at = limit
                    .char_indices()
                    .nth(error.column.saturating_sub(1))
                    .map_or(limit.len(), |(at, _)| at);
                let offset = (span.start + 1 + at).min(span.end.saturating_sub(1));
                problems.push(Problem::at(
                    text,
                    offset,
                    format!("limit: {}", error.message),
                ));
            }
        }
    }
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
