//! A JS pull function as an upload source: `next()` resolves to the next chunk or `null`.
//!
//! This is how a Node `Readable` or any async iterable is uploaded without buffering it: the
//! shell wraps its iterator in `next`, and each chunk crosses into Rust only when the transport
//! is ready to send it. A stream left unfinished (the upload failed or was cancelled) is told
//! so through `cancel()`, which closes the iterator and with it any file behind it.

use std::sync::Arc;

use i2v_core::client::{BodyStream, BoxFuture, TransportError};
use napi::Status;
use napi::bindgen_prelude::{Promise, Uint8Array};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};

/// `() => Promise<Uint8Array | null>`, callable from the runtime's threads.
pub type PullFn = ThreadsafeFunction<(), Promise<Option<Uint8Array>>, (), Status, false>;

/// `() => void`: the stream will not be read to its end.
pub type CancelFn = ThreadsafeFunction<(), (), (), Status, false>;

type Pending = BoxFuture<'static, Option<Result<Vec<u8>, TransportError>>>;

/// The chunks a JS pull function hands out, in order.
///
/// Cancel-safe: a call of `next()` in progress is kept in `pending` and picked up by the next
/// `next_chunk`, so a dropped read neither loses a chunk nor asks JS for one twice.
pub(crate) struct PullStream {
    name: String,
    next: Arc<PullFn>,
    cancel: Option<CancelFn>,
    pending: Option<Pending>,
    ended: bool,
}

impl PullStream {
    /// Chunks of the file `name` from `next`; `cancel` is called if they are not all read.
    pub(crate) fn new(name: String, next: PullFn, cancel: Option<CancelFn>) -> PullStream {
        PullStream {
            name,
            next: Arc::new(next),
            cancel,
            pending: None,
            ended: false,
        }
    }
}

impl Drop for PullStream {
    fn drop(&mut self) {
        if let (false, Some(cancel)) = (self.ended, &self.cancel) {
            // `Closing` means Node is shutting down, and the stream with it.
            let _status = cancel.call((), ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

/// One call of `next()`: the chunk, `None` at the end, or why it failed.
async fn pull(name: String, next: Arc<PullFn>) -> Option<Result<Vec<u8>, TransportError>> {
    let failed = |err: napi::Error| {
        TransportError::maybe_sent(format!("reading {name} failed: {}", err.reason))
    };
    // `next` is an async function (platform.js makes it one), so a failure arrives as a
    // rejected promise rather than a throw on the JS thread.
    let promise = match next.call_async(()).await {
        Ok(promise) => promise,
        Err(err) => return Some(Err(failed(err))),
    };
    match promise.await {
        Ok(Some(chunk)) => Some(Ok(chunk.to_vec())),
        Ok(None) => None,
        Err(err) => Some(Err(failed(err))),
    }
}

impl BodyStream for PullStream {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(async move {
            if self.ended {
                return None;
            }
            let pending = match &mut self.pending {
                Some(pending) => pending,
                slot @ None => {
                    slot.insert(Box::pin(pull(self.name.clone(), Arc::clone(&self.next))))
                }
            };
            let chunk = pending.await;
            self.pending = None;
            // After the end or an error, JS is not asked again.
            self.ended = !matches!(chunk, Some(Ok(_)));
            chunk
        })
    }
}
