//! When a text shows, as a person says it: at the start ("at the beginning", 开头), at the end
//! ("at the end", "the last 3 seconds", 结尾, 最后3秒), over a picture ("over photo 3",
//! 在第三张上), or over a stretch of time ("from 2 to 5 seconds", "the first 2 seconds",
//! 第2秒到第5秒).
//!
//! Rules:
//! - A stretch is two moments joined by "to", "until", "and" (after "between"), 到 or 至; at
//!   least one has a unit, which the other shares ("from 2 to 5 seconds"); English needs "from"
//!   or "between" before it. Its ends are put in order.
//! - "The last N seconds" ("最后N秒", "结尾N秒") is the end for that long, and so is "at the end
//!   for N seconds"; "at the end" alone is the end for as long as a title shows.
//! - "The first N seconds" (前N秒) is a stretch from 0.
//! - A picture pointed at in the clause is the picture the text goes over; a word like "on",
//!   "over" or 在 just before it belongs to the moment.
//! - The first found in that order is the moment; its lengths of time are no lengths for the
//!   video ([`claimed`] keeps them from the other rules).

use super::lexicon::{
    AT_END, AT_START, CAPTION, FIRST_STRETCH, LAST_STRETCH, ON_PICTURE, TIME_FROM, TIME_TO, TITLE,
    TITLED,
};
use super::{Clause, When};
use crate::agent::text::numbers::{duration_at, number_at};
use crate::agent::text::phrase::{find, longest_at, match_at};
use crate::agent::text::tokens::{Tok, Token};

/// A moment in a clause: the start (where the title is), or another time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Moment {
    /// The opening, where the title shows.
    Start,
    /// Another time.
    At(When),
}

/// A moment found, and its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MomentAt {
    /// The moment.
    pub(super) moment: Moment,
    /// Its first token.
    pub(super) start: usize,
    /// Just past its last token.
    pub(super) end: usize,
}

/// The moment a clause names for a text, by the rules above.
pub(super) fn find_moment(clause: &Clause<'_>) -> Option<MomentAt> {
    let tokens = clause.tokens;
    let at = |moment, start, end| MomentAt { moment, start, end };
    if let Some((from, to, start, end)) = (0..tokens.len()).find_map(|i| stretch_at(tokens, i)) {
        return Some(at(Moment::At(When::Between(from, to)), start, end));
    }
    if let Some((ms, start, end)) = (0..tokens.len()).find_map(|i| last_at(tokens, i)) {
        return Some(at(Moment::At(When::End(Some(ms))), start, end));
    }
    if let Some((start, end)) = find(tokens, AT_END) {
        let (ms, end) = match for_length(tokens, end) {
            Some((ms, after)) => (Some(ms), after),
            None => (None, end),
        };
        return Some(at(Moment::At(When::End(ms)), start, end));
    }
    if let Some((start, end)) = find(tokens, AT_START) {
        return Some(at(Moment::Start, start, end));
    }
    let found = clause.refs.first()?;
    let word_before = |at: usize, words: &[&str]| {
        at.checked_sub(1)
            .filter(|&before| longest_at(tokens, before, words) == Some(at))
    };
    let start = word_before(found.start, &["the", "my", "this"]).unwrap_or(found.start);
    let start = word_before(start, ON_PICTURE).unwrap_or(start);
    // 在第三张上(面): the place word after the picture is part of it.
    let end = longest_at(tokens, found.end, &["上面", "上"]).unwrap_or(found.end);
    Some(at(Moment::At(When::Over(found.ordinal)), start, end))
}

