//! A writer killed with SIGKILL at random moments while it saves a large state must leave the
//! file either as the last complete state or the one before, never torn.
//!
//! The writer is this test binary itself, started again with `STATE_KILL_WRITER_DIR` set, so
//! `writer_child` loops saving instead of returning at once.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cable_reader::config::LevelFilter;
use cable_reader::state::{Bookmark, CableKey, Position, State, Store, STATE_FILE};

const DIR_VAR: &str = "STATE_KILL_WRITER_DIR";
/// Bookmarks written once, so every save rewrites a file of a few megabytes.
const FILLER: usize = 4000;

fn bookmark(id: &str, paragraph: usize, words: String) -> Bookmark {
    Bookmark {
        cable: CableKey::new(Some(id), id),
        paragraph,
        number: Some(u32::try_from(paragraph).unwrap_or(0)),
        marking: Some("S//NF".to_owned()),
        first_words: words,
        path: None,
        created_at: 0,
    }
}

fn generation_key() -> CableKey {
    CableKey::new(Some("GENERATION"), "generation")
}

/// Not a test on its own: the body of the writer process.
#[test]
fn writer_child() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return Ok(());
    };
    let dir = Path::new(&dir);
    let (mut store, _) = Store::open(dir)?;
    let start = store
        .position(&generation_key())
        .map_or(0, |position| position.paragraph);
    if start == 0 {
        for n in 0..FILLER {
            let words = format!("FILLER {n} {}", "WORDS OF A LONG PARAGRAPH ".repeat(4));
            store.toggle_bookmark(bookmark("09FILLER", n, words));
        }
    }
    for generation in start + 1.. {
        // One save = one generation: its bookmark and the generation number together.
        store.toggle_bookmark(bookmark("10GEN", generation, format!("GEN {generation}")));
        store.set_position(
            generation_key(),
            Position::new(generation, generation, LevelFilter::all()),
        );
        store.save()?;
    }
    Ok(())
}

/// The generation a complete file holds; panics on any sign of a torn or mixed file.
fn check_complete(state: &State) -> usize {
    let generation = state
        .position(&generation_key())
        .map_or(0, |position| position.paragraph);
    let filler = state
        .bookmarks()
        .iter()
        .filter(|b| b.cable.id == "09FILLER")
        .count();
    let generations: Vec<usize> = state
        .bookmarks()
        .iter()
        .filter(|b| b.cable.id == "10GEN")
        .map(|b| b.paragraph)
        .collect();
    assert_eq!(filler, FILLER, "filler bookmarks lost");
    assert_eq!(
        generations,
        (1..=generation).collect::<Vec<_>>(),
        "bookmarks and position from different saves"
    );
    generation
}

fn seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0x1234_5678, |d| d.as_nanos() as u64)
        | 1
}

#[test]
fn killing_a_writer_mid_save_leaves_the_old_or_the_new_file(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let exe = std::env::current_exe()?;
    let mut random = seed();
    let mut next = move || {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random
    };
    let mut last_generation = 0;
    let mut kills_mid_run = 0;
    let mut reads = 0;
    for round in 0..12 {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(DIR_VAR, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        // Wait until it has saved at least once this round, then kill at a random moment.
        let started = Instant::now();
        let path = dir.path().join(STATE_FILE);
        let before = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        while std::fs::metadata(&path).and_then(|m| m.modified()).ok() == before
            && started.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        // Until the kill, read the file as another instance opening it would: every read
        // must find a complete state too.
        let deadline = Instant::now() + Duration::from_micros(next() % 300_000);
        while Instant::now() < deadline {
            let bytes = std::fs::read(&path)?;
            let state: State = serde_json::from_slice(&bytes)
                .map_err(|e| format!("round {round}: a reader saw a torn file: {e}"))?;
            check_complete(&state);
            reads += 1;
        }
        if child.try_wait()?.is_none() {
            kills_mid_run += 1;
        }
        child.kill()?; // SIGKILL on unix
        child.wait()?;

        let bytes = std::fs::read(&path)?;
        let state: State = serde_json::from_slice(&bytes)
            .map_err(|e| format!("round {round}: torn state file: {e}"))?;
        let generation = check_complete(&state);
        assert!(
            generation >= last_generation,
            "round {round}: went back from {last_generation} to {generation}"
        );
        last_generation = generation;

        // And the store opens it without a warning (nothing moved aside).
        let (store, warnings) = Store::open(dir.path())?;
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(check_complete(store.state()), generation);
    }
    println!("{reads} reads while writing, last generation {last_generation}");
    assert!(
        kills_mid_run >= 10,
        "writers ended on their own: {kills_mid_run}"
    );
    // Each round waits for one save before killing, so every round saved at least once.
    assert!(last_generation >= 12, "too few saves: {last_generation}");
    // Temp files of killed writers are cleared by the next open.
    let leftovers = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert_eq!(leftovers, 0);
    Ok(())
}

#[test]
fn a_save_takes_long_enough_to_be_killed_in() -> Result<(), Box<dyn std::error::Error>> {
    // The kill test is only worth something if a save lasts a while: print how long.
    let dir = tempfile::tempdir()?;
    let (mut store, _) = Store::open(dir.path())?;
    for n in 0..FILLER {
        store.toggle_bookmark(bookmark("09FILLER", n, "W ".repeat(50)));
    }
    let start = Instant::now();
    store.save()?;
    let size = std::fs::metadata(dir.path().join(STATE_FILE))?.len();
    println!("one save: {:?} for {size} bytes", start.elapsed());
    assert!(size > 1_000_000);
    Ok(())
}
