//! Where each pane goes for a terminal size. Pure geometry, computed in `update` on every
//! resize (and when what decides it changes), so that paging, wrapping and mouse hits use the
//! same rectangles the view draws into.

use ratatui::layout::Rect;

use super::doc::HeaderFacts;
use super::mode::Focus;

/// Below this the reader says "terminal too small".
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width the paragraph list and the text stand side by side.
const SIDE_BY_SIDE: u16 = 90;
/// From this terminal width the cable list has its own column.
const CABLE_COLUMN: u16 = 100;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub size: Rect,
    pub too_small: bool,
    /// Full borders around panes; otherwise a title rule above each pane only.
    pub bordered: bool,
    /// Banner and one line of facts only.
    pub compact_header: bool,
    pub cables: Option<Rect>,
    pub header: Rect,
    pub list: Option<Rect>,
    pub text: Option<Rect>,
    pub status: Rect,
    /// Key hints, or the search prompt; `None` on short terminals (the prompt then takes the
    /// status line).
    pub bottom: Option<Rect>,
    /// The cable list shows the hits of a corpus search: a line more for each (its snippet).
    pub hit_rows: bool,
}

impl Areas {
    pub fn compute(
        width: u16,
        height: u16,
        several: bool,
        focus: Focus,
        header: Option<&HeaderFacts>,
        show_routing: bool,
    ) -> Areas {
        let size = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Areas {
                size,
                too_small: true,
                ..Areas::default()
            };
        }
        let bordered = height >= 24 && width >= 80;
        let compact_header = height < 30;
        let bottom_lines = if height >= 20 { 1 } else { 0 };
        let body = Rect::new(0, 0, width, height - 1 - bottom_lines);
        let status = Rect::new(0, body.height, width, 1);
        let bottom = (bottom_lines > 0).then(|| Rect::new(0, body.height + 1, width, 1));

        let (cables, reader) = if several && width >= CABLE_COLUMN {
            let column = (width * 3 / 10).clamp(30, 48);
            (
                Some(Rect::new(0, 0, column, body.height)),
                Rect::new(column, 0, width - column, body.height),
            )
        } else {
            (None, body)
        };

        let header_height =
            header_lines(header, compact_header, show_routing).min(reader.height / 2);
        let header = Rect::new(reader.x, reader.y, reader.width, header_height);
        let rest = Rect::new(
            reader.x,
            reader.y + header_height,
            reader.width,
            reader.height - header_height,
        );
        let (mut list, text) = if rest.width >= SIDE_BY_SIDE {
            let list_width = (rest.width * 2 / 5).clamp(30, 60);
            (
                Rect::new(rest.x, rest.y, list_width, rest.height),
                Rect::new(
                    rest.x + list_width,
                    rest.y,
                    rest.width - list_width,
                    rest.height,
                ),
            )
        } else {
            let list_height = (rest.height * 2 / 5).clamp(4, 14).min(rest.height / 2);
            (
                Rect::new(rest.x, rest.y, rest.width, list_height),
                Rect::new(
                    rest.x,
                    rest.y + list_height,
                    rest.width,
                    rest.height - list_height,
                ),
            )
        };
        // Narrow and several cables: the cable list takes the paragraph list's place while it
        // has the focus.
        let cables = match cables {
            Some(column) => Some(column),
            None if several && focus == Focus::Cables => {
                let slot = list;
                list = Rect::default();
                Some(slot)
            }
            None => None,
        };
        Areas {
            size,
            too_small: false,
            bordered,
            compact_header,
            cables,
            header,
            list: (!list.is_empty()).then_some(list),
            text: Some(text),
            status,
            bottom,
            hit_rows: false,
        }
    }

    /// Where a pane's content goes inside its frame (rows of a list, lines of text).
    pub fn inner(&self, pane: Rect) -> Rect {
        if self.bordered {
            Rect::new(
                pane.x + 1,
                pane.y + 1,
                pane.width.saturating_sub(2),
                pane.height.saturating_sub(2),
            )
        } else {
            Rect::new(
                pane.x,
                pane.y + 1,
                pane.width,
                pane.height.saturating_sub(1),
            )
        }
    }

    /// The text pane's lines: inside the frame, one column of padding on the left, and the
    /// scrollbar's column on the right kept free.
    pub fn text_inner(&self) -> Rect {
        let Some(text) = self.text else {
            return Rect::default();
        };
        let inner = self.inner(text);
        let right = if self.bordered { 1 } else { 2 };
        Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1 + right),
            inner.height,
        )
    }

    /// The column the text pane's scrollbar is drawn in.
    pub fn text_scrollbar(&self) -> Rect {
        let Some(text) = self.text else {
            return Rect::default();
        };
        let inner = self.inner(text);
        let x = if self.bordered {
            text.right().saturating_sub(1)
        } else {
            inner.right().saturating_sub(1)
        };
        Rect::new(x, inner.y, 1, inner.height)
    }

    pub fn list_inner(&self) -> Rect {
        self.list.map(|list| self.inner(list)).unwrap_or_default()
    }

    pub fn cables_inner(&self) -> Rect {
        self.cables.map(|c| self.inner(c)).unwrap_or_default()
    }

    /// Lines per cable in the cable list: one when it is wide enough for id, date and
    /// subject side by side, else two (the subject below); a hit has its snippet below.
    pub fn cable_row_height(&self) -> u16 {
        let row = if self.cables_inner().width >= 60 {
            1
        } else {
            2
        };
        row + u16::from(self.hit_rows)
    }

    /// How many cables the cable list shows at once.
    pub fn cables_in_view(&self) -> usize {
        usize::from(self.cables_inner().height / self.cable_row_height())
    }
}

