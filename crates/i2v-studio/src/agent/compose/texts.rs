//! Texts placed on the timeline beside the title ("add 'The End' at the end", "show 'Hi' from 2
//! to 5 seconds", "put 'Beach' over photo 3"), and how any text looks.
//!
//! Rules (the agent's module doc states the draft's shape):
//! - They live apart from the title, which stays, on text tracks the core reads as
//!   `TrackRole::Text`: texts at the end on their own track with the role [`OUTRO`] (so that
//!   they stay at the end when the video's length changes, even where one covers just the last
//!   picture), the others on a track with no role. They look like a title (72 px, white, fading
//!   400 ms), in the middle of the frame, or at the bottom where they show at the same time as
//!   the title.
//! - "At the end" is the last 3 s (or the whole video, if shorter); "the last N seconds" the
//!   last N; over a picture, while it shows; a stretch is cut at the video's end.
//! - A new text replaces the placed texts it would overlap; removing or restyling at a time
//!   touches the placed texts that overlap it.

use i2v_core::draft::{
    Draft, Meta, Position, Segment, Span, Track, TrackKind, TrackRole, color_hex,
};
use serde_json::json;

use super::pictures::Edit;
use super::{Applied, MIN_CLIP_MS, TITLE_MS, clip_spans, text_indexes, video_ms};
use crate::agent::outcome::{Look, Outcome, Placed, PlacedAt, Problem};
use crate::agent::understand::{TextChange, When};

/// The role of the track of texts at the end (read as `TrackRole::Text`, labelled `Text`).
pub(crate) const OUTRO: &str = "outro";

/// Whether a track holds the texts at the end.
pub(crate) fn is_outro(track: &Track) -> bool {
    track
        .role_word()
        .is_some_and(|role| role.trim().eq_ignore_ascii_case(OUTRO))
}

/// The font size of a title and of placed texts, where the draft gives none.
pub(crate) const TITLE_FONT_SIZE: u32 = 72;
/// The smallest and largest font size a text is given, in pixels.
const FONT_SIZES: (u32, u32) = (24, 200);
/// One step of "bigger" multiplies the font size by this.
const SIZE_STEP: f64 = 1.25;

fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// The time a moment stands for in this draft, and where it was asked for.
fn window(draft: &Draft, when: When) -> Result<(Span, PlacedAt), Problem> {
    let total = video_ms(draft);
    if total == 0 {
        return Err(Problem::NoVideo);
    }
    let last = |ms: u64| Span {
        start_ms: total - ms.min(total),
        end_ms: total,
    };
    match when {
        When::End(None) => Ok((last(TITLE_MS), PlacedAt::End)),
        When::End(Some(ms)) if ms < MIN_CLIP_MS => Err(Problem::TooShort {
            min_ms: MIN_CLIP_MS,
        }),
        When::End(Some(ms)) => Ok((last(ms), PlacedAt::End)),
        When::Over(ordinal) => {
            let spans = clip_spans(draft);
            let count = spans.len();
            let index = ordinal.resolve(count).ok_or(Problem::NoSuchPicture {
                asked: ordinal,
                count,
            })?;
            let span = spans.get(index).copied().ok_or(Problem::NoVideo)?;
            Ok((span, PlacedAt::Picture(index + 1)))
        }
        When::Between(from, _) if from >= total => Err(Problem::TooLong { max_ms: total }),
        When::Between(from, to) if to.min(total) - from < MIN_CLIP_MS => Err(Problem::TooShort {
            min_ms: MIN_CLIP_MS,
        }),
        When::Between(from, to) => Ok((
            Span {
                start_ms: from,
                end_ms: to.min(total),
            },
            PlacedAt::Stretch,
        )),
    }
}

/// Whether two stretches of time overlap.
fn overlap(a: Span, b: Span) -> bool {
    a.start_ms < b.end_ms && b.start_ms < a.end_ms
}

