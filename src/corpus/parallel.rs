//! Doing something with every cable of a file on every core, with the results handed on
//! in the file's order: `parse --json` and `export` write cables as they come, a chunk at
//! a time, so neither the file nor its output is held whole.

use std::io::{self, Read};

use rayon::prelude::*;

use super::record::scan;
use crate::cable::{ReadError, Source};
use std::path::Path;

/// Calls `map` on every cable source of `input` (in parallel within a chunk) and `each`
/// with the results of each chunk, in input order. A cables.csv record too long to be a
/// cable is mapped as a source with no text and a warning (see [`scan`]).
pub fn map_in_order<T: Send>(
    input: &mut impl Read,
    map: impl Fn(&Source<'_>) -> T + Sync,
    mut each: impl FnMut(Vec<T>),
) -> io::Result<()> {
    scan(input, |chunk| {
        if let Some(source) = chunk.too_long_source() {
            return each(vec![map(&source)]);
        }
        let results: Vec<T> = (0..chunk.ranges.len())
            .into_par_iter()
            .filter_map(|at| chunk.source(at).map(|source| map(&source)))
            .collect();
        each(results);
    })
}

/// The file at `path`, or standard input for `-`.
pub fn open_input(path: &Path) -> Result<Box<dyn Read>, ReadError> {
    if path == Path::new("-") {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    match std::fs::File::open(path) {
        Ok(file) => Ok(Box::new(file)),
        Err(source) => Err(ReadError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}
