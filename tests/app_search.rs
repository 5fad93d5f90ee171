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
        let indexer = Indexer::start(&loader.corpus().sources, loader.cache_dir());
        Reader {
            app,
            loader,
            indexer,
        }
    }

    fn pump(&mut self) {
        self.loader.pump(&mut self.app);
        self.indexer.pump(&mut self.app, self.loader.corpus());
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
