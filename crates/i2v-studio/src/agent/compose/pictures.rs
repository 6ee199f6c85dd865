//! Edits of the video track: lengths, order, added pictures, transitions, camera motion.
//!
//! Each edit returns what it did ([`Applied`], [`Outcome`]) or why it did nothing
//! ([`Problem`]); an edit that would change nothing is [`Problem::Already`]. Every edit leaves
//! the track by the conventions (no transition out of the last picture, none longer than half
//! the shorter picture beside it) and the other tracks in step ([`sync`]).

use i2v_core::draft::{Draft, Meta, Segment, Track, Transition};
use serde_json::json;

use super::build::clip_segment;
use super::{
    Applied, Context, DEFAULT_CLIP_MS, MIN_CLIP_MS, TRANSITION_MS, TRANSITION_RANGE_MS, check_clip,
    check_total, clip_spans, split_evenly, sync, video_index, video_ms, video_mut,
};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::types::MediaKind;
use crate::agent::understand::{MotionStyle, Ordinal, Place, TransitionChange};

/// What an edit did, or why it did nothing.
pub(crate) type Edit = Result<(Applied, Outcome), Problem>;

fn applied(tool: &'static str, args: serde_json::Value) -> Applied {
    Applied { tool, args }
}

/// The pictures' lengths, in order.
fn lengths(draft: &Draft) -> Vec<u64> {
    clip_spans(draft)
        .iter()
        .map(|span| span.duration_ms())
        .collect()
}

/// Resolves a picture reference among `count` pictures.
fn resolve(ordinal: Ordinal, count: usize) -> Result<usize, Problem> {
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
        // Tenths of a second read better in replies than stray milliseconds.
        (new + 50) / 100 * 100
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
    check_total(new_lengths.iter().sum(), count)?;
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
    let total: u64 = old.iter().sum();
    let change = by.unwrap_or_else(|| (total / 5 + 50) / 100 * 100).max(100);
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
    let others: u64 = new_lengths.iter().take(count.saturating_sub(1)).sum();
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
        n => (old.iter().sum::<u64>() / n as u64 + 50) / 100 * 100,
    }
    .max(MIN_CLIP_MS);
    let total = old
        .iter()
        .sum::<u64>()
        .saturating_add(average.saturating_mul(fresh.len() as u64));
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

/// "smooth transitions", "dissolve", "1-second transitions", "faster transitions", "no
/// transitions".
pub(crate) fn set_transitions(draft: &mut Draft, change: &TransitionChange) -> Edit {
    let change = match change {
        TransitionChange::Pace(slower) => paced(draft, *slower),
        other => other.clone(),
    };
    let original = draft.clone();
    let track = video_mut(draft)?;
    let (args, outcome) = match &change {
        TransitionChange::Remove => {
            for segment in track.segments_mut() {
                segment.meta_mut().remove("transition");
            }
            (json!({ "type": null }), Outcome::Transitions(None))
        }
        TransitionChange::Pace(_) => return Err(Problem::Already),
        TransitionChange::Set { kind, ms } => {
            let current = first_transition(track);
            let kind = kind
                .map(str::to_owned)
                .or_else(|| current.as_ref().and_then(|t| t.kind().map(str::to_owned)))
                .unwrap_or_else(|| "fade".to_owned());
            let ms = match ms {
                Some(ms) if *ms < TRANSITION_RANGE_MS.0 => {
                    return Err(Problem::TooShort {
                        min_ms: TRANSITION_RANGE_MS.0,
                    });
                }
                Some(ms) if *ms > TRANSITION_RANGE_MS.1 => {
                    return Err(Problem::TooLong {
                        max_ms: TRANSITION_RANGE_MS.1,
                    });
                }
                Some(ms) => *ms,
                None => current
                    .as_ref()
                    .and_then(Transition::duration_ms)
                    .unwrap_or(TRANSITION_MS),
            };
            for segment in track.segments_mut() {
                // The transition is edited in place, so keys this model does not know stay.
                let mut transition = segment
                    .meta()
                    .and_then(Meta::transition)
                    .cloned()
                    .unwrap_or_default();
                transition.set_kind(kind.clone()).set_duration_ms(ms);
                segment.meta_mut().set_transition(transition);
            }
            tidy_transitions(track, None);
            let shown = first_transition(track)
                .and_then(|t| t.duration_ms())
                .unwrap_or(ms);
            let args = json!({ "type": kind, "duration_ms": shown });
            (args, Outcome::Transitions(Some((kind, shown))))
        }
    };
    if *draft == original {
        return Err(Problem::Already);
    }
    Ok((applied("set_transitions", args), outcome))
}

