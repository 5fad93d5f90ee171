//! Search over every cable (`/` in the cable list): the query typed at the prompt, the
//! index's progress, the answer becoming the list (best first, like a limit), `n`/`N`
//! between hits, Esc back to the list as it was; an opened hit has its words highlighted.

use super::list::keep_in_view;
use super::refresh::follow_hit_rows;
use super::search::{set_corpus_query, start_search};
use crate::app::action::Action;
use crate::app::corpus_search::{Answer, HitList, IndexState};
use crate::app::list::thousands;
use crate::app::mode::{Focus, Mode};
use crate::app::prompt::PromptKind;
use crate::app::state::{App, Message};
use crate::corpus::limit::parse_limit;
use crate::corpus::query::{parse_query, Query};

/// Handles what the corpus search owns; gives back any other action.
pub(super) fn handle(app: &mut App, action: Action) -> Option<Action> {
    let in_list = app.mode == Mode::Normal && app.focus == Focus::Cables;
    let hits_shown = app.list.as_ref().is_some_and(|list| list.hits.is_some());
    match action {
        Action::IndexProgress {
            bytes_done,
            bytes_total,
        } => {
            app.corpus_search.index = IndexState::Building {
                bytes_done,
                bytes_total,
            };
        }
        Action::IndexReady { indexed, messages } => {
            app.corpus_search.index = if indexed {
                IndexState::Ready
            } else {
                IndexState::Scan
            };
            // The last says what came of it (an index rebuilt, or searches by scan).
            if let Some(last) = messages.last() {
                let text = crate::sanitize::one_line(last);
                app.corpus_search.index_message = Some(text.clone());
                app.message = Some(Message { text, error: true });
            } else if indexed && app.message.is_none() {
                app.message = Some(Message {
                    text: "index ready".to_owned(),
                    error: false,
                });
            }
        }
        Action::CorpusFound(answer) => found(app, answer.take()),
        Action::CorpusSnippets(snippets) => {
            let snippets = snippets.take();
            let hits = app.list.as_mut().and_then(|list| list.hits.as_mut());
            if let Some(hits) = hits.filter(|hits| hits.number == snippets.number) {
                hits.snippets.extend(snippets.snippets);
            }
        }
        Action::CorpusSearchStart if app.list.is_none() => start_search(app),
        Action::CorpusSearchStart => {
            let last = app
                .list
                .as_ref()
                .and_then(|list| list.hits.as_ref())
                .map(|hits| hits.query.clone())
                .unwrap_or_default();
            app.prompt.start(PromptKind::Search, &last);
            app.mode = Mode::Prompt;
        }
        Action::NextHit if in_list => step_hit(app, 1),
        Action::PrevHit if in_list => step_hit(app, -1),
        Action::Cancel if in_list && hits_shown => back_to_list(app),
        Action::Open if in_list && hits_shown => {
            // The cable opens with the query's words lit, and n/N in it walk them.
            if let Some(query) = hit_query(app) {
                set_corpus_query(app, &query);
            }
            return Some(Action::Open);
        }
        other => return Some(other),
    }
    None
}

fn hit_query(app: &App) -> Option<String> {
    let hits = app.list.as_ref()?.hits.as_ref()?;
    Some(hits.query.clone())
}

/// Enter at the search prompt: the query goes to a worker, or the prompt stays with the
/// mistake at its column (and the list as it is).
pub(super) fn submit(app: &mut App, line: &str) -> bool {
    let text = line.trim();
    let query = match parse_query(text) {
        Ok(query) => query,
        Err(error) => {
            app.prompt.error = Some((error.column, error.message));
            return false;
        }
    };
    if !query.has_words() {
        app.prompt.error = Some((
            1,
            "give a word, \"a phrase\" or a prefix* to look for".to_owned(),
        ));
        return false;
    }
    if let Err((column, message)) = check_limit(text, &query) {
        app.prompt.error = Some((column, message));
        return false;
    }
    // The search is within the list's limit in force (its terms AND the query's own).
    let within = app.list.as_ref().and_then(|list| {
        let limit = list.limit.clone().filter(|limit| !limit.is_all())?;
        Some((list.limit_text.clone(), limit))
    });
    let scope = within.as_ref().map_or_else(
        || "every cable".to_owned(),
        |(limit, _)| format!("the cables within {}", crate::sanitize::one_line(limit)),
    );
    app.corpus_search.ask(text, within);
    let how = match app.corpus_search.index.describe() {
        Some(progress) => format!(" ({progress}: the rest is scanned)"),
        None if app.corpus_search.index == IndexState::Scan => " (no index: scanning)".to_owned(),
        None => String::new(),
    };
    app.message = Some(Message {
        text: format!(
            "searching {scope} for \"{}\"…{how}",
            crate::sanitize::one_line(text)
        ),
        error: false,
    });
    true
}

