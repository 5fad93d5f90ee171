//! The header: the classification banner coloured by level, then id, date, origin,
//! sections, subject, tags, references and who classified the cable.

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use std::ops::Range;

use ratatui::style::Style;

use super::{ellipsize, fit_spans, layered, Theme};
use crate::app::state::HeaderPart;
use crate::app::warnings::HeaderRow;
use crate::app::App;

pub fn draw<'a>(frame: &mut Frame<'_>, app: &'a App, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let Some(entry) = app.entry() else {
        return;
    };
    let mut lines = Vec::new();
    let Some(doc) = entry.doc() else {
        let error = entry.content.as_ref().err().cloned().unwrap_or_default();
        lines.push(
            Line::from(ellipsize(" CANNOT READ THIS FILE ", width))
                .style(theme.banner(None))
                .alignment(Alignment::Center),
        );
        lines.push(Line::from(fit_spans(
            vec![
                Span::styled(entry.name.clone(), theme.key()),
                Span::raw(": "),
                Span::styled(error, theme.error()),
            ],
            width,
        )));
        frame.render_widget(Paragraph::new(lines), area);
        paint_banner(frame, area, theme.banner(None));
        return;
    };
    let header = &doc.header;
    // The row a header warning is about, after Enter in the warnings list.
    let mark = |row: HeaderRow, line: Line<'a>| -> Line<'a> {
        if app.header_highlight == Some(row) {
            line.patch_style(theme.warning_line())
        } else {
            line
        }
    };
    let banner = header
        .banner
        .clone()
        .unwrap_or_else(|| "CLASSIFICATION NOT GIVEN".to_owned());
    lines.push(
        Line::from(ellipsize(&banner, width))
            .style(theme.banner(header.level))
            .alignment(Alignment::Center),
    );

    let separator = || Span::styled(" · ", theme.dim());
    let mut facts: Vec<Span<'_>> = Vec::new();
    let push = |facts: &mut Vec<Span<'_>>, span: Span<'static>| {
        if !facts.is_empty() {
            facts.push(separator());
        }
        facts.push(span);
    };
    push(
        &mut facts,
        Span::styled(
            header.id.clone().unwrap_or_else(|| entry.name.clone()),
            theme.key(),
        ),
    );
    let date = match &header.datetime {
        Some(datetime) => Some(crate::config::date::format_cable_date(
            datetime,
            &app.settings.date_format,
        )),
        None => header.date.clone(),
    };
    if let Some(date) = date {
        push(&mut facts, Span::raw(date));
    }
    if app.areas.compact_header {
        if let Some(subject) = &header.subject {
            push(&mut facts, Span::styled(subject.clone(), theme.heading()));
        }
    } else {
        if let Some(origin) = &header.origin {
            push(&mut facts, Span::raw(origin.clone()));
        }
        if header.sections > 1 {
            push(
                &mut facts,
                Span::raw(format!("{} sections", header.sections)),
            );
        }
        if header.warnings > 0 {
            let s = if header.warnings == 1 { "" } else { "s" };
            push(
                &mut facts,
                Span::styled(format!("{} parse warning{s}", header.warnings), theme.dim()),
            );
        }
    }
    lines.push(mark(HeaderRow::Facts, Line::from(fit_spans(facts, width))));

    if !app.areas.compact_header && app.settings.show_routing {
        for routing in &header.routing {
            lines.push(mark(
                HeaderRow::Routing,
                Line::from(fit_spans(
                    vec![Span::styled(routing.as_str(), theme.dim())],
                    width,
                )),
            ));
        }
    }
    if !app.areas.compact_header {
        let label = |text: &'static str| Span::styled(text, theme.dim());
        // Search matches in the header are highlighted like those in the text.
        let found = |part: HeaderPart, text: &'a str, base: Style| -> Vec<Span<'a>> {
            // References whose cable is here stand out; search matches go over them.
            let mut layers = if part == HeaderPart::References {
                found_references(app, theme)
            } else {
                Vec::new()
            };
            layers.extend(
                app.search
                    .header
                    .iter()
                    .filter(|(at, _)| *at == part)
                    .map(|(_, range)| (range.clone(), theme.search_match(false))),
            );
            layered(text, 0..text.len(), base, &layers)
        };
        if let Some(subject) = &header.subject {
            let mut spans = vec![label("Subject: ")];
            spans.extend(found(HeaderPart::Subject, subject, theme.heading()));
            lines.push(mark(
                HeaderRow::Subject,
                Line::from(fit_spans(spans, width)),
            ));
        }
        let mut tags_refs = Vec::new();
        if let Some(tags) = &header.tags {
            tags_refs.push(label("Tags: "));
            tags_refs.extend(found(HeaderPart::Tags, tags, Style::new()));
        }
        if let Some(references) = &header.references {
            if !tags_refs.is_empty() {
                tags_refs.push(separator());
            }
            tags_refs.push(label("Ref: "));
            tags_refs.extend(found(HeaderPart::References, references, Style::new()));
        }
        if !tags_refs.is_empty() {
            lines.push(mark(
                HeaderRow::TagsRefs,
                Line::from(fit_spans(tags_refs, width)),
            ));
        }
        let mut classified = Vec::new();
        if let Some(by) = &header.classified_by {
            classified.extend([label("Classified by: "), Span::raw(by.as_str())]);
        }
        if let Some(declassify) = &header.declassify {
            if !classified.is_empty() {
                classified.push(separator());
            }
            classified.extend([label("Declassify: "), Span::raw(declassify.as_str())]);
        }
        if !classified.is_empty() {
            lines.push(mark(
                HeaderRow::ClassifiedBy,
                Line::from(fit_spans(classified, width)),
            ));
        }
    }
    lines.truncate(usize::from(area.height));
    frame.render_widget(Paragraph::new(lines), area);
    paint_banner(frame, area, theme.banner(header.level));
    if app.header_highlight == Some(HeaderRow::Banner) {
        paint_banner(frame, area, theme.warning_line());
    }
}

/// The references of the open cable to cables of this collection, as layers over the
/// header's references line (`links::found_references` says which).
pub(super) fn found_references(app: &App, theme: &Theme) -> Vec<(Range<usize>, Style)> {
    match (app.doc(), app.links.graph.as_ref()) {
        (Some(doc), Some(graph)) => crate::app::links::found_references(&doc.header, &graph.links)
            .into_iter()
            .map(|range| (range, theme.reference_found()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The banner's colour runs across the whole first line, not only under its words.
fn paint_banner(frame: &mut Frame<'_>, area: Rect, style: ratatui::style::Style) {
    let line = Rect::new(area.x, area.y, area.width, 1);
    frame.buffer_mut().set_style(line, style);
}
