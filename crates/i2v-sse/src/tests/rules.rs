//! One test per rule of the WHATWG "interpreting an event stream" section.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::{comment, event, items, message, run};
use crate::SseParser;

#[test]
fn lf_cr_and_crlf_each_end_a_line() {
    assert_eq!(items(b"data: a\n\n"), [message("a")]);
    assert_eq!(items(b"data: a\r\r"), [message("a")]);
    assert_eq!(items(b"data: a\r\n\r\n"), [message("a")]);
    assert_eq!(
        items(b"data: a\rdata: b\ndata: c\r\n\n"),
        [message("a\nb\nc")]
    );
}

#[test]
fn crlf_split_across_chunks_is_one_line_ending() {
    let mut parser = SseParser::new();
    assert_eq!(parser.feed(b"data: a\r").unwrap(), []);
    // Were this LF a line ending of its own, it would end a blank line and dispatch.
    assert_eq!(parser.feed(b"\n").unwrap(), []);
    assert_eq!(parser.feed(b"\r").unwrap(), [message("a")]);
    assert_eq!(parser.feed(b"\ndata: b\n\n").unwrap(), [message("b")]);
}

#[test]
fn cr_at_chunk_end_followed_by_another_byte_ends_the_line_alone() {
    let mut parser = SseParser::new();
    assert_eq!(parser.feed(b"data: a\r").unwrap(), []);
    assert_eq!(parser.feed(b"data: b\r").unwrap(), []);
    assert_eq!(parser.feed(b"\r").unwrap(), [message("a\nb")]);
}

#[test]
fn one_leading_bom_is_dropped() {
    assert_eq!(items(b"\xEF\xBB\xBFdata: a\n\n"), [message("a")]);
    // A second BOM is the start of the field name "\u{FEFF}data", an unknown field.
    assert_eq!(items(b"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\n"), []);
}

#[test]
fn bom_split_across_chunks_is_dropped() {
    for chunks in [
        &[&b"\xEF"[..], b"\xBB\xBFdata: a\n\n"][..],
        &[b"\xEF\xBB", b"\xBFdata: a\n\n"],
        &[b"\xEF", b"\xBB", b"\xBF", b"data: a\n\n"],
    ] {
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in chunks {
            parser.feed_into(chunk, &mut out).unwrap();
        }
        assert_eq!(out, [message("a")], "{chunks:?}");
    }
}

#[test]
fn bom_counts_only_at_stream_start() {
    assert_eq!(
        items("data: a\n\n\u{FEFF}data: b\n\n".as_bytes()),
        [message("a")]
    );
    assert_eq!(
        items("data: \u{FEFF}b\n\n".as_bytes()),
        [message("\u{FEFF}b")]
    );
}

#[test]
fn bytes_that_start_like_a_bom_but_are_not_one_stay() {
    let mut parser = SseParser::new();
    assert_eq!(parser.feed(b"\xEF\xBB").unwrap(), []);
    // "\xEF\xBB:" is a field with a two-byte (invalid) name, not a comment.
    assert_eq!(parser.feed(b": x\n: y\n").unwrap(), [comment("y")]);
    assert_eq!(items(b"\xEF:c\n"), []);
}

#[test]
fn a_line_starting_with_a_colon_is_a_comment() {
    assert_eq!(
        items(b":ping\n: pong\n:  two spaces\n:\n::\n"),
        [
            comment("ping"),
            comment("pong"),
            comment(" two spaces"),
            comment(""),
            comment(":"),
        ]
    );
    // A comment neither dispatches nor interrupts an event.
    assert_eq!(
        items(b"data: a\n: mid\ndata: b\n\n"),
        [comment("mid"), message("a\nb")]
    );
}

#[test]
fn field_and_value_split_at_the_first_colon_and_lose_one_space() {
    assert_eq!(items(b"data: a: b\n\n"), [message("a: b")]);
    assert_eq!(items(b"data:a\n\n"), [message("a")]);
    assert_eq!(items(b"data:  a\n\n"), [message(" a")]);
    assert_eq!(items(b"data:\ta\n\n"), [message("\ta")]);
    assert_eq!(items(b"data: \n\n"), [message("")]);
}

