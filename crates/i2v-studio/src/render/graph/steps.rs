//! The steps of a plan, in order: the pictures, the texts over them (and the whole video's
//! fades), the soundtrack, then the command line. Each step adds its inputs, its chains of the
//! filter graph and its files to one [`Planner`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::super::music;
use super::super::output::Format;
use super::super::request::seconds_at;
use super::super::source::{Source, SourceKind};
use super::super::timeline::{MusicSource, Timeline};
use super::window::{self, Window};
use super::{FfmpegPlan, Graph, PlanEnv, audio, container, delivery, escape, fades, text, video};
use crate::render::error::RenderError;

/// Which part of the video a plan makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// The whole video, picture and sound, in one run of ffmpeg.
    Whole,
    /// The picture of a window of the timeline alone, as one segment of a segmented render.
    Picture(Window),
    /// The soundtrack of the whole video alone, for a segmented render.
    Soundtrack,
}

/// A plan being made.
pub(super) struct Planner<'a> {
    timeline: &'a Timeline,
    part: Part,
    sources: &'a HashMap<String, Source>,
    env: &'a PlanEnv<'a>,
    plan: FfmpegPlan,
    graph: Graph,
    /// ffmpeg's input arguments, in input order.
    input_args: Vec<String>,
    /// HEIF pictures already given a conversion, by media id, and where it goes.
    converted: HashMap<&'a str, PathBuf>,
}

