//! The vocabulary of `docs/PROTOCOL.md` §5: every key the model knows, where it lives, and its type.
//!
//! Parsing checks these types once; the accessors then read the same keys without re-checking.

/// The JSON type a known scalar key must hold (or `null`, which counts as absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Number,
    String,
}

impl Expect {
    /// How the type reads in an error message.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Expect::Number => "a number",
            Expect::String => "a string",
        }
    }

    pub(crate) fn accepts(self, value: &serde_json::Value) -> bool {
        match self {
            Expect::Number => value.is_number() || value.is_null(),
            Expect::String => value.is_string() || value.is_null(),
        }
    }
}

/// Top level: the tracks.
pub(crate) const TRACKS: &str = "t";

/// Track: its type (0 video, 1 audio, 7 text).
pub(crate) const TRACK_TYPE: &str = "tt";
/// Track: its segments.
pub(crate) const SEGMENTS: &str = "sg";
/// Track, segment: metadata.
pub(crate) const META: &str = "m";

/// Segment, transition: duration in ms.
pub(crate) const DURATION: &str = "d";
/// Segment: start on the timeline in ms.
pub(crate) const START: &str = "s";

/// Metadata keys.
pub(crate) const NAME: &str = "name";
pub(crate) const SRC: &str = "src";
pub(crate) const TEXT: &str = "text";
pub(crate) const ROLE: &str = "role";
pub(crate) const VOLUME: &str = "volume";
pub(crate) const TRANSITION: &str = "transition";
pub(crate) const FIT: &str = "fit";
pub(crate) const MOTION: &str = "motion";
pub(crate) const POSITION: &str = "position";
pub(crate) const COLOR: &str = "color";
pub(crate) const FONT_SIZE: &str = "font_size";
pub(crate) const FADE_IN: &str = "fade_in";
pub(crate) const FADE_OUT: &str = "fade_out";

/// Transition: its kind (`fade`, `slideleft`, …).
pub(crate) const TRANSITION_TYPE: &str = "type";

/// The type of a track's scalar key, if the model knows it (its `sg` and `m` are children).
pub(crate) fn track_scalar(key: &str) -> Option<Expect> {
    match key {
        TRACK_TYPE => Some(Expect::Number),
        _ => None,
    }
}

/// The type of a segment's scalar key, if the model knows it (its `m` is a child).
pub(crate) fn segment_scalar(key: &str) -> Option<Expect> {
    match key {
        DURATION | START => Some(Expect::Number),
        _ => None,
    }
}

/// The type of a scalar key of `m`, if the model knows it (its `transition` is a child).
pub(crate) fn meta_scalar(key: &str) -> Option<Expect> {
    match key {
        NAME | SRC | TEXT | ROLE | FIT | MOTION | POSITION | COLOR => Some(Expect::String),
        VOLUME | FONT_SIZE | FADE_IN | FADE_OUT => Some(Expect::Number),
        _ => None,
    }
}

/// The type of a transition's key, if the model knows it.
pub(crate) fn transition_scalar(key: &str) -> Option<Expect> {
    match key {
        TRANSITION_TYPE => Some(Expect::String),
        DURATION => Some(Expect::Number),
        _ => None,
    }
}
