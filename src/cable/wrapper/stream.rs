//! Cables read from a stream of bytes (a file, standard input, a FIFO such as
//! `<(zcat cables.csv.gz)`, a device) one record at a time, so that memory stays near one
//! cable whatever the input's size, and an input that never ends (`/dev/zero`) stops.
//!
//! A cables.csv is cut at record ends as it arrives; anything else is one cable, read to its
//! end. Either way no record may pass [`MAX_RECORD_BYTES`].

use std::borrow::Cow;
use std::io::{self, Read};

use super::csv::{looks_like_csv, next_record_start, CsvRecords};
use super::{try_sources, Metadata, PdfError, Source, SourceFormat};
use crate::cable::model::Warning;

/// The most bytes one record (one cable, as published) may take: 16 MiB. The largest file
/// in the corpus is a 196 KB WikiLeaks page (most of it the site's sidebar), and a cable
/// row of cables.csv averages about 10 KB; 16 MiB is some eighty times the largest, about
/// 8,000 teletype pages. Anything longer is no cable: a device, an endless stream, or a
/// csv record whose quote never closes.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// How much is read at a time. A record that does not fit is read on in growing steps
/// (the buffer doubles), so it is scanned a bounded number of times.
const CHUNK: usize = 1 << 20;

/// A record longer than [`MAX_RECORD_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("more than {} without the end of a cable, longer than any cable", size(*limit))]
pub struct TooLong {
    /// The most bytes a record may take.
    pub limit: usize,
}

/// Why a stream gave no cable: a record too long, or a PDF whose text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    TooLong(TooLong),
    Pdf(PdfError),
}

