//! The links pane and the jump list through `update`, over the 464 WikiLeaks pages read by
//! the real worker. The truth is the pages themselves: the REF line of a cable's body (as
//! WikiLeaks published it) and the file names (one page per cable id); cited-by is checked
//! against a plain scan of every summary's references, and against the limit `~r ID`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::collections::BTreeSet;
use std::path::PathBuf;

use cable_reader::app::links::{LinkRow, LinkedCable};
use cable_reader::app::list::CorpusList;
use cable_reader::app::loading::Loader;
use cable_reader::app::mode::{Focus, Mode};
use cable_reader::app::{update, Action, App};
use cable_reader::config::keys::{Key, KeyCode};
use cable_reader::corpus::limit::parse_limit;
use cable_reader::corpus::open::Options;
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn pages() -> PathBuf {
    app_fixtures::corpus().join("wikileaks-html")
}

/// The body's `REF:` line of a page, as published: `MADRID 208`.
fn ref_line(id: &str) -> String {
    let page = std::fs::read_to_string(pages().join(format!("{id}.html"))).unwrap();
    let body = &page[page.find("SUBJECT:").unwrap()..];
    let at = body.find("REF: ").unwrap() + "REF: ".len();
    let end = body[at..].find("&#x000A;").unwrap();
    body[at..at + end].trim().to_owned()
}

