//! The metadata object `m` of a track or segment, and the transition inside it.
//!
//! The keys are ours (`docs/PROTOCOL.md` §5): the cloud may send others, which stay as they came.
//! Types as this model reads them: `name`, `src`, `text`, `role`, `fit`, `motion`, `position` and
//! `color` are strings (styling words read by [`super::look`] and [`TransitionKind`]); `volume` (0–1) and `font_size` are numbers; `fade_in`, `fade_out` and a
//! transition's `d` are durations in ms, like every duration in the draft.

use serde_json::{Map, Number, Value};

use super::keys;
use super::look::{Fit, Motion, Position};
use super::source::MediaSource;
use super::timing::whole_ms;
use super::transition_kind::TransitionKind;

/// The metadata (`m`) of a track or a segment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// The `transition`, or `None` where it is absent or `null`.
    pub(super) transition: Option<Transition>,
    /// Every other key, as received.
    pub(super) fields: Map<String, Value>,
}

/// How a segment passes into the next one (`m.transition`, e.g. `{"type":"fade","d":800}`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transition {
    /// `type`, `d` and every other key, as received.
    pub(super) fields: Map<String, Value>,
}

impl Meta {
    /// The display name (`name`).
    pub fn name(&self) -> Option<&str> {
        self.string(keys::NAME)
    }

    /// The media the segment shows or plays (`src`) as written: a media id, a URL, `library:…`.
    pub fn src(&self) -> Option<&str> {
        self.string(keys::SRC)
    }

    /// Where the media of `src` comes from; `None` where it is absent or blank.
    pub fn source(&self) -> Option<MediaSource<'_>> {
        MediaSource::read(self.src()?)
    }

    /// The words a text segment shows (`text`).
    pub fn text(&self) -> Option<&str> {
        self.string(keys::TEXT)
    }

    /// What the track or segment is for (`role`): `bgm`, `title`, `subtitle`, …
    pub fn role(&self) -> Option<&str> {
        self.string(keys::ROLE)
    }

    /// The loudness (`volume`), nominally 0 (silent) to 1 (as recorded).
    pub fn volume(&self) -> Option<f64> {
        self.number(keys::VOLUME).and_then(Number::as_f64)
    }

    /// The transition into the next segment (`transition`).
    pub fn transition(&self) -> Option<&Transition> {
        self.transition.as_ref()
    }

    /// How a picture fills the frame (`fit`); `None` where it is absent or an unknown word.
    pub fn fit(&self) -> Option<Fit> {
        Fit::parse(self.string(keys::FIT)?)
    }

    /// The camera movement over a picture (`motion`); `None` where it is absent or unknown.
    pub fn motion(&self) -> Option<Motion> {
        Motion::parse(self.string(keys::MOTION)?)
    }

    /// Where a text sits in the frame (`position`); `None` where it is absent or unknown.
    pub fn position(&self) -> Option<Position> {
        Position::parse(self.string(keys::POSITION)?)
    }

    /// The colour of a text (`color`), as the draft writes it (`#ffffff`, `white`, …).
    pub fn color(&self) -> Option<&str> {
        self.string(keys::COLOR)
    }

    /// The size of a text (`font_size`).
    pub fn font_size(&self) -> Option<f64> {
        self.number(keys::FONT_SIZE).and_then(Number::as_f64)
    }

    /// How long the segment fades in (`fade_in`), in whole ms.
    pub fn fade_in_ms(&self) -> Option<u64> {
        self.number(keys::FADE_IN).map(whole_ms)
    }

    /// How long the segment fades out (`fade_out`), in whole ms.
    pub fn fade_out_ms(&self) -> Option<u64> {
        self.number(keys::FADE_OUT).map(whole_ms)
    }

    /// The raw value of a key other than `transition`, as received.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    fn number(&self, key: &str) -> Option<&Number> {
        match self.fields.get(key) {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        }
    }
}

impl Transition {
    /// The kind of transition, by [`TransitionKind::read`]: `None` is a cut (`none`, `cut`);
    /// an absent or unknown `type` is a fade.
    pub fn kind(&self) -> Option<TransitionKind> {
        TransitionKind::read(self.kind_word())
    }

    /// The `type` as written: `fade`, `slideleft`, …
    pub fn kind_word(&self) -> Option<&str> {
        self.fields
            .get(keys::TRANSITION_TYPE)
            .and_then(Value::as_str)
    }

    /// How long the transition lasts (`d`), in whole ms.
    pub fn duration_ms(&self) -> Option<u64> {
        match self.fields.get(keys::DURATION) {
            Some(Value::Number(n)) => Some(whole_ms(n)),
            _ => None,
        }
    }

    /// The raw value of any key of the transition, as received.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }
}
