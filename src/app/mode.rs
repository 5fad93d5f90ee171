//! Which pane has the keys and what they mean: a leaf that the state, the keymap and the
//! layout all name, so none of them imports another for it.

/// Which pane keys act on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    Cables,
    #[default]
    Paragraphs,
    Text,
}

/// What keys mean right now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    /// Typing a search after `/`.
    Search,
    /// The help overlay is open.
    Help,
    /// The list of bookmarks is open.
    Bookmarks,
    /// The facets pane is open (`F`).
    Facets,
    /// Typing at the prompt (go to, limit): every key edits the line.
    Prompt,
    /// The list of the open cable's parse warnings is open.
    Warnings,
    /// The links pane of the open cable is open (`r`).
    Links,
}
