//! The hand-written cables in `samples/`: every expected value below is what the sample's
//! author wrote into the file (the cables are invented, in the real formats), not what the
//! parser happened to print.

/// Routing indicator, name, precedence and serial of an addressee.
type AddresseeFacts<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<u32>);

use std::path::{Path, PathBuf};

use cable_reader::cable::{
    parse_cable, unwrap, Cable, CableDate, Caveat, Date, DateTime, Declassify, Level, SourceFormat,
    SpanKind,
};

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// Unwraps `bytes` (which must hold one cable in `format`), parses it and hands it to `check`.
fn with_bytes(bytes: &[u8], format: SourceFormat, check: impl FnOnce(&Cable<'_>)) {
    let sources = unwrap(bytes);
    assert_eq!(sources.len(), 1, "one cable in the file");
    let source = sources.first().expect("one source");
    assert_eq!(source.format, format);
    let cable = parse_cable(source);
    check(&cable);
}

fn with_sample(name: &str, format: SourceFormat, check: impl FnOnce(&Cable<'_>)) {
    let bytes = std::fs::read(sample_path(name)).expect("sample is readable");
    with_bytes(&bytes, format, check);
}

fn at(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> DateTime {
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
    }
}

fn on(year: u16, month: u8, day: u8) -> Option<Declassify<'static>> {
    Some(Declassify::On(Date { year, month, day }))
}

fn written(text: &'static str) -> Option<Declassify<'static>> {
    Some(Declassify::Written(text.into()))
}

/// Number, marking as written and level of every paragraph, in order.
fn shape<'c>(cable: &'c Cable<'_>) -> Vec<(Option<u32>, Option<&'c str>, Option<Level>)> {
    cable
        .paragraphs
        .iter()
        .map(|p| (p.number, p.marking.as_deref(), p.level))
        .collect()
}

fn tags<'c>(cable: &'c Cable<'_>) -> Vec<&'c str> {
    cable.tags.iter().map(|t| t.as_ref()).collect()
}

/// (letter, canonical id) of every reference.
fn references(cable: &Cable<'_>) -> Vec<(Option<char>, Option<String>)> {
    cable
        .references
        .iter()
        .map(|r| (r.letter, r.id.clone()))
        .collect()
}

fn warnings(cable: &Cable<'_>) -> Vec<String> {
    cable.warnings.iter().map(|w| w.message.clone()).collect()
}

/// The text of paragraph `number`.
fn text<'c>(cable: &'c Cable<'_>, number: u32) -> &'c str {
    cable
        .paragraphs
        .iter()
        .find(|p| p.number == Some(number))
        .map(|p| p.text.as_ref())
        .unwrap_or_else(|| panic!("paragraph {number} is missing"))
}

/// The (text, closed) of each span of `kind` in paragraph `number`.
fn spans<'c>(cable: &'c Cable<'_>, number: u32, kind: SpanKind) -> Vec<(&'c str, bool)> {
    let paragraph = cable
        .paragraphs
        .iter()
        .find(|p| p.number == Some(number))
        .unwrap_or_else(|| panic!("paragraph {number} is missing"));
    paragraph
        .spans
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| {
            (
                paragraph.text.get(s.range.clone()).unwrap_or("<bad range>"),
                s.closed,
            )
        })
        .collect()
}

fn classified_by<'c>(cable: &'c Cable<'_>) -> (&'c str, Option<&'c str>) {
    let by = cable.classified_by.as_ref().expect("a Classified By line");
    (by.by.as_ref(), by.reasons.as_deref())
}

const S: Option<Level> = Some(Level::Secret);
const C: Option<Level> = Some(Level::Confidential);
const U: Option<Level> = Some(Level::Unclassified);
const SBU: Option<Level> = Some(Level::SensitiveButUnclassified);
const TS: Option<Level> = Some(Level::TopSecret);

// ---------------------------------------------------------------------------------------
// 09NEWDELHI4521.txt: full routing header, three sections, page headers, repeated section
// header, lettered references, Summary over two paragraphs, inline and spanning Comment.