/// The token ranges whose lengths of time say when a text shows, in a clause about a text.
pub(super) fn claimed(tokens: &[Token]) -> Vec<(usize, usize)> {
    let about_text = [TITLE, CAPTION, TITLED]
        .iter()
        .any(|words| find(tokens, words).is_some())
        || tokens.iter().any(|t| matches!(t.tok, Tok::Quote(_)));
    if !about_text {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    for i in 0..tokens.len() {
        if let Some((_, _, start, end)) = stretch_at(tokens, i) {
            ranges.push((start, end));
        } else if let Some((_, start, end)) = last_at(tokens, i) {
            ranges.push((start, end));
        } else if let Some(end) = longest_at(tokens, i, AT_END) {
            let end = for_length(tokens, end).map_or(end, |(_, after)| after);
            ranges.push((i, end));
        }
    }
    ranges
}

/// "for 4 seconds" right after a moment: (ms, end).
fn for_length(tokens: &[Token], at: usize) -> Option<(u64, usize)> {
    let at = longest_at(tokens, at, &["for", "持续", "显示"]).unwrap_or(at);
    duration_at(tokens, at)
}

/// "the last 3 seconds", "最后3秒", "结尾的3秒": (ms, start, end).
fn last_at(tokens: &[Token], at: usize) -> Option<(u64, usize, usize)> {
    let after = longest_at(tokens, at, LAST_STRETCH)?;
    let (ms, end) = duration_at(tokens, after)?;
    Some((ms, at, end))
}

/// A stretch of time starting at `at`: (from ms, to ms, start, end).
fn stretch_at(tokens: &[Token], at: usize) -> Option<(u64, u64, usize, usize)> {
    if let Some(after) = longest_at(tokens, at, FIRST_STRETCH) {
        if let Some((ms, end)) = duration_at(tokens, after) {
            return Some((0, ms, at, end));
        }
    }
    let lead = longest_at(tokens, at, TIME_FROM);
    let between = match_at(tokens, at, "between").is_some();
    let first = lead.unwrap_or(at);
    let (a, after_a) = moment_at(tokens, first)?;
    let joins: &[&str] = if between { &["and", "to"] } else { TIME_TO };
    let second = longest_at(tokens, after_a, joins)?;
    // English needs "from" or "between" ("make it 2 to 5 seconds" is no stretch); Chinese
    // joins with 到 or 至 alone (2秒到5秒).
    let chinese = tokens.get(after_a).is_some_and(Token::is_chinese);
    if lead.is_none() && !chinese {
        return None;
    }
    let (b, end) = moment_at(tokens, second)?;
    let (a_ms, b_ms) = match (a, b) {
        (Point::Timed(a), Point::Timed(b)) => (a, b),
        // A bare number takes the unit of the other end: "from 2 to 5 seconds".
        (Point::Bare(a), Point::Timed(b)) => (unit_of(tokens, second, b)?.scale(a), b),
        (Point::Timed(a), Point::Bare(b)) => (a, unit_of(tokens, first, a)?.scale(b)),
        (Point::Bare(_), Point::Bare(_)) => return None,
    };
    Some((a_ms.min(b_ms), a_ms.max(b_ms), at, end))
}

/// One end of a stretch.
#[derive(Debug, Clone, Copy)]
enum Point {
    /// A length of time, in ms.
    Timed(u64),
    /// A number without a unit.
    Bare(f64),
}

/// One end of a stretch at `at`, after an optional 第: the point and its end.
fn moment_at(tokens: &[Token], at: usize) -> Option<(Point, usize)> {
    let at = match_at(tokens, at, "第").unwrap_or(at);
    if let Some((ms, end)) = duration_at(tokens, at) {
        return Some((Point::Timed(ms), end));
    }
    let (n, end) = number_at(tokens, at)?;
    Some((Point::Bare(n), end))
}

/// The unit of the timed end at `at` (that is `ms` long): ms per unit.
fn unit_of(tokens: &[Token], at: usize, ms: u64) -> Option<Unit> {
    let at = match_at(tokens, at, "第").unwrap_or(at);
    let (n, _) = number_at(tokens, at)?;
    (n > 0.0).then(|| Unit(ms as f64 / n))
}

/// Milliseconds per unit of a length of time.
#[derive(Debug, Clone, Copy)]
struct Unit(f64);

impl Unit {
    /// `n` of this unit, in whole ms.
    fn scale(self, n: f64) -> u64 {
        let ms = (n * self.0).round();
        // `as` saturates, and a negative or NaN length is none.
        if ms > 0.0 { ms as u64 } else { 0 }
    }
}
