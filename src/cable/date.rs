//! Dates, the one place that knows the calendar: the `Date`/`DateTime` types, a cable's date
//! with how precise it is (a minute from a date-time group, or only a day from a dump
//! header), the month names every format writes, and the parsers for the date forms of the
//! wrappers (WikiLeaks' `2004-06-14 12:12`, cables.csv's `12/28/1966 18:48`, the text dumps'
//! Ruby `Time#to_s`) and of the cable text (the date-time group `292049Z JAN 10`, the
//! retyped cables' dateline `Tuesday, 15 September 2009, 16:39`).
//!
//! A handful of calendar rules (leap years, days in a month) is all the parsing needs, so
//! they are written here rather than brought in with a time-zone crate.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// A date and time in UTC, to the minute (cables carry no seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl DateTime {
    pub fn date(&self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: self.day,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

impl Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date if the parts name a real day.
    pub fn checked(year: u16, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The day's first minute.
    pub fn start(self) -> DateTime {
        self.at(0, 0)
    }

    /// The day's last minute.
    pub fn end(self) -> DateTime {
        self.at(23, 59)
    }

    fn at(self, hour: u8, minute: u8) -> DateTime {
        DateTime {
            year: self.year,
            month: self.month,
            day: self.day,
            hour,
            minute,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How much of a cable's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Minute,
    Day,
}

/// When a cable was sent: to the minute (date-time group, dateline, WikiLeaks table), or only
/// the day (a text dump's header, whose midnight is the scraper's, not the cable's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CableDate {
    Minute(DateTime),
    Day(Date),
}

impl CableDate {
    pub fn day(self) -> Date {
        match self {
            CableDate::Minute(at) => at.date(),
            CableDate::Day(day) => day,
        }
    }

    pub fn year(self) -> u16 {
        self.day().year
    }

    pub fn precision(self) -> Precision {
        match self {
            CableDate::Minute(_) => Precision::Minute,
            CableDate::Day(_) => Precision::Day,
        }
    }

    /// The earliest minute the date may stand for (a day's first minute).
    pub fn earliest(self) -> DateTime {
        match self {
            CableDate::Minute(at) => at,
            CableDate::Day(day) => day.start(),
        }
    }

    /// The latest minute the date may stand for (a day's last minute).
    pub fn latest(self) -> DateTime {
        match self {
            CableDate::Minute(at) => at,
            CableDate::Day(day) => day.end(),
        }
    }

    /// Whether the date falls in the range `from..=to`; a day falls in it when any minute of
    /// the day does, so a range that ends at noon holds a cable known only by that day.
    pub fn within(self, from: DateTime, to: DateTime) -> bool {
        self.latest() >= from && self.earliest() <= to
    }

    /// Whether two dates can be the same moment: a day holds every minute of it, and two
    /// minutes agree when day and hour do, because the WikiLeaks mirror's "Created" minute
    /// is corrupt (it repeats the hour modulo 12: 13:01 for a 1341Z cable).
    pub fn agrees_with(self, other: CableDate) -> bool {
        match (self, other) {
            (CableDate::Minute(a), CableDate::Minute(b)) => {
                a.date() == b.date() && a.hour == b.hour
            }
            _ => self.day() == other.day(),
        }
    }
}

impl Ord for CableDate {
    /// Earliest minute first; a day sorts with its first minute, before the minutes in it.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.earliest(), self.latest()).cmp(&(other.earliest(), other.latest()))
    }
}

impl PartialOrd for CableDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CableDate {
    /// `2010-01-29T20:49:00Z` for a minute, `2004-01-20` for a day.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CableDate::Minute(at) => at.fmt(f),
            CableDate::Day(day) => day.fmt(f),
        }
    }
}

impl Serialize for CableDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month (1 = January).
pub fn month_name(month: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(month).checked_sub(1)?).copied()
}

/// The month a name stands for, in any case: the three-letter abbreviation (`JAN`, `Sep`)
/// or the whole name (`september`); `SEPT` too.
pub fn month_from_name(name: &str) -> Option<u8> {
    let index = MONTHS.iter().position(|month| {
        name.eq_ignore_ascii_case(month)
            || (name.len() == 3
                && month
                    .get(..3)
                    .is_some_and(|abbr| abbr.eq_ignore_ascii_case(name)))
    });
    let index = index.or_else(|| name.eq_ignore_ascii_case("SEPT").then_some(8))?;
    u8::try_from(index + 1).ok()
}

