//! The one sanitiser for everything that reaches a terminal or a text output: cable text in
//! the reader, file names, error messages (config snippets among them), `parse`'s summary,
//! exported text and Markdown. Text from a file, or a file's name, must never drive the
//! terminal or mislead the eye:
//!
//! - C0 controls (ESC, BEL, NUL ...) become their visible "control picture" (␛, ␇, ␀), DEL
//!   becomes ␡, C1 controls (CSI is U+009B) and line/paragraph separators become U+FFFD;
//! - bidirectional controls (embeddings, overrides, isolates, and the LRM/RLM/ALM marks),
//!   which can make a line read in another order than it is stored, become a visible name
//!   such as `⟨RLO⟩`;
//! - zero-width characters (U+200B–D, U+2060, U+FEFF), which hide differences between two
//!   names that look alike, are removed;
//! - tabs become spaces up to the next stop, CR is dropped, `\n` stays.
//!
//! JSON output does not pass through here: serde escapes every control character, so JSON
//! keeps the text exactly, bidi and zero-width characters included, and loses nothing.

use std::borrow::Cow;
use std::path::Path;

use unicode_width::UnicodeWidthChar;

/// Tab stops every this many columns.
pub const TAB_WIDTH: usize = 8;

/// What a character becomes in clean text.
enum Clean {
    Keep,
    Drop,
    Tab,
    Replace(char),
    Name(&'static str),
}

fn classify(c: char) -> Clean {
    match c {
        '\n' => Clean::Keep,
        '\t' => Clean::Tab,
        '\r' => Clean::Drop,
        '\u{0}'..='\u{1f}' => {
            Clean::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        '\u{7f}' => Clean::Replace('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => Clean::Replace('\u{fffd}'),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Clean::Drop,
        _ => bidi_name(c).map_or(Clean::Keep, Clean::Name),
    }
}

/// The visible stand-in for a bidirectional control character.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202a}' => "⟨LRE⟩",
        '\u{202b}' => "⟨RLE⟩",
        '\u{202c}' => "⟨PDF⟩",
        '\u{202d}' => "⟨LRO⟩",
        '\u{202e}' => "⟨RLO⟩",
        '\u{2066}' => "⟨LRI⟩",
        '\u{2067}' => "⟨RLI⟩",
        '\u{2068}' => "⟨FSI⟩",
        '\u{2069}' => "⟨PDI⟩",
        '\u{200e}' => "⟨LRM⟩",
        '\u{200f}' => "⟨RLM⟩",
        '\u{061c}' => "⟨ALM⟩",
        _ => return None,
    })
}

/// Makes text safe to draw or print (see the module notes). Borrows when the text is
/// already clean.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| matches!(classify(c), Clean::Keep)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(clean_mapped(text).0)
}

/// Like [`clean`], and also returns how byte offsets moved: pairs `(original, cleaned)` of
/// offsets after each changed character, starting with `(0, 0)`. Between two pairs the text
/// was copied unchanged, so any offset maps by the pair before it (see [`map_offset`]).
pub fn clean_mapped(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![(0, 0)];
    let mut column = 0usize;
    for (index, c) in text.char_indices() {
        match classify(c) {
            Clean::Keep => {
                out.push(c);
                column = if c == '\n' {
                    0
                } else {
                    column + c.width().unwrap_or(0)
                };
                continue;
            }
            Clean::Drop => {}
            Clean::Tab => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            Clean::Replace(with) => {
                out.push(with);
                column += with.width().unwrap_or(1);
            }
            Clean::Name(name) => {
                out.push_str(name);
                column += name
                    .chars()
                    .filter_map(UnicodeWidthChar::width)
                    .sum::<usize>();
            }
        }
        map.push((index + c.len_utf8(), out.len()));
    }
    (out, map)
}

/// Maps a byte offset of the original text to the cleaned text, using the map from
/// [`clean_mapped`]. The result is a char boundary of `cleaned`, at most its length.
pub fn map_offset(map: &[(usize, usize)], cleaned: &str, offset: usize) -> usize {
    let at = map.partition_point(|&(original, _)| original <= offset);
    let (original, clean) = map.get(at.saturating_sub(1)).copied().unwrap_or((0, 0));
    // An offset inside a changed character maps no further than where its replacement ends
    // (its start, for a character dropped), so offsets keep their order.
    let limit = map.get(at).map_or(cleaned.len(), |&(_, next)| next);
    let mut mapped = (clean + (offset - original.min(offset)))
        .min(limit)
        .min(cleaned.len());
    while !cleaned.is_char_boundary(mapped) {
        mapped -= 1;
    }
    mapped
}

