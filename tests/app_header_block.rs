//! The cable's header block at the top of the whole-cable view, over real WikiLeaks pages.
//! The truth is each page's own text: its header lines as published (07MADRID210 writes
//! `REF: MADRID 208`; the page 07MADRID208.html exists in the folder), the words of its
//! body (for the search count), and the page's classification line (for a warning about it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::path::PathBuf;

use cable_reader::app::header_block::BlockPart;
use cable_reader::app::state::Setup;
use cable_reader::app::wrap::LineKind;
use cable_reader::app::{update, Action, App, Effect};
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

fn page(id: &str) -> PathBuf {
    app_fixtures::corpus()
        .join("wikileaks-html")
        .join(format!("{id}.html"))
}

/// The lines of the cable text a page publishes (its `<pre>` blocks: routing, then the
/// cable), links taken out, each trimmed.
fn page_lines(id: &str) -> Vec<String> {
    let html = std::fs::read_to_string(page(id)).unwrap();
    let mut text = String::new();
    for block in html.split("<pre>").skip(1) {
        let block = block.split("</pre>").next().unwrap();
        let mut inside_tag = false;
        for c in block.chars() {
            match c {
                '<' => inside_tag = true,
                '>' => inside_tag = false,
                _ if !inside_tag => text.push(c),
                _ => {}
            }
        }
        text.push_str("&#x000A;");
    }
    text.split("&#x000A;")
        .map(|line| line.trim().to_owned())
        .collect()
}

/// The reader over `paths` at `width`×`height`, the cable `id` open in the whole-cable
/// view (routing shown if `routing`).
fn reader(paths: &[PathBuf], id: &str, size: (u16, u16), routing: bool) -> App {
    let mut setup = Setup::default();
    setup.settings.show_routing = routing;
    let (mut app, mut loader) = app_fixtures::reader_with(paths, setup);
    update(
        &mut app,
        Action::Resize {
            width: size.0,
            height: size.1,
        },
    );
    if app.doc().and_then(|d| d.header.id.as_deref()) != Some(id) {
        update(&mut app, Action::GoToStart);
        for c in id.chars() {
            update(
                &mut app,
                Action::PromptKey(cable_reader::config::keys::Key::char(c)),
            );
        }
        update(
            &mut app,
            Action::PromptKey(cable_reader::config::keys::Key::plain(
                cable_reader::config::keys::KeyCode::Enter,
            )),
        );
        loader.pump(&mut app);
    }
    assert_eq!(app.doc().unwrap().header.id.as_deref(), Some(id));
    update(&mut app, Action::ToggleWhole);
    assert!(app.whole);
    app
}

