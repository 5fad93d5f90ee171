//! `cable-reader export`: cables written as JSON, JSON lines, Markdown or plain text,
//! through the same classification filter as the reader.

pub mod markdown;
pub mod text;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cable::json::CableJson;
use crate::cable::{Cable, ReadError};
use crate::config::date::DEFAULT_DATE_FORMAT;
use crate::config::LevelFilter;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON array of the `parse --json` objects.
    Json,
    /// One `parse --json` object per line.
    Jsonl,
    Markdown,
    /// The plain reading form.
    Text,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Json, Format::Jsonl, Format::Markdown, Format::Text];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "jsonl" | "ndjson" | "json-lines" => Ok(Format::Jsonl),
            "markdown" | "md" => Ok(Format::Markdown),
            "text" | "txt" | "plain" => Ok(Format::Text),
            _ => Err(format!(
                "unknown format `{text}`, expected one of json, jsonl, markdown, text"
            )),
        }
    }
}

/// One cable to export, and where it came from as `parse --json` names it in `"source"`
/// (the path as given).
#[derive(Debug, Clone, Copy)]
pub struct Document<'c, 'a> {
    pub cable: &'c Cable<'a>,
    pub source: &'c str,
}

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: Format,
    /// Paragraphs this hides are left out (and the summary and preamble with them, see
    /// `LevelFilter::apply`).
    pub filter: LevelFilter,
    /// For dates in Markdown and text (the config's `date_format`).
    pub date_format: String,
}

