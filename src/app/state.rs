//! What the user is looking at. Only `update` changes it; the view only reads it.

use std::ops::Range;
use std::path::PathBuf;

use super::doc::Doc;
use super::keymap::Keymap;
use super::layout::Areas;
use super::wrap::Wrapped;
use crate::cable::grammar::marking::MarkingCaveats;
use crate::cable::{Cable, Level};
use crate::config::LevelFilter;
use crate::state::{CableKey, Store};

pub use super::mode::{Focus, Mode};

/// A handling caveat a paragraph marking may carry, filtered beside the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandlingCaveat {
    /// `NF`, `NOFORN`.
    Noforn,
    /// `REL TO ...`.
    Releasable,
    /// `FOUO`, `SBU`, `LOU`: controlled unclassified.
    Controlled,
}

impl HandlingCaveat {
    pub const ALL: [HandlingCaveat; 3] = [
        HandlingCaveat::Noforn,
        HandlingCaveat::Releasable,
        HandlingCaveat::Controlled,
    ];

    /// `NF`, `REL`, `FOUO/SBU`: short, for the status bar.
    pub fn label(self) -> &'static str {
        match self {
            HandlingCaveat::Noforn => "NF",
            HandlingCaveat::Releasable => "REL",
            HandlingCaveat::Controlled => "FOUO/SBU",
        }
    }

    /// Whether a marking with these caveats carries this one.
    pub fn in_marking(self, caveats: MarkingCaveats) -> bool {
        match self {
            HandlingCaveat::Noforn => caveats.noforn,
            HandlingCaveat::Releasable => caveats.releasable,
            HandlingCaveat::Controlled => caveats.controlled,
        }
    }
}

/// Which paragraphs are shown, by level and by caveat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// Shown levels, lowest first (`Level as usize`).
    pub levels: [bool; 5],
    pub unmarked: bool,
    /// Only levels at least this high (unmarked paragraphs are then hidden too).
    pub threshold: Option<Level>,
    /// Shown caveats, in `HandlingCaveat::ALL` order: a paragraph whose marking carries a
    /// hidden one is hidden whatever its level.
    pub caveats: [bool; 3],
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            levels: [true; 5],
            unmarked: true,
            threshold: None,
            caveats: [true; 3],
        }
    }
}

impl From<&LevelFilter> for Filter {
    fn from(filter: &LevelFilter) -> Filter {
        let mut levels = [true; 5];
        for level in Level::ALL {
            if let Some(slot) = levels.get_mut(level as usize) {
                *slot = filter.contains(level);
            }
        }
        Filter {
            levels,
            unmarked: filter.show_unmarked,
            threshold: None,
            caveats: [true; 3],
        }
    }
}

impl Filter {
    /// A saved or configured level filter with the handling caveats shown.
    pub fn with_caveats(levels: &LevelFilter, caveats: crate::config::CaveatFilter) -> Filter {
        Filter {
            caveats: caveats.shown,
            ..Filter::from(levels)
        }
    }

