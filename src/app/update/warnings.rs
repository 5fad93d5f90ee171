//! The `W` list of the open cable's parse warnings: moving in it, and Enter, which jumps to
//! the line a warning is about and highlights it.

use super::cursor::{list_cursor, select_para, set_focus};
use super::open::remember_position;
use super::refresh::{clamp_text_scroll, follow_text, refilter, relayout, rewrap};
use crate::app::action::Action;
use crate::app::header_block::BlockPart;
use crate::app::mode::{Focus, Mode};
use crate::app::state::{App, Highlight, Message};
use crate::app::warnings::{HeaderRow, WarningPlace};
use crate::app::wrap::LineKind;

fn count(app: &App) -> usize {
    app.doc().map_or(0, |doc| doc.warnings.len())
}

/// `W` in the reader: opens the list at its first warning.
pub(super) fn open_list(app: &mut App) {
    app.mode = Mode::Warnings;
    app.warning_cursor = 0;
    app.warning_offset = 0;
}

/// Keys while the warnings list is open: move, Enter jumps, Esc/q/W close.
pub(super) fn warnings(app: &mut App, action: Action) {
    let count = count(app);
    let page = crate::app::layout::warning_rows(app.areas.size, count).max(1);
    let cursor = app.warning_cursor;
    if let Some(moved) = list_cursor(&action, cursor, count, page) {
        app.warning_cursor = moved;
        keep_warning_cursor_in_view(app);
        return;
    }
    match action {
        Action::Open => jump_to_warning(app),
        Action::Warnings | Action::Cancel | Action::Quit | Action::Click { .. } => {
            app.mode = Mode::Normal;
        }
        Action::ForceQuit => {
            remember_position(app);
            app.quit = true;
        }
        Action::Redraw => app.clear = true,
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            relayout(app);
        }
        _ => {}
    }
    keep_warning_cursor_in_view(app);
}

fn keep_warning_cursor_in_view(app: &mut App) {
    let rows = crate::app::layout::warning_rows(app.areas.size, count(app));
    if rows == 0 {
        return;
    }
    if app.warning_cursor < app.warning_offset {
        app.warning_offset = app.warning_cursor;
    }
    if app.warning_cursor >= app.warning_offset + rows {
        app.warning_offset = app.warning_cursor + 1 - rows;
    }
}

/// Shows the header line a warning is about: the text pane goes to the whole-cable view
/// and scrolls to the header block's lines for it, which are highlighted, and the header
/// bar's row is highlighted too. The routing lines are shown if the config hid them. When
/// the block has no line for it (a dateline, a line above the classification line), or the
/// header bar is compact (below 30 rows), the message says so.
fn show_header_line(app: &mut App, row: HeaderRow, block: Option<BlockPart>, warning: &str) {
    app.highlight = None;
    let mut notes: Vec<String> = Vec::new();
    if row == HeaderRow::Routing && !app.settings.show_routing {
        app.settings.show_routing = true;
        relayout(app);
        rewrap(app);
        notes.push("routing lines shown: the config hides them, show_routing = false".to_owned());
    }
    let routing_empty =
        row == HeaderRow::Routing && app.doc().is_some_and(|doc| doc.header.routing.is_empty());
    let in_bar = !app.areas.compact_header || matches!(row, HeaderRow::Banner | HeaderRow::Facts);
    app.header_highlight = (in_bar && !routing_empty).then_some(row);
    let in_block = block.filter(|&part| {
        app.doc()
            .is_some_and(|doc| doc.header_block.iter().any(|line| part.covers(line.part)))
    });
    if in_block.is_some() {
        if !app.whole {
            app.whole = true;
            notes.push("whole cable shown".to_owned());
        }
        set_focus(app, Focus::Text);
    }
    let lines = in_block.map_or(0..0, |part| block_lines(app, part));
    app.block_highlight = in_block.filter(|_| !lines.is_empty());
    if lines.is_empty() {
        notes.push(match block {
            None => "the text pane's header block has no line for it: it shows no dateline \
                     and no line above the classification line"
                .to_owned(),
            Some(_) if in_block.is_some() => "the text pane is too small to show it".to_owned(),
            Some(part) => format!("the text pane's header block shows no {}", part.describe()),
        });
    } else {
        app.reader.text_scroll = lines.start;
        clamp_text_scroll(app);
        follow_text(app);
    }
    if !in_bar {
        notes.push(format!(
            "the header bar is compact below 30 rows, this window has {}",
            app.areas.size.height
        ));
    } else if routing_empty {
        notes.push("the routing header names no FM, TO or INFO line to show".to_owned());
    }
    let note = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    app.message = Some(Message {
        text: format!(
            "In the header's {}: {warning}{note}",
            block.map_or(row.describe(), BlockPart::describe)
        ),
        error: false,
    });
}

/// The wrapped lines showing the header block's `part`, from its first line to its last.
fn block_lines(app: &App, part: BlockPart) -> std::ops::Range<usize> {
    let Some(doc) = app.doc() else {
        return 0..0;
    };
    app.reader.wrapped.header_lines_where(|index| {
        doc.header_block
            .get(index)
            .is_some_and(|line| part.covers(line.part))
    })
}

/// Closes the list and shows the place the warning under the cursor is about: its
/// paragraph in the text pane, scrolled to the line, which is highlighted; for a warning
/// about the header, its row of the header bar, highlighted; for one about no place, a
/// message says so.
fn jump_to_warning(app: &mut App) {
    let Some(entry) = app
        .doc()
        .and_then(|doc| doc.warnings.get(app.warning_cursor))
        .cloned()
    else {
        return;
    };
    app.mode = Mode::Normal;
    let (para, at) = match entry.place {
        WarningPlace::Para { para, at } => (para, at),
        WarningPlace::Header { row, block } => {
            show_header_line(app, row, block, &entry.text);
            return;
        }
        WarningPlace::Nowhere => {
            app.message = Some(Message {
                text: format!("Not about one line: {}", entry.text),
                error: false,
            });
            return;
        }
    };
    let level = app
        .doc()
        .and_then(|doc| doc.paras.get(para))
        .map(|p| p.level);
    let mut hidden = false;
    if let Some(level) = level {
        if !app.filter.shows(level) {
            app.filter = Default::default();
            refilter(app);
            hidden = true;
        }
    }
    app.header_highlight = None;
    app.block_highlight = None;
    select_para(app, para);
    set_focus(app, Focus::Text);
    // The wrapped line of the paragraph's text that holds the warning's byte.
    let lines = &app.reader.wrapped.lines;
    let found = lines.iter().enumerate().rev().find(|(_, line)| {
        matches!(line.kind, LineKind::Text { para: p, .. } if p == para) && line.range.start <= at
    });
    if let Some((index, line)) = found {
        app.highlight = Some(Highlight {
            para,
            range: line.range.clone(),
        });
        let view = app.text_view();
        app.reader.text_scroll = index.saturating_sub(view.start);
        clamp_text_scroll(app);
    }
    app.message = Some(Message {
        text: if hidden {
            format!("{} (the filter hid it: showing everything)", entry.text)
        } else {
            entry.text
        },
        error: false,
    });
}
