//! WikiLeaks "Cable Viewer" pages: the metadata table `<table class='cable'>` and the cable
//! in `<code><pre>` blocks (routing header, then body). Read with substring search, not a
//! DOM: a page is 40-190 KB, nearly all of it sidebar.

use std::borrow::Cow;

use memchr::memmem;

use super::{
    dates, decode_entities, encoding, notice_len, partial_extract_warning, push_once, Metadata,
    Source, SourceFormat, PARTIAL_EXTRACT_NOTICE,
};
use crate::cable::model::{CableDate, Warning};

const TABLE_MARKERS: [&str; 2] = ["class='cable'", "class=\"cable\""];

/// Whether `text` is a WikiLeaks cable page (its metadata table, its title, or an HTML
/// document with `<pre>` blocks).
pub(super) fn looks_like_wikileaks(text: &str) -> bool {
    let bytes = text.as_bytes();
    let has = |needle: &str| memmem::find(bytes, needle.as_bytes()).is_some();
    let start = text.trim_start();
    let is_html_document = ["<?xml", "<!DOCTYPE", "<!doctype", "<html"]
        .iter()
        .any(|opening| start.starts_with(opening));
    TABLE_MARKERS.iter().any(|marker| has(marker))
        || (is_html_document && (has("<title>Cable Viewer</title>") || has("<pre")))
}

/// Reads a WikiLeaks page: metadata from the table, text from the `<pre>` blocks.
pub(super) fn unwrap_html(page: &str, mut warnings: Vec<Warning>) -> Source<'static> {
    let mut metadata = Metadata::default();
    let blocks_from = match find_table(page) {
        Some((table, end)) => {
            read_table(table, &mut metadata, &mut warnings);
            end
        }
        None => {
            warnings.push(Warning::new(
                "no WikiLeaks metadata table (<table class='cable'>) on the page",
            ));
            0
        }
    };
    let mut text = String::new();
    let mut blocks = 0;
    for inner in Elements::new(page.get(blocks_from..).unwrap_or_default(), "pre") {
        let block = pre_text(inner, &mut warnings);
        let block = match notice_len(&block) {
            Some(len) => {
                metadata.notice = Some(PARTIAL_EXTRACT_NOTICE.to_owned());
                push_once(&mut warnings, partial_extract_warning());
                block.get(len..).unwrap_or_default()
            }
            None => block.as_str(),
        };
        if block.trim().is_empty() {
            continue;
        }
        if blocks > 0 {
            text.push('\n');
        }
        text.push_str(block);
        blocks += 1;
    }
    if blocks == 0 {
        warnings.push(Warning::new("no <pre> block with cable text on the page"));
    }
    Source {
        text: Cow::Owned(text),
        format: SourceFormat::WikiLeaksHtml,
        metadata,
        warnings,
    }
}

/// The metadata table's inside and the offset just after `</table>`.
fn find_table(page: &str) -> Option<(&str, usize)> {
    let bytes = page.as_bytes();
    let marker = TABLE_MARKERS
        .iter()
        .find_map(|marker| memmem::find(bytes, marker.as_bytes()))?;
    let start = memmem::rfind(bytes.get(..marker)?, b"<table")?;
    let end = match memmem::find(bytes.get(marker..)?, b"</table>") {
        Some(end) => marker + end,
        None => page.len(),
    };
    let table = page.get(start..end)?;
    Some((table, (end + "</table>".len()).min(page.len())))
}

/// Fills `metadata` from the table's header and data cells.
fn read_table(table: &str, metadata: &mut Metadata, warnings: &mut Vec<Warning>) {
    const DEFAULT_HEADERS: [&str; 5] = [
        "Reference ID",
        "Created",
        "Released",
        "Classification",
        "Origin",
    ];
    let headers: Vec<String> = Elements::new(table, "th").map(cell_text).collect();
    let cells: Vec<String> = Elements::new(table, "td").map(cell_text).collect();
    let headers: Vec<&str> = if headers.len() == cells.len() {
        headers.iter().map(String::as_str).collect()
    } else {
        DEFAULT_HEADERS.to_vec()
    };
    for (header, cell) in headers.iter().zip(cells) {
        if cell.is_empty() {
            continue;
        }
        let date = |name: &str, warnings: &mut Vec<Warning>| {
            let date = dates::parse_iso(&cell);
            if date.is_none() {
                warnings.push(Warning::new(format!(
                    "{name} date in the WikiLeaks table not understood: {cell:?}"
                )));
            }
            date
        };
        match header.to_ascii_lowercase().as_str() {
            "reference id" => metadata.id = Some(cell.clone()),
            "created" => metadata.date = date("Created", warnings).map(CableDate::Minute),
            "released" => metadata.released = date("Released", warnings),
            // The cell's `title=` attribute is often wrong; the text is what WikiLeaks shows.
            "classification" => metadata.classification = Some(cell.clone()),
            "origin" => metadata.origin = Some(cell.clone()),
            _ => {}
        }
    }
    if metadata.id.is_none() {
        warnings.push(Warning::new("no Reference ID in the WikiLeaks table"));
    }
}

