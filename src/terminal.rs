//! The one module that owns the terminal. It enters raw mode and the alternate screen,
//! turns on mouse capture and bracketed paste, and undoes all of it on every way out:
//! returning, an error (`Drop`), a panic (a hook that restores first, then reports), Ctrl-C
//! (a key in raw mode), and SIGTERM, SIGHUP or SIGINT from outside. Ctrl-Z suspends.
//!
//! It also does what `update` asks of the outside ([`Effect`]): the clipboard through
//! OSC 52, the pager or editor (the terminal handed over and taken back), the mouse.
//!
//! Keys come from the terminal device even when standard input is a pipe (crossterm opens
//! `/dev/tty` then; the `use-dev-tty` feature makes that work on macOS too).

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Once};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::Terminal;

use crate::app::indexing::Indexer;
use crate::app::keymap::Key;
use crate::app::state::Mode;
use crate::app::{update, Action, App, Effect};
use crate::state::SaveOutcome;
use crate::ui::{self, Theme};

/// Whether the terminal on stdout can show the full-screen reader: `TERM` names a terminal
/// (not unset, empty, `dumb` or `unknown`) and it reports a size. When not, the reader
/// prints the plain reading form instead of escapes the terminal would show as garbage.
pub fn can_draw() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(term.as_str(), "" | "dumb" | "unknown") {
        return false;
    }
    ratatui::crossterm::terminal::size().is_ok_and(|(width, height)| width > 0 && height > 0)
}

/// Whether the terminal is in our modes now; `restore` acts only then, so it can be called
/// from the panic hook, `Drop` and the normal path alike.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was: cooked mode, main screen, no mouse capture, cursor
/// shown. Does nothing when it is not in our modes.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let raw = disable_raw_mode();
    let screen = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    raw.and(screen)
}

fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)
        .and_then(|()| capture_mouse(mouse))
        .inspect_err(|_| {
            let _ = restore();
        })
}

fn capture_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

/// A panic restores the terminal first, so the report is readable, then reports as before.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A damaged PDF can panic inside the PDF reader: that panic is caught and
            // becomes a message, so the reader keeps its screen.
            if !crate::cable::wrapper::pdf::inside_extraction() {
                let _ = restore();
            }
            previous(info);
        }));
    });
}

/// The terminal while the reader runs; dropping it restores the terminal.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn start(mouse: bool) -> io::Result<Session> {
        install_panic_hook();
        enter(mouse)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| {
            let _ = restore();
        })?;
        Ok(Session { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Turns a terminal event into an action, if it means one.
pub fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let key = key_from_event(&key)?;
            // A key bound to nothing says so, rather than nothing.
            app.keymap
                .action(app.mode, app.focus, key)
                .or_else(|| Some(Action::Unbound(crate::app::keymap::key_label(&key))))
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                lines: 1,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                lines: -1,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) if app.mode == Mode::Search => Some(Action::SearchPaste(text)),
        Event::Paste(text) if app.mode == Mode::Prompt => Some(Action::PromptPaste(text)),
        _ => None,
    }
}

/// A terminal's key event as the keymap knows keys (one `Key` type for the keymap and the
/// config file; only this module knows crossterm's).
pub fn key_from_event(event: &KeyEvent) -> Option<Key> {
    use crate::app::keymap::KeyCode as Code;
    let code = match event.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Insert => Code::Insert,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    let modifiers = event.modifiers;
    Some(
        Key {
            code,
            ctrl: modifiers.contains(event::KeyModifiers::CONTROL),
            alt: modifiers.contains(event::KeyModifiers::ALT),
            shift: modifiers.contains(event::KeyModifiers::SHIFT),
        }
        .normalized(),
    )
}

fn is_suspend(event: &Event) -> bool {
    matches!(event, Event::Key(key) if key.kind == KeyEventKind::Press
        && key.code == KeyCode::Char('z')
        && key.modifiers.contains(event::KeyModifiers::CONTROL))
}

/// Runs the reader until the user quits. The terminal is restored however this returns.
pub fn run(app: &mut App, theme: &Theme) -> io::Result<()> {
    run_loading(app, theme, None)
}

