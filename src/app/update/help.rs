//! Keys while the help overlay is open.

use super::refresh::relayout;
use super::WHEEL_LINES;
use crate::app::action::Action;
use crate::app::mode::Mode;
use crate::app::state::App;

/// Keys while the help overlay is open: move scrolls it, `q`, Esc and `?` close it.
pub(super) fn help(app: &mut App, action: Action) {
    let max = help_max_scroll(app);
    let page = help_page(app);
    let scroll = &mut app.help_scroll;
    match action {
        Action::Down => *scroll = (*scroll + 1).min(max),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown | Action::HalfPageDown => *scroll = (*scroll + page).min(max),
        Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(page),
        Action::First => *scroll = 0,
        Action::Last => *scroll = max,
        Action::Scroll { lines, .. } => {
            *scroll = if lines > 0 {
                (*scroll + WHEEL_LINES).min(max)
            } else {
                scroll.saturating_sub(WHEEL_LINES)
            }
        }
        Action::Help | Action::Cancel | Action::Quit | Action::Click { .. } => {
            app.mode = Mode::Normal;
        }
        Action::ForceQuit => app.quit = true,
        Action::Redraw => app.clear = true,
        Action::Resize { width, height } => {
            app.areas.size.width = width;
            app.areas.size.height = height;
            relayout(app);
            app.help_scroll = app.help_scroll.min(help_max_scroll(app));
        }
        _ => {}
    }
}

fn help_page(app: &App) -> usize {
    crate::app::help::page(app)
}

fn help_max_scroll(app: &App) -> usize {
    crate::app::help::max_scroll(app)
}
