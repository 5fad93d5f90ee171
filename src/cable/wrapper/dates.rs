//! The date forms wrappers write, read into `DateTime` (UTC): WikiLeaks' `2004-06-14 12:12`,
//! cables.csv's `12/28/1966 18:48`, and the text dumps' Ruby `Time#to_s` with its offset.

use crate::cable::model::DateTime;

/// A `DateTime` if the parts make a real calendar date and time.
pub(crate) fn checked(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Option<DateTime> {
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour < 24
        && minute < 60;
    valid.then_some(DateTime {
        year,
        month,
        day,
        hour,
        minute,
    })
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A number of ASCII digits, nothing else.
fn number<T: std::str::FromStr>(text: &str, min_len: usize, max_len: usize) -> Option<T> {
    let ok = (min_len..=max_len).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    if ok {
        text.parse().ok()
    } else {
        None
    }
}

/// `H:MM` or `HH:MM` (and `HH:MM:SS` when `seconds`), seconds dropped.
fn time(text: &str, seconds: bool) -> Option<(u8, u8)> {
    let mut parts = text.split(':');
    let hour = number(parts.next()?, 1, 2)?;
    let minute = number(parts.next()?, 2, 2)?;
    if seconds {
        number::<u8>(parts.next()?, 2, 2).filter(|s| *s < 60)?;
    }
    parts.next().is_none().then_some((hour, minute))
}

/// WikiLeaks' table form, `2004-06-14 12:12`, in UTC.
pub(crate) fn parse_iso(text: &str) -> Option<DateTime> {
    let (date, clock) = text.trim().split_once(' ')?;
    let mut parts = date.split('-');
    let year = number(parts.next()?, 4, 4)?;
    let month = number(parts.next()?, 1, 2)?;
    let day = number(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    let (hour, minute) = time(clock.trim(), false)?;
    checked(year, month, day, hour, minute)
}

/// cables.csv's form, `12/28/1966 18:48` (month first), in UTC.
pub(crate) fn parse_us(text: &str) -> Option<DateTime> {
    let (date, clock) = text.trim().split_once(' ')?;
    let mut parts = date.split('/');
    let month = number(parts.next()?, 1, 2)?;
    let day = number(parts.next()?, 1, 2)?;
    let year = number(parts.next()?, 4, 4)?;
    if parts.next().is_some() {
        return None;
    }
    let (hour, minute) = time(clock.trim(), false)?;
    checked(year, month, day, hour, minute)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Ruby's `Time#to_s`, `Wed Dec 28 18:06:00 +0100 1966`, converted to UTC with the written
/// offset (the day, month and year roll over as needed).
pub(crate) fn parse_ruby(text: &str) -> Option<DateTime> {
    let mut parts = text.split(' ');
    let weekday = parts.next()?;
    let month = parts.next()?;
    let day = parts.next()?;
    let clock = parts.next()?;
    let offset = parts.next()?;
    let year = parts.next()?;
    if parts.next().is_some() || !WEEKDAYS.contains(&weekday) {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == month)?;
    let month = u8::try_from(month + 1).ok()?;
    let day = number(day, 2, 2)?;
    let year: u16 = number(year, 4, 4)?;
    let (hour, minute) = time(clock, true)?;
    if year < 1900 {
        return None;
    }
    let local = checked(year, month, day, hour, minute)?;
    let offset_minutes = parse_offset(offset)?;
    shift(local, -offset_minutes)
}

/// `+0100` -> 60, `-0530` -> -330.
fn parse_offset(text: &str) -> Option<i64> {
    let sign = match text.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let hours: i64 = number(text.get(1..3)?, 2, 2)?;
    let minutes: i64 = number(text.get(3..)?, 2, 2)?;
    (hours < 24 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// Moves a date-time by a number of minutes across day, month and year boundaries.
fn shift(at: DateTime, minutes: i64) -> Option<DateTime> {
    let days = days_from_civil(i64::from(at.year), at.month, at.day);
    let total = days * 1440 + i64::from(at.hour) * 60 + i64::from(at.minute) + minutes;
    let (days, in_day) = (total.div_euclid(1440), total.rem_euclid(1440));
    let (year, month, day) = civil_from_days(days);
    let hour = u8::try_from(in_day / 60).ok()?;
    let minute = u8::try_from(in_day % 60).ok()?;
    checked(u16::try_from(year).ok()?, month, day, hour, minute)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // `day` is 1..=31 and `month` 1..=12 by construction.
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Option<DateTime> {
        Some(DateTime {
            year,
            month,
            day,
            hour,
            minute,
        })
    }

    #[test]
    fn iso_table_dates() {
        assert_eq!(parse_iso("2004-06-14 12:12"), at(2004, 6, 14, 12, 12));
        assert_eq!(parse_iso(" 2010-12-08 21:09\n"), at(2010, 12, 8, 21, 9));
        assert_eq!(parse_iso("2004-02-30 12:12"), None);
        assert_eq!(parse_iso("2004-06-14"), None);
        assert_eq!(parse_iso("2004-06-14 24:00"), None);
    }

    #[test]
    fn csv_dates_are_month_first() {
        assert_eq!(parse_us("12/28/1966 18:48"), at(1966, 12, 28, 18, 48));
        assert_eq!(parse_us("2/25/1972 9:30"), at(1972, 2, 25, 9, 30));
        assert_eq!(parse_us("28/12/1966 18:48"), None);
        assert_eq!(parse_us("2/25/72 9:30"), None);
    }

    #[test]
    fn ruby_dates_go_to_utc() {
        assert_eq!(
            parse_ruby("Wed Dec 28 18:06:00 +0100 1966"),
            at(1966, 12, 28, 17, 6)
        );
        assert_eq!(
            parse_ruby("Sat Jun 03 00:00:00 +0200 2006"),
            at(2006, 6, 2, 22, 0)
        );
    }

    #[test]
    fn ruby_dates_roll_over_month_and_year() {
        assert_eq!(
            parse_ruby("Mon Jan 01 00:00:00 +0100 2007"),
            at(2006, 12, 31, 23, 0)
        );
        assert_eq!(
            parse_ruby("Sat Mar 01 00:30:00 +0100 2008"),
            at(2008, 2, 29, 23, 30)
        );
        assert_eq!(
            parse_ruby("Thu Dec 31 23:00:00 -0200 2009"),
            at(2010, 1, 1, 1, 0)
        );
    }

    #[test]
    fn ruby_dates_are_strict() {
        assert_eq!(parse_ruby("Wed Dec 28 18:06 +0100 1966"), None);
        assert_eq!(parse_ruby("Wed Dec 28 18:06:00 0100 1966"), None);
        assert_eq!(parse_ruby("Wed Dec 28 18:06:00 +0100 1966 x"), None);
        assert_eq!(parse_ruby("Xyz Dec 28 18:06:00 +0100 1966"), None);
        assert_eq!(parse_ruby("Wed Dec 8 18:06:00 +0100 1966"), None);
        assert_eq!(parse_ruby("Wed Dec 28 18:06:00 +0100 0000"), None);
    }
}
