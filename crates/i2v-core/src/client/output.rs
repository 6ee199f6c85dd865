//! What an export makes (`docs/PROTOCOL.md` §3.8, "What the output is"): the options a caller
//! asks for, checked against the contract before any request, and the finished video as the
//! backend describes it.
//!
//! The option types are the ones a person's words are read into ([`crate::intent`]), which can
//! hold more than any backend makes ("8K", "as an MKV", "50 fps"); such a value is refused here,
//! with [`Error::UnsupportedExportOption`], rather than sent to be refused, or quietly replaced
//! by something the person did not ask for.

use serde_json::Value;

use super::http::object;
use crate::Error;
use crate::intent::{FrameRate, Quality, Resolution, VideoFormat};
use crate::json::quoted;

/// The containers of the contract.
const FORMATS: &[&str] = &["mp4", "mov", "webm", "gif"];
/// The resolutions of the contract, as the frame's short side (`4k` is `2160p`).
const RESOLUTIONS: &[&str] = &["480p", "720p", "1080p", "1440p", "2160p", "4k"];
/// The frame rates of the contract.
const FRAME_RATES: &[&str] = &["24", "25", "30", "60"];
/// The qualities of the contract.
const QUALITIES: &[&str] = &["high", "medium", "low", "preview"];
/// The one frame rate a GIF keeps exactly: its frame delays are whole hundredths of a second.
const GIF_FRAME_RATES: &[&str] = &["25"];
/// The resolutions a preview renders at: 480p, or a smaller one asked for.
const PREVIEW_RESOLUTIONS: &[&str] = &["480p"];

/// What the caller asks of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The container (`mp4` by default).
    pub format: VideoFormat,
    /// The frame's short side; the backend keeps the canvas's size when it is not set.
    pub resolution: Option<Resolution>,
    /// Frames per second; the backend keeps the canvas's rate when it is not set.
    pub fps: Option<FrameRate>,
    /// The quality (`high` by default).
    pub quality: Quality,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            format: VideoFormat::Mp4,
            resolution: None,
            fps: None,
            quality: Quality::High,
        }
    }
}

impl ExportOptions {
    /// Sets `option` (`format`, `resolution`, `fps` or `quality`) from the word a caller gave
    /// for it, in any letter case: `"webm"`, `"720p"`, `"720"`, `"4k"`, `"60"`, `"preview"`.
    /// A value outside the contract is [`Error::UnsupportedExportOption`]; an option name that
    /// is none of these is [`Error::InvalidInput`].
    pub fn set(&mut self, option: &str, word: &str) -> Result<(), Error> {
        let said = word.trim().to_ascii_lowercase();
        match option {
            "format" => {
                self.format = VideoFormat::from_name(&said).ok_or_else(|| refused(option, word))?
            }
            "resolution" => {
                self.resolution = Some(resolution(&said).ok_or_else(|| refused(option, word))?)
            }
            "fps" => self.fps = Some(frame_rate(&said).ok_or_else(|| refused(option, word))?),
            "quality" => self.quality = quality(&said).ok_or_else(|| refused(option, word))?,
            _ => {
                return Err(Error::InvalidInput {
                    message: format!("{} is not an export option", quoted(option)),
                });
            }
        }
        self.check()
    }

    /// Checks every option against the contract, and names the first that is not in it.
    pub fn check(&self) -> Result<(), Error> {
        if !is_made(self.format) {
            return Err(refused("format", self.format.as_str()));
        }
        if let Some(resolution) = self.resolution {
            let said = resolution.to_string();
            if !RESOLUTIONS.contains(&said.as_str()) {
                return Err(refused("resolution", &said));
            }
            if self.quality == Quality::Preview && !PREVIEW_RESOLUTIONS.contains(&said.as_str()) {
                return Err(narrowed(
                    "resolution",
                    said,
                    PREVIEW_RESOLUTIONS,
                    "a preview",
                ));
            }
        }
        if let Some(rate) = self.fps {
            let said = rate.fps.to_string();
            if !FRAME_RATES.contains(&said.as_str()) {
                return Err(refused("fps", &said));
            }
            if self.format == VideoFormat::Gif && !GIF_FRAME_RATES.contains(&said.as_str()) {
                return Err(narrowed("fps", said, GIF_FRAME_RATES, "a gif"));
            }
        }
        // Every quality a caller can name is in the contract.
        Ok(())
    }

