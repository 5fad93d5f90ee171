//! The keymap is data: each binding has its keys, its action, a section and a description,
//! and optionally a short hint for the status bar. The `?` overlay and the hints are drawn
//! from it, so they always say what the keys do. `Keymap::bind` lets a config remap keys.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::state::Mode;
use crate::cable::Level;

/// A key as the keymap knows it: a code with Ctrl and Alt (Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        let code = match event.code {
            // Some terminals report Ctrl-letters as upper case with Shift.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Reads a key as a config file would write it: `j`, `G`, `ctrl-c`, `PageDown`, `Space`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(stripped) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("c-")) {
                key.ctrl = true;
                rest = rest.get(rest.len() - stripped.len()..)?;
            } else if let Some(stripped) = lower.strip_prefix("alt-").or(lower.strip_prefix("m-")) {
                key.alt = true;
                rest = rest.get(rest.len() - stripped.len()..)?;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "f1" => KeyCode::F(1),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                _ => return None,
            },
        };
        Some(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Where a binding is listed in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Move,
    Panes,
    Cables,
    Filter,
    Search,
    /// Keys while typing a search.
    Typing,
    Other,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Move,
        Section::Panes,
        Section::Cables,
        Section::Filter,
        Section::Search,
        Section::Typing,
        Section::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Moving",
            Section::Panes => "Panes and views",
            Section::Cables => "Several cables",
            Section::Filter => "Classification filter",
            Section::Search => "Search",
            Section::Typing => "While typing a search",
            Section::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub section: Section,
    pub description: &'static str,
    /// A word for the status bar's key hints, for the bindings worth hinting.
    pub hint: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use KeyCode as K;
        let mut map = Keymap {
            bindings: Vec::new(),
        };
        let mut add = |keys: Vec<Key>,
                       action: Action,
                       section: Section,
                       description: &'static str,
                       hint: Option<&'static str>| {
            map.bindings.push(Binding {
                keys,
                action,
                section,
                description,
                hint,
            });
        };
        let p = Key::plain;
        let c = Key::char;
        use Section::*;

        add(
            vec![c('j'), p(K::Down)],
            Action::Down,
            Move,
            "down a row (in the text: a line)",
            None,
        );
        add(
            vec![c('k'), p(K::Up)],
            Action::Up,
            Move,
            "up a row (in the text: a line)",
            None,
        );
        add(
            vec![c(' '), p(K::PageDown), Key::ctrl('f')],
            Action::PageDown,
            Move,
            "page down (then on to the next ¶)",
            Some("page"),
        );
        add(
            vec![p(K::PageUp), c('b'), Key::ctrl('b')],
            Action::PageUp,
            Move,
            "page up",
            None,
        );
        add(
            vec![Key::ctrl('d')],
            Action::HalfPageDown,
            Move,
            "half a page down",
            None,
        );
        add(
            vec![Key::ctrl('u')],
            Action::HalfPageUp,
            Move,
            "half a page up",
            None,
        );
        add(
            vec![c('g'), p(K::Home)],
            Action::First,
            Move,
            "first row (in the text: the top)",
            None,
        );
        add(
            vec![c('G'), p(K::End)],
            Action::Last,
            Move,
            "last row (in the text: the end)",
            None,
        );

        add(
            vec![p(K::Tab), c('l'), p(K::Right)],
            Action::FocusNext,
            Panes,
            "focus the next pane",
            Some("pane"),
        );
        add(
            vec![p(K::BackTab), c('h'), p(K::Left)],
            Action::FocusPrev,
            Panes,
            "focus the previous pane",
            None,
        );
        add(
            vec![p(K::Enter)],
            Action::Open,
            Panes,
            "open the cable, or go to the text",
            Some("open"),
        );
        add(
            vec![c('w')],
            Action::ToggleWhole,
            Panes,
            "text: the paragraph / whole cable",
            Some("whole"),
        );

        add(vec![c(']')], Action::NextCable, Cables, "next cable", None);
        add(
            vec![c('[')],
            Action::PrevCable,
            Cables,
            "previous cable",
            None,
        );

        add(
            vec![c('1')],
            Action::ToggleLevel(Level::Unclassified),
            Filter,
            "show or hide U paragraphs",
            None,
        );
        add(
            vec![c('2')],
            Action::ToggleLevel(Level::SensitiveButUnclassified),
            Filter,
            "show or hide SBU paragraphs",
            None,
        );
        add(
            vec![c('3')],
            Action::ToggleLevel(Level::Confidential),
            Filter,
            "show or hide C paragraphs",
            None,
        );
        add(
            vec![c('4')],
            Action::ToggleLevel(Level::Secret),
            Filter,
            "show or hide S paragraphs",
            None,
        );
        add(
            vec![c('5')],
            Action::ToggleLevel(Level::TopSecret),
            Filter,
            "show or hide TS paragraphs",
            None,
        );
        add(
            vec![c('u')],
            Action::ToggleUnmarked,
            Filter,
            "show or hide unmarked paragraphs",
            None,
        );
        add(
            vec![c('f')],
            Action::StepThreshold,
            Filter,
            "at least SBU/C/S/TS (no unmarked)",
            Some("filter"),
        );
        add(
            vec![c('0')],
            Action::ShowAll,
            Filter,
            "show every paragraph",
            None,
        );

        add(
            vec![c('/')],
            Action::SearchStart,
            Search,
            "search as you type, any case",
            Some("search"),
        );
        add(vec![c('n')], Action::SearchNext, Search, "next match", None);
        add(
            vec![c('N')],
            Action::SearchPrev,
            Search,
            "previous match",
            None,
        );

        add(
            vec![p(K::Enter)],
            Action::SearchConfirm,
            Typing,
            "keep it, go to the next match",
            None,
        );
        add(
            vec![p(K::Esc)],
            Action::Cancel,
            Typing,
            "cancel the search",
            None,
        );
        add(
            vec![p(K::Backspace)],
            Action::SearchBackspace,
            Typing,
            "delete a character",
            None,
        );
        add(
            vec![Key::ctrl('w')],
            Action::SearchDeleteWord,
            Typing,
            "delete a word",
            None,
        );
        add(
            vec![Key::ctrl('u')],
            Action::SearchClear,
            Typing,
            "delete everything typed",
            None,
        );

        add(
            vec![c('?'), p(K::F(1))],
            Action::Help,
            Other,
            "this help",
            Some("help"),
        );
        add(
            vec![p(K::Esc)],
            Action::Cancel,
            Other,
            "close help, clear highlights",
            None,
        );
        add(
            vec![Key::ctrl('l')],
            Action::Redraw,
            Other,
            "redraw the screen",
            None,
        );
        add(
            vec![c('q')],
            Action::Quit,
            Other,
            "quit (or close the help)",
            Some("quit"),
        );
        add(
            vec![Key::ctrl('c')],
            Action::ForceQuit,
            Other,
            "quit at once",
            None,
        );
        map
    }
}

