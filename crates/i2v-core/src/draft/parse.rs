//! Reading a draft from JSON: leniently, except where a known key holds the wrong type.
//!
//! Lenient means: any key may be missing (`t` absent → no tracks), a known key holding `null`
//! counts as absent, numbers may be negative or fractional (see [`super::timing`]), and keys the
//! model does not know are kept. Strict means: a known key holding the wrong type is an error that
//! names its JSON path, because a draft that says `"d": "3s"` would otherwise be rendered wrong
//! without a word.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::error::{DraftError, type_name};
use super::keys::{self, Expect};
use super::meta::{Meta, Transition};
use super::model::{Draft, Segment, Track};

type Object = Map<String, Value>;

impl Draft {
    /// Reads a draft from a JSON value, checking the type of every key it knows.
    pub fn from_value(value: Value) -> Result<Draft, DraftError> {
        let Value::Object(mut fields) = value else {
            return Err(DraftError::NotAnObject {
                found: type_name(&value),
            });
        };
        let root = Path::Root;
        let tracks = take_array(&mut fields, keys::TRACKS, &root)?
            .map(|items| parse_items(items, &Path::Key(&root, keys::TRACKS), parse_track))
            .transpose()?;
        Ok(Draft { tracks, fields })
    }

    /// Reads a draft from JSON text; text that is not JSON gives serde_json's line and column.
    pub fn parse(text: &str) -> Result<Draft, DraftError> {
        let value = serde_json::from_str(text).map_err(DraftError::from_json)?;
        Draft::from_value(value)
    }
}

fn parse_track(mut fields: Object, path: &Path<'_>) -> Result<Track, DraftError> {
    check_scalars(&fields, keys::track_scalar, path)?;
    let meta = parse_meta_key(&mut fields, path)?;
    let segments = take_array(&mut fields, keys::SEGMENTS, path)?
        .map(|items| parse_items(items, &Path::Key(path, keys::SEGMENTS), parse_segment))
        .transpose()?;
    Ok(Track {
        segments,
        meta,
        fields,
    })
}

fn parse_segment(mut fields: Object, path: &Path<'_>) -> Result<Segment, DraftError> {
    check_scalars(&fields, keys::segment_scalar, path)?;
    let meta = parse_meta_key(&mut fields, path)?;
    Ok(Segment { meta, fields })
}

/// Takes `m` out of a track or segment, checked.
fn parse_meta_key(fields: &mut Object, path: &Path<'_>) -> Result<Option<Meta>, DraftError> {
    let Some(mut meta) = take_object(fields, keys::META, path)? else {
        return Ok(None);
    };
    let path = Path::Key(path, keys::META);
    check_scalars(&meta, keys::meta_scalar, &path)?;
    let transition = take_object(&mut meta, keys::TRANSITION, &path)?;
    if let Some(transition) = &transition {
        check_scalars(
            transition,
            keys::transition_scalar,
            &Path::Key(&path, keys::TRANSITION),
        )?;
    }
    Ok(Some(Meta {
        transition: transition.map(|fields| Transition { fields }),
        fields: meta,
    }))
}

/// Parses each element of an array that must hold objects.
fn parse_items<T>(
    items: Vec<Value>,
    path: &Path<'_>,
    parse: fn(Object, &Path<'_>) -> Result<T, DraftError>,
) -> Result<Vec<T>, DraftError> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let here = Path::Index(path, index);
            match item {
                Value::Object(fields) => parse(fields, &here),
                _ => Err(wrong_type(&here, "an object")),
            }
        })
        .collect()
}

