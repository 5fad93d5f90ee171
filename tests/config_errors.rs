//! Every kind of config problem, reported with the file, line and column and what was
//! expected. Whole messages are compared.

use std::path::Path;

use cable_reader::config::{parse_config, ActionSpec, ConfigError, Key, KeyCode};

const ACTIONS: &[ActionSpec<'static>] = &[
    ActionSpec {
        name: "down",
        context: "reader",
        description: "Next paragraph",
        default_keys: &[Key::char('j'), Key::plain(KeyCode::Down)],
    },
    ActionSpec {
        name: "up",
        context: "reader",
        description: "Previous paragraph",
        default_keys: &[Key::char('k'), Key::plain(KeyCode::Up)],
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
        default_keys: &[Key::char('d')],
    },
];

const PATH: &str = "/home/u/.config/cable-reader/config.toml";

fn error(text: &str) -> ConfigError {
    match parse_config(text, Path::new(PATH), ACTIONS) {
        Ok(config) => panic!("expected an error, got {config:?}"),
        Err(error) => error,
    }
}

fn check(text: &str, expected: &str) {
    let got = error(text).to_string();
    let expected = expected.replace("$PATH", PATH);
    assert_eq!(
        got, expected,
        "\n--- got ---\n{got}\n--- expected ---\n{expected}"
    );
}

#[test]
fn unknown_top_level_key() {
    check(
        "theme = \"dark\"\ncolour_theme = \"light\"\n",
        "$PATH:2:1: unknown field `colour_theme`, expected one of `theme`, `colors`, `colours`, `keys`, `filter`, `show_routing`, `mouse`, `wrap_width`, `date_format`, `corpus`
  |
2 | colour_theme = \"light\"
  | ^",
    );
}

#[test]
fn unknown_theme() {
    check(
        "theme = \"blue\"\n",
        "$PATH:1:9: unknown variant `blue`, expected one of `dark`, `light`, `monochrome`
  |
1 | theme = \"blue\"
  |         ^",
    );
}

#[test]
fn wrong_type() {
    check(
        "show_routing = \"yes\"\n",
        "$PATH:1:16: invalid type: string \"yes\", expected a boolean
  |
1 | show_routing = \"yes\"
  |                ^",
    );
}

#[test]
fn bad_colour() {
    check(
        "[colors]\nS = \"bright red\"\n",
        "$PATH:2:5: unknown colour `bright red`, expected a name (default, black, red, green, yellow, blue, magenta or purple, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white, orange) or \"#rrggbb\"
  |
2 | S = \"bright red\"
  |     ^",
    );
    let short_hex = error("[colours]\nTS = \"#ff80\"\n").to_string();
    assert!(short_hex.starts_with(&format!("{PATH}:2:6: unknown colour `#ff80`")));
}

#[test]
fn unknown_level_in_colours() {
    check(
        "[colors]\nX = \"red\"\n",
        "$PATH:2:1: unknown field `X`, expected one of `U`, `u`, `SBU`, `sbu`, `C`, `c`, `S`, `s`, `TS`, `ts`
  |
2 | X = \"red\"
  | ^",
    );
}

#[test]
fn wrap_width_out_of_range() {
    check(
        "wrap_width = -3\n",
        "$PATH:1:14: wrap_width -3 is out of range, expected 0 (the pane's width) or 10 to 1000 columns
  |
1 | wrap_width = -3
  |              ^",
    );
    check(
        "# narrow\n  wrap_width = 5\n",
        "$PATH:2:16: wrap_width 5 is out of range, expected 0 (the pane's width) or 10 to 1000 columns
  |
2 |   wrap_width = 5
  |                ^",
    );
}

#[test]
fn bad_date_directive_points_into_the_string() {
    check(
        "date_format = \"%Y %q\"\n",
        "$PATH:1:19: unknown directive `%q` in date_format, expected one of %Y (2010), %y (10), %m (01), %d (29), %e (29, space-padded), %H (20), %M (49), %b (Jan), %B (January), %Z (UTC), %F (%Y-%m-%d), %R (%H:%M), %%
  |
1 | date_format = \"%Y %q\"
  |                   ^",
    );
}

