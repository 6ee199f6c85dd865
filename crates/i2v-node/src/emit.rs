//! The JS `emit(msg)` callback of a streaming call, made callable from the runtime's threads.
//!
//! Every message goes through one threadsafe function with an unbounded queue and non-blocking
//! calls, so messages reach JS in the order they were sent and a slow JS side never stalls the
//! network. The bridge sends `{end: …}` last, so JS learns the outcome after every event. Each
//! message becomes a JS object on the JS thread, as it is delivered ([`Js`]).

use std::sync::Arc;

use i2v_core::client::LogSink;
use i2v_js::{Emit, Message};
use napi::Status;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};

use crate::js::Js;

/// `(msg: Message) => void`, callable from any thread.
pub type EmitFn = ThreadsafeFunction<Js<Message>, (), Js<Message>, Status, false>;

/// `(line: string) => void`, callable from any thread, that does not keep Node running: a
/// client lives as long as its JS object, and its logger must not outlive the program's work.
pub(crate) type LogFn = ThreadsafeFunction<String, (), String, Status, false, true>;

/// The client's [`LogSink`] over a JS callback: lines reach JS in order, without blocking.
pub(crate) fn log_sink(callback: LogFn) -> LogSink {
    Arc::new(move |line: &str| {
        let _status = callback.call(line.to_owned(), ThreadsafeFunctionCallMode::NonBlocking);
    })
}

/// The bridge's [`Emit`] over a JS callback.
pub(crate) fn emitter(callback: EmitFn) -> Emit {
    Box::new(move |message| {
        // `Closing` means Node is shutting down: there is no one left to tell.
        let _status = callback.call(Js(message), ThreadsafeFunctionCallMode::NonBlocking);
    })
}
