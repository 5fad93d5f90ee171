//! The text pane: the selected paragraph, or the whole cable, from the wrapped lines kept in
//! the state. Only the lines in view are turned into spans; a scrollbar shows where they are.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use ratatui::Frame;

use super::{layered, match_layers, pane, Theme};
use crate::app::doc::Doc;
use crate::app::header_block::BlockPart;
use crate::app::state::{Focus, HeaderPart, Part};
use crate::app::wrap::LineKind;
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.focus == Focus::Text;
    let view = app.text_view();
    let inner = app.areas.text_inner();
    let height = usize::from(inner.height);
    let scroll = app.reader.text_scroll.min(view.len());

    let Some(doc) = app.doc() else {
        frame.render_widget(pane(app, theme, Line::from(" Text "), focused), area);
        let error = app
            .entry()
            .and_then(|e| e.content.as_ref().err())
            .cloned()
            .unwrap_or_default();
        let name = app.entry().map(|e| e.name.clone()).unwrap_or_default();
        let lines = vec![
            Line::from(Span::styled(format!("Cannot show {name}"), theme.heading())),
            Line::from(""),
            Line::from(Span::styled(error, theme.error())),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    };

    let title = title(app, doc, view.len(), scroll, height);
    frame.render_widget(pane(app, theme, Line::from(title), focused), area);

    let lines = &app.reader.wrapped.lines;
    let first = view.start + scroll;
    let last = (first + height).min(view.end);
    let mut out = Vec::with_capacity(height);
    let gutter_x = inner.x.saturating_sub(1);
    for (row, line) in lines.get(first..last).into_iter().flatten().enumerate() {
        out.push(render_line(app, doc, theme, line.kind, line.range.clone()));
        // A bar in the left margin beside lines inside a summary or comment.
        if let LineKind::Text { para, .. } = line.kind {
            let kind = doc.paras.get(para).and_then(|p| {
                p.spans
                    .iter()
                    .find(|(_, span)| {
                        span.start < line.range.end.max(line.range.start + 1)
                            && span.end > line.range.start
                    })
                    .map(|(kind, _)| *kind)
            });
            if let Some(kind) = kind {
                let y = inner.y + u16::try_from(row).unwrap_or(0);
                if let Some(cell) = frame.buffer_mut().cell_mut((gutter_x, y)) {
                    cell.set_symbol(Theme::span_bar(kind, theme.color));
                    cell.set_style(theme.span_mark(kind));
                }
            }
        }
    }
    if out.is_empty() && app.reader.visible.is_empty() {
        out.push(Line::styled(
            if doc.paras.is_empty() {
                "This cable has no paragraphs"
            } else {
                "Every paragraph is hidden by the filter: 0 shows all"
            },
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(out), inner);

    if view.len() > height {
        let mut state = ScrollbarState::new(view.len().saturating_sub(height))
            .position(scroll)
            .viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.border(focused));
        frame.render_stateful_widget(bar, app.areas.text_scrollbar(), &mut state);
    }
}

fn title(app: &App, doc: &Doc, len: usize, scroll: usize, height: usize) -> String {
    let position = if len <= height {
        String::new()
    } else if scroll + height >= len {
        " · end".to_owned()
    } else {
        format!(" · {}%", (scroll + height) * 100 / len.max(1))
    };
    if app.whole {
        let hidden = doc.paras.len() - app.reader.visible.len();
        let hidden = if hidden > 0 {
            format!(" · {hidden} hidden")
        } else {
            String::new()
        };
        return format!(" Whole cable{hidden}{position} ");
    }
    match app.reader.selected_para().and_then(|p| doc.paras.get(p)) {
        Some(para) => {
            let number = para
                .number
                .map(|n| format!("¶{n} "))
                .unwrap_or_else(|| "Unnumbered ".to_owned());
            format!(" {number}{}{position} ", para.marking_label())
        }
        None => " Text ".to_owned(),
    }
}

fn render_line<'a>(
    app: &'a App,
    doc: &'a Doc,
    theme: &Theme,
    kind: LineKind,
    range: std::ops::Range<usize>,
) -> Line<'a> {
    match kind {
        LineKind::Blank => Line::default(),
        LineKind::Header { line } => header_line(app, doc, theme, line, range),
        LineKind::Preamble => Line::styled(
            doc.preamble
                .as_deref()
                .and_then(|p| p.get(range))
                .unwrap_or(""),
            theme.dim(),
        ),
        LineKind::Signature => Line::styled(
            doc.signature
                .as_deref()
                .and_then(|s| s.get(range))
                .unwrap_or(""),
            theme.heading(),
        ),
        LineKind::Warning { para } => Line::styled(
            doc.paras
                .get(para)
                .and_then(|p| p.warning.as_deref())
                .and_then(|w| w.get(range))
                .unwrap_or(""),
            theme.error(),
        ),
        LineKind::Hidden { first, count } => Line::styled(
            format!("[{}]", doc.hidden_note(first..first + count)),
            theme.dim(),
        ),
        LineKind::Heading { para, .. } => {
            let heading = doc
                .paras
                .get(para)
                .and_then(|p| p.heading.as_deref())
                .unwrap_or("");
            let layers = match_layers(app, theme, para, Part::Heading, &range);
            Line::from(layered(heading, range, theme.heading(), &layers))
        }
        LineKind::Text { para: index, first } => {
            let Some(para) = doc.paras.get(index) else {
                return Line::default();
            };
            let mut spans: Vec<Span<'a>> = Vec::new();
            if first {
                if let Some(number) = para.number {
                    spans.push(Span::styled(format!("{number}. "), theme.number()));
                }
                if para.marking.is_some() {
                    spans.push(Span::styled(
                        para.marking_label(),
                        theme.marking(para.level),
                    ));
                    spans.push(Span::raw(" "));
                }
            }
            let mut layers: Vec<(std::ops::Range<usize>, Style)> = para
                .spans
                .iter()
                .filter(|(_, span)| span.start < range.end && span.end > range.start)
                .map(|(kind, span)| (span.clone(), theme.span_text(*kind)))
                .collect();
            layers.extend(match_layers(app, theme, index, Part::Text, &range));
            if let Some(highlight) = app.highlight.as_ref().filter(|h| h.para == index) {
                layers.push((highlight.range.clone(), theme.warning_line()));
            }
            spans.extend(layered(&para.text, range, Style::new(), &layers));
            Line::from(spans)
        }
    }
}

