//! The facets pane (`F`): moving over the values, the origin filter box (the prompt), and
//! Enter, which adds the value under the cursor to the limit.

use super::cursor::selectable_cursor;
use super::list::submit_limit;
use crate::app::action::Action;
use crate::app::facets::{FacetRow, FacetsPane};
use crate::app::mode::Mode;
use crate::app::prompt::PromptKind;
use crate::app::state::{App, Message};
use crate::corpus::facets::Facets;

/// Opens the pane with the counts of the list under its limit.
pub(super) fn open(app: &mut App) {
    let Some(list) = app.list.as_ref() else {
        return;
    };
    app.facets = FacetsPane::new(Facets::count(&list.rows, &list.view));
    app.mode = Mode::Facets;
}

pub(super) fn facets(app: &mut App, action: Action) {
    let page = usize::from(app.areas.size.height.saturating_sub(6));
    let pane = &app.facets;
    if let Some(cursor) =
        selectable_cursor(&action, pane.cursor, pane.rows.len(), page, |from, by| {
            pane.next_value(from, by)
        })
    {
        app.facets.cursor = cursor;
        keep_in_view(app);
        return;
    }
    match action {
        Action::FacetFilter => {
            let filter = app.facets.origin_filter.clone();
            app.prompt.start(PromptKind::FacetFilter, &filter);
            app.mode = Mode::Prompt;
        }
        Action::FacetAdd => add_to_limit(app),
        Action::Cancel | Action::Quit | Action::Facets => app.mode = Mode::Normal,
        Action::ForceQuit => super::normal::handle(app, action),
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            super::refresh::relayout(app);
        }
        _ => {}
    }
    keep_in_view(app);
}

/// Enter in the filter box: the origins shown are those with every word typed.
pub(super) fn set_origin_filter(app: &mut App, text: &str) {
    app.facets.origin_filter = text.trim().to_owned();
    app.facets.rebuild();
    app.mode = Mode::Facets;
}

/// Rows of the pane in view (the same sum the view draws with).
pub fn facet_rows_in_view(app: &App) -> usize {
    // The pane's border takes two of its lines.
    let area = crate::app::layout::bookmarks_area(app.areas.size, app.facets.rows.len());
    usize::from(area.height.saturating_sub(2))
}

fn keep_in_view(app: &mut App) {
    let height = facet_rows_in_view(app).max(1);
    let pane = &mut app.facets;
    if pane.cursor < pane.offset {
        pane.offset = pane.cursor.saturating_sub(1);
    }
    if pane.cursor >= pane.offset + height {
        pane.offset = pane.cursor + 1 - height;
    }
}

fn add_to_limit(app: &mut App) {
    let Some(FacetRow::Value { clause, .. }) = app.facets.rows.get(app.facets.cursor) else {
        return;
    };
    let Some(clause) = clause.clone() else {
        app.message = Some(Message {
            text: "cables of no known level cannot be asked for".to_owned(),
            error: true,
        });
        return;
    };
    let old = app
        .list
        .as_ref()
        .map(|list| list.limit_text.clone())
        .unwrap_or_default();
    let text = if old.is_empty() {
        clause
    } else {
        format!("({old}) {clause}")
    };
    if submit_limit(app, &text) {
        app.prompt.kind = PromptKind::Limit;
        app.prompt.remember(&text);
        app.mode = Mode::Normal;
    } else if let Some((column, message)) = app.prompt.error.take() {
        app.message = Some(Message {
            text: format!("{text}: column {column}: {message}"),
            error: true,
        });
    }
}
