//! Drafts rendered into real videos with ffmpeg, as the export asks ([`OutputSpec`]): MP4 or MOV
//! (H.264 High, yuv420p, and AAC), WebM (VP9 and Opus) or GIF (one palette, no sound), at the
//! asked short side with the canvas's aspect and at the asked frame rate, lasting exactly as
//! long as the draft's video, with a JPEG poster of a representative frame.
//!
//! The way through, each step its own module:
//! 1. The export's `output` is read once into an [`OutputSpec`] (refusing what cannot be
//!    honoured); [`RenderQueue::submit`] checks the request ([`Timeline::build`] on the frame
//!    the output asks for: clips, media, music) and queues it (`queue`: one export per session at a time, a pool of workers, job
//!    records on disk that survive a restart).
//! 2. A worker resolves the media the draft uses ([`source::resolve`]: from the facts their
//!    upload learnt, whether HEIF must be converted, how to stand a photo upright, how far a
//!    JPEG may be decoded smaller) and plans the render ([`plan`], a pure function: the filter
//!    graph, the command line, the files and conversions it needs).
//! 3. [`execute`] carries the plan out: converts HEIC pictures with `heif-convert`, synthesises
//!    library music on first use ([`music`]), runs ffmpeg with progress, a time limit and
//!    cancellation, turns its error output into a readable reason, checks the result with
//!    ffprobe (a video shorter than the draft fails the job) and takes its poster.
//!    An H.264 export by x264 is instead made in segments ([`segments`]): a few clips each,
//!    rendered side by side on every core or taken from a content-addressed cache, then joined
//!    by stream copy and checked as a whole render is (`docs/RENDER_SEGMENTS.md`).
//!
//! Needs (Debian 12): `ffmpeg` (5.1), `libheif-examples` (HEIC), `fonts-dejavu-core` and
//! `fonts-wqy-zenhei` (titles, Chinese text).

mod error;
mod files;
mod fonts;
mod graph;
pub mod music;
mod output;
mod queue;
mod request;
mod run;
mod segments;
pub mod source;
mod timeline;

#[cfg(test)]
mod tests;

pub use error::{QueueError, RenderError};
pub use fonts::Fonts;
pub use graph::{
    EncoderSettings, FAST_HIGH_PROFILE, FfmpegPlan, PlanEnv, VideoEncoder, plan, probe_encoder,
};
pub use output::{Format, GIF_FPS, OutputAsk, OutputRefused, OutputSpec, Quality};
pub use queue::{
    DEFAULT_MEMORY_LIMIT, JobState, JobStatus, MAX_WAITING_PER_OWNER, RenderOptions, RenderOutput,
    RenderQueue,
};
pub use request::{
    Canvas, MAX_RENDER_ID_LEN, MediaFile, MediaKind, RenderRequest, check_canvas, check_render_id,
};
pub use run::{Control, FfmpegRun, Probe, RunReport, Tools, VideoStream, execute, probe};
pub use segments::DEFAULT_CACHE_BYTES;
// For previews (`crate::preview`), which run ffmpeg and libheif as renders do and cache their
// files as renders write theirs.
pub(crate) use files::temporary_beside;
pub(crate) use graph::QUIET_WITH_PROGRESS;
pub(crate) use run::convert_heif;
pub(crate) use run::ffmpeg::run as run_ffmpeg;
pub use source::{Orientation, Source, SourceKind};
pub use timeline::{
    Clip, ClipParts, MAX_CLIPS, MAX_DURATION_MS, MAX_MUSIC, MAX_TEXTS, Music, MusicSource, Text,
    Timeline,
};
