//! Search over every cable in the reader, through `update` with the real workers: `/` in
//! the cable list, the hits becoming the list (best first, with the count), Esc back to
//! the list as it was, `n`/`N`, a hit opened with its words lit, a query's mistake at its
//! column, the index's progress in the status line, and a cache dir that cannot hold an
//! index (search by scan, with the message). The truth is the generated csv itself: the
//! rows whose cable text holds the word, read with a small csv reader written here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cable_reader::app::corpus_search::IndexState;
use cable_reader::app::indexing::Indexer;
use cable_reader::app::list::CorpusList;
use cable_reader::app::loading::Loader;
use cable_reader::app::mode::{Focus, Mode};
use cable_reader::app::{update, Action, App};
use cable_reader::config::keys::{Key, KeyCode};
use cable_reader::corpus::open::Options;
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const ROWS: usize = 400;

/// A dump of `rows` rows made by the shared tool (as the real dump was).
fn make_dump(dir: &Path, rows: usize) -> PathBuf {
    let dump = dir.join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", &rows.to_string()])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    dump
}

/// The fields of each record of a cables.csv (quoted fields, a backslash before a quote
/// in one, as ../shared/corpus/SOURCES.md says), read by hand, not by the program.
fn csv_records(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '\\') => {
                if let Some(escaped) = chars.next() {
                    field.push(escaped);
                }
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(fields);
    }
    records
}

/// The rows (by their place in the file: a cable's text may name another id than its
/// row's field) whose cable text (the last field) holds `word` as a whole word, in any
/// case.
fn rows_with(records: &[Vec<String>], word: &str) -> BTreeSet<usize> {
    records
        .iter()
        .enumerate()
        .filter(|(_, fields)| {
            fields.last().is_some_and(|text| {
                text.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(word))
            })
        })
        .map(|(row, _)| row)
        .collect()
}

struct Reader {
    app: App,
    loader: Loader,
    indexer: Indexer,
}

impl Reader {
    /// The dump read by the real worker, then its index opened or built in `cache`.
    fn open(dump: &Path, cache: Option<&Path>) -> Reader {
        let options = Options {
            cache_dir: cache.map(Path::to_owned),
        };
        let mut loader = Loader::start(vec![dump.to_owned()], options);
        let mut app = App::new(Vec::new());
        app.list = Some(CorpusList::new(Default::default(), false));
        update(
            &mut app,
            Action::Resize {
                width: 120,
                height: 30,
            },
        );
        while loader.loading() {
            loader.pump(&mut app);
            std::thread::sleep(Duration::from_millis(10));
        }
        loader.pump(&mut app);
        let indexer = Indexer::start(loader.corpus(), loader.cache_dir());
        Reader {
            app,
            loader,
            indexer,
        }
    }

    fn pump(&mut self) {
        self.loader.pump(&mut self.app);
        self.indexer.pump(&mut self.app);
    }

