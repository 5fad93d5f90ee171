use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand};

use cable_reader::app::keymap::Keymap;
use cable_reader::app::load::samples_dir;
use cable_reader::app::state::{Settings, Setup};
use cable_reader::app::App;
use cable_reader::cable::Level;
use cable_reader::cli::list::ListArgs;
use cable_reader::cli::output::{self, warn};
use cable_reader::cli::parse::ParseArgs;
use cable_reader::config::{self, filter, ConfigCommand, Environment, LevelFilter};
use cable_reader::export::{export_paths, ExportError, ExportOptions, Format};
use cable_reader::state::Store;
use cable_reader::ui::Theme;

/// Read US diplomatic cables as published: WikiLeaks pages, text dumps, cables.csv, reposts,
/// PDFs.
///
/// With a terminal, opens a full-screen reader (press ? for keys). With stdout piped,
/// prints each cable as clean text.
#[derive(Debug, Parser)]
#[command(name = "cable-reader", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Cable files or folders of them; `-` reads standard input. Default: the bundled samples.
    paths: Vec<PathBuf>,
    /// Use this config file instead of the usual place (see `config path`).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse cables and print their model (a summary, or JSON lines with --json).
    Parse(ParseArgs),
    /// List cables one per line from their headers (cached): limit with the limit language,
    /// sort, or print JSON lines.
    List(ListArgs),
    /// Write cables as JSON, JSON lines, Markdown or text, through a classification filter.
    Export(ExportArgs),
    /// Search a collection: hits best first (an index is built in the cache dir).
    Search(cable_reader::cli::search::SearchArgs),
    /// A cable's references, looked up in the collection, and the cables citing it.
    Links(cable_reader::cli::links::LinksArgs),
    /// The config file: where it is, a commented default, or a check.
    #[command(subcommand)]
    Config(ConfigAction),
    /// Print a shell completion script (see the README for where to put it).
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `cable-reader man > cable-reader.1`.
    Man,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// json (an array of `parse --json` objects), jsonl, markdown or text.
    #[arg(long, value_parser = parse_format)]
    format: Format,
    /// Only paragraphs of this level and above (U, SBU, C, S, TS).
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    min_level: Option<Level>,
    /// Only paragraphs of these levels, e.g. `C,S,TS`.
    #[arg(long, value_name = "LEVELS", value_parser = parse_levels)]
    levels: Option<Vec<Level>>,
    /// Leave out paragraphs that carry no marking.
    #[arg(long)]
    no_unmarked: bool,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Cable files or folders; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum ConfigAction {
    /// Print the path of the config file in use.
    Path,
    /// Write a commented default config there.
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Check the config file; exits non-zero on any problem.
    Check,
}

/// Writes generated text to standard output; a reader that stopped early is no error.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    let mut out = io::stdout();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cable-reader: writing: {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse()
}

fn parse_level(text: &str) -> Result<Level, String> {
    Level::from_abbreviation(text)
        .ok_or_else(|| format!("`{text}` is no level: U, SBU, C, S or TS"))
}

fn parse_levels(text: &str) -> Result<Vec<Level>, String> {
    filter::parse_levels(text)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let env = Environment::system();
    let config_flag = cli.config.as_deref();
    match cli.command {
        Some(Command::Parse(args)) => cable_reader::cli::parse::run(&args),
        Some(Command::List(args)) => list(&args, config_flag, &env),
        Some(Command::Export(args)) => export(&args, config_flag, &env),
        Some(Command::Search(args)) => cable_reader::cli::search::run(&args),
        Some(Command::Links(args)) => cable_reader::cli::links::run(&args),
        Some(Command::Config(action)) => config_command(action, config_flag, &env),
        Some(Command::Completions { shell }) => {
            // Into memory first: clap_complete panics when it cannot write (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cable-reader", &mut script);
            print_bytes(&script)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            // Rendering into memory cannot fail.
            let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
            print_bytes(&page)
        }
        None => read(cli.paths, config_flag, &env),
    }
}

/// Reads the config file, or says what is wrong with it (naming the file, line and column).
fn load_config(
    flag: Option<&Path>,
    env: &Environment,
    keymap: &Keymap,
) -> Result<config::Config, String> {
    let location = config::config_location(flag, env).map_err(|error| error.to_string())?;
    config::load_config(&location, &keymap.action_specs()).map_err(|error| error.to_string())
}

