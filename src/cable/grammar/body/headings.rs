//! Headings above paragraphs: a short line on its own (`Civair`), or boxed by dashed rules
//! above, below or both (`-----` / `Saleh Promises No New MANPADS...` / `-----`), at the
//! end of the lines before a paragraph opens.

use std::borrow::Cow;

use super::super::lines::ends_sentence;

/// A dashed rule, gaps allowed (`--------------------------------------------- --`).
pub fn is_rule(text: &str) -> bool {
    let text = bare(text);
    text.len() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | ' ' | '—'))
}

/// A line without surrounding spaces and without the ` \` that cables.csv rows end lines
/// with (WikiLeaks shows some such rows as they are).
fn bare(text: &str) -> &str {
    text.trim().trim_end_matches('\\').trim_end()
}

/// A short line without sentence punctuation at its end.
pub fn looks_like_heading(text: &str) -> bool {
    // The cheap tests first: most lines asked about are the end of a sentence.
    !text.ends_with(['.', ',', ';'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c.is_ascii_digit() || c == '-')
        && !text.starts_with("--")
        && is_short(text)
        && !closes_a_span(text)
}

/// `END SUMMARY` or `End of Comment` on a line of its own ends the text before it
/// (72TEHRAN4789): it is no heading over the paragraph after it.
fn closes_a_span(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| word.trim_end_matches(['.', ':', ')']).to_ascii_lowercase())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["end", "summary" | "comment"] | ["end", "of", "summary" | "comment"]
    )
}

/// One to twelve words in at most 90 characters: a rule box may hold any punctuation.
fn is_short(text: &str) -> bool {
    if text.len() > 4 * MAX_HEADING_CHARS {
        return false;
    }
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().count() <= MAX_HEADING_CHARS
        && text.chars().any(char::is_alphanumeric)
}

/// The longest heading, in characters.
const MAX_HEADING_CHARS: usize = 90;

/// The longest heading a rule box holds, in lines (`Kennedy Recommendation 10 - Vehicle
/// Identification Numbering` / `System`).
const MAX_BOXED_LINES: usize = 3;

/// The heading that ends `lines`: the index of its first line (a rule above it, or the
/// heading itself) and its text. Lines before `keep` are never part of it (a paragraph's own
/// opening line). Without a rule, the line before the heading must end a sentence, so the
/// last words of a wrapped sentence are not taken for one.
pub fn trailing_heading<'a>(lines: &[&'a str], keep: usize) -> Option<(usize, Cow<'a, str>)> {
    trailing_heading_where(lines, keep, false)
}

/// The heading that ends `lines` only when a rule marks it: in text before the first
/// paragraph, header lines (`REASON: 1.4 (b), (d)`) have the shape of a heading.
pub fn ruled_trailing_heading<'a>(lines: &[&'a str]) -> Option<(usize, Cow<'a, str>)> {
    trailing_heading_where(lines, 0, true)
}

fn trailing_heading_where<'a>(
    lines: &[&'a str],
    keep: usize,
    needs_rule: bool,
) -> Option<(usize, Cow<'a, str>)> {
    let mut end = lines.len();
    let below = end > keep && lines.get(end - 1).is_some_and(|line| is_rule(line));
    if below {
        end -= 1;
        if let Some(boxed) = boxed_heading(lines, keep, end) {
            return Some(boxed);
        }
    }
    let heading_at = end.checked_sub(1).filter(|at| *at >= keep)?;
    let heading = bare(lines.get(heading_at)?);
    if let Some(inside) = boxed_on_its_line(heading) {
        return Some((heading_at, Cow::Borrowed(inside)));
    }
    let above = heading_at > keep && lines.get(heading_at - 1).is_some_and(|line| is_rule(line));
    let start = if above { heading_at - 1 } else { heading_at };
    let after_a_sentence = start
        .checked_sub(1)
        .and_then(|at| lines.get(at))
        .is_none_or(|line| ends_sentence(bare(line)) || is_rule(line));
    let marked = above || below || (after_a_sentence && !needs_rule);
    (looks_like_heading(heading) && marked).then_some((start, Cow::Borrowed(heading)))
}

/// `-------------- Know Thy Enemy --------------`: a heading with its rules on its line.
fn boxed_on_its_line(line: &str) -> Option<&str> {
    let inside = line.strip_prefix("---")?.strip_suffix("---")?;
    let inside = inside.trim_matches('-').trim();
    is_short(inside).then_some(inside)
}

/// Lines of a heading between two rules, the lower rule at `end`: one line of any
/// punctuation, or up to three short lines read as one.
fn boxed_heading<'a>(lines: &[&'a str], keep: usize, end: usize) -> Option<(usize, Cow<'a, str>)> {
    let rule = (1..=MAX_BOXED_LINES)
        .filter_map(|count| end.checked_sub(count + 1))
        .take_while(|at| *at >= keep)
        .find(|at| lines.get(*at).is_some_and(|line| is_rule(line)))?;
    let inside: Vec<&str> = lines
        .get(rule + 1..end)?
        .iter()
        .map(|line| bare(line))
        .collect();
    let words: usize = inside
        .iter()
        .map(|line| line.split_whitespace().count())
        .sum();
    let fits = !inside.is_empty() && words <= 16 && inside.iter().all(|line| is_short(line));
    if !fits {
        return None;
    }
    let heading = match inside.as_slice() {
        [only] => Cow::Borrowed(*only),
        _ => Cow::Owned(inside.join(" ")),
    };
    Some((rule, heading))
}

