//! Prints the header facts of every corpus cable, one tab-separated line per cable and
//! field, so two commits can be compared with `diff`:
//! `cargo run --example header_facts > before.tsv`.

use std::path::Path;

use cable_reader::cable::{parse_cable, unwrap};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let folders = [
        "wikileaks-html",
        "wikileaks-html-full",
        "text",
        "text-crlf",
        "csv",
        "repost",
    ];
    for folder in folders {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .collect();
        paths.sort();
        for path in paths {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            for (index, source) in unwrap(&bytes).iter().enumerate() {
                let cable = parse_cable(source);
                let key = format!("{folder}/{name}#{index}");
                let refs: Vec<String> = cable
                    .references
                    .iter()
                    .map(|r| r.id.clone().unwrap_or_else(|| format!("[{}]", r.written)))
                    .collect();
                let facts = [
                    ("id", cable.id.clone().unwrap_or_default()),
                    (
                        "date",
                        cable.date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    (
                        "classification",
                        cable.classification.display_name().unwrap_or_default(),
                    ),
                    (
                        "origin",
                        cable.origin.as_deref().unwrap_or_default().to_owned(),
                    ),
                    (
                        "subject",
                        cable.subject.as_deref().unwrap_or_default().to_owned(),
                    ),
                    ("tags", cable.tags.join(" | ")),
                    ("refs", refs.join(" | ")),
                    (
                        "classified_by",
                        cable
                            .classified_by
                            .as_ref()
                            .map(|by| by.by.to_string())
                            .unwrap_or_default(),
                    ),
                ];
                for (field, value) in facts {
                    println!("{key}\t{field}\t{}", value.replace(['\n', '\t'], " "));
                }
            }
        }
    }
}
