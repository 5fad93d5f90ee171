//! A hand-built cable with every header fact and text that tries to become markup.

use std::borrow::Cow;

use cable_reader::cable::{
    Cable, CableDate, Caveat, Classification, ClassifiedBy, Date, DateTime, Declassify,
    ExecutiveOrder, Level, MarkedSpan, Paragraph, Reference, SpanKind,
};

fn paragraph(
    number: Option<u32>,
    marking: Option<&'static str>,
    level: Option<Level>,
    text: &'static str,
) -> Paragraph<'static> {
    Paragraph {
        number,
        marking: marking.map(Cow::Borrowed),
        level,
        text: Cow::Borrowed(text),
        heading: None,
        spans: Vec::new(),
        span: 0..0,
    }
}

pub fn cable() -> Cable<'static> {
    let mut summary = paragraph(
        Some(1),
        Some("SBU"),
        Some(Level::SensitiveButUnclassified),
        "SUMMARY: THE GOM HAS MADE PROGRESS. END SUMMARY.",
    );
    summary.spans.push(MarkedSpan {
        kind: SpanKind::Summary,
        range: 0..48,
        closed: true,
    });
    let mut secret = paragraph(
        Some(2),
        Some("S//NF"),
        Some(Level::Secret),
        "# NOT A HEADING\n    - NOT A LIST *OR EMPHASIS*\n\n| A | B |\n<script>alert(1)</script> \u{1b}[31mRED\u{1b}[0m [LINK](HTTP://X) C:\\PATH",
    );
    secret.heading = Some(Cow::Borrowed("Political Context"));
    Cable {
        id: Some("10MEXICO83".to_owned()),
        date: Some(CableDate::Minute(DateTime {
            year: 2010,
            month: 1,
            day: 29,
            hour: 20,
            minute: 49,
        })),
        origin: Some(Cow::Borrowed("Embassy Mexico")),
        classification: Classification {
            level: Some(Level::Secret),
            caveats: vec![Caveat::Noforn],
        },
        executive_order: Some(ExecutiveOrder {
            number: Some(12958),
            declassify: Some(Declassify::On(Date {
                year: 2020,
                month: 1,
                day: 29,
            })),
        }),
        tags: vec![
            Cow::Borrowed("PGOV"),
            Cow::Borrowed("SNAR"),
            Cow::Borrowed("MX"),
        ],
        subject: Some(Cow::Borrowed("GOM SECURITY | STRATEGY *UPDATE*")),
        references: vec![
            Reference {
                letter: Some('A'),
                written: Cow::Borrowed("09 MEXICO 1234"),
                id: Some("09MEXICO1234".to_owned()),
            },
            Reference {
                letter: Some('B'),
                written: Cow::Borrowed("09 STATE 5678"),
                id: Some("09STATE5678".to_owned()),
            },
        ],
        classified_by: Some(ClassifiedBy {
            by: Cow::Borrowed("Ambassador Carlos Pascual"),
            reasons: Some(Cow::Borrowed("1.4 (b) and (d)")),
            name: Some(Cow::Borrowed("Carlos Pascual")),
        }),
        sections: 1,
        paragraphs: vec![
            summary,
            secret,
            paragraph(Some(3), None, None, "UNMARKED TEXT."),
            paragraph(
                Some(4),
                Some("C"),
                Some(Level::Confidential),
                "WE RECOMMEND:\n1. FIRST\n2) SECOND\n===",
            ),
        ],
        summary: Some(Cow::Borrowed("THE GOM HAS MADE PROGRESS.")),
        signature: Some(Cow::Borrowed("PASCUAL")),
        ..Cable::default()
    }
}

pub const SOURCE: &str = "cables/10MEXICO83.txt";
