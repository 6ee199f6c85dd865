//! The cap on buffered bytes: what trips it, and the state the parser is left in.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::{comment, event, message, run_with};
use crate::{SseError, SseParser};

const TOO_LARGE_16: SseError = SseError::EventTooLarge { limit: 16 };

#[test]
fn the_default_cap_is_16_mib() {
    assert_eq!(SseParser::new().max_buffered(), 16 * 1024 * 1024);
    assert_eq!(
        SseParser::default().max_buffered(),
        SseParser::DEFAULT_MAX_BUFFERED
    );
}

#[test]
fn a_line_longer_than_the_cap_is_refused_before_its_end_arrives() {
    let mut parser = SseParser::with_max_buffered(16);
    assert_eq!(parser.feed(b"data: 0123456789").unwrap(), []);
    assert_eq!(parser.feed(b"a"), Err(TOO_LARGE_16));
    // The rest of the line and of its event is skipped, unbuffered and without another error.
    assert_eq!(parser.feed(&[b'x'; 1000]).unwrap(), []);
    assert_eq!(parser.feed(b"\ndata: same event\n").unwrap(), []);
    assert_eq!(parser.feed(b"\ndata: next\n\n").unwrap(), [message("next")]);
}

#[test]
fn exactly_the_cap_fits() {
    // "data: abcd" is 10 bytes; then the data buffer holds "abcd\n" (5) and "data: ef" is 8 more.
    let stream = b"data: abcd\ndata: ef\n\n";
    for (cap, fits) in [(13, true), (12, false), (10, false), (9, false)] {
        let outcome = run_with(SseParser::with_max_buffered(cap), [&stream[..]]);
        assert_eq!(outcome.overflowed, !fits, "cap {cap}");
        let expected = if fits {
            vec![message("abcd\nef")]
        } else {
            vec![]
        };
        assert_eq!(outcome.items, expected, "cap {cap}");
    }
    let one_line = run_with(SseParser::with_max_buffered(10), [&b"data: abcd\n\n"[..]]);
    assert_eq!(one_line.items, [message("abcd")]);
}

#[test]
fn data_over_several_lines_counts_toward_the_cap() {
    let mut parser = SseParser::with_max_buffered(16);
    let mut out = Vec::new();
    for _ in 0..2 {
        // Each line (10 bytes) fits alone, but the data buffer grows by 5 bytes a line.
        parser.feed_into(b"data: 0123\n", &mut out).unwrap();
    }
    assert_eq!(
        parser.feed_into(b"data: 0123\n", &mut out),
        Err(TOO_LARGE_16)
    );
    assert_eq!(parser.feed_into(b"data: 0123\n\n", &mut out), Ok(()));
    assert_eq!(out, []);
}

#[test]
fn any_long_line_counts_not_only_data() {
    for line in [
        &b": a very long comment"[..],
        b"event: a-very-long-type",
        b"no-colon-at-all-here",
    ] {
        let mut parser = SseParser::with_max_buffered(16);
        let mut out = Vec::new();
        assert_eq!(
            parser.feed_into(line, &mut out),
            Err(TOO_LARGE_16),
            "{line:?}"
        );
        assert_eq!(parser.feed_into(b"\n\ndata: a\n\n", &mut out), Ok(()));
        assert_eq!(out, [message("a")], "{line:?}");
    }
}

/// After the error, the oversized event is gone (with its type and any `id` it set) and the
/// parser reads on from the blank line that ends it; items around it still come out.
#[test]
fn the_parser_resynchronises_at_the_blank_line_after_a_dropped_event() {
    let stream = b"id: 1\ndata: a\n\n: before\nretry: 7\nid: 2\nevent: big\n\
        data: this line is far longer than the cap\ndata: more\r\n: skipped\n\n\
        data: b\n\n";
    let mut parser = SseParser::with_max_buffered(32);
    let mut out = Vec::new();
    assert_eq!(
        parser.feed_into(stream, &mut out),
        Err(SseError::EventTooLarge { limit: 32 })
    );
    assert_eq!(
        out,
        [
            event("message", "a", "1"),
            comment("before"),
            event("message", "b", "1"),
        ]
    );
    // The dropped event's id never took effect; its retry did, as the standard applies it at once.
    assert_eq!(parser.last_event_id(), "1");
    assert_eq!(parser.retry(), Some(7));
    assert!(!parser.finish());
}

#[test]
fn feed_reports_the_error_and_the_next_feed_goes_on() {
    let mut parser = SseParser::with_max_buffered(16);
    assert_eq!(
        parser.feed(b"data: a\n\ndata: far too long a line\n"),
        Err(TOO_LARGE_16)
    );
    assert_eq!(parser.feed(b"\ndata: b\n\n").unwrap(), [message("b")]);
}

#[test]
fn the_cap_gives_the_same_outcome_at_every_split() {
    let stream: &[u8] =
        b"data: ok\n\ndata: 0123456789012345678\r\n\r\ndata: 0123\r\ndata: 0123456789\r\n\r\n\
        data: a\r\n\r\ndata: 0123456789ABCDEF\rid: 3\r\r: c\r\n";
    let whole = run_with(SseParser::with_max_buffered(20), [stream]);
    assert!(whole.overflowed);
    assert_eq!(whole.items, [message("ok"), message("a"), comment("c")]);
    for at in 0..=stream.len() {
        let (head, tail) = stream.split_at(at);
        let split = run_with(SseParser::with_max_buffered(20), [head, tail]);
        assert_eq!(split, whole, "split at {at}");
    }
    let bytes = run_with(SseParser::with_max_buffered(20), stream.chunks(1));
    assert_eq!(bytes, whole);
}

#[test]
fn finish_while_skipping_starts_the_next_stream_clean() {
    let mut parser = SseParser::with_max_buffered(16);
    assert_eq!(parser.feed(b"data: far too long a line"), Err(TOO_LARGE_16));
    // What was left of the dropped event was already reported.
    assert!(!parser.finish());
    assert_eq!(parser.feed(b"data: b\n\n").unwrap(), [message("b")]);
}

#[test]
fn a_zero_cap_allows_only_blank_lines() {
    let mut parser = SseParser::with_max_buffered(0);
    assert_eq!(parser.feed(b"\n\r\n"), Ok(vec![]));
    assert_eq!(parser.feed(b"d"), Err(SseError::EventTooLarge { limit: 0 }));
}

#[test]
fn the_error_message_names_the_limit() {
    assert_eq!(
        TOO_LARGE_16.to_string(),
        "sse event larger than the 16-byte limit was dropped"
    );
}
