//! Edits of the title: its words, how long it shows, where it sits, its colour and size; its
//! removal, or its move off the opening.
//!
//! The title track is made by the conventions of the agent's module doc; an existing one is
//! edited in place (only the keys an edit names change), so keys this model does not know stay.
//! A title moved to another time ("move the title to the end") becomes a placed text there
//! ([`super::texts`]): the title role is the opening's.

use i2v_core::draft::{Draft, Meta, Position, Segment, Track, TrackKind, TrackRole};
use serde_json::json;

use super::pictures::Edit;
use super::texts::{TITLE_FONT_SIZE, look_args, place, restyle_meta};
use super::{Applied, MIN_CLIP_MS, TITLE_MS, text_indexes, video_ms};
use crate::agent::outcome::{Look, Outcome, Problem};
use crate::agent::understand::{TextChange, When};

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
        .set_font_size(TITLE_FONT_SIZE)
        .set_fade_in_ms(400)
        .set_fade_out_ms(400);
    track.add_segment(segment);
    draft.add_track(track);
}

/// The title's segment for editing.
fn title_mut(draft: &mut Draft, index: usize) -> Result<&mut Segment, Problem> {
    draft
        .track_mut(index)
        .and_then(|t| t.segment_mut(0))
        .ok_or(Problem::NoTitle)
}

/// "add a title 'Summer'", "change the title to …", "show the title for 5 s", "move the title to
/// the top", "make the title red", "bigger", "remove the title".
pub(crate) fn set_title(draft: &mut Draft, change: &TextChange) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Title);
    let Some(index) = tracks.first().copied() else {
        return match change {
            TextChange::Set(text) => {
                put_title(draft, text);
                let end_ms = TITLE_MS.min(video_ms(draft));
                let args = json!({ "text": text, "start_ms": 0, "end_ms": end_ms });
                let outcome = Outcome::TitleAdded {
                    text: text.clone(),
                    end_ms,
                };
                Ok((applied("set_title", args), outcome))
            }
            // No default title: a title is only ever the person's own words.
            TextChange::Default => Err(Problem::TitleWanted),
            _ => Err(Problem::NoTitle),
        };
    };
    match change {
        TextChange::Remove => {
            for index in tracks.into_iter().rev() {
                draft.remove_track(index);
            }
            Ok((applied("remove_title", json!({})), Outcome::TitleRemoved))
        }
        TextChange::Default => Err(Problem::TitleWanted),
        TextChange::Set(text) => {
            let segment = title_mut(draft, index)?;
            if segment.meta().and_then(Meta::text) == Some(text.as_str()) {
                return Err(Problem::Already);
            }
            segment.meta_mut().set_text(text.clone());
            Ok((
                applied("set_title", json!({ "text": text })),
                Outcome::Title(text.clone()),
            ))
        }
        TextChange::Duration(ms) => {
            let total = video_ms(draft);
            if *ms < MIN_CLIP_MS {
                return Err(Problem::TooShort {
                    min_ms: MIN_CLIP_MS,
                });
            }
            if *ms > total {
                return Err(Problem::TooLong { max_ms: total });
            }
            let segment = title_mut(draft, index)?;
            if segment.duration_ms() == Some(*ms) {
                return Err(Problem::Already);
            }
            segment.set_duration_ms(*ms);
            Ok((
                applied("set_title", json!({ "duration_ms": ms })),
                Outcome::TitleShown(*ms),
            ))
        }
        TextChange::Resize(_)
        | TextChange::FontSize(_)
        | TextChange::Position(_)
        | TextChange::Color(_) => {
            let segment = title_mut(draft, index)?;
            let look = restyle_meta(segment.meta_mut(), change, TITLE_FONT_SIZE)
                .ok_or(Problem::Already)?;
            let args = look_args(&look);
            let outcome = match look {
                Look::Size(size) => Outcome::TitleSize(size),
                other => Outcome::TitleLook(other),
            };
            Ok((applied("set_title", args), outcome))
        }
    }
}

/// "move the title to the end", "put the title over photo 3": the title leaves the opening and
/// shows there as a placed text, looking as it did.
pub(crate) fn move_title(draft: &mut Draft, when: When) -> Edit {
    let tracks = text_indexes(draft, &TrackRole::Title);
    let index = tracks.first().copied().ok_or(Problem::NoTitle)?;
    let meta = draft
        .track(index)
        .and_then(|t| t.segment(0))
        .and_then(Segment::meta)
        .cloned()
        .ok_or(Problem::NoTitle)?;
    let text = meta.text().unwrap_or("").to_owned();
    let mut next = draft.clone();
    for index in tracks.into_iter().rev() {
        next.remove_track(index);
    }
    let placed = place(&mut next, &text, when)?;
    *draft = next;
    let args = json!({
        "text": text,
        "start_ms": placed.span.start_ms,
        "end_ms": placed.span.end_ms,
    });
    Ok((applied("move_title", args), Outcome::TitleMoved(placed)))
}
