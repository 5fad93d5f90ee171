//! The links pane (`r`) and the jump list (Ctrl-o, Ctrl-n): the reference graph is built
//! once the rows are read, the pane is made from it, Enter opens a cable the way `:` go to
//! does, and going back or forward restores the place left.

use super::cursor::{select_para, selectable_cursor, set_focus};
use super::list::{keep_in_view, submit_go_to};
use super::normal::panes;
use super::open::open;
use super::refresh::{clamp_text_scroll, follow_text};
use crate::app::action::Action;
use crate::app::jumps::Place;
use crate::app::links::{Graph, LinksPane};
use crate::app::mode::Mode;
use crate::app::state::{App, Message};
use crate::corpus::links::Links;
use crate::corpus::summary::Summary;

/// Every row is read: the graph the worker built from them is taken, or built now.
pub(super) fn corpus_read(app: &mut App, built: Option<Links>) {
    match (built, app.list.as_ref()) {
        (Some(links), Some(list)) => {
            app.links.graph = Some(Graph {
                links,
                rows: list.rows.len(),
                entry_rows: Vec::new(),
            });
        }
        _ => build_graph(app),
    }
}

/// Every row is read (or the cables were given whole): the graph is built from them, once.
pub(super) fn build_graph(app: &mut App) {
    match app.list.as_ref() {
        Some(list) => {
            app.links.graph = Some(Graph {
                links: Links::build(&list.rows),
                rows: list.rows.len(),
                entry_rows: Vec::new(),
            });
        }
        None => {
            let entry_rows: Vec<Summary> = app
                .entries
                .iter()
                .map(|entry| match &entry.content {
                    Ok(loaded) => Summary::of(&loaded.cable),
                    Err(_) => Summary::default(),
                })
                .collect();
            app.links.graph = Some(Graph {
                links: Links::build(&entry_rows),
                rows: entry_rows.len(),
                entry_rows,
            });
        }
    }
}

/// The graph is missing or older than the rows (a corpus still being read): build it.
pub(super) fn ensure_graph(app: &mut App) {
    let rows = app
        .list
        .as_ref()
        .map_or(app.entries.len(), |list| list.rows.len());
    if app
        .links
        .graph
        .as_ref()
        .is_none_or(|graph| graph.rows != rows)
    {
        build_graph(app);
    }
}

/// The summary rows the graph was built from.
fn graph_rows(app: &App) -> &[Summary] {
    match (&app.list, &app.links.graph) {
        (Some(list), _) => &list.rows,
        (None, Some(graph)) => &graph.entry_rows,
        (None, None) => &[],
    }
}

/// The row of the open cable (in the corpus list, or the entry).
fn open_row(app: &App) -> Option<usize> {
    match &app.list {
        Some(list) => list.open_row,
        None => app.entry().is_some().then_some(app.current),
    }
}

/// `r`: the pane of the open cable.
fn open_pane(app: &mut App) {
    let Some(row) = open_row(app) else {
        say(app, "no cable is open", true);
        return;
    };
    ensure_graph(app);
    let Some(graph) = app.links.graph.as_ref() else {
        return;
    };
    app.links.pane = LinksPane::new(&graph.links, graph_rows(app), row);
    app.mode = Mode::Links;
}

/// Keys while the pane is open.
pub(super) fn links(app: &mut App, action: Action) {
    let page = rows_in_view(app);
    let pane = &app.links.pane;
    if let Some(cursor) =
        selectable_cursor(&action, pane.cursor, pane.rows.len(), page, |from, by| {
            pane.next_cable(from, by)
        })
    {
        app.links.pane.cursor = cursor;
        keep_pane_cursor_in_view(app);
        return;
    }
    match action {
        Action::Open => follow(app),
        Action::Cancel | Action::Quit | Action::Links => app.mode = Mode::Normal,
        Action::ForceQuit => super::normal::handle(app, action),
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            super::refresh::relayout(app);
        }
        _ => {}
    }
    keep_pane_cursor_in_view(app);
}

