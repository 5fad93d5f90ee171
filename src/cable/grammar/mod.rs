//! The nom grammar: one module per part of the cable format, and `parse_cable`, which finds
//! the cable in its text and puts the parts together into a `Cable`.

pub mod body;
pub mod classification;
pub mod fields;
pub mod lines;
pub mod marking;
pub mod origin;
pub mod routing;
pub mod spans;

use std::borrow::Cow;

use crate::cable::model::{Cable, CableDate, Caveat, Classification, DateTime, Warning};
use crate::cable::wrapper::{Source, SourceFormat};

use body::{parse_body, BodyContext};
use classification::{caveat_line, classification_line};
use fields::{field_kind, inline_field_start, FieldKind};
use lines::{offset_in, split_lines, Line};
use marking::paragraph_start;
use routing::routing_header;

/// Parses the cable in `source`. Never fails: what could not be read is said in warnings.
pub fn parse_cable<'a>(source: &'a Source<'_>) -> Cable<'a> {
    let mut cable = parse_text(&source.text, source.format);
    cable.warnings.extend(source.warnings.iter().cloned());
    reconcile_with_metadata(&mut cable, source);
    cable
}

/// Parses the header of the cable in `source` only: everything but the body (paragraphs,
/// preamble, signature, summary), for a list of many cables. What the body adds to the full
/// parse (sections counted from repeated section headers, body warnings) is missing.
pub fn parse_header<'a>(source: &'a Source<'_>) -> Cable<'a> {
    let mut cable = parse_text_with(&source.text, source.format, Parts::Header);
    cable.warnings.extend(source.warnings.iter().cloned());
    reconcile_with_metadata(&mut cable, source);
    cable
}

/// Parses cable text that is already unwrapped (UTF-8, LF line ends).
pub fn parse_text(text: &str, format: SourceFormat) -> Cable<'_> {
    parse_text_with(text, format, Parts::All)
}

/// How much of a cable to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    All,
    Header,
}

fn parse_text_with(text: &str, format: SourceFormat, parts: Parts) -> Cable<'_> {
    let mut cable = Cable {
        sections: 1,
        ..Cable::default()
    };
    let all_lines = split_lines(text, 0);
    let start_line = cable_start(&all_lines);
    let start = all_lines
        .get(start_line)
        .map_or(text.len(), |line| line.start);
    // A PDF is a printed page: what stands above the cable is the page's, as in a repost.
    let page_text: Option<Vec<&str>> =
        (matches!(format, SourceFormat::PlainText | SourceFormat::Pdf)
            && all_lines
                .iter()
                .take(start_line)
                .any(|line| !line.is_blank()))
        .then(|| {
            all_lines
                .iter()
                .take(start_line)
                .map(Line::trimmed)
                .filter(|line| !line.is_empty())
                .collect()
        });

    // Routing header, then the classification line (which a text dump may glue to the
    // last addressee, so it is parsed from wherever the routing header stopped).
    let mut rest = text.get(start..).unwrap_or_default();
    if let Ok((after, routing)) = routing_header(rest) {
        let base = start;
        cable.routing = routing;
        if let Some(span) = cable.routing.span.as_mut() {
            *span = span.start + base..span.end + base;
        }
        routing_line_spans(&mut cable, text);
        rest = after;
    }
    rest = rest.trim_start_matches(['\n', ' ', '\t']);
    let mut dateline = None;
    let first_line = rest.split('\n').next().unwrap_or_default();
    if let Ok((_, written)) = fields::dateline(first_line) {
        dateline = written;
        if written.is_none() {
            cable.warnings.push(Warning::at(
                offset_in(text, first_line).unwrap_or(0),
                format!(
                    "the dateline {:?} names no real day: not taken as the date",
                    first_line.trim()
                ),
            ));
        }
        rest = rest
            .get(first_line.len()..)
            .unwrap_or_default()
            .trim_start_matches(['\n', ' ', '\t']);
    }
    let mut caveats: Vec<Caveat> = Vec::new();
    if let Ok((after, line)) = classification_line(rest) {
        let at = offset_in(text, rest).unwrap_or(0);
        let consumed = rest.len() - after.len();
        cable.spans.classification_line =
            Some(at..at + rest.get(..consumed).unwrap_or_default().trim_end().len());
        caveats.extend(line.classification.caveats.iter().cloned());
        if let Some((_, of)) = line.section {
            cable.sections = of.max(1);
        }
        cable.classification_line = Some(line);
        rest = after;
    }
    let header_start = offset_in(text, rest).unwrap_or(text.len());
    let lines = lines_from(&all_lines, text, header_start);
    let body_start = parse_header_fields(text, &lines, &mut cable, &mut caveats);

    let level = cable
        .classification_line
        .as_ref()
        .and_then(|line| line.classification.level);
    let mut unique_caveats: Vec<Caveat> = Vec::new();
    for caveat in caveats {
        if !unique_caveats.contains(&caveat) {
            unique_caveats.push(caveat);
        }
    }
    cable.classification = Classification {
        level,
        caveats: unique_caveats,
    };

    if parts == Parts::All {
        parse_body_into(&mut cable, &lines, body_start, page_text);
    }
    finish_header(&mut cable, text, dateline, parts);
    cable
}

