//! What a finished file holds, as ffprobe reports it: its streams, and how long its video
//! stream itself lasts (WebM records no stream length, so there its packets are counted).

use std::path::Path;

use serde_json::Value;
use tokio::process::Command;

use super::super::error::RenderError;

/// The streams and size of a media file.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Size in bytes.
    pub size: u64,
    /// Length in ms (the container's).
    pub duration_ms: u64,
    /// The first video stream, if any.
    pub video: Option<VideoStream>,
    /// The first audio stream's codec, if any.
    pub audio_codec: Option<String>,
    /// The container's name as ffprobe gives it (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`).
    pub container: String,
}

/// A video stream's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoStream {
    /// Codec (`h264`).
    pub codec: String,
    /// Codec profile (`High`).
    pub profile: String,
    /// Pixel format (`yuv420p`).
    pub pix_fmt: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: f64,
    /// Frames in the stream: as the container says, else as counted.
    pub frames: Option<u64>,
    /// How long the stream lasts, in ms: as the container says, else its frames at its rate.
    pub duration_ms: Option<u64>,
}

/// Runs ffprobe on a file.
pub async fn probe(ffprobe: &Path, file: &Path) -> Result<Probe, RenderError> {
    let output = Command::new(ffprobe)
        // Counting packets reads the file through without decoding it: cheap, and the one
        // measure of a WebM's video length.
        .args(["-v", "error", "-count_packets", "-show_entries"])
        .arg("format=duration,size,format_name:stream=codec_type,codec_name,profile,pix_fmt,width,height,avg_frame_rate,nb_frames,duration,nb_read_packets")
        .args(["-of", "json"])
        .arg(file)
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => RenderError::ToolMissing {
                tool: "ffprobe".into(),
                package: "ffmpeg",
            },
            _ => RenderError::io("running ffprobe", &err),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(RenderError::BadOutput(
            stderr.trim().chars().take(300).collect(),
        ));
    }
    let json: Value = serde_json::from_slice(&output.stdout)
        .map_err(|err| RenderError::BadOutput(format!("ffprobe answered oddly: {err}")))?;
    Ok(parse(&json))
}

/// Reads ffprobe's JSON answer.
pub(crate) fn parse(json: &Value) -> Probe {
    let format = &json["format"];
    let number = |value: &Value| -> Option<f64> {
        value
            .as_str()
            .and_then(|text| text.parse::<f64>().ok())
            .or_else(|| value.as_f64())
    };
    let streams = json["streams"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let of_type = |kind: &str| streams.iter().find(|s| s["codec_type"] == kind);
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    let dimension = |value: &Value| {
        value
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0)
    };
    let video = of_type("video").map(|stream| {
        let fps = rate(stream["avg_frame_rate"].as_str().unwrap_or_default());
        let frames = number(&stream["nb_frames"])
            .or_else(|| number(&stream["nb_read_packets"]))
            .map(|n| n as u64);
        let counted = frames
            .filter(|_| fps > 0.0)
            .map(|frames| frames as f64 / fps);
        let seconds = number(&stream["duration"]).or(counted);
        VideoStream {
            codec: text(&stream["codec_name"]),
            profile: text(&stream["profile"]),
            pix_fmt: text(&stream["pix_fmt"]),
            width: dimension(&stream["width"]),
            height: dimension(&stream["height"]),
            fps,
            frames,
            duration_ms: seconds.map(|s| (s * 1000.0).round() as u64),
        }
    });
    Probe {
        size: number(&format["size"]).map_or(0, |n| n as u64),
        duration_ms: number(&format["duration"]).map_or(0, |s| (s * 1000.0).round() as u64),
        video,
        audio_codec: of_type("audio").map(|stream| text(&stream["codec_name"])),
        container: text(&format["format_name"]),
    }
}

/// `30/1` → 30.0; anything unreadable → 0.
fn rate(text: &str) -> f64 {
    let (num, den) = text.split_once('/').unwrap_or((text, "1"));
    match (num.parse::<f64>(), den.parse::<f64>()) {
        (Ok(num), Ok(den)) if den > 0.0 => num / den,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ffprobe_json_is_read() {
        let probe = parse(&json!({
            "streams": [
                {"codec_name": "h264", "profile": "High", "codec_type": "video", "width": 1920,
                 "height": 1080, "pix_fmt": "yuv420p", "avg_frame_rate": "30/1", "nb_frames": "900"},
                {"codec_name": "aac", "profile": "LC", "codec_type": "audio"}
            ],
            "format": {"duration": "30.000000", "size": "12345678"}
        }));
        let video = probe.video.clone().expect("video");
        assert_eq!(
            (video.width, video.height, video.frames),
            (1920, 1080, Some(900))
        );
        assert_eq!(
            (video.codec.as_str(), video.profile.as_str()),
            ("h264", "High")
        );
        assert!((video.fps - 30.0).abs() < 1e-9);
        assert_eq!(video.duration_ms, Some(30_000), "frames at the rate");
        assert_eq!(probe.audio_codec.as_deref(), Some("aac"));
        assert_eq!((probe.size, probe.duration_ms), (12_345_678, 30_000));
    }

    #[test]
    fn a_webm_video_lasts_its_counted_frames_and_a_stated_length_wins() {
        let probe = parse(&json!({
            "streams": [{"codec_name": "vp9", "codec_type": "video", "avg_frame_rate": "25/1",
                         "duration": "N/A", "nb_frames": "N/A", "nb_read_packets": "48"}],
            "format": {"duration": "2.007000", "format_name": "matroska,webm"}
        }));
        let video = probe.video.expect("video");
        assert_eq!((video.frames, video.duration_ms), (Some(48), Some(1920)));
        assert_eq!(probe.container, "matroska,webm");
        let stated = parse(
            &json!({"streams": [{"codec_type": "video", "avg_frame_rate": "25/1",
            "duration": "1.5", "nb_frames": "50"}]}),
        );
        assert_eq!(stated.video.and_then(|v| v.duration_ms), Some(1500));
    }

    #[test]
    fn odd_answers_read_as_nothing() {
        let probe = parse(&json!({"streams": "no"}));
        assert_eq!(probe.video, None);
        assert_eq!((probe.size, probe.duration_ms), (0, 0));
        assert_eq!(rate("30000/1001").round(), 30.0);
        assert_eq!(rate("0/0"), 0.0);
    }
}
