//! The events of one chunk packed for a JS binding: every string of every event in two runs of
//! text, one per form JS turns into a string fastest, and a table of lengths that cuts them.
//!
//! A binding that crossed into JS once per event, or decoded each string on its own, would spend
//! more time crossing and decoding than parsing. With [`PackedEvents`], a feed crosses once: JS
//! makes one string of each run (ASCII bytes are Latin-1, which engines copy as they are;
//! everything else goes as UTF-16, also a copy) and slices the events' strings out of them.
//!
//! The table has three entries per event: type, data, last event id. An entry is
//! - [`SAME`]: the string equals the previous event's in this chunk, and is not repeated;
//! - [`LARGE`]: the string is the next of [`PackedEvents::large`], handed over on its own;
//! - [`UTF16`] plus a length: the next that many units of [`PackedEvents::utf16`];
//! - any other value: the next that many bytes of [`PackedEvents::ascii`].

use crate::event::{SseEventRef, SseSink};
use crate::{SseError, SseParser};

/// In the lengths table: the string equals the previous event's.
pub const SAME: u32 = u32::MAX;
/// In the lengths table: the string is the next of the large ones.
pub const LARGE: u32 = u32::MAX - 1;
/// In the lengths table: the string is in the UTF-16 run; the other bits are its length.
pub const UTF16: u32 = 1 << 31;
/// Strings from this many bytes on are handed over on their own rather than copied into a run:
/// the copy would cost more than one more crossing.
pub const LARGE_FROM: usize = 64 * 1024;

/// A string too large for the runs: the bytes as sent (UTF-8, invalid sequences not yet
/// replaced: the decoder replaces them as the standard does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LargeText {
    /// The bytes of the string.
    pub bytes: Vec<u8>,
    /// Whether every byte is ASCII, so that decoding them as Latin-1 is exact.
    pub ascii: bool,
}

/// The events a feed completed, packed (see the [module](self)); reused from feed to feed, so a
/// steady stream allocates nothing per chunk once the runs have grown.
#[derive(Debug, Default)]
pub struct PackedEvents {
    ascii: Vec<u8>,
    utf16: Vec<u16>,
    lengths: Vec<u32>,
    large: Vec<LargeText>,
    /// The previous event's type and id, so that a repeat is packed as [`SAME`].
    previous_type: Vec<u8>,
    previous_id: String,
    /// Whether an event came before in this feed (the first is never a repeat).
    has_previous: bool,
}

impl PackedEvents {
    /// Empty runs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds `chunk` to `parser` and packs the events it completes, in place of the last feed's.
    ///
    /// Comments are left out: they are heartbeats, and mean nothing to JS. On
    /// [`SseError::EventTooLarge`] the events before and after the dropped one are still packed.
    pub fn feed(&mut self, parser: &mut SseParser, chunk: &[u8]) -> Result<(), SseError> {
        self.ascii.clear();
        self.utf16.clear();
        self.lengths.clear();
        self.large.clear();
        self.has_previous = false;
        parser.feed_with(chunk, self)
    }

    /// How many events the last feed completed.
    pub fn len(&self) -> usize {
        self.lengths.len() / 3
    }

    /// Whether the last feed completed no event.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// The ASCII run.
    pub fn ascii(&self) -> &[u8] {
        &self.ascii
    }

    /// The UTF-16 run.
    pub fn utf16(&self) -> &[u16] {
        &self.utf16
    }

    /// The lengths table, three entries per event.
    pub fn lengths(&self) -> &[u32] {
        &self.lengths
    }

    /// The large strings, in the order their [`LARGE`] entries come.
    pub fn large(&self) -> &[LargeText] {
        &self.large
    }

    /// Takes the large strings out, in order, so that their megabytes are freed as soon as the
    /// caller is done with each rather than at the next feed.
    pub fn take_large(&mut self) -> std::vec::Drain<'_, LargeText> {
        self.large.drain(..)
    }

    /// Appends one string to its run and its entry to the table; `None` is a repeat.
    fn push(&mut self, value: Option<&[u8]>) {
        let Some(value) = value else {
            self.lengths.push(SAME);
            return;
        };
        // The parser's cap keeps strings far below 2 GiB (wasm32 memory could not hold one).
        let length = |units: usize| u32::try_from(units).unwrap_or(LARGE - 1).min(UTF16 - 1);
        if value.len() >= LARGE_FROM {
            self.push_large(value.to_vec());
        } else if is_ascii(value) {
            self.ascii.extend_from_slice(value);
            self.lengths.push(length(value.len()));
        } else {
            let before = self.utf16.len();
            push_utf16(&mut self.utf16, value);
            self.lengths.push(UTF16 | length(self.utf16.len() - before));
        }
    }

    /// Appends a string handed over on its own, and its [`LARGE`] entry.
    fn push_large(&mut self, bytes: Vec<u8>) {
        let ascii = is_ascii(&bytes);
        self.large.push(LargeText { bytes, ascii });
        self.lengths.push(LARGE);
    }
}

