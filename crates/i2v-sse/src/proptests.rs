//! Property tests: any bytes, cut anywhere, never panic, never change the outcome, and match a
//! plain reading of the standard that decodes the whole stream before parsing it.

use proptest::prelude::*;
use proptest::sample::Index;

use super::tests::{Outcome, run_with};
use super::{SseEvent, SseItem, SseParser};

/// The standard read literally, for clarity not speed: UTF-8 decode the whole stream (dropping
/// one BOM), split it into lines, run the field and dispatch steps, drop the unterminated rest.
fn reference(stream: &[u8]) -> Outcome {
    let decoded = String::from_utf8_lossy(stream);
    let text = decoded.strip_prefix('\u{FEFF}').unwrap_or(&decoded);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                lines.push(std::mem::take(&mut current));
            }
            '\n' => lines.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    let (mut data, mut event_type, mut id_buffer) = (String::new(), String::new(), String::new());
    let (mut last_event_id, mut retry, mut id_since_blank) = (String::new(), None, false);
    let mut items = Vec::new();
    for line in lines {
        if line.is_empty() {
            last_event_id = id_buffer.clone();
            id_since_blank = false;
            if !data.is_empty() {
                if data.ends_with('\n') {
                    data.pop();
                }
                let event_type = if event_type.is_empty() {
                    "message"
                } else {
                    &event_type
                };
                items.push(SseItem::Event(SseEvent {
                    event_type: event_type.to_owned(),
                    data: data.clone(),
                    last_event_id: last_event_id.clone(),
                }));
            }
            data.clear();
            event_type.clear();
        } else if let Some(text) = line.strip_prefix(':') {
            items.push(SseItem::Comment(
                text.strip_prefix(' ').unwrap_or(text).to_owned(),
            ));
        } else {
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (line.as_str(), ""),
            };
            match field {
                "event" => event_type = value.to_owned(),
                "data" => {
                    data.push_str(value);
                    data.push('\n');
                }
                "id" if !value.contains('\0') => {
                    id_buffer = value.to_owned();
                    id_since_blank = true;
                }
                "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    retry = Some(value.parse().unwrap_or(u64::MAX));
                }
                _ => {}
            }
        }
    }
    Outcome {
        items,
        overflowed: false,
        discarded: !current.is_empty()
            || !data.is_empty()
            || !event_type.is_empty()
            || id_since_blank,
        last_event_id,
        retry,
    }
}

/// Streams made mostly of the pieces the rules care about, with arbitrary bytes mixed in.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"data".to_vec()),
        Just(b"event".to_vec()),
        Just(b"id".to_vec()),
        Just(b"retry".to_vec()),
        Just(b"Data".to_vec()),
        Just(b":".to_vec()),
        Just(b": ".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just("é😀中".as_bytes().to_vec()),
        prop::collection::vec(b'0'..=b'9', 1..25),
        prop::collection::vec(any::<u8>(), 1..4),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

/// Cuts `stream` at the given points (in any order, repeats allowed: empty chunks).
fn cut<'a>(stream: &'a [u8], points: &[Index]) -> Vec<&'a [u8]> {
    let mut at: Vec<usize> = points.iter().map(|p| p.index(stream.len() + 1)).collect();
    at.sort_unstable();
    let mut chunks = Vec::new();
    let mut start = 0;
    for end in at.into_iter().chain([stream.len()]) {
        chunks.push(stream.get(start..end).unwrap_or_default());
        start = end;
    }
    chunks
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn matches_the_standard_read_literally(stream in stream()) {
        prop_assert_eq!(run_with(SseParser::new(), [stream.as_slice()]), reference(&stream));
    }

    #[test]
    fn chunking_never_changes_the_outcome(
        stream in stream(),
        points in prop::collection::vec(any::<Index>(), 0..12),
    ) {
        let whole = run_with(SseParser::new(), [stream.as_slice()]);
        prop_assert_eq!(run_with(SseParser::new(), cut(&stream, &points)), whole);
    }

    #[test]
    fn chunking_never_changes_the_outcome_under_a_small_cap(
        stream in stream(),
        points in prop::collection::vec(any::<Index>(), 0..12),
        cap in 0usize..48,
    ) {
        let whole = run_with(SseParser::with_max_buffered(cap), [stream.as_slice()]);
        let split = run_with(SseParser::with_max_buffered(cap), cut(&stream, &points));
        prop_assert_eq!(&split, &whole);
        let bytes = run_with(SseParser::with_max_buffered(cap), stream.chunks(1));
        prop_assert_eq!(bytes, whole);
    }

    #[test]
    fn arbitrary_bytes_in_arbitrary_chunks_never_panic(
        stream in prop::collection::vec(any::<u8>(), 0..512),
        points in prop::collection::vec(any::<Index>(), 0..12),
        cap in prop::option::of(0usize..64),
    ) {
        let parser = cap.map_or_else(SseParser::new, SseParser::with_max_buffered);
        let split = run_with(parser.clone(), cut(&stream, &points));
        prop_assert_eq!(split, run_with(parser, [stream.as_slice()]));
        if cap.is_none() {
            prop_assert_eq!(run_with(SseParser::new(), [stream.as_slice()]), reference(&stream));
        }
    }
}
