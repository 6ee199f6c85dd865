//! From a timeline to an ffmpeg invocation: a pure function of the timeline, the resolved
//! media and where things go. It reads no file and starts no process, so every choice it makes
//! is tested on its own; [`super::run`] carries the plan out.
//!
//! [`plan`] goes in four steps ([`steps`]): the pictures (their inputs, each clip's moves and
//! the transitions that join them), the texts drawn over them and the whole video's fades
//! ([`fades`]), the soundtrack, and the command line with its encoder ([`encoder`]), what the
//! platforms ask of an upload ([`delivery`]: bitrate cap, keyframes at cuts, loudness) and the
//! output format's container ([`container`]). A GIF has no soundtrack and is made in two
//! passes: one that finds the palette of the whole video, then the render onto it.

mod audio;
mod container;
mod delivery;
mod encoder;
mod escape;
mod fades;
mod motion;
mod steps;
mod text;
mod video;
mod window;

#[cfg(test)]
mod conformance;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::RenderError;
use super::fonts::Fonts;
use super::output::{Format, Quality};
use super::request::Canvas;
use super::source::Source;
use super::timeline::Timeline;
use crate::library::Bed;

pub(crate) use audio::SAMPLE_RATE;
pub(crate) use container::settings_for;
pub use encoder::{EncoderSettings, FAST_HIGH_PROFILE, VideoEncoder, probe_encoder};
use steps::{Part, Planner};
pub(crate) use steps::{QUIET_WITH_PROGRESS, poster_seconds};
pub(crate) use text::utf8;
pub(crate) use window::Window;

/// Where a plan reads and writes, and with what.
#[derive(Debug, Clone, Copy)]
pub struct PlanEnv<'a> {
    /// The fonts for titles and captions.
    pub fonts: &'a Fonts,
    /// Where the built-in music beds are kept.
    pub library_dir: &'a Path,
    /// A directory of this render alone, for its filter graph, texts and converted pictures.
    pub work_dir: &'a Path,
    /// Where the output goes.
    pub output: &'a Path,
    /// Where the poster of the finished output goes.
    pub poster: &'a Path,
    /// The file to make.
    pub format: Format,
    /// How well to encode it.
    pub quality: Quality,
    /// How to encode (the studio's settings, which a quality adjusts).
    pub encoder: &'a EncoderSettings,
}

/// Everything a render does, in order: write `files`, run `conversions`, make sure the
/// `music` beds exist, run ffmpeg with `palette_pass` where there is one, then with `args`.
#[derive(Debug, Clone, PartialEq)]
pub struct FfmpegPlan {
    /// ffmpeg's arguments (after the program name).
    pub args: Vec<String>,
    /// A GIF's first run of ffmpeg, which writes the palette that `args` reads.
    pub palette_pass: Option<Vec<String>>,
    /// Files to write first: the filter graph and the texts.
    pub files: Vec<(PathBuf, String)>,
    /// Pictures ffmpeg cannot read, to convert first: (media name, from, to).
    pub conversions: Vec<(String, PathBuf, PathBuf)>,
    /// Library music the render reads: (bed, file).
    pub music: Vec<(Bed, PathBuf)>,
    /// What each input file is, for error messages: (path as ffmpeg sees it, media name).
    pub inputs: Vec<(String, String)>,
    /// The file ffmpeg writes.
    pub output: PathBuf,
    /// What that file is.
    pub format: Format,
    /// The JPEG taken of the finished file.
    pub poster: PathBuf,
    /// Where in the video the poster is taken, in seconds.
    pub poster_seconds: f64,
    /// The frame.
    pub canvas: Canvas,
    /// How many frames the video has.
    pub frames: u64,
    /// How long it lasts, in ms.
    pub duration_ms: u64,
}

impl FfmpegPlan {
    /// A plan with nothing to run yet, for `frames` frames of `timeline`, its output, poster
    /// and format where `env` says.
    pub(crate) fn empty(timeline: &Timeline, env: &PlanEnv<'_>, frames: u64) -> FfmpegPlan {
        FfmpegPlan {
            args: Vec::new(),
            palette_pass: None,
            files: Vec::new(),
            conversions: Vec::new(),
            music: Vec::new(),
            inputs: Vec::new(),
            output: env.output.to_path_buf(),
            format: env.format,
            poster: env.poster.to_path_buf(),
            poster_seconds: poster_seconds(timeline),
            canvas: timeline.canvas,
            frames,
            duration_ms: frames * 1000 / u64::from(timeline.canvas.fps.max(1)),
        }
    }
}

/// A filter graph under construction: chains of filters between labelled streams.
#[derive(Debug, Default, Clone)]
pub(crate) struct Graph {
    chains: Vec<String>,
}

impl Graph {
    /// Adds `[in]…filters…[out]…`.
    pub(crate) fn chain<I: AsRef<str>, O: AsRef<str>>(
        &mut self,
        inputs: &[I],
        filters: Vec<String>,
        outputs: &[O],
    ) {
        let mut chain: String = inputs
            .iter()
            .map(|label| format!("[{}]", label.as_ref()))
            .collect();
        chain.push_str(&filters.join(","));
        chain.extend(outputs.iter().map(|label| format!("[{}]", label.as_ref())));
        self.chains.push(chain);
    }

    fn script(&self) -> String {
        self.chains.join(";\n") + "\n"
    }
}

/// Plans the render of a timeline (read from the draft once, when the export was accepted)
/// with the session's resolved media.
pub fn plan(
    timeline: &Timeline,
    sources: &HashMap<String, Source>,
    env: &PlanEnv<'_>,
) -> Result<FfmpegPlan, RenderError> {
    let mut planner = Planner::new(timeline, sources, env, Part::Whole);
    let picture = planner.pictures()?;
    planner.texts(picture)?;
    if env.format.has_audio() {
        planner.soundtrack()?;
    }
    planner.finish()
}

/// Plans the picture of one window of the timeline alone, as one segment of a segmented H.264
/// render: its frames as the whole render draws them (texts and fades by their place in the
/// whole video), encoded into an MP4 without sound.
pub(crate) fn plan_segment(
    timeline: &Timeline,
    sources: &HashMap<String, Source>,
    env: &PlanEnv<'_>,
    window: Window,
) -> Result<FfmpegPlan, RenderError> {
    let mut planner = Planner::new(timeline, sources, env, Part::Picture(window));
    let picture = planner.pictures()?;
    planner.texts(picture)?;
    planner.finish()
}

/// Plans the soundtrack of the whole timeline alone (music, fades, loudness), into an MP4 of
/// AAC, for a segmented render to join with its picture.
pub(crate) fn plan_soundtrack(
    timeline: &Timeline,
    sources: &HashMap<String, Source>,
    env: &PlanEnv<'_>,
) -> Result<FfmpegPlan, RenderError> {
    let mut planner = Planner::new(timeline, sources, env, Part::Soundtrack);
    planner.soundtrack()?;
    planner.finish()
}

#[cfg(test)]
mod tests;
