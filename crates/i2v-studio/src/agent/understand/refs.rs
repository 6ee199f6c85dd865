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

use super::lexicon::IMAGE_NOUNS;
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
const CLASSIFIERS: &[&str] = &["张", "个", "段", "幅", "页", "帧", "位", "图", "部分"];
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
const LISTING: &[&str] = &["and", "or", ",", "&", "y", "o", "と"];
const DETERMINERS: &[&str] = &["the", "my", "that", "la", "el", "mi"];
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
const RANGE_CAP: u64 = 100;

/// A run of pictures from either end: "the first two photos", "last 3", "前两张", "最后三张".
fn range_at(tokens: &[Token], at: usize) -> Option<(Vec<Ordinal>, usize)> {
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