    /// Pumps until the index is open (or known not to be), recording each state seen.
    fn until_index_settles(&mut self) -> Vec<IndexState> {
        let mut seen = vec![self.app.corpus_search.index.clone()];
        let start = Instant::now();
        while matches!(
            self.app.corpus_search.index,
            IndexState::Waiting | IndexState::Building { .. }
        ) {
            assert!(start.elapsed() < Duration::from_secs(300), "{seen:?}");
            self.pump();
            if seen.last() != Some(&self.app.corpus_search.index) {
                seen.push(self.app.corpus_search.index.clone());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        seen
    }

    /// `/` in the cable list, the query typed at the prompt, Enter.
    fn type_query(&mut self, query: &str) {
        assert_eq!(self.app.focus, Focus::Cables);
        let slash = self
            .app
            .keymap
            .action(self.app.mode, self.app.focus, Key::char('/'))
            .unwrap();
        assert_eq!(slash, Action::CorpusSearchStart);
        update(&mut self.app, slash);
        assert_eq!(self.app.mode, Mode::Prompt);
        update(&mut self.app, Action::PromptEdit(edit_all()));
        for c in query.chars() {
            update(&mut self.app, Action::PromptKey(Key::char(c)));
        }
        let enter = self
            .app
            .keymap
            .action(self.app.mode, self.app.focus, Key::plain(KeyCode::Enter))
            .unwrap();
        update(&mut self.app, enter);
    }

    /// A query answered: pumps until the answer is in.
    fn search(&mut self, query: &str) {
        self.type_query(query);
        assert_eq!(self.app.mode, Mode::Normal, "{:?}", self.app.prompt.error);
        let start = Instant::now();
        while self.app.corpus_search.pending.is_some() {
            assert!(start.elapsed() < Duration::from_secs(120));
            self.pump();
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn list(&self) -> &CorpusList {
        self.app.list.as_ref().unwrap()
    }

    /// The rows in view.
    fn view_rows(&self) -> BTreeSet<usize> {
        self.list().view.iter().map(|&row| row as usize).collect()
    }

    /// Ids of the rows in view, in order.
    fn view_ids(&self) -> Vec<String> {
        let list = self.list();
        (0..list.view.len())
            .map(|at| list.row_at(at).unwrap().1.id.clone().unwrap_or_default())
            .collect()
    }

    fn screen(&self) -> String {
        screen(&self.app)
    }
}

/// Clears what the prompt starts with (the last query).
fn edit_all() -> cable_reader::app::prompt::PromptEdit {
    cable_reader::app::prompt::PromptEdit::DeleteToStart
}

fn screen(app: &App) -> String {
    let size = app.areas.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// A word held by some rows, not most: the first of these the dump has between 3 and 60
/// times (the truth decides, not the program).
fn pick_word(records: &[Vec<String>]) -> (String, BTreeSet<usize>) {
    for word in [
        "cartel",
        "narcotics",
        "nuclear",
        "election",
        "terrorism",
        "refugees",
        "oil",
    ] {
        let rows = rows_with(records, word);
        if (3..=60).contains(&rows.len()) {
            return (word.to_owned(), rows);
        }
    }
    panic!("no word of the list is held by 3 to 60 rows");
}

#[test]
fn hits_best_first_with_the_count_esc_restores_the_list_and_n_walks_them() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    assert_eq!(records.len(), ROWS);
    let cache = dir.path().join("cache");
    let mut reader = Reader::open(&dump, Some(&cache));
    assert_eq!(reader.list().rows.len(), ROWS);
    let states = reader.until_index_settles();
    assert_eq!(
        reader.app.corpus_search.index,
        IndexState::Ready,
        "{states:?}"
    );
    // A fresh build reports its progress.
    assert!(
        states
            .iter()
            .any(|state| matches!(state, IndexState::Building { .. })),
        "{states:?}"
    );

    // The list before: sorted by source, cursor on the sixth row.
    for _ in 0..5 {
        update(&mut reader.app, Action::Down);
    }
    let before = reader.view_ids();
    let before_cursor = reader.list().cursor;
    assert_eq!(before_cursor, 5);

    let (word, truth) = pick_word(&records);
    reader.search(&word);
    assert_eq!(reader.view_rows(), truth, "{word}");
    let hits = reader.list().hits.clone().unwrap();
    assert_eq!(hits.count, truth.len());
    // Best first: the engine's own order over the same files (the list only maps it).
    let prepared =
        cable_reader::corpus::search::prepare(std::slice::from_ref(&dump), Some(&cache), |_| {});
    let query = cable_reader::corpus::query::parse_query(&word).unwrap();
    let found = cable_reader::corpus::search::search(&prepared, &query, None).unwrap();
    assert!(!prepared.built, "the index of the reader was reused");
    let scores: Vec<f32> = found.hits.iter().map(|h| h.score).collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    // Equal scores in the file's order.
    let mut engine: Vec<(f32, u64, String)> = found
        .hits
        .iter()
        .map(|h| (h.score, h.start, h.id.clone().unwrap()))
        .collect();
    engine.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let engine: Vec<String> = engine.into_iter().map(|(_, _, id)| id).collect();
    assert_eq!(reader.view_ids(), engine);
    let text = reader.screen();
    let said = format!("{} hits for \"{word}\"", truth.len());
    assert!(text.contains(&said), "{said}\n{text}");
    assert!(text.contains(&format!("Hits 1/{}", truth.len())), "{text}");

    // n and N move between hits, wrapping.
    update(&mut reader.app, Action::NextHit);
    assert_eq!(reader.list().cursor, 1);
    update(&mut reader.app, Action::PrevHit);
    update(&mut reader.app, Action::PrevHit);
    assert_eq!(reader.list().cursor, truth.len() - 1);
    assert!(reader.screen().contains("(wrapped around)"));
    // The keymap gives n and N to the list alone: in the text they walk the cable's.
    let n = Key::char('n');
    assert_eq!(
        reader.app.keymap.action(Mode::Normal, Focus::Cables, n),
        Some(Action::NextHit)
    );
    assert_eq!(
        reader.app.keymap.action(Mode::Normal, Focus::Text, n),
        Some(Action::SearchNext)
    );

    // Esc: the list as it was, with its cursor.
    update(&mut reader.app, Action::Cancel);
    assert_eq!(reader.view_ids(), before);
    assert_eq!(reader.list().cursor, before_cursor);
    assert!(reader.list().hits.is_none());
    assert!(reader.screen().contains(&format!("Cables 6/{ROWS}")));
}

#[test]
fn an_opened_hit_has_the_words_lit_and_a_mistake_is_shown_at_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    let mut reader = Reader::open(&dump, Some(&dir.path().join("cache")));
    reader.until_index_settles();
    let (word, truth) = pick_word(&records);

    // A mistake: the prompt stays with its column, and the list as it was.
    let before = reader.view_ids();
    reader.type_query("cartel \"open");
    assert_eq!(reader.app.mode, Mode::Prompt);
    let (column, _) = reader.app.prompt.error.clone().unwrap();
    assert_eq!(column, "cartel \"open".find('"').unwrap() + 1);
    update(&mut reader.app, Action::PromptEdit(edit_all()));
    for c in format!("{word} ~d 2009-13").chars() {
        update(&mut reader.app, Action::PromptKey(Key::char(c)));
    }
    update(
        &mut reader.app,
        Action::PromptKey(Key::plain(KeyCode::Enter)),
    );
    let (column, message) = reader.app.prompt.error.clone().unwrap();
    let typed = format!("{word} ~d 2009-13");
    assert!(message.contains("13"), "{message}");
    // The column points into the date, in the query as typed.
    let date_at = typed.find("2009-13").unwrap() + 1;
    assert!(
        (date_at..=date_at + "2009-13".len()).contains(&column),
        "{column} in {typed}"
    );
    update(&mut reader.app, Action::PromptEdit(edit_all()));
    update(
        &mut reader.app,
        Action::PromptEdit(cable_reader::app::prompt::PromptEdit::Cancel),
    );
    assert_eq!(reader.view_ids(), before);

    // Limit terms narrow the hits to the rows they match (the truth: the csv's
    // classification field).
    let secret: BTreeSet<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, fields)| fields[4] == "SECRET" || fields[4] == "SECRET//NOFORN")
        .map(|(row, _)| row)
        .collect();
    reader.search(&format!("{word} ~c =S"));
    let expected: BTreeSet<usize> = truth.intersection(&secret).copied().collect();
    assert!(!expected.is_empty(), "{word}: no secret hit to check");
    assert_eq!(reader.view_rows(), expected);

    // Enter on a hit opens it with the word lit; n in the text walks the matches.
    reader.search(&word);
    update(&mut reader.app, Action::Open);
    reader.pump();
    let opened = reader.app.doc().unwrap();
    assert!(truth.contains(&reader.list().open_row.unwrap()));
    assert!(reader.app.search.corpus);
    assert_eq!(reader.app.search.query, word);
    let lit = reader.app.search.matches.len() + reader.app.search.header.len();
    assert!(lit > 0, "no match in the opened hit");
    for found in &reader.app.search.matches {
        let para = &opened.paras[found.para];
        let text = match found.part {
            cable_reader::app::state::Part::Text => para.text.as_str(),
            cable_reader::app::state::Part::Heading => para.heading.as_deref().unwrap(),
        };
        assert!(text[found.range.clone()].eq_ignore_ascii_case(&word));
    }
    if !reader.app.search.matches.is_empty() {
        update(&mut reader.app, Action::FocusNext);
        update(&mut reader.app, Action::SearchNext);
        assert!(reader.app.search.current.is_some());
    }
}

#[test]
fn a_cache_dir_without_room_for_an_index_searches_by_scan_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), 120);
    let records = csv_records(&dump);
    // A file where the cache dir should be: nothing can be made inside it.
    let blocked = dir.path().join("not-a-dir");
    std::fs::write(&blocked, "a file").unwrap();
    let mut reader = Reader::open(&dump, Some(&blocked.join("cache")));
    reader.until_index_settles();
    assert_eq!(reader.app.corpus_search.index, IndexState::Scan);
    let told = reader.app.corpus_search.index_message.clone().unwrap();
    assert!(told.contains("without"), "{told}");
    assert!(reader.screen().contains("cannot build the search index"));
    let word = ["government", "minister", "president"]
        .into_iter()
        .find(|word| !rows_with(&records, word).is_empty())
        .unwrap();
    reader.search(word);
    assert_eq!(reader.view_rows(), rows_with(&records, word));
    assert!(reader.screen().contains("by a scan"));
}

