//! The limit language over the index. Each cable's limit facts (its summary row's level,
//! date, caveats, origin, tags, subject, id and references) are fast fields of its
//! document, so a limit is checked on each hit inside the search, column by column,
//! without reading the record back or decoding the summary cache; only the hits shown are
//! read back, for their snippets. The patterns are the limit language's own
//! ([`Limit::holds_for_text`] and the others), so a hit is within a limit here exactly when
//! [`Limit::matches`] says so of its summary row.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::cable::Level;
use crate::corpus::limit::{Fact, Limit};
use crate::corpus::summary::Stamp;

/// The fast field of each fact.
pub fn field_name(fact: Fact) -> &'static str {
    match fact {
        Fact::Level => "level",
        Fact::Caveats => "caveats",
        Fact::Origin => "origin",
        Fact::Date => "stamp",
        Fact::Tags => "tags",
        Fact::Subject => "subject",
        Fact::Id => "id",
        Fact::References => "references",
    }
}

/// A level as a number: its place in [`Level::ALL`].
pub fn level_number(level: Level) -> u64 {
    Level::ALL
        .iter()
        .position(|l| *l == level)
        .map_or(u64::MAX, |at| at as u64)
}

fn level_of(number: u64) -> Option<Level> {
    Level::ALL.get(usize::try_from(number).ok()?).copied()
}

/// A date as one number that orders as the stamp does and gives it back whole.
pub fn stamp_number(stamp: Stamp) -> u64 {
    (u64::from(stamp.year) << 32)
        | (u64::from(stamp.month) << 24)
        | (u64::from(stamp.day) << 16)
        | (u64::from(stamp.hour) << 8)
        | u64::from(stamp.minute)
}

fn stamp_of(number: u64) -> Stamp {
    let byte = |shift: u32| (number >> shift) as u8;
    Stamp {
        year: (number >> 32) as u16,
        month: byte(24),
        day: byte(16),
        hour: byte(8),
        minute: byte(0),
    }
}

/// A collector that passes on to `inner` only the hits within `limit`.
pub struct Within<C> {
    limit: Arc<Limit>,
    inner: C,
}

impl<C> Within<C> {
    pub fn new(limit: &Limit, inner: C) -> Within<C> {
        Within {
            limit: Arc::new(limit.clone()),
            inner,
        }
    }
}

impl<C: Collector> Collector for Within<C> {
    type Fruit = C::Fruit;
    type Child = WithinSegment<C::Child>;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(WithinSegment {
            check: Check::new(&self.limit, segment)?,
            inner: self.inner.for_segment(segment_local_id, segment)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(segment_fruits)
    }
}

/// [`Within`] for one segment.
pub struct WithinSegment<C> {
    check: Check,
    inner: C,
}

impl<C: SegmentCollector> SegmentCollector for WithinSegment<C> {
    type Fruit = C::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.check.holds(doc) {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}

/// A limit made ready for one segment: each pattern with the column it reads.
enum Check {
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
    Level {
        pattern: Limit,
        column: Option<Column<u64>>,
    },
    Date {
        pattern: Limit,
        column: Option<Column<u64>>,
    },
    /// A text fact: the answer for each of its values (by dictionary number) is kept, as
    /// origins, tags and caveats repeat across thousands of cables.
    Text {
        pattern: Limit,
        column: Option<StrColumn>,
        known: HashMap<u64, bool>,
        value: String,
    },
}

impl Check {
    fn new(limit: &Limit, segment: &SegmentReader) -> tantivy::Result<Check> {
        let many = |parts: &[Limit]| -> tantivy::Result<Vec<Check>> {
            parts.iter().map(|part| Check::new(part, segment)).collect()
        };
        let fast = segment.fast_fields();
        Ok(match limit {
            Limit::And(parts) => Check::All(many(parts)?),
            Limit::Or(parts) => Check::Any(many(parts)?),
            Limit::Not(inner) => Check::Not(Box::new(Check::new(inner, segment)?)),
            pattern => match pattern.fact() {
                Some(Fact::Level) => Check::Level {
                    pattern: pattern.clone(),
                    column: fast.column_opt(field_name(Fact::Level))?,
                },
                Some(Fact::Date) => Check::Date {
                    pattern: pattern.clone(),
                    column: fast.column_opt(field_name(Fact::Date))?,
                },
                Some(fact) => Check::Text {
                    pattern: pattern.clone(),
                    column: fast.str(field_name(fact))?,
                    known: HashMap::new(),
                    value: String::new(),
                },
                // `fact` is only `None` for the three handled above.
                None => Check::All(Vec::new()),
            },
        })
    }

    fn holds(&mut self, doc: DocId) -> bool {
        match self {
            Check::All(parts) => parts.iter_mut().all(|part| part.holds(doc)),
            Check::Any(parts) => parts.iter_mut().any(|part| part.holds(doc)),
            Check::Not(inner) => !inner.holds(doc),
            Check::Level { pattern, column } => pattern.holds_for_level(
                column
                    .as_ref()
                    .and_then(|column| column.first(doc))
                    .and_then(level_of),
            ),
            Check::Date { pattern, column } => pattern.holds_for_date(
                column
                    .as_ref()
                    .and_then(|column| column.first(doc))
                    .map(stamp_of),
            ),
            Check::Text {
                pattern,
                column,
                known,
                value,
            } => {
                let Some(column) = column else {
                    return false;
                };
                column.term_ords(doc).any(|ord| {
                    *known.entry(ord).or_insert_with(|| {
                        value.clear();
                        // A number the dictionary does not have is a damaged index: no match.
                        column.ord_to_str(ord, value).unwrap_or(false)
                            && pattern.holds_for_text(value)
                    })
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_order_as_numbers_and_come_back_whole() {
        let early = Stamp {
            year: 2009,
            month: 12,
            day: 31,
            hour: 23,
            minute: 59,
        };
        let late = Stamp {
            year: 2010,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
        };
        assert!(stamp_number(early) < stamp_number(late));
        assert_eq!(stamp_of(stamp_number(early)), early);
        assert_eq!(stamp_of(stamp_number(late)), late);
    }

    #[test]
    fn levels_come_back_whole() {
        for level in Level::ALL {
            assert_eq!(level_of(level_number(level)), Some(level));
        }
    }
}
