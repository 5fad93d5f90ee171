//! `update` for every action, without a terminal.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use app_fixtures::app;
use cable_reader::app::header_block::BlockPart;
use cable_reader::app::state::{Entry, Focus, Mode, Part, Row};
use cable_reader::app::update::find_folded;
use cable_reader::app::warnings::HeaderRow;
use cable_reader::app::{update, Action, App};
use cable_reader::cable::Level;

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        update(app, action);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::SearchInput).collect()
}

/// Selected paragraph, as its index in the doc.
fn para(app: &App) -> usize {
    app.reader.selected_para().unwrap()
}

#[test]
fn down_and_up_move_the_selection() {
    let mut app = app(1, 120, 40);
    assert_eq!(app.focus, Focus::Paragraphs);
    update(&mut app, Action::Down);
    assert_eq!(app.reader.selected, 1);
    run(&mut app, [Action::Up, Action::Up, Action::Up]);
    assert_eq!(app.reader.selected, 0);
    run(&mut app, std::iter::repeat_n(Action::Down, 20));
    assert_eq!(app.reader.selected, 7, "stops at the last paragraph");
}

#[test]
fn down_and_up_scroll_the_text_when_it_has_the_focus() {
    let mut app = app(1, 120, 20);
    run(&mut app, [Action::ToggleWhole, Action::FocusNext]);
    assert_eq!(app.focus, Focus::Text);
    update(&mut app, Action::Down);
    assert_eq!(app.reader.text_scroll, 1);
    run(&mut app, [Action::Up, Action::Up]);
    assert_eq!(app.reader.text_scroll, 0);
}

#[test]
fn page_down_and_up_in_the_list_skip_headings() {
    // 60x15: the list shows three rows, so a page is two.
    let mut app = app(1, 60, 15);
    assert_eq!(app.areas.list_inner().height, 3);
    update(&mut app, Action::PageDown);
    // rows: 0 ¶1, 1 ¶2, 2 heading, 3 ¶3: landing on the heading selects ¶3
    assert_eq!(para(&app), 2);
    assert_eq!(app.reader.rows[2], Row::Heading(2));
    update(&mut app, Action::PageUp);
    assert_eq!(para(&app), 1);
}

#[test]
fn paging_the_text_past_a_paragraph_goes_to_the_next() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Text);
    update(&mut app, Action::PageDown);
    assert_eq!(para(&app), 1, "a short paragraph ends at once");
    update(&mut app, Action::PageUp);
    assert_eq!(para(&app), 0);
}

#[test]
fn paging_the_whole_cable_scrolls_by_a_screen() {
    let mut app = app(1, 60, 15);
    run(&mut app, [Action::ToggleWhole, Action::FocusNext]);
    let height = usize::from(app.areas.text_inner().height);
    update(&mut app, Action::PageDown);
    assert_eq!(app.reader.text_scroll, height - 1);
    update(&mut app, Action::PageUp);
    assert_eq!(app.reader.text_scroll, 0);
}

#[test]
fn half_pages() {
    let mut app = app(1, 60, 15);
    run(&mut app, [Action::ToggleWhole, Action::FocusNext]);
    let height = usize::from(app.areas.text_inner().height);
    update(&mut app, Action::HalfPageDown);
    assert_eq!(app.reader.text_scroll, height / 2);
    update(&mut app, Action::HalfPageUp);
    assert_eq!(app.reader.text_scroll, 0);
}

#[test]
fn first_and_last() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::Last);
    assert_eq!(para(&app), 7);
    update(&mut app, Action::First);
    assert_eq!(para(&app), 0);
    // in the text: top and bottom
    let mut app = app_fixtures::app(1, 60, 15);
    run(
        &mut app,
        [Action::ToggleWhole, Action::FocusNext, Action::Last],
    );
    let view = app.text_view().len();
    let height = usize::from(app.areas.text_inner().height);
    assert_eq!(app.reader.text_scroll, view - height);
    update(&mut app, Action::First);
    assert_eq!(app.reader.text_scroll, 0);
}

