//! Joining a segmented render: the segments' pictures one after another by stream copy
//! (ffmpeg's concat demuxer, `-c copy`) with the soundtrack muxed beside them, as one plan that
//! [`execute`](super::super::run::execute) carries out like any other, so the joined file is
//! probed, checked against the draft and given its poster as a whole render's is.
//!
//! The concat demuxer places each file after the previous one by the previous one's duration,
//! in microseconds. An MP4's own duration is rounded to its movie time scale (milliseconds), so
//! every segment's length is written into the list instead, as the difference between its end
//! and its start each rounded to the microsecond: the starts then never drift, and each frame
//! keeps the time it has in a whole render.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::super::error::RenderError;
use super::super::graph::{FfmpegPlan, PlanEnv, QUIET_WITH_PROGRESS, Window, poster_seconds, utf8};
use super::super::timeline::Timeline;
use super::job::hex;

/// Bumped when the join changes how it makes a file from the same segments.
const JOIN_VERSION: &str = "i2v joined render 1";

/// What names a joined render: the keys of the jobs it joins (the soundtrack's first), the
/// windows' lengths, the container and where the poster is taken; nothing of this machine.
pub(crate) fn key(
    job_keys: &[String],
    timeline: &Timeline,
    windows: &[Window],
    env: &PlanEnv<'_>,
) -> String {
    let mut text = format!(
        "{JOIN_VERSION}\n{} {}\n{}\n",
        env.format.as_str(),
        timeline.canvas.fps,
        poster_seconds(timeline)
    );
    for window in windows {
        text.push_str(&format!("{} {}\n", window.start, window.end));
    }
    for key in job_keys {
        text.push_str(key);
        text.push('\n');
    }
    hex(&Sha256::digest(text.as_bytes()))
}

/// The plan that joins `segments` (the pictures of `windows`, in order) and `soundtrack` into
/// `env.output`, with the list it reads written into `env.work_dir`.
pub(crate) fn plan(
    timeline: &Timeline,
    windows: &[Window],
    segments: &[PathBuf],
    soundtrack: &Path,
    env: &PlanEnv<'_>,
) -> Result<FfmpegPlan, RenderError> {
    let list_path = env.work_dir.join("segments.txt");
    let fps = u64::from(timeline.canvas.fps.max(1));
    // The start of frame `frame` in microseconds, rounded to the nearest.
    let micros = |frame: u64| (frame * 2_000_000 + fps) / (2 * fps);
    let mut list = String::from("ffconcat version 1.0\n");
    for (window, segment) in windows.iter().zip(segments) {
        let length = micros(window.end) - micros(window.start);
        list.push_str(&format!(
            "file '{}'\nduration {}.{:06}\n",
            utf8(segment)?.replace('\'', r"'\''"),
            length / 1_000_000,
            length % 1_000_000
        ));
    }
    let mut args: Vec<String> = QUIET_WITH_PROGRESS.map(String::from).to_vec();
    args.extend(["-f", "concat", "-safe", "0", "-i"].map(String::from));
    args.push(format!("file:{}", utf8(&list_path)?));
    args.extend(["-i".into(), format!("file:{}", utf8(soundtrack)?)]);
    args.extend(["-map", "0:v", "-map", "1:a", "-c", "copy"].map(String::from));
    // The index before the data, as a whole render's (a browser plays it before it has it all).
    args.extend(["-movflags", "+faststart", "-f", env.format.as_str()].map(String::from));
    args.push(format!("file:{}", utf8(env.output)?));
    Ok(FfmpegPlan {
        args,
        files: vec![(list_path, list)],
        ..FfmpegPlan::empty(timeline, env, timeline.frames)
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::fonts::Fonts;
    use super::super::super::graph::EncoderSettings;
    use super::super::super::output::{Format, Quality};
    use super::super::super::request::Canvas;
    use super::super::super::timeline::Clip;
    use super::*;

    #[test]
    fn segments_are_listed_with_lengths_that_never_drift() {
        let clip = Clip {
            src: "a".into(),
            fit: i2v_core::draft::Fit::Contain,
            motion: i2v_core::draft::Motion::None,
            frames: 100,
            transition: None,
        };
        let timeline = Timeline {
            canvas: Canvas::new(320, 180, 30),
            frames: 200,
            clips: vec![clip.clone(), clip],
            music: Vec::new(),
            texts: Vec::new(),
            fade_in_ms: 0,
            fade_out_ms: 0,
        };
        let windows = [
            Window { start: 0, end: 47 },
            Window {
                start: 47,
                end: 200,
            },
        ];
        let fonts = Fonts::discover();
        let encoder = EncoderSettings::default();
        let env = PlanEnv {
            fonts: &fonts,
            library_dir: Path::new("/lib"),
            work_dir: Path::new("/w"),
            output: Path::new("/r/out.mp4"),
            poster: Path::new("/r/out.jpg"),
            format: Format::Mov,
            quality: Quality::High,
            encoder: &encoder,
        };
        let segments = [PathBuf::from("/w/a'b.mp4"), PathBuf::from("/w/c.mp4")];
        let plan = plan(&timeline, &windows, &segments, Path::new("/w/s.mp4"), &env);
        let plan = plan.expect("a plan");
        let list = plan
            .files
            .first()
            .map(|(_, list)| list.as_str())
            .unwrap_or("");
        // 47 frames end at 1566666.67 µs; the rest run from there to 6.666667 s.
        assert_eq!(
            list,
            "ffconcat version 1.0\nfile '/w/a'\\''b.mp4'\nduration 1.566667\n\
             file '/w/c.mp4'\nduration 5.100000\n"
        );
        let args = plan.args.join(" ");
        assert!(
            args.ends_with(
                "-f concat -safe 0 -i file:/w/segments.txt -i file:/w/s.mp4 -map 0:v -map 1:a \
                 -c copy -movflags +faststart -f mov file:/r/out.mp4"
            ),
            "{args}"
        );
        assert_eq!((plan.frames, plan.duration_ms), (200, 6666));
    }
}
