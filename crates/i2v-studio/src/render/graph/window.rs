//! A window of the timeline: a run of its frames planned on its own, as one segment of a
//! segmented render (`super::super::segments`), and which frames of each clip's stream it takes.
//!
//! A clip's stream (head, body, tail: [`ClipParts`]) is laid on the timeline so that its head
//! blends with the previous clip's tail and its tail with the next clip's head; a window takes
//! the frames of each stream that fall inside it, with their place in the stream, so that a
//! moving view (zoom, pan) continues across a window's edge exactly where it was.

use super::super::timeline::{ClipParts, Timeline};

/// Frames `start..end` of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// The first frame, counted from the start of the whole video.
    pub(crate) start: u64,
    /// The frame after the last.
    pub(crate) end: u64,
}

impl Window {
    /// The whole timeline.
    pub(crate) fn whole(timeline: &Timeline) -> Window {
        Window {
            start: 0,
            end: timeline.frames,
        }
    }

    /// How many frames it holds.
    pub(crate) fn frames(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }
}

/// The frames of one clip's stream a window takes: `skip` frames are left out, then the given
/// numbers of its head, body and tail frames follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Slice {
    /// Where in the clip's stream the first frame taken is.
    pub skip: u64,
    /// Head frames taken.
    pub head: u64,
    /// Body frames taken.
    pub body: u64,
    /// Tail frames taken.
    pub tail: u64,
}

impl Slice {
    /// How many frames it takes.
    pub(crate) fn total(&self) -> u64 {
        self.head + self.body + self.tail
    }
}

/// The frames of clip `index` that `window` takes (all of them for the whole timeline).
pub(crate) fn slice(timeline: &Timeline, index: usize, window: Window) -> Slice {
    let parts: ClipParts = timeline.parts(index);
    let begins = timeline.stream_start(index);
    let lo = window.start.saturating_sub(begins).min(parts.total());
    let hi = window.end.saturating_sub(begins).min(parts.total());
    let overlap = |from: u64, length: u64| hi.min(from + length).saturating_sub(lo.max(from));
    Slice {
        skip: lo,
        head: overlap(0, parts.head),
        body: overlap(parts.head, parts.body),
        tail: overlap(parts.head + parts.body, parts.tail),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::request::Canvas;
    use super::super::super::timeline::Clip;
    use super::*;
    use i2v_core::draft::{Fit, Motion, TransitionKind};

    fn timeline() -> Timeline {
        let clip = |frames: u64, transition: Option<u64>| Clip {
            src: "a".into(),
            fit: Fit::Contain,
            motion: Motion::None,
            frames,
            transition: transition.map(|frames| (TransitionKind::Fade, frames)),
        };
        Timeline {
            canvas: Canvas::new(320, 180, 30),
            frames: 270,
            clips: vec![clip(90, Some(20)), clip(90, None), clip(90, None)],
            music: Vec::new(),
            texts: Vec::new(),
            fade_in_ms: 0,
            fade_out_ms: 0,
        }
    }

    #[test]
    fn the_whole_timeline_takes_every_frame_of_every_clip() {
        let timeline = timeline();
        let whole = Window::whole(&timeline);
        for index in 0..3 {
            let parts = timeline.parts(index);
            let slice = slice(&timeline, index, whole);
            assert_eq!(
                (slice.skip, slice.head, slice.body, slice.tail),
                (0, parts.head, parts.body, parts.tail)
            );
        }
        // The second clip's stream begins half its cross-fade before its boundary at 90.
        assert_eq!(timeline.stream_start(1), 80);
        assert_eq!(timeline.body_start(1), 100);
        assert_eq!(timeline.body_start(2), 180);
    }

    #[test]
    fn a_window_from_a_body_start_takes_the_rest_of_that_clip_only() {
        let timeline = timeline();
        let window = Window {
            start: 100,
            end: 200,
        };
        // The first clip ends with the cross-fade, before the window.
        assert_eq!(slice(&timeline, 0, window).total(), 0);
        let second = slice(&timeline, 1, window);
        assert_eq!((second.skip, second.head, second.body), (20, 0, 80));
        let third = slice(&timeline, 2, window);
        assert_eq!((third.skip, third.head, third.body), (0, 0, 20));
        assert_eq!(second.total() + third.total(), window.frames());
    }
}
