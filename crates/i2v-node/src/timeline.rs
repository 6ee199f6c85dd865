//! `NativeTimeline`: a draft read as frames, held in the addon so a preview or a check asks for
//! a frame as often as it likes without reading the draft again.

use i2v_core::Error;
use i2v_core::timeline::Timeline;
use i2v_js::Outcome;
use i2v_js::scene::{SceneShape, TimelineShape};
use napi_derive::napi;

use crate::js::Js;

/// A draft's timeline on one canvas (`Draft.timeline` in the shell).
#[napi]
pub struct NativeTimeline {
    timeline: Result<Timeline, Error>,
}

#[napi]
impl NativeTimeline {
    /// Reads a draft's JSON text onto a canvas (the core's default for what is not given); a
    /// draft that cannot play is told by `info`.
    #[napi(constructor)]
    pub fn new(
        json: String,
        width: Option<u32>,
        height: Option<u32>,
        fps: Option<u32>,
    ) -> NativeTimeline {
        NativeTimeline {
            timeline: i2v_js::scene::build_timeline(&json, width, height, fps),
        }
    }

    /// The result of the timeline's `{durationMs, frames, canvas, media}`.
    #[napi(ts_return_type = "NativeResult<TimelineInfo>")]
    pub fn info(&self) -> Js<Outcome<TimelineShape>> {
        Js(i2v_js::scene::timeline_reply(&self.timeline))
    }

    /// What the frame on which `ms` falls shows; `null` where the draft cannot play.
    #[napi(ts_return_type = "Scene | null")]
    pub fn scene_at(&self, ms: f64) -> Option<Js<SceneShape>> {
        let timeline = self.timeline.as_ref().ok()?;
        Some(Js(i2v_js::scene::scene_at(timeline, ms)))
    }
}
