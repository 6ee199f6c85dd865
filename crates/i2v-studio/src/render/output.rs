//! What the output is asked to be (`docs/PROTOCOL.md` §3.8, "What the output is"): the
//! container and codecs, the short side, the frame rate and the quality, read once from the
//! export request into an [`OutputSpec`], and the canvas a render makes from it and the draft's.
//!
//! Nothing asked is ever replaced by something else: a value the studio cannot honour is an
//! [`OutputRefused`] naming the field, the value and what is accepted, before anything renders.

use std::fmt;

use serde_json::Value;

use super::request::Canvas;

/// The file a render makes: its container and codecs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// H.264 + AAC in MP4, `+faststart`.
    #[default]
    Mp4,
    /// H.264 + AAC in QuickTime.
    Mov,
    /// VP9 + Opus in WebM.
    Webm,
    /// An animated GIF with one palette for the whole video, and no sound.
    Gif,
}

impl Format {
    /// Every format, in the order the protocol lists them.
    pub const ALL: [Format; 4] = [Format::Mp4, Format::Mov, Format::Webm, Format::Gif];

    /// Its word in the protocol, which is also its file extension (`mp4`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Mp4 => "mp4",
            Format::Mov => "mov",
            Format::Webm => "webm",
            Format::Gif => "gif",
        }
    }

    /// The MIME type a download of it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Mp4 => "video/mp4",
            Format::Mov => "video/quicktime",
            Format::Webm => "video/webm",
            Format::Gif => "image/gif",
        }
    }

    /// Whether the picture is H.264 (MP4 and MOV), which the studio's chosen encoder makes.
    pub fn is_h264(self) -> bool {
        matches!(self, Format::Mp4 | Format::Mov)
    }

    /// Whether the file carries the soundtrack (every format but GIF).
    pub fn has_audio(self) -> bool {
        self != Format::Gif
    }

    /// The format a file extension names, for records written before formats were kept.
    pub fn from_extension(extension: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == extension)
    }
}

/// How the picture is encoded: smaller and faster as it goes down the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Quality {
    /// The studio's encoder settings as they are.
    #[default]
    High,
    /// A little smaller.
    Medium,
    /// Smaller still.
    Low,
    /// Fast, at 480p, for looking at and not for posting.
    Preview,
}

impl Quality {
    const ALL: [Quality; 4] = [
        Quality::High,
        Quality::Medium,
        Quality::Low,
        Quality::Preview,
    ];

    /// Its word in the protocol (`high`).
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::High => "high",
            Quality::Medium => "medium",
            Quality::Low => "low",
            Quality::Preview => "preview",
        }
    }
}

/// The short sides a render can be asked for, by their names.
const RESOLUTIONS: [(&str, u32); 6] = [
    ("480p", 480),
    ("720p", 720),
    ("1080p", 1080),
    ("1440p", 1440),
    ("2160p", 2160),
    ("4k", 2160),
];

/// The frame rates a render can be asked for.
const RATES: [u32; 4] = [24, 25, 30, 60];

/// The short side of a preview, and of a GIF whose size is not asked.
const SMALL_SIDE: u32 = 480;

/// The one rate of [`RATES`] a GIF keeps exactly: its frame delays are whole hundredths of a
/// second, and only 25 fps (4/100 s) divides into them; 24, 30 and 60 fps would play at
/// 25, 33.3 and 50 fps, or with uneven frames.
pub const GIF_FPS: u32 = 25;

/// What the output is asked to be, checked: every field is one the studio can honour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OutputSpec {
    /// The container and codecs.
    pub format: Format,
    /// The short side asked for, in pixels; `None`: the canvas's (480 for a GIF or a preview).
    pub short_side: Option<u32>,
    /// The frame rate asked for; `None`: the canvas's (25 for a GIF).
    pub fps: Option<u32>,
    /// How it is encoded.
    pub quality: Quality,
}

/// Why an asked output cannot be honoured: the field, the value and what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRefused {
    /// The field of `output` (`format`).
    pub field: &'static str,
    /// The value as it was sent.
    pub value: String,
    /// What is accepted instead, and why when it depends on the rest of the output.
    pub accepted: String,
}

impl fmt::Display for OutputRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "output.{} {} is not accepted: {}",
            self.field, self.value, self.accepted
        )
    }
}

impl std::error::Error for OutputRefused {}

/// The `output` object of an export request as sent, each field any JSON (or absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputAsk {
    /// `format`.
    pub format: Option<Value>,
    /// `resolution`.
    pub resolution: Option<Value>,
    /// `fps`.
    pub fps: Option<Value>,
    /// `quality`.
    pub quality: Option<Value>,
}

