//! Undo and redo: "undo", "undo the last two changes", "go back to how it was before", "revert",
//! "put it back", "redo", 撤销, 撤回, 恢复上一步, 回到之前的样子, 重做.
//!
//! Rules, for one clause:
//! - a request to start over is no redo ("redo the whole video" makes a new one);
//! - [`UNDO`] ("undo", 撤销, 恢复上一步) and [`REDO`] ("redo", 重做) count wherever they stand
//!   ("please undo the title change"); the earlier of the two wins;
//! - [`UNDO_WHOLE`] ("go back", "revert", "put it back", 回到之前, 还原) counts only where the
//!   rest of the clause is a count or [`HISTORY_FILLERS`], since the same words also move a
//!   picture ("put the first photo back at the end") or set the shape ("revert to landscape");
//! - a negation right before it cancels it ("don't undo that", 别撤销);
//! - how many: a number and what it counts ("the last two changes", "3 steps", 两步), a count
//!   said in one word ("twice"), or every change there is ("undo everything", 全部撤销,
//!   [`ALL_STEPS`]); one otherwise.
//!
//! A clause that asks for an undo or a redo (or refuses one) asks for nothing else: the caller
//! skips the other rules for it, so "put it back" moves no picture.

use std::cmp::Reverse;

use super::lexicon::{
    COUNT_LEADS, COUNT_NOUNS, COUNT_WORDS, EVERY_CHANGE, HISTORY_FILLERS, NEGATIONS, REDO,
    REGENERATE, UNDO, UNDO_WHOLE,
};
use super::{Clause, Command};
use crate::agent::text::numbers::number_at;
use crate::agent::text::phrase::{find, longest_at, reach};
use crate::agent::text::tokens::{Tok, Token};

/// The count of "undo everything": as many changes as there are.
pub(crate) const ALL_STEPS: usize = usize::MAX;

/// Runs the rule over a clause; `true` when the clause was about undo or redo and needs no other
/// rule.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) -> bool {
    if clause.has(REGENERATE) {
        return false;
    }
    let tokens = clause.tokens;
    let strong = [(false, find(tokens, UNDO)), (true, find(tokens, REDO))]
        .into_iter()
        .filter_map(|(redo, found)| found.map(|(start, end)| (redo, start, end, false)))
        // The earliest, and the longer where two start together (恢复撤销 is a redo).
        .min_by_key(|(_, start, end, _)| (*start, Reverse(*end)));
    let weak = || find(tokens, UNDO_WHOLE).map(|(start, end)| (false, start, end, true));
    let Some((redo, start, end, whole_only)) = strong.or_else(weak) else {
        return false;
    };
    let count = count(tokens, end);
    if whole_only {
        let mut covered = vec![(start, end)];
        covered.extend(count.map(|(_, span)| span));
        if !only_fillers(tokens, &covered) {
            return false;
        }
    }
    if negated(tokens, start) {
        return true;
    }
    let steps = count.map_or(1, |(steps, _)| steps);
    out.push(if redo {
        Command::Redo(steps)
    } else {
        Command::Undo(steps)
    });
    true
}

/// How many changes the clause counts, and the tokens that say it: (count, (start, end)).
///
/// A number counts when a count noun follows it ("two changes", 两步), when it follows
/// "last" and the like ("the last two"), or right after the phrase, which ends at `phrase_end`
/// ("undo 2").
fn count(tokens: &[Token], phrase_end: usize) -> Option<(usize, (usize, usize))> {
    (0..tokens.len()).find_map(|at| {
        if let Some(end) = longest_at(tokens, at, EVERY_CHANGE) {
            return Some((ALL_STEPS, (at, end)));
        }
        if let Some((steps, end)) = COUNT_WORDS
            .iter()
            .find_map(|(steps, words)| Some((*steps, longest_at(tokens, at, words)?)))
        {
            return Some((steps, (at, end)));
        }
        let (value, after) = number_at(tokens, at)?;
        // Only a lead starting within its length of the number can end there.
        let led = at == phrase_end
            || (at.saturating_sub(reach(COUNT_LEADS))..at)
                .any(|lead| longest_at(tokens, lead, COUNT_LEADS) == Some(at));
        let end = longest_at(tokens, after, COUNT_NOUNS).or(led.then_some(after))?;
        // A count is a whole number of changes; "0.5 steps" counts nothing.
        let whole = value >= 1.0 && value.fract() == 0.0;
        // In range after the check above; anything past usize is every change anyway.
        whole.then(|| (value.min(usize::MAX as f64) as usize, (at, end)))
    })
}

/// Whether every token outside the `covered` spans is a filler or a symbol.
fn only_fillers(tokens: &[Token], covered: &[(usize, usize)]) -> bool {
    let mut at = 0;
    while at < tokens.len() {
        if let Some((_, end)) = covered.iter().find(|(s, e)| (*s..*e).contains(&at)) {
            at = *end;
        } else if matches!(tokens.get(at).map(|t| &t.tok), Some(Tok::Sym(_))) {
            at += 1;
        } else {
            match longest_at(tokens, at, HISTORY_FILLERS) {
                Some(end) => at = end,
                None => return false,
            }
        }
    }
    true
}

/// Whether a negation ends right where the phrase at `start` begins.
fn negated(tokens: &[Token], start: usize) -> bool {
    (start.saturating_sub(reach(NEGATIONS))..start)
        .any(|at| longest_at(tokens, at, NEGATIONS) == Some(start))
}
