//! Fading the whole video from black at its start and to black at its end: `fade_in` and
//! `fade_out`, in ms, in the `m` of the video track itself (the agent's module doc).
//!
//! Rules: a fade lasts 1 s unless a length is asked (0.1 to 5 s), and at most half the video,
//! so the two never meet; a fade asked again at the length it has changes nothing. The track
//! keeps every other key of its `m`.

use i2v_core::draft::{Draft, Meta, Track};
use serde_json::json;

use super::pictures::{Edit, applied};
use super::{video_ms, video_mut};
use crate::agent::outcome::{Outcome, Problem};
use crate::agent::understand::{FadeChange, FadeEnd};

/// How long a fade lasts when no length is asked.
pub(crate) const DEFAULT_FADE_MS: u64 = 1000;
/// The shortest and longest fade asked for.
pub(crate) const FADE_RANGE_MS: (u64, u64) = (100, 5000);

/// The draft key of a fade at this end.
fn key(end: FadeEnd) -> &'static str {
    match end {
        FadeEnd::Start => "fade_in",
        FadeEnd::End => "fade_out",
    }
}

/// The fade at this end of the video track, in ms.
fn current(track: &Track, end: FadeEnd) -> Option<u64> {
    let meta = track.meta()?;
    match end {
        FadeEnd::Start => meta.fade_in_ms(),
        FadeEnd::End => meta.fade_out_ms(),
    }
}

/// "fade in from black at the start", "a 2-second fade out", "no fade out".
pub(crate) fn set_fade(draft: &mut Draft, end: FadeEnd, change: FadeChange) -> Edit {
    let half = video_ms(draft) / 2;
    let track = video_mut(draft)?;
    let before = current(track, end);
    let at = match end {
        FadeEnd::Start => "start",
        FadeEnd::End => "end",
    };
    let ms = match change {
        FadeChange::Remove => {
            if before.is_none() {
                return Err(Problem::NoFade(end));
            }
            track.meta_mut().remove(key(end));
            let args = json!({ "at": at, "duration_ms": null });
            return Ok((applied("set_video_fade", args), Outcome::Fade(end, None)));
        }
        FadeChange::Set(Some(ms)) if ms < FADE_RANGE_MS.0 => {
            return Err(Problem::TooShort {
                min_ms: FADE_RANGE_MS.0,
            });
        }
        FadeChange::Set(Some(ms)) if ms > FADE_RANGE_MS.1.min(half) => {
            return Err(Problem::TooLong {
                max_ms: FADE_RANGE_MS.1.min(half),
            });
        }
        FadeChange::Set(Some(ms)) => ms,
        // Half a short video at most, in whole tenths of a second, which a reply can say.
        FadeChange::Set(None) => before.unwrap_or(DEFAULT_FADE_MS.min(half / 100 * 100)),
    };
    if before == Some(ms) {
        return Err(Problem::Already);
    }
    let meta: &mut Meta = track.meta_mut();
    match end {
        FadeEnd::Start => meta.set_fade_in_ms(ms),
        FadeEnd::End => meta.set_fade_out_ms(ms),
    };
    let args = json!({ "at": at, "duration_ms": ms });
    Ok((
        applied("set_video_fade", args),
        Outcome::Fade(end, Some(ms)),
    ))
}
