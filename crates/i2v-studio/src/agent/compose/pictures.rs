//! Edits of the video track's pictures: their lengths, their order, which are in it.
//!
//! Each edit returns what it did ([`Applied`], [`Outcome`]) or why it did nothing
//! ([`Problem`]); an edit that would change nothing is [`Problem::Already`]. Every edit leaves
//! the transitions by their rules ([`super::look`]) and the other tracks in step ([`sync`]).

use i2v_core::draft::{Draft, Meta, Segment};
use serde_json::json;

use super::build::clip_segment;
use super::look::{
    current_style, fit_transitions, motion_name, tidy_transitions, uniform_transition,
};
use super::{
    Applied, Context, DEFAULT_CLIP_MS, MIN_CLIP_MS, check_clip, check_total, clip_spans,
    split_evenly, sync, to_tenths, total_of, video_index, video_ms, video_mut,
};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::MediaKind;
use crate::agent::understand::{Ordinal, Place};

/// What an edit did, or why it did nothing.
pub(crate) type Edit = Result<(Applied, Outcome), Problem>;

pub(super) fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// The pictures' lengths, in order.
pub(super) fn lengths(draft: &Draft) -> Vec<u64> {
    clip_spans(draft)
        .iter()
        .map(|span| span.duration_ms())
        .collect()
}

/// Resolves a picture reference among `count` pictures.
pub(super) fn resolve(ordinal: Ordinal, count: usize) -> Result<usize, Problem> {
    ordinal.resolve(count).ok_or(Problem::NoSuchPicture {
        asked: ordinal,
        count,
    })
}

/// Sets every picture's length, then tidies transitions and syncs the other tracks.
fn retime(draft: &mut Draft, new_lengths: &[u64]) -> Result<(), Problem> {
    if lengths(draft) == new_lengths {
        return Err(Problem::Already);
    }
    let before = clip_spans(draft);
    let track = video_mut(draft)?;
    for (segment, &ms) in track.segments_mut().iter_mut().zip(new_lengths) {
        segment.set_duration_ms(ms);
    }
    fit_transitions(track);
    let identity: Vec<Option<usize>> = (0..before.len()).map(Some).collect();
    sync(draft, &before, &identity);
    Ok(())
}

/// "make it 30 seconds": the total split evenly, the last picture ending exactly at it.
pub(crate) fn set_total(draft: &mut Draft, total_ms: u64) -> Edit {
    let count = lengths(draft).len();
    check_total(total_ms, count)?;
    retime(draft, &split_evenly(total_ms, count))?;
    let outcome = Outcome::Total {
        total_ms,
        clips: count,
    };
    Ok((
        applied("set_duration", json!({ "total_ms": total_ms })),
        outcome,
    ))
}

/// "make each photo 4 seconds".
pub(crate) fn set_each(draft: &mut Draft, each_ms: u64) -> Edit {
    let count = lengths(draft).len();
    check_clip(each_ms)?;
    check_total(each_ms.saturating_mul(count as u64), count)?;
    retime(draft, &vec![each_ms; count])?;
    let outcome = Outcome::Each {
        each_ms,
        total_ms: video_ms(draft),
    };
    Ok((
        applied("set_clip_durations", json!({ "each_ms": each_ms })),
        outcome,
    ))
}

/// "make the second photo 5 seconds".
pub(crate) fn set_clips(draft: &mut Draft, ordinals: &[Ordinal], ms: u64) -> Edit {
    check_clip(ms)?;
    resize_clips(draft, ordinals, |_| ms)
}

/// "make the first photo longer (by 2 seconds)": by the length said, or by half.
pub(crate) fn scale_clips(
    draft: &mut Draft,
    ordinals: &[Ordinal],
    longer: bool,
    by: Option<u64>,
) -> Edit {
    resize_clips(draft, ordinals, |old| {
        let change = by.unwrap_or(old / 2);
        let new = if longer {
            old.saturating_add(change)
        } else {
            old.saturating_sub(change)
        };
        to_tenths(new)
    })
}

