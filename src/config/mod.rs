//! The config file: where it is, what it holds, and every problem in it reported with the
//! file, line and column and what was expected.
//!
//! Forgiving in form (every key optional, built-in defaults for the rest), strict in content
//! (an unknown key, a bad value, a key bound twice is an error, never ignored).

pub mod caveats;
pub mod date;
mod diagnostics;
pub mod keys;
mod paths;
mod schema;
mod template;
mod validate;

pub use diagnostics::*;
// The classification filter belongs to the corpus (the state and export use it too); it
// stays reachable here for the config's callers.
pub use crate::corpus::filter;
pub use caveats::{parse_caveat, CaveatFilter};
pub use filter::{parse_level, parse_levels, LevelFilter, LevelName};
pub use keys::{Key, KeyCode, KeyParseError};
pub use paths::*;
pub use schema::*;
pub use template::*;
pub use validate::*;
