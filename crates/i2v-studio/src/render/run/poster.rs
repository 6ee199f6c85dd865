//! A finished render's poster: one JPEG frame of the file itself, so it shows what was made
//! (its size, its colours after encoding, a GIF's palette) and not what was planned.

use std::path::Path;
use std::process::Stdio;

use tokio::process::Command;

use super::super::error::RenderError;

/// Writes the frame of `video` at `seconds` to `poster` as a JPEG of the video's size.
pub(super) async fn take(
    ffmpeg: &Path,
    video: &Path,
    seconds: f64,
    poster: &Path,
) -> Result<(), RenderError> {
    let utf8 = |path: &Path| {
        path.to_str()
            .map(|path| format!("file:{path}"))
            .ok_or_else(|| RenderError::PathNotUtf8(path.display().to_string()))
    };
    let output = Command::new(ffmpeg)
        .args(["-hide_banner", "-nostdin", "-y", "-loglevel", "error"])
        // Seeking before the input decodes from the keyframe before `seconds` only.
        .args(["-ss", &format!("{seconds:.3}"), "-i", &utf8(video)?])
        // JPEG is 4:2:0 in full range; `-q:v 3` is a high quality for a picture this size.
        .args(["-frames:v", "1", "-pix_fmt", "yuvj420p", "-q:v", "3"])
        .args(["-update", "1", "-f", "image2", &utf8(poster)?])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| RenderError::io("taking the poster", &err))?;
    let made = tokio::fs::metadata(poster)
        .await
        .is_ok_and(|meta| meta.len() > 0);
    if output.status.success() && made {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    Err(RenderError::BadOutput(format!(
        "no poster could be taken at {seconds:.3} s: {}",
        said.trim().chars().take(200).collect::<String>()
    )))
}