/// A table cell's text: tags gone, entities decoded, spaces collapsed.
fn cell_text(html: &str) -> String {
    let text = decode_entities(strip_tags(html));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `<pre>` block's text: tags gone (their text kept), entities decoded (`&#x000A;` is a
/// line end), so `<a id='par1' href='#par1'>¶</a>1.` becomes `¶1.`.
fn pre_text(html: &str, warnings: &mut Vec<Warning>) -> String {
    let text = decode_entities(strip_tags(html));
    let (text, removed) = encoding::clean(text);
    if removed > 0 {
        push_once(warnings, encoding::removed_warning(removed));
    }
    text.into_owned()
}

/// Tags WikiLeaks pages use around text. Only these are taken for tags, so cable text such
/// as `<<220571>>` or `<NOTE>` stays as written.
const KNOWN_TAGS: [&str; 24] = [
    "a", "abbr", "b", "br", "code", "div", "em", "font", "hr", "i", "img", "li", "p", "pre",
    "small", "span", "strong", "sub", "sup", "table", "td", "th", "tr", "u",
];

/// The length of the tag or comment at the start of `text`, if it is one.
fn tag_len(text: &str) -> Option<usize> {
    if let Some(comment) = text.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(comment.len(), |end| end + 3);
        return Some(4 + end);
    }
    let after = text.strip_prefix('<')?;
    let after = after.strip_prefix('/').unwrap_or(after);
    let name_len = after
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count();
    let name = after.get(..name_len)?;
    let next = after.as_bytes().get(name_len)?;
    let ends_name = next.is_ascii_whitespace() || matches!(next, b'>' | b'/');
    if !ends_name || !KNOWN_TAGS.contains(&name) {
        return None;
    }
    text.find('>').map(|end| end + 1)
}