fn draw(app: &App) -> Buffer {
    let size = app.areas.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// A found reference's look: the theme's `reference_found`.
fn lit(cell: &ratatui::buffer::Cell) -> bool {
    cell.fg == Color::Cyan && cell.modifier.contains(Modifier::UNDERLINED)
}

/// The screen as text, and under a row holding lit cells a row of `^` under them.
fn screen(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut row = String::new();
        let mut marks = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            row.push_str(cell.symbol());
            marks.push(if lit(cell) { '^' } else { ' ' });
        }
        out.push_str(row.trim_end());
        out.push('\n');
        if marks.contains('^') {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The runs of lit cells inside `area`, as text.
fn lit_runs(buffer: &Buffer, area: ratatui::layout::Rect) -> Vec<String> {
    let mut runs = Vec::new();
    for y in area.y..area.bottom() {
        let mut run = String::new();
        for x in area.x..area.right() {
            let cell = &buffer[(x, y)];
            if lit(cell) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

/// The header block's lines the text pane shows (the routing's only when asked for).
fn block_texts(app: &App) -> Vec<(BlockPart, String)> {
    app.doc()
        .unwrap()
        .header_block
        .iter()
        .zip(&app.reader.wrapped.header)
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(line, _)| (line.part, line.text.clone()))
        .collect()
}

/// `C O N F I D E N T I A L MADRID 000210` with its spaced letters closed up.
fn closed_up(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut out = String::new();
    let mut letters = true;
    for word in words {
        if letters && word.len() == 1 {
            out.push_str(word);
            continue;
        }
        letters = false;
        out.push(' ');
        out.push_str(word);
    }
    out
}

#[test]
fn the_header_block_is_the_cables_own_header_in_its_order() {
    let lines = page_lines("07MADRID210");
    let app = reader(&[page("07MADRID210")], "07MADRID210", (100, 40), false);
    let block = block_texts(&app);
    let parts: Vec<BlockPart> = block.iter().map(|(part, _)| *part).collect();
    assert_eq!(
        parts,
        [
            BlockPart::Classification,
            BlockPart::ExecutiveOrder,
            BlockPart::Tags,
            BlockPart::Subject,
            BlockPart::References,
            BlockPart::ClassifiedBy,
        ]
    );
    // The classification line as the page writes it, letters closed up.
    let classification = lines
        .iter()
        .find(|line| line.starts_with("C O N F"))
        .unwrap();
    assert_eq!(block[0].1, closed_up(classification));
    assert_eq!(block[0].1, "CONFIDENTIAL MADRID 000210");
    // E.O., SUBJECT, REF and Classified By are the page's lines word for word, in the
    // page's order.
    let at = |text: &str| lines.iter().position(|line| line == text);
    let verbatim: Vec<Option<usize>> = [1, 3, 4, 5].iter().map(|&i| at(&block[i].1)).collect();
    assert!(verbatim.iter().all(Option::is_some), "{block:?}");
    assert!(verbatim.windows(2).all(|w| w[0] < w[1]), "{verbatim:?}");
    // TAGS: the page's tags, which it separates by spaces, the block by commas.
    let page_tags: Vec<&str> = lines
        .iter()
        .find_map(|line| line.strip_prefix("TAGS: "))
        .unwrap()
        .split_whitespace()
        .collect();
    let tags = block[2].1.strip_prefix("TAGS: ").unwrap();
    assert_eq!(tags.split(", ").collect::<Vec<_>>(), page_tags);
    assert!(at("TAGS: MARR PREL PGOV SP") < verbatim[1]);

    // With the routing shown: the date-time group and FM lines come first, as published.
    let app = reader(&[page("07MADRID210")], "07MADRID210", (100, 40), true);
    let block = block_texts(&app);
    assert_eq!(
        block[0],
        (BlockPart::DateTimeGroup, "O 071752Z FEB 07".to_owned())
    );
    assert_eq!(
        block[1],
        (BlockPart::From, "FM AMEMBASSY MADRID".to_owned())
    );
    assert!(at(&block[0].1).is_some() && at(&block[1].1).is_some());
    let wrapped = &app.reader.wrapped;
    assert_eq!(wrapped.lines[0].kind, LineKind::Header { line: 0 });
}

#[test]
fn a_reference_to_a_cable_of_the_collection_is_lit_in_the_text_pane_and_the_bar() {
    assert!(page("07MADRID208").exists());
    let app = reader(
        &[page("07MADRID210"), page("07MADRID208")],
        "07MADRID210",
        (100, 32),
        false,
    );
    let buffer = draw(&app);
    // The status line names the file by its path, which depends on the checkout.
    let shown: Vec<String> = screen(&buffer)
        .lines()
        .map(|line| match line.find(".html │") {
            Some(at) => format!("[path]{}", &line[at + ".html".len()..]),
            None => line.to_owned(),
        })
        .collect();
    insta::assert_snapshot!("madrid210_whole_with_208", shown.join("\n"));
    // The REF line's `MADRID 208` (as the page writes it), in the bar and in the text.
    let text_pane = app.areas.text_inner();
    assert_eq!(lit_runs(&buffer, text_pane), ["MADRID 208"]);
    assert_eq!(lit_runs(&buffer, buffer.area), ["MADRID 208", "MADRID 208"]);

    // Opened alone, the collection lacks 07MADRID208: nothing is lit.
    let alone = reader(&[page("07MADRID210")], "07MADRID210", (100, 32), false);
    let buffer = draw(&alone);
    assert!(lit_runs(&buffer, buffer.area).is_empty());
    let ref_line = screen(&buffer)
        .lines()
        .find(|line| line.contains("REF: MADRID 208"))
        .map(str::to_owned);
    assert!(ref_line.is_some());
}

/// How often `word` stands in the cable text of a page, any case, from the SUBJECT line on.
fn count_in_page(id: &str, word: &str) -> (usize, usize) {
    let lines = page_lines(id);
    let from = lines
        .iter()
        .position(|l| l.starts_with("SUBJECT:"))
        .unwrap();
    let count = |line: &String| line.to_lowercase().matches(word).count();
    (
        count(&lines[from]),
        lines[from + 1..].iter().map(count).sum(),
    )
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn search_walks_the_header_block_first_in_the_whole_cable_view() {
    let (in_subject, in_body) = count_in_page("07MADRID210", "afghanistan");
    assert_eq!(in_subject, 1);
    assert!(in_body > 1);
    let mut app = reader(&[page("07MADRID210")], "07MADRID210", (100, 32), false);
    update(&mut app, Action::SearchStart);
    for c in "afghanistan".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    update(&mut app, Action::SearchConfirm);
    assert_eq!(app.search.header.len(), in_subject);
    assert_eq!(app.search.matches.len(), in_body);
    let total = in_subject + in_body;
    // From the top, the first match is the subject's, on the block's SUBJECT line in view.
    assert_eq!(app.search.current_header, Some(0));
    assert_eq!(app.search.current, None);
    assert_eq!(message(&app), format!("Match 1 of {total}"));
    let subject = app
        .doc()
        .unwrap()
        .header_block
        .iter()
        .position(|line| line.part == BlockPart::Subject)
        .unwrap();
    let subject_line = app.reader.wrapped.header[subject].start;
    assert!(app.reader.text_scroll <= subject_line);
    let buffer = draw(&app);
    let status = screen(&buffer);
    assert!(
        status.contains(&format!("/afghanistan 1/{total}")) && !status.contains("header"),
        "{status}"
    );
    // The match is drawn on the SUBJECT line as the current one.
    let subject_row = text_row(&app, subject_line);
    let current = (0..buffer.area.width)
        .filter(|&x| buffer[(x, subject_row)].modifier.contains(Modifier::BOLD))
        .filter(|&x| buffer[(x, subject_row)].bg == Color::Yellow)
        .count();
    assert_eq!(current, "AFGHANISTAN".len(), "{status}");
    // n goes on to the paragraphs, N comes back, N again wraps to the last.
    update(&mut app, Action::SearchNext);
    assert_eq!(
        (app.search.current_header, app.search.current),
        (None, Some(0))
    );
    assert_eq!(message(&app), format!("Match 2 of {total}"));
    update(&mut app, Action::SearchPrev);
    assert_eq!(app.search.current_header, Some(0));
    update(&mut app, Action::SearchPrev);
    assert_eq!(app.search.current, Some(in_body - 1));
    assert_eq!(
        message(&app),
        format!("Match {total} of {total} (wrapped around)")
    );

    // The paragraph view does not show the header: n walks the paragraphs only, and the
    // status counts the header's apart.
    update(&mut app, Action::ToggleWhole);
    update(&mut app, Action::SearchNext);
    assert_eq!(
        message(&app),
        format!("Match 1 of {in_body} (wrapped around); also 1 in the header (subject)")
    );
    let status = screen(&draw(&app));
    assert!(
        status.contains(&format!("1/{in_body} +1 header")),
        "{status}"
    );
}

/// The screen row showing wrapped line `line` of the text.
fn text_row(app: &App, line: usize) -> u16 {
    let inner = app.areas.text_inner();
    inner.y + u16::try_from(line - app.reader.text_scroll).unwrap()
}

#[test]
fn a_header_warning_scrolls_to_its_line_in_the_header_block() {
    // 08LONDON1991's text says CONFIDENTIAL, its page's metadata CONFIDENTIAL//NOFORN: the
    // warning is about the classification line.
    let mut app = reader(&[page("08LONDON1991")], "08LONDON1991", (100, 32), false);
    let warnings = &app.doc().unwrap().warnings;
    let at = warnings
        .iter()
        .position(|w| {
            w.text
                .starts_with("the text classifies the cable CONFIDENTIAL")
        })
        .unwrap();
    update(&mut app, Action::ToggleWhole);
    assert!(!app.whole);
    update(&mut app, Action::Warnings);
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Open);
    assert!(app.whole);
    assert_eq!(app.block_highlight, Some(BlockPart::Classification));
    let doc = app.doc().unwrap();
    let index = doc
        .header_block
        .iter()
        .position(|line| line.part == BlockPart::Classification)
        .unwrap();
    // The line shown is the page's classification line.
    let page_line = page_lines("08LONDON1991")
        .into_iter()
        .find(|line| line.starts_with("C O N F"))
        .unwrap();
    assert_eq!(doc.header_block[index].text, closed_up(&page_line));
    let line = app.reader.wrapped.header[index].start;
    assert_eq!(app.reader.text_scroll, line.min(app.reader.text_scroll));
    let buffer = draw(&app);
    let row = text_row(&app, line);
    let inner = app.areas.text_inner();
    assert_eq!(buffer[(inner.x, row)].bg, Color::LightRed);
    assert!(
        message(&app).starts_with("In the header's classification line: the text classifies"),
        "{}",
        message(&app)
    );
}

#[test]
fn warnings_about_header_lines_the_block_shows_or_does_not() {
    let text = app_fixtures::WARNED_TEXT;
    let with_warning = |at: usize| {
        let mut app = app_fixtures::warned_app(120, 40);
        let loaded = app.entries[0].content.as_mut().unwrap();
        loaded.cable.warnings = vec![cable_reader::cable::Warning::at(at, "odd")];
        loaded.doc = cable_reader::app::doc::Doc::new(&loaded.cable);
        update(&mut app, Action::Warnings);
        update(&mut app, Action::Open);
        app
    };
    // On the TAGS line: the block's TAGS line, in view and highlighted.
    let app = with_warning(text.find("TAGS: PREL").unwrap() + 6);
    assert_eq!(app.block_highlight, Some(BlockPart::Tags));
    let doc = app.doc().unwrap();
    let tags = doc
        .header_block
        .iter()
        .position(|l| l.part == BlockPart::Tags)
        .unwrap();
    assert_eq!(doc.header_block[tags].text, "TAGS: PREL");
    let line = app.reader.wrapped.header[tags].start;
    let rows = usize::from(app.areas.text_inner().height);
    assert!((app.reader.text_scroll..app.reader.text_scroll + rows).contains(&line));
    // On the E.O. line.
    let app = with_warning(text.find("DECL").unwrap());
    assert_eq!(app.block_highlight, Some(BlockPart::ExecutiveOrder));
    assert_eq!(
        message(&app),
        "In the header's E.O. line: odd (whole cable shown)"
    );
    // On the blank line after the classification line: no part of the header, no line
    // of the block.
    let app = with_warning(text.find("000123\n\n").unwrap() + 7);
    assert_eq!(app.block_highlight, None);
    assert_eq!(
        message(&app),
        "In the header's id and date line: odd (the text pane's header block has no line \
         for it: it shows no dateline and no line above the classification line)"
    );
}

#[test]
fn copying_the_whole_cable_writes_the_header_once() {
    let mut app = reader(&[page("07MADRID210")], "07MADRID210", (100, 32), false);
    let Some(Effect::Copy(text)) = update(&mut app, Action::Copy) else {
        panic!("no copy");
    };
    // The plain form's header facts, not the block as well.
    assert_eq!(text.matches("MADRID 208").count(), 1, "{text}");
    assert_eq!(text.matches("FM MORATINOS ON AFGHANISTAN").count(), 1);
    assert!(!text.contains("REF: MADRID 208"));
}

#[test]
fn a_resize_keeps_the_header_line_at_the_top() {
    let mut app = reader(&[page("07MADRID210")], "07MADRID210", (100, 32), false);
    assert_eq!(app.reader.text_scroll, 0);
    let references = app
        .doc()
        .unwrap()
        .header_block
        .iter()
        .position(|line| line.part == BlockPart::References)
        .unwrap();
    // Scrolled down to the REF line, then narrower: the REF line stays on top.
    let at = app.reader.wrapped.header[references].start;
    for _ in 0..at {
        update(&mut app, Action::FocusNext);
        if app.focus == cable_reader::app::state::Focus::Text {
            break;
        }
    }
    assert_eq!(app.focus, cable_reader::app::state::Focus::Text);
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.reader.text_scroll, at);
    update(
        &mut app,
        Action::Resize {
            width: 70,
            height: 32,
        },
    );
    let top = &app.reader.wrapped.lines[app.reader.text_scroll];
    assert_eq!(top.kind, LineKind::Header { line: references });
}
