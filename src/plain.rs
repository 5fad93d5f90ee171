//! A cable as clean plain text: header facts, then each paragraph with its marking, section
//! breaks joined, wrapper gone. Printed when stdout is not a terminal, and the base of export.
//! Every piece of text passes [`crate::sanitize`] on its way out. No terminal or UI code here.

use std::io::{self, Write};

use crate::sanitize::{clean, one_line};

use crate::cable::{Cable, CableDate, Classification, Declassify, Level, Paragraph};

/// `2010-01-29 20:49Z`.
/// The routing header as the reader shows it when asked: `FM AMEMBASSY MEXICO`,
/// `TO SECSTATE WASHDC (IMMEDIATE)`, `INFO ...`, each on one cleaned line.
pub fn routing_lines(cable: &Cable<'_>) -> Vec<String> {
    let addressee = |a: &crate::cable::Addressee<'_>| match &a.precedence {
        Some(precedence) => format!("{} ({precedence})", a.name),
        None => a.name.to_string(),
    };
    let mut lines = Vec::new();
    if let Some(from) = &cable.routing.from {
        lines.push(one_line(&format!("FM {}", addressee(from))));
    }
    for (label, list) in [("TO", &cable.routing.to), ("INFO", &cable.routing.info)] {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().map(addressee).collect();
            lines.push(one_line(&format!("{label} {}", names.join(", "))));
        }
    }
    lines
}

/// `2010-01-29 20:49Z`, or `2004-01-20` when only the day is known.
pub fn short_date_time(date: &CableDate) -> String {
    match date {
        CableDate::Minute(at) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}Z",
            at.year, at.month, at.day, at.hour, at.minute
        ),
        CableDate::Day(day) => day.to_string(),
    }
}

/// The classification as a banner: "SECRET//NOFORN"; `None` when the cable names none.
pub fn banner(classification: &Classification) -> Option<String> {
    classification.display_name().map(|name| one_line(&name))
}

/// The marking of a paragraph as written, e.g. `S//NF`; the level's abbreviation when the
/// text had none but the level is known.
pub fn marking(paragraph: &Paragraph<'_>) -> Option<String> {
    match (&paragraph.marking, paragraph.level) {
        (Some(written), _) if !written.trim().is_empty() => {
            Some(clean(written.trim()).into_owned())
        }
        (_, Some(level)) => Some(level.abbreviation().to_owned()),
        _ => None,
    }
}

/// `6. (S//NF) ` — number and marking as they open a paragraph; empty when it has neither.
pub fn paragraph_label(paragraph: &Paragraph<'_>) -> String {
    let mut label = String::new();
    if let Some(number) = paragraph.number {
        label.push_str(&format!("{number}. "));
    }
    if let Some(marking) = marking(paragraph) {
        label.push_str(&format!("({marking}) "));
    }
    label
}

/// The references as one line: `A. 09 MEXICO 1234; B. 09 STATE 5678`.
pub fn references_line(cable: &Cable<'_>) -> Option<String> {
    if cable.references.is_empty() {
        return None;
    }
    let parts: Vec<String> = cable
        .references
        .iter()
        .map(|reference| match reference.letter {
            Some(letter) => format!("{letter}. {}", clean(reference.written.trim())),
            None => clean(reference.written.trim()).into_owned(),
        })
        .collect();
    Some(parts.join("; "))
}

/// `Ambassador Carlos Pascual, reasons 1.4 (b) and (d)`.
pub fn classified_by_line(cable: &Cable<'_>) -> Option<String> {
    let by = cable.classified_by.as_ref()?;
    let mut line = clean(by.by.trim()).into_owned();
    if let Some(reasons) = &by.reasons {
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str("reasons ");
        line.push_str(&clean(reasons.trim()));
    }
    Some(line)
}