#[test]
fn a_line_without_colon_is_a_field_with_an_empty_value() {
    assert_eq!(items(b"data\n\n"), [message("")]);
    assert_eq!(items(b"data\ndata\n\n"), [message("\n")]);
    assert_eq!(items(b"event\ndata: a\n\n"), [message("a")]);
}

#[test]
fn field_names_are_case_sensitive() {
    assert_eq!(items(b"Data: a\n\nDATA: b\n\n"), []);
    assert_eq!(items(b"Event: x\ndata: a\n\n"), [message("a")]);
    assert_eq!(run(b"ID: 1\nRetry: 5\ndata: a\n\n").last_event_id, "");
    assert_eq!(run(b"Retry: 5\n").retry, None);
    // A space before the colon belongs to the name.
    assert_eq!(items(b"data : a\n\n"), []);
}

#[test]
fn event_sets_the_type_and_empty_means_message() {
    assert_eq!(items(b"event: add\ndata: a\n\n"), [event("add", "a", "")]);
    assert_eq!(items(b"event: add\nevent:\ndata: a\n\n"), [message("a")]);
    assert_eq!(
        items(b"event: a\nevent: b\ndata: x\n\n"),
        [event("b", "x", "")]
    );
    // The type buffer is reset after each dispatch.
    assert_eq!(
        items(b"event: add\ndata: a\n\ndata: b\n\n"),
        [event("add", "a", ""), message("b")]
    );
}

#[test]
fn data_appends_the_value_and_a_line_feed() {
    assert_eq!(items(b"data: a\ndata: b\n\n"), [message("a\nb")]);
    // Only one trailing LF is removed at dispatch.
    assert_eq!(items(b"data: a\ndata:\n\n"), [message("a\n")]);
    assert_eq!(items(b"data:\ndata:\n\n"), [message("\n")]);
}

#[test]
fn id_sets_the_last_event_id_unless_it_holds_nul() {
    assert_eq!(items(b"id: 42\ndata: a\n\n"), [event("message", "a", "42")]);
    let outcome = run(b"id: 1\n\nid: 2\x003\ndata: a\n\n");
    assert_eq!(outcome.items, [event("message", "a", "1")]);
    assert_eq!(outcome.last_event_id, "1");
    // An empty id sets it back to "".
    assert_eq!(run(b"id: 1\n\nid\n\n").last_event_id, "");
    assert_eq!(run(b"id: 1\n\nid:\n\n").last_event_id, "");
}

