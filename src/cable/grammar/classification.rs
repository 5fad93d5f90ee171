//! Classification line, caveat lines and page headers. (Interim: replaced by the full
//! grammar from the routing branch.)

use std::borrow::Cow;

use nom::{IResult, Parser};

use crate::cable::model::{Caveat, Classification, ClassificationLine, Level, PageHeader};

fn fail<T>(input: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Verify,
    )))
}

pub fn classification_line(input: &str) -> IResult<&str, ClassificationLine<'_>> {
    let (line, rest) = input.split_once('\n').unwrap_or((input, ""));
    let squeezed: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    let level = if squeezed.starts_with("S E C R E T") || squeezed.starts_with("SECRET ") {
        Level::Secret
    } else if squeezed.starts_with("C O N F I D E N T I A L")
        || squeezed.starts_with("CONFIDENTIAL ")
    {
        Level::Confidential
    } else if squeezed.starts_with("UNCLAS") {
        Level::Unclassified
    } else {
        return fail(input);
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let section = words.iter().position(|w| *w == "SECTION").and_then(|at| {
        Some((
            words.get(at + 1)?.parse().ok()?,
            words.get(at + 3)?.parse().ok()?,
        ))
    });
    let serial = words.last().and_then(|w| w.parse().ok());
    let post = words
        .len()
        .checked_sub(2)
        .and_then(|at| words.get(at))
        .map(|w| Cow::Borrowed(*w));
    let _ = Parser::parse(
        &mut nom::character::complete::space0::<&str, nom::error::Error<&str>>,
        "",
    );
    Ok((
        rest,
        ClassificationLine {
            classification: Classification {
                level: Some(level),
                caveats: vec![],
            },
            section,
            post,
            serial,
        },
    ))
}

pub fn caveat_line(input: &str) -> IResult<&str, Vec<Caveat>> {
    let (line, rest) = input.split_once('\n').unwrap_or((input, ""));
    match line.trim() {
        "SIPDIS" => Ok((rest, vec![Caveat::Sipdis])),
        "NOFORN" => Ok((rest, vec![Caveat::Noforn])),
        _ => fail(input),
    }
}

pub fn page_header(input: &str) -> IResult<&str, PageHeader<'_>> {
    let (line, rest) = input.split_once('\n').unwrap_or((input, ""));
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [post @ .., serial, page, "OF", pages] if serial.len() == 8 => Ok((
            rest,
            PageHeader {
                post: Cow::Owned(post.join(" ")),
                serial: serial.parse().map_err(|_| {
                    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))
                })?,
                page: page
                    .split('.')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0),
                pages: pages.parse().unwrap_or(0),
            },
        )),
        _ => fail(input),
    }
}
