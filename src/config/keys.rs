//! Key syntax for bindings: `j`, `G`, `?`, `ctrl-c`, `alt-x`, `shift-up`, `pgdown`, `space`,
//! `enter`, `esc`, `tab`, `shift-tab`, `f1` ... One `Key` type for the config and the app's
//! keymap, with no terminal library in it; the app converts its key events to `Key`.

use std::fmt;
use std::str::FromStr;

/// A key without modifiers. Letters and symbols are `Char`, upper case included: `G` is
/// `Char('G')`, never shift + `g`, since terminals send the character itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab, as terminals send it.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    /// F1 to F24.
    F(u8),
}

/// A key and its modifiers, in canonical form: letters under `ctrl` are lower case; shift is
/// only set for keys that have no shifted character (`shift-up`), and `shift-tab` is
/// `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl Key {
    /// A key with no modifier.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// A character key with no modifier: `Key::char('j')`.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl and a character: `Key::ctrl('c')`.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
            alt: false,
            shift: false,
        }
    }

    /// The canonical form of a key as a terminal reports it: drops shift on characters
    /// (the character already says it), lower-cases letters under ctrl, turns shift + Tab
    /// into BackTab.
    pub fn normalized(self) -> Key {
        let mut key = self;
        match key.code {
            KeyCode::Char(c) => {
                key.shift = false;
                if key.ctrl {
                    key.code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::Tab if key.shift => {
                key.code = KeyCode::BackTab;
                key.shift = false;
            }
            KeyCode::BackTab => key.shift = false,
            _ => {}
        }
        key
    }
}

/// The key names a binding may use, for messages and the commented default config.
pub const KEY_NAMES: &str = "a single character (`j`, `G`, `?`), or enter, esc, tab, \
shift-tab, backspace, delete, insert, home, end, pgup, pgdown, up, down, left, right, space, \
f1 to f24, each with optional ctrl-, alt- or shift- in front";

fn named(name: &str) -> Option<KeyCode> {
    let code = match name.to_ascii_lowercase().as_str() {
        "enter" | "return" | "cr" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdown" | "pgdn" | "pagedown" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "space" | "spc" => KeyCode::Char(' '),
        "minus" => KeyCode::Char('-'),
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        other => {
            let number = other.strip_prefix('f')?;
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u8 = number.parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    };
    Some(code)
}

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParseError(pub String);

impl fmt::Display for KeyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyParseError {}

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Key, KeyParseError> {
        let fail = |why: &str| {
            Err(KeyParseError(format!(
                "`{text}` is not a key{why}; expected {KEY_NAMES}"
            )))
        };
        if text.is_empty() {
            return fail(" (empty)");
        }
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "meta-", "shift-", "s-"]
                .into_iter()
                .find(|prefix| lower.starts_with(prefix) && rest.len() > prefix.len());
            let Some(prefix) = prefix else { break };
            let flag = match prefix {
                "ctrl-" | "c-" => &mut key.ctrl,
                "alt-" | "a-" | "m-" | "meta-" => &mut key.alt,
                _ => &mut key.shift,
            };
            if *flag {
                return fail(" (a modifier is given twice)");
            }
            *flag = true;
            rest = rest.get(prefix.len()..).unwrap_or_default();
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if c.is_control() || c.is_whitespace() {
                    return fail(" (write `space`, `tab` or `enter` for those keys)");
                }
                KeyCode::Char(c)
            }
            _ => match named(rest) {
                Some(code) => code,
                None => return fail(""),
            },
        };
        key.code = code;
        if key.shift {
            match code {
                KeyCode::Char(c) if c.is_ascii_lowercase() => {
                    key.code = KeyCode::Char(c.to_ascii_uppercase());
                    key.shift = false;
                }
                KeyCode::Char(c) if c.is_ascii_uppercase() => key.shift = false,
                KeyCode::Char(_) => {
                    return fail(
                        " (write the shifted character itself, e.g. `?` rather than `shift-/`)",
                    );
                }
                KeyCode::Tab => {
                    key.code = KeyCode::BackTab;
                    key.shift = false;
                }
                _ => {}
            }
        }
        if key.ctrl {
            if let KeyCode::Char(c) = key.code {
                key.code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    /// The canonical spelling, as `?` overlays and messages show it: `ctrl-c`, `G`,
    /// `shift-tab`, `pgdown`, `space`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdown"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::F(n) => write!(f, "f{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        match text.parse() {
            Ok(key) => key,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn every_spelling_in_the_issue_parses_and_prints_back() {
        for text in [
            "j",
            "G",
            "ctrl-c",
            "pgdown",
            "space",
            "enter",
            "esc",
            "tab",
            "shift-tab",
            "f1",
            "up",
            "?",
            "-",
            "ctrl--",
            "alt-x",
            "shift-up",
            "f24",
        ] {
            assert_eq!(key(text).to_string(), text);
        }
    }

    #[test]
    fn aliases_are_canonicalised() {
        assert_eq!(key("C-C"), Key::ctrl('c'));
        assert_eq!(key("shift-g"), Key::char('G'));
        assert_eq!(key("PageDown"), key("pgdown"));
        assert_eq!(key("backtab"), key("shift-tab"));
        assert_eq!(key("Escape").to_string(), "esc");
    }

    #[test]
    fn bad_keys_say_what_was_expected() {
        for text in [
            "",
            "ctrl-",
            "f0",
            "f25",
            "shift-/",
            "ctrl-ctrl-c",
            "pgdwn",
            " ",
        ] {
            let error = text.parse::<Key>().err();
            let message = error.map(|e| e.0).unwrap_or_default();
            assert!(
                message.contains("expected a single character"),
                "{text:?}: {message}"
            );
        }
    }

    #[test]
    fn terminal_events_normalise_to_the_parsed_form() {
        let shifted_g = Key {
            code: KeyCode::Char('G'),
            ctrl: false,
            alt: false,
            shift: true,
        };
        assert_eq!(shifted_g.normalized(), key("G"));
        let shift_tab = Key {
            shift: true,
            ..Key::plain(KeyCode::Tab)
        };
        assert_eq!(shift_tab.normalized(), key("shift-tab"));
    }
}