#[test]
fn focus_cycles_through_the_panes() {
    let mut one = app(1, 120, 40);
    update(&mut one, Action::FocusNext);
    assert_eq!(one.focus, Focus::Text);
    update(&mut one, Action::FocusNext);
    assert_eq!(one.focus, Focus::Paragraphs, "no cable list with one cable");
    let mut several = app(3, 120, 40);
    assert_eq!(several.focus, Focus::Cables);
    update(&mut several, Action::FocusNext);
    assert_eq!(several.focus, Focus::Paragraphs);
    update(&mut several, Action::FocusPrev);
    assert_eq!(several.focus, Focus::Cables);
    update(&mut several, Action::FocusPrev);
    assert_eq!(several.focus, Focus::Text);
}

#[test]
fn open_opens_the_cable_under_the_cursor_then_focuses_the_text() {
    let mut app = app(3, 120, 40);
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(app.cable_cursor, 2);
    assert_eq!(app.current, 0, "moving the cursor does not open");
    update(&mut app, Action::Open);
    assert_eq!(app.current, 2);
    assert_eq!(app.focus, Focus::Paragraphs);
    assert_eq!(app.doc().unwrap().header.id.as_deref(), Some("10TEST3"));
    update(&mut app, Action::Open);
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn whole_cable_view_toggles_and_follows_the_selection() {
    let mut app = app(1, 60, 15);
    run(&mut app, [Action::Down, Action::Down, Action::Down]);
    update(&mut app, Action::ToggleWhole);
    assert!(app.whole);
    let start = app.reader.wrapped.para_lines(3).start;
    assert!(start > 0);
    assert_eq!(app.reader.text_scroll, start);
    assert_eq!(app.text_view().len(), app.reader.wrapped.lines.len());
    update(&mut app, Action::ToggleWhole);
    assert!(!app.whole);
    assert_eq!(app.reader.text_scroll, 0);
    assert_eq!(app.text_view(), app.reader.wrapped.para_lines(3));
}

#[test]
fn scrolling_the_whole_cable_moves_the_selection() {
    let mut app = app(1, 60, 15);
    run(
        &mut app,
        [Action::ToggleWhole, Action::FocusNext, Action::Last],
    );
    assert_eq!(para(&app), 7, "at the end the last paragraph is selected");
    run(&mut app, std::iter::repeat_n(Action::Up, 3));
    assert_eq!(para(&app), 5, "else the paragraph at the top");
}

#[test]
fn next_and_previous_cable() {
    let mut app = app(3, 120, 40);
    update(&mut app, Action::NextCable);
    assert_eq!(app.current, 1);
    assert_eq!(app.cable_cursor, 1);
    run(&mut app, [Action::NextCable, Action::NextCable]);
    assert_eq!(app.current, 2);
    assert!(app.message.as_ref().unwrap().text.contains("last cable"));
    update(&mut app, Action::PrevCable);
    assert_eq!(app.current, 1);
    assert!(app.message.is_none());
}

#[test]
fn toggling_a_level_hides_its_paragraphs_and_keeps_the_place() {
    let mut app = app(1, 120, 40);
    run(&mut app, [Action::Down, Action::Down, Action::Down]);
    assert_eq!(para(&app), 3);
    update(&mut app, Action::ToggleLevel(Level::Secret));
    assert!(!app.reader.visible.contains(&3));
    assert_eq!(para(&app), 4, "the next shown paragraph is selected");
    update(&mut app, Action::ToggleLevel(Level::Secret));
    assert!(app.reader.visible.contains(&3));
    assert_eq!(para(&app), 4);
    assert!(!app.reader.wrapped.para_lines(3).is_empty());
}

#[test]
fn toggling_unmarked() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::ToggleUnmarked);
    assert_eq!(app.reader.visible, [0, 1, 2, 3, 5, 6, 7]);
    assert!(
        app.reader.wrapped.para_lines(4).is_empty(),
        "hidden from the whole view"
    );
    update(&mut app, Action::ToggleUnmarked);
    assert_eq!(app.reader.visible.len(), 8);
}

