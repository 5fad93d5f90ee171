//! Stand-in for `cable::read_path` until the grammar lands on main: finds numbered,
//! marked paragraphs and the subject line. Removed when main is merged.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::cable::{Cable, Level, Paragraph};

#[derive(Debug)]
pub struct ReadError(PathBuf, String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.display(), self.1)
    }
}

pub fn read_path(path: &Path) -> Result<Vec<Cable<'static>>, ReadError> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| ReadError(path.to_owned(), format!("cannot read: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut cable = Cable {
        sections: 1,
        ..Cable::default()
    };
    let mut current: Option<Paragraph<'static>> = None;
    for line in text.lines() {
        if let Some(subject) = line.strip_prefix("SUBJECT:") {
            cable.subject = Some(Cow::Owned(subject.trim().to_owned()));
            continue;
        }
        if let Some((number, rest)) = line.split_once(". (") {
            if let (Ok(number), Some((marking, body))) =
                (number.trim().parse::<u32>(), rest.split_once(')'))
            {
                if let Some(done) = current.take() {
                    cable.paragraphs.push(done);
                }
                current = Some(Paragraph {
                    number: Some(number),
                    marking: Some(Cow::Owned(marking.to_owned())),
                    level: Level::from_abbreviation(marking.split("//").next().unwrap_or("")),
                    text: Cow::Owned(body.trim().to_owned()),
                    heading: None,
                    spans: Vec::new(),
                    span: 0..0,
                });
                continue;
            }
        }
        if let Some(paragraph) = current.as_mut() {
            if !line.trim().is_empty() {
                let text = paragraph.text.to_mut();
                text.push(' ');
                text.push_str(line.trim());
            }
        }
    }
    if let Some(done) = current.take() {
        cable.paragraphs.push(done);
    }
    if cable.paragraphs.is_empty() {
        return Err(ReadError(
            path.to_owned(),
            "no cable found in the file".to_owned(),
        ));
    }
    cable.classification.level = cable.highest_paragraph_level();
    cable.id = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    Ok(vec![cable])
}
