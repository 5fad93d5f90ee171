//! The user's pager and editor: which program (`$PAGER`, `$VISUAL` or `$EDITOR`, as git
//! and less choose them), run through `sh -c` so a value with options (`less -R`) works,
//! and waited for. The terminal module hands the terminal over around this.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::app::effect::Program;

/// The command line for a program, from the environment or the usual default.
pub fn command_for(program: Program, var: impl Fn(&str) -> Option<String>) -> String {
    let names: &[&str] = match program {
        Program::Pager => &["PAGER"],
        Program::Editor => &["VISUAL", "EDITOR"],
    };
    names
        .iter()
        .find_map(|name| var(name).filter(|value| !value.trim().is_empty()))
        .unwrap_or_else(|| {
            match program {
                Program::Pager => "less",
                Program::Editor => "vi",
            }
            .to_owned()
        })
}

/// Shows `text` in the pager (on its standard input) or the editor (in a temporary file,
/// removed after), and waits for it to end.
pub fn show(program: Program, text: &str) -> Result<(), String> {
    let command = command_for(program, |name| std::env::var(name).ok());
    match program {
        Program::Pager => page(&command, text),
        Program::Editor => edit(&command, text),
    }
}

fn page(command: &str, text: &str) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|error| format!("could not start the pager `{command}`: {error}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager that quits before reading everything closes the pipe: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    finished(command, child.wait())
}

fn edit(command: &str, text: &str) -> Result<(), String> {
    let path = std::env::temp_dir().join(format!(
        "cable-reader-{}-{}.txt",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|time| time.as_nanos())
            .unwrap_or_default()
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    if let Err(error) = written {
        return Err(format!("could not write {}: {error}", path.display()));
    }
    // `$1` keeps a path with spaces one argument whatever the editor's options.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    let _ = std::fs::remove_file(&path);
    finished(command, status)
}

fn finished(
    command: &str,
    status: std::io::Result<std::process::ExitStatus>,
) -> Result<(), String> {
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{command}` ended with {status}")),
        Err(error) => Err(format!("`{command}` could not run: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_come_from_the_environment_or_the_usual_defaults() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(command_for(Program::Pager, env(&[])), "less");
        assert_eq!(
            command_for(Program::Pager, env(&[("PAGER", "less -R")])),
            "less -R"
        );
        assert_eq!(command_for(Program::Editor, env(&[])), "vi");
        assert_eq!(
            command_for(
                Program::Editor,
                env(&[("EDITOR", "nano"), ("VISUAL", "code -w")])
            ),
            "code -w"
        );
        assert_eq!(
            command_for(Program::Editor, env(&[("EDITOR", "nano"), ("VISUAL", " ")])),
            "nano"
        );
    }

    #[test]
    fn the_pager_gets_the_text_and_the_editor_a_file() {
        let dir = std::env::temp_dir().join(format!("cable-reader-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let out = dir.join("paged.txt");
        page(&format!("cat > '{}'", out.display()), "¶1. TEXT\n").ok();
        assert_eq!(
            std::fs::read_to_string(&out).ok().as_deref(),
            Some("¶1. TEXT\n")
        );
        let copy = dir.join("edited.txt");
        edit(&format!("cp -- \"$1\" '{}'; true", copy.display()), "TEXT").ok();
        assert_eq!(std::fs::read_to_string(&copy).ok().as_deref(), Some("TEXT"));
        assert!(page("exit 3", "x").is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
