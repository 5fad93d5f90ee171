//! The full-text index: tantivy segments in the cache dir, one index for a collection (its
//! sources' paths, sizes and modification times and the program's version are its key).
//! Every word of every cable's searchable text (see [`super::document`]) is indexed with
//! positions, for phrases; the facts of its summary row the limit language asks about are
//! fast fields (see [`super::facts`]), so a limit never decodes the summary cache; where the
//! record lies (source, start, length) is a fast field too, so a hit's snippet comes from
//! the record's bytes and nothing else is stored.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query as TantivyQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
};
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, SegmentOrdinal, TantivyDocument};

use super::document::searchable_parts;
use super::facts::{field_name, level_number, stamp_number, Within};
use crate::cable::Cable;
use crate::corpus::limit::{Fact, Limit};
use crate::corpus::query::{Clause, Query, Term};
use crate::corpus::summary::Summary;

/// The tokenizer of the text field: words are runs of `char::is_alphanumeric`, lower case,
/// the rule of [`crate::corpus::words`].
const TOKENIZER: &str = "cable_words";
/// The key file, written last: an index without it was never finished.
const KEY_FILE: &str = "cable-reader-key.json";
/// Memory for each indexing thread (tantivy flushes a segment when it is used up).
const THREAD_MEMORY: usize = 64 << 20;

/// A source file as the index knows it: an index is fresh only while every source is the
/// same size and modification time as when it was built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStamp {
    pub path: PathBuf,
    pub size: u64,
    /// Nanoseconds since 1970 (0 if unknown).
    pub modified: u64,
}

/// What an index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKey {
    pub version: String,
    pub sources: Vec<SourceStamp>,
}

impl IndexKey {
    pub fn new(sources: Vec<SourceStamp>) -> IndexKey {
        IndexKey {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            sources,
        }
    }

    /// The folder of this collection's index under the cache dir: named by a hash of the
    /// source paths, so two collections have two indexes.
    pub fn dir_in(&self, cache_dir: &Path) -> PathBuf {
        let paths = self
            .sources
            .iter()
            .map(|source| source.path.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let hash = crate::corpus::key::text_hash(&paths);
        cache_dir.join("index").join(format!("{hash:016x}"))
    }
}

/// The index could not be opened, built or asked.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: {source}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    text: Field,
    source: Field,
    start: Field,
    len: Field,
    id: Field,
    level: Field,
    stamp: Field,
    caveats: Field,
    origin: Field,
    tags: Field,
    subject: Field,
    references: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        text: builder.add_text_field("text", text),
        source: builder.add_u64_field("source", FAST),
        start: builder.add_u64_field("start", FAST),
        len: builder.add_u64_field("len", FAST),
        id: builder.add_text_field(field_name(Fact::Id), STRING | FAST),
        level: builder.add_u64_field(field_name(Fact::Level), FAST),
        stamp: builder.add_u64_field(field_name(Fact::Date), FAST),
        caveats: builder.add_text_field(field_name(Fact::Caveats), STRING | FAST),
        origin: builder.add_text_field(field_name(Fact::Origin), STRING | FAST),
        tags: builder.add_text_field(field_name(Fact::Tags), STRING | FAST),
        subject: builder.add_text_field(
            field_name(Fact::Subject),
            TextOptions::default().set_fast("raw"),
        ),
        references: builder.add_text_field(field_name(Fact::References), STRING | FAST),
    };
    (builder.build(), fields)
}

fn register_tokenizer(index: &Index) {
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Where a hit lies, and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexHit {
    pub source: u32,
    pub start: u64,
    pub len: u64,
    pub score: f32,
}

/// An open index, ready for queries.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

/// Why an existing index is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// There is none yet.
    Missing,
    /// It was built from other files or by another version.
    Changed,
    /// Its files cannot be read as an index.
    Corrupt(String),
}

