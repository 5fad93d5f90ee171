//! Each screen drawn into a `TestBackend` and compared with its reviewed snapshot. Where
//! colour matters (markings, search highlights) a line of marks under a row shows which
//! cells carry it, so the snapshot shows it too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::borrow::Cow;

use cable_reader::app::state::Entry;
use cable_reader::app::{update, Action, App};
use cable_reader::cable::{Cable, Level, Paragraph};
use cable_reader::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

fn draw(app: &App, theme: &Theme) -> Buffer {
    let size = app.areas.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text; under a row where some cell satisfies `mark`, a row of `^` marks.
fn screen(buffer: &Buffer, mark: impl Fn(&ratatui::buffer::Cell) -> bool) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        let mut marks = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                // the second column of a wide character
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            let width = unicode_width::UnicodeWidthStr::width(symbol);
            skip = width.saturating_sub(1);
            row.push_str(symbol);
            for _ in 0..width.max(1) {
                marks.push(if mark(cell) { '^' } else { ' ' });
            }
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

fn plain(buffer: &Buffer) -> String {
    screen(buffer, |_| false)
}

/// Reads like the app (the corpus reader, everything read), naming files from the corpus
/// folder so snapshots do not depend on where the corpus is.
fn read_corpus(path: std::path::PathBuf) -> App {
    reader_over(path).0
}

/// [`read_corpus`], and the loader that reads the cables opened later.
fn reader_over(path: std::path::PathBuf) -> (App, cable_reader::app::loading::Loader) {
    let (mut app, loader) = app_fixtures::reader_with(&[path], Default::default());
    short_names(&mut app);
    (app, loader)
}

/// Names files from the corpus folder, wherever it is.
fn short_names(app: &mut App) {
    let prefix = format!("{}/", app_fixtures::corpus().display());
    for entry in &mut app.entries {
        if let Some(rest) = entry.name.strip_prefix(&prefix) {
            entry.name = format!("corpus/{rest}");
        }
    }
}

fn seed(width: u16, height: u16) -> App {
    let mut app = read_corpus(app_fixtures::seed_path());
    assert!(
        app.entries.iter().all(|e| e.content.is_ok()),
        "the seed parses"
    );
    update(&mut app, Action::Resize { width, height });
    app
}

fn is_highlight(cell: &ratatui::buffer::Cell) -> bool {
    cell.bg == Color::Yellow
}

#[test]
fn seed_at_120x40() {
    let app = seed(120, 40);
    insta::assert_snapshot!("seed_120x40", plain(&draw(&app, &Theme::default())));
}

#[test]
fn seed_whole_cable() {
    let mut app = seed(120, 40);
    for action in [
        Action::ToggleWhole,
        Action::Down,
        Action::Down,
        Action::Down,
    ] {
        update(&mut app, action);
    }
    insta::assert_snapshot!("seed_whole_120x40", plain(&draw(&app, &Theme::default())));
}

#[test]
fn seed_filtered_to_confidential_and_up() {
    let mut app = seed(120, 40);
    update(&mut app, Action::StepThreshold);
    update(&mut app, Action::StepThreshold);
    let buffer = draw(&app, &Theme::default());
    let text = plain(&buffer);
    assert!(text.contains("filter C+"));
    assert!(!text.contains("(SBU) "), "SBU paragraphs left the list");
    insta::assert_snapshot!("seed_filter_c_and_up", text);
}

#[test]
fn seed_whole_cable_says_where_paragraphs_are_hidden() {
    // 10MEXICO83 with SBU hidden: ¶12 (SBU) opens "Change on the Horizon"; its heading
    // stays over ¶13, and the text says what was left out, where.
    let mut app = seed(120, 40);
    update(
        &mut app,
        Action::ToggleLevel(Level::SensitiveButUnclassified),
    );
    update(&mut app, Action::ToggleWhole);
    for _ in 0..5 {
        update(&mut app, Action::Down);
    }
    let text = plain(&draw(&app, &Theme::default()));
    assert!(text.contains("paragraph hidden: SBU]") || text.contains("paragraphs hidden: SBU]"));
    assert!(text.contains("Change on the Horizon"));
    insta::assert_snapshot!("seed_whole_sbu_hidden", text);
}

#[test]
fn a_marking_that_does_not_fit_the_banner_is_flagged() {
    // 07KAMPALA1848: the banner is SECRET, every paragraph S/NF.
    let mut app = read_corpus(app_fixtures::corpus().join("wikileaks-html/07KAMPALA1848.html"));
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 24,
        },
    );
    let text = plain(&draw(&app, &Theme::default()));
    assert!(text.contains("(S/NF)! "));
    assert!(text.contains("marked NOFORN; the cable's banner SECRET is not"));
    insta::assert_snapshot!("marking_warning_100x24", text);
}

#[test]
fn search_matches_in_the_header_are_highlighted() {
    let mut app = seed(120, 40);
    update(&mut app, Action::SearchStart);
    for c in "scenesetter".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    update(&mut app, Action::SearchConfirm);
    let text = screen(&draw(&app, &Theme::default()), is_highlight);
    assert!(text.contains("Not in the shown paragraphs: 1 in the header (subject)"));
    insta::assert_snapshot!("seed_search_header", text);
}

