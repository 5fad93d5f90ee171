//! cable-reader: read US diplomatic cables as published, in a terminal.

pub mod app;
pub mod atomic;
pub mod cable;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod export;
pub mod external;
pub mod plain;
pub mod sanitize;
pub mod state;
pub mod terminal;
pub mod ui;
