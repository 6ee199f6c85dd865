//! What a render is asked to do: the draft, the session's media it names, and the canvas.

use std::collections::HashMap;
use std::path::PathBuf;

use i2v_core::draft::Draft;
use sha2::{Digest, Sha256};

use super::error::{QueueError, RenderError};
use super::output::OutputSpec;
use crate::media::Facts;

pub use i2v_core::draft::Canvas;

/// Checks that a canvas is one H.264 in yuv420p and the filters can make: even sizes from 16
/// to 4096 pixels, and 1 to 60 frames per second.
pub fn check_canvas(canvas: &Canvas) -> Result<(), RenderError> {
    let side_ok = |side: u32| (16..=4096).contains(&side) && side % 2 == 0;
    if !side_ok(canvas.width) || !side_ok(canvas.height) {
        return Err(RenderError::InvalidCanvas(format!(
            "{}x{} (sides must be even, 16 to 4096 pixels)",
            canvas.width, canvas.height
        )));
    }
    if !(1..=60).contains(&canvas.fps) {
        return Err(RenderError::InvalidCanvas(format!(
            "{} fps (1 to 60)",
            canvas.fps
        )));
    }
    Ok(())
}

/// Where a frame starts, in seconds.
pub(crate) fn seconds_at(canvas: &Canvas, frame: u64) -> f64 {
    frame as f64 / f64::from(canvas.fps.max(1))
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
    /// The SHA-256 of its bytes in hex, as its upload computed it; `None`: computed when a
    /// segmented render first needs it (its segments name their inputs by content).
    pub sha256: Option<String>,
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
            sha256: None,
        }
    }
}

/// One export: the job id, the session it belongs to, and everything needed to render it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderRequest {
    /// The id the client chose (the SDK's: `render_<uuid v4 hex>`); it names the output file.
    pub render_id: String,
    /// The session the export belongs to: one export per session runs at a time.
    pub session_id: String,
    /// Who asked for it (the session's user): renders are shared out fairly between owners.
    pub owner: String,
    /// The timeline to render.
    pub draft: Draft,
    /// The session's media, by media id.
    pub media: HashMap<String, MediaFile>,
    /// The frame to fill.
    pub canvas: Canvas,
    /// What the output was asked to be.
    pub output: OutputSpec,
}

impl RenderRequest {
    /// What makes two renders the same video: the SHA-256 of the draft as JSON, the canvas and
    /// the output asked for (media ids name immutable uploads, so the draft names its pictures).
    pub fn cache_key(&self) -> String {
        let output = &self.output;
        let asked = format!(
            "{}\n{}x{}@{}\n{}/{}/{}/{}",
            self.draft.to_json(),
            self.canvas.width,
            self.canvas.height,
            self.canvas.fps,
            output.format.as_str(),
            output
                .short_side
                .map_or("canvas".into(), |side| side.to_string()),
            output.fps.map_or("canvas".into(), |fps| fps.to_string()),
            output.quality.as_str()
        );
        Sha256::digest(asked.as_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// The frame the render makes: the session's canvas as the output asks it
    /// ([`OutputSpec::canvas`]).
    pub fn render_canvas(&self) -> Canvas {
        self.output.canvas(self.canvas)
    }
}

/// The longest render id a client may choose.
pub const MAX_RENDER_ID_LEN: usize = 100;

/// Checks that a render id can name files: 1 to [`MAX_RENDER_ID_LEN`] ASCII letters, digits,
/// `-` or `_`, and room for the owner's prefix the exports put before it (`u<user>-`).
pub fn check_render_id(id: &str) -> Result<(), QueueError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.is_empty() || id.len() > MAX_RENDER_ID_LEN + 24 || !id.chars().all(allowed) {
        return Err(QueueError::InvalidId);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agents_canvases_are_valid_and_odd_ones_are_not() {
        let canvases = [
            Canvas::LANDSCAPE,
            Canvas::VERTICAL,
            Canvas::SQUARE,
            Canvas::TALL,
            Canvas::CLASSIC,
        ];
        for canvas in canvases {
            assert_eq!(check_canvas(&canvas), Ok(()));
        }
        assert!(check_canvas(&Canvas::new(1921, 1080, 30)).is_err());
        assert!(check_canvas(&Canvas::new(8, 8, 30)).is_err());
        assert!(check_canvas(&Canvas::new(1920, 1080, 0)).is_err());
        assert!(check_canvas(&Canvas::new(1920, 1080, 240)).is_err());
    }

    #[test]
    fn frames_start_at_their_second() {
        assert!((seconds_at(&Canvas::LANDSCAPE, 45) - 1.5).abs() < 1e-9);
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
        for bad in ["", "../x", "a b", "x.mp4", "ü", &"a".repeat(125)] {
            assert_eq!(check_render_id(bad), Err(QueueError::InvalidId), "{bad}");
        }
    }

    #[test]
    fn the_sdks_render_ids_fit_even_under_the_widest_owner_prefix() {
        // What the SDK sends: `render_` and a UUID v4's 32 hex digits.
        let sdk = "render_9f1c2a7be3d84c0f8a61d2e5b7c94a03";
        assert!(sdk.len() <= MAX_RENDER_ID_LEN);
        assert_eq!(check_render_id(sdk), Ok(()));
        // As the queue knows it (`u<user>-<id>`, the exports' scoped id), for the longest user id.
        let scoped = format!("u{}-{sdk}", i64::MIN);
        assert_eq!(check_render_id(&scoped), Ok(()));
    }

    #[test]
    fn a_media_file_is_named_after_its_file() {
        let file = MediaFile::new("/data/media/beach.jpg", MediaKind::Image);
        assert_eq!(file.name, "beach.jpg");
        assert_eq!(file.facts, None);
    }
}
