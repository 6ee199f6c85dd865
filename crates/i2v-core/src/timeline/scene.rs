//! What is on screen and in the speakers at one frame of a [`Timeline`]: the evaluator the
//! browser preview draws and the studio's ffmpeg plan is checked against.
//!
//! The numbers are ffmpeg's, as the studio's plan asks for them: a transition's progress is
//! `xfade`'s P (1 on its first frame, falling by 1/T a frame), the plain crossfade draws the
//! incoming picture at opacity 1 − P; the video's fades are `fade`'s frame-counted ramps (black
//! on the first and on the last frame); texts and music ramp linearly in time (`drawtext`'s
//! alpha, `afade`'s default curve). The soundtrack's loudness normalisation is the renderer's
//! alone: a preview plays each piece at its gain.

use crate::draft::{Fit, TransitionKind};

use super::text::Text;
use super::{Music, Timeline, View};

/// One frame of the video.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene<'a> {
    /// Which frame, from 0.
    pub frame: u64,
    /// When it is shown, in ms.
    pub time_ms: f64,
    /// The pictures, bottom first: one, or two during a transition (outgoing, incoming).
    pub pictures: Vec<ScenePicture<'a>>,
    /// The transition between the two pictures, if they are in one.
    pub transition: Option<SceneTransition>,
    /// The titles and captions over the pictures, in drawing order.
    pub texts: Vec<SceneText<'a>>,
    /// How much black covers everything (the video's fade in or out), 0 to 1.
    pub black: f64,
    /// The music playing.
    pub music: Vec<SceneMusic<'a>>,
}

/// A picture on the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScenePicture<'a> {
    /// Which clip of the timeline.
    pub clip: usize,
    /// The media it shows.
    pub src: &'a str,
    /// How it fills the composed frame.
    pub fit: Fit,
    /// The size it is composed at (larger than the canvas for a pan).
    pub composed: (u32, u32),
    /// The part of it shown.
    pub view: View,
}

/// Two pictures blending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneTransition {
    /// How they blend.
    pub kind: TransitionKind,
    /// `xfade`'s progress: 1 on the transition's first frame, falling towards 0.
    pub progress: f64,
}

/// A text on the frame.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneText<'a> {
    /// Which text of the timeline.
    pub index: usize,
    /// The text.
    pub text: &'a Text,
    /// Its words wrapped onto the canvas, lines joined by `\n`.
    pub lines: String,
    /// Its opacity, 0 to 1.
    pub opacity: f64,
}

/// A piece of music sounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneMusic<'a> {
    /// Which piece of the timeline.
    pub index: usize,
    /// The piece.
    pub music: &'a Music,
    /// How far into the piece, in ms (a shorter file loops).
    pub offset_ms: f64,
    /// Its gain: volume × its fades × the video's fade out.
    pub gain: f64,
}

impl Timeline {
    /// The frame on which `ms` falls, within the video.
    pub fn frame_at_ms(&self, ms: f64) -> u64 {
        let frame = (ms.max(0.0) * f64::from(self.canvas.fps) / 1000.0).floor();
        // A float beyond u64's range saturates; the clamp keeps it on the last frame.
        (frame as u64).min(self.frames.saturating_sub(1))
    }

    /// What frame `frame` shows and plays (the last frame past the end).
    pub fn scene_at(&self, frame: u64) -> Scene<'_> {
        let frame = frame.min(self.frames.saturating_sub(1));
        let time_ms = frame as f64 * 1000.0 / f64::from(self.canvas.fps.max(1));
        let mut pictures = Vec::new();
        let mut transition = None;
        // Streams start in clip order (each at least half its clip after the one before), so
        // one pass with the boundary carried along finds the one or two on the frame.
        let mut boundary: u64 = 0;
        for (index, clip) in self.clips.iter().enumerate() {
            let parts = self.parts(index);
            let start = boundary.saturating_sub(parts.head / 2);
            boundary += clip.frames;
            if frame < start {
                break;
            }
            if frame >= start + parts.total() {
                continue;
            }
            let framing = self.framing(index);
            if frame < start + parts.head {
                let joining = index.checked_sub(1).and_then(|i| self.clips.get(i));
                if let Some((kind, length)) = joining.and_then(|clip| clip.transition) {
                    let progress = 1.0 - (frame - start) as f64 / length as f64;
                    transition = Some(SceneTransition { kind, progress });
                }
            }
            pictures.push(ScenePicture {
                clip: index,
                src: &clip.src,
                fit: clip.fit,
                composed: (framing.width, framing.height),
                view: framing.view_at(frame - start),
            });
        }
        Scene {
            frame,
            time_ms,
            pictures,
            transition,
            texts: self.texts_at(time_ms),
            black: 1.0 - self.brightness_at(frame),
            music: self.music_at(time_ms),
        }
    }

    /// The texts shown at `ms`.
    fn texts_at(&self, ms: f64) -> Vec<SceneText<'_>> {
        let shown = self
            .texts
            .iter()
            .enumerate()
            .filter(|(_, text)| text.shows_at(ms));
        shown
            .map(|(index, text)| SceneText {
                index,
                text,
                lines: text.lines(self.canvas),
                opacity: text.opacity_at(ms),
            })
            .collect()
    }

    /// How bright frame `frame` is through the video's fades: 0 black, 1 as drawn.
    fn brightness_at(&self, frame: u64) -> f64 {
        let (fade_in, (out_start, fade_out)) = self.fade_frames();
        let mut brightness: f64 = 1.0;
        if fade_in > 0 && frame < fade_in {
            brightness = frame as f64 / fade_in as f64;
        }
        if fade_out > 0 && frame >= out_start {
            let gone = (frame - out_start) as f64 / fade_out as f64;
            brightness = brightness.min(1.0 - gone);
        }
        brightness.clamp(0.0, 1.0)
    }

    /// The music sounding at `ms`, each at its gain.
    fn music_at(&self, ms: f64) -> Vec<SceneMusic<'_>> {
        let length = self.duration_ms() as f64;
        let video_fade = ramp_down(length - ms, self.fade_out_ms);
        let sounding = self.music.iter().enumerate().filter(|(_, piece)| {
            let start = piece.start_ms as f64;
            ms >= start && ms < start + piece.duration_ms as f64
        });
        sounding
            .map(|(index, music)| {
                let offset_ms = ms - music.start_ms as f64;
                let left = music.duration_ms as f64 - offset_ms;
                let gain = music.volume
                    * ramp_down(offset_ms, music.fade_in_ms)
                    * ramp_down(left, music.fade_out_ms)
                    * video_fade;
                SceneMusic {
                    index,
                    music,
                    offset_ms,
                    gain,
                }
            })
            .collect()
    }
}

/// A linear ramp `fade_ms` long: 0 at `distance_ms` 0, 1 from `fade_ms` on (1 without a fade).
fn ramp_down(distance_ms: f64, fade_ms: u64) -> f64 {
    if fade_ms == 0 {
        return 1.0;
    }
    (distance_ms / fade_ms as f64).clamp(0.0, 1.0)
}
