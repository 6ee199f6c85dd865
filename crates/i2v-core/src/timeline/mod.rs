//! The draft read as a timeline of frames: what plays when, every default filled in and every
//! duration clamped. The studio's ffmpeg planner renders it and the browser preview draws it
//! ([`Timeline::scene_at`]), so the two cannot disagree about what a draft shows.
//!
//! Rules (ours, `docs/PROTOCOL.md` §5, "The timeline: what each frame shows"):
//! - The video is the first video track (`tt` 0) with segments; its clips play in start order.
//!   A gap between clips holds the earlier picture, an overlap cuts it short, so the screen is
//!   never black. The video lasts until the last clip ends: music and text are cut there.
//! - A transition belongs to the clip it leaves and is centred on the boundary, half before and
//!   half after it, so transitions never shorten the video. It lasts at most as long as either
//!   clip it joins; one shorter than two frames is a cut.
//! - The video track's own `fade_in` and `fade_out` fade the whole video from and to black, each
//!   for at most half of it.
//! - Music comes from every audio track (`tt` 1); text from every text track (`tt` 7), whose
//!   role ([`TrackRole`]: a title, else captions) picks the defaults ([`text`]).
//! - Every styling word is read by [`crate::draft`]: an unknown word takes the default.
//!
//! What the media are (a picture, a song) is not the timeline's to know: a renderer checks
//! each `src` against its library.

mod build;
mod framing;
mod scene;
pub mod text;

pub use build::TimelineError;
pub use framing::{Framing, Step, View, zoom_rise};
pub use scene::{Scene, SceneMusic, ScenePicture, SceneText, SceneTransition};
pub use text::{Face, Text};

use crate::draft::{Canvas, Fit, Motion, TransitionKind};

/// The longest video a timeline may last.
pub const MAX_DURATION_MS: u64 = 60 * 60 * 1000;
/// The most clips a timeline takes (a renderer holds each as an input at once: 2,000 clips of
/// 150 ms took ffmpeg past 6 GB).
pub const MAX_CLIPS: usize = 300;
/// The most pieces of music a timeline mixes.
pub const MAX_MUSIC: usize = 20;
/// The most titles and captions a timeline draws.
pub const MAX_TEXTS: usize = 300;

/// The integrated loudness a finished video's soundtrack is brought to, in LUFS (EBU R128's
/// streaming figure): the studio's normaliser aims at it, and a browser's mix is levelled to it.
pub const LOUDNESS_LUFS: f64 = -14.0;
/// The highest true peak the soundtrack may reach, in dBTP: a decibel of headroom for the
/// platforms' own lossy re-encode, which overshoots a little.
pub const TRUE_PEAK_DBTP: f64 = -1.0;

/// A draft as frames: clips, music and texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The frame.
    pub canvas: Canvas,
    /// How many frames the video has.
    pub frames: u64,
    /// The clips, in playing order.
    pub clips: Vec<Clip>,
    /// The pieces of music.
    pub music: Vec<Music>,
    /// The titles and captions.
    pub texts: Vec<Text>,
    /// How long the whole video comes up from black at its start, in ms (0: it does not).
    pub fade_in_ms: u64,
    /// How long the whole video, its sound with it, goes down to black at its end, in ms.
    pub fade_out_ms: u64,
}

/// One picture (or video) on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    /// The media it shows (`m.src`).
    pub src: String,
    /// How it fills the frame.
    pub fit: Fit,
    /// How the view moves over it.
    pub motion: Motion,
    /// Its share of the timeline, in frames, from boundary to boundary.
    pub frames: u64,
    /// The transition into the next clip: its kind and length in frames.
    pub transition: Option<(TransitionKind, u64)>,
}

/// Where a clip's frames go: `head` frames blend with the previous clip, then `body` frames
/// stand alone, then `tail` frames blend with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClipParts {
    /// Frames shared with the transition in.
    pub head: u64,
    /// Frames shown alone.
    pub body: u64,
    /// Frames shared with the transition out.
    pub tail: u64,
}

impl ClipParts {
    /// How many frames the clip's stream has.
    pub fn total(&self) -> u64 {
        self.head + self.body + self.tail
    }
}

/// One piece of music.
#[derive(Debug, Clone, PartialEq)]
pub struct Music {
    /// Where it comes from (`m.src`: a media id or `library:<key>`).
    pub src: String,
    /// When it starts, in ms.
    pub start_ms: u64,
    /// How long it plays, in ms (it loops when the file is shorter).
    pub duration_ms: u64,
    /// Loudness, 0 to 2 (1 as recorded).
    pub volume: f64,
    /// Fade in, in ms.
    pub fade_in_ms: u64,
    /// Fade out, in ms.
    pub fade_out_ms: u64,
}

impl Timeline {
    /// How long the video lasts, in ms (whole frames).
    pub fn duration_ms(&self) -> u64 {
        self.frames * 1000 / u64::from(self.canvas.fps.max(1))
    }

    /// How clip `index`'s frames split between its transitions and its time alone.
    pub fn parts(&self, index: usize) -> ClipParts {
        let frames_of = |i: usize| self.clips.get(i).map_or(0, |clip| clip.frames);
        let transition_of = |i: usize| {
            self.clips
                .get(i)
                .and_then(|clip| clip.transition)
                .map_or(0, |(_, frames)| frames)
        };
        let incoming = index.checked_sub(1).map_or(0, transition_of);
        let outgoing = transition_of(index);
        // The boundary splits a transition: the earlier half before it, the later half after.
        let before_next = outgoing / 2;
        let after_previous = incoming - incoming / 2;
        ClipParts {
            head: incoming,
            body: frames_of(index).saturating_sub(before_next + after_previous),
            tail: outgoing,
        }
    }

    /// Where clip `index`'s stream starts: half its incoming transition before the clip's own
    /// first frame (transitions are centred on the boundary).
    pub fn stream_start(&self, index: usize) -> u64 {
        let boundary: u64 = self.clips.iter().take(index).map(|c| c.frames).sum();
        boundary.saturating_sub(self.parts(index).head / 2)
    }

    /// Where clip `index` is first shown alone: the end of its incoming transition.
    pub fn body_start(&self, index: usize) -> u64 {
        self.stream_start(index) + self.parts(index).head
    }

    /// How clip `index`'s view moves over its stream.
    pub fn framing(&self, index: usize) -> Framing {
        let motion = self.clips.get(index).map_or(Motion::None, |c| c.motion);
        Framing::new(motion, self.canvas, self.parts(index).total())
    }

    /// Where the picture fades: the frames of the fade in, and the first frame and length of
    /// the fade out (black on the first and on the last frame).
    pub fn fade_frames(&self) -> (u64, (u64, u64)) {
        let fade_in = self.canvas.frame_at(self.fade_in_ms);
        let fade_out = self.canvas.frame_at(self.fade_out_ms);
        let last = self.frames.saturating_sub(1);
        (fade_in, (last.saturating_sub(fade_out), fade_out))
    }
}

#[cfg(test)]
mod tests;