#[test]
fn threshold_steps_and_show_all_resets() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::StepThreshold);
    assert_eq!(app.reader.visible, [0, 1, 2, 3, 5, 7], "SBU and up");
    update(&mut app, Action::StepThreshold);
    assert_eq!(app.reader.visible, [2, 3, 5, 7], "C and up");
    run(&mut app, [Action::StepThreshold, Action::StepThreshold]);
    assert_eq!(app.reader.visible, [7], "TS only");
    update(&mut app, Action::StepThreshold);
    assert_eq!(app.reader.visible.len(), 8, "all again");
    run(
        &mut app,
        [Action::StepThreshold, Action::ToggleLevel(Level::TopSecret)],
    );
    update(&mut app, Action::ShowAll);
    assert!(app.filter.is_all());
    assert_eq!(app.reader.visible.len(), 8);
}

#[test]
fn a_filter_that_hides_everything_leaves_an_empty_list() {
    let mut app = app(1, 120, 40);
    for level in Level::ALL {
        update(&mut app, Action::ToggleLevel(level));
    }
    update(&mut app, Action::ToggleUnmarked);
    assert!(app.reader.visible.is_empty());
    assert!(app.reader.selected_para().is_none());
    run(
        &mut app,
        [Action::Down, Action::PageDown, Action::Last, Action::Open],
    );
    assert_eq!(app.filter.describe(), "none");
}

#[test]
fn search_is_incremental_and_previews_the_first_match() {
    let mut app = app(1, 120, 40);
    run(&mut app, [Action::Down, Action::Down]);
    update(&mut app, Action::SearchStart);
    assert_eq!(app.mode, Mode::Search);
    run(&mut app, typed("DBW"));
    assert_eq!(app.search.query, "DBW");
    let paras: Vec<usize> = app.search.matches.iter().map(|m| m.para).collect();
    assert_eq!(paras, [0, 0, 1, 4, 7], "subject words are not paragraphs");
    assert_eq!(para(&app), 4, "first match from where the search started");
    run(&mut app, typed("x"));
    assert!(app.search.matches.is_empty());
    assert_eq!(para(&app), 2, "back where it started when nothing matches");
}

#[test]
fn escape_cancels_a_search() {
    let mut app = app(1, 120, 40);
    run(&mut app, [Action::Down, Action::Down, Action::SearchStart]);
    run(&mut app, typed("dbwg"));
    assert_eq!(para(&app), 4);
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(para(&app), 2);
    assert!(app.search.query.is_empty());
    assert!(app.search.matches.is_empty());
}

#[test]
fn enter_keeps_the_search_and_n_steps_through_matches() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("dbwg"));
    update(&mut app, Action::SearchConfirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.search.current, Some(0));
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Match 1 of 5; also 1 in the header (subject)"
    );
    update(&mut app, Action::SearchNext);
    assert_eq!(app.search.current, Some(1));
    assert_eq!(para(&app), 0, "the second match is in the same paragraph");
    update(&mut app, Action::SearchNext);
    assert_eq!(para(&app), 1);
    update(&mut app, Action::SearchPrev);
    assert_eq!(app.search.current, Some(1));
    run(&mut app, [Action::SearchPrev, Action::SearchPrev]);
    assert_eq!(app.search.current, Some(4), "wraps to the last");
    assert!(app.message.as_ref().unwrap().text.contains("wrapped"));
    assert_eq!(para(&app), 7);
    update(&mut app, Action::SearchNext);
    assert_eq!(app.search.current, Some(0));
}

#[test]
fn an_empty_search_repeats_the_last_one() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("cartels"));
    update(&mut app, Action::SearchConfirm);
    run(&mut app, [Action::SearchStart, Action::SearchConfirm]);
    assert_eq!(app.search.query, "cartels");
    assert_eq!(para(&app), 2);
}

#[test]
fn a_search_that_finds_nothing_says_so() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("zebra"));
    update(&mut app, Action::SearchConfirm);
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert_eq!(message.text, "Not found: zebra");
    update(&mut app, Action::SearchNext);
    assert!(app.message.as_ref().unwrap().error);
}

#[test]
fn n_without_a_search_explains() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchNext);
    assert!(app.message.as_ref().unwrap().text.contains("press /"));
    update(&mut app, Action::SearchPrev);
    assert!(app.message.is_some());
}

