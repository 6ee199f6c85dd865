//! What a render is asked to do: the draft, the session's media it names, and the canvas.

use std::collections::HashMap;
use std::path::PathBuf;

use i2v_core::draft::Draft;
use sha2::{Digest, Sha256};

use super::error::{QueueError, RenderError};
use crate::media::Facts;

/// The frame a render fills: its size in pixels and its frame rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Canvas {
    /// Width in pixels (even).
    pub width: u32,
    /// Height in pixels (even).
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
}

impl Canvas {
    /// 1920x1080 at 30 fps, the protocol's default canvas.
    pub const LANDSCAPE: Canvas = Canvas::new(1920, 1080, 30);
    /// 1080x1920 at 30 fps, for phones held upright.
    pub const VERTICAL: Canvas = Canvas::new(1080, 1920, 30);
    /// 1080x1080 at 30 fps.
    pub const SQUARE: Canvas = Canvas::new(1080, 1080, 30);

    /// A canvas of this size and frame rate (checked when a render is planned).
    pub const fn new(width: u32, height: u32, fps: u32) -> Canvas {
        Canvas { width, height, fps }
    }

    /// Checks what H.264 in yuv420p and the filters can make: even sizes from 16 to 4096
    /// pixels, and 1 to 60 frames per second.
    pub fn check(&self) -> Result<(), RenderError> {
        let side_ok = |side: u32| (16..=4096).contains(&side) && side % 2 == 0;
        if !side_ok(self.width) || !side_ok(self.height) {
            return Err(RenderError::InvalidCanvas(format!(
                "{}x{} (sides must be even, 16 to 4096 pixels)",
                self.width, self.height
            )));
        }
        if !(1..=60).contains(&self.fps) {
            return Err(RenderError::InvalidCanvas(format!(
                "{} fps (1 to 60)",
                self.fps
            )));
        }
        Ok(())
    }

    /// How text sizes scale: font sizes in a draft are pixels on a 1080-pixel short side.
    pub(crate) fn text_scale(&self) -> f64 {
        f64::from(self.width.min(self.height)) / 1080.0
    }

    /// The frame on which a time in ms falls, rounded to the nearest frame.
    pub(crate) fn frame_at(&self, ms: u64) -> u64 {
        let fps = u128::from(self.fps);
        let frame = (u128::from(ms) * fps + 500) / 1000;
        u64::try_from(frame).unwrap_or(u64::MAX)
    }

    /// Where a frame starts, in seconds.
    pub(crate) fn seconds_at(&self, frame: u64) -> f64 {
        frame as f64 / f64::from(self.fps.max(1))
    }
}

impl Default for Canvas {
    fn default() -> Canvas {
        Canvas::LANDSCAPE
    }
}

pub use crate::media::MediaKind;

/// One uploaded file of the session, as the media store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// What it holds.
    pub kind: MediaKind,
    /// The name it was uploaded with, for messages (`beach.jpg`).
    pub name: String,
    /// What its upload learnt from its bytes (format, orientation, stored size); `None` means
    /// "inspect the file when rendering" (uploads from before these were kept, requests built
    /// by hand).
    pub facts: Option<Facts>,
    /// How long it plays, for video and audio, when known.
    pub duration_ms: Option<u64>,
}

impl MediaFile {
    /// A file of this kind at this path, named after the file, with nothing else known yet.
    pub fn new(path: impl Into<PathBuf>, kind: MediaKind) -> MediaFile {
        let path = path.into();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        MediaFile {
            path,
            kind,
            name,
            facts: None,
            duration_ms: None,
        }
    }
}

/// What the client asked the output to be (`output` of the export request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputAsked {
    /// The container (`mp4`).
    pub format: String,
    /// The quality word (`high` by default).
    pub quality: String,
}

impl Default for OutputAsked {
    fn default() -> OutputAsked {
        OutputAsked {
            format: "mp4".into(),
            quality: "high".into(),
        }
    }
}

/// One export: the job id, the session it belongs to, and everything needed to render it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderRequest {
    /// The id the client chose (`render_<ts>`); it names the output file.
    pub render_id: String,
    /// The session the export belongs to: one export per session runs at a time.
    pub session_id: String,
    /// The timeline to render.
    pub draft: Draft,
    /// The session's media, by media id.
    pub media: HashMap<String, MediaFile>,
    /// The frame to fill.
    pub canvas: Canvas,
    /// What the output was asked to be.
    pub output: OutputAsked,
}

impl RenderRequest {
    /// What makes two renders the same video: the SHA-256 of the draft as JSON, the canvas and
    /// the output asked for (media ids name immutable uploads, so the draft names its pictures).
    pub fn cache_key(&self) -> String {
        let asked = format!(
            "{}\n{}x{}@{}\n{}/{}",
            self.draft.to_json(),
            self.canvas.width,
            self.canvas.height,
            self.canvas.fps,
            self.output.format,
            self.output.quality
        );
        Sha256::digest(asked.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// Checks that a render id can name files: 1 to 100 ASCII letters, digits, `-` or `_`.
pub fn check_render_id(id: &str) -> Result<(), QueueError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.is_empty() || id.len() > 100 || !id.chars().all(allowed) {
        return Err(QueueError::InvalidId);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_canvases_are_valid_and_odd_ones_are_not() {
        for canvas in [Canvas::LANDSCAPE, Canvas::VERTICAL, Canvas::SQUARE] {
            assert_eq!(canvas.check(), Ok(()));
        }
        assert!(Canvas::new(1921, 1080, 30).check().is_err());
        assert!(Canvas::new(8, 8, 30).check().is_err());
        assert!(Canvas::new(1920, 1080, 0).check().is_err());
        assert!(Canvas::new(1920, 1080, 240).check().is_err());
    }

    #[test]
    fn times_fall_on_the_nearest_frame() {
        let canvas = Canvas::LANDSCAPE;
        assert_eq!(canvas.frame_at(0), 0);
        assert_eq!(canvas.frame_at(1000), 30);
        assert_eq!(canvas.frame_at(16), 0);
        assert_eq!(canvas.frame_at(17), 1);
        assert_eq!(canvas.frame_at(u64::MAX), 553_402_322_211_286_548);
        assert!((canvas.seconds_at(45) - 1.5).abs() < 1e-9);
    }

    #[test]
    fn text_scales_with_the_short_side() {
        assert!((Canvas::VERTICAL.text_scale() - 1.0).abs() < 1e-9);
        assert!((Canvas::new(640, 360, 30).text_scale() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn render_ids_must_be_safe_file_names() {
        assert_eq!(check_render_id("render_1700000000000"), Ok(()));
        assert_eq!(check_render_id("a-B_9"), Ok(()));
        for bad in ["", "../x", "a b", "x.mp4", "ü", &"a".repeat(101)] {
            assert_eq!(check_render_id(bad), Err(QueueError::InvalidId), "{bad}");
        }
    }

    #[test]
    fn a_media_file_is_named_after_its_file() {
        let file = MediaFile::new("/data/media/beach.jpg", MediaKind::Image);
        assert_eq!(file.name, "beach.jpg");
        assert_eq!(file.facts, None);
    }
}
