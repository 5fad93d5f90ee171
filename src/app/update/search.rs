//! Search in the open cable: typing the query (matches found as you type), confirming,
//! cancelling back to where it started, and stepping through matches.

use std::ops::Range;

use super::cursor::select;
use super::refresh::{clamp_text_scroll, keep_selection_in_view};
use crate::app::mode::Mode;
use crate::app::state::{App, HeaderPart, Match, Part, MATCH_LIMIT};
use crate::app::wrap::LineKind;
use crate::corpus::query::{parse_query, Query};
use crate::corpus::search::matcher::highlights;

/// `/` in the paragraph list or the text: start typing a search of the open cable.
pub(super) fn start_search(app: &mut App) {
    app.mode = Mode::Search;
    app.search.input.clear();
    // A search Esc put away is still the one in force (an empty search repeats it).
    let in_force = if app.search.query.is_empty() {
        std::mem::take(&mut app.search.kept)
    } else {
        app.search.query.clone()
    };
    app.search.origin = Some((
        app.reader.selected,
        app.reader.text_scroll,
        in_force,
        app.search.corpus,
    ));
    app.search.query.clear();
    run_search(app);
}

/// Makes `query` (a corpus search's) the search in force in the open cable: its words are
/// highlighted, and `n`/`N` in the paragraphs and the text walk them.
pub(super) fn set_corpus_query(app: &mut App, query: &str) {
    app.search.query = query.to_owned();
    app.search.corpus = true;
    app.search.kept.clear();
    run_search(app);
}

pub(super) fn edit_search(app: &mut App, edit: impl FnOnce(&mut String)) {
    if app.mode != Mode::Search {
        return;
    }
    edit(&mut app.search.input);
    app.search.query = app.search.input.clone();
    app.search.corpus = false;
    run_search(app);
    // Show the first match from where the search started, as you type.
    let (selected, scroll) = app
        .search
        .origin
        .as_ref()
        .map(|(s, t, _, _)| (*s, *t))
        .unwrap_or((app.reader.selected, app.reader.text_scroll));
    match first_match_from(app, selected, scroll) {
        Some(index) => go_to(app, index),
        None => {
            app.search.current = None;
            app.search.current_header = None;
            select(app, selected);
            app.reader.text_scroll = scroll;
            clamp_text_scroll(app);
        }
    }
}

pub(super) fn cancel_search(app: &mut App) {
    app.mode = Mode::Normal;
    if let Some((selected, scroll, query, corpus)) = app.search.origin.take() {
        app.search.query = query;
        app.search.corpus = corpus;
        run_search(app);
        select(app, selected);
        app.reader.text_scroll = scroll;
        clamp_text_scroll(app);
    }
    app.search.input.clear();
}

pub(super) fn confirm_search(app: &mut App) {
    if app.mode != Mode::Search {
        return;
    }
    app.mode = Mode::Normal;
    let (selected, scroll, previous, previous_corpus) = match app.search.origin.take() {
        Some((selected, scroll, previous, corpus)) => (selected, scroll, previous, corpus),
        None => (
            app.reader.selected,
            app.reader.text_scroll,
            String::new(),
            false,
        ),
    };
    app.search.corpus = false;
    if app.search.input.is_empty() {
        // An empty search repeats the last one, as in less and vim.
        app.search.input = previous;
        app.search.corpus = previous_corpus;
    }
    app.search.query = app.search.input.clone();
    run_search(app);
    if app.search.query.is_empty() {
        return;
    }
    match first_match_from(app, selected, scroll) {
        Some(index) => {
            go_to(app, index);
            announce_match(app, index, false);
        }
        None => {
            let text = match app.search.elsewhere(app.whole) {
                Some(elsewhere) => format!("Not in the shown paragraphs: {elsewhere}"),
                None => format!("Not found: {}", app.search.query),
            };
            app.message = Some(crate::app::state::Message {
                text,
                error: app.search.header.is_empty(),
            });
        }
    }
}

pub(super) fn search_step(app: &mut App, forward: bool) {
    if app.search.query.is_empty() && !app.search.kept.is_empty() {
        // The search Esc put away comes back.
        app.search.query = std::mem::take(&mut app.search.kept);
        run_search(app);
    }
    if app.search.query.is_empty() {
        app.message = Some(crate::app::state::Message {
            text: "No search yet: press / to search".to_owned(),
            error: true,
        });
        return;
    }
    let count = app.search.walked(app.whole);
    if count == 0 {
        let text = match app.search.elsewhere(app.whole) {
            Some(elsewhere) => format!("Not in the shown paragraphs: {elsewhere}"),
            None => format!("Not found: {}", app.search.query),
        };
        app.message = Some(crate::app::state::Message { text, error: true });
        return;
    }
    let (index, wrapped) = match app.search.position(app.whole) {
        Some(current) if forward => ((current + 1) % count, current + 1 >= count),
        Some(current) => ((current + count - 1) % count, current == 0),
        None => {
            let (selected, scroll) = (app.reader.selected, app.reader.text_scroll);
            let first = first_match_from(app, selected, scroll).unwrap_or(0);
            if forward {
                (first, false)
            } else {
                let before = (first + count - 1) % count;
                (before, before >= first)
            }
        }
    };
    go_to(app, index);
    announce_match(app, index, wrapped);
}

