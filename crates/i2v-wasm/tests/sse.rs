//! The wasm `SseParser` in a real browser: the event objects it builds, whatever mix of ASCII,
//! other UTF-8, large and repeated strings a feed completes, and however the stream is cut.
// Browser tests: on the host there is nothing to test (the crate is empty there).
#![cfg(target_arch = "wasm32")]

use i2v_wasm::SseParserJs;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// An event as plain strings: type, data, last event id.
type Event = (String, String, String);

fn field(event: &JsValue, name: &str) -> String {
    Reflect::get(event, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| panic!("the event has no string `{name}`"))
}

fn events(array: Array) -> Vec<Event> {
    array
        .iter()
        .map(|e| {
            (
                field(&e, "type"),
                field(&e, "data"),
                field(&e, "lastEventId"),
            )
        })
        .collect()
}

fn event(kind: &str, data: &str, id: &str) -> Event {
    (kind.into(), data.into(), id.into())
}

/// Feeds `stream` cut at `cuts` as `Uint8Array`s and gathers every event.
fn feed_bytes(stream: &[u8], cuts: &[usize]) -> Vec<Event> {
    let mut parser = SseParserJs::new(None);
    let mut out = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain([&stream.len()]) {
        let chunk = Uint8Array::from(&stream[start..end]);
        out.extend(events(parser.feed(&chunk).expect("under the cap")));
        start = end;
    }
    out
}

#[wasm_bindgen_test]
fn mixed_events_come_out_whole_at_every_cut() {
    let big_ascii = "a".repeat(70_000);
    let big_unicode = "é🎬".repeat(20_000);
    let stream = format!(
        "data: plain\n\nevent: update\nid: 7\ndata: « ünïcode » 🎬\n\nevent: update\ndata: {big_ascii}\n\n\
         data: {big_unicode}\ndata: two lines\n\nid:\ndata: after\n\n"
    );
    let expected = vec![
        event("message", "plain", ""),
        event("update", "« ünïcode » 🎬", "7"),
        event("update", &big_ascii, "7"),
        event("message", &format!("{big_unicode}\ntwo lines"), "7"),
        event("message", "after", ""),
    ];
    let bytes = stream.as_bytes();
    assert_eq!(feed_bytes(bytes, &[]), expected, "one chunk");
    for step in [1, 7, 4096, 65_536] {
        let cuts: Vec<usize> = (step..bytes.len()).step_by(step).collect();
        assert_eq!(feed_bytes(bytes, &cuts), expected, "chunks of {step} bytes");
    }
}

#[wasm_bindgen_test]
fn string_chunks_read_as_their_utf8() {
    let mut parser = SseParserJs::new(None);
    let first = parser
        .feed(&JsValue::from_str("data: caf"))
        .expect("under the cap");
    assert_eq!(first.length(), 0);
    let second = parser
        .feed(&JsValue::from_str("é 二\n\n"))
        .expect("under the cap");
    assert_eq!(events(second), vec![event("message", "café 二", "")]);
}

#[wasm_bindgen_test]
fn an_oversized_event_throws_the_error_fields_and_the_parser_reads_on() {
    let mut parser = SseParserJs::new(Some(16.0));
    let chunk = JsValue::from_str("data: far more than sixteen bytes\n\ndata: ok\n\n");
    let thrown = parser.feed(&chunk).expect_err("over the cap");
    // The error's fields are the thrown value itself, for the shell to make its `I2vError`.
    assert_eq!(field(&thrown, "kind"), "stream");
    assert!(!field(&thrown, "message").is_empty());
    let next = parser
        .feed(&JsValue::from_str("data: again\n\n"))
        .expect("reads on");
    assert_eq!(events(next), vec![event("message", "again", "")]);
}

#[wasm_bindgen_test]
fn anything_but_bytes_or_text_is_refused() {
    let mut parser = SseParserJs::new(None);
    assert!(parser.feed(&JsValue::from_f64(42.0)).is_err());
    assert_eq!(parser.finish().length(), 0);
}

#[wasm_bindgen_test]
fn retry_and_last_event_id_are_kept_until_reset() {
    let mut parser = SseParserJs::new(None);
    let _ = parser.feed(&JsValue::from_str("retry: 1500\nid: 9\n\n"));
    assert_eq!(parser.retry(), Some(1500.0));
    assert_eq!(parser.last_event_id(), "9");
    parser.reset();
    assert_eq!(parser.retry(), None);
    assert_eq!(parser.last_event_id(), "");
}
