//! The classification filter: which paragraph levels show, and whether unmarked paragraphs
//! do. One type for the config's default, the saved per-cable state and `export`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::cable::{Cable, Level, Paragraph};

/// Which paragraphs show: a set of levels, plus unmarked paragraphs (those whose marking is
/// missing or names no level) on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelFilter {
    levels: [bool; 5],
    /// Whether paragraphs without a level show.
    pub show_unmarked: bool,
}

impl Default for LevelFilter {
    fn default() -> LevelFilter {
        LevelFilter::all()
    }
}

impl LevelFilter {
    /// Everything shows.
    pub fn all() -> LevelFilter {
        LevelFilter {
            levels: [true; 5],
            show_unmarked: true,
        }
    }

    /// Exactly these levels; unmarked paragraphs as given.
    pub fn only(levels: &[Level], show_unmarked: bool) -> LevelFilter {
        let mut filter = LevelFilter {
            levels: [false; 5],
            show_unmarked,
        };
        for &level in levels {
            filter.set(level, true);
        }
        filter
    }

    /// `level` and everything above it ("C and up").
    pub fn at_least(level: Level, show_unmarked: bool) -> LevelFilter {
        let mut filter = LevelFilter::only(&[], show_unmarked);
        for other in Level::ALL.into_iter().filter(|other| *other >= level) {
            filter.set(other, true);
        }
        filter
    }

    /// The filter the command line and the config describe: `levels` (all when `None`)
    /// narrowed to `min_level` and above when given.
    pub fn from_parts(
        levels: Option<&[Level]>,
        min_level: Option<Level>,
        show_unmarked: bool,
    ) -> LevelFilter {
        let mut filter = match levels {
            Some(levels) => LevelFilter::only(levels, show_unmarked),
            None => LevelFilter {
                levels: [true; 5],
                show_unmarked,
            },
        };
        if let Some(min) = min_level {
            for level in Level::ALL.into_iter().filter(|level| *level < min) {
                filter.set(level, false);
            }
        }
        filter
    }

    pub fn contains(&self, level: Level) -> bool {
        self.levels.get(level as usize).copied().unwrap_or(false)
    }

    pub fn set(&mut self, level: Level, shown: bool) {
        if let Some(slot) = self.levels.get_mut(level as usize) {
            *slot = shown;
        }
    }

    pub fn toggle(&mut self, level: Level) {
        let shown = self.contains(level);
        self.set(level, !shown);
    }

    /// The levels that show, lowest first.
    pub fn levels(&self) -> impl Iterator<Item = Level> + '_ {
        Level::ALL
            .into_iter()
            .filter(move |level| self.contains(*level))
    }

    /// Whether everything shows.
    pub fn is_all(&self) -> bool {
        *self == LevelFilter::all()
    }

    /// Whether a paragraph of this level (`None`: unmarked) shows.
    pub fn allows(&self, level: Option<Level>) -> bool {
        match level {
            Some(level) => self.contains(level),
            None => self.show_unmarked,
        }
    }

    pub fn allows_paragraph(&self, paragraph: &Paragraph<'_>) -> bool {
        self.allows(paragraph.level)
    }

    /// The cable with the paragraphs this filter hides taken out. The summary goes too when
    /// every paragraph holding a Summary span is hidden, and the preamble (unmarked text)
    /// goes with unmarked paragraphs, so hidden text does not come back another way. A
    /// heading names its section: when its paragraph is hidden it goes to the next shown
    /// paragraph of the section.
    pub fn apply<'a>(&self, cable: &Cable<'a>) -> Cable<'a> {
        let mut filtered = cable.clone();
        let had_summary_paragraph = cable.paragraphs.iter().any(has_summary);
        let mut section_heading = None;
        filtered.paragraphs.retain_mut(|paragraph| {
            if !self.allows_paragraph(paragraph) {
                if paragraph.heading.is_some() {
                    section_heading = paragraph.heading.take();
                }
                return false;
            }
            if paragraph.heading.is_some() {
                section_heading = None;
            } else {
                paragraph.heading = section_heading.take();
            }
            true
        });
        if had_summary_paragraph && !filtered.paragraphs.iter().any(has_summary) {
            filtered.summary = None;
        }
        if !self.show_unmarked {
            filtered.preamble = None;
        }
        filtered
    }
}

