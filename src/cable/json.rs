//! The JSON form of a cable, one object per cable: what `parse --json` prints and `export`
//! writes. A view of the model with stable key names, so the model can change inside.

use serde::Serialize;

use crate::cable::model::{Addressee, Cable, CableDate, Level, Precision, SpanKind};

#[derive(Debug, Serialize)]
pub struct CableJson<'c> {
    pub source: &'c str,
    pub id: Option<&'c str>,
    /// The key the saved state knows the cable by (`ID#HASH`, its paragraphs' hash), when
    /// the caller computed it: `parse --json` does ([`CableJson::with_key`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `2010-01-29T20:49:00Z` when the minute is known, `2004-01-20` when only the day is.
    pub date: Option<String>,
    pub date_precision: Option<Precision>,
    pub origin: Option<&'c str>,
    pub classification: Option<String>,
    pub caveats: Vec<&'c str>,
    pub subject: Option<&'c str>,
    /// The subject's own marking, `C` in `SUBJECT: (C) ...`.
    pub subject_marking: Option<&'c str>,
    pub tags: Vec<&'c str>,
    pub references: Vec<&'c str>,
    pub classified_by: Option<&'c str>,
    pub classified_by_name: Option<&'c str>,
    pub reasons: Option<&'c str>,
    pub declassify_on: Option<String>,
    pub from: Option<AddresseeJson<'c>>,
    pub to: Vec<AddresseeJson<'c>>,
    pub info: Vec<AddresseeJson<'c>>,
    /// Addressees an `XMT` line leaves out.
    pub excluded: Vec<ExcludedJson<'c>>,
    pub summary: Option<&'c str>,
    pub signature: Option<&'c str>,
    pub sections: u32,
    pub preamble: Option<&'c str>,
    pub paragraphs: Vec<ParagraphJson<'c>>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AddresseeJson<'c> {
    pub name: &'c str,
    pub precedence: Option<&'c str>,
}

#[derive(Debug, Serialize)]
pub struct ExcludedJson<'c> {
    pub name: &'c str,
}

#[derive(Debug, Serialize)]
pub struct ParagraphJson<'c> {
    pub number: Option<u32>,
    pub marking: Option<&'c str>,
    pub level: Option<Level>,
    pub heading: Option<&'c str>,
    pub text: &'c str,
    /// `"summary"`/`"comment"` spans as byte ranges of `text`.
    pub spans: Vec<SpanJson>,
}

#[derive(Debug, Serialize)]
pub struct SpanJson {
    pub kind: SpanKind,
    pub start: usize,
    pub end: usize,
}

fn addressee<'c>(addressee: &'c Addressee<'_>) -> AddresseeJson<'c> {
    AddresseeJson {
        name: &addressee.name,
        precedence: addressee.precedence.as_deref(),
    }
}

impl<'c> CableJson<'c> {
    pub fn new(cable: &'c Cable<'_>, source: &'c str) -> CableJson<'c> {
        CableJson {
            source,
            id: cable.id.as_deref(),
            key: None,
            date: cable.date.map(|date| date.to_string()),
            date_precision: cable.date.map(CableDate::precision),
            origin: cable.origin.as_deref(),
            classification: cable.classification.display_name(),
            caveats: cable
                .classification
                .caveats
                .iter()
                .map(|c| c.label())
                .collect(),
            subject: cable.subject.as_deref(),
            subject_marking: cable.subject_marking.as_deref(),
            tags: cable.tags.iter().map(AsRef::as_ref).collect(),
            references: cable
                .references
                .iter()
                .filter_map(|reference| reference.id.as_deref())
                .collect(),
            classified_by: cable.classified_by.as_ref().map(|by| by.by.as_ref()),
            classified_by_name: cable
                .classified_by
                .as_ref()
                .and_then(|by| by.name.as_deref()),
            reasons: cable
                .classified_by
                .as_ref()
                .and_then(|by| by.reasons.as_deref()),
            declassify_on: cable
                .executive_order
                .as_ref()
                .and_then(|order| order.declassify.as_ref())
                .map(ToString::to_string),
            from: cable.routing.from.as_ref().map(addressee),
            to: cable.routing.to.iter().map(addressee).collect(),
            info: cable.routing.info.iter().map(addressee).collect(),
            excluded: cable
                .routing
                .excluded
                .iter()
                .map(|excluded| ExcludedJson {
                    name: &excluded.name,
                })
                .collect(),
            summary: cable.summary.as_deref(),
            signature: cable.signature.as_deref(),
            sections: cable.sections,
            preamble: cable.preamble.as_deref(),
            paragraphs: cable
                .paragraphs
                .iter()
                .map(|paragraph| ParagraphJson {
                    number: paragraph.number,
                    marking: paragraph.marking.as_deref(),
                    level: paragraph.level,
                    heading: paragraph.heading.as_deref(),
                    text: &paragraph.text,
                    spans: paragraph
                        .spans
                        .iter()
                        .map(|span| SpanJson {
                            kind: span.kind,
                            start: span.range.start,
                            end: span.range.end,
                        })
                        .collect(),
                })
                .collect(),
            warnings: cable.warnings.iter().map(ToString::to_string).collect(),
        }
    }
}

impl CableJson<'_> {
    /// The same, with the cable's key (the corpus layer computes it; this layer cannot).
    pub fn with_key(self, key: String) -> Self {
        CableJson {
            key: Some(key),
            ..self
        }
    }
}

/// The cable as a JSON value, as `parse --json` prints it.
pub fn to_json_value(cable: &Cable<'_>, source: &str) -> serde_json::Value {
    serde_json::to_value(CableJson::new(cable, source)).unwrap_or(serde_json::Value::Null)
}

/// The cable as one line of JSON.
pub fn to_json_line(cable: &Cable<'_>, source: &str) -> String {
    serde_json::to_string(&CableJson::new(cable, source)).unwrap_or_default()
}
