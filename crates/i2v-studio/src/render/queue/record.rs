//! A render job as it is kept on disk: a small JSON file beside its output and poster
//! (`<data>/renders/<id>.json`, `<id>.<format>` and `<id>.poster.jpg`), rewritten atomically at
//! every change of state, so that jobs and their files survive a restart.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::super::error::RenderError;
use super::super::files;
use super::super::output::Format;

/// Where a job is in its life: `pending → processing → completed | failed`, or `cancelled`
/// from either of the first two, and, once its output has been removed, `expired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Stage {
    /// Waiting for a worker (or for the session's other export).
    Pending,
    /// Rendering.
    Processing,
    /// Finished: the output is ready.
    Completed,
    /// Stopped with an error.
    Failed,
    /// Stopped on request before it finished; it left no output.
    Cancelled,
    /// Finished long ago: the output has been removed.
    Expired,
}

/// The finished file, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OutputRecord {
    /// The file's name inside the renders directory.
    pub(crate) file: String,
    /// Size in bytes.
    pub(crate) size: u64,
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// Length in ms.
    pub(crate) duration_ms: u64,
    /// The format's word (`mp4`); records from before formats were kept made MP4s.
    #[serde(default = "mp4")]
    pub(crate) format: String,
    /// Frames per second, as the file says (0: not recorded).
    #[serde(default)]
    pub(crate) fps: u32,
    /// The poster's file name inside the renders directory (`None`: made before posters).
    #[serde(default)]
    pub(crate) poster: Option<String>,
}

fn mp4() -> String {
    Format::Mp4.as_str().into()
}

impl OutputRecord {
    /// The format it was made in.
    pub(crate) fn format(&self) -> Format {
        Format::from_extension(&self.format).unwrap_or_default()
    }
}

/// Everything known about a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    /// The render id.
    pub(crate) id: String,
    /// The session it belongs to.
    pub(crate) session_id: String,
    /// Where it is.
    pub(crate) status: Stage,
    /// Share done, 0 to 100.
    #[serde(default)]
    pub(crate) progress: u8,
    /// When it was submitted (ms since the Unix epoch).
    pub(crate) created_ms: u64,
    /// When it started rendering.
    #[serde(default)]
    pub(crate) started_ms: Option<u64>,
    /// When it completed or failed.
    #[serde(default)]
    pub(crate) finished_ms: Option<u64>,
    /// Why it failed.
    #[serde(default)]
    pub(crate) error: Option<String>,
    /// The finished file.
    #[serde(default)]
    pub(crate) output: Option<OutputRecord>,
    /// ffmpeg's peak resident memory.
    #[serde(default)]
    pub(crate) peak_memory_bytes: Option<u64>,
    /// What makes the render the same video as another (`RenderRequest::cache_key`).
    #[serde(default)]
    pub(crate) cache_key: Option<String>,
    /// The earlier job whose output this one is, when nothing had changed since.
    #[serde(default)]
    pub(crate) reused_from: Option<String>,
}

impl Record {
    /// A new job, waiting.
    pub(crate) fn pending(id: &str, session_id: &str) -> Record {
        Record {
            id: id.into(),
            session_id: session_id.into(),
            status: Stage::Pending,
            progress: 0,
            created_ms: now_ms(),
            started_ms: None,
            finished_ms: None,
            error: None,
            output: None,
            peak_memory_bytes: None,
            cache_key: None,
            reused_from: None,
        }
    }

    /// Marks the job failed with a reason.
    pub(crate) fn fail(&mut self, reason: impl Into<String>) {
        self.status = Stage::Failed;
        self.error = Some(reason.into());
        self.finished_ms = Some(now_ms());
    }

    /// Marks the job cancelled.
    pub(crate) fn cancel(&mut self) {
        self.fail(RenderError::Cancelled.to_string());
        self.status = Stage::Cancelled;
    }

    /// Whether the job has ended: completed, failed or cancelled.
    pub(crate) fn is_finished(&self) -> bool {
        matches!(
            self.status,
            Stage::Completed | Stage::Failed | Stage::Cancelled
        )
    }
}

/// Where the records and outputs of a data directory live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// `<data>/renders`.
    pub(crate) renders: PathBuf,
}

