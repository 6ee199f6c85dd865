//! The frame shape asked for: a ratio written in numbers ("4:5", "1080x1350", "4比3"), else a
//! shape by name ("vertical", "instagram portrait", "classic TV", "竖屏").
//!
//! Rules:
//! - A ratio is two numbers in digits (or Chinese numerals around 比) with a separator between
//!   them (`:`, `/`, `x`, `×`, `by`, `比`), not part of a length of time. One equal to a shape
//!   the agent makes, at any size (`1920x1080` is 16:9), is that shape. Another one between 1:3
//!   and 3:1 is a shape the agent cannot make ([`Command::OtherAspect`]) where it is written
//!   `N:M` or `N比M`, or a ratio word ("aspect", "format", "比例") is in the clause; written
//!   otherwise ("2 by 4") it may mean anything, and asks for nothing.
//! - A ratio wins over names ("竖版4:5" is 4:5). Among names, those of 4:5 and 4:3 ("instagram
//!   portrait") win over the general ones ("portrait"); otherwise the first said wins.
//! - A shape governed by a removal ("not vertical") asks for nothing.

use super::lexicon::{CLASSIC, LANDSCAPE, PORTRAIT, RATIO_SEPARATORS, RATIO_WORDS, SQUARE, TALL};
use super::{Clause, Command, Op};
use crate::agent::text::numbers::number_at;
use crate::agent::text::phrase::longest_at;
use crate::agent::text::tokens::{Tok, Token};
use crate::agent::types::Aspect;

/// The narrowest and widest ratio (width over height) read as a frame shape at all: "1:30" is
/// a time of day or a length, not a frame.
const PLAUSIBLE: (f64, f64) = (1.0 / 3.0, 3.0);

/// A ratio found in a clause.
#[derive(Debug, Clone, PartialEq)]
struct Ratio {
    /// Its first token.
    at: usize,
    /// Width over height.
    value: f64,
    /// As a person writes it: `21:9`, `2.35:1`; pixel sizes reduced (`1000x1500` → `2:3`).
    written: String,
    /// Whether it reads as a ratio whatever it is: `N:M`, `N比M`, or a ratio word nearby.
    plainly: bool,
}

/// Runs the rule over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    if let Some(ratio) = ratios(clause).into_iter().find(|ratio| {
        clause.governs(ratio.at) != Some(Op::Remove)
            && (ratio.plainly || shape_of(ratio.value).is_some())
    }) {
        out.push(match shape_of(ratio.value) {
            Some(aspect) => Command::Aspect(aspect),
            None => Command::OtherAspect(ratio.written),
        });
        return;
    }
    let named = |shapes: &[(Aspect, &[&str])]| {
        shapes
            .iter()
            .filter_map(|(aspect, phrases)| clause.find(phrases).map(|(at, _)| (at, *aspect)))
            .min_by_key(|(at, _)| *at)
    };
    let specific = named(&[(Aspect::Tall, TALL), (Aspect::Classic, CLASSIC)]);
    let general = || {
        named(&[
            (Aspect::Portrait, PORTRAIT),
            (Aspect::Square, SQUARE),
            (Aspect::Landscape, LANDSCAPE),
        ])
    };
    if let Some((at, aspect)) = specific.or_else(general) {
        if clause.governs(at) != Some(Op::Remove) {
            out.push(Command::Aspect(aspect));
        }
    }
}

/// The shape the agent makes with this ratio, if any.
fn shape_of(value: f64) -> Option<Aspect> {
    Aspect::ALL.into_iter().find(|aspect| {
        let (width, height) = aspect.size();
        (value - f64::from(width) / f64::from(height)).abs() < 0.005
    })
}

/// Every ratio in the clause, left to right.
fn ratios(clause: &Clause<'_>) -> Vec<Ratio> {
    let tokens = clause.tokens;
    let ratio_word = clause.has(RATIO_WORDS);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match ratio_at(clause, i, ratio_word) {
            Some((ratio, end)) => {
                found.push(ratio);
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// The ratio starting at token `at`, and its end.
fn ratio_at(clause: &Clause<'_>, at: usize, ratio_word: bool) -> Option<(Ratio, usize)> {
    let tokens = clause.tokens;
    let (width, separator) = written_number(tokens, at)?;
    let after = longest_at(tokens, separator, RATIO_SEPARATORS)?;
    let (height, end) = written_number(tokens, after)?;
    let chinese = tokens.get(separator).is_some_and(|t| t.is_han('比'));
    let chinese_numerals = [at, after]
        .iter()
        .any(|&i| tokens.get(i).is_some_and(Token::is_chinese));
    // Chinese numerals make a ratio only around 比: "一张" is a picture, not a number to divide.
    if chinese_numerals && !chinese {
        return None;
    }
    // The lengths of time are in order and apart: the first ending after `at` is the only one
    // that may overlap the ratio.
    let past = clause.durations.partition_point(|&(_, _, e)| e <= at);
    let in_duration = clause.durations.get(past).is_some_and(|&(_, s, _)| s < end);
    let value = width / height;
    if in_duration || !(PLAUSIBLE.0..=PLAUSIBLE.1).contains(&value) {
        return None;
    }
    let colon = tokens.get(separator).is_some_and(|t| t.is_sym(':'));
    let ratio = Ratio {
        at,
        value,
        written: written(width, height),
        plainly: colon || chinese || ratio_word,
    };
    Some((ratio, end))
}

/// A number written in digits or Chinese numerals (not English words: "one by one" is no
/// ratio), positive and of a size a frame can have.
fn written_number(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let token = tokens.get(at)?;
    if !matches!(token.tok, Tok::Num(_) | Tok::Han(_)) {
        return None;
    }
    number_at(tokens, at).filter(|(n, _)| *n > 0.0 && *n <= 100_000.0)
}

/// A ratio as people write it: as said where both numbers are small, reduced where they are a
/// frame size in pixels.
fn written(width: f64, height: f64) -> String {
    let whole = |n: f64| n.fract() == 0.0;
    if whole(width) && whole(height) && (width > 100.0 || height > 100.0) {
        // Whole and at most 100 000 (see `written_number`), so the casts are exact.
        let (w, h) = (width as u64, height as u64);
        let divisor = gcd(w, h).max(1);
        return format!("{}:{}", w / divisor, h / divisor);
    }
    format!("{}:{}", number(width), number(height))
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