/// The spans of the routing's date-time group line and FM line, found in its text (for
/// the reader's warnings list, which jumps to the line a warning is about).
fn routing_line_spans(cable: &mut Cable<'_>, text: &str) {
    let Some(span) = cable.routing.span.clone() else {
        return;
    };
    let routing = text.get(span.clone()).unwrap_or_default();
    // The whole line of `routing` holding byte `at` of it, as a span of `text`.
    let line_at = |at: usize| {
        let start = routing
            .get(..at)?
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        let end = routing
            .get(at..)?
            .find('\n')
            .map_or(routing.len(), |len| at + len);
        let line = routing.get(start..end)?.trim_end();
        Some(span.start + start..span.start + start + line.len())
    };
    let group = match (
        &cable.routing.date_time_group,
        &cable.routing.unreal_date_time_group,
    ) {
        (Some(at), _) => routing.find(&format!("{:02}{:02}{:02}Z", at.day, at.hour, at.minute)),
        (None, Some(written)) => offset_in(text, written).and_then(|at| at.checked_sub(span.start)),
        (None, None) => None,
    };
    cable.spans.date_time_group = group.and_then(line_at);
    let from = routing
        .find("\nFM ")
        .map(|at| at + 1)
        .or_else(|| routing.starts_with("FM ").then_some(0));
    cable.spans.from = from.and_then(line_at);
}

/// The body after the header's lines: paragraphs, preamble, signature, summary.
fn parse_body_into<'a>(
    cable: &mut Cable<'a>,
    lines: &[Line<'a>],
    body_start: usize,
    page_text: Option<Vec<&'a str>>,
) {
    let body_lines = lines.get(body_start..).unwrap_or_default();
    let post = cable
        .classification_line
        .as_ref()
        .and_then(|line| line.post.as_deref());
    let context = BodyContext {
        page_text,
        post,
        subject: cable.subject.as_deref(),
    };
    let body = parse_body(body_lines, &context);
    cable.preamble = body.preamble;
    cable.signature = body.signature;
    cable.spans.signature = body.signature_span;
    cable.spans.body = body.span;
    cable.warnings.extend(body.warnings);
    if cable.classified_by.is_none() {
        cable.classified_by = body
            .paragraphs
            .first()
            .filter(|first| first.number == Some(1))
            .and_then(|first| fields::classified_by_in_paragraph(&first.text));
    }
    cable.summary = spans::summary_text(&body.paragraphs);
    cable.paragraphs = body.paragraphs;
    if cable.sections == 1 && body.repeated_section_headers > 0 {
        cable.sections = 1 + body.repeated_section_headers;
    }
}

