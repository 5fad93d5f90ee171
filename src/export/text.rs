//! The plain reading form, as the reader prints it into a pipe (`crate::plain`): header
//! facts, then each paragraph with its number and marking, section breaks joined, wrapper
//! gone, text made safe for a terminal. Notes say what the filter hid, and where.

use super::{filter_note, hidden_notes, ExportOptions};
use crate::cable::Cable;

/// One cable as plain text, through the options' filter.
pub fn render(cable: &Cable<'_>, options: &ExportOptions) -> String {
    let shown = options.filter.apply(cable);
    let mut out = Vec::new();
    if let Some(note) = filter_note(cable, &shown, &options.filter) {
        out.extend_from_slice(format!("[{note}]\n\n").as_bytes());
    }
    // Writing into a Vec cannot fail.
    let notes = hidden_notes(cable, &options.filter);
    let _ = crate::plain::write_plain_noting(&shown, &options.date_format, &notes, &mut out);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}
