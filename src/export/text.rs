//! The plain reading form: the header facts, then each paragraph with its number and marking
//! at its start, section breaks joined, wrapper gone. Text is sanitised (no escape
//! sequences reach a terminal) and not wrapped: lines are as long as the paragraph.

use super::{filter_note, header_facts, paragraph_label, sanitize, ExportOptions};
use crate::cable::Cable;

/// One cable as plain text.
pub fn render(cable: &Cable<'_>, options: &ExportOptions) -> String {
    let shown = options.filter.apply(cable);
    let mut out = String::new();

    let id = sanitize(cable.id.as_deref().unwrap_or("(no id)")).into_owned();
    out.push_str(&id);
    if let Some(subject) = &cable.subject {
        out.push_str(" — ");
        out.push_str(&one_line(subject));
    }
    out.push('\n');

    let facts = header_facts(cable, &options.date_format);
    let width = facts
        .iter()
        .map(|(label, _)| label.len() + 1)
        .max()
        .unwrap_or(0);
    for (label, value) in &facts {
        let label = format!("{label}:");
        out.push_str(&format!("{label:<width$}  {value}\n"));
    }
    out.push('\n');

    if let Some(note) = filter_note(cable, &shown, &options.filter) {
        out.push_str(&format!("[{note}]\n\n"));
    }

    if let Some(preamble) = &shown.preamble {
        push_block(&mut out, "", preamble);
    }
    for paragraph in &shown.paragraphs {
        if let Some(heading) = &paragraph.heading {
            out.push_str(&one_line(heading));
            out.push_str("\n\n");
        }
        let label = paragraph_label(paragraph.number, paragraph.marking.as_deref());
        push_block(&mut out, &label, &paragraph.text);
    }
    if let Some(signature) = &cable.signature {
        push_block(&mut out, "", signature);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `label text`, keeping the text's own line breaks, trailing spaces and runs of blank
/// lines trimmed, then a blank line.
fn push_block(out: &mut String, label: &str, text: &str) {
    let text = sanitize(text);
    let mut body = String::new();
    let mut blank = false;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !body.is_empty() {
            body.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        body.push_str(line);
    }
    match (label.is_empty(), body.is_empty()) {
        (true, true) => return,
        (true, false) => out.push_str(&body),
        (false, true) => out.push_str(label),
        (false, false) => {
            out.push_str(label);
            out.push(' ');
            out.push_str(&body);
        }
    }
    out.push_str("\n\n");
}
