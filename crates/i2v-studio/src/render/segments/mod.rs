//! Segmented renders: an H.264 export planned as independent segments of about a clip each
//! ([`cuts`]), each segment a plain job naming its inputs by content ([`job`]), rendered by a
//! pool that keeps every core busy ([`pool`]) or taken from the cache of finished segments
//! ([`cache`]), then joined by stream copy with the soundtrack, which is rendered once for the
//! whole timeline so that its music, fades and loudness stay continuous ([`join`]).
//!
//! Why: one filter graph for the whole timeline holds every clip's frames and buffers at once,
//! so its memory grew by about 40 MiB a photo at 1080p, and one ffmpeg used less than two
//! cores. A segment holds a few clips whatever the draft's length, several run at once, and an
//! edit re-renders only the segments whose job changed.
//!
//! A segment's frames are exactly the whole render's: each clip's stream is cut where the
//! segment needs it with its place in the move kept, no transition and no whole-video fade is
//! ever split, and texts are drawn on the frames stamped with their place in the whole video.
//! GIF (one palette for the whole video) and WebM (whose millisecond timestamps do not join
//! exactly) stay on the single-graph path, as does a draft too short to be cut.

mod cache;
mod cuts;
mod job;
mod join;
mod pool;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tokio::time::Instant;

use super::error::RenderError;
use super::graph::{
    EncoderSettings, FfmpegPlan, PlanEnv, VideoEncoder, Window, plan_segment, plan_soundtrack,
};
use super::music;
use super::output::Format;
use super::run::{self, Control, RunReport};
use super::source::Source;
use super::timeline::Timeline;
pub use cache::DEFAULT_CACHE_BYTES;
pub(crate) use cache::SegmentCache;
use job::SegmentJob;
pub(crate) use job::sha256_of;
pub(crate) use pool::Pool;

/// The share of a segmented render's progress its segments make; the join makes the rest.
const SEGMENTS_SHARE: u8 = 95;

/// The windows a render is made in when it is made in segments: an H.264 export by x264 whose
/// timeline can be cut at least once; `None` for the single-graph path.
pub(crate) fn windows_for(
    timeline: &Timeline,
    format: Format,
    encoder: &EncoderSettings,
) -> Option<Vec<Window>> {
    // A hardware encoder has few sessions to share; its renders stay one ffmpeg each.
    if !format.is_h264() || encoder.video != VideoEncoder::X264 {
        return None;
    }
    let windows = cuts::windows(timeline);
    (windows.len() >= 2).then_some(windows)
}

