//! From a timeline to an ffmpeg invocation: a pure function of the timeline, the resolved
//! media and where things go. It reads no file and starts no process, so every choice it makes
//! is tested on its own; [`super::run`] carries the plan out.

mod audio;
mod escape;
mod motion;
mod text;
mod video;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::RenderError;
use super::fonts::Fonts;
use super::music;
use super::request::{Canvas, seconds_at};
use super::source::{Source, SourceKind};
use super::timeline::{MusicSource, Timeline};
use crate::library::Bed;

pub(crate) use audio::SAMPLE_RATE;

/// x264's `ultrafast` speed with High-profile tools put back: 8x8 transforms (which make the
/// stream High profile), CABAC, the deblocking filter and two B-frames.
///
/// Measured on the reference render (30 s of 1080p slow zooms and cross-fades, 2 cores):
/// `veryfast` at CRF 21 took about 30 s of CPU for SSIM 0.99603 and 3.8 MB; this at CRF 23
/// took about 20 s of CPU for SSIM 0.99596 and 4.2 MB: the same picture, a third less work.
pub const FAST_HIGH_PROFILE: &str = "8x8dct=1:cabac=1:deblock=1:bframes=2:b-adapt=0";

/// How the video is encoded; the defaults meet the studio's speed target on two cores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncoderSettings {
    /// The x264 preset (`ultrafast` … `veryslow`).
    pub preset: String,
    /// Constant rate factor: lower is better and bigger (18–28 is sensible).
    pub crf: u8,
    /// Extra x264 options (`key=value:key=value`), if any.
    pub x264_params: Option<String>,
    /// The AAC bitrate, in kbit/s.
    pub audio_kbps: u32,
    /// Threads for filters that work in slices (`-filter_complex_threads`); `None`: one per core.
    pub filter_threads: Option<u32>,
    /// Threads for the encoder (`-threads`); `None`: ffmpeg's choice.
    pub threads: Option<u32>,
}

impl Default for EncoderSettings {
    fn default() -> EncoderSettings {
        EncoderSettings {
            preset: "ultrafast".into(),
            crf: 23,
            x264_params: Some(FAST_HIGH_PROFILE.into()),
            audio_kbps: 160,
            // Slice threads cost more than they give to this graph (measured: 3.6 s of CPU
            // for the reference graph alone on one thread, 6.5 s on two), and x264 has the
            // other core.
            filter_threads: Some(1),
            threads: None,
        }
    }
}

/// Where a plan reads and writes, and with what.
#[derive(Debug, Clone, Copy)]
pub struct PlanEnv<'a> {
    /// The fonts for titles and captions.
    pub fonts: &'a Fonts,
    /// Where the built-in music beds are kept.
    pub library_dir: &'a Path,
    /// A directory of this render alone, for its filter graph, texts and converted pictures.
    pub work_dir: &'a Path,
    /// Where the MP4 goes.
    pub output: &'a Path,
    /// How to encode.
    pub encoder: &'a EncoderSettings,
}

/// Everything a render does, in order: write `files`, run `conversions`, make sure the
/// `music` beds exist, then run ffmpeg with `args`.
#[derive(Debug, Clone, PartialEq)]
pub struct FfmpegPlan {
    /// ffmpeg's arguments (after the program name).
    pub args: Vec<String>,
    /// Files to write first: the filter graph and the texts.
    pub files: Vec<(PathBuf, String)>,
    /// Pictures ffmpeg cannot read, to convert first: (media name, from, to).
    pub conversions: Vec<(String, PathBuf, PathBuf)>,
    /// Library music the render reads: (bed, file).
    pub music: Vec<(Bed, PathBuf)>,
    /// What each input file is, for error messages: (path as ffmpeg sees it, media name).
    pub inputs: Vec<(String, String)>,
    /// The MP4 ffmpeg writes.
    pub output: PathBuf,
    /// The frame.
    pub canvas: Canvas,
    /// How many frames the video has.
    pub frames: u64,
    /// How long it lasts, in ms.
    pub duration_ms: u64,
}