    /// The render request's `output` object: the format and quality always (as they have
    /// always been sent), the resolution and frame rate only when asked for.
    pub(crate) fn to_output(&self) -> Value {
        let mut fields = vec![
            ("format", self.format.as_str().into()),
            ("quality", self.quality.as_str().into()),
        ];
        if let Some(resolution) = self.resolution {
            fields.push(("resolution", resolution.to_string().into()));
        }
        if let Some(rate) = self.fps {
            fields.push(("fps", rate.fps.into()));
        }
        object(fields)
    }
}

/// Whether the contract has `format` (a person can say "MKV", no backend makes one).
pub(crate) fn is_made(format: VideoFormat) -> bool {
    FORMATS.contains(&format.as_str())
}

/// The error for `value` of `option`, with what the contract has instead.
fn refused(option: &str, value: &str) -> Error {
    let (option, accepted) = match option {
        "format" => ("format", FORMATS),
        "resolution" => ("resolution", RESOLUTIONS),
        "fps" => ("fps", FRAME_RATES),
        _ => ("quality", QUALITIES),
    };
    Error::UnsupportedExportOption {
        option,
        value: value.to_owned(),
        accepted,
        with: None,
    }
}

/// The error for `value` of `option`, in the contract but not with another option asked for.
fn narrowed(
    option: &'static str,
    value: String,
    accepted: &'static [&'static str],
    with: &'static str,
) -> Error {
    Error::UnsupportedExportOption {
        option,
        value,
        accepted,
        with: Some(with),
    }
}

/// `720p`, `720` or `4k` as a resolution (any the parser knows; the contract is checked after).
fn resolution(said: &str) -> Option<Resolution> {
    if said == "4k" {
        return Resolution::from_lines(2160);
    }
    let digits = said.strip_suffix('p').unwrap_or(said);
    digits.parse().ok().and_then(Resolution::from_lines)
}

/// `60` or `60fps` as a frame rate.
fn frame_rate(said: &str) -> Option<FrameRate> {
    let digits = said.strip_suffix("fps").unwrap_or(said).trim_end();
    digits.parse().ok().and_then(FrameRate::from_fps)
}

/// A quality by its name.
fn quality(said: &str) -> Option<Quality> {
    [
        Quality::High,
        Quality::Medium,
        Quality::Low,
        Quality::Preview,
    ]
    .into_iter()
    .find(|q| q.as_str() == said)
}

