//! Edits of the captions: from the file names, one text on a picture or over the whole video,
//! or their removal.
//!
//! The subtitle track is made by the conventions of the agent's module doc; an existing one is
//! edited in place, so keys this model does not know stay.

use i2v_core::draft::{Draft, Meta, Position, Segment, Span, Track, TrackKind, TrackRole};
use serde_json::json;

use super::pictures::Edit;
use super::{Applied, clip_spans, text_indexes, video_ms};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::understand::{Ordinal, TextChange};

fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// A caption over `span`: `{"s","d","m":{"text","position":"bottom",…}}`.
fn caption_segment(text: &str, span: Span) -> Segment {
    let mut segment = Segment::new(span.duration_ms());
    segment.set_start_ms(Some(span.start_ms));
    segment
        .meta_mut()
        .set_text(text)
        .set_position(Position::Bottom)
        .set_color("#FFFFFF")
        .set_font_size(48)
        .set_fade_in_ms(200)
        .set_fade_out_ms(200);
    segment
}

/// A file name as a caption: the name without its extension, `_` and `-` as spaces.
fn caption_from_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let words: Vec<&str> = stem
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The subtitle track for editing, made if there is none.
fn subtitles_mut(draft: &mut Draft) -> Option<&mut Track> {
    match text_indexes(draft, &TrackRole::Subtitle).first() {
        Some(&index) => draft.track_mut(index),
        None => {
            let mut track = Track::new(TrackKind::Text);
            track.meta_mut().set_role(&TrackRole::Subtitle);
            Some(draft.add_track(track))
        }
    }
}

/// "add captions" (from the file names), "add the caption 'Sunset' to the last photo",
/// "remove the captions".
pub(crate) fn set_caption(draft: &mut Draft, change: &TextChange, clip: Option<Ordinal>) -> Edit {
    let spans = clip_spans(draft);
    let count = spans.len();
    let index = clip
        .map(|ordinal| {
            ordinal.resolve(count).ok_or(Problem::NoSuchPicture {
                asked: ordinal,
                count,
            })
        })
        .transpose()?;
    let span = match index {
        Some(i) => spans.get(i).copied(),
        None => Some(Span {
            start_ms: 0,
            end_ms: video_ms(draft),
        }),
    };
    let position = index.map(|i| i + 1);
    match change {
        TextChange::Remove => remove_captions(draft, index.and(span)),
        TextChange::Default | TextChange::Duration(_) | TextChange::Resize(_)
            if index.is_none() =>
        {
            let names: Vec<String> = draft
                .track(super::video_index(draft).ok_or(Problem::NoVideo)?)
                .map(|track| {
                    track
                        .segments()
                        .iter()
                        .map(|s| caption_from_name(s.meta().and_then(Meta::name).unwrap_or("")))
                        .collect()
                })
                .unwrap_or_default();
            let track = subtitles_mut(draft).ok_or(Problem::NoVideo)?;
            let segments = track.segments_mut();
            segments.clear();
            for (text, span) in names.iter().zip(&spans) {
                if !text.is_empty() {
                    segments.push(caption_segment(text, *span));
                }
            }
            let added = segments.len();
            if added == 0 {
                return Err(Problem::Already);
            }
            Ok((
                applied("add_captions", json!({ "from": "file_names" })),
                Outcome::Captions(added),
            ))
        }
        TextChange::Default | TextChange::Duration(_) | TextChange::Resize(_) => {
            Err(Problem::WhatText)
        }
        // The rules give captions no looks yet.
        TextChange::Position(_) | TextChange::Color(_) | TextChange::FontSize(_) => {
            Err(Problem::WhatText)
        }
        TextChange::Set(text) => {
            let span = span.ok_or(Problem::NoVideo)?;
            let track = subtitles_mut(draft).ok_or(Problem::NoVideo)?;
            let segments = track.segments_mut();
            // A caption replaces those it would overlap.
            segments.retain(|s| {
                let start = s.start_ms().unwrap_or(0);
                let end = start.saturating_add(s.duration_ms().unwrap_or(0));
                end <= span.start_ms || start >= span.end_ms
            });
            let at = segments
                .iter()
                .position(|s| s.start_ms().unwrap_or(0) > span.start_ms)
                .unwrap_or(segments.len());
            segments.insert(at, caption_segment(text, span));
            let args = json!({ "text": text, "clip": position });
            Ok((
                applied("set_caption", args),
                Outcome::Caption(text.clone(), position),
            ))
        }
    }
}

/// Removes the captions over `span`, or all of them.
fn remove_captions(draft: &mut Draft, span: Option<Span>) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Subtitle);
    if tracks.is_empty() {
        return Err(Problem::NoCaptions);
    }
    let Some(span) = span else {
        for index in tracks.into_iter().rev() {
            draft.remove_track(index);
        }
        return Ok((
            applied("remove_captions", json!({})),
            Outcome::CaptionsRemoved(None),
        ));
    };
    let mut removed = false;
    for &index in &tracks {
        if let Some(track) = draft.track_mut(index) {
            let spans: Vec<Span> = track.spans().collect();
            let mut keep = spans
                .iter()
                .map(|s| s.end_ms <= span.start_ms || s.start_ms >= span.end_ms);
            let before = track.segments().len();
            track.segments_mut().retain(|_| keep.next().unwrap_or(true));
            removed |= track.segments().len() < before;
        }
    }
    if !removed {
        return Err(Problem::NoCaptions);
    }
    let position = clip_spans(draft)
        .iter()
        .position(|s| *s == span)
        .map(|i| i + 1);
    let args = json!({ "clip": position });
    Ok((
        applied("remove_captions", args),
        Outcome::CaptionsRemoved(position),
    ))
}
