//! What identifies a cable in the saved state, whatever file it was read from: its id and
//! a hash of its paragraphs' text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::cable::Cable;

/// FNV-1a, 64 bits: a hash of a cable's text that stays the same across Rust versions,
/// platforms and runs (`std::hash` promises none of that).
pub fn text_hash(text: &str) -> u64 {
    text_hash_of_parts([text])
}

/// The hash of the parts written one after the other, without joining them first.
pub fn text_hash_of_parts<'t>(parts: impl IntoIterator<Item = &'t str>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    parts
        .into_iter()
        .flat_map(str::bytes)
        .fold(OFFSET, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(PRIME)
        })
}

/// What identifies a cable in the state: its id and the hash of its text, so a cable whose
/// text changed (a better copy, a fixed wrapper) does not get a stale position.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CableKey {
    /// The cable id, empty when the cable has none.
    pub id: String,
    pub hash: u64,
}

impl CableKey {
    pub fn new(id: Option<&str>, text: &str) -> CableKey {
        CableKey {
            id: id.unwrap_or_default().to_owned(),
            hash: text_hash(text),
        }
    }

    /// The key of a parsed cable; `text` is the unwrapped text it was parsed from.
    pub fn of(cable: &Cable<'_>, text: &str) -> CableKey {
        CableKey::new(cable.id.as_deref(), text)
    }
}

impl CableKey {
    /// Every key of the cable `id`, whatever its text: a range of the keys' order.
    pub fn all_of(id: &str) -> std::ops::RangeInclusive<CableKey> {
        let key = |hash| CableKey {
            id: id.to_owned(),
            hash,
        };
        key(0)..=key(u64::MAX)
    }
}

impl fmt::Display for CableKey {
    /// `10MEXICO83#89ab...`: the form used as a key in the JSON file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:016x}", self.id, self.hash)
    }
}

impl std::str::FromStr for CableKey {
    type Err = String;

    fn from_str(text: &str) -> Result<CableKey, String> {
        let (id, hash) = text
            .rsplit_once('#')
            .ok_or_else(|| format!("`{text}` is no cable key, expected ID#HASH"))?;
        let hash = u64::from_str_radix(hash, 16)
            .map_err(|_| format!("`{text}` has a bad hash, expected 16 hex digits"))?;
        Ok(CableKey {
            id: id.to_owned(),
            hash,
        })
    }
}

impl Serialize for CableKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CableKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The saved state's key for a cable: its id and a hash of its paragraphs' text, so the
/// same cable read from another wrapper (a page, a dump, a csv row) is the same cable.
pub fn cable_key(cable: &Cable<'_>) -> CableKey {
    let parts = cable
        .paragraphs
        .iter()
        .flat_map(|paragraph| [paragraph.text.as_ref(), "\n\n"]);
    CableKey {
        id: cable.id.clone().unwrap_or_default(),
        hash: text_hash_of_parts(parts),
    }
}
