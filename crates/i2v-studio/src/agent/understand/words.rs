//! The words a person wants shown, and where a title is talked about.
//!
//! Rules:
//! - The title is talked about by its words ("title", 标题, "text", 文字 …), by naming the video
//!   ("titled", "with the title", "call it", "rename it", 名为), or by "called" / "named" / 叫
//!   right after the video or "it" ("a video called …", "视频叫…").
//! - The words are a quote, the one nearest the mention; else those after a naming marker
//!   ("titled Summer Trip", "that says …", 标题改成夏日旅行), after a title word and a linking
//!   word ("change the title to Summer Trip"), or right after a title word being added ("add a
//!   title Summer Trip").
//! - Words without quotes run to the end of the clause or to the first of: a connective ("with",
//!   "and", "then" …), a length of time, a moment ("at the end", "over photo 3"), a look after a
//!   linking word ("at the top", "in red"), or, in Chinese, 的 before a video noun
//!   (名为夏日旅行的视频). A word leading to the stop ("in 20 seconds") and trailing
//!   punctuation go.
//! - What is only a look ("to red", "改成红色", "to the top"), a font size (字号改成96), a
//!   length of time, a moment, a picture or the video itself after a preposition ("add a title
//!   to my video"; but "a video called My Video") is no text.

use std::ops::Range;

use super::lexicon::{
    CALLED, IT, LOOK_LINKS, NAME_IT, NAMING, NOT_A_TEXT, RENAME, TEXT_ENDS, TEXT_LINKS,
    TEXT_POSITIONS, TITLE, TITLED, VIDEO_NOUNS,
};
use super::looks::{in_font_size, only_a_look};
use super::when::MomentAt;
use super::{Clause, Op};
use crate::agent::text::numbers::duration_at;
use crate::agent::text::phrase::{find_all, longest_at, reach};

/// Words that lead to what stops a run of words, and so are not part of it.
const DANGLING: &[&str] = &[
    "in", "for", "at", "on", "of", "to", "over", "lasting", "about", "around", "that", "which",
];

/// The longest title or caption kept, in characters.
const MAX_TEXT_CHARS: usize = 120;

