//! What the SSE parser hands out: dispatched events and comments, owned ([`SseItem`]) or lent to
//! an [`SseSink`] as they complete ([`SseEventRef`]).

/// The event type when no `event` field set one.
const DEFAULT_EVENT_TYPE: &[u8] = b"message";

/// Data up to this size is copied out of the parser's reused buffer by
/// [`SseEventRef::take_data`]; a larger one is moved out, to skip the copy.
const COPY_DATA_UP_TO: usize = 64 * 1024;

/// One dispatched event (the WHATWG "dispatch the event" step).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The event type: the last `event:` field, or `"message"` when there was none.
    pub event_type: String,
    /// The data: every `data:` line of the event joined with `\n`.
    pub data: String,
    /// The last event ID in force when the event was dispatched (persists across events).
    pub last_event_id: String,
}

/// An item of the stream a caller may care about: an event, or a comment line.
///
/// Comments are surfaced, not dropped, because servers send them as heartbeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseItem {
    /// A dispatched event.
    Event(SseEvent),
    /// A comment line (`:` and what follows it, without the colon or a leading space).
    Comment(String),
}

/// Receives what a feed completes, in stream order, as views into the parser's buffers.
///
/// This is the allocation-free way to read a stream ([`SseParser::feed_with`]): a binding that
/// copies every event's text into its own buffers needs no `String` per event.
///
/// [`SseParser::feed_with`]: super::SseParser::feed_with
pub trait SseSink {
    /// One dispatched event.
    fn event(&mut self, event: SseEventRef<'_>);
    /// One comment line: what follows the colon, less one leading space, as sent (raw bytes).
    fn comment(&mut self, text: &[u8]);
}

/// A dispatched event lent to an [`SseSink`]: valid until the sink returns.
///
/// Type and data are the bytes as sent. Every byte the standard's rules look at is ASCII, so
/// UTF-8 decoding each value on its own, with each invalid sequence becoming U+FFFD
/// (`String::from_utf8_lossy`, or a `TextDecoder`), gives exactly the text the standard's
/// decoding of the whole stream would.
#[derive(Debug)]
pub struct SseEventRef<'a> {
    pub(super) event_type: &'a [u8],
    pub(super) data: &'a mut Vec<u8>,
    pub(super) last_event_id: &'a str,
}

impl<'a> SseEventRef<'a> {
    /// The event type as sent: the last `event` field, or `message` when there was none.
    pub fn event_type(&self) -> &[u8] {
        if self.event_type.is_empty() {
            DEFAULT_EVENT_TYPE
        } else {
            self.event_type
        }
    }

    /// The data as sent: every `data` line of the event joined with LF.
    pub fn data(&self) -> &[u8] {
        self.data
    }

    /// The last event ID in force when the event was dispatched.
    pub fn last_event_id(&self) -> &'a str {
        self.last_event_id
    }

    /// The data, owned: small data is copied, so that the parser's buffer keeps its allocation
    /// for the next event (and the copy has no spare capacity); large data is moved out.
    pub fn take_data(&mut self) -> Vec<u8> {
        if self.data.len() <= COPY_DATA_UP_TO {
            self.data.clone()
        } else {
            std::mem::take(self.data)
        }
    }

    /// The event, owned and decoded.
    pub fn to_owned_event(&mut self) -> SseEvent {
        SseEvent {
            event_type: decode(self.event_type().to_vec()),
            data: decode(self.take_data()),
            last_event_id: self.last_event_id.to_owned(),
        }
    }
}

/// The owned form: every event and comment, decoded, appended in order.
impl SseSink for Vec<SseItem> {
    fn event(&mut self, mut event: SseEventRef<'_>) {
        self.push(SseItem::Event(event.to_owned_event()));
    }

    fn comment(&mut self, text: &[u8]) {
        self.push(SseItem::Comment(decode(text.to_vec())));
    }
}

/// UTF-8 decodes bytes, replacing each invalid sequence with U+FFFD; valid bytes are not copied.
pub(super) fn decode(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}