/// `2020-01-29 (E.O. 12958)`; the date as `date_format` writes a day.
pub fn declassify_line(cable: &Cable<'_>, date_format: &str) -> Option<String> {
    let order = cable.executive_order.as_ref()?;
    let declassify = order.declassify.as_ref().map(|d| match d {
        Declassify::On(date) => crate::config::date::format_date(date, date_format),
        Declassify::Written(text) => clean(text.trim()).into_owned(),
    });
    match (declassify, order.number) {
        (Some(d), Some(n)) => Some(format!("{d} (E.O. {n})")),
        (Some(d), None) => Some(d),
        (None, Some(n)) => Some(format!("E.O. {n}")),
        (None, None) => None,
    }
}

/// The header facts as `(label, value)` pairs, in reading order, only those the cable has.
/// Dates follow `date_format` (see [`crate::config::date`]).
pub fn header_facts(cable: &Cable<'_>, date_format: &str) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(id) = &cable.id {
        facts.push(("Id", clean(id).into_owned()));
    }
    if let Some(date) = &cable.date {
        facts.push((
            "Date",
            crate::config::date::format_cable_date(date, date_format),
        ));
    }
    if let Some(origin) = &cable.origin {
        facts.push(("Origin", clean(origin.trim()).into_owned()));
    }
    if let Some(banner) = banner(&cable.classification) {
        facts.push(("Classification", banner));
    }
    if let Some(subject) = &cable.subject {
        facts.push(("Subject", one_line(subject)));
    }
    if !cable.tags.is_empty() {
        let tags: Vec<String> = cable
            .tags
            .iter()
            .map(|t| clean(t.trim()).into_owned())
            .collect();
        facts.push(("Tags", tags.join(", ")));
    }
    if let Some(references) = references_line(cable) {
        facts.push(("References", references));
    }
    if cable.sections > 1 {
        facts.push(("Sections", cable.sections.to_string()));
    }
    if let Some(by) = classified_by_line(cable) {
        facts.push(("Classified by", by));
    }
    if let Some(declassify) = declassify_line(cable, date_format) {
        facts.push(("Declassify", declassify));
    }
    facts
}

/// `2 paragraphs hidden: C, S` for hidden paragraphs of these levels (each level once, lowest
/// first; `unmarked` for paragraphs without one).
pub fn hidden_note(levels: &[Option<crate::cable::Level>]) -> String {
    let mut named: Vec<Option<crate::cable::Level>> = levels.to_vec();
    named.sort();
    named.dedup();
    let names: Vec<&str> = named
        .iter()
        .map(|level| level.map_or("unmarked", crate::cable::Level::abbreviation))
        .collect();
    let count = levels.len();
    format!(
        "{count} paragraph{} hidden: {}",
        if count == 1 { "" } else { "s" },
        names.join(", ")
    )
}

/// Writes one cable as clean text.
pub fn write_plain(cable: &Cable<'_>, date_format: &str, out: &mut impl Write) -> io::Result<()> {
    write_plain_noting(cable, date_format, &[], out)
}

/// Writes one cable as clean text, with `[note]` lines where a filter hid paragraphs: each
/// note is given with the number of paragraphs written before it.
pub fn write_plain_noting(
    cable: &Cable<'_>,
    date_format: &str,
    notes: &[(usize, String)],
    out: &mut impl Write,
) -> io::Result<()> {
    let mut notes = notes.iter().peekable();
    let facts = header_facts(cable, date_format);
    let label_width = facts
        .iter()
        .map(|(label, _)| label.len())
        .max()
        .unwrap_or(0);
    for (label, value) in &facts {
        writeln!(
            out,
            "{:<width$}  {value}",
            format!("{label}:"),
            width = label_width + 1
        )?;
    }
    if let Some(preamble) = cable
        .preamble
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        writeln!(out)?;
        writeln!(out, "{}", clean(preamble))?;
    }
    for (index, paragraph) in cable.paragraphs.iter().enumerate() {
        while let Some((_, note)) = notes.next_if(|(before, _)| *before == index) {
            writeln!(out)?;
            writeln!(out, "[{note}]")?;
        }
        if let Some(heading) = paragraph
            .heading
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            writeln!(out)?;
            writeln!(out, "{}", one_line(heading))?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}{}",
            paragraph_label(paragraph),
            clean(paragraph.text.trim_end())
        )?;
    }
    for (_, note) in notes {
        writeln!(out)?;
        writeln!(out, "[{note}]")?;
    }
    if let Some(signature) = cable
        .signature
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        writeln!(out)?;
        writeln!(out, "{}", clean(signature))?;
    }
    Ok(())
}

