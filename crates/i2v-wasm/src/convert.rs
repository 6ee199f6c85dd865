//! Rust values into JS values and back, through serde-wasm-bindgen: the contract's values cross
//! as objects, never as JSON text.
//!
//! The serializer runs in its JSON-compatible mode, so a `serde_json::Value` object (a draft)
//! becomes a plain object rather than a `Map`, and `None` becomes `null` as the contract says.

use i2v_core::Error;
use i2v_js::WireError;
use serde::Serialize;
use serde_json::Value;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

/// `value` as a JS value.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    match value.serialize(&Serializer::json_compatible()) {
        Ok(js) => js,
        // Only a map with keys that are not strings could fail, and the contract has none;
        // should it happen, JS gets an `Error` saying so rather than a panic.
        Err(err) => JsValue::from(err),
    }
}

/// A JS value (options, a session, a list of URLs) as JSON's data model, for the bridge to
/// check; a value JSON cannot hold (a function, a symbol, a `BigInt`) is invalid input.
pub(crate) fn from_js(value: JsValue, what: &str) -> Result<Value, Error> {
    // The reason is left out: it could quote a value, and the options carry the token.
    serde_wasm_bindgen::from_value(value).map_err(|_| Error::InvalidInput {
        message: format!("{what} must be plain data: objects, arrays, strings, numbers"),
    })
}

/// An error's fields as the value JS throws or receives.
pub(crate) fn error_js(error: &WireError) -> JsValue {
    to_js(error)
}
