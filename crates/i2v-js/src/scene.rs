//! A draft's timeline and what one of its frames shows (`i2v_core::timeline`), as the JS
//! objects the browser preview draws: `Timeline` (`durationMs`, `frames`, `canvas`, `media`)
//! and `Scene` (`pictures`, `transition`, `texts`, `black`, `music`), camelCase, sizes in
//! pixels of the canvas, times in ms.
//!
//! They are not [`Answer`](crate::Answer)s: the browser build evaluates timelines in a module of
//! its own (`crates/i2v-preview`), and the client's module would otherwise carry their
//! serializers (2 KB gzipped) for nothing.

use i2v_core::Error;
use i2v_core::draft::Canvas;
use i2v_core::timeline::{
    LOUDNESS_LUFS, Scene, SceneMusic, ScenePicture, SceneText, TRUE_PEAK_DBTP, Timeline,
};
use serde::Serialize;

use crate::pure::parse_either;
use crate::shapes::ms;
use crate::wire::{Outcome, WireError};

/// Reads a draft's JSON text (or the draft object of a `DraftShape`) onto a canvas; a side or
/// rate not given is the core's default canvas's ([`Canvas::default`], 1920x1080 at 30 fps).
pub fn build_timeline(
    json: &str,
    width: Option<u32>,
    height: Option<u32>,
    fps: Option<u32>,
) -> Result<Timeline, Error> {
    let draft = parse_either(json)?;
    let default = Canvas::default();
    let canvas = Canvas::new(
        width.unwrap_or(default.width),
        height.unwrap_or(default.height),
        fps.unwrap_or(default.fps),
    );
    Timeline::build(&draft, canvas).map_err(|err| Error::InvalidInput {
        message: format!("the draft cannot play: {err}"),
    })
}

/// `{ok: timeline}` or the error of a draft that cannot play.
pub fn timeline_reply(timeline: &Result<Timeline, Error>) -> Outcome<TimelineShape> {
    match timeline {
        Ok(timeline) => Outcome::Ok(TimelineShape::from(timeline)),
        Err(err) => Outcome::Error(Box::new(WireError::new(err, None))),
    }
}

/// The frame on which `ms` falls, drawn: the `Scene` object.
pub fn scene_at(timeline: &Timeline, ms: f64) -> SceneShape {
    SceneShape::from(&timeline.scene_at(timeline.frame_at_ms(ms)))
}

/// `{durationMs, frames, canvas, media, loudness}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineShape {
    /// How long the video lasts.
    pub duration_ms: f64,
    /// How many frames it has.
    pub frames: f64,
    /// Its frame.
    pub canvas: CanvasSize,
    /// Every `src` to load, once each, in order of first use.
    pub media: Vec<MediaUse>,
    /// What the finished soundtrack is levelled to.
    pub loudness: Loudness,
}

/// `{integratedLufs, truePeakDbtp}`: the level of a finished video's soundtrack.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Loudness {
    /// Integrated loudness, in LUFS.
    pub integrated_lufs: f64,
    /// The highest true peak, in dBTP.
    pub true_peak_dbtp: f64,
}

/// `{width, height, fps}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CanvasSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
}

/// `{src, kind}`: `picture` or `sound`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaUse {
    /// The media.
    pub src: String,
    /// What the timeline uses it as.
    pub kind: &'static str,
}

impl From<&Timeline> for TimelineShape {
    fn from(timeline: &Timeline) -> TimelineShape {
        let mut media: Vec<MediaUse> = Vec::new();
        let pictures = timeline.clips.iter().map(|clip| (&clip.src, "picture"));
        let sounds = timeline.music.iter().map(|piece| (&piece.src, "sound"));
        for (src, kind) in pictures.chain(sounds) {
            if !media
                .iter()
                .any(|known| known.src == *src && known.kind == kind)
            {
                media.push(MediaUse {
                    src: src.clone(),
                    kind,
                });
            }
        }
        let Canvas { width, height, fps } = timeline.canvas;
        TimelineShape {
            duration_ms: ms(timeline.duration_ms()),
            frames: ms(timeline.frames),
            canvas: CanvasSize { width, height, fps },
            media,
            loudness: Loudness {
                integrated_lufs: LOUDNESS_LUFS,
                true_peak_dbtp: TRUE_PEAK_DBTP,
            },
        }
    }
}

/// `{frame, timeMs, pictures, transition, texts, black, music}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SceneShape {
    /// Which frame.
    pub frame: f64,
    /// When it is shown.
    pub time_ms: f64,
    /// The pictures, bottom first.
    pub pictures: Vec<PictureShape>,
    /// `{kind, progress}` during a transition, else `null`.
    pub transition: Option<TransitionShape>,
    /// The texts, in drawing order.
    pub texts: Vec<TextShape>,
    /// Black over everything, 0 to 1.
    pub black: f64,
    /// The music sounding.
    pub music: Vec<MusicShape>,
}

/// `{clip, src, fit, composed: {width, height}, view: {width, height, x, y}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PictureShape {
    /// Which clip.
    pub clip: u32,
    /// The media.
    pub src: String,
    /// `cover`, `contain` or `blur`.
    pub fit: &'static str,
    /// The size it is fitted into.
    pub composed: Size,
    /// The part of it shown.
    pub view: ViewShape,
}

/// `{width, height}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Size {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// `{width, height, x, y}`: the composed picture scaled to this size, shown from (x, y).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ViewShape {
    /// Width it is scaled to.
    pub width: u32,
    /// Height it is scaled to.
    pub height: u32,
    /// Left edge of the part shown.
    pub x: u32,
    /// Top edge of the part shown.
    pub y: u32,
}

