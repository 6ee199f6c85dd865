//! Throughput of the SSE parser: a stream of ADK-sized events, and one 8 MB event whole and in
//! 1,024 chunks (the two must cost about the same: each byte is scanned once).
//!
//! Run with `cargo bench -p i2v-core --bench sse`.
#![allow(clippy::print_stdout)]

mod support;

use std::time::Duration;

use i2v_core::sse::{SseItem, SseParser};

/// How long each benchmark runs for.
const BUDGET: Duration = Duration::from_secs(2);

/// Events in the ADK stream.
const ADK_EVENTS: usize = 20_000;

/// The chunk size of the ADK stream, as a socket read might deliver it.
const ADK_CHUNK: usize = 16 * 1024;

/// The size of the large event's data.
const LARGE: usize = 8 * 1024 * 1024;

fn main() {
    let adk = adk_stream(ADK_EVENTS);
    let adk_work = support::Work {
        bytes: adk.len() as u64,
        items: ADK_EVENTS as u64,
    };
    println!(
        "ADK stream: {ADK_EVENTS} events, {} bytes ({} bytes an event on average), {} KiB chunks",
        adk.len(),
        adk.len() / ADK_EVENTS,
        ADK_CHUNK / 1024
    );
    assert_eq!(events_in_chunks(&adk, ADK_CHUNK), ADK_EVENTS);
    support::bench(
        "sse: ADK events, 16 KiB chunks, feed_into",
        adk_work,
        BUDGET,
        || events_in_chunks(&adk, ADK_CHUNK),
    );
    support::bench(
        "sse: ADK events, 16 KiB chunks, feed",
        adk_work,
        BUDGET,
        || {
            let mut parser = SseParser::new();
            let mut events = 0;
            for chunk in adk.chunks(ADK_CHUNK) {
                events += count_events(&parser.feed(chunk).expect("under the cap"));
            }
            events
        },
    );

    let large = large_event(LARGE);
    let large_work = support::Work {
        bytes: large.len() as u64,
        items: 1,
    };
    for chunks in [1, 1024] {
        let chunk_len = large.len().div_ceil(chunks);
        assert_eq!(events_in_chunks(&large, chunk_len), 1);
        let name = format!("sse: one 8 MB event, {chunks} chunk(s)");
        support::bench(&name, large_work, BUDGET, || {
            events_in_chunks(&large, chunk_len)
        });
    }
}

/// Parses `stream` in chunks of `chunk_len` bytes, dropping items as a consumer would after
/// handling them, and returns how many events came out.
fn events_in_chunks(stream: &[u8], chunk_len: usize) -> usize {
    let mut parser = SseParser::new();
    let mut items = Vec::new();
    let mut events = 0;
    for chunk in stream.chunks(chunk_len) {
        parser.feed_into(chunk, &mut items).expect("under the cap");
        events += count_events(&items);
        items.clear();
    }
    assert!(!parser.finish());
    events
}

fn count_events(items: &[SseItem]) -> usize {
    items
        .iter()
        .filter(|item| matches!(item, SseItem::Event(_)))
        .count()
}

/// A stock ADK api_server stream: `data: <compact event JSON>` and a blank line per event,
/// cycling through partial text, a tool call, a tool response with a draft, and final text.
fn adk_stream(events: usize) -> Vec<u8> {
    let mut stream = Vec::new();
    for n in 0..events {
        let invocation = "e-5d0c6a1e-7c39-4f4e-9d71-0a3b2f1c8e44";
        let actions = r#""actions":{"stateDelta":{},"artifactDelta":{},"requestedAuthConfigs":{}}"#;
        let words = "smooth transitions and background music for your images ";
        let text = &words[..20 + n % 37];
        let json = match n % 4 {
            0 => format!(
                r#"{{"content":{{"parts":[{{"text":"{text}"}}],"role":"model"}},"partial":true,"invocationId":"{invocation}","author":"nemo_agent",{actions},"id":"ev{n:08}","timestamp":1795489448.{n:03}}}"#
            ),
            1 => format!(
                r#"{{"content":{{"parts":[{{"functionCall":{{"id":"adk-7f3e9b2a-{n:012}","name":"generate_slideshow","args":{{"duration_s":30,"transition":"crossfade","music":"upbeat","images":["med_a1","med_b2","med_c3"]}}}}}}],"role":"model"}},"invocationId":"{invocation}","author":"nemo_agent",{actions},"longRunningToolIds":[],"id":"ev{n:08}","timestamp":1795489449.{n:03}}}"#
            ),
            2 => format!(
                r#"{{"content":{{"parts":[{{"functionResponse":{{"id":"adk-7f3e9b2a-{n:012}","name":"generate_slideshow","response":{{"status":"ok","clips":5}}}}}}],"role":"user"}},"invocationId":"{invocation}","author":"nemo_agent","actions":{{"stateDelta":{{"draft":{{"w":1920,"h":1080,"fps":30,"t":[{{"k":"v","s":0,"e":6000,"m":"med_a1"}},{{"k":"v","s":6000,"e":12000,"m":"med_b2"}},{{"k":"a","s":0,"e":30000}}]}}}},"artifactDelta":{{}},"requestedAuthConfigs":{{}}}},"id":"ev{n:08}","timestamp":1795489461.{n:03}}}"#
            ),
            _ => format!(
                r#"{{"content":{{"parts":[{{"text":"Done! {text}— « Paradise Found » 🎬"}}],"role":"model"}},"partial":false,"finishReason":"STOP","invocationId":"{invocation}","author":"nemo_agent",{actions},"id":"ev{n:08}","timestamp":1795489462.{n:03}}}"#
            ),
        };
        stream.extend_from_slice(b"data: ");
        stream.extend_from_slice(json.as_bytes());
        stream.extend_from_slice(b"\n\n");
    }
    stream
}

/// One event whose single data line carries `size` bytes of JSON-like text.
fn large_event(size: usize) -> Vec<u8> {
    let pattern = br#"{"k":"v","s":0,"e":6000,"m":"med_a1","text":"caf\u00e9"},"#;
    let mut stream = b"data: ".to_vec();
    stream.extend(pattern.iter().copied().cycle().take(size));
    stream.extend_from_slice(b"\n\n");
    stream
}
