//! Server-Sent Events framing, exactly as the WHATWG HTML standard interprets an event stream.

mod event;

pub use event::{SseEvent, SseItem};

/// Placeholder until the parser lands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sse")]
pub struct SseError;
