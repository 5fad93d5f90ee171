//! Word wrapping, done once per width (or filter, or cable) change and kept: the text pane
//! then draws only the lines in view. Lines are byte ranges into the [`Doc`]'s strings, so
//! the wrapped cable costs a few words per line and no copies of the text.

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::doc::Doc;

/// What a wrapped line shows, and which string its range indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Part of line `line` of the header block (`Doc::header_block`), above the preamble
    /// and ¶1.
    Header { line: usize },
    /// Part of paragraph `para`'s heading (`Para::heading`), standing above the shown
    /// paragraph `above` (`para` itself, or the next shown one of its section when the
    /// filter hides `para`).
    Heading { para: usize, above: usize },
    /// Paragraph `para`'s marking warning (`Para::warning`), above its text.
    Warning { para: usize },
    /// Where the filter hides `count` paragraphs from `first` on (`Doc::hidden_note`).
    Hidden { first: usize, count: usize },
    /// Part of paragraph `para`'s text; the `first` line starts with number and marking.
    Text { para: usize, first: bool },
    /// Part of `Doc::preamble`.
    Preamble,
    /// Part of `Doc::signature`.
    Signature,
    /// An empty line between blocks.
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub range: Range<usize>,
}

/// The whole cable as shown (filtered paragraphs only), wrapped to one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub width: usize,
    pub lines: Vec<Line>,
    /// For each paragraph of the doc, the lines it occupies (heading included); empty when
    /// the filter hides it.
    pub paras: Vec<Range<usize>>,
    /// For each line of the header block, the lines it occupies; empty when not shown (the
    /// routing lines, unless asked for).
    pub header: Vec<Range<usize>>,
}

