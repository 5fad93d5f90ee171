//! The reader over a corpus: rows from a (throttled) worker reach the screen with the
//! progress while the rest is read, the total once it is done, the sort, and a cable opened
//! from the list. The truth is the csv file itself: its rows, ids and date column.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::sync::mpsc;

use cable_reader::app::list::CorpusList;
use cable_reader::app::loading::{Fed, Loader};
use cable_reader::app::{update, Action, App};
use cable_reader::corpus::open::{open, Options};
use cable_reader::corpus::sort::SortIndex;
use cable_reader::state::Store;
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn sample() -> std::path::PathBuf {
    app_fixtures::corpus().join("csv/cables_sample.csv")
}

/// Each row's id and date (`12/28/1966 18:48` → `1966-12-28 18:48`), read from the csv
/// by hand: a row starts with its quoted number, then the date and the id.
fn csv_rows() -> Vec<(String, String)> {
    csv_rows_of(&sample())
}

/// [`csv_rows`] of any cables.csv.
fn csv_rows_of(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|line| {
            line.starts_with('"') && line.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        })
        .filter_map(|line| {
            let fields: Vec<&str> = line.split("\",\"").collect();
            let date = fields.get(1)?;
            let (day, time) = date.split_once(' ')?;
            let parts: Vec<&str> = day.split('/').collect();
            let date = format!("{}-{:0>2}-{:0>2} {time}", parts[2], parts[0], parts[1]);
            Some((fields.get(2)?.to_string(), date))
        })
        .collect()
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

/// A reader whose worker is the test: it sends the rows of the sample csv when told.
fn reader() -> (App, Loader, mpsc::Sender<Fed>, Vec<Fed>) {
    let mut batches = Vec::new();
    let opened = open(&[sample()], &Options::default(), |batch| {
        batches.push(Fed::rows(batch))
    });
    assert!(opened.messages.is_empty(), "{:?}", opened.messages);
    let (send, fed) = mpsc::channel();
    let loader = Loader::from_channel(fed);
    let mut app = App::new(Vec::new());
    app.list = Some(CorpusList::new(Default::default(), false));
    update(
        &mut app,
        Action::Resize {
            width: 140,
            height: 30,
        },
    );
    // Every row in one batch, cut in two here so the first row arrives alone.
    let (mut records, mut summaries, mut source, mut bytes_total) =
        (Vec::new(), Vec::new(), None, 0);
    for batch in batches {
        let Fed::Rows {
            records: r,
            summaries: s,
            source: f,
            bytes_total: t,
            ..
        } = batch
        else {
            panic!("rows");
        };
        records.extend(r);
        summaries.extend(s);
        source = source.or(f);
        bytes_total = t;
    }
    let cut = 1;
    let cut_at = records[cut].start;
    let parts = vec![
        Fed::Rows {
            records: records[..cut].to_vec(),
            summaries: summaries[..cut].to_vec(),
            source: source.clone(),
            bytes_done: cut_at,
            bytes_total,
        },
        Fed::Rows {
            records: records[cut..].to_vec(),
            summaries: summaries[cut..].to_vec(),
            source,
            bytes_done: bytes_total,
            bytes_total,
        },
        Fed::Done {
            messages: Vec::new(),
            sort: SortIndex::new(&opened.corpus.summaries),
            links: None,
        },
    ];
    (app, loader, send, parts)
}

#[test]
fn rows_and_progress_show_while_the_rest_is_read_then_the_total() {
    let truth = csv_rows();
    assert_eq!(truth.len(), 2);
    let (mut app, mut loader, send, parts) = reader();
    let mut parts = parts.into_iter();
    send.send(parts.next().unwrap()).unwrap();
    assert!(loader.pump(&mut app));
    let half = screen(&app);
    assert!(half.contains(&truth[0].0), "{half}");
    assert!(!half.contains(&truth[1].0), "{half}");
    let size = std::fs::metadata(sample()).unwrap().len();
    let cut_at = app_fixtures_offset_of_row(2);
    let percent = cut_at * 100 / size;
    assert!(percent < 100);
    assert!(half.contains("reading 1 of ~"), "{half}");
    assert!(half.contains(&format!("· {percent}%")), "{half}");
    // The status line names the file by its path on this machine: it is checked above, and
    // the rest of the screen is the snapshot.
    let lines: Vec<&str> = half.lines().collect();
    let without_status = lines[..lines.len() - 2].join("\n");
    insta::assert_snapshot!("corpus_half_read", without_status);
    // The first cable opened at once, while the rest is read.
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(truth[0].0.as_str())
    );
    for part in parts {
        send.send(part).unwrap();
    }
    loader.pump(&mut app);
    let all = screen(&app);
    assert!(all.contains("2 cables"), "{all}");
    assert!(loader.listed());
    // One row read alone left the keys with its paragraphs; the second gives them the list.
    assert_eq!(app.focus, cable_reader::app::state::Focus::Cables);
}

