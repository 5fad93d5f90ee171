//! Command-line subcommands that print rather than draw.

// Expanding folders belongs to the corpus; reachable here for the commands.
pub use crate::corpus::files;
pub mod links;
pub mod list;
pub mod parse;
pub mod search;
