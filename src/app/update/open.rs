//! Opening a cable in the reader, and keeping the place of the one left.

use super::cursor::select_para;
use super::refresh::{
    clamp_text_scroll, follow_text, keep_cable_cursor_in_view, rebuild_rows, relayout, rewrap,
};
use super::search::run_search;
use crate::app::layout::Areas;
use crate::app::mode::{Focus, Mode};
use crate::app::state::{App, Entry, Filter, Reader, Search, Setup};
use crate::state::{ParagraphMark, Store};

// Making a reader opens its first cable, which is an update: it lives here so that the
// state does not import the code that changes it.
impl App {
    /// A reader over `entries` (at least one), opening the first that could be read, with
    /// the default keys and filter and a state kept in memory only.
    pub fn new(entries: Vec<Entry>) -> App {
        App::with_setup(entries, Setup::default())
    }

    /// A reader with a configured keymap and filter and the saved state.
    pub fn with_setup(entries: Vec<Entry>, setup: Setup) -> App {
        let current = entries
            .iter()
            .position(|entry| entry.content.is_ok())
            .unwrap_or(0);
        let mut app = App {
            entries,
            current,
            cable_cursor: current,
            cable_offset: 0,
            focus: Focus::Paragraphs,
            mode: Mode::Normal,
            filter: setup.filter,
            whole: false,
            reader: Reader::default(),
            search: Search::default(),
            help_scroll: 0,
            message: None,
            areas: Areas::default(),
            keymap: setup.keymap,
            store: setup.store.unwrap_or_else(Store::in_memory),
            bookmark_cursor: 0,
            bookmark_offset: 0,
            list: None,
            corpus_search: Default::default(),
            prompt: Default::default(),
            facets: Default::default(),
            links: Default::default(),
            jumps: Default::default(),
            warning_cursor: 0,
            warning_offset: 0,
            highlight: None,
            header_highlight: None,
            block_highlight: None,
            default_filter: setup.filter,
            mouse_captured: setup.settings.mouse,
            settings: setup.settings,
            quit: false,
            clear: false,
        };
        if app.several() {
            app.focus = Focus::Cables;
        }
        open(&mut app, current);
        app
    }
}

/// Opens entry `index` in the reader: rows, wrapped text and matches for it. The cable left
/// keeps its place in the saved state; the cable opened gets back the place it was left at
/// (selected paragraph, scroll, filter) and counts as read.
pub(super) fn open(app: &mut App, index: usize) {
    if index >= app.entries.len() {
        return;
    }
    // Before the first cable is open nothing is selected, and nothing is remembered.
    remember_position(app);
    app.current = index;
    app.cable_cursor = index;
    app.reader.selected = 0;
    app.reader.list_offset = 0;
    app.reader.text_scroll = 0;
    app.search.current = None;
    app.search.origin = None;
    app.highlight = None;
    app.header_highlight = None;
    app.block_highlight = None;
    if app.mode == Mode::Search {
        app.mode = Mode::Normal;
    }
    if let Some(entry) = app.entries.get(index) {
        if let Err(error) = &entry.content {
            app.message = Some(crate::app::state::Message {
                text: format!("{}: {error}", entry.name),
                error: true,
            });
        }
    }
    follow_resplit(app);
    let saved = app
        .entry()
        .and_then(|entry| entry.key())
        .and_then(|key| app.store.position(key))
        .cloned();
    app.filter = saved.as_ref().map_or(app.default_filter, |position| {
        Filter::with_caveats(&position.filter, position.caveats)
    });
    if let Some(key) = app.entry().and_then(|entry| entry.key()).cloned() {
        app.store.mark_read(key);
    }
    rebuild_rows(app);
    if !relayout(app) {
        // Same width as before, but another cable: its text still has to be wrapped.
        rewrap(app);
    }
    if let Some(position) = saved {
        select_para(app, position.paragraph);
        app.reader.text_scroll = position.scroll;
        clamp_text_scroll(app);
        if app.whole {
            follow_text(app);
        }
    }
    run_search(app);
    keep_cable_cursor_in_view(app);
}

/// Marks saved under an older split of the open cable (same id, other paragraphs' text)
/// move onto its paragraphs as now split, unless that other split is open too, or is
/// another row of the collection (a dump may hold two texts of one id: each keeps its own
/// marks; while such a row's key is not known, nothing moves).
fn follow_resplit(app: &mut App) {
    let mut in_use: Vec<_> = app.entries.iter().filter_map(Entry::key).cloned().collect();
    if let (Some(list), Some(key)) = (&app.list, app.entry().and_then(Entry::key)) {
        let same_id = list
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| !key.id.is_empty() && row.id.as_deref() == Some(&key.id));
        let mut unknown = false;
        for (index, _) in same_id {
            match list.key(index) {
                Some(other) => in_use.push(other),
                None => unknown = true,
            }
        }
        if unknown {
            return;
        }
    }
    let (entries, store) = (&app.entries, &mut app.store);
    let Some((key, doc)) = entries
        .get(app.current)
        .and_then(|entry| Some((entry.key()?, entry.doc()?)))
    else {
        return;
    };
    let marks = || {
        doc.paras
            .iter()
            .map(|para| ParagraphMark::of(para.number, &para.text))
            .collect()
    };
    store.follow_resplit(key, marks, &in_use);
}

/// Keeps where the open cable is (selected paragraph, scroll, filter) in the saved state.
pub(super) fn remember_position(app: &mut App) {
    let Some(key) = app.entry().and_then(|entry| entry.key()).cloned() else {
        return;
    };
    let Some(para) = app.reader.selected_para() else {
        return;
    };
    let mut position =
        crate::state::Position::new(para, app.reader.text_scroll, app.filter.to_level_filter());
    position.caveats = crate::config::CaveatFilter {
        shown: app.filter.caveats,
    };
    position.mark = app
        .doc()
        .and_then(|doc| doc.paras.get(para))
        .map(|para| ParagraphMark::of(para.number, &para.text));
    if app.store.position(&key).is_none_or(|old| {
        (old.paragraph, old.scroll, old.filter, old.caveats)
            != (
                position.paragraph,
                position.scroll,
                position.filter,
                position.caveats,
            )
    }) {
        app.store.set_position(key, position);
    }
}
