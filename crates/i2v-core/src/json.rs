//! JSON text for messages and request bodies, without `Value`'s `Display`.
//!
//! `Value`'s `Display` writes through an `io::Write` adapter whose error is an `io::Error` made
//! from a `String`; that error's `Debug` brings string escaping and Unicode's printable tables
//! into the browser package (docs/decisions/wasm-size.md). serde_json's writer into memory
//! does the same work without it.

use serde_json::Value;

/// A value as compact JSON text.
pub(crate) fn json_text(value: &Value) -> String {
    // serde_json fails only on a map key that is not a string or a writer that fails; a
    // `Value` has only string keys and a `String` takes any text.
    serde_json::to_string(value).unwrap_or_default()
}

/// `text` as a JSON string, for error messages that quote what they were given:
/// `"4k!" is not a render id`.
pub fn quoted(text: &str) -> String {
    json_text(&Value::from(text))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn texts_are_quoted_as_json_strings() {
        assert_eq!(quoted("4k"), r#""4k""#);
        assert_eq!(quoted("say \"hi\"\n"), r#""say \"hi\"\n""#);
        assert_eq!(
            json_text(&serde_json::json!({"b": [1, null], "a": "x"})),
            r#"{"a":"x","b":[1,null]}"#
        );
    }
}