impl Wrapped {
    /// Wraps the header block (its routing lines if `routing`) and the paragraphs `visible`
    /// (indices into `doc.paras`) of `doc` to `width` columns.
    pub fn new(doc: &Doc, visible: &[usize], width: usize, routing: bool) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut paras = vec![0..0; doc.paras.len()];
        let mut header = vec![0..0; doc.header_block.len()];
        let push_block = |lines: &mut Vec<Line>, kind: LineKind, text: &str, first: usize| {
            for (index, range) in wrap(text, first, width).into_iter().enumerate() {
                let kind = match kind {
                    LineKind::Text { para, .. } => LineKind::Text {
                        para,
                        first: index == 0,
                    },
                    other => other,
                };
                lines.push(Line { kind, range });
            }
        };
        for (index, line) in doc.header_block.iter().enumerate() {
            if line.part.is_routing() && !routing {
                continue;
            }
            let start = lines.len();
            push_block(
                &mut lines,
                LineKind::Header { line: index },
                &line.text,
                width,
            );
            if let Some(slot) = header.get_mut(index) {
                *slot = start..lines.len();
            }
        }
        if let Some(preamble) = &doc.preamble {
            if !lines.is_empty() {
                lines.push(Line {
                    kind: LineKind::Blank,
                    range: 0..0,
                });
            }
            push_block(&mut lines, LineKind::Preamble, preamble, width);
        }
        let blank = |lines: &mut Vec<Line>| {
            if !lines.is_empty() {
                lines.push(Line {
                    kind: LineKind::Blank,
                    range: 0..0,
                });
            }
        };
        let hidden_runs = doc.hidden_runs(visible);
        let mut runs = hidden_runs.iter().peekable();
        for (shown, &index) in visible.iter().enumerate() {
            let Some(para) = doc.paras.get(index) else {
                continue;
            };
            if let Some(run) = runs.next_if(|run| run.end <= index) {
                blank(&mut lines);
                lines.push(Line {
                    kind: LineKind::Hidden {
                        first: run.start,
                        count: run.len(),
                    },
                    range: 0..0,
                });
            }
            blank(&mut lines);
            let start = lines.len();
            let heading = doc
                .heading_above(visible, shown)
                .and_then(|owner| Some((owner, doc.paras.get(owner)?.heading.as_ref()?)));
            if let Some((owner, heading)) = heading {
                push_block(
                    &mut lines,
                    LineKind::Heading {
                        para: owner,
                        above: index,
                    },
                    heading,
                    width,
                );
                lines.push(Line {
                    kind: LineKind::Blank,
                    range: 0..0,
                });
            }
            if let Some(warning) = &para.warning {
                push_block(
                    &mut lines,
                    LineKind::Warning { para: index },
                    warning,
                    width,
                );
            }
            let label = text_label_width(para);
            push_block(
                &mut lines,
                LineKind::Text {
                    para: index,
                    first: true,
                },
                &para.text,
                width.saturating_sub(label),
            );
            if let Some(slot) = paras.get_mut(index) {
                *slot = start..lines.len();
            }
        }
        if let Some(run) = runs.next() {
            blank(&mut lines);
            lines.push(Line {
                kind: LineKind::Hidden {
                    first: run.start,
                    count: run.len(),
                },
                range: 0..0,
            });
        }
        if let Some(signature) = &doc.signature {
            if !lines.is_empty() {
                lines.push(Line {
                    kind: LineKind::Blank,
                    range: 0..0,
                });
            }
            push_block(&mut lines, LineKind::Signature, signature, width);
        }
        Wrapped {
            width,
            lines,
            paras,
            header,
        }
    }

    /// The lines of the header block shown: from the first line to the last of its lines.
    pub fn header_lines(&self) -> Range<usize> {
        self.header_lines_where(|_| true)
    }

    /// The lines showing the header block's lines for which `wanted(index)` holds, from the
    /// first to the last of them.
    pub fn header_lines_where(&self, wanted: impl Fn(usize) -> bool) -> Range<usize> {
        let mut shown = self
            .header
            .iter()
            .enumerate()
            .filter(|(index, lines)| !lines.is_empty() && wanted(*index))
            .map(|(_, lines)| lines);
        match (shown.next(), shown.next_back()) {
            (Some(first), Some(last)) => first.start..last.end,
            (Some(only), None) => only.clone(),
            _ => 0..0,
        }
    }

    /// The line range of paragraph `para`, empty if hidden or unknown.
    pub fn para_lines(&self, para: usize) -> Range<usize> {
        self.paras.get(para).cloned().unwrap_or(0..0)
    }

    /// The paragraph shown on line `line`, if that line belongs to one.
    pub fn para_at(&self, line: usize) -> Option<usize> {
        match self.lines.get(line)?.kind {
            LineKind::Heading { above: para, .. }
            | LineKind::Warning { para }
            | LineKind::Text { para, .. } => Some(para),
            _ => None,
        }
    }
}

/// Columns taken by `6. (S//NF) ` at the start of a paragraph's first line.
pub fn text_label_width(para: &super::doc::Para) -> usize {
    let number = para.number_label();
    let marking = para.marking.as_ref().map(|m| m.width() + 3).unwrap_or(0);
    number.width() + marking
}

