//! Rust values into JS values and back: the contract's values cross as objects, made by
//! serde-wasm-bindgen, never as JSON text on the paths a call takes again and again.
//!
//! Every value leaves through one of a few non-generic functions. Each shape becomes a
//! `serde_json::Value` first and serde-wasm-bindgen converts only that one type: its serializer
//! instantiated for every shape cost 3.1 KB gzipped more than serde_json's value serializer
//! (docs/decisions/wasm-size.md). Object keys then come in serde_json's order (sorted), which
//! no caller relies on. The serializer runs in its JSON-compatible mode, so an object becomes a
//! plain object rather than a `Map`, and `None` becomes `null` as the contract says.

use i2v_core::Error;
use i2v_js::{Answer, Message, Reply, WireError};
use serde::Serialize;
use serde_json::Value;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

/// `value` as a JS value.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // Only a map with keys that are not strings could fail, and the contract has none; should
    // it happen, JS gets `null` or an `Error` saying so rather than a panic.
    match serde_json::to_value(value) {
        Ok(value) => value
            .serialize(&Serializer::json_compatible())
            .unwrap_or_else(JsValue::from),
        Err(_) => JsValue::NULL,
    }
}

/// A call's reply (`{ok}` or `{error}`) as a JS value.
pub(crate) fn reply_js(reply: &Reply) -> JsValue {
    to_js(reply)
}

/// One message of a call that reports as it goes, as a JS value.
pub(crate) fn message_js(message: &Message) -> JsValue {
    to_js(message)
}

/// An answer as a JS value; `null` for none.
pub(crate) fn answer_js(answer: Option<Answer>) -> JsValue {
    match answer {
        Some(answer) => to_js(&answer),
        None => JsValue::NULL,
    }
}

/// An error's fields as the value JS throws or receives.
pub(crate) fn error_js(error: &WireError) -> JsValue {
    to_js(error)
}

/// A JS value (options, a session, a list of URLs) as JSON's data model, for the bridge to
/// check; a value JSON cannot hold (a `BigInt`, a cycle) is invalid input.
///
/// These values cross once per client or per call, never per event, so they go through the
/// platform's own `JSON.stringify` and serde_json's reader, which the build has anyway:
/// serde-wasm-bindgen's deserializer would add 12.6 KB gzipped (most of it the float
/// formatting its type errors print). `undefined`, like a missing key, is `null`.
pub(crate) fn from_js(value: JsValue, what: &str) -> Result<Value, Error> {
    // The reason is left out: it could quote a value, and the options carry the token.
    let invalid = || Error::InvalidInput {
        message: format!("{what} must be plain data: objects, arrays, strings, numbers"),
    };
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(&value).map_err(|_| invalid())?;
    let text = text.as_string().ok_or_else(invalid)?;
    serde_json::from_str(&text).map_err(|_| invalid())
}
