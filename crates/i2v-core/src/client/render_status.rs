//! Reading a render's poll answer in every dialect the cloud is documented to speak
//! (`docs/PROTOCOL.md` §3.8 and §8).
//!
//! The seed form has `status`, `progress` and `output.url` at the top level; the api-reference
//! form has them inside `data`, with the URL as `outputUrl`. Each field is looked for at the top
//! level first, then in `data` ([`Payload::field`]); the URL is the first of `output.url`,
//! `outputUrl` and `output_url` (and `output` itself when it is a string), and the poster the
//! first of `output.poster_url`, `posterUrl` and `poster_url`. What the file is (`format`,
//! `mime`, `width`, `height`, `fps`, `duration_ms`, `size`) is read from `output`, else from
//! the answer itself, in either spelling (`durationMs`).

use serde_json::Value;

use super::envelope::Payload;
use super::output::is_made;
use crate::intent::VideoFormat;

/// Where a render stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderStatus {
    /// Queued.
    Pending,
    /// Rendering.
    Processing,
    /// Done: the output is ready.
    Completed,
    /// Failed.
    Failed,
    /// Stopped on request (`POST …/<id>/cancel`); it produced nothing.
    Cancelled,
}

impl RenderStatus {
    /// Reads the protocol's status word; unknown words are taken as still pending.
    pub(crate) fn parse(word: &str) -> RenderStatus {
        match word.to_ascii_lowercase().as_str() {
            "processing" | "running" | "rendering" => RenderStatus::Processing,
            "completed" | "complete" | "done" | "succeeded" | "success" => RenderStatus::Completed,
            "failed" | "error" => RenderStatus::Failed,
            "cancelled" | "canceled" => RenderStatus::Cancelled,
            _ => RenderStatus::Pending,
        }
    }

    /// The status as the protocol writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderStatus::Pending => "pending",
            RenderStatus::Processing => "processing",
            RenderStatus::Completed => "completed",
            RenderStatus::Failed => "failed",
            RenderStatus::Cancelled => "cancelled",
        }
    }

    /// Whether the render has ended, one way or another.
    pub fn is_final(self) -> bool {
        !matches!(self, RenderStatus::Pending | RenderStatus::Processing)
    }
}

/// What one poll answer says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Polled {
    /// The status.
    pub(crate) status: RenderStatus,
    /// Percent done, when the backend says.
    pub(crate) progress: Option<u8>,
    /// The output's URL, when the backend gives one.
    pub(crate) url: Option<String>,
    /// A still of the output, when the backend gives one.
    pub(crate) poster_url: Option<String>,
    /// The output's container.
    pub(crate) format: Option<VideoFormat>,
    /// The output's MIME type.
    pub(crate) mime: Option<String>,
    /// The output's frames per second.
    pub(crate) fps: Option<f64>,
    /// What the backend says of the output file (`output.size`, … in the seed form).
    pub(crate) size: Option<u64>,
    /// The output's width in pixels.
    pub(crate) width: Option<u32>,
    /// The output's height in pixels.
    pub(crate) height: Option<u32>,
    /// The output's length in milliseconds.
    pub(crate) duration_ms: Option<u64>,
    /// Why it failed, when it did and the backend said.
    pub(crate) reason: Option<String>,
}

