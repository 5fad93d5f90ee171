//! Command-line subcommands that print rather than draw.

pub mod files;
pub mod links;
pub mod parse;
pub mod search;