    /// The same choice of paragraphs as a saved or configured filter (a threshold becomes
    /// the levels it lets through).
    pub fn to_level_filter(&self) -> LevelFilter {
        let shown: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|level| self.shows(Some(*level)))
            .collect();
        LevelFilter::only(&shown, self.shows(None))
    }

    pub fn shows(&self, level: Option<Level>) -> bool {
        match level {
            Some(level) => {
                self.levels.get(level as usize).copied().unwrap_or(true)
                    && self.threshold.is_none_or(|t| level >= t)
            }
            None => self.unmarked && self.threshold.is_none(),
        }
    }

    /// Whether a paragraph of this level whose marking carries `caveats` is shown.
    pub fn shows_para(&self, level: Option<Level>, caveats: MarkingCaveats) -> bool {
        self.shows(level) && self.caveat_allowed(caveats)
    }

    fn caveat_allowed(&self, caveats: MarkingCaveats) -> bool {
        HandlingCaveat::ALL
            .into_iter()
            .zip(self.caveats)
            .all(|(caveat, shown)| shown || !caveat.in_marking(caveats))
    }

    pub fn shows_caveat(&self, caveat: HandlingCaveat) -> bool {
        self.caveats.get(caveat as usize).copied().unwrap_or(true)
    }

    pub fn toggle_caveat(&mut self, caveat: HandlingCaveat) {
        if let Some(shown) = self.caveats.get_mut(caveat as usize) {
            *shown = !*shown;
        }
    }

    pub fn is_all(&self) -> bool {
        *self == Filter::default()
    }

    /// The next "at least" threshold: all, SBU and up, C and up, S and up, TS only, all.
    pub fn step_threshold(&mut self) {
        self.threshold = match self.threshold {
            None => Some(Level::SensitiveButUnclassified),
            Some(Level::Unclassified) => Some(Level::SensitiveButUnclassified),
            Some(Level::SensitiveButUnclassified) => Some(Level::Confidential),
            Some(Level::Confidential) => Some(Level::Secret),
            Some(Level::Secret) => Some(Level::TopSecret),
            Some(Level::TopSecret) => None,
        };
    }

    /// `all`, `C+`, `U SBU S`, `C+ −S`, `none` — short, for the status bar.
    pub fn describe(&self) -> String {
        if self.is_all() {
            return "all".to_owned();
        }
        let levels_all = Filter {
            caveats: [true; 3],
            ..*self
        }
        .is_all();
        let shown: Vec<&str> = Level::ALL
            .into_iter()
            .filter(|&l| self.shows(Some(l)))
            .map(Level::abbreviation)
            .collect();
        let mut words: Vec<String> = match self.threshold {
            None if levels_all => vec!["all".to_owned()],
            Some(threshold) => {
                let mut words = vec![if threshold == Level::TopSecret {
                    "TS only".to_owned()
                } else {
                    format!("{}+", threshold.abbreviation())
                }];
                for level in Level::ALL.into_iter().filter(|&l| l >= threshold) {
                    if !self.levels.get(level as usize).copied().unwrap_or(true) {
                        words.push(format!("−{}", level.abbreviation()));
                    }
                }
                words
            }
            None => {
                let mut words: Vec<String> = shown.iter().map(|s| (*s).to_owned()).collect();
                if self.unmarked && shown.len() < 5 {
                    words.push("unmarked".to_owned());
                } else if !self.unmarked && shown.len() == 5 {
                    words = vec!["marked".to_owned()];
                }
                words
            }
        };
        if shown.is_empty() && !(self.unmarked && self.threshold.is_none()) {
            words = vec!["none".to_owned()];
        }
        if words == ["all"] {
            words.clear();
        }
        for caveat in HandlingCaveat::ALL {
            if !self.shows_caveat(caveat) {
                words.push(format!("−{}", caveat.label()));
            }
        }
        words.join(" ")
    }
}

/// One file's worth of reading: a cable, or why the file could not be read.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file as the user named it, `<stdin>`, or `file.csv #3` for one of several cables.
    pub name: String,
    pub path: Option<PathBuf>,
    pub content: Result<Loaded, String>,
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub cable: Cable<'static>,
    pub doc: Doc,
    /// What the saved state knows the cable by.
    pub key: CableKey,
}

pub use crate::corpus::key::cable_key;

impl Entry {
    /// `name` may come from a file name or a message: it is cleaned like cable text.
    pub fn cable(name: String, path: Option<PathBuf>, cable: Cable<'static>) -> Entry {
        let doc = Doc::new(&cable);
        let key = cable_key(&cable);
        Entry {
            name: crate::sanitize::one_line(&name),
            path,
            content: Ok(Loaded { cable, doc, key }),
        }
    }

    pub fn failed(name: String, path: Option<PathBuf>, error: String) -> Entry {
        Entry {
            name: crate::sanitize::one_line(&name),
            path,
            content: Err(crate::sanitize::one_line(&error)),
        }
    }

    pub fn doc(&self) -> Option<&Doc> {
        self.content.as_ref().ok().map(|loaded| &loaded.doc)
    }

    pub fn key(&self) -> Option<&CableKey> {
        self.content.as_ref().ok().map(|loaded| &loaded.key)
    }
}

