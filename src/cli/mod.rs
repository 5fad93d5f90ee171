//! Command-line subcommands that print rather than draw.

pub mod list;
pub mod output;
pub mod parse;
