//! Writing a draft back as JSON, equal to what was read plus any edits (`docs/PROTOCOL.md` §5, round
//! trip).
//!
//! Each node writes the keys it kept, as received, then the children it parsed out of them (`t`,
//! `sg`, `m`, `transition`). Serialisation goes straight from the model to the output, so sending
//! a draft inside a request body (`{"draft": <draft>}`) copies nothing on the way.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::keys;
use super::meta::{Meta, Transition};
use super::model::{Draft, Segment, Track};

impl Draft {
    /// The draft as a JSON value, equal to the one it was read from plus any edits.
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// The draft as a JSON value, without copying.
    pub fn into_value(self) -> Value {
        let mut fields = self.fields;
        if let Some(tracks) = self.tracks {
            let tracks = tracks.into_iter().map(Track::into_value).collect();
            fields.insert(keys::TRACKS.to_owned(), Value::Array(tracks));
        }
        Value::Object(fields)
    }

    /// The draft as compact JSON text.
    pub fn to_json(&self) -> String {
        // serde_json fails only on a map key that is not a string or a writer that fails; a
        // String writer and a model of string keys rule out both.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Track {
    fn into_value(self) -> Value {
        let mut fields = self.fields;
        if let Some(meta) = self.meta {
            fields.insert(keys::META.to_owned(), meta.into_value());
        }
        if let Some(segments) = self.segments {
            let segments = segments.into_iter().map(Segment::into_value).collect();
            fields.insert(keys::SEGMENTS.to_owned(), Value::Array(segments));
        }
        Value::Object(fields)
    }
}

impl Segment {
    fn into_value(self) -> Value {
        let mut fields = self.fields;
        if let Some(meta) = self.meta {
            fields.insert(keys::META.to_owned(), meta.into_value());
        }
        Value::Object(fields)
    }
}

impl Meta {
    fn into_value(self) -> Value {
        let mut fields = self.fields;
        if let Some(transition) = self.transition {
            fields.insert(
                keys::TRANSITION.to_owned(),
                Value::Object(transition.fields),
            );
        }
        Value::Object(fields)
    }
}

impl From<Draft> for Value {
    fn from(draft: Draft) -> Value {
        draft.into_value()
    }
}

/// Serialises as the JSON it stands for.
impl Serialize for Draft {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tracks = (keys::TRACKS, self.tracks.as_ref());
        write_object(serializer, &self.fields, tracks, NO_CHILD)
    }
}

/// Serialises as the JSON it stands for.
impl Serialize for Track {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let meta = (keys::META, self.meta.as_ref());
        let segments = (keys::SEGMENTS, self.segments.as_ref());
        write_object(serializer, &self.fields, meta, segments)
    }
}

/// Serialises as the JSON it stands for.
impl Serialize for Segment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let meta = (keys::META, self.meta.as_ref());
        write_object(serializer, &self.fields, meta, NO_CHILD)
    }
}

/// Serialises as the JSON it stands for.
impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let transition = (keys::TRANSITION, self.transition.as_ref());
        write_object(serializer, &self.fields, transition, NO_CHILD)
    }
}

/// Serialises as the JSON it stands for.
impl Serialize for Transition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fields.serialize(serializer)
    }
}

/// A child a node does not have.
const NO_CHILD: (&str, Option<&()>) = ("", None);