fn announce_match(app: &mut App, index: usize, wrapped: bool) {
    let count = app.search.count_label(app.whole);
    let mut text = format!("Match {} of {count}", index + 1);
    if wrapped {
        text.push_str(" (wrapped around)");
    }
    if let Some(elsewhere) = app.search.elsewhere(app.whole) {
        text.push_str(&format!("; also {elsewhere}"));
    }
    app.message = Some(crate::app::state::Message { text, error: false });
}

/// Where `n`/`N` start when no match was moved to yet, as an index in the walk
/// (`Search::position`): in the whole-cable view with the header block in view (the text
/// scrolled less than past it), its first match; else the first match in the `shown`th
/// visible paragraph or after it, wrapping to the top.
fn first_match_from(app: &App, shown: usize, scroll: usize) -> Option<usize> {
    let header = app.search.walked_header(app.whole);
    if app.search.walked(app.whole) == 0 {
        return None;
    }
    if header > 0 && scroll < app.reader.wrapped.header_lines().end {
        return Some(0);
    }
    let para = app.reader.visible.get(shown).copied().unwrap_or(0);
    let matches = &app.search.matches;
    let at = matches.partition_point(|m| m.para < para);
    Some(if at < matches.len() { header + at } else { 0 })
}

/// Moves to match `index` of the walk: a header match (shown in the header block) or a
/// paragraph's.
fn go_to(app: &mut App, index: usize) {
    match index.checked_sub(app.search.walked_header(app.whole)) {
        Some(para_match) => go_to_match(app, para_match),
        None => go_to_header_match(app, index),
    }
}

/// Scrolls the text so wrapped line `line` is in view, a third down when it was not.
fn scroll_line_into_view(app: &mut App, line: usize) {
    let view = app.text_view();
    let relative = line.saturating_sub(view.start);
    let height = usize::from(app.areas.text_inner().height).max(1);
    let scroll = &mut app.reader.text_scroll;
    if relative < *scroll || relative >= *scroll + height {
        *scroll = relative.saturating_sub(height / 3);
    }
    clamp_text_scroll(app);
}

/// Moves to header match `index` (in `Search::header`): the header block's line showing
/// it comes into view, the first paragraph selected.
fn go_to_header_match(app: &mut App, index: usize) {
    let Some((part, range)) = app.search.header.get(index).cloned() else {
        return;
    };
    app.search.current_header = Some(index);
    app.search.current = None;
    let Some(doc) = app.doc() else {
        return;
    };
    let wrapped = &app.reader.wrapped;
    let line = doc
        .header_block
        .iter()
        .zip(&wrapped.header)
        .find_map(|(line, lines)| Some((line.map(part, &range)?, lines.clone())))
        .and_then(|(shown, lines)| {
            let starts = |at: &usize| wrapped.lines.get(*at).map_or(0, |l| l.range.start);
            lines.take_while(|at| starts(at) <= shown.start).last()
        });
    if let Some(line) = line {
        scroll_line_into_view(app, line);
    }
    app.reader.selected = 0;
    keep_selection_in_view(app);
}

/// Selects the paragraph of match `index` and scrolls the text so the match is in view.
fn go_to_match(app: &mut App, index: usize) {
    let Some(found) = app.search.matches.get(index).cloned() else {
        return;
    };
    app.search.current = Some(index);
    app.search.current_header = None;
    if let Some(shown) = app.reader.visible.iter().position(|&p| p == found.para) {
        select(app, shown);
    }
    let lines = app.reader.wrapped.para_lines(found.para);
    let line = app
        .reader
        .wrapped
        .lines
        .get(lines.clone())
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, line)| {
            matches!(
                (line.kind, found.part),
                (LineKind::Heading { .. }, Part::Heading) | (LineKind::Text { .. }, Part::Text)
            )
        })
        .take_while(|(_, line)| line.range.start <= found.range.start)
        .last()
        .map(|(offset, _)| lines.start + offset);
    let Some(line) = line else {
        return;
    };
    scroll_line_into_view(app, line);
    if app.whole {
        // keep the selection on the match's paragraph even if another is at the top
        if let Some(shown) = app.reader.visible.iter().position(|&p| p == found.para) {
            app.reader.selected = shown;
            keep_selection_in_view(app);
        }
    }
}