#[test]
fn editing_the_search() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("the dbwg"));
    update(&mut app, Action::SearchDeleteWord);
    assert_eq!(app.search.input, "the ");
    update(&mut app, Action::SearchBackspace);
    assert_eq!(app.search.input, "the");
    update(&mut app, Action::SearchClear);
    assert_eq!(app.search.input, "");
    assert!(app.search.matches.is_empty());
    update(&mut app, Action::SearchPaste("DB\nWG\u{1b}".to_owned()));
    assert_eq!(
        app.search.input, "DB WG ",
        "controls in a paste become spaces"
    );
    update(&mut app, Action::SearchClear);
    update(&mut app, Action::SearchBackspace);
    assert_eq!(
        app.mode,
        Mode::Normal,
        "backspace on nothing leaves the search"
    );
}

#[test]
fn search_finds_headings_and_ignores_case() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("security"));
    let found = &app.search.matches;
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].para, found[0].part), (2, Part::Heading));
}

#[test]
fn hidden_paragraphs_are_not_searched() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::ToggleUnmarked);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("dbwg"));
    assert!(app.search.matches.iter().all(|m| m.para != 4));
}

#[test]
fn folding_maps_back_to_the_text() {
    assert_eq!(find_folded("MEXICO and Mexico", "mexico"), [0..6, 11..17]);
    let text = "L'ÉCOLE et l'école";
    let found = find_folded(text, "école");
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].clone()], "ÉCOLE");
    assert_eq!(&text[found[1].clone()], "école");
    // İ lower-cases to two characters; the match still covers whole characters
    let text = "İstanbul";
    for range in find_folded(text, "i") {
        assert!(text.get(range).is_some());
    }
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app(1, 60, 15);
    update(&mut app, Action::Help);
    assert_eq!(app.mode, Mode::Help);
    run(&mut app, [Action::Down, Action::Down]);
    assert_eq!(app.help_scroll, 2);
    assert_eq!(
        app.reader.selected, 0,
        "keys do not reach the reader under the help"
    );
    update(&mut app, Action::Last);
    let last = app.help_scroll;
    update(&mut app, Action::Down);
    assert_eq!(app.help_scroll, last, "stops at the end");
    update(&mut app, Action::Quit);
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit, "q closes the help first");
    run(&mut app, [Action::Help, Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    run(&mut app, [Action::Help, Action::Help]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn escape_clears_search_highlights() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::SearchStart);
    run(&mut app, typed("dbwg"));
    update(&mut app, Action::SearchConfirm);
    update(&mut app, Action::Cancel);
    assert!(app.search.query.is_empty());
    assert!(app.search.matches.is_empty());
}

#[test]
fn quit_and_force_quit() {
    let mut app = app(1, 120, 40);
    update(&mut app, Action::Quit);
    assert!(app.quit);
    let mut typing = app_fixtures::app(1, 120, 40);
    update(&mut typing, Action::SearchStart);
    update(&mut typing, Action::ForceQuit);
    assert!(typing.quit);
    let mut helping = app_fixtures::app(1, 120, 40);
    update(&mut helping, Action::Help);
    update(&mut helping, Action::ForceQuit);
    assert!(helping.quit);
}

#[test]
fn redraw_asks_for_a_full_repaint() {
    let mut app = app(1, 120, 40);
    let before = app.clear;
    update(&mut app, Action::Redraw);
    assert_ne!(app.clear, before);
}

#[test]
fn resize_relayouts_and_rewraps_only_on_a_new_width() {
    let mut app = app(1, 120, 40);
    let width = app.reader.wrapped.width;
    let lines = app.reader.wrapped.lines.as_ptr();
    run(
        &mut app,
        [
            Action::Down,
            Action::Up,
            Action::ToggleWhole,
            Action::FocusNext,
        ],
    );
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 30,
        },
    );
    assert_eq!(
        app.reader.wrapped.lines.as_ptr(),
        lines,
        "same width: the wrapped lines are kept"
    );
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    assert!(app.reader.wrapped.width < width);
    assert_eq!(
        app.reader.wrapped.width,
        usize::from(app.areas.text_inner().width)
    );
    update(
        &mut app,
        Action::Resize {
            width: 50,
            height: 10,
        },
    );
    assert!(app.areas.too_small);
    run(&mut app, [Action::Down, Action::PageDown, Action::Last]);
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    assert!(!app.areas.too_small);
    assert!(!app.reader.wrapped.lines.is_empty());
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app(1, 60, 15);
    update(&mut app, Action::ToggleWhole);
    let text = app.areas.text_inner();
    update(
        &mut app,
        Action::Scroll {
            column: text.x + 1,
            row: text.y + 1,
            lines: 1,
        },
    );
    assert_eq!(app.reader.text_scroll, 3);
    assert_eq!(
        app.focus,
        Focus::Paragraphs,
        "the wheel does not move the focus"
    );
    let list = app.areas.list_inner();
    update(
        &mut app,
        Action::Scroll {
            column: list.x + 1,
            row: list.y,
            lines: 1,
        },
    );
    assert_eq!(app.reader.list_offset, 3);
    update(
        &mut app,
        Action::Scroll {
            column: list.x + 1,
            row: list.y,
            lines: -1,
        },
    );
    assert_eq!(app.reader.list_offset, 0);
}