impl Polled {
    /// Reads a poll answer; nothing in it is required (a missing status is still pending).
    pub(crate) fn read(payload: &Payload) -> Polled {
        let output = payload.field("output");
        // A fact of the file: in `output` (the seed form), else beside the URL (either dialect).
        let fact = |names: &[&str]| {
            names.iter().find_map(|name| {
                output
                    .and_then(|o| o.get(*name))
                    .filter(|v| !v.is_null())
                    .or_else(|| payload.field(name))
            })
        };
        let number = |names: &[&str]| fact(names).and_then(Value::as_u64);
        let text = |names: &[&str]| {
            fact(names)
                .and_then(Value::as_str)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        let url = output
            .and_then(|o| o.get("url").or(Some(o)))
            .and_then(Value::as_str)
            .or_else(|| payload.field("outputUrl").and_then(Value::as_str))
            .or_else(|| payload.field("output_url").and_then(Value::as_str))
            .filter(|url| !url.is_empty())
            .map(str::to_owned);
        Polled {
            status: payload
                .field("status")
                .and_then(Value::as_str)
                .map_or(RenderStatus::Pending, RenderStatus::parse),
            progress: payload
                .field("progress")
                .and_then(Value::as_f64)
                .map(|p| p.clamp(0.0, 100.0).round() as u8),
            url,
            poster_url: text(&["poster_url", "posterUrl"]),
            format: text(&["format"])
                .and_then(|f| VideoFormat::from_name(&f))
                .filter(|f| is_made(*f)),
            mime: text(&["mime", "mimeType", "mime_type"]),
            fps: fact(&["fps"])
                .and_then(Value::as_f64)
                .filter(|fps| *fps > 0.0),
            size: number(&["size"]),
            width: number(&["width"]).and_then(|v| u32::try_from(v).ok()),
            height: number(&["height"]).and_then(|v| u32::try_from(v).ok()),
            duration_ms: number(&["duration_ms", "durationMs"]),
            reason: failure_reason(payload),
        }
    }
}

/// The words of a failed render: `error` (a string, or an object with a `message`), else the
/// `message` inside `data` (the envelope's own top-level `message` is only "ok").
fn failure_reason(payload: &Payload) -> Option<String> {
    let error = payload.field("error");
    error
        .and_then(Value::as_str)
        .or_else(|| error.and_then(|e| e.get("message")).and_then(Value::as_str))
        .or_else(|| payload.data.get("message").and_then(Value::as_str))
        .filter(|reason| !reason.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;
    use crate::client::envelope::interpret;

    fn read(body: Value) -> Polled {
        let text = body.to_string();
        Polled::read(&interpret(200, None, text.as_bytes()).expect("a success"))
    }

    #[test]
    fn the_seed_form_at_the_top_level() {
        let polled = read(json!({
            "code": 0, "message": "ok",
            "status": "completed", "progress": 100,
            "output": {"url": "https://x/render_1.mp4", "size": 9, "width": 1920,
                       "height": 1080, "duration_ms": 6000},
            "data": {"status": "completed"}
        }));
        assert_eq!(polled.status, RenderStatus::Completed);
        assert_eq!(polled.progress, Some(100));
        assert_eq!(polled.url.as_deref(), Some("https://x/render_1.mp4"));
        assert_eq!(
            (polled.size, polled.width, polled.height, polled.duration_ms),
            (Some(9), Some(1920), Some(1080), Some(6000))
        );
        assert_eq!(polled.reason, None);
    }

    #[test]
    fn the_reference_form_inside_data() {
        let polled = read(json!({"success": true, "data": {
            "id": "render_x", "status": "completed", "progress": 100,
            "outputUrl": "https://static.example/render_x.mp4",
            "createdAt": 1773423613616_u64, "completedAt": 1773423641222_u64
        }}));
        assert_eq!(polled.status, RenderStatus::Completed);
        assert_eq!(
            polled.url.as_deref(),
            Some("https://static.example/render_x.mp4")
        );
        assert_eq!(polled.size, None);
    }

    #[test]
    fn what_was_made_in_the_seed_form() {
        let polled = read(json!({
            "code": 0, "message": "ok", "status": "completed", "progress": 100,
            "output": {"url": "https://x/r.gif", "poster_url": "https://x/r.jpg",
                       "format": "gif", "mime": "image/gif", "width": 854, "height": 480,
                       "fps": 25, "duration_ms": 2000, "size": 99}
        }));
        assert_eq!(polled.poster_url.as_deref(), Some("https://x/r.jpg"));
        assert_eq!(polled.format, Some(VideoFormat::Gif));
        assert_eq!(polled.mime.as_deref(), Some("image/gif"));
        assert_eq!(
            (polled.width, polled.height, polled.fps, polled.duration_ms),
            (Some(854), Some(480), Some(25.0), Some(2000))
        );
        // `data.output` reads the same.
        let inside = read(json!({"code": 0, "data": {"status": "completed",
            "output": {"url": "https://x/r.mov", "format": "mov", "poster_url": "https://x/p"}}}));
        assert_eq!(inside.format, Some(VideoFormat::Mov));
        assert_eq!(inside.poster_url.as_deref(), Some("https://x/p"));
    }

    #[test]
    fn what_was_made_in_the_reference_form() {
        let polled = read(json!({"success": true, "data": {
            "id": "render_x", "status": "completed", "progress": 100,
            "outputUrl": "https://static.example/render_x.webm",
            "posterUrl": "https://static.example/render_x.jpg",
            "format": "webm", "mime": "video/webm", "width": 1280, "height": 720,
            "fps": 30, "durationMs": 3000, "size": 5
        }}));
        assert_eq!(
            polled.url.as_deref(),
            Some("https://static.example/render_x.webm")
        );
        assert_eq!(
            polled.poster_url.as_deref(),
            Some("https://static.example/render_x.jpg")
        );
        assert_eq!(polled.format, Some(VideoFormat::Webm));
        assert_eq!(
            (
                polled.width,
                polled.height,
                polled.fps,
                polled.duration_ms,
                polled.size
            ),
            (Some(1280), Some(720), Some(30.0), Some(3000), Some(5))
        );
        // Only a format of the contract is named: nothing is made up from another word.
        for odd in ["flv", "mkv"] {
            let polled =
                read(json!({"status": "completed", "output": {"url": "u", "format": odd}}));
            assert_eq!(polled.format, None, "{odd}");
        }
    }

    #[test]
    fn every_spelling_of_the_url() {
        let url = |body: Value| read(body).url;
        assert_eq!(
            url(json!({"status": "completed", "output_url": "https://a"})).as_deref(),
            Some("https://a")
        );
        assert_eq!(
            url(json!({"data": {"output": "https://b"}, "success": true})).as_deref(),
            Some("https://b")
        );
        assert_eq!(url(json!({"status": "completed", "outputUrl": ""})), None);
        assert_eq!(
            url(json!({"status": "completed", "output": {"size": 1}})),
            None
        );
    }

    #[test]
    fn failures_keep_the_backends_words() {
        let reason = |body: Value| read(body).reason;
        assert_eq!(
            reason(json!({"code": 0, "message": "ok", "status": "failed", "error": "ffmpeg died"}))
                .as_deref(),
            Some("ffmpeg died")
        );
        assert_eq!(
            reason(json!({"success": true, "data": {"status": "failed", "message": "no gpu"}}))
                .as_deref(),
            Some("no gpu")
        );
        assert_eq!(
            reason(json!({"status": "failed", "error": {"message": "oom"}})).as_deref(),
            Some("oom")
        );
        assert_eq!(
            reason(json!({"code": 0, "message": "ok", "data": {"status": "failed"}})),
            None
        );
    }

    #[test]
    fn status_words() {
        for (word, status) in [
            ("pending", RenderStatus::Pending),
            ("queued", RenderStatus::Pending),
            ("RENDERING", RenderStatus::Processing),
            ("succeeded", RenderStatus::Completed),
            ("error", RenderStatus::Failed),
            ("canceled", RenderStatus::Cancelled),
            ("cancelled", RenderStatus::Cancelled),
        ] {
            assert_eq!(RenderStatus::parse(word), status, "{word}");
        }
        assert!(RenderStatus::Cancelled.is_final());
        assert!(!RenderStatus::Processing.is_final());
        assert_eq!(read(json!({"progress": 250})).progress, Some(100));
        assert_eq!(read(json!({})).status, RenderStatus::Pending);
    }
}
