//! The cables.csv dump: no header row, eight double-quoted fields per record (running id,
//! `M/D/YYYY H:MM` date, reference id, origin, classification, `|`-joined references,
//! routing header, body), backslash escapes (`\"`, `\'`), records spanning many lines.
//!
//! `CsvRecords` walks the records of a byte slice with `memchr`, without copying, so a
//! memory-mapped 2.5 GB file can be streamed; each record is decoded on its own.

use std::borrow::Cow;

use memchr::memmem;

use super::{dates, decode, push_once, Decoded, Metadata, Source, SourceFormat};
use crate::cable::model::{CableDate, Warning};

/// Fields in a cables.csv record.
pub const FIELDS: usize = 8;

/// One record of cables.csv as found in the file: field contents with their escapes still
/// in (see `unescape`), borrowed from the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord<'a> {
    /// 1-based record number in the file.
    pub row: usize,
    /// Byte offset of the record in the file.
    pub offset: usize,
    /// The record's bytes as they are in the file.
    pub raw: &'a [u8],
    /// The fields read, between their quotes (all eight for a good record).
    pub fields: Vec<&'a [u8]>,
    /// What was wrong with the record, if anything; it then ends where the next record
    /// starts, and `fields` holds what could be read.
    pub problem: Option<String>,
}

impl CsvRecord<'_> {
    /// The record as a cable source (what `unwrap` gives for each row).
    pub fn into_source(self) -> Source<'static> {
        record_to_source(self)
    }
}

/// The records of a cables.csv file, in order. Never fails: a malformed record comes with a
/// `problem`, and the next one is read from the next line that opens a record.
#[derive(Debug, Clone)]
pub struct CsvRecords<'a> {
    bytes: &'a [u8],
    pos: usize,
    row: usize,
    /// Offset of `bytes` in the file, for the offsets records report.
    base: usize,
}

impl<'a> CsvRecords<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        CsvRecords::continuing(bytes.get(bom..).unwrap_or_default(), 0, bom)
    }

    /// The records of a later part of a file, which starts at a record: `rows_before`
    /// records and `offset` bytes came before it (see `stream`).
    pub fn continuing(bytes: &'a [u8], rows_before: usize, offset: usize) -> Self {
        CsvRecords {
            bytes,
            pos: 0,
            row: rows_before,
            base: offset,
        }
    }

    /// The records of bytes cut out of a bigger file at a record's start: numbered from
    /// `first_row` and placed at byte `offset`, as a read of the whole file has them.
    pub fn within(bytes: &'a [u8], first_row: usize, offset: usize) -> Self {
        CsvRecords::continuing(bytes, first_row.saturating_sub(1), offset)
    }

    /// Where the next record starts in the bytes given.
    pub(super) fn position(&self) -> usize {
        self.pos
    }
}

/// Whether `bytes` open like a cables.csv record: `"<digits>","`.
pub fn looks_like_csv(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    opens_record(bytes)
}

/// `"` then 1 to 12 digits then `","`.
fn opens_record(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"\"") else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=12).contains(&digits) && rest.get(digits..).is_some_and(|r| r.starts_with(b"\",\""))
}

/// The start of the next line at or after `from` that opens a record.
pub fn next_record_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut search = from;
    loop {
        let line = search + memmem::find(bytes.get(search..)?, b"\n\"")? + 1;
        if opens_record(bytes.get(line..)?) {
            return Some(line);
        }
        search = line;
    }
}

/// How a field's reading ended.
enum FieldEnd {
    /// At the closing quote, at this offset.
    Quote(usize),
    /// The bytes ran out inside the quotes.
    Unterminated,
}

/// Finds the closing quote of a field whose content starts at `start`, skipping `\x`.
fn field_end(bytes: &[u8], start: usize) -> FieldEnd {
    let mut at = start;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        let found = at + found;
        if bytes.get(found) == Some(&b'"') {
            return FieldEnd::Quote(found);
        }
        at = found + 2;
    }
    FieldEnd::Unterminated
}

impl<'a> Iterator for CsvRecords<'a> {
    type Item = CsvRecord<'a>;

