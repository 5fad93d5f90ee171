//! What the user is looking at: state, the actions that change it, the keymap that makes
//! actions from keys, and `update`. No drawing and no terminal here.

pub mod action;
pub mod corpus_search;
pub mod doc;
pub mod effect;
pub mod facets;
pub mod header_block;
pub mod help;
pub mod indexing;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod list;
pub mod load;
pub mod loading;
pub mod mode;
pub mod prompt;
pub mod state;
pub mod update;
pub mod warnings;
pub mod wrap;

pub use action::Action;
pub use effect::Effect;
pub use state::App;
pub use update::update;
