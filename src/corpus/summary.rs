//! The summary row of a cable: what the list, the facets, the limits and the sort need,
//! read from the cable's header only (its body is parsed when the cable is opened).

use serde::{Deserialize, Serialize};

use super::key::CableKey;
use crate::cable::{parse_header, Cable, CableDate, DateTime, Level, Precision, Source};

/// How exactly a summary's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// No date.
    #[default]
    None,
    /// A day (a dateline such as `MEXICO CITY, 12 JAN 2010`).
    Day,
    /// Day, hour and minute (a date-time group, or the wrapper's metadata).
    Minute,
}

/// A date as the summary keeps it: small and ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl From<DateTime> for Stamp {
    fn from(date: DateTime) -> Stamp {
        Stamp {
            year: date.year,
            month: date.month,
            day: date.day,
            hour: date.hour,
            minute: date.minute,
        }
    }
}

impl From<Stamp> for DateTime {
    fn from(stamp: Stamp) -> DateTime {
        DateTime {
            year: stamp.year,
            month: stamp.month,
            day: stamp.day,
            hour: stamp.hour,
            minute: stamp.minute,
        }
    }
}

/// One cable in a list: header facts only, owned, small.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Canonical id, `10MEXICO83`.
    pub id: Option<String>,
    pub date: Option<Stamp>,
    pub precision: DatePrecision,
    /// The overall level (of the classification line, else the wrapper's).
    pub level: Option<Level>,
    /// The classification as WikiLeaks writes it, `SECRET//NOFORN` (as `parse --json`).
    pub classification: Option<String>,
    /// Caveat labels, `NOFORN`, `SIPDIS`.
    pub caveats: Vec<String>,
    /// `Embassy Mexico`.
    pub origin: Option<String>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    /// Canonical ids of the cables referred to.
    pub references: Vec<String>,
    /// Sections the classification line names (1 when it names none).
    pub sections: u32,
    /// Problems met unwrapping the cable and reading its header.
    pub warnings: u32,
    /// The hash of the cable's paragraphs, which with the id makes the key the saved state
    /// knows it by ([`super::key::cable_key`]). The header does not give it: `None` until a
    /// second pass parses the body (see [`super::keys`]).
    pub hash: Option<u64>,
}

impl Summary {
    /// The summary of a parsed cable (header only or in full: the fields are header facts
    /// either way).
    pub fn of(cable: &Cable<'_>) -> Summary {
        let precision = match cable.date.map(CableDate::precision) {
            None => DatePrecision::None,
            Some(Precision::Minute) => DatePrecision::Minute,
            Some(Precision::Day) => DatePrecision::Day,
        };
        Summary {
            id: cable.id.clone(),
            // A day sorts and limits from its first minute; date limits are whole days.
            date: cable.date.map(|date| Stamp::from(date.earliest())),
            precision,
            level: cable.classification.level,
            classification: cable.classification.display_name(),
            caveats: cable
                .classification
                .caveats
                .iter()
                .map(|caveat| caveat.label().to_owned())
                .collect(),
            origin: cable.origin.as_deref().map(str::to_owned),
            subject: cable.subject.as_deref().map(str::to_owned),
            tags: cable
                .tags
                .iter()
                .map(|tag| tag.as_ref().to_owned())
                .collect(),
            references: cable
                .references
                .iter()
                .filter_map(|reference| reference.id.clone())
                .collect(),
            sections: cable.sections,
            warnings: u32::try_from(cable.warnings.len()).unwrap_or(u32::MAX),
            hash: None,
        }
    }

    /// The summary of the cable in `source`, from its header alone.
    pub fn of_source(source: &Source<'_>) -> Summary {
        Summary::of(&parse_header(source))
    }

    /// The key the saved state knows this cable by, once its hash is known.
    pub fn key(&self) -> Option<CableKey> {
        self.hash.map(|hash| CableKey {
            id: self.id.clone().unwrap_or_default(),
            hash,
        })
    }

    /// Whether `key` is this row's key (false while the row's hash is not known).
    pub fn has_key(&self, key: &CableKey) -> bool {
        self.hash == Some(key.hash) && self.id.as_deref().unwrap_or_default() == key.id
    }

    /// The date as the model writes it.
    pub fn datetime(&self) -> Option<DateTime> {
        self.date.map(DateTime::from)
    }
}
