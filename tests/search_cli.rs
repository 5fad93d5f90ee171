//! `search` and `links` run as a user runs them, on ../shared/corpus/wikileaks-html; the
//! truth is the pages themselves (their REF lines and metadata tables).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wikileaks-html")
}

fn run(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .arg(pages())
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn madrid_210_cites_madrid_208() {
    // The page of 07MADRID210 names its reference; 07MADRID208's page is in the folder.
    let page = std::fs::read_to_string(pages().join("07MADRID210.html")).expect("page");
    assert!(page.contains("REF: MADRID 208"));
    let cited = std::fs::read_to_string(pages().join("07MADRID208.html")).expect("page");
    assert!(cited.contains("ZAPATERO'S DECISION ON AFGHANISTAN FIRM"));

    let cache = tempfile::tempdir().expect("temp dir");
    let output = run(cache.path(), &["links", "07madrid210"]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"07MADRID210 references 1:"));
    assert!(
        lines
            .get(1)
            .is_some_and(|line| line.starts_with("  07MADRID208\tfound\t")
                && line.ends_with("ZAPATERO'S DECISION ON AFGHANISTAN FIRM")),
        "{text}"
    );

    let output = run(cache.path(), &["links", "--json", "07MADRID208"]);
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let cited_by: Vec<&str> = json["cited_by"]
        .as_array()
        .expect("cited_by")
        .iter()
        .filter_map(|cable| cable["id"].as_str())
        .collect();
    assert!(cited_by.contains(&"07MADRID210"), "{json}");

    let output = run(cache.path(), &["links", "99NOWHERE1"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn search_prints_hits_best_first_and_exits_like_grep() {
    let cache = tempfile::tempdir().expect("temp dir");
    let output = run(
        cache.path(),
        &["search", "--json", "-n", "3", "zapatero afghanistan"],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let hits: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert!(!hits.is_empty() && hits.len() <= 3, "{text}");
    let ids: Vec<&str> = hits.iter().filter_map(|hit| hit["id"].as_str()).collect();
    assert!(ids.contains(&"07MADRID208"), "{text}");
    for hit in &hits {
        let keys: Vec<&String> = hit.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            [
                "classification",
                "date",
                "id",
                "origin",
                "score",
                "snippet",
                "subject"
            ]
        );
    }
    let scores: Vec<f64> = hits
        .iter()
        .filter_map(|hit| hit["score"].as_f64())
        .collect();
    assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]));

    // 07MADRID208's page: date-time group `O 071438Z FEB 07` (the table's "created" says
    // 14:02; the model takes the date-time group), CONFIDENTIAL with a NOFORN line under
    // the classification line, from AMEMBASSY MADRID.
    let output = run(
        cache.path(),
        &["search", "\"decision on afghanistan firm\""],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let fields: Vec<&str> = text
        .lines()
        .next()
        .unwrap_or_default()
        .split('\t')
        .collect();
    assert_eq!(
        fields.get(..5),
        Some(
            &[
                "07MADRID208",
                "2007-02-07 14:38Z",
                "CONFIDENTIAL//NOFORN",
                "Embassy Madrid",
                "SPAIN: ZAPATERO'S DECISION ON AFGHANISTAN FIRM"
            ][..]
        ),
        "{text}"
    );

    let output = run(cache.path(), &["search", "qqqnosuchwordqqq"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());

    let output = run(cache.path(), &["search", "\"unclosed"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("column 1: this quote is never closed")
    );
}

#[test]
fn without_all_the_best_twenty() {
    let cache = tempfile::tempdir().expect("temp dir");
    let output = run(cache.path(), &["search", "embassy"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output).lines().count(), 20);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("20 of "), "{stderr}");
    let all = run(cache.path(), &["search", "--all", "embassy"]);
    assert!(stdout(&all).lines().count() > 20);
}

#[test]
fn limit_terms_narrow_the_hits() {
    let cache = tempfile::tempdir().expect("temp dir");
    let ids = |args: &[&str]| -> Vec<String> {
        let output = run(cache.path(), args);
        let mut ids: Vec<String> = stdout(&output)
            .lines()
            .filter_map(|line| line.split('\t').next().map(str::to_owned))
            .collect();
        ids.sort();
        ids
    };
    // File names are the ids: Madrid's cables are the pages named *MADRID*.
    let madrid: Vec<String> = ids(&["search", "--all", "afghanistan"])
        .into_iter()
        .filter(|id| id.contains("MADRID"))
        .collect();
    assert!(madrid.len() >= 3, "{madrid:?}");
    assert_eq!(ids(&["search", "--all", "afghanistan ~o Madrid"]), madrid);
    assert_eq!(
        ids(&["search", "--all", "--limit", "~o Madrid", "afghanistan"]),
        madrid
    );
    let output = run(cache.path(), &["search", "--limit", "~c", "afghanistan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("limit `~c`: column"));
}