#[test]
fn the_index_opened_again_is_not_built_and_progress_shows_in_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), 60);
    let cache = dir.path().join("cache");
    Reader::open(&dump, Some(&cache)).until_index_settles();
    let mut again = Reader::open(&dump, Some(&cache));
    let states = again.until_index_settles();
    assert_eq!(states, [IndexState::Waiting, IndexState::Ready]);
    // While it is built, the status says how far.
    update(
        &mut again.app,
        Action::IndexProgress {
            bytes_done: 2,
            bytes_total: 5,
        },
    );
    assert!(again.screen().contains("60 cables · index 40% built"));
    update(
        &mut again.app,
        Action::IndexReady {
            indexed: true,
            messages: Vec::new(),
        },
    );
    assert!(!again.screen().contains("index 40% built"));
}

#[test]
fn snapshots_of_the_hits_and_of_the_status_while_the_index_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    let mut reader = Reader::open(&dump, Some(&dir.path().join("cache")));
    update(
        &mut reader.app,
        Action::Resize {
            width: 110,
            height: 16,
        },
    );
    update(
        &mut reader.app,
        Action::IndexProgress {
            bytes_done: 40,
            bytes_total: 100,
        },
    );
    // The file's name is the temporary dir's: the same length each run, other letters.
    let name = dump.display().to_string();
    let screen = reader.screen().replace(&name, &"X".repeat(name.len()));
    insta::assert_snapshot!("status_while_the_index_is_built", screen);
    reader.until_index_settles();
    let (word, _) = pick_word(&records);
    reader.search(&word);
    // The time taken changes from run to run: the status is drawn without it.
    reader.app.message = None;
    insta::assert_snapshot!("hits_list", reader.screen());
}

