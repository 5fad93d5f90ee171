//! What the commands print besides their output: messages on stderr, always through the
//! sanitiser, and how a failed write of the output ends a command.

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

/// Prints `cable-reader: MESSAGE` on stderr, cleaned: a message may hold a file's name or
/// a snippet of its text. A stderr that cannot be written is no reason to panic.
pub fn warn(message: impl Display) {
    let text = message.to_string();
    let _ = writeln!(
        io::stderr(),
        "cable-reader: {}",
        crate::sanitize::message(&text)
    );
}

/// The exit status after the output could not be written: a reader that stopped early
/// (`| head`) is no error and is not reported; anything else (a full disk, `/dev/full`)
/// is said, and fails the command.
pub fn write_failed(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    warn(format_args!("cannot write the output: {error}"));
    ExitCode::FAILURE
}

/// Writes `text` to stdout and flushes it, with [`write_failed`]'s status on failure.
pub fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|error| write_failed(&error))
}
