//! However a stream is cut into chunks, the parser hands out the same items.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::{Outcome, SplitMix, comment, event, message, run, run_with};
use crate::{SseItem, SseParser};

/// A stock ADK turn: partial text, a tool call and its response with a draft, the final text.
const ADK_TURN: &str = include_str!("../fixtures/adk_turn.sse");

/// Streams that exercise every rule, each with the items it must give.
fn fixtures() -> Vec<(&'static str, &'static [u8], Vec<SseItem>)> {
    vec![
        (
            "mixed line endings",
            b"data: a\r\ndata: b\rdata: c\n\r\nevent: e\r\rdata\r\n\n",
            vec![message("a\nb\nc"), message("")],
        ),
        (
            "bom, comments and every field",
            b"\xEF\xBB\xBF: hi\nretry: 250\nid: 7\nevent: add\ndata:x\ndata:  y\n\nData: no\n:\n\n",
            vec![comment("hi"), event("add", "x\n y", "7"), comment("")],
        ),
        (
            "multi-byte utf-8",
            "data: héllo 😀 中文\nevent: ümlaut\n\n: 🎬\n".as_bytes(),
            vec![event("ümlaut", "héllo 😀 中文", ""), comment("🎬")],
        ),
        (
            "invalid utf-8",
            b"data: a\xFFb\xE2\x82\ndata: \xF0\x9F\n\n",
            vec![message("a\u{FFFD}b\u{FFFD}\n\u{FFFD}")],
        ),
        (
            "ids persist, NUL ids are ignored",
            b"id: 1\ndata: a\n\nid: x\0y\ndata: b\n\nid\ndata: c\n\n",
            vec![
                event("message", "a", "1"),
                event("message", "b", "1"),
                event("message", "c", ""),
            ],
        ),
        (
            "crlf everywhere, unterminated tail",
            b"event: t\r\ndata: 1\r\n\r\ndata: 2\r\n\r\ndata: tail",
            vec![event("t", "1", ""), message("2")],
        ),
        (
            "bom prefix that is not a bom",
            b"\xEF\xBBdata: a\n\ndata: b\n\n",
            vec![message("b")],
        ),
        ("lone cr then lf", b"data: a\r\r\n\n", vec![message("a")]),
    ]
}

/// Every fixture with its expected items, plus the ADK turn with the items it gives in one feed.
fn all_streams() -> Vec<(&'static str, &'static [u8], Outcome)> {
    let mut streams: Vec<_> = fixtures()
        .into_iter()
        .map(|(name, stream, expected)| {
            let outcome = run(stream);
            assert_eq!(outcome.items, expected, "{name}");
            (name, stream, outcome)
        })
        .collect();
    streams.push(("adk turn", ADK_TURN.as_bytes(), run(ADK_TURN.as_bytes())));
    streams
}

#[test]
fn adk_turn_gives_its_events_and_heartbeats() {
    let outcome = run(ADK_TURN.as_bytes());
    assert!(!outcome.discarded && !outcome.overflowed);
    let events: Vec<_> = outcome
        .items
        .iter()
        .filter_map(|item| match item {
            SseItem::Event(event) => Some(event),
            SseItem::Comment(_) => None,
        })
        .collect();
    assert_eq!(events.len(), 5);
    for event in &events {
        assert_eq!(event.event_type, "message");
        let json: serde_json::Value = serde_json::from_str(&event.data).expect("event is JSON");
        assert_eq!(json["author"], "nemo_agent");
    }
    assert!(events[4].data.contains("« Paradise Found » 🎬"));
    let comments = outcome.items.len() - events.len();
    assert_eq!(comments, 2);
    assert_eq!(outcome.items[0], comment("connected"));
}

#[test]
fn every_two_chunk_split_gives_the_same_outcome() {
    for (name, stream, whole) in all_streams() {
        for at in 0..=stream.len() {
            let (head, tail) = stream.split_at(at);
            let split = run_with(SseParser::new(), [head, tail]);
            assert_eq!(split, whole, "{name}, split at {at}");
        }
    }
}

