//! What the teletype and WikiLeaks put into the text that is not the cable's words: `SIPDIS`
//! and `NOFORN` tags and classification words stranded on their own line or inside a
//! sentence, the running subject printed after a teletype page line, and several `¶N.`
//! paragraphs written on one line.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::super::lines::Line;

/// A piece of a text line after the furniture in it is taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(Line<'a>),
    /// Where furniture stood: a cut sentence goes on across it.
    Break,
}

/// The longest stranded line: `CONFIDENTIAL//NOFORN//SIPDIS \`.
const MAX_STRANDED_LEN: usize = 40;

/// Lines that are only a tag or the classification repeated: `SIPDIS`, `NOFORN`,
/// ` CONFIDENTIAL`, `SECRET NOFORN`, `LIMITED OFFICIAL USE`.
pub fn is_stranded_line(trimmed: &str) -> bool {
    // Most lines are text: too long, or not opening with one of these words' letters.
    if trimmed.len() > MAX_STRANDED_LEN || !trimmed.starts_with(['S', 'N', 'C', 'U', 'L']) {
        return false;
    }
    let trimmed = trimmed.trim_end_matches(['\\', ' ']);
    let mut words = trimmed.split(['/', ' ']).filter(|word| !word.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    if matches!(first, "SIPDIS" | "NOFORN") {
        return words.next().is_none();
    }
    if trimmed == "LIMITED OFFICIAL USE" {
        return true;
    }
    matches!(first, "CONFIDENTIAL" | "SECRET" | "UNCLASSIFIED" | "UNCLAS")
        && words.all(|word| matches!(word, "NOFORN" | "SIPDIS"))
}

// Built once: a searcher costs more to make than most lines take to search.
static SIPDIS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("SIPDIS"));
static PILCROW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("¶"));

/// Cuts `line` into pieces: a `SIPDIS` word (between spaces or line ends) goes and leaves a
/// break; a `¶` inside the line opens a new piece. Linear in the line.
#[cfg(test)]
pub fn pieces<'a>(line: Line<'a>) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    for_each_piece(line, |piece| pieces.push(piece));
    pieces
}

/// [`pieces`], handed one by one to `each`: a line with nothing to cut costs two searches
/// and no allocation.
pub fn for_each_piece<'a>(line: Line<'a>, mut each: impl FnMut(Piece<'a>)) {
    let text = line.text;
    let bytes = text.as_bytes();
    if SIPDIS.find(bytes).is_none() && PILCROW.find(bytes).is_none() {
        each(Piece::Text(line));
        return;
    }
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for at in SIPDIS.find_iter(text.as_bytes()) {
        let end = at + "SIPDIS".len();
        let before_ok = at == 0 || text.as_bytes().get(at - 1) == Some(&b' ');
        let after_ok = end == text.len() || text.as_bytes().get(end) == Some(&b' ');
        if before_ok && after_ok {
            cuts.push((at, end, true));
        }
    }
    let lead = text.len() - text.trim_start().len();
    for at in PILCROW.find_iter(text.as_bytes()) {
        if at > lead {
            cuts.push((at, at, false));
        }
    }
    if cuts.is_empty() {
        each(Piece::Text(line));
        return;
    }
    cuts.sort_unstable();
    let mut from = 0;
    let push_text = |each: &mut dyn FnMut(Piece<'a>), from: usize, to: usize| {
        let part = text.get(from..to).unwrap_or_default();
        let skipped = part.len() - part.trim_start().len();
        let part = part.trim();
        if !part.is_empty() {
            each(Piece::Text(Line {
                text: part,
                start: line.start + from + skipped,
            }));
        }
    };
    for (at, end, tag) in cuts {
        push_text(&mut each, from, at);
        if tag {
            each(Piece::Break);
        }
        from = end;
    }
    push_text(&mut each, from, text.len());
}

/// Whether the text after a teletype page line is the running subject the teletype printed
/// on each page (`PAGE 02 HARARE 06677 02 OF 03 291401Z OPPOSITION LEADER`): the subject's
/// last words, as the subject was read from the header.
pub fn is_running_subject(after: &str, subject: Option<&str>) -> bool {
    let Some(subject) = subject else {
        return false;
    };
    let squeeze = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let after = squeeze(after);
    let subject = squeeze(subject);
    !after.is_empty()
        && !after.ends_with('.')
        && subject.len() > after.len()
        && subject.ends_with(&after)
        && subject
            .as_bytes()
            .get(subject.len() - after.len() - 1)
            .is_some_and(|b| *b == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line { text, start: 100 }
    }

    #[test]
    fn stranded_lines() {
        for text in [
            "SIPDIS",
            "NOFORN",
            "CONFIDENTIAL",
            "SECRET NOFORN",
            "SECRET//NOFORN",
            "UNCLAS",
        ] {
            assert!(is_stranded_line(text), "{text}");
        }
        for text in [
            "SIPDIS SCENARIOS UNDER",
            "SECRETARY",
            "CONFIDENTIAL SOURCES SAY",
            "",
        ] {
            assert!(!is_stranded_line(text), "{text}");
        }
    }

    #[test]
    fn sipdis_inside_a_line_leaves_a_break() {
        let text = "an envoy like SIPDIS former Malaysian Prime Minister";
        assert_eq!(
            pieces(line(text)),
            vec![
                Piece::Text(Line {
                    text: "an envoy like",
                    start: 100
                }),
                Piece::Break,
                Piece::Text(Line {
                    text: "former Malaysian Prime Minister",
                    start: 121
                }),
            ]
        );
        assert_eq!(
            pieces(line("SIPDIS SCENARIOS UNDER WHICH")),
            vec![
                Piece::Break,
                Piece::Text(Line {
                    text: "SCENARIOS UNDER WHICH",
                    start: 107
                }),
            ]
        );
        // A word that only holds the letters stays.
        assert_eq!(
            pieces(line("the SIPDISX caveat")),
            vec![Piece::Text(line("the SIPDISX caveat"))]
        );
    }

    #[test]
    fn paragraphs_on_one_line_are_cut_before_each_sign() {
        let text = "¶1. (C) One. ¶2. (C) Two.";
        assert_eq!(
            pieces(line(text)),
            vec![
                Piece::Text(Line {
                    text: "¶1. (C) One.",
                    start: 100
                }),
                Piece::Text(Line {
                    text: "¶2. (C) Two.",
                    start: 114
                }),
            ]
        );
    }

    #[test]
    fn running_subject() {
        let subject = Some("ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER");
        assert!(is_running_subject("OPPOSITION LEADER", subject));
        assert!(!is_running_subject(
            "COALITION GOVERNMENT. THE GOAL",
            subject
        ));
        assert!(!is_running_subject("LEADER", Some("THE NEWLEADER")));
        assert!(!is_running_subject("OPPOSITION LEADER", None));
    }
}
