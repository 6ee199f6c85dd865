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

use crate::library::Bed;

/// Bars in a full bed.
const BARS: u32 = 8;

/// Bumped whenever a bed's composition changes, so that cached files are rewritten.
const VERSION: u32 = 1;

/// Where `bed` is cached under `library_dir`.
pub fn bed_path(library_dir: &Path, bed: Bed) -> PathBuf {
    library_dir.join(format!("{}-v{VERSION}.wav", bed.key()))
}

/// Plays `bed` for `bars` bars (8 make the full loop).
pub fn synthesize(bed: Bed, bars: u32) -> Mix {
    beds::play(bed, bars)
}

/// Makes sure `bed` exists at `path`, synthesising it when it does not; the file is written
/// under a temporary name and renamed, so a reader never sees half a file.
pub fn ensure_bed(bed: Bed, path: &Path) -> Result<(), RenderError> {
    if path.is_file() {
        return Ok(());
    }
    let key = bed.key();
    let mix = synthesize(bed, BARS);
    let bytes = wav::encode(&mix);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|err| RenderError::io("creating the music library", &err))?;
    write_atomically(path, &bytes)
        .map_err(|err| RenderError::io(format!("writing library music '{key}'"), &err))
}

#[cfg(test)]
mod tests;
