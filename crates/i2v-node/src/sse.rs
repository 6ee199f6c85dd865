//! `SseParser` for JS: the core's WHATWG event-stream parser, fed from JS chunk by chunk.
//!
//! A feed crosses into JS once however many events the chunk completes: the core packs them
//! ([`PackedEvents`]: two runs of text and a table of lengths) and `npm/node/native.js` builds
//! the event objects by slicing the runs, as the browser build does. An object made per event
//! through N-API costs several calls each, which made this parser slower than a pure-JS one.

use i2v_core::sse::SseParser;
use i2v_core::sse::packed::PackedEvents;
use napi::Env;
use napi::bindgen_prelude::{Array, BufferSlice, Either, Uint8ArraySlice};
use napi_derive::napi;

/// A push parser over the core's: comments (heartbeats) are skipped, events are handed out.
#[napi(js_name = "SseParser")]
pub struct JsSseParser {
    inner: SseParser,
    /// The events of the last feed, packed; reused, so a steady stream allocates little.
    packed: PackedEvents,
    /// The lengths table as bytes in the machine's order, for JS to view as a `Uint32Array`.
    table: Vec<u8>,
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
        Ok(JsSseParser {
            inner,
            packed: PackedEvents::new(),
            table: Vec::new(),
        })
    }

    /// The events this chunk completes, packed: `null` when there are none, else
    /// `[ascii, utf16, lengths, ...large]` as i2v-sse's `packed` module lays them out (the runs
    /// as strings, the table as a `Buffer` of `u32`s in the machine's byte order, the large
    /// strings after them). An oversized
    /// event throws the fields of a `stream` error; the parser then reads on after it.
    #[napi(
        ts_args_type = "chunk: Uint8Array | string",
        ts_return_type = "[string, string, Buffer, ...string[]] | null"
    )]
    pub fn feed_packed<'env>(
        &mut self,
        env: &'env Env,
        chunk: Either<Uint8ArraySlice<'_>, String>,
    ) -> napi::Result<Option<Array<'env>>> {
        let bytes: &[u8] = match &chunk {
            Either::A(slice) => slice,
            Either::B(text) => text.as_bytes(),
        };
        match self.packed.feed(&mut self.inner, bytes) {
            Ok(()) => self.events(env),
            Err(err) => Err(crate::js::throw(env, &i2v_js::WireError::from(&err))),
        }
    }

    /// Ends the stream. An unterminated final event is discarded, as the standard says, so
    /// this never completes an event.
    #[napi]
    pub fn finish(&mut self) {
        self.inner.finish();
    }

    /// Forgets everything, for a new stream.
    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
        self.packed = PackedEvents::new();
        self.table = Vec::new();
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

impl JsSseParser {
    /// The last feed's events as one JS array: a handful of N-API calls, not several per event.
    fn events<'env>(&mut self, env: &'env Env) -> napi::Result<Option<Array<'env>>> {
        let packed = &mut self.packed;
        if packed.is_empty() {
            return Ok(None);
        }
        let large_count = packed.large().len();
        let mut array = env.create_array(u32::try_from(3 + large_count).unwrap_or(u32::MAX))?;
        // ASCII is Latin-1 as it stands: V8 copies it into a one-byte string without decoding.
        array.set(0, env.create_string_latin1(packed.ascii())?)?;
        array.set(1, env.create_string_utf16(packed.utf16())?)?;
        // A Buffer because N-API copies one in a single call (napi-rs 3.4's typed-array
        // `copy_from` allocates without copying).
        self.table.clear();
        self.table.extend(
            packed
                .lengths()
                .iter()
                .flat_map(|length| length.to_ne_bytes()),
        );
        array.set(2, BufferSlice::copy_from(env, &self.table)?)?;
        // Freed one by one, as soon as each is a JS string: they are megabytes.
        for (index, text) in (3u32..).zip(packed.take_large()) {
            let string = if text.ascii {
                env.create_string_latin1(&text.bytes)?
            } else {
                env.create_string(String::from_utf8_lossy(&text.bytes))?
            };
            array.set(index, string)?;
        }
        Ok(Some(array))
    }
}
