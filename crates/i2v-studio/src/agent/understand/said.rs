//! Whether some tokens say more than a bare list item: a length of time, or an operation other
//! than the all-purpose "make"/"change" ([`says_something`]), and the same kept up for a clause
//! that grows as a list goes on ([`Said`]).
//!
//! Splitting asks it of the clause so far at every break of a list ("photo 1 and photo 2 and
//! …"); reading the clause again each time made a long list cost the square of its length
//! (issue 21). [`Said`] reads each token once instead. Its answer is the one
//! [`says_something`] gives for the clause so far, by this reasoning:
//! - every reader it uses looks only forward, and only so far ([`DURATION_REACH`],
//!   [`ops_reach`]); so where a token lies that far before the clause's current end, what is read
//!   there is the same however much further the clause goes, and is read once and remembered;
//! - the last few tokens are read again each time, cut at the clause's current end, as
//!   [`says_something`] would read them.

use super::Op;
use super::clause::{find_ops, op_at, ops_reach, particle_at};
use crate::agent::text::numbers::{DURATION_REACH, duration_at, durations};
use crate::agent::text::tokens::Token;

/// Whether tokens say more than a bare list item: a length of time, or an operation other
/// than the all-purpose "make"/"change".
pub(super) fn says_something(tokens: &[Token]) -> bool {
    !durations(tokens).is_empty() || find_ops(tokens).iter().any(|found| found.op != Op::Change)
}

/// A clause read as it grows: [`Said::says_before`] answers [`says_something`] for its tokens
/// up to a point that only moves on.
pub(super) struct Said<'t> {
    tokens: &'t [Token],
    /// The clause's first token.
    start: usize,
    /// How far [`op_at`] and [`particle_at`] look.
    ops_reach: usize,
    /// Lengths of time: the tokens before this one are read, none found there.
    durations_read: usize,
    /// Whether a length of time starts before `durations_read`.
    duration: bool,
    /// Operations, read as [`find_ops`] reads them (left to right, the longest at each place):
    /// the next place it looks.
    ops_next: usize,
    /// Whether an operation found so far is other than a change (a negation is a removal).
    other_op: bool,
    /// Where the first change found ends.
    first_change_end: Option<usize>,
    /// Particles ("off", "out"): the tokens before this one are read.
    particles_read: usize,
    /// The first particle found.
    particle: Option<usize>,
}

impl<'t> Said<'t> {
    /// A clause starting at token `start`.
    pub(super) fn new(tokens: &'t [Token], start: usize) -> Said<'t> {
        Said {
            tokens,
            start,
            ops_reach: ops_reach(),
            durations_read: start,
            duration: false,
            ops_next: start,
            other_op: false,
            first_change_end: None,
            particles_read: start,
            particle: None,
        }
    }

    /// Whether the clause's tokens before `at` say something, as [`says_something`] reads
    /// them; `at` never goes back between calls.
    pub(super) fn says_before(&mut self, at: usize) -> bool {
        self.read_settled(at);
        if self.duration || self.other_op {
            return true;
        }
        // The last tokens, read as the clause cut at `at` shows them.
        let cut = self.tokens.get(..at).unwrap_or(self.tokens);
        if (self.durations_read..at).any(|i| duration_at(cut, i).is_some()) {
            return true;
        }
        let mut first_change_end = self.first_change_end;
        let mut i = self.ops_next;
        while i < at {
            match op_at(cut, i) {
                Some((Op::Change, end, _)) => {
                    first_change_end = first_change_end.or(Some(end));
                    i = end.max(i + 1);
                }
                Some(_) => return true,
                None => i += 1,
            }
        }
        // A particle turns a change before it into a removal ("turn the music off").
        let particle = self
            .particle
            .or_else(|| (self.particles_read..at).find(|&i| self.particle_in(cut, i)));
        first_change_end
            .zip(particle)
            .is_some_and(|(end, particle)| end <= particle)
    }

    /// Reads, once, the places whose reading cannot change as the clause grows past `at`.
    fn read_settled(&mut self, at: usize) {
        let tokens = self.tokens;
        while !self.duration && self.durations_read + DURATION_REACH <= at {
            self.duration = duration_at(tokens, self.durations_read).is_some();
            self.durations_read += 1;
        }
        if self.duration {
            // What was read last is where the length of time starts; the clause's tail is not
            // read again.
            return;
        }
        while !self.other_op && self.ops_next + self.ops_reach <= at {
            let i = self.ops_next;
            match op_at(tokens, i) {
                Some((op, end, _)) => {
                    if op == Op::Change {
                        self.first_change_end = self.first_change_end.or(Some(end));
                    } else {
                        self.other_op = true;
                    }
                    self.ops_next = end.max(i + 1);
                }
                None => self.ops_next = i + 1,
            }
        }
        while self.particle.is_none() && self.particles_read + self.ops_reach <= at {
            let i = self.particles_read;
            if self.particle_in(tokens, i) {
                self.particle = Some(i);
            }
            self.particles_read = i + 1;
        }
    }

    /// Whether a particle stands at `i` of the clause: its first token has no token before it.
    fn particle_in(&self, tokens: &[Token], i: usize) -> bool {
        match tokens.get(self.start..) {
            Some(clause) => particle_at(clause, i - self.start),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    /// [`Said`] agrees with [`says_something`] at every point of these clauses.
    #[test]
    fn a_growing_clause_says_what_its_tokens_say() {
        let texts = [
            "make the first photo 2 s longer and the last one shorter",
            "photo 1 and photo 2 and photo 3 and the beach one and remove it",
            "turn the first photo and the second off and then the third",
            "zoom out on photo 1 and photo 2, take them out",
            "don't ever add photo 3 and photo 4",
            "第一张和第二张删掉，还有第三张",
            "la primera y la segunda foto, un minuto y medio",
            "一一一一一一一一一一一一一一一一一一一一一一一一一秒和第二张",
        ];
        for text in texts {
            let tokens = read(text).tokens;
            for start in 0..tokens.len() {
                let mut said = Said::new(&tokens, start);
                for at in start..=tokens.len() {
                    let expected = says_something(tokens.get(start..at).unwrap_or_default());
                    assert_eq!(said.says_before(at), expected, "{text:?} {start}..{at}");
                }
            }
        }
    }
}
