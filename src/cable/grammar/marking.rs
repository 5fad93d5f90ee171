//! Paragraph starts (`1.`, `¶1.`) and classification markings (`(U)`, `(S//NF)`,
//! `(C/REL TO USA, GBR)`, `( c )` ...).

use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, space0};
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::cable::model::Level;

/// A classification marking in parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marking<'a> {
    /// As written, without the parentheses and surrounding spaces: `S//NF`.
    pub written: &'a str,
    pub level: Level,
}

/// The opening of a numbered (or marked) paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParagraphStart<'a> {
    pub number: Option<u32>,
    /// Whether the number carried a `¶` sign, which makes it certain.
    pub pilcrow: bool,
    pub marking: Option<Marking<'a>>,
    /// The paragraph's own text on this line, after number and marking.
    pub rest: &'a str,
}

/// `(SBU)`, `(S//NF)`, `(U//FOUO)`, `( c )`, `(C/REL TO USA, ISAF)`.
pub fn marking(input: &str) -> IResult<&str, Marking<'_>> {
    let (rest, _) = char('(').parse(input)?;
    let close = rest
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ')' || c == '(' || c == '\n')
        .filter(|&(_, c)| c == ')')
        .map(|(at, _)| at)
        .ok_or_else(|| {
            nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char))
        })?;
    let inner = rest.get(..close).unwrap_or_default();
    let after = rest.get(close + 1..).unwrap_or_default();
    let written = inner.trim();
    let level = level_of_marking(written).ok_or_else(|| {
        nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify))
    })?;
    Ok((after, Marking { written, level }))
}

/// `C) text`, `S/NF) text`: a marking whose opening parenthesis is missing. The text before
/// `)` is one word of letters and slashes, followed by a space or the line's end.
fn unopened_marking(input: &str) -> IResult<&str, Marking<'_>> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify));
    let close = input
        .bytes()
        .take(12)
        .position(|b| !(b.is_ascii_alphabetic() || b == b'/'))
        .filter(|&at| at > 0 && input.as_bytes().get(at) == Some(&b')'))
        .ok_or_else(fail)?;
    let written = input.get(..close).ok_or_else(fail)?;
    let after = input.get(close + 1..).unwrap_or_default();
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return Err(fail());
    }
    let level = level_of_marking(written).ok_or_else(fail)?;
    Ok((after, Marking { written, level }))
}

/// The level a marking's text stands for, or `None` when it is no marking (`(1)`, `(a)`,
/// `(PRI)`).
pub fn level_of_marking(written: &str) -> Option<Level> {
    let mut parts = written
        .split(['/', '-', ' ', ','])
        .filter(|part| !part.is_empty());
    let first = parts.next()?;
    let level = match first.to_ascii_uppercase().as_str() {
        "U" | "UNCLASSIFIED" | "UNCLAS" => Level::Unclassified,
        "SBU" | "LOU" | "FOUO" | "CUI" => Level::SensitiveButUnclassified,
        "C" | "CONFIDENTIAL" => Level::Confidential,
        "S" | "SECRET" => Level::Secret,
        "TS" => Level::TopSecret,
        "S//NF" | "SNF" => Level::Secret,
        _ => return None,
    };
    // What follows the level must be caveats, not words of a sentence.
    let mut controlled = false;
    for part in parts {
        match part.to_ascii_uppercase().as_str() {
            "FOUO" | "SBU" | "LOU" | "CUI" => controlled = true,
            "NF" | "NOFORN" | "REL" | "TO" | "USA" | "ORCON" | "OC" | "NOCONTRACT" | "PROPIN"
            | "RELIDO" | "SI" | "TK" | "HCS" | "EXDIS" | "NODIS" | "FGI" | "ISAF" | "NATO"
            | "GBR" | "AUS" | "CAN" | "NZL" | "FVEY" | "SIPDIS" => {}
            other if other.len() == 3 && other.bytes().all(|b| b.is_ascii_uppercase()) => {}
            _ => return None,
        }
    }
    Some(if controlled && level == Level::Unclassified {
        Level::SensitiveButUnclassified
    } else {
        level
    })
}

