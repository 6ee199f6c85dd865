//! The draft's layout (`Draft::layout`) as the JS object the page's timeline draws: camelCase
//! keys, times in ms, `null` for what is absent.

use i2v_core::draft::{Layout, SegmentLayout, TrackLayout};
use serde::Serialize;

use crate::shapes::ms;

/// `{tracks: [{index, kind, role, label, fadeInMs, fadeOutMs, segments}], durationMs}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutShape {
    /// The tracks, in the draft's order.
    pub tracks: Vec<TrackShape>,
    /// The timeline's length.
    pub duration_ms: f64,
}

/// One track of a [`LayoutShape`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackShape {
    /// Where the track sits in the draft.
    pub index: u32,
    /// `video`, `audio`, `text`, … (the core's word).
    pub kind: &'static str,
    /// The track's role word, when it has one.
    pub role: Option<String>,
    /// What a person calls the track.
    pub label: String,
    /// The fade in at the track's start.
    pub fade_in_ms: Option<f64>,
    /// The fade out at the track's end.
    pub fade_out_ms: Option<f64>,
    /// The track's segments, in time.
    pub segments: Vec<SegmentShape>,
}

/// One segment of a [`TrackShape`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentShape {
    /// Where the segment sits in its track.
    pub index: u32,
    /// When it starts.
    pub start_ms: f64,
    /// How long it lasts.
    pub duration_ms: f64,
    /// Its name, when it has one.
    pub name: Option<String>,
    /// Its text (titles, captions).
    pub text: Option<String>,
    /// Its volume, 0–1.
    pub volume: Option<f64>,
    /// The transition into the next segment.
    pub transition: Option<TransitionShape>,
    /// The fade in at its start.
    pub fade_in_ms: Option<f64>,
    /// The fade out at its end.
    pub fade_out_ms: Option<f64>,
    /// The media it shows (a media id or a URL).
    pub src: Option<String>,
}

/// A transition: ffmpeg's xfade name and its length.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransitionShape {
    /// The xfade name (`fade`, `wipeleft`, …).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// How long it lasts.
    pub duration_ms: f64,
}

/// The layout's shape.
pub fn layout(layout: &Layout) -> LayoutShape {
    LayoutShape {
        tracks: layout.tracks.iter().map(track).collect(),
        duration_ms: ms(layout.duration_ms),
    }
}

/// An index as a JS number (a draft has far fewer than 2^32 tracks or segments).
fn index(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

fn track(track: &TrackLayout) -> TrackShape {
    TrackShape {
        index: index(track.index),
        kind: track.kind.word(),
        role: track.role.word().map(str::to_owned),
        label: track.label.clone(),
        fade_in_ms: track.fade_in_ms.map(ms),
        fade_out_ms: track.fade_out_ms.map(ms),
        segments: track.segments.iter().map(segment).collect(),
    }
}

fn segment(segment: &SegmentLayout) -> SegmentShape {
    SegmentShape {
        index: index(segment.index),
        start_ms: ms(segment.span.start_ms),
        duration_ms: ms(segment.span.duration_ms()),
        name: segment.name.clone(),
        text: segment.text.clone(),
        volume: segment.volume,
        transition: segment.transition.map(|(kind, length)| TransitionShape {
            kind: kind.ffmpeg_name(),
            duration_ms: ms(length),
        }),
        fade_in_ms: segment.fade_in_ms.map(ms),
        fade_out_ms: segment.fade_out_ms.map(ms),
        src: segment.src.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use i2v_core::draft::Draft;
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn the_layout_crosses_in_camel_case_with_nulls() {
        let draft = Draft::from_value(json!({"t": [
            {"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1", "transition": {"type": "wipe"}}}]},
            {"tt": 7, "sg": [{"s": 500, "d": 1000, "m": {"role": "subtitle", "text": "Hi"}}]}
        ]}))
        .unwrap();
        let value = serde_json::to_value(layout(&draft.layout())).expect("a layout");
        assert_eq!(value["durationMs"], 3000.0);
        let clip = &value["tracks"][0]["segments"][0];
        assert_eq!(
            clip["transition"],
            json!({"type": "wipeleft", "durationMs": 800.0})
        );
        assert_eq!(clip["name"], Value::Null);
        assert_eq!(clip["volume"], Value::Null);
        let captions = &value["tracks"][1];
        assert_eq!(
            (captions["kind"].clone(), captions["role"].clone()),
            (json!("text"), json!("subtitle"))
        );
        assert_eq!(captions["label"], "Subtitle");
        assert_eq!(captions["segments"][0]["startMs"], 500.0);
    }
}
