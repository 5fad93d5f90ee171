//! The keymap is data: each binding has its keys, its action, a section and a description,
//! and optionally a short hint for the status bar. The `?` overlay and the hints are drawn
//! from it, so they always say what the keys do, and a config file remaps any action by
//! the name it has here (`Keymap::apply`).

use super::action::Action;
use super::mode::{Focus, Mode};
use super::prompt::PromptEdit;
use crate::app::state::HandlingCaveat;
use crate::cable::Level;
pub use crate::config::keys::{Key, KeyCode};
use crate::config::ActionSpec;

/// A key as the help overlay and the status bar show it: `j`, `↓`, `PgDn`, `Ctrl-b`.
pub fn key_label(key: &Key) -> String {
    let mut label = String::new();
    if key.ctrl {
        label.push_str("Ctrl-");
    }
    if key.alt {
        label.push_str("Alt-");
    }
    if key.shift {
        label.push_str("Shift-");
    }
    match key.code {
        KeyCode::Char(' ') => label.push_str("Space"),
        KeyCode::Char(c) => label.push(c),
        KeyCode::Enter => label.push_str("Enter"),
        KeyCode::Esc => label.push_str("Esc"),
        KeyCode::Tab => label.push_str("Tab"),
        KeyCode::BackTab => label.push_str("Shift-Tab"),
        KeyCode::Backspace => label.push_str("Backspace"),
        KeyCode::Delete => label.push_str("Del"),
        KeyCode::Insert => label.push_str("Ins"),
        KeyCode::Up => label.push('↑'),
        KeyCode::Down => label.push('↓'),
        KeyCode::Left => label.push('←'),
        KeyCode::Right => label.push('→'),
        KeyCode::PageUp => label.push_str("PgUp"),
        KeyCode::PageDown => label.push_str("PgDn"),
        KeyCode::Home => label.push_str("Home"),
        KeyCode::End => label.push_str("End"),
        KeyCode::F(n) => label.push_str(&format!("F{n}")),
    }
    label
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
    Bookmarks,
    /// Keys in the bookmark list.
    BookmarkList,
    /// The links pane and the jump list.
    Links,
    /// Keys of the cable list alone (focus on it).
    CableList,
    /// Keys in the facets pane.
    Facets,
    /// Keys at the prompt (go to, limit, corpus search, the facets' filter box).
    Prompt,
    /// Copy, the pager and editor, the mouse.
    Elsewhere,
    Other,
}

