//! Building and writing JSON values without serde's serializer.
//!
//! `serde_json::json!` sends every field through `serde_json::to_value`, a serializer per field
//! type plus an `unwrap` of its error, and `Value`'s `Display` writes through serde's serializer
//! into an `io::Write` (bringing `std::io`'s error texts along): in the size-tuned browser build
//! that is kilobytes of code for a list of pairs and a short recursive writer. The objects the
//! client and the bindings build go through [`object`], and the text they send through
//! [`to_string`], which writes what serde_json writes, byte for byte.

use std::fmt::Write;

use serde_json::{Map, Value};

/// A JSON object of `fields`, in order given (serde_json sorts them when written).
pub fn object<const N: usize>(mut fields: [(&str, Value); N]) -> Value {
    object_of(&mut fields)
}

/// [`object`] for any number of fields (compiled once), taking the values out of `fields`.
fn object_of(fields: &mut [(&str, Value)]) -> Value {
    let mut object = Map::new();
    for (name, value) in fields {
        object.insert((*name).to_owned(), std::mem::take(value));
    }
    Value::Object(object)
}

/// `value` as compact JSON text, exactly as `serde_json::to_string` writes it.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        // Writing into a `String` cannot fail.
        Value::Number(number) => drop(write!(out, "{number}")),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (n, (name, item)) in fields.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_string(out, name);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string: `"` and `\` escaped, control characters as their short escape or `\u00XX`.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c < ' ' || c == '"' || c == '\\') {
        let (plain, tail) = rest.split_at(at);
        out.push_str(plain);
        let byte = tail.as_bytes()[0];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => drop(write!(out, "\\u{byte:04x}")),
        }
        rest = &tail[1..];
    }
    out.push_str(rest);
    out.push('"');
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    #[test]
    fn fields_become_an_object_a_repeated_name_keeping_the_last() {
        let built = object([
            ("text", "hi".into()),
            ("n", 3.into()),
            ("none", Value::Null),
            ("nested", object([("ok", true.into())])),
            ("n", 4.into()),
        ]);
        assert_eq!(
            built,
            json!({"text": "hi", "n": 4, "none": null, "nested": {"ok": true}})
        );
        assert_eq!(object([]), json!({}));
    }

    #[test]
    fn text_is_what_serde_json_writes() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let values = [
            json!(null),
            json!([
                true,
                false,
                0,
                -7,
                18446744073709551615u64,
                2.5,
                3000.0,
                1e-7,
                1.7976931348623157e308
            ]),
            json!({"b": {"a": []}, "a": {}, "é": "ü\u{7f}\u{2028}😀", "q": "\"\\/"}),
            json!(every_control),
            json!({ every_control.clone(): every_control }),
        ];
        for value in values {
            assert_eq!(to_string(&value), serde_json::to_string(&value).unwrap());
        }
    }
}
