//! Each export format on a hand-built cable, whole outputs compared (read by eye once).

mod common;

use cable_reader::cable::json::{to_json_line, to_json_value};
use cable_reader::cable::Level;
use cable_reader::config::LevelFilter;
use cable_reader::export::{export_to_file, export_to_string, Document, ExportOptions, Format};

fn run_many(format: Format, filter: LevelFilter, copies: usize) -> String {
    let cable = common::cable();
    let docs: Vec<Document<'_, '_>> = (0..copies)
        .map(|_| Document {
            cable: &cable,
            source: common::SOURCE,
        })
        .collect();
    let options = ExportOptions {
        filter,
        ..ExportOptions::new(format)
    };
    export_to_string(&docs, &options)
}

fn run(format: Format, filter: LevelFilter) -> String {
    run_many(format, filter, 1)
}

fn same(got: &str, expected: &str) {
    assert_eq!(
        got, expected,
        "\n--- got ---\n{got}\n--- expected ---\n{expected}"
    );
}

const MARKDOWN: &str = r"# 10MEXICO83 — GOM SECURITY \| STRATEGY \*UPDATE\*

| Field | Value |
| --- | --- |
| Date | 2010-01-29 20:49 UTC |
| Origin | Embassy Mexico |
| Classification | SECRET//NOFORN |
| Tags | PGOV, SNAR, MX |
| References | A. 09 MEXICO 1234; B. 09 STATE 5678 |
| Classified by | Ambassador Carlos Pascual, reasons 1.4 (b) and (d) |
| Declassify | 2020-01-29 (E.O. 12958) |

## 1. (SBU)

SUMMARY: THE GOM HAS MADE PROGRESS. END SUMMARY.

## 2. (S//NF)

**Political Context**

\# NOT A HEADING\
\- NOT A LIST \*OR EMPHASIS\*

