//! A small deterministic random source for backoff jitter and multipart boundaries, seeded by
//! the platform.
//!
//! Bindings seed it from their secure random source, and tests seed it with a constant so that
//! every wait is reproducible. Ids that must be unique across clients are UUIDs from the
//! platform's random source instead ([`new_client_id`], [`new_render_id`]).

/// A fresh client id: a UUID v4 from the platform's random source, in its lowercase form.
pub(crate) fn new_client_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A fresh render id: `render_` and a UUID v4 from the platform's random source as 32
/// lowercase hex digits (no hyphens), 39 characters that every path and file name can carry.
/// Other clients of the same backend choose ids too, so a clock or a seeded generator could
/// give two of them the same one.
pub(crate) fn new_render_id() -> String {
    format!("render_{}", uuid::Uuid::new_v4().simple())
}

/// SplitMix64: tiny, fast, and good enough for jitter and boundaries, which need not be secret.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[low, high]` (inclusive), for jitter.
    pub(crate) fn between(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        low + self.next_u64() % (high - low + 1)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn client_ids_are_v4_and_distinct() {
        let (a, b) = (new_client_id(), new_client_id());
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).expect("a uuid");
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(a, parsed.hyphenated().to_string());
    }

    #[test]
    fn render_ids_are_prefixed_v4_hex_and_distinct() {
        let (a, b) = (new_render_id(), new_render_id());
        assert_ne!(a, b);
        let hex = a.strip_prefix("render_").expect("the prefix");
        assert_eq!(hex.len(), 32);
        assert!(
            hex.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        let parsed = uuid::Uuid::parse_str(hex).expect("a uuid");
        assert_eq!(parsed.get_version_num(), 4);
        assert!(super::super::export::check_render_id(&a).is_ok());
    }

    #[test]
    fn between_stays_in_range() {
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            let v = rng.between(10, 20);
            assert!((10..=20).contains(&v));
        }
        assert_eq!(rng.between(5, 5), 5);
        assert_eq!(rng.between(9, 3), 9);
    }
}
