//! The operations ("add", "remove", "lower" …) in a clause, and which governs what.
//!
//! In a clause, each thing talked about (music, a title …) is governed by the operation said
//! nearest before it, or else the nearest after it (Chinese puts the verb after the object:
//! 把标题删掉), or else the operation of the previous clause ("remove the music and the title").
//! How a message is cut into clauses is [`super::split`]'s.

use super::Op;
use super::lexicon::{NEGATIONS, OFF_PARTICLES, OPS};
use crate::agent::text::phrase::{longest_at, match_at, reach};
use crate::agent::text::tokens::Token;

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