impl Section {
    pub const ALL: [Section; 14] = [
        Section::Move,
        Section::Panes,
        Section::Cables,
        Section::CableList,
        Section::Facets,
        Section::Prompt,
        Section::Filter,
        Section::Search,
        Section::Typing,
        Section::Bookmarks,
        Section::BookmarkList,
        Section::Links,
        Section::Elsewhere,
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
            Section::Bookmarks => "Bookmarks",
            Section::BookmarkList => "In the bookmark list",
            Section::Links => "References and jumps",
            Section::CableList => "In the cable list",
            Section::Facets => "In the facets pane",
            Section::Prompt => "At the prompt (go to, limit, search)",
            Section::Elsewhere => "Copy and open elsewhere",
            Section::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    /// The action's name in a config file's `[keys]` table.
    pub name: &'static str,
    pub section: Section,
    /// The panes where the keys work; empty: everywhere.
    pub focus: &'static [Focus],
    pub description: &'static str,
    /// A word for the status bar's key hints, for the bindings worth hinting.
    pub hint: Option<&'static str>,
    /// The keys come from the user's config rather than the defaults.
    pub remapped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

/// One row of the default keymap: keys, action, config name, section, panes, description,
/// hint.
type Row = (
    Vec<Key>,
    Action,
    &'static str,
    Section,
    &'static [Focus],
    &'static str,
    Option<&'static str>,
);

impl Default for Keymap {
    fn default() -> Keymap {
        use KeyCode as K;
        use Section::*;
        let p = Key::plain;
        let c = Key::char;
        let ctrl = Key::ctrl;
        let alt_key = |code| Key {
            alt: true,
            ..Key::plain(code)
        };
        let all: &'static [Focus] = &[];
        let rows: Vec<Row> = vec![
            (
                vec![c('j'), p(K::Down)],
                Action::Down,
                "down",
                Move,
                all,
                "down a row (in the text: a line)",
                None,
            ),
            (
                vec![c('k'), p(K::Up)],
                Action::Up,
                "up",
                Move,
                all,
                "up a row (in the text: a line)",
                None,
            ),
            (
                vec![c(' '), p(K::PageDown), ctrl('f')],
                Action::PageDown,
                "page_down",
                Move,
                all,
                "page down (then on to the next ¶)",
                Some("page"),
            ),
            (
                vec![p(K::PageUp), ctrl('b')],
                Action::PageUp,
                "page_up",
                Move,
                all,
                "page up",
                None,
            ),
            // `b` pages back where one reads, as in less; in the paragraph list it bookmarks.
            (
                vec![c('b')],
                Action::PageUp,
                "page_up_b",
                Move,
                &[Focus::Text, Focus::Cables],
                "page up (text and cable list)",
                None,
            ),
            (
                vec![ctrl('d')],
                Action::HalfPageDown,
                "half_page_down",
                Move,
                all,
                "half a page down",
                None,
            ),
            (
                vec![ctrl('u')],
                Action::HalfPageUp,
                "half_page_up",
                Move,
                all,
                "half a page up",
                None,
            ),
            (
                vec![c('g'), p(K::Home)],
                Action::First,
                "first",
                Move,
                all,
                "first row (in the text: the top)",
                None,
            ),
            (
                vec![c('G'), p(K::End)],
                Action::Last,
                "last",
                Move,
                all,
                "last row (in the text: the end)",
                None,
            ),
            (
                vec![p(K::Tab), c('l'), p(K::Right)],
                Action::FocusNext,
                "focus_next",
                Panes,
                all,
                "focus the next pane",
                Some("pane"),
            ),
            (
                vec![p(K::BackTab), c('h'), p(K::Left)],
                Action::FocusPrev,
                "focus_previous",
                Panes,
                all,
                "focus the previous pane",
                None,
            ),
            (
                vec![p(K::Enter)],
                Action::Open,
                "open",
                Panes,
                all,
                "open the cable, or go to the text",
                Some("open"),
            ),
            (
                vec![c('w')],
                Action::ToggleWhole,
                "toggle_whole",
                Panes,
                all,
                "text: the paragraph / whole cable",
                Some("whole"),
            ),
            (
                vec![c(']')],
                Action::NextCable,
                "next_cable",
                Cables,
                all,
                "next cable",
                None,
            ),
            (
                vec![c('[')],
                Action::PrevCable,
                "previous_cable",
                Cables,
                all,
                "previous cable",
                None,
            ),
            (
                vec![c('1')],
                Action::ToggleLevel(Level::Unclassified),
                "toggle_u",
                Filter,
                all,
                "show or hide U paragraphs",
                None,
            ),
            (
                vec![c('2')],
                Action::ToggleLevel(Level::SensitiveButUnclassified),
                "toggle_sbu",
                Filter,
                all,
                "show or hide SBU paragraphs",
                None,
            ),
            (
                vec![c('3')],
                Action::ToggleLevel(Level::Confidential),
                "toggle_c",
                Filter,
                all,
                "show or hide C paragraphs",
                None,
            ),
            (
                vec![c('4')],
                Action::ToggleLevel(Level::Secret),
                "toggle_s",
                Filter,
                all,
                "show or hide S paragraphs",
                None,
            ),
            (
                vec![c('5')],
                Action::ToggleLevel(Level::TopSecret),
                "toggle_ts",
                Filter,
                all,
                "show or hide TS paragraphs",
                None,
            ),
            (
                vec![c('6')],
                Action::ToggleCaveat(HandlingCaveat::Noforn),
                "toggle_noforn",
                Filter,
                all,
                "show or hide NOFORN paragraphs (NF)",
                None,
            ),
            (
                vec![c('7')],
                Action::ToggleCaveat(HandlingCaveat::Releasable),
                "toggle_rel",
                Filter,
                all,
                "show or hide REL TO paragraphs",
                None,
            ),
            (
                vec![c('8')],
                Action::ToggleCaveat(HandlingCaveat::Controlled),
                "toggle_fouo",
                Filter,
                all,
                "show or hide FOUO/SBU paragraphs",
                None,
            ),
            (
                vec![c('u')],
                Action::ToggleUnmarked,
                "toggle_unmarked",
                Filter,
                all,
                "show or hide unmarked paragraphs",
                None,
            ),
            (
                vec![c('f')],
                Action::StepThreshold,
                "step_threshold",
                Filter,
                all,
                "at least SBU/C/S/TS (no unmarked)",
                Some("filter"),
            ),
            (
                vec![c('0')],
                Action::ShowAll,
                "show_all",
                Filter,
                all,
                "show every paragraph",
                None,
            ),
            (
                vec![c('/')],
                Action::SearchStart,
                "search",
                Search,
                all,
                "search as you type, any case",
                Some("search"),
            ),
            (
                vec![c('n')],
                Action::SearchNext,
                "search_next",
                Search,
                all,
                "next match",
                None,
            ),
            (
                vec![c('N')],
                Action::SearchPrev,
                "search_previous",
                Search,
                all,
                "previous match",
                None,
            ),
            (
                vec![p(K::Enter)],
                Action::SearchConfirm,
                "search_confirm",
                Typing,
                all,
                "keep it, go to the next match",
                None,
            ),
            (
                vec![p(K::Esc)],
                Action::Cancel,
                "search_cancel",
                Typing,
                all,
                "cancel the search",
                None,
            ),
            (
                vec![p(K::Backspace)],
                Action::SearchBackspace,
                "search_backspace",
                Typing,
                all,
                "delete a character",
                None,
            ),
            (
                vec![ctrl('w')],
                Action::SearchDeleteWord,
                "search_delete_word",
                Typing,
                all,
                "delete a word",
                None,
            ),
            (
                vec![ctrl('u')],
                Action::SearchClear,
                "search_clear",
                Typing,
                all,
                "delete everything typed",
                None,
            ),
            (
                vec![c('m')],
                Action::ToggleBookmark,
                "toggle_bookmark",
                Bookmarks,
                all,
                "bookmark the paragraph, or unmark it",
                Some("mark"),
            ),
            (
                vec![c('b')],
                Action::ToggleBookmark,
                "toggle_bookmark_b",
                Bookmarks,
                &[Focus::Paragraphs],
                "bookmark (in the paragraph list)",
                None,
            ),
            (
                vec![c('B')],
                Action::Bookmarks,
                "bookmarks",
                Bookmarks,
                all,
                "list every bookmark",
                Some("marks"),
            ),
            (
                vec![c('d'), p(K::Delete)],
                Action::DeleteBookmark,
                "delete_bookmark",
                BookmarkList,
                all,
                "delete the bookmark",
                None,
            ),
            (
                vec![c('r')],
                Action::Links,
                "links",
                Links,
                all,
                "references and citing cables (Enter opens one, Esc closes)",
                None,
            ),
            (
                vec![ctrl('o')],
                Action::JumpBack,
                "jump_back",
                Links,
                all,
                "back to the cable a jump left (links pane, : go to)",
                None,
            ),
            (
                vec![ctrl('n')],
                Action::JumpForward,
                "jump_forward",
                Links,
                all,
                "forward again after Ctrl-o",
                None,
            ),
            (
                vec![c(':')],
                Action::GoToStart,
                "go_to",
                Cables,
                all,
                "go to a cable by its id (09STATE15113)",
                None,
            ),
            (
                vec![c('L')],
                Action::LimitStart,
                "limit",
                Cables,
                all,
                "limit the cable list (~c S, ~o Mexico, ~d 2009-01..2009-06, words)",
                None,
            ),
            (
                vec![c('F')],
                Action::Facets,
                "facets",
                Cables,
                all,
                "facets: counts under the limit; Enter adds one, / filters origins",
                None,
            ),
            (
                vec![c('o')],
                Action::SortNext,
                "sort",
                Cables,
                all,
                "sort the cable list by the next key (source, date, id, origin, level, subject)",
                None,
            ),
            (
                vec![c('O')],
                Action::SortReverse,
                "sort_reverse",
                Cables,
                all,
                "reverse the cable list's order",
                None,
            ),
            (
                vec![c('/')],
                Action::CorpusSearchStart,
                "corpus_search",
                CableList,
                &[Focus::Cables],
                "search every cable: words, \"a phrase\", -word, a OR b, terror*, ~c S",
                None,
            ),
            (
                vec![c('n')],
                Action::NextHit,
                "next_hit",
                CableList,
                &[Focus::Cables],
                "next hit of the search",
                None,
            ),
            (
                vec![c('N')],
                Action::PrevHit,
                "previous_hit",
                CableList,
                &[Focus::Cables],
                "previous hit of the search",
                None,
            ),
            (
                vec![c('/')],
                Action::FacetFilter,
                "facet_filter",
                Facets,
                all,
                "show only the origins with the words typed",
                None,
            ),
            (
                vec![p(K::Enter)],
                Action::FacetAdd,
                "facet_add",
                Facets,
                all,
                "add the value to the limit",
                None,
            ),
            (
                vec![p(K::Enter)],
                Action::PromptEdit(PromptEdit::Submit),
                "prompt_enter",
                Prompt,
                all,
                "go to, limit, search: act on the line",
                None,
            ),
            (
                vec![p(K::Esc), ctrl('g')],
                Action::PromptEdit(PromptEdit::Cancel),
                "prompt_cancel",
                Prompt,
                all,
                "close the prompt",
                None,
            ),
            (
                vec![p(K::Up), ctrl('p')],
                Action::PromptEdit(PromptEdit::HistoryBack),
                "prompt_history_back",
                Prompt,
                all,
                "an earlier entry of this prompt",
                None,
            ),
            (
                vec![p(K::Down), ctrl('n')],
                Action::PromptEdit(PromptEdit::HistoryForward),
                "prompt_history_forward",
                Prompt,
                all,
                "a later entry, then the line typed",
                None,
            ),
            (
                vec![ctrl('w'), alt_key(K::Backspace)],
                Action::PromptEdit(PromptEdit::DeleteWord),
                "prompt_delete_word",
                Prompt,
                all,
                "delete the word before",
                None,
            ),
            (
                vec![ctrl('u')],
                Action::PromptEdit(PromptEdit::DeleteToStart),
                "prompt_delete_to_start",
                Prompt,
                all,
                "delete to the start",
                None,
            ),
            (
                vec![ctrl('k')],
                Action::PromptEdit(PromptEdit::DeleteToEnd),
                "prompt_delete_to_end",
                Prompt,
                all,
                "delete to the end",
                None,
            ),
            (
                vec![c('y')],
                Action::Copy,
                "copy",
                Elsewhere,
                all,
                "copy the paragraph (or whole cable)",
                Some("copy"),
            ),
            (
                vec![c('Y')],
                Action::CopyId,
                "copy_id",
                Elsewhere,
                all,
                "copy the cable's id and subject",
                None,
            ),
            (
                vec![c('e')],
                Action::OpenPager,
                "pager",
                Elsewhere,
                all,
                "the cable's text in $PAGER",
                None,
            ),
            (
                vec![c('E')],
                Action::OpenEditor,
                "editor",
                Elsewhere,
                all,
                "the cable's text in $EDITOR",
                None,
            ),
            (
                vec![c('M')],
                Action::ToggleMouse,
                "toggle_mouse",
                Elsewhere,
                all,
                "mouse to the terminal and back",
                None,
            ),
            (
                vec![c('W')],
                Action::Warnings,
                "warnings",
                Other,
                all,
                "list the parse warnings",
                None,
            ),
            (
                vec![c('?'), p(K::F(1))],
                Action::Help,
                "help",
                Other,
                all,
                "this help",
                Some("help"),
            ),
            (
                vec![p(K::Esc)],
                Action::Cancel,
                "cancel",
                Other,
                all,
                "close help or a list, clear highlights",
                None,
            ),
            (
                vec![ctrl('l')],
                Action::Redraw,
                "redraw",
                Other,
                all,
                "redraw the screen",
                None,
            ),
            (
                vec![c('q')],
                Action::Quit,
                "quit",
                Other,
                all,
                "quit (or close the help or list)",
                Some("quit"),
            ),
        ];
        Keymap {
            bindings: rows
                .into_iter()
                .map(
                    |(keys, action, name, section, focus, description, hint)| Binding {
                        keys,
                        action,
                        name,
                        section,
                        focus,
                        description,
                        hint,
                        remapped: false,
                    },
                )
                .collect(),
        }
    }
}

impl Binding {
    /// The config file's name for where the keys work: keys of different contexts may be
    /// the same key (`b` pages in the text and bookmarks in the paragraph list).
    pub fn context(&self) -> &'static str {
        match (self.section, self.focus) {
            (Section::Typing, _) => "search",
            (Section::BookmarkList, _) => "bookmark list",
            (Section::CableList, _) => "cable list",
            (Section::Facets, _) => "facets",
            (Section::Prompt, _) => "prompt",
            (_, [Focus::Paragraphs]) => "paragraph list",
            (_, []) => "reader",
            _ => "text and cable list",
        }
    }

    /// Whether the binding's keys work in `mode` with focus on `focus`.
    fn applies(&self, mode: Mode, focus: Focus) -> bool {
        let in_list = matches!(mode, Mode::Bookmarks | Mode::Warnings);
        match self.section {
            Section::Typing => mode == Mode::Search,
            Section::Prompt => mode == Mode::Prompt,
            Section::BookmarkList => mode == Mode::Bookmarks,
            Section::Facets => mode == Mode::Facets,
            Section::CableList => mode == Mode::Normal && focus == Focus::Cables,
            _ if matches!(mode, Mode::Search | Mode::Prompt) => false,
            _ => self.focus.is_empty() || self.focus.contains(&focus) || in_list,
        }
    }

    /// Whether the binding belongs to one mode or pane, and so goes before the keys that
    /// work everywhere.
    fn narrow(&self) -> bool {
        matches!(
            self.section,
            Section::BookmarkList | Section::Facets | Section::CableList
        )
    }
}

impl Keymap {
    /// The action for a key in a mode, with focus on a pane. While typing a search, keys
    /// without Ctrl or Alt type; at the prompt, keys that are no edit go to the prompt
    /// (which types characters). Ctrl-C always quits.
    pub fn action(&self, mode: Mode, focus: Focus, key: Key) -> Option<Action> {
        if key == Key::ctrl('c') {
            return Some(Action::ForceQuit);
        }
        // A mode's or a pane's own keys first, then the pane's, then the keys that work
        // everywhere.
        let found = self
            .bindings
            .iter()
            .filter(|binding| binding.keys.contains(&key) && binding.applies(mode, focus))
            .min_by_key(|binding| (!binding.narrow(), binding.focus.is_empty()))
            .map(|binding| binding.action.clone());
        if found.is_some() {
            return found;
        }
        match (mode, key.code) {
            (Mode::Prompt, _) => Some(Action::PromptKey(key)),
            (Mode::Search, KeyCode::Char(c)) if !key.ctrl && !key.alt => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        }
    }