impl SearchIndex {
    /// Opens the index in `dir` if it was built from exactly `key`.
    pub fn open(dir: &Path, key: &IndexKey) -> Result<SearchIndex, Stale> {
        let key_path = dir.join(KEY_FILE);
        let written = match fs::read(&key_path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(Stale::Missing),
            Err(error) => return Err(Stale::Corrupt(error.to_string())),
        };
        match serde_json::from_slice::<IndexKey>(&written) {
            Ok(found) if &found == key => {}
            Ok(_) => return Err(Stale::Changed),
            Err(error) => return Err(Stale::Corrupt(error.to_string())),
        }
        let corrupt = |error: tantivy::TantivyError| Stale::Corrupt(error.to_string());
        let index = Index::open_in_dir(dir).map_err(corrupt)?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(Stale::Changed);
        }
        register_tokenizer(&index);
        let reader = index.reader().map_err(corrupt)?;
        // Touch every segment's postings and fast fields once, so a damaged file is found
        // now (and the index rebuilt), not in the middle of a query.
        let searcher = reader.searcher();
        for segment in searcher.segment_readers() {
            segment.inverted_index(fields.text).map_err(corrupt)?;
            for name in ["source", "start", "len"] {
                segment.fast_fields().u64(name).map_err(corrupt)?;
            }
        }
        Ok(SearchIndex {
            reader,
            fields,
            dir: dir.to_owned(),
        })
    }

    /// How many cables are indexed.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        dir_size(&self.dir)
    }

    /// The best `limit` hits (all when `None`), best first, and the count of all hits.
    pub fn search(
        &self,
        query: &Query<'_>,
        limit: Option<usize>,
    ) -> Result<(Vec<IndexHit>, usize), IndexError> {
        self.search_within(query, &Limit::And(Vec::new()), limit)
    }

    /// Like [`SearchIndex::search`], keeping only the cables within `within`, checked on
    /// the index's fast fields.
    pub fn search_within(
        &self,
        query: &Query<'_>,
        within: &Limit,
        limit: Option<usize>,
    ) -> Result<(Vec<IndexHit>, usize), IndexError> {
        let tantivy_error = |source| IndexError::Tantivy {
            path: self.dir.clone(),
            source,
        };
        let searcher = self.reader.searcher();
        // Excluded phrases are taken out here, not by the query: tantivy 0.27's phrase
        // scorer breaks the exclusion's seek contract (a debug assertion fires, and release
        // builds may answer wrongly), so they are looked up on their own and removed.
        let (kept, excluded_phrases): (Vec<Clause>, Vec<Clause>) = query
            .clauses
            .iter()
            .cloned()
            .partition(|clause| !matches!(clause, Clause::Not(Term::Phrase(_))));
        let positive = self.to_tantivy(&kept).map_err(tantivy_error)?;
        let mut excluded = HashSet::new();
        for clause in &excluded_phrases {
            if let Clause::Not(term) = clause {
                let phrase = self.term_query(term).map_err(tantivy_error)?;
                excluded.extend(
                    searcher
                        .search(&phrase, &DocSetCollector)
                        .map_err(tantivy_error)?,
                );
            }
        }
        // The count and the best hits in one pass over the postings: without excluded
        // phrases only the best `limit` are kept, with them every hit (some are removed).
        let best = TopDocs::with_limit(match (limit, excluded.is_empty()) {
            (Some(limit), true) => limit.max(1),
            _ => (searcher.num_docs() as usize).max(1),
        })
        .order_by_score();
        let (mut count, mut top) = if within.is_all() {
            searcher.search(&positive, &(Count, best))
        } else {
            searcher.search(&positive, &Within::new(within, (Count, best)))
        }
        .map_err(tantivy_error)?;
        if limit == Some(0) {
            top.clear();
        }
        if !excluded.is_empty() {
            top.retain(|(_, address)| !excluded.contains(address));
            count = top.len();
            top.truncate(limit.unwrap_or(count));
        }
        // Where each hit lies, from the fast fields: each segment's columns opened once,
        // not once per hit.
        let mut columns: HashMap<SegmentOrdinal, [Column<u64>; 3]> = HashMap::new();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let segment = address.segment_ord;
            let [source, start, len] = match columns.entry(segment) {
                Entry::Occupied(open) => open.into_mut(),
                Entry::Vacant(slot) => {
                    let fast = searcher.segment_reader(segment).fast_fields();
                    let open = |name: &str| fast.u64(name).map_err(tantivy_error);
                    slot.insert([open("source")?, open("start")?, open("len")?])
                }
            };
            let value = |column: &Column<u64>| column.first(address.doc_id).unwrap_or_default();
            hits.push(IndexHit {
                source: u32::try_from(value(source)).unwrap_or(u32::MAX),
                start: value(start),
                len: value(len),
                score,
            });
        }
        Ok((hits, count))
    }

    fn to_tantivy(&self, query: &[Clause]) -> tantivy::Result<Box<dyn TantivyQuery>> {
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for clause in query {
            match clause {
                Clause::Any(terms) => {
                    let mut any = Vec::new();
                    for term in terms {
                        any.push((Occur::Should, self.term_query(term)?));
                    }
                    let one: Box<dyn TantivyQuery> = match any.len() {
                        1 => any.remove(0).1,
                        _ => Box::new(BooleanQuery::new(any)),
                    };
                    clauses.push((Occur::Must, one));
                }
                Clause::Not(term) => clauses.push((Occur::MustNot, self.term_query(term)?)),
            }
        }
        if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    fn term_query(&self, term: &Term) -> tantivy::Result<Box<dyn TantivyQuery>> {
        let field = self.fields.text;
        let word_term = |word: &str| tantivy::Term::from_field_text(field, word);
        Ok(match term {
            Term::Word(word) => Box::new(TermQuery::new(
                word_term(word),
                IndexRecordOption::WithFreqs,
            )),
            Term::Phrase(words) => Box::new(PhraseQuery::new(
                words.iter().map(|w| word_term(w)).collect(),
            )),
            // The prefix holds only letters and digits, none of them special to a regex.
            Term::Prefix(prefix) => {
                Box::new(RegexQuery::from_pattern(&format!("{prefix}.*"), field)?)
            }
        })
    }
}

