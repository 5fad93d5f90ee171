//! `cable-reader parse [--json] PATH...`: print each cable's model.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cable::{self, json, Cable, Level};

use super::files::expand_paths;
use crate::corpus::parallel::{map_in_order, open_input};

/// Arguments of `parse`.
#[derive(Debug, Clone, clap::Args)]
pub struct ParseArgs {
    /// Print one JSON object per cable per line instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// Cable files or folders (every cable file inside, recursively); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Parses every path and prints the result; files that cannot be read are reported on
/// stderr and make the exit status non-zero, after the others are printed.
pub fn run(args: &ParseArgs) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut skipped = 0;
    let files = expand_paths(&args.paths, |path, error| {
        eprintln!(
            "cable-reader: {}: cannot read folder: {error}",
            path.display()
        );
        failed = true;
    });
    for path in files {
        let mut input = match open_input(&path) {
            Ok(input) => input,
            Err(error) => {
                let _ = out.flush();
                eprintln!("cable-reader: {error}");
                failed = true;
                continue;
            }
        };
        // Cables are parsed on every core a chunk at a time and printed in the file's
        // order, so a multi-gigabyte cables.csv needs only a chunk's worth of memory.
        let name = source_name(&path);
        let mut written = Ok(());
        let mut cables = 0;
        let mut refused = None;
        let read = map_in_order(
            &mut input,
            |source| {
                let mut cable = cable::parse_cable(source);
                cable::settle(&path, source, &mut cable)?;
                let mut text = Vec::new();
                let _ = if args.json {
                    writeln!(text, "{}", json::to_json_line(&cable, &name))
                } else {
                    write_summary(&mut text, &cable, &path)
                };
                Ok(text)
            },
            |texts| {
                for text in texts {
                    match text {
                        Ok(text) if written.is_ok() => {
                            cables += 1;
                            written = out.write_all(&text);
                        }
                        Ok(_) => {}
                        Err(error) => refused = Some(error),
                    }
                }
            },
        );
        if written.is_err() {
            // Output closed (e.g. piped into `head`): stop quietly.
            return ExitCode::SUCCESS;
        }
        // A file that gave no cable says why: a PDF without text, an empty file ...
        let refused = refused.or_else(|| {
            (cables == 0 && read.is_ok())
                .then(|| cable::read_path(&path).err())
                .flatten()
        });
        match refused {
            // A folder may hold a README: skipped, and counted below.
            Some(error) if error.is_not_a_cable() && !args.paths.contains(&path) => skipped += 1,
            Some(error) => {
                let _ = out.flush();
                eprintln!("cable-reader: {error}");
                failed = true;
            }
            None => {}
        }
        if let Err(source) = read {
            let _ = out.flush();
            eprintln!(
                "cable-reader: {}",
                cable::ReadError::Io {
                    path: path.clone(),
                    source
                }
            );
            failed = true;
        }
    }
    let _ = out.flush();
    if skipped > 0 {
        eprintln!("cable-reader: skipped {skipped} file(s) in folders that are no cables");
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn source_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A few readable lines per cable.
pub fn write_summary(out: &mut impl Write, cable: &Cable<'_>, path: &Path) -> std::io::Result<()> {
    let unknown = "?";
    writeln!(
        out,
        "{}  {}  {}  {}",
        cable.id.as_deref().unwrap_or(unknown),
        cable
            .date
            .map_or_else(|| unknown.to_owned(), |d| d.to_string()),
        cable
            .classification
            .display_name()
            .unwrap_or_else(|| unknown.to_owned()),
        cable.origin.as_deref().unwrap_or(unknown),
    )?;
    writeln!(out, "  file: {}", path.display())?;
    if let Some(subject) = &cable.subject {
        writeln!(out, "  subject: {subject}")?;
    }
    if !cable.tags.is_empty() {
        writeln!(out, "  tags: {}", cable.tags.join(" "))?;
    }
    let references: Vec<&str> = cable
        .references
        .iter()
        .map(|r| r.id.as_deref().unwrap_or(&r.written))
        .collect();
    if !references.is_empty() {
        writeln!(out, "  references: {}", references.join(", "))?;
    }
    let counts = cable.level_counts();
    let per_level: Vec<String> = Level::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(level, count)| format!("{level} {count}"))
        .collect();
    let unmarked = cable
        .paragraphs
        .iter()
        .filter(|p| p.level.is_none())
        .count();
    let mut breakdown = per_level.join(" · ");
    if unmarked > 0 {
        if !breakdown.is_empty() {
            breakdown.push_str(" · ");
        }
        breakdown.push_str(&format!("unmarked {unmarked}"));
    }
    writeln!(
        out,
        "  {} paragraph(s) ({breakdown}), {} section(s){}",
        cable.paragraphs.len(),
        cable.sections,
        cable
            .signature
            .as_deref()
            .map(|s| format!(", signed {s}"))
            .unwrap_or_default()
    )?;
    for warning in &cable.warnings {
        writeln!(out, "  warning: {warning}")?;
    }
    Ok(())
}