    /// The prompt's edit for a key, if the keymap binds it to one.
    pub fn prompt_edit(&self, key: Key) -> Option<PromptEdit> {
        self.bindings
            .iter()
            .filter(|binding| binding.section == Section::Prompt && binding.keys.contains(&key))
            .find_map(|binding| match binding.action {
                Action::PromptEdit(edit) => Some(edit),
                _ => None,
            })
    }

    /// What a config file needs to check a `[keys]` table: every action's name, context,
    /// description and default keys.
    pub fn action_specs(&self) -> Vec<ActionSpec<'_>> {
        const ORDER: [&str; 8] = [
            "reader",
            "paragraph list",
            "text and cable list",
            "cable list",
            "search",
            "bookmark list",
            "facets",
            "prompt",
        ];
        let mut bindings: Vec<&Binding> = self.bindings.iter().collect();
        bindings.sort_by_key(|binding| ORDER.iter().position(|c| *c == binding.context()));
        bindings
            .into_iter()
            .map(|binding| ActionSpec {
                name: binding.name,
                context: binding.context(),
                description: binding.description,
                default_keys: &binding.keys,
            })
            .collect()
    }

    /// Gives `action` (by its config name) exactly `keys`: they leave every other binding of
    /// the same context. A binding for one pane stays for that pane.
    pub fn set_keys(&mut self, name: &str, keys: &[Key]) {
        let Some(context) = self
            .bindings
            .iter()
            .find(|b| b.name == name)
            .map(Binding::context)
        else {
            return;
        };
        // A key given to an action of every pane leaves the pane-only bindings too, or they
        // would shadow it there.
        let overlaps = |other: &str| {
            other == context
                || (context == "reader"
                    && matches!(
                        other,
                        "paragraph list" | "text and cable list" | "cable list"
                    ))
        };
        for binding in &mut self.bindings {
            if overlaps(binding.context()) && binding.name != name {
                binding.keys.retain(|key| !keys.contains(key));
            }
        }
        if let Some(binding) = self.bindings.iter_mut().find(|b| b.name == name) {
            binding.keys = keys.to_vec();
            binding.remapped = true;
        }
    }

