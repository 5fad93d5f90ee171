//! One cable: find it in its wrapper, parse it with the nom grammar, and hold the typed model.
//! Nothing here knows about terminals or drawing.

pub mod grammar;
pub mod model;
pub mod wrapper;

pub use model::*;
pub use wrapper::{unwrap, Metadata, Source, SourceFormat};
