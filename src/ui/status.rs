//! The status bar: file, position `N/M`, filter, paragraphs per level; below it key hints
//! from the keymap, the search prompt while typing, or a message.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{fit_spans, Theme};
use crate::app::state::HandlingCaveat;
use crate::app::state::Mode;
use crate::app::update::level_counts;
use crate::app::{Action, App};
use crate::sanitize::line as clean_line;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let areas = &app.areas;
    match areas.bottom {
        Some(bottom) => {
            status_line(frame, app, theme, areas.status);
            let line = if app.mode == Mode::Search {
                prompt(frame, app, theme, bottom)
            } else if let Some(message) = message(app, theme) {
                message
            } else {
                hints(app, theme, usize::from(bottom.width))
            };
            frame.render_widget(Paragraph::new(line), bottom);
        }
        None => {
            // One line: the prompt or a message take the status line's place.
            if app.mode == Mode::Search {
                let line = prompt(frame, app, theme, areas.status);
                frame.render_widget(Paragraph::new(line), areas.status);
            } else if let Some(message) = message(app, theme) {
                frame.render_widget(Paragraph::new(message), areas.status);
            } else {
                status_line(frame, app, theme, areas.status);
            }
        }
    }
}

fn status_line(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let reader = &app.reader;
    let sep = || Span::styled(" │ ", theme.dim());
    let name = app.entry().map(|e| e.name.as_str()).unwrap_or("");
    let shown = reader.visible.len();
    let position = if shown == 0 {
        "0/0".to_owned()
    } else {
        format!("{}/{shown}", reader.selected + 1)
    };
    let mut right: Vec<Span<'_>> = vec![
        Span::styled(position, theme.key()),
        sep(),
        Span::styled("filter ", theme.dim()),
        Span::raw(app.filter.describe()),
    ];
    let counts = level_counts(app);
    let unmarked = app.doc().map_or(0, |d| d.unmarked);
    if !counts.is_empty() || unmarked > 0 {
        right.push(sep());
    }
    let mut first = true;
    for (level, count) in counts {
        if !first {
            right.push(Span::styled(" · ", theme.dim()));
        }
        first = false;
        let style = if app.filter.shows(Some(level)) {
            theme.marking(Some(level))
        } else {
            theme.dim()
        };
        right.push(Span::styled(level.abbreviation(), style));
        right.push(Span::raw(format!(" {count}")));
    }
    // Caveats are counted like the levels (a paragraph may count under both).
    let caveats = app.doc().map(|doc| doc.caveat_counts).unwrap_or_default();
    for (caveat, count) in HandlingCaveat::ALL.into_iter().zip(caveats) {
        if count == 0 {
            continue;
        }
        if !first {
            right.push(Span::styled(" · ", theme.dim()));
        }
        first = false;
        let style = if app.filter.shows_caveat(caveat) {
            theme.key()
        } else {
            theme.dim()
        };
        right.push(Span::styled(caveat.label(), style));
        right.push(Span::raw(format!(" {count}")));
    }
    if unmarked > 0 {
        if !first {
            right.push(Span::styled(" · ", theme.dim()));
        }
        let style = if app.filter.shows(None) {
            theme.key()
        } else {
            theme.dim()
        };
        right.push(Span::styled("unmarked", style));
        right.push(Span::raw(format!(" {unmarked}")));
    }
    if !app.search.query.is_empty() && app.mode != Mode::Search {
        right.push(sep());
        let count = app.search.count_label(app.whole);
        let mut text = match app.search.position(app.whole) {
            Some(current) => format!("/{} {}/{count}", clean_line(&app.search.query), current + 1),
            None => format!("/{} {count} found", clean_line(&app.search.query)),
        };
        // Matches n and N cannot step to: in the header (but in the whole-cable view, which
        // shows it), in hidden paragraphs.
        if !app.search.header.is_empty() && !app.whole {
            text.push_str(&format!(" +{} header", app.search.header.len()));
        }
        if app.search.hidden > 0 {
            text.push_str(&format!(" +{} hidden", app.search.hidden));
        }
        right.push(Span::styled(text, theme.match_mark()));
    }
    // One cable read alone is the reader as it always was: no count to show.
    if let Some(list) = app.list.as_ref().filter(|_| app.several()) {
        // First, so a narrow line cuts the rest rather than the progress.
        let mut first = vec![Span::styled(
            list.progress.describe(list.rows.len()),
            theme.key(),
        )];
        if let Some(index) = app.corpus_search.index.describe() {
            first.push(Span::styled(" · ", theme.dim()));
            first.push(Span::styled(index, theme.dim()));
        }
        if let Some(hits) = &list.hits {
            first.push(sep());
            first.push(Span::styled(hits.describe(), theme.match_mark()));
        }
        first.push(sep());
        right.splice(0..0, first);
    }
    if areas_without_hints(app) {
        // No hint line on short terminals: at least say where the keys are.
        right.push(sep());
        right.push(Span::styled("?", theme.key()));
        right.push(Span::styled(" help", theme.dim()));
    }
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    // The file name gets what is left, cut from the left so its end shows.
    let room = width.saturating_sub(right_width + 3);
    let mut spans = Vec::new();
    if room >= 4 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(left_ellipsize(name, room - 1), theme.key()));
        spans.push(sep());
    }
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, width))), area);
}

