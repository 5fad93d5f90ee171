//! A config that sets everything, read into the typed `Config`, and the keymap it gives.

use std::path::Path;

use cable_reader::cable::Level;
use cable_reader::config::{
    default_config_text, parse_config, ActionSpec, Binding, Colour, Config, ConfigError, Key,
    KeyBindings, KeyCode, LevelFilter, Theme,
};

const ACTIONS: &[ActionSpec<'static>] = &[
    ActionSpec {
        name: "down",
        context: "reader",
        description: "Next paragraph",
        default_keys: &[Key::char('j'), Key::plain(KeyCode::Down)],
    },
    ActionSpec {
        name: "page_down",
        context: "reader",
        description: "Next page",
        default_keys: &[Key::char(' '), Key::plain(KeyCode::PageDown)],
    },
    ActionSpec {
        name: "quit",
        context: "reader",
        description: "Quit",
        default_keys: &[Key::char('q'), Key::ctrl('c')],
    },
    ActionSpec {
        name: "help",
        context: "reader",
        description: "Show the keys",
        default_keys: &[Key::char('?'), Key::plain(KeyCode::F(1))],
    },
];

#[test]
fn a_partial_file_sets_one_value() -> Result<(), ConfigError> {
    let config = parse_config("show_routing = true\n", Path::new("c.toml"), ACTIONS)?;
    assert_eq!(
        config,
        Config {
            show_routing: true,
            ..Config::default()
        }
    );
    Ok(())
}

#[test]
fn every_setting() -> Result<(), ConfigError> {
    let text = r##"
theme = "light"
show_routing = true
mouse = false
wrap_width = 100
date_format = "%d %b %Y"

[filter]
levels = ["sbu", "C", "secret", "TS"]
min_level = "C"
show_unmarked = false

[colours]
U = "Light-Green"
s = "#C8102E"
TS = "orange"

[corpus]
cache_dir = "/tmp/summaries"
sort = "Date"
reverse = true
limit = "~c S ~o Mexico"

[keys]
down = ["n", "ctrl-n", "shift-down"]
quit = "Q"
help = []
"##;
    let config = parse_config(text, Path::new("c.toml"), ACTIONS)?;
    let mut filter = LevelFilter::at_least(Level::Confidential, false);
    assert_eq!(filter.to_string(), "C+ -unmarked");
    assert_eq!(config.filter, filter);
    filter.toggle(Level::Secret);
    assert_eq!(filter.to_string(), "C,TS -unmarked");

    assert_eq!(config.theme, Theme::Light);
    assert!(config.show_routing);
    assert!(!config.mouse, "the mouse left to the terminal");
    assert!(Config::default().mouse, "taken by default");
    assert_eq!(config.wrap_width, 100);
    assert_eq!(config.date_format, "%d %b %Y");
    assert_eq!(
        config.corpus,
        cable_reader::config::CorpusSettings {
            cache_dir: Some("/tmp/summaries".into()),
            sort: cable_reader::corpus::sort::SortKey::Date,
            reverse: true,
            limit: "~c S ~o Mexico".to_owned(),
        }
    );
    assert_eq!(
        config.colours,
        [
            Some(Colour::LightGreen),
            None,
            None,
            Some(Colour::Rgb(0xc8, 0x10, 0x2e)),
            Some(Colour::Rgb(0xff, 0x8c, 0x00)),
        ]
    );
    // The theme fills in what the file leaves out.
    assert_eq!(
        config.level_colour(Level::Confidential),
        Colour::Rgb(0x00, 0x33, 0xa0)
    );
    assert_eq!(config.level_colour(Level::Unclassified), Colour::LightGreen);

    let keymap = config.keymap(ACTIONS);
    let shown: Vec<(&str, String, bool)> = keymap
        .iter()
        .map(
            |Binding {
                 action,
                 keys,
                 remapped,
                 ..
             }| {
                let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
                (*action, keys.join(" "), *remapped)
            },
        )
        .collect();
    assert_eq!(
        shown,
        vec![
            ("down", "n ctrl-n shift-down".to_owned(), true),
            ("page_down", "space pgdown".to_owned(), false),
            ("quit", "Q".to_owned(), true),
            ("help", String::new(), true),
        ]
    );
    assert_ne!(config.keys, KeyBindings::default());
    assert_eq!(config.keys.get("help"), Some(&[][..]));
    Ok(())
}

#[test]
fn freeing_a_default_key_lets_another_action_take_it() -> Result<(), ConfigError> {
    // `q` belongs to quit by default: give quit other keys, then `q` is free for help.
    let text = "[keys]\nquit = \"ctrl-q\"\nhelp = \"q\"\n";
    let config = parse_config(text, Path::new("c.toml"), ACTIONS)?;
    let help = config
        .keymap(ACTIONS)
        .into_iter()
        .find(|b| b.action == "help");
    assert_eq!(help.map(|b| b.keys), Some(vec![Key::char('q')]));
    Ok(())
}

#[test]
fn print_the_default_file() {
    // Shown with --nocapture, to read the commented default by eye.
    println!("{}", default_config_text(ACTIONS));
}
