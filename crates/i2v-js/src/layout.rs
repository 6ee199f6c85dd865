//! The draft's layout (`Draft::layout`) as the JS object the page's timeline draws: camelCase
//! keys, times in ms, `null` for what is absent.

use i2v_core::draft::{Layout, SegmentLayout, TrackLayout};
use serde_json::Value;

use crate::wire::object;

/// `{tracks: [{index, kind, role, label, fadeInMs, fadeOutMs, segments}], durationMs}`.
pub fn layout(layout: &Layout) -> Value {
    object([
        (
            "tracks",
            Value::Array(layout.tracks.iter().map(track).collect()),
        ),
        ("durationMs", layout.duration_ms.into()),
    ])
}

fn track(track: &TrackLayout) -> Value {
    object([
        ("index", track.index.into()),
        ("kind", track.kind.word().into()),
        ("role", track.role.word().map_or(Value::Null, Value::from)),
        ("label", track.label.as_str().into()),
        ("fadeInMs", track.fade_in_ms.into()),
        ("fadeOutMs", track.fade_out_ms.into()),
        (
            "segments",
            Value::Array(track.segments.iter().map(segment).collect()),
        ),
    ])
}

fn segment(segment: &SegmentLayout) -> Value {
    let transition = segment.transition.map_or(Value::Null, |(kind, ms)| {
        object([
            ("type", kind.ffmpeg_name().into()),
            ("durationMs", ms.into()),
        ])
    });
    object([
        ("index", segment.index.into()),
        ("startMs", segment.span.start_ms.into()),
        ("durationMs", segment.span.duration_ms().into()),
        ("name", segment.name.as_deref().into()),
        ("text", segment.text.as_deref().into()),
        ("volume", segment.volume.into()),
        ("transition", transition),
        ("fadeInMs", segment.fade_in_ms.into()),
        ("fadeOutMs", segment.fade_out_ms.into()),
        ("src", segment.src.as_deref().into()),
    ])
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use i2v_core::draft::Draft;
    use serde_json::json;

    use super::*;

    #[test]
    fn the_layout_crosses_in_camel_case_with_nulls() {
        let draft = Draft::from_value(json!({"t": [
            {"tt": 0, "sg": [{"d": 3000, "m": {"src": "med_1", "transition": {"type": "wipe"}}}]},
            {"tt": 7, "sg": [{"s": 500, "d": 1000, "m": {"role": "subtitle", "text": "Hi"}}]}
        ]}))
        .unwrap();
        let value = layout(&draft.layout());
        assert_eq!(value["durationMs"], 3000);
        let clip = &value["tracks"][0]["segments"][0];
        assert_eq!(
            clip["transition"],
            json!({"type": "wipeleft", "durationMs": 800})
        );
        assert_eq!(clip["name"], Value::Null);
        assert_eq!(clip["volume"], Value::Null);
        let captions = &value["tracks"][1];
        assert_eq!(
            (captions["kind"].clone(), captions["role"].clone()),
            (json!("text"), json!("subtitle"))
        );
        assert_eq!(captions["label"], "Subtitle");
        assert_eq!(captions["segments"][0]["startMs"], 500);
    }
}
