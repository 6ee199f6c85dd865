//! JS exceptions and rejections as plain words for the core's errors.

use wasm_bindgen::{JsCast, JsValue};

/// `context: <what JS said>`, from an `Error`'s name, message and cause, or the value as a string.
///
/// Only the error's own text goes in, never a request's headers. (Node's `fetch failed` says
/// nothing until its cause, `connect ECONNREFUSED …`, is added.)
pub(crate) fn describe(context: &str, value: &JsValue) -> String {
    let mut out = context.to_owned();
    let detail = detail(value);
    if !detail.is_empty() {
        out.push_str(": ");
        out.push_str(&detail);
    }
    if let Some(cause) = value.dyn_ref::<js_sys::Error>().map(|e| e.cause()) {
        let cause = detail_of_cause(&cause);
        if !cause.is_empty() && !out.ends_with(&cause) {
            out.push_str(" (");
            out.push_str(&cause);
            out.push(')');
        }
    }
    out
}

/// An error's `name: message`, or a string value as it is.
fn detail(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let name = String::from(error.name());
        let message = String::from(error.message());
        match (name.is_empty(), message.is_empty()) {
            (_, true) => name,
            (true, false) => message,
            (false, false) => format!("{name}: {message}"),
        }
    } else {
        value.as_string().unwrap_or_default()
    }
}

/// A cause's message only: its name is usually a bare `Error`.
fn detail_of_cause(cause: &JsValue) -> String {
    match cause.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => cause.as_string().unwrap_or_default(),
    }
}