/// Quicker transitions last half as long, slower ones half as long again (fades when there
/// were none).
fn paced(draft: &Draft, slower: bool) -> TransitionChange {
    let current = video_index(draft)
        .and_then(|index| draft.track(index))
        .and_then(first_transition);
    let ms = current
        .as_ref()
        .and_then(Transition::duration_ms)
        .unwrap_or(TRANSITION_MS);
    let ms = if slower {
        ms.saturating_add(ms / 2)
    } else {
        ms / 2
    };
    TransitionChange::Set {
        kind: None,
        ms: Some(ms.clamp(TRANSITION_RANGE_MS.0, TRANSITION_RANGE_MS.1)),
    }
}

/// "no motion", "slow zoom", "pan left", "zoom in on the first photo".
pub(crate) fn set_motion(draft: &mut Draft, style: MotionStyle, clip: Option<Ordinal>) -> Edit {
    let original = draft.clone();
    let count = lengths(draft).len();
    let only = clip.map(|ordinal| resolve(ordinal, count)).transpose()?;
    let track = video_mut(draft)?;
    for (index, segment) in track.segments_mut().iter_mut().enumerate() {
        if only.is_none_or(|only| only == index) {
            segment.meta_mut().set_motion(motion_name(style, index));
        }
    }
    if *draft == original {
        return Err(Problem::Already);
    }
    let position = only.map(|index| index + 1);
    let args = json!({ "motion": style_name(style), "clip": position });
    Ok((
        applied("set_motion", args),
        Outcome::Motion(style, position),
    ))
}

/// The motion of the picture at `index` in a style: alternating ones alternate by position.
pub(crate) fn motion_name(style: MotionStyle, index: usize) -> &'static str {
    match style {
        MotionStyle::Zooms if index % 2 == 0 => "zoom_in",
        MotionStyle::Zooms => "zoom_out",
        MotionStyle::Pans if index % 2 == 0 => "pan_left",
        MotionStyle::Pans => "pan_right",
        MotionStyle::Fixed(name) => name,
        MotionStyle::Still => "none",
    }
}

/// The name of a style in tool arguments.
pub(crate) fn style_name(style: MotionStyle) -> &'static str {
    match style {
        MotionStyle::Zooms => "alternate_zoom",
        MotionStyle::Pans => "alternate_pan",
        MotionStyle::Fixed(name) => name,
        MotionStyle::Still => "none",
    }
}

/// The style the pictures move in now: still if none moves, pans if any pans, else zooms.
fn current_style(track: &Track) -> MotionStyle {
    let motions: Vec<&str> = track
        .segments()
        .iter()
        .filter_map(|s| s.meta().and_then(Meta::motion))
        .collect();
    if !motions.is_empty() && motions.iter().all(|m| *m == "none") {
        MotionStyle::Still
    } else if motions.iter().any(|m| m.starts_with("pan")) {
        MotionStyle::Pans
    } else {
        MotionStyle::Zooms
    }
}

/// The first transition on the track, if any.
fn first_transition(track: &Track) -> Option<Transition> {
    track
        .segments()
        .iter()
        .find_map(|s| s.meta().and_then(Meta::transition))
        .cloned()
}

/// The transition every picture but the last has, when they all have one.
fn uniform_transition(track: &Track) -> Option<Transition> {
    let inner = track.segments().len().saturating_sub(1);
    let all = track
        .segments()
        .iter()
        .take(inner)
        .all(|s| s.meta().and_then(Meta::transition).is_some());
    if inner > 0 && all {
        first_transition(track)
    } else {
        None
    }
}

/// After pictures moved: the last picture has no transition out, and where every picture but
/// the last had one (`template`), every picture but the last has one again.
fn tidy_transitions(track: &mut Track, template: Option<&Transition>) {
    let last = track.segments().len().saturating_sub(1);
    for (index, segment) in track.segments_mut().iter_mut().enumerate() {
        let has = segment.meta().and_then(Meta::transition).is_some();
        if index == last {
            if has {
                segment.meta_mut().remove("transition");
            }
        } else if let (false, Some(template)) = (has, template) {
            segment.meta_mut().set_transition(template.clone());
        }
    }
    fit_transitions(track);
}

/// No transition lasts longer than half the shorter of the two pictures it joins, so that
/// every picture is fully seen for a moment.
fn fit_transitions(track: &mut Track) {
    let lengths: Vec<u64> = track.spans().map(|span| span.duration_ms()).collect();
    for (index, segment) in track.segments_mut().iter_mut().enumerate() {
        let Some(current) = segment.meta().and_then(Meta::transition) else {
            continue;
        };
        let shorter = match (lengths.get(index), lengths.get(index + 1)) {
            (Some(a), Some(b)) => (*a).min(*b),
            _ => continue,
        };
        let limit = shorter / 2;
        if current.duration_ms().is_none_or(|ms| ms > limit) {
            let mut fitted = current.clone();
            fitted.set_duration_ms(limit);
            segment.meta_mut().set_transition(fitted);
        }
    }
}

/// Whether the draft has a video track with pictures.
pub(crate) fn has_pictures(draft: &Draft) -> bool {
    video_index(draft)
        .and_then(|index| draft.track(index))
        .is_some_and(|track| !track.segments().is_empty())
}
