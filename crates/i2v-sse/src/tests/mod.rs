//! Tests of the SSE parser: each rule of the standard, the cap, and that chunking never matters.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod chunking;
mod limits;
mod rules;

use super::{SseError, SseEvent, SseItem, SseParser};

/// Everything a parser produced over one stream, for comparing runs.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Outcome {
    /// The items of every feed, in order (kept also when a feed failed).
    pub(super) items: Vec<SseItem>,
    /// Whether some feed reported an event too large.
    pub(super) overflowed: bool,
    /// What `finish` returned.
    pub(super) discarded: bool,
    /// The last event ID after `finish`.
    pub(super) last_event_id: String,
    /// The reconnection time after `finish`.
    pub(super) retry: Option<u64>,
}

/// Feeds `chunks` to `parser` in order, then finishes the stream.
pub(super) fn run_with<'a>(
    mut parser: SseParser,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Outcome {
    let mut items = Vec::new();
    let mut overflowed = false;
    for chunk in chunks {
        match parser.feed_into(chunk, &mut items) {
            Ok(()) => {}
            Err(SseError::EventTooLarge { .. }) => overflowed = true,
        }
    }
    let discarded = parser.finish();
    Outcome {
        items,
        overflowed,
        discarded,
        last_event_id: parser.last_event_id().to_owned(),
        retry: parser.retry(),
    }
}

/// Parses `stream` in one feed with the default cap.
fn run(stream: &[u8]) -> Outcome {
    run_with(SseParser::new(), [stream])
}

/// The items of `stream` fed in one chunk, asserting nothing overflowed.
fn items(stream: &[u8]) -> Vec<SseItem> {
    let outcome = run(stream);
    assert!(!outcome.overflowed, "{outcome:?}");
    outcome.items
}

/// An event of type "message" with no last event ID.
fn message(data: &str) -> SseItem {
    event("message", data, "")
}

/// An event with every field given.
fn event(event_type: &str, data: &str, last_event_id: &str) -> SseItem {
    SseItem::Event(SseEvent {
        event_type: event_type.to_owned(),
        data: data.to_owned(),
        last_event_id: last_event_id.to_owned(),
    })
}

/// A comment item.
fn comment(text: &str) -> SseItem {
    SseItem::Comment(text.to_owned())
}

/// A small deterministic generator, so that "random" splits are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    /// The next pseudo-random number.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

#[test]
fn outcome_helper_sees_each_part() {
    let outcome = run(b"retry: 5\nid: 1\ndata: a\n\n: c\ndata: b");
    assert_eq!(outcome.items, [event("message", "a", "1"), comment("c")]);
    assert!(outcome.discarded);
    assert!(!outcome.overflowed);
    assert_eq!(outcome.last_event_id, "1");
    assert_eq!(outcome.retry, Some(5));
}
