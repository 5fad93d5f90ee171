//! What a PDF prints on its pages besides the cable: page numbers and running heads.

/// Drops what the PDF printed on every page rather than the cable: a page number alone
/// on the first or last line of a page, and a first or last line that repeats on every
/// page (digits aside: "Page 2 of 3"), which is a running head or foot. Needs two pages
/// to tell a running head from text.
pub(super) fn without_furniture(mut pages: Vec<Vec<String>>) -> Vec<Vec<String>> {
    fn first(page: &[String]) -> Option<usize> {
        page.iter().position(|line| !line.trim().is_empty())
    }
    fn last(page: &[String]) -> Option<usize> {
        page.iter().rposition(|line| !line.trim().is_empty())
    }
    let repeated = |pick: fn(&[String]) -> Option<usize>| -> Option<String> {
        let mut keys = pages.iter().map(|page| {
            pick(page)
                .and_then(|at| page.get(at))
                .map(|line| digits_blanked(line))
        });
        let first = keys.next()??;
        (pages.len() >= 2 && keys.all(|key| key.as_deref() == Some(first.as_str())))
            .then_some(first)
    };
    let head = repeated(first);
    let foot = repeated(last);
    for page in &mut pages {
        for (pick, running) in [
            (first as fn(&[String]) -> Option<usize>, &head),
            (last, &foot),
        ] {
            let Some(at) = pick(page) else { continue };
            let furniture = page.get(at).is_some_and(|line| {
                is_page_number(line) || running.as_deref() == Some(digits_blanked(line).as_str())
            });
            if furniture {
                page.remove(at);
            }
        }
        // The blank lines a page starts or ends with are the margin, not the text's.
        while page.last().is_some_and(|line| line.trim().is_empty()) {
            page.pop();
        }
        let leading = first(page).unwrap_or(page.len());
        page.drain(..leading);
    }
    pages
}

/// The line with its digits replaced by `#` and its spaces trimmed, to compare running
/// heads that carry a page number.
fn digits_blanked(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// A line that is only a page number as printers write them: "3", "- 3 -", "3/7",
/// "3 of 7", "Page 3", "Page 3 of 7".
fn is_page_number(line: &str) -> bool {
    let line = line.trim();
    let line = line
        .strip_prefix("Page ")
        .or_else(|| line.strip_prefix("page "))
        .unwrap_or(line);
    let words: Vec<&str> = line
        .split([' ', '/'])
        .filter(|word| !word.is_empty() && *word != "-")
        .collect();
    let number = |word: &&str| word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [one] => number(one),
        [one, two] => number(one) && number(two) && line.contains('/'),
        [one, "of", two] => number(one) && number(two),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| (*line).to_owned()).collect()
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped() {
        let pages = vec![
            lines(&[
                "",
                "2000HANOI00686 - CONFIDENTIAL",
                "FM AMEMBASSY HANOI",
                "",
                "1",
            ]),
            lines(&[
                "2000HANOI00686 - CONFIDENTIAL",
                "1. (C) TEXT",
                "",
                "2. TEXT",
                "Page 2 of 3",
            ]),
            lines(&["2000HANOI00686 - CONFIDENTIAL", "PETERSON", "- 3 -"]),
        ];
        assert_eq!(
            without_furniture(pages),
            vec![
                lines(&["FM AMEMBASSY HANOI"]),
                lines(&["1. (C) TEXT", "", "2. TEXT"]),
                lines(&["PETERSON"]),
            ]
        );
    }

    #[test]
    fn one_page_keeps_its_first_and_last_lines_unless_page_numbers() {
        let pages = vec![lines(&["UNCLASSIFIED", "1. TEXT.", "UNCLASSIFIED"])];
        assert_eq!(without_furniture(pages.clone()), pages);
        // A cable line that only repeats on some pages is text.
        let pages = vec![lines(&["CONFIDENTIAL", "A"]), lines(&["B", "CONFIDENTIAL"])];
        assert_eq!(without_furniture(pages.clone()), pages);
    }

    #[test]
    fn page_number_shapes() {
        for yes in [
            "3",
            "- 3 -",
            "3/7",
            "3 / 7",
            "3 of 7",
            "Page 3",
            "Page 3 of 7",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "3 7",
            "¶3.",
            "000686",
            "PAGE 02 HANOI 00686",
            "1. (C) TEXT",
            "",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
