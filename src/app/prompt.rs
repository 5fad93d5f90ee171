//! The one prompt for typed input: go to an id (`:`), the limit (`L`), the facets' filter
//! box and corpus search (`/` in the cable list). Line editing comes from tui-input; which
//! key does which edit is the keymap's "prompt" context (Ctrl-w, Ctrl-u, arrows, Home/End by
//! default), so a config can remap them. Each kind keeps its own history, walked with Up and
//! Down.

use tui_input::{Input, InputRequest};

use crate::config::keys::{Key, KeyCode};

/// What the prompt is typed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PromptKind {
    #[default]
    GoTo,
    Limit,
    /// The facets pane's filter box for origins.
    FacetFilter,
    /// A query over every cable (`/` in the cable list).
    Search,
}

impl PromptKind {
    /// What the prompt line starts with.
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::GoTo => "go to: ",
            PromptKind::Limit => "limit: ",
            PromptKind::FacetFilter => "origins with: ",
            PromptKind::Search => "search every cable: ",
        }
    }
}

/// The prompt's state: the line, its kind, the histories and the last mistake.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: Input,
    /// Earlier entries of each kind, oldest first.
    pub go_to_history: Vec<String>,
    pub limit_history: Vec<String>,
    pub filter_history: Vec<String>,
    pub search_history: Vec<String>,
    /// Where in the history Up has gone (an index into it); `None`: the line typed.
    pub history_at: Option<usize>,
    /// The mistake in what was entered: its 1-based column and what is wrong.
    pub error: Option<(usize, String)>,
}

/// The edits of the line that keys are bound to (the keymap's "prompt" context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptEdit {
    /// Act on the line.
    Submit,
    /// Close without acting.
    Cancel,
    /// An earlier entry of the history, and back.
    HistoryBack,
    HistoryForward,
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
}

/// What a key does to the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptOutcome {
    /// The line changed (or nothing happened).
    Editing,
    /// Enter: the line to act on.
    Submit(String),
    /// Esc: closed without acting.
    Cancel,
}

impl Prompt {
    /// Opens the prompt for `kind` with `value` typed already.
    pub fn start(&mut self, kind: PromptKind, value: &str) {
        self.kind = kind;
        self.input = Input::new(value.to_owned());
        self.history_at = None;
        self.error = None;
    }

    pub fn history(&self) -> &[String] {
        match self.kind {
            PromptKind::GoTo => &self.go_to_history,
            PromptKind::Limit => &self.limit_history,
            PromptKind::FacetFilter => &self.filter_history,
            PromptKind::Search => &self.search_history,
        }
    }

    /// Keeps an entry in the history of the current kind (not twice in a row).
    pub fn remember(&mut self, line: &str) {
        let history = match self.kind {
            PromptKind::GoTo => &mut self.go_to_history,
            PromptKind::Limit => &mut self.limit_history,
            PromptKind::FacetFilter => &mut self.filter_history,
            PromptKind::Search => &mut self.search_history,
        };
        if !line.trim().is_empty() && history.last().map(String::as_str) != Some(line) {
            history.push(line.to_owned());
        }
    }

