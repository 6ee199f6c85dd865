//! Duration, frame size and rotation of sound and video files, from `ffprobe`'s JSON report.
//!
//! A probe that fails (ffprobe missing, slow, or unable to read the file) is reported as an error for the caller
//! to log: the upload keeps the file with unknown fields, and a render can fail later with a reason.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

/// How ffprobe is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeOptions {
    /// The ffprobe program (looked up on `PATH` unless it is a path).
    pub program: PathBuf,
    /// The longest one probe may take before it is killed.
    pub timeout: Duration,
}

impl Default for ProbeOptions {
    fn default() -> ProbeOptions {
        ProbeOptions {
            program: PathBuf::from("ffprobe"),
            timeout: Duration::from_secs(20),
        }
    }
}

/// What ffprobe says about a sound or video file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AvInfo {
    /// Duration in milliseconds, when known.
    pub duration_ms: Option<u64>,
    /// Width of the first video stream as stored (before rotation), when there is one.
    pub width: Option<u32>,
    /// Height of the first video stream as stored, when there is one.
    pub height: Option<u32>,
    /// The video's display rotation as an EXIF orientation (6: a quarter turn clockwise, 3: half, 8: three
    /// quarters); `None` when it is not rotated.
    pub orientation: Option<u8>,
}

/// Why ffprobe gave no report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    /// ffprobe could not be started (not installed?).
    #[error("could not start ffprobe: {reason}")]
    Spawn {
        /// The operating system's description.
        reason: String,
    },
    /// ffprobe ran past its time limit and was killed.
    #[error("ffprobe took longer than {limit_ms} ms")]
    TimedOut {
        /// The limit in milliseconds.
        limit_ms: u64,
    },
    /// ffprobe exited with a failure (it could not read the file).
    #[error("ffprobe failed: {stderr}")]
    Failed {
        /// The start of what ffprobe wrote to stderr.
        stderr: String,
    },
    /// ffprobe's output was not the JSON report expected.
    #[error("ffprobe wrote an unreadable report: {reason}")]
    Report {
        /// What was wrong with it.
        reason: String,
    },
}

/// How much of ffprobe's stderr an error keeps: enough to say why, not a whole log.
const STDERR_KEPT: usize = 300;

/// Runs ffprobe on `path` and reads its duration, first video stream size and rotation.
pub async fn probe_av(path: &Path, options: &ProbeOptions) -> Result<AvInfo, ProbeError> {
    let mut command = tokio::process::Command::new(&options.program);
    command
        .args([
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
        ])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // A probe abandoned at its timeout must not leave ffprobe running.
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| ProbeError::Spawn {
        reason: e.to_string(),
    })?;
    let limit_ms = u64::try_from(options.timeout.as_millis()).unwrap_or(u64::MAX);
    let output = tokio::time::timeout(options.timeout, child.wait_with_output())
        .await
        .map_err(|_| ProbeError::TimedOut { limit_ms })?
        .map_err(|e| ProbeError::Spawn {
            reason: e.to_string(),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr: String = stderr.trim().chars().take(STDERR_KEPT).collect();
        return Err(ProbeError::Failed { stderr });
    }
    parse_report(&output.stdout)
}

/// Reads ffprobe's `-show_format -show_streams` JSON report.
fn parse_report(json: &[u8]) -> Result<AvInfo, ProbeError> {
    let report: Value = serde_json::from_slice(json).map_err(|e| ProbeError::Report {
        reason: e.to_string(),
    })?;
    let streams = report
        .get("streams")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    // Cover art in a sound file is a "video" stream too; it is not the picture of a video.
    let video = streams.iter().find(|s| {
        s.get("codec_type").and_then(Value::as_str) == Some("video")
            && s.pointer("/disposition/attached_pic")
                .and_then(Value::as_i64)
                != Some(1)
    });
    let seconds = number(report.pointer("/format/duration")).or_else(|| {
        let durations = streams.iter().filter_map(|s| number(s.get("duration")));
        durations.fold(None, |longest: Option<f64>, d| {
            Some(longest.map_or(d, |l| l.max(d)))
        })
    });
    let dimension = |key: &str| {
        let value = video.and_then(|s| s.get(key)).and_then(Value::as_u64);
        value.and_then(|v| u32::try_from(v).ok()).filter(|&v| v > 0)
    };
    Ok(AvInfo {
        duration_ms: seconds
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| (s * 1000.0).round() as u64),
        width: dimension("width"),
        height: dimension("height"),
        orientation: video.and_then(rotation_orientation),
    })
}