/// Lines the header takes: the banner, then one line per fact the cable has.
fn header_lines(header: Option<&HeaderFacts>, compact: bool, show_routing: bool) -> u16 {
    let Some(header) = header else {
        return 2;
    };
    if compact {
        return 2;
    }
    let optional = [
        header.subject.is_some(),
        header.tags.is_some() || header.references.is_some(),
        header.classified_by.is_some() || header.declassify.is_some(),
    ];
    let routing = if show_routing {
        u16::try_from(header.routing.len()).unwrap_or(u16::MAX)
    } else {
        0
    };
    2 + optional.iter().filter(|present| **present).count() as u16 + routing
}

/// The bookmark list's place: centred over the reader, as wide as a long row wants, as tall
/// as its bookmarks (a title and a column header inside the border).
pub fn bookmarks_area(size: Rect, bookmarks: usize) -> Rect {
    let width = size.width.saturating_sub(4).min(110);
    let wanted = u16::try_from(bookmarks.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let height = wanted.min(size.height.saturating_sub(2));
    Rect::new(
        size.width.saturating_sub(width) / 2,
        size.height.saturating_sub(height) / 2,
        width,
        height,
    )
}

/// The warnings list: the same centred box as the bookmark list.
pub fn warnings_area(size: Rect, warnings: usize) -> Rect {
    bookmarks_area(size, warnings)
}

/// How many warnings the list shows at once.
pub fn warning_rows(size: Rect, warnings: usize) -> usize {
    bookmark_rows(size, warnings)
}

/// How many bookmarks the list shows at once (its height less border and column header).
pub fn bookmark_rows(size: Rect, bookmarks: usize) -> usize {
    usize::from(bookmarks_area(size, bookmarks).height.saturating_sub(3))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn too_small_below_minimum() {
        assert!(Areas::compute(59, 30, false, Focus::Paragraphs, None, false).too_small);
        assert!(Areas::compute(100, 14, false, Focus::Paragraphs, None, false).too_small);
        assert!(!Areas::compute(60, 15, false, Focus::Paragraphs, None, false).too_small);
    }

    #[test]
    fn wide_terminal_puts_panes_side_by_side() {
        let areas = Areas::compute(120, 40, true, Focus::Paragraphs, None, false);
        let (cables, list, text) = (
            areas.cables.unwrap_or_default(),
            areas.list.unwrap_or_default(),
            areas.text.unwrap_or_default(),
        );
        assert_eq!(cables.x, 0);
        assert_eq!(cables.width, 36);
        // 84 columns left: the list stacks above the text
        assert_eq!((list.x, list.width), (cables.right(), 84));
        assert_eq!((text.x, text.y), (list.x, list.bottom()));
        assert_eq!(text.right(), 120);
        assert_eq!(areas.status.y, 38);
        assert!(areas.bottom.is_some());
    }

    #[test]
    fn one_cable_on_a_wide_terminal_reads_side_by_side() {
        let areas = Areas::compute(120, 40, false, Focus::Paragraphs, None, false);
        let (list, text) = (
            areas.list.unwrap_or_default(),
            areas.text.unwrap_or_default(),
        );
        assert_eq!(list.y, text.y);
        assert_eq!(text.x, list.right());
        assert_eq!(text.right(), 120);
    }

    #[test]
    fn narrow_terminal_stacks_and_collapses_the_cable_list() {
        let areas = Areas::compute(60, 15, true, Focus::Paragraphs, None, false);
        let (list, text) = (
            areas.list.unwrap_or_default(),
            areas.text.unwrap_or_default(),
        );
        assert!(areas.cables.is_none());
        assert_eq!(list.width, 60);
        assert_eq!(text.y, list.bottom());
        assert_eq!(areas.status.y, 14);
        assert!(areas.bottom.is_none());
        let focused = Areas::compute(60, 15, true, Focus::Cables, None, false);
        assert_eq!(focused.cables, Some(list));
        assert!(focused.list.is_none());
    }
}