/// What building has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub cables: u64,
}

/// Builds the index of a collection in `dir` (replacing whatever is there), reading each
/// source's records as `read` gives them.
pub struct Builder {
    writer: IndexWriter<TantivyDocument>,
    index: Index,
    fields: Fields,
    dir: PathBuf,
}

impl Builder {
    /// Starts a new index in `dir` (anything there is removed first).
    pub fn create(dir: &Path) -> Result<Builder, IndexError> {
        let io_error = |source| IndexError::Io {
            path: dir.to_owned(),
            source,
        };
        match fs::remove_dir_all(dir) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(io_error(error)),
        }
        fs::create_dir_all(dir).map_err(io_error)?;
        let tantivy_error = |source| IndexError::Tantivy {
            path: dir.to_owned(),
            source,
        };
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema).map_err(tantivy_error)?;
        register_tokenizer(&index);
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let writer = index
            .writer_with_num_threads(threads, threads * THREAD_MEMORY)
            .map_err(tantivy_error)?;
        Ok(Builder {
            writer,
            index,
            fields,
            dir: dir.to_owned(),
        })
    }

    /// Adds one cable, read from `source` at `start..start + len`. Safe to call from
    /// several threads.
    pub fn add(
        &self,
        cable: &Cable<'_>,
        source: u32,
        start: u64,
        len: u64,
    ) -> Result<(), IndexError> {
        let fields = self.fields;
        let mut doc = TantivyDocument::new();
        for part in searchable_parts(cable) {
            doc.add_text(fields.text, part);
        }
        doc.add_u64(fields.source, u64::from(source));
        doc.add_u64(fields.start, start);
        doc.add_u64(fields.len, len);
        // The limit's facts, as the summary row holds them.
        let row = Summary::of(cable);
        if let Some(level) = row.level {
            doc.add_u64(fields.level, level_number(level));
        }
        if let Some(stamp) = row.date {
            doc.add_u64(fields.stamp, stamp_number(stamp));
        }
        let texts = [
            (fields.id, row.id.as_slice()),
            (fields.caveats, row.caveats.as_slice()),
            (fields.origin, row.origin.as_slice()),
            (fields.tags, row.tags.as_slice()),
            (fields.subject, row.subject.as_slice()),
            (fields.references, row.references.as_slice()),
        ];
        for (field, values) in texts {
            for value in values {
                doc.add_text(field, value);
            }
        }
        self.writer
            .add_document(doc)
            .map(|_| ())
            .map_err(|source| IndexError::Tantivy {
                path: self.dir.clone(),
                source,
            })
    }

    /// Commits what has been added so far and opens it for search: the index answers for
    /// these cables while more are added (the key is not written, so on disk it stays
    /// unfinished until [`Builder::finish`]).
    pub fn commit(&mut self) -> Result<SearchIndex, IndexError> {
        let tantivy_error = |source| IndexError::Tantivy {
            path: self.dir.clone(),
            source,
        };
        self.writer.commit().map_err(tantivy_error)?;
        // A reader of its own that never reloads: it answers for exactly this commit.
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_error)?;
        Ok(SearchIndex {
            reader,
            fields: self.fields,
            dir: self.dir.clone(),
        })
    }

    /// Commits the segments, waits for merges, and writes the key: only now is the index
    /// fresh for `key`.
    pub fn finish(mut self, key: &IndexKey) -> Result<SearchIndex, IndexError> {
        let tantivy_error = |source| IndexError::Tantivy {
            path: self.dir.clone(),
            source,
        };
        self.writer.commit().map_err(tantivy_error)?;
        self.writer.wait_merging_threads().map_err(tantivy_error)?;
        let key_path = self.dir.join(KEY_FILE);
        let bytes = serde_json::to_vec(key).map_err(|error| IndexError::Io {
            path: key_path.clone(),
            source: io::Error::other(error),
        })?;
        crate::atomic::write_atomic(&key_path, &bytes).map_err(|source| IndexError::Io {
            path: key_path.clone(),
            source,
        })?;
        let reader = self.index.reader().map_err(tantivy_error)?;
        Ok(SearchIndex {
            reader,
            fields: self.fields,
            dir: self.dir,
        })
    }
}

fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::words::normalised_words;
    use proptest::prelude::*;
    use tantivy::tokenizer::TokenStream;

    fn tantivy_words(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        let mut stream = analyzer.token_stream(text);
        let mut found = Vec::new();
        while stream.advance() {
            found.push(stream.token().text.clone());
        }
        found
    }

    #[test]
    fn the_index_splits_words_as_the_word_rule_says() {
        for text in [
            "09STATE15113",
            "1.4(b) and (d)",
            "U.S.-Mexico",
            "Señor CALDERÓN's",
        ] {
            assert_eq!(tantivy_words(text), normalised_words(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn the_index_tokenizer_is_the_word_rule(text in "\\PC{0,40}") {
            prop_assert_eq!(tantivy_words(&text), normalised_words(&text));
        }
    }
}