impl OutputSpec {
    /// Reads and checks an asked output; a `null` field counts as absent.
    pub fn parse(ask: &OutputAsk) -> Result<OutputSpec, OutputRefused> {
        let format = match word(ask.format.as_ref()) {
            None => Format::default(),
            Some(asked) => Format::ALL
                .into_iter()
                .find(|format| format.as_str() == asked.to_ascii_lowercase())
                .ok_or_else(|| refused("format", &asked, &list(Format::ALL.map(Format::as_str))))?,
        };
        let quality = match word(ask.quality.as_ref()) {
            None => Quality::default(),
            Some(asked) => Quality::ALL
                .into_iter()
                .find(|quality| quality.as_str() == asked.to_ascii_lowercase())
                .ok_or_else(|| {
                    refused("quality", &asked, &list(Quality::ALL.map(Quality::as_str)))
                })?,
        };
        let short_side = match word(ask.resolution.as_ref()) {
            None => None,
            Some(asked) => {
                let side = RESOLUTIONS
                    .iter()
                    .find(|(name, _)| *name == asked.to_ascii_lowercase())
                    .map(|(_, side)| *side)
                    .ok_or_else(|| {
                        refused("resolution", &asked, &list(RESOLUTIONS.map(|(n, _)| n)))
                    })?;
                if quality == Quality::Preview && side > SMALL_SIDE {
                    let why = format!(
                        "a preview renders at 480p; ask for quality high, medium or low for {asked}"
                    );
                    return Err(refused("resolution", &asked, &why));
                }
                Some(side)
            }
        };
        let fps = match word(ask.fps.as_ref()) {
            None => None,
            Some(asked) => {
                let rates = list(RATES.map(|rate| rate.to_string()));
                let rate = asked
                    .parse::<u32>()
                    .ok()
                    .filter(|rate| RATES.contains(rate))
                    .ok_or_else(|| refused("fps", &asked, &rates))?;
                if format == Format::Gif && rate != GIF_FPS {
                    let why = format!(
                        "a GIF's frame delays are whole hundredths of a second, so of {rates} \
                         it keeps only {GIF_FPS} fps exactly"
                    );
                    return Err(refused("fps", &asked, &why));
                }
                Some(rate)
            }
        };
        Ok(OutputSpec {
            format,
            short_side,
            fps,
            quality,
        })
    }

    /// The frame a render makes of a draft on `canvas`: the asked short side (480 for a
    /// preview or a GIF that asks none) with the long side from the canvas's aspect, rounded
    /// to even pixels, and the asked frame rate (25 for a GIF that asks none).
    pub fn canvas(&self, canvas: Canvas) -> Canvas {
        let small = self.quality == Quality::Preview || self.format == Format::Gif;
        let short_side = self.short_side.or(small.then_some(SMALL_SIDE));
        let fps = match (self.fps, self.format) {
            (Some(fps), _) => fps,
            (None, Format::Gif) => GIF_FPS,
            (None, _) => canvas.fps,
        };
        let (width, height) = match short_side {
            None => (canvas.width, canvas.height),
            Some(short) => {
                let (canvas_short, canvas_long) = (
                    canvas.width.min(canvas.height),
                    canvas.width.max(canvas.height),
                );
                let long = u64::from(short) * u64::from(canvas_long);
                // Rounded to the nearest even number: half of it rounded to the nearest whole.
                let half = (long + u64::from(canvas_short)) / (2 * u64::from(canvas_short.max(1)));
                let long = u32::try_from(half * 2).unwrap_or(u32::MAX);
                if canvas.width >= canvas.height {
                    (long, short)
                } else {
                    (short, long)
                }
            }
        };
        Canvas::new(width, height, fps)
    }
}

/// A field's value as a word: strings as they are, numbers written out; absent or `null`:
/// `None`. Anything else is kept as its JSON, so that it is refused as sent.
fn word(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(text) => Some(text.trim().to_owned()),
        other => Some(other.to_string()),
    }
}

fn refused(field: &'static str, value: &str, accepted: &str) -> OutputRefused {
    OutputRefused {
        field,
        value: format!("'{value}'"),
        accepted: accepted.to_owned(),
    }
}

