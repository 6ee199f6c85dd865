//! Rules about what plays and shows over the pictures: music, titles, captions.

use super::lexicon::{
    ANOTHER, BIGGER, CAPTION, CAPTION_NAMING, IMAGE_NOUNS, MOTION, MUSIC, NAME_IT, NAMING, OWN,
    OWN_MUSIC, SMALLER, TITLE, TRANSITION, VOLUME,
};
use super::timeline::{DurationUse, uses};
use super::{Clause, Command, MusicChoice, Op, TextChange, VolumeChange};
use crate::agent::library::LIBRARY;
use crate::agent::text::Message;
use crate::agent::text::numbers::number_at;
use crate::agent::text::phrase::{find, find_all, longest_at, match_at};
use crate::agent::text::tokens::Token;
use crate::agent::types::{MediaKind, MediaRef};

/// The longest title or caption kept, in characters.
const MAX_TEXT_CHARS: usize = 120;

/// Runs the rules of this module over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    music(clause, out);
    texts(clause, out);
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
    for i in 0..tokens.len() {
        if let Some(after) = match_at(tokens, i, "百分之") {
            if let Some((n, _)) = number_at(tokens, after) {
                return Some(n / 100.0);
            }
        }
        let Some(n) = tokens.get(i).and_then(Token::number) else {
            continue;
        };
        let in_duration = clause.durations.iter().any(|&(_, s, e)| i >= s && i < e);
        if in_duration {
            continue;
        }
        if longest_at(tokens, i + 1, &["%", "percent", "per cent"]).is_some() {
            return Some(n / 100.0);
        }
        if clause.has(VOLUME) {
            return Some(if n <= 1.0 { n } else { n / 100.0 });
        }
    }
    None
}

/// Titles and captions: add, change, remove, and how long the title shows.
fn texts(clause: &Clause<'_>, out: &mut Vec<Command>) {
    let titles: Vec<usize> = find_all(clause.tokens, TITLE)
        .into_iter()
        .chain(find_all(clause.tokens, NAME_IT))
        .map(|(at, _)| at)
        .collect();
    let captions: Vec<usize> = find_all(clause.tokens, CAPTION)
        .into_iter()
        .map(|(at, _)| at)
        .collect();
    let quotes = clause.quotes();
    // Each quote goes to the nearest mention of a title or caption.
    let nearest = |mentions: &[usize], others: &[usize]| -> Option<String> {
        quotes.iter().find_map(|&(at, text)| {
            let distance = |m: &usize| m.abs_diff(at);
            let mine = mentions.iter().map(distance).min()?;
            let theirs = others.iter().map(distance).min().unwrap_or(usize::MAX);
            (mine <= theirs).then(|| trimmed(text))
        })
    };
    if let Some(&first) = titles.first() {
        let text = nearest(&titles, &captions).or_else(|| named_text(clause, NAMING));
        let shown = uses(clause, false)
            .into_iter()
            .find(|(use_, _, _)| *use_ == DurationUse::Title)
            .map(|(_, ms, _)| ms);
        let resize = if clause.has(BIGGER) || clause.says(Op::Raise) {
            Some(true)
        } else if clause.has(SMALLER) || clause.says(Op::Lower) {
            Some(false)
        } else {
            None
        };
        let change = match (clause.governs(first), text, shown) {
            (Some(Op::Remove), _, _) => Some(TextChange::Remove),
            (_, Some(text), _) => Some(TextChange::Set(text)),
            (_, None, Some(ms)) => Some(TextChange::Duration(ms)),
            (_, None, None) if resize.is_some() => resize.map(TextChange::Resize),
            (Some(Op::Add | Op::Change) | None, None, None) => Some(TextChange::Default),
            _ => None,
        };
        out.extend(change.map(Command::Title));
    }
    if let Some(&first) = captions.first() {
        let clip = clause.refs.first().map(|found| found.ordinal);
        let text = nearest(&captions, &titles).or_else(|| named_text(clause, CAPTION_NAMING));
        let change = match (clause.governs(first), text) {
            (Some(Op::Remove), _) => Some(TextChange::Remove),
            (_, Some(text)) => Some(TextChange::Set(text)),
            (Some(Op::Add | Op::Change) | None, None) => Some(TextChange::Default),
            _ => None,
        };
        out.extend(change.map(|change| Command::Caption(change, clip)));
    }
}

/// A text given without quotes: what follows a marker ("titled", "called", 标题为, 字幕：…) to
/// the clause's end.
fn named_text(clause: &Clause<'_>, markers: &[&str]) -> Option<String> {
    let (_, end) = find(clause.tokens, markers).or_else(|| find(clause.tokens, NAME_IT))?;
    let first = clause.tokens.get(end)?;
    let last = clause.tokens.last()?;
    let text = clause.message.slice(first.start, last.end);
    let text = text.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    (!text.is_empty()).then(|| trimmed(text))
}

/// A text cut to the longest kept.
fn trimmed(text: &str) -> String {
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// A message that asked for nothing else but holds a quote: the quote names an uploaded song,
/// or becomes the title.
pub(super) fn lone_quote(message: &Message<'_>, media: &[MediaRef], out: &mut Vec<Command>) {
    let Some(quote) = message.quotes.first() else {
        return;
    };
    let lower = quote.to_lowercase();
    let song = media.iter().position(|m| {
        let name = m.name.to_lowercase();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        m.kind == MediaKind::Audio && (lower == name || lower == stem)
    });
    out.push(match song {
        Some(index) => Command::Music(MusicChoice::Uploaded(Some(index))),
        None => Command::Title(TextChange::Set(trimmed(quote))),
    });
}
