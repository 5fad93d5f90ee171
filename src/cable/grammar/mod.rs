//! The nom grammar: one module per part of the cable format.

pub mod classification;
pub mod routing;
