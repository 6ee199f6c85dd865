//! Decoding an upload once, whole, before it is kept: a damaged picture is refused at the door
//! rather than dropped by a render later (a PNG cut in half has a header that sizes it, so the
//! header probe alone accepted it, and the video came out short).
//!
//! Pictures are decoded to the last pixel, every frame of an animation included: ffmpeg with
//! `-xerror`, its demuxer forced from the sniffed format (the content already said which, and a
//! crafted file must not steer ffmpeg to another reader), and any error line counted as damage,
//! since a JPEG cut short decodes with a grey bottom and exit status 0, only saying `overread`.
//! HEIF goes through libheif's `heif-convert`, the studio's HEIC path (ffmpeg 5.1 reads none).
//! Sound and video are probed by ffprobe already; here their first second is decoded, which
//! refuses a file holding no stream ffmpeg can decode without reading a whole film.
//!
//! Every run is a child process awaited by tokio (the async threads never block), bounded by
//! [`DecodeOptions::timeout`] and killed when it passes it or the upload is dropped.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::process::Command;

use super::format::{Format, MediaKind};

/// The programs and the time limit of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeOptions {
    /// ffmpeg (looked up on `PATH` unless it is a path).
    pub(crate) ffmpeg: PathBuf,
    /// libheif's `heif-convert`, for HEIF pictures.
    pub(crate) heif_convert: PathBuf,
    /// The longest one check may take; a picture that takes longer is refused.
    pub(crate) timeout: Duration,
}

impl Default for DecodeOptions {
    fn default() -> DecodeOptions {
        DecodeOptions {
            ffmpeg: PathBuf::from("ffmpeg"),
            heif_convert: PathBuf::from("heif-convert"),
            // A 100 MP PNG (the pixel limit) decodes in about 3 s on one core; twenty times
            // that leaves room for a busy machine and still ends a decoder stuck on a crafted file.
            timeout: Duration::from_secs(60),
        }
    }
}

/// Why a file did not pass the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The file is damaged; the reason completes "beach.png is damaged: …".
    Damaged(String),
    /// The decoder could not be run at all (not installed?): the studio's fault, not the file's.
    Tool(String),
}

/// How much of a decoder's error output is logged.
const STDERR_LOGGED: usize = 300;

/// Decodes the file at `path`, already judged to be `format`, and says whether it is whole.
/// `scratch` is a directory for the HEIF decoder's output, removed before this returns.
pub(crate) async fn check(
    path: &Path,
    format: Format,
    scratch: &Path,
    options: &DecodeOptions,
) -> Result<(), Refusal> {
    if format.is_heif() {
        return check_heif(path, scratch, options).await;
    }
    let mut command = Command::new(&options.ffmpeg);
    command.args(["-hide_banner", "-nostdin", "-nostats", "-v", "error"]);
    if format.kind == MediaKind::Image {
        command.arg("-xerror");
        if let Some(demuxer) = image_demuxer(format) {
            command.args(["-f", demuxer]);
        }
        command.arg("-i").arg(path);
    } else {
        // The first second: enough to show a stream decodes, cheap for a two-hour film.
        command.arg("-i").arg(path).args(["-t", "1"]);
    }
    command.args(["-f", "null", "-progress", "pipe:1", "-"]);
    let run = run(command, "ffmpeg", options.timeout).await?;
    let decoded = Progress::read(&run.stdout);
    let failed = !run.success || (format.kind == MediaKind::Image && !run.stderr.is_empty());
    if failed {
        tracing::info!(stderr = %gist(&run.stderr), mime = format.mime, "an upload failed to decode");
        return Err(Refusal::Damaged(match format.kind {
            MediaKind::Image => image_reason(path, format).await,
            MediaKind::Video | MediaKind::Audio => {
                "no sound or picture in it can be decoded".into()
            }
        }));
    }
    if decoded.frames == 0 && decoded.out_time_us <= 0 {
        return Err(Refusal::Damaged(match format.kind {
            MediaKind::Image => "it holds no picture".into(),
            MediaKind::Video | MediaKind::Audio => "it holds no sound or picture".into(),
        }));
    }
    Ok(())
}

/// The ffmpeg demuxer of an image format that is not HEIF.
fn image_demuxer(format: Format) -> Option<&'static str> {
    match format {
        Format::JPEG => Some("jpeg_pipe"),
        Format::PNG => Some("png_pipe"),
        Format::GIF => Some("gif"),
        Format::WEBP => Some("webp_pipe"),
        _ => None,
    }
}

/// Decodes a HEIF picture with `heif-convert` into a raw `.y4m` under `scratch` (no encoding
/// cost, unlike JPEG or PNG output), then removes it.
async fn check_heif(path: &Path, scratch: &Path, options: &DecodeOptions) -> Result<(), Refusal> {
    let output = scratch.join(format!(
        "{}.y4m",
        path.file_stem()
            .map_or_else(|| "check".into(), |stem| stem.to_string_lossy())
    ));
    let mut command = Command::new(&options.heif_convert);
    command.arg("--quiet").arg(path).arg(&output);
    let result = run(command, "heif-convert", options.timeout).await;
    let written = tokio::fs::remove_file(&output).await.is_ok();
    let run = result?;
    if run.success && written {
        return Ok(());
    }
    tracing::info!(stderr = %gist(&run.stderr), "an uploaded HEIF picture failed to decode");
    let stderr = String::from_utf8_lossy(&run.stderr);
    Err(Refusal::Damaged(
        if stderr.contains("end of file") || stderr.contains("outside of file") {
            ENDS_EARLY.into()
        } else {
            CORRUPT.into()
        },
    ))
}