    /// One edit of the line (a key of the keymap's "prompt" context).
    pub fn edit(&mut self, edit: PromptEdit) -> PromptOutcome {
        let request = match edit {
            PromptEdit::Submit => return PromptOutcome::Submit(self.input.value().to_owned()),
            PromptEdit::Cancel => return PromptOutcome::Cancel,
            PromptEdit::HistoryBack | PromptEdit::HistoryForward => {
                self.walk_history(if edit == PromptEdit::HistoryBack {
                    -1
                } else {
                    1
                });
                return PromptOutcome::Editing;
            }
            PromptEdit::DeleteWord => InputRequest::DeletePrevWord,
            PromptEdit::DeleteToStart => InputRequest::DeleteFromStart,
            PromptEdit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.input.handle(request);
        self.error = None;
        PromptOutcome::Editing
    }

    /// A key the keymap binds to no edit: a character without Ctrl or Alt is typed; the
    /// cursor keys and Backspace work as in every line editor (readline's Ctrl and Alt
    /// keys too); any other key does nothing.
    pub fn key(&mut self, key: Key) -> PromptOutcome {
        let request = match (key.code, key.ctrl, key.alt) {
            (KeyCode::Char('a'), true, _) | (KeyCode::Home, _, _) => InputRequest::GoToStart,
            (KeyCode::Char('e'), true, _) | (KeyCode::End, _, _) => InputRequest::GoToEnd,
            (KeyCode::Char('b'), true, _) | (KeyCode::Left, _, _) => InputRequest::GoToPrevChar,
            (KeyCode::Char('f'), true, _) | (KeyCode::Right, _, _) => InputRequest::GoToNextChar,
            (KeyCode::Char('b'), _, true) => InputRequest::GoToPrevWord,
            (KeyCode::Char('f'), _, true) => InputRequest::GoToNextWord,
            (KeyCode::Backspace, _, _) => InputRequest::DeletePrevChar,
            (KeyCode::Delete, _, _) | (KeyCode::Char('d'), true, _) => InputRequest::DeleteNextChar,
            (KeyCode::Char(c), false, false) if !c.is_control() => InputRequest::InsertChar(c),
            _ => return PromptOutcome::Editing,
        };
        self.input.handle(request);
        self.error = None;
        PromptOutcome::Editing
    }

    /// Types text pasted at the prompt (control characters become spaces).
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.input.handle(InputRequest::InsertChar(c));
        }
        self.error = None;
    }

    fn walk_history(&mut self, by: isize) {
        let len = self.history().len();
        if len == 0 {
            return;
        }
        let at = match (self.history_at, by < 0) {
            (None, true) => Some(len - 1),
            (None, false) => None,
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) => (at + 1 < len).then_some(at + 1),
        };
        self.history_at = at;
        let value = at
            .and_then(|at| self.history().get(at))
            .cloned()
            .unwrap_or_default();
        self.input = Input::new(value);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn typed(prompt: &mut Prompt, text: &str) {
        for c in text.chars() {
            prompt.key(Key::char(c));
        }
    }

    #[test]
    fn line_editing_keys() {
        let mut prompt = Prompt::default();
        prompt.start(PromptKind::Limit, "");
        typed(&mut prompt, "~o Mexico ~c S");
        prompt.edit(PromptEdit::DeleteWord);
        assert_eq!(prompt.input.value(), "~o Mexico ~c ");
        prompt.key(Key::plain(KeyCode::Left));
        prompt.key(Key::plain(KeyCode::Left));
        typed(&mut prompt, "X");
        assert_eq!(prompt.input.value(), "~o Mexico ~Xc ");
        prompt.edit(PromptEdit::DeleteToStart);
        assert_eq!(prompt.input.value(), "c ");
        // Keys that are no edit and no character do nothing.
        prompt.key(Key::ctrl('w'));
        prompt.key(Key::plain(KeyCode::F(2)));
        assert_eq!(prompt.input.value(), "c ");
        assert_eq!(
            prompt.edit(PromptEdit::Submit),
            PromptOutcome::Submit("c ".to_owned())
        );
        assert_eq!(prompt.edit(PromptEdit::Cancel), PromptOutcome::Cancel);
    }

    #[test]
    fn history_per_kind_walked_with_up_and_down() {
        let mut prompt = Prompt::default();
        prompt.start(PromptKind::Limit, "");
        prompt.remember("~c S");
        prompt.remember("~o Mexico");
        prompt.remember("~o Mexico");
        prompt.start(PromptKind::GoTo, "");
        prompt.remember("09STATE15113");
        prompt.start(PromptKind::Limit, "");
        prompt.edit(PromptEdit::HistoryBack);
        assert_eq!(prompt.input.value(), "~o Mexico");
        prompt.edit(PromptEdit::HistoryBack);
        prompt.edit(PromptEdit::HistoryBack);
        assert_eq!(prompt.input.value(), "~c S");
        prompt.edit(PromptEdit::HistoryForward);
        assert_eq!(prompt.input.value(), "~o Mexico");
        prompt.edit(PromptEdit::HistoryForward);
        assert_eq!(prompt.input.value(), "");
        prompt.start(PromptKind::GoTo, "");
        prompt.edit(PromptEdit::HistoryBack);
        assert_eq!(prompt.input.value(), "09STATE15113");
    }
}
