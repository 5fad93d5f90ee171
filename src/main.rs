use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cable_reader::cli::parse::ParseArgs;

/// Read US diplomatic cables as published: WikiLeaks pages, text dumps, cables.csv, reposts.
#[derive(Debug, Parser)]
#[command(name = "cable-reader", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
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
        None => cable_reader::cli::parse::run(&ParseArgs {
            json: false,
            paths: vec![std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/samples"
            ))],
        }),
    }
}
