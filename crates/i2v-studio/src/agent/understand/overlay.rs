//! Rules about the music: which track, how loud, or none.

use super::lexicon::{
    ANOTHER, CAPTION, IMAGE_NOUNS, MOTION, MUSIC, OWN, OWN_MUSIC, TITLE, TRANSITION, VOLUME,
};
use super::{Clause, Command, MusicChoice, Op, VolumeChange};
use crate::agent::library::LIBRARY;
use crate::agent::text::numbers::number_at;
use crate::agent::text::phrase::{find_all, longest_at, match_at};
use crate::agent::text::tokens::Token;
use crate::agent::types::MediaKind;

/// Runs the rules of this module over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    music(clause, out);
}

/// Where music is talked about: music words, volume words, library names, "my song", the
/// name of an uploaded sound file; and, with no other topic, a volume operation on its own
/// ("quieter", "静音").
fn music_mentions(clause: &Clause<'_>) -> Vec<usize> {
    let mut at: Vec<usize> = [MUSIC, VOLUME, OWN_MUSIC]
        .iter()
        .flat_map(|phrases| find_all(clause.tokens, phrases))
        .chain(
            LIBRARY
                .iter()
                .flat_map(|track| find_all(clause.tokens, track.names)),
        )
        .map(|(start, _)| start)
        .collect();
    if uploaded_named(clause).is_some() {
        at.push(0);
    }
    // "move the last photo up" is not about loudness: a volume word alone counts only where
    // nothing else is talked about.
    let volume_ops = [Op::Lower, Op::Raise, Op::Mute, Op::Unmute];
    let other_topic = [TITLE, CAPTION, TRANSITION, MOTION, IMAGE_NOUNS]
        .iter()
        .any(|topic| clause.has(topic));
    // "speed it up", "slow it down": the pace's "up" and "down" are no loudness.
    let pace = super::pace::video_pace(clause).is_some();
    if !other_topic && clause.refs.is_empty() && !pace {
        at.extend(
            clause
                .ops
                .iter()
                .filter(|o| volume_ops.contains(&o.op))
                .map(|o| o.start),
        );
    }
    if clause.music_context && !pace && LIBRARY.iter().any(|track| clause.has(track.moods)) {
        at.push(0);
    }
    at.sort_unstable();
    at
}

/// "add music", "use calm music", "use my song", "lower the music", "mute", "set the music
/// volume to 20%", "remove the music", "换一首", "音乐调低一点", "静音".
fn music(clause: &Clause<'_>, out: &mut Vec<Command>) {
    let mentions = music_mentions(clause);
    let Some(&first) = mentions.first() else {
        return;
    };
    let op = clause.governs(first);
    if clause.says(Op::Mute) {
        out.push(Command::Volume(VolumeChange::Mute));
        return;
    }
    if clause.says(Op::Unmute) {
        out.push(Command::Volume(VolumeChange::Unmute));
        return;
    }
    if op == Some(Op::Remove) {
        out.push(Command::RemoveMusic);
        return;
    }
    let volume = if let Some(level) = volume_level(clause) {
        Some(VolumeChange::Set(level))
    } else if clause.says(Op::Lower) {
        Some(VolumeChange::Lower)
    } else if clause.says(Op::Raise) || (clause.has(VOLUME) && op == Some(Op::Add)) {
        Some(VolumeChange::Raise)
    } else {
        None
    };
    let choice = music_choice(clause, op, volume.is_some());
    out.extend(choice.map(Command::Music));
    out.extend(volume.map(Command::Volume));
}

/// Which music the clause asks for, if any.
fn music_choice(clause: &Clause<'_>, op: Option<Op>, volume_said: bool) -> Option<MusicChoice> {
    if let Some(index) = uploaded_named(clause) {
        return Some(MusicChoice::Uploaded(Some(index)));
    }
    if clause.has(OWN_MUSIC) || clause.has(OWN) {
        return Some(MusicChoice::Uploaded(None));
    }
    let named = LIBRARY
        .iter()
        .find(|track| clause.has(track.names) || clause.has(track.moods));
    if let Some(track) = named {
        return Some(MusicChoice::Library(track.key()));
    }
    if let Some(key) = super::pace::music_tempo(clause) {
        return Some(MusicChoice::Library(key));
    }
    if clause.has(ANOTHER) {
        return Some(MusicChoice::Another);
    }
    match op {
        _ if volume_said => None,
        Some(Op::Change) => Some(MusicChoice::Another),
        Some(Op::Add) | None => Some(MusicChoice::Default),
        Some(_) => None,
    }
}

/// The uploaded sound file the clause names (by file name, with or without extension).
fn uploaded_named(clause: &Clause<'_>) -> Option<usize> {
    let said = clause_text(clause).to_lowercase();
    let quotes: Vec<String> = clause
        .quotes()
        .iter()
        .map(|(_, q)| q.to_lowercase())
        .collect();
    clause.media.iter().enumerate().find_map(|(index, media)| {
        if media.kind != MediaKind::Audio {
            return None;
        }
        let name = media.name.to_lowercase();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        let quoted = quotes.iter().any(|q| *q == name || q == stem);
        let named = stem.chars().count() >= 3 && said.contains(stem);
        (quoted || named).then_some(index)
    })
}

/// The clause's original text.
fn clause_text<'m>(clause: &Clause<'m>) -> &'m str {
    match (clause.tokens.first(), clause.tokens.last()) {
        (Some(first), Some(last)) => clause.message.slice(first.start, last.end),
        _ => "",
    }
}

/// A volume said as a level: "20%", "百分之二十", "volume 0.2", "音量50".
fn volume_level(clause: &Clause<'_>) -> Option<f64> {
    let tokens = clause.tokens;
    // Whether the clause has a volume word: looked up once, where a number first needs it.
    let mut volume_word = None;
    for i in 0..tokens.len() {
        if let Some(after) = match_at(tokens, i, "百分之") {
            if let Some((n, _)) = number_at(tokens, after) {
                return Some(n / 100.0);
            }
        }
        let Some(n) = tokens.get(i).and_then(Token::number) else {
            continue;
        };
        // The lengths of time are in order and apart: only the last starting by `i` may hold it.
        let started = clause.durations.partition_point(|&(_, s, _)| s <= i);
        let in_duration = started
            .checked_sub(1)
            .and_then(|last| clause.durations.get(last))
            .is_some_and(|&(_, _, e)| i < e);
        if in_duration {
            continue;
        }
        if longest_at(tokens, i + 1, &["%", "percent", "per cent"]).is_some() {
            return Some(n / 100.0);
        }
        if *volume_word.get_or_insert_with(|| clause.has(VOLUME)) {
            return Some(if n <= 1.0 { n } else { n / 100.0 });
        }
    }
    None
}