#[test]
fn a_click_selects_a_row_or_focuses_a_pane() {
    let mut app = app(3, 120, 40);
    let list = app.areas.list_inner();
    // rows: ¶1, ¶2, heading, ¶3 ...
    update(
        &mut app,
        Action::Click {
            column: list.x + 4,
            row: list.y + 3,
        },
    );
    assert_eq!(app.focus, Focus::Paragraphs);
    assert_eq!(para(&app), 2);
    let text = app.areas.text_inner();
    update(
        &mut app,
        Action::Click {
            column: text.x,
            row: text.y,
        },
    );
    assert_eq!(app.focus, Focus::Text);
    let cables = app.areas.cables_inner();
    // the second cable's rows start one row height down
    let second = cables.y + app.areas.cable_row_height();
    update(
        &mut app,
        Action::Click {
            column: cables.x + 2,
            row: second,
        },
    );
    assert_eq!(app.current, 1);
    assert_eq!(app.focus, Focus::Paragraphs);
}

#[test]
fn a_file_that_could_not_be_read_is_an_entry_that_says_why() {
    let entries = vec![
        Entry::failed(
            "broken.txt".into(),
            None,
            "no cable found in the file".into(),
        ),
        Entry::cable("good.txt".into(), None, app_fixtures::cable("10TEST1")),
    ];
    let mut app = App::new(entries);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(app.current, 1, "the first readable cable opens");
    update(&mut app, Action::PrevCable);
    assert_eq!(app.current, 0);
    assert!(app.doc().is_none());
    assert!(app.message.as_ref().unwrap().text.contains("broken.txt"));
    run(
        &mut app,
        [
            Action::Down,
            Action::ToggleWhole,
            Action::SearchStart,
            Action::SearchInput('a'),
            Action::SearchConfirm,
            Action::StepThreshold,
        ],
    );
    assert!(app.reader.visible.is_empty());
}

#[test]
fn narrow_terminals_show_the_cable_list_in_place_of_the_paragraphs() {
    let mut app = app(3, 60, 15);
    assert_eq!(app.focus, Focus::Cables);
    assert!(app.areas.cables.is_some());
    assert!(app.areas.list.is_none());
    update(&mut app, Action::FocusNext);
    assert!(app.areas.cables.is_none());
    assert!(app.areas.list.is_some());
}

#[test]
fn opening_another_cable_wraps_its_own_text() {
    let entries = vec![
        Entry::cable("one.txt".into(), None, app_fixtures::cable("10TEST1")),
        Entry::cable("two.txt".into(), None, {
            let mut other = app_fixtures::cable("10TEST2");
            other.paragraphs.truncate(2);
            other.paragraphs[0].text = "Entirely different words here.".into();
            other.paragraphs[0].spans.clear();
            other
        }),
    ];
    let mut app = App::new(entries);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Action::NextCable);
    let doc = app.doc().unwrap();
    let wrapped = &app.reader.wrapped;
    assert_eq!(wrapped.paras.len(), doc.paras.len());
    let first = &wrapped.lines[wrapped.para_lines(0).start];
    assert_eq!(
        &doc.paras[0].text[first.range.clone()],
        "Entirely different words here."
    );
}

