//! Detaching a parsed cable from the text it borrows from, so it can outlive the file buffer.

use std::borrow::Cow;

use crate::cable::model::{
    Addressee, Cable, ClassificationLine, ClassifiedBy, Declassify, ExecutiveOrder, Paragraph,
    Reference, Routing, StationLine,
};

fn own(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn own_opt(text: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    text.map(own)
}

fn own_all(texts: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(own).collect()
}

impl Addressee<'_> {
    pub fn into_owned(self) -> Addressee<'static> {
        Addressee {
            routing_indicator: own_opt(self.routing_indicator),
            name: own(self.name),
            precedence: own_opt(self.precedence),
            serial: self.serial,
        }
    }
}

impl Routing<'_> {
    pub fn into_owned(self) -> Routing<'static> {
        Routing {
            start_of_message: own_opt(self.start_of_message),
            routing_lines: own_all(self.routing_lines),
            station: self.station.map(|station| StationLine {
                station: own(station.station),
                serial: station.serial,
                section: station.section,
                filed: own_opt(station.filed),
            }),
            transmission: own_opt(self.transmission),
            precedence: own_opt(self.precedence),
            date_time_group: self.date_time_group,
            unreal_date_time_group: own_opt(self.unreal_date_time_group),
            from: self.from.map(Addressee::into_owned),
            to: self.to.into_iter().map(Addressee::into_owned).collect(),
            info: self.info.into_iter().map(Addressee::into_owned).collect(),
            excluded: self
                .excluded
                .into_iter()
                .map(Addressee::into_owned)
                .collect(),
            distribution: own_all(self.distribution),
            span: self.span,
        }
    }
}

impl Paragraph<'_> {
    pub fn into_owned(self) -> Paragraph<'static> {
        Paragraph {
            number: self.number,
            marking: own_opt(self.marking),
            level: self.level,
            text: own(self.text),
            heading: own_opt(self.heading),
            spans: self.spans,
            span: self.span,
        }
    }
}

impl Cable<'_> {
    /// The same cable owning all its text.
    pub fn into_owned(self) -> Cable<'static> {
        Cable {
            id: self.id,
            date: self.date,
            origin: own_opt(self.origin),
            classification: self.classification,
            classification_line: self.classification_line.map(|line| ClassificationLine {
                classification: line.classification,
                section: line.section,
                post: own_opt(line.post),
                serial: line.serial,
            }),
            routing: self.routing.into_owned(),
            passing_instructions: own_all(self.passing_instructions),
            executive_order: self.executive_order.map(|order| ExecutiveOrder {
                number: order.number,
                declassify: order.declassify.map(|declassify| match declassify {
                    Declassify::On(date) => Declassify::On(date),
                    Declassify::Written(text) => Declassify::Written(own(text)),
                }),
            }),
            tags: own_all(self.tags),
            subject: own_opt(self.subject),
            subject_marking: own_opt(self.subject_marking),
            references: self
                .references
                .into_iter()
                .map(|reference| Reference {
                    letter: reference.letter,
                    written: own(reference.written),
                    id: reference.id,
                })
                .collect(),
            classified_by: self.classified_by.map(|by| ClassifiedBy {
                by: own(by.by),
                reasons: own_opt(by.reasons),
                name: own_opt(by.name),
            }),
            sections: self.sections,
            preamble: own_opt(self.preamble),
            paragraphs: self
                .paragraphs
                .into_iter()
                .map(Paragraph::into_owned)
                .collect(),
            summary: own_opt(self.summary),
            signature: own_opt(self.signature),
            warnings: self.warnings,
            spans: self.spans,
        }
    }
}
