//! The paragraph list: `6. (S) The failure to reduce…`, markings as coloured badges,
//! headings as separators, summary and comment spans tagged, search matches highlighted.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{fit, layered, match_layers, pane, Theme};
use crate::app::state::{Focus, Part, Row};
use crate::app::App;
use crate::cable::SpanKind;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let reader = &app.reader;
    let focused = app.focus == Focus::Paragraphs;
    let shown = reader.visible.len();
    let title = match app.doc() {
        Some(doc) if shown < doc.paras.len() => {
            format!(" Paragraphs {shown} of {} ", doc.paras.len())
        }
        Some(doc) => format!(" Paragraphs {} ", doc.paras.len()),
        None => " Paragraphs ".to_owned(),
    };
    frame.render_widget(pane(app, theme, Line::from(title), focused), area);
    let inner = app.areas.list_inner();
    let Some(doc) = app.doc() else {
        return;
    };
    if reader.visible.is_empty() {
        let message = if doc.paras.is_empty() {
            "This cable has no paragraphs"
        } else {
            "No paragraph passes the filter: 0 shows all"
        };
        frame.render_widget(Paragraph::new(message).style(theme.dim()), inner);
        return;
    }
    let width = usize::from(inner.width);
    let number_width = doc
        .paras
        .iter()
        .map(|p| p.number_label().width())
        .max()
        .unwrap_or(0);
    let height = usize::from(inner.height);
    let mut lines = Vec::with_capacity(height);
    for row in reader.rows.iter().skip(reader.list_offset).take(height) {
        let line = match *row {
            Row::Heading(para) => {
                let heading = doc
                    .paras
                    .get(para)
                    .and_then(|p| p.heading.as_deref())
                    .unwrap_or("");
                heading_row(app, theme, para, heading, width)
            }
            Row::Para(index) => paragraph_row(app, theme, index, number_width, width),
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn heading_row<'a>(
    app: &'a App,
    theme: &Theme,
    para: usize,
    heading: &'a str,
    width: usize,
) -> Line<'a> {
    let room = width.saturating_sub(6);
    let (end, used) = fit(heading, room);
    let layers: Vec<_> = match_layers(app, theme, para, Part::Heading, &(0..end));
    let mut spans = vec![Span::styled("── ", theme.dim())];
    spans.extend(layered(heading, 0..end, theme.heading(), &layers));
    let rule = width.saturating_sub(used + 4);
    spans.push(Span::styled(format!(" {}", "─".repeat(rule)), theme.dim()));
    Line::from(spans)
}

fn paragraph_row<'a>(
    app: &'a App,
    theme: &Theme,
    index: usize,
    number_width: usize,
    width: usize,
) -> Line<'a> {
    let reader = &app.reader;
    let Some((para_index, para)) = reader
        .visible
        .get(index)
        .and_then(|&p| Some((p, app.doc()?.paras.get(p)?)))
    else {
        return Line::default();
    };
    let selected = index == reader.selected;
    let has_matches = !app.search.in_para(para_index).is_empty();
    let mut spans = Vec::with_capacity(8);
    spans.push(if selected {
        Span::styled("›", theme.key())
    } else {
        Span::raw(" ")
    });
    let bookmarked = app
        .entry()
        .and_then(|entry| entry.key())
        .is_some_and(|key| app.store.is_bookmarked(key, para_index));
    spans.push(if has_matches {
        Span::styled("•", theme.match_mark())
    } else if bookmarked {
        Span::styled("*", theme.key())
    } else {
        Span::raw(" ")
    });
    let number = para.number_label();
    spans.push(Span::styled(
        format!("{number:>number_width$}"),
        theme.number(),
    ));
    let marking = para.marking_label();
    let marking_width = marking.width();
    spans.push(Span::styled(marking, theme.marking(para.level)));
    // A marking that does not fit the banner is flagged beside it (the text pane says why).
    let flag = para.warning.is_some();
    if flag {
        spans.push(Span::styled("!", theme.error()));
    }
    spans.push(Span::raw(" "));
    let mut used = 2 + number_width + marking_width + 1 + usize::from(flag);

    // Tags for summary and comment spans, at the right if there is room.
    let kinds = para.span_kinds();
    let tags: Vec<(SpanKind, &str)> = kinds
        .iter()
        .map(|kind| {
            (
                *kind,
                match kind {
                    SpanKind::Summary => "summary",
                    SpanKind::Comment => "comment",
                },
            )
        })
        .collect();
    let tags_width: usize = tags.iter().map(|(_, t)| t.len() + 1).sum();
    let show_tags = !tags.is_empty() && width >= used + tags_width + 12;
    let room = width.saturating_sub(used + if show_tags { tags_width } else { 0 });

    let text = para.text.as_str();
    let skip = text.len() - text.trim_start().len();
    let (end, _) = fit(text.get(skip..).unwrap_or(""), room);
    let end = skip + end;
    let cut = end < text.len();
    let end = if cut && room > 0 {
        // leave a column for the ellipsis
        let (shorter, _) = fit(text.get(skip..).unwrap_or(""), room.saturating_sub(1));
        skip + shorter
    } else {
        end
    };
    let shown = skip..end;
    let mut layers: Vec<_> = para
        .spans
        .iter()
        .filter(|(_, range)| range.start < shown.end && range.end > shown.start)
        .map(|(kind, range)| (range.clone(), theme.span_text(*kind)))
        .collect();
    layers.extend(match_layers(app, theme, para_index, Part::Text, &shown));
    let body = layered(text, skip..end, Style::new(), &layers);
    used += body.iter().map(|s| s.content.width()).sum::<usize>();
    spans.extend(body);
    if cut && room > 0 {
        spans.push(Span::styled("…", theme.dim()));
        used += 1;
    }
    if show_tags {
        let pad = width.saturating_sub(used + tags_width);
        spans.push(Span::raw(" ".repeat(pad)));
        for (kind, tag) in tags {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(tag, theme.span_mark(kind)));
        }
    } else if used < width {
        // fill the row, so a selected row is highlighted across the pane
        spans.push(Span::raw(" ".repeat(width - used)));
    }
    let line = Line::from(spans);
    if selected {
        line.patch_style(theme.selected(app.focus == Focus::Paragraphs))
    } else {
        line
    }
}