\| A \| B \|\
\<script\>alert(1)\</script\> ␛\[31mRED␛\[0m \[LINK\](HTTP://X) C:\\PATH

## 3. (unmarked)

UNMARKED TEXT.

## 4. (C)

WE RECOMMEND:\
1\. FIRST\
2\) SECOND\
\===

PASCUAL
";

#[test]
fn markdown() {
    same(&run(Format::Markdown, LevelFilter::all()), MARKDOWN);
}

#[test]
fn markdown_table_cells_cannot_be_broken() {
    let mut cable = common::cable();
    cable.origin = Some("Embassy | Mexico\n| --- |\n<b>".into());
    let docs = [Document {
        cable: &cable,
        source: "",
    }];
    let out = export_to_string(&docs, &ExportOptions::new(Format::Markdown));
    assert!(
        out.contains("| Origin | Embassy \\| Mexico \\| --- \\| \\<b\\> |\n"),
        "{out}"
    );
    // Every table row still has exactly three unescaped pipes.
    for line in out.lines().filter(|line| line.starts_with("| ")) {
        let unescaped = line
            .char_indices()
            .filter(|(at, c)| *c == '|' && !line[..*at].ends_with('\\'))
            .count();
        assert_eq!(unescaped, 3, "{line}");
    }
}

#[test]
fn markdown_filtered_and_several_cables() {
    let got = run_many(
        Format::Markdown,
        LevelFilter::only(&[Level::Confidential], false),
        2,
    );
    let one = r"# 10MEXICO83 — GOM SECURITY \| STRATEGY \*UPDATE\*

| Field | Value |
| --- | --- |
| Date | 2010-01-29 20:49 UTC |
| Origin | Embassy Mexico |
| Classification | SECRET//NOFORN |
| Tags | PGOV, SNAR, MX |
| References | A. 09 MEXICO 1234; B. 09 STATE 5678 |
| Classified by | Ambassador Carlos Pascual, reasons 1.4 (b) and (d) |
| Declassify | 2020-01-29 (E.O. 12958) |

*Filter C -unmarked: 3 of 4 paragraphs hidden.*

*\[3 paragraphs hidden: unmarked, SBU, S\]*

## 4. (C)

**Political Context**

WE RECOMMEND:\
1\. FIRST\
2\) SECOND\
\===

PASCUAL
";
    same(&got, &format!("{one}\n---\n\n{one}"));
}

const TEXT: &str = "Id:              10MEXICO83
Date:            2010-01-29 20:49 UTC
Origin:          Embassy Mexico
Classification:  SECRET//NOFORN
Subject:         GOM SECURITY | STRATEGY *UPDATE*
Tags:            PGOV, SNAR, MX
References:      A. 09 MEXICO 1234; B. 09 STATE 5678
Classified by:   Ambassador Carlos Pascual, reasons 1.4 (b) and (d)
Declassify:      2020-01-29 (E.O. 12958)

1. (SBU) SUMMARY: THE GOM HAS MADE PROGRESS. END SUMMARY.

Political Context

2. (S//NF) # NOT A HEADING
    - NOT A LIST *OR EMPHASIS*

| A | B |
<script>alert(1)</script> ␛[31mRED␛[0m [LINK](HTTP://X) C:\\PATH

3. UNMARKED TEXT.

4. (C) WE RECOMMEND:
1. FIRST
2) SECOND
===

PASCUAL
";

#[test]
fn text() {
    let got = run(Format::Text, LevelFilter::all());
    same(&got, TEXT);
    assert!(
        !got.contains('\u{1b}'),
        "escape sequences must not reach a terminal"
    );
}

#[test]
fn text_filtered_and_several_cables() {
    let got = run_many(
        Format::Text,
        LevelFilter::at_least(Level::Confidential, false),
        2,
    );
    let one = "[Filter C+ -unmarked: 2 of 4 paragraphs hidden.]

Id:              10MEXICO83
Date:            2010-01-29 20:49 UTC
Origin:          Embassy Mexico
Classification:  SECRET//NOFORN
Subject:         GOM SECURITY | STRATEGY *UPDATE*
Tags:            PGOV, SNAR, MX
References:      A. 09 MEXICO 1234; B. 09 STATE 5678
Classified by:   Ambassador Carlos Pascual, reasons 1.4 (b) and (d)
Declassify:      2020-01-29 (E.O. 12958)

[1 paragraph hidden: SBU]

Political Context

2. (S//NF) # NOT A HEADING
    - NOT A LIST *OR EMPHASIS*

| A | B |
<script>alert(1)</script> ␛[31mRED␛[0m [LINK](HTTP://X) C:\\PATH

[1 paragraph hidden: unmarked]

4. (C) WE RECOMMEND:
1. FIRST
2) SECOND
===

PASCUAL
";
    same(&got, &format!("{one}\n{}\n\n{one}", "=".repeat(72)));
}

#[test]
fn to_a_file() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.md");
    std::fs::write(&path, "old")?;
    let cable = common::cable();
    let docs = [Document {
        cable: &cable,
        source: common::SOURCE,
    }];
    export_to_file(&docs, &ExportOptions::new(Format::Markdown), &path)?;
    same(&std::fs::read_to_string(&path)?, MARKDOWN);
    Ok(())
}

#[test]
fn formats_parse_as_typed() {
    assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
    assert_eq!("JSONL".parse::<Format>(), Ok(Format::Jsonl));
    assert_eq!(
        "pdf".parse::<Format>(),
        Err("unknown format `pdf`, expected one of json, jsonl, markdown, text".to_owned())
    );
}

#[test]
fn jsonl_is_parse_json_of_the_filtered_cables() -> Result<(), Box<dyn std::error::Error>> {
    let cable = common::cable();
    let docs = [
        Document {
            cable: &cable,
            source: common::SOURCE,
        },
        Document {
            cable: &cable,
            source: "second.txt",
        },
    ];
    // Hiding paragraph 1 hides the summary drawn from it too.
    let filter = LevelFilter::at_least(Level::Confidential, true);
    let shown = filter.apply(&cable);
    let numbers: Vec<Option<u32>> = shown.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, vec![Some(2), Some(3), Some(4)]);
    assert_eq!(shown.summary, None);
    let options = ExportOptions {
        filter,
        ..ExportOptions::new(Format::Jsonl)
    };
    same(
        &export_to_string(&docs, &options),
        &format!(
            "{}\n{}\n",
            to_json_line(&shown, common::SOURCE),
            to_json_line(&shown, "second.txt")
        ),
    );
    Ok(())
}

#[test]
fn json_is_an_array_of_the_parse_json_objects() -> Result<(), Box<dyn std::error::Error>> {
    let cable = common::cable();
    let docs = [Document {
        cable: &cable,
        source: common::SOURCE,
    }];
    let options = ExportOptions {
        filter: LevelFilter::only(&[Level::Confidential], false),
        ..ExportOptions::new(Format::Json)
    };
    let got = export_to_string(&docs, &options);
    same(
        &got,
        r#"[
  {
    "source": "cables/10MEXICO83.txt",
    "id": "10MEXICO83",
    "date": "2010-01-29T20:49:00Z",
    "date_precision": "minute",
    "origin": "Embassy Mexico",
    "classification": "SECRET//NOFORN",
    "caveats": [
      "NOFORN"
    ],
    "subject": "GOM SECURITY | STRATEGY *UPDATE*",
    "subject_marking": null,
    "tags": [
      "PGOV",
      "SNAR",
      "MX"
    ],
    "references": [
      "09MEXICO1234",
      "09STATE5678"
    ],
    "classified_by": "Ambassador Carlos Pascual",
    "classified_by_name": "Carlos Pascual",
    "reasons": "1.4 (b) and (d)",
    "declassify_on": "2020-01-29",
    "from": null,
    "to": [],
    "info": [],
    "excluded": [],
    "summary": null,
    "signature": "PASCUAL",
    "sections": 1,
    "preamble": null,
    "paragraphs": [
      {
        "number": 4,
        "marking": "C",
        "level": "C",
        "heading": "Political Context",
        "text": "WE RECOMMEND:\n1. FIRST\n2) SECOND\n===",
        "spans": []
      }
    ],
    "warnings": []
  }
]
"#,
    );
    let parsed: serde_json::Value = serde_json::from_str(&got)?;
    let shown = options.filter.apply(&cable);
    assert_eq!(
        parsed,
        serde_json::Value::Array(vec![to_json_value(&shown, common::SOURCE)])
    );
    Ok(())
}

#[test]
fn the_streamed_json_array_is_what_serde_would_print_whole(
) -> Result<(), Box<dyn std::error::Error>> {
    let cable = common::cable();
    let docs: Vec<Document<'_, '_>> = ["a.txt", "b.txt", "c.txt"]
        .into_iter()
        .map(|source| Document {
            cable: &cable,
            source,
        })
        .collect();
    let options = ExportOptions::new(Format::Json);
    let objects: Vec<serde_json::Value> = docs
        .iter()
        .map(|doc| to_json_value(doc.cable, doc.source))
        .collect();
    let got: serde_json::Value = serde_json::from_str(&export_to_string(&docs, &options))?;
    assert_eq!(got, serde_json::Value::Array(objects));
    same(&export_to_string(&[], &options), "[]\n");
    same(
        &export_to_string(&[], &ExportOptions::new(Format::Markdown)),
        "",
    );
    Ok(())
}

#[test]
fn export_paths_reads_files_and_folders_and_names_what_failed(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("cables");
    std::fs::create_dir(&folder)?;
    let cable = "C O N F I D E N T I A L SECTION 01 OF 01 MEXICO 000083\n\n\
                 SUBJECT: A TEST CABLE\n\n\
                 1. (C) FIRST PARAGRAPH.\n\n\
                 2. (U) SECOND PARAGRAPH.\n";
    std::fs::write(folder.join("10MEXICO83.txt"), cable)?;
    let missing = dir.path().join("missing.txt");
    let options = ExportOptions {
        filter: LevelFilter::only(&[Level::Confidential], false),
        ..ExportOptions::new(Format::Jsonl)
    };
    let mut stdout = Vec::new();
    let report = cable_reader::export::export_paths(
        &[folder.clone(), missing.clone()],
        &options,
        None,
        &mut stdout,
    )?;
    assert_eq!(report.cables, 1);
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0].contains("missing.txt"),
        "{:?}",
        report.problems
    );
    let line: serde_json::Value = serde_json::from_slice(&stdout)?;
    let texts: Vec<&str> = line["paragraphs"]
        .as_array()
        .map(|ps| ps.iter().filter_map(|p| p["text"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts, vec!["FIRST PARAGRAPH."]);
    assert_eq!(
        line["source"].as_str(),
        Some(folder.join("10MEXICO83.txt").to_string_lossy().as_ref())
    );

    // -o FILE: nothing on stdout, the file holds the export.
    let out = dir.path().join("out.md");
    let mut stdout = Vec::new();
    let report = cable_reader::export::export_paths(
        &[folder],
        &ExportOptions::new(Format::Markdown),
        Some(&out),
        &mut stdout,
    )?;
    assert_eq!(
        report,
        cable_reader::export::ExportReport {
            cables: 1,
            problems: vec![],
            notes: vec![],
            skipped: 0,
        }
    );
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&out)?;
    assert!(
        written.contains("## 1. (C)\n\nFIRST PARAGRAPH.\n"),
        "{written}"
    );
    Ok(())
}
