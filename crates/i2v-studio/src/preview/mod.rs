//! What a browser preview of a draft needs from the studio: every picture as a JPEG any
//! browser decodes, standing upright and at most [`MAX_SIDE`] px on its long side, and every
//! sound as a file a browser plays (`docs/PROTOCOL.md` §3.9, the preview routes).
//!
//! A browser cannot be trusted with the uploads as they are: Chromium decodes no HEIC, a
//! 12-megapixel photo takes a second to decode and 48 MB to hold, and whether `createImageBitmap`
//! turns a photo by its EXIF orientation depends on the browser and its options. So each
//! picture is made into a proxy once, by the same reading the render does
//! ([`crate::render::source::resolve`]: HEIF through `heif-convert`, the orientation as
//! filters with ffmpeg's own turning off), and the proxy carries no orientation tag at all.
//! Sound a browser plays is served as stored; the sound of a video is taken out once as AAC in
//! M4A (a video's bytes are mostly pictures the preview does not need); a library bed is its
//! WAV, the very file the render loops (a few MB, played by every browser, no encoding step
//! that could make it sound different from the export).
//!
//! Media are immutable, so a preview made once is served for ever from `previews/` in the data
//! dir; [`VERSION`] in its name retires the files of an older recipe. Each is written under a
//! temporary name and renamed, as the studio writes every file a reader may meet.

mod picture;
mod sound;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::render::{Control, RenderError, Tools, run_ffmpeg, temporary_beside};

pub use picture::{MAX_SIDE, picture};
pub use sound::{library, sound};

/// Where previews are cached, below the data dir.
pub const PREVIEW_DIR: &str = "previews";

/// Bumped whenever the way a preview is made changes, so older files are not served again.
const VERSION: u32 = 1;

/// The longest one preview may take to make: far more than a 12 MP photo or a song needs.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// A preview ready to serve: its file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The file.
    pub path: PathBuf,
    /// Its MIME type.
    pub content_type: String,
}

/// Why there is no preview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The file cannot be read as what it is (corrupt, cut short, a video without sound).
    #[error("'{name}' cannot be previewed: {reason}")]
    Unreadable {
        /// The media's name, as it was uploaded.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The studio could not make it, for a reason of its own (a tool missing, out of time, a
    /// disk error).
    #[error(transparent)]
    Failed(RenderError),
}

impl PreviewError {
    /// A render step's failure on `name`'s file, told as the preview's: ffmpeg failing on
    /// the one input it has is that file's fault.
    fn of(name: &str, err: RenderError) -> PreviewError {
        let unreadable = |reason: String| PreviewError::Unreadable {
            name: name.to_owned(),
            reason,
        };
        match err {
            RenderError::UnreadableMedia { reason, .. } => unreadable(reason),
            RenderError::Ffmpeg { reason } => unreadable(reason),
            RenderError::OverMemory { limit_mib } => {
                unreadable(format!("decoding it needs more than {limit_mib} MiB"))
            }
            other => PreviewError::Failed(other),
        }
    }
}

/// How previews are made: with the render's programs and memory limit, into a cache dir.
#[derive(Debug, Clone, Copy)]
pub struct Maker<'a> {
    /// ffmpeg and heif-convert.
    pub tools: &'a Tools,
    /// The most memory one ffmpeg may hold, in bytes (`None`: no limit).
    pub memory_limit: Option<u64>,
    /// Where the previews are kept (`previews/` in the data dir).
    pub cache_dir: &'a Path,
}

impl Maker<'_> {
    /// Where the preview of `media_id` with extension `ext` is kept.
    fn cached(&self, media_id: &str, ext: &str) -> PathBuf {
        self.cache_dir.join(format!("{media_id}-v{VERSION}.{ext}"))
    }

    /// Runs ffmpeg with `args` (the inputs and encoding; the output file comes last) into a
    /// temporary file beside `target`, then renames it into place; `input` pairs the path
    /// ffmpeg was given with the media's name, so a failure names the media.
    async fn ffmpeg(
        &self,
        args: Vec<String>,
        input: (String, String),
        target: &Path,
    ) -> Result<(), PreviewError> {
        let name = input.1.clone();
        let io = |context: &str, err: &std::io::Error| {
            PreviewError::Failed(RenderError::io(format!("{context} for '{name}'"), err))
        };
        tokio::fs::create_dir_all(self.cache_dir)
            .await
            .map_err(|err| io("creating the preview cache", &err))?;
        let temporary = temporary_beside(target);
        let mut args = args;
        args.push(format!("file:{}", utf8(&temporary, &name)?));
        let cancel = CancellationToken::new();
        let control = Control {
            progress: &mut |_| {},
            cancel: &cancel,
            deadline: Instant::now() + TIME_LIMIT,
            limit: TIME_LIMIT,
            memory_limit: self.memory_limit,
        };
        // The duration only scales progress, which nobody reads here.
        let ran = run_ffmpeg(&self.tools.ffmpeg, None, &args, 1, &[input], control).await;
        let placed = match ran {
            Ok(_) => tokio::fs::rename(&temporary, target)
                .await
                .map_err(|err| io("keeping the preview", &err)),
            Err(err) => Err(PreviewError::of(&name, err)),
        };
        if placed.is_err() {
            let _ = tokio::fs::remove_file(&temporary).await;
        }
        placed
    }
}

/// A path as ffmpeg's arguments need it; the studio's own paths are UTF-8, so this only fails
/// for a data dir named otherwise.
fn utf8<'p>(path: &'p Path, name: &str) -> Result<&'p str, PreviewError> {
    path.to_str()
        .ok_or_else(|| PreviewError::of(name, RenderError::PathNotUtf8(path.display().to_string())))
}

/// ffmpeg's first words on every preview: quiet, overwriting, errors only, progress on stdout
/// (what the render's runner reads).
fn quiet() -> Vec<String> {
    crate::render::QUIET_WITH_PROGRESS
        .map(String::from)
        .to_vec()
}

#[cfg(test)]
mod tests;