/// Gives the pictures pointed at the length `length(old length)`.
fn resize_clips(draft: &mut Draft, ordinals: &[Ordinal], length: impl Fn(u64) -> u64) -> Edit {
    let mut new_lengths = lengths(draft);
    let count = new_lengths.len();
    let mut changed = Vec::new();
    for &ordinal in ordinals {
        let index = resolve(ordinal, count)?;
        if changed.iter().any(|(position, _)| *position == index + 1) {
            continue;
        }
        let Some(slot) = new_lengths.get_mut(index) else {
            continue;
        };
        *slot = length(*slot);
        check_clip(*slot)?;
        changed.push((index + 1, *slot));
    }
    if changed.is_empty() {
        return Err(Problem::WhichPicture);
    }
    check_total(total_of(&new_lengths), count)?;
    retime(draft, &new_lengths)?;
    let clips: Vec<serde_json::Value> = changed
        .iter()
        .map(|(position, ms)| json!({ "clip": position, "duration_ms": ms }))
        .collect();
    let outcome = Outcome::Clips {
        lengths: changed,
        total_ms: video_ms(draft),
    };
    Ok((
        applied("set_clip_durations", json!({ "clips": clips })),
        outcome,
    ))
}

/// "make it longer/shorter (by 5 seconds)": every picture scaled alike, by the length said or
/// by a fifth (rounded to a tenth of a second), the last one taking the rounding.
pub(crate) fn scale(draft: &mut Draft, longer: bool, by: Option<u64>) -> Edit {
    let old = lengths(draft);
    let count = old.len();
    let total = total_of(&old);
    let change = by.unwrap_or_else(|| to_tenths(total / 5)).max(100);
    let target = if longer {
        total.saturating_add(change)
    } else {
        total.checked_sub(change).ok_or(Problem::TooShort {
            min_ms: MIN_CLIP_MS.saturating_mul(count as u64),
        })?
    };
    check_total(target, count)?;
    let mut new_lengths: Vec<u64> = old
        .iter()
        .map(|&ms| {
            let scaled = u128::from(ms) * u128::from(target) / u128::from(total.max(1));
            u64::try_from(scaled).unwrap_or(u64::MAX)
        })
        .collect();
    let others = total_of(
        new_lengths
            .get(..count.saturating_sub(1))
            .unwrap_or_default(),
    );
    if let Some(last) = new_lengths.last_mut() {
        *last = target.saturating_sub(others);
    }
    if new_lengths.iter().any(|&ms| ms < MIN_CLIP_MS) {
        return Err(Problem::TooShort {
            min_ms: MIN_CLIP_MS.saturating_mul(count as u64),
        });
    }
    retime(draft, &new_lengths)?;
    let outcome = Outcome::Total {
        total_ms: target,
        clips: count,
    };
    Ok((
        applied("set_duration", json!({ "total_ms": target })),
        outcome,
    ))
}

/// Puts the pictures in a new order (`order[k]`: the old index of the picture now at `k`;
/// pictures left out are removed), then tidies transitions and syncs the other tracks.
fn reorder(draft: &mut Draft, order: &[usize]) -> Result<(), Problem> {
    let before = clip_spans(draft);
    let track = video_mut(draft)?;
    let template = uniform_transition(track);
    let mut old: Vec<Option<Segment>> = track.segments_mut().drain(..).map(Some).collect();
    let mut moved = vec![None; old.len()];
    for (new_index, &old_index) in order.iter().enumerate() {
        if let Some(segment) = old.get_mut(old_index).and_then(Option::take) {
            track.segments_mut().push(segment);
            if let Some(slot) = moved.get_mut(old_index) {
                *slot = Some(new_index);
            }
        }
    }
    tidy_transitions(track, template.as_ref());
    sync(draft, &before, &moved);
    Ok(())
}

/// "remove the second photo", "删掉最后一张".
pub(crate) fn remove(draft: &mut Draft, ordinals: &[Ordinal]) -> Edit {
    let count = lengths(draft).len();
    let mut gone = Vec::new();
    for &ordinal in ordinals {
        let index = resolve(ordinal, count)?;
        if !gone.contains(&index) {
            gone.push(index);
        }
    }
    if gone.is_empty() {
        return Err(Problem::WhichPicture);
    }
    if gone.len() >= count {
        return Err(Problem::WouldRemoveAll);
    }
    gone.sort_unstable();
    let order: Vec<usize> = (0..count).filter(|i| !gone.contains(i)).collect();
    reorder(draft, &order)?;
    let positions: Vec<usize> = gone.iter().map(|i| i + 1).collect();
    let args = json!({ "clips": positions });
    let outcome = Outcome::Removed {
        positions,
        left: order.len(),
        total_ms: video_ms(draft),
    };
    Ok((applied("remove_clips", args), outcome))
}