#[test]
fn byte_by_byte_gives_the_same_outcome() {
    for (name, stream, whole) in all_streams() {
        let bytes = run_with(SseParser::new(), stream.chunks(1));
        assert_eq!(bytes, whole, "{name}");
    }
}

#[test]
fn random_multi_splits_give_the_same_outcome() {
    let mut rng = SplitMix(0x5EED);
    for (name, stream, whole) in all_streams() {
        for round in 0..50 {
            let mut chunks = Vec::new();
            let mut rest = stream;
            while !rest.is_empty() {
                // Mostly short chunks, sometimes long ones, sometimes empty ones.
                let len = match rng.below(4) {
                    0 => 0,
                    1 => rng.below(rest.len() + 1),
                    _ => rng.below(8.min(rest.len()) + 1),
                };
                let (chunk, tail) = rest.split_at(len);
                chunks.push(chunk);
                rest = tail;
            }
            let split = run_with(SseParser::new(), chunks.iter().copied());
            assert_eq!(split, whole, "{name}, round {round}: {chunks:?}");
        }
    }
}

#[test]
fn items_come_out_of_the_feed_that_completes_them() {
    let mut parser = SseParser::new();
    assert_eq!(parser.feed(b"data: one\n").unwrap(), []);
    assert_eq!(
        parser.feed(b"\ndata: two\n\n: c\ndata: th").unwrap(),
        [message("one"), message("two"), comment("c")]
    );
    assert_eq!(parser.feed(b"ree\n").unwrap(), []);
    assert_eq!(parser.feed(b"\n").unwrap(), [message("three")]);
    assert!(!parser.finish());
}

#[test]
fn feed_into_appends_after_what_is_there() {
    let mut parser = SseParser::new();
    let mut out = vec![comment("before")];
    parser.feed_into(b"data: a\n\n", &mut out).unwrap();
    assert_eq!(out, [comment("before"), message("a")]);
}

#[test]
fn empty_chunks_change_nothing() {
    let mut parser = SseParser::new();
    for chunk in [
        &b""[..],
        b"\xEF",
        b"",
        b"\xBB\xBF",
        b"",
        b"data: a\r",
        b"",
        b"\n",
        b"",
    ] {
        assert_eq!(parser.feed(chunk).unwrap(), []);
    }
    assert_eq!(parser.feed(b"\n").unwrap(), [message("a")]);
}

/// One event of 8 MB in 1,024 chunks: the line is held across chunks and comes out whole.
#[test]
fn eight_megabyte_event_in_1024_chunks() {
    const SIZE: usize = 8 * 1024 * 1024;
    let payload: Vec<u8> = b"0123456789abcdef".repeat(SIZE / 16);
    let mut stream = b"data: ".to_vec();
    stream.extend_from_slice(&payload);
    stream.extend_from_slice(b"\n\n");
    let chunk_len = stream.len().div_ceil(1024);
    let mut parser = SseParser::new();
    let mut out = Vec::new();
    let mut chunks = 0;
    for chunk in stream.chunks(chunk_len) {
        parser.feed_into(chunk, &mut out).unwrap();
        chunks += 1;
    }
    assert_eq!(chunks, 1024);
    assert!(!parser.finish());
    let [SseItem::Event(event)] = out.as_slice() else {
        panic!("expected one event, got {} items", out.len());
    };
    assert_eq!(event.data.len(), SIZE);
    assert!(event.data.as_bytes() == payload.as_slice());
}

#[test]
fn debug_output_summarises_instead_of_dumping_buffers() {
    let mut parser = SseParser::new();
    parser
        .feed(b"id: 9\n\ndata: 0123456789\ndata: half")
        .unwrap();
    assert_eq!(
        format!("{parser:?}"),
        "SseParser { max_buffered: 16777216, line_len: 10, data_len: 11, skipping: false, \
         last_event_id: \"9\", retry: None, .. }"
    );
}
