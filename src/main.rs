use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cable_reader::app::load::{load, samples_dir};
use cable_reader::app::App;
use cable_reader::cli::parse::ParseArgs;
use cable_reader::ui::Theme;

/// Read US diplomatic cables as published: WikiLeaks pages, text dumps, cables.csv, reposts.
///
/// With a terminal, opens a full-screen reader (press ? for keys). With stdout piped,
/// prints each cable as clean text.
#[derive(Debug, Parser)]
#[command(name = "cable-reader", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Cable files or folders of them; `-` reads standard input. Default: the bundled samples.
    paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse cables and print their model (a summary, or JSON lines with --json).
    Parse(ParseArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Parse(args)) => cable_reader::cli::parse::run(&args),
        None => read(cli.paths),
    }
}

fn read(paths: Vec<PathBuf>) -> ExitCode {
    let paths = if paths.is_empty() {
        match samples_dir() {
            Some(samples) => vec![samples],
            None => {
                eprintln!("cable-reader: no samples/ folder here; name a cable file or folder (or - for standard input)");
                return ExitCode::from(2);
            }
        }
    } else {
        paths
    };
    let entries = load(&paths);
    for entry in &entries {
        if let Err(error) = &entry.content {
            eprintln!("cable-reader: {}: {error}", entry.name);
        }
    }
    if !entries.iter().any(|entry| entry.content.is_ok()) {
        return ExitCode::FAILURE;
    }
    if !io::stdout().is_terminal() {
        return print_plain(&entries);
    }
    let mut app = App::new(entries);
    match cable_reader::terminal::run(&mut app, &Theme::from_env()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cable-reader: terminal: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_plain(entries: &[cable_reader::app::state::Entry]) -> ExitCode {
    let cables = entries
        .iter()
        .filter_map(|entry| entry.content.as_ref().ok())
        .map(|loaded| &loaded.cable);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cable_reader::plain::write_all_plain(cables, &mut out).and_then(|()| out.flush());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head`) is not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cable-reader: writing: {error}");
            ExitCode::FAILURE
        }
    }
}
