//! The whole video's fades from and to black ([`Timeline::fade_in_ms`], `fade_out_ms`): on the
//! finished picture, after the texts are drawn so that titles fade with it, and at the end on
//! the soundtrack too.
//!
//! The picture's fades count frames, not seconds, so that the ends are exact at any rate:
//! ffmpeg's `fade` is at its start on `start_frame` and complete `nb_frames` later, so the fade
//! in is black on the first frame and the fade out black on the last.

use super::super::timeline::Timeline;
use super::escape;
use super::window::Window;

/// The filters that fade the picture of `window`, in order (none where the video does not
/// fade). A segmented render cuts its windows outside the fades ([`Timeline::fade_frames`]), so a window
/// holds all of a fade or none of it, and its own frame count places it.
pub(super) fn picture(timeline: &Timeline, window: Window) -> Vec<String> {
    let mut filters = Vec::new();
    let (fade_in, (start, fade_out)) = timeline.fade_frames();
    if fade_in > 0 && window.start == 0 {
        filters.push(format!("fade=t=in:s=0:n={fade_in}"));
    }
    if fade_out > 0 && window.end >= timeline.frames {
        let start = start.saturating_sub(window.start);
        filters.push(format!("fade=t=out:s={start}:n={fade_out}"));
    }
    filters
}

/// The filter that fades the soundtrack out with the picture, if the video fades out.
pub(super) fn sound(timeline: &Timeline) -> Option<String> {
    if timeline.fade_out_ms == 0 {
        return None;
    }
    let length = timeline.duration_ms() as f64 / 1000.0;
    let fade = (timeline.fade_out_ms as f64 / 1000.0).min(length);
    Some(format!(
        "afade=t=out:st={}:d={}",
        escape::seconds(length - fade),
        escape::seconds(fade)
    ))
}

#[cfg(test)]
mod tests {
    use super::super::super::request::Canvas;
    use super::*;

    fn timeline(fade_in_ms: u64, fade_out_ms: u64) -> Timeline {
        Timeline {
            canvas: Canvas::new(320, 180, 30),
            frames: 90,
            clips: Vec::new(),
            music: Vec::new(),
            texts: Vec::new(),
            fade_in_ms,
            fade_out_ms,
        }
    }

    #[test]
    fn the_picture_is_black_on_its_first_and_last_frames() {
        let whole = |t: &Timeline| picture(t, Window::whole(t));
        assert_eq!(
            whole(&timeline(1000, 500)),
            ["fade=t=in:s=0:n=30", "fade=t=out:s=74:n=15"]
        );
        assert!(whole(&timeline(0, 0)).is_empty());
        // Shorter than half a frame is no fade.
        assert!(whole(&timeline(10, 0)).is_empty());
    }

    #[test]
    fn a_window_fades_only_where_it_holds_a_fade_counted_from_its_own_start() {
        let faded = timeline(1000, 500);
        let first = Window { start: 0, end: 40 };
        assert_eq!(picture(&faded, first), ["fade=t=in:s=0:n=30"]);
        let middle = Window { start: 40, end: 60 };
        assert!(picture(&faded, middle).is_empty());
        let last = Window { start: 60, end: 90 };
        assert_eq!(picture(&faded, last), ["fade=t=out:s=14:n=15"]);
        assert_eq!(faded.fade_frames(), (30, (74, 15)));
    }

    #[test]
    fn the_sound_fades_out_with_the_picture_only() {
        assert_eq!(
            sound(&timeline(0, 500)).as_deref(),
            Some("afade=t=out:st=2.5:d=0.5")
        );
        assert_eq!(sound(&timeline(1000, 0)), None);
    }
}
