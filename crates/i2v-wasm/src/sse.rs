//! `SseParser`: the core's event-stream parser with the JS contract's shape.
//!
//! A feed does its work in three steps, each once per call however many events the chunk
//! completes: the chunk is copied into wasm memory, the core parses it into
//! [`PackedEvents`] (two runs of text and a table of lengths), and `sse_events.js` builds the
//! event objects from those in one crossing.

use i2v_core::sse::SseParser as CoreParser;
use i2v_core::sse::packed::PackedEvents;
use i2v_js::WireError;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsError, JsValue};

#[wasm_bindgen(module = "/src/sse_events.js")]
extern "C" {
    /// The event objects of a feed: the runs and large strings of [`PackedEvents`], cut by
    /// `lengths`.
    #[wasm_bindgen(js_name = sseEvents)]
    fn sse_events(ascii: &[u8], utf16: &[u16], lengths: &[u32], large: &Array) -> Array;
    /// One string decoded on its own: ASCII (`ascii`) or any UTF-8.
    #[wasm_bindgen(js_name = sseText)]
    fn sse_text(bytes: &[u8], ascii: bool) -> JsValue;
    /// A string's UTF-8 bytes, by `TextEncoder`.
    #[wasm_bindgen(js_name = utf8Bytes)]
    fn utf8_bytes(text: &JsValue) -> Uint8Array;
}

/// The chunk buffer keeps its room between feeds up to this size (fetch bodies come in chunks of
/// tens of KB), and is let go after a larger chunk.
const KEEP_CHUNK_CAPACITY: usize = 1024 * 1024;

/// A WHATWG event-stream parser fed chunk by chunk (`Uint8Array`s or strings).
#[wasm_bindgen(js_name = SseParser)]
pub struct SseParserJs {
    parser: CoreParser,
    /// The bytes of the chunk being fed, copied into wasm memory.
    chunk: Vec<u8>,
    /// The events of the last feed, packed; reused, so a steady stream allocates little.
    packed: PackedEvents,
}

#[wasm_bindgen(js_class = SseParser)]
impl SseParserJs {
    /// A parser that holds at most `maxBufferedBytes` of one event (default 16 MiB).
    #[wasm_bindgen(constructor)]
    pub fn new(max_buffered_bytes: Option<f64>) -> SseParserJs {
        let parser = match max_buffered_bytes {
            // The cast saturates: a NaN becomes 0, an enormous cap usize::MAX.
            Some(cap) => CoreParser::with_max_buffered(cap as usize),
            None => CoreParser::new(),
        };
        SseParserJs {
            parser,
            chunk: Vec::new(),
            packed: PackedEvents::new(),
        }
    }

    /// The events this chunk completed, as `{type, data, lastEventId}` objects.
    ///
    /// Throws the fields of a `stream` error when an event outgrew the cap; the parser then
    /// skips that event and reads on.
    pub fn feed(&mut self, chunk: &JsValue) -> Result<Array, JsValue> {
        let encoded;
        let bytes = if let Some(bytes) = chunk.dyn_ref::<Uint8Array>() {
            bytes
        } else if chunk.is_string() {
            encoded = utf8_bytes(chunk);
            &encoded
        } else {
            return Err(JsError::new("feed() takes a Uint8Array or a string").into());
        };
        let length = bytes.length() as usize;
        self.chunk.clear();
        self.chunk.reserve(length);
        // Copied straight into spare capacity: the bytes are written once, never zeroed first.
        let spare = self.chunk.spare_capacity_mut().get_mut(..length);
        let spare = spare.ok_or_else(|| JsValue::from(JsError::new("out of memory")))?;
        let chunk = bytes.copy_to_uninit(spare);
        let parsed = self.packed.feed(&mut self.parser, chunk);
        if self.chunk.capacity() > KEEP_CHUNK_CAPACITY {
            // One huge chunk must not pin its size of wasm memory for the parser's lifetime.
            self.chunk = Vec::new();
        }
        match parsed {
            Ok(()) => Ok(self.events()),
            Err(error) => Err(crate::convert::error_js(&WireError::from(&error))),
        }
    }

    /// Ends the stream: an unterminated final event is discarded, so there is never an event.
    pub fn finish(&mut self) -> Array {
        self.parser.finish();
        Array::new()
    }

    /// Forgets everything, the last event id and retry included, for a new stream.
    pub fn reset(&mut self) {
        self.parser.reset();
        self.chunk = Vec::new();
        self.packed = PackedEvents::new();
    }

    /// The last event id: what the latest `id` field said, as of the last blank line.
    #[wasm_bindgen(getter, js_name = lastEventId)]
    pub fn last_event_id(&self) -> String {
        self.parser.last_event_id().to_owned()
    }

    /// The reconnection time the stream asked for, in ms.
    #[wasm_bindgen(getter)]
    pub fn retry(&self) -> Option<f64> {
        // Milliseconds beyond 2^53 are not a real wait; the rounding does not matter there.
        self.parser.retry().map(|ms| ms as f64)
    }
}

impl SseParserJs {
    /// The event objects of the last feed: one crossing into JS for all of them.
    fn events(&mut self) -> Array {
        let packed = &mut self.packed;
        if packed.is_empty() {
            return Array::new();
        }
        // Decoded and freed one by one: a parser JS no longer uses lives on until the garbage
        // collector finalises it, and must not hold megabytes of wasm memory meanwhile.
        let large = Array::new();
        for text in packed.take_large() {
            large.push(&sse_text(&text.bytes, text.ascii));
        }
        sse_events(packed.ascii(), packed.utf16(), packed.lengths(), &large)
    }
}
