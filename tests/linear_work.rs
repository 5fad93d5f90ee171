//! Work that must stay linear in the input, checked by counting, never by timing: a search
//! on one enormous line (`a` everywhere) counts at most `MATCH_LIMIT` matches, and drawing a
//! line looks only at the matches on that line, however large the paragraph.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use cable_reader::app::state::{Entry, Part, MATCH_LIMIT};
use cable_reader::app::{update, Action, App};
use cable_reader::cable::{Cable, Paragraph};
use cable_reader::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A cable of one paragraph: `a ` `count` times, on one line.
fn one_line_app(count: usize) -> App {
    let text = "a ".repeat(count);
    let cable = Cable {
        id: Some("10HOSTILE1".into()),
        paragraphs: vec![Paragraph {
            number: Some(1),
            marking: None,
            level: None,
            text: Cow::Owned(text),
            heading: None,
            spans: Vec::new(),
            span: 0..0,
        }],
        ..Cable::default()
    };
    let mut app = App::new(vec![Entry::cable("hostile".into(), None, cable)]);
    update(
        &mut app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    app
}

fn search(app: &mut App, query: &str) {
    update(app, Action::SearchStart);
    for c in query.chars() {
        update(app, Action::SearchInput(c));
    }
    update(app, Action::SearchConfirm);
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// The matches a search holds stop at the limit, and the matches any line of the text
    /// pane draws are the ones on that line: at most one per two bytes here, whatever the
    /// paragraph's size.
    #[test]
    fn search_and_drawing_count_a_bounded_number_of_matches(count in 1usize..60_000) {
        let mut app = one_line_app(count);
        search(&mut app, "a");
        prop_assert_eq!(app.search.matches.len(), count.min(MATCH_LIMIT));
        prop_assert_eq!(app.search.limited, count > MATCH_LIMIT);
        let view = app.text_view();
        let lines = &app.reader.wrapped.lines;
        for line in lines.get(view).unwrap_or_default() {
            let (_, on_line) = app.search.overlapping(0, Part::Text, &line.range);
            let expected = app
                .search
                .matches
                .iter()
                .filter(|m| m.range.start < line.range.end && m.range.end > line.range.start)
                .count();
            prop_assert_eq!(on_line.len(), expected);
            prop_assert!(on_line.len() <= line.range.len().div_ceil(2));
        }
    }
}

#[test]
fn the_status_says_when_the_search_stopped_counting() {
    let mut app = one_line_app(MATCH_LIMIT + 5);
    search(&mut app, "a");
    let shown = screen(&app);
    assert!(
        shown.contains(&format!("Match 1 of {MATCH_LIMIT}+")),
        "{shown}"
    );
    let mut small = one_line_app(3);
    search(&mut small, "a");
    assert!(screen(&small).contains("Match 1 of 3 "));
}