fn areas_without_hints(app: &App) -> bool {
    app.areas.bottom.is_none()
}

/// `…/samples/10MEXICO83.txt`: the end of a path is the part worth keeping.
fn left_ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.insert(0, c);
    }
    format!("…{kept}")
}

fn message<'a>(app: &'a App, theme: &Theme) -> Option<Line<'a>> {
    let message = app.message.as_ref()?;
    let style = if message.error {
        theme.error()
    } else {
        theme.key()
    };
    Some(Line::from(Span::styled(
        format!(" {}", clean_line(&message.text)),
        style,
    )))
}

fn prompt<'a>(frame: &mut Frame<'_>, app: &'a App, theme: &Theme, area: Rect) -> Line<'a> {
    let count = app.search.walked(app.whole);
    let info = if app.search.input.is_empty() {
        "type to search · Enter keeps · Esc cancels".to_owned()
    } else if count == 0 {
        "not found".to_owned()
    } else if app.search.limited {
        format!("{}+ matches (counting stops there)", count)
    } else {
        format!("{count} match{}", if count == 1 { "" } else { "es" })
    };
    let width = usize::from(area.width);
    let room = width.saturating_sub(info.width() + 4);
    let input = left_ellipsize(&clean_line(&app.search.input), room.max(1));
    let cursor_x = area.x + 1 + u16::try_from(input.width()).unwrap_or(0);
    frame.set_cursor_position((cursor_x.min(area.right().saturating_sub(1)), area.y));
    let info_style = if count == 0 && !app.search.input.is_empty() {
        theme.error()
    } else {
        theme.dim()
    };
    Line::from(vec![
        Span::styled("/", theme.key()),
        Span::raw(input),
        Span::raw("  "),
        Span::styled(info, info_style),
    ])
}

/// The key hints, in keymap order, as many as fit; help and quit always, at the end, so
/// however many keys get hints the way to the rest and the way out stay in sight.
fn hints<'a>(app: &App, theme: &Theme, width: usize) -> Line<'a> {
    let always = |action: &Action| matches!(action, Action::Help | Action::Quit);
    let hinted: Vec<(String, &'static str, bool)> = app
        .keymap
        .bindings
        .iter()
        .filter(|binding| {
            app.several() || !matches!(binding.action, Action::NextCable | Action::PrevCable)
        })
        .filter_map(|binding| {
            let key = crate::app::keymap::key_label(binding.keys.first()?);
            Some((key, binding.hint?, always(&binding.action)))
        })
        .collect();
    let cost = |(key, hint, _): &(String, &str, bool)| key.width() + 1 + hint.width() + 2;
    let reserved: usize = hinted.iter().filter(|h| h.2).map(cost).sum();
    let mut used = 1 + reserved;
    let mut shown: Vec<&(String, &'static str, bool)> = Vec::new();
    for hint in hinted.iter().filter(|h| !h.2) {
        if used + cost(hint) > width {
            break;
        }
        used += cost(hint);
        shown.push(hint);
    }
    shown.extend(hinted.iter().filter(|h| h.2));
    let mut spans = vec![Span::raw(" ")];
    for (key, hint, _) in shown {
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::styled(format!(" {hint}  "), theme.dim()));
    }
    Line::from(spans)
}