/// A JSON number, or a string holding one (ffprobe writes durations as strings).
fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The display rotation of a video stream as an EXIF orientation. ffmpeg ≥ 5 reports the display matrix's
/// `rotation` in degrees anticlockwise (a phone's portrait video: −90); older ones a `rotate` tag in degrees
/// clockwise (90 for the same video).
fn rotation_orientation(stream: &Value) -> Option<u8> {
    let side_data = stream.get("side_data_list").and_then(Value::as_array);
    let anticlockwise =
        side_data.and_then(|list| list.iter().find_map(|d| number(d.get("rotation"))));
    let clockwise = anticlockwise
        .map(|degrees| -degrees)
        .or_else(|| number(stream.pointer("/tags/rotate")))?;
    let quarters = ((clockwise / 90.0).round() as i64).rem_euclid(4);
    match quarters {
        1 => Some(6),
        2 => Some(3),
        3 => Some(8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_duration_size_and_rotation_of_a_phone_video() {
        let report = br#"{"streams":[
            {"index":0,"codec_type":"video","width":1920,"height":1080,"duration":"12.345678",
             "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
            {"index":1,"codec_type":"audio","duration":"12.40"}],
            "format":{"duration":"12.400000","size":"123"}}"#;
        let info = parse_report(report).unwrap();
        assert_eq!(
            info,
            AvInfo {
                duration_ms: Some(12_400),
                width: Some(1920),
                height: Some(1080),
                orientation: Some(6)
            }
        );
    }

    #[test]
    fn old_rotate_tags_and_half_turns_are_understood() {
        let report = br#"{"streams":[{"codec_type":"video","width":640,"height":480,"tags":{"rotate":"270"}}]}"#;
        assert_eq!(parse_report(report).unwrap().orientation, Some(8));
        let report = br#"{"streams":[{"codec_type":"video","width":640,"height":480,
            "side_data_list":[{"rotation":180}]}]}"#;
        assert_eq!(parse_report(report).unwrap().orientation, Some(3));
    }

    #[test]
    fn sound_with_cover_art_has_no_picture_size() {
        let report = br#"{"streams":[
            {"codec_type":"audio","duration":"3.000"},
            {"codec_type":"video","width":500,"height":500,"disposition":{"attached_pic":1}}],
            "format":{"duration":"3.000000"}}"#;
        assert_eq!(
            parse_report(report).unwrap(),
            AvInfo {
                duration_ms: Some(3000),
                ..AvInfo::default()
            }
        );
    }

    #[test]
    fn missing_format_duration_falls_back_to_the_longest_stream() {
        let report = br#"{"streams":[{"codec_type":"audio","duration":"1.5"},{"codec_type":"audio","duration":2.25}]}"#;
        assert_eq!(parse_report(report).unwrap().duration_ms, Some(2250));
    }

    #[test]
    fn odd_reports_give_unknown_fields_or_an_error() {
        assert_eq!(parse_report(b"{}").unwrap(), AvInfo::default());
        let report = br#"{"streams":"x","format":{"duration":"N/A"}}"#;
        assert_eq!(parse_report(report).unwrap(), AvInfo::default());
        assert!(matches!(
            parse_report(b"not json"),
            Err(ProbeError::Report { .. })
        ));
    }

    #[tokio::test]
    async fn a_missing_program_is_a_spawn_error() {
        let options = ProbeOptions {
            program: "/nonexistent/ffprobe".into(),
            ..ProbeOptions::default()
        };
        let error = probe_av(Path::new("/dev/null"), &options)
            .await
            .unwrap_err();
        assert!(matches!(error, ProbeError::Spawn { .. }), "{error}");
    }

    #[tokio::test]
    async fn a_slow_probe_is_killed_at_its_timeout() {
        // ffprobe opening a FIFO that nobody writes to blocks, as it would on a stuck network filesystem.
        let fifo = std::env::temp_dir().join(format!("i2v-probe-fifo-{}", std::process::id()));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let options = ProbeOptions {
            timeout: Duration::from_millis(300),
            ..ProbeOptions::default()
        };
        let started = std::time::Instant::now();
        let result = probe_av(&fifo, &options).await;
        let elapsed = started.elapsed();
        std::fs::remove_file(&fifo).unwrap();
        assert_eq!(result, Err(ProbeError::TimedOut { limit_ms: 300 }));
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    }

    #[tokio::test]
    async fn ffprobe_failing_on_garbage_is_a_failure_with_its_reason() {
        let path =
            std::env::temp_dir().join(format!("i2v-probe-garbage-{}.mp4", std::process::id()));
        std::fs::write(&path, b"\0\0\0\x18ftypisom\0\0\0\0isomthis is no movie").unwrap();
        let result = probe_av(&path, &ProbeOptions::default()).await;
        std::fs::remove_file(&path).unwrap();
        assert!(
            matches!(result, Err(ProbeError::Failed { ref stderr }) if !stderr.is_empty()),
            "{result:?}"
        );
    }
}
