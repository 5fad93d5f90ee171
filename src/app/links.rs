//! The reference graph as the reader holds it, and the links pane (`r`): the open cable's
//! references, each looked up in the collection, and the cables that cite it.

use std::ops::Range;

use super::doc::HeaderFacts;
use crate::corpus::links::{Link, Links};
use crate::corpus::summary::Summary;
use crate::sanitize::one_line;

/// The graph of the rows the reader has, built once they are all read (or, while they are
/// still coming, when the pane is asked for) and kept until the rows change.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub links: Links,
    /// How many rows it was built from: more rows since means it is out of date.
    pub rows: usize,
    /// For cables given whole (no corpus list): their summary rows, one per entry.
    pub entry_rows: Vec<Summary>,
}

/// A cable named in the pane: a reference of the open cable, or one that cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedCable {
    /// Canonical id, cleaned for the screen.
    pub id: String,
    /// Its row (in the corpus list, or the entry), when the collection holds it.
    pub row: Option<usize>,
    pub subject: Option<String>,
}

/// One row of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRow {
    Title(String),
    /// A line saying a section is empty.
    Empty(&'static str),
    Cable(LinkedCable),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinksPane {
    /// The open cable's id, for the title.
    pub id: String,
    pub rows: Vec<LinkRow>,
    /// The cursor (on a cable row) and the first row in view.
    pub cursor: usize,
    pub offset: usize,
}

/// Everything the reader keeps about links.
#[derive(Debug, Clone, Default)]
pub struct LinksState {
    pub graph: Option<Graph>,
    pub pane: LinksPane,
}

impl LinksPane {
    /// The pane of the cable in `row` of `summaries`, from `links` (built from them).
    pub fn new(links: &Links, summaries: &[Summary], row: usize) -> LinksPane {
        let Some(summary) = summaries.get(row) else {
            return LinksPane::default();
        };
        let id = summary.id.clone().unwrap_or_default();
        let describe = |id: &str, found: Option<usize>| LinkedCable {
            id: one_line(id),
            row: found,
            subject: found
                .and_then(|row| summaries.get(row))
                .and_then(|s| s.subject.as_deref())
                .map(one_line),
        };
        let references = links.references(summaries, row);
        let mut rows = vec![LinkRow::Title(format!(
            "Refers to {}",
            cables(references.len())
        ))];
        if references.is_empty() {
            rows.push(LinkRow::Empty("this cable names no other cable"));
        }
        rows.extend(
            references
                .iter()
                .map(|Link { id, found }| LinkRow::Cable(describe(id, *found))),
        );
        // Copies of one cable (in several files) cite it once.
        let mut citing: Vec<(&str, usize)> = Vec::new();
        for &citer in links.cited_by(&id) {
            let citer = citer as usize;
            let Some(citing_id) = summaries.get(citer).and_then(|s| s.id.as_deref()) else {
                continue;
            };
            if citer != row && !citing.iter().any(|(seen, _)| *seen == citing_id) {
                citing.push((citing_id, citer));
            }
        }
        rows.push(LinkRow::Title(format!(
            "Cited by {} in this collection",
            cables(citing.len())
        )));
        if citing.is_empty() {
            rows.push(LinkRow::Empty("no cable here cites it"));
        }
        rows.extend(
            citing
                .iter()
                .map(|(id, row)| LinkRow::Cable(describe(id, Some(*row)))),
        );
        let mut pane = LinksPane {
            id: one_line(&id),
            rows,
            cursor: 0,
            offset: 0,
        };
        pane.cursor = pane.next_cable(0, 1).unwrap_or(0);
        pane
    }

    /// The first cable row from `from` going `step` (1 or -1), `from` included.
    pub fn next_cable(&self, from: usize, step: isize) -> Option<usize> {
        let mut at = from;
        loop {
            if matches!(self.rows.get(at), Some(LinkRow::Cable(_))) {
                return Some(at);
            }
            at = at.checked_add_signed(step)?;
            if at >= self.rows.len() {
                return None;
            }
        }
    }

    /// The cable under the cursor.
    pub fn selected(&self) -> Option<&LinkedCable> {
        match self.rows.get(self.cursor) {
            Some(LinkRow::Cable(cable)) => Some(cable),
            _ => None,
        }
    }
}

/// The stretches of the header's references line (`HeaderFacts::references`) that name a
/// cable of the collection: each such reference as written, past its list letter. The
/// header bar and the text pane's REF lines both light these.
pub fn found_references(header: &HeaderFacts, links: &Links) -> Vec<Range<usize>> {
    header
        .reference_parts
        .iter()
        .filter(|part| {
            part.id
                .as_deref()
                .is_some_and(|id| links.find(id).is_some())
        })
        .map(|part| part.written.clone())
        .collect()
}

/// `1 cable`, `3 cables`.
fn cables(n: usize) -> String {
    format!("{n} cable{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row(id: &str, subject: &str, references: &[&str]) -> Summary {
        Summary {
            id: Some(id.into()),
            subject: Some(subject.into()),
            references: references.iter().map(|r| (*r).to_owned()).collect(),
            ..Summary::default()
        }
    }

    #[test]
    fn references_then_cited_by_each_copy_once() {
        let rows = [
            row("07MADRID208", "ZAPATERO", &["07MADRID197"]),
            row("07MADRID210", "MORATINOS", &["07MADRID208"]),
            row("07MADRID210", "MORATINOS", &["07MADRID208"]),
        ];
        let links = Links::build(&rows);
        let pane = LinksPane::new(&links, &rows, 0);
        let cable = |id: &str, row: Option<usize>, subject: Option<&str>| {
            LinkRow::Cable(LinkedCable {
                id: id.into(),
                row,
                subject: subject.map(str::to_owned),
            })
        };
        assert_eq!(
            pane.rows,
            [
                LinkRow::Title("Refers to 1 cable".into()),
                cable("07MADRID197", None, None),
                LinkRow::Title("Cited by 1 cable in this collection".into()),
                cable("07MADRID210", Some(1), Some("MORATINOS")),
            ]
        );
        assert_eq!(pane.cursor, 1);
        assert_eq!(pane.next_cable(2, 1), Some(3));
        assert_eq!(pane.next_cable(2, -1), Some(1));
        let empty = LinksPane::new(&links, &rows, 1);
        assert_eq!(
            empty.rows[2..],
            [
                LinkRow::Title("Cited by 0 cables in this collection".into()),
                LinkRow::Empty("no cable here cites it"),
            ]
        );
    }

    #[test]
    fn a_reference_is_found_past_its_letter_when_its_cable_is_here() {
        let text = "CONFIDENTIAL MADRID 000210\n\nSUBJECT: TALKS\n\
            REF: A. MADRID 208 B. MADRID 197\n\n1. (C) TEXT.\n";
        let mut cable = crate::cable::parse_text(text, crate::cable::SourceFormat::PlainText);
        // The year the id needs comes from the date, which this text does not give.
        for (reference, id) in cable
            .references
            .iter_mut()
            .zip(["07MADRID208", "07MADRID197"])
        {
            reference.id = Some(id.to_owned());
        }
        let doc = crate::app::doc::Doc::new(&cable);
        let header = &doc.header;
        let rows = [row("07MADRID208", "ZAPATERO", &[])];
        let found = found_references(header, &Links::build(&rows));
        let line = header.references.as_deref().unwrap();
        assert_eq!(line, "A. MADRID 208; B. MADRID 197");
        let lit: Vec<&str> = found.iter().map(|range| &line[range.clone()]).collect();
        assert_eq!(lit, ["MADRID 208"]);
        assert!(found_references(header, &Links::build(&[])).is_empty());
    }
}