#[test]
fn seed_search_with_highlights() {
    let mut app = seed(120, 40);
    update(&mut app, Action::SearchStart);
    for c in "dbwg".chars() {
        update(&mut app, Action::SearchInput(c));
    }
    // while typing: the prompt and the highlights
    let typing = screen(&draw(&app, &Theme::default()), is_highlight);
    assert!(typing.contains("/dbwg"));
    update(&mut app, Action::SearchConfirm);
    update(&mut app, Action::SearchNext);
    let buffer = draw(&app, &Theme::default());
    insta::assert_snapshot!("seed_search_typing", typing);
    insta::assert_snapshot!("seed_search_confirmed", screen(&buffer, is_highlight));
}

#[test]
fn help_overlay() {
    let mut app = seed(120, 40);
    update(&mut app, Action::Help);
    insta::assert_snapshot!("help_120x40", plain(&draw(&app, &Theme::default())));
}

#[test]
fn help_overlay_at_140_columns_keeps_its_legend_whole() {
    let mut app = seed(140, 50);
    update(&mut app, Action::Help);
    let text = plain(&draw(&app, &Theme::default()));
    assert!(text.contains("› selected"), "{text}");
    assert!(text.contains("Ctrl-Z"), "{text}");
    assert!(text.contains("wheel"), "{text}");
    insta::assert_snapshot!("help_140x50", text);
}

#[test]
fn hints_at_80x24_end_with_help_and_quit() {
    let app = seed(80, 24);
    let text = plain(&draw(&app, &Theme::default()));
    let hints = text.lines().last().unwrap_or_default().to_owned();
    assert!(hints.contains("? help"), "{hints}");
    assert!(hints.contains("q quit"), "{hints}");
    insta::assert_snapshot!("seed_80x24", text);
}

#[test]
fn folder_with_the_cable_list() {
    let folder = app_fixtures::corpus().join("text");
    let (mut app, mut loader) = reader_over(folder);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert!(app.several());
    for action in [Action::Down, Action::Down, Action::Open] {
        update(&mut app, action);
    }
    // The loop reads the cable asked for.
    loader.pump(&mut app);
    short_names(&mut app);
    insta::assert_snapshot!("folder_120x40", plain(&draw(&app, &Theme::default())));
}

#[test]
fn small_terminal_60x15() {
    let mut app = seed(60, 15);
    let first = plain(&draw(&app, &Theme::default()));
    update(&mut app, Action::Down);
    update(&mut app, Action::FocusNext);
    let focused = plain(&draw(&app, &Theme::default()));
    insta::assert_snapshot!("seed_60x15", first);
    insta::assert_snapshot!("seed_60x15_text_focused", focused);
}

#[test]
fn folder_at_60x15_collapses_the_cable_list() {
    let folder = app_fixtures::corpus().join("text");
    let mut app = read_corpus(folder);
    update(
        &mut app,
        Action::Resize {
            width: 60,
            height: 15,
        },
    );
    insta::assert_snapshot!("folder_60x15", plain(&draw(&app, &Theme::default())));
}

#[test]
fn too_small() {
    let app = seed(59, 14);
    insta::assert_snapshot!("too_small", plain(&draw(&app, &Theme::default())));
}

#[test]
fn markings_are_coloured_by_level() {
    let app = seed(120, 40);
    let buffer = draw(&app, &Theme::default());
    let text = plain(&buffer);
    // find the "(S)" of paragraph 6 in the list and check its colours
    let row = text.lines().position(|l| l.contains(" 6. (S)")).unwrap();
    let line = text.lines().nth(row).unwrap();
    let column = line.chars().take_while(|c| *c != '(').count();
    let y = u16::try_from(row).unwrap();
    let cell = &buffer[(u16::try_from(column).unwrap(), y)];
    assert_eq!((cell.fg, cell.bg), (Color::White, Color::Red));
    // the banner runs across the whole first line in the cable's colour
    assert!((0..120).all(|x| buffer[(x, 0)].bg == Color::Red));
}

#[test]
fn no_color_uses_no_colours() {
    let mut app = seed(120, 40);
    update(&mut app, Action::SearchStart);
    update(&mut app, Action::SearchInput('d'));
    let buffer = draw(&app, &Theme::no_color());
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    // markings and highlights still stand out
    assert!(buffer
        .content()
        .iter()
        .any(|c| c.modifier.contains(Modifier::REVERSED)));
}