/// Finds the query in the headings and texts of the shown paragraphs, ignoring case (at
/// most [`MATCH_LIMIT`]); also in the header's subject, tags and references, and counts
/// what hidden paragraphs hold.
pub(super) fn run_search(app: &mut App) {
    app.search.matches.clear();
    app.search.header.clear();
    app.search.hidden = 0;
    app.search.current = None;
    app.search.current_header = None;
    app.search.limited = false;
    let folded = fold(&app.search.query).0;
    if folded.is_empty() {
        return;
    }
    // A corpus query finds its words as the index does (whole words, prefixes); a typed
    // search finds the text as typed.
    let words = if app.search.corpus {
        parse_query(&app.search.query).ok()
    } else {
        None
    };
    let finder = match &words {
        Some(query) => Finder::Words(query),
        None => Finder::Folded(&folded),
    };
    let Some(doc) = app.entries.get(app.current).and_then(|e| e.doc()) else {
        return;
    };
    let mut header = Vec::new();
    let facts = &doc.header;
    // In the order the header block shows them, which `n` walks.
    let mut parts = HeaderPart::ALL;
    parts.sort_by_key(|part| {
        doc.header_block
            .iter()
            .position(|line| line.repeats.as_ref().is_some_and(|r| r.part == *part))
    });
    for part in parts {
        let text = match part {
            HeaderPart::Subject => facts.subject.as_deref(),
            HeaderPart::Tags => facts.tags.as_deref(),
            HeaderPart::References => facts.references.as_deref(),
        };
        for range in text
            .map(|text| finder.find(text, MATCH_LIMIT))
            .unwrap_or_default()
        {
            header.push((part, range));
        }
    }
    // Hidden paragraphs are searched only to be counted. The visible ones are in order, so
    // one walk over both finds which are hidden.
    let mut shown = app.reader.visible.iter().peekable();
    let mut hidden = 0;
    for (index, para) in doc.paras.iter().enumerate() {
        if shown.next_if(|&&p| p == index).is_some() {
            continue;
        }
        for text in [para.heading.as_deref(), Some(para.text.as_str())]
            .into_iter()
            .flatten()
        {
            // Counted up to the limit, like the shown matches.
            let room = MATCH_LIMIT.saturating_sub(hidden);
            hidden += finder.find(text, room).len();
        }
    }
    app.search.header = header;
    app.search.hidden = hidden;
    let mut matches = Vec::new();
    let mut limited = false;
    'paragraphs: for &index in &app.reader.visible {
        let Some(para) = doc.paras.get(index) else {
            continue;
        };
        let parts = [
            (Part::Heading, para.heading.as_deref()),
            (Part::Text, Some(para.text.as_str())),
        ];
        for (part, text) in parts {
            if let Some(text) = text {
                let room = MATCH_LIMIT - matches.len();
                let found = finder.find(text, room + 1);
                limited = found.len() > room;
                matches.extend(found.into_iter().take(room).map(|range| Match {
                    para: index,
                    part,
                    range,
                }));
                if limited {
                    break 'paragraphs;
                }
            }
        }
    }
    app.search.matches = matches;
    app.search.limited = limited;
}

/// How the search in force finds its matches in a text.
enum Finder<'q> {
    /// The folded text as typed.
    Folded(&'q str),
    /// A corpus query's words.
    Words(&'q Query<'q>),
}

impl Finder<'_> {
    fn find(&self, text: &str, limit: usize) -> Vec<Range<usize>> {
        match self {
            Finder::Folded(query) => find_folded_at_most(text, query, limit),
            Finder::Words(query) => {
                let mut found = highlights(text, query);
                found.truncate(limit);
                found
            }
        }
    }
}

/// `text` lower-cased, with the byte offset in `text` of each byte of the result (and one
/// past the end), or no offsets when they are the same (ASCII).
fn fold(text: &str) -> (String, Option<Vec<usize>>) {
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), None);
    }
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for lower in c.to_lowercase() {
            let before = folded.len();
            folded.push(lower);
            offsets.extend(std::iter::repeat_n(at, folded.len() - before));
        }
    }
    offsets.push(text.len());
    (folded, Some(offsets))
}

/// Ranges of `text` where the folded `query` occurs, case-insensitively.
pub fn find_folded(text: &str, query: &str) -> Vec<Range<usize>> {
    find_folded_at_most(text, query, usize::MAX)
}

/// The first `limit` ranges of [`find_folded`]; the search stops there.
pub fn find_folded_at_most(text: &str, query: &str, limit: usize) -> Vec<Range<usize>> {
    let (folded, offsets) = fold(text);
    folded
        .match_indices(query)
        .take(limit)
        .map(|(start, found)| {
            let end = start + found.len();
            match &offsets {
                None => start..end,
                Some(offsets) => {
                    let from = offsets.get(start).copied().unwrap_or(text.len());
                    let mut to = offsets.get(end).copied().unwrap_or(text.len());
                    if to <= from {
                        to = text
                            .get(from..)
                            .and_then(|rest| rest.chars().next())
                            .map_or(text.len(), |c| from + c.len_utf8());
                    }
                    from..to
                }
            }
        })
        .collect()
}
