//! The handling caveats the reader filters by beside the levels (keys 6, 7 and 8): which
//! are shown, as the config's `[filter] caveats` and the state file's positions name them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The caveats' names, in the order of `app::state::HandlingCaveat::ALL`.
pub const CAVEAT_NAMES: [&str; 3] = ["NOFORN", "REL TO", "FOUO/SBU"];

/// Which handling caveats are shown, in `CAVEAT_NAMES` order: a paragraph whose marking
/// carries a hidden one is hidden whatever its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaveatFilter {
    pub shown: [bool; 3],
}

impl Default for CaveatFilter {
    fn default() -> CaveatFilter {
        CaveatFilter { shown: [true; 3] }
    }
}

impl CaveatFilter {
    pub fn is_all(&self) -> bool {
        *self == CaveatFilter::default()
    }

    /// Only the caveats at these indices of `CAVEAT_NAMES` shown.
    pub fn only(indices: &[usize]) -> CaveatFilter {
        let mut shown = [false; 3];
        for index in indices {
            if let Some(slot) = shown.get_mut(*index) {
                *slot = true;
            }
        }
        CaveatFilter { shown }
    }
}

/// The index in `CAVEAT_NAMES` of a caveat as a user writes it: `NOFORN` or `NF`, `REL TO`
/// or `REL`, `FOUO/SBU`, `FOUO` or `SBU`, in any case.
pub fn parse_caveat(text: &str) -> Result<usize, String> {
    let name = text.trim().to_ascii_uppercase();
    match name.as_str() {
        "NOFORN" | "NF" => Ok(0),
        "REL TO" | "REL" => Ok(1),
        "FOUO/SBU" | "FOUO" | "SBU" => Ok(2),
        _ => Err(format!(
            "unknown caveat `{}`, expected one of \"NOFORN\", \"REL TO\", \"FOUO/SBU\"",
            crate::sanitize::one_line(text)
        )),
    }
}

/// Written as the list of shown caveats' names.
impl Serialize for CaveatFilter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = CAVEAT_NAMES
            .iter()
            .zip(self.shown)
            .filter(|(_, shown)| *shown)
            .map(|(name, _)| *name)
            .collect();
        names.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for CaveatFilter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(deserializer)?;
        let indices = names
            .iter()
            .map(|name| parse_caveat(name))
            .collect::<Result<Vec<usize>, String>>()
            .map_err(serde::de::Error::custom)?;
        Ok(CaveatFilter::only(&indices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_written_and_their_short_forms() {
        assert_eq!(parse_caveat("NOFORN"), Ok(0));
        assert_eq!(parse_caveat("nf"), Ok(0));
        assert_eq!(parse_caveat("Rel To"), Ok(1));
        assert_eq!(parse_caveat("SBU"), Ok(2));
        assert_eq!(
            parse_caveat("ORCON"),
            Err(
                "unknown caveat `ORCON`, expected one of \"NOFORN\", \"REL TO\", \"FOUO/SBU\""
                    .to_owned()
            )
        );
    }

    #[test]
    fn written_as_the_shown_names() {
        let filter = CaveatFilter {
            shown: [false, true, true],
        };
        let json = serde_json::to_string(&filter).unwrap_or_default();
        assert_eq!(json, r#"["REL TO","FOUO/SBU"]"#);
        assert_eq!(
            serde_json::from_str::<CaveatFilter>(&json).ok(),
            Some(filter)
        );
    }
}
