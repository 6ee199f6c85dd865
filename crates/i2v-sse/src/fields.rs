//! What one complete line does: the WHATWG field rules and the "dispatch the event" steps.
//!
//! The buffers hold bytes, not text. The stream is UTF-8 decoded as a whole by the standard, but
//! every byte the rules look at (CR, LF, `:`, space, NUL, digits) is ASCII, and ASCII bytes never
//! occur inside a multi-byte sequence, nor does a replacement of invalid bytes swallow one. So
//! matching on bytes and decoding each finished value on its own gives exactly the text that
//! decoding first would, invalid sequences included (each becomes U+FFFD).

use memchr::memchr;

use super::event::{SseEventRef, SseSink, decode};

/// The per-stream buffers of the standard, plus the two values that outlive an event.
#[derive(Clone, Default)]
pub(super) struct EventBuffers {
    /// The data buffer: each `data` value followed by LF.
    data: Vec<u8>,
    /// The event type buffer; empty means "message" at dispatch.
    event_type: Vec<u8>,
    /// The last event ID buffer when an `id` field changed it since the last blank line; `None`
    /// means it still equals [`Self::last_event_id`].
    pending_id: Option<Vec<u8>>,
    /// The last event ID string: what the buffer held at the last blank line.
    last_event_id: String,
    /// The reconnection time in milliseconds, from the last valid `retry` field.
    retry: Option<u64>,
}

impl EventBuffers {
    /// Bytes held in the data buffer, for the parser's cap on buffered bytes.
    pub(super) fn data_len(&self) -> usize {
        self.data.len()
    }

    /// The last event ID string (set at each blank line, never cleared by one).
    pub(super) fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The reconnection time in milliseconds, if a valid `retry` field has been seen.
    pub(super) fn retry(&self) -> Option<u64> {
        self.retry
    }

    /// Whether fields since the last blank line wait for one: data, an event type or a new id.
    pub(super) fn is_mid_event(&self) -> bool {
        !self.data.is_empty() || !self.event_type.is_empty() || self.pending_id.is_some()
    }

    /// Forgets the event being built, as if its lines had never come: data, type and any `id` it
    /// set. The reconnection time stays, because the standard applies `retry` on the spot.
    pub(super) fn discard_event(&mut self) {
        self.data.clear();
        self.event_type.clear();
        self.pending_id = None;
    }

    /// Interprets one complete line, without its line ending, pushing what it completes to `out`.
    pub(super) fn interpret_line(&mut self, line: &[u8], out: &mut impl SseSink) {
        // A blank line dispatches the event.
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        // A line with a colon splits at the first one, and one leading space of the value goes; a
        // line without one is a field name with an empty value.
        let (name, value) = match memchr(b':', line) {
            Some(colon) => {
                let (name, colon_and_value) = line.split_at(colon);
                let value = colon_and_value.get(1..).unwrap_or_default();
                (name, value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        // A line that starts with a colon is a comment. The standard ignores it; we surface it,
        // because servers send comments as heartbeats.
        if name.is_empty() {
            out.comment(value);
        } else {
            self.process_field(name, value);
        }
    }

    /// Interprets a line that was assembled across chunks, as [`Self::interpret_line`] does.
    ///
    /// Such a line may be megabytes (one large event's data), so when it is the event's first
    /// `data` line its buffer becomes the data buffer, and `line` gets the old (empty) one back:
    /// the value is moved within its buffer rather than copied into a second one.
    pub(super) fn interpret_assembled_line(&mut self, line: &mut Vec<u8>, out: &mut impl SseSink) {
        match line.strip_prefix(b"data:") {
            Some(rest) if self.data.is_empty() => {
                // The name is `data` exactly; one space after the colon is not part of the value.
                let value_start =
                    line.len() - rest.len() + usize::from(rest.first() == Some(&b' '));
                std::mem::swap(&mut self.data, line);
                self.data.drain(..value_start);
                self.data.push(b'\n');
            }
            _ => self.interpret_line(line, out),
        }
    }

    /// The standard's "process the field" steps. Names compare literally: `Data` is not `data`.
    fn process_field(&mut self, name: &[u8], value: &[u8]) {
        match name {
            // `event` sets the event type buffer.
            b"event" => {
                self.event_type.clear();
                self.event_type.extend_from_slice(value);
            }
            // `data` appends the value and then one LF to the data buffer.
            b"data" => {
                self.data.extend_from_slice(value);
                self.data.push(b'\n');
            }
            // `id` sets the last event ID buffer, unless the value contains NUL.
            b"id" if memchr(0, value).is_none() => self.pending_id = Some(value.to_vec()),
            // `retry` sets the reconnection time if the value is only ASCII digits. An empty value
            // is no integer and is ignored, as browsers do. A number past u64 saturates: it is
            // all digits, so it counts, and "wait practically forever" is what it asks for.
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                let millis = value.iter().fold(0u64, |acc, digit| {
                    acc.saturating_mul(10)
                        .saturating_add(u64::from(digit - b'0'))
                });
                self.retry = Some(millis);
            }
            // Any other field, and an `id` or `retry` that failed its test, is ignored.
            _ => {}
        }
    }

    /// The standard's "dispatch the event" steps, at a blank line.
    fn dispatch(&mut self, out: &mut impl SseSink) {
        // 1. The last event ID string takes the buffer's value, even when nothing is dispatched.
        if let Some(id) = self.pending_id.take() {
            self.last_event_id = decode(id);
        }
        // 2. An empty data buffer dispatches nothing; the data and type buffers are reset.
        if self.data.is_empty() {
            self.event_type.clear();
            return;
        }
        // 3. One trailing LF is removed from the data.
        if self.data.last() == Some(&b'\n') {
            self.data.pop();
        }
        // 4–6. The type is "message" unless the type buffer says otherwise (`SseEventRef` reads an
        // empty buffer so); the event carries the last event ID string.
        out.event(SseEventRef {
            event_type: &self.event_type,
            data: &mut self.data,
            last_event_id: &self.last_event_id,
        });
        // 7. The data and type buffers are reset.
        self.data.clear();
        self.event_type.clear();
    }
}
