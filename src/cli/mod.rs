//! Command-line subcommands that print rather than draw.

pub mod files;
pub mod parse;
