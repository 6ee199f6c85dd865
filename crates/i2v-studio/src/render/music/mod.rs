//! The built-in music library: four synthesised beds (`library:lofi`, `library:upbeat`,
//! `library:calm`, `library:cinematic`), written once as WAV files into the data directory
//! and looped under the video by the render.
//!
//! They are composed here rather than drawn from ffmpeg's test sources so that they sound like
//! music: chords that move, a bass line, drums or a pulse, and a melody in the second half.

mod beds;
mod synth;
mod wav;

use std::path::{Path, PathBuf};

use super::error::RenderError;
use super::files::write_atomically;

pub use synth::{Mix, RATE};

/// The keys of the library, as `src` names them after `library:`.
pub const KEYS: [&str; 4] = ["lofi", "upbeat", "calm", "cinematic"];

/// Bars in a full bed.
const BARS: u32 = 8;

/// Bumped whenever a bed's composition changes, so that cached files are rewritten.
const VERSION: u32 = 1;

/// Where the bed `key` is cached under `library_dir`.
pub fn bed_path(library_dir: &Path, key: &str) -> Result<PathBuf, RenderError> {
    if !KEYS.contains(&key) {
        return Err(RenderError::UnknownMusic { key: key.into() });
    }
    Ok(library_dir.join(format!("{key}-v{VERSION}.wav")))
}

/// Plays the bed `key` for `bars` bars (8 make the full loop); `None` for an unknown key.
pub fn synthesize(key: &str, bars: u32) -> Option<Mix> {
    beds::play(key, bars)
}

/// Makes sure the bed `key` exists at `path`, synthesising it when it does not; the file is
/// written under a temporary name and renamed, so a reader never sees half a file.
pub fn ensure_bed(key: &str, path: &Path) -> Result<(), RenderError> {
    if path.is_file() {
        return Ok(());
    }
    let mix = synthesize(key, BARS).ok_or_else(|| RenderError::UnknownMusic { key: key.into() })?;
    let bytes = wav::encode(&mix);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|err| RenderError::io("creating the music library", &err))?;
    write_atomically(path, &bytes)
        .map_err(|err| RenderError::io(format!("writing library music '{key}'"), &err))
}

#[cfg(test)]
mod tests;
