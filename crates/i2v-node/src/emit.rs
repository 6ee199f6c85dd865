//! The JS `emit(msg)` callback of a streaming call, made callable from the runtime's threads.
//!
//! Every message goes through one threadsafe function with an unbounded queue and non-blocking
//! calls, so messages reach JS in the order they were sent and a slow JS side never stalls the
//! network. The bridge sends `{"end": …}` last, so JS learns the outcome after every event.

use i2v_js::Emit;
use napi::Status;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};

/// `(msg: string) => void`, callable from any thread.
pub type EmitFn = ThreadsafeFunction<String, (), String, Status, false>;

/// The bridge's [`Emit`] over a JS callback.
pub(crate) fn emitter(callback: EmitFn) -> Emit {
    Box::new(move |message| {
        // `Closing` means Node is shutting down: there is no one left to tell.
        let _status = callback.call(message, ThreadsafeFunctionCallMode::NonBlocking);
    })
}
