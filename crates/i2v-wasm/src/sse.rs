//! `SseParser`: the core's event-stream parser with the JS contract's shape.
//!
//! A feed does its work in three steps, each once per call however many events the chunk
//! completes: the chunk is copied into wasm memory, the core parses it, and every event's
//! strings go back to JS as one string plus a table of lengths, from which `sse_events.js`
//! builds the event objects. Crossing into JS once per event, or decoding each string on its
//! own, would cost more than the parsing.

use i2v_core::sse::{SseEvent, SseItem, SseParser as CoreParser};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsError, JsValue};

#[wasm_bindgen(module = "/src/sse_events.js")]
extern "C" {
    /// The event objects of `text`, cut by `lengths` (see the module).
    #[wasm_bindgen(js_name = sseEvents)]
    fn sse_events(text: &str, lengths: &[u32]) -> Array;
}

/// In `lengths`: this type or id is the previous event's, and is not repeated in the text.
const SAME: u32 = u32::MAX;

/// A WHATWG event-stream parser fed chunk by chunk (`Uint8Array`s or strings).
#[wasm_bindgen(js_name = SseParser)]
pub struct SseParserJs {
    parser: CoreParser,
    /// Reused between feeds, so a steady stream allocates nothing per chunk:
    /// the items a chunk completed,
    items: Vec<SseItem>,
    /// the bytes of a `Uint8Array` chunk,
    chunk: Vec<u8>,
    /// and the strings and lengths handed to `sse_events`.
    text: String,
    lengths: Vec<u32>,
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
            items: Vec::new(),
            chunk: Vec::new(),
            text: String::new(),
            lengths: Vec::new(),
        }
    }

    /// The events this chunk completed, as `{type, data, lastEventId}` objects.
    ///
    /// Throws an `Error` whose message is the error JSON (kind `stream`) when an event outgrew
    /// the cap; the parser then skips that event and reads on.
    pub fn feed(&mut self, chunk: &JsValue) -> Result<Array, JsError> {
        let fed = if let Some(text) = chunk.as_string() {
            self.parser.feed_into(text.as_bytes(), &mut self.items)
        } else if let Some(bytes) = chunk.dyn_ref::<Uint8Array>() {
            self.chunk.resize(bytes.length() as usize, 0);
            bytes.copy_to(&mut self.chunk);
            self.parser.feed_into(&self.chunk, &mut self.items)
        } else {
            return Err(JsError::new("feed() takes a Uint8Array or a string"));
        };
        match fed {
            Ok(()) => Ok(self.take_events()),
            Err(error) => {
                self.items.clear();
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
        self.items.clear();
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

    /// Turns the items gathered by a feed into event objects (comments are not events).
    fn take_events(&mut self) -> Array {
        self.text.clear();
        self.lengths.clear();
        let mut previous: Option<&SseEvent> = None;
        for item in &self.items {
            let SseItem::Event(event) = item else {
                continue;
            };
            let same_type = previous.is_some_and(|p| p.event_type == event.event_type);
            let same_id = previous.is_some_and(|p| p.last_event_id == event.last_event_id);
            push(
                &mut self.text,
                &mut self.lengths,
                &event.event_type,
                same_type,
            );
            push(&mut self.text, &mut self.lengths, &event.data, false);
            push(
                &mut self.text,
                &mut self.lengths,
                &event.last_event_id,
                same_id,
            );
            previous = Some(event);
        }
        self.items.clear();
        if self.lengths.is_empty() {
            return Array::new();
        }
        sse_events(&self.text, &self.lengths)
    }
}

/// Appends one string (or [`SAME`] for a repeat) to the text and its UTF-16 length to `lengths`.
fn push(text: &mut String, lengths: &mut Vec<u32>, value: &str, repeat: bool) {
    if repeat {
        lengths.push(SAME);
        return;
    }
    text.push_str(value);
    let units = if value.is_ascii() {
        value.len()
    } else {
        value.chars().map(char::len_utf16).sum()
    };
    // The parser's cap keeps an event far below 4 GiB (wasm32 memory could not hold one).
    lengths.push(u32::try_from(units).unwrap_or(SAME - 1));
}