/// The event loop, with a corpus being read by `loader`'s worker: what it sends becomes
/// actions between keys, so every key works while it reads.
pub fn run_loading(
    app: &mut App,
    theme: &Theme,
    mut loader: Option<&mut crate::app::loading::Loader>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // SIGINT apart: Ctrl-C in a pager the reader handed the terminal to reaches the reader
    // too (one process group), and must not quit it.
    let interrupt = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupt))?;
    let mut session = Session::start(app.mouse_captured)?;
    let mut saver = Saver::new();
    let mut indexer: Option<Indexer> = None;
    let mut dirty = true;
    let mut cleared = false;
    while !app.quit && !stop.load(Ordering::SeqCst) && !interrupt.load(Ordering::SeqCst) {
        if saver.tick(app) {
            dirty = true;
        }
        // A resize the event queue has not reported yet still redraws at once.
        let size = session.terminal.size()?;
        if (size.width, size.height) != (app.areas.size.width, app.areas.size.height) {
            update(
                app,
                Action::Resize {
                    width: size.width,
                    height: size.height,
                },
            );
            dirty = true;
        }
        if app.clear != cleared {
            cleared = app.clear;
            if cleared {
                session.terminal.clear()?;
                dirty = true;
            }
        }
        if let Some(loader) = loader.as_deref_mut() {
            dirty |= loader.pump(app);
            // Once every cable is listed, the search index of a collection (not of one
            // cable alone) is opened or built.
            if indexer.is_none() && loader.listed() && app.several() {
                indexer = Some(Indexer::start(loader.corpus(), loader.cache_dir()));
            }
            if let Some(indexer) = indexer.as_mut() {
                dirty |= indexer.pump(app);
            }
        }
        if dirty {
            session.terminal.draw(|frame| ui::draw(frame, app, theme))?;
            dirty = false;
            panic_if_asked();
        }
        // A search's answer is taken within 10 ms of its coming; the index's progress and
        // the rows within a tenth of a second. (Waking every 2 ms kept a third of a core
        // busy on this thread for as long as a query ran, a core its scan needs.)
        let wait =
            if indexer.as_ref().is_some_and(Indexer::busy) || app.corpus_search.pending.is_some() {
                10
            } else if loader.as_ref().is_some_and(|l| l.loading())
                || app.corpus_search.index.describe().is_some()
            {
                50
            } else {
                250
            };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        let event = event::read()?;
        if is_suspend(&event) {
            // A stopped reader saves nothing, and a stopped job is often killed (the shell
            // exits): what the user did is written first.
            saver.save_now(app);
            suspend(&mut session, app.mouse_captured)?;
            dirty = true;
            continue;
        }
        if let Some(action) = action_for(app, event) {
            let redraw = action == Action::Redraw;
            if let Some(effect) = update(app, action) {
                let handed_over = matches!(effect, Effect::Show { .. });
                let done = perform(&mut session, app, effect);
                if handed_over {
                    interrupt.store(false, Ordering::SeqCst);
                }
                if let Err(why) = done {
                    update(app, Action::ProgramFailed(why));
                }
            }
            if redraw {
                // Ctrl-L twice in a row must clear twice.
                cleared = !app.clear;
            }
            dirty = true;
        }
    }
    // A save still running is waited for, so the last one (by the caller) merges after it.
    saver.finish(app);
    drop(session);
    Ok(())
}

/// How long after a change the state is saved: changes in a burst (scrolling) are saved
/// once, and a kill loses at most this much.
const SAVE_DELAY: Duration = Duration::from_millis(500);
/// After a failed save, how long before trying again.
const RETRY_DELAY: Duration = Duration::from_secs(5);

/// Saves the reading state soon after each change, on a thread of its own: `Store::save`
/// may wait for another instance's lock and writes to disk, neither of which may hold up
/// the screen. What a save did comes back as an action.
struct Saver {
    done: mpsc::Receiver<SaveOutcome>,
    send: mpsc::Sender<SaveOutcome>,
    running: bool,
    /// When to save the changes not yet saved.
    due: Option<Instant>,
}

impl Saver {
    fn new() -> Saver {
        let (send, done) = mpsc::channel();
        Saver {
            done,
            send,
            running: false,
            due: None,
        }
    }

    /// Takes in a finished save and starts the next one when due; says whether the screen
    /// needs redrawing.
    fn tick(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        while let Ok(outcome) = self.done.try_recv() {
            self.running = false;
            if outcome.error().is_some() {
                self.due = Some(Instant::now() + RETRY_DELAY);
            }
            update(app, Action::StateSaved(outcome));
            changed = true;
        }
        if !app.store.is_dirty() {
            self.due = None;
            return changed;
        }
        let due = *self.due.get_or_insert_with(|| Instant::now() + SAVE_DELAY);
        if self.running || Instant::now() < due {
            return changed;
        }
        if let Some(job) = app.store.save_job() {
            self.running = true;
            self.due = None;
            let send = self.send.clone();
            std::thread::spawn(move || {
                let _ = send.send(job.run());
            });
        }
        changed
    }