/// Checks that each known scalar key present holds its type (or `null`).
fn check_scalars(
    fields: &Object,
    known: fn(&str) -> Option<Expect>,
    path: &Path<'_>,
) -> Result<(), DraftError> {
    for (key, value) in fields {
        match known(key) {
            Some(expect) if !expect.accepts(value) => {
                return Err(wrong_type(&Path::Key(path, key), expect.describe()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Removes an array-valued key for parsing; `null` stays where it is and counts as absent.
fn take_array(
    fields: &mut Object,
    key: &'static str,
    path: &Path<'_>,
) -> Result<Option<Vec<Value>>, DraftError> {
    match fields.remove(key) {
        Some(Value::Array(items)) => Ok(Some(items)),
        None => Ok(None),
        Some(Value::Null) => {
            fields.insert(key.to_owned(), Value::Null);
            Ok(None)
        }
        Some(_) => Err(wrong_type(&Path::Key(path, key), "an array")),
    }
}

/// Removes an object-valued key for parsing; `null` stays where it is and counts as absent.
fn take_object(
    fields: &mut Object,
    key: &'static str,
    path: &Path<'_>,
) -> Result<Option<Object>, DraftError> {
    match fields.remove(key) {
        Some(Value::Object(object)) => Ok(Some(object)),
        None => Ok(None),
        Some(Value::Null) => {
            fields.insert(key.to_owned(), Value::Null);
            Ok(None)
        }
        Some(_) => Err(wrong_type(&Path::Key(path, key), "an object")),
    }
}

fn wrong_type(path: &Path<'_>, expected: &'static str) -> DraftError {
    DraftError::WrongType {
        path: path.to_string(),
        expected,
    }
}

/// Where a value sits in the draft, built on the stack while parsing and written out only for an
/// error: `t[2].sg[0].d`.
#[derive(Debug, Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

impl FromStr for Draft {
    type Err = DraftError;

    fn from_str(text: &str) -> Result<Draft, DraftError> {
        Draft::parse(text)
    }
}

impl TryFrom<Value> for Draft {
    type Error = DraftError;

    fn try_from(value: Value) -> Result<Draft, DraftError> {
        Draft::from_value(value)
    }
}

/// Deserialises through [`Draft::from_value`], with its checks.
impl<'de> Deserialize<'de> for Draft {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Draft, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Draft::from_value(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{Number, json};

    use super::*;
    use crate::draft::{Fit, Motion, Position, TrackKind};

    const EXAMPLE: &str = include_str!("testdata/urban_dreams.json");

    fn error(value: Value) -> String {
        Draft::from_value(value).unwrap_err().to_string()
    }

    #[test]
    fn typed_accessors_read_every_known_key() {
        let draft = Draft::parse(EXAMPLE).unwrap();
        let [video, bgm, title] = draft.tracks() else {
            panic!("three tracks expected");
        };
        assert_eq!(
            (video.kind(), bgm.kind(), title.kind()),
            (TrackKind::Video, TrackKind::Audio, TrackKind::Text)
        );
        let clip = video.segments()[0].meta().unwrap();
        assert_eq!(
            (clip.name(), clip.src()),
            (Some("city timelapse"), Some("med_7f3a21"))
        );
        assert_eq!(
            (clip.fit(), clip.motion()),
            (Some(Fit::Cover), Some(Motion::ZoomIn))
        );
        assert_eq!(bgm.meta().unwrap().role(), Some("bgm"));
        let music = bgm.segments()[0].meta().unwrap();
        assert_eq!(
            (music.volume(), music.fade_out_ms()),
            (Some(0.35), Some(1500))
        );
        let words = title.segments()[0].meta().unwrap();
        assert_eq!(words.text(), Some("Urban Dreams"));
        assert_eq!(
            (words.position(), words.color()),
            (Some(Position::Center), Some("#ffffff"))
        );
        assert_eq!(
            (words.font_size(), words.fade_in_ms()),
            (Some(72.0), Some(300))
        );
        assert_eq!(
            words.field("font"),
            Some(&json!({"family": "Inter", "weight": 700}))
        );
        assert_eq!(
            TrackKind::from_code(&Number::from(5)),
            TrackKind::Other(Number::from(5))
        );
    }

    #[test]
    fn wrong_types_name_their_path() {
        let d = json!({"t": [{}, {}, {"sg": [{"d": "3s"}]}]});
        assert_eq!(error(d), "t[2].sg[0].d: expected a number");
        assert_eq!(error(json!({"t": {}})), "t: expected an array");
        assert_eq!(error(json!({"t": [[]]})), "t[0]: expected an object");
        assert_eq!(
            error(json!({"t": [{"tt": "video"}]})),
            "t[0].tt: expected a number"
        );
        assert_eq!(
            error(json!({"t": [{"sg": {}}]})),
            "t[0].sg: expected an array"
        );
        assert_eq!(
            error(json!({"t": [{"sg": [1]}]})),
            "t[0].sg[0]: expected an object"
        );
        assert_eq!(
            error(json!({"t": [{"m": []}]})),
            "t[0].m: expected an object"
        );
        assert_eq!(
            error(json!({"t": [{}, {"m": {"name": 5}}]})),
            "t[1].m.name: expected a string"
        );
        let volume = json!({"t": [{"sg": [{}, {"m": {"volume": "loud"}}]}]});
        assert_eq!(error(volume), "t[0].sg[1].m.volume: expected a number");
        let transition = json!({"t": [{"sg": [{"m": {"transition": "fade"}}]}]});
        assert_eq!(
            error(transition),
            "t[0].sg[0].m.transition: expected an object"
        );
        let kind = json!({"t": [{"sg": [{"s": 0, "m": {"transition": {"type": 1}}}]}]});
        assert_eq!(
            error(kind),
            "t[0].sg[0].m.transition.type: expected a string"
        );
        let err = Draft::from_value(json!({"t": [{"sg": [{"s": true}]}]})).unwrap_err();
        assert_eq!(err.path(), Some("t[0].sg[0].s"));
    }

    #[test]
    fn not_an_object_or_not_json_is_a_clear_error() {
        assert_eq!(
            error(json!([])),
            "a draft must be a JSON object, not an array"
        );
        assert_eq!(
            error(json!("x")),
            "a draft must be a JSON object, not a string"
        );
        assert_eq!(
            error(Value::Null),
            "a draft must be a JSON object, not null"
        );
        let err = Draft::parse("{\"t\": [\n  {\"tt\": 0,}\n]}").unwrap_err();
        let DraftError::Json {
            line,
            column,
            message,
        } = &err
        else {
            panic!("not a JSON error: {err:?}");
        };
        assert_eq!((*line, *column), (2, 12));
        assert!(message.contains("line 2 column 12"), "{message}");
        assert!(err.to_string().starts_with("invalid JSON: "));
        assert!(matches!(
            Draft::parse(""),
            Err(DraftError::Json { line: 1, .. })
        ));
        assert_eq!(err.path(), None);
    }

    #[test]
    fn the_core_error_wraps_a_draft_error() {
        let err = crate::Error::from(Draft::from_value(json!({"t": 1})).unwrap_err());
        assert_eq!(err.kind(), crate::ErrorKind::Draft);
        assert_eq!(err.to_string(), "t: expected an array");
    }

    #[test]
    fn export_ready_needs_one_track_with_segments() {
        let ready = |value: Value| Draft::from_value(value).unwrap().is_export_ready();
        assert!(!ready(json!({})));
        assert!(!ready(json!({"t": []})));
        assert!(!ready(json!({"t": [{"sg": []}, {"tt": 1}]})));
        assert!(ready(json!({"t": [{"sg": []}, {"sg": [{}]}]})));
        assert!(Draft::parse(EXAMPLE).unwrap().is_export_ready());
    }
}