/// A text cut to the longest kept.
pub(super) fn trimmed(text: &str) -> String {
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// Where the title is talked about: the first token of each mention, in order.
pub(super) fn title_mentions(clause: &Clause<'_>) -> Vec<usize> {
    let tokens = clause.tokens;
    let mut at: Vec<usize> = [TITLE, NAME_IT, TITLED, RENAME]
        .iter()
        .flat_map(|words| find_all(tokens, words))
        .map(|(start, _)| start)
        .collect();
    at.extend(video_named(clause).into_iter().map(|(start, _)| start));
    at.sort_unstable();
    at.dedup();
    at
}

/// The mentions of "called" / "named" / 叫 that name the video, left to right: right after a
/// video noun or "it", or (Chinese) with its words ending at 的 and a video noun
/// (叫夏日旅行的视频).
fn video_named(clause: &Clause<'_>) -> Vec<(usize, usize)> {
    let tokens = clause.tokens;
    let window = reach(VIDEO_NOUNS).max(reach(IT));
    // Where the words after the last mention read stop: the next mention before that stop
    // stops there too, so a run of mentions reads the clause once.
    let mut last_stop: Option<usize> = None;
    let mut names = |start: usize, end: usize| {
        // Only a phrase starting within its length of `start` can end there.
        let after_video = (start.saturating_sub(window)..start).any(|at| {
            [VIDEO_NOUNS, IT]
                .iter()
                .any(|words| longest_at(tokens, at, words) == Some(start))
        });
        if after_video {
            return true;
        }
        let stop = match last_stop {
            Some(stop) if stop > end && end < tokens.len() => Some(stop),
            _ => run_end(clause, end, None),
        };
        last_stop = stop;
        stop.is_some_and(|stop| video_after_de(clause, stop))
    };
    find_all(tokens, CALLED)
        .into_iter()
        .filter(|&(start, end)| names(start, end))
        .collect()
}

/// The title's words in a clause and their tokens: the nearest quote, else the unquoted words
/// after a marker, by the rules above. `others` are mentions of captions, which claim the
/// quotes nearer to them.
pub(super) fn title_words(
    clause: &Clause<'_>,
    mentions: &[usize],
    others: &[usize],
    moment: Option<MomentAt>,
) -> Option<(String, Range<usize>)> {
    if let Some(found) = nearest_quote(clause, mentions, others) {
        return Some(found);
    }
    let tokens = clause.tokens;
    let mut starts: Vec<usize> = [NAMING, TITLED, RENAME, NAME_IT]
        .iter()
        .flat_map(|words| find_all(tokens, words))
        .map(|(_, end)| end)
        .collect();
    starts.extend(video_named(clause).into_iter().map(|(_, end)| end));
    for (start, end) in find_all(tokens, TITLE) {
        if let Some(linked) = longest_at(tokens, end, TEXT_LINKS) {
            starts.push(linked);
        } else if clause.governs(start) == Some(Op::Add) {
            starts.push(end);
        }
    }
    starts
        .into_iter()
        .find_map(|from| unquoted(clause, from, moment))
}

/// The quote nearest a mention of `mentions`, unless nearer one of `others`.
pub(super) fn nearest_quote(
    clause: &Clause<'_>,
    mentions: &[usize],
    others: &[usize],
) -> Option<(String, Range<usize>)> {
    clause.quotes().into_iter().find_map(|(at, text)| {
        let mine = nearest(mentions, at);
        let theirs = nearest(others, at);
        (mine <= theirs && (mine < usize::MAX || others.is_empty()))
            .then(|| (trimmed(text), at..at + 1))
    })
}

/// How far the nearest of `mentions` (in order) is from token `at`; `usize::MAX` for none.
fn nearest(mentions: &[usize], at: usize) -> usize {
    // Only the last at or before `at` and the first after it can be nearest.
    let after = mentions.partition_point(|&m| m <= at);
    [after.checked_sub(1), Some(after)]
        .into_iter()
        .flatten()
        .filter_map(|k| mentions.get(k))
        .map(|m| m.abs_diff(at))
        .min()
        .unwrap_or(usize::MAX)
}

/// The words from token `from` to the first stop, unless they are no text (see above).
fn unquoted(
    clause: &Clause<'_>,
    from: usize,
    moment: Option<MomentAt>,
) -> Option<(String, Range<usize>)> {
    let tokens = clause.tokens;
    // "add a title to my video" points at the video; "a video called My Video" names it.
    let after_preposition = from.checked_sub(1).is_some_and(|before| {
        longest_at(tokens, before, &["to", "into", "for", "on", "in"]) == Some(from)
    });
    let determiner = longest_at(tokens, from, &["the", "this", "my", "our"]).unwrap_or(from);
    let the_video = after_preposition
        && [VIDEO_NOUNS, IT]
            .iter()
            .any(|words| longest_at(tokens, determiner, words).is_some());
    let no_text = longest_at(tokens, from, NOT_A_TEXT).is_some()
        || the_video
        || duration_at(tokens, from).is_some()
        || clause.refs.iter().any(|found| found.start == from)
        || moment.is_some_and(|m| (m.start..m.end).contains(&from))
        || in_font_size(clause, from);
    if no_text {
        return None;
    }
    let mut end = run_end(clause, from, moment)?;
    // "a video called Summer Trip in 20 seconds": the word before the stop leads to it.
    while end > from + 1 && longest_at(tokens, end - 1, DANGLING).is_some_and(|after| after == end)
    {
        end -= 1;
    }
    if only_a_look(clause, from, end) {
        return None;
    }
    let (first, last) = (tokens.get(from)?, tokens.get(end.checked_sub(1)?)?);
    let text = clause.message.slice(first.start, last.end);
    let text = text.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    (!text.is_empty()).then(|| (trimmed(text), from..end))
}

/// Where unquoted words from `from` stop (see above); `None` when there are none.
fn run_end(clause: &Clause<'_>, from: usize, moment: Option<MomentAt>) -> Option<usize> {
    let tokens = clause.tokens;
    if from >= tokens.len() {
        return None;
    }
    let stops = |at: usize| {
        longest_at(tokens, at, TEXT_ENDS).is_some()
            || video_after_de(clause, at)
            || duration_at(tokens, at).is_some()
            || moment.is_some_and(|m| m.start == at)
            || look_after_link(clause, at)
    };
    Some(
        (from + 1..tokens.len())
            .find(|&at| stops(at))
            .unwrap_or(tokens.len()),
    )
}

/// Whether 的 and a video noun stand at `at` (名为夏日旅行的视频).
fn video_after_de(clause: &Clause<'_>, at: usize) -> bool {
    let tokens = clause.tokens;
    tokens.get(at).is_some_and(|t| t.is_han('的'))
        && longest_at(tokens, at + 1, VIDEO_NOUNS).is_some()
}

/// Whether a linking word and a look start at `at` ("at the top", "in red").
fn look_after_link(clause: &Clause<'_>, at: usize) -> bool {
    let tokens = clause.tokens;
    let Some(after) = longest_at(tokens, at, LOOK_LINKS) else {
        return false;
    };
    let place = TEXT_POSITIONS
        .iter()
        .any(|(_, words)| longest_at(tokens, after, words).is_some());
    place || only_a_look(clause, after, after + 1)
}