#[test]
fn warnings_list_jumps_to_the_line_and_highlights_it() {
    let mut app = app_fixtures::warned_app(120, 40);
    let doc = app.doc().unwrap();
    assert_eq!(doc.warnings.len(), 3);
    update(&mut app, Action::Warnings);
    assert_eq!(app.mode, Mode::Warnings);
    assert_eq!(app.warning_cursor, 0);
    // The first warning is about the date-time group `P 310000Z FEB 09`: the routing
    // header, which the settings hide; Enter shows it and highlights its rows.
    assert!(!app.settings.show_routing);
    update(&mut app, Action::Open);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.highlight, None);
    assert_eq!(app.header_highlight, Some(HeaderRow::Routing));
    assert!(app.settings.show_routing);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some(
            "In the header's date-time group line: the date-time group \"310000Z FEB 09\" names no \
             real day: not taken as the date (routing lines shown: the config hides them, \
             show_routing = false; whole cable shown)"
        )
    );
    // The second is at the word MISSING in paragraph 3.
    run(&mut app, [Action::Warnings, Action::Down, Action::Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(para(&app), 2);
    assert_eq!(app.focus, Focus::Text);
    let highlight = app.highlight.clone().expect("a highlighted line");
    assert_eq!(highlight.para, 2);
    let text = &app.doc().unwrap().paras[2].text;
    let line = &text[highlight.range.clone()];
    assert!(line.contains("MISSING"), "{line:?}");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("a word is missing here")
    );
    // The highlighted line is in view.
    let view = app.text_view();
    let shown = app.reader.wrapped.lines[view.start + app.reader.text_scroll]
        .range
        .clone();
    assert!(shown.start <= highlight.range.start);
    // Esc clears the highlight; the list stops at its last row; Esc closes it.
    update(&mut app, Action::Cancel);
    assert_eq!(app.highlight, None);
    assert_eq!(app.header_highlight, None);
    run(&mut app, [Action::Warnings, Action::Last, Action::Down]);
    assert_eq!(app.warning_cursor, 2);
    update(&mut app, Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn a_header_warning_highlights_its_row_or_says_why_it_is_not_shown() {
    // A warning at the subject line's offset highlights the Subject row.
    let mut app = app_fixtures::warned_app(120, 40);
    let text = "SUBJECT: TALKS";
    let at = app_fixtures::WARNED_TEXT.find(text).unwrap() + 9;
    let entry = &mut app.entries[0];
    let loaded = entry.content.as_mut().unwrap();
    loaded.cable.warnings = vec![cable_reader::cable::Warning::at(at, "a subject warning")];
    loaded.doc = cable_reader::app::doc::Doc::new(&loaded.cable);
    run(&mut app, [Action::Warnings, Action::Open]);
    assert_eq!(app.header_highlight, Some(HeaderRow::Subject));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("In the header's subject line: a subject warning (whole cable shown)")
    );
    // Below 30 rows the header is compact and shows no routing: the message says why.
    let mut app = app_fixtures::warned_app(100, 24);
    run(&mut app, [Action::Warnings, Action::Open]);
    assert_eq!(app.header_highlight, None);
    // The text pane's header block shows the routing lines all the same.
    assert_eq!(app.block_highlight, Some(BlockPart::DateTimeGroup));
    let message = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.ends_with(
            "(routing lines shown: the config hides them, show_routing = false; whole cable \
             shown; the header bar is compact below 30 rows, this window has 24)"
        ),
        "{message}"
    );
}

#[test]
fn a_hidden_paragraph_is_shown_when_a_warning_points_at_it() {
    let mut app = app_fixtures::warned_app(120, 40);
    update(&mut app, Action::ToggleLevel(Level::Confidential));
    assert!(!app.reader.visible.contains(&2));
    run(&mut app, [Action::Warnings, Action::Down, Action::Open]);
    assert!(app.reader.visible.contains(&2));
    assert_eq!(para(&app), 2);
}