/// The reader over the pages, every row read by the real worker, at `width`×`height`.
fn reader(width: u16, height: u16) -> (App, Loader) {
    let mut loader = Loader::start(vec![pages()], Options::default());
    let mut app = App::new(Vec::new());
    app.list = Some(CorpusList::new(Default::default(), false));
    update(&mut app, Action::Resize { width, height });
    while loader.loading() {
        loader.pump(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    loader.pump(&mut app);
    (app, loader)
}

/// `:` go to `id`, as typed, and the loop reads the cable.
fn go_to(app: &mut App, loader: &mut Loader, id: &str) {
    update(app, Action::GoToStart);
    for c in id.chars() {
        update(app, Action::PromptKey(Key::char(c)));
    }
    update(app, Action::PromptKey(Key::plain(KeyCode::Enter)));
    loader.pump(app);
}

fn open_id(app: &App) -> String {
    app.doc().unwrap().header.id.clone().unwrap()
}

/// The cables listed in the pane's section `n` (0: references, 1: cited by).
fn section(app: &App, n: usize) -> Vec<LinkedCable> {
    let mut at = None;
    let mut cables = Vec::new();
    for row in &app.links.pane.rows {
        match row {
            LinkRow::Title(_) => at = Some(at.map_or(0, |a| a + 1)),
            LinkRow::Cable(cable) if at == Some(n) => cables.push(cable.clone()),
            _ => {}
        }
    }
    cables
}

fn draw(app: &App) -> ratatui::buffer::Buffer {
    let size = app.areas.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The text of `area` of the screen.
fn text_of(buffer: &ratatui::buffer::Buffer, area: ratatui::layout::Rect) -> String {
    let mut text = String::new();
    for y in area.y..area.bottom() {
        for x in area.x..area.right() {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// Where the reader is: the open cable, selected paragraph, text scroll, focus.
fn place(app: &App) -> (String, Option<usize>, usize, Focus) {
    (
        open_id(app),
        app.reader.selected_para(),
        app.reader.text_scroll,
        app.focus,
    )
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The place of the cable the reader opened first: the first page by file name, its first
/// paragraph, the list focused (as the reader starts over several cables).
fn place_of_first() -> (String, Option<usize>, usize, Focus) {
    let mut names: Vec<String> = std::fs::read_dir(pages())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".html"))
        .collect();
    names.sort();
    let first = names[0].trim_end_matches(".html").to_owned();
    (first, Some(0), 0, Focus::Cables)
}

#[test]
fn the_pane_lists_references_and_citers_enter_opens_ctrl_o_and_ctrl_n_restore_the_place() {
    // The page of 07MADRID210 refers to MADRID 208; that page is in the folder.
    assert_eq!(ref_line("07MADRID210"), "MADRID 208");
    assert!(pages().join("07MADRID208.html").exists());
    // 07MADRID208 refers to MADRID 00197, which has no page here.
    assert_eq!(ref_line("07MADRID208"), "MADRID 00197");
    assert!(!pages().join("07MADRID197.html").exists());

    let (mut app, mut loader) = reader(140, 40);
    go_to(&mut app, &mut loader, "07madrid210");
    assert_eq!(open_id(&app), "07MADRID210");
    // A place worth restoring: the whole cable, its text focused and scrolled.
    assert_eq!(app.focus, Focus::Cables);
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::ToggleWhole);
    update(&mut app, Action::FocusNext);
    for _ in 0..5 {
        update(&mut app, Action::Down);
    }
    let left = place(&app);
    assert!(left.2 > 0);
    assert_eq!(left.3, Focus::Text);

    update(&mut app, Action::Links);
    assert_eq!(app.mode, Mode::Links);
    let rows = &app.list.as_ref().unwrap().rows;
    let row_208 = rows
        .iter()
        .position(|s| s.id.as_deref() == Some("07MADRID208"))
        .unwrap();
    assert_eq!(
        section(&app, 0),
        [LinkedCable {
            id: "07MADRID208".into(),
            row: Some(row_208),
            // The SUBJECT line of the page 07MADRID208.html.
            subject: Some("SPAIN: ZAPATERO'S DECISION ON AFGHANISTAN FIRM".into()),
        }]
    );
    let citing_210: Vec<String> = rows
        .iter()
        .filter(|s| s.references.iter().any(|r| r == "07MADRID210"))
        .filter_map(|s| s.id.clone())
        .collect();
    let shown: Vec<String> = section(&app, 1).into_iter().map(|c| c.id).collect();
    assert_eq!(shown, citing_210);

    // j/k/g/G stay on cable rows; Enter opens 07MADRID208 through the list.
    update(&mut app, Action::Last);
    update(&mut app, Action::First);
    assert_eq!(app.links.pane.selected().unwrap().id, "07MADRID208");
    update(&mut app, Action::Open);
    assert_eq!(app.mode, Mode::Normal);
    loader.pump(&mut app);
    assert_eq!(open_id(&app), "07MADRID208");
    assert_eq!(app.list.as_ref().unwrap().open_row, Some(row_208));

    // Its pane: the reference not in the collection, and 07MADRID210 citing it.
    update(&mut app, Action::Links);
    assert_eq!(
        section(&app, 0),
        [LinkedCable {
            id: "07MADRID197".into(),
            row: None,
            subject: None,
        }]
    );
    assert!(section(&app, 1).iter().any(|c| c.id == "07MADRID210"));
    // Enter on a cable not here says so and keeps the pane.
    update(&mut app, Action::Open);
    assert_eq!(app.mode, Mode::Links);
    assert!(message(&app).contains("not in this collection"));
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    update(&mut app, Action::Links);
    update(&mut app, Action::Quit);
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit, "q closes the pane, it does not quit");

    // Somewhere in 07MADRID208, then Ctrl-o: back on 07MADRID210 where it was left.
    update(&mut app, Action::Down);
    let there = place(&app);
    update(&mut app, Action::JumpBack);
    loader.pump(&mut app);
    assert_eq!(place(&app), left);
    let list = app.list.as_ref().unwrap();
    assert_eq!(
        list.row_at(list.cursor).unwrap().1.id.as_deref(),
        Some("07MADRID210")
    );
    // Before that, `:` go to left the cable opened first (the first page by name).
    let first = place_of_first();
    update(&mut app, Action::JumpBack);
    loader.pump(&mut app);
    assert_eq!(place(&app), first);
    // Nothing earlier: Ctrl-o says so and stays.
    update(&mut app, Action::JumpBack);
    loader.pump(&mut app);
    assert_eq!(place(&app), first);
    assert!(message(&app).contains("no earlier place"));
    // Ctrl-n, Ctrl-n: forward to 07MADRID210, then 07MADRID208, each as it was left.
    update(&mut app, Action::JumpForward);
    loader.pump(&mut app);
    assert_eq!(place(&app), left);
    update(&mut app, Action::JumpForward);
    loader.pump(&mut app);
    assert_eq!(place(&app), there);
    update(&mut app, Action::JumpForward);
    assert!(message(&app).contains("no later place"));
}

#[test]
fn cited_by_in_the_pane_is_a_scan_of_every_summary_and_what_tilde_r_selects() {
    let (mut app, mut loader) = reader(140, 40);
    let rows = app.list.as_ref().unwrap().rows.clone();
    assert_eq!(rows.len(), 464);
    let mut ids: Vec<String> = rows.iter().filter_map(|s| s.id.clone()).collect();
    ids.sort();
    ids.dedup();
    let mut cited_somewhere = 0;
    for id in &ids {
        let row = rows.iter().position(|s| s.id.as_ref() == Some(id)).unwrap();
        // Open that row's cable as the list would, then the pane.
        app.list.as_mut().unwrap().wanted = Some(row);
        loader.pump(&mut app);
        update(&mut app, Action::Links);
        assert_eq!(app.mode, Mode::Links, "{id}");
        let pane: BTreeSet<String> = section(&app, 1).into_iter().map(|c| c.id).collect();
        // Brute force: every other cable naming this id among its references.
        let scan: BTreeSet<String> = rows
            .iter()
            .filter(|s| s.id.as_ref() != Some(id) && s.references.contains(id))
            .filter_map(|s| s.id.clone())
            .collect();
        assert_eq!(pane, scan, "cited-by of {id}");
        let limit = parse_limit(&format!("~r {id}")).unwrap();
        let selected: BTreeSet<String> = rows
            .iter()
            .filter(|s| limit.matches(s))
            .filter_map(|s| s.id.clone())
            .collect();
        assert_eq!(pane, selected, "~r {id}");
        // Each reference is found exactly when a page has that id.
        for cable in section(&app, 0) {
            let page = pages().join(format!("{}.html", cable.id)).exists();
            assert_eq!(cable.row.is_some(), page, "{id} → {}", cable.id);
        }
        cited_somewhere += usize::from(!pane.is_empty());
        update(&mut app, Action::Cancel);
    }
    // The check is not empty: some cables here are cited by others here.
    assert!(cited_somewhere > 0);
}

#[test]
fn the_pane_as_drawn_and_the_reference_found_highlighted_in_the_header() {
    use ratatui::style::Modifier;
    let (mut app, mut loader) = reader(120, 30);
    go_to(&mut app, &mut loader, "07MADRID208");
    update(&mut app, Action::Links);
    // The pane alone: the status bar around it names the folder, which differs by machine.
    let area = cable_reader::app::layout::bookmarks_area(app.areas.size, app.links.pane.rows.len());
    insta::assert_snapshot!("links_pane_07madrid208", text_of(&draw(&app), area));

    // In the header of 07MADRID210, `MADRID 208` (its REF, in the collection) stands out;
    // in that of 07MADRID208, `MADRID 00197` (not here) does not.
    let underlined = |app: &App, written: &str| -> Option<bool> {
        let buffer = draw(app);
        let header = app.areas.header;
        let line_of = |y: u16| {
            text_of(
                &buffer,
                ratatui::layout::Rect::new(0, y, buffer.area.width, 1),
            )
        };
        let y = (header.y..header.bottom()).find(|&y| line_of(y).contains("Ref: "))?;
        let line = line_of(y);
        let at = line.find(written)?;
        let column = u16::try_from(line[..at].chars().count()).unwrap();
        let written_width = u16::try_from(written.chars().count()).unwrap();
        Some((column..column + written_width).all(|x| {
            buffer[(x, y)]
                .style()
                .add_modifier
                .contains(Modifier::UNDERLINED)
        }))
    };
    update(&mut app, Action::Cancel);
    assert_eq!(underlined(&app, "MADRID 00197"), Some(false));
    go_to(&mut app, &mut loader, "07MADRID210");
    assert_eq!(underlined(&app, "MADRID 208"), Some(true));
}

#[test]
fn keys_of_the_pane_and_the_jump_list() {
    use cable_reader::app::keymap::Keymap;
    let map = Keymap::default();
    let reader = |key| map.action(Mode::Normal, Focus::Text, key);
    assert_eq!(reader(Key::char('r')), Some(Action::Links));
    assert_eq!(reader(Key::ctrl('o')), Some(Action::JumpBack));
    assert_eq!(reader(Key::ctrl('n')), Some(Action::JumpForward));
    // Tab still switches panes (vim's Ctrl-i arrives as Tab).
    assert_eq!(reader(Key::plain(KeyCode::Tab)), Some(Action::FocusNext));
    let pane = |key| map.action(Mode::Links, Focus::Text, key);
    assert_eq!(pane(Key::char('j')), Some(Action::Down));
    assert_eq!(pane(Key::plain(KeyCode::Up)), Some(Action::Up));
    assert_eq!(pane(Key::char('G')), Some(Action::Last));
    assert_eq!(pane(Key::plain(KeyCode::Enter)), Some(Action::Open));
    assert_eq!(pane(Key::plain(KeyCode::Esc)), Some(Action::Cancel));
    assert_eq!(pane(Key::char('q')), Some(Action::Quit));
}

/// Cables given whole (no corpus list): the pane and the jump list work over the entries.
#[test]
fn over_cables_given_whole_the_pane_opens_the_entry_and_ctrl_o_returns() {
    use cable_reader::app::state::Entry;
    use cable_reader::cable::model::Reference;
    use std::borrow::Cow;
    let mut citing = app_fixtures::cable("10TEST1");
    citing.references = vec![
        Reference {
            letter: Some('A'),
            written: Cow::Borrowed("10 TEST 2"),
            id: Some("10TEST2".into()),
        },
        Reference {
            letter: Some('B'),
            written: Cow::Borrowed("10 TEST 9"),
            id: Some("10TEST9".into()),
        },
    ];
    let entries = vec![
        Entry::cable("one.txt".into(), None, citing),
        Entry::cable("two.txt".into(), None, app_fixtures::cable("10TEST2")),
    ];
    let mut app = App::new(entries);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    update(&mut app, Action::Links);
    let found: Vec<(String, Option<usize>)> = section(&app, 0)
        .into_iter()
        .map(|c| (c.id, c.row))
        .collect();
    assert_eq!(
        found,
        [
            ("10TEST2".to_owned(), Some(1)),
            ("10TEST9".to_owned(), None)
        ]
    );
    update(&mut app, Action::Open);
    assert_eq!(open_id(&app), "10TEST2");
    // 10TEST2's pane: cited by 10TEST1.
    update(&mut app, Action::Links);
    let citers: Vec<String> = section(&app, 1).into_iter().map(|c| c.id).collect();
    assert_eq!(citers, ["10TEST1"]);
    update(&mut app, Action::Cancel);
    update(&mut app, Action::JumpBack);
    assert_eq!(open_id(&app), "10TEST1");
    update(&mut app, Action::JumpForward);
    assert_eq!(open_id(&app), "10TEST2");
}