/// Wraps `text` into lines of at most `width` columns (the first line `first`), breaking at
/// spaces, splitting words longer than a line, keeping `\n` breaks and indentation after them.
/// Returns byte ranges of `text`, without the `\n` and without spaces at a wrap.
pub fn wrap(text: &str, first: usize, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for segment in text.split('\n') {
        let end = start + segment.len();
        if segment.is_empty() {
            out.push(start..start);
        } else {
            wrap_segment(text, start..end, first, width, &mut out);
        }
        start = end + 1;
    }
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

fn wrap_segment(
    text: &str,
    segment: Range<usize>,
    first: usize,
    width: usize,
    out: &mut Vec<Range<usize>>,
) {
    let end = segment.end;
    let skip_spaces = |from: usize| {
        let rest = text.get(from..end).unwrap_or("");
        from + (rest.len() - rest.trim_start_matches(' ').len())
    };
    let mut pos = segment.start;
    while pos < end {
        let max = if out.is_empty() { first } else { width }.max(1);
        let rest = text.get(pos..end).unwrap_or("");
        let mut column = 0;
        let mut seen_word = false;
        let mut previous_space = false;
        // Where to end the line and where the next starts, at the last space seen.
        let mut last_break: Option<(usize, usize)> = None;
        let mut line = (end, end);
        for (offset, c) in rest.char_indices() {
            let at = pos + offset;
            let w = c.width().unwrap_or(0);
            let space = c == ' ';
            if space && seen_word && !previous_space {
                last_break = Some((at, skip_spaces(at)));
            }
            if column + w > max {
                line = if space {
                    (at, skip_spaces(at))
                } else if let Some(found) = last_break {
                    found
                } else if at > pos {
                    (at, at)
                } else {
                    let after = at + c.len_utf8();
                    (after, after)
                };
                break;
            }
            column += w;
            seen_word |= !space;
            previous_space = space;
        }
        // Trailing spaces at the very end of a segment are kept (they cost nothing).
        out.push(pos..line.0);
        pos = line.1;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(text: &str, first: usize, width: usize) -> Vec<&str> {
        wrap(text, first, width)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10, 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("aaa bbb", 3, 7), ["aaa", "bbb"]);
        assert_eq!(lines("ab  cd", 2, 10), ["ab", "cd"]);
    }

    #[test]
    fn first_line_can_be_shorter() {
        assert_eq!(
            lines("one two three four", 4, 20),
            ["one", "two three four"]
        );
    }

    #[test]
    fn splits_long_words_and_wide_chars() {
        assert_eq!(lines("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            lines("日本語テキスト", 5, 5),
            ["日本", "語テ", "キス", "ト"]
        );
        // a wide character in a one-column pane still makes progress
        assert_eq!(lines("日本", 1, 1), ["日", "本"]);
    }

    #[test]
    fn keeps_line_breaks_and_indentation() {
        assert_eq!(
            lines("intro:\n  A. first\n\n  B. second", 40, 40),
            ["intro:", "  A. first", "", "  B. second"]
        );
        assert_eq!(lines("", 10, 10), [""]);
    }

    #[test]
    fn never_exceeds_width() {
        let text = "Mexico’s rapidly declining oil production, a projected six to seven percent GDP contraction in 2009 — 日本語 and averyveryverylongwordthatdoesnotfit";
        for width in 1..30 {
            for line in lines(text, width, width) {
                assert!(line.width() <= width.max(2), "{line:?} at {width}");
                if width >= 2 {
                    assert!(line.width() <= width, "{line:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn nothing_lost_but_spaces() {
        let text = "a bb  ccc dddd eeeee\nffffff g";
        let joined: String = lines(text, 3, 5).concat();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined.replace(' ', ""), expected);
    }

    #[test]
    fn the_header_block_comes_first_its_routing_only_when_asked() {
        let text = "R 121530Z MAR 09\nFM AMEMBASSY ROME\nCONFIDENTIAL ROME 000456\n\n\
            SUBJECT: TALKS ON FISHERIES AND MORE\n\n1. (C) TEXT.\n";
        let cable = crate::cable::parse_text(text, crate::cable::SourceFormat::PlainText);
        let doc = Doc::new(&cable);
        let kinds = |wrapped: &Wrapped| -> Vec<LineKind> {
            wrapped.lines.iter().map(|line| line.kind).collect()
        };
        let header = |line| LineKind::Header { line };
        let text = LineKind::Text {
            para: 0,
            first: true,
        };
        // The subject wraps at 24 columns: `SUBJECT: TALKS ON` / `FISHERIES AND MORE`.
        let without = Wrapped::new(&doc, &[0], 24, false);
        assert_eq!(
            kinds(&without),
            [header(2), header(3), header(3), LineKind::Blank, text]
        );
        assert_eq!(without.header, [0..0, 0..0, 0..1, 1..3]);
        assert_eq!(without.header_lines(), 0..3);
        assert_eq!(without.para_lines(0), 4..5);
        let with = Wrapped::new(&doc, &[0], 24, true);
        assert_eq!(kinds(&with)[..3], [header(0), header(1), header(2)]);
        assert_eq!(with.header_lines(), 0..5);
        assert_eq!(with.header_lines_where(|line| line == 1), 1..2);
    }
}