/// Part of a line of the header block: the label dim, the classification line in its
/// level's colour, the subject bold; references found in the collection lit as in the
/// header bar, search matches over them, and the lines a header warning is about marked.
fn header_line<'a>(
    app: &'a App,
    doc: &'a Doc,
    theme: &Theme,
    index: usize,
    range: std::ops::Range<usize>,
) -> Line<'a> {
    let Some(line) = doc.header_block.get(index) else {
        return Line::default();
    };
    let base = match line.part {
        BlockPart::Classification => theme.marking(doc.header.level),
        _ => Style::new(),
    };
    let mut layers: Vec<(std::ops::Range<usize>, Style)> = vec![(0..line.label, theme.dim())];
    if line.part == BlockPart::Subject {
        layers.push((line.label..line.text.len(), theme.heading()));
    }
    let mapped = |ranges: Vec<(std::ops::Range<usize>, Style)>, part: HeaderPart| {
        ranges
            .into_iter()
            .filter_map(move |(range, style)| Some((line.map(part, &range)?, style)))
    };
    layers.extend(mapped(
        super::header::found_references(app, theme),
        HeaderPart::References,
    ));
    for (at, (part, found)) in app.search.header.iter().enumerate() {
        if let Some(shown) = line.map(*part, found) {
            let current = app.search.current_header == Some(at);
            layers.push((shown, theme.search_match(current)));
        }
    }
    if app
        .block_highlight
        .is_some_and(|place| place.covers(line.part))
    {
        layers.push((0..line.text.len(), theme.warning_line()));
    }
    Line::from(layered(&line.text, range, base, &layers))
}
