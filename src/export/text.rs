//! The plain reading form, as the reader prints it into a pipe (`crate::plain`): header
//! facts, then each paragraph with its number and marking, section breaks joined, wrapper
//! gone, text made safe for a terminal. A note says what the filter hid.

use super::{filter_note, ExportOptions};
use crate::cable::Cable;

/// One cable as plain text, through the options' filter.
pub fn render(cable: &Cable<'_>, options: &ExportOptions) -> String {
    let shown = options.filter.apply(cable);
    let mut out = Vec::new();
    if let Some(note) = filter_note(cable, &shown, &options.filter) {
        out.extend_from_slice(format!("[{note}]\n\n").as_bytes());
    }
    // Writing into a Vec cannot fail.
    let _ = crate::plain::write_plain(&shown, &options.date_format, &mut out);
    let mut text = String::from_utf8_lossy(&out).into_owned();
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}
