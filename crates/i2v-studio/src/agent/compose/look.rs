//! How the pictures pass and move: transitions between them and camera motion over them.
//!
//! Rules: the last picture has no transition out; no transition lasts longer than half the
//! shorter of the two pictures it joins, so every picture is seen whole for a moment; a
//! transition is edited in place, so keys this model does not know stay.

use i2v_core::draft::{Draft, Fit, Meta, Motion, Track, Transition, TransitionKind};
use serde_json::json;

use super::pictures::{Edit, applied, lengths, resolve};
use super::{TRANSITION_RANGE_MS, video_index, video_mut};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::understand::{MotionStyle, Ordinal, TransitionChange};

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
                .or_else(|| current.as_ref().and_then(Transition::kind))
                .unwrap_or(TransitionKind::Fade);
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
                    .unwrap_or(TransitionKind::DEFAULT_MS),
            };
            for segment in track.segments_mut() {
                // The transition is edited in place, so keys this model does not know stay.
                let mut transition = segment
                    .meta()
                    .and_then(Meta::transition)
                    .cloned()
                    .unwrap_or_default();
                transition.set_kind(kind).set_duration_ms(ms);
                segment.meta_mut().set_transition(transition);
            }
            tidy_transitions(track, None);
            let shown = first_transition(track)
                .and_then(|t| t.duration_ms())
                .unwrap_or(ms);
            let args = json!({ "type": kind.ffmpeg_name(), "duration_ms": shown });
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
        .unwrap_or(TransitionKind::DEFAULT_MS);
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

/// Changes the metadata of every picture, or of the one `clip` points at, with `change` (given
/// each picture's index); the 1-based position of the one, or `Already` when nothing changed.
fn each_picture(
    draft: &mut Draft,
    clip: Option<Ordinal>,
    mut change: impl FnMut(&mut Meta, usize),
) -> Result<Option<usize>, Problem> {
    let original = draft.clone();
    let count = lengths(draft).len();
    let only = clip.map(|ordinal| resolve(ordinal, count)).transpose()?;
    let track = video_mut(draft)?;
    for (index, segment) in track.segments_mut().iter_mut().enumerate() {
        if only.is_none_or(|only| only == index) {
            change(segment.meta_mut(), index);
        }
    }
    if *draft == original {
        return Err(Problem::Already);
    }
    Ok(only.map(|index| index + 1))
}

/// "no motion", "slow zoom", "pan left", "zoom in on the first photo".
pub(crate) fn set_motion(draft: &mut Draft, style: MotionStyle, clip: Option<Ordinal>) -> Edit {
    let position = each_picture(draft, clip, |meta, index| {
        meta.set_motion(motion_name(style, index));
    })?;
    let args = json!({ "motion": style_name(style), "clip": position });
    Ok((
        applied("set_motion", args),
        Outcome::Motion(style, position),
    ))
}

/// "fill the frame", "show the whole photo", "blurred background": how the pictures (or one)
/// fill the frame.
pub(crate) fn set_fit(draft: &mut Draft, fit: Fit, clip: Option<Ordinal>) -> Edit {
    let position = each_picture(draft, clip, |meta, _| {
        meta.set_fit(fit);
    })?;
    let args = json!({ "fit": fit.word(), "clip": position });
    Ok((applied("set_fit", args), Outcome::Fit(fit, position)))
}

/// The motion of the picture at `index` in a style: alternating ones alternate by position.
pub(crate) fn motion_name(style: MotionStyle, index: usize) -> Motion {
    match style {
        MotionStyle::Zooms if index % 2 == 0 => Motion::ZoomIn,
        MotionStyle::Zooms => Motion::ZoomOut,
        MotionStyle::Pans if index % 2 == 0 => Motion::PanLeft,
        MotionStyle::Pans => Motion::PanRight,
        MotionStyle::Fixed(motion) => motion,
        MotionStyle::Still => Motion::None,
    }
}

/// The name of a style in tool arguments.
pub(crate) fn style_name(style: MotionStyle) -> &'static str {
    match style {
        MotionStyle::Zooms => "alternate_zoom",
        MotionStyle::Pans => "alternate_pan",
        MotionStyle::Fixed(motion) => motion.word(),
        MotionStyle::Still => Motion::None.word(),
    }
}

/// The style the pictures move in now: still if none moves, pans if any pans, else zooms.
pub(crate) fn current_style(track: &Track) -> MotionStyle {
    let motions: Vec<Motion> = track
        .segments()
        .iter()
        .filter_map(|s| s.meta().and_then(Meta::motion))
        .collect();
    if !motions.is_empty() && motions.iter().all(|m| *m == Motion::None) {
        MotionStyle::Still
    } else if motions.iter().any(|m| m.is_pan()) {
        MotionStyle::Pans
    } else {
        MotionStyle::Zooms
    }
}

/// The first transition on the track, if any.
pub(crate) fn first_transition(track: &Track) -> Option<Transition> {
    track
        .segments()
        .iter()
        .find_map(|s| s.meta().and_then(Meta::transition))
        .cloned()
}

/// The transition every picture but the last has, when they all have one.
pub(crate) fn uniform_transition(track: &Track) -> Option<Transition> {
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
pub(crate) fn tidy_transitions(track: &mut Track, template: Option<&Transition>) {
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
pub(crate) fn fit_transitions(track: &mut Track) {
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