/// The handling caveats a paragraph marking carries (`S//NF`, `C/REL TO USA, GBR`,
/// `U//FOUO`, `SBU`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkingCaveats {
    /// `NF`, `NOFORN`.
    pub noforn: bool,
    /// `REL TO ...`.
    pub releasable: bool,
    /// Controlled unclassified: `FOUO`, `SBU`, `LOU`, `CUI` (as the level or a caveat).
    pub controlled: bool,
}

/// The caveats in a marking's text, as written without parentheses.
pub fn marking_caveats(written: &str) -> MarkingCaveats {
    let mut caveats = MarkingCaveats::default();
    for part in written
        .split(['/', '-', ' ', ','])
        .filter(|part| !part.is_empty())
    {
        match part.to_ascii_uppercase().as_str() {
            "NF" | "NOFORN" | "SNF" => caveats.noforn = true,
            "REL" | "RELIDO" => caveats.releasable = true,
            "FOUO" | "SBU" | "LOU" | "CUI" => caveats.controlled = true,
            _ => {}
        }
    }
    caveats
}

/// `1. (SBU) text`, `¶1. text`, `12.(C) text`, `(C) text` (marking without number).
pub fn paragraph_start(input: &str) -> IResult<&str, ParagraphStart<'_>> {
    // Most lines are text: only `¶`, a digit or `(` can open a paragraph.
    let opens = input
        .trim_start_matches([' ', '\t'])
        .starts_with(|c: char| c == '¶' || c == '(' || c.is_ascii_digit());
    if !opens {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, _) = space0.parse(input)?;
    let (rest, pilcrow) = opt(tag("¶")).parse(rest)?;
    let (rest, _) = space0.parse(rest)?;
    let (rest, digits) = opt(take_while_m_n(1, 3, |c: char| c.is_ascii_digit())).parse(rest)?;
    let (rest, number) = match digits {
        Some(digits) => {
            let (rest, _) = char('.').parse(rest)?;
            // `1.5 million` or `2009.` inside a sentence is no paragraph number.
            if !(rest.is_empty() || rest.starts_with([' ', '\t', '('])) {
                return Err(nom::Err::Error(nom::error::Error::new(
                    input,
                    nom::error::ErrorKind::Verify,
                )));
            }
            (rest, digits.parse::<u32>().ok())
        }
        None if pilcrow.is_some() => (rest, None),
        None => (rest, None),
    };
    let (rest, _) = space0.parse(rest)?;
    let (rest, marking) = opt(marking).parse(rest)?;
    // `¶1. C) Summary`: some posts drop the opening parenthesis; only after a number, since
    // `C) ...` alone is a list letter.
    let (rest, marking) = match marking {
        None if number.is_some() => match opt(unopened_marking).parse(rest)? {
            (after, Some(found)) => (after, Some(found)),
            (_, None) => (rest, None),
        },
        found => (rest, found),
    };
    if number.is_none() && marking.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        "",
        ParagraphStart {
            number,
            pilcrow: pilcrow.is_some(),
            marking,
            rest: rest.trim(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_markings() {
        for (written, level) in [
            ("(U)", Level::Unclassified),
            ("(SBU)", Level::SensitiveButUnclassified),
            ("(C)", Level::Confidential),
            ("(S)", Level::Secret),
            ("(TS)", Level::TopSecret),
            ("(c)", Level::Confidential),
            ("(LOU)", Level::SensitiveButUnclassified),
        ] {
            let inner = &written[1..written.len() - 1];
            assert_eq!(
                marking(written),
                Ok((
                    "",
                    Marking {
                        written: inner,
                        level
                    }
                )),
                "{written}"
            );
        }
    }

    #[test]
    fn markings_with_caveats_and_odd_spacing() {
        assert_eq!(
            marking("(S//NF) text"),
            Ok((
                " text",
                Marking {
                    written: "S//NF",
                    level: Level::Secret
                }
            ))
        );
        assert_eq!(
            marking("( C/NF )"),
            Ok((
                "",
                Marking {
                    written: "C/NF",
                    level: Level::Confidential
                }
            ))
        );
        assert_eq!(
            marking("(U//FOUO)"),
            Ok((
                "",
                Marking {
                    written: "U//FOUO",
                    level: Level::SensitiveButUnclassified
                }
            ))
        );
        assert_eq!(
            marking("(SBU/NF)"),
            Ok((
                "",
                Marking {
                    written: "SBU/NF",
                    level: Level::SensitiveButUnclassified
                }
            ))
        );
        assert_eq!(
            marking("(C/REL TO USA, GBR)"),
            Ok((
                "",
                Marking {
                    written: "C/REL TO USA, GBR",
                    level: Level::Confidential
                }
            ))
        );
    }

    #[test]
    fn parentheses_that_are_no_marking() {
        assert!(marking("(a) first").is_err());
        assert!(marking("(1)").is_err());
        assert!(marking("(PRI)").is_err());
        assert!(marking("(S and T)").is_err());
        assert!(marking("(C").is_err());
    }

    #[test]
    fn numbered_paragraph_with_marking() {
        assert_eq!(
            paragraph_start("1. (SBU) Summary: The inauguration"),
            Ok((
                "",
                ParagraphStart {
                    number: Some(1),
                    pilcrow: false,
                    marking: Some(Marking {
                        written: "SBU",
                        level: Level::SensitiveButUnclassified
                    }),
                    rest: "Summary: The inauguration",
                }
            ))
        );
    }

    #[test]
    fn pilcrow_paragraph_without_marking() {
        assert_eq!(
            paragraph_start("¶12.  If Department does not"),
            Ok((
                "",
                ParagraphStart {
                    number: Some(12),
                    pilcrow: true,
                    marking: None,
                    rest: "If Department does not",
                }
            ))
        );
        assert_eq!(
            paragraph_start("3.(C) Text"),
            Ok((
                "",
                ParagraphStart {
                    number: Some(3),
                    pilcrow: false,
                    marking: Some(Marking {
                        written: "C",
                        level: Level::Confidential
                    }),
                    rest: "Text",
                }
            ))
        );
    }

    #[test]
    fn caveats_of_markings() {
        assert_eq!(
            marking_caveats("S//NF"),
            MarkingCaveats {
                noforn: true,
                releasable: false,
                controlled: false
            }
        );
        assert_eq!(
            marking_caveats("C/REL TO USA, GBR"),
            MarkingCaveats {
                noforn: false,
                releasable: true,
                controlled: false
            }
        );
        assert_eq!(
            marking_caveats("U//FOUO"),
            MarkingCaveats {
                noforn: false,
                releasable: false,
                controlled: true
            }
        );
        assert_eq!(marking_caveats("C"), MarkingCaveats::default());
        assert!(marking_caveats("SBU/NF").noforn && marking_caveats("SBU/NF").controlled);
    }

    #[test]
    fn marking_without_its_opening_parenthesis() {
        assert_eq!(
            paragraph_start(" ¶2. C) Following the Ambassador's call"),
            Ok((
                "",
                ParagraphStart {
                    number: Some(2),
                    pilcrow: true,
                    marking: Some(Marking {
                        written: "C",
                        level: Level::Confidential
                    }),
                    rest: "Following the Ambassador's call",
                }
            ))
        );
        assert_eq!(
            paragraph_start("4. S/NF) Text"),
            Ok((
                "",
                ParagraphStart {
                    number: Some(4),
                    pilcrow: false,
                    marking: Some(Marking {
                        written: "S/NF",
                        level: Level::Secret
                    }),
                    rest: "Text",
                }
            ))
        );
        // Without a number, `C)` is a list letter; `A)` is no level.
        assert!(paragraph_start("C) third item").is_err());
        assert_eq!(
            paragraph_start("3. A) first item").map(|(_, start)| start.marking),
            Ok(None)
        );
    }

    #[test]
    fn marking_without_number() {
        assert_eq!(
            paragraph_start("(S) Begin summary"),
            Ok((
                "",
                ParagraphStart {
                    number: None,
                    pilcrow: false,
                    marking: Some(Marking {
                        written: "S",
                        level: Level::Secret
                    }),
                    rest: "Begin summary",
                }
            ))
        );
    }

    #[test]
    fn numbers_inside_sentences_are_no_paragraphs() {
        assert!(paragraph_start("1.5 million people").is_err());
        assert!(paragraph_start("2009.").is_err());
        assert!(paragraph_start("The 3. item").is_err());
        assert!(paragraph_start("(a) item").is_err());
    }
}
