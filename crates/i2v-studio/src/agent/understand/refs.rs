//! Pointing at pictures: "the second photo", "photo 3", "the last one", "第3张", "倒数第二张".
//!
//! Rules:
//! - Always a reference: `第N…` (but `第N秒` is a moment), `倒数第N…`, `最后一张`, "3rd",
//!   "second to last", a picture noun with a number ("photo 3", "image #2"), `#3`.
//! - An English ordinal word ("second", "last") is a reference only where "the" or "my" comes
//!   before it, a picture noun or "one" comes after it, or it is listed with a reference ("the
//!   second and third photos"): "first, add music" and "make the title last 5 s" point at nothing.
//! - `最后` alone points at the last picture only after a word of placing (`放到最后`); otherwise
//!   it means "finally".
//!
//! This module reads what starts at a token; [`super::lists`] decides which count and reads the
//! lists they make.

use crate::agent::text::numbers::{TENS, duration_at, number_at};
use crate::agent::text::phrase::{longest_at, match_at};
use crate::agent::text::tokens::Token;

/// Which picture, counted from the start or from the end (both 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ordinal {
    /// The n-th from the start.
    Nth(u64),
    /// The n-th from the end: 1 is the last.
    FromEnd(u64),
}

impl Ordinal {
    /// The 0-based index this points at among `count` pictures, if there is such a picture.
    pub(crate) fn resolve(self, count: usize) -> Option<usize> {
        let count = u64::try_from(count).ok()?;
        let index = match self {
            Ordinal::Nth(n) => n.checked_sub(1)?,
            Ordinal::FromEnd(n) => count.checked_sub(n)?,
        };
        let in_range = index < count && !matches!(self, Ordinal::FromEnd(0));
        in_range.then(|| usize::try_from(index).ok()).flatten()
    }
}

/// Where a moved picture goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    /// Into this position.
    At(Ordinal),
    /// Just before this picture.
    Before(Ordinal),
    /// Just after this picture.
    After(Ordinal),
}

/// A reference found in a clause, and its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RefAt {
    /// Which picture.
    pub(crate) ordinal: Ordinal,
    /// Its first token.
    pub(crate) start: usize,
    /// Just past its last token.
    pub(crate) end: usize,
}

const ORDINAL_WORDS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
/// Spanish ordinals, by value (either gender, accents matched either way).
const SPANISH_ORDINALS: [&[&str]; 10] = [
    &["primera", "primero", "primer"],
    &["segunda", "segundo"],
    &["tercera", "tercero", "tercer"],
    &["cuarta", "cuarto"],
    &["quinta", "quinto"],
    &["sexta", "sexto"],
    &["séptima", "séptimo"],
    &["octava", "octavo"],
    &["novena", "noveno"],
    &["décima", "décimo"],
];
pub(super) const CLASSIFIERS: &[&str] = &["张", "个", "段", "幅", "页", "帧", "位", "图", "部分"];
/// What makes a Japanese number an ordinal: 2枚目, 3番目, 2つ目.
const JAPANESE_ORDINAL: &[&str] = &["枚目", "番目", "つ目", "個目"];
const POINTING_NOUNS: &[&str] = &[
    "image*",
    "photo*",
    "picture*",
    "pic",
    "pics",
    "clip",
    "clips",
    "slide",
    "slides",
    "shot",
    "shots",
    "foto",
    "fotos",
    "imagen",
    "imágenes",
];
/// Words that list references together ("the second and third", "2, 3").
pub(super) const LISTING: &[&str] = &["and", "or", ",", "&", "y", "o", "と"];
/// Words before a bare ordinal that make it a reference ("the second").
pub(super) const DETERMINERS: &[&str] = &["the", "my", "that", "la", "el", "mi"];
const PLACING_HAN: [char; 8] = ['到', '至', '在', '放', '移', '挪', '是', '成'];