/// A `DateTime` if the parts make a real calendar date and time.
pub fn checked(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> Option<DateTime> {
    let date = Date::checked(year, month, day)?;
    (hour < 24 && minute < 60).then_some(date.at(hour, minute))
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

/// A two-digit cable year: 66..99 are 19xx, 00..65 20xx (the release runs from 1966).
pub fn full_year(two_digits: u8) -> u16 {
    if two_digits >= 66 {
        1900 + u16::from(two_digits)
    } else {
        2000 + u16::from(two_digits)
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

/// `H:MM` or `HH:MM` (and `HH:MM:SS` when `seconds`), seconds dropped. Not range-checked.
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
pub fn parse_iso(text: &str) -> Option<DateTime> {
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
pub fn parse_us(text: &str) -> Option<DateTime> {
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

/// Ruby's `Time#to_s` in a text dump's header, `Tue Jan 20 00:00:00 +0100 2004`. The
/// scraper read WikiLeaks' UTC wall clock as local time and printed it with its own CET/CEST
/// offset, so the clock is taken as written and the offset ignored. Midnight is the
/// scraper's "no time known": then only the day is known, 2004-01-20 (never the
/// 2004-01-19T23:00Z the offset would give).
pub fn parse_ruby(text: &str) -> Option<CableDate> {
    let mut parts = text.split(' ');
    let weekday = parts.next()?;
    let month = parts.next()?;
    let day = parts.next()?;
    let clock = parts.next()?;
    let offset = parts.next()?;
    let year = parts.next()?;
    if parts.next().is_some() || !WEEKDAYS.contains(&weekday) || !is_offset(offset) {
        return None;
    }
    let month = month_from_name(month).filter(|_| month.len() == 3)?;
    let day = number(day, 2, 2)?;
    let year: u16 = number(year, 4, 4)?;
    let (hour, minute) = time(clock, true)?;
    if year < 1900 {
        return None;
    }
    let at = checked(year, month, day, hour, minute)?;
    Some(if (hour, minute) == (0, 0) {
        CableDate::Day(at.date())
    } else {
        CableDate::Minute(at)
    })
}

/// `+0100`, `-0530`.
fn is_offset(text: &str) -> bool {
    let (sign, digits) = text.split_at_checked(1).unwrap_or_default();
    matches!(sign, "+" | "-") && number::<u16>(digits, 4, 4).is_some()
}

/// A date-time group's parts as written, `292049Z JAN 10`: day, hour, minute, month and
/// two-digit year. Whether they name a real day is [`DateTimeGroup::date`]'s question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTimeGroup {
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub month: u8,
    pub year: u8,
}

impl DateTimeGroup {
    /// The moment, if the group names a real day and time (`310000Z FEB 09` does not).
    pub fn date(self) -> Option<DateTime> {
        checked(
            full_year(self.year),
            self.month,
            self.day,
            self.hour,
            self.minute,
        )
    }
}

/// The dateline newspaper-retyped cables carry instead of a date-time group:
/// `Tuesday, 15 September 2009, 16:39`. `Some(None)` for a dateline whose day or time does
/// not exist (`Monday, 31 February 2009, 10:00`), `None` for a line that is no dateline.
pub fn parse_dateline(line: &str) -> Option<Option<DateTime>> {
    let line = line.trim();
    let (weekday, rest) = line.split_once(", ")?;
    if !weekday.to_ascii_lowercase().ends_with("day") || weekday.contains(' ') {
        return None;
    }
    let (date, clock) = rest.split_once(", ")?;
    let mut parts = date.split_whitespace();
    let day: u8 = number(parts.next()?, 1, 2)?;
    let month = month_from_name(parts.next()?)?;
    let year: u16 = number(parts.next()?, 4, 4)?;
    let (hour, minute) = time(clock.trim(), false)?;
    if parts.next().is_some() {
        return None;
    }
    Some(checked(year, month, day, hour, minute))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> DateTime {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
        }
    }

    fn day(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn iso_table_dates() {
        assert_eq!(parse_iso("2004-06-14 12:12"), Some(at(2004, 6, 14, 12, 12)));
        assert_eq!(
            parse_iso(" 2010-12-08 21:09\n"),
            Some(at(2010, 12, 8, 21, 9))
        );
        assert_eq!(parse_iso("2004-02-30 12:12"), None);
        assert_eq!(parse_iso("2004-06-14"), None);
        assert_eq!(parse_iso("2004-06-14 24:00"), None);
    }

    #[test]
    fn csv_dates_are_month_first() {
        assert_eq!(parse_us("12/28/1966 18:48"), Some(at(1966, 12, 28, 18, 48)));
        assert_eq!(parse_us("2/25/1972 9:30"), Some(at(1972, 2, 25, 9, 30)));
        assert_eq!(parse_us("28/12/1966 18:48"), None);
        assert_eq!(parse_us("2/25/72 9:30"), None);
    }

    #[test]
    fn ruby_midnight_is_the_day_written() {
        // alx/cablegate's 04WELLINGTON173 header: the cable is of 25 February, not the 24th.
        assert_eq!(
            parse_ruby("Wed Feb 25 00:00:00 +0100 2004"),
            Some(CableDate::Day(day(2004, 2, 25)))
        );
        assert_eq!(
            parse_ruby("Mon Jan 01 00:00:00 +0100 2007"),
            Some(CableDate::Day(day(2007, 1, 1)))
        );
        assert_eq!(
            parse_ruby("Sat Jun 03 00:00:00 +0200 2006"),
            Some(CableDate::Day(day(2006, 6, 3)))
        );
    }

    #[test]
    fn ruby_clock_is_the_wikileaks_clock() {
        // 66BUENOSAIRES2481: the dump says 18:06 +0100, WikiLeaks' table 18:06 (UTC).
        assert_eq!(
            parse_ruby("Wed Dec 28 18:06:00 +0100 1966"),
            Some(CableDate::Minute(at(1966, 12, 28, 18, 6)))
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
        assert_eq!(parse_ruby("Wed December 28 18:06:00 +0100 1966"), None);
        assert_eq!(parse_ruby("Sat Feb 30 00:00:00 +0100 2008"), None);
    }

    #[test]
    fn months_by_any_name() {
        assert_eq!(month_from_name("JAN"), Some(1));
        assert_eq!(month_from_name("Sep"), Some(9));
        assert_eq!(month_from_name("SEPT"), Some(9));
        assert_eq!(month_from_name("september"), Some(9));
        assert_eq!(month_from_name("Ju"), None);
        assert_eq!(month_from_name("FOO"), None);
        assert_eq!(month_name(12), Some("December"));
        assert_eq!(month_name(0), None);
        assert_eq!(month_name(13), None);
    }

    #[test]
    fn date_time_groups_name_real_days() {
        let group = |day, hour, minute, month, year| DateTimeGroup {
            day,
            hour,
            minute,
            month,
            year,
        };
        assert_eq!(
            group(29, 20, 49, 1, 10).date(),
            Some(at(2010, 1, 29, 20, 49))
        );
        assert_eq!(
            group(28, 18, 48, 12, 66).date(),
            Some(at(1966, 12, 28, 18, 48))
        );
        assert_eq!(group(31, 0, 0, 2, 9).date(), None);
        assert_eq!(group(29, 0, 0, 2, 8).date(), Some(at(2008, 2, 29, 0, 0)));
        assert_eq!(group(12, 24, 0, 3, 9).date(), None);
    }

    #[test]
    fn datelines() {
        assert_eq!(
            parse_dateline("Tuesday, 20 January 2004, 09:44"),
            Some(Some(at(2004, 1, 20, 9, 44)))
        );
        assert_eq!(
            parse_dateline("Monday, 31 February 2009, 10:00"),
            Some(None)
        );
        assert_eq!(parse_dateline("Tuesday, the talks went on, 16:39"), None);
        assert_eq!(
            parse_dateline("UNCLAS SECTION 01 OF 02 CAPE TOWN 000204"),
            None
        );
    }

    #[test]
    fn a_day_covers_the_whole_day() {
        let the_day = CableDate::Day(day(2004, 1, 20));
        let morning = CableDate::Minute(at(2004, 1, 20, 9, 44));
        let day_before = CableDate::Minute(at(2004, 1, 19, 23, 0));
        assert!(the_day.within(at(2004, 1, 20, 12, 0), at(2004, 2, 1, 0, 0)));
        assert!(the_day.within(at(2004, 1, 1, 0, 0), at(2004, 1, 20, 0, 0)));
        assert!(!the_day.within(at(2004, 1, 21, 0, 0), at(2004, 2, 1, 0, 0)));
        assert!(!morning.within(at(2004, 1, 20, 12, 0), at(2004, 2, 1, 0, 0)));
        let mut dates = vec![morning, the_day, day_before];
        dates.sort();
        assert_eq!(dates, vec![day_before, the_day, morning]);
        assert_eq!(the_day.to_string(), "2004-01-20");
        assert_eq!(morning.to_string(), "2004-01-20T09:44:00Z");
    }

    #[test]
    fn agreement_ignores_the_mirrors_minute() {
        let dtg = CableDate::Minute(at(2009, 3, 12, 13, 41));
        assert!(dtg.agrees_with(CableDate::Minute(at(2009, 3, 12, 13, 1))));
        assert!(!dtg.agrees_with(CableDate::Minute(at(2009, 3, 12, 14, 1))));
        assert!(!dtg.agrees_with(CableDate::Minute(at(2009, 3, 13, 13, 41))));
        assert!(dtg.agrees_with(CableDate::Day(day(2009, 3, 12))));
        assert!(!dtg.agrees_with(CableDate::Day(day(2009, 3, 11))));
    }
}
