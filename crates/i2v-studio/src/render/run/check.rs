//! Whether the file ffmpeg wrote is the video that was asked for: the format's codecs, the
//! planned size, and above all its whole length. A file whose video stream ends early plays as
//! a video that stops before its draft does; it fails the job, never completes it.

use super::super::error::RenderError;
use super::super::graph::FfmpegPlan;
use super::super::output::Format;
use super::super::request::Canvas;
use super::probe::Probe;

/// Checks the probe of a plan's output.
pub(super) fn output(plan: &FfmpegPlan, probe: &Probe) -> Result<(), RenderError> {
    facts(plan.format, plan.canvas, plan.duration_ms, probe)
}

/// The codecs a format's streams must have: video, then audio (`None`: no sound).
fn codecs(format: Format) -> (&'static str, Option<&'static str>) {
    match format {
        Format::Mp4 | Format::Mov => ("h264", Some("aac")),
        Format::Webm => ("vp9", Some("opus")),
        Format::Gif => ("gif", None),
    }
}

/// Checks a probe against what was planned: `format`, `canvas`, `duration_ms`.
fn facts(
    format: Format,
    canvas: Canvas,
    duration_ms: u64,
    probe: &Probe,
) -> Result<(), RenderError> {
    let Some(video) = probe.video.as_ref() else {
        return Err(RenderError::TooShort {
            video_ms: 0,
            draft_ms: duration_ms,
        });
    };
    // Shorter by more than one frame: `(draft - video) * fps > 1000` in whole ms, no rounding.
    let video_ms = video.duration_ms.unwrap_or(0);
    let short_by = duration_ms.saturating_sub(video_ms);
    if short_by * u64::from(canvas.fps.max(1)) > 1000 {
        return Err(RenderError::TooShort {
            video_ms,
            draft_ms: duration_ms,
        });
    }
    let (video_codec, audio_codec) = codecs(format);
    // Every planned output with sound maps the soundtrack (silence where the draft has no
    // music), so a missing audio stream is a broken file whatever the draft holds.
    if video.codec != video_codec || probe.audio_codec.as_deref() != audio_codec {
        return Err(RenderError::BadOutput(format!(
            "streams are {} and {} (a {} wants {} and {})",
            video.codec,
            probe.audio_codec.as_deref().unwrap_or("no audio"),
            format.as_str(),
            video_codec,
            audio_codec.unwrap_or("no audio")
        )));
    }
    if (video.width, video.height) != (canvas.width, canvas.height) {
        return Err(RenderError::BadOutput(format!(
            "the picture is {}x{} instead of {}x{}",
            video.width, video.height, canvas.width, canvas.height
        )));
    }
    // The container's duration spans the longer stream; AAC's and Opus's last frame may reach
    // a little past the video, so a frame plus one audio frame (about 21 ms) is allowed.
    let frame_ms = 1000 / u64::from(canvas.fps.max(1));
    if probe.duration_ms > duration_ms + frame_ms + 25 {
        return Err(RenderError::BadOutput(format!(
            "it lasts {} ms instead of {} ms",
            probe.duration_ms, duration_ms
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::probe::VideoStream;
    use super::*;

    const CANVAS: Canvas = Canvas::new(320, 180, 25);

    fn probe(codec: &str, audio: Option<&str>, video_ms: u64) -> Probe {
        Probe {
            size: 1000,
            duration_ms: 2000,
            video: Some(VideoStream {
                codec: codec.into(),
                profile: String::new(),
                pix_fmt: String::new(),
                width: 320,
                height: 180,
                fps: 25.0,
                frames: Some(video_ms / 40),
                duration_ms: Some(video_ms),
            }),
            audio_codec: audio.map(String::from),
            container: String::new(),
        }
    }

    #[test]
    fn each_format_is_checked_for_its_own_codecs() {
        for (format, video, audio) in [
            (Format::Mp4, "h264", Some("aac")),
            (Format::Mov, "h264", Some("aac")),
            (Format::Webm, "vp9", Some("opus")),
            (Format::Gif, "gif", None),
        ] {
            let right = probe(video, audio, 2000);
            assert_eq!(facts(format, CANVAS, 2000, &right), Ok(()), "{format:?}");
        }
        let silent = facts(Format::Mp4, CANVAS, 2000, &probe("h264", None, 2000));
        assert!(
            matches!(&silent, Err(RenderError::BadOutput(why)) if why.contains("no audio")),
            "{silent:?}"
        );
        let vp9_in_mp4 = facts(Format::Mp4, CANVAS, 2000, &probe("vp9", Some("opus"), 2000));
        assert!(vp9_in_mp4.is_err());
        let mut wide = probe("gif", None, 2000);
        if let Some(video) = wide.video.as_mut() {
            video.width = 640;
        }
        assert!(facts(Format::Gif, CANVAS, 2000, &wide).is_err());
    }

    #[test]
    fn a_video_short_by_more_than_a_frame_fails_naming_both_lengths() {
        // One frame (40 ms at 25 fps) short is the rounding of the last frame; more is not.
        let one_frame = probe("h264", Some("aac"), 1960);
        assert_eq!(facts(Format::Mp4, CANVAS, 2000, &one_frame), Ok(()));
        let short = facts(Format::Mp4, CANVAS, 2000, &probe("h264", Some("aac"), 1959));
        assert_eq!(
            short,
            Err(RenderError::TooShort {
                video_ms: 1959,
                draft_ms: 2000
            })
        );
        assert_eq!(
            short.unwrap_err().to_string(),
            "the rendered video lasts 1959 ms, shorter than the draft's 2000 ms"
        );
        let mut blind = probe("h264", Some("aac"), 2000);
        blind.video = None;
        let none = facts(Format::Mp4, CANVAS, 2000, &blind);
        assert_eq!(
            none,
            Err(RenderError::TooShort {
                video_ms: 0,
                draft_ms: 2000
            })
        );
    }
}
