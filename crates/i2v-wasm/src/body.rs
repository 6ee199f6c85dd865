//! A response body read from a `ReadableStream` reader, chunk by chunk as it arrives.

use i2v_core::client::{BodyStream, BoxFuture, TransportError};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

use crate::abort::AbortGuard;
use crate::js_error::describe;

/// The body of a fetch response. Dropping it aborts the fetch (through its [`AbortGuard`]).
///
/// Reads use the reader's `read()` directly, not `Symbol.asyncIterator`, which Safari's streams
/// lack. A read in flight is kept in `pending`, so [`BodyStream::next_chunk`] is cancel-safe: a
/// `next_chunk` future dropped before it resolved leaves the read where the next call finds it,
/// and its chunk is not lost.
pub(crate) struct FetchBody {
    /// `None` once the body has ended, cleanly or not.
    reader: Option<ReadableStreamDefaultReader>,
    /// The read in flight, if a `next_chunk` future was dropped while waiting for it.
    pending: Option<JsFuture>,
    /// Owned for its `Drop`: aborts the fetch when the body goes.
    _abort: AbortGuard,
}

impl FetchBody {
    /// Reads `reader` until the end; `abort` is the guard of the fetch the body belongs to.
    pub(crate) fn new(reader: Option<ReadableStreamDefaultReader>, abort: AbortGuard) -> FetchBody {
        FetchBody {
            reader,
            pending: None,
            _abort: abort,
        }
    }

    async fn next(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        loop {
            let reader = self.reader.as_ref()?;
            let read = self
                .pending
                .get_or_insert_with(|| JsFuture::from(reader.read()));
            // A drop here leaves `read` in `self.pending` for the next call.
            let outcome = read.await;
            self.pending = None;
            let result = match outcome {
                Ok(result) => result.unchecked_into::<ReadableStreamReadResult>(),
                Err(err) => {
                    self.reader = None;
                    return Some(Err(TransportError::maybe_sent(describe(
                        "the response body broke off",
                        &err,
                    ))));
                }
            };
            if result.get_done().unwrap_or(false) {
                self.reader = None;
                return None;
            }
            match result.get_value().dyn_into::<Uint8Array>() {
                Ok(bytes) if bytes.length() == 0 => continue,
                Ok(bytes) => return Some(Ok(bytes.to_vec())),
                Err(_) => {
                    self.reader = None;
                    return Some(Err(TransportError::maybe_sent(
                        "the response body yielded something other than bytes",
                    )));
                }
            }
        }
    }
}

impl BodyStream for FetchBody {
    fn next_chunk(&mut self) -> BoxFuture<'_, Option<Result<Vec<u8>, TransportError>>> {
        Box::pin(self.next())
    }
}