/// Date, origin, id and reference years from the header's parts, and the warnings for a
/// text that holds no cable (and for a date-time group naming no real day, placed in `text`).
fn finish_header(cable: &mut Cable<'_>, text: &str, dateline: Option<DateTime>, parts: Parts) {
    cable.date = cable
        .routing
        .date_time_group
        .or(dateline)
        .map(CableDate::Minute);
    if let Some(written) = &cable.routing.unreal_date_time_group {
        cable.warnings.push(Warning::at(
            offset_in(text, written).unwrap_or(0),
            format!("the date-time group {written:?} names no real day: not taken as the date"),
        ));
    }
    cable.origin = cable
        .routing
        .from
        .as_ref()
        .map(|from| Cow::Owned(origin::origin_from_originator(&from.name)))
        .or_else(|| {
            cable
                .classification_line
                .as_ref()
                .and_then(|line| line.post.as_deref())
                .map(|post| Cow::Owned(origin::origin_from_post(post)))
        });
    cable.id = canonical_id(cable);
    resolve_reference_years(cable);
    if parts == Parts::Header {
        return;
    }
    if cable.classification_line.is_none() && cable.paragraphs.is_empty() {
        cable
            .warnings
            .push(Warning::new("no cable found in the text"));
    } else if cable.classification_line.is_none() {
        cable
            .warnings
            .push(Warning::new("no classification line found"));
    }
}

/// The lines from byte `from` on, reusing the lines already split: only a line that `from`
/// falls inside (a body glued to the routing header) is cut anew.
fn lines_from<'l, 'a>(
    all_lines: &'l [Line<'a>],
    text: &'a str,
    from: usize,
) -> Cow<'l, [Line<'a>]> {
    let index = all_lines.partition_point(|line| line.end() < from);
    match all_lines.get(index) {
        Some(line) if line.start == from => {
            Cow::Borrowed(all_lines.get(index..).unwrap_or_default())
        }
        Some(line) => {
            let mut lines = Vec::with_capacity(all_lines.len() - index);
            lines.push(Line {
                text: text.get(from..line.end()).unwrap_or_default(),
                start: from,
            });
            lines.extend_from_slice(all_lines.get(index + 1..).unwrap_or_default());
            Cow::Owned(lines)
        }
        None => Cow::Borrowed(&[]),
    }
}

/// The first line that belongs to the cable: routing, classification line or header field.
/// Everything before it is a page around the cable (or nothing).
fn cable_start(lines: &[Line<'_>]) -> usize {
    let is_routing = |line: &Line<'_>| {
        let trimmed = line.trimmed();
        routing_header(trimmed).is_ok_and(|(rest, routing)| {
            rest.len() < trimmed.len() && routing != Default::default()
        })
    };
    let is_start = |line: &Line<'_>| {
        let trimmed = line.trimmed();
        !trimmed.is_empty()
            && (is_routing(line)
                || classification_line(trimmed).is_ok()
                || field_kind(trimmed).is_some())
    };
    // A cable printed from a mail client: the client's lines, `Cable Text:`, the post's
    // own distribution (`CXBERLIN:`, `ACTION:`, `DISSEMINATION:`, `DRAFTED:` ...), and only
    // then the routing header, where the cable starts.
    let client = lines
        .iter()
        .take(40)
        .position(|line| line.trimmed().eq_ignore_ascii_case("Cable Text:"));
    if let Some(client) = client {
        let after = client + 1;
        if let Some(routing) = lines.iter().skip(after).position(is_routing) {
            return after + routing;
        }
    }
    lines.iter().position(is_start).unwrap_or(0)
}

/// Reads caveats, passing instructions and the E.O./TAGS/SUBJECT/REF/Classified By fields.
/// Returns the index (in `lines`) of the first body line.
fn parse_header_fields<'a>(
    text: &'a str,
    lines: &[Line<'a>],
    cable: &mut Cable<'a>,
    caveats: &mut Vec<Caveat>,
) -> usize {
    let mut index = 0;
    let mut seen_field = false;
    while let Some(&whole_line) = lines.get(index) {
        let mut line = whole_line;
        let mut trimmed = line.trimmed();
        if trimmed.is_empty() {
            index += 1;
            continue;
        }
        if let Ok((after, found)) = caveat_line(trimmed) {
            if after.trim().is_empty() {
                caveats.extend(found);
                index += 1;
                continue;
            }
            // `SIPDIS E.O. 12958: ...`: caveats with the fields glued after them.
            let after = after.trim_start();
            if field_kind(after).is_some() {
                caveats.extend(found);
                line = Line {
                    text: after,
                    start: offset_in(text, after).unwrap_or(line.start),
                };
                trimmed = after;
            }
        }
        if paragraph_start(trimmed).is_ok() {
            return index;
        }
        let Some(kind) = field_kind(trimmed) else {
            if !seen_field
                && (looks_like_passing_instruction(trimmed) || fields_follow(lines, index))
            {
                cable.passing_instructions.push(Cow::Borrowed(trimmed));
                index += 1;
                continue;
            }
            return index;
        };
        seen_field = true;
        // A retyped cable may put several fields on one line: read each piece in turn.
        let mut piece = line;
        let mut piece_kind = Some(kind);
        while let Some(cut) = inline_field_start(piece.text) {
            let (head, tail) = piece.text.split_at(cut);
            let head = Line {
                text: head,
                start: piece.start,
            };
            read_field(text, head, field_kind(head.text), piece.start + cut, cable);
            piece = Line {
                text: tail,
                start: piece.start + cut,
            };
            piece_kind = field_kind(piece.text);
        }
        let kind = piece_kind.unwrap_or(kind);
        let last = fields::field_last_line(lines, index, kind);
        let end = lines.get(last).map_or(line.end(), Line::end);
        read_field(text, piece, piece_kind, end, cable);
        index = last + 1;
    }
    index
}

