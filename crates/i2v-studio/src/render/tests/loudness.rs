//! The soundtrack as delivered: AAC-LC stereo at 48 kHz, and at -14 LUFS integrated whatever
//! volume the draft gave its music (measured with ffmpeg's EBU R128 meter, `ebur128`).

use std::path::Path;
use std::process::Command;

use serde_json::json;

use super::super::{Canvas, JobState, MediaKind};
use super::support::{Scratch, media, picture, queue, request};

const SMALL: Canvas = Canvas::new(320, 180, 30);

/// The integrated loudness of a file's sound, in LUFS, as `ebur128` sums it up.
fn integrated_lufs(video: &Path) -> f64 {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(video)
        .args(["-filter_complex", "[0:a]ebur128", "-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    let log = String::from_utf8_lossy(&output.stderr);
    // The summary comes last: "Integrated loudness:\n    I:         -14.2 LUFS".
    let summary = log
        .rsplit("Integrated loudness:")
        .next()
        .unwrap_or_default();
    summary
        .lines()
        .find_map(|line| line.trim().strip_prefix("I:"))
        .and_then(|value| value.trim().trim_end_matches("LUFS").trim().parse().ok())
        .unwrap_or_else(|| panic!("no integrated loudness in {log}"))
}

/// The first audio stream's codec, profile, sample rate and channels, as ffprobe names them.
fn audio_stream(video: &Path) -> String {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "a:0", "-show_entries"])
        .args([
            "stream=codec_name,profile,sample_rate,channels",
            "-of",
            "csv=p=0",
        ])
        .arg(video)
        .output()
        .expect("ffprobe runs");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[tokio::test]
async fn quiet_and_loud_music_both_come_out_at_minus_14_lufs() {
    let data = Scratch::new("loudness");
    picture("color=c=green:s=320x180", &data.join("green.jpg"));
    let queue = queue(&data, 1);
    for (id, volume) in [("render_quiet", 0.15), ("render_loud", 1.0)] {
        let draft = json!({"t": [
            {"tt": 0, "sg": [{"d": 12000, "m": {"src": "pic"}}]},
            {"tt": 1, "m": {"role": "bgm"}, "sg": [{"d": 12000, "m": {"src": "library:lofi", "volume": volume}}]},
        ]});
        let media = vec![("pic", media(&data.join("green.jpg"), MediaKind::Image))];
        queue
            .submit(request(id, id, draft, media, SMALL))
            .expect("submitted");
        let status = queue.wait(id).await.expect("the job exists");
        assert_eq!(status.status, JobState::Completed, "{:?}", status.error);
        let video = &status.output.as_ref().expect("output").path;
        assert_eq!(audio_stream(video), "aac,LC,48000,2", "{id}");
        let lufs = integrated_lufs(video);
        assert!(
            (lufs - -14.0).abs() <= 1.5,
            "{id} (music at volume {volume}): {lufs} LUFS"
        );
    }
}
