//! The seed cable, 10MEXICO83 as a news site reposted it: every fact the grammar issue
//! names, checked against the cable as published (read by eye in the file).

use std::path::Path;

use cable_reader::cable::{json, parse_bytes, Level};

fn seed() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/repost/10MEXICO83.txt");
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn the_seed_reads_as_the_issue_says() {
    let cables = parse_bytes(&seed());
    assert_eq!(cables.len(), 1);
    let cable = &cables[0];
    assert_eq!(cable.id.as_deref(), Some("10MEXICO83"));
    assert_eq!(
        cable.date.map(|d| d.to_string()).as_deref(),
        Some("2010-01-29T20:49:00Z")
    );
    assert_eq!(
        cable.classification.display_name().as_deref(),
        Some("SECRET")
    );
    assert_eq!(cable.sections, 5);
    assert_eq!(
        cable.subject.as_deref(),
        Some("Scenesetter for the Opening of the Defense Bilateral Working Group, Washington, D.C., February 1")
    );
    let markings: Vec<&str> = cable
        .paragraphs
        .iter()
        .map(|p| p.marking.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(
        markings,
        [
            "SBU", "SBU", "SBU", "SBU", "C", "S", "C", "C", "C", "C", "SBU", "SBU", "C", "C", "S",
            "C", "C"
        ]
    );
    let numbers: Vec<Option<u32>> = cable.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=17).map(Some).collect::<Vec<_>>());
    assert_eq!(cable.signature.as_deref(), Some("FEELEY"));
    assert_eq!(cable.origin.as_deref(), Some("Embassy Mexico"));
    assert_eq!(
        cable
            .executive_order
            .as_ref()
            .and_then(|order| order.declassify.as_ref())
            .map(ToString::to_string)
            .as_deref(),
        Some("2020-01-29")
    );
    assert_eq!(cable.level_counts(), [0, 6, 9, 2, 0]);
    assert_eq!(cable.highest_paragraph_level(), Some(Level::Secret));
}

#[test]
fn page_headers_are_gone_and_cut_sentences_joined() {
    let cable = parse_bytes(&seed()).remove(0);
    let fourth = &cable.paragraphs[3].text;
    assert!(
        fourth.contains("With a strategy best described as political pragmatism"),
        "{fourth}"
    );
    for paragraph in &cable.paragraphs {
        assert!(!paragraph.text.contains("00000083"), "{}", paragraph.text);
    }
    // ¶11 ends at the page break before the "Change on the Horizon" heading; ¶17 ends with
    // its last sentence, the signature taken off.
    assert!(cable.paragraphs[10].text.ends_with("from 2008-June 2009."));
    assert!(cable.paragraphs[16]
        .text
        .ends_with("with their security partners."));
    let headings: Vec<(u32, &str)> = cable
        .paragraphs
        .iter()
        .filter_map(|p| Some((p.number?, p.heading.as_deref()?)))
        .collect();
    assert_eq!(
        headings,
        [
            (3, "Political and Economic Context"),
            (5, "Security Challenges"),
            (12, "Change on the Horizon"),
            (15, "Military Modernization Key"),
        ]
    );
}

#[test]
fn nothing_of_the_news_site_is_left() {
    let cable = parse_bytes(&seed()).remove(0);
    let line = json::to_json_line(&cable, "seed");
    for site_text in [
        "Scoop",
        "Advertisement",
        "newsletter",
        "Celebrating",
        "Cablegate:",
        "World Headlines",
        "Catch Up",
        "©",
    ] {
        assert!(!line.contains(site_text), "{site_text} in {line}");
    }
    // The summary is ¶1's, up to where the repost cut it ("... in the region. End").
    let summary = cable.summary.as_deref().unwrap_or_default();
    assert!(summary.starts_with("The inauguration of the Defense Bilateral Working Group"));
    assert!(summary.ends_with("one of the leading democracies in the region."));
}