/// A filter graph under construction: chains of filters between labelled streams.
#[derive(Debug, Default)]
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
    let canvas = timeline.canvas;
    let fps = canvas.fps;
    let mut graph = Graph::default();
    let mut plan = FfmpegPlan {
        args: Vec::new(),
        files: Vec::new(),
        conversions: Vec::new(),
        music: Vec::new(),
        inputs: Vec::new(),
        output: env.output.to_path_buf(),
        canvas,
        frames: timeline.frames,
        duration_ms: timeline.duration_ms(),
    };
    let mut input_args: Vec<String> = Vec::new();
    let mut add_input = |plan: &mut FfmpegPlan, options: Vec<String>, path: &Path, name: &str| {
        let index = plan.inputs.len();
        let path = format!("file:{}", text::utf8(path)?);
        input_args.extend(options);
        input_args.extend(["-i".to_string(), path.clone()]);
        plan.inputs.push((path, name.to_string()));
        Ok::<usize, RenderError>(index)
    };

    let mut joined = Vec::new();
    let mut converted: HashMap<&str, PathBuf> = HashMap::new();
    for (index, clip) in timeline.clips.iter().enumerate() {
        let source = sources
            .get(&clip.media_id)
            .ok_or_else(|| RenderError::UnknownMedia {
                id: clip.media_id.clone(),
            })?;
        let parts = timeline.parts(index);
        let input = match source.kind {
            SourceKind::Still { heif, .. } => {
                let halvings = video::halvings(clip, parts, source.kind, canvas);
                let path = if heif {
                    match converted.get(clip.media_id.as_str()) {
                        Some(path) => path.clone(),
                        None => {
                            let target = env.work_dir.join(format!("heif-{}.jpg", converted.len()));
                            let conversion =
                                (source.name.clone(), source.path.clone(), target.clone());
                            plan.conversions.push(conversion);
                            converted.insert(&clip.media_id, target.clone());
                            target
                        }
                    }
                } else {
                    source.path.clone()
                };
                // The picture is turned upright by the graph, from the orientation read here:
                // ffmpeg's own turning differs between builds of 5.1, so it is switched off.
                let mut options: Vec<String> = [
                    "-noautorotate",
                    "-f",
                    "image2",
                    "-pattern_type",
                    "none",
                    "-framerate",
                ]
                .map(String::from)
                .into_iter()
                .chain([fps.to_string()])
                .collect();
                if halvings > 0 {
                    options.extend(["-lowres".to_string(), halvings.to_string()]);
                }
                add_input(&mut plan, options, &path, &source.name)?
            }
            SourceKind::Moving | SourceKind::Sound => {
                let seconds = escape::seconds(seconds_at(&canvas, parts.total()) + 1.0);
                add_input(
                    &mut plan,
                    vec!["-t".into(), seconds],
                    &source.path,
                    &source.name,
                )?
            }
        };
        let labels = video::clip(&mut graph, index, input, clip, parts, source.kind, canvas);
        joined.push((labels, clip.transition));
    }
    let picture = video::join(&mut graph, &joined, fps);

    // Titles and captions, drawn over the joined picture.
    let mut drawn = Vec::new();
    for (index, item) in timeline.texts.iter().enumerate() {
        let font = env.fonts.for_text(&item.text, item.title)?;
        let file = env.work_dir.join(format!("text-{index}.txt"));
        drawn.push(text::drawtext(item, font, &file)?);
        plan.files
            .push((file, text::wrap(&item.text, item.size_px, canvas)));
    }
    drawn.push("format=yuv420p".into());
    graph.chain(&[picture], drawn, &["vout"]);

    // The soundtrack.
    let mut pieces = Vec::new();
    for (index, item) in timeline.music.iter().enumerate() {
        let (path, name) = match &item.source {
            MusicSource::Library(bed) => {
                let path = music::bed_path(env.library_dir, *bed);
                if !plan.music.iter().any(|(known, _)| known == bed) {
                    plan.music.push((*bed, path.clone()));
                }
                (path, format!("library music {}", bed.key()))
            }
            MusicSource::Media(id) => {
                let source = sources
                    .get(id)
                    .ok_or_else(|| RenderError::UnknownMedia { id: id.clone() })?;
                (source.path.clone(), source.name.clone())
            }
        };
        let input = add_input(
            &mut plan,
            vec!["-stream_loop".into(), "-1".into()],
            &path,
            &name,
        )?;
        let label = format!("m{index}");
        graph.chain(&[format!("{input}:a")], vec![audio::piece(item)], &[&label]);
        pieces.push(label);
    }
    let soundtrack = if pieces.is_empty() {
        audio::silence(plan.duration_ms)
    } else {
        audio::mix(pieces.len(), plan.duration_ms)
    };
    graph.chain(&pieces, vec![soundtrack], &["aout"]);

    let script = env.work_dir.join("graph.txt");
    plan.files.push((script.clone(), graph.script()));
    plan.args = arguments(input_args, &script, &plan, env)?;
    Ok(plan)
}

/// The whole command line: quiet, progress on stdout, the inputs, the graph, the encoders.
fn arguments(
    inputs: Vec<String>,
    script: &Path,
    plan: &FfmpegPlan,
    env: &PlanEnv<'_>,
) -> Result<Vec<String>, RenderError> {
    let encoder = env.encoder;
    let fps = plan.canvas.fps.to_string();
    let mut args: Vec<String> = [
        "-hide_banner",
        "-nostdin",
        "-y",
        "-loglevel",
        "error",
        "-progress",
        "pipe:1",
        "-nostats",
    ]
    .map(String::from)
    .to_vec();
    if let Some(threads) = encoder.filter_threads {
        args.extend(["-filter_complex_threads".into(), threads.to_string()]);
    }
    args.extend(inputs);
    args.extend(["-filter_complex_script".into(), text::utf8(script)?]);
    let output: [&str; 14] = [
        "-map",
        "[vout]",
        "-map",
        "[aout]",
        "-c:v",
        "libx264",
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-colorspace",
        "bt709",
        "-color_primaries",
        "bt709",
    ];
    args.extend(output.map(String::from));
    args.extend(["-color_trc", "bt709", "-color_range", "tv", "-preset"].map(String::from));
    args.push(encoder.preset.clone());
    args.extend(["-crf".into(), encoder.crf.to_string()]);
    if let Some(params) = &encoder.x264_params {
        args.extend(["-x264-params".into(), params.clone()]);
    }
    if let Some(threads) = encoder.threads {
        args.extend(["-threads".into(), threads.to_string()]);
    }
    // A keyframe every two seconds keeps seeking in players quick.
    let gop = (plan.canvas.fps * 2).to_string();
    args.extend([
        "-g".into(),
        gop,
        "-r".into(),
        fps,
        "-fps_mode".into(),
        "cfr".into(),
    ]);
    args.extend(["-frames:v".into(), plan.frames.to_string()]);
    args.extend(["-c:a", "aac", "-ac", "2", "-ar"].map(String::from));
    args.push(SAMPLE_RATE.to_string());
    args.extend(["-b:a".into(), format!("{}k", encoder.audio_kbps)]);
    args.extend(["-movflags", "+faststart", "-f", "mp4"].map(String::from));
    args.push(format!("file:{}", text::utf8(&plan.output)?));
    Ok(args)
}

#[cfg(test)]
mod tests;
