//! `cable-reader list [--json] [--limit EXPR] [--sort KEY] [--reverse] PATH...`: one row
//! per cable from the summaries (headers only, cached), limited and sorted like the
//! reader's list.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::cable::Level;
use crate::config::CorpusSettings;
use crate::corpus::cache;
use crate::corpus::keys::fill_keys;
use crate::corpus::limit::parse_limit;
use crate::corpus::open::{open, Options};
use crate::corpus::sort::{SortIndex, SortKey};
use crate::corpus::summary::{DatePrecision, Summary};
use crate::sanitize::one_line;

/// Arguments of `list`.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// One JSON object per cable per line (the summary, named as in `parse --json`).
    #[arg(long)]
    pub json: bool,
    /// Only cables within this limit, e.g. `~c S ~o Mexico ~d 2009-01..2009-06`
    /// (default: the config's `[corpus] limit`).
    #[arg(long, value_name = "EXPR")]
    pub limit: Option<String>,
    /// source, date, id, origin, classification or subject (default: the config's, else
    /// source).
    #[arg(long, value_name = "KEY")]
    pub sort: Option<SortKey>,
    /// Reverse the order (as does `reverse = true` in the config).
    #[arg(long)]
    pub reverse: bool,
    /// Neither read nor write the summary cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Cable files or folders (every cable file inside, recursively); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// A summary row as JSON: the names `parse --json` uses, plus what only a row has.
#[derive(Debug, Serialize)]
struct RowJson<'a> {
    source: &'a str,
    id: Option<&'a str>,
    /// The key the saved state knows the cable by, `ID#HASH`, as `parse --json` writes it.
    key: Option<String>,
    date: Option<String>,
    date_precision: DatePrecision,
    level: Option<Level>,
    classification: Option<&'a str>,
    caveats: &'a [String],
    origin: Option<&'a str>,
    subject: Option<&'a str>,
    tags: &'a [String],
    references: &'a [String],
    sections: u32,
    warning_count: u32,
}

pub fn run(args: &ListArgs, settings: &CorpusSettings) -> ExitCode {
    let limit_text = args.limit.as_deref().unwrap_or(&settings.limit);
    let limit = match parse_limit(limit_text) {
        Ok(limit) => limit,
        Err(error) => {
            eprintln!("cable-reader: --limit: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options {
        cache_dir: if args.no_cache {
            None
        } else {
            settings.cache_dir.clone().or_else(cache::default_dir)
        },
    };
    let sort = args.sort.unwrap_or(settings.sort);
    let reverse = args.reverse || settings.reverse;
    let mut opened = open(&args.paths, &options, |_| {});
    if args.json {
        // The keys need every body parsed (the cache keeps them for the next time).
        let pass = fill_keys(&mut opened.corpus, &options, |_| {});
        opened.messages.extend(pass.messages);
    }
    for message in &opened.messages {
        eprintln!("cable-reader: {}", one_line(message));
    }
    let corpus = &opened.corpus;
    let mut rows: Vec<u32> = corpus
        .summaries
        .iter()
        .enumerate()
        .filter(|(_, row)| limit.matches(row))
        .filter_map(|(index, _)| u32::try_from(index).ok())
        .collect();
    if sort != SortKey::Source || reverse {
        SortIndex::new(&corpus.summaries).sort(&mut rows, sort, reverse);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for index in rows {
        let Some(row) = corpus.summaries.get(index as usize) else {
            continue;
        };
        let source = corpus
            .source_of(index as usize)
            .map_or("", |source| source.name.as_str());
        let written = if args.json {
            write_json(&mut out, row, source)
        } else {
            write_row(&mut out, row)
        };
        if written.is_err() {
            // Output closed (piped into `head`): stop quietly.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    // As `parse`: a file that could not be read, or nothing at all that is a cable.
    if opened.failed > 0 || corpus.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_json(out: &mut impl Write, row: &Summary, source: &str) -> std::io::Result<()> {
    let json = RowJson {
        source,
        id: row.id.as_deref(),
        key: row.key().map(|key| key.to_string()),
        date: row.datetime().map(|date| date.to_string()),
        date_precision: row.precision,
        level: row.level,
        classification: row.classification.as_deref(),
        caveats: &row.caveats,
        origin: row.origin.as_deref(),
        subject: row.subject.as_deref(),
        tags: &row.tags,
        references: &row.references,
        sections: row.sections,
        warning_count: row.warnings,
    };
    serde_json::to_writer(&mut *out, &json).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `09STATE15113  2009-02-17  SECRET//NOFORN  Secretary of State  SUBJECT`, cleaned of
/// control characters (text from files never reaches the terminal raw).
fn write_row(out: &mut impl Write, row: &Summary) -> std::io::Result<()> {
    let unknown = "?";
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| unknown.to_owned(), one_line)
    };
    writeln!(
        out,
        "{}  {}  {}  {}  {}",
        text(&row.id),
        row.datetime()
            .map_or_else(|| unknown.to_owned(), |date| date.date().to_string()),
        text(&row.classification),
        text(&row.origin),
        text(&row.subject),
    )
}
