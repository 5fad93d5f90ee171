//! How the `?` overlay lays out the keymap: blocks of lines (one per keymap section, then
//! the marks legend), in one column, or two side by side on wide terminals. `update` uses
//! this to scroll the overlay, the view to draw it.

use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{Keymap, Section};
use super::state::App;

/// What the mouse and the terminal's own keys do: not bindings of the keymap, but the help
/// lists them too.
pub const MOUSE_AND_TERMINAL: [(&str, &str); 3] = [
    ("wheel", "scroll the pane under the mouse"),
    ("click", "focus a pane, open or select a row"),
    ("Ctrl-Z", "suspend (the shell's fg brings it back)"),
];

/// Lines of the legend block: its title and three lines, short enough for a column.
pub const MARK_LINES: usize = 4;
/// From this terminal width the help has two columns.
const TWO_COLUMNS: u16 = 110;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// A section's title, its bindings, a blank line.
    Keys(Section),
    /// The mouse and Ctrl-Z.
    Mouse,
    /// What the colours and marks mean.
    Marks,
}

/// Lines a section shows besides its own bindings: the bookmark list, the cable list and
/// the facets pane use keys of the reader (open, move, close), with their keys as the keymap
/// has them now.
pub fn extra_lines(keymap: &Keymap, section: Section) -> Vec<(String, &'static str)> {
    let keys = |actions: &[Action]| -> String {
        keymap
            .bindings
            .iter()
            .filter(|b| {
                actions.contains(&b.action)
                    && !matches!(b.section, Section::Typing | Section::Prompt)
            })
            .map(Keymap::keys_label)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let lines = match section {
        Section::BookmarkList => vec![
            (keys(&[Action::Open]), "go to the bookmarked paragraph"),
            (keys(&[Action::Down, Action::Up]), "move in the list"),
            (keys(&[Action::Cancel, Action::Quit]), "close the list"),
        ],
        Section::CableList => vec![
            (
                keys(&[Action::Open]),
                "open the cable (a hit: its words lit)",
            ),
            (
                keys(&[Action::Cancel]),
                "after a search: the list as before",
            ),
        ],
        Section::Facets => vec![
            (keys(&[Action::Down, Action::Up]), "move over the values"),
            (keys(&[Action::Cancel, Action::Quit]), "close the pane"),
        ],
        _ => Vec::new(),
    };
    lines
        .into_iter()
        .filter(|(keys, _)| !keys.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLayout {
    pub columns: Vec<Vec<Block>>,
    /// Lines of the tallest column.
    pub lines: usize,
}

/// Lines a block takes.
pub fn block_lines(app: &App, block: Block) -> usize {
    match block {
        // The keys of the cable list's own panes, only where there is a list.
        Block::Keys(Section::CableList | Section::Facets | Section::Prompt)
            if app.list.is_none() || !app.several() =>
        {
            0
        }
        Block::Keys(section) => {
            let bindings = app
                .keymap
                .bindings
                .iter()
                .filter(|b| b.section == section)
                .count()
                + extra_lines(&app.keymap, section).len();
            if bindings == 0 {
                0
            } else {
                bindings + 2
            }
        }
        Block::Mouse => MOUSE_AND_TERMINAL.len() + 2,
        Block::Marks => MARK_LINES,
    }
}

pub fn layout(app: &App) -> HelpLayout {
    let blocks: Vec<Block> = Section::ALL
        .into_iter()
        .map(Block::Keys)
        .chain([Block::Mouse, Block::Marks])
        .filter(|b| block_lines(app, *b) > 0)
        .collect();
    let sizes: Vec<usize> = blocks.iter().map(|b| block_lines(app, *b)).collect();
    let total: usize = sizes.iter().sum();
    if app.areas.size.width < TWO_COLUMNS {
        return HelpLayout {
            columns: vec![blocks],
            lines: total,
        };
    }
    // The split that makes the taller column shortest.
    let mut best = (total, blocks.len());
    let mut left = 0;
    for (split, size) in sizes.iter().enumerate() {
        let taller = left.max(total - left);
        if taller < best.0 {
            best = (taller, split);
        }
        left += size;
    }
    let (lines, split) = best;
    let (first, second) = blocks.split_at(split.min(blocks.len()));
    HelpLayout {
        columns: vec![first.to_vec(), second.to_vec()],
        lines,
    }
}

/// The overlay's frame, centred; at most as tall as its content.
pub fn area(app: &App) -> Rect {
    let size = app.areas.size;
    let layout = layout(app);
    let wanted = if layout.columns.len() > 1 { 150 } else { 84 };
    let width = size.width.saturating_sub(4).min(wanted);
    let lines = u16::try_from(layout.lines).unwrap_or(u16::MAX);
    let height = lines.saturating_add(2).min(size.height.saturating_sub(2));
    Rect::new(
        (size.width - width) / 2,
        (size.height - height) / 2,
        width,
        height,
    )
}

/// Lines the overlay shows at once.
pub fn page(app: &App) -> usize {
    usize::from(area(app).height.saturating_sub(2)).max(1)
}

pub fn max_scroll(app: &App) -> usize {
    layout(app).lines.saturating_sub(page(app))
}
