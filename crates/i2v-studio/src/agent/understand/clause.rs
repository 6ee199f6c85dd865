//! Clauses, and the operations ("add", "remove", "lower" …) in them.
//!
//! A message may hold several instructions ("make it vertical and add a title 'Summer'"). It is
//! split into clauses at `, ; . ! ?`, line breaks and linking words ("and", "then", "also",
//! 然后, 并且, 另外, "y", "luego", それから …), except where what follows the break continues a
//! list the clause is making: another picture ("the second and third photos", "第二张、第三张",
//! "la tercera y la segunda foto"), another number ("photos 2 and 3"), "a half" ("a minute and
//! a half"), or the rest of a length of time ("1 minuto y 30 segundos"). 和 never splits: "音乐和标题" is
//! one list.
//!
//! In a clause, each thing talked about (music, a title …) is governed by the operation said
//! nearest before it, or else the nearest after it (Chinese puts the verb after the object:
//! 把标题删掉), or else the operation of the previous clause ("remove the music and the title").

use std::ops::Range;

use super::Op;
use super::lexicon::{NEGATIONS, OFF_PARTICLES, OPS};
use super::refs::find_refs;
use crate::agent::text::numbers::durations;
use crate::agent::text::phrase::{longest_at, match_at};
use crate::agent::text::tokens::Token;

const BREAK_SYMBOLS: [char; 6] = [',', ';', '.', '!', '?', '\n'];
const BREAK_WORDS: &[&str] = &[
    "and", "then", "also", "plus", "but", "&", "然后", "并且", "而且", "同时", "另外", "还有",
    "以及", "接着", "之后", "还要", "并",
];
/// Linking words in Spanish and Japanese (see [`BREAK_WORDS`]).
#[rustfmt::skip]
const BREAK_WORDS_ES_JA: &[&str] = &[
    "y", "luego", "también", "además", "pero", "それから", "そして", "あと", "それと",
];
/// Words that may stand between a negation and the verb it negates ("don't ever add").
const FILLERS: &[&str] = &["ever", "really", "any", "再", "给", "帮我"];

/// An operation found in a clause, and its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpAt {
    /// The operation.
    pub(crate) op: Op,
    /// Its first token.
    pub(crate) start: usize,
    /// Just past its last token.
    pub(crate) end: usize,
}

/// A clause: its tokens, and whether a linking word ("and", 以及 …) joins it to the one
/// before, rather than punctuation alone.
pub(crate) struct Span {
    /// The clause's tokens.
    pub(crate) range: Range<usize>,
    /// Whether it is linked to the previous clause by a word.
    pub(crate) linked: bool,
}

/// Splits the tokens of a message into clauses, by the rules above.
pub(crate) fn split(tokens: &[Token]) -> Vec<Span> {
    let mut clauses = Vec::new();
    let mut start = 0;
    let mut linked = false;
    let mut i = 0;
    while i < tokens.len() {
        let Some(end) = break_at(tokens, i) else {
            i += 1;
            continue;
        };
        // A run of breaks (", and then") counts as one.
        let mut after = end;
        while let Some(next) = break_at(tokens, after) {
            after = next;
        }
        if continues_list(tokens, start, i, after) {
            i = after;
            continue;
        }
        if i > start {
            clauses.push(Span {
                range: start..i,
                linked,
            });
        }
        let run = tokens.get(i..after).unwrap_or_default();
        linked = run
            .iter()
            .any(|token| token.word().is_some() || token.is_chinese());
        start = after;
        i = after;
    }
    if start < tokens.len() {
        clauses.push(Span {
            range: start..tokens.len(),
            linked,
        });
    }
    clauses
}

fn break_at(tokens: &[Token], at: usize) -> Option<usize> {
    let symbol = tokens
        .get(at)
        .is_some_and(|t| BREAK_SYMBOLS.iter().any(|&c| t.is_sym(c)));
    if symbol {
        return Some(at + 1);
    }
    longest_at(tokens, at, BREAK_WORDS).or_else(|| longest_at(tokens, at, BREAK_WORDS_ES_JA))
}

/// Whether the break from `at` to `after`, in the clause that began at `start`, sits inside a
/// list or a length of time.
fn continues_list(tokens: &[Token], start: usize, at: usize, after: usize) -> bool {
    if longest_at(tokens, after, &["a half", "half", "medio", "media"]).is_some() {
        return true;
    }
    // "1 minuto y 30 segundos" is one length of time.
    let clause = tokens.get(start..).unwrap_or_default();
    let within = |(_, s, e): (u64, usize, usize)| start + s < at && at < start + e;
    if durations(clause).into_iter().any(within) {
        return true;
    }
    let numbers_around = at
        .checked_sub(1)
        .and_then(|before| tokens.get(before))
        .is_some_and(|t| t.number().is_some())
        && tokens.get(after).is_some_and(|t| t.number().is_some());
    if numbers_around {
        return true;
    }
    // A reference right after the break continues a list of pictures, unless both sides say
    // something of their own: "make the first photo 2 s longer and the last one shorter" is two
    // instructions, "make the first and last photos 2 s" one.
    let rest = tokens.get(after..).unwrap_or_default();
    let next_part = rest
        .get(
            ..(0..rest.len())
                .find(|&i| break_at(rest, i).is_some())
                .unwrap_or(rest.len()),
        )
        .unwrap_or_default();
    let this_part = tokens.get(start..at).unwrap_or_default();
    let two_instructions = says_something(this_part) && says_something(next_part);
    !two_instructions
        && find_refs(rest).first().is_some_and(|found| {
            found.start == 0
                || (found.start == 1 && longest_at(rest, 0, &["the", "la", "el", "las"]).is_some())
        })
}