#[test]
fn new_delhi_header() {
    with_sample("09NEWDELHI4521.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(cable.id.as_deref(), Some("09NEWDELHI4521"));
        assert_eq!(cable.date, Some(CableDate::Minute(at(2009, 5, 3, 11, 45))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("SECRET//NOFORN")
        );
        assert_eq!(cable.classification.level, S);
        assert_eq!(
            cable.classification.caveats,
            vec![Caveat::Sipdis, Caveat::Noforn]
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy New Delhi"));
        assert_eq!(cable.sections, 3);
        let line = cable
            .classification_line
            .as_ref()
            .expect("classification line");
        assert_eq!(line.section, Some((1, 3)));
        assert_eq!(line.post.as_deref(), Some("NEW DELHI"));
        assert_eq!(line.serial, Some(4521));
        assert_eq!(cable.passing_instructions, vec!["DEPT FOR SCA/INS"]);
        let order = cable.executive_order.as_ref().expect("E.O. line");
        assert_eq!(order.number, Some(12958));
        assert_eq!(order.declassify, on(2019, 5, 3));
        assert_eq!(tags(cable), ["PREL", "PGOV", "PTER", "MARR", "IN", "PK"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("INDIA: HOME SECRETARY VARMA OUTLINES RESPONSE TO THE KHANDALA RIDGE INCIDENT")
        );
        assert_eq!(
            references(cable),
            vec![
                (Some('A'), Some("09NEWDELHI4377".to_owned())),
                (Some('B'), Some("09STATE41230".to_owned())),
                (Some('C'), Some("08NEWDELHI3126".to_owned())),
            ]
        );
        assert_eq!(
            cable
                .references
                .iter()
                .map(|r| r.written.as_ref())
                .collect::<Vec<_>>(),
            ["NEW DELHI 4377", "09 STATE 41230", "08 NEW DELHI 3126"]
        );
        assert_eq!(
            classified_by(cable),
            (
                "Political Counselor Dana M. Pruitt",
                Some("1.4 (b) and (d)")
            )
        );
        assert!(cable.preamble.is_none());
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

#[test]
fn new_delhi_routing() {
    with_sample("09NEWDELHI4521.txt", SourceFormat::PlainText, |cable| {
        let routing = &cable.routing;
        assert_eq!(routing.start_of_message.as_deref(), Some("VZCZCXRO7702"));
        assert_eq!(routing.routing_lines, vec!["RR RUEHWEB"]);
        let station = routing.station.as_ref().expect("DE line");
        assert_eq!(station.station, "RUEHNE");
        assert_eq!(station.serial, Some(4521));
        assert_eq!(station.section, Some(1));
        assert_eq!(station.filed.as_deref(), Some("1231145"));
        assert_eq!(routing.transmission.as_deref(), Some("ZNY SSSSS ZZH"));
        assert_eq!(routing.precedence.as_deref(), Some("O"));
        assert_eq!(routing.date_time_group, Some(at(2009, 5, 3, 11, 45)));
        let from = routing.from.as_ref().expect("FM line");
        assert_eq!(from.name, "AMEMBASSY NEW DELHI");
        assert_eq!(routing.to.len(), 1);
        let to = routing.to.first().expect("TO addressee");
        assert_eq!(to.routing_indicator.as_deref(), Some("RUEHC"));
        assert_eq!(to.name, "SECSTATE WASHDC");
        assert_eq!(to.precedence.as_deref(), Some("NIACT IMMEDIATE"));
        assert_eq!(to.serial, Some(8841));
        let info: Vec<AddresseeFacts<'_>> = routing
            .info
            .iter()
            .map(|a| {
                (
                    a.routing_indicator.as_deref(),
                    a.name.as_ref(),
                    a.precedence.as_deref(),
                    a.serial,
                )
            })
            .collect();
        assert_eq!(
            info,
            vec![
                (
                    Some("RUEHBK"),
                    "AMEMBASSY BANGKOK",
                    Some("PRIORITY"),
                    Some(1207)
                ),
                (
                    Some("RUEHCG"),
                    "AMCONSUL CHENNAI",
                    Some("PRIORITY"),
                    Some(3316)
                ),
                (
                    Some("RUEHBI"),
                    "AMCONSUL MUMBAI",
                    Some("PRIORITY"),
                    Some(2290)
                ),
                (Some("RHEHNSC"), "NSC WASHDC", Some("PRIORITY"), None),
            ]
        );
        assert!(routing.distribution.is_empty());
    });
}

#[test]
fn new_delhi_paragraphs() {
    with_sample("09NEWDELHI4521.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("S"), S),
                (Some(2), Some("C"), C),
                (Some(3), Some("S/NF"), S),
                (Some(4), Some("SBU"), SBU),
                (Some(5), Some("C"), C),
                (Some(6), Some("U"), U),
                (Some(7), Some("S//NF"), S),
                (Some(8), Some("C/NF"), C),
                (Some(9), Some("S"), S),
                (Some(10), Some("S"), S),
            ]
        );
        let headings: Vec<(Option<u32>, Option<&str>)> = cable
            .paragraphs
            .iter()
            .filter(|p| p.heading.is_some())
            .map(|p| (p.number, p.heading.as_deref()))
            .collect();
        assert_eq!(headings, vec![(Some(3), Some("The Exchange of Fire"))]);
        assert_eq!(
            text(cable, 3),
            "According to XXXXXXXXXXXX, a patrol of the Border Security Force fired on what it \
             took to be an infiltration party at 0240 on April 28. The party turned out to be \
             four herders from Sopur district, two of whom were wounded. XXXXXXXXXXXX said the \
             patrol commander had been relieved and that the Ministry would compensate the \
             families."
        );
        // Dashed sub-paragraphs keep their own lines, after a blank line.
        assert_eq!(
            text(cable, 7),
            "Varma asked for three things from Washington:\n\n\
             -- imagery of the ridge for the nights of April 27 and 28;\n\
             -- any intercepts that show who ordered the patrol forward; and\n\
             -- a quiet word with Islamabad about the herders' return."
        );
        // Lettered sub-paragraphs, each a block of its own.
        assert_eq!(
            text(cable, 8),
            "The Ambassador made two points in reply:\n\n\
             A. The United States shares India's interest in a calm border and will look at \
             the imagery request quickly.\n\n\
             B. Any sharing of intercepts would have to be agreed in Washington."
        );
        assert_eq!(cable.signature.as_deref(), Some("HALVORSEN"));
        assert_eq!(
            text(cable, 10),
            "Post will report the outcome of the May 5 meeting. End Comment."
        );
    });
}

#[test]
fn new_delhi_page_breaks_join_cut_sentences() {
    with_sample("09NEWDELHI4521.txt", SourceFormat::PlainText, |cable| {
        // Page header with no blank line around it.
        assert_eq!(
            text(cable, 4),
            "Varma said that press coverage in Srinagar had been calmer than the Ministry \
             feared, and that the Chief Minister of the state had asked his party workers not \
             to call a strike. The Ministry will brief opposition leaders on May 6."
        );
        // Repeated section header (with its SIPDIS and NOFORN lines) between blank lines.
        assert_eq!(
            text(cable, 6),
            "The Ministry of Home Affairs issued a short press statement on the evening of May \
             2 that described the incident as a \"regrettable misunderstanding\" and announced \
             an inquiry."
        );
        // Page header between blank lines.
        assert_eq!(
            text(cable, 9),
            "Comment: Varma's calm tone contrasts with the statements of the Defense Minister, \
             who told Parliament on April 30 that the army would \"respond in kind\" to any \
             further provocation. We expect the Cabinet Committee to side with Varma."
        );
        for paragraph in &cable.paragraphs {
            assert!(!paragraph.text.contains("NEW DELHI 0000"), "{paragraph:?}");
            assert!(!paragraph.text.contains("SECTION 02"), "{paragraph:?}");
            assert!(!paragraph.text.contains("SIPDIS"), "{paragraph:?}");
        }
    });
}

#[test]
fn new_delhi_summary_and_comments() {
    with_sample("09NEWDELHI4521.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(
            cable.summary.as_deref(),
            Some(
                "Home Secretary Arvind Varma told the Ambassador on May 2 that the Government of \
                 India will not close the Khandala Ridge crossing despite the April 28 exchange \
                 of fire. He asked for additional imagery of the ridge and promised a written \
                 account of the incident within a week.\n\n\
                 Varma said the Cabinet Committee on Security would meet on May 5 to review the \
                 rules of engagement for the border force."
            )
        );
        assert_eq!(
            spans(cable, 1, SpanKind::Summary),
            vec![(text(cable, 1), false)]
        );
        assert_eq!(
            spans(cable, 2, SpanKind::Summary),
            vec![(text(cable, 2), true)]
        );
        // Inline comment, closed inside its paragraph.
        assert_eq!(
            spans(cable, 5, SpanKind::Comment),
            vec![(
                "Comment: The 2006 procedures were never put into writing by either side, which \
                 is part of the problem. End Comment.)",
                true
            )]
        );
        // Comment over two paragraphs.
        assert_eq!(
            spans(cable, 9, SpanKind::Comment),
            vec![(text(cable, 9), false)]
        );
        assert_eq!(
            spans(cable, 10, SpanKind::Comment),
            vec![(text(cable, 10), true)]
        );
        for number in [3, 4, 6, 7, 8] {
            assert!(
                spans(cable, number, SpanKind::Comment).is_empty(),
                "{number}"
            );
            assert!(
                spans(cable, number, SpanKind::Summary).is_empty(),
                "{number}"
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// 08STATE45120.txt: a TOP SECRET State cable with the rarer markings, lettered and dashed
// sub-paragraphs, an unmarked paragraph and a signature glued to the last sentence.

#[test]
fn state_markings_and_glued_signature() {
    with_sample("08STATE45120.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(cable.id.as_deref(), Some("08STATE45120"));
        assert_eq!(cable.date, Some(CableDate::Minute(at(2008, 4, 29, 18, 30))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("TOP SECRET")
        );
        assert_eq!(cable.classification.caveats, vec![Caveat::Nodis]);
        assert_eq!(cable.origin.as_deref(), Some("Secretary of State"));
        assert_eq!(cable.sections, 1);
        assert_eq!(
            cable
                .routing
                .to
                .iter()
                .map(|a| (a.name.as_ref(), a.precedence.as_deref(), a.serial))
                .collect::<Vec<_>>(),
            vec![
                ("AMEMBASSY ISLAMABAD", Some("IMMEDIATE"), Some(6021)),
                ("AMEMBASSY LONDON", Some("IMMEDIATE"), Some(4410)),
            ]
        );
        assert_eq!(cable.routing.info.len(), 1);
        assert_eq!(
            cable.executive_order.as_ref().map(|o| o.declassify.clone()),
            Some(on(2033, 4, 29))
        );
        assert_eq!(tags(cable), ["PREL", "PTER", "KNNP", "PK"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("GUIDANCE FOR DEMARCHE ON THE TARBELA CONSIGNMENT")
        );
        assert_eq!(
            references(cable),
            vec![(None, Some("08ISLAMABAD1934".to_owned()))]
        );
        assert_eq!(
            classified_by(cable),
            (
                "Deputy Assistant Secretary Martin O. Ekwueme",
                Some("1.4 (c) and (d)")
            )
        );
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("TS"), TS),
                (Some(2), Some("S"), S),
                (Some(3), Some("SBU/NF"), SBU),
                (Some(4), Some("U//FOUO"), SBU),
                (Some(5), Some("c"), C),
                (Some(6), Some("S"), S),
                (Some(7), None, None),
            ]
        );
        assert_eq!(
            text(cable, 5),
            "Objectives for Islamabad:\n\n\
             A. Deliver the points in paragraph 6 at the highest appropriate level.\n\
             B. Ask that the consignment be held in Karachi for inspection.\n\
             C. Report the response by cable."
        );
        assert_eq!(
            text(cable, 6),
            "Islamabad may draw on the following points:\n\n\
             -- The United States has reliable information that the pumps are intended for a \
             uranium enrichment program.\n\
             -- We ask that the Government of Pakistan hold the consignment.\n\
             - We are prepared to share further details through the usual channel."
        );
        assert_eq!(cable.signature.as_deref(), Some("WEXFORD"));
        assert_eq!(
            text(cable, 7),
            "Posts are asked to report the results of their demarches by May 6. Washington \
             appreciates their prompt attention to this matter."
        );
        assert_eq!(cable.summary, None);
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 76BUENOSAIRES9214.txt: a 1970s all-capitals cable, header starting at the DTG line.

#[test]
fn buenos_aires_old_cable() {
    with_sample("76BUENOSAIRES9214.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(cable.id.as_deref(), Some("76BUENOSAIRES9214"));
        assert_eq!(
            cable.date,
            Some(CableDate::Minute(at(1976, 12, 14, 16, 20)))
        );
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("UNCLASSIFIED")
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Buenos Aires"));
        let routing = &cable.routing;
        assert_eq!(routing.start_of_message, None);
        assert_eq!(routing.precedence.as_deref(), Some("P R"));
        assert_eq!(
            routing
                .to
                .iter()
                .map(|a| (
                    a.routing_indicator.as_deref(),
                    a.name.as_ref(),
                    a.precedence.as_deref()
                ))
                .collect::<Vec<_>>(),
            vec![(None, "SECSTATE WASHDC", Some("PRIORITY"))]
        );
        assert_eq!(
            routing
                .info
                .iter()
                .map(|a| (a.routing_indicator.as_deref(), a.name.as_ref()))
                .collect::<Vec<_>>(),
            vec![
                (None, "AMEMBASSY MONTEVIDEO"),
                (None, "AMEMBASSY SANTIAGO"),
                (None, "USCINCSO QUARRY HEIGHTS CZ"),
            ]
        );
        let order = cable.executive_order.as_ref().expect("E.O. line");
        assert_eq!(order.number, Some(11652));
        assert_eq!(order.declassify, written("N/A"));
        assert_eq!(tags(cable), ["EFIS", "PBTS", "AR"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("ARGENTINE NAVY DETAINS SOVIET TRAWLER OFF CHUBUT")
        );
        assert_eq!(
            references(cable),
            vec![(None, Some("76STATE301442".to_owned()))]
        );
        assert!(cable.classified_by.is_none());
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), None, None),
                (Some(2), None, None),
                (Some(3), None, None)
            ]
        );
        // A hyphen at a line end joins the two halves without a space.
        assert_eq!(
            text(cable, 1),
            "ARGENTINE NAVY PATROL VESSEL COMODORO VIDAL DETAINED SOVIET TRAWLER ZARYA-7 ON \
             DECEMBER 12 SOME ONE HUNDRED FORTY MILES EAST OF PUERTO MADRYN, INSIDE THE \
             TWO-HUNDRED-MILE ZONE THAT ARGENTINA CLAIMS."
        );
        assert_eq!(text(cable, 3), "EMBASSY WILL REPORT FURTHER DEVELOPMENTS.");
        assert_eq!(cable.signature.as_deref(), Some("WHEELOCK"));
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 09COLOMBO612.html: a WikiLeaks page with its metadata table and two <pre> blocks.

#[test]
fn colombo_wikileaks_page() {
    with_sample("09COLOMBO612.html", SourceFormat::WikiLeaksHtml, |cable| {
        assert_eq!(cable.id.as_deref(), Some("09COLOMBO612"));
        assert_eq!(cable.date, Some(CableDate::Minute(at(2009, 6, 11, 9, 27))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("CONFIDENTIAL")
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Colombo"));
        assert_eq!(cable.sections, 2);
        assert_eq!(
            cable.routing.start_of_message.as_deref(),
            Some("VZCZCXRO3391")
        );
        assert_eq!(cable.routing.routing_lines, vec!["PP RUEHCI RUEHNEH"]);
        assert_eq!(cable.routing.info.len(), 2);
        assert_eq!(
            cable.executive_order.as_ref().map(|o| o.declassify.clone()),
            Some(on(2019, 6, 11))
        );
        // TAGS were links on the page.
        assert_eq!(tags(cable), ["PGOV", "PHUM", "PREF", "CE"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("SRI LANKA: NORTHERN RESETTLEMENT STALLS OVER DEMINING DISPUTE")
        );
        assert_eq!(
            references(cable),
            vec![
                (Some('A'), Some("09COLOMBO588".to_owned())),
                (Some('B'), Some("09COLOMBO601".to_owned())),
            ]
        );
        assert_eq!(
            classified_by(cable),
            ("Ambassador Lorraine K. Abernathy", Some("1.4 (b, d)"))
        );
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("C/REL TO USA, GBR"), C),
                (Some(2), Some("C"), C),
                (Some(3), Some("U"), U),
                (Some(4), Some("C"), C),
                (Some(5), Some("U"), U),
            ]
        );
        // Entities decoded, the page header joined away.
        assert_eq!(
            text(cable, 3),
            "The UN \"Joint Plan\" calls for certification by a civilian authority. The army \
             says that no civilian authority has the equipment to check its own clearance work."
        );
        assert_eq!(
            text(cable, 4),
            "Kandiah asked for two things:\n\
             (a) a statement by donors that certification must be civilian;\n\
             (b) funding for a second survey team."
        );
        assert_eq!(
            cable.summary.as_deref(),
            Some(
                "Resettlement of families displaced from the Vanni has stopped while the \
                 Ministry of Resettlement & Disaster Relief and the army argue over who may \
                 certify cleared land."
            )
        );
        assert_eq!(
            spans(cable, 1, SpanKind::Summary),
            vec![(text(cable, 1), true)]
        );
        assert_eq!(cable.signature.as_deref(), Some("ABERNATHY"));
        for paragraph in &cable.paragraphs {
            assert!(!paragraph.text.contains('<'), "{paragraph:?}");
            assert!(!paragraph.text.contains("&#x"), "{paragraph:?}");
            assert!(!paragraph.text.contains('¶'), "{paragraph:?}");
        }
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 10LIMA157.txt: a news-site repost with page text before, inside and after the cable.

const LIMA_PAGE_WORDS: [&str; 6] = [
    "Andean Wire",
    "Share this story",
    "Sign up",
    "top stories",
    "All rights reserved",
    "More from Politics",
];

fn check_lima(cable: &Cable<'_>) {
    assert_eq!(cable.id.as_deref(), Some("10LIMA157"));
    assert_eq!(cable.date, Some(CableDate::Minute(at(2010, 1, 22, 16, 15))));
    assert_eq!(
        cable.classification.display_name().as_deref(),
        Some("CONFIDENTIAL")
    );
    // No FM line survives: the origin comes from the classification line's post.
    assert!(cable.routing.from.is_none());
    assert_eq!(cable.origin.as_deref(), Some("Embassy Lima"));
    let station = cable.routing.station.as_ref().expect("DE line");
    assert_eq!(station.station, "RUEHPE");
    assert_eq!(station.serial, Some(157));
    assert_eq!(cable.routing.precedence.as_deref(), Some("O R"));
    assert_eq!(cable.sections, 2);
    assert_eq!(
        cable.executive_order.as_ref().map(|o| o.declassify.clone()),
        Some(on(2020, 1, 22))
    );
    assert_eq!(tags(cable), ["PGOV", "PREL", "EMIN", "PE"]);
    assert_eq!(
        cable.subject.as_deref(),
        Some("Peruvian Congress Debates Mining Royalty Bill Ahead of Regional Elections")
    );
    assert_eq!(
        references(cable),
        vec![
            (None, Some("10LIMA98".to_owned())),
            (None, Some("10LIMA121".to_owned())),
        ]
    );
    assert_eq!(
        classified_by(cable),
        (
            "Political Counselor Jorge F. Whitcomb",
            Some("1.4 (b) and (d)")
        )
    );
    assert_eq!(
        shape(cable),
        vec![
            (Some(1), Some("C"), C),
            (Some(2), Some("SBU"), SBU),
            (Some(3), Some("C"), C),
            (Some(4), Some("C"), C),
        ]
    );
    assert_eq!(
        cable
            .paragraphs
            .iter()
            .map(|p| p.heading.as_deref())
            .collect::<Vec<_>>(),
        vec![None, None, Some("Regional Politics"), None]
    );
    assert_eq!(
        cable.summary.as_deref(),
        Some(
            "The Peruvian Congress opened debate on January 20 on a bill that would raise the \
             royalty paid by large copper mines from three to five percent. Congressional \
             leaders expect a close vote in March."
        )
    );
    assert_eq!(
        text(cable, 2),
        "The bill's sponsor, Congresswoman Rosa Villacorta of the Cajamarca regional bloc, told \
         poloff that the royalty would fund water projects in the mining districts."
    );
    assert_eq!(
        text(cable, 3),
        "Villacorta said the regional presidents of Cajamarca and Apurimac will make the \
         royalty the centre of their campaigns for the October elections. With a vote expected \
         before the campaign begins, the executive has little room to stall the bill in \
         committee."
    );
    assert_eq!(
        text(cable, 4),
        "Finance Ministry officials told econoff they would accept four percent if the increase \
         were phased in over three years."
    );
    assert_eq!(cable.signature.as_deref(), Some("MAYBERRY"));
    for paragraph in &cable.paragraphs {
        for words in LIMA_PAGE_WORDS {
            assert!(!paragraph.text.contains(words), "{words}: {paragraph:?}");
        }
    }
    assert!(cable.preamble.is_none(), "{:?}", cable.preamble);
    // Three lines between paragraphs 1 and 2, four after the signature.
    assert_eq!(
        warnings(cable),
        vec![
            "left out 7 line(s) of the web page's own text found among the cable's paragraphs"
                .to_owned()
        ]
    );
}

#[test]
fn lima_repost() {
    with_sample("10LIMA157.txt", SourceFormat::PlainText, check_lima);
}

/// The same page with its copyright line written `(c) 2010 ...`, as many sites do in plain
/// text: the line is the page's, not a paragraph marked `(c)`.
#[test]

fn lima_repost_with_ascii_copyright_line() {
    let bytes = std::fs::read(sample_path("10LIMA157.txt")).expect("sample is readable");
    let page = String::from_utf8(bytes)
        .expect("UTF-8 sample")
        .replace("© 2010 The Andean Wire", "(c) 2010 The Andean Wire");
    with_bytes(page.as_bytes(), SourceFormat::PlainText, check_lima);
}

// ---------------------------------------------------------------------------------------
// 08ACCRA903.csv: one cables.csv row.

#[test]
fn accra_csv_row() {
    with_sample("08ACCRA903.csv", SourceFormat::CsvRow, |cable| {
        assert_eq!(cable.id.as_deref(), Some("08ACCRA903"));
        assert_eq!(cable.date, Some(CableDate::Minute(at(2008, 6, 17, 9, 14))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("UNCLASSIFIED//FOR OFFICIAL USE ONLY")
        );
        assert_eq!(cable.classification.level, U);
        assert_eq!(
            cable.classification.caveats,
            vec![Caveat::SensitiveButUnclassified, Caveat::Sipdis]
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Accra"));
        assert_eq!(cable.sections, 2);
        assert_eq!(
            cable.routing.info.first().map(|a| a.name.as_ref()),
            Some("ECOWAS COLLECTIVE")
        );
        let order = cable.executive_order.as_ref().expect("E.O. line");
        assert_eq!(order.number, Some(12958));
        assert_eq!(order.declassify, written("N/A"));
        assert_eq!(tags(cable), ["ECON", "EFIN", "ETRD", "GH"]);
        // `\"` in the csv field is a quote in the cable.
        assert_eq!(
            cable.subject.as_deref(),
            Some("GHANA: CENTRAL BANK GOVERNOR DEFENDS \"NEW CEDI\" ROLLOUT")
        );
        assert_eq!(
            references(cable),
            vec![
                (Some('A'), Some("08ACCRA877".to_owned())),
                (Some('B'), Some("08STATE61234".to_owned())),
            ]
        );
        assert!(cable.classified_by.is_none());
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("SBU"), SBU),
                (Some(2), Some("U"), U),
                (Some(3), Some("SBU"), SBU),
            ]
        );
        assert_eq!(
            cable.summary.as_deref(),
            Some(
                "Bank of Ghana Governor Kwabena Otchere-Darko told econoff on June 16 that the \
                 redenominated \"new cedi\" will stay in circulation alongside the old notes \
                 until the end of the year."
            )
        );
        assert_eq!(
            text(cable, 2),
            "Otchere-Darko said that the Bank's public campaign had reached most market \
             traders, but that rural banks were still short of the new coins. He asked whether \
             Treasury's Office of Technical Assistance could lend an adviser on cash logistics."
        );
        assert_eq!(
            text(cable, 3),
            "Otchere-Darko would not say whether the Bank will defend the rate of 1.2 new cedis \
             to the dollar. Ghana's reserves cover about three months of imports."
        );
        assert_eq!(cable.signature.as_deref(), Some("BRIDGEWATER"));
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 07RIGA388.txt: an alx/cablegate-style text dump, five metadata lines, body glued to the
// last addressee, entities and ¶ kept as written.

#[test]
fn riga_text_dump() {
    with_sample("07RIGA388.txt", SourceFormat::TextDump, |cable| {
        assert_eq!(cable.id.as_deref(), Some("07RIGA388"));
        // The dump copies the WikiLeaks mirror's clock as written, offset aside, with the
        // mirror's corrupt minute (14:02 for 1420Z, as 66BUENOSAIRES2481's 18:06 for 1848Z):
        // it agrees with the DTG to the hour, so no warning.
        assert_eq!(cable.date, Some(CableDate::Minute(at(2007, 5, 15, 14, 20))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("CONFIDENTIAL")
        );
        assert_eq!(cable.classification.caveats, vec![Caveat::Sipdis]);
        assert_eq!(cable.origin.as_deref(), Some("Embassy Riga"));
        assert_eq!(
            cable
                .routing
                .info
                .iter()
                .map(|a| (a.name.as_ref(), a.serial))
                .collect::<Vec<_>>(),
            vec![
                ("AMEMBASSY HELSINKI", Some(412)),
                ("AMEMBASSY TALLINN", Some(1188)),
                ("AMEMBASSY VILNIUS", Some(2207)),
            ]
        );
        let line = cable
            .classification_line
            .as_ref()
            .expect("classification line");
        assert_eq!(line.post.as_deref(), Some("RIGA"));
        assert_eq!(line.serial, Some(388));
        assert_eq!(
            cable.executive_order.as_ref().map(|o| o.declassify.clone()),
            Some(on(2017, 5, 14))
        );
        assert_eq!(tags(cable), ["PGOV", "PREL", "LG"]);
        // The text's full subject, not the dump's cut-off one.
        assert_eq!(
            cable.subject.as_deref(),
            Some("LATVIA: COALITION PARTNERS SPLIT OVER SECURITY SERVICE OVERSIGHT BILL")
        );
        assert_eq!(
            references(cable),
            vec![
                (Some('A'), Some("07RIGA301".to_owned())),
                (Some('B'), Some("06RIGA1440".to_owned())),
            ]
        );
        assert_eq!(
            classified_by(cable),
            ("Ambassador Noreen T. Vasquez", Some("1.4 (d)"))
        );
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("C"), C),
                (Some(2), Some("C"), C),
                (Some(3), Some("U"), U),
            ]
        );
        assert_eq!(
            text(cable, 2),
            "Coalition whip Ilze Berzina told poloff that the bill would return to committee \
             and that the \"spring session\" would end without a vote."
        );
        assert_eq!(
            text(cable, 3),
            "Local press carried the story under the headline \"Lapins Loses His Majority\"."
        );
        assert_eq!(cable.signature.as_deref(), Some("VASQUEZ"));
        assert_eq!(
            warnings(cable),
            vec![
                "the dump joined the routing header and the cable's first line: a line break was put back"
                    .to_owned()
            ]
        );
    });
}

// ---------------------------------------------------------------------------------------
// 06TUNIS1207.txt: CRLF line ends, Windows-1252 (¶ is the byte 0xB6), apostrophes written
// as commas.

#[test]
fn tunis_crlf_windows_1252() {
    with_sample("06TUNIS1207.txt", SourceFormat::PlainText, |cable| {
        assert_eq!(cable.id.as_deref(), Some("06TUNIS1207"));
        assert_eq!(cable.date, Some(CableDate::Minute(at(2006, 8, 9, 10, 10))));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some("LIMITED OFFICIAL USE")
        );
        assert_eq!(cable.classification.level, SBU);
        assert_eq!(cable.origin.as_deref(), Some("Embassy Tunis"));
        assert_eq!(cable.passing_instructions, vec!["DEPT FOR NEA/MAG"]);
        assert_eq!(
            cable.executive_order.as_ref().map(|o| o.declassify.clone()),
            Some(written("N/A"))
        );
        assert_eq!(tags(cable), ["ECON", "EAGR", "TS"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("TUNISIA: OLIVE OIL EXPORTERS ASK FOR EU QUOTA HELP")
        );
        assert!(cable.references.is_empty());
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("SBU"), SBU),
                (Some(2), Some("SBU"), SBU),
                (Some(3), Some("U"), U),
            ]
        );
        assert_eq!(
            cable.summary.as_deref(),
            Some(
                "Tunisian olive oil exporters told econoff on August 7 that the EU duty-free \
                 quota will be used up by October. They asked for the Embassy,s help with \
                 Brussels."
            )
        );
        assert_eq!(
            text(cable, 2),
            "The head of the exporters, union, Hedi Ben Slimane, said that this year,s harvest \
             of 190,000 tons was the largest since 2004."
        );
        assert_eq!(cable.signature.as_deref(), Some("TREADWELL"));
        for paragraph in &cable.paragraphs {
            assert!(!paragraph.text.contains('\r'), "{paragraph:?}");
        }
        assert_eq!(
            warnings(cable),
            vec!["text is not UTF-8: read as Windows-1252".to_owned()]
        );
    });
}

/// Every sample is in the folder and each one is covered above.
#[test]
fn all_samples_are_tested() {
    let mut names: Vec<String> = std::fs::read_dir(sample_path(""))
        .expect("samples folder")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "04BERLIN321.txt",
            "06TUNIS1207.txt",
            "07RIGA388.txt",
            "08ACCRA903.csv",
            "08STATE45120.txt",
            "09COLOMBO612.html",
            "09NEWDELHI4521.txt",
            "10LIMA157.txt",
            "10STATE1234.txt",
            "76BUENOSAIRES9214.txt",
            "76PORTOFSPAIN1234.txt",
        ]
    );
}

/// The header facts every unusual layout must give, as written into the sample.
struct HeaderFacts {
    id: &'static str,
    date: DateTime,
    classification: &'static str,
    origin: &'static str,
    subject: &'static str,
    tags: &'static [&'static str],
    references: &'static [&'static str],
}

/// Id, date, classification, origin, subject, tags and reference ids of a cable.
type Facts<'c> = (
    Option<&'c str>,
    Option<CableDate>,
    Option<String>,
    Option<&'c str>,
    Option<&'c str>,
    Vec<&'c str>,
    Vec<&'c str>,
);

