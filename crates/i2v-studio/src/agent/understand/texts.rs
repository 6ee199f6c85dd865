//! Rules about the words shown over the pictures: the title, texts placed on the timeline beside
//! it, and captions.
//!
//! Rules:
//! - Where the title is talked about and what it should say: [`words`](super::words).
//! - A moment ([`when`](super::when)) other than the opening makes the words a text placed on
//!   the timeline, beside the title, which stays: "add 'The End' at the end", "show 'Hi' from 2
//!   to 5 seconds", "在第三张上加文字“海滩”". A quote with a moment needs no title word.
//! - At the opening, or without a moment, they are the title: set, restyled (place, colour,
//!   size: [`looks`](super::looks)), shown for a length, or removed. A title asked for without
//!   words is [`TextChange::Default`], which asks for them.
//! - At a moment, without words: a look restyles the texts there; an add asks for the words;
//!   otherwise the title moves there ("move the title to the end").
//! - Captions: their own words, on one picture or over the whole video.

use super::lexicon::{CAPTION, CAPTION_NAMING, NAME_IT};
use super::looks::find_looks;
use super::timeline::{DurationUse, uses};
use super::when::{Moment, find_moment};
use super::words::{nearest_quote, title_mentions, title_words, trimmed};
use super::{Clause, Command, MusicChoice, Op, TextChange};
use crate::agent::text::Message;
use crate::agent::text::phrase::{find, find_all};
use crate::agent::types::{MediaKind, MediaRef};

/// Runs the rules of this module over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    let captions: Vec<usize> = find_all(clause.tokens, CAPTION)
        .into_iter()
        .map(|(at, _)| at)
        .collect();
    let titles = title_mentions(clause);
    title_or_text(clause, &titles, &captions, out);
    caption(clause, &captions, &titles, out);
}

/// The title, or a text placed at a moment, by the rules above.
fn title_or_text(
    clause: &Clause<'_>,
    titles: &[usize],
    captions: &[usize],
    out: &mut Vec<Command>,
) {
    let moment = find_moment(clause);
    // "'The End' at the end": a quote with a moment, and no caption talked about.
    let loose = titles.is_empty() && captions.is_empty() && moment.is_some();
    let loose_quote = clause
        .quotes()
        .into_iter()
        .find(|(_, text)| loose && song_named(clause.media, text).is_none())
        .map(|(at, _)| at);
    let Some(first) = titles.first().copied().or(loose_quote) else {
        return;
    };
    let words = title_words(clause, titles, captions, moment);
    let span = words.as_ref().map_or(0..0, |(_, span)| span.clone());
    // A moment inside the words is part of them ("a video called At The End").
    let moment = moment
        .filter(|m| !span.contains(&m.start))
        .map(|m| m.moment);
    let looks = find_looks(clause, &span);
    let op = clause.governs(first);
    let text = words.map(|(text, _)| text);
    match moment {
        None | Some(Moment::Start) => {
            if op == Some(Op::Remove) {
                out.push(Command::Title(TextChange::Remove));
                return;
            }
            let shown = uses(clause, false)
                .into_iter()
                .find(|(use_, _, _)| *use_ == DurationUse::Title)
                .map(|(_, ms, _)| TextChange::Duration(ms));
            let changes: Vec<TextChange> = text
                .map(TextChange::Set)
                .into_iter()
                .chain(looks)
                .chain(shown)
                .collect();
            if changes.is_empty() && op != Some(Op::Remove) {
                out.push(Command::Title(TextChange::Default));
            }
            out.extend(changes.into_iter().map(Command::Title));
        }
        Some(Moment::At(when)) => {
            if op == Some(Op::Remove) {
                out.push(Command::Text(TextChange::Remove, when));
                return;
            }
            let changes: Vec<TextChange> =
                text.map(TextChange::Set).into_iter().chain(looks).collect();
            if changes.is_empty() {
                out.push(match op {
                    Some(Op::Add) => Command::Text(TextChange::Default, when),
                    _ => Command::MoveTitle(when),
                });
            }
            out.extend(
                changes
                    .into_iter()
                    .map(|change| Command::Text(change, when)),
            );
        }
    }
}

/// Captions: add (from the file names, or with words), change, remove; on one picture or all.
fn caption(clause: &Clause<'_>, captions: &[usize], titles: &[usize], out: &mut Vec<Command>) {
    let Some(&first) = captions.first() else {
        return;
    };
    let clip = clause.refs.first().map(|found| found.ordinal);
    let text = nearest_quote(clause, captions, titles)
        .map(|(text, _)| text)
        .or_else(|| caption_words(clause));
    let change = match (clause.governs(first), text) {
        (Some(Op::Remove), _) => Some(TextChange::Remove),
        (_, Some(text)) => Some(TextChange::Set(text)),
        (Some(Op::Add | Op::Change) | None, None) => Some(TextChange::Default),
        _ => None,
    };
    out.extend(change.map(|change| Command::Caption(change, clip)));
}

/// A caption's words without quotes: what follows a marker ("saying", 字幕：…) to the clause's
/// end.
fn caption_words(clause: &Clause<'_>) -> Option<String> {
    let (_, end) = find(clause.tokens, CAPTION_NAMING).or_else(|| find(clause.tokens, NAME_IT))?;
    let first = clause.tokens.get(end)?;
    let last = clause.tokens.last()?;
    let text = clause.message.slice(first.start, last.end);
    let text = text.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    (!text.is_empty()).then(|| trimmed(text))
}

/// The uploaded sound file a quote names (with or without its extension).
fn song_named(media: &[MediaRef], quote: &str) -> Option<usize> {
    let lower = quote.to_lowercase();
    media.iter().position(|m| {
        let name = m.name.to_lowercase();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        m.kind == MediaKind::Audio && (lower == name || lower == stem)
    })
}

/// A message that asked for nothing else but holds a quote: the quote names an uploaded song,
/// or becomes the title.
pub(super) fn lone_quote(message: &Message<'_>, media: &[MediaRef], out: &mut Vec<Command>) {
    let Some(quote) = message.quotes.first() else {
        return;
    };
    out.push(match song_named(media, quote) {
        Some(index) => Command::Music(MusicChoice::Uploaded(Some(index))),
        None => Command::Title(TextChange::Set(trimmed(quote))),
    });
}