/// The query's limit terms parse, or the mistake with its column in the query as typed
/// (the terms are parsed joined by spaces).
fn check_limit(text: &str, query: &Query<'_>) -> Result<(), (usize, String)> {
    let joined = query.limit.join(" ");
    let Err(error) = parse_limit(&joined) else {
        return Ok(());
    };
    let mut column_in_joined = 1;
    for term in &query.limit {
        let length = term.chars().count();
        if error.column <= column_in_joined + length {
            let byte = (term.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            let before = text.get(..byte).map_or(0, |before| before.chars().count());
            return Err((before + error.column - column_in_joined + 1, error.message));
        }
        column_in_joined += length + 1;
    }
    Err((error.column, error.message))
}

/// A worker's answer: the list becomes the hits, best first, or says why not.
fn found(app: &mut App, answer: Answer) {
    if answer.number != app.corpus_search.last_asked {
        return;
    }
    let within = app
        .corpus_search
        .wanted
        .take()
        .and_then(|asked| asked.within)
        .map(|(text, _)| text);
    let Some(query) = app.corpus_search.pending.take() else {
        return;
    };
    if let Some(error) = answer.error {
        app.message = Some(Message {
            text: crate::sanitize::one_line(&format!("search failed: {error}")),
            error: true,
        });
        return;
    }
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let (rows, count) = (answer.rows, answer.count);
    let scanned = if answer.partial {
        " · the cables not yet indexed scanned"
    } else if answer.scanned {
        " · by a scan"
    } else {
        ""
    };
    if rows.is_empty() {
        let within_text = within.as_deref().map_or_else(String::new, |within| {
            format!(" within {}", crate::sanitize::one_line(within))
        });
        app.message = Some(Message {
            text: format!(
                "no cable has \"{}\"{within_text}{scanned} · the list stays",
                crate::sanitize::one_line(&query)
            ),
            error: true,
        });
        return;
    }
    let before = match list.hits.take() {
        Some(earlier) => earlier.before,
        None => (std::mem::take(&mut list.view), list.cursor, list.offset),
    };
    list.view = rows.clone();
    list.cursor = 0;
    list.offset = 0;
    let hits = HitList {
        query: query.clone(),
        number: answer.number,
        within,
        rows,
        count,
        snippets: answer.snippets.into_iter().collect(),
        before,
    };
    let text = format!(
        "{}{scanned} · {} ms · Esc: the list as before",
        hits.describe(),
        thousands(answer.elapsed_ms)
    );
    list.hits = Some(hits);
    app.message = Some(Message { text, error: false });
    set_corpus_query(app, &query);
    follow_hit_rows(app);
    keep_in_view(app);
}

/// Esc in the list of hits: the list as it was before the search, where it was.
fn back_to_list(app: &mut App) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let Some(hits) = list.hits.take() else {
        return;
    };
    let (view, cursor, offset) = hits.before;
    list.view = view;
    list.cursor = cursor;
    list.offset = offset;
    app.message = Some(Message {
        text: "the list as before the search · / searches again".to_owned(),
        error: false,
    });
    follow_hit_rows(app);
    keep_in_view(app);
}

/// `n`/`N` in the list: the next or previous hit (wrapping), or why there is none.
fn step_hit(app: &mut App, by: isize) {
    let Some(list) = app.list.as_mut() else {
        return;
    };
    if list.hits.is_none() {
        app.message = Some(Message {
            text: "no search: / searches every cable".to_owned(),
            error: true,
        });
        return;
    }
    let shown = list.view.len();
    if shown == 0 {
        return;
    }
    let wrapped = (by > 0 && list.cursor + 1 >= shown) || (by < 0 && list.cursor == 0);
    list.cursor = (list.cursor as isize + by).rem_euclid(shown as isize) as usize;
    let mut text = format!(
        "hit {} of {}",
        thousands(list.cursor as u64 + 1),
        thousands(shown as u64)
    );
    if wrapped {
        text.push_str(" (wrapped around)");
    }
    app.message = Some(Message { text, error: false });
    keep_in_view(app);
}
