//! Field readers that never reject an event over one odd field.
//!
//! The cloud's ADK version may differ from the one these types were written against: a field may
//! be `null`, a number where a string was expected, or a shape we do not know. Each reader here
//! takes whatever JSON value is present and keeps what it can use, so that one unexpected field
//! costs that field and never the rest of the event (`docs/PROTOCOL.md`: be lenient where the cloud
//! might differ).

use serde_json::{Map, Value};

/// Removes a field from an event's object: the first of `names` present (the camelCase name
/// first, then the snake_case spelling some ADK versions use), `null` when none is.
pub(super) fn take(object: &mut Map<String, Value>, names: &[&str]) -> Value {
    names
        .iter()
        .find_map(|name| object.remove(*name))
        .unwrap_or(Value::Null)
}

/// A string field: a string as it is, a number as its decimal text, anything else (and an empty
/// string, which ADK would have omitted) as absent.
pub(super) fn string(value: Value) -> Option<String> {
    match value {
        Value::String(text) if !text.is_empty() => Some(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A flag: `true` only when the value is the JSON `true`; absent, `null` or odd values are false.
pub(super) fn flag(value: &Value) -> bool {
    *value == Value::Bool(true)
}

/// A number field: a JSON number, else absent.
pub(super) fn number(value: &Value) -> Option<f64> {
    value.as_f64()
}

/// A JSON object field: an object as it is, anything else as an empty object.
pub(super) fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn well_formed_fields_are_read() {
        assert_eq!(string(json!("hi")).as_deref(), Some("hi"));
        assert!(flag(&json!(true)));
        assert_eq!(number(&json!(1.5)), Some(1.5));
        assert_eq!(object(json!({"k": 1})).get("k"), Some(&json!(1)));
    }

    #[test]
    fn odd_fields_cost_only_themselves() {
        assert_eq!(string(json!(42)).as_deref(), Some("42"));
        assert_eq!(string(json!(2.5)).as_deref(), Some("2.5"));
        assert_eq!(string(json!(["x"])), None);
        assert!(!flag(&json!("yes")));
        assert!(!flag(&json!(1)));
        assert_eq!(number(&json!("soon")), None);
        assert!(object(json!([1])).is_empty());
    }

    #[test]
    fn null_and_empty_mean_absent() {
        assert_eq!(string(json!("")), None);
        assert_eq!(string(Value::Null), None);
        assert!(!flag(&Value::Null));
        assert_eq!(number(&Value::Null), None);
        assert!(object(Value::Null).is_empty());
    }

    #[test]
    fn a_field_is_taken_by_its_first_spelling_present() {
        let mut fields = object(json!({"error_code": "b", "errorCode": "a", "other": 1}));
        assert_eq!(take(&mut fields, &["errorCode", "error_code"]), json!("a"));
        assert_eq!(take(&mut fields, &["errorCode", "error_code"]), json!("b"));
        assert_eq!(take(&mut fields, &["errorCode", "error_code"]), Value::Null);
        assert_eq!(fields.len(), 1);
    }
}
