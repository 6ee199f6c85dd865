//! Building and editing drafts by the studio's conventions (the agent's module doc states them).
//!
//! [`build`] makes a new draft in two stages; [`pictures`] edits the pictures (lengths, order,
//! which are in it) and [`look`] how they pass and move (transitions, motion); [`music`],
//! [`titles`], [`texts`] (placed on the timeline) and [`captions`] edit what plays and shows
//! over them; [`pace`] makes every picture quicker or slower and [`fades`] fades the whole video
//! from and to black. Every edit of the video track's pictures ends with [`sync`], which keeps
//! the other tracks consistent with it.

pub(crate) mod build;
pub(crate) mod captions;
pub(crate) mod fades;
pub(crate) mod look;
pub(crate) mod music;
pub(crate) mod pace;
pub(crate) mod pictures;
pub(crate) mod texts;
pub(crate) mod titles;

use i2v_core::draft::{Draft, Span, Track, TrackKind, TrackRole};

use super::outcome::Problem;
use super::types::MediaRef;

/// A picture lasts this long when no length is asked for.
pub(crate) const DEFAULT_CLIP_MS: u64 = 3000;
/// The shortest a picture may last.
pub(crate) const MIN_CLIP_MS: u64 = 500;
/// The longest a picture may last.
pub(crate) const MAX_CLIP_MS: u64 = 60_000;
/// The longest a video may last.
pub(crate) const MAX_TOTAL_MS: u64 = 600_000;
/// The shortest and longest transition asked for.
pub(crate) const TRANSITION_RANGE_MS: (u64, u64) = (100, 5000);
/// How long a title shows.
pub(crate) const TITLE_MS: u64 = 3000;

/// What an edit needs to know besides the draft.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The session's uploads.
    pub(crate) media: &'a [MediaRef],
}

/// A change made: the tool that made it and its arguments, for the stream.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Applied {
    /// The tool's name.
    pub(crate) tool: &'static str,
    /// The call's arguments.
    pub(crate) args: serde_json::Value,
}

/// The index of the video track: the first track of pictures.
pub(crate) fn video_index(draft: &Draft) -> Option<usize> {
    draft
        .tracks()
        .iter()
        .position(|track| track.kind() == TrackKind::Video)
}

/// The index of the background music track: the first track whose role is the music.
pub(crate) fn bgm_index(draft: &Draft) -> Option<usize> {
    draft
        .tracks()
        .iter()
        .position(|track| track.role() == TrackRole::Music)
}

/// The indexes of the tracks with this role ([`TrackRole::Title`], [`TrackRole::Subtitle`]).
pub(crate) fn text_indexes(draft: &Draft, role: &TrackRole) -> Vec<usize> {
    draft
        .tracks()
        .iter()
        .enumerate()
        .filter(|(_, track)| track.role() == *role)
        .map(|(index, _)| index)
        .collect()
}

/// Where each picture sits on the timeline.
pub(crate) fn clip_spans(draft: &Draft) -> Vec<Span> {
    video_index(draft)
        .and_then(|index| draft.track(index))
        .map(|track| track.spans().collect())
        .unwrap_or_default()
}

/// How long the pictures last together: the end of the video track.
pub(crate) fn video_ms(draft: &Draft) -> u64 {
    clip_spans(draft)
        .iter()
        .map(|span| span.end_ms)
        .max()
        .unwrap_or(0)
}

/// The video track for editing, or the problem that there is none.
pub(crate) fn video_mut(draft: &mut Draft) -> Result<&mut Track, Problem> {
    let index = video_index(draft).ok_or(Problem::NoVideo)?;
    draft.track_mut(index).ok_or(Problem::NoVideo)
}

/// Checks a total length: at least [`MIN_CLIP_MS`] per picture, at most [`MAX_TOTAL_MS`].
pub(crate) fn check_total(total_ms: u64, clips: usize) -> Result<(), Problem> {
    let clips = u64::try_from(clips).unwrap_or(u64::MAX).max(1);
    let min_ms = MIN_CLIP_MS.saturating_mul(clips);
    if total_ms < min_ms {
        return Err(Problem::TooShort { min_ms });
    }
    if total_ms > MAX_TOTAL_MS || total_ms / clips > MAX_CLIP_MS {
        return Err(Problem::TooLong {
            max_ms: MAX_TOTAL_MS.min(MAX_CLIP_MS.saturating_mul(clips)),
        });
    }
    Ok(())
}