/// Writes several cables, each as [`write_plain`], separated by a rule.
pub fn write_all_plain<'a>(
    cables: impl IntoIterator<Item = &'a Cable<'a>>,
    date_format: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    for (index, cable) in cables.into_iter().enumerate() {
        if index > 0 {
            write_separator(out)?;
        }
        write_plain(cable, date_format, out)?;
    }
    Ok(())
}

/// The rule between two cables of [`write_all_plain`].
pub fn write_separator(out: &mut impl Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", "=".repeat(72))?;
    writeln!(out)
}

/// How many paragraphs carry no level.
pub fn unmarked_count(cable: &Cable<'_>) -> usize {
    cable
        .paragraphs
        .iter()
        .filter(|p| p.level.is_none())
        .count()
}

/// The level shown for a whole cable: its classification, else its highest paragraph.
pub fn cable_level(cable: &Cable<'_>) -> Option<Level> {
    cable
        .classification
        .level
        .or_else(|| cable.highest_paragraph_level())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cable::{Caveat, SpanKind};
    use std::borrow::Cow;

    fn paragraph(number: u32, marking: &'static str, text: &'static str) -> Paragraph<'static> {
        Paragraph {
            number: Some(number),
            marking: Some(Cow::Borrowed(marking)),
            level: Level::from_abbreviation(marking.split("//").next().unwrap_or("")),
            text: Cow::Borrowed(text),
            heading: None,
            spans: Vec::new(),
            span: 0..0,
        }
    }

    #[test]
    fn writes_header_and_paragraphs() {
        let mut second = paragraph(2, "S//NF", "Second\u{1b}[2J paragraph.");
        second.heading = Some(Cow::Borrowed("Security Challenges"));
        second.spans.push(crate::cable::MarkedSpan {
            kind: SpanKind::Comment,
            range: 0..6,
            closed: true,
        });
        let cable = Cable {
            id: Some("10MEXICO83".into()),
            date: Some(CableDate::Minute(crate::cable::DateTime {
                year: 2010,
                month: 1,
                day: 29,
                hour: 20,
                minute: 49,
            })),
            origin: Some("Embassy Mexico".into()),
            classification: Classification {
                level: Some(Level::Secret),
                caveats: vec![Caveat::Noforn],
            },
            subject: Some("Scenesetter for the\nOpening".into()),
            tags: vec!["PGOV".into(), "MX".into()],
            sections: 5,
            paragraphs: vec![paragraph(1, "SBU", "First."), second],
            signature: Some("FEELEY".into()),
            ..Cable::default()
        };
        let mut out = Vec::new();
        write_plain(&cable, crate::config::date::DEFAULT_DATE_FORMAT, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Id:              10MEXICO83\n\
             Date:            2010-01-29 20:49 UTC\n\
             Origin:          Embassy Mexico\n\
             Classification:  SECRET//NOFORN\n\
             Subject:         Scenesetter for the Opening\n\
             Tags:            PGOV, MX\n\
             Sections:        5\n\
             \n\
             1. (SBU) First.\n\
             \n\
             Security Challenges\n\
             \n\
             2. (S//NF) Second\u{241b}[2J paragraph.\n\
             \n\
             FEELEY\n"
        );
    }
}