impl Keymap {
    /// The action for a key in a mode. While typing a search, keys without Ctrl or Alt type.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        if key == Key::ctrl('c') {
            return Some(Action::ForceQuit);
        }
        let typing = mode == Mode::Search;
        let found = self
            .bindings
            .iter()
            .filter(|b| (b.section == Section::Typing) == typing)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone());
        if found.is_some() || !typing {
            return found;
        }
        match key.code {
            KeyCode::Char(c) if !key.ctrl && !key.alt => Some(Action::SearchInput(c)),
            _ => None,
        }
    }

    /// Binds `key` to `action`: moves the key from any binding of the same kind (typing or
    /// not) to the binding of `action` there is, or to a new one.
    pub fn bind(&mut self, key: Key, action: Action, description: &'static str) {
        let typing = matches!(
            action,
            Action::SearchConfirm
                | Action::SearchBackspace
                | Action::SearchDeleteWord
                | Action::SearchClear
        );
        for binding in &mut self.bindings {
            if (binding.section == Section::Typing) == typing {
                binding.keys.retain(|k| *k != key);
            }
        }
        if let Some(binding) = self
            .bindings
            .iter_mut()
            .find(|b| b.action == action && (b.section == Section::Typing) == typing)
        {
            binding.keys.push(key);
        } else {
            self.bindings.push(Binding {
                keys: vec![key],
                action,
                section: if typing {
                    Section::Typing
                } else {
                    Section::Other
                },
                description,
                hint: None,
            });
        }
    }

    /// The keys of a binding as the help shows them: `j ↓`.
    pub fn keys_label(binding: &Binding) -> String {
        binding
            .keys
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `(first key, hint)` for the status bar, in keymap order.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.hint?)))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions() {
        let map = Keymap::default();
        assert_eq!(map.action(Mode::Normal, Key::char('j')), Some(Action::Down));
        assert_eq!(
            map.action(Mode::Normal, Key::plain(KeyCode::Down)),
            Some(Action::Down)
        );
        assert_eq!(map.action(Mode::Normal, Key::char('G')), Some(Action::Last));
        assert_eq!(
            map.action(Mode::Normal, Key::char('4')),
            Some(Action::ToggleLevel(Level::Secret))
        );
        assert_eq!(
            map.action(Mode::Normal, Key::plain(KeyCode::Enter)),
            Some(Action::Open)
        );
        assert_eq!(map.action(Mode::Normal, Key::char('x')), None);
        assert_eq!(map.action(Mode::Help, Key::char('q')), Some(Action::Quit));
    }

    #[test]
    fn typing_a_search_types() {
        let map = Keymap::default();
        assert_eq!(
            map.action(Mode::Search, Key::char('j')),
            Some(Action::SearchInput('j'))
        );
        assert_eq!(
            map.action(Mode::Search, Key::char('q')),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            map.action(Mode::Search, Key::plain(KeyCode::Enter)),
            Some(Action::SearchConfirm)
        );
        assert_eq!(
            map.action(Mode::Search, Key::plain(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        assert_eq!(
            map.action(Mode::Search, Key::ctrl('c')),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            map.action(Mode::Search, Key::ctrl('w')),
            Some(Action::SearchDeleteWord)
        );
    }

    #[test]
    fn ctrl_letters_from_shifted_reports() {
        let event = KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(&event), Key::ctrl('c'));
    }

    #[test]
    fn keys_parse_and_print() {
        for text in [
            "j",
            "G",
            "Ctrl-c",
            "PgDn",
            "Space",
            "Enter",
            "Shift-Tab",
            "↓",
        ] {
            let key = Key::parse(text);
            if text == "↓" {
                assert_eq!(key, Some(Key::char('↓')));
                continue;
            }
            assert_eq!(key.map(|k| k.to_string()).as_deref(), Some(text), "{text}");
        }
        assert_eq!(Key::parse("ctrl-x"), Some(Key::ctrl('x')));
        assert_eq!(Key::parse("nonsense"), None);
    }

    #[test]
    fn rebinding_moves_a_key() {
        let mut map = Keymap::default();
        map.bind(Key::char('x'), Action::Quit, "quit");
        map.bind(Key::char('j'), Action::PageDown, "page");
        assert_eq!(map.action(Mode::Normal, Key::char('x')), Some(Action::Quit));
        assert_eq!(
            map.action(Mode::Normal, Key::char('j')),
            Some(Action::PageDown)
        );
        assert_eq!(
            map.action(Mode::Normal, Key::plain(KeyCode::Down)),
            Some(Action::Down)
        );
    }

    #[test]
    fn every_binding_is_described() {
        let map = Keymap::default();
        for binding in &map.bindings {
            assert!(!binding.keys.is_empty());
            assert!(!binding.description.is_empty());
        }
        assert!(map
            .hints()
            .iter()
            .any(|(key, hint)| key == "?" && *hint == "help"));
    }
}