/// Checks the length of one picture.
pub(crate) fn check_clip(ms: u64) -> Result<(), Problem> {
    if ms < MIN_CLIP_MS {
        return Err(Problem::TooShort {
            min_ms: MIN_CLIP_MS,
        });
    }
    if ms > MAX_CLIP_MS {
        return Err(Problem::TooLong {
            max_ms: MAX_CLIP_MS,
        });
    }
    Ok(())
}

/// The sum of lengths, saturating: a draft from elsewhere may hold absurd ones.
pub(crate) fn total_of(lengths: &[u64]) -> u64 {
    lengths.iter().fold(0, |sum, ms| sum.saturating_add(*ms))
}

/// A length rounded to the nearest tenth of a second, which reads better in replies.
pub(crate) fn to_tenths(ms: u64) -> u64 {
    ms.saturating_add(50) / 100 * 100
}

/// Splits `total_ms` over `count` pictures: equal whole-ms shares, the remainder on the last,
/// so that the last picture ends exactly at `total_ms`.
pub(crate) fn split_evenly(total_ms: u64, count: usize) -> Vec<u64> {
    let Some(last) = count.checked_sub(1) else {
        return Vec::new();
    };
    let share = total_ms / u64::try_from(count).unwrap_or(u64::MAX).max(1);
    let rest = total_ms.saturating_sub(share.saturating_mul(u64::try_from(last).unwrap_or(0)));
    (0..count)
        .map(|i| if i == last { rest } else { share })
        .collect()
}

/// Keeps the other tracks consistent after the video track changed.
///
/// `before` is where the pictures sat before the edit and `moved[i]` where picture `i` went
/// (`None`: removed). Rules:
/// - the music lasts exactly as long as the pictures;
/// - a caption (`subtitle`) or a placed text (no role) that covered picture `i` exactly covers
///   it again wherever it went, and goes with it; one that covered the whole video covers the
///   whole video again;
/// - a text at the end (on the [`texts::OUTRO`] track) stays as far from the end and as long as
///   before: at the end;
/// - any other text (the title) is cut at the new end, and dropped if it starts after it;
/// - a text track emptied this way goes.
pub(crate) fn sync(draft: &mut Draft, before: &[Span], moved: &[Option<usize>]) {
    let after = clip_spans(draft);
    let total = after.iter().map(|span| span.end_ms).max().unwrap_or(0);
    let old_total = before.iter().map(|span| span.end_ms).max().unwrap_or(0);
    if let Some(track) = bgm_index(draft).and_then(|index| draft.track_mut(index)) {
        for segment in track.segments_mut() {
            segment.set_duration_ms(total);
        }
    }
    let mut emptied = Vec::new();
    for (index, track) in draft.tracks_mut().iter_mut().enumerate() {
        if track.kind() != TrackKind::Text || track.segments().is_empty() {
            continue;
        }
        let role = track.role();
        let outro = texts::is_outro(track);
        let spans: Vec<Span> = track.spans().collect();
        let mut keep = Vec::new();
        for (mut segment, span) in track.segments_mut().drain(..).zip(spans) {
            let target = match role {
                _ if outro => {
                    // As far from the end as before (a text at the end: at the end).
                    let end_ms = total.saturating_sub(old_total.saturating_sub(span.end_ms));
                    (end_ms > 0).then(|| Span {
                        start_ms: end_ms.saturating_sub(span.duration_ms()),
                        end_ms,
                    })
                }
                TrackRole::Subtitle | TrackRole::Text => {
                    caption_target(span, before, moved, &after, old_total, total)
                }
                _ => (span.start_ms < total).then(|| Span {
                    start_ms: span.start_ms,
                    end_ms: span.end_ms.min(total),
                }),
            };
            if let Some(target) = target {
                segment
                    .set_start_ms(Some(target.start_ms))
                    .set_duration_ms(target.duration_ms());
                keep.push(segment);
            }
        }
        if keep.is_empty() {
            emptied.push(index);
        }
        *track.segments_mut() = keep;
    }
    for index in emptied.into_iter().rev() {
        draft.remove_track(index);
    }
}

/// Where a caption goes after the pictures moved (see [`sync`]).
fn caption_target(
    span: Span,
    before: &[Span],
    moved: &[Option<usize>],
    after: &[Span],
    old_total: u64,
    total: u64,
) -> Option<Span> {
    if let Some(i) = before.iter().position(|clip| *clip == span) {
        let j = moved.get(i).copied().flatten()?;
        return after.get(j).copied();
    }
    if span.start_ms == 0 && span.end_ms == old_total {
        return Some(Span {
            start_ms: 0,
            end_ms: total,
        });
    }
    (span.start_ms < total).then(|| Span {
        start_ms: span.start_ms,
        end_ms: span.end_ms.min(total),
    })
}
