//! Fading the whole video from black at its start and to black at its end ("fade in from black
//! at the start", "fade out at the end", "fade to black at the end", "淡入开头", "结尾淡出"):
//! not the transitions between pictures ([`Command::Fade`]).
//!
//! Rules:
//! - "fade in", "from black", 淡入 … are the start; "fade out", 淡出 … the end; "fade to black"
//!   is the end only where the end is named ("at the end", 结尾): alone, it is the transition of
//!   that name. "fade in and out" is both; a bare "fade" is the end named with it ("a fade at
//!   the end").
//! - A fade of something else is not the video's: where music, loudness, a title, a caption,
//!   transitions (淡入淡出 is a crossfade) or a picture pointed at are talked about, the other
//!   rules read the clause.
//! - A length of time in the clause is the fade's ("a 2-second fade in"); with two fades and
//!   two lengths, the first length goes to the first fade. A removal governing the fade ("no
//!   fade out", "去掉开头的淡入") takes it away.
//! - A clause with a fade of the video is that rule's alone: its lengths and its "black" mean
//!   nothing to the others.

use super::lexicon::{
    CAPTION, FADE_IN, FADE_OUT, FADE_TO_BLACK, MUSIC, OWN_MUSIC, TITLE, TRANSITION, VIDEO_END,
    VIDEO_START, VOLUME,
};
use super::{Clause, Command, Op};
use crate::agent::text::phrase::{find_all, longest_at};

/// A fade that names neither end: which one is said by "start" or "end" nearby.
const BARE_FADE: &[&str] = &["fade", "fades", "fading"];

/// Which end of the video a fade is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FadeEnd {
    /// From black as the video starts (`fade_in`).
    Start,
    /// To black as it ends (`fade_out`), the sound with it.
    End,
}

/// What happens to a fade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FadeChange {
    /// It lasts this long in ms (`None`: as it is, else the default).
    Set(Option<u64>),
    /// It goes.
    Remove,
}

/// Runs the rule over a clause; where it claimed the clause, the message's token after the last
/// one it read: past the clause itself where it read the "and out" that follows it ("fade in
/// and out"), which the splitting at "and" left as a clause of its own.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) -> Option<usize> {
    let others = [MUSIC, VOLUME, OWN_MUSIC, TITLE, CAPTION, TRANSITION];
    if others.iter().any(|topic| clause.has(topic)) || !clause.refs.is_empty() {
        return None;
    }
    let mut mentions: Vec<(usize, FadeEnd)> = find_all(clause.tokens, FADE_IN)
        .into_iter()
        .map(|(at, _)| (at, FadeEnd::Start))
        .chain(
            find_all(clause.tokens, FADE_OUT)
                .into_iter()
                .map(|(at, _)| (at, FadeEnd::End)),
        )
        .collect();
    if clause.has(VIDEO_END) {
        mentions.extend(
            find_all(clause.tokens, FADE_TO_BLACK)
                .into_iter()
                .map(|(at, _)| (at, FadeEnd::End)),
        );
    }
    mentions.sort_unstable_by_key(|(at, _)| *at);
    // One end once: "fade out, fade to black at the end" is one fade.
    let mut seen = Vec::new();
    mentions.retain(|(_, end)| {
        let first = !seen.contains(end);
        seen.push(*end);
        first
    });
    let mut read_until = end_of(clause);
    if let (true, Some(out_end)) = (
        matches!(mentions.as_slice(), [(_, FadeEnd::Start)]),
        and_out(clause),
    ) {
        mentions.push((clause.tokens.len(), FadeEnd::End));
        read_until = out_end;
    }
    // "a fade at the start", "fade at the end": a bare fade where an end of the video is named.
    if let (true, Some((at, _))) = (mentions.is_empty(), clause.find(BARE_FADE)) {
        if clause.has(VIDEO_START) {
            mentions.push((at, FadeEnd::Start));
        }
        if clause.has(VIDEO_END) {
            mentions.push((at, FadeEnd::End));
        }
    }
    if mentions.is_empty() {
        return None;
    }
    let lengths: Vec<u64> = clause.durations.iter().map(|&(ms, _, _)| ms).collect();
    for (k, &(at, end)) in mentions.iter().enumerate() {
        let change = if clause.governs(at) == Some(Op::Remove) {
            FadeChange::Remove
        } else {
            let ms = match lengths.as_slice() {
                [one] => Some(*one),
                many => many.get(k).copied(),
            };
            FadeChange::Set(ms)
        };
        out.push(Command::Fade(end, change));
    }
    Some(read_until)
}

/// The message's token after the clause's last.
fn end_of(clause: &Clause<'_>) -> usize {
    let tokens = &clause.message.tokens;
    clause.tokens.last().map_or(0, |last| {
        // The message's tokens are in order: the first after the clause is found by halving.
        tokens.partition_point(|token| token.start < last.end)
    })
}

/// Where the message's "and out" right after the clause ends ("fade in and out"), if it goes
/// on with one and nothing else.
fn and_out(clause: &Clause<'_>) -> Option<usize> {
    let tokens = &clause.message.tokens;
    let next = end_of(clause);
    if clause.tokens.is_empty() || next >= tokens.len() {
        return None;
    }
    let end = longest_at(tokens, next, &["and out", "& out"])?;
    // Nothing may follow but the end of a sentence: "fade in and out of the title" is no fade.
    let rest = tokens.get(end..).unwrap_or_default();
    rest.iter()
        .all(|token| token.word().is_none() && !token.is_chinese())
        .then_some(end)
}