/// The reason given for a picture cut short.
const ENDS_EARLY: &str = "the image data ends early";
/// The reason given for a picture whose data is wrong some other way.
const CORRUPT: &str = "the image data is corrupt";

/// Which of the two reasons fits a picture that failed to decode: whether its last bytes are
/// the end its format writes (decoders' own words for a cut vary by format and version).
async fn image_reason(path: &Path, format: Format) -> String {
    let path = path.to_path_buf();
    let cut = tokio::task::spawn_blocking(move || looks_cut(&path, format))
        .await
        .unwrap_or(false);
    if cut { ENDS_EARLY } else { CORRUPT }.into()
}

/// Whether a picture file stops before its format's last structure: PNG's `IEND` chunk, JPEG's
/// end-of-image marker, GIF's trailer byte, or the length a WebP's RIFF header declares.
pub(crate) fn looks_cut(path: &Path, format: Format) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let read = || -> std::io::Result<(u64, Vec<u8>, Vec<u8>)> {
        let mut file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        let mut head = vec![0; 12];
        let head_len = file.read(&mut head)?;
        head.truncate(head_len);
        file.seek(SeekFrom::Start(len.saturating_sub(12)))?;
        let mut tail = Vec::with_capacity(12);
        file.read_to_end(&mut tail)?;
        Ok((len, head, tail))
    };
    let Ok((len, head, tail)) = read() else {
        return false;
    };
    match format {
        Format::PNG => tail != b"\0\0\0\0IEND\xaeB`\x82",
        // Some cameras write a few bytes after the marker; a cut file has none near its end.
        Format::JPEG => !tail.windows(2).any(|pair| pair == [0xFF, 0xD9]),
        Format::GIF => tail.last() != Some(&0x3B),
        Format::WEBP => head.get(4..8).is_some_and(|size| {
            let declared = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
            u64::from(declared) + 8 > len
        }),
        _ => false,
    }
}

/// What a finished decoder run left.
struct Run {
    success: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs a decoder to its end or its time limit (then it is killed, and the file refused).
async fn run(mut command: Command, tool: &str, timeout: Duration) -> Result<Run, Refusal> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = command
        .spawn()
        .map_err(|err| Refusal::Tool(format!("could not start {tool}: {err}")))?;
    match tokio::time::timeout(timeout, child.wait_with_output()).await {
        Err(_) => Err(Refusal::Damaged(format!(
            "it could not be decoded within {} s",
            timeout.as_secs()
        ))),
        Ok(Err(err)) => Err(Refusal::Tool(format!("{tool} failed to run: {err}"))),
        Ok(Ok(output)) => Ok(Run {
            success: output.status.success(),
            stdout: output.stdout,
            stderr: output.stderr,
        }),
    }
}

/// The start of a decoder's error output, on one line, for the log.
fn gist(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    line.chars().take(STDERR_LOGGED).collect()
}

/// What ffmpeg's `-progress` report says was decoded: frames of picture, time of sound.
#[derive(Debug, Default, PartialEq, Eq)]
struct Progress {
    frames: u64,
    out_time_us: i64,
}

impl Progress {
    /// The last value of each key in the report (it is written again and again as ffmpeg runs).
    fn read(report: &[u8]) -> Progress {
        let mut progress = Progress::default();
        for line in String::from_utf8_lossy(report).lines() {
            if let Some(frames) = line.strip_prefix("frame=") {
                progress.frames = frames.trim().parse().unwrap_or(progress.frames);
            } else if let Some(time) = line.strip_prefix("out_time_us=") {
                progress.out_time_us = time.trim().parse().unwrap_or(progress.out_time_us);
            }
        }
        progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_keeps_the_last_report() {
        let report = b"frame=0\nout_time_us=N/A\nprogress=continue\nframe=3\nout_time_us=120000\nprogress=end\n";
        assert_eq!(
            Progress::read(report),
            Progress {
                frames: 3,
                out_time_us: 120_000
            }
        );
        assert_eq!(Progress::read(b"garbage"), Progress::default());
    }

    #[test]
    fn image_demuxers_are_forced_for_every_picture_but_heif() {
        for format in Format::ALL {
            let forced = image_demuxer(format).is_some();
            let expected = format.kind == MediaKind::Image && !format.is_heif();
            assert_eq!(forced, expected, "{format:?}");
        }
    }

    #[tokio::test]
    async fn a_missing_decoder_is_the_studios_fault_not_the_files() {
        let options = DecodeOptions {
            ffmpeg: "/nonexistent/ffmpeg".into(),
            heif_convert: "/nonexistent/heif-convert".into(),
            ..DecodeOptions::default()
        };
        let scratch = std::env::temp_dir();
        for format in [Format::PNG, Format::HEIC, Format::MP4] {
            let refusal = check(Path::new("/dev/null"), format, &scratch, &options)
                .await
                .unwrap_err();
            assert!(
                matches!(refusal, Refusal::Tool(_)),
                "{format:?}: {refusal:?}"
            );
        }
    }
}