impl<'a> Planner<'a> {
    /// An empty plan for `timeline`.
    pub(super) fn new(
        timeline: &'a Timeline,
        sources: &'a HashMap<String, Source>,
        env: &'a PlanEnv<'a>,
        part: Part,
    ) -> Planner<'a> {
        let frames = match part {
            Part::Picture(window) => window.frames(),
            Part::Whole | Part::Soundtrack => timeline.frames,
        };
        Planner {
            timeline,
            part,
            sources,
            env,
            plan: FfmpegPlan::empty(timeline, env, frames),
            graph: Graph::default(),
            input_args: Vec::new(),
            converted: HashMap::new(),
        }
    }

    /// The frames this plan makes.
    fn window(&self) -> Window {
        match self.part {
            Part::Picture(window) => window,
            Part::Whole | Part::Soundtrack => Window::whole(self.timeline),
        }
    }

    /// Step one: every clip (of the window) as an input, moved and fitted, joined by its
    /// transitions; returns the label of the whole picture.
    pub(super) fn pictures(&mut self) -> Result<String, RenderError> {
        let timeline = self.timeline;
        let window = self.window();
        let mut joined = Vec::new();
        for (index, clip) in timeline.clips.iter().enumerate() {
            let slice = window::slice(timeline, index, window);
            if slice.total() == 0 {
                continue; // outside the window
            }
            let source = self.source(&clip.src)?;
            let parts = timeline.parts(index);
            let input = match source.kind {
                SourceKind::Still { heif, .. } => {
                    let halvings = video::halvings(clip, parts, source.kind, timeline.canvas);
                    let path = if heif {
                        self.converted_path(&clip.src, source)
                    } else {
                        source.path.clone()
                    };
                    self.add_input(
                        still_options(timeline.canvas.fps, halvings),
                        &path,
                        &source.name,
                    )?
                }
                SourceKind::Moving | SourceKind::Sound => {
                    let seconds = seconds_at(&timeline.canvas, parts.total()) + 1.0;
                    let options = vec!["-t".into(), escape::seconds(seconds)];
                    self.add_input(options, &source.path, &source.name)?
                }
            };
            let labels = video::clip(
                &mut self.graph,
                index,
                input,
                clip,
                parts,
                slice,
                source.kind,
                timeline.canvas,
            );
            joined.push((labels, clip.transition));
        }
        Ok(video::join(&mut self.graph, &joined, timeline.canvas.fps))
    }

    /// Step two: the titles and captions drawn over `picture`, then the whole video's fades,
    /// into the video output.
    ///
    /// The frames are stamped with their place in the whole video first (a time base of one
    /// frame, the frame's number as its time), so that a text's times and fades read the same
    /// clock in a window as in the whole render; a window's own clock restarts at 0 after.
    pub(super) fn texts(&mut self, picture: String) -> Result<(), RenderError> {
        let canvas = self.timeline.canvas;
        let window = self.window();
        let mut drawn = vec![
            format!("settb=1/{}", canvas.fps),
            format!("setpts=N+{}", window.start),
        ];
        let (from_ms, to_ms) = (
            window.start * 1000 / u64::from(canvas.fps.max(1)),
            window
                .end
                .saturating_mul(1000)
                .div_ceil(u64::from(canvas.fps.max(1))),
        );
        let shown = self.timeline.texts.iter();
        let shown = shown.filter(|item| item.start_ms < to_ms && item.end_ms > from_ms);
        for (index, item) in shown.enumerate() {
            let font = self.env.fonts.for_face(item.face())?;
            let file = self.env.work_dir.join(format!("text-{index}.txt"));
            drawn.push(text::drawtext(item, font, &file)?);
            self.plan.files.push((file, item.lines(canvas)));
        }
        // After the texts: the whole frame fades from and to black, titles included.
        drawn.extend(fades::picture(self.timeline, window));
        if window.start > 0 {
            drawn.push("setpts=N".into());
        }
        if self.env.format.is_h264() {
            // H.264's encoder says how it takes its frames: 4:2:0 in memory, or on its device.
            drawn.extend(self.env.encoder.video.upload_filters());
        } else {
            let pixels = container::picture_format(self.env.format);
            drawn.push(format!("format={pixels}"));
        }
        self.graph.chain(&[picture], drawn, &[container::PICTURE]);
        Ok(())
    }

    /// Step three: every piece of music looped, faded and mixed into the audio output, or
    /// silence where there is none; the whole video's fade-out fades it all at the end.
    pub(super) fn soundtrack(&mut self) -> Result<(), RenderError> {
        let mut pieces = Vec::new();
        for (index, item) in self.timeline.music.iter().enumerate() {
            let (path, name) = match MusicSource::read(&item.src)? {
                MusicSource::Library(bed) => {
                    let path = music::bed_path(self.env.library_dir, bed);
                    if !self.plan.music.iter().any(|(known, _)| *known == bed) {
                        self.plan.music.push((bed, path.clone()));
                    }
                    (path, format!("library music {}", bed.key()))
                }
                MusicSource::Media(id) => {
                    let source = self.source(&id)?;
                    (source.path.clone(), source.name.clone())
                }
            };
            let options = vec!["-stream_loop".into(), "-1".into()];
            let input = self.add_input(options, &path, &name)?;
            let label = format!("m{index}");
            self.graph
                .chain(&[format!("{input}:a")], vec![audio::piece(item)], &[&label]);
            pieces.push(label);
        }
        let duration_ms = self.plan.duration_ms;
        let soundtrack = if pieces.is_empty() {
            audio::silence(duration_ms)
        } else {
            audio::mix(pieces.len(), duration_ms)
        };
        let mut filters = vec![soundtrack];
        filters.extend(fades::sound(self.timeline));
        self.graph.chain(&pieces, filters, &["aout"]);
        Ok(())
    }

    /// Step four: the filter graph's file and the whole command line; for a GIF, first the
    /// palette pass's graph and command line, then the render's, which reads the palette as
    /// one more input after all of the graph's own.
    pub(super) fn finish(mut self) -> Result<FfmpegPlan, RenderError> {
        let inputs = std::mem::take(&mut self.input_args);
        if let Part::Picture(_) | Part::Soundtrack = self.part {
            let script = self.write_graph("graph.txt", &self.graph.clone());
            let mut args = head(self.env, inputs, &script)?;
            let (label, mut output) = match self.part {
                Part::Soundtrack => ("aout", container::soundtrack_args(self.env.encoder)),
                _ => (container::PICTURE, self.segment_args()),
            };
            args.extend(map(&[label]));
            output.push(format!("file:{}", text::utf8(&self.plan.output)?));
            args.extend(output);
            self.plan.args = args;
            return Ok(self.plan);
        }
        if self.env.format != Format::Gif {
            let script = self.write_graph("graph.txt", &self.graph.clone());
            let mut args = head(self.env, inputs, &script)?;
            args.extend(map(&[container::PICTURE, "aout"]));
            args.extend(self.output_args()?);
            self.plan.args = args;
            return Ok(self.plan);
        }
        let palette = self.env.work_dir.join("palette.png");
        let mut first = self.graph.clone();
        container::palette_chain(&mut first, self.env.quality);
        let script = self.write_graph("graph-palette.txt", &first);
        let mut pass = head(self.env, inputs.clone(), &script)?;
        pass.extend(map(&["palette"]));
        pass.extend(["-frames:v", "1", "-update", "1", "-f", "image2"].map(String::from));
        pass.push(format!("file:{}", text::utf8(&palette)?));
        self.plan.palette_pass = Some(pass);

        let mut second = self.graph.clone();
        let paletted = container::paletted_chain(&mut second, self.plan.inputs.len());
        let script = self.write_graph("graph.txt", &second);
        let mut with_palette = inputs;
        with_palette.extend(["-i".into(), format!("file:{}", text::utf8(&palette)?)]);
        let mut args = head(self.env, with_palette, &script)?;
        args.extend(map(&[paletted]));
        args.extend(self.output_args()?);
        self.plan.args = args;
        Ok(self.plan)
    }

    /// Plans the writing of a graph's script into the work directory; returns where it goes.
    fn write_graph(&mut self, name: &str, graph: &Graph) -> PathBuf {
        let script = self.env.work_dir.join(name);
        self.plan.files.push((script.clone(), graph.script()));
        script
    }

    /// The output's codecs, rate, length, container and file.
    fn output_args(&self) -> Result<Vec<String>, RenderError> {
        let plan = &self.plan;
        let mut args = container::output_args(
            self.env.format,
            self.env.quality,
            self.env.encoder,
            plan.canvas,
            plan.frames,
            &delivery::cut_frames(self.timeline),
        );
        args.push(format!("file:{}", text::utf8(&plan.output)?));
        Ok(args)
    }

    /// A segment's codec and rate, with a keyframe at each cut inside its window.
    fn segment_args(&self) -> Vec<String> {
        let window = self.window();
        let cuts: Vec<u64> = delivery::cut_frames(self.timeline)
            .into_iter()
            .filter(|&cut| cut > window.start && cut < window.end)
            .map(|cut| cut - window.start)
            .collect();
        container::segment_args(
            self.env.quality,
            self.env.encoder,
            self.plan.canvas,
            self.plan.frames,
            &cuts,
        )
    }

    fn source(&self, id: &str) -> Result<&'a Source, RenderError> {
        self.sources
            .get(id)
            .ok_or_else(|| RenderError::UnknownMedia { id: id.to_owned() })
    }

    /// Adds an input file with its options; returns its input index.
    fn add_input(
        &mut self,
        options: Vec<String>,
        path: &Path,
        name: &str,
    ) -> Result<usize, RenderError> {
        let index = self.plan.inputs.len();
        let path = format!("file:{}", text::utf8(path)?);
        self.input_args.extend(options);
        self.input_args.extend(["-i".to_string(), path.clone()]);
        self.plan.inputs.push((path, name.to_string()));
        Ok(index)
    }

    /// Where a HEIF picture is converted to, planning its conversion the first time it is met.
    fn converted_path(&mut self, media_id: &'a str, source: &Source) -> PathBuf {
        if let Some(path) = self.converted.get(media_id) {
            return path.clone();
        }
        let target = self
            .env
            .work_dir
            .join(format!("heif-{}.jpg", self.converted.len()));
        let conversion = (source.name.clone(), source.path.clone(), target.clone());
        self.plan.conversions.push(conversion);
        self.converted.insert(media_id, target.clone());
        target
    }
}

