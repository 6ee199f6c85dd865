//! Everything the agent would otherwise draw at random, drawn from a seed instead: event ids,
//! the phrasing variant of a turn, and whether a turn is silent. The same seed gives the same
//! stream, so a run can be replayed.

/// One step of SplitMix64: a well-mixed 64-bit value from any input.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of one turn, from the studio's seed and a turn counter: pass it as
/// [`super::TurnInput::variant`] and [`super::StreamOptions::seed`].
pub fn turn_seed(seed: u64, turn: u64) -> u64 {
    mix(seed ^ mix(turn))
}

/// Whether a turn is answered without text, for a share of turns between 0 and 1 (the studio's
/// `silent_share`); only turns whose plan [`super::TurnPlan::may_be_silent`] are.
pub fn silent_draw(turn_seed: u64, share: f64) -> bool {
    // The top 53 bits as a fraction in [0, 1): exact in an f64.
    let unit = (mix(turn_seed ^ 0x5111_e000) >> 11) as f64 / (1u64 << 53) as f64;
    unit < share
}

/// A counter of ids drawn from a seed.
#[derive(Debug, Clone)]
pub(crate) struct Ids {
    seed: u64,
    drawn: u64,
}

impl Ids {
    /// Ids drawn from `seed`.
    pub(crate) fn new(seed: u64) -> Ids {
        Ids { seed, drawn: 0 }
    }

    fn next(&mut self) -> u64 {
        self.drawn = self.drawn.wrapping_add(1);
        mix(self.seed ^ mix(self.drawn))
    }

    /// An id shaped like a random (version 4) UUID.
    pub(crate) fn uuid(&mut self) -> String {
        let high = (self.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let low = (self.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xFFFF,
            high & 0xFFFF,
            low >> 48,
            low & 0xFFFF_FFFF_FFFF
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_uuids_and_repeat_with_the_seed() {
        let mut a = Ids::new(7);
        let mut b = Ids::new(7);
        let first = a.uuid();
        assert_eq!(first, b.uuid());
        assert_ne!(first, a.uuid());
        let groups: Vec<usize> = first.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(first.chars().nth(14), Some('4'));
        assert!(matches!(first.chars().nth(19), Some('8' | '9' | 'a' | 'b')));
        assert_ne!(Ids::new(8).uuid(), first);
    }

    #[test]
    fn the_silent_share_is_kept_and_reproducible() {
        let silent = (0..2000)
            .filter(|&turn| silent_draw(turn_seed(42, turn), 0.3))
            .count();
        assert!((500..700).contains(&silent), "{silent} of 2000");
        assert_eq!(
            silent_draw(turn_seed(42, 5), 0.3),
            silent_draw(turn_seed(42, 5), 0.3)
        );
        assert!(!(0..200).any(|turn| silent_draw(turn_seed(1, turn), 0.0)));
        assert!((0..200).all(|turn| silent_draw(turn_seed(1, turn), 1.0)));
    }
}