fn has_summary(paragraph: &Paragraph<'_>) -> bool {
    paragraph
        .spans
        .iter()
        .any(|span| span.kind == crate::cable::SpanKind::Summary)
}

impl fmt::Display for LevelFilter {
    /// `all`, `C+` (at least C), or the list: `U,C,S`; ` -unmarked` when unmarked are hidden.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<Level> = self.levels().collect();
        let threshold = shown
            .first()
            .filter(|first| LevelFilter::at_least(**first, self.show_unmarked) == *self);
        if shown.len() == Level::ALL.len() {
            f.write_str("all")?;
        } else if shown.is_empty() {
            f.write_str("none")?;
        } else if let Some(first) = threshold {
            write!(f, "{first}+")?;
        } else {
            let names: Vec<&str> = shown.iter().map(|level| level.abbreviation()).collect();
            f.write_str(&names.join(","))?;
        }
        if !self.show_unmarked {
            f.write_str(" -unmarked")?;
        }
        Ok(())
    }
}

/// Reads a level as the user writes it: `U`, `sbu`, `C`, `S`, `TS`; also the words
/// `unclassified`, `confidential`, `secret`, `top secret`.
pub fn parse_level(text: &str) -> Result<Level, String> {
    let trimmed = text.trim();
    if let Some(level) = Level::from_abbreviation(trimmed) {
        return Ok(level);
    }
    let word = trimmed.to_ascii_lowercase().replace(['_', '-'], " ");
    match word.as_str() {
        "unclassified" => Ok(Level::Unclassified),
        "sensitive but unclassified" | "cui" | "fouo" | "lou" => {
            Ok(Level::SensitiveButUnclassified)
        }
        "confidential" => Ok(Level::Confidential),
        "secret" => Ok(Level::Secret),
        "top secret" => Ok(Level::TopSecret),
        _ => Err(format!(
            "unknown classification level `{trimmed}`, expected one of U, SBU, C, S, TS"
        )),
    }
}

/// Reads a comma-separated list of levels, as `--levels U,SBU,C` takes it.
pub fn parse_levels(text: &str) -> Result<Vec<Level>, String> {
    let mut levels = Vec::new();
    for part in text.split(',').filter(|part| !part.trim().is_empty()) {
        let level = parse_level(part)?;
        if !levels.contains(&level) {
            levels.push(level);
        }
    }
    if levels.is_empty() {
        return Err("no levels given, expected a list such as U,SBU,C".to_owned());
    }
    Ok(levels)
}

/// A `Level` read from and written as its abbreviation, for the config and the state file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LevelName(pub Level);

impl Serialize for LevelName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.abbreviation())
    }
}

impl<'de> Deserialize<'de> for LevelName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_level(&text)
            .map(LevelName)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
struct FilterRepr {
    levels: Vec<LevelName>,
    #[serde(default = "yes")]
    unmarked: bool,
}

fn yes() -> bool {
    true
}

impl Serialize for LevelFilter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FilterRepr {
            levels: self.levels().map(LevelName).collect(),
            unmarked: self.show_unmarked,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for LevelFilter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = FilterRepr::deserialize(deserializer)?;
        let levels: Vec<Level> = repr.levels.into_iter().map(|level| level.0).collect();
        Ok(LevelFilter::only(&levels, repr.unmarked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_combine_levels_and_threshold() {
        let filter = LevelFilter::from_parts(
            Some(&[Level::Unclassified, Level::Confidential, Level::Secret]),
            Some(Level::Confidential),
            false,
        );
        assert_eq!(
            filter.levels().collect::<Vec<_>>(),
            vec![Level::Confidential, Level::Secret]
        );
        assert!(!filter.allows(None));
        assert_eq!(filter.to_string(), "C,S -unmarked");
        assert_eq!(LevelFilter::at_least(Level::Secret, true).to_string(), "S+");
        assert_eq!(LevelFilter::all().to_string(), "all");
    }

    #[test]
    fn levels_parse_as_typed() {
        assert_eq!(
            parse_levels("u, sbu,TS"),
            Ok(vec![
                Level::Unclassified,
                Level::SensitiveButUnclassified,
                Level::TopSecret
            ])
        );
        assert_eq!(parse_level("top secret"), Ok(Level::TopSecret));
        assert!(parse_levels("U,X").is_err());
        assert!(parse_levels(" , ").is_err());
    }
}
