//! PDFs: every PDF of the corpus through the reader, and PDFs that are no good.
//!
//! No cable of `corpus/pdf` is in any other folder of the corpus (checked by id), so the
//! facts below were read by eye from `pdftotext -layout` (poppler, not this program's
//! reader): the classification line, the `¶N.` numbers, the SUBJECT line, and the routing
//! header of 00DAMASCUS3013, which holds nothing else.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use cable_reader::cable::{read_path, Cable, PdfError, ReadError, SourceFormat};

fn corpus_pdf(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/pdf")
        .join(name)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn only_cable(path: &Path) -> Cable<'static> {
    let mut cables = read_path(path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(cables.len(), 1, "{}", path.display());
    cables.remove(0)
}

/// Id (the file name), classification as WikiLeaks names it (`UNCLAS` with `SENSITIVE`
/// on the next line is its "UNCLASSIFIED//FOR OFFICIAL USE ONLY"), highest `¶N.` (all of 1..=N are
/// there), start of the subject.
const CORPUS: [(&str, &str, u32, &str); 10] = [
    (
        "00ABUDHABI5893",
        "CONFIDENTIAL",
        7,
        "SULTAN BIN ZAYID: \"MUST THE U.S. BE TOUGHER",
    ),
    (
        "00ANKARA8112",
        "SECRET",
        40,
        "TURKEY: 2000 ANNUAL TERRORISM REPORT",
    ),
    (
        "00ATHENS1501",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        1,
        "GREEK RESPONSE ON URGENT SUPPORT",
    ),
    (
        "00ATHENS1917",
        "CONFIDENTIAL",
        5,
        "ENGAGING GREECE ON THE BALKANS",
    ),
    (
        "00ATHENS1937",
        "CONFIDENTIAL",
        4,
        "PRESS SUPPLEMENT ON THE 25-YEAR HISTORY",
    ),
    (
        "00BANDARSERIBEGAWAN695",
        "UNCLASSIFIED",
        2,
        "SULTAN OF BRUNEI'S LETTER TO PRESIDENT",
    ),
    (
        "00DAMASCUS2976",
        "CONFIDENTIAL",
        3,
        "ASAD SITREP 01: PRESIDENT ASAD HAS DIED;",
    ),
    (
        "00DAMASCUS2985",
        "CONFIDENTIAL",
        3,
        "ASAD SITREP 03: BASHAR PROMOTED TO COMMANDER-",
    ),
    (
        "00GABORONE5265",
        "CONFIDENTIAL",
        7,
        "BREAKTHROUGH FOR SADC ON REFORMING POLITICAL",
    ),
    (
        "00HANOI686",
        "CONFIDENTIAL",
        27,
        "VIETNAM IDEOLOGICALLY COMMITTED TO STATE-LED",
    ),
];

/// What PDF syntax looks like, should any leak into the text.
const PDF_SYNTAX: [&str; 8] = [
    " obj", "endobj", "stream", "/Type", "/Font", "<<", "%PDF", "xref",
];

fn assert_no_pdf_syntax(id: &str, text: &str) {
    for syntax in PDF_SYNTAX {
        assert!(!text.contains(syntax), "{id}: `{syntax}` in {text:?}");
    }
}

#[test]
fn every_corpus_pdf_gives_its_id_classification_subject_and_paragraphs() {
    for (id, level, last, subject) in CORPUS {
        let cable = only_cable(&corpus_pdf(&format!("{id}.pdf")));
        assert_eq!(cable.id.as_deref(), Some(id));
        assert_eq!(
            cable.classification.display_name().as_deref(),
            Some(level),
            "{id}"
        );
        let subject_found = cable.subject.as_deref().unwrap_or_default();
        assert!(subject_found.starts_with(subject), "{id}: {subject_found}");
        let numbers: Vec<u32> = cable.paragraphs.iter().filter_map(|p| p.number).collect();
        assert_eq!(numbers, (1..=last).collect::<Vec<_>>(), "{id}");
        for paragraph in &cable.paragraphs {
            assert_no_pdf_syntax(id, &paragraph.text);
            assert!(!paragraph.text.trim().is_empty(), "{id}: empty paragraph");
        }
        assert_no_pdf_syntax(id, cable.preamble.as_deref().unwrap_or_default());
    }
}

/// Files of the other folders that hold the cable `id` (named by it, as the corpus names
/// every file).
fn other_formats(id: &str) -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut found = Vec::new();
    for folder in std::fs::read_dir(&corpus).expect("corpus").flatten() {
        if !folder.path().is_dir() || folder.file_name() == "pdf" {
            continue;
        }
        for file in std::fs::read_dir(folder.path()).expect("folder").flatten() {
            let path = file.path();
            if path.file_stem().is_some_and(|stem| stem == id) {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn a_pdf_agrees_with_the_same_cable_in_other_formats() {
    // Today no cable of corpus/pdf is in another folder, so the facts above stand in; the
    // day one is added, it is compared here.
    for (id, ..) in CORPUS {
        let pdf = only_cable(&corpus_pdf(&format!("{id}.pdf")));
        for other in other_formats(id) {
            let theirs = only_cable(&other);
            assert_eq!(pdf.id, theirs.id, "{}", other.display());
            assert_eq!(
                pdf.classification,
                theirs.classification,
                "{}",
                other.display()
            );
            let numbers = |cable: &Cable<'_>| -> Vec<u32> {
                cable.paragraphs.iter().filter_map(|p| p.number).collect()
            };
            assert_eq!(numbers(&pdf), numbers(&theirs), "{}", other.display());
        }
    }
}

#[test]
fn ids_come_from_the_text_where_it_gives_one() {
    // The classification line and the date give the id: no warning about the file name.
    let cable = only_cable(&corpus_pdf("00ABUDHABI5893.pdf"));
    assert!(
        !cable
            .warnings
            .iter()
            .any(|w| w.message.contains("file's name")),
        "{:?}",
        cable.warnings
    );
    // 00HANOI686's text dates itself only as `050821Z` (no month, no year): the id is the
    // file's name, and a warning says so.
    let cable = only_cable(&corpus_pdf("00HANOI686.pdf"));
    assert!(cable
        .warnings
        .iter()
        .any(|w| w.message
            == "the text gives no reference id: 00HANOI686 is taken from the file's name"));
}

#[test]
fn a_pdf_holding_only_the_routing_header_gives_id_date_and_addressees() {
    let cable = only_cable(&corpus_pdf("00DAMASCUS3013.pdf"));
    assert_eq!(cable.id.as_deref(), Some("00DAMASCUS3013"));
    // O 131830Z JUN 00
    let date = cable.date.expect("a date").earliest();
    assert_eq!(
        (date.year, date.month, date.day, date.hour, date.minute),
        (2000, 6, 13, 18, 30)
    );
    let names = |addressees: &[cable_reader::cable::Addressee<'_>]| -> Vec<String> {
        addressees.iter().map(|a| a.name.to_string()).collect()
    };
    let from = cable.routing.from.as_ref().map(|a| a.name.to_string());
    assert_eq!(from.as_deref(), Some("AMEMBASSY DAMASCUS"));
    assert_eq!(names(&cable.routing.to), ["SECSTATE WASHDC"]);
    assert_eq!(
        names(&cable.routing.info),
        [
            "ARAB ISRAELI COLLECTIVE",
            "AMEMBASSY NICOSIA",
            "AMEMBASSY ANKARA"
        ]
    );
    assert!(cable.paragraphs.is_empty());
}

#[test]
fn the_partial_extract_notice_is_taken_out_of_the_text() {
    let cable = only_cable(&corpus_pdf("00HANOI686.pdf"));
    assert!(cable.warnings.iter().any(|w| w
        .message
        .starts_with("WikiLeaks has only a partial extract")));
    for paragraph in &cable.paragraphs {
        assert!(!paragraph.text.contains("partial extract"));
    }
}

#[test]
fn folders_include_pdfs_known_by_content_not_name() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    let files = cable_reader::corpus::walk::expand_paths(&[folder]).files;
    assert_eq!(files.len(), 11);
    // A PDF under another name is still read as one.
    let dir = tempfile::tempdir().expect("temp dir");
    let renamed = dir.path().join("00ATHENS1917.txt");
    std::fs::copy(corpus_pdf("00ATHENS1917.pdf"), &renamed).expect("copy");
    let cable = only_cable(&renamed);
    assert_eq!(cable.id.as_deref(), Some("00ATHENS1917"));
    let source = std::fs::read(&renamed).expect("read");
    let formats: Vec<SourceFormat> = cable_reader::cable::unwrap(&source)
        .iter()
        .map(|source| source.format)
        .collect();
    assert_eq!(formats, [SourceFormat::Pdf]);
}

#[test]
fn an_encrypted_pdf_is_a_clear_message_naming_it() {
    // Made with `qpdf --encrypt secret owner 256` from 00DAMASCUS3013.pdf.
    let path = fixture("encrypted.pdf");
    let error = read_path(&path).expect_err("encrypted");
    assert!(matches!(
        error,
        ReadError::Pdf {
            source: PdfError::Encrypted,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the PDF is encrypted; decrypt it first (e.g. `qpdf --decrypt`)",
            path.display()
        )
    );
    // The same with an empty user password (`qpdf --encrypt "" owner 256`) opens.
    let cable = only_cable(&fixture("empty-password.pdf"));
    // Its text gives no id and its name is none.
    assert_eq!(cable.id, None);
    assert_eq!(
        cable.routing.from.map(|a| a.name.into_owned()).as_deref(),
        Some("AMEMBASSY DAMASCUS")
    );
}

/// Reads a file on another thread and gives up after a while, so a hang fails the test
/// rather than stalling the suite.
fn read_in_time(path: &Path) -> Result<Vec<Cable<'static>>, ReadError> {
    let (sender, receiver) = mpsc::channel();
    let owned = path.to_owned();
    std::thread::spawn(move || {
        let _ = sender.send(read_path(&owned));
    });
    receiver
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{} took too long or panicked", path.display()))
}

#[test]
fn truncated_and_garbled_pdfs_are_messages_naming_them_never_panics_or_hangs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut damaged_messages = 0;
    for name in ["00DAMASCUS3013.pdf", "00ATHENS1501.pdf", "00HANOI686.pdf"] {
        let bytes = std::fs::read(corpus_pdf(name)).expect("corpus");
        let mut copies: Vec<(String, Vec<u8>)> = Vec::new();
        for tenth in 1..10 {
            let end = bytes.len() * tenth / 10;
            copies.push((format!("cut-{tenth}-{name}"), bytes[..end].to_vec()));
        }
        // Garbled: runs of bytes overwritten at places spread through the file.
        for seed in 1..=12usize {
            let mut garbled = bytes.clone();
            let at = bytes.len() * seed / 13;
            for (offset, byte) in garbled.iter_mut().skip(at).take(64).enumerate() {
                *byte = (offset * 37 + seed * 11) as u8;
            }
            copies.push((format!("garbled-{seed}-{name}"), garbled));
        }
        for (file, copy) in copies {
            let path = dir.path().join(&file);
            std::fs::write(&path, copy).expect("write");
            match read_in_time(&path) {
                Ok(cables) => {
                    for cable in &cables {
                        for paragraph in &cable.paragraphs {
                            assert_no_pdf_syntax(&file, &paragraph.text);
                        }
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(
                        message.starts_with(&path.display().to_string()),
                        "{message}"
                    );
                    assert!(!message.chars().any(char::is_control), "{message:?}");
                    if matches!(error, ReadError::Pdf { .. }) {
                        damaged_messages += 1;
                    }
                }
            }
        }
    }
    // Cutting a PDF short loses its cross-reference table: most copies must fail cleanly.
    assert!(damaged_messages >= 20, "{damaged_messages}");
}

/// A PDF written by hand: Courier text at the given places, one content stream per page.
fn hand_made_pdf(pages: &[Vec<(f64, f64, &str)>]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 4 + 2 * i).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    );
    for (page, id) in pages.iter().zip(&page_ids) {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            id + 1
        ));
        let mut content = String::new();
        for (x, y, text) in page {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            content.push_str(&format!("BT /F1 10 Tf {x} {y} Td ({escaped}) Tj ET\n"));
        }
        if page.is_empty() {
            content.push_str("0 0 m 100 100 l S\n");
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    pdf_from_objects(&objects)
}