#[test]
fn while_the_index_is_built_a_search_answers_from_the_indexed_part_and_a_scan_of_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), 1500);
    let records = csv_records(&dump);
    let mut reader = Reader::open(&dump, Some(&dir.path().join("cache")));
    let start = Instant::now();
    while !reader.indexer.searching_partly_built() {
        assert!(
            matches!(
                reader.app.corpus_search.index,
                IndexState::Waiting | IndexState::Building { .. }
            ),
            "the index was built before a part of it was seen"
        );
        assert!(start.elapsed() < Duration::from_secs(300));
        reader.pump();
        std::thread::sleep(Duration::from_millis(1));
    }
    assert!(reader.screen().contains("% built"));
    let (word, truth) = pick_word(&records[..]);
    reader.search(&word);
    assert_eq!(reader.view_rows(), truth, "{word}");
    let text = reader.screen();
    assert!(text.contains("not yet indexed scanned"), "{text}");
    // Once built, the same query by the index alone finds the same rows.
    reader.until_index_settles();
    assert_eq!(reader.app.corpus_search.index, IndexState::Ready);
    update(&mut reader.app, Action::Cancel);
    reader.search(&word);
    assert_eq!(reader.view_rows(), truth, "{word}");
    assert!(!reader.screen().contains("scanned"));
}

