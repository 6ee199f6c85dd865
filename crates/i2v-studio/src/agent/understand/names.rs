//! Pointing at pictures by what their file names say ("the motorbike one" for
//! `motorcycle_left.png`, "the one with the beach", "city_night.jpg", "有摩托车的那张"), and at
//! all the pictures but some ("all but the last", "除了第一张").
//!
//! Rules (ours):
//! - A file name's words are its stem split at anything not a letter, without numbers and the
//!   words cameras and editors add (`IMG`, `DSC`, `final`, `copy`…).
//! - A word of the message names a picture when it is one of those words, or its plural, or
//!   means the same ([`SYNONYMS`]: "bike" for "motorcycle"), or carries a typo the word lists
//!   forgive; a Chinese word names it through [`CHINESE`]. The picture whose name matches the
//!   most of the describing words is meant.
//! - It must be used to point: "the X one/photo/picture/shot", "the one with/of/showing (the) X",
//!   the file name itself, "X那张"/"有X的那张". Words that name several pictures equally well
//!   point at none.
//! - Positions are where the pictures are in the video (or among the uploads, before there is
//!   one).

use super::refs::{Ordinal, RefAt};
use crate::agent::text::Message;
use crate::agent::text::phrase::{longest_at, match_at};
use crate::agent::text::tokens::Token;
use crate::agent::types::{MediaKind, MediaRef};

/// Words that mean the same thing in a file name and in a message.
const SYNONYMS: &[&[&str]] = &[
    &[
        "bike",
        "bicycle",
        "motorbike",
        "motorcycle",
        "moto",
        "scooter",
        "cycle",
    ],
    &["car", "auto", "vehicle"],
    &["dog", "puppy", "doggy", "pup"],
    &["cat", "kitten", "kitty"],
    &["beach", "sea", "ocean", "shore", "seaside", "coast"],
    &[
        "city", "town", "urban", "downtown", "street", "streets", "skyline",
    ],
    &["night", "evening", "nighttime"],
    &["sunset", "dusk", "sundown"],
    &["sunrise", "dawn"],
    &["mountain", "mountains", "hill", "hills", "peak"],
    &["kid", "kids", "child", "children", "baby"],
    &["flower", "flowers", "bloom"],
    &["forest", "woods", "tree", "trees"],
    &["food", "dish", "meal", "dinner", "lunch"],
];

/// Chinese words for what file names say.
const CHINESE: &[(&str, &str)] = &[
    ("摩托车", "motorcycle"),
    ("摩托", "motorcycle"),
    ("自行车", "bicycle"),
    ("单车", "bicycle"),
    ("汽车", "car"),
    ("车", "car"),
    ("狗", "dog"),
    ("猫", "cat"),
    ("海滩", "beach"),
    ("沙滩", "beach"),
    ("海边", "beach"),
    ("大海", "sea"),
    ("城市", "city"),
    ("街道", "street"),
    ("夜景", "night"),
    ("晚上", "night"),
    ("夜晚", "night"),
    ("日落", "sunset"),
    ("夕阳", "sunset"),
    ("日出", "sunrise"),
    ("山", "mountain"),
    ("花", "flower"),
    ("孩子", "kid"),
    ("宝宝", "baby"),
    ("森林", "forest"),
    ("美食", "food"),
];

/// Words that file names carry but say nothing about the picture.
const NOISE: &[&str] = &[
    "img", "dsc", "dscn", "pxl", "photo", "image", "pic", "picture", "final", "edit", "edited",
    "copy", "jpg", "jpeg", "png", "heic", "webp", "gif", "new", "old", "left", "right",
];

/// Words that end a description: where it goes, what else is said.
const STOP: &[&str] = &[
    "last",
    "first",
    "to",
    "at",
    "in",
    "into",
    "and",
    "then",
    "please",
    "photo",
    "picture",
    "one",
    "start",
    "end",
    "beginning",
    "before",
    "after",
    "for",
    "seconds",
    "second",
];

const POINTING: &[&str] = &[
    "one", "photo", "picture", "pic", "image", "shot", "snap", "slide",
];

/// The pictures of a message as naming reads them, worked out once per message rather than
/// once per clause (issue 21).
pub(super) struct Pictures {
    /// Each picture's position in the video (or among the uploads) and its file name's words.
    shown: Vec<(usize, Vec<String>)>,
    /// The pictures whose file name the message writes out ("city_night.jpg"): position, and
    /// where the name first stands in the message, lowercased (byte, length).
    written: Vec<(usize, usize, usize)>,
}

