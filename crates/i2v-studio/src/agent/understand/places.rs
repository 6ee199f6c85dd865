//! Where a moved picture goes: "to the start", "after photo 2", "between 1 and 2", "到第二张前面",
//! "al principio", "最初に".
//!
//! Rules: read after the reference to the picture moved ("the last photo first": a picture noun
//! right after the reference belongs to it). "Between A and B" is just before B; "before" /
//! "after" (antes de, después de) name a side; otherwise a linking word ("to", "at", 到, "al",
//! を …) or nothing at all leads to a position: a reference, the start or the end, or "position
//! N". Chinese says the side after the position (第二张前面).

use super::lexicon::{END_PLACE, IMAGE_NOUNS, START_PLACE};
use super::refs::{Ordinal, Place, raw_ref_at, whole};
use crate::agent::text::numbers::number_at;
use crate::agent::text::phrase::{longest_at, match_at};
use crate::agent::text::tokens::Token;

/// Where a moved picture goes, read after its reference (`from` is the index after it).
pub(crate) fn place_after(tokens: &[Token], from: usize) -> Option<Place> {
    // "the last photo first": the noun after the reference belongs to it.
    let from = longest_at(tokens, from, IMAGE_NOUNS).unwrap_or(from);
    // "between 1 and 2" is just before the second.
    if let Some(between) = (from..tokens.len()).find_map(|i| match_at(tokens, i, "between")) {
        let second = (between..tokens.len()).find_map(|i| match_at(tokens, i, "and"))?;
        return position_at(tokens, second).map(Place::Before);
    }
    let before = [
        "before",
        "ahead of",
        "in front of",
        "antes de",
        "delante de",
    ];
    let after = ["after", "behind", "following", "después de", "detrás de"];
    for i in from..tokens.len() {
        if let Some(end) = longest_at(tokens, i, &before) {
            return position_at(tokens, end).map(Place::Before);
        }
        if let Some(end) = longest_at(tokens, i, &after) {
            return position_at(tokens, end).map(Place::After);
        }
        let Some(end) = longest_at(
            tokens,
            i,
            &[
                "to", "at", "into", "as", "到", "至", "在", "al", "a", "a la", "en", "を",
            ],
        )
        .or_else(|| (i == from).then_some(i)) else {
            continue;
        };
        if let Some(position) = position_at(tokens, end) {
            let end_of = skip_position(tokens, end);
            let chinese_side = longest_at(tokens, end_of, &["前面", "之前", "前"])
                .map(|_| Place::Before(position))
                .or_else(|| {
                    longest_at(tokens, end_of, &["后面", "之后", "后"])
                        .map(|_| Place::After(position))
                });
            return Some(chinese_side.unwrap_or(Place::At(position)));
        }
    }
    None
}

/// A position: the start or end, a reference, or "position N".
fn position_at(tokens: &[Token], at: usize) -> Option<Ordinal> {
    let at = match_at(tokens, at, "the").unwrap_or(at);
    if let Some((ordinal, _, _)) = raw_ref_at(tokens, at) {
        return Some(ordinal);
    }
    if longest_at(tokens, at, START_PLACE).is_some() {
        return Some(Ordinal::Nth(1));
    }
    if longest_at(tokens, at, END_PLACE).is_some() {
        return Some(Ordinal::FromEnd(1));
    }
    // "to position 3", and a bare number where only a place can stand ("between 1 and 2").
    let after =
        longest_at(tokens, at, &["position", "spot", "place", "slot", "number"]).unwrap_or(at);
    let (n, _) = number_at(tokens, after)?;
    Some(Ordinal::Nth(whole(n)?))
}

/// The index just past a position phrase, for the Chinese "before"/"after" that follow it.
fn skip_position(tokens: &[Token], at: usize) -> usize {
    if let Some((_, end, _)) = raw_ref_at(tokens, at) {
        return end;
    }
    longest_at(tokens, at, START_PLACE)
        .or_else(|| longest_at(tokens, at, END_PLACE))
        .unwrap_or(at)
}
