//! `SseParser` for JS: the core's WHATWG event-stream parser, fed from JS chunk by chunk.

use i2v_core::sse::{SseItem, SseParser};
use napi::bindgen_prelude::{Either, Uint8ArraySlice};
use napi_derive::napi;

/// One dispatched event, as JS sees it.
#[napi(object, object_from_js = false)]
pub struct SseEvent {
    /// The event type (`message` when the stream named none).
    #[napi(js_name = "type")]
    pub event_type: String,
    /// The data lines, joined with `\n`.
    pub data: String,
    /// The last event ID in force when the event was dispatched.
    pub last_event_id: String,
}

/// A push parser over the core's: comments (heartbeats) are skipped, events are handed out.
#[napi(js_name = "SseParser")]
pub struct JsSseParser {
    inner: SseParser,
}

#[napi]
impl JsSseParser {
    /// A parser at the start of a stream; `maxBufferedBytes` caps one event (default 16 MiB).
    #[napi(constructor)]
    pub fn new(max_buffered_bytes: Option<f64>) -> napi::Result<JsSseParser> {
        let inner = match max_buffered_bytes {
            None => SseParser::new(),
            Some(cap) if cap.is_finite() && cap >= 0.0 && cap.fract() == 0.0 => {
                // Saturates on 32-bit targets, where a larger cap could not be reached anyway.
                SseParser::with_max_buffered(usize::try_from(cap as u64).unwrap_or(usize::MAX))
            }
            Some(_) => {
                return Err(napi::Error::new(
                    napi::Status::InvalidArg,
                    "maxBufferedBytes must be a whole number of bytes",
                ));
            }
        };
        Ok(JsSseParser { inner })
    }

    /// The events this chunk completes. An oversized event throws an `Error` whose message is
    /// the error JSON of a `stream` error; the parser then reads on after it.
    #[napi(ts_args_type = "chunk: Uint8Array | string")]
    pub fn feed(
        &mut self,
        chunk: Either<Uint8ArraySlice<'_>, String>,
    ) -> napi::Result<Vec<SseEvent>> {
        let bytes: &[u8] = match &chunk {
            Either::A(slice) => slice,
            Either::B(text) => text.as_bytes(),
        };
        match self.inner.feed(bytes) {
            Ok(items) => Ok(events(items)),
            Err(err) => Err(napi::Error::from_reason(i2v_js::sse_error_json(&err))),
        }
    }

    /// Ends the stream. An unterminated final event is discarded, as the standard says, so
    /// this never completes an event: the answer is always empty.
    #[napi]
    pub fn finish(&mut self) -> Vec<SseEvent> {
        self.inner.finish();
        Vec::new()
    }

    /// Forgets everything, for a new stream.
    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// The last event ID: what to send as `Last-Event-ID` on reconnection.
    #[napi(getter)]
    pub fn last_event_id(&self) -> String {
        self.inner.last_event_id().to_owned()
    }

    /// The reconnection time the stream asked for, in ms, if it did.
    #[napi(getter)]
    pub fn retry(&self) -> Option<f64> {
        // A `retry` field is digits only; past 2^53 ms (285 000 years) precision hardly matters.
        self.inner.retry().map(|ms| ms as f64)
    }
}

/// The events among `items`; comments are the server's heartbeats and mean nothing to JS.
fn events(items: Vec<SseItem>) -> Vec<SseEvent> {
    items
        .into_iter()
        .filter_map(|item| match item {
            SseItem::Event(event) => Some(SseEvent {
                event_type: event.event_type,
                data: event.data,
                last_event_id: event.last_event_id,
            }),
            SseItem::Comment(_) => None,
        })
        .collect()
}