    fn next(&mut self) -> Option<CsvRecord<'a>> {
        let bytes = self.bytes;
        // Blank lines between records are not records.
        let skipped = bytes
            .get(self.pos..)?
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        let start = self.pos + skipped;
        if start >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        self.row += 1;
        // Byte ranges of the fields' contents.
        let mut fields: Vec<(usize, usize)> = Vec::with_capacity(FIELDS);
        let mut problem = None;
        let mut at = start;
        let clean_end = loop {
            if bytes.get(at) != Some(&b'"') {
                problem = Some(if fields.is_empty() {
                    "does not open with a quoted field".to_owned()
                } else {
                    format!("field {} does not open with a quote", fields.len() + 1)
                });
                break None;
            }
            let content = at + 1;
            let close = match field_end(bytes, content) {
                FieldEnd::Quote(close) => close,
                FieldEnd::Unterminated => {
                    fields.push((content, bytes.len()));
                    problem = Some(format!("field {} has no closing quote", fields.len()));
                    break None;
                }
            };
            fields.push((content, close));
            match bytes.get(close + 1) {
                Some(b',') => at = close + 2,
                None => break Some(bytes.len()),
                Some(b'\n') => break Some(close + 2),
                Some(b'\r') if bytes.get(close + 2) == Some(&b'\n') => break Some(close + 3),
                Some(_) => {
                    problem = Some(format!(
                        "field {} is followed by something other than a comma or a line end",
                        fields.len()
                    ));
                    break None;
                }
            }
        };
        let end = match clean_end {
            Some(end) => {
                if problem.is_none() && fields.len() != FIELDS {
                    problem = Some(format!("{} fields instead of {FIELDS}", fields.len()));
                }
                end
            }
            None => {
                // Resume at the next line that opens a record; keep what lies before it.
                let end = next_record_start(bytes, start + 1).unwrap_or(bytes.len());
                fields.retain(|&(content, _)| content <= end);
                end
            }
        };
        let fields = fields
            .into_iter()
            .map(|(content, close)| {
                let field = bytes.get(content..close.min(end)).unwrap_or_default();
                if close >= end {
                    trim_end_of_record(field)
                } else {
                    field
                }
            })
            .collect();
        self.pos = end;
        Some(CsvRecord {
            row: self.row,
            offset: self.base + start,
            raw: bytes.get(start..end).unwrap_or_default(),
            fields,
            problem,
        })
    }
}

/// A clipped field without the line end and closing quote that ended its record.
fn trim_end_of_record(field: &[u8]) -> &[u8] {
    let field = field.strip_suffix(b"\n").unwrap_or(field);
    let field = field.strip_suffix(b"\r").unwrap_or(field);
    field.strip_suffix(b"\"").unwrap_or(field)
}

/// A field's content with its backslash escapes resolved the way the readers of
/// cables.csv do (Python's csv module with `escapechar='\\'`): `\x` stands for `x`, so `\"`
/// is `"`, `\'` is `'` and `\\` is `\`. Borrowed when there is no backslash.
pub fn unescape(field: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(b'\\', field).is_none() {
        return Cow::Borrowed(field);
    }
    // Runs between backslashes are copied whole (a body is kilobytes, escapes are few).
    let mut out = Vec::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = memchr::memchr(b'\\', rest) {
        out.extend_from_slice(rest.get(..at).unwrap_or_default());
        match rest.get(at + 1) {
            Some(&escaped) => {
                out.push(escaped);
                rest = rest.get(at + 2..).unwrap_or_default();
            }
            // A backslash at the very end stands for itself.
            None => {
                out.push(b'\\');
                rest = &[];
            }
        }
    }
    out.extend_from_slice(rest);
    Cow::Owned(out)
}

/// A field as text: unescaped, decoded, cleaned; its warnings go to `warnings`.
fn field_text(field: &[u8], warnings: &mut Vec<Warning>) -> String {
    let unescaped = unescape(field);
    let Decoded {
        text,
        warnings: found,
    } = decode(&unescaped);
    for warning in found {
        push_once(warnings, warning);
    }
    text.into_owned()
}

