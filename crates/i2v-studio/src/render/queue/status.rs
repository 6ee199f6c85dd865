//! A job as the API reports it: its state, progress, output or error, from its record.

use std::collections::VecDeque;
use std::path::PathBuf;

use super::super::error::QueueError;
use super::super::output::Format;
use super::record::{Layout, Record, Stage};

/// Where a job is, as the API reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Waiting for a worker or for the session's other export.
    Pending,
    /// Rendering.
    Processing,
    /// Finished; the output is ready.
    Completed,
    /// Stopped with an error.
    Failed,
    /// Stopped on request; it produced nothing.
    Cancelled,
}

impl JobState {
    /// The protocol's word for it: `pending`, `processing`, `completed`, `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Pending => "pending",
            JobState::Processing => "processing",
            JobState::Completed => "completed",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    /// Whether the job has ended, one way or another.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Completed | JobState::Failed | JobState::Cancelled
        )
    }
}

/// A finished render's file, as ffprobe read it when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOutput {
    /// Where the file is.
    pub path: PathBuf,
    /// What it is (its MIME type is [`Format::mime`]).
    pub format: Format,
    /// Its poster, a JPEG (`None`: made before posters were).
    pub poster: Option<PathBuf>,
    /// Frames per second (0: not recorded).
    pub fps: u32,
    /// Size in bytes.
    pub size: u64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Length in ms.
    pub duration_ms: u64,
}

/// A job as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    /// The render id.
    pub id: String,
    /// The session it belongs to.
    pub session_id: String,
    /// Where it is.
    pub status: JobState,
    /// Share done, 0 to 100.
    pub progress: u8,
    /// The file, once completed.
    pub output: Option<RenderOutput>,
    /// Why it failed.
    pub error: Option<String>,
    /// Jobs ahead of it in the queue, while pending.
    pub queue_position: Option<usize>,
    /// ffmpeg's peak resident memory, once finished (when it could be read).
    pub peak_memory_bytes: Option<u64>,
    /// When it was submitted (ms since the Unix epoch).
    pub created_ms: u64,
    /// When it completed, failed or was cancelled.
    pub finished_ms: Option<u64>,
}

/// Reports the job `id` from its record (`None`: no such job); expired jobs answer so.
pub(crate) fn report(
    record: Option<&Record>,
    waiting: &VecDeque<String>,
    layout: &Layout,
    id: &str,
) -> Result<JobStatus, QueueError> {
    let record = record.ok_or_else(|| QueueError::Unknown(id.into()))?;
    let status = match record.status {
        Stage::Pending => JobState::Pending,
        Stage::Processing => JobState::Processing,
        Stage::Completed => JobState::Completed,
        Stage::Failed => JobState::Failed,
        Stage::Cancelled => JobState::Cancelled,
        Stage::Expired => return Err(QueueError::Expired(id.into())),
    };
    let output = record
        .output
        .as_ref()
        .filter(|_| status == JobState::Completed)
        .map(|output| RenderOutput {
            path: layout.file(&output.file),
            format: output.format(),
            poster: output.poster.as_ref().map(|poster| layout.file(poster)),
            fps: output.fps,
            size: output.size,
            width: output.width,
            height: output.height,
            duration_ms: output.duration_ms,
        });
    Ok(JobStatus {
        id: record.id.clone(),
        session_id: record.session_id.clone(),
        status,
        progress: record.progress,
        output,
        error: record.error.clone(),
        queue_position: waiting.iter().position(|waiting| waiting == id),
        peak_memory_bytes: record.peak_memory_bytes,
        created_ms: record.created_ms,
        finished_ms: record.finished_ms,
    })
}
