//! How a text looks, as a person says it: where it sits ("at the top", 顶部), its colour ("red",
//! "#ff0000", 红色) and its size ("bigger", 大一点, "font size 96", 字号96).
//!
//! Rules:
//! - Only words outside the text itself count: "a video called Red Sunset" asks for no colour.
//! - A place word puts the text there; "move it up" / "down" is the top / bottom.
//! - A colour is a name the core knows (`i2v_core::draft::color_hex`; [`COLOURS`] says how
//!   people say them) or `#rgb` / `#rrggbb` digits.
//! - A size is a number after "font size" or 字号; otherwise "bigger" or "smaller" (or, where no
//!   place is asked, "up" / 大一点 and "down" / 小一点) is one step.

use std::ops::Range;

use i2v_core::draft::color_hex;

use super::lexicon::{BIGGER, COLOURS, FONT_SIZE, MOVE, SMALLER, TEXT_POSITIONS};
use super::{Clause, Colour, Op, TextChange};
use crate::agent::text::numbers::{NUMBER_REACH, number_at};
use crate::agent::text::phrase::{find_all, longest_at, reach};
use i2v_core::draft::Position;

/// Words between "font size" and its number.
const SIZE_LINKS: &[&str] = &[
    "to", "of", "at", "is", ":", "=", "为", "是", "调到", "改成", "设为",
];

/// The looks a clause asks for, outside the tokens `text` (the text's own words): place, colour,
/// size, in that order.
pub(super) fn find_looks(clause: &Clause<'_>, text: &Range<usize>) -> Vec<TextChange> {
    let outside = |at: usize| !text.contains(&at);
    let tokens = clause.tokens;
    let position = TEXT_POSITIONS
        .iter()
        .flat_map(|(position, words)| {
            find_all(tokens, words)
                .into_iter()
                .map(move |(at, _)| (at, *position))
        })
        .filter(|&(at, _)| outside(at))
        .min_by_key(|&(at, _)| at)
        .map(|(_, position)| position)
        .or_else(|| moved_up_or_down(clause));
    let colour = (0..tokens.len())
        .filter(|&at| outside(at))
        .find_map(|at| colour_at(clause, at));
    let size = (0..tokens.len())
        .filter(|&at| outside(at))
        .find_map(|at| font_size_at(clause, at))
        .map(TextChange::FontSize)
        .or_else(|| resize(clause, position.is_some(), outside).map(TextChange::Resize));
    position
        .map(TextChange::Position)
        .into_iter()
        .chain(colour.map(TextChange::Color))
        .chain(size)
        .collect()
}

/// Whether the tokens from `at` to `end` are only a look (a place, a colour or a size), after
/// an optional linking word: "red", "the top", "红色".
pub(super) fn only_a_look(clause: &Clause<'_>, at: usize, end: usize) -> bool {
    let tokens = clause.tokens;
    let at = longest_at(tokens, at, super::lexicon::LOOK_LINKS).unwrap_or(at);
    let place = TEXT_POSITIONS
        .iter()
        .filter_map(|(_, words)| longest_at(tokens, at, words))
        .max();
    let colour = colour_at(clause, at).map(|_| colour_end(clause, at));
    let size = [BIGGER, SMALLER]
        .iter()
        .filter_map(|words| longest_at(tokens, at, words))
        .max();
    [place, colour.flatten(), size]
        .into_iter()
        .flatten()
        .any(|look_end| look_end >= end)
}

/// "move the title up" / "down": the top or the bottom.
fn moved_up_or_down(clause: &Clause<'_>) -> Option<Position> {
    if !clause.has(MOVE) {
        return None;
    }
    if clause.says(Op::Raise) {
        Some(Position::Top)
    } else if clause.says(Op::Lower) {
        Some(Position::Bottom)
    } else {
        None
    }
}

/// Bigger (`true`) or smaller: the size words, or, where no place is asked, raising or lowering.
fn resize(clause: &Clause<'_>, placed: bool, outside: impl Fn(usize) -> bool) -> Option<bool> {
    let said = |words: &[&str]| {
        find_all(clause.tokens, words)
            .iter()
            .any(|&(at, _)| outside(at))
    };
    if said(BIGGER) {
        Some(true)
    } else if said(SMALLER) {
        Some(false)
    } else if placed {
        None
    } else if clause.says(Op::Raise) {
        Some(true)
    } else if clause.says(Op::Lower) {
        Some(false)
    } else {
        None
    }
}

/// A colour starting at token `at`: a name, or `#` and hex digits.
fn colour_at(clause: &Clause<'_>, at: usize) -> Option<Colour> {
    let tokens = clause.tokens;
    if tokens.get(at)?.is_sym('#') {
        let digits = hex_after(clause, at)?;
        let hex = color_hex(&format!("#{digits}"))?;
        return Some(Colour { hex, name: None });
    }
    let (name, _) = COLOURS
        .iter()
        .find(|(_, words)| longest_at(tokens, at, words).is_some())?;
    let hex = color_hex(name)?;
    Some(Colour {
        hex,
        name: Some(name),
    })
}

/// Just past the colour at `at`.
fn colour_end(clause: &Clause<'_>, at: usize) -> Option<usize> {
    let tokens = clause.tokens;
    if tokens.get(at)?.is_sym('#') {
        let digits_end = tokens.get(at)?.end + hex_after(clause, at)?.len();
        return Some(
            (at + 1..tokens.len())
                .find(|&i| tokens.get(i).is_some_and(|t| t.start >= digits_end))
                .unwrap_or(tokens.len()),
        );
    }
    COLOURS
        .iter()
        .find_map(|(_, words)| longest_at(tokens, at, words))
}

/// The hex digits written right after the `#` at token `at` (3, 6 or 8 of them).
///
/// Read from the text as written: the tokens split `ff0000` into a word and a number.
fn hex_after<'m>(clause: &Clause<'m>, at: usize) -> Option<&'m str> {
    let from = clause.tokens.get(at)?.end;
    let rest = clause.message.original.get(from..)?;
    let length = rest
        .find(|c: char| !c.is_ascii_hexdigit())
        .unwrap_or(rest.len());
    let ends_word = !rest
        .get(length..)
        .and_then(|after| after.chars().next())
        .is_some_and(char::is_alphanumeric);
    let digits = rest.get(..length)?;
    (matches!(length, 3 | 6 | 8) && ends_word).then_some(digits)
}

/// A font size starting at token `at`: "font size 96", "字号96", "size to 60 px".
fn font_size_at(clause: &Clause<'_>, at: usize) -> Option<u32> {
    font_size_span(clause, at).map(|(size, _)| size)
}

/// A font size starting at token `at`, and just past its number.
fn font_size_span(clause: &Clause<'_>, at: usize) -> Option<(u32, usize)> {
    let tokens = clause.tokens;
    let after = longest_at(tokens, at, FONT_SIZE)?;
    let after = longest_at(tokens, after, SIZE_LINKS).unwrap_or(after);
    let (n, end) = number_at(tokens, after)?;
    // Whole pixels; the edit keeps it within what stays readable.
    (1.0..=10_000.0)
        .contains(&n)
        .then_some((n.round() as u32, end))
}

/// Whether token `at` is inside a font size ("字号改成96": the 96 is no title).
pub(super) fn in_font_size(clause: &Clause<'_>, at: usize) -> bool {
    // Only a font size starting within its longest reach of `at` can span it.
    let longest = reach(FONT_SIZE) + reach(SIZE_LINKS) + NUMBER_REACH;
    (at.saturating_sub(longest)..at)
        .any(|start| font_size_span(clause, start).is_some_and(|(_, end)| at < end))
}