/// The rows whose cable is SECRET (with or without caveats): the cables `~c S` lets
/// through. The level is the banner of the cable text (the last field: a generated row's
/// text may be another cable's than its fields name), else the classification field.
fn secret_rows(records: &[Vec<String>]) -> BTreeSet<usize> {
    let banners = [
        ("S E C R E T", true),
        ("SECRET", true),
        ("C O N F I D E N T I A L", false),
        ("CONFIDENTIAL", false),
        ("U N C L A S S I F I E D", false),
        ("UNCLASSIFIED", false),
        ("UNCLAS", false),
    ];
    records
        .iter()
        .enumerate()
        .filter(|(_, fields)| {
            let banner = fields.last().and_then(|text| {
                text.lines().find_map(|line| {
                    banners
                        .iter()
                        .find(|(banner, _)| line.trim_start().starts_with(banner))
                        .map(|(_, secret)| *secret)
                })
            });
            banner.unwrap_or_else(|| {
                fields
                    .get(4)
                    .is_some_and(|level| level == "SECRET" || level.starts_with("SECRET//"))
            })
        })
        .map(|(row, _)| row)
        .collect()
}

/// A word of the list held by some SECRET rows and by some others: (word, its rows).
fn word_in_and_out_of(
    records: &[Vec<String>],
    limited: &BTreeSet<usize>,
) -> (String, BTreeSet<usize>) {
    for word in [
        "nuclear",
        "iran",
        "cartel",
        "narcotics",
        "election",
        "terrorism",
        "government",
        "minister",
    ] {
        let rows = rows_with(records, word);
        let inside = rows.intersection(limited).count();
        if inside >= 2 && inside < rows.len() {
            return (word.to_owned(), rows);
        }
    }
    panic!("no word of the list is held both within the limit and outside it");
}

impl Reader {
    /// `L`, the limit typed at the prompt, Enter.
    fn limit(&mut self, limit: &str) {
        update(&mut self.app, Action::LimitStart);
        assert_eq!(self.app.mode, Mode::Prompt);
        update(&mut self.app, Action::PromptEdit(edit_all()));
        for c in limit.chars() {
            update(&mut self.app, Action::PromptKey(Key::char(c)));
        }
        update(
            &mut self.app,
            Action::PromptEdit(cable_reader::app::prompt::PromptEdit::Submit),
        );
        assert_eq!(self.app.mode, Mode::Normal, "{:?}", self.app.prompt.error);
    }

