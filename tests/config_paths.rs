//! Where the config is found, and `config path|init|check`, with the environment built in
//! the test: the real environment and home are never read.

use std::fs;
use std::path::{Path, PathBuf};

use cable_reader::config::{
    config_location, default_config_text, load_config, parse_config, run_config_command,
    ActionSpec, Config, ConfigCommand, ConfigError, Environment, Key, KeyCode, PathOrigin,
    PlatformDirs,
};

const ACTIONS: &[ActionSpec<'static>] = &[
    ActionSpec {
        name: "down",
        context: "reader",
        description: "Next paragraph",
        default_keys: &[Key::char('j'), Key::plain(KeyCode::Down)],
    },
    ActionSpec {
        name: "quit",
        context: "reader",
        description: "Quit",
        default_keys: &[Key::char('q'), Key::ctrl('c')],
    },
    ActionSpec {
        name: "bookmark.delete",
        context: "bookmarks",
        description: "Delete the bookmark",
        default_keys: &[Key::char('d'), Key::plain(KeyCode::Delete)],
    },
];

fn platform() -> PlatformDirs {
    PlatformDirs {
        config_dir: Some(PathBuf::from("/platform/config/cable-reader")),
        state_dir: None,
        data_dir: Some(PathBuf::from("/platform/data/cable-reader")),
    }
}

fn everything() -> Environment {
    Environment::empty()
        .with_var("CABLE_READER_CONFIG", "/env/config.toml")
        .with_var("XDG_CONFIG_HOME", "/xdg")
        .with_platform_dirs(platform())
}

fn located(flag: Option<&Path>, env: &Environment) -> (PathBuf, PathOrigin) {
    match config_location(flag, env) {
        Ok(location) => (location.path, location.origin),
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn flag_beats_env_beats_xdg_beats_platform() {
    let env = everything();
    assert_eq!(
        located(Some(Path::new("/flag.toml")), &env),
        (PathBuf::from("/flag.toml"), PathOrigin::Flag)
    );
    assert_eq!(
        located(None, &env),
        (PathBuf::from("/env/config.toml"), PathOrigin::EnvVar)
    );
    let env = Environment::empty()
        .with_var("XDG_CONFIG_HOME", "/xdg")
        .with_platform_dirs(platform());
    assert_eq!(
        located(None, &env),
        (
            PathBuf::from("/xdg/cable-reader/config.toml"),
            PathOrigin::XdgConfigHome
        )
    );
    let env = Environment::empty().with_platform_dirs(platform());
    assert_eq!(
        located(None, &env),
        (
            PathBuf::from("/platform/config/cable-reader/config.toml"),
            PathOrigin::Platform
        )
    );
}

#[test]
fn empty_and_relative_variables_are_ignored() {
    let env = Environment::empty()
        .with_var("CABLE_READER_CONFIG", "")
        .with_var("XDG_CONFIG_HOME", "relative/dir")
        .with_platform_dirs(platform());
    assert_eq!(located(None, &env).1, PathOrigin::Platform);
}

#[test]
fn no_place_at_all_is_an_error() {
    assert!(matches!(
        config_location(None, &Environment::empty()),
        Err(ConfigError::NoConfigDir)
    ));
}

#[test]
fn missing_default_file_means_defaults_but_a_named_one_is_an_error() -> Result<(), ConfigError> {
    let dir = tempfile::tempdir().map_err(|source| ConfigError::Read {
        path: PathBuf::new(),
        source,
    })?;
    let env = Environment::empty().with_var("XDG_CONFIG_HOME", dir.path());
    let location = config_location(None, &env)?;
    assert_eq!(load_config(&location, ACTIONS)?, Config::default());

    let named = dir.path().join("nowhere.toml");
    let location = config_location(Some(&named), &env)?;
    let error = load_config(&location, ACTIONS).err().map(|e| e.to_string());
    assert_eq!(
        error,
        Some(format!(
            "config file {} does not exist (named by --config)",
            named.display()
        ))
    );
    Ok(())
}

#[test]
fn path_init_check() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let env = Environment::empty().with_var("XDG_CONFIG_HOME", dir.path());
    let path = dir.path().join("cable-reader").join("config.toml");

    let printed = run_config_command(ConfigCommand::Path, None, &env, ACTIONS)?;
    assert_eq!(printed, format!("{}\n", path.display()));

    let checked = run_config_command(ConfigCommand::Check, None, &env, ACTIONS)?;
    assert_eq!(
        checked,
        format!(
            "{}: no config file; the built-in defaults apply\n",
            path.display()
        )
    );

    let wrote = run_config_command(ConfigCommand::Init { force: false }, None, &env, ACTIONS)?;
    assert_eq!(wrote, format!("wrote {}\n", path.display()));
    assert_eq!(fs::read_to_string(&path)?, default_config_text(ACTIONS));

    let checked = run_config_command(ConfigCommand::Check, None, &env, ACTIONS)?;
    assert_eq!(checked, format!("{}: ok\n", path.display()));

    // A second init refuses, and leaves the user's file alone.
    fs::write(&path, "theme = \"light\"\n")?;
    let refused = run_config_command(ConfigCommand::Init { force: false }, None, &env, ACTIONS);
    assert_eq!(
        refused.err().map(|e| e.to_string()),
        Some(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        ))
    );
    assert_eq!(fs::read_to_string(&path)?, "theme = \"light\"\n");
    run_config_command(ConfigCommand::Init { force: true }, None, &env, ACTIONS)?;
    assert_eq!(fs::read_to_string(&path)?, default_config_text(ACTIONS));

    // Check fails on a broken file, with the place of the problem.
    fs::write(&path, "theme = \"light\"\nwrap = 80\n")?;
    let failed = run_config_command(ConfigCommand::Check, None, &env, ACTIONS);
    let message = failed.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.starts_with(&format!("{}:2:1: unknown field `wrap`", path.display())),
        "{message}"
    );
    Ok(())
}