/// A row of the paragraph list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The heading above paragraph `para` (index in `Doc::paras`), a separator.
    Heading(usize),
    /// The `n`th shown paragraph (index in `Reader::visible`).
    Para(usize),
}

/// The state of reading the open cable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Indices in `Doc::paras` of the paragraphs the filter shows.
    pub visible: Vec<usize>,
    pub rows: Vec<Row>,
    /// The selected paragraph, as an index in `visible`.
    pub selected: usize,
    /// The first row of the list in view.
    pub list_offset: usize,
    /// The first line of the text in view, counted from the view's top (the paragraph's first
    /// line, or the cable's).
    pub text_scroll: usize,
    pub wrapped: Wrapped,
}

impl Reader {
    /// The selected paragraph's index in `Doc::paras`.
    pub fn selected_para(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// The row showing the selected paragraph.
    pub fn selected_row(&self) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| *row == Row::Para(self.selected))
    }
}

/// Where a search match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Heading,
    Text,
}

/// The header lines a search also looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeaderPart {
    Subject,
    Tags,
    References,
}

impl HeaderPart {
    pub const ALL: [HeaderPart; 3] = [
        HeaderPart::Subject,
        HeaderPart::Tags,
        HeaderPart::References,
    ];

    pub fn name(self) -> &'static str {
        match self {
            HeaderPart::Subject => "subject",
            HeaderPart::Tags => "tags",
            HeaderPart::References => "references",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index in `Doc::paras`.
    pub para: usize,
    pub part: Part,
    /// Byte range in the heading or text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What is typed after `/`.
    pub input: String,
    /// The search in force: highlights and `n`/`N` use it. While typing it is the input.
    pub query: String,
    /// Matches in the shown paragraphs, in reading order; at most [`MATCH_LIMIT`].
    pub matches: Vec<Match>,
    /// Matches in the header's subject, tags and references (byte ranges of the
    /// `HeaderFacts` lines).
    pub header: Vec<(HeaderPart, Range<usize>)>,
    /// How many matches the filter hides (in paragraphs it does not show).
    pub hidden: usize,
    /// The search stopped counting at [`MATCH_LIMIT`]: there are more.
    pub limited: bool,
    /// The match last moved to, in `matches`.
    pub current: Option<usize>,
    /// The header match last moved to, in `header` (the whole-cable view shows them in the
    /// header block). At most one of `current` and `current_header` is set.
    pub current_header: Option<usize>,
    /// The search in force is a corpus search's query (words, phrases, prefixes, matched
    /// as whole words), not text to find as typed.
    pub corpus: bool,
    /// Where `/` was pressed: selection, text scroll and the search then in force (and
    /// whether it was a corpus query), restored by Esc.
    pub origin: Option<(usize, usize, String, bool)>,
    /// The search Esc put away (its highlights gone): `n` and `N` bring it back.
    pub kept: String,
}

/// The most matches one search counts: a one-letter query in a cable of megabytes would
/// otherwise find millions, each held and highlighted. The status says when it is reached.
pub const MATCH_LIMIT: usize = 10_000;

impl Search {
    /// What the matches `n`/`N` walk leave out: `2 in the header (subject, tags), 3 in
    /// hidden paragraphs`, or nothing. The whole-cable view walks the header's too.
    pub fn elsewhere(&self, whole: bool) -> Option<String> {
        let mut parts = Vec::new();
        if !self.header.is_empty() && !whole {
            let mut parts_named: Vec<HeaderPart> =
                self.header.iter().map(|(part, _)| *part).collect();
            parts_named.sort_unstable();
            parts_named.dedup();
            let names: Vec<&str> = parts_named.into_iter().map(HeaderPart::name).collect();
            parts.push(format!(
                "{} in the header ({})",
                self.header.len(),
                names.join(", ")
            ));
        }
        if self.hidden > 0 {
            parts.push(format!("{} in hidden paragraphs", self.hidden));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// How many matches `n`/`N` walk: the shown paragraphs', and in the whole-cable view
    /// (whose header block shows them) the header's, which come first.
    pub fn walked(&self, whole: bool) -> usize {
        self.matches.len() + self.walked_header(whole)
    }

    /// How many of the walked matches are the header's.
    pub fn walked_header(&self, whole: bool) -> usize {
        if whole {
            self.header.len()
        } else {
            0
        }
    }

    /// Where the match last moved to is in the walk.
    pub fn position(&self, whole: bool) -> Option<usize> {
        match (self.current_header, self.current) {
            (Some(header), _) if whole => Some(header),
            (_, Some(current)) => Some(self.walked_header(whole) + current),
            _ => None,
        }
    }

    /// How many matches are walked, as the status line says it: `10000+` when the limit
    /// was reached.
    pub fn count_label(&self, whole: bool) -> String {
        let count = self.walked(whole);
        if self.limited {
            format!("{count}+")
        } else {
            count.to_string()
        }
    }

    /// The matches in `part` of paragraph `para` that overlap `range` (one line on screen),
    /// with the index of the first in `matches`. Found by halving, so drawing a line costs
    /// the matches on it, not all of the paragraph's.
    pub fn overlapping(&self, para: usize, part: Part, range: &Range<usize>) -> (usize, &[Match]) {
        let start = self
            .matches
            .partition_point(|m| (m.para, m.part, m.range.end) <= (para, part, range.start));
        let end = self
            .matches
            .partition_point(|m| (m.para, m.part, m.range.start) < (para, part, range.end));
        (
            start,
            self.matches.get(start..end.max(start)).unwrap_or(&[]),
        )
    }

    /// Matches in paragraph `para`.
    pub fn in_para(&self, para: usize) -> &[Match] {
        let start = self.matches.partition_point(|m| m.para < para);
        let end = self.matches.partition_point(|m| m.para <= para);
        self.matches.get(start..end).unwrap_or(&[])
    }
}

/// A stretch of a paragraph's text shown highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Index in `Doc::paras`.
    pub para: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
}

/// A line for the bottom of the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub entries: Vec<Entry>,
    /// The entry open in the reader.
    pub current: usize,
    /// The cursor in the cable list, and the first row in view.
    pub cable_cursor: usize,
    pub cable_offset: usize,
    pub focus: Focus,
    pub mode: Mode,
    pub filter: Filter,
    /// The text pane shows the whole cable rather than the selected paragraph.
    pub whole: bool,
    pub reader: Reader,
    pub search: Search,
    pub help_scroll: usize,
    pub message: Option<Message>,
    pub areas: Areas,
    pub keymap: Keymap,
    /// Positions, bookmarks and cables read, kept between runs (in memory in tests).
    pub store: Store,
    /// The filter a cable opens with when the state has none saved for it.
    pub default_filter: Filter,
    pub settings: Settings,
    /// The cursor in the bookmark list, and the first row in view.
    pub bookmark_cursor: usize,
    pub bookmark_offset: usize,
    /// The cable list of a corpus read on a worker; `None` when the cables were given whole.
    pub list: Option<super::list::CorpusList>,
    /// Search over every cable of the corpus: the index's state and the hits listed.
    pub corpus_search: super::corpus_search::CorpusSearch,
    /// The prompt for typed input (go to, limit).
    pub prompt: super::prompt::Prompt,
    /// The facets pane's counts and cursor (`F`).
    pub facets: super::facets::FacetsPane,
    /// The reference graph and the links pane (`r`).
    pub links: super::links::LinksState,
    /// Places left by jumps, for Ctrl-o and Ctrl-n.
    pub jumps: super::jumps::Jumps,
    /// The cursor in the warnings list, and the first row in view.
    pub warning_cursor: usize,
    pub warning_offset: usize,
    /// The text a warning is about, highlighted after Enter in the warnings list, until Esc
    /// or another cable.
    pub highlight: Option<Highlight>,
    /// The header bar's row a header warning is about, highlighted after Enter in the
    /// warnings list, until Esc or another cable.
    pub header_highlight: Option<crate::app::warnings::HeaderRow>,
    /// The header block's lines (whole-cable view) a header warning is about, highlighted
    /// with the header bar's row.
    pub block_highlight: Option<crate::app::header_block::BlockPart>,
    pub quit: bool,
    /// The reader has the mouse (wheel, clicks); when not, the terminal's own selection
    /// works.
    pub mouse_captured: bool,
    /// The next draw must repaint everything (Ctrl-L).
    pub clear: bool,
}

/// What a reader starts with besides its cables: the keymap (remapped by a config), the
/// filter a cable opens with unless it was left with another, and the saved state.
#[derive(Debug, Default)]
pub struct Setup {
    pub keymap: Keymap,
    pub filter: Filter,
    pub store: Option<Store>,
    pub settings: Settings,
}

/// How the reader shows things, from the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Show FM/TO/INFO lines in the header.
    pub show_routing: bool,
    /// Wrap text at most this wide; 0: at the pane's width.
    pub wrap_width: u16,
    /// strftime-like format of the header's date (see `config::date`).
    pub date_format: String,
    /// Capture the mouse at start (wheel and clicks); `M` toggles it.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            show_routing: false,
            wrap_width: 0,
            date_format: crate::config::date::DEFAULT_DATE_FORMAT.to_owned(),
            mouse: true,
        }
    }
}

