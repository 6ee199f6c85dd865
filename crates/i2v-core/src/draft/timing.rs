//! Where each segment sits on the timeline, and how times read in seconds.
//!
//! Times in the draft are ms (`docs/PROTOCOL.md` §5). The model reads any JSON number without
//! complaint and resolves it to whole ms: a negative time is 0, a fraction rounds to the nearest
//! ms, and a number too large for `u64` saturates. The JSON itself keeps the number as written.

use std::fmt;

use serde_json::Number;

use super::model::{Draft, Track};

/// Where a segment sits on the timeline, in ms: from `start_ms` up to (not including) `end_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// Where it starts.
    pub start_ms: u64,
    /// Where it ends: its start plus its duration.
    pub end_ms: u64,
}

impl Span {
    /// How long it lasts.
    pub fn duration_ms(&self) -> u64 {
        self.end_ms.saturating_sub(self.start_ms)
    }
}

/// Reads as the summary writes it: `0-2.5s`.
impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}s", Seconds(self.start_ms), Seconds(self.end_ms))
    }
}

impl Track {
    /// The resolved place of each segment, in `sg` order.
    ///
    /// Rule (`docs/PROTOCOL.md` §5): a segment starts at its `s`; without one, right after the previous
    /// segment of the track ends (the first one at 0). It lasts its `d`; without one, 0 ms.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.segments().iter().scan(0u64, |previous_end, segment| {
            let start_ms = segment.start_ms().unwrap_or(*previous_end);
            let end_ms = start_ms.saturating_add(segment.duration_ms().unwrap_or(0));
            *previous_end = end_ms;
            Some(Span { start_ms, end_ms })
        })
    }

    /// From the earliest start to the latest end of its segments; `None` for an empty track.
    pub fn extent(&self) -> Option<Span> {
        self.spans().reduce(|a, b| Span {
            start_ms: a.start_ms.min(b.start_ms),
            end_ms: a.end_ms.max(b.end_ms),
        })
    }
}

impl Draft {
    /// How long the whole timeline lasts: the latest end of any segment (0 when there is none).
    pub fn duration_ms(&self) -> u64 {
        self.tracks()
            .iter()
            .filter_map(Track::extent)
            .map(|span| span.end_ms)
            .max()
            .unwrap_or(0)
    }
}

/// A JSON number as whole ms: negative → 0, fractions rounded, too large → `u64::MAX`.
pub(crate) fn whole_ms(number: &Number) -> u64 {
    if let Some(ms) = number.as_u64() {
        return ms;
    }
    match number.as_f64() {
        // `as` saturates, so a huge float cannot wrap; negative numbers (integer or not) end here too.
        Some(ms) if ms > 0.0 => ms.round() as u64,
        _ => 0,
    }
}

/// Ms written as seconds with decimals only where needed: 10000 → `10`, 2500 → `2.5`, 1 → `0.001`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seconds(pub(crate) u64);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 1000;
        let millis = self.0 % 1000;
        if millis == 0 {
            return write!(f, "{whole}");
        }
        let fraction = format!("{millis:03}");
        write!(f, "{whole}.{}", fraction.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use serde_json::json;

    use super::*;

    fn number(value: serde_json::Value) -> Number {
        match value {
            serde_json::Value::Number(n) => n,
            other => panic!("not a number: {other}"),
        }
    }

    #[test]
    fn numbers_resolve_to_whole_ms() {
        assert_eq!(whole_ms(&number(json!(3000))), 3000);
        assert_eq!(whole_ms(&number(json!(3000.0))), 3000);
        assert_eq!(whole_ms(&number(json!(2499.5))), 2500);
        assert_eq!(whole_ms(&number(json!(-5))), 0);
        assert_eq!(whole_ms(&number(json!(-0.4))), 0);
        assert_eq!(whole_ms(&number(json!(1e300))), u64::MAX);
        assert_eq!(whole_ms(&number(json!(u64::MAX))), u64::MAX);
    }

    #[test]
    fn seconds_show_decimals_only_where_needed() {
        let s = |ms| Seconds(ms).to_string();
        assert_eq!(s(0), "0");
        assert_eq!(s(10_000), "10");
        assert_eq!(s(2500), "2.5");
        assert_eq!(s(1250), "1.25");
        assert_eq!(s(1), "0.001");
        assert_eq!(s(61_010), "61.01");
        assert_eq!(s(u64::MAX), "18446744073709551.615");
    }

    #[test]
    fn segments_without_a_start_follow_the_previous_one() {
        let draft = Draft::from_value(json!({"t": [{"sg": [
            {"d": 3000},
            {"d": 2000.4},
            {"s": 10000, "d": 1000},
            {},
            {"d": -50},
            {"s": 500, "d": 100}
        ]}]}))
        .unwrap();
        let spans: Vec<String> = draft.tracks()[0].spans().map(|s| s.to_string()).collect();
        assert_eq!(
            spans,
            ["0-3s", "3-5s", "10-11s", "11-11s", "11-11s", "0.5-0.6s"]
        );
        assert_eq!(
            draft.tracks()[0].extent(),
            Some(Span {
                start_ms: 0,
                end_ms: 11_000
            })
        );
        assert_eq!(draft.duration_ms(), 11_000);
    }

    #[test]
    fn huge_times_saturate_instead_of_overflowing() {
        let draft = Draft::from_value(json!({"t": [{"sg": [
            {"s": 1e30, "d": 1e30},
            {"d": u64::MAX}
        ]}]}))
        .unwrap();
        let spans: Vec<Span> = draft.tracks()[0].spans().collect();
        assert_eq!(spans[0].end_ms, u64::MAX);
        assert_eq!(spans[1].start_ms, u64::MAX);
        assert_eq!(spans[1].duration_ms(), 0);
        assert_eq!(draft.duration_ms(), u64::MAX);
    }

    #[test]
    fn an_empty_draft_lasts_nothing() {
        let draft = Draft::from_value(json!({"t": [{"tt": 0}, {"sg": []}]})).unwrap();
        assert_eq!(draft.tracks()[0].extent(), None);
        assert_eq!(draft.duration_ms(), 0);
        assert_eq!(Draft::from_value(json!({})).unwrap().duration_ms(), 0);
    }
}