impl Pictures {
    /// The pictures of `media`, in `order`: the media ids in the order the video shows them (or
    /// the uploads' order), for a message.
    pub(super) fn new(message: &Message<'_>, media: &[MediaRef], order: &[String]) -> Pictures {
        let pictures: Vec<(usize, &MediaRef)> = order
            .iter()
            .enumerate()
            .filter_map(|(position, id)| {
                let media = media
                    .iter()
                    .find(|m| m.media_id == *id && m.kind == MediaKind::Image)?;
                Some((position, media))
            })
            .collect();
        // The file name as written: "city_night.jpg", "beach_sunset".
        let said = message.original.to_lowercase();
        let written = pictures
            .iter()
            .filter_map(|(position, media)| {
                let name = media.name.to_lowercase();
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_str(), |(stem, _)| stem);
                if stem.chars().count() < 4 {
                    return None;
                }
                said.find(stem).map(|byte| (*position, byte, stem.len()))
            })
            .collect();
        let shown = pictures
            .iter()
            .map(|(position, media)| (*position, name_words(&media.name)))
            .collect();
        Pictures { shown, written }
    }
}

/// The pictures named in `tokens` by what their file names say.
pub(super) fn named_refs(tokens: &[Token], pictures: &Pictures) -> Vec<RefAt> {
    let at = |position: usize, start: usize, end: usize| RefAt {
        ordinal: Ordinal::Nth(position as u64 + 1),
        start,
        end,
    };
    let mut found = Vec::new();
    // The first token at or after a byte of the message, if any (tokens are in order).
    let from_byte = |byte: usize| {
        let first = tokens.partition_point(|t| t.start < byte);
        (first < tokens.len()).then_some(first)
    };
    for &(position, byte, length) in &pictures.written {
        // The names are found in the whole message, the tokens are one clause's: a name points
        // here only where this clause's tokens begin inside it.
        let inside = |token: usize| tokens.get(token).is_some_and(|t| t.start < byte + length);
        if let Some(start) = from_byte(byte).filter(|&start| inside(start)) {
            let end = from_byte(byte + length);
            found.push(at(
                position,
                start,
                end.unwrap_or(tokens.len()).max(start + 1),
            ));
        }
    }
    let written = found.len();
    // Where the descriptions found so far end, furthest first: pointers come left to right.
    let mut described_until = 0;
    for (start, end, words) in pointers(tokens) {
        // The picture whose name matches the most words, where exactly one does.
        let scored: Vec<(usize, usize)> = pictures
            .shown
            .iter()
            .map(|(position, names)| {
                let hits = words
                    .iter()
                    .filter(|w| names.iter().any(|n| same(w, n)))
                    .count();
                (*position, hits)
            })
            .collect();
        let best = scored.iter().map(|&(_, hits)| hits).max().unwrap_or(0);
        let named: Vec<usize> = scored
            .iter()
            .filter(|&&(_, hits)| hits == best && best > 0)
            .map(|&(position, _)| position)
            .collect();
        // A description found earlier starts before this one: it overlaps where it ends past
        // this one's start.
        let overlaps = found
            .iter()
            .take(written)
            .any(|r| r.start < end && start < r.end)
            || described_until > start;
        if let ([position], false) = (named.as_slice(), overlaps) {
            found.push(at(*position, start, end));
            described_until = described_until.max(end);
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// All the pictures but those pointed at, where the clause says so: "all but the last",
/// "everything except photo 2", "除了第一张"; `None` where it does not.
pub(super) fn all_but(tokens: &[Token], refs: &[RefAt], count: usize) -> Option<Vec<RefAt>> {
    const EXCEPT: &[&str] = &[
        "all but",
        "all except",
        "everything but",
        "everything except",
        "every photo except",
        "all the photos except",
        "all photos except",
        "except",
        "except for",
        "apart from",
        "除了",
    ];
    let (start, end) =
        (0..tokens.len()).find_map(|i| longest_at(tokens, i, EXCEPT).map(|e| (i, e)))?;
    let excluded: Vec<usize> = refs
        .iter()
        .filter(|r| r.start >= end)
        .filter_map(|r| r.ordinal.resolve(count))
        .collect();
    if excluded.is_empty() {
        return None;
    }
    let last = refs.iter().map(|r| r.end).max().unwrap_or(end);
    Some(
        (0..count)
            .filter(|index| !excluded.contains(index))
            .map(|index| RefAt {
                ordinal: Ordinal::Nth(index as u64 + 1),
                start,
                end: last,
            })
            .collect(),
    )
}

/// The words of a file name that say what it shows: `motorcycle_left.png` → `motorcycle`.
fn name_words(name: &str) -> Vec<String> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !NOISE.contains(&w.as_str()))
        .collect()
}

/// Whether a word of the message names a file-name word.
fn same(said: &str, name: &str) -> bool {
    let singular = |w: &str| w.strip_suffix('s').unwrap_or(w).to_owned();
    if said == name || singular(said) == singular(name) {
        return true;
    }
    SYNONYMS
        .iter()
        .any(|group| group.contains(&said) && group.contains(&name))
}

/// The spans that point at a picture by description, with the describing words.
fn pointers(tokens: &[Token]) -> Vec<(usize, usize, Vec<String>)> {
    let word = |i: usize| tokens.get(i).and_then(Token::word).map(str::to_owned);
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        // "the one with the beach", "the one of the city", "the one showing a bike".
        let with = match_at(tokens, i, "the one")
            .and_then(|after| longest_at(tokens, after, &["with", "of", "showing", "that has"]));
        if let Some(after) = with {
            let after = longest_at(tokens, after, &["the", "a", "an", "my"]).unwrap_or(after);
            let words: Vec<String> = (after..after + 2)
                .map_while(word)
                .take_while(|w| !STOP.contains(&w.as_str()))
                .collect();
            if !words.is_empty() {
                out.push((i, after + words.len(), words));
                continue;
            }
        }
        // "the motorbike one", "the city night photo".
        if match_at(tokens, i, "the").is_some() {
            for gap in 1..=2 {
                let words: Vec<String> = (i + 1..=i + gap).map_while(word).collect();
                let noun = i + 1 + gap;
                if words.len() == gap && longest_at(tokens, noun, POINTING).is_some() {
                    out.push((i, noun + 1, words));
                    break;
                }
            }
        }
        // "摩托车那张", "有摩托车的那张", "海滩的照片".
        for (chinese, english) in CHINESE {
            let Some(end) = match_at(tokens, i, chinese) else {
                continue;
            };
            let end = match_at(tokens, end, "的").unwrap_or(end);
            if let Some(end) = longest_at(tokens, end, &["那张", "这张", "那一张", "照片", "图片"])
            {
                out.push((i, end, vec![(*english).to_owned()]));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::text::read;

    fn photo(id: &str, name: &str) -> MediaRef {
        MediaRef {
            media_id: id.into(),
            name: name.into(),
            kind: MediaKind::Image,
            width: None,
            height: None,
            duration_ms: None,
        }
    }

    fn named(text: &str, names: &[&str]) -> Vec<Ordinal> {
        let media: Vec<MediaRef> = names
            .iter()
            .enumerate()
            .map(|(i, name)| photo(&format!("med_{i}"), name))
            .collect();
        // The video shows them in reverse upload order.
        let order: Vec<String> = media.iter().rev().map(|m| m.media_id.clone()).collect();
        let message = read(text);
        named_refs(&message.tokens, &Pictures::new(&message, &media, &order))
            .into_iter()
            .map(|found| found.ordinal)
            .collect()
    }

    #[test]
    fn pictures_are_named_by_their_files_words_where_the_video_shows_them() {
        let names = ["motorcycle_left.png", "beach_sunset.jpg", "IMG_2041.jpg"];
        assert_eq!(named("remove the bike one", &names), [Ordinal::Nth(3)]);
        assert_eq!(
            named("the one with the sea first", &names),
            [Ordinal::Nth(2)]
        );
        assert_eq!(named("delete beach_sunset.jpg", &names), [Ordinal::Nth(2)]);
        assert_eq!(named("删掉有摩托车的那张", &names), [Ordinal::Nth(3)]);
        // Camera names say nothing; a word on no file points at nothing.
        assert!(named("remove the img one", &names).is_empty());
        assert!(named("remove the dog photo", &names).is_empty());
    }

    #[test]
    fn a_word_on_several_files_points_at_none() {
        let names = ["beach_day.jpg", "beach_night.jpg"];
        assert!(named("remove the beach one", &names).is_empty());
        assert_eq!(
            named("remove the night beach photo", &names),
            [Ordinal::Nth(1)]
        );
    }
}