impl SseSink for PackedEvents {
    fn event(&mut self, mut event: SseEventRef<'_>) {
        let same_type = self.has_previous && same_bytes(&self.previous_type, event.event_type());
        let same_id = self.has_previous
            && same_bytes(
                self.previous_id.as_bytes(),
                event.last_event_id().as_bytes(),
            );
        self.push((!same_type).then_some(event.event_type()));
        if event.data().len() >= LARGE_FROM {
            // Moved, not copied: a large event's data is megabytes.
            self.push_large(event.take_data());
        } else {
            self.push(Some(event.data()));
        }
        self.push((!same_id).then_some(event.last_event_id().as_bytes()));
        if !same_type {
            self.previous_type.clear();
            self.previous_type.extend_from_slice(event.event_type());
        }
        if !same_id {
            self.previous_id.clear();
            self.previous_id.push_str(event.last_event_id());
        }
        self.has_previous = true;
    }

    fn comment(&mut self, _text: &[u8]) {}
}

/// Whether `a` and `b` hold the same bytes, compared in a loop rather than by `==`.
///
/// `==` on slices calls libc's `memcmp`, and on an AVX-512 machine (glibc's `evex` variant),
/// right after memchr's AVX2 line search, each call took over 100 ns: the comparison of a type
/// and an id took five times as long as parsing the event. Types and ids are a few bytes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Whether every byte is ASCII: the bytes OR-ed together eight at a time, one test at the end.
/// (`<[u8]>::is_ascii` comes precompiled with the standard library, without wide operations; a
/// byte-wise fold compiles to a lane-by-lane reduction.)
fn is_ascii(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let mut seen = 0;
    for word in &mut words {
        seen |= u64::from_le_bytes(word.try_into().unwrap_or_default());
    }
    for &byte in words.remainder() {
        seen |= u64::from(byte);
    }
    seen & 0x8080_8080_8080_8080 == 0
}

/// Appends the UTF-16 code units of `utf8` (bytes as sent) to `out`, each invalid sequence
/// becoming U+FFFD as the standard's decoding makes it.
fn push_utf16(out: &mut Vec<u16>, utf8: &[u8]) {
    let start = out.len();
    if widen(out, utf8).is_err() {
        // Rare: a broken stream. The standard library knows exactly where each U+FFFD goes.
        out.truncate(start);
        let replaced = String::from_utf8_lossy(utf8);
        let valid = widen(out, replaced.as_bytes());
        debug_assert!(valid.is_ok(), "lossy decoding gives valid UTF-8");
    }
}

/// A byte sequence that is not UTF-8.
struct InvalidUtf8;

/// Appends the UTF-16 code units of `utf8` to `out`, checking as it goes that it is UTF-8.
///
/// One hand-written pass rather than `from_utf8` then `encode_utf16`: it runs for every byte of
/// every non-ASCII event.
/// On an error, what it appended is left for the caller to drop.
fn widen(out: &mut Vec<u16>, utf8: &[u8]) -> Result<(), InvalidUtf8> {
    let start = out.len();
    // Never more units than bytes: the tail is trimmed to what was written.
    out.resize(start + utf8.len(), 0);
    let units = &mut out[start..];
    let (mut read, mut written) = (0, 0);
    while read < utf8.len() {
        // Most of an event's JSON is ASCII around the text: each ASCII run is widened in one
        // loop, which the compiler makes wide.
        let ascii = ascii_prefix_len(&utf8[read..]);
        let from = &utf8[read..read + ascii];
        for (unit, &byte) in units[written..written + ascii].iter_mut().zip(from) {
            *unit = u16::from(byte);
        }
        read += ascii;
        written += ascii;
        if read == utf8.len() {
            break;
        }
        let (code, length) = decode_char(&utf8[read..]).ok_or(InvalidUtf8)?;
        read += length;
        if code < 0x1_0000 {
            units[written] = code as u16;
            written += 1;
        } else {
            // A surrogate pair: four bytes became two units, so the room is there.
            let above = code - 0x1_0000;
            units[written] = 0xD800 | (above >> 10) as u16;
            units[written + 1] = 0xDC00 | (above & 0x3FF) as u16;
            written += 2;
        }
    }
    out.truncate(start + written);
    Ok(())
}