#[test]
fn the_last_event_id_persists_across_events() {
    assert_eq!(
        items(b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n"),
        [
            event("message", "a", "1"),
            event("message", "b", "1"),
            event("message", "c", "2"),
        ]
    );
}

#[test]
fn the_last_event_id_changes_at_the_blank_line_even_without_data() {
    let mut parser = SseParser::new();
    parser.feed(b"id: 5\n").unwrap();
    assert_eq!(parser.last_event_id(), "");
    assert_eq!(parser.feed(b"\n").unwrap(), []);
    assert_eq!(parser.last_event_id(), "5");
    // An id that no blank line follows never takes effect.
    parser.feed(b"id: 6\n").unwrap();
    assert!(parser.finish());
    assert_eq!(parser.last_event_id(), "5");
}

#[test]
fn retry_counts_only_when_all_ascii_digits() {
    assert_eq!(run(b"retry: 3000\n").retry, Some(3000));
    assert_eq!(run(b"retry:0\n").retry, Some(0));
    assert_eq!(run(b"retry: 3000\nretry: 12\n").retry, Some(12));
    for bad in [
        &b"retry: 30a\n"[..],
        b"retry: -1\n",
        b"retry: 1.5\n",
        b"retry:  100\n",
        b"retry: 100 \n",
        b"retry: +5\n",
        b"retry: \xD9\xA3\n",
        b"retry:\n",
        b"retry\n",
    ] {
        assert_eq!(run(bad).retry, None, "{bad:?}");
    }
    // An invalid value leaves the earlier valid one in force.
    assert_eq!(run(b"retry: 10\nretry: x\n").retry, Some(10));
    // More digits than u64 holds saturate.
    assert_eq!(
        run(b"retry: 99999999999999999999999\n").retry,
        Some(u64::MAX)
    );
}

#[test]
fn unknown_fields_are_ignored() {
    assert_eq!(
        items(b"foo: bar\ndata: a\nretries: 5\nid : 3\n\n"),
        [message("a")]
    );
    assert_eq!(run(b"foo: bar\nretries: 5\n").retry, None);
}

#[test]
fn a_blank_line_with_no_data_dispatches_nothing_and_resets_the_type() {
    assert_eq!(items(b"\n\n\r\n\r"), []);
    assert_eq!(items(b"event: add\n\ndata: a\n\n"), [message("a")]);
}

#[test]
fn utf8_split_across_chunks_decodes() {
    let stream = "data: 😀 é 中\n\n".as_bytes();
    for at in 0..=stream.len() {
        let (head, tail) = stream.split_at(at);
        let mut parser = SseParser::new();
        let mut out = parser.feed(head).unwrap();
        out.extend(parser.feed(tail).unwrap());
        assert_eq!(out, [message("😀 é 中")], "split at {at}");
    }
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    assert_eq!(items(b"data: a\xFFb\n\n"), [message("a\u{FFFD}b")]);
    // A truncated sequence is one replacement; lone continuation bytes are one each.
    assert_eq!(items(b"data: \xE2\x82\n\n"), [message("\u{FFFD}")]);
    assert_eq!(items(b"data: \x80\x80\n\n"), [message("\u{FFFD}\u{FFFD}")]);
    assert_eq!(
        items(b"event: \xC0\nid: \xFE\ndata: x\n\n:\xF8\n"),
        [event("\u{FFFD}", "x", "\u{FFFD}"), comment("\u{FFFD}")]
    );
}

#[test]
fn finish_discards_an_unterminated_event_and_says_so() {
    // Data with no blank line after it is not dispatched.
    let outcome = run(b"data: a\n\ndata: b\n");
    assert_eq!(outcome.items, [message("a")]);
    assert!(outcome.discarded);
    assert!(run(b"data: a").discarded);
    assert!(run(b"event: x\n").discarded);
    assert!(run(b": unterminated comment").discarded);
    assert!(!run(b"data: a\n\n").discarded);
    assert!(!run(b"data: a\n\n: ping\nretry: 5\n").discarded);
    assert!(!run(b"").discarded);
}

#[test]
fn after_finish_a_new_stream_starts_with_the_id_and_retry_kept() {
    let mut parser = SseParser::new();
    parser.feed(b"retry: 10\nid: 3\n\ndata: lost\n").unwrap();
    assert!(parser.finish());
    // The old data is gone, a BOM is dropped again, the ID carries over.
    assert_eq!(
        parser.feed(b"\xEF\xBB\xBF\ndata: b\n\n").unwrap(),
        [event("message", "b", "3")]
    );
    assert_eq!(parser.retry(), Some(10));
}

#[test]
fn reset_makes_a_brand_new_parser() {
    let mut parser = SseParser::with_max_buffered(100);
    parser
        .feed(b"retry: 10\nid: 3\n\nevent: x\ndata: lost\ndata: half")
        .unwrap();
    parser.reset();
    assert_eq!(parser.last_event_id(), "");
    assert_eq!(parser.retry(), None);
    assert_eq!(parser.max_buffered(), 100);
    assert_eq!(
        parser.feed(b"\xEF\xBB\xBF\ndata: b\n\n").unwrap(),
        [message("b")]
    );
    assert!(!parser.finish());
}
