//! Bytes to clean text: UTF-8 (BOM dropped) or Windows-1252, LF line ends, no control
//! characters but `\n` and `\t`. Text that already is that is borrowed, not copied.

use std::borrow::Cow;

use crate::cable::model::Warning;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text read from bytes, with what had to be changed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warnings: Vec<Warning>,
}

/// Reads bytes as text. UTF-8 when the bytes are UTF-8; else Windows-1252 (byte 0xB6 is `¶`),
/// unless the bytes hold UTF-8 characters and only a few broken sequences, which are then
/// replaced (see [`mostly_utf8`]).
/// Line ends become LF, and control characters other than `\n` and `\t` are removed.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let (text, warning) = decode_not_utf8(bytes);
            warnings.push(warning);
            text
        }
    };
    let (text, removed) = clean(text);
    if removed > 0 {
        warnings.push(removed_warning(removed));
    }
    Decoded { text, warnings }
}

/// The warning for `removed` control characters taken out of the text.
pub(crate) fn removed_warning(removed: usize) -> Warning {
    Warning::new(format!(
        "removed {removed} control character{} (NUL, escape ...)",
        if removed == 1 { "" } else { "s" }
    ))
}

fn decode_not_utf8(bytes: &[u8]) -> (Cow<'_, str>, Warning) {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if mostly_utf8(multibyte, invalid) {
        let warning = Warning::new(format!(
            "{invalid} byte{} not valid UTF-8, replaced by U+FFFD",
            if invalid == 1 { " was" } else { "s were" }
        ));
        (String::from_utf8_lossy(bytes), warning)
    } else {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        let warning = Warning::new("text is not UTF-8: read as Windows-1252");
        (Cow::Owned(text.into_owned()), warning)
    }
}

/// Whether bytes with `multibyte` valid UTF-8 characters beyond ASCII and `invalid` bytes
/// that are no UTF-8 are UTF-8 with a few stray bytes. Windows-1252 text almost never forms
/// a valid multi-byte sequence by chance (its `¶`, `é` are lone high bytes), so a few valid
/// characters outweigh several times as many stray bytes: three 0xFF bytes in a cable with
/// one `¶` leave it UTF-8.
fn mostly_utf8(multibyte: usize, invalid: usize) -> bool {
    multibyte > 0 && invalid <= multibyte * 4 + 8
}

/// Whether a character is a control character we remove (C0 but `\n` `\t`, DEL, C1).
/// `\r` is not counted: it is turned into a line end.
fn is_removed_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t' && c != '\r'
}

/// Whether `text` needs `clean` at all: a `\r`, a control character, a C1 control.
fn needs_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    let c0 = bytes
        .iter()
        .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F);
    // C1 controls (U+0080..U+009F) are 0xC2 0x80..=0x9F in UTF-8.
    c0 || memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
}

/// Turns CRLF and lone CR into LF and removes control characters other than `\n` and `\t`
/// (C0, DEL, C1). Returns the text, borrowed if nothing changed, and how many characters
/// were removed (line-end changes not counted).
pub fn clean(text: Cow<'_, str>) -> (Cow<'_, str>, usize) {
    if !needs_cleaning(&text) {
        return (text, 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if is_removed_control(c) {
            removed += 1;
        } else {
            out.push(c);
        }
    }
    (Cow::Owned(out), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str, warnings: &[&str]) -> Decoded<'static> {
        Decoded {
            text: Cow::Owned(text.to_owned()),
            warnings: warnings.iter().map(|w| Warning::new(*w)).collect(),
        }
    }

    #[test]
    fn plain_utf8_is_borrowed() {
        let input = "UNCLASSIFIED\n¶1. (U) SUMMARY.\tEND\n";
        let result = decode(input.as_bytes());
        assert!(matches!(result.text, Cow::Borrowed(_)));
        assert_eq!(result, decoded(input, &[]));
    }

    #[test]
    fn bom_is_dropped_and_still_borrowed() {
        let result = decode(b"\xEF\xBB\xBFSECRET\n");
        assert!(matches!(result.text, Cow::Borrowed("SECRET\n")));
        assert!(result.warnings.is_empty());
    }

    #[test]
    fn windows_1252_crlf_becomes_utf8_lf() {
        let result = decode(b"C O N F I D E N T I A L \r\n\r\n\xB61. (C) SARKOZY,S VISIT\r\n");
        assert_eq!(
            result,
            decoded(
                "C O N F I D E N T I A L \n\n¶1. (C) SARKOZY,S VISIT\n",
                &["text is not UTF-8: read as Windows-1252"]
            )
        );
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_replaced() {
        let mut bytes = "¶1. ¶2. ¶3. X\u{0}".as_bytes().to_vec();
        bytes.push(0xFF);
        let result = decode(&bytes);
        assert_eq!(
            result,
            decoded(
                "¶1. ¶2. ¶3. X\u{FFFD}",
                &[
                    "1 byte was not valid UTF-8, replaced by U+FFFD",
                    "removed 1 control character (NUL, escape ...)"
                ]
            )
        );
    }

    #[test]
    fn stray_bytes_outnumbering_the_utf8_characters_keep_it_utf8() {
        // A 2.5 KB cable with two `¶` and three 0xFF bytes: the `¶` stay `¶`, not `Â¶`.
        let mut bytes = "UNCLASSIFIED\n\n".as_bytes().to_vec();
        bytes.extend(std::iter::repeat_n(b'X', 2500));
        bytes.extend([0xFF, 0xFF, 0xFF]);
        bytes.extend("\n¶1. (U) ONE.\n¶2. (U) TWO.\n".as_bytes());
        let result = decode(&bytes);
        let expected = format!(
            "UNCLASSIFIED\n\n{}\u{FFFD}\u{FFFD}\u{FFFD}\n¶1. (U) ONE.\n¶2. (U) TWO.\n",
            "X".repeat(2500)
        );
        assert_eq!(
            result,
            decoded(
                &expected,
                &["3 bytes were not valid UTF-8, replaced by U+FFFD"]
            )
        );
    }

    #[test]
    fn windows_1252_with_a_chance_utf8_pair_stays_windows_1252() {
        // Many lone 0xB6 signs and one pair that happens to be valid UTF-8 (0xC3 0xA9).
        let mut bytes: Vec<u8> = (1..=20)
            .flat_map(|n| {
                let mut line = vec![0xB6];
                line.extend(format!("{n}. (U) TEXT.\r\n").bytes());
                line
            })
            .collect();
        bytes.extend([0xC3, 0xA9]);
        let result = decode(&bytes);
        assert!(result.text.starts_with("¶1. (U) TEXT.\n¶2."));
        assert!(result.text.ends_with("Ã©"));
        assert_eq!(
            result.warnings,
            vec![Warning::new("text is not UTF-8: read as Windows-1252")]
        );
    }

    #[test]
    fn lone_cr_and_controls() {
        let result = decode(b"A\rB\x00\x1b[31mC\x7f\x0cD\r\n");
        assert_eq!(
            result,
            decoded(
                "A\nB[31mCD\n",
                &["removed 4 control characters (NUL, escape ...)"]
            )
        );
    }

    #[test]
    fn c1_controls_are_removed() {
        let (text, removed) = clean(Cow::Borrowed("A\u{9B}B\u{85}"));
        assert_eq!((text.as_ref(), removed), ("AB", 2));
    }
}