/// The heading a whole run of lines stands for, if it is nothing else.
pub fn whole_heading<'a>(lines: &[&'a str]) -> Option<Cow<'a, str>> {
    trailing_heading(lines, 0)
        .filter(|(start, _)| *start == 0)
        .map(|(_, heading)| heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn borrowed(at: usize, heading: &str) -> Option<(usize, Cow<'_, str>)> {
        Some((at, Cow::Borrowed(heading)))
    }

    #[test]
    fn rules_with_gaps() {
        assert!(is_rule("--------------------------------------------- --"));
        assert!(is_rule("------ "));
        assert!(!is_rule("--"));
        assert!(!is_rule("-- first item"));
    }

    #[test]
    fn heading_under_a_sentence_over_a_rule() {
        let lines = ["the latter's call. End summary.", "Civair", "------ "];
        assert_eq!(trailing_heading(&lines, 1), borrowed(1, "Civair"));
    }

    #[test]
    fn boxed_heading_may_end_in_punctuation() {
        let lines = [
            "stocks.",
            "--------------------------------",
            "Saleh Promises No New MANPADS...",
            "--------------------------------",
        ];
        assert_eq!(
            trailing_heading(&lines, 1),
            borrowed(1, "Saleh Promises No New MANPADS...")
        );
        assert_eq!(
            whole_heading(&lines[1..]).as_deref(),
            Some("Saleh Promises No New MANPADS...")
        );
        // Unboxed, the same line reads as a sentence.
        assert_eq!(
            trailing_heading(&["stocks.", "Saleh Promises No New MANPADS..."], 1),
            None
        );
    }

    #[test]
    fn heading_with_its_rules_on_its_own_line() {
        let lines = [
            "End Summary.",
            "-------------- Know Thy Enemy --------------",
        ];
        assert_eq!(trailing_heading(&lines, 1), borrowed(1, "Know Thy Enemy"));
        assert_eq!(trailing_heading(&["x.", "----------"], 1), None);
    }

    #[test]
    fn boxed_heading_over_two_lines() {
        let lines = [
            "and the rest.",
            "--------------------------------------------- ---------",
            "Kennedy Recommendation 10 - Vehicle Identification Numbering",
            "System",
            "--------------------------------------------- ---------",
        ];
        assert_eq!(
            trailing_heading(&lines, 1),
            Some((
                1,
                Cow::Owned(
                    "Kennedy Recommendation 10 - Vehicle Identification Numbering System".into()
                )
            ))
        );
        // A paragraph's text between two rules is no heading.
        let long = [
            "x.",
            "----",
            "One two three four five six seven eight nine.",
            "Ten eleven twelve thirteen fourteen fifteen sixteen seventeen.",
            "----",
        ];
        assert_eq!(trailing_heading(&long, 1), None);
        assert_eq!(trailing_heading(&["x.", "-", "----"], 1), None);
    }

    #[test]
    fn before_the_first_paragraph_only_a_ruled_heading() {
        let lines = ["CLASSIFIED BY: Gene A. Cretz.", "REASON: 1.4 (b), (d)"];
        assert_eq!(ruled_trailing_heading(&lines), None);
        assert_eq!(
            ruled_trailing_heading(&["Text.", "Summary", "-------"]),
            borrowed(1, "Summary")
        );
    }

    #[test]
    fn heading_without_rule_after_a_finished_sentence() {
        assert_eq!(
            trailing_heading(&["It went well.", "MASS ACTION IS ON THE TABLE"], 1),
            borrowed(1, "MASS ACTION IS ON THE TABLE")
        );
        // The end of a wrapped sentence is no heading.
        assert_eq!(
            trailing_heading(&["We will report from", "Washington"], 1),
            None
        );
    }

    #[test]
    fn csv_line_ends_are_no_part_of_a_heading() {
        let lines = [
            "End summary. \\",
            "--------- \\",
            "IRAN/IAEA \\",
            "--------- \\",
        ];
        assert_eq!(trailing_heading(&lines, 1), borrowed(1, "IRAN/IAEA"));
    }

    #[test]
    fn a_closer_on_its_own_line_is_no_heading() {
        assert_eq!(
            trailing_heading(&["ADMINISTRATIVE REFORMS.", "END SUMMARY"], 1),
            None
        );
        assert_eq!(
            trailing_heading(&["It went well.", "End of Comment"], 1),
            None
        );
        // A heading that only starts with the word is one.
        assert_eq!(
            trailing_heading(&["It went well.", "End of the Summit"], 1),
            borrowed(1, "End of the Summit")
        );
    }

    #[test]
    fn the_paragraphs_own_line_is_kept() {
        assert_eq!(trailing_heading(&["Background"], 1), None);
        assert_eq!(trailing_heading(&["Background", "-------"], 1), None);
        assert_eq!(
            whole_heading(&["Background", "-------"]).as_deref(),
            Some("Background")
        );
        assert_eq!(whole_heading(&["It went well. More", "text"]), None);
    }
}