/// Renders `timeline` in `windows` into `env.output` with its poster; `content` gives the
/// SHA-256 of every media file `sources` names.
pub(crate) async fn render(
    timeline: &Timeline,
    sources: &HashMap<String, Source>,
    mut content: HashMap<PathBuf, String>,
    env: &PlanEnv<'_>,
    windows: &[Window],
    pool: &Pool<'_>,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<RunReport, RenderError> {
    let started = Instant::now();
    // Jobs are planned in a directory of their own: every path they name is relative to it.
    let in_job = |output: &'static str| PlanEnv {
        work_dir: Path::new(""),
        output: Path::new(output),
        poster: Path::new("poster.jpg"),
        ..*env
    };
    let sound_env = in_job("soundtrack.mp4");
    let soundtrack = plan_soundtrack(timeline, sources, &sound_env)?;
    for (bed, path) in soundtrack.music.clone() {
        let hashed = tokio::task::spawn_blocking(move || {
            music::ensure_bed(bed, &path)?;
            let sha =
                sha256_of(&path).map_err(|err| RenderError::io("reading library music", &err))?;
            Ok::<_, RenderError>((path, sha))
        });
        let (path, sha) = run::watch(
            async {
                hashed.await.map_err(|err| {
                    RenderError::io("synthesising library music", &std::io::Error::other(err))
                })?
            },
            pool.cancel,
            started + pool.timeout,
            pool.timeout,
        )
        .await?;
        content.insert(path, sha);
    }
    let mut jobs = vec![SegmentJob::from_plan(&soundtrack, &content)?];
    // The soundtrack is quick beside the pictures: a tenth of the video's weight.
    let mut weights = vec![(timeline.frames / 10).max(1)];
    let segment_env = in_job("segment.mp4");
    for window in windows {
        let plan = plan_segment(timeline, sources, &segment_env, *window)?;
        jobs.push(SegmentJob::from_plan(&plan, &content)?);
        weights.push(window.frames());
    }
    let keys: Vec<String> = jobs.iter().map(SegmentJob::key).collect();
    let outputs: Vec<PathBuf> = (jobs.iter().enumerate())
        .map(|(index, job)| pool::output_of(env.work_dir, index, job))
        .collect();
    let (sound, pictures) = outputs.split_first().ok_or(RenderError::Cancelled)?;
    let joining = join::plan(timeline, windows, pictures, sound, env)?;
    let whole = Whole::named(&join::key(&keys, timeline, windows, env), env.output);
    if let Some(report) = whole.reuse(&joining, env, pool).await {
        progress(100);
        return Ok(RunReport {
            wall: started.elapsed(),
            ..report
        });
    }
    let by_content: HashMap<String, PathBuf> =
        content.into_iter().map(|(path, sha)| (sha, path)).collect();
    let mut segments_progress = |done: u8| progress(share(done, 0, SEGMENTS_SHARE));
    let ran = pool::run_all(
        &jobs,
        &weights,
        &by_content,
        env.work_dir,
        pool,
        &mut segments_progress,
    )
    .await?;
    tracing::info!(
        segments = windows.len(),
        rendered = ran.rendered,
        cached = jobs.len() - ran.rendered,
        "segments ready"
    );
    let mut join_progress = |done: u8| progress(share(done, SEGMENTS_SHARE, 100));
    let control = Control {
        progress: &mut join_progress,
        cancel: pool.cancel,
        deadline: Instant::now() + pool.timeout,
        limit: pool.timeout,
        memory_limit: pool.memory_limit,
    };
    let joined = run::execute(&joining, pool.tools, control).await;
    if joined.is_ok() {
        whole.keep(env, pool.cache);
    }
    pool.cache.evict();
    let joined = joined?;
    Ok(RunReport {
        probe: joined.probe,
        peak_memory_bytes: ran.peak_memory_bytes.max(joined.peak_memory_bytes),
        wall: started.elapsed(),
    })
}

/// A joined render and its poster as the cache names them.
struct Whole {
    video: String,
    poster: String,
}

impl Whole {
    /// The names of the render keyed `key`, written as `output` is.
    fn named(key: &str, output: &Path) -> Whole {
        let extension = output.extension().map_or_else(
            || "video".to_owned(),
            |extension| extension.to_string_lossy().to_lowercase(),
        );
        Whole {
            video: format!("{key}.{extension}"),
            poster: format!("{key}.jpg"),
        }
    }

    /// The same render made before, linked into `env`'s output and poster and checked as a new
    /// one is; `None` (and nothing left behind) when it is not cached or fails its check.
    async fn reuse(
        &self,
        joining: &FfmpegPlan,
        env: &PlanEnv<'_>,
        pool: &Pool<'_>,
    ) -> Option<RunReport> {
        let cache = pool.cache;
        if cache.take(&self.video, env.output) && cache.take(&self.poster, env.poster) {
            match run::reuse(joining, pool.tools).await {
                Ok(report) => return Some(report),
                Err(err) => tracing::warn!(%err, "a cached render failed its check"),
            }
        }
        // Never leave a link to a cached file where ffmpeg would write into it.
        let _ = std::fs::remove_file(env.output);
        let _ = std::fs::remove_file(env.poster);
        None
    }

    /// Keeps a render just joined, with its poster, for the next identical export.
    fn keep(&self, env: &PlanEnv<'_>, cache: &SegmentCache) {
        let kept = cache
            .keep(&self.poster, env.poster)
            .and_then(|()| cache.keep(&self.video, env.output));
        if let Err(err) = kept {
            tracing::warn!(%err, "a finished render cannot be kept in the cache");
        }
    }
}

/// `done` percent of the way from `from` to `to` percent.
fn share(done: u8, from: u8, to: u8) -> u8 {
    let span = u16::from(to.saturating_sub(from));
    let part = u16::from(done.min(100)) * span / 100;
    from.saturating_add(u8::try_from(part).unwrap_or(u8::MAX))
}
