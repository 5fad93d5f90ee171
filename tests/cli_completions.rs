//! `cable-reader completions SHELL` and `cable-reader man` print what the shells and `man`
//! read, naming every subcommand and flag.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(args)
        .output()
        .expect("run the binary");
    assert!(output.status.success(), "{args:?}: {:?}", output);
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for word in ["parse", "export", "config", "completions", "man"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
        for flag in ["config", "json", "min-level"] {
            // fish writes long flags as `-l NAME`, the others as `--NAME`.
            let written = if shell == "fish" {
                format!("-l {flag}")
            } else {
                format!("--{flag}")
            };
            assert!(script.contains(&written), "{shell} script lacks {written}");
        }
    }
    // The bash script defines the function bash's `complete` uses.
    let bash = run(&["completions", "bash"]);
    assert!(bash.contains("complete -F _cable-reader") || bash.contains("_cable__reader"));
}

#[test]
fn an_unknown_shell_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_cable-reader"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("tcsh"));
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands_and_flags() {
    let page = run(&["man"]);
    assert!(page.contains(".TH cable-reader 1"), "{page}");
    assert!(page.contains(".SH NAME"));
    for word in ["parse", "export", "config", "completions", "\\-\\-config"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}
