//! `SseParser`: the core's event-stream parser with the JS contract's shape.
//!
//! A feed does its work in three steps, each once per call however many events the chunk
//! completes: the chunk is copied into wasm memory, the core parses it, and every event's
//! strings go back to JS as two runs of bytes (ASCII, other UTF-8) plus a table of lengths, from
//! which `sse_events.js` builds the event objects. Crossing into JS once per event, or decoding
//! each string on its own, would cost more than the parsing.

use std::mem::take;

use i2v_core::sse::{SseEvent, SseItem, SseParser as CoreParser};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsError, JsValue};

#[wasm_bindgen(module = "/src/sse_events.js")]
extern "C" {
    /// The event objects of the two byte runs and the large strings, cut by `lengths` (see the
    /// module).
    #[wasm_bindgen(js_name = sseEvents)]
    fn sse_events(ascii: &[u8], unicode: &[u8], lengths: &[u32], large: &Array) -> Array;
    /// One string decoded on its own: ASCII (`ascii`) or any UTF-8.
    #[wasm_bindgen(js_name = sseText)]
    fn sse_text(bytes: &[u8], ascii: bool) -> JsValue;
    /// A string's UTF-8 bytes, by `TextEncoder`.
    #[wasm_bindgen(js_name = utf8Bytes)]
    fn utf8_bytes(text: &JsValue) -> Uint8Array;
}

/// In `lengths`: this type or id is the previous event's, and is not repeated in the bytes.
const SAME: u32 = u32::MAX;
/// In `lengths`: the string is the next of the large ones, decoded on their own.
const LARGE: u32 = u32::MAX - 1;
/// In `lengths`: the string is in the `unicode` run, and the rest is its UTF-16 length.
const UNICODE: u32 = 1 << 31;
/// Strings from this many bytes on are decoded on their own rather than copied into a run:
/// the copy would cost more than the extra call.
const LARGE_FROM: usize = 64 * 1024;

/// A WHATWG event-stream parser fed chunk by chunk (`Uint8Array`s or strings).
#[wasm_bindgen(js_name = SseParser)]
pub struct SseParserJs {
    parser: CoreParser,
    /// Reused between feeds, so a steady stream allocates little per chunk.
    scratch: Scratch,
}

/// The buffers a feed fills and empties.
#[derive(Default)]
struct Scratch {
    /// The items a chunk completed.
    items: Vec<SseItem>,
    /// The bytes of the chunk.
    chunk: Vec<u8>,
    /// The strings handed to `sse_events`: ASCII ones, the others, and the lengths table.
    ascii: Vec<u8>,
    unicode: Vec<u8>,
    lengths: Vec<u32>,
    /// The large strings of the feed, already decoded, or `None` while there were none.
    large: Option<Array>,
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
            scratch: Scratch::default(),
        }
    }

    /// The events this chunk completed, as `{type, data, lastEventId}` objects.
    ///
    /// Throws an `Error` whose message is the error JSON (kind `stream`) when an event outgrew
    /// the cap; the parser then skips that event and reads on.
    pub fn feed(&mut self, chunk: &JsValue) -> Result<Array, JsError> {
        let encoded;
        let bytes = if let Some(bytes) = chunk.dyn_ref::<Uint8Array>() {
            bytes
        } else if chunk.is_string() {
            encoded = utf8_bytes(chunk);
            &encoded
        } else {
            return Err(JsError::new("feed() takes a Uint8Array or a string"));
        };
        let scratch = &mut self.scratch;
        let length = bytes.length() as usize;
        scratch.chunk.clear();
        scratch.chunk.reserve(length);
        // Copied straight into spare capacity: the bytes are written once, never zeroed first.
        let spare = scratch.chunk.spare_capacity_mut().get_mut(..length);
        let chunk = bytes.copy_to_uninit(spare.ok_or_else(|| JsError::new("out of memory"))?);
        match self.parser.feed_into(chunk, &mut scratch.items) {
            Ok(()) => Ok(scratch.take_events()),
            Err(error) => {
                scratch.items.clear();
                Err(JsError::new(&i2v_js::sse_error_json(&error)))
            }
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
        self.scratch = Scratch::default();
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

impl Scratch {
    /// Turns the items gathered by a feed into event objects (comments are not events).
    fn take_events(&mut self) -> Array {
        self.ascii.clear();
        self.unicode.clear();
        self.lengths.clear();
        let items = take(&mut self.items);
        let mut previous: Option<&SseEvent> = None;
        for item in &items {
            let SseItem::Event(event) = item else {
                continue;
            };
            let same_type = previous.is_some_and(|p| p.event_type == event.event_type);
            let same_id = previous.is_some_and(|p| p.last_event_id == event.last_event_id);
            self.push((!same_type).then_some(event.event_type.as_str()));
            self.push(Some(&event.data));
            self.push((!same_id).then_some(event.last_event_id.as_str()));
            previous = Some(event);
        }
        // Give the (emptied) vector back, keeping its allocation for the next feed.
        self.items = items;
        self.items.clear();
        if self.lengths.is_empty() {
            return Array::new();
        }
        let large = self.large.take().unwrap_or_default();
        sse_events(&self.ascii, &self.unicode, &self.lengths, &large)
    }

    /// Appends one string to its run and its entry to `lengths`; `None` is a repeat ([`SAME`]).
    fn push(&mut self, value: Option<&str>) {
        let Some(value) = value else {
            self.lengths.push(SAME);
            return;
        };
        // The parser's cap keeps any string far below 2 GiB (wasm32 memory could not hold one).
        let length = |units: usize| u32::try_from(units).unwrap_or(UNICODE - 1).min(UNICODE - 1);
        if value.len() >= LARGE_FROM {
            let text = sse_text(value.as_bytes(), value.is_ascii());
            self.large.get_or_insert_with(Array::new).push(&text);
            self.lengths.push(LARGE);
        } else if value.is_ascii() {
            self.ascii.extend_from_slice(value.as_bytes());
            self.lengths.push(length(value.len()));
        } else {
            self.unicode.extend_from_slice(value.as_bytes());
            self.lengths
                .push(UNICODE | length(utf16_len(value.as_bytes())));
        }
    }
}

/// The UTF-16 length of valid UTF-8: one unit per character, two for a four-byte one. Counting
/// bytes that start characters (and once more the four-byte leads) is a plain loop over bytes.
fn utf16_len(utf8: &[u8]) -> usize {
    utf8.iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}
