//! The text of a cable that search reads: the header fields, the headings, the paragraphs
//! and the signature, as the model holds them. Page furniture (page headers, footers,
//! distribution blocks), routing indicators and wrapper text (the WikiLeaks page, csv
//! fields) are not in the model's text and so not searched. Markings are facts, searched
//! through the limit language, not words.

use std::borrow::Cow;

use crate::cable::Cable;

/// The parts of a cable's text, in reading order. A phrase never runs from one part into
/// the next.
pub fn searchable_parts<'c>(cable: &'c Cable<'_>) -> Vec<Cow<'c, str>> {
    let mut parts: Vec<Cow<'c, str>> = Vec::new();
    let mut push = |text: &'c str| parts.push(Cow::Borrowed(text));
    if let Some(id) = &cable.id {
        push(id);
    }
    if let Some(origin) = &cable.origin {
        push(origin);
    }
    let routing = &cable.routing;
    for addressee in routing.from.iter().chain(&routing.to).chain(&routing.info) {
        push(&addressee.name);
    }
    for line in &cable.passing_instructions {
        push(line);
    }
    for tag in &cable.tags {
        push(tag);
    }
    if let Some(subject) = &cable.subject {
        push(subject);
    }
    for reference in &cable.references {
        push(&reference.written);
    }
    if let Some(by) = &cable.classified_by {
        push(&by.by);
        if let Some(reasons) = &by.reasons {
            push(reasons);
        }
    }
    if let Some(preamble) = &cable.preamble {
        push(preamble);
    }
    for paragraph in &cable.paragraphs {
        if let Some(heading) = &paragraph.heading {
            push(heading);
        }
        push(&paragraph.text);
    }
    if let Some(signature) = &cable.signature {
        push(signature);
    }
    if let Some(banner) = cable.classification.display_name() {
        parts.insert(usize::from(cable.id.is_some()), Cow::Owned(banner));
    }
    parts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cable::{parse_text, SourceFormat};

    #[test]
    fn header_paragraphs_and_signature_in_reading_order() {
        let text = "C O N F I D E N T I A L MADRID 000210\n\
                    \n\
                    SIPDIS\n\
                    \n\
                    E.O. 12958: DECL: 02/27/2017\n\
                    TAGS: PREL, SP\n\
                    SUBJECT: SPAIN: TALKS ON KOSOVO\n\
                    \n\
                    REF: MADRID 208\n\
                    \n\
                    Classified By: Ambassador Eduardo Aguirre, reasons 1.4 (b) and (d)\n\
                    \n\
                    1. (C) Summary of the talks.\n\
                    \n\
                    2. (U) Second paragraph.\n\
                    \n\
                    AGUIRRE\n";
        let cable = parse_text(text, SourceFormat::PlainText);
        let parts = searchable_parts(&cable);
        assert_eq!(
            parts,
            [
                "CONFIDENTIAL",
                "Embassy Madrid",
                "PREL",
                "SP",
                "SPAIN: TALKS ON KOSOVO",
                "MADRID 208",
                "Ambassador Eduardo Aguirre",
                "1.4 (b) and (d)",
                "Summary of the talks.",
                "Second paragraph.",
                "AGUIRRE",
            ]
        );
    }
}