/// `one of a, b, c`.
fn list<S: AsRef<str>, const N: usize>(words: [S; N]) -> String {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    format!("one of {}", words.join(", "))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn ask(output: Value) -> OutputAsk {
        OutputAsk {
            format: output.get("format").cloned(),
            resolution: output.get("resolution").cloned(),
            fps: output.get("fps").cloned(),
            quality: output.get("quality").cloned(),
        }
    }

    fn spec(output: Value) -> OutputSpec {
        OutputSpec::parse(&ask(output)).expect("accepted")
    }

    fn refusal(output: Value) -> OutputRefused {
        OutputSpec::parse(&ask(output)).expect_err("refused")
    }

    #[test]
    fn nothing_asked_is_an_mp4_of_the_canvas_at_high_quality() {
        let nothing = spec(json!({}));
        assert_eq!(nothing, OutputSpec::default());
        assert_eq!(spec(json!({"format": null, "fps": null})), nothing);
        assert_eq!(nothing.canvas(Canvas::TALL), Canvas::TALL);
        let asked =
            spec(json!({"format": "WebM", "resolution": "4k", "fps": 60, "quality": "low"}));
        assert_eq!(
            (asked.format, asked.short_side, asked.fps, asked.quality),
            (Format::Webm, Some(2160), Some(60), Quality::Low)
        );
        assert_eq!(spec(json!({"fps": "24"})).fps, Some(24));
    }

    #[test]
    fn the_short_side_is_asked_and_the_long_side_follows_the_aspect() {
        let at = |resolution: &str, canvas: Canvas| {
            let canvas = spec(json!({"resolution": resolution})).canvas(canvas);
            (canvas.width, canvas.height)
        };
        assert_eq!(at("720p", Canvas::LANDSCAPE), (1280, 720));
        assert_eq!(at("480p", Canvas::LANDSCAPE), (854, 480));
        assert_eq!(at("480p", Canvas::VERTICAL), (480, 854));
        assert_eq!(at("1080p", Canvas::TALL), (1080, 1350));
        assert_eq!(at("2160p", Canvas::TALL), (2160, 2700));
        assert_eq!(at("480p", Canvas::CLASSIC), (640, 480));
        assert_eq!(at("1440p", Canvas::SQUARE), (1440, 1440));
        assert_eq!(at("4k", Canvas::LANDSCAPE), (3840, 2160));
        let rate = spec(json!({"fps": 24})).canvas(Canvas::LANDSCAPE);
        assert_eq!(rate, Canvas::new(1920, 1080, 24));
    }

    #[test]
    fn a_gif_is_480p_at_25_fps_unless_asked_and_refuses_rates_it_cannot_keep() {
        let gif = spec(json!({"format": "gif"})).canvas(Canvas::LANDSCAPE);
        assert_eq!(gif, Canvas::new(854, 480, 25));
        let asked = spec(json!({"format": "gif", "resolution": "720p", "fps": 25}));
        assert_eq!(asked.canvas(Canvas::SQUARE), Canvas::new(720, 720, 25));
        let refused = refusal(json!({"format": "gif", "fps": 30}));
        assert_eq!((refused.field, refused.value.as_str()), ("fps", "'30'"));
        assert!(
            refused.to_string().contains("keeps only 25 fps exactly"),
            "{refused}"
        );
        assert!(!Format::Gif.has_audio() && Format::Mov.has_audio());
    }

    #[test]
    fn a_preview_is_480p_and_refuses_a_larger_size() {
        let preview = spec(json!({"quality": "preview"}));
        assert_eq!(preview.canvas(Canvas::VERTICAL), Canvas::new(480, 854, 30));
        let refused = refusal(json!({"quality": "preview", "resolution": "1080p"}));
        assert_eq!(refused.field, "resolution");
        assert!(refused.to_string().contains("renders at 480p"), "{refused}");
    }

    #[test]
    fn what_cannot_be_honoured_is_refused_naming_field_value_and_choices() {
        let cases = [
            (
                json!({"format": "avi"}),
                "output.format 'avi' is not accepted: one of mp4, mov, webm, gif",
            ),
            (
                json!({"resolution": "8k"}),
                "output.resolution '8k' is not accepted: one of 480p, 720p, 1080p, 1440p, 2160p, 4k",
            ),
            (
                json!({"fps": 50}),
                "output.fps '50' is not accepted: one of 24, 25, 30, 60",
            ),
            (
                json!({"fps": 29.97}),
                "output.fps '29.97' is not accepted: one of 24, 25, 30, 60",
            ),
            (
                json!({"quality": "ultra"}),
                "output.quality 'ultra' is not accepted: one of high, medium, low, preview",
            ),
            (
                json!({"format": ["mp4"]}),
                "output.format '[\"mp4\"]' is not accepted: one of mp4, mov, webm, gif",
            ),
        ];
        for (output, message) in cases {
            assert_eq!(refusal(output).to_string(), message);
        }
    }

    #[test]
    fn each_format_has_its_extension_and_mime() {
        let named: Vec<(&str, &str)> = Format::ALL.map(|f| (f.as_str(), f.mime())).to_vec();
        assert_eq!(
            named,
            [
                ("mp4", "video/mp4"),
                ("mov", "video/quicktime"),
                ("webm", "video/webm"),
                ("gif", "image/gif")
            ]
        );
        assert_eq!(Format::from_extension("webm"), Some(Format::Webm));
        assert_eq!(Format::from_extension("avi"), None);
    }
}
