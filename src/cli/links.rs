//! `cable-reader links [--json] ID PATH...`: the references of a cable, each looked up in
//! the collection, and the cables that cite it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::corpus::links::{canonical_id, Links};
use crate::corpus::open::{open, Options};
use crate::corpus::summary::Summary;
use crate::sanitize::one_line;

/// Arguments of `links`.
#[derive(Debug, Clone, clap::Args)]
pub struct LinksArgs {
    /// Print one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
    /// The cable's id, e.g. 07MADRID210 (any case).
    pub id: String,
    /// Cable files or folders (every cable file inside, recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Serialize)]
struct JsonLinks<'a> {
    id: &'a str,
    references: Vec<JsonCable<'a>>,
    cited_by: Vec<JsonCable<'a>>,
}

#[derive(Serialize)]
struct JsonCable<'a> {
    id: &'a str,
    found: bool,
    date: Option<String>,
    subject: Option<String>,
}

/// Prints the links of the cable; exit status 1 when the collection does not hold it.
pub fn run(args: &LinksArgs) -> ExitCode {
    // Summary rows from the cache when it matches, so a second look is quick.
    let options = Options {
        cache_dir: crate::corpus::cache::default_dir(),
    };
    let opened = open(&args.paths, &options, |_| {});
    for message in &opened.messages {
        eprintln!("cable-reader: {message}");
    }
    let failed = !opened.messages.is_empty() && opened.corpus.is_empty();
    let summaries = opened.corpus.summaries;
    let links = Links::build(&summaries);
    let id = canonical_id(&args.id);
    let Some(row) = links.find(&id) else {
        eprintln!("cable-reader: {id} is not in the collection");
        return ExitCode::FAILURE;
    };
    fn describe<'s>(
        summaries: &'s [Summary],
        cited: &'s str,
        found: Option<usize>,
    ) -> JsonCable<'s> {
        let summary = found.and_then(|row| summaries.get(row));
        JsonCable {
            id: cited,
            found: summary.is_some(),
            date: summary
                .and_then(Summary::datetime)
                .map(|date| date.to_string()),
            subject: summary.and_then(|s| s.subject.as_deref()).map(one_line),
        }
    }
    let references = links.references(&summaries, row);
    let mut citing_ids: Vec<&str> = Vec::new();
    let cited_by: Vec<JsonCable<'_>> = links
        .cited_by(&id)
        .iter()
        .filter_map(|&row| {
            let citing = summaries.get(row as usize)?.id.as_deref()?;
            // Copies of one cable in several files cite once.
            if citing_ids.contains(&citing) {
                return None;
            }
            citing_ids.push(citing);
            Some(describe(&summaries, citing, Some(row as usize)))
        })
        .collect();
    let listing = JsonLinks {
        id: &id,
        references: references
            .iter()
            .map(|link| describe(&summaries, &link.id, link.found))
            .collect(),
        cited_by,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.json {
        serde_json::to_string(&listing)
            .map_err(io::Error::other)
            .and_then(|line| writeln!(out, "{line}"))
    } else {
        write_lines(&mut out, &listing)
    }
    .and_then(|()| out.flush());
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("cable-reader: writing: {error}");
            ExitCode::from(2)
        }
        _ if failed => ExitCode::from(2),
        _ => ExitCode::SUCCESS,
    }
}

fn write_lines(out: &mut impl Write, listing: &JsonLinks<'_>) -> io::Result<()> {
    let line = |out: &mut dyn Write, cable: &JsonCable<'_>| -> io::Result<()> {
        if cable.found {
            writeln!(
                out,
                "  {}\tfound\t{}\t{}",
                one_line(cable.id),
                cable.date.as_deref().unwrap_or("-"),
                cable.subject.as_deref().unwrap_or("-")
            )
        } else {
            writeln!(out, "  {}\tnot in the collection", one_line(cable.id))
        }
    };
    writeln!(
        out,
        "{} references {}:",
        listing.id,
        listing.references.len()
    )?;
    for cable in &listing.references {
        line(out, cable)?;
    }
    writeln!(
        out,
        "{} is cited by {}:",
        listing.id,
        listing.cited_by.len()
    )?;
    for cable in &listing.cited_by {
        line(out, cable)?;
    }
    Ok(())
}