    /// Saves every change now, on this thread: before the process is stopped.
    fn save_now(&mut self, app: &mut App) {
        self.finish(app);
        if let Some(job) = app.store.save_job() {
            update(app, Action::StateSaved(job.run()));
        }
        self.due = None;
    }

    /// Waits for a running save (at most as long as a save may wait for the lock).
    fn finish(&mut self, app: &mut App) {
        if !self.running {
            return;
        }
        let limit = crate::state::LOCK_TIMEOUT + Duration::from_secs(5);
        if let Ok(outcome) = self.done.recv_timeout(limit) {
            update(app, Action::StateSaved(outcome));
        }
        self.running = false;
    }
}

/// Debug builds only: `CABLE_READER_TEST_PANIC` makes the reader panic once it has drawn,
/// so the end-to-end tests can show that a panic gives the terminal back. Release builds
/// have no such switch.
fn panic_if_asked() {
    #[cfg(debug_assertions)]
    if std::env::var_os("CABLE_READER_TEST_PANIC").is_some() {
        panic!("CABLE_READER_TEST_PANIC asked for a panic");
    }
}

/// Ctrl-Z: give the terminal back, stop, and take it again when continued.
fn suspend(session: &mut Session, mouse: bool) -> io::Result<()> {
    restore()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)?;
    session.terminal.clear()
}

/// Does what `update` asked; a failure is a message for the user.
fn perform(session: &mut Session, app: &App, effect: Effect) -> Result<(), String> {
    match effect {
        Effect::Copy(text) => {
            let mut out = io::stdout();
            io::Write::write_all(&mut out, osc52(&text).as_bytes())
                .and_then(|()| io::Write::flush(&mut out))
                .map_err(|error| format!("could not copy: {error}"))
        }
        Effect::CaptureMouse(on) => {
            capture_mouse(on).map_err(|error| format!("could not switch the mouse: {error}"))
        }
        Effect::Show { program, text } => {
            // The program gets the terminal as the user's shell has it, and the reader's
            // screen comes back whatever the program did.
            restore().map_err(|error| error.to_string())?;
            let shown = crate::external::show(program, &text);
            let back = enter(app.mouse_captured).and_then(|()| session.terminal.clear());
            back.map_err(|error| format!("could not take the terminal back: {error}"))?;
            shown
        }
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard: `ESC ] 52 ; c ; base64 BEL`.
/// Terminals (and tmux with `set-clipboard on`) take it from the program's output, so it
/// works over ssh too.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::app::state::Entry;
    use crate::cable::Cable;
    use ratatui::crossterm::event::{KeyEvent, KeyEventState, KeyModifiers, MouseEvent};

    fn app() -> App {
        App::new(vec![Entry::cable("x".into(), None, Cable::default())])
    }

    fn mouse(kind: MouseEventKind) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column: 7,
            row: 9,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn events_become_actions() {
        let app = app();
        assert_eq!(
            action_for(&app, mouse(MouseEventKind::ScrollDown)),
            Some(Action::Scroll {
                column: 7,
                row: 9,
                lines: 1
            })
        );
        assert_eq!(
            action_for(&app, mouse(MouseEventKind::ScrollUp)),
            Some(Action::Scroll {
                column: 7,
                row: 9,
                lines: -1
            })
        );
        assert_eq!(
            action_for(&app, mouse(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 7, row: 9 })
        );
        assert_eq!(action_for(&app, mouse(MouseEventKind::Moved)), None);
        assert_eq!(
            action_for(&app, Event::Resize(80, 24)),
            Some(Action::Resize {
                width: 80,
                height: 24
            })
        );
        assert_eq!(
            action_for(
                &app,
                Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))
            ),
            Some(Action::Quit)
        );
        // only presses count
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::NONE;
        assert_eq!(action_for(&app, Event::Key(release)), None);
        // a paste outside a search does nothing
        assert_eq!(action_for(&app, Event::Paste("x".into())), None);
    }

    #[test]
    fn restore_is_harmless_when_nothing_was_entered() {
        assert!(restore().is_ok());
        assert!(restore().is_ok());
    }
}