impl ExportOptions {
    pub fn new(format: Format) -> ExportOptions {
        ExportOptions {
            format,
            filter: LevelFilter::all(),
            date_format: DEFAULT_DATE_FORMAT.to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", crate::sanitize::path(path))]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
}

/// Writes `documents` in the chosen format; JSON objects are what `parse --json` prints
/// (`crate::cable::json::CableJson`), fields in the same order.
pub fn export(
    documents: &[Document<'_, '_>],
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut exporter = Exporter::new(options);
    for doc in documents {
        exporter.write(*doc, out)?;
    }
    exporter.finish(out)
}

/// Writes cables one at a time, so a large corpus streams instead of being held whole:
/// `write` each, then `finish` once (it closes the JSON array).
#[derive(Debug)]
pub struct Exporter<'o> {
    options: &'o ExportOptions,
    written: usize,
}

impl<'o> Exporter<'o> {
    pub fn new(options: &'o ExportOptions) -> Exporter<'o> {
        Exporter {
            options,
            written: 0,
        }
    }

    /// How many cables were written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    pub fn write(&mut self, doc: Document<'_, '_>, out: &mut dyn Write) -> io::Result<()> {
        let options = self.options;
        let first = self.written == 0;
        match options.format {
            Format::Json => {
                // The array's items, pretty-printed and indented as a whole-array
                // `to_writer_pretty` would.
                let shown = options.filter.apply(doc.cable);
                let object = serde_json::to_string_pretty(&CableJson::new(&shown, doc.source))
                    .map_err(io::Error::from)?;
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                let indented: Vec<String> =
                    object.lines().map(|line| format!("  {line}")).collect();
                out.write_all(indented.join("\n").as_bytes())?;
            }
            Format::Jsonl => {
                let shown = options.filter.apply(doc.cable);
                serde_json::to_writer(&mut *out, &CableJson::new(&shown, doc.source))
                    .map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
            Format::Markdown => {
                if !first {
                    out.write_all(b"\n---\n\n")?;
                }
                out.write_all(markdown::render(doc.cable, options).as_bytes())?;
            }
            Format::Text => {
                if !first {
                    out.write_all(format!("\n{}\n\n", "=".repeat(72)).as_bytes())?;
                }
                out.write_all(text::render(doc.cable, options).as_bytes())?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the output: closes the JSON array (`[]` when no cable was written).
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.options.format == Format::Json {
            out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        out.flush()
    }
}

/// What `export_paths` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Cables written.
    pub cables: usize,
    /// Files or folders that could not be read, one message each (naming the path); the
    /// others were exported. The command should exit non-zero when any.
    pub problems: Vec<String>,
    /// What was left out without being an error (FIFOs and devices inside folders).
    pub notes: Vec<String>,
    /// Files in folders that are no cables (a README), left out.
    pub skipped: usize,
}

/// `cable-reader export [-o FILE] PATH...`: reads every path (folders: every cable file
/// below, `-`: stdin), and writes its cables to `output`, atomically, or else to `stdout`.
pub fn export_paths(
    paths: &[PathBuf],
    options: &ExportOptions,
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<ExportReport, ExportError> {
    let mut report = ExportReport::default();
    let expanded = crate::corpus::walk::expand_paths(paths);
    for (path, error) in &expanded.problems {
        report.problems.push(format!(
            "{}: cannot read: {error}",
            crate::sanitize::path(path)
        ));
    }
    report.notes.extend(expanded.skipped_note());
    let mut buffer = Vec::new();
    let out: &mut dyn Write = if output.is_some() {
        &mut buffer
    } else {
        stdout
    };
    let mut exporter = Exporter::new(options);
    for path in &expanded.files {
        let refused = if is_stream(path) {
            export_stream(path, &mut exporter, out)?
        } else {
            export_file(path, &mut exporter, out)?
        };
        match refused {
            None => {}
            // A folder may hold a README: skipped, and counted.
            Some(error) if error.is_not_a_cable() && !paths.contains(path) => report.skipped += 1,
            Some(error) => report
                .problems
                .push(crate::sanitize::message(&error.to_string()).into_owned()),
        }
    }
    report.cables = exporter.written();
    exporter.finish(out)?;
    if let Some(path) = output {
        crate::atomic::write_atomic(path, &buffer).map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(report)
}

/// Whether `path` is read as it arrives (standard input, a FIFO, a device).
fn is_stream(path: &Path) -> bool {
    path.as_os_str() == "-" || std::fs::metadata(path).is_ok_and(|meta| !meta.is_file())
}

/// Exports a stream's cables as they are read, one record in memory at a time, each
/// flushed at once; says why the stream gave no (more) cables.
fn export_stream(
    path: &Path,
    exporter: &mut Exporter,
    out: &mut dyn Write,
) -> Result<Option<ReadError>, ExportError> {
    let source = path.to_string_lossy();
    let mut written = Ok(());
    let read = crate::cable::read_each(path, |cable| {
        if written.is_ok() {
            written = exporter
                .write(
                    Document {
                        cable: &cable,
                        source: &source,
                    },
                    out,
                )
                .and_then(|()| out.flush());
        }
    });
    written?;
    Ok(read.err())
}

/// Exports a regular file's cables, parsed on every core a chunk at a time and written in
/// the file's order; says why the file gave no (more) cables.
fn export_file(
    path: &Path,
    exporter: &mut Exporter,
    out: &mut dyn Write,
) -> Result<Option<ReadError>, ExportError> {
    let mut input = match crate::corpus::parallel::open_input(path) {
        Ok(input) => input,
        Err(error) => return Ok(Some(error)),
    };
    let source = path.to_string_lossy();
    let mut written = Ok(());
    let mut count = 0;
    let mut refused = None;
    let read = crate::corpus::parallel::map_in_order(
        &mut input,
        |found| {
            let mut cable = crate::cable::parse_cable(found);
            crate::cable::settle(path, found, &mut cable)?;
            Ok(cable.into_owned())
        },
        |cables| {
            for cable in cables {
                match cable {
                    Ok(cable) if written.is_ok() => {
                        count += 1;
                        written = exporter.write(
                            Document {
                                cable: &cable,
                                source: &source,
                            },
                            out,
                        );
                    }
                    Ok(_) => {}
                    Err(error) => refused = Some(error),
                }
            }
        },
    );
    written?;
    if let Err(error) = read {
        return Ok(Some(ReadError::reading(path, error)));
    }
    out.flush()?;
    // A file that gave no cable says why: a PDF without text, an empty file ...
    Ok(refused.or_else(|| {
        (count == 0)
            .then(|| crate::cable::read_path(path).err())
            .flatten()
    }))
}

/// The export as a string.
pub fn export_to_string(documents: &[Document<'_, '_>], options: &ExportOptions) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = export(documents, options, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the export to `path` atomically: an error part way leaves what was there before.
pub fn export_to_file(
    documents: &[Document<'_, '_>],
    options: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    let mut bytes = Vec::new();
    export(documents, options, &mut bytes)?;
    crate::atomic::write_atomic(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Where the filter hides paragraphs: for each run of hidden ones, how many shown
/// paragraphs come before it and its note (`2 paragraphs hidden: S`).
pub(crate) fn hidden_notes(cable: &Cable<'_>, filter: &LevelFilter) -> Vec<(usize, String)> {
    let mut notes = Vec::new();
    let mut shown = 0;
    let mut run: Vec<Option<crate::cable::Level>> = Vec::new();
    for paragraph in &cable.paragraphs {
        if filter.allows_paragraph(paragraph) {
            if !run.is_empty() {
                notes.push((shown, crate::plain::hidden_note(&run)));
                run.clear();
            }
            shown += 1;
        } else {
            run.push(paragraph.level);
        }
    }
    if !run.is_empty() {
        notes.push((shown, crate::plain::hidden_note(&run)));
    }
    notes
}

/// `Filter C+: 3 of 12 paragraphs hidden.`, or `None` when nothing is hidden.
pub(crate) fn filter_note(
    cable: &Cable<'_>,
    shown: &Cable<'_>,
    filter: &LevelFilter,
) -> Option<String> {
    let hidden = cable
        .paragraphs
        .len()
        .saturating_sub(shown.paragraphs.len());
    (hidden > 0).then(|| {
        format!(
            "Filter {filter}: {hidden} of {} paragraph{} hidden.",
            cable.paragraphs.len(),
            if cable.paragraphs.len() == 1 { "" } else { "s" }
        )
    })
}
