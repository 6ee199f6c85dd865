//! The references of a clause: which of those read at its tokens ([`super::refs`]) point at
//! pictures, and the lists they make.
//!
//! Rules:
//! - A reference on its own ("photo 3", "第二张") counts; a bare ordinal word ("second",
//!   "last") counts where "the" or "my" comes before it or a picture noun after it, or where it
//!   is listed with one that counts ("the second and third photos"), along the whole list.
//! - Bare numbers listed after a reference are pictures too ("photos 2, 3 and 5"), and so are
//!   those a range spans ("photos 2 to 4", "第2到第4张").

use super::lexicon::IMAGE_NOUNS;
use super::refs::{
    CLASSIFIERS, DETERMINERS, LISTING, Ordinal, RANGE_CAP, RefAt, range_at, raw_ref_at, whole,
};
use crate::agent::text::numbers::{duration_at, number_at};
use crate::agent::text::phrase::{longest_at, match_at};
use crate::agent::text::tokens::Token;

/// What starts at a token: a run of pictures ("the first two"), or one reference and whether it
/// is one on its own.
pub(super) enum Found {
    /// A run of pictures, and its end.
    Run(Vec<Ordinal>, usize),
    /// One picture, its end, and whether it is a reference whatever stands around it.
    One(Ordinal, usize, bool),
}

impl Found {
    /// Just past its last token.
    pub(super) fn end(&self) -> usize {
        match self {
            Found::Run(_, end) | Found::One(_, end, _) => *end,
        }
    }

    /// Whether it points at pictures whatever stands around it (a run always does).
    pub(super) fn explicit(&self) -> bool {
        match self {
            Found::Run(..) => true,
            Found::One(_, _, explicit) => *explicit,
        }
    }
}

/// The run or reference starting at token `at`, if any.
pub(super) fn found_at(tokens: &[Token], at: usize) -> Option<Found> {
    if let Some((ordinals, end)) = range_at(tokens, at) {
        return Some(Found::Run(ordinals, end));
    }
    raw_ref_at(tokens, at).map(|(ordinal, end, explicit)| Found::One(ordinal, end, explicit))
}

/// Every reference in the tokens, left to right, by the rules above.
pub(crate) fn find_refs(tokens: &[Token]) -> Vec<RefAt> {
    let mut raw = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(found) = found_at(tokens, i) else {
            i += 1;
            continue;
        };
        let end = found.end();
        let at = |ordinal| RefAt {
            ordinal,
            start: i,
            end,
        };
        match found {
            Found::Run(ordinals, _) => raw.extend(ordinals.into_iter().map(|o| (at(o), true))),
            Found::One(ordinal, _, explicit) => raw.push((at(ordinal), explicit)),
        }
        i = end.max(i + 1);
    }
    let mut counted: Vec<bool> = raw
        .iter()
        .map(|(found, explicit)| *explicit || in_context(tokens, found.start, found.end))
        .collect();
    // Listing spreads from a counted reference to its neighbours, along the whole list: "the
    // second and third". One sweep each way reaches every reference of a list.
    let listed: Vec<bool> = raw
        .windows(2)
        .map(|pair| match pair {
            [(a, _), (b, _)] => listed(tokens, a.end, b.start),
            _ => false,
        })
        .collect();
    for (k, &joined) in listed.iter().enumerate() {
        if joined && counted.get(k) == Some(&true) {
            counted.get_mut(k + 1).into_iter().for_each(|c| *c = true);
        }
    }
    for (k, &joined) in listed.iter().enumerate().rev() {
        if joined && counted.get(k + 1) == Some(&true) {
            counted.get_mut(k).into_iter().for_each(|c| *c = true);
        }
    }
    let found = raw
        .into_iter()
        .zip(counted)
        .filter_map(|((found, _), counted)| counted.then_some(found));
    with_listed_numbers(tokens, found)
}

/// Whether a reference ending at `end` and the next one, starting at `next`, are listed
/// together: "the second and third", "2, 3", "第二张和第三张". Looks no further than `next`.
pub(super) fn listed(tokens: &[Token], end: usize, next: usize) -> bool {
    longest_at(tokens, end, LISTING).is_some_and(|after| {
        let after = match_at(tokens, after, "the").unwrap_or(after);
        after == next || longest_at(tokens, after, LISTING) == Some(next)
    })
}

/// The most tokens after a reference's end that the next one listed with it may start at.
pub(super) const LISTED_WITHIN: usize = 3;

/// Adds the pictures a range after a reference spans: "photos 2 to 4", "2-4", "第2到第4张".
fn range_end(tokens: &[Token], found: &RefAt) -> Option<(u64, usize)> {
    let Ordinal::Nth(from) = found.ordinal else {
        return None;
    };
    let after = longest_at(
        tokens,
        found.end,
        &["to", "through", "thru", "-", "~", "到", "至"],
    )?;
    let after = match_at(tokens, after, "第").unwrap_or(after);
    if duration_at(tokens, after).is_some() {
        return None;
    }
    let (to, end) = number_at(tokens, after)?;
    let to = whole(to)?;
    let end = longest_at(tokens, end, CLASSIFIERS).unwrap_or(end);
    (to > from && to - from < RANGE_CAP).then_some((to, end))
}

/// Adds the bare numbers listed after a reference: "photos 2, 3 and 5", and the pictures of a
/// range: "photos 2 to 4".
fn with_listed_numbers(tokens: &[Token], refs: impl Iterator<Item = RefAt>) -> Vec<RefAt> {
    let mut out = Vec::new();
    // The far end of a range ("第4张" of "第2到第4张") is read again as a reference of its own.
    let mut ranged_until = 0;
    for found in refs {
        if found.start < ranged_until {
            continue;
        }
        out.push(found);
        if let (Some((to, end)), Ordinal::Nth(from)) = (range_end(tokens, &found), found.ordinal) {
            out.extend((from + 1..=to).map(|n| RefAt {
                ordinal: Ordinal::Nth(n),
                start: found.start,
                end,
            }));
            ranged_until = end;
            continue;
        }
        let mut end = found.end;
        while let Some(after) = longest_at(tokens, end, LISTING) {
            let after = longest_at(tokens, after, LISTING).unwrap_or(after);
            let Some(n) = tokens.get(after).and_then(Token::number).and_then(whole) else {
                break;
            };
            let measured = duration_at(tokens, after).is_some()
                || tokens.get(after + 1).is_some_and(|t| t.is_sym('%'));
            if measured {
                break;
            }
            out.push(RefAt {
                ordinal: Ordinal::Nth(n),
                start: after,
                end: after + 1,
            });
            end = after + 1;
        }
    }
    out
}

/// Whether a bare ordinal word from `start` to `end` is used as a reference: "the second",
/// "second photo".
pub(super) fn in_context(tokens: &[Token], start: usize, end: usize) -> bool {
    // "the last 5 seconds" is a stretch of time, not a picture.
    if duration_at(tokens, end).is_some() {
        return false;
    }
    let determined = start
        .checked_sub(1)
        .is_some_and(|before| longest_at(tokens, before, DETERMINERS) == Some(start));
    determined || longest_at(tokens, end, IMAGE_NOUNS).is_some()
}