/// Where row `n` (1-based) of the sample begins: at its quoted row number.
fn app_fixtures_offset_of_row(n: usize) -> u64 {
    let text = std::fs::read(sample()).unwrap();
    let wanted = format!("\"{n}\",\"");
    let mut at = 0;
    loop {
        let found = text[at..]
            .windows(wanted.len())
            .position(|w| w == wanted.as_bytes())
            .unwrap()
            + at;
        if found == 0 || text[found - 1] == b'\n' {
            return found as u64;
        }
        at = found + 1;
    }
}

#[test]
fn sort_by_date_and_reverse_open_from_the_list_and_step() {
    let truth = csv_rows();
    let (mut app, mut loader, send, parts) = reader();
    for part in parts {
        send.send(part).unwrap();
    }
    loader.pump(&mut app);
    // `o` once: by date.
    update(&mut app, Action::SortNext);
    let list = app.list.as_ref().unwrap();
    let shown: Vec<String> = (0..2)
        .map(|at| list.row_at(at).unwrap().1.id.clone().unwrap())
        .collect();
    let mut by_date = truth.clone();
    by_date.sort_by(|a, b| a.1.cmp(&b.1));
    let expected: Vec<String> = by_date.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(shown, expected);
    update(&mut app, Action::SortReverse);
    let list = app.list.as_ref().unwrap();
    let reversed: Vec<String> = (0..2)
        .map(|at| list.row_at(at).unwrap().1.id.clone().unwrap())
        .collect();
    assert_eq!(reversed, expected.iter().rev().cloned().collect::<Vec<_>>());
    assert!(screen(&app).contains("sorted by date, reversed"));
    // Enter on the first row opens the first of the reversed list.
    assert_eq!(app.focus, cable_reader::app::state::Focus::Cables);
    update(&mut app, Action::First);
    update(&mut app, Action::Open);
    loader.pump(&mut app);
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(reversed[0].as_str())
    );
    // `]` steps to the next of the sorted list.
    update(&mut app, Action::NextCable);
    loader.pump(&mut app);
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(reversed[1].as_str())
    );
}

/// A generated dump of 3,000 rows, read by the real worker.
fn generated_reader() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    let tool =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", "3000"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let mut loader = Loader::start(vec![dump], Options::default());
    let mut app = App::new(Vec::new());
    app.list = Some(CorpusList::new(Default::default(), false));
    update(
        &mut app,
        Action::Resize {
            width: 140,
            height: 40,
        },
    );
    while loader.loading() {
        loader.pump(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    loader.pump(&mut app);
    (dir, app)
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        update(
            app,
            Action::PromptKey(cable_reader::config::keys::Key::char(c)),
        );
    }
    update(
        app,
        Action::PromptKey(cable_reader::config::keys::Key::plain(
            cable_reader::config::keys::KeyCode::Enter,
        )),
    );
}

