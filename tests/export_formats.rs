//! Each export format on a hand-built cable, whole outputs compared (read by eye once).

mod common;

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
    export_to_string(&docs, &options, &common::to_json)
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
| Classified by | Ambassador Carlos Pascual, for reasons 1.4 (b) and (d) |
| Declassify on | 2020-01-29 |

## 1. (SBU)

SUMMARY: THE GOM HAS MADE PROGRESS. END SUMMARY.

## 2. (S//NF)

**Political Context**

\# NOT A HEADING\
\- NOT A LIST \*OR EMPHASIS\*

\| A \| B \|\
\<script\>alert(1)\</script\> \[31mRED\[0m \[LINK\](HTTP://X) C:\\PATH

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
    let out = export_to_string(
        &docs,
        &ExportOptions::new(Format::Markdown),
        &common::to_json,
    );
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
| Classified by | Ambassador Carlos Pascual, for reasons 1.4 (b) and (d) |
| Declassify on | 2020-01-29 |

*Filter C -unmarked: 3 of 4 paragraphs hidden.*

## 4. (C)

WE RECOMMEND:\
1\. FIRST\
2\) SECOND\
\===

PASCUAL
";
    same(&got, &format!("{one}\n---\n\n{one}"));
}

const TEXT: &str = "10MEXICO83 — GOM SECURITY | STRATEGY *UPDATE*
Date:            2010-01-29 20:49 UTC
Origin:          Embassy Mexico
Classification:  SECRET//NOFORN
Tags:            PGOV, SNAR, MX
References:      A. 09 MEXICO 1234; B. 09 STATE 5678
Classified by:   Ambassador Carlos Pascual, for reasons 1.4 (b) and (d)
Declassify on:   2020-01-29

1. (SBU) SUMMARY: THE GOM HAS MADE PROGRESS. END SUMMARY.

Political Context

2. (S//NF) # NOT A HEADING
    - NOT A LIST *OR EMPHASIS*

| A | B |
<script>alert(1)</script> [31mRED[0m [LINK](HTTP://X) C:\\PATH

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
    let one = "10MEXICO83 — GOM SECURITY | STRATEGY *UPDATE*
Date:            2010-01-29 20:49 UTC
Origin:          Embassy Mexico
Classification:  SECRET//NOFORN
Tags:            PGOV, SNAR, MX
References:      A. 09 MEXICO 1234; B. 09 STATE 5678
Classified by:   Ambassador Carlos Pascual, for reasons 1.4 (b) and (d)
Declassify on:   2020-01-29

[Filter C+ -unmarked: 2 of 4 paragraphs hidden.]

Political Context

2. (S//NF) # NOT A HEADING
    - NOT A LIST *OR EMPHASIS*

| A | B |
<script>alert(1)</script> [31mRED[0m [LINK](HTTP://X) C:\\PATH

4. (C) WE RECOMMEND:
1. FIRST
2) SECOND
===

PASCUAL
";
    same(&got, &format!("{one}\n{}\n\n{one}", "=".repeat(72)));
}

#[test]
fn json_is_an_array_of_the_parse_json_objects() {
    same(
        &run(Format::Json, LevelFilter::all()),
        r#"[
  {
    "id": "10MEXICO83",
    "paragraphs": [
      1,
      2,
      3,
      4
    ],
    "source_len": 28,
    "summary": "THE GOM HAS MADE PROGRESS."
  }
]
"#,
    );
}

#[test]
fn jsonl_is_one_object_a_line_filtered() {
    // Hiding paragraph 1 hides the summary drawn from it too.
    same(
        &run_many(
            Format::Jsonl,
            LevelFilter::at_least(Level::Confidential, true),
            2,
        ),
        "{\"id\":\"10MEXICO83\",\"paragraphs\":[2,3,4],\"source_len\":28,\"summary\":null}\n\
         {\"id\":\"10MEXICO83\",\"paragraphs\":[2,3,4],\"source_len\":28,\"summary\":null}\n",
    );
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
    export_to_file(
        &docs,
        &ExportOptions::new(Format::Markdown),
        &common::to_json,
        &path,
    )?;
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