/// How many bytes at the start of `bytes` are ASCII, found eight at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut length = 0;
    for word in &mut words {
        let high_bits =
            u64::from_le_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080;
        if high_bits != 0 {
            // Little-endian: the first non-ASCII byte holds the lowest high bit.
            return length + (high_bits.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    length
        + words
            .remainder()
            .iter()
            .take_while(|byte| byte.is_ascii())
            .count()
}

/// The scalar value at the start of `bytes` and its length in bytes, if they start with a
/// well-formed UTF-8 sequence (no overlong form, surrogate, or value past U+10FFFF).
fn decode_char(bytes: &[u8]) -> Option<(u32, usize)> {
    let lead = *bytes.first()?;
    // The valid range of the second byte depends on the lead (Unicode's table 3-7).
    let (length, bits, second) = match lead {
        0x00..=0x7F => return Some((u32::from(lead), 1)),
        0xC2..=0xDF => (2, lead & 0x1F, 0x80..=0xBF),
        0xE0 => (3, lead & 0x0F, 0xA0..=0xBF),
        0xED => (3, lead & 0x0F, 0x80..=0x9F),
        0xE1..=0xEF => (3, lead & 0x0F, 0x80..=0xBF),
        0xF0 => (4, lead & 0x07, 0x90..=0xBF),
        0xF4 => (4, lead & 0x07, 0x80..=0x8F),
        0xF1..=0xF3 => (4, lead & 0x07, 0x80..=0xBF),
        _ => return None,
    };
    let tail = bytes.get(1..length)?;
    if !second.contains(&tail[0]) || tail[1..].iter().any(|&b| b & 0xC0 != 0x80) {
        return None;
    }
    let code = tail.iter().fold(u32::from(bits), |code, &b| {
        (code << 6) | u32::from(b & 0x3F)
    });
    Some((code, length))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// Unpacks the last feed as a JS binding would: the events' strings, in order.
    fn unpack(packed: &PackedEvents) -> Vec<[String; 3]> {
        let ascii = String::from_utf8(packed.ascii().to_vec()).expect("ASCII");
        let utf16 = String::from_utf16(packed.utf16()).expect("UTF-16");
        let (mut in_ascii, mut in_utf16, mut in_large) = (0, 0, 0);
        let mut take = |entry: u32, previous: &str| -> String {
            if entry == SAME {
                previous.to_owned()
            } else if entry == LARGE {
                in_large += 1;
                String::from_utf8_lossy(&packed.large()[in_large - 1].bytes).into_owned()
            } else if entry & UTF16 != 0 {
                let units = (entry ^ UTF16) as usize;
                let text: Vec<u16> = utf16.encode_utf16().skip(in_utf16).take(units).collect();
                in_utf16 += units;
                String::from_utf16(&text).expect("whole characters")
            } else {
                let length = entry as usize;
                in_ascii += length;
                ascii[in_ascii - length..in_ascii].to_owned()
            }
        };
        let mut events: Vec<[String; 3]> = Vec::new();
        for entry in packed.lengths().chunks(3) {
            let previous = events.last().cloned().unwrap_or_default();
            let event_type = take(entry[0], &previous[0]);
            let data = take(entry[1], &previous[1]);
            let id = take(entry[2], &previous[2]);
            events.push([event_type, data, id]);
        }
        events
    }

    /// What the owned parser makes of the same stream, for comparison.
    fn owned(stream: &[u8]) -> Vec<[String; 3]> {
        let items = SseParser::new().feed(stream).expect("under the cap");
        items
            .into_iter()
            .filter_map(|item| match item {
                crate::SseItem::Event(e) => Some([e.event_type, e.data, e.last_event_id]),
                crate::SseItem::Comment(_) => None,
            })
            .collect()
    }

    fn packed(stream: &[u8]) -> PackedEvents {
        let mut packed = PackedEvents::new();
        packed
            .feed(&mut SseParser::new(), stream)
            .expect("under the cap");
        packed
    }

    #[test]
    fn ascii_events_go_to_the_ascii_run_and_repeats_are_not_copied() {
        let stream =
            b"data: one\n\n: ping\n\ndata: two\ndata: lines\n\nevent: x\nid: 7\ndata: 3\n\n";
        let packed = packed(stream);
        assert_eq!(packed.len(), 3);
        assert!(packed.utf16().is_empty());
        assert_eq!(
            packed.lengths(),
            &[7, 3, 0, SAME, 9, SAME, 1, 1, 1],
            "type, data, id per event; a repeated type or id is SAME"
        );
        assert_eq!(unpack(&packed), owned(stream));
    }

    #[test]
    fn other_text_goes_to_the_utf16_run_whole() {
        let stream = "data: « Paradise » 🎬 café\n\nid: ключ\ndata: plain\n\n".as_bytes();
        let packed = packed(stream);
        let first_data = packed.lengths()[1];
        assert_ne!(first_data & UTF16, 0);
        assert_eq!(
            (first_data ^ UTF16) as usize,
            "« Paradise » 🎬 café".encode_utf16().count()
        );
        assert_eq!(unpack(&packed), owned(stream));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters_as_in_the_owned_events() {
        let stream = b"data: a\xFFb\xE2\x82c\xF0\x9F\x8E\n\ndata: \xC3\n\n";
        assert_eq!(unpack(&packed(stream)), owned(stream));
        assert_eq!(owned(stream)[0][1], "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
    }

    #[test]
    fn widening_checks_utf8_as_the_standard_library_does() {
        // Every one- to four-byte sequence over a set of edge bytes: overlong forms, surrogates,
        // values past U+10FFFF, truncated and stray continuation bytes.
        let edges = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ];
        let mut sequences: Vec<Vec<u8>> = edges.iter().map(|&a| vec![a]).collect();
        for length in 2..=4 {
            let extends = |s: &Vec<u8>| s.len() == length - 1 && (length < 4 || s[0] >= 0xF0);
            for prefix in sequences.clone().into_iter().filter(extends) {
                for &next in &edges {
                    let mut longer = prefix.clone();
                    longer.push(next);
                    sequences.push(longer);
                }
            }
        }
        for bytes in sequences {
            let mut units = Vec::new();
            let valid = widen(&mut units, &bytes).is_ok();
            assert_eq!(valid, std::str::from_utf8(&bytes).is_ok(), "{bytes:x?}");
            let mut lossy = Vec::new();
            push_utf16(&mut lossy, &bytes);
            let expected: Vec<u16> = String::from_utf8_lossy(&bytes).encode_utf16().collect();
            assert_eq!(lossy, expected, "{bytes:x?}");
        }
    }

    #[test]
    fn large_data_is_handed_over_on_its_own_and_says_whether_it_is_ascii() {
        let big = "x".repeat(LARGE_FROM);
        let wide = "é".repeat(LARGE_FROM / 2);
        let stream = format!("data: {big}\n\ndata: small\n\ndata: {wide}\n\n");
        let packed = packed(stream.as_bytes());
        assert_eq!(packed.len(), 3);
        assert_eq!(packed.lengths()[1], LARGE);
        assert_eq!(packed.lengths()[7], LARGE);
        assert_eq!(packed.large().len(), 2);
        assert!(packed.large()[0].ascii);
        assert!(!packed.large()[1].ascii);
        assert_eq!(unpack(&packed), owned(stream.as_bytes()));
    }

    #[test]
    fn each_feed_replaces_the_last_and_events_span_chunks() {
        let mut parser = SseParser::new();
        let mut packed = PackedEvents::new();
        packed.feed(&mut parser, b"data: fir").expect("fits");
        assert!(packed.is_empty());
        packed
            .feed(&mut parser, "st\n\ndata: é\n".as_bytes())
            .expect("fits");
        assert_eq!(
            unpack(&packed),
            vec![["message".into(), "first".into(), String::new()]]
        );
        packed.feed(&mut parser, b"\n").expect("fits");
        assert_eq!(
            unpack(&packed),
            vec![["message".into(), "é".into(), String::new()]]
        );
    }

    #[test]
    fn an_oversized_event_is_dropped_and_the_others_kept() {
        let mut parser = SseParser::with_max_buffered(8);
        let mut packed = PackedEvents::new();
        let result = packed.feed(
            &mut parser,
            b"data: ok\n\ndata: far too long\n\ndata: 2\n\n",
        );
        assert_eq!(result, Err(SseError::EventTooLarge { limit: 8 }));
        let data: Vec<String> = unpack(&packed).into_iter().map(|[_, d, _]| d).collect();
        assert_eq!(data, ["ok", "2"]);
    }

    #[test]
    fn widening_matches_the_standard_library_at_every_length() {
        let sample = "ab« 🎬 é»cdefghij ключ 中文 z";
        for end in sample
            .char_indices()
            .map(|(at, _)| at)
            .chain([sample.len()])
        {
            let text = &sample[..end];
            let mut units = vec![7];
            assert!(widen(&mut units, text.as_bytes()).is_ok());
            let expected: Vec<u16> = [7].into_iter().chain(text.encode_utf16()).collect();
            assert_eq!(units, expected, "{text:?}");
        }
    }
}