    /// Pumps until every hit in view has its snippet.
    fn until_snippets_in_view(&mut self) {
        let start = Instant::now();
        loop {
            let list = self.list();
            let hits = list.hits.as_ref().unwrap();
            let height = self.app.areas.cables_in_view();
            let end = (list.offset + height).min(list.view.len());
            if list.view[list.offset..end]
                .iter()
                .all(|row| hits.snippets.contains_key(row))
            {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60));
            self.pump();
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

#[test]
fn a_search_is_within_the_list_limit_with_the_exact_count_and_esc_gives_the_limited_list_back() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    let secret = secret_rows(&records);
    let (word, holding) = word_in_and_out_of(&records, &secret);
    let truth: BTreeSet<usize> = holding.intersection(&secret).copied().collect();
    // By the index (fast fields) and by a scan (the list's own rows, shared).
    for cache in [Some(dir.path().join("cache")), None] {
        let mut reader = Reader::open(&dump, cache.as_deref());
        reader.until_index_settles();
        let by_index = cache.is_some();
        assert_eq!(
            reader.app.corpus_search.index,
            if by_index {
                IndexState::Ready
            } else {
                IndexState::Scan
            }
        );
        reader.limit("~c S");
        assert_eq!(reader.view_rows(), secret);
        update(&mut reader.app, Action::Down);
        let before = (
            reader.view_ids(),
            reader.list().cursor,
            reader.list().offset,
        );

        reader.search(&word);
        assert_eq!(reader.view_rows(), truth, "{word} within ~c S");
        let hits = reader.list().hits.clone().unwrap();
        assert_eq!(hits.count, truth.len());
        assert_eq!(hits.within.as_deref(), Some("~c S"));
        let text = reader.screen();
        assert!(text.contains("within ~c S"), "{text}");

        update(&mut reader.app, Action::Cancel);
        let after = (
            reader.view_ids(),
            reader.list().cursor,
            reader.list().offset,
        );
        assert_eq!(after, before, "Esc gives the limited list back as it was");

        // The query's own limit terms AND the list's: ~c S twice is still the SECRET hits,
        // and a limit the list's excludes (exactly Confidential) finds nothing (the list stays).
        reader.search(&format!("~c S {word}"));
        assert_eq!(reader.view_rows(), truth);
        update(&mut reader.app, Action::Cancel);
        reader.type_query(&format!("~c =C {word}"));
        let start = Instant::now();
        while reader.app.corpus_search.pending.is_some() {
            assert!(start.elapsed() < Duration::from_secs(120));
            reader.pump();
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(reader.list().hits.is_none(), "{:?}", reader.app.message);
        assert_eq!(reader.view_ids(), before.0);
        let said = reader.app.message.clone().unwrap().text;
        assert!(said.contains("within ~c S"), "{said}");
    }
}

#[test]
fn a_newer_query_stops_the_scan_of_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 1500;
    let dump = make_dump(dir.path(), rows);
    let records = csv_records(&dump);
    // No cache dir: every query scans every cable.
    let mut reader = Reader::open(&dump, None);
    reader.until_index_settles();
    assert_eq!(reader.app.corpus_search.index, IndexState::Scan);
    reader.type_query("government");
    reader.pump();
    assert_eq!(
        reader.indexer.query_scans().len(),
        1,
        "the first query is out"
    );
    let (word, truth) = pick_word(&records);
    reader.search(&word);
    assert_eq!(reader.view_rows(), truth);
    let start = Instant::now();
    while !reader.indexer.query_scans()[0].finished {
        assert!(start.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(5));
    }
    let scans = reader.indexer.query_scans();
    assert_eq!(scans.len(), 2);
    assert!(scans[0].stopped);
    assert!(
        scans[0].scanned < rows as u64,
        "the older query scanned {} of {rows} records",
        scans[0].scanned
    );
    // The newer one ran to the end: every record checked once.
    assert!(!scans[1].stopped);
    assert_eq!(scans[1].scanned, rows as u64);
}

#[test]
fn cables_read_from_a_fifo_are_searched_from_the_bytes_kept_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), 300);
    let records = csv_records(&dump);
    let fifo = dir.path().join("cables.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let (dump, fifo) = (dump.clone(), fifo.clone());
        std::thread::spawn(move || {
            let bytes = std::fs::read(&dump).unwrap();
            std::fs::write(&fifo, bytes).unwrap();
        })
    };
    let mut reader = Reader::open(&fifo, Some(&dir.path().join("cache")));
    writer.join().unwrap();
    assert_eq!(reader.list().rows.len(), 300);
    reader.until_index_settles();
    assert_eq!(reader.app.corpus_search.index, IndexState::Scan);
    let (word, truth) = pick_word(&records);
    reader.search(&word);
    assert_eq!(reader.view_rows(), truth, "{word}");
    assert_eq!(reader.list().hits.as_ref().unwrap().count, truth.len());
    reader.until_snippets_in_view();
    let hits = reader.list().hits.clone().unwrap();
    let first = reader.list().view[0];
    let snippet = &hits.snippets[&first];
    assert!(!snippet.marks.is_empty(), "{snippet:?}");
    assert!(snippet
        .marks
        .iter()
        .all(|mark| snippet.text[mark.clone()].eq_ignore_ascii_case(&word)));
    // Nothing was written to the cache for a stream.
    assert!(!dir.path().join("cache").join("index").exists());
}

