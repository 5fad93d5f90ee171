//! `cable-reader parse [--json] PATH...`: print each cable's model.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cable::{self, json, Cable, Level, ReadError};
use crate::corpus::walk::expand_paths;
use crate::sanitize::{self, one_line};

use super::output::{warn, write_failed};
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
/// stderr and make the exit status non-zero, after the others are printed. Output that
/// cannot be written (a full disk) is reported and fails the command; a closed pipe ends it
/// quietly.
pub fn run(args: &ParseArgs) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut skipped = 0;
    let expanded = expand_paths(&args.paths);
    for (path, error) in &expanded.problems {
        warn(format_args!(
            "{}: cannot read: {error}",
            sanitize::path(path)
        ));
        failed = true;
    }
    if let Some(note) = expanded.skipped_note() {
        warn(note);
    }
    for path in &expanded.files {
        // What was parsed so far is shown before a stream that may keep us waiting.
        if let Err(error) = out.flush() {
            return write_failed(&error);
        }
        let read = if is_stream(path) {
            parse_stream(args.json, &mut out, path)
        } else {
            parse_file(args.json, &mut out, path)
        };
        match read {
            Err(error) => return write_failed(&error),
            Ok(None) => {}
            // A folder may hold a README: skipped, and counted below.
            Ok(Some(error)) if error.is_not_a_cable() && !args.paths.contains(path) => skipped += 1,
            Ok(Some(error)) => {
                if let Err(error) = out.flush() {
                    return write_failed(&error);
                }
                warn(error);
                failed = true;
            }
        }
    }
    if let Err(error) = out.flush() {
        return write_failed(&error);
    }
    if skipped > 0 {
        warn(format_args!(
            "skipped {skipped} file(s) in folders that are no cables"
        ));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints the cables of a stream (standard input, a FIFO, a device) one at a time as they
/// are read, each flushed at once, so a stream never holds back what came before it.
/// `Err` is a failed write; `Ok(Some)` why the input gave no (more) cables.
fn parse_stream(
    json: bool,
    out: &mut impl Write,
    path: &Path,
) -> std::io::Result<Option<ReadError>> {
    let name = source_name(path);
    let mut written = Ok(());
    let read = cable::read_each(path, |cable| {
        if written.is_ok() {
            written = write_cable(out, json, &cable, path, &name).and_then(|()| out.flush());
        }
    });
    written?;
    Ok(read.err())
}

/// Prints the cables of a regular file, parsed on every core a chunk at a time and printed
/// in the file's order, so a multi-gigabyte cables.csv needs only a chunk's worth of
/// memory. `Err` is a failed write; `Ok(Some)` why the file gave no (more) cables.
fn parse_file(json: bool, out: &mut impl Write, path: &Path) -> std::io::Result<Option<ReadError>> {
    let mut input = match open_input(path) {
        Ok(input) => input,
        Err(error) => return Ok(Some(error)),
    };
    let name = source_name(path);
    let mut written = Ok(());
    let mut cables = 0;
    let mut refused = None;
    let read = map_in_order(
        &mut input,
        |source| {
            let mut cable = cable::parse_cable(source);
            cable::settle(path, source, &mut cable)?;
            let mut text = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = write_cable(&mut text, json, &cable, path, &name);
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
    written?;
    if let Err(source) = read {
        return Ok(Some(ReadError::reading(path, source)));
    }
    // A file that gave no cable says why: a PDF without text, an empty file ...
    Ok(refused.or_else(|| {
        (cables == 0)
            .then(|| cable::read_path(path).err())
            .flatten()
    }))
}

/// One cable as a JSON line or a summary.
fn write_cable(
    out: &mut impl Write,
    json: bool,
    cable: &Cable<'_>,
    path: &Path,
    name: &str,
) -> std::io::Result<()> {
    if json {
        // With the key the saved state and `list --json` know the cable by.
        let key = crate::corpus::key::cable_key(cable).to_string();
        let json = json::CableJson::new(cable, name).with_key(key);
        serde_json::to_writer(&mut *out, &json).map_err(std::io::Error::other)?;
        writeln!(out)
    } else {
        write_summary(out, cable, path)
    }
}

/// Whether `path` is read as it arrives (standard input, a FIFO, a device), so each cable
/// is shown at once rather than when the output buffer fills.
fn is_stream(path: &Path) -> bool {
    path.as_os_str() == "-" || std::fs::metadata(path).is_ok_and(|meta| !meta.is_file())
}

/// The path as given, exactly: JSON escapes whatever it holds.
fn source_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A few readable lines per cable; every piece of text from the file, and its name, made
/// safe for a terminal (see [`crate::sanitize`]).
pub fn write_summary(out: &mut impl Write, cable: &Cable<'_>, path: &Path) -> std::io::Result<()> {
    let unknown = "?";
    writeln!(
        out,
        "{}  {}  {}  {}",
        cable
            .id
            .as_deref()
            .map_or_else(|| unknown.to_owned(), one_line),
        cable
            .date
            .map_or_else(|| unknown.to_owned(), |d| d.to_string()),
        cable
            .classification
            .display_name()
            .map_or_else(|| unknown.to_owned(), |name| one_line(&name)),
        cable
            .origin
            .as_deref()
            .map_or_else(|| unknown.to_owned(), one_line),
    )?;
    writeln!(out, "  file: {}", sanitize::path(path))?;
    if let Some(subject) = &cable.subject {
        writeln!(out, "  subject: {}", one_line(subject))?;
    }
    if !cable.tags.is_empty() {
        let tags: Vec<String> = cable.tags.iter().map(|tag| one_line(tag)).collect();
        writeln!(out, "  tags: {}", tags.join(" "))?;
    }
    let references: Vec<String> = cable
        .references
        .iter()
        .map(|r| one_line(r.id.as_deref().unwrap_or(&r.written)))
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
    let paragraphs = match cable.paragraphs.len() {
        0 => "no paragraphs".to_owned(),
        1 => format!("1 paragraph ({breakdown})"),
        n => format!("{n} paragraphs ({breakdown})"),
    };
    writeln!(
        out,
        "  {paragraphs}, {} section{}{}",
        cable.sections,
        if cable.sections == 1 { "" } else { "s" },
        cable
            .signature
            .as_deref()
            .map(|s| format!(", signed {}", one_line(s)))
            .unwrap_or_default()
    )?;
    for warning in &cable.warnings {
        writeln!(out, "  warning: {}", one_line(&warning.to_string()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{parse_cable, sources};

    fn summary_of(text: &str) -> String {
        let source = sources(text.as_bytes()).next().expect("one cable");
        let cable = parse_cable(&source);
        let mut out = Vec::new();
        write_summary(&mut out, &cable, Path::new("x.txt")).expect("written to a Vec");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn counts_are_said_in_words_with_their_plural() {
        let one =
            summary_of("CONFIDENTIAL\nSUBJECT: ONE PARAGRAPH\n\n1. (C) Only this.\n\nSMITH\n");
        assert!(
            one.contains("  1 paragraph (C 1), 1 section, signed SMITH\n"),
            "{one}"
        );
        let none = summary_of("CONFIDENTIAL\nSUBJECT: HEADER ONLY\n");
        assert!(none.contains("  no paragraphs, 1 section\n"), "{none}");
    }
}