#[test]
fn unknown_level_in_filter_points_at_the_element() {
    check(
        "[filter]\nlevels = [\"U\", \"Q\"]\n",
        "$PATH:2:16: unknown classification level `Q`, expected one of U, SBU, C, S, TS
  |
2 | levels = [\"U\", \"Q\"]
  |                ^",
    );
    check(
        "[filter]\nmin_level = \"high\"\n",
        "$PATH:2:13: unknown classification level `high`, expected one of U, SBU, C, S, TS
  |
2 | min_level = \"high\"
  |             ^",
    );
}

#[test]
fn filter_that_hides_everything() {
    check(
        "[filter]\nlevels = []\nshow_unmarked = false\n",
        "$PATH:1:1: this filter hides every paragraph, expected at least one level shown (`levels`, `min_level`) or `show_unmarked = true`
  |
1 | [filter]
  | ^",
    );
}

#[test]
fn unknown_action() {
    check(
        "[keys]\nfly = \"f\"\n",
        "$PATH:2:1: unknown action `fly` in [keys], expected one of down, up, quit, bookmark.delete
  |
2 | fly = \"f\"
  | ^",
    );
}

#[test]
fn bad_key_syntax() {
    check(
        "[keys]\nquit = \"ctrl-\"\n",
        "$PATH:2:8: `ctrl-` is not a key; expected a single character (`j`, `G`, `?`), or enter, esc, tab, shift-tab, backspace, delete, insert, home, end, pgup, pgdown, up, down, left, right, space, f1 to f24, each with optional ctrl-, alt- or shift- in front
  |
2 | quit = \"ctrl-\"
  |        ^",
    );
}

#[test]
fn key_of_the_wrong_type() {
    check(
        "[keys]\nquit = 3\n",
        "$PATH:2:8: invalid type: integer `3`, expected a key such as \"j\" or a list of keys such as [\"j\", \"down\"]
  |
2 | quit = 3
  |        ^",
    );
}

#[test]
fn key_taken_from_another_actions_defaults() {
    check(
        "[keys]\nquit = [\"x\", \"j\"]\n",
        "$PATH:2:14: key `j` is bound to both `down` and `quit` (`down` has it by default; give `down` other keys in [keys] to free it), expected each key to do one thing
  |
2 | quit = [\"x\", \"j\"]
  |              ^",
    );
}

#[test]
fn key_bound_twice_in_the_file() {
    check(
        "[keys]\nquit = \"x\"\ndown = [\"n\", \"x\"]\n",
        "$PATH:2:8: key `x` is bound to both `down` and `quit`, expected each key to do one thing
  |
2 | quit = \"x\"
  |        ^",
    );
    check(
        "[keys]\nquit = [\"x\", \"x\"]\n",
        "$PATH:2:14: key `x` is listed twice for `quit`, expected each key once
  |
2 | quit = [\"x\", \"x\"]
  |              ^",
    );
}

#[test]
fn same_key_in_two_contexts_is_fine() {
    let text = "[keys]\nup = \"d\"\n\"bookmark.delete\" = \"j\"\n";
    assert!(parse_config(text, Path::new(PATH), ACTIONS).is_ok());
}

#[test]
fn toml_syntax_error() {
    check(
        "theme = \n",
        "$PATH:1:9: string values must be quoted, expected literal string
  |
1 | theme = 
  |         ^",
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    check(
        "# état\ndate_format = \"€ %Y %K\"\n",
        "$PATH:2:21: unknown directive `%K` in date_format, expected one of %Y (2010), %y (10), %m (01), %d (29), %e (29, space-padded), %H (20), %M (49), %b (Jan), %B (January), %Z (UTC), %F (%Y-%m-%d), %R (%H:%M), %%
  |
2 | date_format = \"€ %Y %K\"
  |                     ^",
    );
}

#[test]
fn several_problems_are_all_reported_in_file_order() {
    let error = error("wrap_width = 3\n[keys]\nfly = \"f\"\nquit = \"nope\"\n");
    let ConfigError::Invalid { path, problems } = error else {
        panic!("expected Invalid");
    };
    assert_eq!(path, Path::new(PATH));
    let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(places, vec![(1, 14), (3, 1), (4, 8)]);
}

#[test]
fn corpus_sort_and_limit() {
    check(
        "[corpus]\nsort = \"size\"\n",
        "$PATH:2:8: no sort key `size`; keys are source, date, id, origin, classification, subject
  |
2 | sort = \"size\"
  |        ^",
    );
    check(
        "[corpus]\nlimit = \"~c S ~d 2009-13\"\n",
        "$PATH:2:18: limit: ~d 2009-13: no month 13
  |
2 | limit = \"~c S ~d 2009-13\"
  |                  ^",
    );
    check(
        "[corpus]\nlimits = \"\"\n",
        "$PATH:2:1: unknown field `limits`, expected one of `cache_dir`, `sort`, `reverse`, `limit`
  |
2 | limits = \"\"
  | ^",
    );
}
