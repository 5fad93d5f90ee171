//! Drawing. Every function here reads `&App` and draws into the frame; none changes state.
//! Panes draw only the rows and lines in view.

pub mod bookmarks;
pub mod cables;
pub mod corpus_list;
pub mod facets;
pub mod header;
pub mod help;
pub mod links;
pub mod paragraphs;
pub mod prompt;
pub mod status;
pub mod text;
pub mod theme;
pub mod warnings;

use std::ops::Range;

use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::state::Mode;
use crate::app::App;
pub use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if app.areas.too_small || app.areas.size != area {
        too_small(frame, area);
        return;
    }
    let areas = &app.areas;
    if let Some(rect) = areas.cables {
        match &app.list {
            Some(list) => corpus_list::draw(frame, app, list, theme, rect),
            None => cables::draw(frame, app, theme, rect),
        }
    }
    header::draw(frame, app, theme, areas.header);
    if let Some(rect) = areas.list {
        paragraphs::draw(frame, app, theme, rect);
    }
    if let Some(rect) = areas.text {
        text::draw(frame, app, theme, rect);
    }
    status::draw(frame, app, theme);
    if app.mode == Mode::Help {
        help::draw(frame, app, theme);
    }
    if app.mode == Mode::Bookmarks {
        bookmarks::draw(frame, app, theme);
    }
    if app.mode == Mode::Facets
        || (app.mode == Mode::Prompt
            && app.prompt.kind == crate::app::prompt::PromptKind::FacetFilter)
    {
        facets::draw(frame, app, theme);
    }
    if app.mode == Mode::Prompt {
        prompt::draw(frame, app, theme);
    }
    if app.mode == Mode::Warnings {
        warnings::draw(frame, app, theme);
    }
    if app.mode == Mode::Links {
        links::draw(frame, app, theme);
    }
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
    let lines = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "{}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from("q quits"),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect::new(
        area.x,
        area.y + top,
        area.width,
        area.height.saturating_sub(top).min(3),
    );
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// A pane's frame: full borders on roomy terminals, a title rule otherwise.
pub(crate) fn pane<'a>(app: &App, theme: &Theme, title: Line<'a>, focused: bool) -> Block<'a> {
    let block = if app.areas.bordered {
        Block::bordered().border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
    } else {
        Block::new().borders(Borders::TOP).border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
    };
    block
        .border_style(theme.border(focused))
        .title(title.style(theme.title(focused)))
}

/// The byte length of the longest start of `text` that fits in `width` columns, and its
/// width. `\n` counts as one column (lists show it as a space).
pub(crate) fn fit(text: &str, width: usize) -> (usize, usize) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let w = if c == '\n' { 1 } else { c.width().unwrap_or(0) };
        if used + w > width {
            return (at, used);
        }
        used += w;
    }
    (text.len(), used)
}

/// `text` cut to `width` columns, with `…` when something was cut.
/// Clears `area` and draws an overlay's double frame with `title` on it; gives the inside.
pub(crate) fn overlay_frame(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    title: String,
) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border(true))
        .title(Line::from(title).style(theme.title(true)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub(crate) fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let (end, _) = fit(text, width.saturating_sub(1));
    format!("{}…", text.get(..end).unwrap_or(""))
}

/// Cuts a line's spans to `width` columns, ending with `…` if anything was cut.
pub(crate) fn fit_spans<'a>(spans: Vec<Span<'a>>, width: usize) -> Vec<Span<'a>> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut room = width.saturating_sub(1);
    let mut last_style = Style::new();
    for span in spans {
        let w = span.content.width();
        last_style = span.style;
        if w <= room {
            room -= w;
            out.push(span);
            continue;
        }
        let (end, _) = fit(&span.content, room);
        let cut = span.content.get(..end).unwrap_or("").to_owned();
        out.push(Span::styled(cut, span.style));
        break;
    }
    out.push(Span::styled("…", last_style));
    out
}

/// Spans for `text[range]` in `base` style, with each layer's style patched over the bytes
/// it covers (later layers over earlier). `\n` is shown as a space.
pub(crate) fn layered<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    layers: &[(Range<usize>, Style)],
) -> Vec<Span<'a>> {
    let mut cuts = vec![range.start, range.end];
    for (layer, _) in layers {
        for point in [layer.start, layer.end] {
            if point > range.start && point < range.end {
                cuts.push(point);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let &[from, to] = pair else {
            continue;
        };
        let Some(piece) = text.get(from..to) else {
            continue;
        };
        if piece.is_empty() {
            continue;
        }
        let style = layers
            .iter()
            .filter(|(layer, _)| layer.start <= from && layer.end >= to)
            .fold(base, |style, (_, layer)| style.patch(*layer));
        if piece.contains('\n') {
            spans.push(Span::styled(piece.replace('\n', " "), style));
        } else {
            spans.push(Span::styled(piece, style));
        }
    }
    spans
}

/// Highlight layers for the search matches on one line (`range`) of one part of a
/// paragraph; the current match stands out. Only the line's own matches are looked at.
pub(crate) fn match_layers(
    app: &App,
    theme: &Theme,
    para: usize,
    part: crate::app::state::Part,
    range: &Range<usize>,
) -> Vec<(Range<usize>, Style)> {
    let (first, on_line) = app.search.overlapping(para, part, range);
    on_line
        .iter()
        .enumerate()
        .map(|(offset, m)| {
            let current = app.search.current == Some(first + offset);
            (m.range.clone(), theme.search_match(current))
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn fit_counts_columns() {
        assert_eq!(fit("abc", 2), (2, 2));
        assert_eq!(fit("日本", 3), (3, 2));
        assert_eq!(fit("a\nb", 5), (3, 3));
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("abc", 4), "abc");
    }

    #[test]
    fn layers_cut_spans() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = layered("hello world", 0..11, Style::new(), &[(6..11, bold)]);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["hello ", "world"]);
        assert_eq!(spans[1].style, bold);
        let fitted = fit_spans(spans, 8);
        let texts: Vec<&str> = fitted.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["hello ", "w", "…"]);
    }
}