/// Reads one header field of `kind` (that `first` opens) whose text runs from
/// `first.start` to `end`.
fn read_field<'a>(
    text: &'a str,
    first: Line<'a>,
    kind: Option<FieldKind>,
    end: usize,
    cable: &mut Cable<'a>,
) {
    let Some(field_text) = text.get(first.start..end) else {
        return;
    };
    let Some(kind) = kind else {
        return;
    };
    let span = Some(first.start..first.start + field_text.trim_end().len());
    match kind {
        FieldKind::ExecutiveOrder => {
            if let Ok((_, order)) = fields::executive_order(field_text) {
                cable.executive_order = Some(order);
                cable.spans.executive_order = span;
            }
        }
        FieldKind::Tags => {
            if let Ok((_, tags)) = fields::tags(field_text) {
                cable.tags = tags;
                cable.spans.tags = span;
            }
        }
        FieldKind::Subject => {
            let post = cable
                .classification_line
                .as_ref()
                .and_then(|line| line.post.as_deref());
            if let Ok((_, subject)) = fields::subject(field_text, post) {
                cable.subject = Some(subject.text);
                cable.subject_marking = subject.marking.map(Cow::Borrowed);
                cable.spans.subject = span;
            }
        }
        FieldKind::References => {
            if let Ok((_, references)) = fields::references(field_text, None) {
                cable.references.extend(references);
                cable.spans.references = span;
            }
        }
        FieldKind::ClassifiedBy => {
            if let Ok((_, by)) = fields::classified_by(field_text) {
                cable.classified_by = Some(by);
                cable.spans.classified_by = span;
            }
        }
    }
}

