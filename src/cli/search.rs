//! `cable-reader search [--json] [--all | -n N] [--limit EXPR] QUERY PATH...`: the hits of
//! a query over a collection, best first, like grep (exit status 1 when nothing matches).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::corpus::limit::parse_limit;
use crate::corpus::query::parse_query;
use crate::corpus::search::index::Progress;
use crate::corpus::search::{prepare, search_within, Hit};
use crate::sanitize::{clean, one_line};

use crate::corpus::walk::expand_paths;

/// How many hits are printed without `--all` or `-n`.
pub const DEFAULT_HITS: usize = 20;

/// Arguments of `search`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Print one JSON object per hit per line.
    #[arg(long)]
    pub json: bool,
    /// Print every hit, not only the best 20.
    #[arg(long, conflicts_with = "count")]
    pub all: bool,
    /// Print the best N hits.
    #[arg(short = 'n', value_name = "N", id = "count")]
    pub count: Option<usize>,
    /// Only cables within this limit (the limit language, e.g. `~c S ~o Mexico`).
    #[arg(long, value_name = "EXPR")]
    pub limit: Option<String>,
    /// Words (all must occur), "a phrase", -word, a OR b, prefix*.
    pub query: String,
    /// Cable files or folders (every cable file inside, recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// One hit as JSON.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: Option<&'a str>,
    score: f32,
    date: Option<String>,
    classification: Option<&'a str>,
    origin: Option<&'a str>,
    subject: Option<String>,
    snippet: String,
}

/// Runs the search and prints the hits; 0 when something matched, 1 when nothing did, 2
/// for a query or files that cannot be read.
pub fn run(args: &SearchArgs) -> ExitCode {
    let query = match parse_query(&args.query) {
        Ok(query) => query,
        Err(error) => {
            eprintln!("cable-reader: query: {error}");
            return ExitCode::from(2);
        }
    };
    // The limit terms of the query and --limit must both hold.
    let limit_text = match &args.limit {
        Some(limit) if query.limit.is_empty() => limit.clone(),
        Some(limit) => format!("({limit}) {}", query.limit.join(" ")),
        None => query.limit.join(" "),
    };
    let within = match parse_limit(&limit_text) {
        Ok(within) => within,
        Err(error) => {
            eprintln!("cable-reader: limit `{limit_text}`: {error}");
            return ExitCode::from(2);
        }
    };
    if !query.has_words() {
        eprintln!("cable-reader: query: give at least one word, phrase or prefix to look for");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let expanded = expand_paths(&args.paths);
    for (path, error) in &expanded.problems {
        crate::cli::output::warn(format_args!(
            "{}: cannot read: {error}",
            crate::sanitize::path(path)
        ));
        failed = true;
    }
    if let Some(note) = expanded.skipped_note() {
        crate::cli::output::warn(note);
    }
    let files = expanded.files;
    if files.iter().any(|path| path.as_os_str() == "-") {
        eprintln!("cable-reader: search reads files and folders, not standard input");
        return ExitCode::from(2);
    }
    let show_progress = io::stderr().is_terminal();
    let prepared = prepare(
        &files,
        crate::corpus::cache::default_dir().as_deref(),
        |progress| {
            if show_progress {
                report_progress(progress);
            }
        },
    );
    if show_progress && prepared.built {
        eprintln!();
    }
    for message in &prepared.messages {
        eprintln!("cable-reader: {message}");
    }
    let limit = if args.all {
        None
    } else {
        Some(args.count.unwrap_or(DEFAULT_HITS))
    };
    let found = match search_within(&prepared, &query, &within, limit) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("cable-reader: search: {error}");
            return ExitCode::from(2);
        }
    };
    for problem in &found.problems {
        eprintln!("cable-reader: {problem}");
    }
    let stdout = io::stdout();
    let highlight = stdout.is_terminal() && !args.json;
    let mut out = io::BufWriter::new(stdout.lock());
    let mut written = Ok(());
    for hit in &found.hits {
        if written.is_ok() {
            written = if args.json {
                write_json(&mut out, hit)
            } else {
                write_line(&mut out, hit, highlight)
            };
        }
    }
    let written = written.and_then(|()| out.flush());
    if let Err(error) = written {
        if error.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("cable-reader: writing: {error}");
            return ExitCode::from(2);
        }
    }
    if found.hits.len() < found.count {
        eprintln!(
            "cable-reader: {} of {} hits shown (--all for every one)",
            found.hits.len(),
            found.count
        );
    }
    match (found.count, failed) {
        (0, _) => ExitCode::FAILURE,
        (_, true) => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    }
}

fn report_progress(progress: Progress) {
    let percent = (progress.bytes_done * 100)
        .checked_div(progress.bytes_total)
        .unwrap_or(100);
    eprint!(
        "\rcable-reader: building the search index: {percent}% ({} cables)",
        progress.cables
    );
}

/// `id<TAB>date<TAB>classification<TAB>origin<TAB>subject<TAB>snippet`, cleaned; the
/// snippet's words in bold when the output is a terminal.
fn write_line(out: &mut impl Write, hit: &Hit, highlight: bool) -> io::Result<()> {
    let field = |value: Option<&str>| value.map_or_else(|| "-".to_owned(), one_line);
    let snippet = if highlight {
        // Cleaned before the marks go in, so only our own escapes reach the terminal.
        let cleaned = crate::corpus::search::snippet::Snippet {
            text: clean(&hit.snippet.text).into_owned(),
            marks: hit.snippet.marks.clone(),
        };
        if cleaned.text == hit.snippet.text {
            cleaned.marked("\x1b[1;7m", "\x1b[0m")
        } else {
            cleaned.text
        }
    } else {
        clean(&hit.snippet.text).into_owned()
    };
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}",
        field(hit.id.as_deref()),
        hit.date.map_or_else(
            || "-".to_owned(),
            |date| crate::plain::short_date_time(&date)
        ),
        field(hit.classification.as_deref()),
        field(hit.origin.as_deref()),
        field(hit.subject.as_deref()),
        snippet
    )
}

fn write_json(out: &mut impl Write, hit: &Hit) -> io::Result<()> {
    let row = JsonHit {
        id: hit.id.as_deref(),
        score: hit.score,
        date: hit.date.map(|date| date.to_string()),
        classification: hit.classification.as_deref(),
        origin: hit.origin.as_deref(),
        subject: hit.subject.as_deref().map(one_line),
        snippet: hit.snippet.text.clone(),
    };
    let line = serde_json::to_string(&row).map_err(io::Error::other)?;
    writeln!(out, "{line}")
}