/// The `Source` for one record: text is header + `\n` + body, metadata from the other fields.
pub(super) fn record_to_source(record: CsvRecord<'_>) -> Source<'static> {
    let mut warnings = Vec::new();
    let mut metadata = Metadata::default();
    if let Some(problem) = &record.problem {
        warnings.push(Warning::new(format!(
            "cables.csv row {} (byte {} of the file): {problem}",
            record.row, record.offset
        )));
    }
    let mut fields = record
        .fields
        .iter()
        .map(|field| field_text(field, &mut warnings));
    let mut next = || fields.next().filter(|field| !field.trim().is_empty());
    let _running_id = next();
    let date = next();
    metadata.id = next();
    metadata.origin = next();
    metadata.classification = next();
    let references = next();
    let header = next();
    let body = next();
    if let Some(date) = date {
        metadata.date = dates::parse_us(&date).map(CableDate::Minute);
        if metadata.date.is_none() {
            warnings.push(Warning::new(format!(
                "cables.csv row {}: date not understood: {date:?}",
                record.row
            )));
        }
    }
    metadata.references = references
        .iter()
        .flat_map(|refs| refs.split('|'))
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    let text = match (header, body) {
        (Some(header), Some(body)) => header + "\n" + &body,
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) if record.fields.is_empty() => field_text(record.raw, &mut warnings),
        (None, None) => String::new(),
    };
    Source {
        text: Cow::Owned(text),
        format: SourceFormat::CsvRow,
        metadata,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::model::DateTime;

    const TWO_ROWS: &[u8] = b"\"1\",\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\
\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"66STATE106206\",\"P R 281848Z DEC 66\n\
FM AMEMBASSY BUENOS AIRES\nSTATE GRNC\",\"UNCLASSIFIED BUENOS AIRES 2481 \n\
OF \\\"PREFERENTIAL JURISDICTION\\\" FOR FISHING. \n \nSACCIO \n\"\n\
\"2\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\"UNCLASSIFIED\",\
\"72MOSCOW1603|72TEHRAN1091|72TEHRAN263\",\"R 250930Z FEB 72 \nCSAF \n\",\
\"1. SHAH\\'S REQUEST \n\"\n";

    fn datetime(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Option<CableDate> {
        Some(CableDate::Minute(DateTime {
            year,
            month,
            day,
            hour,
            minute,
        }))
    }

    #[test]
    fn records_are_split() {
        let records: Vec<CsvRecord<'_>> = CsvRecords::new(TWO_ROWS).collect();
        assert_eq!(records.len(), 2);
        let first = records
            .first()
            .map(|r| (r.row, r.offset, r.fields.len(), &r.problem));
        assert_eq!(first, Some((1, 0, 8, &None)));
        let second = records
            .get(1)
            .map(|r| (r.row, r.fields.first().copied(), &r.problem));
        assert_eq!(second, Some((2, Some(&b"2"[..]), &None)));
        assert_eq!(
            records.get(1).and_then(|r| r.fields.get(7).copied()),
            Some(&b"1. SHAH\\'S REQUEST \n"[..])
        );
    }

    #[test]
    fn rows_become_sources() {
        let sources: Vec<Source<'_>> = CsvRecords::new(TWO_ROWS).map(record_to_source).collect();
        let expected = vec![
            Source {
                text: Cow::Owned(
                    "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nSTATE GRNC\n\
                     UNCLASSIFIED BUENOS AIRES 2481 \n\
                     OF \"PREFERENTIAL JURISDICTION\" FOR FISHING. \n \nSACCIO \n"
                        .into(),
                ),
                format: SourceFormat::CsvRow,
                metadata: Metadata {
                    id: Some("66BUENOSAIRES2481".into()),
                    date: datetime(1966, 12, 28, 18, 48),
                    classification: Some("UNCLASSIFIED".into()),
                    origin: Some("Embassy Buenos Aires".into()),
                    references: vec!["66STATE106206".into()],
                    ..Metadata::default()
                },
                warnings: Vec::new(),
            },
            Source {
                text: Cow::Owned("R 250930Z FEB 72 \nCSAF \n\n1. SHAH'S REQUEST \n".into()),
                format: SourceFormat::CsvRow,
                metadata: Metadata {
                    id: Some("72TEHRAN1164".into()),
                    date: datetime(1972, 2, 25, 9, 30),
                    classification: Some("UNCLASSIFIED".into()),
                    origin: Some("Embassy Tehran".into()),
                    references: vec![
                        "72MOSCOW1603".into(),
                        "72TEHRAN1091".into(),
                        "72TEHRAN263".into(),
                    ],
                    ..Metadata::default()
                },
                warnings: Vec::new(),
            },
        ];
        assert_eq!(sources, expected);
    }

    #[test]
    fn unescape_is_the_byte_by_byte_rule() {
        // The rule byte by byte, as it was first written: `\x` is `x`, a last `\` itself.
        let reference = |field: &[u8]| {
            let mut out = Vec::new();
            let mut bytes = field.iter();
            while let Some(&b) = bytes.next() {
                out.push(if b == b'\\' {
                    *bytes.next().unwrap_or(&b'\\')
                } else {
                    b
                });
            }
            out
        };
        proptest::proptest!(|(field in proptest::collection::vec(
            proptest::sample::select(vec![b'\\', b'"', b'a', b'\n', 0xC3]), 0..40))| {
            proptest::prop_assert_eq!(unescape(&field).into_owned(), reference(&field));
        });
    }

    #[test]
    fn unescape_follows_pythons_csv() {
        assert_eq!(unescape(br#"A \"B\" C\'S \\ \n"#), &br#"A "B" C'S \ n"#[..]);
        assert!(matches!(unescape(b"PLAIN"), Cow::Borrowed(_)));
        assert_eq!(unescape(b"END\\"), &b"END\\"[..]);
    }

    #[test]
    fn detection() {
        assert!(looks_like_csv(TWO_ROWS));
        assert!(looks_like_csv(b"\xEF\xBB\xBF\"12\",\""));
        assert!(!looks_like_csv(b"\"12\", \""));
        assert!(!looks_like_csv(b"\"\",\""));
        assert!(!looks_like_csv(b"UNCLASSIFIED"));
    }

    #[test]
    fn unterminated_quote_spoils_one_row_only() {
        let broken = b"\"1\",\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\
\",\"UNCLASSIFIED\",\"\",\"HEADER\",\"BODY WITHOUT END\n\
\"2\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\"UNCLASSIFIED\",\"\",\"H\",\"B\"\n";
        let sources: Vec<Source<'_>> = CsvRecords::new(broken).map(record_to_source).collect();
        let summary: Vec<_> = sources
            .iter()
            .map(|s| {
                (
                    s.metadata.id.as_deref(),
                    s.text.as_ref(),
                    s.warnings.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    Some("66BUENOSAIRES2481"),
                    "HEADER\nBODY WITHOUT END",
                    vec![Warning::new(
                        "cables.csv row 1 (byte 0 of the file): field 8 is followed by \
                         something other than a comma or a line end"
                    )]
                ),
                (Some("72TEHRAN1164"), "H\nB", vec![]),
            ]
        );
    }

    #[test]
    fn unterminated_last_row() {
        let records: Vec<CsvRecord<'_>> =
            CsvRecords::new(b"\"1\",\"2/25/1972 9:30\",\"ID").collect();
        let expected = CsvRecord {
            row: 1,
            offset: 0,
            raw: b"\"1\",\"2/25/1972 9:30\",\"ID",
            fields: vec![b"1", b"2/25/1972 9:30", b"ID"],
            problem: Some("field 3 has no closing quote".into()),
        };
        assert_eq!(records, vec![expected]);
    }

    #[test]
    fn wrong_field_count() {
        let sources: Vec<Source<'_>> =
            CsvRecords::new(b"\"1\",\"2/25/1972 9:30\",\"72TEHRAN1164\"\r\n\r\n")
                .map(record_to_source)
                .collect();
        let expected = Source {
            text: Cow::Owned(String::new()),
            format: SourceFormat::CsvRow,
            metadata: Metadata {
                id: Some("72TEHRAN1164".into()),
                date: datetime(1972, 2, 25, 9, 30),
                ..Metadata::default()
            },
            warnings: vec![Warning::new(
                "cables.csv row 1 (byte 0 of the file): 3 fields instead of 8",
            )],
        };
        assert_eq!(sources, vec![expected]);
    }

    #[test]
    fn garbage_between_rows() {
        let bytes = b"\"1\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"B\"\nnot a row\n\
\"2\",\"\",\"C\",\"\",\"\",\"\",\"H\",\"B\"";
        let records: Vec<(usize, usize, Option<String>)> = CsvRecords::new(bytes)
            .map(|r| (r.row, r.fields.len(), r.problem))
            .collect();
        assert_eq!(
            records,
            vec![
                (1, 8, None),
                (2, 0, Some("does not open with a quoted field".into())),
                (3, 8, None)
            ]
        );
    }
}
