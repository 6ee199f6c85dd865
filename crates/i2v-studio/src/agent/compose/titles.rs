//! Edits of the title: its text, how long it shows, its size; or its removal.
//!
//! The title track is made by the conventions of the agent's module doc; an existing one is
//! edited in place (only the keys an edit names change), so keys this model does not know stay.

use i2v_core::draft::{Draft, Meta, Position, Segment, Track, TrackKind, TrackRole};
use serde_json::json;

use super::pictures::Edit;
use super::{Applied, MIN_CLIP_MS, TITLE_MS, text_indexes, video_ms};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::understand::TextChange;

fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// Adds a title track showing `text` from the start, for [`TITLE_MS`] or the whole video if
/// shorter.
pub(crate) fn put_title(draft: &mut Draft, text: &str) {
    let shown = TITLE_MS.min(video_ms(draft));
    let mut track = Track::new(TrackKind::Text);
    track.meta_mut().set_role(&TrackRole::Title);
    let mut segment = Segment::new(shown);
    segment.set_start_ms(Some(0));
    segment
        .meta_mut()
        .set_text(text)
        .set_position(Position::Center)
        .set_color("#FFFFFF")
        .set_font_size(72)
        .set_fade_in_ms(400)
        .set_fade_out_ms(400);
    track.add_segment(segment);
    draft.add_track(track);
}

/// "add a title 'Summer'", "change the title to …", "show the title for 5 s", "remove the title".
pub(crate) fn set_title(draft: &mut Draft, change: &TextChange) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Title);
    let existing = tracks.first().copied();
    match (change, existing) {
        (TextChange::Remove | TextChange::Duration(_) | TextChange::Resize(_), None) => {
            Err(Problem::NoTitle)
        }
        (TextChange::Resize(bigger), Some(index)) => {
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            let current = segment.meta().and_then(Meta::font_size).unwrap_or(72.0);
            let size = if *bigger {
                current * 1.25
            } else {
                current / 1.25
            };
            // Whole pixels, within what stays readable and on screen.
            let size = size.round().clamp(24.0, 200.0) as u32;
            if f64::from(size) == current {
                return Err(Problem::Already);
            }
            segment.meta_mut().set_font_size(size);
            Ok((
                applied("set_title", json!({ "font_size": size })),
                Outcome::TitleSize(size),
            ))
        }
        (TextChange::Remove, Some(_)) => {
            for index in tracks.into_iter().rev() {
                draft.remove_track(index);
            }
            Ok((applied("remove_title", json!({})), Outcome::TitleRemoved))
        }
        (TextChange::Default, Some(_)) => Err(Problem::Already),
        // No default title: a title is only ever the person's own words.
        (TextChange::Default, None) => Err(Problem::TitleWanted),
        (TextChange::Set(text), None) => {
            put_title(draft, text);
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.clone()),
            ))
        }
        (TextChange::Set(text), Some(index)) => {
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            if segment.meta().and_then(Meta::text) == Some(text.as_str()) {
                return Err(Problem::Already);
            }
            segment.meta_mut().set_text(text.clone());
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.clone()),
            ))
        }
        (TextChange::Duration(ms), Some(index)) => {
            let total = video_ms(draft);
            if *ms < MIN_CLIP_MS {
                return Err(Problem::TooShort {
                    min_ms: MIN_CLIP_MS,
                });
            }
            if *ms > total {
                return Err(Problem::TooLong { max_ms: total });
            }
            let segment = draft
                .track_mut(index)
                .and_then(|t| t.segment_mut(0))
                .ok_or(Problem::NoTitle)?;
            if segment.duration_ms() == Some(*ms) {
                return Err(Problem::Already);
            }
            segment.set_duration_ms(*ms);
            Ok((
                applied("set_title", json!({ "duration_ms": ms })),
                Outcome::TitleShown(*ms),
            ))
        }
    }
}