/// Where the poster is taken: half-way through the time the first clip is shown alone, so it
/// shows the opening picture whole (not a transition's blend of two), with any title over it,
/// and at least where a fade from black has ended; never past the last frame.
pub(crate) fn poster_seconds(timeline: &Timeline) -> f64 {
    let canvas = timeline.canvas;
    let first = timeline.parts(0);
    let faded_in = canvas.frame_at(timeline.fade_in_ms);
    let frame = (first.head + first.body / 2)
        .max(faded_in)
        .min(timeline.frames.saturating_sub(1));
    seconds_at(&canvas, frame)
}

/// How a picture is read: one frame per output frame, never turned by ffmpeg itself (the graph
/// turns it from the orientation its upload recorded, since ffmpeg's own turning differs between
/// builds of 5.1), decoded at a fraction of its size where it is far larger than the frame.
fn still_options(fps: u32, halvings: u32) -> Vec<String> {
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
    options
}

/// How every ffmpeg of a render starts: quiet, overwriting, errors only, its progress as
/// `key=value` lines on stdout (what the runner reads).
pub(crate) const QUIET_WITH_PROGRESS: [&str; 8] = [
    "-hide_banner",
    "-nostdin",
    "-y",
    "-loglevel",
    "error",
    "-progress",
    "pipe:1",
    "-nostats",
];

/// The start of a command line: quiet, progress on stdout, the inputs, the graph.
fn head(env: &PlanEnv<'_>, inputs: Vec<String>, script: &Path) -> Result<Vec<String>, RenderError> {
    let mut args: Vec<String> = QUIET_WITH_PROGRESS.map(String::from).to_vec();
    if let Some(threads) = env.encoder.filter_threads {
        args.extend(["-filter_complex_threads".into(), threads.to_string()]);
    }
    if env.format.is_h264() {
        args.extend(env.encoder.video.device_args());
    }
    args.extend(inputs);
    args.extend(["-filter_complex_script".into(), text::utf8(script)?]);
    Ok(args)
}

/// `-map [label]` for each label of the graph's outputs.
fn map(labels: &[&str]) -> Vec<String> {
    labels
        .iter()
        .flat_map(|label| ["-map".to_string(), format!("[{label}]")])
        .collect()
}
