//! Running a render's segment jobs: all at once as far as the studio's segment slots allow (a
//! semaphore shared by every render, sized by cores and memory), each from the cache when an
//! identical job ran before, each in its own directory with its inputs linked in by content
//! name. Progress is the share of all the jobs' weight done; a failure or a cancel stops every
//! job still running (each ffmpeg is killed and reaped) before the error is returned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use futures_util::future::join_all;
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::super::error::RenderError;
use super::super::run::{Control, Tools, convert_heif, ffmpeg, watch};
use super::cache::SegmentCache;
use super::job::SegmentJob;

/// What the jobs run with.
pub(crate) struct Pool<'a> {
    /// The programs.
    pub(crate) tools: &'a Tools,
    /// Finished jobs by key.
    pub(crate) cache: &'a SegmentCache,
    /// How many segment ffmpegs may run at once, across every render.
    pub(crate) slots: &'a Semaphore,
    /// The longest one job may take.
    pub(crate) timeout: Duration,
    /// The most memory one job's ffmpeg may hold, in bytes (`None`: no limit).
    pub(crate) memory_limit: Option<u64>,
    /// Cancelled when the render is: every job still running stops.
    pub(crate) cancel: &'a CancellationToken,
}

/// What running the jobs gave.
#[derive(Debug, Default)]
pub(crate) struct Ran {
    /// Each job's output, in order.
    pub(crate) outputs: Vec<PathBuf>,
    /// How many jobs were run (the rest came from the cache).
    pub(crate) rendered: usize,
    /// The largest peak memory of one job's ffmpeg.
    pub(crate) peak_memory_bytes: Option<u64>,
}

/// Shared progress: each job's share done, weighed.
struct Shares<'p> {
    done: Vec<u64>,
    weights: Vec<u64>,
    report: &'p mut (dyn FnMut(u8) + Send),
}

impl Shares<'_> {
    fn set(&mut self, job: usize, percent: u8) {
        let weight = self.weights.get(job).copied().unwrap_or(0);
        if let Some(done) = self.done.get_mut(job) {
            *done = weight * u64::from(percent.min(100)) / 100;
        }
        let total: u64 = self.weights.iter().sum::<u64>().max(1);
        let done: u64 = self.done.iter().sum();
        (self.report)(u8::try_from(done * 100 / total).unwrap_or(100));
    }
}

/// Runs `jobs` (weighed by `weights` for progress) in directories under `work`; `inputs` are
/// the files by SHA-256.
pub(crate) async fn run_all(
    jobs: &[SegmentJob],
    weights: &[u64],
    inputs: &HashMap<String, PathBuf>,
    work: &Path,
    pool: &Pool<'_>,
    progress: &mut (dyn FnMut(u8) + Send),
) -> Result<Ran, RenderError> {
    let shares = Mutex::new(Shares {
        done: vec![0; jobs.len()],
        weights: weights.to_vec(),
        report: progress,
    });
    let stop = pool.cancel.child_token();
    let runs = jobs.iter().enumerate().map(|(index, job)| {
        let dir = job_dir(work, index);
        let (shares, stop) = (&shares, &stop);
        async move {
            let result = run_one(job, index, &dir, inputs, pool, stop, shares).await;
            if result.is_err() {
                stop.cancel(); // the render has failed: the other jobs need not finish
            }
            result.map(|ran| (output_of(work, index, job), ran))
        }
    });
    let results = join_all(runs).await;
    if pool.cancel.is_cancelled() {
        return Err(RenderError::Cancelled);
    }
    let mut ran = Ran::default();
    let mut first_error = None;
    for result in results {
        match result {
            Ok((output, peak)) => {
                ran.rendered += usize::from(peak.is_some());
                ran.peak_memory_bytes = ran.peak_memory_bytes.max(peak.flatten());
                ran.outputs.push(output);
            }
            // A job stopped because another failed says nothing; the failure itself does.
            Err(RenderError::Cancelled) => {}
            Err(err) => {
                first_error.get_or_insert(err);
            }
        }
    }
    match first_error {
        Some(err) => Err(err),
        None if ran.outputs.len() < jobs.len() => Err(RenderError::Cancelled),
        None => Ok(ran),
    }
}

/// The directory job `index` of a render runs in, under the render's `work` directory.
fn job_dir(work: &Path, index: usize) -> PathBuf {
    work.join(format!("job-{index}"))
}

/// Where job `index` of a render leaves its output.
pub(crate) fn output_of(work: &Path, index: usize, job: &SegmentJob) -> PathBuf {
    job_dir(work, index).join(&job.output)
}

/// Runs one job, or takes it from the cache: `None` when cached, else the ffmpeg's peak memory.
async fn run_one(
    job: &SegmentJob,
    index: usize,
    dir: &Path,
    inputs: &HashMap<String, PathBuf>,
    pool: &Pool<'_>,
    stop: &CancellationToken,
    shares: &Mutex<Shares<'_>>,
) -> Result<Option<Option<u64>>, RenderError> {
    let set = |percent: u8| {
        let mut shares = shares
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shares.set(index, percent);
    };
    let io = |context: &'static str| move |err: std::io::Error| RenderError::io(context, &err);
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(io("creating a segment's directory"))?;
    let kept = format!("{}.mp4", job.key());
    let output = dir.join(&job.output);
    if pool.cache.take(&kept, &output) {
        set(100);
        return Ok(None);
    }
    let _slot = tokio::select! {
        slot = pool.slots.acquire() => slot.map_err(|_| RenderError::Cancelled)?,
        () = stop.cancelled() => return Err(RenderError::Cancelled),
    };
    let deadline = Instant::now() + pool.timeout;
    for input in &job.inputs {
        let from = inputs
            .get(&input.sha256)
            .ok_or_else(|| RenderError::UnknownMedia {
                id: input.name.clone(),
            })?;
        let link = dir.join(&input.file);
        let _ = tokio::fs::remove_file(&link).await;
        tokio::fs::symlink(from, &link)
            .await
            .map_err(io("linking a segment's input"))?;
    }
    for (name, contents) in &job.files {
        tokio::fs::write(dir.join(name), contents)
            .await
            .map_err(io("writing a segment's filter graph"))?;
    }
    for (name, from, to) in &job.conversions {
        let (from, to) = (dir.join(from), dir.join(to));
        let converting = convert_heif(&pool.tools.heif_convert, name, &from, &to);
        watch(converting, stop, deadline, pool.timeout).await?;
    }
    let mut progress = set;
    let control = Control {
        progress: &mut progress,
        cancel: stop,
        deadline,
        limit: pool.timeout,
        memory_limit: pool.memory_limit,
    };
    let named = job.named_inputs();
    let ran = ffmpeg::run(
        &pool.tools.ffmpeg,
        Some(dir),
        &job.args,
        job.duration_ms,
        &named,
        control,
    )
    .await?;
    set(100);
    if let Err(err) = pool.cache.keep(&kept, &output) {
        tracing::warn!(%err, "a finished segment cannot be kept in the cache");
    }
    Ok(Some(ran.peak_memory_bytes))
}
