//! The whole video's fades from and to black ([`Timeline::fade_in_ms`], `fade_out_ms`): on the
//! finished picture, after the texts are drawn so that titles fade with it, and at the end on
//! the soundtrack too.
//!
//! The picture's fades count frames, not seconds, so that the ends are exact at any rate:
//! ffmpeg's `fade` is at its start on `start_frame` and complete `nb_frames` later, so the fade
//! in is black on the first frame and the fade out black on the last.

use super::super::timeline::Timeline;
use super::escape;

/// The filters that fade the picture, in order (none where the video does not fade).
pub(super) fn picture(timeline: &Timeline) -> Vec<String> {
    let canvas = timeline.canvas;
    let mut filters = Vec::new();
    let fade_in = canvas.frame_at(timeline.fade_in_ms);
    if fade_in > 0 {
        filters.push(format!("fade=t=in:s=0:n={fade_in}"));
    }
    let fade_out = canvas.frame_at(timeline.fade_out_ms);
    if fade_out > 0 {
        let last = timeline.frames.saturating_sub(1);
        let start = last.saturating_sub(fade_out);
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
        assert_eq!(
            picture(&timeline(1000, 500)),
            ["fade=t=in:s=0:n=30", "fade=t=out:s=74:n=15"]
        );
        assert!(picture(&timeline(0, 0)).is_empty());
        // Shorter than half a frame is no fade.
        assert!(picture(&timeline(10, 0)).is_empty());
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
