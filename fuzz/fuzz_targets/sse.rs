//! Any bytes, cut into chunks anywhere, through the SSE parser and the turn assembler: never a
//! panic, and the items the parser gives are the same however the bytes were cut.
#![no_main]

use i2v_core::adk::TurnAssembler;
use i2v_sse::SseParser;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte says where to cut: the same stream is fed whole and in pieces.
    let Some((&cut, stream)) = data.split_first() else {
        return;
    };
    let whole = SseParser::new().feed(stream);
    let mut pieces = SseParser::new();
    let mut items = Vec::new();
    let mut failed = false;
    for chunk in stream.chunks(usize::from(cut).max(1)) {
        match pieces.feed(chunk) {
            Ok(more) => items.extend(more),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    if let (Ok(whole), false) = (&whole, failed) {
        assert_eq!(whole, &items, "the items depend on how the bytes were cut");
    }
    let mut assembler = TurnAssembler::new();
    for item in &items {
        assembler.push(item);
    }
    assembler.finish();
});