#[test]
fn the_commented_default_reads_as_the_defaults_even_uncommented() -> Result<(), ConfigError> {
    let text = default_config_text(ACTIONS);
    let path = Path::new("config.toml");
    assert_eq!(parse_config(&text, path, ACTIONS)?, Config::default());

    // Uncomment every setting line (not the prose): the values shown are the defaults.
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(setting)
                if setting
                    .split_once(" = ")
                    .is_some_and(|(key, _)| !key.contains(' ')) =>
            {
                setting.to_owned()
            }
            _ => line.to_owned(),
        })
        .map(|line| line + "\n")
        .collect();
    assert_ne!(uncommented, text);
    let config = parse_config(&uncommented, path, ACTIONS)?;
    let defaults = Config::default();
    assert_eq!(config.theme, defaults.theme);
    assert_eq!(config.filter, defaults.filter);
    assert_eq!(config.date_format, defaults.date_format);
    assert_eq!(
        config.keymap(ACTIONS),
        defaults
            .keymap(ACTIONS)
            .into_iter()
            .map(|mut b| {
                b.remapped = true;
                b
            })
            .collect::<Vec<_>>()
    );
    Ok(())
}

#[test]
fn the_commented_default_by_eye() {
    let text = default_config_text(ACTIONS);
    let keys = text.split("[keys]\n").nth(1).unwrap_or_default();
    assert_eq!(
        keys,
        "
# reader
# down = [\"j\", \"down\"]                 # Next paragraph
# quit = [\"q\", \"ctrl-c\"]               # Quit

# bookmarks
# \"bookmark.delete\" = [\"d\", \"delete\"]  # Delete the bookmark
"
    );
    assert!(text.contains("\n[colors]\n# U = \"green\"\n# SBU = \"magenta\"\n# C = \"lightblue\"\n# S = \"lightred\"\n# TS = \"#ff8c00\"\n"));
}