/// A reference starting at `at`: the ordinal, its end, and whether it is one on its own (as
/// opposed to a bare ordinal word that needs context).
pub(super) fn raw_ref_at(tokens: &[Token], at: usize) -> Option<(Ordinal, usize, bool)> {
    if let Some(end) =
        match_at(tokens, at, "penultimate").or_else(|| match_at(tokens, at, "next to last"))
    {
        return Some((Ordinal::FromEnd(2), end, true));
    }
    if let Some(end) = longest_at(tokens, at, &["last", "final", "última", "último"]) {
        return Some((Ordinal::FromEnd(1), end, false));
    }
    if let Some((n, end)) = ordinal_word_at(tokens, at) {
        if let Some(after) = longest_at(
            tokens,
            end,
            &["to last", "from last", "from the end", "last"],
        ) {
            return Some((Ordinal::FromEnd(n), after, true));
        }
        let numeric = tokens.get(at).and_then(Token::number).is_some();
        return Some((Ordinal::Nth(n), end, numeric));
    }
    if let Some(found) = chinese_ref_at(tokens, at) {
        return Some(found);
    }
    // "photo 3", "image #2", "clip number three", "#3".
    let after_noun = longest_at(tokens, at, POINTING_NOUNS).unwrap_or(at);
    let after_mark =
        longest_at(tokens, after_noun, &["#", "number", "no", "no ."]).unwrap_or(after_noun);
    // "each picture five seconds" is a length, not picture five.
    if after_mark == at || duration_at(tokens, after_mark).is_some() {
        return None;
    }
    let (n, end) = number_at(tokens, after_mark)?;
    Some((Ordinal::Nth(whole(n)?), end, true))
}

fn chinese_ref_at(tokens: &[Token], at: usize) -> Option<(Ordinal, usize, bool)> {
    let classifier = |end: usize| longest_at(tokens, end, CLASSIFIERS).unwrap_or(end);
    if let Some(after) = match_at(tokens, at, "倒数第") {
        let (n, end) = number_at(tokens, after)?;
        return Some((Ordinal::FromEnd(whole(n)?), classifier(end), true));
    }
    if let Some(after) = match_at(tokens, at, "第") {
        // 第2秒 is a moment, not a picture.
        if duration_at(tokens, after).is_some() {
            return None;
        }
        let (n, end) = number_at(tokens, after)?;
        return Some((Ordinal::Nth(whole(n)?), classifier(end), true));
    }
    // Japanese: 2枚目, 二番目; 最初の写真, 最後の写真.
    if let Some((n, end)) = number_at(tokens, at) {
        if let Some(end) = longest_at(tokens, end, JAPANESE_ORDINAL) {
            return Some((Ordinal::Nth(whole(n)?), end, true));
        }
    }
    if let Some(end) = longest_at(tokens, at, &["最初の写真", "最初の画像", "最初の1枚"])
    {
        return Some((Ordinal::Nth(1), end, true));
    }
    if let Some(end) = longest_at(tokens, at, &["最後の写真", "最後の画像", "最後の1枚"])
    {
        return Some((Ordinal::FromEnd(1), end, true));
    }
    if let Some(end) = longest_at(tokens, at, &["首张", "头一张"]) {
        return Some((Ordinal::Nth(1), end, true));
    }
    if let Some(end) = longest_at(
        tokens,
        at,
        &["末张", "最后一张", "最后一个", "最后一段", "最后一幅"],
    ) {
        return Some((Ordinal::FromEnd(1), end, true));
    }
    let end = longest_at(tokens, at, &["最后面", "最后", "末尾"])?;
    let placed = at
        .checked_sub(1)
        .and_then(|before| tokens.get(before))
        .is_some_and(|t| PLACING_HAN.iter().any(|&c| t.is_han(c)));
    Some((Ordinal::FromEnd(1), classifier(end), placed))
}

/// The most pictures a range points at ("the first 100 photos").
pub(super) const RANGE_CAP: u64 = 100;

