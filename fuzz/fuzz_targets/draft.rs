//! Any text as a draft: parsing never panics, and a draft that parses can be summarised, laid
//! out, compared with itself (no changes) and written back to a draft that parses the same.
#![no_main]

use i2v_core::draft::{Draft, diff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(draft) = Draft::parse(text) else {
        return;
    };
    let _ = draft.summary();
    let _ = draft.layout();
    assert!(diff(&draft, &draft).is_empty(), "a draft differs from itself");
    let again = Draft::parse(&draft.to_json()).expect("a written draft parses");
    assert_eq!(again.to_json(), draft.to_json());
});
