//! Carrying out a plan: write its files, convert the pictures ffmpeg cannot read, make sure
//! the library music exists, run ffmpeg (twice for a GIF: its palette, then the video), check
//! what it wrote ([`check`]) and take its poster.

mod check;
pub(crate) mod ffmpeg;
mod poster;
mod probe;
mod stderr;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::error::RenderError;
use super::graph::FfmpegPlan;
use super::music;

pub use ffmpeg::{Control, FfmpegRun};
pub use probe::{Probe, VideoStream, probe};

/// The programs a render runs; by default found on `PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tools {
    /// ffmpeg.
    pub ffmpeg: PathBuf,
    /// ffprobe.
    pub ffprobe: PathBuf,
    /// libheif's `heif-convert`, for HEIC pictures.
    pub heif_convert: PathBuf,
}

impl Default for Tools {
    fn default() -> Tools {
        Tools {
            ffmpeg: "ffmpeg".into(),
            ffprobe: "ffprobe".into(),
            heif_convert: "heif-convert".into(),
        }
    }
}

/// What a finished render produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    /// The output file, as ffprobe reads it.
    pub probe: Probe,
    /// ffmpeg's peak resident memory, when it could be read.
    pub peak_memory_bytes: Option<u64>,
    /// How long the whole render took.
    pub wall: Duration,
}

/// Runs a plan to the end: the output is at `plan.output` when this returns `Ok`.
pub async fn execute(
    plan: &FfmpegPlan,
    tools: &Tools,
    control: Control<'_>,
) -> Result<RunReport, RenderError> {
    let started = Instant::now();
    for (path, contents) in &plan.files {
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(|err| RenderError::io("creating the render's work directory", &err))?;
        }
        tokio::fs::write(path, contents)
            .await
            .map_err(|err| RenderError::io("writing the filter graph", &err))?;
    }
    for (name, from, to) in &plan.conversions {
        let converting = convert_heif(&tools.heif_convert, name, from, to);
        watch(converting, control.cancel, control.deadline, control.limit).await?;
    }
    for (bed, path) in &plan.music {
        let (bed, path) = (*bed, path.clone());
        let ensuring = async move {
            tokio::task::spawn_blocking(move || music::ensure_bed(bed, &path))
                .await
                .map_err(|err| RenderError::Io {
                    context: "synthesising library music".into(),
                    message: err.to_string(),
                })?
        };
        watch(ensuring, control.cancel, control.deadline, control.limit).await?;
    }
    let Control {
        progress,
        cancel,
        deadline,
        limit,
        memory_limit,
    } = control;
    let mut peak = None;
    // A GIF's palette pass is the first half of its progress, the render onto it the second.
    let (share, offset) = match &plan.palette_pass {
        Some(pass) => {
            let mut halved = |done: u8| progress(done / 2);
            let control = Control {
                progress: &mut halved,
                cancel,
                deadline,
                limit,
                memory_limit,
            };
            let run = ffmpeg::run(
                &tools.ffmpeg,
                None,
                pass,
                plan.duration_ms,
                &plan.inputs,
                control,
            );
            peak = run.await?.peak_memory_bytes;
            (2, 50)
        }
        None => (1, 0),
    };
    let mut scaled = |done: u8| progress(offset + done / share);
    let control = Control {
        progress: &mut scaled,
        cancel,
        deadline,
        limit,
        memory_limit,
    };
    let run = ffmpeg::run(
        &tools.ffmpeg,
        None,
        &plan.args,
        plan.duration_ms,
        &plan.inputs,
        control,
    )
    .await?;
    let probed = probe(&tools.ffprobe, &plan.output).await?;
    check::output(plan, &probed)?;
    let taking = poster::take(
        &tools.ffmpeg,
        &plan.output,
        plan.poster_seconds,
        &plan.poster,
    );
    watch(taking, cancel, deadline, limit).await?;
    Ok(RunReport {
        probe: probed,
        peak_memory_bytes: run.peak_memory_bytes.max(peak),
        wall: started.elapsed(),
    })
}

/// Checks a file made earlier for `plan` (a render reused whole from a cache) as [`execute`]
/// checks its own output, so a reused file is held to the same standard as a fresh one.
pub(crate) async fn reuse(plan: &FfmpegPlan, tools: &Tools) -> Result<RunReport, RenderError> {
    let started = Instant::now();
    let probed = probe(&tools.ffprobe, &plan.output).await?;
    check::output(plan, &probed)?;
    Ok(RunReport {
        probe: probed,
        peak_memory_bytes: None,
        wall: started.elapsed(),
    })
}

/// Awaits a step of the render unless it is cancelled or runs out of time first.
pub(crate) async fn watch<T>(
    step: impl Future<Output = Result<T, RenderError>>,
    cancel: &CancellationToken,
    deadline: Instant,
    limit: Duration,
) -> Result<T, RenderError> {
    tokio::select! {
        result = step => result,
        () = cancel.cancelled() => Err(RenderError::Cancelled),
        () = tokio::time::sleep_until(deadline) => Err(RenderError::timed_out(limit)),
    }
}

/// Decodes a HEIF picture to a JPEG with libheif's `heif-convert` (ffmpeg 5.1 has no HEIF
/// reader); libheif applies the picture's own rotation and mirroring as it decodes.
pub(crate) async fn convert_heif(
    program: &Path,
    name: &str,
    from: &Path,
    to: &Path,
) -> Result<(), RenderError> {
    if let Some(dir) = to.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|err| RenderError::io("creating the render's work directory", &err))?;
    }
    let output = Command::new(program)
        .args(["--quiet", "-q", "95"])
        .arg(from)
        .arg(to)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => RenderError::ToolMissing {
                tool: "heif-convert".into(),
                package: "libheif-examples",
            },
            _ => RenderError::io("starting heif-convert", &err),
        })?;
    if output.status.success() && to.is_file() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let said = said
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("no reason given");
    Err(RenderError::UnreadableMedia {
        name: name.into(),
        reason: format!(
            "the HEIC picture cannot be decoded ({})",
            said.chars().take(200).collect::<String>()
        ),
    })
}
