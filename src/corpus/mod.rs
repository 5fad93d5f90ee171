//! Many cables: finding them on disk.

pub mod walk;
