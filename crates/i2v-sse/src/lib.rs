//! Server-Sent Events framing, exactly as the WHATWG HTML standard interprets an event stream.
//!
//! [`SseParser`] is a push parser: it does no I/O, takes the body in chunks of any size and hands
//! back [`SseItem`]s: dispatched [`SseEvent`]s, and comments (servers send those as heartbeats).
//! The rules it follows (`docs/PROTOCOL.md` §4): CR, LF and CRLF each end a line; one leading BOM is
//! dropped; a line starting with `:` is a comment; a field splits at its first colon and loses one
//! space after it; `event`, `data`, `id` and `retry` are the fields, compared case-sensitively; a
//! blank line dispatches the event if it has data; an unfinished event at the end is dropped;
//! invalid UTF-8 becomes U+FFFD.
//!
//! [`SseSink`] takes the events as they complete, borrowed, with no allocation per event;
//! [`packed`] is the sink a JS binding uses to hand a whole chunk's events over in one crossing.
//!
//! It is a crate of its own, re-exported as `i2v_core::sse`, for one reason: it is the hot loop
//! of every chat turn, and its own crate can be compiled for speed while the rest of the
//! WebAssembly build is compiled for size (`[profile.wasm-release.package.i2v-sse]`).
//!
//! ```
//! use i2v_sse::{SseItem, SseParser};
//!
//! let mut parser = SseParser::new();
//! let mut items = parser.feed(b"data: {\"partial\":tr").unwrap();
//! items.extend(parser.feed(b"ue}\n\n: ping\n").unwrap());
//! assert!(matches!(&items[0], SseItem::Event(e) if e.data == r#"{"partial":true}"#));
//! assert_eq!(items[1], SseItem::Comment("ping".into()));
//! assert!(!parser.finish());
//! ```

#![forbid(unsafe_code)]

mod event;
mod fields;
pub mod packed;
mod parser;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
#[cfg(test)]
mod tests;

pub use event::{SseEvent, SseEventRef, SseItem, SseSink};
pub use parser::SseParser;

/// What can go wrong while parsing an event stream.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SseError {
    /// An event (its data plus the line being read) grew past the parser's cap and was dropped.
    #[error("sse event larger than the {limit}-byte limit was dropped")]
    EventTooLarge {
        /// The cap on buffered bytes, in bytes.
        limit: usize,
    },
}
