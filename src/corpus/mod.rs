//! Many cables: the files, folders, cables.csv dumps and stdin a collection is read from
//! (the folder walk, hardened against what a folder can hold besides cables), where each
//! cable lies in them (records), the summary rows a list needs (read from the headers only,
//! on every core), the cache of those rows on disk, the limit language and the sort.
//! Nothing here knows about terminals.

pub mod cache;
pub mod facets;
pub mod filter;
pub mod folded;
pub mod key;
pub mod keys;
pub mod limit;
pub mod links;
pub mod open;
pub mod parallel;
pub mod query;
pub mod record;
pub mod search;
pub mod sort;
pub mod summary;
pub mod walk;
pub mod words;
