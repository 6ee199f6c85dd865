//! Rules about the words shown over the pictures: the title and captions.

use super::lexicon::{BIGGER, CAPTION, CAPTION_NAMING, NAME_IT, NAMING, SMALLER, TITLE};
use super::timeline::{DurationUse, uses};
use super::{Clause, Command, MusicChoice, Op, TextChange};
use crate::agent::text::Message;
use crate::agent::text::phrase::{find, find_all};
use crate::agent::types::{MediaKind, MediaRef};

/// The longest title or caption kept, in characters.
const MAX_TEXT_CHARS: usize = 120;

/// Runs the rules of this module over a clause.
pub(super) fn rules(clause: &Clause<'_>, out: &mut Vec<Command>) {
    texts(clause, out);
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
