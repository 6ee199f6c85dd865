//! A clause and what the rules need to know about it: its operations ("add", "remove", "lower"
//! …) and which governs what, the pictures it points at, its lengths of time.
//!
//! In a clause, each thing talked about (music, a title …) is governed by the operation said
//! nearest before it, or else the nearest after it (Chinese puts the verb after the object:
//! 把标题删掉), or else the operation of the previous clause ("remove the music and the title").
//! How a message is cut into clauses is [`super::split`]'s.

use std::ops::Range;

use super::lexicon::{NEGATIONS, OFF_PARTICLES, OPS};
use super::refs::RefAt;
use super::{Op, lists, names, when};
use crate::agent::text::Message;
use crate::agent::text::phrase::{find, longest_at, match_at, reach};
use crate::agent::text::tokens::Token;
use crate::agent::types::{Language, MediaRef};

/// Words a camera motion is said with, before which "out" is no removal ("zoom out").
const MOTION_BEFORE_PARTICLE: &[&str] = &["zoom*", "pull*", "fade*"];
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

/// One clause of a message and what the rules need to know about it.
pub(crate) struct Clause<'m> {
    /// The clause's tokens.
    pub(crate) tokens: &'m [Token],
    /// The message it belongs to (for quotes and the original text).
    pub(crate) message: &'m Message<'m>,
    /// The operations in it.
    pub(crate) ops: Vec<OpAt>,
    /// The operation of the previous clause, for things mentioned without one.
    pub(crate) inherited: Option<Op>,
    /// Whether the previous clause was about music ("add music, make it calm").
    pub(crate) music_context: bool,
    /// The pictures it points at.
    pub(crate) refs: Vec<RefAt>,
    /// Its lengths of time: (ms, first token, end).
    pub(crate) durations: Vec<(u64, usize, usize)>,
    /// The session's uploads.
    pub(crate) media: &'m [MediaRef],
    /// The language of the whole message ([`Message::language`]).
    pub(crate) language: Language,
}

/// What every clause of a message reads alike, worked out once for the message: a clause that
/// read the whole message again made a long message cost the square of its length (issue 21).
pub(super) struct Shared {
    /// The pictures, for naming them ([`names`]).
    pub(super) pictures: names::Pictures,
    /// How many pictures the video shows (or were uploaded, before there is one).
    pub(super) count: usize,
    /// The message's language.
    pub(super) language: Language,
}

