//! Everything the user can ask for. The keymap turns keys into these, the event loop turns
//! mouse and resize events into these, and `update` is the only place they change state.

use super::list::{Done, KeysFound, Ready, Rows, Shared};
use crate::cable::Level;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Down one row in a list, or one line in the text.
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
    /// Focus the next pane (cables, paragraphs, text).
    FocusNext,
    FocusPrev,
    /// Enter: open the cable under the cursor, or focus the text.
    Open,
    /// Show the selected paragraph, or the whole cable, in the text pane.
    ToggleWhole,
    NextCable,
    PrevCable,
    ToggleLevel(Level),
    /// Show or hide the paragraphs whose marking carries a handling caveat.
    ToggleCaveat(crate::app::state::HandlingCaveat),
    ToggleUnmarked,
    ShowAll,
    /// Step the "at least" threshold: all, SBU+, C+, S+, TS only.
    StepThreshold,
    /// `/`: start typing a search.
    SearchStart,
    SearchInput(char),
    /// Text pasted while searching.
    SearchPaste(String),
    SearchBackspace,
    SearchDeleteWord,
    SearchClear,
    /// Enter while searching: keep the search and go to the next match.
    SearchConfirm,
    SearchNext,
    SearchPrev,
    /// Bookmark the selected paragraph, or take its bookmark away.
    ToggleBookmark,
    /// Open the list of every bookmark (`B`).
    Bookmarks,
    /// In the bookmark list: delete the bookmark under the cursor.
    DeleteBookmark,
    /// `y`: copy the selected paragraph (the whole cable in the whole-cable view).
    Copy,
    /// `Y`: copy the cable's id and subject.
    CopyId,
    /// `e`: the cable's plain text in the pager.
    OpenPager,
    /// `E`: the cable's plain text in the editor.
    OpenEditor,
    /// `M`: release the mouse to the terminal's own selection, or take it back.
    ToggleMouse,
    /// A program the reader handed the terminal to could not run: why.
    ProgramFailed(String),
    /// Something the loading said that the reader should show (files skipped in a folder).
    Note(String),
    /// A key bound to nothing where it was pressed (its label).
    Unbound(String),
    /// Open the list of the cable's parse warnings (`W`); Enter jumps to the line one is about.
    Warnings,
    /// Show or hide the key help.
    Help,
    /// Esc: close an overlay, cancel a search, or clear highlights.
    Cancel,
    /// `q`: quit, or close the help overlay.
    Quit,
    /// Ctrl-C: quit from anywhere.
    ForceQuit,
    /// Redraw the whole screen (Ctrl-L).
    Redraw,
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel over the screen cell `column`, `row`: positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click on a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// Rows read by the corpus worker (`o`, `O` and the list's keys work meanwhile).
    CorpusRows(Shared<Rows>),
    /// The corpus worker has read everything.
    CorpusDone(Shared<Done>),
    /// The loop has read and parsed the cable of a list row.
    CableReady(Shared<Ready>),
    /// The corpus worker's second pass has found the cable keys of some rows.
    CorpusKeys(Shared<KeysFound>),
    /// `o`: sort the cable list by the next key (source order, date, id, origin,
    /// classification, subject).
    SortNext,
    /// `O`: reverse the cable list's order.
    SortReverse,
    /// `:`: type an id to go to.
    GoToStart,
    /// `L`: type a limit for the cable list.
    LimitStart,
    /// A key typed at the prompt that is no edit of the keymap's (a character is typed).
    PromptKey(crate::config::keys::Key),
    /// An edit of the prompt's line (the keymap's "prompt" context: Enter, Esc, Ctrl-w ...).
    PromptEdit(crate::app::prompt::PromptEdit),
    /// `/` in the cable list: type a query over every cable.
    CorpusSearchStart,
    /// `n`/`N` in the cable list: the next or previous hit of the corpus search.
    NextHit,
    PrevHit,
    /// `/` in the facets pane: type words the origins must have.
    FacetFilter,
    /// Enter in the facets pane: add the value under the cursor to the limit.
    FacetAdd,
    /// Text pasted at the prompt.
    PromptPaste(String),
    /// How far the search index is built (the loop reports it as the worker goes).
    IndexProgress {
        bytes_done: u64,
        bytes_total: u64,
    },
    /// The search index is open (`indexed`), or searches scan; what is worth telling.
    IndexReady {
        indexed: bool,
        messages: Vec<String>,
    },
    /// A worker answered a corpus search.
    CorpusFound(Shared<crate::app::corpus_search::Answer>),
    /// Snippets of hits the list scrolls to, from a worker.
    CorpusSnippets(Shared<crate::app::corpus_search::Snippets>),
    /// `F`: the facets pane (counts per level, caveat, origin, year, tag).
    Facets,
    /// `r`: the links pane of the open cable (its references and the cables citing it).
    Links,
    /// Ctrl-o: back to the place left by the last jump (links pane, `:` go to).
    JumpBack,
    /// Ctrl-n: forward again after Ctrl-o.
    JumpForward,
    /// A background save of the reading state ended (the event loop runs it).
    StateSaved(crate::state::SaveOutcome),
}