/// `{kind, progress}`: ffmpeg's xfade name and its P (1 at the start, falling to 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionShape {
    /// The xfade name.
    pub kind: &'static str,
    /// How far it has to go.
    pub progress: f64,
}

/// A text: `{index, lines, face, sizePx, color, position, lineSpacingPx, borderPx, opacity}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextShape {
    /// Which text.
    pub index: u32,
    /// Its lines, wrapped onto the canvas.
    pub lines: Vec<String>,
    /// `regular`, `bold` or `cjk`.
    pub face: &'static str,
    /// Its size.
    pub size_px: u32,
    /// `#RRGGBB`.
    pub color: String,
    /// `top`, `center` or `bottom`.
    pub position: &'static str,
    /// Space between lines.
    pub line_spacing_px: u32,
    /// The outline's width.
    pub border_px: u32,
    /// 0 to 1.
    pub opacity: f64,
}

/// A piece of music sounding: `{index, src, startMs, durationMs, offsetMs, gain}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MusicShape {
    /// Which piece.
    pub index: u32,
    /// The media.
    pub src: String,
    /// When it starts.
    pub start_ms: f64,
    /// How long it plays.
    pub duration_ms: f64,
    /// How far into it, in ms.
    pub offset_ms: f64,
    /// Its gain.
    pub gain: f64,
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl From<&Scene<'_>> for SceneShape {
    fn from(scene: &Scene<'_>) -> SceneShape {
        SceneShape {
            frame: ms(scene.frame),
            time_ms: scene.time_ms,
            pictures: scene.pictures.iter().map(picture).collect(),
            transition: scene.transition.map(|t| TransitionShape {
                kind: t.kind.ffmpeg_name(),
                progress: t.progress,
            }),
            texts: scene.texts.iter().map(text).collect(),
            black: scene.black,
            music: scene.music.iter().map(music).collect(),
        }
    }
}

fn picture(picture: &ScenePicture<'_>) -> PictureShape {
    let view = picture.view;
    PictureShape {
        clip: index(picture.clip),
        src: picture.src.to_string(),
        fit: picture.fit.word(),
        composed: Size {
            width: picture.composed.0,
            height: picture.composed.1,
        },
        view: ViewShape {
            width: view.width,
            height: view.height,
            x: view.x,
            y: view.y,
        },
    }
}

fn text(shown: &SceneText<'_>) -> TextShape {
    let text = shown.text;
    TextShape {
        index: index(shown.index),
        lines: shown.lines.split('\n').map(str::to_string).collect(),
        face: text.face().word(),
        size_px: text.size_px,
        color: format!("#{}", text.color),
        position: text.position.word(),
        line_spacing_px: text.line_spacing_px(),
        border_px: text.border_px(),
        opacity: shown.opacity,
    }
}

fn music(sounding: &SceneMusic<'_>) -> MusicShape {
    let piece = sounding.music;
    MusicShape {
        index: index(sounding.index),
        src: piece.src.clone(),
        start_ms: ms(piece.start_ms),
        duration_ms: ms(piece.duration_ms),
        offset_ms: sounding.offset_ms,
        gain: sounding.gain,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    const DRAFT: &str = r#"{"t": [
        {"tt": 0, "sg": [
            {"d": 2000, "m": {"src": "a", "transition": {"type": "wipeleft", "d": 1000}}},
            {"d": 2000, "m": {"src": "b", "fit": "cover", "motion": "pan-right"}}]},
        {"tt": 7, "m": {"role": "title"}, "sg": [{"d": 3000, "m": {"text": "Hello there"}}]},
        {"tt": 1, "sg": [{"d": 4000, "m": {"src": "library:calm"}}]}]}"#;

    fn timeline() -> Timeline {
        build_timeline(DRAFT, Some(640), Some(360), Some(30)).expect("a timeline")
    }

    #[test]
    fn a_timeline_lists_what_to_load_once_each() {
        let shape = serde_json::to_value(TimelineShape::from(&timeline())).expect("json");
        assert_eq!(
            shape,
            json!({"durationMs": 4000.0, "frames": 120.0,
                "canvas": {"width": 640, "height": 360, "fps": 30},
                "media": [{"src": "a", "kind": "picture"}, {"src": "b", "kind": "picture"},
                          {"src": "library:calm", "kind": "sound"}],
                "loudness": {"integratedLufs": -14.0, "truePeakDbtp": -1.0}})
        );
    }

    #[test]
    fn a_scene_is_the_frame_the_time_falls_on() {
        let value = serde_json::to_value(scene_at(&timeline(), 2010.0)).expect("json");
        assert_eq!(value["frame"], 60.0);
        assert_eq!(value["transition"]["kind"], "wipeleft");
        assert_eq!(value["transition"]["progress"], 0.5);
        assert_eq!(value["pictures"][1]["fit"], "cover");
        assert_eq!(value["texts"][0]["lines"], json!(["Hello there"]));
        assert_eq!(value["texts"][0]["face"], "bold");
        assert_eq!(value["texts"][0]["color"], "#FFFFFF");
        assert_eq!(value["music"][0]["src"], "library:calm");
        assert_eq!(value["black"], 0.0);
    }

    #[test]
    fn a_draft_that_cannot_play_says_why() {
        let err = build_timeline(r#"{"t": []}"#, None, None, None).expect_err("no clips");
        assert!(
            err.to_string()
                .ends_with("the draft cannot play: the draft has no video clips to play"),
            "{err}"
        );
        assert!(build_timeline("{", None, None, None).is_err());
    }
}
