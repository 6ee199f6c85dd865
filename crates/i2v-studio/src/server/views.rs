//! The wire shapes of what the store keeps: media as the upload answer describes them, and a
//! session's state (`docs/PROTOCOL.md` §3.5, §3.7).

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::envelope::ApiError;
use crate::config::Dialect;
use crate::store::{Canvas, MediaRecord, Store};

/// One medium as the upload answer and the state's `video_infos` describe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaView {
    /// The id drafts refer to.
    pub media_id: String,
    /// The file name the client gave.
    pub name: String,
    /// `image`, `video` or `audio`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The MIME type judged from the content.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// Width in pixels, for images and videos.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels, for images and videos.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Length in milliseconds, for videos and audio.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The EXIF orientation of the stored pixels (`1`–`8`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orientation: Option<String>,
}

impl From<&MediaRecord> for MediaView {
    fn from(record: &MediaRecord) -> MediaView {
        MediaView {
            media_id: record.media_id.clone(),
            name: record.name.clone(),
            kind: record.kind.as_str(),
            mime: record.mime.clone(),
            size: record.size,
            width: record.width,
            height: record.height,
            duration_ms: record.duration_ms,
            orientation: record.orientation.clone(),
        }
    }
}

/// The canvas as `canvas_config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CanvasView {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
}

impl From<Canvas> for CanvasView {
    fn from(canvas: Canvas) -> CanvasView {
        CanvasView {
            width: canvas.width,
            height: canvas.height,
            fps: canvas.fps,
        }
    }
}

/// A session's state: `{"draft","video_infos","canvas_config","generated_media"}`, and in the
/// api-reference dialect `video_analyses` too.
#[derive(Debug, Serialize)]
pub struct StateView {
    /// The latest draft, exactly as it was saved, or null before the first one.
    pub draft: Option<Box<RawValue>>,
    /// The session's uploaded media, in upload order.
    pub video_infos: Vec<MediaView>,
    /// The canvas.
    pub canvas_config: CanvasView,
    /// Media the studio generated (none: it composes uploads, it does not synthesize).
    pub generated_media: Vec<MediaView>,
    /// What an analysis of the videos found (api-reference dialect only; the studio analyses
    /// nothing, so it is empty there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_analyses: Option<Vec<Value>>,
}

impl StateView {
    /// Reads the state of `session_id` from the store, as `dialect` shows it.
    pub fn load(store: &Store, session_id: &str, dialect: Dialect) -> Result<StateView, ApiError> {
        let draft = match store.latest_draft(session_id)? {
            Some(stored) => Some(RawValue::from_string(stored.json).map_err(|err| {
                // The store only saves valid JSON, so this is a damaged file.
                tracing::error!(error = %err, "stored draft is not json");
                ApiError::Internal
            })?),
            None => None,
        };
        Ok(StateView {
            draft,
            video_infos: store
                .session_media(session_id)?
                .iter()
                .map(MediaView::from)
                .collect(),
            canvas_config: store.canvas(session_id)?.into(),
            generated_media: Vec::new(),
            video_analyses: (dialect == Dialect::Reference).then(Vec::new),
        })
    }
}
