//! `date_format`: a small strftime subset, enough for cable dates (UTC, to the minute).

use crate::cable::date::month_name;
use crate::cable::{CableDate, Date, DateTime};

/// The directives `date_format` understands, for messages and the commented default.
pub const DIRECTIVES: &str = "%Y (2010), %y (10), %m (01), %d (29), %e (29, space-padded), \
%H (20), %M (49), %b (Jan), %B (January), %Z (UTC), %F (%Y-%m-%d), %R (%H:%M), %%";

/// The default: `2010-01-29 20:49 UTC`.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d %H:%M %Z";

/// Checks a format; on a problem, gives the byte offset in `format` and what was wrong.
pub fn check_format(format: &str) -> Result<(), (usize, String)> {
    let mut chars = format.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            Some((_, d)) if "YymdeHMbBZFR%".contains(d) => {}
            Some((_, d)) => {
                return Err((
                    at,
                    format!(
                        "unknown directive `%{d}` in date_format, expected one of {DIRECTIVES}"
                    ),
                ))
            }
            None => {
                return Err((
                    at,
                    format!("date_format ends in a lone `%`, expected one of {DIRECTIVES}"),
                ))
            }
        }
    }
    Ok(())
}

/// Formats a date and time. Unknown directives are written as they stand (formats are
/// checked when the config is read).
pub fn format_datetime(datetime: &DateTime, format: &str) -> String {
    format_parts(
        datetime.date(),
        Some((datetime.hour, datetime.minute)),
        format,
    )
}

/// Formats a cable's date: with its time when the minute is known, else the day alone.
pub fn format_cable_date(date: &CableDate, format: &str) -> String {
    match date {
        CableDate::Minute(at) => format_datetime(at, format),
        CableDate::Day(day) => format_date(day, format),
    }
}

/// Formats a date alone: hour and minute directives are left out with what joins them to the
/// date (so `%Y-%m-%d %H:%M %Z` gives `2010-01-29`).
pub fn format_date(date: &Date, format: &str) -> String {
    let date_only = date_part(format);
    let date_only = if date_only.is_empty() {
        "%Y-%m-%d"
    } else {
        &date_only
    };
    format_parts(*date, None, date_only)
}

/// The part of a format up to its last date directive (empty when it has none).
fn date_part(format: &str) -> String {
    let mut end = 0;
    let mut chars = format.char_indices();
    while let Some((_, c)) = chars.next() {
        if c == '%' {
            if let Some((at, d)) = chars.next() {
                if "YymdebBF".contains(d) {
                    end = at + d.len_utf8();
                }
            }
        }
    }
    format.get(..end).unwrap_or(format).to_owned()
}

fn format_parts(date: Date, time: Option<(u8, u8)>, format: &str) -> String {
    let mut out = String::with_capacity(format.len() + 8);
    let month = month_name(date.month).unwrap_or("?");
    let (hour, minute) = time.unwrap_or((0, 0));
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{:04}", date.year)),
            Some('y') => out.push_str(&format!("{:02}", date.year % 100)),
            Some('m') => out.push_str(&format!("{:02}", date.month)),
            Some('d') => out.push_str(&format!("{:02}", date.day)),
            Some('e') => out.push_str(&format!("{:2}", date.day)),
            Some('H') => out.push_str(&format!("{hour:02}")),
            Some('M') => out.push_str(&format!("{minute:02}")),
            Some('b') => out.push_str(month.get(..3).unwrap_or(month)),
            Some('B') => out.push_str(month),
            Some('Z') => out.push_str("UTC"),
            Some('F') => out.push_str(&format!(
                "{:04}-{:02}-{:02}",
                date.year, date.month, date.day
            )),
            Some('R') => out.push_str(&format!("{hour:02}:{minute:02}")),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHEN: DateTime = DateTime {
        year: 2010,
        month: 1,
        day: 29,
        hour: 20,
        minute: 49,
    };

    #[test]
    fn formats_every_directive() {
        assert_eq!(
            format_datetime(&WHEN, DEFAULT_DATE_FORMAT),
            "2010-01-29 20:49 UTC"
        );
        assert_eq!(
            format_datetime(&WHEN, "%e %b %y, %B %d %Y %F %R 100%%"),
            "29 Jan 10, January 29 2010 2010-01-29 20:49 100%"
        );
        assert_eq!(format_date(&WHEN.date(), DEFAULT_DATE_FORMAT), "2010-01-29");
        assert_eq!(
            format_date(&WHEN.date(), "%d %B %Y, %H:%M"),
            "29 January 2010"
        );
    }

    #[test]
    fn bad_directives_are_found() {
        assert!(check_format(DEFAULT_DATE_FORMAT).is_ok());
        assert_eq!(check_format("%Y-%q").map_err(|e| e.0), Err(3));
        assert_eq!(check_format("%Y %").map_err(|e| e.0), Err(3));
    }
}