/// "keep only the first three photos", "只保留前三张": the others go.
pub(crate) fn keep(draft: &mut Draft, ordinals: &[Ordinal]) -> Edit {
    let count = lengths(draft).len();
    let mut kept = Vec::new();
    for &ordinal in ordinals {
        kept.push(resolve(ordinal, count)?);
    }
    let gone: Vec<Ordinal> = (0..count)
        .filter(|index| !kept.contains(index))
        .map(|index| Ordinal::Nth(index as u64 + 1))
        .collect();
    if gone.is_empty() {
        return Err(Problem::Already);
    }
    remove(draft, &gone)
}

/// "move the last photo to the start", "把第一张放到最后".
pub(crate) fn move_clip(draft: &mut Draft, from: Ordinal, place: Place) -> Edit {
    let count = lengths(draft).len();
    let from = resolve(from, count)?;
    let to = match place {
        Place::At(ordinal) => resolve(ordinal, count)?,
        Place::Before(ordinal) => {
            let other = resolve(ordinal, count)?;
            if from < other {
                other.saturating_sub(1)
            } else {
                other
            }
        }
        Place::After(ordinal) => {
            let other = resolve(ordinal, count)?;
            if from < other {
                other
            } else {
                (other + 1).min(count.saturating_sub(1))
            }
        }
    };
    if to == from {
        return Err(Problem::Already);
    }
    let mut order: Vec<usize> = (0..count).filter(|&i| i != from).collect();
    order.insert(to.min(order.len()), from);
    reorder(draft, &order)?;
    let args = json!({ "from": from + 1, "to": to + 1 });
    Ok((
        applied("move_clip", args),
        Outcome::Moved {
            from: from + 1,
            to: to + 1,
        },
    ))
}

/// "swap the first and last photos".
pub(crate) fn swap(draft: &mut Draft, a: Ordinal, b: Ordinal) -> Edit {
    let count = lengths(draft).len();
    let (a, b) = (resolve(a, count)?, resolve(b, count)?);
    if a == b {
        return Err(Problem::Already);
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.swap(a, b);
    reorder(draft, &order)?;
    let args = json!({ "clips": [a + 1, b + 1] });
    Ok((applied("swap_clips", args), Outcome::Swapped(a + 1, b + 1)))
}

/// "reverse the order", "倒序".
pub(crate) fn reverse(draft: &mut Draft) -> Edit {
    let count = lengths(draft).len();
    if count < 2 {
        return Err(Problem::Already);
    }
    let order: Vec<usize> = (0..count).rev().collect();
    reorder(draft, &order)?;
    Ok((applied("reverse_clips", json!({})), Outcome::Reversed))
}

/// "add the new photos": uploaded pictures not in the video yet go at its end, each as long as
/// the pictures already there last on average, moving the way the others do.
pub(crate) fn add_images(draft: &mut Draft, ctx: &Context<'_>) -> Edit {
    let before = clip_spans(draft);
    let old = lengths(draft);
    let track = video_mut(draft)?;
    let used: Vec<&str> = track
        .segments()
        .iter()
        .filter_map(|s| s.meta().and_then(Meta::src))
        .collect();
    let fresh: Vec<_> = ctx
        .media
        .iter()
        .filter(|m| m.kind == MediaKind::Image && !used.contains(&m.media_id.as_str()))
        .collect();
    if fresh.is_empty() {
        return Err(Problem::NoNewImages);
    }
    let average = match old.len() {
        0 => DEFAULT_CLIP_MS,
        n => to_tenths(total_of(&old) / n as u64),
    }
    .max(MIN_CLIP_MS);
    let total = total_of(&old).saturating_add(average.saturating_mul(fresh.len() as u64));
    check_total(total, old.len() + fresh.len())?;
    let style = current_style(track);
    let template = uniform_transition(track);
    for (k, media) in fresh.iter().enumerate() {
        let motion = motion_name(style, old.len() + k);
        track.add_segment(clip_segment(media, average, motion));
    }
    tidy_transitions(track, template.as_ref());
    let identity: Vec<Option<usize>> = (0..before.len()).map(Some).collect();
    sync(draft, &before, &identity);
    let ids: Vec<&str> = fresh.iter().map(|m| m.media_id.as_str()).collect();
    let outcome = Outcome::AddedImages {
        count: fresh.len(),
        total_ms: video_ms(draft),
    };
    Ok((applied("add_clips", json!({ "media": ids })), outcome))
}

/// Whether the draft has a video track with pictures.
pub(crate) fn has_pictures(draft: &Draft) -> bool {
    video_index(draft)
        .and_then(|index| draft.track(index))
        .is_some_and(|track| !track.segments().is_empty())
}