/// Keys of the reader that belong to links: the pane and the jump list.
pub(super) fn handle(app: &mut App, action: &Action) {
    match action {
        Action::Links => open_pane(app),
        Action::JumpBack => jump(app, true),
        Action::JumpForward => jump(app, false),
        _ => {}
    }
}

/// Rows of the pane in view (the same sum the view draws with).
pub(super) fn rows_in_view(app: &App) -> usize {
    // The pane's border takes two of its lines.
    let area = crate::app::layout::bookmarks_area(app.areas.size, app.links.pane.rows.len());
    usize::from(area.height.saturating_sub(2))
}

fn keep_pane_cursor_in_view(app: &mut App) {
    let height = rows_in_view(app).max(1);
    let pane = &mut app.links.pane;
    if pane.cursor < pane.offset {
        // The section's title shows above its first cable.
        pane.offset = pane.cursor.saturating_sub(1);
    }
    if pane.cursor >= pane.offset + height {
        pane.offset = pane.cursor + 1 - height;
    }
}

/// Enter: opens the cable selected, as `:` go to does (which leaves a place to come back
/// to).
fn follow(app: &mut App) {
    let Some(cable) = app.links.pane.selected().cloned() else {
        return;
    };
    let Some(row) = cable.row else {
        say(
            app,
            &format!("{} is not in this collection", cable.id),
            true,
        );
        return;
    };
    app.mode = Mode::Normal;
    if app.list.is_some() {
        submit_go_to(app, &cable.id);
    } else {
        leave_place(app);
        open(app, row);
    }
}

/// Where the reader is now, if a cable is open.
fn here(app: &App) -> Option<Place> {
    Some(Place {
        row: open_row(app)?,
        paragraph: app.reader.selected_para(),
        text_scroll: app.reader.text_scroll,
        whole: app.whole,
        focus: app.focus,
    })
}

/// A cable is about to be opened by a jump: the place left goes on the jump list.
pub(super) fn leave_place(app: &mut App) {
    if let Some(place) = here(app) {
        app.jumps.leave(place);
    }
}

/// Ctrl-o (`back`) or Ctrl-n.
fn jump(app: &mut App, back: bool) {
    let Some(here) = here(app) else {
        return;
    };
    let to = if back {
        app.jumps.back(here)
    } else {
        app.jumps.forward(here)
    };
    let Some(to) = to else {
        let text = if back {
            "no earlier place: Ctrl-o goes back after Enter in the links pane (r) or : go to"
        } else {
            "no later place: Ctrl-n goes forward after Ctrl-o"
        };
        say(app, text, false);
        return;
    };
    go_to_place(app, to);
}

fn go_to_place(app: &mut App, to: Place) {
    let Some(list) = app.list.as_mut() else {
        open(app, to.row);
        restore(app, to);
        return;
    };
    if list.open_row == Some(to.row) {
        restore(app, to);
        return;
    }
    if let Some(at) = list.view.iter().position(|&r| r as usize == to.row) {
        list.cursor = at;
    }
    list.wanted = Some(to.row);
    app.jumps.pending = Some(to);
    keep_in_view(app);
}

/// The loop delivered a cable: if it is the one a jump went to, its place comes back.
pub(super) fn arrived(app: &mut App) {
    let Some(to) = app.jumps.pending else {
        return;
    };
    let Some(list) = app.list.as_ref() else {
        return;
    };
    if list.wanted.is_some() {
        // Another cable was asked for since; that one is on its way.
        return;
    }
    app.jumps.pending = None;
    if list.open_row == Some(to.row) {
        restore(app, to);
    }
}

/// Puts back the selection, text scroll, view and focus of `to` on the open cable.
fn restore(app: &mut App, to: Place) {
    app.whole = to.whole;
    if let Some(paragraph) = to.paragraph {
        select_para(app, paragraph);
    }
    app.reader.text_scroll = to.text_scroll;
    clamp_text_scroll(app);
    if app.whole {
        follow_text(app);
    }
    if panes(app).contains(&to.focus) {
        set_focus(app, to.focus);
    }
}

fn say(app: &mut App, text: &str, error: bool) {
    app.message = Some(Message {
        text: text.to_owned(),
        error,
    });
}
