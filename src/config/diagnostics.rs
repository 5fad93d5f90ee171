//! Problems in a config file, each with its file, line and column and what was expected.

use super::paths::{PathOrigin, CONFIG_ENV};
use std::io;
use std::path::{Path, PathBuf};

/// One problem in a config file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// The line of the file, to show under the message.
    pub source_line: String,
}

impl Problem {
    pub(super) fn at(text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column, source_line) = line_column(text, offset);
        Problem {
            line,
            column,
            message: message.into(),
            source_line,
        }
    }
}

/// 1-based line and character column of a byte offset, and that line's text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize, String) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.matches('\n').count() + 1;
    let column = text
        .get(line_start..offset)
        .map_or(0, |prefix| prefix.chars().count())
        + 1;
    let rest = text.get(line_start..).unwrap_or_default();
    let source_line = rest.lines().next().unwrap_or_default().to_owned();
    (line, column, source_line)
}

/// Everything that can go wrong with the config.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("config file {} does not exist (named by {origin})", path.display())]
    Missing { path: PathBuf, origin: PathOrigin },
    #[error("no place for the config file: set {CONFIG_ENV} or XDG_CONFIG_HOME, or pass --config")]
    NoConfigDir,
    #[error("{}", render_problems(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("{} already exists; pass --force to overwrite it", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write config file {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

fn render_problems(path: &Path, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (n, problem) in problems.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let gutter = problem.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_pad: String = problem
            .source_line
            .chars()
            .take(problem.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(
            "{}:{}:{}: {}\n{pad} |\n{gutter} | {}\n{pad} | {caret_pad}^",
            path.display(),
            problem.line,
            problem.column,
            problem.message,
            problem.source_line,
        ));
    }
    out
}
