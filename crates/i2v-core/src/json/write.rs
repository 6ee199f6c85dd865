//! JSON text, written as serde_json writes it.

use std::fmt::Write;

use serde_json::Value;

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

/// `text` as a JSON string, quoted and escaped: a safe way to show any text in a message.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, text);
    out
}

/// A JSON string: `"` and `\` escaped, control characters as their short escape or `\u00XX`.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c < ' ' || c == '"' || c == '\\') {
        // `at` is the boundary of an ASCII character, so the checked split always succeeds.
        let Some((plain, tail)) = rest.split_at_checked(at) else {
            break;
        };
        out.push_str(plain);
        let byte = tail.as_bytes().first().copied().unwrap_or_default();
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
        rest = tail.get(1..).unwrap_or_default();
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