/// One JSON object: the node's kept keys, then its parsed children where it has them.
fn write_object<S: Serializer, A: Serialize, B: Serialize>(
    serializer: S,
    fields: &Map<String, Value>,
    (first_key, first): (&str, Option<&A>),
    (second_key, second): (&str, Option<&B>),
) -> Result<S::Ok, S::Error> {
    let children = usize::from(first.is_some()) + usize::from(second.is_some());
    let mut object = serializer.serialize_map(Some(fields.len() + children))?;
    for (key, value) in fields {
        object.serialize_entry(key, value)?;
    }
    if let Some(first) = first {
        object.serialize_entry(first_key, first)?;
    }
    if let Some(second) = second {
        object.serialize_entry(second_key, second)?;
    }
    object.end()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;
    use crate::draft::TrackKind;

    const EXAMPLE: &str = include_str!("testdata/urban_dreams.json");

    #[test]
    fn a_backend_draft_comes_back_equal_unknown_keys_and_all() {
        let original: Value = serde_json::from_str(EXAMPLE).unwrap();
        let draft = Draft::parse(EXAMPLE).unwrap();
        assert_eq!(draft.to_value(), original);
        assert_eq!(draft.clone().into_value(), original);
        let again: Value = serde_json::from_str(&draft.to_json()).unwrap();
        assert_eq!(again, original);
        assert_eq!(draft.field("canvas"), original.get("canvas"));
    }

    #[test]
    fn numbers_keep_their_form() {
        let value = json!({"t": [{"tt": 1.0, "sg": [
            {"d": 3000.0, "s": -1, "m": {"volume": 1, "transition": {"type": "fade", "d": 800.5}}}
        ]}]});
        let draft = Draft::from_value(value.clone()).unwrap();
        assert_eq!(draft.to_value(), value);
        assert_ne!(
            draft.to_value(),
            json!({"t": [{"tt": 1, "sg": [
                {"d": 3000, "s": -1, "m": {"volume": 1, "transition": {"type": "fade", "d": 800.5}}}
            ]}]})
        );
        assert!(draft.to_json().contains("3000.0"));
        let segment = &draft.tracks()[0].segments()[0];
        assert_eq!(segment.duration_ms(), Some(3000));
        assert_eq!(segment.start_ms(), Some(0));
        let transition = segment.meta().unwrap().transition().unwrap();
        assert_eq!(transition.duration_ms(), Some(801));
    }

    #[test]
    fn nulls_count_as_absent_and_are_kept() {
        let value = json!({"t": [
            {"tt": null, "sg": null, "m": null, "x": null},
            {"sg": [{"d": null, "s": null, "m": {"name": null, "transition": null}}]}
        ]});
        let draft = Draft::from_value(value.clone()).unwrap();
        assert_eq!(draft.to_value(), value);
        let first = &draft.tracks()[0];
        assert_eq!(first.kind(), TrackKind::Video);
        assert!(first.segments().is_empty() && first.meta().is_none());
        let segment = &draft.tracks()[1].segments()[0];
        assert_eq!(segment.duration_ms(), None);
        assert_eq!(segment.meta().unwrap().name(), None);
        assert!(segment.meta().unwrap().transition().is_none());

        let no_tracks = json!({"t": null, "v": 1});
        assert_eq!(
            Draft::from_value(no_tracks.clone()).unwrap().to_value(),
            no_tracks
        );
    }

    #[test]
    fn unknown_keys_may_hold_anything() {
        let value = json!({"t": [{"sg": [{"m": {"transition": {"type": "fade", "ease": [0, 1]},
            "filters": {"blur": 2}}, "id": 7}], "locked": true}], "d": "not ours at the top"});
        let draft = Draft::from_value(value.clone()).unwrap();
        assert_eq!(draft.to_value(), value);
    }

    #[test]
    fn serde_and_std_conversions_agree() {
        let draft: Draft = EXAMPLE.parse().unwrap();
        let body = json!({"id": "render_1", "draft": draft});
        assert_eq!(
            body["draft"],
            serde_json::from_str::<Value>(EXAMPLE).unwrap()
        );
        let back: Draft = serde_json::from_value(body["draft"].clone()).unwrap();
        assert_eq!(back, draft);
        assert_eq!(Draft::try_from(Value::from(draft.clone())), Ok(draft));
        let bad = serde_json::from_value::<Draft>(json!({"t": [{"sg": [{"d": []}]}]}));
        assert_eq!(
            bad.unwrap_err().to_string(),
            "t[0].sg[0].d: expected a number"
        );
    }
}