#[test]
fn cable_text_never_reaches_the_terminal_raw() {
    let hostile =
        "Evil \u{1b}]0;owned\u{7}title\tand \u{1b}[2Jclear \u{9b}31m and wide 日本語 text";
    let cable = Cable {
        id: Some("10EVIL1\u{1b}[5m".to_owned()),
        subject: Some(Cow::Borrowed("Subject with \u{1b}[31m red")),
        paragraphs: vec![Paragraph {
            number: Some(1),
            marking: Some(Cow::Borrowed("C")),
            level: Some(Level::Confidential),
            text: Cow::Borrowed(hostile),
            heading: Some(Cow::Borrowed("Head\u{8}ing")),
            spans: Vec::new(),
            span: 0..0,
        }],
        ..Cable::default()
    };
    let mut app = App::new(vec![Entry::cable("evil\u{1b}.txt".into(), None, cable)]);
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    update(&mut app, Action::ToggleWhole);
    let buffer = draw(&app, &Theme::default());
    let text = plain(&buffer);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    assert!(
        text.contains("Evil ␛]0;owned␇title    and ␛[2Jclear"),
        "{text}"
    );
    assert!(text.contains("10EVIL1␛[5m"));
    assert!(text.contains("evil␛.txt"), "file names are cleaned too");
    insta::assert_snapshot!("hostile_text", text);
}

#[test]
fn bidi_controls_show_by_name_and_zero_width_characters_go() {
    let cable = Cable {
        id: Some("10BIDI1".to_owned()),
        subject: Some(Cow::Borrowed("PAY \u{202e}EXE.TXT\u{202c} NOW")),
        paragraphs: vec![Paragraph {
            number: Some(1),
            marking: Some(Cow::Borrowed("C")),
            level: Some(Level::Confidential),
            text: Cow::Borrowed("ZERO\u{200b}WIDTH\u{feff} AND \u{2067}ISOLATE\u{2069} END"),
            heading: None,
            spans: Vec::new(),
            span: 0..0,
        }],
        ..Cable::default()
    };
    let mut app = App::new(vec![Entry::cable(
        "bidi\u{202e}txt.exe".into(),
        None,
        cable,
    )]);
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    update(&mut app, Action::ToggleWhole);
    let text = plain(&draw(&app, &Theme::default()));
    for hidden in [
        '\u{202e}', '\u{202c}', '\u{2067}', '\u{2069}', '\u{200b}', '\u{feff}',
    ] {
        assert!(
            !text.contains(hidden),
            "{hidden:?} reached the screen: {text}"
        );
    }
    assert!(text.contains("PAY ⟨RLO⟩EXE.TXT⟨PDF⟩ NOW"), "{text}");
    assert!(
        text.contains("ZEROWIDTH AND ⟨RLI⟩ISOLATE⟨PDI⟩ END"),
        "{text}"
    );
    assert!(text.contains("bidi⟨RLO⟩txt.exe"), "{text}");

    // A pasted search, in the prompt and then in the status line.
    update(&mut app, Action::SearchStart);
    update(&mut app, Action::SearchPaste("ISO\u{2069}".to_owned()));
    let prompt = plain(&draw(&app, &Theme::default()));
    assert!(prompt.contains("/ISO⟨PDI⟩"), "{prompt}");
    update(&mut app, Action::SearchConfirm);
    let status = plain(&draw(&app, &Theme::default()));
    assert!(!status.contains('\u{2069}'), "{status}");
    assert!(status.contains("Not found: ISO⟨PDI⟩"), "{status}");
}

#[test]
fn bookmark_list_overlay() {
    let mut app = seed(120, 40);
    // Bookmark ¶2 and ¶6 (with `m`), mark ¶6 in the list with `*`, then open the list on ¶6.
    update(&mut app, Action::Down);
    update(&mut app, Action::ToggleBookmark);
    for _ in 0..4 {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::ToggleBookmark);
    let list = plain(&draw(&app, &Theme::default()));
    assert!(list.contains(" * 2. (SBU)"), "{list}");
    assert!(list.contains("›* 6. (S)"), "{list}");
    update(&mut app, Action::Bookmarks);
    insta::assert_snapshot!("bookmarks_120x40", plain(&draw(&app, &Theme::default())));
}

#[test]
fn a_header_warning_shows_and_highlights_the_routing_lines() {
    // The warning about the date-time group `P 310000Z FEB 09`: Enter shows the routing
    // lines the settings hid and highlights them in the header bar, and in the whole
    // cable's header block the date-time group line alone.
    let mut app = app_fixtures::warned_app(100, 40);
    update(&mut app, Action::Warnings);
    update(&mut app, Action::Open);
    let buffer = draw(&app, &Theme::default());
    insta::assert_snapshot!(
        "header_warning_routing_highlighted",
        screen(&buffer, |cell| cell.bg == Color::LightRed)
    );
}

#[test]
fn warnings_list_and_the_line_it_points_at() {
    let mut app = app_fixtures::warned_app(100, 24);
    update(&mut app, Action::Warnings);
    update(&mut app, Action::Down);
    insta::assert_snapshot!("warnings_list", plain(&draw(&app, &Theme::default())));
    update(&mut app, Action::Open);
    let buffer = draw(&app, &Theme::default());
    insta::assert_snapshot!(
        "warning_line_highlighted",
        screen(&buffer, |cell| cell.bg == Color::LightRed)
    );
}