/// Whether tokens say more than a bare list item: a length of time, or an operation other
/// than the all-purpose "make"/"change".
fn says_something(tokens: &[Token]) -> bool {
    !durations(tokens).is_empty() || find_ops(tokens).iter().any(|found| found.op != Op::Change)
}

/// Every operation in the tokens, left to right, with negations applied.
pub(crate) fn find_ops(tokens: &[Token]) -> Vec<OpAt> {
    let mut found: Vec<(OpAt, bool)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // 別の is Japanese for "another", where 别 is Chinese for "don't".
        let another = match_at(tokens, i, "別の").is_some();
        let negation = longest_at(tokens, i, NEGATIONS)
            .filter(|_| !another)
            .map(|end| (Op::Remove, end, true));
        let best = OPS
            .iter()
            .filter_map(|(op, phrases)| longest_at(tokens, i, phrases).map(|end| (*op, end, false)))
            .chain(negation)
            .max_by_key(|(_, end, negation)| (*end, *negation));
        match best {
            Some((op, end, negation)) => {
                found.push((OpAt { op, start: i, end }, negation));
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    // "don't add music": the negation turns the verb right after it into a removal.
    for k in 1..found.len() {
        let negated = found.get(k - 1).is_some_and(|(before, negation)| {
            *negation
                && found.get(k).is_some_and(|(op, _)| {
                    op.start == before.end
                        || (op.start == before.end + 1
                            && longest_at(tokens, before.end, FILLERS).is_some())
                })
        });
        if let (true, Some((op, _))) = (negated, found.get_mut(k)) {
            op.op = Op::Remove;
        }
    }
    // "turn the music off", "take photo 2 out": a particle later in the clause makes the verb
    // a removal.
    let particle = (0..tokens.len()).find(|&i| {
        let motion = i.checked_sub(1).is_some_and(|before| {
            longest_at(tokens, before, &["zoom*", "pull*", "fade*"]).is_some()
        });
        !motion && longest_at(tokens, i, OFF_PARTICLES).is_some()
    });
    if let Some(particle) = particle {
        for (op, _) in found.iter_mut().filter(|(op, _)| op.end <= particle) {
            if op.op == Op::Change {
                op.op = Op::Remove;
            }
        }
    }
    found.into_iter().map(|(op, _)| op).collect()
}

/// The operation governing a thing mentioned at token `at`, by the rule above.
pub(crate) fn governing(ops: &[OpAt], at: usize, inherited: Option<Op>) -> Option<Op> {
    ops.iter()
        .rev()
        .find(|op| op.end <= at)
        .or_else(|| ops.iter().find(|op| op.start >= at))
        .map(|op| op.op)
        .or(inherited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    fn clauses(text: &str) -> Vec<String> {
        let message = read(text);
        split(&message.tokens)
            .into_iter()
            .map(|Span { range, .. }| {
                let first = message.tokens.get(range.start).map_or(0, |t| t.start);
                let last = message.tokens.get(range.end - 1).map_or(0, |t| t.end);
                message.slice(first, last).to_owned()
            })
            .collect()
    }

    #[test]
    fn instructions_split_at_breaks_and_linking_words() {
        assert_eq!(
            clauses("make it vertical and add a title 'Summer'"),
            ["make it vertical", "add a title 'Summer'"]
        );
        assert_eq!(
            clauses("加背景音乐，然后把标题删掉。"),
            ["加背景音乐", "把标题删掉"]
        );
        assert_eq!(
            clauses("remove the music, and then the title"),
            ["remove the music", "the title"]
        );
    }

    #[test]
    fn lists_and_lengths_of_time_stay_whole() {
        assert_eq!(
            clauses("remove the second and third photos"),
            ["remove the second and third photos"]
        );
        assert_eq!(clauses("delete photos 2 and 3"), ["delete photos 2 and 3"]);
        assert_eq!(clauses("删除第二张、第三张"), ["删除第二张、第三张"]);
        assert_eq!(
            clauses("make it a minute and a half"),
            ["make it a minute and a half"]
        );
        assert_eq!(clauses("音乐和标题都删掉"), ["音乐和标题都删掉"]);
        assert_eq!(
            clauses("add music, first make it vertical"),
            ["add music", "first make it vertical"]
        );
    }

    #[test]
    fn a_clause_knows_whether_a_word_links_it() {
        let message = read("no music, calm music and a title");
        let linked: Vec<bool> = split(&message.tokens)
            .iter()
            .map(|span| span.linked)
            .collect();
        assert_eq!(linked, [false, false, true]);
    }

    #[test]
    fn negations_turn_the_next_verb_into_a_removal() {
        let message = read("don't add music");
        let ops: Vec<Op> = find_ops(&message.tokens)
            .into_iter()
            .map(|o| o.op)
            .collect();
        assert_eq!(ops, [Op::Remove, Op::Remove]);
        let message = read("不要音乐");
        assert_eq!(
            find_ops(&message.tokens).first().map(|o| o.op),
            Some(Op::Remove)
        );
    }

    #[test]
    fn the_nearest_operation_before_or_after_governs() {
        let message = read("把标题删掉");
        let ops = find_ops(&message.tokens);
        assert_eq!(governing(&ops, 1, None), Some(Op::Remove));
        let message = read("lower the music");
        let ops = find_ops(&message.tokens);
        assert_eq!(governing(&ops, 2, None), Some(Op::Lower));
        assert_eq!(governing(&[], 0, Some(Op::Add)), Some(Op::Add));
    }
}
