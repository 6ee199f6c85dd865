//! The metadata object `m` of a track or segment, and the transition inside it.
//!
//! The keys are ours (`docs/PROTOCOL.md` §5): the cloud may send others, which stay as they came.
//! Types as this model reads them: `name`, `src`, `text`, `role`, `fit`, `motion`, `position` and
//! `color` are strings; `volume` (0–1) and `font_size` are numbers; `fade_in`, `fade_out` and a
//! transition's `d` are durations in ms, like every duration in the draft.

use serde_json::{Map, Number, Value};

use super::keys;
use super::timing::whole_ms;

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

    /// The media the segment shows or plays (`src`): a media id or a URL.
    pub fn src(&self) -> Option<&str> {
        self.string(keys::SRC)
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

    /// How a picture fills the frame (`fit`): `cover`, `contain`, `blur`, …
    pub fn fit(&self) -> Option<&str> {
        self.string(keys::FIT)
    }

    /// The camera movement over a picture (`motion`): `zoom_in`, `zoom_out`, `pan_left`, `none`, …
    pub fn motion(&self) -> Option<&str> {
        self.string(keys::MOTION)
    }

    /// Where a text sits in the frame (`position`): `top`, `center`, `bottom`, …
    pub fn position(&self) -> Option<&str> {
        self.string(keys::POSITION)
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
    /// The kind of transition (`type`): `fade`, `slideleft`, …
    pub fn kind(&self) -> Option<&str> {
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
