//! Whether a reference to a picture leads what follows a break: splitting keeps "the second
//! and third photos" whole because a reference starts right after the "and" ([`super::split`]).
//!
//! The answer is the one [`find_refs`](super::lists::find_refs) gives for the rest of the
//! message — its first reference — read without reading the whole rest at every break, which
//! made a long message cost the square of its length (issue 21):
//! - only the references starting at the first two tokens can be that first reference;
//! - a bare ordinal word is a reference where its neighbours make it one
//!   ([`in_context`]), or where it is listed with one that is, along a list as long as it goes
//!   ([`listed`]); the list is followed forward only as far as it goes, and what was found for a
//!   reference is remembered, since a list read from one break is read again from the next.
//!
//! Every reader used here looks forward only, except at the token right before a reference;
//! past the first token after the break that token is inside the rest, so what is read at a
//! token is the same from whichever break it is read.

use std::collections::HashMap;

use super::lists::{Found, LISTED_WITHIN, found_at, in_context, listed};
use crate::agent::text::tokens::Token;

/// Remembers, across the breaks of one message, which references a list makes count.
pub(super) struct Leads<'t> {
    tokens: &'t [Token],
    /// For a reference starting at a token (past the first after a break): whether it counts,
    /// on its own or through the rest of its list.
    counts: HashMap<usize, bool>,
}

impl<'t> Leads<'t> {
    /// For the tokens of a message.
    pub(super) fn new(tokens: &'t [Token]) -> Leads<'t> {
        Leads {
            tokens,
            counts: HashMap::new(),
        }
    }

    /// Where the first reference of the tokens from `from` on starts, counted from `from`,
    /// where that is 0 or 1; `None` where it starts later or there is none.
    pub(super) fn first_ref(&mut self, from: usize) -> Option<usize> {
        let rest = self.tokens.get(from..).unwrap_or_default();
        let mut at = 0;
        while at <= 1 {
            let Some(found) = found_at(rest, at) else {
                at += 1;
                continue;
            };
            let end = found.end();
            // A reference here has no token before it in the rest: it is read there, not
            // remembered.
            let counts = found.explicit()
                || in_context(rest, at, end)
                || self.next_counts(from + at, from + end);
            if counts {
                return Some(at);
            }
            at = end.max(at + 1);
        }
        None
    }

    /// Whether the reference after the one from `start` to `end` is listed with it and counts.
    fn next_counts(&mut self, start: usize, end: usize) -> bool {
        // The list, followed forward until a reference that counts, one already known, or
        // its end.
        let mut list = Vec::new();
        let (mut start, mut end) = (start, end);
        let answer = loop {
            let Some((next, found)) = self.next_listed(start, end) else {
                break false;
            };
            if let Some(&known) = self.counts.get(&next) {
                break known;
            }
            let next_end = found.end();
            if found.explicit() || in_context(self.tokens, next, next_end) {
                self.counts.insert(next, true);
                break true;
            }
            list.push(next);
            (start, end) = (next, next_end);
        };
        // Each reference of the list counts as the rest of the list does.
        for at in list {
            self.counts.insert(at, answer);
        }
        answer
    }

    /// The reference [`find_refs`](super::lists::find_refs) reads next after the one from
    /// `start` to `end`, where it is listed with it: its start, and what it is.
    fn next_listed(&self, start: usize, end: usize) -> Option<(usize, Found)> {
        // Read as find_refs reads: from the end on, the first found; one further than a list
        // allows is not listed.
        let from = end.max(start + 1);
        (from..=end + LISTED_WITHIN)
            .find_map(|at| found_at(self.tokens, at).map(|found| (at, found)))
            .filter(|&(at, _)| listed(self.tokens, end, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;
    use crate::agent::understand::lists::find_refs;

    /// [`Leads::first_ref`] agrees with the first reference [`find_refs`] finds, from every
    /// token of these messages.
    #[test]
    fn the_first_reference_after_a_break_is_the_one_find_refs_finds() {
        let texts = [
            "remove the second and third photos",
            "make second and third and fourth and 5th photo longer",
            "second and third and fourth and fifth, and the sixth one",
            "last and second and third, first",
            "delete photos 2 and 3 and the last two",
            "删除第二张、第三张和最后一张，放到最后",
            "la tercera y la segunda foto, y la primera",
            "the first 2 seconds and the last 3 seconds",
            "first, add music and then the second",
        ];
        for text in texts {
            let tokens = read(text).tokens;
            let mut leads = Leads::new(&tokens);
            for from in 0..tokens.len() {
                let rest = tokens.get(from..).unwrap_or_default();
                let expected = find_refs(rest)
                    .first()
                    .map(|found| found.start)
                    .filter(|&start| start <= 1);
                assert_eq!(leads.first_ref(from), expected, "{text:?} from {from}");
            }
        }
    }
}
