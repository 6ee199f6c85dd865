//! The typed shape of a draft: tracks of segments, each with metadata, over the JSON it came from.
//!
//! Every node keeps the object it was read from, minus the children that are parsed into nodes of
//! their own (`t`, `sg`, `m`, `transition`). Known scalar keys are read through typed accessors;
//! every other key stays where it was, untouched, so that writing the draft back gives exactly the
//! JSON value it was read from (`docs/PROTOCOL.md` §5, round trip).
//!
//! A known key holding `null` counts as absent, and the `null` is kept.

use serde_json::{Map, Number, Value};

use super::keys;
use super::meta::Meta;
use super::timing::whole_ms;

/// A draft timeline: the compact JSON of `docs/PROTOCOL.md` §5, read into tracks and segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The tracks of `t`, or `None` where `t` is absent or `null`.
    pub(super) tracks: Option<Vec<Track>>,
    /// Every other top-level key, as received.
    pub(super) fields: Map<String, Value>,
}

/// One track of the timeline (`t[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// The segments of `sg`, or `None` where `sg` is absent or `null`.
    pub(super) segments: Option<Vec<Segment>>,
    /// The track's `m`, or `None` where it is absent or `null`.
    pub(super) meta: Option<Meta>,
    /// `tt` and every other key, as received.
    pub(super) fields: Map<String, Value>,
}

/// One segment of a track (`t[i].sg[j]`): a clip, a piece of audio, a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The segment's `m`, or `None` where it is absent or `null`.
    pub(super) meta: Option<Meta>,
    /// `d`, `s` and every other key, as received.
    pub(super) fields: Map<String, Value>,
}

/// What a track holds, from its `tt`.
///
/// A track without `tt` is a video track: compact JSON leaves out a key that holds its zero
/// default, and video is type 0. A number with no meaning here is kept as [`TrackKind::Other`];
/// `1.0` means the same as `1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackKind {
    /// `tt` 0 (or absent): pictures and video clips.
    Video,
    /// `tt` 1: music, voice, sound.
    Audio,
    /// `tt` 7: titles, subtitles, captions.
    Text,
    /// Any other `tt`, kept as it was written.
    Other(Number),
}

impl TrackKind {
    /// The kind a `tt` value stands for.
    pub fn from_code(code: &Number) -> TrackKind {
        match code.as_f64() {
            Some(0.0) => TrackKind::Video,
            Some(1.0) => TrackKind::Audio,
            Some(7.0) => TrackKind::Text,
            _ => TrackKind::Other(code.clone()),
        }
    }

    /// The kind in one word: `video`, `audio`, `text`, or `other`.
    pub fn word(&self) -> &'static str {
        match self {
            TrackKind::Video => "video",
            TrackKind::Audio => "audio",
            TrackKind::Text => "text",
            TrackKind::Other(_) => "other",
        }
    }

    /// The `tt` value that stands for this kind.
    pub fn code(&self) -> Number {
        match self {
            TrackKind::Video => Number::from(0),
            TrackKind::Audio => Number::from(1),
            TrackKind::Text => Number::from(7),
            TrackKind::Other(code) => code.clone(),
        }
    }
}

impl Draft {
    /// The tracks, in order; empty where the draft has no `t`.
    pub fn tracks(&self) -> &[Track] {
        self.tracks.as_deref().unwrap_or_default()
    }

    /// The track at `index`, if there is one.
    pub fn track(&self, index: usize) -> Option<&Track> {
        self.tracks().get(index)
    }

    /// Whether there is something to render: `t` exists and at least one track has a non-empty
    /// `sg` (`docs/PROTOCOL.md` §5, export-ready).
    pub fn is_export_ready(&self) -> bool {
        self.tracks()
            .iter()
            .any(|track| !track.segments().is_empty())
    }

    /// The raw value of a top-level key other than `t`, as received.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }
}

impl Track {
    /// What the track holds, from `tt`.
    pub fn kind(&self) -> TrackKind {
        match self.fields.get(keys::TRACK_TYPE) {
            Some(Value::Number(code)) => TrackKind::from_code(code),
            _ => TrackKind::Video,
        }
    }

    /// The segments, in order; empty where the track has no `sg`.
    pub fn segments(&self) -> &[Segment] {
        self.segments.as_deref().unwrap_or_default()
    }

    /// The segment at `index`, if there is one.
    pub fn segment(&self, index: usize) -> Option<&Segment> {
        self.segments().get(index)
    }

    /// The track's own metadata (`m`), if it has any.
    pub fn meta(&self) -> Option<&Meta> {
        self.meta.as_ref()
    }

    /// How long the whole track fades in, from its own `m.fade_in` in whole ms: on the video
    /// track, the picture comes up from black at the start (ours, `docs/PROTOCOL.md` §5).
    pub fn fade_in_ms(&self) -> Option<u64> {
        self.meta().and_then(Meta::fade_in_ms)
    }

    /// How long the whole track fades out, from its own `m.fade_out` in whole ms: on the video
    /// track, the picture and the sound go down to black and silence at the end.
    pub fn fade_out_ms(&self) -> Option<u64> {
        self.meta().and_then(Meta::fade_out_ms)
    }

    /// The raw value of a key of the track other than `sg` and `m`, as received.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }
}

impl Segment {
    /// The explicit start on the timeline (`s`) in whole ms; `None` means "right after the
    /// previous segment of the track" (see [`Track::spans`]).
    pub fn start_ms(&self) -> Option<u64> {
        self.number(keys::START).map(whole_ms)
    }

    /// The duration (`d`) in whole ms, if the segment states one; timing counts a missing
    /// duration as 0.
    pub fn duration_ms(&self) -> Option<u64> {
        self.number(keys::DURATION).map(whole_ms)
    }

    /// The segment's metadata (`m`), if it has any.
    pub fn meta(&self) -> Option<&Meta> {
        self.meta.as_ref()
    }

    /// The raw value of a key of the segment other than `m`, as received.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    fn number(&self, key: &str) -> Option<&Number> {
        match self.fields.get(key) {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        }
    }
}
