//! Field readers that never reject an event over one odd field.
//!
//! The cloud's ADK version may differ from the one these types were written against: a field may
//! be `null`, a number where a string was expected, or a shape we do not know. Each reader here
//! takes whatever JSON value is present and keeps what it can use, so that one unexpected field
//! costs that field and never the rest of the event (`PROTOCOL.md`: be lenient where the cloud
//! might differ).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// A string field: a string as it is, a number as its decimal text, anything else (and an empty
/// string, which ADK would have omitted) as absent.
pub(super) fn string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(string_of(Value::deserialize(deserializer)?))
}

/// A flag: `true` only when the value is the JSON `true`; absent, `null` or odd values are false.
pub(super) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(matches!(
        Value::deserialize(deserializer)?,
        Value::Bool(true)
    ))
}

/// A number field: a JSON number, else absent.
pub(super) fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Ok(Value::deserialize(deserializer)?.as_f64())
}

/// A JSON object field: an object as it is, anything else as an empty object.
pub(super) fn object<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Map<String, Value>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

/// A nested structure: its own lenient reading, or its default when the value has the wrong shape.
pub(super) fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// An optional nested structure: present only when the value has a shape it can be read from.
pub(super) fn or_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

/// The rule of [`string`], for a value already in hand.
pub(super) fn string_of(value: Value) -> Option<String> {
    match value {
        Value::String(text) if !text.is_empty() => Some(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde::Deserialize;
    use serde_json::{Value, json};

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Inner {
        #[serde(deserialize_with = "super::string")]
        name: Option<String>,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "super::string")]
        text: Option<String>,
        #[serde(deserialize_with = "super::flag")]
        on: bool,
        #[serde(deserialize_with = "super::number")]
        at: Option<f64>,
        #[serde(deserialize_with = "super::object")]
        map: serde_json::Map<String, Value>,
        #[serde(deserialize_with = "super::or_default")]
        inner: Inner,
        #[serde(deserialize_with = "super::or_none")]
        maybe: Option<Inner>,
    }

    fn probe(value: Value) -> Probe {
        match serde_json::from_value(value) {
            Ok(probe) => probe,
            Err(err) => panic!("lenient fields rejected an object: {err}"),
        }
    }

    #[test]
    fn well_formed_fields_are_read() {
        let p = probe(json!({
            "text": "hi", "on": true, "at": 1.5, "map": {"k": 1},
            "inner": {"name": "a"}, "maybe": {"name": "b"}
        }));
        assert_eq!(p.text.as_deref(), Some("hi"));
        assert!(p.on);
        assert_eq!(p.at, Some(1.5));
        assert_eq!(p.map.get("k"), Some(&json!(1)));
        assert_eq!(p.inner.name.as_deref(), Some("a"));
        assert_eq!(p.maybe.and_then(|m| m.name).as_deref(), Some("b"));
    }

    #[test]
    fn odd_fields_cost_only_themselves() {
        let p = probe(json!({
            "text": 42, "on": "yes", "at": "soon", "map": [1],
            "inner": "x", "maybe": 7
        }));
        assert_eq!(p.text.as_deref(), Some("42"));
        assert!(!p.on);
        assert_eq!(p.at, None);
        assert!(p.map.is_empty());
        assert_eq!(p.inner.name, None);
        assert!(p.maybe.is_none());
    }

    #[test]
    fn null_and_empty_mean_absent() {
        let p = probe(json!({"text": "", "on": null, "at": null, "map": null, "maybe": null}));
        assert_eq!(p.text, None);
        assert!(!p.on);
        assert_eq!(p.at, None);
        assert!(p.maybe.is_none());
        assert_eq!(probe(json!({"text": null})).text, None);
    }
}