/// Reads `input` to its end and calls `each` with every cable source in it, in order.
/// A cables.csv record longer than `limit` becomes a source with no text and a warning that
/// says so, and reading goes on at the next record. Any other input longer than `limit`
/// stops the reading with `Ok(Err(Stopped::TooLong))`: nothing of it is given to `each`;
/// a PDF (read whole, as it must be) whose text cannot be read gives `Stopped::Pdf`.
pub fn read_sources(
    input: impl Read,
    limit: usize,
    each: impl FnMut(Source<'_>),
) -> io::Result<Result<(), Stopped>> {
    read_in_chunks(input, limit, CHUNK, each).map(|(result, _)| result)
}

/// [`read_sources`], reading `chunk` bytes at a time; also says how many bytes the record
/// splitting looked at, so tests can check the work stays linear.
fn read_in_chunks(
    input: impl Read,
    limit: usize,
    chunk: usize,
    each: impl FnMut(Source<'_>),
) -> io::Result<(Result<(), Stopped>, usize)> {
    let mut reader = Filler::new(input, chunk);
    // Enough bytes to tell a csv from the rest (`"` + 12 digits + `","` and a BOM).
    while !reader.eof && reader.buf.len() < 20 {
        reader.read_at_least(20)?;
    }
    if !looks_like_csv(&reader.buf) {
        while !reader.eof && reader.buf.len() <= limit {
            reader.read_at_least(reader.chunk)?;
        }
        if reader.buf.len() > limit {
            return Ok((Err(Stopped::TooLong(TooLong { limit })), reader.scanned));
        }
        return Ok(match try_sources(&reader.buf) {
            Ok(sources) => {
                sources.for_each(each);
                (Ok(()), reader.scanned)
            }
            Err(error) => (Err(Stopped::Pdf(error)), reader.scanned),
        });
    }
    read_csv(&mut reader, limit, each)?;
    Ok((Ok(()), reader.scanned))
}

/// The records of a cables.csv stream: every record but the last in the buffer is known to
/// be whole (the next one has started); the last waits for more bytes, or the end.
fn read_csv(
    reader: &mut Filler<impl Read>,
    limit: usize,
    mut each: impl FnMut(Source<'_>),
) -> io::Result<()> {
    if reader.buf.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let mut rows = 0;
    loop {
        reader.scanned += reader.buf.len();
        let mut records = CsvRecords::continuing(&reader.buf, rows, reader.offset);
        let mut used = 0;
        while let Some(record) = records.next() {
            let at_end = records.position() >= reader.buf.len();
            if at_end && !reader.eof {
                break;
            }
            used = records.position();
            rows += 1;
            each(record.into_source());
        }
        reader.consume(used);
        if reader.buf.is_empty() && reader.eof {
            return Ok(());
        }
        if reader.buf.len() > limit {
            rows += 1;
            each(too_long_row(rows, reader.offset, limit));
            skip_record(reader)?;
            continue;
        }
        if reader.eof {
            // Only blank lines were left.
            return Ok(());
        }
        // Read at least as much again as is held, so a long record is rescanned a bounded
        // number of times.
        let want = reader.chunk.max(reader.buf.len());
        reader.read_at_least(want)?;
    }
}

/// Drops bytes up to the next line that opens a record (or the end).
fn skip_record(reader: &mut Filler<impl Read>) -> io::Result<()> {
    // A record's opening line is `"` + up to 12 digits + `","`: keep that much at the end
    // of the buffer in case it was cut there.
    const KEEP: usize = 17;
    loop {
        reader.scanned += reader.buf.len();
        if let Some(start) = next_record_start(&reader.buf, 1) {
            reader.consume(start);
            return Ok(());
        }
        if reader.eof {
            let all = reader.buf.len();
            reader.consume(all);
            return Ok(());
        }
        let drop = reader.buf.len().saturating_sub(KEEP);
        reader.consume(drop);
        reader.read_at_least(reader.chunk)?;
    }
}

/// What stands for a csv record that was too long to be a cable.
pub(crate) fn too_long_row(row: usize, offset: usize, limit: usize) -> Source<'static> {
    Source {
        text: Cow::Owned(String::new()),
        format: SourceFormat::CsvRow,
        metadata: Metadata::default(),
        warnings: vec![Warning::new(format!(
            "cables.csv row {row} (byte {offset} of the file): longer than {}, more than any \
             cable (a quote that never closes?); skipped to the next row",
            size(limit)
        ))],
    }
}

/// `16 MiB`, or `1000 bytes` for a limit below a MiB.
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// A buffer filled from a reader, whose front is consumed.
struct Filler<R> {
    input: R,
    buf: Vec<u8>,
    /// Offset in the input of `buf[0]`.
    offset: usize,
    eof: bool,
    /// How much to read at a time.
    chunk: usize,
    /// Bytes looked at by the record splitting, counted over every pass.
    scanned: usize,
}

impl<R: Read> Filler<R> {
    fn new(input: R, chunk: usize) -> Self {
        Filler {
            input,
            buf: Vec::new(),
            offset: 0,
            eof: false,
            chunk,
            scanned: 0,
        }
    }

    /// Reads until `more` bytes were added or the input ended.
    fn read_at_least(&mut self, more: usize) -> io::Result<()> {
        let start = self.buf.len();
        self.buf.resize(start + more, 0);
        let mut filled = start;
        let result = loop {
            if filled == self.buf.len() {
                break Ok(());
            }
            match self
                .input
                .read(self.buf.get_mut(filled..).unwrap_or_default())
            {
                Ok(0) => {
                    self.eof = true;
                    break Ok(());
                }
                Ok(read) => filled += read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => break Err(error),
            }
        };
        self.buf.truncate(filled);
        result
    }

    /// Forgets the first `count` bytes.
    fn consume(&mut self, count: usize) {
        let count = count.min(self.buf.len());
        self.buf.drain(..count);
        self.offset += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], limit: usize) -> (Vec<Source<'static>>, Result<(), Stopped>) {
        collect_from(input, limit, 64)
    }

    const ROW: &[u8] = b"\"1\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\
\"UNCLASSIFIED\",\"\",\"R 250930Z FEB 72\",\"1. SHAH\\'S REQUEST\n\"\n";

    #[test]
    fn a_stream_gives_the_same_sources_as_the_whole_file() {
        let mut csv = Vec::new();
        for n in 1..=50 {
            csv.extend_from_slice(&ROW.replace_first(b"\"1\"", format!("\"{n}\"").as_bytes()));
        }
        let whole: Vec<Source<'_>> = super::super::unwrap(&csv);
        // Read one byte at a time: every record is cut somewhere.
        for chunk in [1, 7, 100, 1 << 20] {
            let (streamed, result) = collect_from(OneByte(&csv), 1 << 20, chunk);
            assert_eq!(result, Ok(()));
            assert_eq!(streamed, whole, "read {chunk} bytes at a time");
        }
        let (streamed, result) = collect_from(&csv[..], 1 << 20, 7);
        assert_eq!(result, Ok(()));
        assert_eq!(streamed, whole);
        assert_eq!(whole.len(), 50);
    }

    #[test]
    fn plain_text_is_one_source() {
        let (sources, result) = collect(b"UNCLASSIFIED\n\n1. TEXT.\n", 1 << 20);
        assert_eq!(result, Ok(()));
        assert_eq!(
            sources.iter().map(|s| s.text.as_ref()).collect::<Vec<_>>(),
            ["UNCLASSIFIED\n\n1. TEXT.\n"]
        );
    }

    #[test]
    fn endless_input_stops_at_the_limit() {
        let zeros = io::repeat(0);
        let mut called = false;
        let result = read_sources(zeros, 1 << 16, |_| called = true);
        assert_eq!(
            result.ok(),
            Some(Err(Stopped::TooLong(TooLong { limit: 1 << 16 })))
        );
        assert!(!called);
    }

    #[test]
    fn a_row_that_never_closes_is_skipped_and_the_next_is_read() {
        let mut csv = b"\"1\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"".to_vec();
        csv.extend(std::iter::repeat_n(b'x', 5000));
        csv.extend_from_slice(b"\n");
        let second_at = csv.len();
        csv.extend_from_slice(b"\"2\",\"\",\"B\",\"\",\"\",\"\",\"H\",\"BODY\"\n");
        // Without a limit, the quote runs into row 2, which is then read again.
        let (sources, _) = collect(&csv, 1000);
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
                    None,
                    "",
                    vec![Warning::new(
                        "cables.csv row 1 (byte 0 of the file): longer than 1000 bytes, more \
                         than any cable (a quote that never closes?); skipped to the next row"
                    )]
                ),
                (Some("B"), "H\nBODY", vec![]),
            ]
        );
        assert!(second_at > 1000);
    }

    /// A reader that gives one byte per call.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), out.first_mut()) {
                (Some((&first, rest)), Some(slot)) => {
                    *slot = first;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn collect_from(
        input: impl Read,
        limit: usize,
        chunk: usize,
    ) -> (Vec<Source<'static>>, Result<(), Stopped>) {
        let mut sources = Vec::new();
        let result = read_in_chunks(input, limit, chunk, |source| {
            sources.push(Source {
                text: Cow::Owned(source.text.into_owned()),
                ..source
            })
        });
        (sources, result.map_or(Ok(()), |(result, _)| result))
    }

    /// A record whose last field never closes, `size` bytes long, then a good one.
    fn unclosed(size: usize) -> Vec<u8> {
        let mut csv = b"\"1\",\"\",\"A\",\"\",\"\",\"\",\"H\",\"".to_vec();
        for _ in 0..size / 32 {
            csv.extend_from_slice(b"TEXT OF A FIELD THAT NEVER ENDS\n");
        }
        csv.extend_from_slice(b"\"2\",\"\",\"B\",\"\",\"\",\"\",\"H\",\"BODY\"\n");
        csv
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]

        /// However long the unclosed record, and whatever the read size, the splitting looks
        /// at each byte a bounded number of times (the buffer doubles while a record grows).
        #[test]
        fn splitting_records_is_linear(size in 1usize..400_000, chunk in 1usize..5000) {
            let csv = unclosed(size);
            let mut count = 0;
            let (result, scanned) =
                read_in_chunks(&csv[..], usize::MAX, chunk, |_| count += 1).unwrap();
            proptest::prop_assert_eq!(result, Ok(()));
            proptest::prop_assert_eq!(count, 2);
            proptest::prop_assert!(
                scanned <= 4 * csv.len() + 4 * chunk,
                "scanned {} bytes of {}", scanned, csv.len()
            );
            // With a limit, the long record is skipped, also in linear work.
            let mut sources = 0;
            let (_, scanned) =
                read_in_chunks(&csv[..], 10_000, chunk, |_| sources += 1).unwrap();
            proptest::prop_assert!(scanned <= 4 * csv.len() + 4 * chunk + 40_000);
        }
    }

    trait ReplaceFirst {
        fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
    }

    impl ReplaceFirst for [u8] {
        fn replace_first(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
            match self.windows(from.len()).position(|w| w == from) {
                Some(at) => [&self[..at], to, &self[at + from.len()..]].concat(),
                None => self.to_vec(),
            }
        }
    }
}