/// Whether header fields still come after the line at `index`, before any paragraph:
/// notes such as "Original Telegram was Confidential but has since been de-classified"
/// can stand between the classification line and the E.O. line.
fn fields_follow(lines: &[Line<'_>], index: usize) -> bool {
    lines
        .iter()
        .skip(index + 1)
        .take(20)
        .map(Line::trimmed)
        .take_while(|line| paragraph_start(line).is_err())
        .any(|line| {
            matches!(
                field_kind(line),
                Some(FieldKind::ExecutiveOrder | FieldKind::Tags | FieldKind::Subject)
            )
        })
}

/// Lines between the classification line and the fields such as `DEPT FOR EAP/CM`,
/// `BERLIN FOR CRAIG M. CONWAY`, `PASS TO ...`: short, capitals, no sentence.
fn looks_like_passing_instruction(text: &str) -> bool {
    text.len() <= 80
        && !text.bytes().any(|b| b.is_ascii_lowercase())
        && text.bytes().any(|b| b.is_ascii_uppercase())
}

/// `10MEXICO83`: two-digit year, post without spaces, serial without leading zeros.
fn canonical_id(cable: &Cable<'_>) -> Option<String> {
    let line = cable.classification_line.as_ref()?;
    // Retyped cables write the post in lower case; ids are upper case.
    let post: String = line
        .post
        .as_deref()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .concat()
        .to_ascii_uppercase();
    let serial = line.serial?;
    let year = cable.date?.year() % 100;
    let efto = if line.classification.caveats.contains(&Caveat::Efto) {
        "EFTO"
    } else {
        ""
    };
    Some(format!("{year:02}{efto}{post}{serial}"))
}

/// References written without a year take the cable's own year.
fn resolve_reference_years(cable: &mut Cable<'_>) {
    let Some(year) = cable.date.map(CableDate::year) else {
        return;
    };
    for reference in &mut cable.references {
        if reference.id.is_none() {
            reference.id = fields::cable_id_in(&reference.written, Some(year));
        }
    }
}

/// Where in the text the facts stand that the wrapper's metadata may contradict, so that a
/// disagreement points at the line (the reader's warnings list jumps there).
#[derive(Debug, Default, PartialEq, Eq)]
struct MetadataPlaces {
    /// The date-time group (`291400Z`) in the routing, or the dateline the date came from.
    date: Option<usize>,
    /// The classification line, which gives the classification, post and serial (the id).
    classification_line: Option<usize>,
    /// The `FM` line, or the classification line when there is none.
    origin: Option<usize>,
}

impl MetadataPlaces {
    fn of(cable: &Cable<'_>, text: &str) -> MetadataPlaces {
        let classification_line = cable.spans.classification_line.as_ref().map(|s| s.start);
        let routing = cable
            .routing
            .span
            .as_ref()
            .and_then(|span| Some((span.start, text.get(span.clone())?)));
        let in_routing = |needle: &str| {
            routing.and_then(|(start, routing)| routing.find(needle).map(|at| start + at))
        };
        let date = match cable.routing.date_time_group {
            Some(at) => in_routing(&format!("{:02}{:02}{:02}Z", at.day, at.hour, at.minute)),
            // Without a date-time group, the date came from the dateline, the first line.
            None => cable.date.map(|_| text.len() - text.trim_start().len()),
        };
        let from_line = cable.spans.from.as_ref().map(|span| span.start);
        MetadataPlaces {
            date,
            classification_line,
            origin: from_line.or(classification_line),
        }
    }
}

/// Fills what the text did not say from the wrapper's metadata, and warns where the two
/// disagree (the text's fact is kept).
fn reconcile_with_metadata(cable: &mut Cable<'_>, source: &Source<'_>) {
    let metadata = &source.metadata;
    let places = MetadataPlaces::of(cable, &source.text);
    let warn = |cable: &mut Cable<'_>, place: Option<usize>, message: String| {
        cable.warnings.push(match place {
            Some(offset) => Warning::at(offset, message),
            None => Warning::new(message),
        });
    };
    match (&cable.date, &metadata.date) {
        (None, Some(date)) => cable.date = Some(*date),
        (Some(text), Some(meta)) if !text.agrees_with(*meta) => {
            let message = format!(
                "the text dates the cable {text}, the {} says {meta}",
                source_name(source)
            );
            warn(cable, places.date, message);
        }
        _ => {}
    }
    // The id needs the year: with a date now known from the metadata, try again.
    if cable.id.is_none() {
        cable.id = canonical_id(cable);
        resolve_reference_years(cable);
    }
    match (&cable.id, &metadata.id) {
        (None, Some(id)) => cable.id = Some(id.clone()),
        (Some(text), Some(meta)) if text != meta => {
            let message = format!(
                "the text gives the id {text}, the {} says {meta}",
                source_name(source)
            );
            warn(cable, places.classification_line, message);
        }
        _ => {}
    }
    let from_text = cable.routing.from.is_some();
    match (&cable.origin, &metadata.origin) {
        (_, Some(meta)) if !from_text => cable.origin = Some(Cow::Owned(meta.clone())),
        // The same post under WikiLeaks' own name ("Mission Geneva" for USMISSION GENEVA):
        // the origin is meant as WikiLeaks writes it.
        (Some(text), Some(meta)) if text != meta && origin::same_post(text, meta) => {
            cable.origin = Some(Cow::Owned(meta.clone()));
        }
        (Some(text), Some(meta)) if text != meta => {
            let message = format!(
                "the text gives the origin {text}, the {} says {meta}",
                source_name(source)
            );
            warn(cable, places.origin, message);
        }
        _ => {}
    }
    if let (Some(text), Some(meta)) = (
        cable.classification.display_name(),
        &metadata.classification,
    ) {
        if &text != meta {
            let message = format!(
                "the text classifies the cable {text}, the {} says {meta}",
                source_name(source)
            );
            warn(cable, places.classification_line, message);
        }
    } else if cable.classification.level.is_none() {
        if let Some(meta) = &metadata.classification {
            cable.classification = classification_from_name(meta);
        }
    }
    if cable.subject.is_none() {
        if let Some(subject) = metadata.subject.as_deref().filter(|s| !s.trim().is_empty()) {
            cable.subject = Some(Cow::Owned(subject.trim().to_owned()));
        }
    }
    if cable.references.is_empty() {
        cable
            .references
            .extend(
                metadata
                    .references
                    .iter()
                    .map(|id| crate::cable::model::Reference {
                        letter: None,
                        written: Cow::Owned(id.clone()),
                        id: Some(id.clone()),
                    }),
            );
    }
}