/// A placed text: `{"s","d","m":{"text","position","color":"#FFFFFF","font_size":72,…}}`.
fn text_segment(text: &str, span: Span, position: Position) -> Segment {
    let mut segment = Segment::new(span.duration_ms());
    segment.set_start_ms(Some(span.start_ms));
    segment
        .meta_mut()
        .set_text(text)
        .set_position(position)
        .set_color("#FFFFFF")
        .set_font_size(TITLE_FONT_SIZE)
        .set_fade_in_ms(400)
        .set_fade_out_ms(400);
    segment
}

/// Places `text` at `when`, replacing the placed texts it would overlap.
pub(crate) fn place(draft: &mut Draft, text: &str, when: When) -> Result<Placed, Problem> {
    let (span, at) = window(draft, when)?;
    let under_title = text_indexes(draft, &TrackRole::Title)
        .iter()
        .filter_map(|&index| draft.track(index))
        .flat_map(Track::spans)
        .any(|title| overlap(title, span));
    let position = if under_title {
        Position::Bottom
    } else {
        Position::Center
    };
    let mut replaced = Vec::new();
    for index in text_indexes(draft, &TrackRole::Text) {
        let Some(track) = draft.track_mut(index) else {
            continue;
        };
        let spans: Vec<Span> = track.spans().collect();
        let mut kept = Vec::new();
        for (segment, old) in track.segments_mut().drain(..).zip(spans) {
            if overlap(old, span) {
                replaced.extend(segment.meta().and_then(Meta::text).map(str::to_owned));
            } else {
                kept.push(segment);
            }
        }
        *track.segments_mut() = kept;
    }
    let outro = at == PlacedAt::End;
    let home = text_indexes(draft, &TrackRole::Text)
        .into_iter()
        .find(|&index| draft.track(index).is_some_and(|t| is_outro(t) == outro));
    let track = match home {
        Some(index) => draft.track_mut(index).ok_or(Problem::NoVideo)?,
        None => {
            let mut track = Track::new(TrackKind::Text);
            if outro {
                track
                    .meta_mut()
                    .set_role(&TrackRole::Other(OUTRO.to_owned()));
            }
            draft.add_track(track)
        }
    };
    let segments = track.segments_mut();
    let at_index = segments
        .iter()
        .position(|s| s.start_ms().unwrap_or(0) > span.start_ms)
        .unwrap_or(segments.len());
    segments.insert(at_index, text_segment(text, span, position));
    drop_emptied(draft);
    Ok(Placed {
        text: text.to_owned(),
        span,
        at,
        position,
        replaced,
    })
}

/// "add 'The End' at the end", "remove the text at the end", "make the text at the end red".
pub(crate) fn set_text(draft: &mut Draft, change: &TextChange, when: When) -> Edit {
    match change {
        TextChange::Set(text) => {
            let placed = place(draft, text, when)?;
            let args = json!({
                "text": text,
                "start_ms": placed.span.start_ms,
                "end_ms": placed.span.end_ms,
                "position": placed.position.word(),
            });
            Ok((applied("add_text", args), Outcome::TextPlaced(placed)))
        }
        TextChange::Remove => remove(draft, when),
        TextChange::Default | TextChange::Duration(_) => Err(Problem::TextWanted),
        TextChange::Resize(_)
        | TextChange::Position(_)
        | TextChange::Color(_)
        | TextChange::FontSize(_) => restyle(draft, change, when),
    }
}

/// The placed texts that overlap `span`: (track, segment) indexes.
fn texts_over(draft: &Draft, span: Span) -> Vec<(usize, usize)> {
    text_indexes(draft, &TrackRole::Text)
        .into_iter()
        .flat_map(|track| {
            let spans: Vec<Span> = draft
                .track(track)
                .map_or(Vec::new(), |t| t.spans().collect());
            spans
                .into_iter()
                .enumerate()
                .filter(move |(_, s)| overlap(*s, span))
                .map(move |(segment, _)| (track, segment))
        })
        .collect()
}