#[test]
fn facet_counts_under_a_limit_equal_brute_force_counts_and_enter_adds_to_the_limit() {
    use cable_reader::app::facets::FacetRow;
    let (_dir, mut app) = generated_reader();
    assert_eq!(app.list.as_ref().unwrap().rows.len(), 3000);
    update(&mut app, Action::LimitStart);
    type_keys(&mut app, "~c C");
    let list = app.list.as_ref().unwrap();
    let limited: Vec<cable_reader::corpus::summary::Summary> = list
        .rows
        .iter()
        .filter(|row| {
            row.level
                .is_some_and(|l| l >= cable_reader::cable::Level::Confidential)
        })
        .cloned()
        .collect();
    assert_eq!(list.view.len(), limited.len());
    assert!(limited.len() < 3000);
    update(&mut app, Action::Facets);
    let mut section = "";
    let mut checked = 0;
    for row in &app.facets.rows {
        match row {
            FacetRow::Title(title) => section = title,
            FacetRow::Value { label, count, .. } => {
                let brute = limited
                    .iter()
                    .filter(|row| match section {
                        "Levels" => row.level.map_or("unknown", |l| l.abbreviation()) == label,
                        "Caveats" => row.caveats.contains(label),
                        "Years" => row.date.is_some_and(|d| d.year.to_string() == *label),
                        "Tags" => row.tags.contains(label),
                        _ => row.origin.as_deref() == Some(label.as_str()),
                    })
                    .count();
                assert_eq!(*count, brute, "{section}: {label}");
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked} values");
    // Every tag and year of the list is listed (origins: the top 50).
    let tags: std::collections::BTreeSet<&String> =
        limited.iter().flat_map(|row| row.tags.iter()).collect();
    let listed = app
        .facets
        .rows
        .iter()
        .skip_while(|row| **row != FacetRow::Title("Tags"))
        .filter(|row| matches!(row, FacetRow::Value { .. }))
        .count();
    assert_eq!(listed, tags.len());
    // Enter on the first year adds it to the limit: the list then holds that many.
    let at = app
        .facets
        .rows
        .iter()
        .position(|row| *row == FacetRow::Title("Years"))
        .unwrap();
    let Some(FacetRow::Value { count, label, .. }) = app.facets.rows.get(at + 1).cloned() else {
        panic!("a year");
    };
    while app.facets.cursor < at + 1 {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::FacetAdd);
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.view.len(), count, "{}", list.limit_text);
    assert!(list.limit_text.contains(&label), "{}", list.limit_text);
    // The filter box narrows the origins to those with the words typed.
    update(&mut app, Action::Facets);
    update(&mut app, Action::FacetFilter);
    type_keys(&mut app, "embassy");
    assert!(app
        .facets
        .rows
        .iter()
        .skip_while(|row| !matches!(row, FacetRow::Title(t) if t.starts_with("Origins")))
        .skip(1)
        .take_while(|row| matches!(row, FacetRow::Value { .. }))
        .all(|row| matches!(row, FacetRow::Value { label, .. } if label.to_lowercase().contains("embassy"))));
}

/// The reader as the program starts it over `paths`, with the state in `state_dir`, read to
/// the end.
fn reader_with_state(
    paths: Vec<std::path::PathBuf>,
    state_dir: &std::path::Path,
    settings: &cable_reader::config::CorpusSettings,
) -> App {
    let (store, warnings) = Store::open(state_dir).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let setup = cable_reader::app::state::Setup {
        store: Some(store),
        ..Default::default()
    };
    let (mut app, mut loader) =
        cable_reader::app::loading::start_reader(paths, Options::default(), setup, settings);
    update(
        &mut app,
        Action::Resize {
            width: 140,
            height: 30,
        },
    );
    loader.wait(&mut app);
    app
}

/// Ids of the rows in view, in order.
fn ids_in_view(app: &App) -> Vec<String> {
    let list = app.list.as_ref().unwrap();
    (0..list.view.len())
        .map(|at| list.row_at(at).unwrap().1.id.clone().unwrap_or_default())
        .collect()
}

#[test]
fn sort_and_limit_are_kept_per_source_and_the_config_applies_when_none_is_kept() {
    use cable_reader::config::CorpusSettings;
    use cable_reader::corpus::sort::SortKey;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let (dump, other) = (dir.path().join("cables.csv"), dir.path().join("other.csv"));
    let tool =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", "400"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    std::fs::copy(&dump, &other).unwrap();
    // The truth: the csv's own id and date columns.
    let rows = csv_rows_of(&dump);
    assert_eq!(rows.len(), 400);
    // Rows in view, newest first by the day of the csv's date column (rows are in file
    // order; the column's time is not the cable's own, which the sort uses within a day).
    let newest_first = |app: &App| {
        let view = &app.list.as_ref().unwrap().view;
        let dates: Vec<&str> = view
            .iter()
            .map(|&row| &rows[row as usize].1[..10])
            .collect();
        dates.windows(2).all(|pair| pair[0] >= pair[1])
    };
    let config = CorpusSettings::default();
    let mut app = reader_with_state(vec![dump.clone()], &state, &config);
    assert_eq!(ids_in_view(&app).len(), rows.len());
    update(&mut app, Action::SortNext);
    update(&mut app, Action::SortReverse);
    update(&mut app, Action::LimitStart);
    type_keys(&mut app, "~c S");
    let shown = ids_in_view(&app);
    assert!(!shown.is_empty() && shown.len() < rows.len(), "{shown:?}");
    assert!(newest_first(&app));
    app.store.save().unwrap();

    // The same file named another way opens as it was left.
    let roundabout = dir.path().join(".").join("cables.csv");
    let again = reader_with_state(vec![roundabout], &state, &config);
    let list = again.list.as_ref().unwrap();
    assert_eq!((list.sort_key, list.reverse), (SortKey::Date, true));
    assert_eq!(list.limit_text, "~c S");
    assert_eq!(ids_in_view(&again), shown);

    // Another source keeps nothing yet: the config's sort and limit.
    let configured = CorpusSettings {
        sort: SortKey::Id,
        limit: "~c S".to_owned(),
        ..CorpusSettings::default()
    };
    let fresh = reader_with_state(vec![other], &state, &configured);
    let list = fresh.list.as_ref().unwrap();
    assert_eq!((list.sort_key, list.reverse), (SortKey::Id, false));
    let mut by_id = shown.clone();
    by_id.sort();
    let mut fresh_ids = ids_in_view(&fresh);
    assert_eq!(fresh_ids.len(), shown.len());
    fresh_ids.sort();
    assert_eq!(fresh_ids, by_id);
}

#[test]
fn mouse_click_selects_a_second_click_opens_and_the_wheel_scrolls_the_corpus_list() {
    use cable_reader::app::state::Focus;
    // The truth: the folder's files, named by their cables' ids, listed in name order.
    let folder = app_fixtures::corpus().join("text");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (mut app, mut loader) = app_fixtures::reader_with(&[folder], Default::default());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    assert_eq!(app.list.as_ref().unwrap().view.len(), names.len());
    let inner = app.areas.cables_inner();
    let height = app.areas.cable_row_height();
    let in_view = app.areas.cables_in_view();
    assert!(in_view < names.len(), "the list must overflow: {in_view}");
    // A click on the fourth row selects it; nothing opens yet.
    let fourth = inner.y + 3 * height;
    update(
        &mut app,
        Action::Click {
            column: inner.x + 2,
            row: fourth,
        },
    );
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.cursor, 3);
    assert_eq!(list.wanted, None);
    assert_eq!(app.focus, Focus::Cables);
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(names[0].as_str())
    );
    // The second click on it opens it, in the paragraphs.
    update(
        &mut app,
        Action::Click {
            column: inner.x + 2,
            row: fourth,
        },
    );
    loader.pump(&mut app);
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(names[3].as_str())
    );
    assert_eq!(app.focus, Focus::Paragraphs);
    // The wheel over the list scrolls it by three rows; the cursor stays in view.
    for _ in 0..3 {
        update(
            &mut app,
            Action::Scroll {
                column: inner.x + 2,
                row: inner.y,
                lines: 1,
            },
        );
    }
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.offset, 9);
    assert_eq!(list.cursor, 9);
    let first_shown = screen(&app);
    assert!(first_shown.contains(&names[9]), "{first_shown}");
    assert!(!first_shown.contains(&names[8]), "{first_shown}");
    // Up again, past the top: the first row.
    for _ in 0..5 {
        update(
            &mut app,
            Action::Scroll {
                column: inner.x + 2,
                row: inner.y,
                lines: -1,
            },
        );
    }
    let list = app.list.as_ref().unwrap();
    assert_eq!(list.offset, 0);
    assert!(list.cursor < in_view);
    // Enter opens the row a click selected, too.
    update(
        &mut app,
        Action::Click {
            column: inner.x + 2,
            row: inner.y + height,
        },
    );
    assert_eq!(app.focus, Focus::Cables);
    update(&mut app, Action::Open);
    loader.pump(&mut app);
    assert_eq!(
        app.doc().unwrap().header.id.as_deref(),
        Some(names[1].as_str())
    );
}

#[test]
fn files_that_fail_or_are_no_cables_are_named_in_the_reader_and_kept_for_the_exit() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.txt");
    std::fs::write(&readme, "Notes on these files.\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let seed = app_fixtures::seed_path();
    let app = app_fixtures::read(&[missing.clone(), readme.clone(), seed]);
    // The cable that could be read is open; the list holds it alone.
    assert_eq!(app.list.as_ref().unwrap().rows.len(), 1);
    assert_eq!(app.doc().unwrap().header.id.as_deref(), Some("10MEXICO83"));
    let messages = &app.list.as_ref().unwrap().messages;
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with(&format!("{}: cannot read: ", missing.display())));
    assert!(messages[1].starts_with(&format!("{}: not a cable: ", readme.display())));
    let shown = &app.message.as_ref().unwrap().text;
    assert!(
        shown.starts_with(&format!("{}: cannot read: ", missing.display())),
        "{shown}"
    );
    assert!(
        shown.ends_with("(and 1 more, all listed on exit)"),
        "{shown}"
    );
}
