//! The originating post as WikiLeaks names it ("Embassy Mexico", "Secretary of State"), from
//! the FM line or, when a cable lost its routing header, from the post in its
//! classification line.

/// Originators whose WikiLeaks name is not "Embassy"/"Consulate" + the place.
const SPECIAL_ORIGINATORS: [(&str, &str); 14] = [
    ("USMISSION USOSCE", "Mission USOSCE"),
    ("USMISSION USUN NEW YORK", "USUN New York"),
    ("SECSTATE WASHDC", "Secretary of State"),
    ("SECSTATE", "Secretary of State"),
    ("USINT HAVANA", "US Interests Section Havana"),
    ("USMISSION UNVIE VIENNA", "UNVIE"),
    ("UNVIE VIENNA", "UNVIE"),
    ("USMISSION USNATO", "Mission USNATO"),
    ("USNATO", "Mission USNATO"),
    ("USMISSION GENEVA", "US Mission Geneva"),
    ("USUN NEW YORK", "USUN New York"),
    ("USEU BRUSSELS", "USEU Brussels"),
    ("RPO DUBAI", "Iran RPO Dubai"),
    ("USDEL SECRETARY", "US Delegation, Secretary"),
];

/// Places whose WikiLeaks spelling differs from the telegram's.
const PLACE_SPELLINGS: [(&str, &str); 1] = [("KIEV", "Kyiv")];

/// Consulates, so that a post named only in a classification line gets the right kind.
const CONSULATES: [&str; 30] = [
    "CAPE TOWN",
    "CASABLANCA",
    "HAMBURG",
    "ISTANBUL",
    "JEDDAH",
    "LAGOS",
    "MUNICH",
    "PESHAWAR",
    "RIO DE JANEIRO",
    "SAO PAULO",
    "SHANGHAI",
    "SHENYANG",
    "VLADIVOSTOK",
    "MONTERREY",
    "GUANGZHOU",
    "CHENGDU",
    "HONG KONG",
    "DUBAI",
    "JERUSALEM",
    "KARACHI",
    "LAHORE",
    "MUMBAI",
    "CHENNAI",
    "KOLKATA",
    "FRANKFURT",
    "MILAN",
    "NAPLES",
    "TORONTO",
    "BASRAH",
    "IZMIR",
];

/// The WikiLeaks name of the originator written on a `FM` line (`AMEMBASSY MEXICO`).
pub fn origin_from_originator(originator: &str) -> String {
    let originator = originator.trim();
    if let Some((_, name)) = SPECIAL_ORIGINATORS
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(originator))
    {
        return (*name).to_owned();
    }
    if let Some(place) = originator.strip_prefix("AMEMBASSY ") {
        return format!("Embassy {}", place_name(place));
    }
    if let Some(place) = originator
        .strip_prefix("AMCONSUL ")
        .or_else(|| originator.strip_prefix("AMCONGEN "))
    {
        return format!("Consulate {}", place_name(place));
    }
    title_case(originator)
}

/// Words that say what kind of post an origin is, not which.
const KIND_WORDS: [&str; 12] = [
    "embassy",
    "consulate",
    "mission",
    "us",
    "usmission",
    "amembassy",
    "amconsul",
    "amcongen",
    "of",
    "the",
    "office",
    "section",
];

/// Whether two origin names name the same post ("US Mission Geneva" and "Mission Geneva",
/// "Embassy Kiev" and "Embassy Kyiv" do not count: places must match): the place words of
/// one are all in the other.
pub fn same_post(a: &str, b: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|word| !word.is_empty() && !KIND_WORDS.contains(&word.as_str()))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let within = |small: &[String], large: &[String]| {
        !small.is_empty() && small.iter().all(|word| large.contains(word))
    };
    within(&a, &b) || within(&b, &a)
}

/// The WikiLeaks name of a post written in a classification line (`MEXICO 000083`).
pub fn origin_from_post(post: &str) -> String {
    let post = post.trim();
    if post.eq_ignore_ascii_case("STATE") || post.eq_ignore_ascii_case("SECSTATE") {
        return "Secretary of State".to_owned();
    }
    if let Some((_, name)) = SPECIAL_ORIGINATORS.iter().find(|(written, _)| {
        written
            .split_once(' ')
            .map_or(*written, |(_, place)| place)
            .eq_ignore_ascii_case(post)
            || written.eq_ignore_ascii_case(post)
    }) {
        return (*name).to_owned();
    }
    if CONSULATES.iter().any(|c| c.eq_ignore_ascii_case(post)) {
        format!("Consulate {}", place_name(post))
    } else {
        format!("Embassy {}", place_name(post))
    }
}

fn place_name(place: &str) -> String {
    let place = place.trim();
    PLACE_SPELLINGS
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(place))
        .map_or_else(|| title_case(place), |(_, name)| (*name).to_owned())
}

/// Abbreviations WikiLeaks keeps in capitals: Regional Embassy Office, Regional Presence
/// Office, US missions.
const ACRONYMS: [&str; 8] = [
    "REO", "RPO", "USUN", "USEU", "USNATO", "UNVIE", "US", "USOSCE",
];

/// `PORT AU PRINCE` -> `Port Au Prince`, as WikiLeaks capitalises place names.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        if ACRONYMS
            .iter()
            .any(|acronym| acronym.eq_ignore_ascii_case(word))
        {
            out.push_str(&word.to_ascii_uppercase());
            continue;
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embassies_and_consulates() {
        assert_eq!(origin_from_originator("AMEMBASSY MEXICO"), "Embassy Mexico");
        assert_eq!(
            origin_from_originator("AMEMBASSY PORT AU PRINCE"),
            "Embassy Port Au Prince"
        );
        assert_eq!(
            origin_from_originator("AMCONSUL RIO DE JANEIRO"),
            "Consulate Rio De Janeiro"
        );
        assert_eq!(origin_from_originator("AMEMBASSY KIEV"), "Embassy Kyiv");
    }

    #[test]
    fn special_originators() {
        assert_eq!(
            origin_from_originator("SECSTATE WASHDC"),
            "Secretary of State"
        );
        assert_eq!(origin_from_originator("USMISSION USNATO"), "Mission USNATO");
        assert_eq!(origin_from_originator("USMISSION UNVIE VIENNA"), "UNVIE");
        assert_eq!(origin_from_originator("RPO DUBAI"), "Iran RPO Dubai");
        assert_eq!(origin_from_originator("REO BASRAH"), "REO Basrah");
        assert_eq!(
            origin_from_originator("USMISSION USUN NEW YORK"),
            "USUN New York"
        );
    }

    #[test]
    fn the_same_post_under_another_name() {
        assert!(same_post("US Mission Geneva", "Mission Geneva"));
        assert!(same_post("Usmission Usosce", "Mission USOSCE"));
        // WikiLeaks' index spells some posts its own way, typos included.
        assert!(same_post("Embassy Bonn", "Embasy Bonn"));
        assert!(!same_post("Embassy Paris", "Embassy Rome"));
        assert!(!same_post("Embassy", "Consulate"));
    }

    #[test]
    fn posts_from_classification_lines() {
        assert_eq!(origin_from_post("MEXICO"), "Embassy Mexico");
        assert_eq!(origin_from_post("NEW DELHI"), "Embassy New Delhi");
        assert_eq!(origin_from_post("STATE"), "Secretary of State");
        assert_eq!(origin_from_post("MONTERREY"), "Consulate Monterrey");
        assert_eq!(origin_from_post("USNATO"), "Mission USNATO");
    }
}