/// A PDF of these objects (numbered from 1, the first the catalog), with a correct
/// cross-reference table.
fn pdf_from_objects(objects: &[String]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

fn stream(dictionary: &str, content: &str) -> String {
    format!(
        "<< {dictionary} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// Loops that would hang pdf-extract or overflow its stack (the process would abort: no
/// `catch_unwind` helps), and forms that would take too long to draw, are refused first.
#[test]
fn loops_and_runaway_drawings_are_damaged_pdfs_not_hangs_or_aborts() {
    let catalog = "<< /Type /Catalog /Pages 2 0 R >>".to_owned();
    let font = "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Courier >> >>";
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "parent-loop",
            vec![
                catalog.clone(),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>".to_owned(),
                format!("<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"),
                stream("", "BT /F1 10 Tf (x) Tj ET"),
            ],
            "the page tree loops",
        ),
        (
            "form-draws-itself",
            vec![
                catalog.clone(),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /XObject << /X1 4 0 R >> >> /Contents 5 0 R >>"
                    .to_owned(),
                stream(
                    "/Type /XObject /Subtype /Form /BBox [0 0 9 9] \
                     /Resources << /XObject << /X1 4 0 R >> >>",
                    "/X1 Do",
                ),
                stream("", "/X1 Do"),
            ],
            "draws itself",
        ),
        (
            // No resources of its own: it draws with the page's, which name it.
            "form-inherits-itself",
            vec![
                catalog.clone(),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /XObject << /X1 4 0 R >> >> /Contents 5 0 R >>"
                    .to_owned(),
                stream("/Type /XObject /Subtype /Form /BBox [0 0 9 9]", "/X1 Do"),
                stream("", "/X1 Do"),
            ],
            "draws itself",
        ),
        (
            // Ten forms deep, each drawing the next twenty times: 20^10 drawings.
            "wide-and-deep",
            {
                let mut objects = vec![
                    catalog.clone(),
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
                    format!(
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                         /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>"
                    ),
                    stream("", "/X Do"),
                ];
                for level in 0..10 {
                    let next = 6 + level;
                    objects.push(stream(
                        &format!(
                            "/Type /XObject /Subtype /Form /BBox [0 0 9 9] {font} \
                             /XObject << /X {next} 0 R >> >>"
                        ),
                        &"/X Do ".repeat(20),
                    ));
                }
                objects.push(stream(
                    "/Type /XObject /Subtype /Form /BBox [0 0 9 9]",
                    "0 0 m 1 1 l S",
                ));
                objects
            },
            "more than 100000 drawings",
        ),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, objects, expected) in cases {
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, pdf_from_objects(&objects)).expect("write");
        let error = read_in_time(&path).expect_err(name);
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}: the PDF is damaged: ", path.display())),
            "{name}: {message}"
        );
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn a_pdf_without_text_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scan.pdf");
    std::fs::write(&path, hand_made_pdf(&[vec![]])).expect("write");
    let error = read_path(&path).expect_err("no text");
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the PDF holds no text (a scan or images only?)",
            path.display()
        )
    );
}

