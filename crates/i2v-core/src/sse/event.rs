//! What the SSE parser hands out: dispatched events and comments.

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