/// Clean text on one line: line breaks and runs of spaces become one space.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Clean text kept on one line without touching its spaces: a line break shows as `␊`.
/// For names, where `a  b` and `a b` are different files.
pub fn line(text: &str) -> String {
    clean(text).replace('\n', "\u{240a}")
}

/// A path as it may be printed: lossy UTF-8, cleaned, on one line.
pub fn path(path: &Path) -> String {
    line(&path.to_string_lossy())
}

/// A message for the terminal (an error, a warning): cleaned; its own line breaks, such as
/// those of a config error's snippet, stay.
pub fn message(text: &str) -> Cow<'_, str> {
    clean(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("plain text\nline"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(
            clean("a\u{1b}[31mred\u{7}\r\n"),
            "a\u{241b}[31mred\u{2407}\n"
        );
        assert_eq!(clean("x\u{9b}2J"), "x\u{fffd}2J");
        assert_eq!(clean("\u{7f}\u{0}"), "\u{2421}\u{2400}");
    }

    #[test]
    fn the_title_and_clear_screen_attack_is_inert() {
        let name = "cable\u{1b}]0;PWNED\u{7}\u{1b}[2J.txt";
        let cleaned = clean(name);
        assert_eq!(cleaned, "cable\u{241b}]0;PWNED\u{2407}\u{241b}[2J.txt");
        assert!(!cleaned.chars().any(char::is_control));
    }

    #[test]
    fn bidi_controls_are_named() {
        assert_eq!(clean("abc\u{202e}def"), "abc⟨RLO⟩def");
        assert_eq!(
            clean("\u{202a}\u{202b}\u{202c}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}"),
            "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩⟨LRI⟩⟨RLI⟩⟨FSI⟩⟨PDI⟩"
        );
        assert_eq!(clean("\u{200e}\u{200f}\u{61c}"), "⟨LRM⟩⟨RLM⟩⟨ALM⟩");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        assert_eq!(
            clean("10\u{200b}STATE\u{200c}1\u{200d}2\u{2060}3\u{feff}"),
            "10STATE123"
        );
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(clean("a\tb"), "a       b");
        assert_eq!(clean("abcdefgh\tc"), "abcdefgh        c");
        assert_eq!(clean("x\n\ty"), "x\n        y");
        // a wide character counts two columns
        assert_eq!(clean("日\tx"), "日      x");
        // a bidi name counts its five columns
        assert_eq!(clean("\u{202e}\tx"), "⟨RLO⟩   x");
    }

    #[test]
    fn offsets_map_across_changes() {
        let original = "a\tb\u{1b}cd\u{202e}e";
        let (cleaned, map) = clean_mapped(original);
        assert_eq!(cleaned, "a       b\u{241b}cd⟨RLO⟩e");
        assert_eq!(map_offset(&map, &cleaned, 0), 0);
        assert_eq!(map_offset(&map, &cleaned, 2), 8); // "b"
        let c = original.find('c').unwrap();
        assert_eq!(&cleaned[map_offset(&map, &cleaned, c)..], "cd⟨RLO⟩e");
        let e = original.find('e').unwrap();
        assert_eq!(&cleaned[map_offset(&map, &cleaned, e)..], "e");
        assert_eq!(map_offset(&map, &cleaned, original.len()), cleaned.len());
        assert_eq!(map_offset(&map, &cleaned, 999), cleaned.len());
    }

    #[test]
    fn offsets_inside_a_dropped_character_keep_their_order() {
        // Found by the fuzzer: offsets inside U+200B (dropped) used to map past the
        // character after it, and then back.
        let original = "a\u{200b}`b";
        let (cleaned, map) = clean_mapped(original);
        assert_eq!(cleaned, "a`b");
        let mapped: Vec<usize> = (0..=original.len())
            .map(|offset| map_offset(&map, &cleaned, offset))
            .collect();
        assert_eq!(mapped, [0, 1, 1, 1, 1, 2, 3]);
    }

    #[test]
    fn names_stay_on_one_line_with_their_spaces() {
        assert_eq!(line("a  b\nc"), "a  b\u{240a}c");
        assert_eq!(path(Path::new("dir/x\u{1b}[2J")), "dir/x\u{241b}[2J");
        assert_eq!(one_line(" a \n b\u{202e} "), "a b⟨RLO⟩");
    }

    #[test]
    fn messages_keep_their_lines() {
        assert_eq!(
            message("x.toml:1:3: bad\n  | a = \"\u{1b}\u{0}\""),
            "x.toml:1:3: bad\n  | a = \"\u{241b}\u{2400}\""
        );
    }
}