/// A run of pictures from either end: "the first two photos", "last 3", "前两张", "最后三张".
pub(super) fn range_at(tokens: &[Token], at: usize) -> Option<(Vec<Ordinal>, usize)> {
    if let Some(found) = counted_range_at(tokens, at) {
        return Some(found);
    }
    let (from_end, after) = if let Some(end) = longest_at(tokens, at, &["first"]) {
        (false, end)
    } else if let Some(end) = longest_at(tokens, at, &["last", "final"]) {
        (true, end)
    } else if let Some(end) = longest_at(tokens, at, &["前"]) {
        (false, end)
    } else {
        (true, longest_at(tokens, at, &["最后", "后"])?)
    };
    // "the last 5 seconds" is a length, not five pictures.
    if duration_at(tokens, after).is_some() {
        return None;
    }
    let (n, end) = number_at(tokens, after)?;
    let n = whole(n)?.min(RANGE_CAP);
    let chinese = tokens.get(at).is_some_and(Token::is_chinese);
    let end = match longest_at(tokens, end, CLASSIFIERS) {
        Some(classified) => classified,
        // Chinese needs its classifier (前两张); 前面, 后来 are no ranges.
        None if chinese => return None,
        None => end,
    };
    let ordinals = (1..=n)
        .map(|k| {
            if from_end {
                Ordinal::FromEnd(k)
            } else {
                Ordinal::Nth(k)
            }
        })
        .collect();
    Some((ordinals, end))
}

/// A run of pictures said count first, as Spanish does ("las dos primeras fotos", "las 3
/// últimas"), or as Japanese does (最初の2枚, 最後の3枚, its counter needed).
fn counted_range_at(tokens: &[Token], at: usize) -> Option<(Vec<Ordinal>, usize)> {
    let (n, from_end, end) = if let Some(after) = longest_at(tokens, at, &["最初の", "最後の"])
    {
        let from_end = match_at(tokens, at, "最後の").is_some();
        let (n, end) = number_at(tokens, after)?;
        (n, from_end, longest_at(tokens, end, &["枚", "つ"])?)
    } else {
        let (n, end) = number_at(tokens, at)?;
        let first = longest_at(tokens, end, &["primeras", "primeros"]);
        let last = longest_at(tokens, end, &["últimas", "últimos"]);
        match (first, last) {
            (Some(end), _) => (n, false, end),
            (None, Some(end)) => (n, true, end),
            (None, None) => return None,
        }
    };
    let n = whole(n)?.min(RANGE_CAP);
    let ordinals = (1..=n)
        .map(|k| {
            if from_end {
                Ordinal::FromEnd(k)
            } else {
                Ordinal::Nth(k)
            }
        })
        .collect();
    Some((ordinals, end))
}

/// An English ordinal ("second", "twenty first", "3rd") starting at `at`, and its end.
fn ordinal_word_at(tokens: &[Token], at: usize) -> Option<(u64, usize)> {
    let token = tokens.get(at)?;
    if let Some(n) = token.number() {
        let end = longest_at(tokens, at + 1, &["st", "nd", "rd", "th"])?;
        return Some((whole(n)?, end));
    }
    if let Some(index) = SPANISH_ORDINALS
        .iter()
        .position(|words| longest_at(tokens, at, words).is_some())
    {
        return Some((index as u64 + 1, at + 1));
    }
    let word = token.word()?;
    if let Some(index) = ORDINAL_WORDS.iter().position(|w| *w == word) {
        return Some((index as u64 + 1, at + 1));
    }
    let tens = TENS.iter().position(|w| *w == word)? as u64;
    let next = tokens.get(at + 1)?.word()?;
    let unit = ORDINAL_WORDS.get(..9)?.iter().position(|w| *w == next)? as u64;
    Some(((tens + 2) * 10 + unit + 1, at + 2))
}

/// A positive whole number, as an ordinal counts.
pub(super) fn whole(n: f64) -> Option<u64> {
    (n >= 1.0 && n.fract() == 0.0 && n <= 1e9).then_some(n as u64)
}