#[test]
fn running_heads_and_page_numbers_go_and_lines_come_back_in_reading_order() {
    // Two pages, each with a running head, a page number at the foot, and its lines drawn
    // bottom first; the second paragraph runs over the page break.
    let line = 12.0;
    let top = 740.0;
    let page = |number: &'static str, body: &[&'static str]| -> Vec<(f64, f64, &'static str)> {
        let mut drawn = vec![
            (72.0, 770.0, "10LIMA157 - UNCLASSIFIED"),
            (300.0, 30.0, number),
        ];
        for (row, text) in body.iter().enumerate().rev() {
            drawn.push((72.0, top - line * row as f64, *text));
        }
        drawn
    };
    let pdf = hand_made_pdf(&[
        page(
            "1",
            &[
                "UNCLAS LIMA 000157",
                "",
                "SUBJECT: PERU: A TEST OF PAGE FURNITURE",
                "",
                "1. FIRST PARAGRAPH.",
                "",
                "2. SECOND PARAGRAPH STARTS HERE",
            ],
        ),
        page("2", &["AND ENDS ON THE NEXT PAGE.", "", "3. THIRD."]),
    ]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("made.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let expected = "UNCLAS LIMA 000157\n\nSUBJECT: PERU: A TEST OF PAGE FURNITURE\n\n\
         1. FIRST PARAGRAPH.\n\n2. SECOND PARAGRAPH STARTS HERE\nAND ENDS ON THE NEXT PAGE.\n\
         \n3. THIRD.\n";
    let text = cable_reader::cable::wrapper::pdf::extract_text(&pdf).expect("text");
    assert_eq!(text, expected);
    // The same grammar as for that text in a text file.
    let cable = only_cable(&path);
    let plain = cable_reader::cable::parse_text(expected, SourceFormat::PlainText);
    assert_eq!(cable.paragraphs, plain.paragraphs);
    assert_eq!(cable.paragraphs.len(), 3);
    assert_eq!(
        cable.subject.as_deref(),
        Some("PERU: A TEST OF PAGE FURNITURE")
    );
}
