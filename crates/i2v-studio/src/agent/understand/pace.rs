//! The pace: "make it faster", "speed it up", "slow it down", "more relaxed pace", "节奏快一点",
//! "慢一点" ask for every picture to show for less or more time ([`Command::Pace`]).
//!
//! Rules:
//! - A clause speaks of pace where it says a phrase of [`PACE_FASTER`] or [`PACE_SLOWER`];
//!   where it says both ("too fast, slower"), the longest phrase decides, then the first.
//! - It is the video's pace only where nothing else is talked about whose pace it could be:
//!   music or its loudness (then it is the music's tempo, [`music_tempo`]), transitions or
//!   fades ("faster transitions"), titles, captions, motion ("slow zoom"), a picture pointed at
//!   ("make the second photo faster" is that photo's length), or a length of time ("2 seconds
//!   faster" is the whole video's length).
//! - The "up" and "down" of "speed it up" and "slow it down" are then no loudness: the music
//!   rules leave a clause that speaks of the video's pace alone ([`video_pace`]).

use super::lexicon::{
    CAPTION, MOTION, MUSIC, OWN_MUSIC, PACE_FASTER, PACE_SLOWER, SMOOTH, TITLE, TRANSITION, VOLUME,
};
use super::{Clause, Command};
use crate::agent::library::LIBRARY;
use crate::agent::text::phrase::find_all;

/// Runs the rule over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    if let Some(faster) = video_pace(clause) {
        out.push(Command::Pace { faster });
    }
}

/// The pace the clause asks of the video: quicker (`true`) or slower; `None` where it says no
/// pace, or the pace of something else.
pub(super) fn video_pace(clause: &Clause<'_>) -> Option<bool> {
    let faster = direction(clause)?;
    let others = [
        MUSIC, VOLUME, OWN_MUSIC, TRANSITION, SMOOTH, TITLE, CAPTION, MOTION,
    ];
    let about_other = others.iter().any(|topic| clause.has(topic))
        || LIBRARY.iter().any(|track| clause.has(track.names))
        || !clause.refs.is_empty()
        || !clause.durations.is_empty();
    (!about_other).then_some(faster)
}

/// The library track a pace said of the music asks for: quicker music is Upbeat, slower is
/// Calm ("make the music faster", "slower music"); `None` where no pace is said.
pub(super) fn music_tempo(clause: &Clause<'_>) -> Option<&'static str> {
    let key = if direction(clause)? { "upbeat" } else { "calm" };
    LIBRARY
        .iter()
        .map(|track| track.key())
        .find(|known| *known == key)
}

/// Whether the clause's pace phrase is quicker (`true`) or slower: the longest phrase said,
/// then the first.
fn direction(clause: &Clause<'_>) -> Option<bool> {
    let said = |phrases: &[&str], faster: bool| {
        find_all(clause.tokens, phrases)
            .into_iter()
            .map(move |(at, end)| (end - at, at, faster))
    };
    said(PACE_FASTER, true)
        .chain(said(PACE_SLOWER, false))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, faster)| faster)
}