impl<'m> Clause<'m> {
    pub(super) fn new(
        message: &'m Message<'m>,
        range: Range<usize>,
        inherited: Option<Op>,
        music_context: bool,
        media: &'m [MediaRef],
        shared: &Shared,
    ) -> Clause<'m> {
        let tokens = message.tokens.get(range).unwrap_or_default();
        // "the last 5 seconds", "最后5秒" name a stretch of the video, not a length for it.
        let part_of = |start: usize| {
            start.checked_sub(1).is_some_and(|before| {
                longest_at(tokens, before, &["first", "last", "final", "最后", "前"]) == Some(start)
            })
        };
        // "from 2 to 5 seconds", "at the end for 4 seconds" say when a text shows.
        let claimed = when::claimed(tokens);
        // The claimed ranges come in order of their starts: those starting at or before a
        // token are a prefix, and the furthest end among them says whether one spans it.
        let reach: Vec<usize> = claimed
            .iter()
            .scan(0, |furthest, &(_, e)| {
                *furthest = e.max(*furthest);
                Some(*furthest)
            })
            .collect();
        let when_text = |start: usize| {
            let before = claimed.partition_point(|&(s, _)| s <= start);
            before
                .checked_sub(1)
                .and_then(|last| reach.get(last))
                .is_some_and(|&end| start < end)
        };
        let durations = crate::agent::text::numbers::durations(tokens)
            .into_iter()
            .filter(|&(_, start, _)| !part_of(start) && !when_text(start))
            .collect();
        Clause {
            tokens,
            message,
            ops: find_ops(tokens),
            inherited,
            music_context,
            refs: pictures_pointed(tokens, shared),
            durations,
            media,
            language: shared.language,
        }
    }

    /// The first match of any of `phrases`: (start, end).
    pub(crate) fn find(&self, phrases: &[&str]) -> Option<(usize, usize)> {
        find(self.tokens, phrases)
    }

    /// Whether any of `phrases` occurs.
    pub(crate) fn has(&self, phrases: &[&str]) -> bool {
        self.find(phrases).is_some()
    }

    /// The operation governing something mentioned at token `at`.
    pub(crate) fn governs(&self, at: usize) -> Option<Op> {
        governing(&self.ops, at, self.inherited)
    }

    /// Whether the clause says this operation anywhere.
    pub(crate) fn says(&self, op: Op) -> bool {
        self.ops.iter().any(|found| found.op == op)
    }

    /// The quotes in the clause: (token index, text).
    pub(crate) fn quotes(&self) -> Vec<(usize, &'m str)> {
        self.tokens
            .iter()
            .enumerate()
            .filter_map(|(i, token)| match token.tok {
                crate::agent::text::tokens::Tok::Quote(q) => {
                    self.message.quotes.get(q).map(|text| (i, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }
}

/// The pictures a clause points at: by position ([`refs`]), by name ([`names`]), or all but
/// some.
fn pictures_pointed(tokens: &[Token], shared: &Shared) -> Vec<RefAt> {
    let mut found = lists::find_refs(tokens);
    // A name overlapping a reference by position gives way to it. Sorted by start, the
    // references that start before a name's end are a prefix; the furthest end among them
    // says whether one reaches into the name.
    let mut by_start: Vec<(usize, usize)> = found.iter().map(|r| (r.start, r.end)).collect();
    by_start.sort_unstable();
    let reach: Vec<usize> = by_start
        .iter()
        .scan(0, |furthest, &(_, end)| {
            *furthest = end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let overlaps = |n: &RefAt| {
        let before_end = by_start.partition_point(|&(start, _)| start < n.end);
        before_end
            .checked_sub(1)
            .and_then(|last| reach.get(last))
            .is_some_and(|&end| n.start < end)
    };
    let named: Vec<RefAt> = names::named_refs(tokens, &shared.pictures)
        .into_iter()
        .filter(|n| !overlaps(n))
        .collect();
    found.extend(named);
    found.sort_by_key(|r| r.start);
    names::all_but(tokens, &found, shared.count).unwrap_or(found)
}

/// Every operation in the tokens, left to right, with negations applied.
pub(crate) fn find_ops(tokens: &[Token]) -> Vec<OpAt> {
    let mut found: Vec<(OpAt, bool)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match op_at(tokens, i) {
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
    if let Some(particle) = (0..tokens.len()).find(|&i| particle_at(tokens, i)) {
        for (op, _) in found.iter_mut().filter(|(op, _)| op.end <= particle) {
            if op.op == Op::Change {
                op.op = Op::Remove;
            }
        }
    }
    found.into_iter().map(|(op, _)| op).collect()
}

/// The operation said at token `i`, the longest there: (operation, end, whether a negation).
/// Looks at most [`ops_reach`] tokens from `i`, and none before it.
pub(super) fn op_at(tokens: &[Token], i: usize) -> Option<(Op, usize, bool)> {
    // 別の is Japanese for "another", where 别 is Chinese for "don't".
    let another = match_at(tokens, i, "別の").is_some();
    let negation = longest_at(tokens, i, NEGATIONS)
        .filter(|_| !another)
        .map(|end| (Op::Remove, end, true));
    OPS.iter()
        .filter_map(|(op, phrases)| longest_at(tokens, i, phrases).map(|end| (*op, end, false)))
        .chain(negation)
        .max_by_key(|(_, end, negation)| (*end, *negation))
}

/// Whether a particle that makes a removal ("off", "out") stands at token `i`: not after a
/// camera word ("zoom out"). Looks at the token before `i`, and at most [`ops_reach`] tokens
/// from it.
pub(super) fn particle_at(tokens: &[Token], i: usize) -> bool {
    let motion = i
        .checked_sub(1)
        .is_some_and(|before| longest_at(tokens, before, MOTION_BEFORE_PARTICLE).is_some());
    !motion && longest_at(tokens, i, OFF_PARTICLES).is_some()
}

/// The most tokens [`op_at`] and [`particle_at`] look at from where they start.
pub(super) fn ops_reach() -> usize {
    OPS.iter()
        .map(|(_, phrases)| reach(phrases))
        .chain([reach(NEGATIONS), reach(&["別の"]), reach(OFF_PARTICLES)])
        .max()
        .unwrap_or(0)
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
