//! Rust values into JS values and back, through napi's serde support: the contract's values
//! cross as objects, never as JSON text.
//!
//! [`Js`] makes any serde type returnable from a napi function, a promise or a threadsafe
//! function's call; [`throw`] raises an error's fields as the thrown value itself, so the shell
//! makes its `I2vError` subclass from them without reading a message.

use i2v_js::WireError;
use napi::bindgen_prelude::ToNapiValue;
use napi::{Env, Status, sys};
use serde::Serialize;

/// A serde value on its way into JS.
pub struct Js<T>(pub T);

impl<T: Serialize> ToNapiValue for Js<T> {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        let js = Env::from_raw(env).to_js_value(&value.0)?;
        // SAFETY: `env` is the live environment napi called us with, and `js` was made in it.
        unsafe { ToNapiValue::to_napi_value(env, js) }
    }
}

/// Throws `error`'s fields (`{kind, code, message, …}`) as the JS exception, and returns the
/// napi error that tells napi an exception is already pending (it then throws nothing else).
pub(crate) fn throw(env: &Env, error: &WireError) -> napi::Error {
    let thrown = env.to_js_value(error).and_then(|fields| env.throw(fields));
    match thrown {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        // Converting plain fields cannot fail in practice; should it, JS still gets an Error.
        Err(_) => napi::Error::from_reason(error.message.clone()),
    }
}
