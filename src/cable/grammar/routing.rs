//! Routing header. (Interim: replaced by the full grammar from the routing branch.)

use std::borrow::Cow;

use nom::IResult;

use crate::cable::model::{Addressee, DateTime, Routing, StationLine};

pub fn routing_header(input: &str) -> IResult<&str, Routing<'_>> {
    let mut routing = Routing::default();
    let mut rest = input.trim_start_matches(['\n', ' ']);
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["DE", station, ..] => {
                routing.station = Some(StationLine {
                    station: Cow::Borrowed(station),
                    serial: None,
                    section: None,
                    filed: None,
                })
            }
            ["FM", ..] => {
                routing.from = Some(Addressee {
                    routing_indicator: None,
                    name: Cow::Borrowed(line.get(3..).unwrap_or_default().trim()),
                    precedence: None,
                    serial: None,
                })
            }
            [_, "R", dtg, month, year] | [_, dtg, month, year]
                if dtg.ends_with('Z') && dtg.len() == 7 =>
            {
                let months = [
                    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                    "DEC",
                ];
                let day = dtg.get(0..2).and_then(|d| d.parse().ok());
                let hour = dtg.get(2..4).and_then(|d| d.parse().ok());
                let minute = dtg.get(4..6).and_then(|d| d.parse().ok());
                let month = months.iter().position(|m| m == month).map(|m| m as u8 + 1);
                let year: Option<u16> = year.parse().ok();
                if let (Some(day), Some(hour), Some(minute), Some(month), Some(year)) =
                    (day, hour, minute, month, year)
                {
                    routing.date_time_group = Some(DateTime {
                        year: if year > 65 { 1900 + year } else { 2000 + year },
                        month,
                        day,
                        hour,
                        minute,
                    });
                }
            }
            _ => break,
        }
        rest = after.trim_start_matches(['\n', ' ']);
    }
    Ok((rest, routing))
}