/// Removes the placed texts at `when`; a track left empty goes.
fn remove(draft: &mut Draft, when: When) -> Edit {
    let (span, _) = window(draft, when)?;
    let found = texts_over(draft, span);
    if found.is_empty() {
        return Err(Problem::NoTextsThere(span));
    }
    let mut texts = Vec::new();
    for &(track, segment) in found.iter().rev() {
        if let Some(removed) = draft
            .track_mut(track)
            .and_then(|t| t.remove_segment(segment))
        {
            texts.insert(
                0,
                removed.meta().and_then(Meta::text).unwrap_or("").to_owned(),
            );
        }
    }
    drop_emptied(draft);
    let args = json!({ "start_ms": span.start_ms, "end_ms": span.end_ms });
    Ok((
        applied("remove_text", args),
        Outcome::TextsRemoved { texts, span },
    ))
}

/// Removes the tracks of placed texts left without any.
fn drop_emptied(draft: &mut Draft) {
    for index in text_indexes(draft, &TrackRole::Text).into_iter().rev() {
        if draft.track(index).is_some_and(|t| t.segments().is_empty()) {
            draft.remove_track(index);
        }
    }
}

/// Restyles the placed texts at `when`.
fn restyle(draft: &mut Draft, change: &TextChange, when: When) -> Edit {
    let (span, _) = window(draft, when)?;
    let found = texts_over(draft, span);
    if found.is_empty() {
        return Err(Problem::NoTextsThere(span));
    }
    let mut look = None;
    for (track, segment) in found {
        let segment = draft.track_mut(track).and_then(|t| t.segment_mut(segment));
        if let Some(segment) = segment {
            look = restyle_meta(segment.meta_mut(), change, TITLE_FONT_SIZE).or(look);
        }
    }
    let look = look.ok_or(Problem::Already)?;
    let args =
        json!({ "look": look_args(&look), "start_ms": span.start_ms, "end_ms": span.end_ms });
    Ok((
        applied("set_text_style", args),
        Outcome::TextsLook { look, span },
    ))
}

/// Applies a look to a text's metadata (`size` is its font size where the draft gives none);
/// `None` where it already looked so, or the change is no look.
pub(crate) fn restyle_meta(meta: &mut Meta, change: &TextChange, size: u32) -> Option<Look> {
    match change {
        TextChange::Position(position) => (meta.position() != Some(*position)).then(|| {
            meta.set_position(*position);
            Look::Position(*position)
        }),
        TextChange::Color(colour) => {
            let current = meta.color().and_then(color_hex);
            (current.as_deref() != Some(colour.hex.as_str())).then(|| {
                meta.set_color(format!("#{}", colour.hex));
                Look::Color(colour.clone())
            })
        }
        TextChange::Resize(bigger) => {
            let current = meta.font_size().unwrap_or(f64::from(size));
            let stepped = if *bigger {
                current * SIZE_STEP
            } else {
                current / SIZE_STEP
            };
            resized(meta, stepped, current)
        }
        TextChange::FontSize(asked) => {
            let current = meta.font_size().unwrap_or(f64::from(size));
            resized(meta, f64::from(*asked), current)
        }
        TextChange::Set(_) | TextChange::Default | TextChange::Duration(_) | TextChange::Remove => {
            None
        }
    }
}

/// Sets a font size in whole pixels within [`FONT_SIZES`], if it differs from `current`.
fn resized(meta: &mut Meta, size: f64, current: f64) -> Option<Look> {
    let (smallest, largest) = FONT_SIZES;
    // Whole pixels, within what stays readable and on screen.
    let size = size.round().clamp(f64::from(smallest), f64::from(largest)) as u32;
    (f64::from(size) != current).then(|| {
        meta.set_font_size(size);
        Look::Size(size)
    })
}

/// A look as the arguments of its tool step.
pub(crate) fn look_args(look: &Look) -> serde_json::Value {
    match look {
        Look::Position(position) => json!({ "position": position.word() }),
        Look::Color(colour) => json!({ "color": format!("#{}", colour.hex) }),
        Look::Size(size) => json!({ "font_size": size }),
    }
}
