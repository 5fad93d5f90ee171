//! Command-line subcommands that print rather than draw.

pub mod output;
pub mod parse;
