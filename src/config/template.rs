//! The commented default file and `cable-reader config path|init|check`.

use std::path::Path;

use super::date;
use super::diagnostics::ConfigError;
use super::keys::{self, Key};
use super::paths::{config_location, Environment};
use super::schema::{ActionSpec, Config, Theme, COLOUR_NAMES_HELP};
use super::validate::load_config;
use crate::cable::Level;

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
         # Take the mouse (wheel scrolls, clicks select). false leaves it to the terminal, so\n\
         # its own selection works; `M` in the reader switches between the two.\n\
         # mouse = {}\n\
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
         # Handling caveats to show, any of \"NOFORN\", \"REL TO\", \"FOUO/SBU\" (keys 6-8); a\n\
         # paragraph marked with a caveat left out is hidden.\n\
         # caveats = [\"NOFORN\", \"REL TO\", \"FOUO/SBU\"]\n\
         \n\
         # Lists of many cables (`cable-reader list`, a cables.csv in the reader).\n\
         [corpus]\n\
         # Where summaries of big files are cached; empty: $XDG_CACHE_HOME/cable-reader, else\n\
         # the platform's cache folder.\n\
         # cache_dir = \"\"\n\
         # Sort by source (the files' order), date, id, origin, classification or subject.\n\
         # sort = \"{}\"\n\
         # reverse = {}\n\
         # The limit a list starts with, in the limit language (see the README), e.g.\n\
         # \"~c S ~d 2009..\"; empty: every cable.\n\
         # limit = \"\"\n\
         \n\
         # Colours of the classification markings and banner, per level: {}.\n\
         # Levels left out take the theme's colour (shown: the dark theme's).\n\
         [colors]\n",
        defaults.theme.name(),
        defaults.show_routing,
        defaults.mouse,
        defaults.wrap_width,
        date::DIRECTIVES,
        toml_string(&defaults.date_format),
        defaults.corpus.sort.name(),
        defaults.corpus.reverse,
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
            crate::atomic::write_atomic(path, default_config_text(actions).as_bytes())
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