/// A finished export: where the video is and what the backend says it made.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportResult {
    /// The render's id.
    pub render_id: String,
    /// Where to get the video: the backend's URL, or the fallback download when there is none.
    pub url: String,
    /// The fallback download (`/api/render/proxy/<id>/download`).
    pub download_url: String,
    /// A still of the video (a JPEG), when the backend made one.
    pub poster_url: Option<String>,
    /// The container, when the backend says.
    pub format: Option<VideoFormat>,
    /// The file's MIME type (`video/webm`, `image/gif`), when the backend says.
    pub mime: Option<String>,
    /// Size in bytes, when the backend says.
    pub size: Option<u64>,
    /// Width in pixels, when the backend says.
    pub width: Option<u32>,
    /// Height in pixels, when the backend says.
    pub height: Option<u32>,
    /// Frames per second, when the backend says.
    pub fps: Option<f64>,
    /// Duration in milliseconds, when the backend says.
    pub duration_ms: Option<u64>,
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<ExportOptions, Error> {
        let mut options = ExportOptions::default();
        for (option, word) in pairs {
            options.set(option, word)?;
        }
        Ok(options)
    }

    #[test]
    fn the_defaults_send_format_and_quality_only() {
        assert_eq!(
            ExportOptions::default().to_output(),
            json!({"format": "mp4", "quality": "high"})
        );
    }

    #[test]
    fn words_become_typed_options_and_the_request_names_them() {
        let options = with(&[
            ("format", "WebM"),
            ("resolution", "720"),
            ("fps", "60"),
            ("quality", "LOW"),
        ])
        .expect("all in the contract");
        assert_eq!(options.format, VideoFormat::Webm);
        assert_eq!(options.resolution, Resolution::from_lines(720));
        assert_eq!(options.fps, FrameRate::from_fps(60));
        assert_eq!(options.quality, Quality::Low);
        assert_eq!(
            options.to_output(),
            json!({"format": "webm", "resolution": "720p", "fps": 60, "quality": "low"})
        );
        let four_k = with(&[("resolution", "4K"), ("format", ".gif")]).expect("4k is 2160p");
        assert_eq!(
            four_k.to_output(),
            json!({"format": "gif", "resolution": "2160p", "quality": "high"})
        );
    }

    #[test]
    fn values_outside_the_contract_are_named_with_what_it_has() {
        for (option, word, accepted) in [
            ("format", "mkv", FORMATS),
            ("format", "flv", FORMATS),
            ("resolution", "8k", RESOLUTIONS),
            ("resolution", "360p", RESOLUTIONS),
            ("fps", "50", FRAME_RATES),
            ("fps", "fast", FRAME_RATES),
            ("quality", "ultra", QUALITIES),
        ] {
            let err = with(&[(option, word)]).expect_err(word);
            let refusal = err.export_option().expect("an option refusal");
            assert_eq!(
                (
                    refusal.option,
                    refusal.value,
                    refusal.accepted,
                    refusal.with
                ),
                (option, word, accepted, None),
                "{word}"
            );
            assert_eq!(err.kind(), crate::ErrorKind::ExportOption);
        }
        let err = with(&[("resolution", "360p")]).expect_err("not in the contract");
        assert_eq!(
            err.to_string(),
            "the export cannot be made with resolution 360p; resolution can be 480p, 720p, \
             1080p, 1440p, 2160p, 4k"
        );
        assert_eq!(
            with(&[("codec", "h264")])
                .expect_err("no such option")
                .kind(),
            crate::ErrorKind::InvalidInput
        );
    }

    #[test]
    fn a_gif_keeps_25_fps_and_a_preview_480p_only() {
        let gif = with(&[("format", "gif"), ("fps", "30")]).expect_err("30 fps gif");
        let refusal = gif.export_option().expect("an option refusal");
        assert_eq!(
            (
                refusal.option,
                refusal.value,
                refusal.accepted,
                refusal.with
            ),
            ("fps", "30", GIF_FRAME_RATES, Some("a gif"))
        );
        assert_eq!(
            gif.to_string(),
            "the export cannot be made with fps 30; fps can be 25 for a gif"
        );
        assert!(with(&[("format", "gif"), ("fps", "25")]).is_ok());
        // The order they are set in does not matter: the whole is checked each time.
        assert!(with(&[("fps", "60"), ("format", "gif")]).is_err());
        let preview = with(&[("quality", "preview"), ("resolution", "1080p")]);
        let refused = preview.expect_err("1080p preview");
        let refusal = refused.export_option().expect("an option refusal");
        assert_eq!(
            (refusal.value, refusal.accepted, refusal.with),
            ("1080p", PREVIEW_RESOLUTIONS, Some("a preview"))
        );
        assert!(with(&[("quality", "preview"), ("resolution", "480p")]).is_ok());
    }

    #[test]
    fn options_set_in_code_are_checked_too() {
        let eight_k = ExportOptions {
            resolution: Resolution::from_lines(4320),
            ..ExportOptions::default()
        };
        let refused = eight_k.check().expect_err("8K is not made");
        let refusal = refused.export_option().expect("an option refusal");
        assert_eq!(
            (refusal.option, refusal.value, refusal.accepted),
            ("resolution", "4320p", RESOLUTIONS)
        );
        let avi = ExportOptions {
            format: VideoFormat::Avi,
            ..ExportOptions::default()
        };
        assert!(avi.check().is_err());
        assert_eq!(ExportOptions::default().check(), Ok(()));
    }
}