fn source_name(source: &Source<'_>) -> &'static str {
    match source.format {
        SourceFormat::WikiLeaksHtml => "WikiLeaks page",
        SourceFormat::TextDump => "dump's header",
        SourceFormat::CsvRow => "csv row",
        SourceFormat::PlainText => "wrapper",
        SourceFormat::Pdf => "PDF",
    }
}

/// A classification as WikiLeaks writes it ("SECRET//NOFORN") back into the model.
pub fn classification_from_name(name: &str) -> Classification {
    use crate::cable::model::Level;
    let (level_name, caveat) = name.split_once("//").unwrap_or((name, ""));
    let level = match level_name.trim() {
        "UNCLASSIFIED" => Some(Level::Unclassified),
        "LIMITED OFFICIAL USE" => Some(Level::SensitiveButUnclassified),
        "CONFIDENTIAL" => Some(Level::Confidential),
        "SECRET" => Some(Level::Secret),
        "TOP SECRET" => Some(Level::TopSecret),
        _ => None,
    };
    let mut caveats = Vec::new();
    match caveat.trim() {
        "NOFORN" => caveats.push(Caveat::Noforn),
        "FOR OFFICIAL USE ONLY" => caveats.push(Caveat::ForOfficialUseOnly),
        "" => {}
        other => caveats.push(Caveat::Other(other.to_owned())),
    }
    if level_name.trim() == "LIMITED OFFICIAL USE" {
        caveats.push(Caveat::LimitedOfficialUse);
    }
    Classification { level, caveats }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::wrapper::Metadata;

    #[test]
    fn a_disagreement_with_the_metadata_points_at_the_line_of_the_texts_fact() {
        let text = "R 291400Z JAN 10\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC\n\
                    CONFIDENTIAL LIMA 000123\n\nSUBJECT: TALKS\n\n1. (C) TEXT.\n";
        let source = Source {
            text: Cow::Borrowed(text),
            format: SourceFormat::PlainText,
            metadata: Metadata {
                id: Some("10QUITO1".to_owned()),
                date: Some(CableDate::Minute(DateTime {
                    year: 2010,
                    month: 2,
                    day: 3,
                    hour: 4,
                    minute: 5,
                })),
                classification: Some("SECRET".to_owned()),
                origin: Some("Embassy Quito".to_owned()),
                ..Metadata::default()
            },
            warnings: Vec::new(),
        };
        let cable = parse_cable(&source);
        let at = |needle: &str| text.find(needle);
        let offsets: Vec<(String, Option<usize>)> = cable
            .warnings
            .iter()
            .map(|w| {
                (
                    w.message.split(',').next().unwrap_or_default().to_owned(),
                    w.offset,
                )
            })
            .collect();
        assert_eq!(
            offsets,
            vec![
                (
                    "the text dates the cable 2010-01-29T14:00:00Z".to_owned(),
                    at("291400Z")
                ),
                (
                    "the text gives the id 10LIMA123".to_owned(),
                    at("CONFIDENTIAL LIMA")
                ),
                (
                    "the text gives the origin Embassy Lima".to_owned(),
                    at("FM AMEMBASSY")
                ),
                (
                    "the text classifies the cable CONFIDENTIAL".to_owned(),
                    at("CONFIDENTIAL LIMA")
                ),
            ]
        );
    }
}