fn header_facts<'c>(cable: &'c Cable<'_>) -> Facts<'c> {
    (
        cable.id.as_deref(),
        cable.date,
        cable.classification.display_name(),
        cable.origin.as_deref(),
        cable.subject.as_deref(),
        cable.tags.iter().map(AsRef::as_ref).collect(),
        cable
            .references
            .iter()
            .filter_map(|r| r.id.as_deref())
            .collect(),
    )
}

fn expect_facts(cable: &Cable<'_>, facts: &HeaderFacts) {
    assert_eq!(
        header_facts(cable),
        (
            Some(facts.id),
            Some(CableDate::Minute(facts.date)),
            Some(facts.classification.to_owned()),
            Some(facts.origin),
            Some(facts.subject),
            facts.tags.to_vec(),
            facts.references.to_vec(),
        )
    );
}

// ---------------------------------------------------------------------------------------
// 10STATE1234.txt (invented): the whole header glued onto the classification line,
// `C O N F I D E N T I A L SECTION 01 OF 03 STATE 001234 SIPDIS E.O. 12958: ... TAGS: ...
// SUBJECT: (C) ... REF: A. ... B. ... Classified By: ...`.

#[test]
fn state_header_glued_onto_one_line() {
    with_sample("10STATE1234.txt", SourceFormat::PlainText, |cable| {
        expect_facts(
            cable,
            &HeaderFacts {
                id: "10STATE1234",
                date: at(2010, 1, 5, 17, 30),
                classification: "CONFIDENTIAL",
                origin: "Secretary of State",
                subject: "DEMARCHE ON REGIONAL ELECTION MONITORING",
                tags: &["PREL", "PGOV", "BR", "VE"],
                references: &["10BRASILIA1502", "10CARACAS2210"],
            },
        );
        assert_eq!(cable.subject_marking.as_deref(), Some("C"));
        assert_eq!(cable.classification.caveats, vec![Caveat::Sipdis]);
        assert_eq!(cable.sections, 3);
        assert_eq!(
            cable
                .executive_order
                .as_ref()
                .map(|o| (o.number, o.declassify.clone())),
            Some((Some(12958), on(2020, 1, 5)))
        );
        assert_eq!(
            classified_by(cable),
            ("WHA/BSC Director Ana Ruiz", Some("1.4 (b) and (d)"))
        );
        assert_eq!(
            cable
                .classified_by
                .as_ref()
                .and_then(|by| by.name.as_deref()),
            Some("Ana Ruiz")
        );
        assert_eq!(cable.preamble, None);
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), Some("U"), U),
                (Some(2), Some("C"), C),
                (Some(3), Some("C"), C)
            ]
        );
        assert_eq!(cable.signature.as_deref(), Some("CLINTON"));
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 04BERLIN321.txt (invented): a cable printed from a mail client: sender, date, `From
// DB/Inbox: Search Results`, `Cable Text:`, the post's CXBERLIN/ACTION/INFO/DISSEMINATION/
// APPROVED/DRAFTED/CLEARED blocks, then the routing header with its `BT` line.

