//! `@i2v/web`'s second module: `NativeTimeline`, a draft read as frames by `i2v_core::timeline`,
//! held here so that a preview asks for a frame many times a second without reading the draft
//! again.
//!
//! Why a module of its own (docs/decisions/wasm-size.md): the evaluator and its shapes cost the
//! browser build about 12 KB gzipped, which the client's module has no room for under its
//! 200 KB budget, and most pages that talk to the agent never draw a preview. A page that does
//! loads this module too (`initPreview()`, which `Preview.load` calls); it carries its own copy
//! of the draft reader and serde_json, the price of keeping the client's module small.

#![forbid(unsafe_code)]
#![cfg(target_arch = "wasm32")]

use i2v_core::Error;
use i2v_core::timeline::Timeline;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// `value` as JSON text, which the shell parses (`JSON.parse`): a scene is a few hundred bytes,
/// parsed in microseconds, and the module then needs neither serde-wasm-bindgen nor a
/// `serde_json::Value` tree per frame; `null` if it could not be written, never a panic.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value).map_or(JsValue::NULL, |text| JsValue::from_str(&text))
}

/// A draft's timeline on one canvas (`Draft.timeline` in the shell).
#[wasm_bindgen]
pub struct NativeTimeline {
    timeline: Result<Timeline, Error>,
}

#[wasm_bindgen]
impl NativeTimeline {
    /// Reads a draft's JSON text onto a canvas (the core's default for what is not given); a
    /// draft that cannot play is told by `info`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        json: &str,
        width: Option<u32>,
        height: Option<u32>,
        fps: Option<u32>,
    ) -> NativeTimeline {
        NativeTimeline {
            timeline: i2v_js::scene::build_timeline(json, width, height, fps),
        }
    }

    /// The result (`{ok}` or `{error}`) of the timeline's `{durationMs, frames, canvas, media}`.
    pub fn info(&self) -> JsValue {
        to_js(&i2v_js::scene::timeline_reply(&self.timeline))
    }

    /// What the frame on which `ms` falls shows; `null` where the draft cannot play.
    #[wasm_bindgen(js_name = sceneAt)]
    pub fn scene_at(&self, ms: f64) -> JsValue {
        match &self.timeline {
            Ok(timeline) => to_js(&i2v_js::scene::scene_at(timeline, ms)),
            Err(_) => JsValue::NULL,
        }
    }
}