fn config_command(action: ConfigAction, flag: Option<&Path>, env: &Environment) -> ExitCode {
    let command = match action {
        ConfigAction::Path => ConfigCommand::Path,
        ConfigAction::Init { force } => ConfigCommand::Init { force },
        ConfigAction::Check => ConfigCommand::Check,
    };
    let keymap = Keymap::default();
    match config::run_config_command(command, flag, env, &keymap.action_specs()) {
        Ok(text) => match output::print(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(status) => status,
        },
        Err(error) => {
            warn(error);
            ExitCode::FAILURE
        }
    }
}

/// `list` with the config's `[corpus]` defaults under the command line's options.
fn list(args: &ListArgs, flag: Option<&Path>, env: &Environment) -> ExitCode {
    match load_config(flag, env, &Keymap::default()) {
        Ok(config) => cable_reader::cli::list::run(args, &config.corpus),
        Err(error) => {
            eprintln!("cable-reader: {error}");
            ExitCode::from(2)
        }
    }
}

fn export(args: &ExportArgs, flag: Option<&Path>, env: &Environment) -> ExitCode {
    let config = match load_config(flag, env, &Keymap::default()) {
        Ok(config) => config,
        Err(error) => {
            warn(error);
            return ExitCode::from(2);
        }
    };
    // The command line narrows the config's default filter; without options it applies.
    let filter = if args.levels.is_none() && args.min_level.is_none() && !args.no_unmarked {
        config.filter
    } else {
        LevelFilter::from_parts(args.levels.as_deref(), args.min_level, !args.no_unmarked)
    };
    let options = ExportOptions {
        format: args.format,
        filter,
        date_format: config.date_format.clone(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = export_paths(&args.paths, &options, args.output.as_deref(), &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        (Err(ExportError::Io(error)), _) | (Ok(_), Err(error)) => output::write_failed(&error),
        (Ok(report), Ok(())) => {
            for note in &report.notes {
                warn(note);
            }
            for problem in &report.problems {
                warn(problem);
            }
            if report.skipped > 0 {
                let skipped = report.skipped;
                warn(format_args!(
                    "skipped {skipped} file(s) in folders that are no cables"
                ));
            }
            if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        (Err(error), _) => {
            warn(error);
            ExitCode::FAILURE
        }
    }
}

fn read(paths: Vec<PathBuf>, flag: Option<&Path>, env: &Environment) -> ExitCode {
    // A broken config stops the reader before anything else: the user asked for settings
    // the reader cannot honour.
    let keymap = Keymap::default();
    let config = match load_config(flag, env, &keymap) {
        Ok(config) => config,
        Err(error) => {
            warn(error);
            return ExitCode::from(2);
        }
    };
    let paths = if paths.is_empty() {
        match samples_dir() {
            Some(samples) => vec![samples],
            None => {
                warn("no samples/ folder here; name a cable file or folder (or - for standard input)");
                return ExitCode::from(2);
            }
        }
    } else {
        paths
    };
    if !io::stdout().is_terminal() || !cable_reader::terminal::can_draw() {
        return print_plain(&paths, &config.date_format);
    }
    read_corpus(paths, &config, keymap, env)
}

/// What the reader starts with, from the config: keys (remapped), filter, settings, store.
fn reader_setup(config: &config::Config, mut keymap: Keymap, store: Store) -> Setup {
    keymap.apply(config);
    Setup {
        keymap,
        filter: cable_reader::app::state::Filter::with_caveats(&config.filter, config.caveats),
        store: Some(store),
        settings: Settings {
            show_routing: config.show_routing,
            wrap_width: config.wrap_width,
            date_format: config.date_format.clone(),
            mouse: config.mouse,
        },
    }
}

/// The reader: the terminal starts at once and the rows arrive from a worker reading the
/// paths (files, folders, PDFs, cables.csv dumps, standard input, FIFOs), so nothing the
/// user named keeps the first frame waiting.
fn read_corpus(
    paths: Vec<PathBuf>,
    config: &config::Config,
    keymap: Keymap,
    env: &Environment,
) -> ExitCode {
    use cable_reader::app::loading::start_reader;
    use cable_reader::corpus::{cache, open::Options};
    let setup = reader_setup(config, keymap, open_store(env));
    let options = Options {
        cache_dir: config.corpus.cache_dir.clone().or_else(cache::default_dir),
    };
    let (mut app, mut loader) = start_reader(paths, options, setup, &config.corpus);
    let outcome = cable_reader::terminal::run_loading(
        &mut app,
        &Theme::from_config(config),
        Some(&mut loader),
    );
    // Every problem met while reading, in full (the status line had room for the first).
    let messages = app.list.as_ref().map(|list| list.messages.clone());
    for message in messages.iter().flatten() {
        warn(cable_reader::sanitize::one_line(message));
    }
    // Nothing at all to read fails, as it did when the files were read before the reader.
    let no_cable = app.list.as_ref().is_some_and(|list| list.rows.is_empty());
    match finish(&mut app, outcome) {
        status if !no_cable => status,
        _ => ExitCode::FAILURE,
    }
}

/// After the terminal is given back: saves the reading state and says what went wrong.
fn finish(app: &mut App, outcome: io::Result<()>) -> ExitCode {
    match app.store.save() {
        Ok(warnings) => {
            for warning in warnings {
                warn(warning);
            }
        }
        Err(error) => warn(format_args!("could not save the reading state: {error}")),
    }
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            warn(format_args!("terminal: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// The saved state, or a state kept in memory when there is no place for it (said on
/// stderr before the reader starts).
fn open_store(env: &Environment) -> Store {
    match Store::open_default(env) {
        Ok((store, warnings)) => {
            for warning in warnings {
                warn(warning);
            }
            store
        }
        Err(error) => {
            warn(format_args!(
                "{error}; positions and bookmarks will not be kept"
            ));
            Store::in_memory()
        }
    }
}

/// The plain reading form of every cable, each printed as soon as it is read (every file
/// is read as a stream, one record at a time under the record limit), so a FIFO that keeps
/// us waiting does not hold back the cables before it. In a folder, files that are no
/// cables are skipped and counted. Fails when no cable could be shown, or the output could
/// not be written.
fn print_plain(paths: &[PathBuf], date_format: &str) -> ExitCode {
    use cable_reader::corpus::walk::{empty_folder_note, expand_paths, no_cables_note};
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut shown = 0usize;
    for path in paths {
        let folder = path.as_os_str() != "-" && path.is_dir();
        let expanded = expand_paths(std::slice::from_ref(path));
        let mut notes: Vec<String> = expanded
            .problems
            .iter()
            .map(|(dir, error)| {
                let dir = cable_reader::sanitize::path(dir);
                format!("{dir}: cannot read folder: {error}")
            })
            .collect();
        notes.extend(expanded.skipped_note());
        let (before, mut skipped) = (shown, 0);
        for file in &expanded.files {
            if let Err(error) = out.flush() {
                return output::write_failed(&error);
            }
            let mut written = Ok(());
            let read = cable_reader::cable::read_each(file, |cable| {
                if written.is_err() {
                    return;
                }
                let separated = if shown > 0 {
                    cable_reader::plain::write_separator(&mut out)
                } else {
                    Ok(())
                };
                shown += 1;
                written = separated
                    .and_then(|()| cable_reader::plain::write_plain(&cable, date_format, &mut out))
                    .and_then(|()| out.flush());
            });
            if let Err(error) = written {
                return output::write_failed(&error);
            }
            match read {
                Ok(()) => {}
                Err(error) if folder && error.is_not_a_cable() => skipped += 1,
                Err(error) => {
                    if let Err(error) = out.flush() {
                        return output::write_failed(&error);
                    }
                    // Standard input is named as the reader names it.
                    let text = error.to_string();
                    let text = match text.strip_prefix("-: ") {
                        Some(rest) if file.as_os_str() == "-" => format!("<stdin>: {rest}"),
                        _ => text,
                    };
                    warn(cable_reader::sanitize::one_line(&text));
                }
            }
        }
        notes.extend(no_cables_note(path, skipped));
        if folder && shown == before {
            notes.push(empty_folder_note(path));
        }
        if !notes.is_empty() {
            if let Err(error) = out.flush() {
                return output::write_failed(&error);
            }
            for note in &notes {
                warn(note);
            }
        }
    }
    if let Err(error) = out.flush() {
        return output::write_failed(&error);
    }
    if shown == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