    /// Applies the `[keys]` table of a config (already checked against `action_specs`).
    pub fn apply(&mut self, config: &crate::config::Config) {
        let remaps: Vec<(String, Vec<Key>)> = config
            .keys
            .iter()
            .map(|(name, keys)| (name.to_owned(), keys.to_vec()))
            .collect();
        for (name, keys) in remaps {
            self.set_keys(&name, &keys);
        }
        // A binding left without keys cannot be shown or used.
        self.bindings.retain(|binding| !binding.keys.is_empty());
    }

    /// The keys of a binding as the help shows them: `j ↓`.
    pub fn keys_label(binding: &Binding) -> String {
        binding
            .keys
            .iter()
            .map(key_label)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `(first key, hint)` for the status bar, in keymap order.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter_map(|b| Some((key_label(b.keys.first()?), b.hint?)))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn normal(map: &Keymap, key: Key) -> Option<Action> {
        map.action(Mode::Normal, Focus::Paragraphs, key)
    }

    #[test]
    fn keys_map_to_actions() {
        let map = Keymap::default();
        assert_eq!(normal(&map, Key::char('j')), Some(Action::Down));
        assert_eq!(normal(&map, Key::plain(KeyCode::Down)), Some(Action::Down));
        assert_eq!(normal(&map, Key::char('G')), Some(Action::Last));
        assert_eq!(
            normal(&map, Key::char('4')),
            Some(Action::ToggleLevel(Level::Secret))
        );
        assert_eq!(normal(&map, Key::plain(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(normal(&map, Key::char('x')), None);
        assert_eq!(
            map.action(Mode::Help, Focus::Paragraphs, Key::char('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn b_pages_where_one_reads_and_bookmarks_in_the_list() {
        let map = Keymap::default();
        let b = Key::char('b');
        assert_eq!(
            map.action(Mode::Normal, Focus::Text, b),
            Some(Action::PageUp)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, b),
            Some(Action::PageUp)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Paragraphs, b),
            Some(Action::ToggleBookmark)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Text, Key::char('m')),
            Some(Action::ToggleBookmark)
        );
        assert_eq!(normal(&map, Key::char('B')), Some(Action::Bookmarks));
    }

    #[test]
    fn the_bookmark_list_has_its_own_keys() {
        let map = Keymap::default();
        assert_eq!(normal(&map, Key::char('d')), None);
        assert_eq!(
            map.action(Mode::Bookmarks, Focus::Text, Key::char('d')),
            Some(Action::DeleteBookmark)
        );
        assert_eq!(
            map.action(Mode::Bookmarks, Focus::Text, Key::char('j')),
            Some(Action::Down)
        );
    }

    #[test]
    fn typing_a_search_types() {
        let map = Keymap::default();
        let typing = |key| map.action(Mode::Search, Focus::Paragraphs, key);
        assert_eq!(typing(Key::char('j')), Some(Action::SearchInput('j')));
        assert_eq!(typing(Key::char('q')), Some(Action::SearchInput('q')));
        assert_eq!(
            typing(Key::plain(KeyCode::Enter)),
            Some(Action::SearchConfirm)
        );
        assert_eq!(typing(Key::plain(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(typing(Key::ctrl('c')), Some(Action::ForceQuit));
        assert_eq!(typing(Key::ctrl('w')), Some(Action::SearchDeleteWord));
    }

    #[test]
    fn the_cable_list_the_facets_and_the_prompt_have_their_own_keys() {
        let map = Keymap::default();
        let slash = Key::char('/');
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, slash),
            Some(Action::CorpusSearchStart)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Paragraphs, slash),
            Some(Action::SearchStart)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, Key::char('N')),
            Some(Action::PrevHit)
        );
        assert_eq!(
            map.action(Mode::Facets, Focus::Cables, slash),
            Some(Action::FacetFilter)
        );
        assert_eq!(
            map.action(Mode::Facets, Focus::Cables, Key::plain(KeyCode::Enter)),
            Some(Action::FacetAdd)
        );
        assert_eq!(
            map.action(Mode::Facets, Focus::Cables, Key::char('j')),
            Some(Action::Down)
        );
        let prompt = |key| map.action(Mode::Prompt, Focus::Cables, key);
        assert_eq!(
            prompt(Key::ctrl('w')),
            Some(Action::PromptEdit(PromptEdit::DeleteWord))
        );
        assert_eq!(
            prompt(Key::plain(KeyCode::Enter)),
            Some(Action::PromptEdit(PromptEdit::Submit))
        );
        // Keys of the reader type at the prompt.
        assert_eq!(
            prompt(Key::char('q')),
            Some(Action::PromptKey(Key::char('q')))
        );
        assert_eq!(prompt(Key::ctrl('c')), Some(Action::ForceQuit));
        let contexts: std::collections::BTreeSet<&str> =
            map.bindings.iter().map(Binding::context).collect();
        for context in ["cable list", "facets", "prompt"] {
            assert!(contexts.contains(context), "{context}");
        }
    }

    #[test]
    fn a_context_remaps_on_its_own() {
        let mut map = Keymap::default();
        map.set_keys("prompt_delete_word", &[Key::ctrl('o')]);
        assert_eq!(
            map.action(Mode::Prompt, Focus::Cables, Key::ctrl('o')),
            Some(Action::PromptEdit(PromptEdit::DeleteWord))
        );
        assert_eq!(map.prompt_edit(Key::ctrl('w')), None);
        // The list's own `/` moves; the reader's stays.
        map.set_keys("corpus_search", &[Key::char('s')]);
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, Key::char('s')),
            Some(Action::CorpusSearchStart)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, Key::char('/')),
            Some(Action::SearchStart)
        );
        // A key given to an action of every pane leaves the list's own bindings.
        map.set_keys("quit", &[Key::char('n')]);
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, Key::char('n')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_config_remaps_the_new_contexts_and_refuses_a_clash_within_one() {
        use crate::config::parse_config;
        let defaults = Keymap::default();
        let specs = defaults.action_specs();
        let path = std::path::Path::new("config.toml");
        // `/` is the reader's search and the list's corpus search: two contexts, no clash.
        let text = "[keys]\ncorpus_search = \"s\"\nprompt_delete_word = \"ctrl-o\"\n";
        let config = parse_config(text, path, &specs).unwrap();
        let mut map = Keymap::default();
        map.apply(&config);
        assert_eq!(
            map.action(Mode::Normal, Focus::Cables, Key::char('s')),
            Some(Action::CorpusSearchStart)
        );
        assert_eq!(
            map.action(Mode::Prompt, Focus::Cables, Key::ctrl('o')),
            Some(Action::PromptEdit(PromptEdit::DeleteWord))
        );
        // Within the prompt, one key does one thing.
        let clash = "[keys]\nprompt_cancel = \"ctrl-u\"\n";
        let error = parse_config(clash, path, &specs).unwrap_err().to_string();
        assert!(error.contains("prompt_delete_to_start"), "{error}");
        // The facets' Enter and the reader's are in two contexts.
        let facets = "[keys]\nfacet_add = \"a\"\n";
        assert!(parse_config(facets, path, &specs).is_ok());
    }

    #[test]
    fn labels_for_the_help() {
        assert_eq!(key_label(&Key::ctrl('b')), "Ctrl-b");
        assert_eq!(key_label(&Key::plain(KeyCode::PageDown)), "PgDn");
        assert_eq!(key_label(&Key::char(' ')), "Space");
        assert_eq!(key_label(&Key::plain(KeyCode::Down)), "↓");
    }

    #[test]
    fn remapping_moves_keys_and_widens_the_action() {
        let mut map = Keymap::default();
        map.set_keys("quit", &[Key::char('x')]);
        map.set_keys("page_down", &[Key::char('j')]);
        assert_eq!(normal(&map, Key::char('x')), Some(Action::Quit));
        assert_eq!(normal(&map, Key::char('q')), None);
        assert_eq!(normal(&map, Key::char('j')), Some(Action::PageDown));
        assert_eq!(normal(&map, Key::plain(KeyCode::Down)), Some(Action::Down));
        // `b` for every pane: the panes' own `b` bindings give it up.
        map.set_keys("toggle_bookmark", &[Key::char('b')]);
        assert_eq!(
            map.action(Mode::Normal, Focus::Text, Key::char('b')),
            Some(Action::ToggleBookmark)
        );
        map.set_keys("quit", &[Key::char('b')]);
        assert_eq!(
            map.action(Mode::Normal, Focus::Paragraphs, Key::char('b')),
            Some(Action::Quit)
        );
        // A pane's own binding takes the key in that pane only.
        map.set_keys("page_up_b", &[Key::char('z')]);
        assert_eq!(
            map.action(Mode::Normal, Focus::Text, Key::char('z')),
            Some(Action::PageUp)
        );
        assert_eq!(
            map.action(Mode::Normal, Focus::Paragraphs, Key::char('z')),
            None
        );
        let quit = map.bindings.iter().find(|b| b.name == "quit").unwrap();
        assert!(quit.remapped);
    }

    #[test]
    fn every_binding_is_described_and_named_once() {
        let map = Keymap::default();
        let mut names = std::collections::BTreeSet::new();
        for binding in &map.bindings {
            assert!(!binding.keys.is_empty());
            assert!(!binding.description.is_empty());
            assert!(names.insert(binding.name), "{} twice", binding.name);
        }
        assert!(map
            .hints()
            .iter()
            .any(|(key, hint)| key == "?" && *hint == "help"));
    }
}
