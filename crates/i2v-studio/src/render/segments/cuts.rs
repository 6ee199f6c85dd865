//! Where a segmented render cuts the timeline into windows.
//!
//! A cut is made only where a clip starts to be shown alone ([`Timeline::body_start`]): after its
//! incoming transition has ended and before anything else blends with it. Every transition
//! then lies whole inside one segment, so no blend is ever split; the clip that a cut passes
//! through is read by both segments, each rendering its own frames of the clip's stream with
//! their place in the move (a zoom continues exactly). No cut falls inside the whole video's
//! fade in or fade out either, so each fade is drawn whole by the first or the last segment.
//!
//! Segments are about a clip each (at least [`MIN_SEGMENT_SECONDS`]): small enough to keep
//! every core busy to the end and to make an edit re-render little, large enough that starting
//! ffmpeg and reading a photo twice stay a small share of the work.

use super::super::graph::Window;
use super::super::timeline::Timeline;

/// The shortest segment, in seconds.
pub(crate) const MIN_SEGMENT_SECONDS: u64 = 2;

/// The windows a timeline is rendered in, in order, covering it exactly.
pub(crate) fn windows(timeline: &Timeline) -> Vec<Window> {
    let fps = u64::from(timeline.canvas.fps.max(1));
    let least = MIN_SEGMENT_SECONDS * fps;
    let (faded_in, (fade_out_from, _)) = timeline.fade_frames();
    let mut windows = Vec::new();
    let mut start = 0;
    for index in 1..timeline.clips.len() {
        let cut = timeline.body_start(index);
        let allowed = cut >= faded_in && cut <= fade_out_from;
        let long_enough = cut >= start + least && timeline.frames >= cut + least;
        if allowed && long_enough {
            windows.push(Window { start, end: cut });
            start = cut;
        }
    }
    windows.push(Window {
        start,
        end: timeline.frames,
    });
    windows
}

#[cfg(test)]
mod tests {
    use super::super::super::request::Canvas;
    use super::super::super::timeline::Clip;
    use super::*;
    use i2v_core::draft::{Fit, Motion, TransitionKind};

    fn timeline(lengths: &[u64], fade_ms: (u64, u64)) -> Timeline {
        let clips: Vec<Clip> = lengths
            .iter()
            .enumerate()
            .map(|(i, &frames)| Clip {
                src: "a".into(),
                fit: Fit::Contain,
                motion: Motion::None,
                frames,
                // A 20-frame cross-fade out of every clip but the last.
                transition: (i + 1 < lengths.len()).then_some((TransitionKind::Fade, 20)),
            })
            .collect();
        Timeline {
            canvas: Canvas::new(320, 180, 30),
            frames: lengths.iter().sum(),
            clips,
            music: Vec::new(),
            texts: Vec::new(),
            fade_in_ms: fade_ms.0,
            fade_out_ms: fade_ms.1,
        }
    }

    fn bounds(windows: &[Window]) -> Vec<(u64, u64)> {
        windows.iter().map(|w| (w.start, w.end)).collect()
    }

    #[test]
    fn each_clip_of_two_seconds_or_more_starts_a_segment_after_its_transition() {
        // Clips start at 90, 180, 270; their cross-fades end 10 frames later.
        let windows = windows(&timeline(&[90, 90, 90, 90], (0, 0)));
        assert_eq!(
            bounds(&windows),
            [(0, 100), (100, 190), (190, 280), (280, 360)]
        );
    }

    #[test]
    fn short_clips_gather_until_a_segment_is_long_enough() {
        let windows = windows(&timeline(&[40, 40, 40, 40, 40, 40], (0, 0)));
        // At least 60 frames each; the end is too close to cut before.
        assert_eq!(bounds(&windows), [(0, 90), (90, 170), (170, 240)]);
    }

    #[test]
    fn no_cut_falls_inside_the_whole_videos_fades() {
        // A 4 s fade in (120 frames) and a 3 s fade out (from frame 269).
        let windows = windows(&timeline(&[90, 90, 90, 90], (4000, 3000)));
        assert_eq!(bounds(&windows), [(0, 190), (190, 360)]);
        let one = super::windows(&timeline(&[90], (0, 0)));
        assert_eq!(bounds(&one), [(0, 90)]);
    }
}