impl App {
    /// Several files or cables are open: the cable list is shown.
    pub fn several(&self) -> bool {
        // While a corpus is read the list shows, since more rows may come.
        self.entries.len() > 1
            || self
                .list
                .as_ref()
                .is_some_and(|list| list.rows.len() > 1 || !list.progress.done)
    }

    pub fn entry(&self) -> Option<&Entry> {
        self.entries.get(self.current)
    }

    /// The open cable, prepared for drawing; `None` when its file could not be read.
    pub fn doc(&self) -> Option<&Doc> {
        self.entry().and_then(Entry::doc)
    }

    /// Lines shown in the text pane: the selected paragraph's, or the whole cable's.
    pub fn text_view(&self) -> Range<usize> {
        if self.whole {
            0..self.reader.wrapped.lines.len()
        } else {
            self.reader
                .selected_para()
                .map(|p| self.reader.wrapped.para_lines(p))
                .unwrap_or(0..0)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn filter_shows_and_describes() {
        let mut filter = Filter::default();
        assert_eq!(filter.describe(), "all");
        assert!(filter.shows(None));
        filter.levels[Level::Secret as usize] = false;
        assert!(!filter.shows(Some(Level::Secret)));
        assert_eq!(filter.describe(), "U SBU C TS unmarked");
        filter.step_threshold();
        filter.step_threshold();
        assert_eq!(filter.threshold, Some(Level::Confidential));
        assert!(!filter.shows(None));
        assert!(!filter.shows(Some(Level::SensitiveButUnclassified)));
        assert!(filter.shows(Some(Level::Confidential)));
        assert_eq!(filter.describe(), "C+ −S");
        let marked = Filter {
            unmarked: false,
            ..Filter::default()
        };
        assert_eq!(marked.describe(), "marked");
        let mut none = Filter {
            levels: [false; 5],
            unmarked: false,
            ..Filter::default()
        };
        assert_eq!(none.describe(), "none");
        none.unmarked = true;
        assert_eq!(none.describe(), "unmarked");
        let mut no_noforn = Filter::default();
        no_noforn.toggle_caveat(HandlingCaveat::Noforn);
        assert_eq!(no_noforn.describe(), "−NF");
        let noforn = MarkingCaveats {
            noforn: true,
            ..MarkingCaveats::default()
        };
        assert!(!no_noforn.shows_para(Some(Level::Secret), noforn));
        assert!(no_noforn.shows_para(Some(Level::Secret), MarkingCaveats::default()));
        no_noforn.step_threshold();
        assert_eq!(no_noforn.describe(), "SBU+ −NF");
    }

    #[test]
    fn threshold_cycles() {
        let mut filter = Filter::default();
        let mut seen = Vec::new();
        for _ in 0..5 {
            filter.step_threshold();
            seen.push(filter.threshold);
        }
        assert_eq!(
            seen,
            [
                Some(Level::SensitiveButUnclassified),
                Some(Level::Confidential),
                Some(Level::Secret),
                Some(Level::TopSecret),
                None
            ]
        );
    }
}