/// Removes the known tags, keeping the text between them.
fn strip_tags(html: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'<', html.as_bytes()) {
        if at < copied {
            continue;
        }
        let Some(len) = html.get(at..).and_then(tag_len) else {
            continue;
        };
        out.push_str(html.get(copied..at).unwrap_or_default());
        copied = at + len;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(html.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// The insides of every `<name ...>...</name>` element, in order (not nested).
struct Elements<'h> {
    html: &'h str,
    pos: usize,
    open: String,
    close: String,
}

impl<'h> Elements<'h> {
    fn new(html: &'h str, name: &str) -> Self {
        Elements {
            html,
            pos: 0,
            open: format!("<{name}"),
            close: format!("</{name}>"),
        }
    }
}

impl<'h> Iterator for Elements<'h> {
    type Item = &'h str;

    fn next(&mut self) -> Option<&'h str> {
        let bytes = self.html.as_bytes();
        loop {
            let rest = bytes.get(self.pos..)?;
            let open = self.pos + memmem::find(rest, self.open.as_bytes())?;
            let after_name = open + self.open.len();
            // `<pre>` or `<pre class=...>`, not `<prefix>`.
            match bytes.get(after_name) {
                Some(b'>' | b'/') => {}
                Some(b) if b.is_ascii_whitespace() => {}
                _ => {
                    self.pos = after_name;
                    continue;
                }
            }
            let start = match memchr::memchr(b'>', bytes.get(after_name..)?) {
                Some(end) => after_name + end + 1,
                None => {
                    self.pos = bytes.len();
                    return None;
                }
            };
            let end = memmem::find(bytes.get(start..)?, self.close.as_bytes())
                .map_or(bytes.len(), |end| start + end);
            self.pos = (end + self.close.len()).min(bytes.len());
            return self.html.get(start..end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::model::DateTime;

    /// A page shaped like chillicoder's: sidebar, table, header block, body block, footer.
    const PAGE: &str = "<?xml version='1.0' encoding='utf-8' ?>\n\
<html lang='en'>\n<head>\n<title>Cable Viewer</title>\n</head>\n<body>\n\
<div id='side'><a href='/origin/67_0.html'>Embassy Harare</a> \
<a href='/classification/1_0.html' title='secret'>SECRET</a></div>\n\
<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n\
<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n\
<a href='/cable/2004/06/04MADRID2244.html'>04MADRID2244</a>\n</td>\n<td>\n\
<a href='/date/2004-06_0.html'>2004-06-14 12:12</a>\n</td>\n<td>\n\
<a href='/reldate/2010-12-08_0.html'>2010-12-08 21:09</a>\n</td>\n<td>\n\
<a href='/classification/3_0.html' title='unclassified'>CONFIDENTIAL//NOFORN</a>\n</td>\n\
<td>\n<a href='/origin/50_0.html'>Embassy Madrid</a>\n</td>\n</tr>\n</table>\n\
<code><pre>VZCZCXRO1234&#x000A;OO RUEHWEB&#x000A;FM AMEMBASSY MADRID&#x000A;\
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2786</pre></code>\n\
<code><pre>C O N F I D E N T I A L MADRID 002244 &#x000A; &#x000A;\
TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> <a href='/tag/SP_0.html'>SP</a>&#x000A;\
SUBJECT: &quot;ZAPATERO&#39;S&quot; A &amp; B &lt;C&gt; &China &#x000A; &#x000A;\
<a id='par1' href='#par1'>¶</a>1. (C) TEXT.&#x000A;\
<a id='par2' href='#par2'>¶</a>2. <<220571>> END</pre></code>\n\
</div>\n</div>\n<script src='/static/js/js.js' type='text/javascript'></script>\n\
</body>\n</html>\n";

    fn metadata() -> Metadata {
        Metadata {
            id: Some("04MADRID2244".into()),
            date: Some(CableDate::Minute(DateTime {
                year: 2004,
                month: 6,
                day: 14,
                hour: 12,
                minute: 12,
            })),
            classification: Some("CONFIDENTIAL//NOFORN".into()),
            origin: Some("Embassy Madrid".into()),
            released: Some(DateTime {
                year: 2010,
                month: 12,
                day: 8,
                hour: 21,
                minute: 9,
            }),
            ..Metadata::default()
        }
    }

    #[test]
    fn page_is_detected() {
        assert!(looks_like_wikileaks(PAGE));
        assert!(!looks_like_wikileaks("UNCLASSIFIED\n<pre> is a tag\n"));
    }

    #[test]
    fn page_is_read() {
        let expected = Source {
            text: Cow::Owned(
                "VZCZCXRO1234\nOO RUEHWEB\nFM AMEMBASSY MADRID\n\
                 TO RUEHC/SECSTATE WASHDC IMMEDIATE 2786\n\
                 C O N F I D E N T I A L MADRID 002244 \n \n\
                 TAGS: PGOV SP\n\
                 SUBJECT: \"ZAPATERO'S\" A & B <C> &China \n \n\
                 ¶1. (C) TEXT.\n\
                 ¶2. <<220571>> END"
                    .into(),
            ),
            format: SourceFormat::WikiLeaksHtml,
            metadata: metadata(),
            warnings: Vec::new(),
        };
        assert_eq!(unwrap_html(PAGE, Vec::new()), expected);
    }

    #[test]
    fn notice_block_is_dropped() {
        let page = PAGE.replace(
            "<code><pre>VZCZCXRO1234&#x000A;OO RUEHWEB&#x000A;FM AMEMBASSY MADRID&#x000A;\
             TO RUEHC/SECSTATE WASHDC IMMEDIATE 2786</pre></code>",
            "<code><pre>This record is a partial extract of the original cable. The full text \
             of the original cable is not available.</pre></code>",
        );
        let source = unwrap_html(&page, Vec::new());
        assert!(source.text.starts_with("C O N F I D E N T I A L MADRID"));
        assert_eq!(
            source.metadata.notice.as_deref(),
            Some(PARTIAL_EXTRACT_NOTICE)
        );
        assert_eq!(source.warnings, vec![partial_extract_warning()]);
    }

    #[test]
    fn notice_before_the_header_is_dropped() {
        let page = PAGE.replace(
            "<code><pre>VZCZCXRO1234",
            "<code><pre>This record is a partial extract of the original cable. The full text \
             of the original cable is not available.&#x000A;&#x000A;VZCZCXRO1234",
        );
        let source = unwrap_html(&page, Vec::new());
        assert!(source.text.starts_with("VZCZCXRO1234\nOO RUEHWEB"));
        assert_eq!(source.warnings, vec![partial_extract_warning()]);
    }

    #[test]
    fn page_without_table_or_blocks() {
        let source = unwrap_html("<html><body>nothing</body></html>", Vec::new());
        let expected = Source {
            text: Cow::Owned(String::new()),
            format: SourceFormat::WikiLeaksHtml,
            metadata: Metadata::default(),
            warnings: vec![
                Warning::new("no WikiLeaks metadata table (<table class='cable'>) on the page"),
                Warning::new("no <pre> block with cable text on the page"),
            ],
        };
        assert_eq!(source, expected);
    }

    #[test]
    fn bad_table_date_warns() {
        let page = PAGE.replace("2004-06-14 12:12", "14 June 2004");
        let source = unwrap_html(&page, Vec::new());
        assert_eq!(source.metadata.date, None);
        assert_eq!(
            source.warnings,
            vec![Warning::new(
                "Created date in the WikiLeaks table not understood: \"14 June 2004\""
            )]
        );
    }

    #[test]
    fn only_known_tags_are_stripped() {
        assert_eq!(
            strip_tags("<a href='x'>PGOV</a> <NOTE> <<1>> <b>B</b><!-- c --> <i"),
            "PGOV <NOTE> <<1>> B <i"
        );
        assert!(matches!(strip_tags("A < B > C"), Cow::Borrowed(_)));
    }

    #[test]
    fn elements_are_found_in_order() {
        let found: Vec<&str> = Elements::new(
            "<prefix>x</prefix><pre>1</pre> <pre class='y'>2</pre><pre>3",
            "pre",
        )
        .collect();
        assert_eq!(found, ["1", "2", "3"]);
    }
}