#[test]
fn berlin_printed_from_a_mail_client() {
    with_sample("04BERLIN321.txt", SourceFormat::PlainText, |cable| {
        expect_facts(
            cable,
            &HeaderFacts {
                id: "04BERLIN321",
                date: at(2004, 1, 20, 9, 44),
                classification: "CONFIDENTIAL",
                origin: "Embassy Berlin",
                subject: "COALITION PARTNERS WEIGH EARLY ELECTIONS",
                tags: &["PREL", "PGOV", "GM"],
                references: &[],
            },
        );
        let names = |list: &[cable_reader::cable::Addressee<'_>]| -> Vec<String> {
            list.iter().map(|a| a.name.to_string()).collect()
        };
        assert_eq!(names(&cable.routing.to), ["SECSTATE WASHDC"]);
        assert_eq!(
            names(&cable.routing.info),
            ["EUROPEAN POLITICAL COLLECTIVE"]
        );
        assert_eq!(
            classified_by(cable),
            ("POLOFF JANE M. DOE", Some("1.5 (B) AND (D)"))
        );
        assert_eq!(
            cable
                .classified_by
                .as_ref()
                .and_then(|by| by.name.as_deref()),
            Some("JANE M. DOE")
        );
        assert_eq!(
            shape(cable),
            vec![(Some(1), Some("C"), C), (Some(2), Some("U"), U)]
        );
        assert_eq!(
            cable.passing_instructions,
            Vec::<std::borrow::Cow<'_, str>>::new()
        );
        assert_eq!(cable.signature.as_deref(), Some("COATS"));
        assert_eq!(warnings(cable), Vec::<String>::new());
    });
}

