//! Markdown: a `# ID — Subject` title, a table of header facts, one `##` section per
//! paragraph with its marking. Cable text is escaped so it can neither break the table nor
//! become markup (headings, lists, HTML, code blocks, links).

use super::{filter_note, hidden_notes, ExportOptions};
use crate::cable::Cable;
use crate::plain::header_facts;
use crate::sanitize::{clean as sanitize, one_line};

/// `4. (S//NF)`, `4.`, `(C)` or nothing: how a paragraph opens.
fn paragraph_label(paragraph: &crate::cable::Paragraph<'_>) -> String {
    crate::plain::paragraph_label(paragraph)
        .trim_end()
        .to_owned()
}

/// One cable as Markdown.
pub fn render(cable: &Cable<'_>, options: &ExportOptions) -> String {
    let shown = options.filter.apply(cable);
    let mut out = String::new();

    let id = cable.id.as_deref().unwrap_or("(no id)");
    out.push_str("# ");
    out.push_str(&escape_inline(&one_line(id)));
    if let Some(subject) = &cable.subject {
        out.push_str(" — ");
        out.push_str(&escape_inline(&one_line(subject)));
    }
    out.push_str("\n\n");

    // Id and subject stand in the title.
    let facts: Vec<_> = header_facts(cable, &options.date_format)
        .into_iter()
        .filter(|(label, _)| !matches!(*label, "Id" | "Subject"))
        .collect();
    if !facts.is_empty() {
        out.push_str("| Field | Value |\n| --- | --- |\n");
        for (label, value) in facts {
            out.push_str(&format!("| {label} | {} |\n", escape_cell(&value)));
        }
        out.push('\n');
    }

    if let Some(note) = filter_note(cable, &shown, &options.filter) {
        out.push_str(&format!("*{}*\n\n", escape_inline(&note)));
    }

    if let Some(preamble) = &shown.preamble {
        push_block(&mut out, preamble);
    }

    let notes = hidden_notes(cable, &options.filter);
    let mut notes = notes.iter().peekable();
    let note = |out: &mut String, text: &str| {
        out.push_str(&format!("*\\[{}\\]*\n\n", escape_inline(text)))
    };
    for (index, paragraph) in shown.paragraphs.iter().enumerate() {
        while let Some((_, text)) = notes.next_if(|(before, _)| *before == index) {
            note(&mut out, text);
        }
        let label = paragraph_label(paragraph);
        let label = if label.is_empty() {
            "(unmarked)".to_owned()
        } else if paragraph.marking.is_none() {
            format!("{label} (unmarked)")
        } else {
            label
        };
        out.push_str(&format!("## {}\n\n", escape_inline(&label)));
        if let Some(heading) = &paragraph.heading {
            out.push_str(&format!("**{}**\n\n", escape_inline(&one_line(heading))));
        }
        push_block(&mut out, &paragraph.text);
    }

    for (_, text) in notes {
        note(&mut out, text);
    }
    if let Some(signature) = &cable.signature {
        push_block(&mut out, signature);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A table cell: one line, pipes and markup escaped.
pub fn escape_cell(text: &str) -> String {
    escape_inline(&one_line(text))
}

/// Escapes what Markdown would read as inline markup: emphasis, code, links, HTML, entities,
/// strikethrough, table pipes, and the backslash itself.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphanumeric() || *next == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes one line of body text: inline markup, plus what would start a block at the line's
/// start (ATX headings, quotes, list items, thematic breaks, setext underlines). Leading
/// spaces go, as four of them would start a code block.
fn escape_line(line: &str) -> String {
    let line = line.trim_start();
    let escaped = escape_inline(line);
    let first = escaped.chars().next();
    if matches!(first, Some('#' | '+' | '-' | '=')) {
        return format!("\\{escaped}");
    }
    // Ordered list items: `1.` or `1)` followed by a space or the end.
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = escaped.get(digits..).unwrap_or_default();
        if (rest.starts_with('.') || rest.starts_with(')'))
            && rest
                .get(1..)
                .is_some_and(|after| after.is_empty() || after.starts_with(' '))
        {
            let number = escaped.get(..digits).unwrap_or_default();
            return format!("{number}\\{rest}");
        }
    }
    escaped
}

/// Writes body text as Markdown paragraphs: blank lines stay paragraph breaks, single line
/// breaks become hard breaks (a trailing backslash), so the cable's layout survives.
fn push_block(out: &mut String, text: &str) {
    let text = sanitize(text);
    let mut lines: Vec<String> = Vec::new();
    let flush = |lines: &mut Vec<String>, out: &mut String| {
        if !lines.is_empty() {
            out.push_str(&lines.join("\\\n"));
            out.push_str("\n\n");
            lines.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut lines, out);
        } else {
            lines.push(escape_line(line));
        }
    }
    flush(&mut lines, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_starts_are_defused() {
        assert_eq!(escape_line("# HEADING"), "\\# HEADING");
        assert_eq!(escape_line("    - ITEM"), "\\- ITEM");
        assert_eq!(escape_line("1. ITEM"), "1\\. ITEM");
        assert_eq!(escape_line("12) ITEM"), "12\\) ITEM");
        assert_eq!(escape_line("1.5 PERCENT"), "1.5 PERCENT");
        assert_eq!(escape_line("> QUOTE"), "\\> QUOTE");
        assert_eq!(escape_line("==="), "\\===");
        assert_eq!(escape_line("```"), "\\`\\`\\`");
    }

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape_inline("A|B *C* [D](E) <script> &amp; & x\\"),
            "A\\|B \\*C\\* \\[D\\](E) \\<script\\> \\&amp; & x\\\\"
        );
    }
}