#[test]
fn hit_snippets_are_those_of_the_cli_search_and_come_as_the_list_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    let cache = dir.path().join("cache");
    let mut reader = Reader::open(&dump, Some(&cache));
    reader.until_index_settles();
    // A word with more hits than the answer brings snippets for.
    let word = ["government", "minister", "president", "embassy"]
        .into_iter()
        .find(|word| rows_with(&records, word).len() > 60)
        .unwrap();
    let truth = rows_with(&records, word);
    reader.search(word);
    assert_eq!(reader.view_rows(), truth);
    // The CLI's own answer, by another way through the program: `search --json --all`.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(["search", "--json", "--all", word])
        .arg(&dump)
        .env("XDG_CACHE_HOME", dir.path().join("cli-cache"))
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut cli: std::collections::HashMap<String, Vec<String>> = Default::default();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        cli.entry(hit["id"].as_str().unwrap_or_default().to_owned())
            .or_default()
            .push(hit["snippet"].as_str().unwrap().to_owned());
    }
    assert_eq!(cli.values().map(Vec::len).sum::<usize>(), truth.len());
    let check = |reader: &Reader, checked: &mut usize| {
        let list = reader.list();
        let hits = list.hits.as_ref().unwrap();
        let height = reader.app.areas.cables_in_view();
        for &row in &list.view[list.offset..(list.offset + height).min(list.view.len())] {
            let snippet = &hits.snippets[&row];
            let id = list.rows[row as usize].id.clone().unwrap_or_default();
            assert!(cli[&id].contains(&snippet.text), "{id}: {snippet:?}");
            assert!(snippet
                .marks
                .iter()
                .all(|mark| snippet.text[mark.clone()].eq_ignore_ascii_case(word)));
            *checked += 1;
        }
    };
    let mut checked = 0;
    reader.until_snippets_in_view();
    check(&reader, &mut checked);
    // Past what came with the answer: the loop asks for them as the view scrolls.
    let page_down = Action::PageDown;
    while reader.list().offset + reader.app.areas.cables_in_view() < 60 {
        update(&mut reader.app, page_down.clone());
    }
    let list = reader.list();
    assert!(list.view[list.offset..]
        .iter()
        .take(reader.app.areas.cables_in_view())
        .any(|row| !list.hits.as_ref().unwrap().snippets.contains_key(row)));
    assert!(reader.screen().contains("         …\n") || reader.screen().contains(" … "));
    reader.until_snippets_in_view();
    check(&reader, &mut checked);
    assert!(checked > 10, "{checked}");
}

#[test]
fn hit_rows_are_two_lines_for_the_cursor_paging_clicks_and_keeping_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let dump = make_dump(dir.path(), ROWS);
    let records = csv_records(&dump);
    let mut reader = Reader::open(&dump, Some(&dir.path().join("cache")));
    reader.until_index_settles();
    update(
        &mut reader.app,
        Action::Resize {
            width: 200,
            height: 30,
        },
    );
    let row_height = reader.app.areas.cable_row_height();
    let rows_in_view = reader.app.areas.cables_in_view();
    let word = ["government", "minister", "president", "embassy"]
        .into_iter()
        .find(|word| rows_with(&records, word).len() > 40)
        .unwrap();
    reader.search(word);
    let areas = reader.app.areas;
    assert_eq!(areas.cable_row_height(), row_height + 1);
    let in_view = areas.cables_in_view();
    assert_eq!(
        in_view,
        usize::from(areas.cables_inner().height / (row_height + 1))
    );
    assert!(in_view < rows_in_view);
    // PgDn moves a screenful of hits, and the cursor's hit is drawn.
    update(&mut reader.app, Action::PageDown);
    assert_eq!(reader.list().cursor, in_view);
    let cursor_id = reader.view_ids()[in_view].clone();
    assert!(reader.screen().contains(&cursor_id));
    let offset = reader.list().offset;
    assert!(reader.list().cursor < offset + in_view && reader.list().cursor >= offset);
    // A click on the snippet line of the third hit in view selects that hit.
    let inner = reader.app.areas.cables_inner();
    update(
        &mut reader.app,
        Action::Click {
            column: inner.x + 10,
            row: inner.y + 2 * (row_height + 1) + row_height,
        },
    );
    assert_eq!(reader.list().cursor, offset + 2);
    // The last hit: kept in view.
    for _ in 0..reader.list().view.len() {
        update(&mut reader.app, Action::Down);
    }
    let list = reader.list();
    assert_eq!(list.cursor, list.view.len() - 1);
    assert!(list.cursor < list.offset + in_view);
    let last = reader.view_ids().last().unwrap().clone();
    assert!(reader.screen().contains(&last));
    // Esc: one line a row again.
    update(&mut reader.app, Action::Cancel);
    assert_eq!(reader.app.areas.cable_row_height(), row_height);
}
