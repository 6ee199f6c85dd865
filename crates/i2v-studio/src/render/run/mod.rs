//! Carrying out a plan: write its files, convert the pictures ffmpeg cannot read, make sure
//! the library music exists, run ffmpeg, and check what it wrote.

mod ffmpeg;
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
    let run = ffmpeg::run(
        &tools.ffmpeg,
        &plan.args,
        plan.duration_ms,
        &plan.inputs,
        control,
    )
    .await?;
    let probed = probe(&tools.ffprobe, &plan.output).await?;
    check(plan, &probed)?;
    Ok(RunReport {
        probe: probed,
        peak_memory_bytes: run.peak_memory_bytes,
        wall: started.elapsed(),
    })
}

/// Awaits a step of the render unless it is cancelled or runs out of time first.
async fn watch<T>(
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
async fn convert_heif(
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

/// The output must be what was asked for: H.264 and AAC, at the canvas size, one frame's
/// length from the planned duration.
fn check(plan: &FfmpegPlan, probe: &Probe) -> Result<(), RenderError> {
    let video = probe
        .video
        .as_ref()
        .ok_or_else(|| RenderError::BadOutput("no video stream".into()))?;
    if video.codec != "h264" || probe.audio_codec.as_deref() != Some("aac") {
        return Err(RenderError::BadOutput(format!(
            "streams are {} and {}",
            video.codec,
            probe.audio_codec.as_deref().unwrap_or("no audio")
        )));
    }
    if (video.width, video.height) != (plan.canvas.width, plan.canvas.height) {
        return Err(RenderError::BadOutput(format!(
            "the picture is {}x{}",
            video.width, video.height
        )));
    }
    // The container's duration spans the longer stream; AAC's last frame may reach a little
    // past the video, so a frame plus one AAC frame (about 21 ms) is allowed.
    let frame_ms = 1000 / u64::from(plan.canvas.fps.max(1));
    if probe.duration_ms.abs_diff(plan.duration_ms) > frame_ms + 25 {
        return Err(RenderError::BadOutput(format!(
            "it lasts {} ms instead of {} ms",
            probe.duration_ms, plan.duration_ms
        )));
    }
    Ok(())
}