impl Layout {
    /// The record file of a job.
    pub(crate) fn record(&self, id: &str) -> PathBuf {
        self.renders.join(format!("{id}.json"))
    }

    /// A file of the renders directory, by the name a record gives it.
    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.renders.join(name)
    }

    /// The name of a job's finished output in a format.
    pub(crate) fn output_name(id: &str, format: Format) -> String {
        format!("{id}.{}", format.as_str())
    }

    /// The name of a job's finished poster.
    pub(crate) fn poster_name(id: &str) -> String {
        format!("{id}.poster.jpg")
    }

    /// Where ffmpeg writes while it works; renamed to the output when checked.
    pub(crate) fn partial(&self, id: &str, format: Format) -> PathBuf {
        self.renders.join(format!("{id}.part.{}", format.as_str()))
    }

    /// Where the poster is taken while the render is not yet kept.
    pub(crate) fn partial_poster(&self, id: &str) -> PathBuf {
        self.renders.join(format!("{id}.part.poster.jpg"))
    }

    /// Removes a job's finished files (its output and poster), if it has any.
    pub(crate) fn remove_outputs(&self, record: &Record) {
        if let Some(output) = &record.output {
            let _ = std::fs::remove_file(self.file(&output.file));
            if let Some(poster) = &output.poster {
                let _ = std::fs::remove_file(self.file(poster));
            }
        }
    }

    /// A job's scratch directory (filter graph, texts, converted pictures).
    pub(crate) fn work(&self, id: &str) -> PathBuf {
        self.renders.join(format!(".work-{id}"))
    }

    /// Writes a record atomically.
    pub(crate) fn save(&self, record: &Record) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
        files::write_atomically(&self.record(&record.id), &json)
    }

    /// Reads every record in the renders directory; unreadable ones are skipped with a warning.
    pub(crate) fn load_all(&self) -> std::io::Result<Vec<Record>> {
        let mut records = Vec::new();
        for entry in std::fs::read_dir(&self.renders)? {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") || is_hidden(&path) {
                continue;
            }
            let parsed = std::fs::read(&path)
                .map_err(|err| err.to_string())
                .and_then(|bytes| {
                    serde_json::from_slice::<Record>(&bytes).map_err(|err| err.to_string())
                });
            match parsed {
                Ok(record) => records.push(record),
                Err(err) => {
                    tracing::warn!(path = %path.display(), %err, "skipping an unreadable render record")
                }
            }
        }
        Ok(records)
    }

    /// Removes what a crash leaves behind: half-written records and outputs, scratch directories.
    pub(crate) fn sweep_leftovers(&self) -> std::io::Result<()> {
        for entry in std::fs::read_dir(&self.renders)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if files::is_temporary(&name) || name.contains(".part.") {
                std::fs::remove_file(&path)?;
            } else if name.starts_with(".work-") {
                std::fs::remove_dir_all(&path)?;
            }
        }
        Ok(())
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_json() {
        let mut record = Record::pending("render_1", "sess_1");
        record.status = Stage::Completed;
        record.output = Some(OutputRecord {
            file: "render_1.mp4".into(),
            size: 10,
            width: 1920,
            height: 1080,
            duration_ms: 3000,
            format: "webm".into(),
            fps: 25,
            poster: Some("render_1.poster.jpg".into()),
        });
        let json = serde_json::to_string(&record).expect("json");
        assert!(json.contains(r#""status":"completed""#), "{json}");
        let back: Record = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, record);
    }

    #[test]
    fn older_records_with_fewer_fields_still_read() {
        let back: Record = serde_json::from_str(
            r#"{"id":"r","session_id":"s","status":"processing","created_ms":1}"#,
        )
        .expect("parse");
        assert_eq!(back.status, Stage::Processing);
        assert_eq!((back.progress, back.output), (0, None));
        let output: OutputRecord = serde_json::from_str(
            r#"{"file":"r.mp4","size":1,"width":2,"height":2,"duration_ms":5}"#,
        )
        .expect("an output from before formats");
        assert_eq!(
            (output.format(), output.fps, output.poster),
            (Format::Mp4, 0, None)
        );
    }
}