// ---------------------------------------------------------------------------------------
// 76PORTOFSPAIN1234.txt (invented): an old teletype whose PAGE line abbreviates the post
// (`PAGE 01 PORT O 01234 01 OF 02 121530Z`), with the distribution block before the
// date-time group and a second page.

#[test]
fn port_of_spain_teletype_with_abbreviated_page_line() {
    with_sample("76PORTOFSPAIN1234.txt", SourceFormat::PlainText, |cable| {
        expect_facts(
            cable,
            &HeaderFacts {
                id: "76PORTOFSPAIN1234",
                date: at(1976, 3, 12, 15, 30),
                classification: "CONFIDENTIAL",
                origin: "Embassy Port Of Spain",
                subject: "PRIME MINISTER ON CARIBBEAN FISHERIES TALKS",
                tags: &["PFOR", "TD", "VE"],
                references: &["76STATE54321"],
            },
        );
        assert_eq!(cable.sections, 2);
        assert_eq!(
            cable.routing.distribution.first().map(AsRef::as_ref),
            Some("CONFIDENTIAL")
        );
        assert!(cable
            .routing
            .distribution
            .iter()
            .any(|line| line == "PAGE 01       PORT O 01234  01 OF 02  121530Z"));
        assert_eq!(
            shape(cable),
            vec![
                (Some(1), None, None),
                (Some(2), None, None),
                (Some(3), None, None)
            ]
        );
        assert_eq!(
            text(cable, 2),
            "HE ADDED THAT THE GOVERNMENT SEES NO NEED FOR OUTSIDE MEDIATION."
        );
        assert_eq!(cable.signature.as_deref(), Some("SMITH"));
    });
}
