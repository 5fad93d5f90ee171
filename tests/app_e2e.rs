//! The real binary in a real terminal: tmux runs it, keys are sent, the screen is read, and
//! after quitting the terminal must be back in cooked mode on the main screen. Also the
//! piped-stdout and error paths, without tmux.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app_fixtures;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cable-reader");

/// A tmux server of our own (its own socket), killed when dropped, even on a failed assert.
struct Tmux {
    socket: String,
    /// Config and saved state of the program under test: never the real home's.
    _home: Option<tempfile::TempDir>,
}

impl Tmux {
    /// Starts `command` in a detached session of `width`×`height`, with config and state in
    /// a fresh folder.
    fn start(name: &str, command: &str, width: u16, height: u16) -> Tmux {
        let home = tempfile::tempdir().expect("a temporary folder");
        let mut tmux = Tmux::start_in(name, command, width, height, home.path());
        tmux._home = Some(home);
        tmux
    }

    /// Starts `command` in a detached session of `width`×`height`, with config and state in
    /// `home`. After the command the pane prints its exit status and the tty settings, then
    /// waits, so they can be read.
    fn start_in(name: &str, command: &str, width: u16, height: u16, home: &Path) -> Tmux {
        let socket = format!("cable-reader-e2e-{name}-{}", std::process::id());
        let tmux = Tmux {
            socket,
            _home: None,
        };
        let script = format!("{command}; echo EXIT=$?; stty -a; sleep 60");
        let status = tmux
            .command()
            .args(["new-session", "-d", "-s", "e2e", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(script)
            .env("TERM", "xterm-256color")
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("CABLE_READER_CONFIG")
            .status()
            .expect("tmux runs (it is part of the machine image)");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "e2e"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Types text literally (no key names).
    fn type_text(&self, text: &str) {
        let status = self
            .command()
            .args(["send-keys", "-t", "e2e", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p", "-t", "e2e"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn display(&self, format: &str) -> String {
        let output = self
            .command()
            .args(["display-message", "-p", "-t", "e2e", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn resize(&self, width: u16, height: u16) {
        let status = self
            .command()
            .args(["resize-window", "-t", "e2e", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until the screen shows `text`; fails with the screen after 10 s.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                // A frame may be caught half drawn: take the screen once it holds still.
                std::thread::sleep(Duration::from_millis(40));
                let again = self.screen();
                if again == screen {
                    return screen;
                }
                continue;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// After the program exits: it said EXIT=0 and left the terminal as it found it.
    fn assert_exited_and_restored(&self) {
        let screen = self.wait_for("EXIT=");
        assert!(screen.contains("EXIT=0"), "{screen}");
        let tty = self.wait_for("speed");
        assert!(tty.contains(" icanon"), "canonical mode is back: {tty}");
        assert!(tty.contains(" echo"), "echo is back: {tty}");
        assert_eq!(
            self.display("#{alternate_on} #{mouse_any_flag} #{cursor_flag}"),
            "0 0 1",
            "main screen, no mouse capture, cursor shown"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn read_search_filter_resize_and_quit() {
    let seed = app_fixtures::seed_path();
    let tmux = Tmux::start("read", &format!("{BIN} {}", quote(&seed)), 100, 30);
    let screen = tmux.wait_for("Paragraphs 17");
    assert!(screen.contains("SECRET"));
    assert!(screen.contains("1. (SBU) Summary"));
    assert!(screen.contains("1/17"));

    tmux.keys(&["j", "j"]);
    let screen = tmux.wait_for("3/17");
    assert!(screen.contains("¶3 (SBU)"), "{screen}");

    tmux.keys(&["/"]);
    tmux.type_text("dbwg");
    tmux.wait_for("/dbwg  11 matches");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Match 5 of 11");
    tmux.keys(&["n"]);
    tmux.wait_for("Match 6 of 11");

    tmux.keys(&["4"]);
    let screen = tmux.wait_for("Paragraphs 15 of 17");
    assert!(!screen.contains("(S) "), "{screen}");
    tmux.keys(&["0"]);
    tmux.wait_for("filter all");

    tmux.keys(&["?"]);
    tmux.wait_for("Keys · ? or Esc closes");
    tmux.keys(&["Escape"]);
    let start = Instant::now();
    while tmux.screen().contains("Keys · ?") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "help did not close"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    tmux.resize(60, 15);
    tmux.wait_for("Scenesetter for the Ope…");
    tmux.resize(50, 12);
    tmux.wait_for("Terminal too small");
    tmux.resize(100, 30);
    tmux.wait_for("Paragraphs 17");

    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn keys_come_from_the_terminal_when_the_cable_is_piped() {
    let seed = app_fixtures::seed_path();
    let tmux = Tmux::start("stdin", &format!("cat {} | {BIN} -", quote(&seed)), 100, 30);
    let screen = tmux.wait_for("Paragraphs 17");
    assert!(screen.contains("<stdin>"), "{screen}");
    tmux.keys(&["G"]);
    tmux.wait_for("17/17");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn ctrl_c_quits_and_restores() {
    let folder = app_fixtures::corpus().join("text");
    let tmux = Tmux::start("ctrlc", &format!("{BIN} {}", quote(&folder)), 120, 40);
    tmux.wait_for("Cables 1/");
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("Cables 2/");
    tmux.keys(&["C-c"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let seed = app_fixtures::seed_path();
    let tmux = Tmux::start(
        "term",
        &format!(
            "{BIN} {} & pid=$!; sleep 1; kill -TERM $pid; wait $pid",
            quote(&seed)
        ),
        100,
        30,
    );
    tmux.assert_exited_and_restored();
}

#[test]
fn a_dumb_terminal_gets_the_plain_reading_form() {
    let seed = app_fixtures::seed_path();
    let tmux = Tmux::start(
        "dumb",
        &format!("TERM=dumb {BIN} {}", quote(&seed)),
        100,
        30,
    );
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    // The seed cable's plain form ends with its signature, so it was printed in full.
    assert!(screen.contains("FEELEY\nEXIT=0"), "{screen}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "never left the main screen"
    );
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn piped_stdout_prints_clean_text() {
    let seed = app_fixtures::seed_path();
    let output = run(&[seed.to_str().unwrap()]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Id:              10MEXICO83\n"), "{text}");
    assert!(text.contains("\n6. (S) The failure to reduce violence"));
    assert!(text.contains("\nSecurity Challenges\n"));
    assert!(
        !text.contains("MEXICO 00000083 002 OF 005"),
        "page breaks are joined"
    );
    assert!(
        !text.contains("Scoop"),
        "the web page around the cable is gone"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn unreadable_files_are_named_and_fail_when_nothing_opens() {
    let output = run(&["/nonexistent/cable.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("/nonexistent/cable.txt"), "{stderr}");
    assert!(output.stdout.is_empty());

    // one good file among bad ones still prints and succeeds
    let seed = app_fixtures::seed_path();
    let output = run(&["/nonexistent/cable.txt", seed.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("10MEXICO83"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/cable.txt"));
}

#[test]
fn position_and_bookmark_survive_quitting_and_reopening() {
    let seed = app_fixtures::seed_path();
    let home = tempfile::tempdir().unwrap();
    let command = format!("{BIN} {}", quote(&seed));

    let first = Tmux::start_in("keep1", &command, 100, 30, home.path());
    first.wait_for("1/17");
    // Down to ¶6, bookmark it with `b` (the paragraph list has the focus), on to ¶8.
    first.keys(&["j", "j", "j", "j", "j"]);
    first.wait_for("6/17");
    first.keys(&["b"]);
    first.wait_for("Bookmarked ¶6");
    first.keys(&["j", "j"]);
    first.wait_for("8/17");
    first.keys(&["q"]);
    first.assert_exited_and_restored();
    drop(first);
    let state = home.path().join("state/cable-reader/state.json");
    assert!(state.is_file(), "the state is written under XDG_STATE_HOME");

    let second = Tmux::start_in("keep2", &command, 100, 30, home.path());
    let screen = second.wait_for("8/17");
    assert!(screen.contains("¶8 (C)"), "{screen}");
    second.keys(&["B"]);
    let screen = second.wait_for("Bookmarks (1)");
    assert!(screen.contains("10MEXICO83"), "{screen}");
    assert!(screen.contains("(S)"), "{screen}");
    second.keys(&["Enter"]);
    second.wait_for("6/17");
    second.keys(&["q"]);
    second.assert_exited_and_restored();
}

#[test]
fn a_broken_config_stops_the_reader_with_its_place() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "theme = \"dark\"\nwrap_width = 5\n").unwrap();
    let output = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg(app_fixtures::seed_path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:2:14:", config.display())),
        "{stderr}"
    );
    assert!(stderr.contains("wrap_width"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_panic_restores_the_terminal_before_reporting() {
    // Debug builds of the reader panic on request once they have drawn (see terminal.rs).
    let seed = app_fixtures::seed_path();
    let command = format!(
        "RUST_BACKTRACE=0 CABLE_READER_TEST_PANIC=1 {BIN} {}",
        quote(&seed)
    );
    let tmux = Tmux::start("panic", &command, 100, 30);
    let screen = tmux.wait_for("EXIT=");
    assert!(screen.contains("EXIT=101"), "{screen}");
    assert!(
        screen.contains("CABLE_READER_TEST_PANIC asked for a panic"),
        "the report is readable on the main screen: {screen}"
    );
    let tty = tmux.wait_for("speed");
    assert!(tty.contains(" icanon"), "canonical mode is back: {tty}");
    assert!(tty.contains(" echo"), "echo is back: {tty}");
    assert_eq!(
        tmux.display("#{alternate_on} #{mouse_any_flag} #{cursor_flag}"),
        "0 0 1",
        "main screen, no mouse capture, cursor shown"
    );
}

#[test]
fn export_and_config_commands_from_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let seed = app_fixtures::seed_path();
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(BIN)
            .args(args)
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env_remove("CABLE_READER_CONFIG")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let markdown = run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "markdown".as_ref(),
        "--min-level".as_ref(),
        "S".as_ref(),
        seed.as_os_str(),
    ]);
    assert!(markdown.status.success());
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(text.starts_with("# 10MEXICO83 — Scenesetter"), "{text}");
    assert!(
        text.contains("## 6. (S)") && text.contains("## 15. (S)"),
        "{text}"
    );
    assert!(!text.contains("## 1. (SBU)"), "{text}");

    let out = home.path().join("seed.jsonl");
    let jsonl = run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        seed.as_os_str(),
    ]);
    assert!(jsonl.status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"id\":\"10MEXICO83\""), "{written}");
    assert_eq!(written.lines().count(), 1);

    let path = run(&["config".as_ref(), "path".as_ref()]);
    let expected = home.path().join("config/cable-reader/config.toml");
    assert_eq!(
        String::from_utf8_lossy(&path.stdout).trim(),
        expected.display().to_string()
    );
    assert!(run(&["config".as_ref(), "init".as_ref()]).status.success());
    assert!(expected.is_file());
    let again = run(&["config".as_ref(), "init".as_ref()]);
    assert!(!again.status.success(), "init refuses to overwrite");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(run(&["config".as_ref(), "check".as_ref()]).status.success());
    std::fs::write(&expected, "[keys]\nquit = \"j\"\n").unwrap();
    let check = run(&["config".as_ref(), "check".as_ref()]);
    assert!(!check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains(":2:"), "line of the problem: {stderr}");
}

/// The reader's process: the child of the pane's shell.
fn reader_pid(tmux: &Tmux) -> String {
    let shell = tmux.display("#{pane_pid}");
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.to_owned();
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no reader process"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn signal(pid: &str, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), pid])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}

/// The saved state of a test home, as JSON.
fn saved_state(home: &Path) -> serde_json::Value {
    let path = home.join("state/cable-reader/state.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Paragraph indexes of the seed cable's saved position and bookmarks.
fn seed_position_and_bookmarks(state: &serde_json::Value) -> (Option<u64>, Vec<u64>) {
    let position = state["positions"]
        .as_object()
        .and_then(|positions| {
            positions
                .iter()
                .find(|(key, _)| key.starts_with("10MEXICO83#"))
        })
        .and_then(|(_, position)| position["paragraph"].as_u64());
    let bookmarks = state["bookmarks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| {
            b["cable"]
                .as_str()
                .is_some_and(|c| c.starts_with("10MEXICO83#"))
        })
        .filter_map(|b| b["paragraph"].as_u64())
        .collect();
    (position, bookmarks)
}

#[test]
fn every_quitting_signal_saves_the_open_cables_position() {
    let seed = app_fixtures::seed_path();
    for name in ["TERM", "HUP", "INT"] {
        let home = tempfile::tempdir().unwrap();
        let tmux = Tmux::start_in(
            &format!("sig{name}"),
            &format!("{BIN} {}", quote(&seed)),
            100,
            30,
            home.path(),
        );
        tmux.wait_for("1/17");
        // Down to ¶4 (index 3), then the signal at once: no key that quits.
        tmux.keys(&["j", "j", "j"]);
        tmux.wait_for("4/17");
        signal(&reader_pid(&tmux), name);
        let screen = tmux.wait_for("EXIT=");
        assert!(screen.contains("EXIT=0"), "SIG{name}: {screen}");
        let (position, _) = seed_position_and_bookmarks(&saved_state(home.path()));
        assert_eq!(position, Some(3), "SIG{name}");
    }
}

#[test]
fn a_bookmark_is_saved_soon_after_it_is_made_so_a_kill_keeps_it() {
    let seed = app_fixtures::seed_path();
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start_in(
        "sigkill",
        &format!("{BIN} {}", quote(&seed)),
        100,
        30,
        home.path(),
    );
    tmux.wait_for("1/17");
    tmux.keys(&["j", "b"]);
    tmux.wait_for("Bookmarked ¶2");
    // The save comes half a second after the change; SIGKILL leaves no way to save later.
    let start = Instant::now();
    let state_file = home.path().join("state/cable-reader/state.json");
    while !state_file.exists() {
        assert!(start.elapsed() < Duration::from_secs(10), "never saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    signal(&reader_pid(&tmux), "KILL");
    tmux.wait_for("EXIT=");
    let (position, bookmarks) = seed_position_and_bookmarks(&saved_state(home.path()));
    assert_eq!((position, bookmarks), (Some(1), vec![1]));
}

#[test]
fn ctrl_z_saves_before_the_reader_stops() {
    let seed = app_fixtures::seed_path();
    let home = tempfile::tempdir().unwrap();
    // An interactive shell, for job control: under the pane's own shell the reader would be
    // in an orphaned process group, where the kernel discards a stop.
    let tmux = Tmux::start_in(
        "suspend",
        "bash --norc --noprofile -i",
        100,
        30,
        home.path(),
    );
    let shell = reader_pid(&tmux);
    tmux.keys(&[&format!("{BIN} {}", quote(&seed)), "Enter"]);
    tmux.wait_for("1/17");
    let children = format!("/proc/{shell}/task/{shell}/children");
    let pid = std::fs::read_to_string(&children)
        .unwrap()
        .split_whitespace()
        .next()
        .expect("the reader runs under the shell")
        .to_owned();
    // Bookmark ¶2 and stop at once, well inside the half second before the timed save: a
    // stopped process saves nothing, so only a save before stopping writes the file.
    tmux.keys(&["j", "b", "C-z"]);
    let stat = format!("/proc/{pid}/stat");
    let start = Instant::now();
    while !std::fs::read_to_string(&stat)
        .unwrap_or_default()
        .rsplit(')')
        .next()
        .is_some_and(|rest| rest.trim_start().starts_with('T'))
    {
        assert!(start.elapsed() < Duration::from_secs(10), "never stopped");
        std::thread::sleep(Duration::from_millis(10));
    }
    let (position, bookmarks) = seed_position_and_bookmarks(&saved_state(home.path()));
    assert_eq!((position, bookmarks), (Some(1), vec![1]));
    signal(&pid, "KILL");
}

#[test]
fn a_failed_save_is_shown_at_once_and_kept_for_the_next_one() {
    let seed = app_fixtures::seed_path();
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start_in(
        "savefail",
        &format!("{BIN} {}", quote(&seed)),
        100,
        30,
        home.path(),
    );
    tmux.wait_for("1/17");
    // The state folder becomes a file: no save can succeed (tests run as root, so taking
    // write permission away would not stop the writes).
    let dir = home.path().join("state/cable-reader");
    let away = home.path().join("state/away");
    std::fs::rename(&dir, &away).unwrap();
    std::fs::write(&dir, "not a folder").unwrap();
    tmux.keys(&["j", "b"]);
    let screen = tmux.wait_for("Not saved, kept for a retry: saved state ");
    assert!(screen.contains("2/17"), "{screen}");
    // The folder comes back: the retry (or the save at exit) writes the bookmark.
    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&away, &dir).unwrap();
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
    let (_, bookmarks) = seed_position_and_bookmarks(&saved_state(home.path()));
    assert_eq!(bookmarks, vec![1]);
}

/// Waits until `check` holds; fails with `what` after 10 s.
fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn y_copies_through_osc_52_into_tmux_and_m_releases_the_mouse() {
    let seed = app_fixtures::seed_path();
    let tmux = Tmux::start("copy", &format!("{BIN} {}", quote(&seed)), 100, 30);
    tmux.wait_for("Paragraphs 17");
    let status = tmux
        .command()
        .args(["set-option", "-s", "set-clipboard", "on"])
        .status()
        .unwrap();
    assert!(status.success());
    tmux.keys(&["y"]);
    tmux.wait_for("Copied ¶1");
    let buffer = || {
        let output = tmux.command().args(["show-buffer"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    wait_until("tmux's buffer to get the copy", || {
        buffer().starts_with("1. (SBU) Summary:")
    });
    tmux.keys(&["Y"]);
    tmux.wait_for("Copied the id and subject");
    wait_until("the id and subject in tmux's buffer", || {
        buffer().starts_with("10MEXICO83: Scenesetter for the Opening")
    });

    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    tmux.keys(&["M"]);
    tmux.wait_for("Mouse released");
    wait_until("the mouse released", || {
        tmux.display("#{mouse_any_flag}") == "0"
    });
    tmux.keys(&["M"]);
    tmux.wait_for("Mouse on");
    wait_until("the mouse taken back", || {
        tmux.display("#{mouse_any_flag}") == "1"
    });
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn e_hands_the_terminal_to_the_pager_and_takes_it_back() {
    let seed = app_fixtures::seed_path();
    let dir = tempfile::tempdir().unwrap();
    let pager = dir.path().join("pager.sh");
    let tty = dir.path().join("tty.txt");
    let paged = dir.path().join("paged.txt");
    let modes = dir.path().join("modes.txt");
    let edited = dir.path().join("edited");
    std::fs::create_dir(&edited).unwrap();
    // The "pager" notes the terminal it was handed and what it was given.
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\nstty -a < /dev/tty > {}\n\
             tmux display-message -p '#{{alternate_on}} #{{mouse_any_flag}}' > {}\ncat > {}\n",
            quote(&tty),
            quote(&modes),
            quote(&paged)
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", pager.to_str().unwrap()])
        .status()
        .unwrap();
    let command = format!(
        "PAGER={} VISUAL= EDITOR='cp -t {}' {BIN} {}",
        quote(&pager),
        quote(&edited),
        quote(&seed)
    );
    let tmux = Tmux::start("pager", &command, 100, 30);
    tmux.wait_for("Paragraphs 17");
    tmux.keys(&["e"]);
    wait_until("the pager to have run", || {
        std::fs::read_to_string(&paged).is_ok_and(|text| text.contains("Id:"))
    });
    let text = std::fs::read_to_string(&paged).unwrap();
    assert!(text.contains("Id:              10MEXICO83"), "{text}");
    assert!(text.contains("1. (SBU) Summary:"), "{text}");
    let handed = std::fs::read_to_string(&tty).unwrap();
    assert!(
        handed.contains(" icanon"),
        "the pager got a cooked terminal: {handed}"
    );
    assert!(handed.contains(" echo"), "{handed}");
    let modes = std::fs::read_to_string(&modes).unwrap();
    assert_eq!(
        modes.trim(),
        "0 0",
        "main screen and no mouse capture for the pager"
    );
    // Back in the reader: its screen redrawn, alternate screen and mouse on again.
    tmux.wait_for("Paragraphs 17");
    assert_eq!(tmux.display("#{alternate_on} #{mouse_any_flag}"), "1 1");

    tmux.keys(&["E"]);
    wait_until("the editor to have run", || {
        std::fs::read_dir(&edited).is_ok_and(|mut entries| entries.next().is_some())
    });
    let copy = std::fs::read_dir(&edited).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(copy.path()).unwrap();
    assert!(text.contains("Id:              10MEXICO83"), "{text}");
    tmux.wait_for("Paragraphs 17");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn a_pager_that_cannot_run_is_a_message() {
    let seed = app_fixtures::seed_path();
    let command = format!("PAGER=/nonexistent/pager {BIN} {}", quote(&seed));
    let tmux = Tmux::start("nopager", &command, 100, 30);
    tmux.wait_for("Paragraphs 17");
    tmux.keys(&["e"]);
    tmux.wait_for("ended with exit status: 127");
    tmux.keys(&["x"]);
    tmux.wait_for("x does nothing here");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn a_folder_with_a_readme_opens_and_says_it_skipped_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        dir.path().join("README.txt"),
    )
    .unwrap();
    std::fs::copy(
        app_fixtures::corpus().join("pdf/00ATHENS1917.pdf"),
        dir.path().join("00ATHENS1917.pdf"),
    )
    .unwrap();
    let tmux = Tmux::start("skip", &format!("{BIN} {}", quote(dir.path())), 120, 30);
    let screen = tmux.wait_for("skipped 1 file that is no cable");
    assert!(
        screen.contains("ENGAGING GREECE ON THE BALKANS"),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn ctrl_c_in_the_pager_stops_the_pager_not_the_reader() {
    let seed = app_fixtures::seed_path();
    let dir = tempfile::tempdir().unwrap();
    let pager = dir.path().join("pager.sh");
    let started = dir.path().join("started");
    // A pager that waits to be interrupted, as less does until q or Ctrl-C.
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\ncat > /dev/null\ntouch {}\nsleep 30\n",
            quote(&started)
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", pager.to_str().unwrap()])
        .status()
        .unwrap();
    let command = format!("PAGER={} {BIN} {}", quote(&pager), quote(&seed));
    let tmux = Tmux::start("pagerint", &command, 100, 30);
    tmux.wait_for("Paragraphs 17");
    tmux.keys(&["e"]);
    wait_until("the pager to start", || started.exists());
    tmux.keys(&["C-c"]);
    // The pager ended by the interrupt, which is said; the reader goes on.
    let screen = tmux.wait_for("ended with");
    assert!(screen.contains("Paragraphs 17"), "{screen}");
    tmux.keys(&["j"]);
    tmux.wait_for("2/17");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

/// A generated cables.csv dump of 3,000 rows: the first rows and the progress show while the
/// rest is read, then the total; `o` sorts, `L` limits (as many rows as `cable-reader
/// list --limit` gives), `:` goes to an id typed in lower case without the year's zero.
#[test]
fn a_dump_reads_while_it_shows_then_sorts_limits_and_goes_to() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", "3000"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    // The first row of the file, as written there.
    let text = std::fs::read(&dump).unwrap();
    assert!(text.starts_with(b"\"1\",\"11/29/2000 13:01\",\"00HARARE6677\""));
    let listed = run(&[
        "list",
        "--no-cache",
        "--limit",
        "~c S",
        dump.to_str().unwrap(),
    ]);
    let secret = String::from_utf8_lossy(&listed.stdout).lines().count();
    let cache = dir.path().join("cache");
    let command = format!("XDG_CACHE_HOME={} {BIN} {}", quote(&cache), quote(&dump));
    let tmux = Tmux::start("dump", &command, 150, 30);
    let screen = tmux.wait_for("00HARARE6677");
    if !screen.contains("3,000 cables") {
        // Still reading: rows and the progress on the same screen, below 100%.
        assert!(screen.contains("reading "), "{screen}");
        assert!(!screen.contains("· 100%"), "{screen}");
    }
    tmux.wait_for("3,000 cables");
    tmux.keys(&["o"]);
    tmux.wait_for("sorted by date");
    tmux.keys(&["L"]);
    tmux.type_text("~c S");
    tmux.keys(&["Enter"]);
    tmux.wait_for(&format!(
        "{} of 3,000 cables match",
        cable_reader::app::list::thousands(secret as u64)
    ));
    // `L` starts from the limit in force: Ctrl-u clears it.
    tmux.keys(&["L"]);
    tmux.keys(&["C-u"]);
    tmux.type_text("~d 2009-13");
    tmux.keys(&["Enter"]);
    tmux.wait_for("no month 13");
    tmux.keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(300));
    tmux.keys(&[":"]);
    tmux.type_text("4ottawa3115");
    tmux.keys(&["Enter"]);
    tmux.wait_for("04OTTAWA3115 · 2004-11-18");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn r_lists_the_references_enter_follows_one_and_ctrl_o_comes_back() {
    // The truth is the pages: 07MADRID210's body says `REF: MADRID 208`, and the SUBJECT
    // lines of the two pages are these.
    let pages = app_fixtures::corpus().join("wikileaks-html");
    let page = std::fs::read_to_string(pages.join("07MADRID210.html")).unwrap();
    assert!(page
        .contains("SUBJECT: FM MORATINOS ON AFGHANISTAN&#x000A;&#x000A;REF: MADRID 208&#x000A;"));
    let page = std::fs::read_to_string(pages.join("07MADRID208.html")).unwrap();
    assert!(page.contains("SUBJECT: SPAIN: ZAPATERO'S DECISION ON AFGHANISTAN FIRM&#x000A;"));
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "XDG_CACHE_HOME={} {BIN} {}",
        quote(&dir.path().join("cache")),
        quote(&pages)
    );
    let tmux = Tmux::start("links", &command, 150, 40);
    // Every page read (while reading, the status says `reading N of ~464 cables`); on a
    // busy machine that takes longer than `wait_for` waits.
    let start = Instant::now();
    while !tmux.screen().contains("│ 464 cables │") {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the pages were not all read: {}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.keys(&[":"]);
    tmux.type_text("07MADRID210");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Subject: FM MORATINOS ON AFGHANISTAN");
    tmux.keys(&["r"]);
    let screen = tmux.wait_for("Links of 07MADRID210");
    assert!(
        screen.contains("07MADRID208  in this collection · SPAIN: ZAPATERO'S DECISION"),
        "{screen}"
    );
    // The first cable of the pane is 07MADRID208 (its only reference): select it, open it.
    tmux.keys(&["g", "Enter"]);
    let screen = tmux.wait_for("Subject: SPAIN: ZAPATERO'S DECISION ON AFGHANISTAN FIRM");
    assert!(!screen.contains("Links of"), "{screen}");
    tmux.keys(&["C-o"]);
    tmux.wait_for("Subject: FM MORATINOS ON AFGHANISTAN");
    tmux.keys(&["C-n"]);
    tmux.wait_for("Subject: SPAIN: ZAPATERO'S DECISION ON AFGHANISTAN FIRM");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn a_fifo_that_keeps_the_reader_waiting_does_not_hold_back_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("cable");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let seed = app_fixtures::seed_path();
    // The writer opens the FIFO only after 2 s: until then the reader's open of it blocks.
    let command = format!(
        "(sleep 2; cat {} > {}) & {BIN} {}",
        quote(&seed),
        quote(&fifo),
        quote(&fifo)
    );
    let started = Instant::now();
    let tmux = Tmux::start("fifo", &command, 120, 30);
    let screen = tmux.wait_for("reading 0 cables");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the first frame came after the FIFO yielded: {screen}"
    );
    assert!(!screen.contains("10MEXICO83"), "{screen}");
    // Then the cable, opened alone with its paragraphs focused (the thick frame), as a
    // single file always opened: the seed's first paragraph, as written in the file.
    let screen = tmux.wait_for("1. (SBU) Summary: The inauguration");
    assert!(started.elapsed() >= Duration::from_secs(2), "{screen}");
    assert!(screen.contains("┏ Paragraphs 17"), "{screen}");
    assert!(!screen.contains("Cables"), "{screen}");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

/// `/` in the cable list of a generated 300-row dump searches every cable: the hits become
/// the list with their count (as many as `cable-reader search --all` prints), Enter opens
/// one with its words lit, and Esc in the list gives back the whole list.
#[test]
fn slash_in_the_cable_list_searches_every_cable_enter_opens_a_hit_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", "300"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let cache = dir.path().join("cache");
    let searched = Command::new(BIN)
        .args(["search", "--all", "narcotics"])
        .arg(&dump)
        .env("XDG_CACHE_HOME", dir.path().join("cli-cache"))
        .output()
        .unwrap();
    let count = String::from_utf8_lossy(&searched.stdout).lines().count();
    assert!(count > 1, "{searched:?}");
    let command = format!("XDG_CACHE_HOME={} {BIN} {}", quote(&cache), quote(&dump));
    let tmux = Tmux::start("corpus-search", &command, 150, 30);
    tmux.wait_for("300 cables");
    tmux.type_text("/");
    tmux.wait_for("search every cable:");
    tmux.type_text("narcotics");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(&format!("{count} hits for \"narcotics\""));
    assert!(
        screen.contains(&format!("Hits 1/{count} for \"narcotics\"")),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    // The cable open before the hit arrives shows the query too ("/narcotics 0 found"):
    // wait for the hit's own cable, where the word is found and lit.
    wait_until("the hit opened with its words found", || {
        let screen = tmux.screen();
        screen.contains("/narcotics ") && !screen.contains("/narcotics 0 found")
    });
    tmux.keys(&["h"]);
    std::thread::sleep(Duration::from_millis(200));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the list as before the search");
    tmux.wait_for("Cables 1/300");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

#[test]
fn w_shows_the_cables_header_block_above_its_first_paragraph() {
    // The truth is the page: 07MADRID210's header lines as it publishes them.
    let page = app_fixtures::corpus().join("wikileaks-html/07MADRID210.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(
        "SUBJECT: FM MORATINOS ON AFGHANISTAN&#x000A;&#x000A;REF: MADRID 208&#x000A;&#x000A;\
         Classified By: Amb. Eduardo Aguirre for reasons 1.4 (b) and (d)&#x000A;"
    ));
    let command = format!("{BIN} {}", quote(&page));
    let tmux = Tmux::start("header-block", &command, 150, 40);
    tmux.wait_for("Subject: FM MORATINOS ON AFGHANISTAN");
    tmux.keys(&["w"]);
    let screen = tmux.wait_for("Whole cable");
    let wanted = [
        "CONFIDENTIAL MADRID 000210",
        "E.O. 12958: DECL: 02/07/2017",
        "TAGS: MARR, PREL, PGOV, SP",
        "SUBJECT: FM MORATINOS ON AFGHANISTAN",
        "REF: MADRID 208",
        "Classified By: Amb. Eduardo Aguirre for reasons 1.4 (b) and (d)",
        "1. (C/NF) Foreign Minister Miguel Angel Moratinos",
    ];
    // Each on its own row of the text pane, in this order.
    let rows: Vec<Option<usize>> = wanted
        .iter()
        .map(|text| {
            screen
                .lines()
                .position(|row| row.contains(&format!("│ {text}")))
        })
        .collect();
    assert!(rows.iter().all(Option::is_some), "{rows:?}\n{screen}");
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}\n{screen}");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}

/// The same search over the dump piped to standard input (`cable-reader - < dump`): no
/// index can be made of a stream, so the cables kept in memory are scanned; the count is
/// the one `cable-reader search --all` prints for the file, and the hits show snippets.
#[test]
fn slash_searches_the_cables_read_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("cables.csv");
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/make-cables-csv");
    let made = std::process::Command::new(tool)
        .args(["--rows", "300"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let searched = Command::new(BIN)
        .args(["search", "--all", "narcotics"])
        .arg(&dump)
        .env("XDG_CACHE_HOME", dir.path().join("cli-cache"))
        .output()
        .unwrap();
    let count = String::from_utf8_lossy(&searched.stdout).lines().count();
    assert!(count > 1, "{searched:?}");
    let cache = dir.path().join("cache");
    let command = format!(
        "XDG_CACHE_HOME={} {BIN} - < {}",
        quote(&cache),
        quote(&dump)
    );
    let tmux = Tmux::start("stdin-search", &command, 150, 30);
    tmux.wait_for("300 cables");
    tmux.type_text("/");
    tmux.wait_for("search every cable:");
    tmux.type_text("narcotics");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(&format!("{count} hits for \"narcotics\""));
    assert!(screen.contains("by a scan"), "{screen}");
    // The first hit's snippet, under its row, holds the word.
    let screen = tmux.wait_for("narcotics");
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines.iter().position(|line| line.contains('›')).unwrap();
    assert!(
        lines[first + 1..first + 3]
            .iter()
            .any(|line| line.to_lowercase().contains("narcotics")),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the list as before the search");
    tmux.keys(&["q"]);
    tmux.assert_exited_and_restored();
}
